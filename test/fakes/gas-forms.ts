// A fake of FormApp (the narrow surface of src/gas/forms-surface.ts), linked to the fake
// spreadsheet of test/fakes/gas.ts the way Google links a form to its responses sheet.
//
// What it reproduces of the real service:
// - FormApp.create(title) / openById(id); an unknown or deleted form throws "No item with the given
//   ID could be found. Possibly because you have not edited this item or you do not have
//   permission to access it.";
// - items of the types the adapter uses, with stable integer IDs, their index, title, help text,
//   required flag, choices and «Другое» (showOtherOption), scale bounds and labels, date year,
//   text validations; getItemById(id) is null for an unknown ID; item.asXxxItem() of the wrong type
//   throws "Invalid conversion for item type: PAGE_BREAK" (the item's actual type); methods of
//   another item type do not exist ("… is not a function"); setChoiceValues([]) throws
//   "Array is empty: values"; scale bounds are 0 or 1 .. 3 to 10 (ScaleItem.setBounds);
// - getDestinationId() of an unlinked form throws "The form currently has no response
//   destination.";
// - setDestination(SPREADSHEET, id) inserts a new sheet at the front of that spreadsheet, named
//   «Ответы на форму (1)», then (2)…, header «Отметка времени» + the question titles in form
//   order, the header row frozen, and the responses collected so far below it; the sheet's
//   getFormUrl() is the form's URL (https://docs.google.com/forms/d/<id>/viewform — not the
//   published nor the edit URL, compare form IDs); linking again inserts another sheet and
//   unlinks the old one (its getFormUrl() becomes null);
// - a question added to a linked form adds a column at the end of its responses sheet; renaming a
//   question renames its column header; deleting or moving a question leaves the columns as they
//   are (page breaks have no column);
// - createResponse().withItemResponse(item.createResponse(…)).toPrefilledUrl() gives the
//   published URL with `usp=pp_url&entry.<entry id>=<value>`; entry IDs differ from item IDs (as
//   in Google Forms); checkbox answers repeat the parameter, an answer outside the choices of an
//   item with «Другое» is `entry.<id>=__other_option__&entry.<id>.other_option_response=<text>`,
//   dates are yyyy-mm-dd; createResponse of a list / choice value that is not a choice throws.
//
// `FakeForm.submit(answers)` is the respondent: it refuses what the form would refuse (missing
// required answers, values outside the choices, text failing the validation, scale values out of
// bounds), stores the response, appends a row to the responses sheet (timestamp Date + answers,
// checkbox answers joined with ", ") and returns the event object an installable «on form submit»
// trigger of the spreadsheet receives: { authMode, range, values, namedValues, triggerUid }, where
// values are the row as displayed strings and namedValues maps each header to an array of strings.
//
// Modelling choices where the documentation is silent: answers are written as text, except scale
// answers (numbers), number-validated text answers (numbers) and dates (Dates at local midnight);
// displayed timestamps and dates use the Russian locale (dd.MM.yyyy H:mm:ss); a new item has an
// empty title, no choices, scale 1–5 without labels; messages of the fake's own start with
// "Fake FormApp:".
//
// Every call on a fake object is counted in `calls` ("FormApp.create", "TextItem.setTitle",
// "Item.getType", …). Test handles (`state`, `describe`, `submit`, `peek`, `deleteForm`) are not.

import type { CellValue } from "../../src/domain/cells";
import type {
  DestinationTypeValue,
  FormAppLike,
  ItemLike,
  ItemTypeValue,
  SheetsFormSubmitEventLike,
} from "../../src/gas/forms-surface";
import { type CallCounter, FakeRange, FakeSheet, type FakeSpreadsheet, GAS_MESSAGES } from "./gas";
import { AUTH_MODE } from "./gas-script";

export type ItemTypeName = Exclude<keyof typeof GoogleAppsScript.Forms.ItemType, number>;

// Apps Script enum values are opaque; the fake uses the ordinals of the typings.
export const ITEM_TYPE: { readonly [K in ItemTypeName]: ItemTypeValue } = {
  CHECKBOX: 0,
  CHECKBOX_GRID: 1,
  DATE: 2,
  DATETIME: 3,
  DURATION: 4,
  GRID: 5,
  IMAGE: 6,
  LIST: 7,
  MULTIPLE_CHOICE: 8,
  PAGE_BREAK: 9,
  PARAGRAPH_TEXT: 10,
  SCALE: 11,
  SECTION_HEADER: 12,
  TEXT: 13,
  TIME: 14,
  VIDEO: 15,
  FILE_UPLOAD: 16,
};

const DESTINATION_TYPE: { readonly SPREADSHEET: DestinationTypeValue } = { SPREADSHEET: 0 };

