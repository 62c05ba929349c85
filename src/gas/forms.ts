// The Google Forms adapter of the FormsPort: builds a questionnaire from its FormSpec and keeps it
// in step with the definition without ever losing collected answers.
//
// - Items are tracked by question key: the key → item ID map lives in the MetaStore
//   ("form:<kind>:items", with the form's ID under "form:<kind>:id"). An item found by ID is
//   updated in place (title, help, required, choices, validation): its column in the responses
//   sheet, its prefilled-link entry and its answers stay. Nothing is ever deleted or recreated.
// - An item whose type no longer matches (changed by hand in the Forms editor) is reported and
//   left alone; missing items are added (a new column at the end of the responses sheet); items the
//   definition does not know are left alone and listed.
// - What cannot be read back from Forms (text validations) is compared through a digest of what
//   the adapter last set ("form:<kind>:config"); choices are compared the same way, so that the
//   number of calls does not grow with the number of people offered as choices (and a document
//   property, at most 9 KB, never holds the lists themselves).
// - Service calls grow with the number of questions (and sheets), never with the number of
//   responses: the responses sheet is found by its getFormUrl(), never read.

import { UserError } from "../app/errors";
import type { FormQuestionSpec, FormSpec, FormSyncResult, FormsPort, MetaStore } from "../app/ports";
import { FORM_KINDS, type FormKind, type QuestionType } from "../domain/forms";
import type {
  CheckboxItemLike,
  DateItemLike,
  FormAppLike,
  FormLike,
  FormResponseLike,
  FormsSpreadsheetLike,
  ItemLike,
  ItemResponseLike,
  ItemTypeValue,
  ListItemLike,
  MultipleChoiceItemLike,
  PageBreakItemLike,
  ParagraphTextItemLike,
  ResponsesSheetLike,
  ScaleItemLike,
  TextItemLike,
  TextValidationLike,
  UsedItemType,
} from "./forms-surface";

export const CONFIRMATION_MESSAGE = "Спасибо! Ваши ответы записаны.";
/** The only choice of a consent question. */
export const CONSENT_CHOICE = "Даю согласие";
export const YES_NO: readonly string[] = ["Да", "Нет"];
/** Forms refuses an empty list of choices: a list with nobody in it yet shows this instead. */
export const EMPTY_CHOICES_PLACEHOLDER = "(список пока пуст)";
export const SCALE_LABELS: readonly [string, string] = ["совсем нет", "полностью"];
/**
 * A Russian phone number: optional +7 or 8, then ten digits with spaces, brackets or hyphens
 * anywhere between them («+7 (912) 345-67-89», «8 912 345 67 89», «9123456789»). Written in the
 * syntax RE2 (Forms) and JavaScript share; Forms matches it against the whole answer.
 */
export const PHONE_PATTERN = String.raw`\s*(\+7|8)?([\s()-]*\d){10}\s*`;
export const VALIDATION_HELP = {
  email: "Введите адрес электронной почты, например ivanova@school.ru",
  phone: "Введите номер телефона, например +7 912 345-67-89",
  number: "Введите число",
  between: (min: number, max: number) => `Введите число от ${min} до ${max}`,
  atLeast: (min: number) => `Введите число не меньше ${min}`,
  atMost: (max: number) => `Введите число не больше ${max}`,
} as const;
/** The responses sheet is renamed to this + the form's title while it has Google's default name. */
export const RESPONSES_SHEET_PREFIX = "Ответы — ";
/** Google Sheets' limit on sheet names. */
export const SHEET_NAME_MAX = 100;
/** Google's names for a new responses sheet (Russian and English spreadsheets). */
const DEFAULT_RESPONSES_NAME = /^(?:Ответы на форму|Form Responses)\s*\(?\s*\d+\s*\)?$/i;

export const itemsKey = (kind: FormKind) => `form:${kind}:items`;
export const formIdKey = (kind: FormKind) => `form:${kind}:id`;
export const configKey = (kind: FormKind) => `form:${kind}:config`;

/** FormSyncResult plus the questions whose item type was changed by hand (left alone). */
export interface GasFormSyncResult extends FormSyncResult {
  mismatched: string[];
}

