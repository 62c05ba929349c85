// The narrow part of FormApp and ScriptApp the Forms and Triggers adapters use, declared like
// src/gas/surface.ts: every interface is a structural subset of the real `GoogleAppsScript.*`
// type (checked at the bottom of this file), methods returning primitives are picked from the real
// types, methods returning Apps Script objects are re-declared to return the narrow type. The
// fakes in test/fakes/gas-forms.ts and test/fakes/gas-script.ts implement exactly these.

import type { RangeLike } from "./surface";

type GForms = typeof GoogleAppsScript.Forms;
type GForm = GoogleAppsScript.Forms.Form;
type GFormApp = GoogleAppsScript.Forms.FormApp;
type GItem = GoogleAppsScript.Forms.Item;
type GTextItem = GoogleAppsScript.Forms.TextItem;
type GParagraphTextItem = GoogleAppsScript.Forms.ParagraphTextItem;
type GMultipleChoiceItem = GoogleAppsScript.Forms.MultipleChoiceItem;
type GCheckboxItem = GoogleAppsScript.Forms.CheckboxItem;
type GListItem = GoogleAppsScript.Forms.ListItem;
type GScaleItem = GoogleAppsScript.Forms.ScaleItem;
type GDateItem = GoogleAppsScript.Forms.DateItem;
type GPageBreakItem = GoogleAppsScript.Forms.PageBreakItem;
type GChoice = GoogleAppsScript.Forms.Choice;
type GItemResponse = GoogleAppsScript.Forms.ItemResponse;
type GFormResponse = GoogleAppsScript.Forms.FormResponse;
type GTextValidation = GoogleAppsScript.Forms.TextValidation;
type GTextValidationBuilder = GoogleAppsScript.Forms.TextValidationBuilder;
type GTrigger = GoogleAppsScript.Script.Trigger;
type GScriptApp = GoogleAppsScript.Script.ScriptApp;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** `FormApp.ItemType.*` values (opaque enum objects in Apps Script). */
export type ItemTypeValue = GoogleAppsScript.Forms.ItemType;
/** `FormApp.DestinationType.*` values. */
export type DestinationTypeValue = GoogleAppsScript.Forms.DestinationType;
/** `ScriptApp.EventType.*` values. */
export type EventTypeValue = GoogleAppsScript.Script.EventType;
/** `ScriptApp.TriggerSource.*` values. */
export type TriggerSourceValue = GoogleAppsScript.Script.TriggerSource;

/** The item types the adapter creates (and checks items against). */
export type UsedItemType =
  | "TEXT"
  | "PARAGRAPH_TEXT"
  | "MULTIPLE_CHOICE"
  | "CHECKBOX"
  | "LIST"
  | "SCALE"
  | "DATE"
  | "PAGE_BREAK";

// ---------------------------------------------------------------------------------------------
// Forms.

export type ChoiceLike = Pick<GChoice, "getValue">;

/** An answer to one item, built by `item.createResponse(…)` (only passed on, never read). */
export type ItemResponseLike = Pick<GItemResponse, "getResponse">;

export interface FormResponseLike extends Pick<GFormResponse, "toPrefilledUrl"> {
  withItemResponse(response: ItemResponseLike): FormResponseLike;
}

/** The real TextValidation has no methods: it can only be built and handed to setValidation. */
export type TextValidationLike = GTextValidation;

export interface TextValidationBuilderLike {
  requireTextIsEmail(): TextValidationBuilderLike;
  requireTextMatchesPattern(pattern: string): TextValidationBuilderLike;
  requireNumber(): TextValidationBuilderLike;
  requireNumberBetween(start: number, end: number): TextValidationBuilderLike;
  requireNumberGreaterThanOrEqualTo(number: number): TextValidationBuilderLike;
  requireNumberLessThanOrEqualTo(number: number): TextValidationBuilderLike;
  setHelpText(text: string): TextValidationBuilderLike;
  build(): TextValidationLike;
}

export interface ItemLike extends Pick<GItem, "getId" | "getIndex" | "getTitle" | "getHelpText" | "getType"> {
  setTitle(title: string): ItemLike;
  setHelpText(text: string): ItemLike;
  asTextItem(): TextItemLike;
  asParagraphTextItem(): ParagraphTextItemLike;
  asMultipleChoiceItem(): MultipleChoiceItemLike;
  asCheckboxItem(): CheckboxItemLike;
  asListItem(): ListItemLike;
  asScaleItem(): ScaleItemLike;
  asDateItem(): DateItemLike;
  asPageBreakItem(): PageBreakItemLike;
}

export interface TextItemLike extends Pick<GTextItem, "getId" | "getTitle" | "getHelpText" | "isRequired"> {
  setTitle(title: string): TextItemLike;
  setHelpText(text: string): TextItemLike;
  setRequired(enabled: boolean): TextItemLike;
  setValidation(validation: TextValidationLike): TextItemLike;
  clearValidation(): TextItemLike;
  createResponse(response: string): ItemResponseLike;
}