export const FORM_MESSAGES = {
  notFound:
    "No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.",
  noDestination: "The form currently has no response destination.",
  invalidConversion: (type: ItemTypeName) => `Invalid conversion for item type: ${type}`,
  emptyArray: (name: string) => `Array is empty: ${name}`,
  notAFunction: (method: string) => `${method} is not a function`,
  invalidArgument: (name: string) => `Invalid argument: ${name}`,
  scaleBounds: "Fake FormApp: the lower bound must be 0 or 1 and the upper bound 3 to 10.",
  notAChoice: (value: string) => `Fake FormApp: «${value}» is not one of the item's choices.`,
  indexOutOfRange: (index: number) => `Fake FormApp: item index ${index} is out of range.`,
  noCriterion: "Fake FormApp: a text validation needs a requirement before build().",
  deletedItem: "Fake FormApp: the item has been deleted.",
} as const;

/** What Google names a new responses sheet in a Russian-language spreadsheet. */
export function responsesSheetName(n: number): string {
  return `Ответы на форму (${n})`;
}
export const TIMESTAMP_HEADER = "Отметка времени";

const QUESTION_TYPES: ReadonlySet<ItemTypeName> = new Set<ItemTypeName>([
  "CHECKBOX",
  "CHECKBOX_GRID",
  "DATE",
  "DATETIME",
  "DURATION",
  "GRID",
  "LIST",
  "MULTIPLE_CHOICE",
  "PARAGRAPH_TEXT",
  "SCALE",
  "TEXT",
  "TIME",
  "FILE_UPLOAD",
]);

const VIEW_NAME: Partial<Record<ItemTypeName, string>> = {
  CHECKBOX: "CheckboxItem",
  DATE: "DateItem",
  LIST: "ListItem",
  MULTIPLE_CHOICE: "MultipleChoiceItem",
  PAGE_BREAK: "PageBreakItem",
  PARAGRAPH_TEXT: "ParagraphTextItem",
  SCALE: "ScaleItem",
  TEXT: "TextItem",
};

// ---------------------------------------------------------------------------------------------
// State (not counted; tests may read it).

export type ValidationCriterion =
  | { kind: "email" }
  | { kind: "pattern"; pattern: string }
  | { kind: "number" }
  | { kind: "numberBetween"; start: number; end: number }
  | { kind: "numberAtLeast"; number: number }
  | { kind: "numberAtMost"; number: number };

export interface FormItemState {
  readonly id: number;
  /** The `entry.<id>` of pre-filled links: not the item ID. */
  readonly entryId: number;
  readonly type: ItemTypeName;
  title: string;
  help: string;
  required: boolean;
  choices: string[];
  other: boolean;
  lower: number;
  upper: number;
  leftLabel: string;
  rightLabel: string;
  includesYear: boolean;
  validation: FakeTextValidation | null;
  deleted: boolean;
}

export interface StoredResponse {
  timestamp: Date;
  /** Item ID → the answer's values (several for checkboxes). */
  answers: Map<number, string[]>;
}

export interface FormState {
  readonly id: string;
  readonly publishedKey: string;
  title: string;
  description: string;
  confirmationMessage: string;
  requireLogin: boolean;
  collectEmail: boolean;
  published: boolean;
  deleted: boolean;
  items: FormItemState[];
  destination: { spreadsheet: FakeSpreadsheet; sheet: FakeSheet; columns: number[] } | null;
  responses: StoredResponse[];
}

/** A readable picture of an item, with only the fields its type has. */
export interface ItemSnapshot {
  id: number;
  entryId: number;
  type: ItemTypeName;
  title: string;
  help: string;
  required?: boolean;
  choices?: string[];
  other?: boolean;
  bounds?: [number, number];
  labels?: [string, string];
  includesYear?: boolean;
  validation?: (ValidationCriterion & { helpText: string }) | null;
}

export interface FakeFormSubmitEvent extends SheetsFormSubmitEventLike {
  authMode: number;
  range: FakeRange;
  triggerUid: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** A timestamp as a Russian-locale sheet displays it. */
export function displayTimestamp(d: Date): string {
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${d.getHours()}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2010-05-31" or "31.05.2010" → a Date at local midnight, or null. */
function parseDateAnswer(text: string): Date | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  const dmy = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : dmy
      ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])]
      : [Number.NaN, Number.NaN, Number.NaN];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? date : null;
}

const NUMBER_ANSWER = /^\s*-?\d+(?:[.,]\d+)?\s*$/;

// ---------------------------------------------------------------------------------------------
// Text validation.

export class FakeTextValidation {
  constructor(
    readonly criterion: ValidationCriterion,
    readonly helpText: string,
  ) {}