const ITEM_OF: Record<QuestionType, UsedItemType> = {
  text: "TEXT",
  paragraph: "PARAGRAPH_TEXT",
  email: "TEXT",
  phone: "TEXT",
  date: "DATE",
  number: "TEXT",
  choice: "MULTIPLE_CHOICE",
  dropdown: "LIST",
  checkboxes: "CHECKBOX",
  scale: "SCALE",
  consent: "CHECKBOX",
  yesno: "MULTIPLE_CHOICE",
};

const USED_TYPES: readonly UsedItemType[] = [
  "TEXT",
  "PARAGRAPH_TEXT",
  "MULTIPLE_CHOICE",
  "CHECKBOX",
  "LIST",
  "SCALE",
  "DATE",
  "PAGE_BREAK",
];

type ValidationSpec =
  | { kind: "email" }
  | { kind: "phone" }
  | { kind: "number"; min?: number; max?: number }
  | null;

/** What an item is set to besides its title, help and required flag. */
interface ItemConfig {
  choices?: string[];
  other?: boolean;
  bounds?: [number, number];
  labels?: [string, string];
  includesYear?: boolean;
  /** Not readable from Forms: compared only through the stored signature. */
  validation?: ValidationSpec;
}

interface Entry {
  /** The question key, or "page:<question key>" for the page break before it. */
  key: string;
  built: UsedItemType;
  title: string;
  help: string;
  required: boolean;
  config: ItemConfig;
}

type Typed =
  | { built: "TEXT"; item: TextItemLike }
  | { built: "PARAGRAPH_TEXT"; item: ParagraphTextItemLike }
  | { built: "MULTIPLE_CHOICE"; item: MultipleChoiceItemLike }
  | { built: "CHECKBOX"; item: CheckboxItemLike }
  | { built: "LIST"; item: ListItemLike }
  | { built: "SCALE"; item: ScaleItemLike }
  | { built: "DATE"; item: DateItemLike }
  | { built: "PAGE_BREAK"; item: PageBreakItemLike };

/** Enum values of Apps Script are objects: compare them, or their names. */
function sameEnum(a: unknown, b: unknown): boolean {
  return a === b || String(a) === String(b);
}

/** Trimmed, non-empty, without repeats; the placeholder when nothing is left. */
function choiceList(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const v = String(raw).replace(/\s+/g, " ").trim();
    if (v !== "" && !seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out.length > 0 ? out : [EMPTY_CHOICES_PLACEHOLDER];
}

function configOf(q: FormQuestionSpec): ItemConfig {
  switch (ITEM_OF[q.type]) {
    case "MULTIPLE_CHOICE":
      if (q.type === "yesno")
        return { choices: choiceList(q.choices.length > 0 ? q.choices : YES_NO), other: false };
      return { choices: choiceList(q.choices), other: q.other };
    case "CHECKBOX":
      if (q.type === "consent") return { choices: [CONSENT_CHOICE], other: false };
      return { choices: choiceList(q.choices), other: q.other };
    case "LIST":
      return { choices: choiceList(q.choices) };
    case "SCALE": {
      // Forms: the lower bound is 0 or 1, the upper bound 3 to 10.
      const lower = q.min === 0 ? 0 : 1;
      const upper = Math.min(10, Math.max(3, Math.round(q.max ?? 5)));
      return { bounds: [lower, upper], labels: [SCALE_LABELS[0], SCALE_LABELS[1]] };
    }
    case "DATE":
      return { includesYear: true };
    case "TEXT":
      if (q.type === "email") return { validation: { kind: "email" } };
      if (q.type === "phone") return { validation: { kind: "phone" } };
      if (q.type === "number") {
        return {
          validation: {
            kind: "number",
            ...(q.min !== undefined ? { min: q.min } : {}),
            ...(q.max !== undefined ? { max: q.max } : {}),
          },
        };
      }
      return { validation: null };
    default:
      return {};
  }
}

function entriesOf(spec: FormSpec): Entry[] {
  const out: Entry[] = [];
  for (const q of spec.questions) {
    if (q.page) {
      out.push({
        key: `page:${q.key}`,
        built: "PAGE_BREAK",
        title: q.page,
        help: "",
        required: false,
        config: {},
      });
    }
    out.push({
      key: q.key,
      built: ITEM_OF[q.type],
      title: q.title,
      help: q.help,
      required: q.required,
      config: configOf(q),
    });
  }
  return out;
}

/**
 * A short digest of what an item is set to besides title, help and required. Stored instead of the
 * config itself: a document property holds at most 9 KB, and lists of people can be long.
 */
function signature(e: Entry): string {
  const text = JSON.stringify({ t: e.built, ...e.config });
  // Two 32-bit hashes (FNV-1a and djb2) over the UTF-16 code units, and the length.
  let fnv = 0x811c9dc5;
  let djb = 5381;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    fnv = Math.imul(fnv ^ c, 0x01000193) >>> 0;
    djb = (Math.imul(djb, 33) + c) >>> 0;
  }
  return `${fnv.toString(36)}.${djb.toString(36)}.${text.length.toString(36)}`;
}