export interface ParagraphTextItemLike
  extends Pick<GParagraphTextItem, "getId" | "getTitle" | "getHelpText" | "isRequired"> {
  setTitle(title: string): ParagraphTextItemLike;
  setHelpText(text: string): ParagraphTextItemLike;
  setRequired(enabled: boolean): ParagraphTextItemLike;
  createResponse(response: string): ItemResponseLike;
}

export interface MultipleChoiceItemLike
  extends Pick<GMultipleChoiceItem, "getId" | "getTitle" | "getHelpText" | "isRequired" | "hasOtherOption"> {
  setTitle(title: string): MultipleChoiceItemLike;
  setHelpText(text: string): MultipleChoiceItemLike;
  setRequired(enabled: boolean): MultipleChoiceItemLike;
  getChoices(): ChoiceLike[];
  setChoiceValues(values: string[]): MultipleChoiceItemLike;
  showOtherOption(enabled: boolean): MultipleChoiceItemLike;
  createResponse(response: string): ItemResponseLike;
}

export interface CheckboxItemLike
  extends Pick<GCheckboxItem, "getId" | "getTitle" | "getHelpText" | "isRequired" | "hasOtherOption"> {
  setTitle(title: string): CheckboxItemLike;
  setHelpText(text: string): CheckboxItemLike;
  setRequired(enabled: boolean): CheckboxItemLike;
  getChoices(): ChoiceLike[];
  setChoiceValues(values: string[]): CheckboxItemLike;
  showOtherOption(enabled: boolean): CheckboxItemLike;
  createResponse(responses: string[]): ItemResponseLike;
}

export interface ListItemLike extends Pick<GListItem, "getId" | "getTitle" | "getHelpText" | "isRequired"> {
  setTitle(title: string): ListItemLike;
  setHelpText(text: string): ListItemLike;
  setRequired(enabled: boolean): ListItemLike;
  getChoices(): ChoiceLike[];
  setChoiceValues(values: string[]): ListItemLike;
  createResponse(response: string): ItemResponseLike;
}

export interface ScaleItemLike
  extends Pick<
    GScaleItem,
    | "getId"
    | "getTitle"
    | "getHelpText"
    | "isRequired"
    | "getLowerBound"
    | "getUpperBound"
    | "getLeftLabel"
    | "getRightLabel"
  > {
  setTitle(title: string): ScaleItemLike;
  setHelpText(text: string): ScaleItemLike;
  setRequired(enabled: boolean): ScaleItemLike;
  setBounds(lower: number, upper: number): ScaleItemLike;
  setLabels(lower: string, upper: string): ScaleItemLike;
  createResponse(response: number): ItemResponseLike;
}

export interface DateItemLike
  extends Pick<GDateItem, "getId" | "getTitle" | "getHelpText" | "isRequired" | "includesYear"> {
  setTitle(title: string): DateItemLike;
  setHelpText(text: string): DateItemLike;
  setRequired(enabled: boolean): DateItemLike;
  setIncludesYear(enableYear: boolean): DateItemLike;
  createResponse(response: Date): ItemResponseLike;
}

export interface PageBreakItemLike extends Pick<GPageBreakItem, "getId" | "getTitle" | "getHelpText"> {
  setTitle(title: string): PageBreakItemLike;
  setHelpText(text: string): PageBreakItemLike;
}

/** getDestinationId() throws "The form currently has no response destination." on an unlinked form. */
export interface FormLike
  extends Pick<
    GForm,
    | "getId"
    | "getTitle"
    | "getDescription"
    | "getConfirmationMessage"
    | "getPublishedUrl"
    | "getEditUrl"
    | "getDestinationId"
    | "requiresLogin"
  > {
  setTitle(title: string): FormLike;
  setDescription(description: string): FormLike;
  setConfirmationMessage(message: string): FormLike;
  setRequireLogin(requireLogin: boolean): FormLike;
  setCollectEmail(collect: boolean): FormLike;
  /** Links the responses to a spreadsheet (getDestinationId throws until then). */
  setDestination(type: DestinationTypeValue, id: string): FormLike;
  getItems(): ItemLike[];
  /** null when the form has no item with this id. */
  getItemById(id: number): ItemLike | null;
  /** Moves the item at index `from` so that it ends up at index `to` (0-based, among all items). */
  moveItem(from: number, to: number): ItemLike;
  addTextItem(): TextItemLike;
  addParagraphTextItem(): ParagraphTextItemLike;
  addMultipleChoiceItem(): MultipleChoiceItemLike;
  addCheckboxItem(): CheckboxItemLike;
  addListItem(): ListItemLike;
  addScaleItem(): ScaleItemLike;
  addDateItem(): DateItemLike;
  addPageBreakItem(): PageBreakItemLike;
  createResponse(): FormResponseLike;
  /**
   * Forms' publishing controls (2025): newer forms can be unpublished, and then take no answers.
   * Not in @types/google-apps-script yet, hence optional; the adapter calls them when present.
   */
  isPublished?(): boolean;
  setPublished?(published: boolean): FormLike;
}