  /** Test handle: would Google Forms accept this answer? */
  accepts(text: string): boolean {
    const c = this.criterion;
    const number = NUMBER_ANSWER.test(text) ? Number(text.trim().replace(",", ".")) : Number.NaN;
    switch (c.kind) {
      case "email":
        return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
      case "pattern":
        // "Matches": the whole answer must match (Forms uses RE2; the adapter's patterns are
        // written in the subset JavaScript shares with it).
        return new RegExp(`^(?:${c.pattern})$`).test(text);
      case "number":
        return !Number.isNaN(number);
      case "numberBetween":
        return !Number.isNaN(number) && number >= c.start && number <= c.end;
      case "numberAtLeast":
        return !Number.isNaN(number) && number >= c.number;
      case "numberAtMost":
        return !Number.isNaN(number) && number <= c.number;
    }
  }
}

export class FakeTextValidationBuilder {
  private criterion: ValidationCriterion | null = null;
  private helpText = "";

  constructor(private readonly calls: CallCounter) {}

  private set(method: string, criterion: ValidationCriterion): this {
    this.calls.count(`TextValidationBuilder.${method}`);
    this.criterion = criterion;
    return this;
  }

  requireTextIsEmail(): this {
    return this.set("requireTextIsEmail", { kind: "email" });
  }

  requireTextMatchesPattern(pattern: string): this {
    return this.set("requireTextMatchesPattern", { kind: "pattern", pattern });
  }

  requireNumber(): this {
    return this.set("requireNumber", { kind: "number" });
  }

  requireNumberBetween(start: number, end: number): this {
    return this.set("requireNumberBetween", { kind: "numberBetween", start, end });
  }

  requireNumberGreaterThanOrEqualTo(number: number): this {
    return this.set("requireNumberGreaterThanOrEqualTo", { kind: "numberAtLeast", number });
  }

  requireNumberLessThanOrEqualTo(number: number): this {
    return this.set("requireNumberLessThanOrEqualTo", { kind: "numberAtMost", number });
  }

  setHelpText(text: string): this {
    this.calls.count("TextValidationBuilder.setHelpText");
    this.helpText = text;
    return this;
  }

  build(): FakeTextValidation {
    this.calls.count("TextValidationBuilder.build");
    if (!this.criterion) throw new Error(FORM_MESSAGES.noCriterion);
    return new FakeTextValidation(this.criterion, this.helpText);
  }
}

// ---------------------------------------------------------------------------------------------
// Items, choices, responses.

export class FakeChoice {
  constructor(
    private readonly calls: CallCounter,
    private readonly value: string,
  ) {}

  getValue(): string {
    this.calls.count("Choice.getValue");
    return this.value;
  }
}

export class FakeItemResponse {
  constructor(
    private readonly calls: CallCounter,
    readonly item: FormItemState,
    /** The answer's values (several for checkboxes). */
    readonly values: readonly string[],
  ) {}

  getResponse(): string | string[] {
    this.calls.count("ItemResponse.getResponse");
    return this.item.type === "CHECKBOX" ? [...this.values] : (this.values[0] ?? "");
  }
}

export class FakeFormResponse {
  private readonly responses: FakeItemResponse[] = [];

  constructor(
    private readonly calls: CallCounter,
    private readonly form: FormState,
  ) {}

  withItemResponse(response: FakeItemResponse): this {
    this.calls.count("FormResponse.withItemResponse");
    const i = this.responses.findIndex((r) => r.item === response.item);
    if (i >= 0) this.responses.splice(i, 1);
    this.responses.push(response);
    return this;
  }

  toPrefilledUrl(): string {
    this.calls.count("FormResponse.toPrefilledUrl");
    const params = new URLSearchParams({ usp: "pp_url" });
    for (const r of this.responses) {
      const item = r.item;
      const name = `entry.${item.entryId}`;
      for (const value of r.values) {
        const outside =
          (item.type === "MULTIPLE_CHOICE" || item.type === "CHECKBOX") && !item.choices.includes(value);
        if (outside && item.other) {
          params.append(name, "__other_option__");
          params.append(`${name}.other_option_response`, value);
        } else {
          params.append(name, value);
        }
      }
    }
    return `${publishedUrl(this.form)}?${params.toString()}`;
  }
}

function publishedUrl(form: FormState): string {
  return `https://docs.google.com/forms/d/e/${form.publishedKey}/viewform`;
}

function editUrl(form: FormState): string {
  return `https://docs.google.com/forms/d/${form.id}/edit`;
}

/** What Sheet.getFormUrl() returns for the form's responses sheet. */
export function formUrlOfSheet(form: FormState): string {
  return `https://docs.google.com/forms/d/${form.id}/viewform`;
}

export class FakeItem {
  constructor(
    private readonly app: FakeFormApp,
    private readonly form: FormState,
    readonly state: FormItemState,
    /** null: the generic Item; otherwise the typed item (TextItem, ListItem…). */
    private readonly view: ItemTypeName | null,
  ) {}