/** The readable part of a config (everything but the validation), for comparison. */
function readable(config: ItemConfig): string {
  const { validation: _validation, ...rest } = config;
  return JSON.stringify(rest);
}

function parseMap(text: string | null): Record<string, number> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object") return {};
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
    }
    return out;
  } catch {
    return {};
  }
}

function parseStrings(text: string | null): Record<string, string> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object") return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (typeof v === "string") out[k] = v;
    return out;
  } catch {
    return {};
  }
}

/** The form ID in a Forms URL («/forms/d/<id>/…»), or the published key («/forms/d/e/<key>/…»). */
function idsInUrl(url: string): { id?: string; publishedKey?: string } {
  const published = /\/forms\/d\/e\/([A-Za-z0-9_-]+)/.exec(url);
  if (published) return { publishedKey: published[1] };
  const id = /\/forms\/d\/([A-Za-z0-9_-]+)/.exec(url);
  return id ? { id: id[1] } : {};
}

/** Does a sheet's getFormUrl() point at this form? Google's URL is neither of the form's own URLs. */
export function isFormUrlOf(url: string | null, formId: string, publishedUrl: string): boolean {
  if (!url) return false;
  const ids = idsInUrl(url);
  if (ids.id !== undefined) return ids.id === formId;
  if (ids.publishedKey !== undefined) return ids.publishedKey === idsInUrl(publishedUrl).publishedKey;
  return false;
}