export interface FormAppLike {
  readonly ItemType: { readonly [K in UsedItemType]: ItemTypeValue };
  readonly DestinationType: { readonly SPREADSHEET: DestinationTypeValue };
  create(title: string): FormLike;
  /** Throws when the form does not exist (deleted) or is not shared with the user. */
  openById(id: string): FormLike;
  createTextValidation(): TextValidationBuilderLike;
}

/** A sheet as the Forms adapter sees it: which form writes into it, and its name. */
export interface ResponsesSheetLike extends Pick<GSheet, "getName" | "getFormUrl"> {
  setName(name: string): ResponsesSheetLike;
}

/** The workbook the forms write into. */
export interface FormsSpreadsheetLike extends Pick<GSpreadsheet, "getId"> {
  getSheets(): ResponsesSheetLike[];
}

/**
 * What an installable «on form submit» trigger of the spreadsheet receives: the new row's range,
 * its values as displayed (strings, in sheet order), and the values by column header (arrays,
 * because several columns may share a header).
 */
export interface SheetsFormSubmitEventLike {
  range: RangeLike;
  values: string[];
  namedValues: { [header: string]: string[] };
  triggerUid?: string;
}

// ---------------------------------------------------------------------------------------------
// ScriptApp.

export type TriggerLike = Pick<
  GTrigger,
  "getHandlerFunction" | "getEventType" | "getUniqueId" | "getTriggerSource" | "getTriggerSourceId"
>;

export interface SpreadsheetTriggerBuilderLike {
  onFormSubmit(): SpreadsheetTriggerBuilderLike;
  create(): TriggerLike;
}

export interface ClockTriggerBuilderLike {
  everyDays(n: number): ClockTriggerBuilderLike;
  atHour(hour: number): ClockTriggerBuilderLike;
  create(): TriggerLike;
}

export interface TriggerBuilderLike {
  /** By spreadsheet ID (the real method also takes the Spreadsheet object). */
  forSpreadsheet(key: string): SpreadsheetTriggerBuilderLike;
  timeBased(): ClockTriggerBuilderLike;
}

type UsedEventType = "CLOCK" | "ON_OPEN" | "ON_EDIT" | "ON_FORM_SUBMIT" | "ON_CHANGE";

export interface ScriptAppLike {
  readonly EventType: { readonly [K in UsedEventType]: EventTypeValue };
  newTrigger(functionName: string): TriggerBuilderLike;
  /** The current user's installable triggers of this project. */
  getProjectTriggers(): TriggerLike[];
  deleteTrigger(trigger: TriggerLike): void;
}

// Compile-time proof that the real services fit the narrow surface.
type Fits<Narrow, Real extends Narrow> = [Narrow, Real];
export type FormsSurfaceMatchesAppsScript = [
  Fits<ChoiceLike, GChoice>,
  Fits<ItemResponseLike, GItemResponse>,
  Fits<FormResponseLike, GFormResponse>,
  Fits<TextValidationBuilderLike, GTextValidationBuilder>,
  Fits<ItemLike, GItem>,
  Fits<TextItemLike, GTextItem>,
  Fits<ParagraphTextItemLike, GParagraphTextItem>,
  Fits<MultipleChoiceItemLike, GMultipleChoiceItem>,
  Fits<CheckboxItemLike, GCheckboxItem>,
  Fits<ListItemLike, GListItem>,
  Fits<ScaleItemLike, GScaleItem>,
  Fits<DateItemLike, GDateItem>,
  Fits<PageBreakItemLike, GPageBreakItem>,
  Fits<FormLike, GForm>,
  Fits<FormAppLike, GFormApp>,
  Fits<FormAppLike["ItemType"], GForms["ItemType"]>,
  Fits<ResponsesSheetLike, GSheet>,
  Fits<FormsSpreadsheetLike, GSpreadsheet>,
  Fits<SheetsFormSubmitEventLike, GoogleAppsScript.Events.SheetsOnFormSubmit>,
  Fits<TriggerLike, GTrigger>,
  Fits<SpreadsheetTriggerBuilderLike, GoogleAppsScript.Script.SpreadsheetTriggerBuilder>,
  Fits<ClockTriggerBuilderLike, GoogleAppsScript.Script.ClockTriggerBuilder>,
  Fits<TriggerBuilderLike, GoogleAppsScript.Script.TriggerBuilder>,
  Fits<ScriptAppLike, GScriptApp>,
  Fits<{ FormApp: FormAppLike; ScriptApp: ScriptAppLike }, { FormApp: GFormApp; ScriptApp: GScriptApp }>,
];