  private count(method: string): void {
    const name = this.view ? (VIEW_NAME[this.view] ?? `${this.view}Item`) : "Item";
    this.app.calls.count(`${name}.${method}`);
    if (this.form.deleted) throw new Error(FORM_MESSAGES.notFound);
    if (this.state.deleted) throw new Error(FORM_MESSAGES.deletedItem);
  }

  /** Methods that only typed items of these types have. */
  private only(method: string, types: readonly ItemTypeName[]): void {
    if (this.view === null || !types.includes(this.state.type))
      throw new TypeError(FORM_MESSAGES.notAFunction(method));
    this.count(method);
  }

  private as(method: string, type: ItemTypeName): FakeItem {
    this.count(method);
    if (this.state.type !== type) throw new Error(FORM_MESSAGES.invalidConversion(this.state.type));
    return new FakeItem(this.app, this.form, this.state, type);
  }

  getId(): number {
    this.count("getId");
    return this.state.id;
  }

  getIndex(): number {
    this.count("getIndex");
    return this.form.items.indexOf(this.state);
  }

  getType(): ItemTypeValue {
    this.count("getType");
    return ITEM_TYPE[this.state.type];
  }

  getTitle(): string {
    this.count("getTitle");
    return this.state.title;
  }

  setTitle(title: string): this {
    this.count("setTitle");
    this.state.title = String(title);
    renameColumn(this.form, this.state);
    return this;
  }

  getHelpText(): string {
    this.count("getHelpText");
    return this.state.help;
  }

  setHelpText(text: string): this {
    this.count("setHelpText");
    this.state.help = String(text);
    return this;
  }

  asTextItem(): FakeItem {
    return this.as("asTextItem", "TEXT");
  }

  asParagraphTextItem(): FakeItem {
    return this.as("asParagraphTextItem", "PARAGRAPH_TEXT");
  }

  asMultipleChoiceItem(): FakeItem {
    return this.as("asMultipleChoiceItem", "MULTIPLE_CHOICE");
  }

  asCheckboxItem(): FakeItem {
    return this.as("asCheckboxItem", "CHECKBOX");
  }

  asListItem(): FakeItem {
    return this.as("asListItem", "LIST");
  }

  asScaleItem(): FakeItem {
    return this.as("asScaleItem", "SCALE");
  }

  asDateItem(): FakeItem {
    return this.as("asDateItem", "DATE");
  }

  asPageBreakItem(): FakeItem {
    return this.as("asPageBreakItem", "PAGE_BREAK");
  }

  isRequired(): boolean {
    this.only("isRequired", [...QUESTION_TYPES]);
    return this.state.required;
  }

  setRequired(enabled: boolean): this {
    this.only("setRequired", [...QUESTION_TYPES]);
    this.state.required = enabled === true;
    return this;
  }

  setValidation(validation: FakeTextValidation): this {
    this.only("setValidation", ["TEXT"]);
    if (!(validation instanceof FakeTextValidation)) {
      throw new Error("The fake only accepts validations built with FormApp.createTextValidation().");
    }
    this.state.validation = validation;
    return this;
  }

  clearValidation(): this {
    this.only("clearValidation", ["TEXT", "PARAGRAPH_TEXT", "CHECKBOX"]);
    this.state.validation = null;
    return this;
  }

  getChoices(): FakeChoice[] {
    this.only("getChoices", ["MULTIPLE_CHOICE", "CHECKBOX", "LIST"]);
    return this.state.choices.map((c) => new FakeChoice(this.app.calls, c));
  }

  setChoiceValues(values: string[]): this {
    this.only("setChoiceValues", ["MULTIPLE_CHOICE", "CHECKBOX", "LIST"]);
    if (!Array.isArray(values) || values.length === 0) throw new Error(FORM_MESSAGES.emptyArray("values"));
    this.state.choices = values.map(String);
    return this;
  }

  hasOtherOption(): boolean {
    this.only("hasOtherOption", ["MULTIPLE_CHOICE", "CHECKBOX"]);
    return this.state.other;
  }

  showOtherOption(enabled: boolean): this {
    this.only("showOtherOption", ["MULTIPLE_CHOICE", "CHECKBOX"]);
    this.state.other = enabled === true;
    return this;
  }

  getLowerBound(): number {
    this.only("getLowerBound", ["SCALE"]);
    return this.state.lower;
  }

  getUpperBound(): number {
    this.only("getUpperBound", ["SCALE"]);
    return this.state.upper;
  }

  getLeftLabel(): string {
    this.only("getLeftLabel", ["SCALE"]);
    return this.state.leftLabel;
  }

  getRightLabel(): string {
    this.only("getRightLabel", ["SCALE"]);
    return this.state.rightLabel;
  }

  setBounds(lower: number, upper: number): this {
    this.only("setBounds", ["SCALE"]);
    if ((lower !== 0 && lower !== 1) || !Number.isInteger(upper) || upper < 3 || upper > 10) {
      throw new Error(FORM_MESSAGES.scaleBounds);
    }
    this.state.lower = lower;
    this.state.upper = upper;
    return this;
  }