/** «Ответы — <title>», within the sheet-name limit and not clashing with `taken` (any case). */
export function responsesSheetName(title: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  const base = `${RESPONSES_SHEET_PREFIX}${title.replace(/\s+/g, " ").trim()}`;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const name = `${base.slice(0, SHEET_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** "2010-05-31" or "31.05.2010" → a Date at local midnight, or null. */
function parseDate(text: string): Date | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dmy = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (!iso && !dmy) return null;
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : [Number(dmy?.[3]), Number(dmy?.[2]), Number(dmy?.[1])];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? date : null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** openById's answer for a form that is gone (or not shared with this user). */
const FORM_GONE = /No item with the given ID could be found|not found|does not exist|deleted/i;

/**
 * Positions of the longest run of `positions` that is already increasing: those items stay, the
 * others move. Returns the indexes (into `positions`) that stay.
 */
function longestIncreasing(positions: readonly number[]): Set<number> {
  const n = positions.length;
  const length = new Array<number>(n).fill(1);
  const prev = new Array<number>(n).fill(-1);
  let best = -1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (
        (positions[j] as number) < (positions[i] as number) &&
        (length[j] as number) + 1 > (length[i] as number)
      ) {
        length[i] = (length[j] as number) + 1;
        prev[i] = j;
      }
    }
    if (best < 0 || (length[i] as number) > (length[best] as number)) best = i;
  }
  const keep = new Set<number>();
  for (let i = best; i >= 0; i = prev[i] as number) keep.add(i);
  return keep;
}

export class GasForms implements FormsPort {
  /**
   * @param app         FormApp (or a fake)
   * @param spreadsheet the workbook the forms write their responses into
   * @param meta        where the key → item ID maps are kept
   * @param flush       SpreadsheetApp.flush, called after linking a form so that its new responses
   *                    sheet is visible (scripts report it appearing only after a flush)
   */
  constructor(
    private readonly app: FormAppLike,
    private readonly spreadsheet: FormsSpreadsheetLike,
    private readonly meta: MetaStore,
    private readonly flush?: () => void,
  ) {}

  sync(spec: FormSpec, formId: string | null): GasFormSyncResult {
    const kind = spec.kind;
    let form = formId ? this.open(formId) : null;
    const created = form === null;
    if (!form) form = this.app.create(spec.title);
    const id = form.getId();
    const storedId = this.meta.get(formIdKey(kind));
    const fresh = created || storedId !== id;
    const storedMap = fresh ? "" : (this.meta.get(itemsKey(kind)) ?? "");
    const storedConfigs = fresh ? "" : (this.meta.get(configKey(kind)) ?? "");
    const map = parseMap(storedMap);
    const configs = parseStrings(storedConfigs);

    this.applySettings(form, spec, created);
    const { added, updated, mismatched, foreignItems } = this.syncItems(form, entriesOf(spec), map, configs);

    if (storedId !== id) this.meta.set(formIdKey(kind), id);
    const mapText = JSON.stringify(map);
    if (mapText !== storedMap) this.meta.set(itemsKey(kind), mapText);
    const configText = JSON.stringify(configs);
    if (configText !== storedConfigs) this.meta.set(configKey(kind), configText);

    const publishedUrl = form.getPublishedUrl();
    const responsesSheet = this.linkResponses(form, id, publishedUrl, spec.title);
    return {
      formId: id,
      publishedUrl,
      editUrl: form.getEditUrl(),
      responsesSheet,
      created,
      added,
      updated,
      foreignItems,
      mismatched,
    };
  }

  prefilledUrl(formId: string, answers: Record<string, string>): string {
    const kind = FORM_KINDS.find((k) => this.meta.get(formIdKey(k)) === formId);
    const map = kind ? parseMap(this.meta.get(itemsKey(kind))) : {};
    const form = this.open(formId);
    if (!form)
      throw new UserError("Анкета не найдена: её удалили. Создайте анкеты заново в меню «Наставничество».");
    let response: FormResponseLike = form.createResponse();
    for (const [key, value] of Object.entries(answers)) {
      if (value === "") continue;
      const id = map[key];
      const item = id === undefined ? null : form.getItemById(id);
      if (!item) {
        throw new UserError(
          `В анкете нет вопроса «${key}». Обновите анкеты: меню «Наставничество» → «Создать / обновить анкеты».`,
        );
      }
      response = response.withItemResponse(this.itemResponse(item, key, value));
    }
    return response.toPrefilledUrl();
  }

  // --- the form ------------------------------------------------------------------------------

  /** The form, or null when it no longer exists (deleted for good, or not shared with this user). */
  private open(formId: string): FormLike | null {
    try {
      return this.app.openById(formId);
    } catch (error) {
      if (FORM_GONE.test(messageOf(error))) return null;
      throw new UserError(`Не удалось открыть анкету (Google Формы): ${messageOf(error)}`);
    }
  }

  private applySettings(form: FormLike, spec: FormSpec, created: boolean): void {
    if (form.getTitle() !== spec.title) form.setTitle(spec.title);
    if (form.getDescription() !== spec.description) form.setDescription(spec.description);
    if (form.getConfirmationMessage() !== CONFIRMATION_MESSAGE)
      form.setConfirmationMessage(CONFIRMATION_MESSAGE);
    try {
      // Only forms of a Workspace domain can require a login; elsewhere this is false already.
      if (form.requiresLogin()) form.setRequireLogin(false);
    } catch {
      // Accounts without the setting.
    }
    if (created) {
      // The email is asked as a question (the bases need it even from people without a Google
      // account); collecting it automatically would make respondents sign in.
      form.setCollectEmail(false);
      // Forms created by scripts may start unpublished (Forms' 2025 publishing controls). Only a
      // new form is published here: an existing one the curator unpublished stays as it is.
      try {
        if (form.isPublished && form.setPublished && !form.isPublished()) form.setPublished(true);
      } catch {
        // Legacy forms have no publishing state.
      }
    }
  }

  private syncItems(
    form: FormLike,
    entries: Entry[],
    map: Record<string, number>,
    configs: Record<string, string>,
  ): { added: string[]; updated: string[]; mismatched: string[]; foreignItems: string[] } {
    const items = form.getItems();
    const ids = items.map((item) => item.getId());
    const byId = new Map(ids.map((id, i) => [id, items[i] as ItemLike]));
    const types = new Map<number, UsedItemType | null>();
    const titles = new Map<number, string>();
    const typeOf = (id: number): UsedItemType | null => {
      if (!types.has(id)) types.set(id, this.typeName((byId.get(id) as ItemLike).getType()));
      return types.get(id) ?? null;
    };
    const titleOf = (id: number): string => {
      if (!titles.has(id)) titles.set(id, (byId.get(id) as ItemLike).getTitle());
      return titles.get(id) ?? "";
    };

    const claimed = new Set<number>();
    const resolved = new Map<string, ItemLike>();
    const mismatched: string[] = [];
    for (const e of entries) {
      const id = map[e.key];
      if (id === undefined || !byId.has(id) || claimed.has(id)) continue;
      claimed.add(id);
      if (typeOf(id) !== e.built) mismatched.push(e.key);
      else resolved.set(e.key, byId.get(id) as ItemLike);
    }
    // Items the map does not know (a lost map, a form made by hand): adopt them by title and type
    // rather than adding a second question with the same column header.
    for (const e of entries) {
      if (resolved.has(e.key) || mismatched.includes(e.key)) continue;
      const id = ids.find((i) => !claimed.has(i) && typeOf(i) === e.built && titleOf(i) === e.title);
      if (id === undefined) continue;
      claimed.add(id);
      map[e.key] = id;
      delete configs[e.key];
      resolved.set(e.key, byId.get(id) as ItemLike);
    }

    const added: string[] = [];
    const updated: string[] = [];
    const order = [...ids];
    for (const e of entries) {
      if (mismatched.includes(e.key)) continue;
      const existing = resolved.get(e.key);
      if (existing) {
        if (this.update(this.typed(existing, e.built), e, configs[e.key])) {
          if (!e.key.startsWith("page:")) updated.push(e.key);
        }
      } else {
        const id = this.add(form, e);
        map[e.key] = id;
        order.push(id);
        if (!e.key.startsWith("page:")) added.push(e.key);
      }
      configs[e.key] = signature(e);
    }

    const managed = entries.filter((e) => !mismatched.includes(e.key)).map((e) => map[e.key] as number);
    this.reorder(form, order, managed);

    const named = (id: number) => titleOf(id) || "(без названия)";
    const foreignItems = ids.filter((id) => !claimed.has(id)).map(named);
    for (const key of mismatched) foreignItems.push(named(map[key] as number));
    return { added, updated, mismatched, foreignItems };
  }

  private typeName(type: ItemTypeValue): UsedItemType | null {
    return USED_TYPES.find((t) => sameEnum(this.app.ItemType[t], type)) ?? null;
  }

  private typed(item: ItemLike, built: UsedItemType): Typed {
    switch (built) {
      case "TEXT":
        return { built, item: item.asTextItem() };
      case "PARAGRAPH_TEXT":
        return { built, item: item.asParagraphTextItem() };
      case "MULTIPLE_CHOICE":
        return { built, item: item.asMultipleChoiceItem() };
      case "CHECKBOX":
        return { built, item: item.asCheckboxItem() };
      case "LIST":
        return { built, item: item.asListItem() };
      case "SCALE":
        return { built, item: item.asScaleItem() };
      case "DATE":
        return { built, item: item.asDateItem() };
      case "PAGE_BREAK":
        return { built, item: item.asPageBreakItem() };
    }
  }

  /** Adds the item at the end of the form, fully set up; returns its ID. */
  private add(form: FormLike, e: Entry): number {
    let t: Typed;
    switch (e.built) {
      case "TEXT":
        t = { built: e.built, item: form.addTextItem() };
        break;
      case "PARAGRAPH_TEXT":
        t = { built: e.built, item: form.addParagraphTextItem() };
        break;
      case "MULTIPLE_CHOICE":
        t = { built: e.built, item: form.addMultipleChoiceItem() };
        break;
      case "CHECKBOX":
        t = { built: e.built, item: form.addCheckboxItem() };
        break;
      case "LIST":
        t = { built: e.built, item: form.addListItem() };
        break;
      case "SCALE":
        t = { built: e.built, item: form.addScaleItem() };
        break;
      case "DATE":
        t = { built: e.built, item: form.addDateItem() };
        break;
      case "PAGE_BREAK":
        t = { built: e.built, item: form.addPageBreakItem() };
        break;
    }
    t.item.setTitle(e.title);
    if (e.help !== "") t.item.setHelpText(e.help);
    if (e.required && t.built !== "PAGE_BREAK") t.item.setRequired(true);
    this.applyConfig(t, e.config, true);
    return t.item.getId();
  }

  /** Brings an existing item in line with its entry; true if anything changed. */
  private update(t: Typed, e: Entry, storedSignature: string | undefined): boolean {
    let changed = false;
    if (t.item.getTitle() !== e.title) {
      t.item.setTitle(e.title);
      changed = true;
    }
    if (t.item.getHelpText() !== e.help) {
      t.item.setHelpText(e.help);
      changed = true;
    }
    if (t.built !== "PAGE_BREAK" && t.item.isRequired() !== e.required) {
      t.item.setRequired(e.required);
      changed = true;
    }
    const wanted = signature(e);
    if (storedSignature === undefined) {
      // Never set by the add-on (an adopted item): compare what Forms lets us read, and set the
      // rest (the validation) anyway.
      if (readable(this.readConfig(t)) !== readable(e.config)) changed = true;
      this.applyConfig(t, e.config);
    } else if (storedSignature !== wanted) {
      this.applyConfig(t, e.config);
      changed = true;
    }
    return changed;
  }

  private readConfig(t: Typed): ItemConfig {
    switch (t.built) {
      case "MULTIPLE_CHOICE":
      case "CHECKBOX":
        return { choices: t.item.getChoices().map((c) => c.getValue()), other: t.item.hasOtherOption() };
      case "LIST":
        return { choices: t.item.getChoices().map((c) => c.getValue()) };
      case "SCALE":
        return {
          bounds: [t.item.getLowerBound(), t.item.getUpperBound()],
          labels: [t.item.getLeftLabel(), t.item.getRightLabel()],
        };
      case "DATE":
        return { includesYear: t.item.includesYear() };
      default:
        return {};
    }
  }

  /** `fresh`: a new item, which has no validation to clear. */
  private applyConfig(t: Typed, config: ItemConfig, fresh = false): void {
    switch (t.built) {
      case "MULTIPLE_CHOICE":
      case "CHECKBOX":
        t.item.setChoiceValues(config.choices ?? [EMPTY_CHOICES_PLACEHOLDER]);
        t.item.showOtherOption(config.other === true);
        return;
      case "LIST":
        t.item.setChoiceValues(config.choices ?? [EMPTY_CHOICES_PLACEHOLDER]);
        return;
      case "SCALE": {
        const [lower, upper] = config.bounds ?? [1, 5];
        const [left, right] = config.labels ?? ["", ""];
        t.item.setBounds(lower, upper);
        t.item.setLabels(left, right);
        return;
      }
      case "DATE":
        t.item.setIncludesYear(config.includesYear !== false);
        return;
      case "TEXT": {
        const validation = config.validation ? this.validation(config.validation) : null;
        if (validation) t.item.setValidation(validation);
        else if (!fresh) t.item.clearValidation();
        return;
      }
      default:
        return;
    }
  }

  private validation(v: NonNullable<ValidationSpec>): TextValidationLike {
    const builder = this.app.createTextValidation();
    switch (v.kind) {
      case "email":
        return builder.requireTextIsEmail().setHelpText(VALIDATION_HELP.email).build();
      case "phone":
        return builder.requireTextMatchesPattern(PHONE_PATTERN).setHelpText(VALIDATION_HELP.phone).build();
      case "number": {
        const { min, max } = v;
        if (min !== undefined && max !== undefined) {
          return builder
            .requireNumberBetween(min, max)
            .setHelpText(VALIDATION_HELP.between(min, max))
            .build();
        }
        if (min !== undefined) {
          return builder
            .requireNumberGreaterThanOrEqualTo(min)
            .setHelpText(VALIDATION_HELP.atLeast(min))
            .build();
        }
        if (max !== undefined) {
          return builder.requireNumberLessThanOrEqualTo(max).setHelpText(VALIDATION_HELP.atMost(max)).build();
        }
        return builder.requireNumber().setHelpText(VALIDATION_HELP.number).build();
      }
    }
  }

  /**
   * Puts the managed items in the order of the definition with as few moves as possible: the
   * longest run already in order stays, every other item goes right after its predecessor (the
   * first one right before the first item that stays). Items the definition does not know are not
   * moved themselves. `order` is the form's item IDs in their current order (updated here).
   */
  private reorder(form: FormLike, order: number[], managed: number[]): void {
    if (managed.length < 2) return;
    const keep = longestIncreasing(managed.map((id) => order.indexOf(id)));
    const firstKept = managed.find((_, i) => keep.has(i));
    managed.forEach((id, i) => {
      if (keep.has(i)) return;
      const from = order.indexOf(id);
      order.splice(from, 1);
      const anchor = i > 0 ? (managed[i - 1] as number) : (firstKept as number);
      const to = i > 0 ? order.indexOf(anchor) + 1 : order.indexOf(anchor);
      order.splice(to, 0, id);
      if (from !== to) form.moveItem(from, to);
    });
  }

  // --- the responses sheet -------------------------------------------------------------------

  /**
   * Links the form to the workbook (once), finds its responses sheet by the form URL Google gives
   * it, renames it while it has Google's default name, and returns its name ("" if Google has not
   * created it yet).
   */
  private linkResponses(form: FormLike, formId: string, publishedUrl: string, title: string): string {
    const spreadsheetId = this.spreadsheet.getId();
    let destination = "";
    try {
      destination = form.getDestinationId();
    } catch {
      // "The form currently has no response destination."
    }
    if (destination !== spreadsheetId) {
      form.setDestination(this.app.DestinationType.SPREADSHEET, spreadsheetId);
      this.flush?.();
    }
    const sheets = this.spreadsheet.getSheets();
    const sheet = sheets.find((s) => isFormUrlOf(s.getFormUrl(), formId, publishedUrl));
    if (!sheet) return "";
    const name = sheet.getName();
    if (!DEFAULT_RESPONSES_NAME.test(name.trim())) return name;
    const others = sheets.filter((s) => s !== sheet).map((s: ResponsesSheetLike) => s.getName());
    const wanted = responsesSheetName(title, others);
    sheet.setName(wanted);
    return wanted;
  }

  // --- prefilled links -----------------------------------------------------------------------

  private itemResponse(item: ItemLike, key: string, value: string): ItemResponseLike {
    const type = this.typeName(item.getType());
    switch (type) {
      case "TEXT":
        return item.asTextItem().createResponse(value);
      case "PARAGRAPH_TEXT":
        return item.asParagraphTextItem().createResponse(value);
      case "MULTIPLE_CHOICE":
        return item.asMultipleChoiceItem().createResponse(value);
      case "LIST":
        return item.asListItem().createResponse(value);
      case "CHECKBOX":
        return item.asCheckboxItem().createResponse([value]);
      case "SCALE": {
        const n = Number(value);
        if (!Number.isInteger(n))
          throw new UserError(`Ответ на вопрос «${key}» должен быть целым числом: «${value}».`);
        return item.asScaleItem().createResponse(n);
      }
      case "DATE": {
        const date = parseDate(value);
        if (!date) throw new UserError(`Ответ на вопрос «${key}» должен быть датой: «${value}».`);
        return item.asDateItem().createResponse(date);
      }
      default:
        throw new UserError(`Вопрос «${key}» нельзя заполнить заранее.`);
    }
  }
}