  setLabels(lower: string, upper: string): this {
    this.only("setLabels", ["SCALE"]);
    this.state.leftLabel = String(lower);
    this.state.rightLabel = String(upper);
    return this;
  }

  includesYear(): boolean {
    this.only("includesYear", ["DATE"]);
    return this.state.includesYear;
  }

  setIncludesYear(enableYear: boolean): this {
    this.only("setIncludesYear", ["DATE"]);
    this.state.includesYear = enableYear === true;
    return this;
  }

  createResponse(response: string | string[] | number | Date): FakeItemResponse {
    this.only("createResponse", [
      "TEXT",
      "PARAGRAPH_TEXT",
      "MULTIPLE_CHOICE",
      "CHECKBOX",
      "LIST",
      "SCALE",
      "DATE",
    ]);
    const s = this.state;
    let values: string[];
    switch (s.type) {
      case "CHECKBOX":
        if (!Array.isArray(response)) throw new Error(FORM_MESSAGES.invalidArgument("responses"));
        values = response.map(String);
        break;
      case "SCALE": {
        const n = Number(response);
        if (!Number.isInteger(n) || n < s.lower || n > s.upper)
          throw new Error(FORM_MESSAGES.invalidArgument("response"));
        values = [String(n)];
        break;
      }
      case "DATE":
        if (!(response instanceof Date) || Number.isNaN(response.getTime())) {
          throw new Error(FORM_MESSAGES.invalidArgument("response"));
        }
        values = [isoDate(response)];
        break;
      default:
        if (typeof response !== "string") throw new Error(FORM_MESSAGES.invalidArgument("response"));
        values = [response];
    }
    const choiceType = s.type === "LIST" || s.type === "MULTIPLE_CHOICE" || s.type === "CHECKBOX";
    if (choiceType && !(s.other && s.type !== "LIST")) {
      const outside = values.find((v) => !s.choices.includes(v));
      if (outside !== undefined) throw new Error(FORM_MESSAGES.notAChoice(outside));
    }
    return new FakeItemResponse(this.app.calls, s, values);
  }
}

function fakeItemState(item: ItemLike): FormItemState {
  if (!(item instanceof FakeItem)) throw new Error("The fake only accepts items of the fake forms.");
  return item.state;
}

/** Renames the column of a question in the form's responses sheet, as Google does. */
function renameColumn(form: FormState, item: FormItemState): void {
  const dest = form.destination;
  if (!dest || !QUESTION_TYPES.has(item.type)) return;
  const i = dest.columns.indexOf(item.id);
  const sheet = dest.sheet.state;
  if (i < 0 || !sheet.spreadsheet.sheets.includes(dest.sheet)) return;
  sheet.cell(1, i + 2).value = item.title;
}

// ---------------------------------------------------------------------------------------------
// The form.

export class FakeForm {
  constructor(
    private readonly app: FakeFormApp,
    readonly state: FormState,
  ) {}

  private count(method: string): void {
    this.app.calls.count(`Form.${method}`);
    if (this.state.deleted) throw new Error(FORM_MESSAGES.notFound);
  }

  private item(state: FormItemState, view: ItemTypeName | null = null): FakeItem {
    return new FakeItem(this.app, this.state, state, view);
  }

  getId(): string {
    this.count("getId");
    return this.state.id;
  }

  getTitle(): string {
    this.count("getTitle");
    return this.state.title;
  }

  setTitle(title: string): this {
    this.count("setTitle");
    this.state.title = String(title);
    return this;
  }

  getDescription(): string {
    this.count("getDescription");
    return this.state.description;
  }

  setDescription(description: string): this {
    this.count("setDescription");
    this.state.description = String(description);
    return this;
  }

  getConfirmationMessage(): string {
    this.count("getConfirmationMessage");
    return this.state.confirmationMessage;
  }

  setConfirmationMessage(message: string): this {
    this.count("setConfirmationMessage");
    this.state.confirmationMessage = String(message);
    return this;
  }

  requiresLogin(): boolean {
    this.count("requiresLogin");
    return this.state.requireLogin;
  }

  setRequireLogin(requireLogin: boolean): this {
    this.count("setRequireLogin");
    this.state.requireLogin = requireLogin === true;
    return this;
  }

  collectsEmail(): boolean {
    this.count("collectsEmail");
    return this.state.collectEmail;
  }

  setCollectEmail(collect: boolean): this {
    this.count("setCollectEmail");
    this.state.collectEmail = collect === true;
    return this;
  }

  isPublished(): boolean {
    this.count("isPublished");
    return this.state.published;
  }

  setPublished(published: boolean): this {
    this.count("setPublished");
    this.state.published = published === true;
    return this;
  }

  getPublishedUrl(): string {
    this.count("getPublishedUrl");
    return publishedUrl(this.state);
  }

  getEditUrl(): string {
    this.count("getEditUrl");
    return editUrl(this.state);
  }

  getDestinationId(): string {
    this.count("getDestinationId");
    const dest = this.state.destination;
    if (!dest) throw new Error(FORM_MESSAGES.noDestination);
    return dest.spreadsheet.state.id;
  }

  setDestination(type: DestinationTypeValue, id: string): this {
    this.count("setDestination");
    if (type !== DESTINATION_TYPE.SPREADSHEET) throw new Error(FORM_MESSAGES.invalidArgument("type"));
    const spreadsheet = this.app.spreadsheet(id);
    if (!spreadsheet) throw new Error(FORM_MESSAGES.notFound);
    linkResponsesSheet(this.state, spreadsheet);
    return this;
  }

  getItems(): FakeItem[] {
    this.count("getItems");
    return this.state.items.map((s) => this.item(s));
  }

  getItemById(id: number): FakeItem | null {
    this.count("getItemById");
    const state = this.state.items.find((s) => s.id === id);
    return state ? this.item(state) : null;
  }

  moveItem(item: ItemLike | number, toIndex: number): FakeItem {
    this.count("moveItem");
    const items = this.state.items;
    const from = typeof item === "number" ? item : items.indexOf(fakeItemState(item));
    if (!Number.isInteger(from) || from < 0 || from >= items.length)
      throw new Error(FORM_MESSAGES.indexOutOfRange(from));
    if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= items.length) {
      throw new Error(FORM_MESSAGES.indexOutOfRange(toIndex));
    }
    const [moved] = items.splice(from, 1) as [FormItemState];
    items.splice(toIndex, 0, moved);
    return this.item(moved);
  }

  deleteItem(item: ItemLike | number): void {
    this.count("deleteItem");
    const items = this.state.items;
    const i = typeof item === "number" ? item : items.indexOf(fakeItemState(item));
    if (!Number.isInteger(i) || i < 0 || i >= items.length) throw new Error(FORM_MESSAGES.indexOutOfRange(i));
    const [removed] = items.splice(i, 1) as [FormItemState];
    removed.deleted = true;
  }

  private add(method: string, type: ItemTypeName): FakeItem {
    this.count(method);
    const state = this.app.newItemState(type);
    this.state.items.push(state);
    const dest = this.state.destination;
    if (dest && QUESTION_TYPES.has(type)) {
      dest.columns.push(state.id);
      const sheet = dest.sheet.state;
      const col = dest.columns.length + 1;
      if (col > sheet.maxColumns) sheet.maxColumns = col;
    }
    return this.item(state, type);
  }

  addTextItem(): FakeItem {
    return this.add("addTextItem", "TEXT");
  }

  addParagraphTextItem(): FakeItem {
    return this.add("addParagraphTextItem", "PARAGRAPH_TEXT");
  }

  addMultipleChoiceItem(): FakeItem {
    return this.add("addMultipleChoiceItem", "MULTIPLE_CHOICE");
  }

  addCheckboxItem(): FakeItem {
    return this.add("addCheckboxItem", "CHECKBOX");
  }

  addListItem(): FakeItem {
    return this.add("addListItem", "LIST");
  }

  addScaleItem(): FakeItem {
    return this.add("addScaleItem", "SCALE");
  }

  addDateItem(): FakeItem {
    return this.add("addDateItem", "DATE");
  }

  addPageBreakItem(): FakeItem {
    return this.add("addPageBreakItem", "PAGE_BREAK");
  }

  createResponse(): FakeFormResponse {
    this.count("createResponse");
    return new FakeFormResponse(this.app.calls, this.state);
  }

  // --- test handles (not counted) ------------------------------------------------------------

  /** The items as plain values, in form order. */
  describe(): ItemSnapshot[] {
    return this.state.items.map(snapshot);
  }

  /**
   * A respondent submits the form: `answers` by question title (arrays for checkboxes). Returns
   * the event of the spreadsheet's installable «on form submit» trigger.
   */
  submit(
    answers: Record<string, string | string[]>,
    options: { timestamp?: Date } = {},
  ): FakeFormSubmitEvent {
    const form = this.state;
    if (form.deleted) throw new Error(FORM_MESSAGES.notFound);
    if (!form.published) throw new Error("Fake FormApp: the form is not published and takes no answers.");
    const questions = form.items.filter((s) => QUESTION_TYPES.has(s.type));
    for (const title of Object.keys(answers)) {
      if (!questions.some((q) => q.title === title))
        throw new Error(`Fake FormApp: no question titled «${title}».`);
    }
    const response: StoredResponse = { timestamp: options.timestamp ?? new Date(), answers: new Map() };
    const done = new Set<string>();
    for (const q of questions) {
      const raw = done.has(q.title) ? undefined : answers[q.title];
      done.add(q.title);
      const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v) => v !== "");
      checkAnswer(q, values);
      if (values.length > 0) response.answers.set(q.id, values);
    }
    form.responses.push(response);
    const dest = form.destination;
    if (!dest) throw new Error("Fake FormApp: the form has no responses sheet to write to.");
    const row = writeResponse(form, response);
    const sheet = dest.sheet.state;
    const width = dest.columns.length + 1;
    const header = sheet.values(1, 1, 1, width)[0] ?? [];
    const values = [displayTimestamp(response.timestamp)];
    for (const id of dest.columns) {
      const item = form.items.find((s) => s.id === id);
      const answer = response.answers.get(id) ?? [];
      values.push(item?.type === "DATE" ? answer.map(displayDate).join(", ") : answer.join(", "));
    }
    const namedValues: Record<string, string[]> = {};
    header.forEach((h, c) => {
      const key = String(h);
      namedValues[key] = [...(namedValues[key] ?? []), values[c] ?? ""];
    });
    return {
      authMode: AUTH_MODE.FULL,
      range: new FakeRange(sheet, row, 1, 1, width),
      values,
      namedValues,
      triggerUid: this.app.triggerUidFor(dest.spreadsheet.state.id) ?? "",
    };
  }
}

function displayDate(text: string): string {
  const d = parseDateAnswer(text);
  return d ? `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}` : text;
}

/** Refuses what the form would not let a respondent submit. */
function checkAnswer(q: FormItemState, values: string[]): void {
  const refuse = (why: string) => {
    throw new Error(`Fake FormApp: the form refuses the answer to «${q.title}»: ${why}.`);
  };
  if (values.length === 0) {
    if (q.required) refuse("the question is required");
    return;
  }
  if (q.type !== "CHECKBOX" && values.length > 1) refuse("only one answer is possible");
  const value = values[0] as string;
  switch (q.type) {
    case "MULTIPLE_CHOICE":
    case "LIST":
    case "CHECKBOX":
      for (const v of values) {
        if (!q.choices.includes(v) && !(q.other && q.type !== "LIST")) refuse(`«${v}» is not a choice`);
      }
      break;
    case "SCALE": {
      const n = Number(value);
      if (!Number.isInteger(n) || n < q.lower || n > q.upper)
        refuse(`${value} is outside ${q.lower}..${q.upper}`);
      break;
    }
    case "DATE":
      if (!parseDateAnswer(value)) refuse(`«${value}» is not a date`);
      break;
    case "TEXT":
      if (q.validation && !q.validation.accepts(value))
        refuse(q.validation.helpText || "the validation fails");
      break;
    default:
      break;
  }
}

/** What the responses sheet cell holds for an answer. */
function cellOf(item: FormItemState | undefined, values: string[]): CellValue {
  if (values.length === 0) return "";
  const text = values.join(", ");
  if (item?.type === "SCALE") return Number(text);
  if (item?.type === "DATE") return parseDateAnswer(text) ?? text;
  const numeric = item?.validation?.criterion.kind.startsWith("number") === true;
  if (item?.type === "TEXT" && numeric && NUMBER_ANSWER.test(text))
    return Number(text.trim().replace(",", "."));
  return text;
}

/** Appends a response below the last row of the responses sheet; returns its row. */
function writeResponse(form: FormState, response: StoredResponse): number {
  const dest = form.destination;
  if (!dest) return 0;
  const sheet = dest.sheet.state;
  const row = Math.max(2, sheet.lastRow() + 1);
  if (row > sheet.maxRows) sheet.maxRows = row;
  sheet.cell(row, 1).value = new Date(response.timestamp.getTime());
  dest.columns.forEach((id, i) => {
    const item = form.items.find((s) => s.id === id);
    const value = cellOf(item, response.answers.get(id) ?? []);
    if (value !== "") sheet.cell(row, i + 2).value = value;
  });
  return row;
}

/** setDestination: a new responses sheet at the front, with the header and the responses so far. */
function linkResponsesSheet(form: FormState, spreadsheet: FakeSpreadsheet): void {
  const old = form.destination;
  if (old) old.sheet.state.formUrl = null;
  const ss = spreadsheet.state;
  const taken = new Set(ss.sheets.map((s) => s.state.name.toLowerCase()));
  let n = 1;
  while (taken.has(responsesSheetName(n).toLowerCase())) n++;
  const name = responsesSheetName(n);
  if (taken.has(name.toLowerCase())) throw new Error(GAS_MESSAGES.sheetExists(name));
  const sheet = new FakeSheet(ss, name);
  ss.sheets.splice(0, 0, sheet);
  ss.activeIndex += 1;
  const questions = form.items.filter((s) => QUESTION_TYPES.has(s.type));
  const state = sheet.state;
  state.formUrl = formUrlOfSheet(form);
  state.frozenRows = 1;
  if (questions.length + 1 > state.maxColumns) state.maxColumns = questions.length + 1;
  state.cell(1, 1).value = TIMESTAMP_HEADER;
  questions.forEach((q, i) => {
    if (q.title !== "") state.cell(1, i + 2).value = q.title;
  });
  form.destination = { spreadsheet, sheet, columns: questions.map((q) => q.id) };
  for (const response of form.responses) writeResponse(form, response);
}

function snapshot(s: FormItemState): ItemSnapshot {
  const base: ItemSnapshot = { id: s.id, entryId: s.entryId, type: s.type, title: s.title, help: s.help };
  if (QUESTION_TYPES.has(s.type)) base.required = s.required;
  if (s.type === "MULTIPLE_CHOICE" || s.type === "CHECKBOX" || s.type === "LIST")
    base.choices = [...s.choices];
  if (s.type === "MULTIPLE_CHOICE" || s.type === "CHECKBOX") base.other = s.other;
  if (s.type === "SCALE") {
    base.bounds = [s.lower, s.upper];
    base.labels = [s.leftLabel, s.rightLabel];
  }
  if (s.type === "DATE") base.includesYear = s.includesYear;
  if (s.type === "TEXT") {
    base.validation = s.validation ? { ...s.validation.criterion, helpText: s.validation.helpText } : null;
  }
  return base;
}

// ---------------------------------------------------------------------------------------------
// FormApp.

export interface FakeFormAppOptions {
  /** The spreadsheets setDestination can link to, by ID. */
  spreadsheet: (id: string) => FakeSpreadsheet | undefined;
  /** The uniqueId of the spreadsheet's «on form submit» trigger, for the submit event. */
  triggerUidFor?: (spreadsheetId: string) => string | undefined;
  /** New forms start published (the default) or unpublished (Forms' newer default for the API). */
  publishedByDefault?: boolean;
}

export class FakeFormApp implements FormAppLike {
  readonly ItemType = ITEM_TYPE;
  readonly DestinationType = DESTINATION_TYPE;
  /** Test handle: every form ever created, by ID. */
  readonly forms = new Map<string, FormState>();
  private nextForm = 1;
  private nextItem = 1_000_000_001;
  private nextEntry = 2_000_000_001;

  constructor(
    readonly calls: CallCounter,
    private readonly options: FakeFormAppOptions,
  ) {}

  create(title: string): FakeForm {
    this.calls.count("FormApp.create");
    if (typeof title !== "string" || title === "") throw new Error(FORM_MESSAGES.invalidArgument("title"));
    const n = this.nextForm++;
    const id = `fake-form-${String(n).padStart(4, "0")}`;
    const state: FormState = {
      id,
      publishedKey: `1FAIpQLSe-fake-${String(n).padStart(4, "0")}`,
      title,
      description: "",
      confirmationMessage: "",
      requireLogin: false,
      collectEmail: false,
      published: this.options.publishedByDefault ?? true,
      deleted: false,
      items: [],
      destination: null,
      responses: [],
    };
    this.forms.set(id, state);
    return new FakeForm(this, state);
  }

  openById(id: string): FakeForm {
    this.calls.count("FormApp.openById");
    const state = this.forms.get(id);
    if (!state || state.deleted) throw new Error(FORM_MESSAGES.notFound);
    return new FakeForm(this, state);
  }

  createTextValidation(): FakeTextValidationBuilder {
    this.calls.count("FormApp.createTextValidation");
    return new FakeTextValidationBuilder(this.calls);
  }

  // --- used by the fake objects (not counted) ------------------------------------------------

  newItemState(type: ItemTypeName): FormItemState {
    return {
      id: this.nextItem++,
      entryId: this.nextEntry++,
      type,
      title: "",
      help: "",
      required: false,
      choices: [],
      other: false,
      lower: 1,
      upper: 5,
      leftLabel: "",
      rightLabel: "",
      includesYear: true,
      validation: null,
      deleted: false,
    };
  }

  spreadsheet(id: string): FakeSpreadsheet | undefined {
    return this.options.spreadsheet(id);
  }

  triggerUidFor(spreadsheetId: string): string | undefined {
    return this.options.triggerUidFor?.(spreadsheetId);
  }

  // --- test handles (not counted) ------------------------------------------------------------

  /** The form with this ID, without a counted call. */
  peek(id: string): FakeForm {
    const state = this.forms.get(id);
    if (!state) throw new Error(`Fake FormApp: no form ${id}.`);
    return new FakeForm(this, state);
  }

  /** The curator deletes the form for good (emptied from the trash). */
  deleteForm(id: string): void {
    const state = this.forms.get(id);
    if (state) state.deleted = true;
  }
}
