// The intake of questionnaire responses, pure: which column of a responses table answers which
// question (Google Forms titles, their aliases, or the headers of the base sheet itself), what
// each answer means for the base, who the person is (the key that deduplicates them), and
// whether their record may be processed (consent, a legal representative's consent for minors)
// or needs the curator's attention. No Google and no Node API here.

import { type CellValue, isEmptyCell } from "./cells";
import {
  ADULT_AGE_BAND,
  AGE_BANDS,
  type FormKind,
  formDef,
  idOfPersonChoice,
  MINIMAL_DROPPED,
  type QuestionDef,
  staticChoices,
} from "./forms";
import {
  cleanText,
  type DateOnly,
  formatDate,
  isoDate,
  matchKey,
  normalizeBoolean,
  normalizeDate,
  normalizeEmail,
  normalizeNumber,
  normalizePhone,
} from "./normalize";
import { type ColumnDef, LISTS, type ListKey, listValues, type SheetKey, sheetDef } from "./schema";
import { mapColumns } from "./table";

// ---------------------------------------------------------------------------------------
// Statuses

export const STATUS_NEW = "Новый";
export const STATUS_REVIEW = "Требует проверки";
export const STATUS_NO_CONSENT = "Нет согласия";
export { STATUS_WITHDRAWN } from "./schema";

/** The statuses the intake sets; any other status is the curator's and is never overwritten. */
export const INTAKE_STATUSES = [STATUS_NEW, STATUS_REVIEW, STATUS_NO_CONSENT] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

/** True when the intake may set the status of a record that has `current` (empty counts). */
export function intakeOwnsStatus(current: string): boolean {
  const key = matchKey(current);
  return key === "" || INTAKE_STATUSES.some((s) => matchKey(s) === key);
}

/** The two forms whose answers make a person's record in a base. */
export type PersonKind = "mentee" | "mentor";

export function isPersonKind(kind: FormKind): kind is PersonKind {
  return kind === "mentee" || kind === "mentor";
}

// ---------------------------------------------------------------------------------------
// Lists

/** The values of the lists of «Справочники» (the curator may extend them). */
export type Lists = Partial<Record<ListKey, readonly string[]>>;

/**
 * The lists as they are in «Справочники» (header row = list names, values below);
 * a list missing or empty there falls back to its default values.
 */
export function listsFromSheet(values: readonly (readonly CellValue[])[] | null): Lists {
  const out: Lists = {};
  const header = values?.[0] ?? [];
  for (const list of LISTS) {
    const col = header.findIndex((h) => matchKey(h) === matchKey(list.header));
    const found: string[] = [];
    if (col >= 0 && values) {
      for (let r = 1; r < values.length; r++) {
        const text = cleanText(values[r]?.[col]);
        if (text !== "") found.push(text);
      }
    }
    out[list.key] = found.length > 0 ? found : list.values;
  }
  return out;
}

/** The allowed answers of a question with fixed choices (empty: any answer). */
export function choicesOf(q: QuestionDef, lists: Lists = {}): readonly string[] {
  if (q.choices?.kind === "list") return lists[q.choices.list] ?? listValues(q.choices.list);
  return staticChoices(q);
}

function listName(q: QuestionDef): string {
  if (q.choices?.kind === "list") {
    const key = q.choices.list;
    const list = LISTS.find((l) => l.key === key);
    if (list) return `в списке «${list.header}»`;
  }
  return "среди вариантов ответа";
}

// ---------------------------------------------------------------------------------------
// Header mapping

/** Question-like columns a table may carry besides the form's own questions (base headers). */
const EXTRA_QUESTIONS: Record<FormKind, readonly QuestionDef[]> = {
  mentee: [{ key: "consentDate", title: "Дата согласия", type: "date", required: false }],
  mentor: [{ key: "consentDate", title: "Дата согласия", type: "date", required: false }],
  preference: [
    { key: "participantId", title: "ID участника", type: "text", required: false, column: null },
    { key: "choice1", title: "Выбор 1 (ID)", type: "text", required: false, column: null },
    { key: "choice2", title: "Выбор 2 (ID)", type: "text", required: false, column: null },
    { key: "choice3", title: "Выбор 3 (ID)", type: "text", required: false, column: null },
  ],
  feedback: [{ key: "participantId", title: "ID участника", type: "text", required: false, column: null }],
};

/** Headers of the submission time: Google Forms' own, and the date column of each base. */
const TIMESTAMP_HEADERS: Record<FormKind, readonly string[]> = {
  mentee: ["Обновлено"],
  mentor: ["Обновлено"],
  preference: ["Дата"],
  feedback: ["Дата"],
};
const COMMON_TIMESTAMP_HEADERS = [
  "Отметка времени",
  "Timestamp",
  "Дата и время",
  "Дата и время заполнения",
  "Дата заполнения",
  "Время заполнения",
];

const TIMESTAMP_KEY = "__timestamp";

/** The column of the target sheet a question's answer goes to, or null. */
export function targetColumn(kind: FormKind, q: QuestionDef): ColumnDef | null {
  const key = q.column === undefined ? q.key : q.column;
  if (key === null) return null;
  const def = sheetDef(formDef(kind).target as SheetKey);
  return (def.columns as readonly ColumnDef[]).find((c) => c.key === key) ?? null;
}

/** Every question a table of this kind may answer: the form's, then the base-only extras. */
export function intakeQuestions(kind: FormKind): readonly QuestionDef[] {
  return [...formDef(kind).questions, ...EXTRA_QUESTIONS[kind]];
}

export interface ResponseColumn {
  /** 0-based column index in the table. */
  index: number;
  /** The header as written in the table. */
  header: string;
}

export interface ResponseHeader {
  kind: FormKind;
  /** The columns found, by question key. */
  columns: Map<string, ResponseColumn>;
  /** The submission time column («Отметка времени»), if any. */
  timestamp: ResponseColumn | null;
  /** Headers of columns that are not loaded (unknown, the curator's, repeated). */
  ignored: string[];
  /** Required questions of the form with no column in the table. */
  missingRequired: QuestionDef[];
}

/**
 * Finds the questions of a form in the header row of a responses table: by question title, by
 * the question's aliases, or by the header (and aliases) of the base column it fills, the way
 * `mapColumns` finds schema columns — case, `ё`, punctuation and spaces do not matter.
 */
export function mapResponseHeader(kind: FormKind, headerRow: readonly CellValue[]): ResponseHeader {
  const questions = intakeQuestions(kind);
  const defs: ColumnDef[] = questions.map((q) => {
    const col = targetColumn(kind, q);
    return {
      key: q.key,
      header: q.title,
      aliases: [...(q.aliases ?? []), ...(col ? [col.header, ...(col.aliases ?? [])] : [])],
      type: "text",
      owner: "addon",
    };
  });
  defs.push({
    key: TIMESTAMP_KEY,
    header: COMMON_TIMESTAMP_HEADERS[0] as string,
    aliases: [...COMMON_TIMESTAMP_HEADERS.slice(1), ...TIMESTAMP_HEADERS[kind]],
    type: "datetime",
    owner: "addon",
  });
  const map = mapColumns(defs, headerRow);
  const columns = new Map<string, ResponseColumn>();
  let timestamp: ResponseColumn | null = null;
  for (const [key, index] of map.index) {
    const column = { index, header: cleanText(headerRow[index]) };
    if (key === TIMESTAMP_KEY) timestamp = column;
    else columns.set(key, column);
  }
  // Preferences and feedback: consent is recorded in the bases, and an «ID участника» column
  // names the person without their e-mail, name or role.
  const optional = new Set<string>();
  if (!isPersonKind(kind)) optional.add("consent");
  if (columns.has("participantId")) for (const key of ["email", "fullName", "role"]) optional.add(key);
  return {
    kind,
    columns,
    timestamp,
    ignored: map.extras.map((e) => e.header),
    missingRequired: formDef(kind).questions.filter(
      (q) => q.required && !columns.has(q.key) && !optional.has(q.key),
    ),
  };
}

/** How a reason names a question: its header in the table, else its title in the form. */
export function questionName(header: ResponseHeader | null, q: QuestionDef): string {
  return header?.columns.get(q.key)?.header ?? q.title;
}

// ---------------------------------------------------------------------------------------
// Reading one response

/** A typed answer: text, several choices, a number, a date, yes/no; null when not answered. */
export type AnswerValue = string | string[] | number | boolean | DateOnly | null;

export interface Answer {
  value: AnswerValue;
  /** The cell was empty. */
  blank: boolean;
  /** What is wrong with the answer (the value is still kept as written where it can be). */
  issue: string | null;
}

export interface ParsedResponse {
  /** 1-based row of the table (the header is row 1). */
  line: number;
  /** The submission time, or null when the table has none (or it could not be read). */
  timestamp: Date | null;
  timestampIssue: string | null;
  /** Answers of the columns present in the table, by question key. */
  answers: Map<string, Answer>;
}

/** The choice of `choices` that `text` names (case, `ё`, dashes and spaces ignored), or null. */
export function matchChoice(text: string, choices: readonly string[]): string | null {
  const key = matchKey(text);
  if (key === "") return null;
  return choices.find((c) => matchKey(c) === key) ?? null;
}

/**
 * The answers of a checkboxes question: known choices (which may themselves contain commas,
 * e.g. «Педагог, новый в должности») are recognised first, the rest are the person's own
 * («Другое») values, kept as written.
 */
export function splitChoices(
  value: CellValue,
  choices: readonly string[],
): { known: string[]; other: string[] } {
  const pieces = String(value ?? "")
    .split(/\s*[,;\n\r]\s*/)
    .map((p) => cleanText(p))
    .filter((p) => p !== "");
  const known: string[] = [];
  const other: string[] = [];
  for (let i = 0; i < pieces.length; ) {
    let taken = 0;
    for (let j = pieces.length; j > i; j--) {
      const found = matchChoice(pieces.slice(i, j).join(", "), choices);
      if (found) {
        if (!known.includes(found)) known.push(found);
        taken = j - i;
        break;
      }
    }
    if (taken === 0) {
      const piece = pieces[i] as string;
      if (!other.includes(piece)) other.push(piece);
      taken = 1;
    }
    i += taken;
  }
  return { known, other };
}

/** A consent tick: «Да», «Даю согласие», «Согласен(а)», the consent text itself… */
export function readConsent(value: CellValue): { value: boolean | null; issue: string | null } {
  if (isEmptyCell(value)) return { value: null, issue: null };
  const b = normalizeBoolean(value);
  if (b.ok) return { value: b.value, issue: null };
  const key = matchKey(value);
  if (/(^|\s)не\s+(даю|согла)/.test(key) || key.startsWith("нет")) return { value: false, issue: null };
  if (/согла[сш]/.test(key)) return { value: true, issue: null };
  return { value: null, issue: `«${cleanText(value)}» — не понятно, дано ли согласие` };
}

function textOf(value: CellValue): string {
  return value instanceof Date ? formatDate(normalizeDateCell(value)) : cleanText(value);
}

function normalizeDateCell(value: Date): DateOnly {
  return { year: value.getFullYear(), month: value.getMonth() + 1, day: value.getDate() };
}

/** Reads one cell as the answer to a question. */
export function readAnswer(q: QuestionDef, cell: CellValue | undefined, lists: Lists = {}): Answer {
  const value = cell ?? "";
  const blank = isEmptyCell(value);
  const none = (v: AnswerValue): Answer => ({ value: v, blank: true, issue: null });
  switch (q.type) {
    case "paragraph": {
      // Long answers are kept whole: only surrounding whitespace is trimmed.
      const text = value instanceof Date ? textOf(value) : String(value).trim();
      return { value: text, blank: text === "", issue: null };
    }
    case "email": {
      if (blank) return none("");
      const r = normalizeEmail(value);
      return r.ok
        ? { value: r.value, blank, issue: null }
        : { value: cleanText(value), blank, issue: r.error };
    }
    case "phone": {
      if (blank) return none("");
      const r = normalizePhone(typeof value === "number" ? String(value) : value);
      return r.ok
        ? { value: r.value, blank, issue: null }
        : { value: cleanText(value), blank, issue: r.error };
    }
    case "date": {
      if (blank) return none(null);
      const r = normalizeDate(value);
      return r.ok ? { value: r.value, blank, issue: null } : { value: null, blank, issue: r.error };
    }
    case "number":
    case "scale": {
      if (blank) return none(null);
      const r = normalizeNumber(value);
      if (!r.ok) return { value: null, blank, issue: r.error };
      return { value: r.value, blank, issue: rangeIssue(q, r.value) };
    }
    case "consent": {
      const r = readConsent(value);
      return { value: r.value, blank, issue: r.issue };
    }
    case "yesno": {
      if (blank) return none(null);
      const r = normalizeBoolean(value);
      return r.ok ? { value: r.value, blank, issue: null } : { value: null, blank, issue: r.error };
    }
    case "checkboxes": {
      if (blank) return none([]);
      const choices = choicesOf(q, lists);
      if (choices.length === 0) return { value: splitChoices(value, []).other, blank, issue: null };
      const { known, other } = splitChoices(value, choices);
      const issue =
        other.length > 0 && !q.other ? `${other.map((o) => `«${o}»`).join(", ")} — нет ${listName(q)}` : null;
      return { value: [...known, ...other], blank, issue };
    }
    case "choice":
    case "dropdown": {
      if (blank) return none("");
      const text = textOf(value);
      const choices = choicesOf(q, lists);
      if (choices.length === 0) return { value: text, blank, issue: null };
      const found = matchChoice(text, choices);
      if (found) return { value: found, blank, issue: null };
      // «Другое: …» and the person's own answer are kept as written.
      if (q.other) return { value: text, blank, issue: null };
      return { value: text, blank, issue: `«${text}» — нет ${listName(q)}` };
    }
    default: {
      const text = textOf(value);
      return { value: text, blank: text === "", issue: null };
    }
  }
}

function rangeIssue(q: QuestionDef, n: number | null): string | null {
  if (n === null) return null;
  if ((q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max)) {
    return `${String(n).replace(".", ",")} — вне допустимых пределов ${q.min ?? "…"}–${q.max ?? "…"}`;
  }
  return null;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** «05.09.2025 14:03» — how a submission time is shown in messages and «Источник». */
export function formatDateTime(d: Date): string {
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function localDateTime(y: number, mo: number, d: number, h: number, mi: number, s: number): Date | null {
  const date = new Date(y, mo - 1, d, h, mi, s);
  if (
    date.getFullYear() !== y ||
    date.getMonth() !== mo - 1 ||
    date.getDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  )
    return null;
  return date;
}

/**
 * The submission time of a response: a Date cell, «05.09.2025 14:03:27» (Russian locale),
 * «2025-09-05 14:03:27» or ISO with a zone, «9/25/2025 14:03:27» (US locale, when the day
 * shows it), or a date alone (midnight). Empty: null.
 */
export function parseTimestamp(value: CellValue | undefined): { value: Date | null; issue: string | null } {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { value: null, issue: "некорректная дата" }
      : { value, issue: null };
  }
  const text = cleanText(value);
  if (text === "") return { value: null, issue: null };
  const bad = {
    value: null,
    issue: `«${text}» — не удалось прочитать дату и время, ожидается ДД.ММ.ГГГГ ЧЧ:ММ:СС`,
  };
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? bad : { value: d, issue: null };
  }
  const time = /(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;
  let m = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${time.source}`).exec(text);
  let y: number;
  let mo: number;
  let d: number;
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else {
    m = new RegExp(`^(\\d{1,2})([./])(\\d{1,2})[./](\\d{4}|\\d{2})(?:\\s*г\\.?)?${time.source}`).exec(text);
    if (!m) return bad;
    const a = Number(m[1]);
    const b = Number(m[3]);
    y = Number(m[4]);
    if ((m[4] ?? "").length === 2) y += 2000;
    // Dots are Russian (day first); slashes are read day first too unless only the US order fits.
    if (m[2] === "/" && b > 12 && a <= 12) {
      mo = a;
      d = b;
    } else {
      d = a;
      mo = b;
    }
  }
  const tail = m.slice(-3);
  const result = localDateTime(y, mo, d, Number(tail[0] ?? 0), Number(tail[1] ?? 0), Number(tail[2] ?? 0));
  return result ? { value: result, issue: null } : bad;
}

/** Reads one row of a responses table (`line` is its 1-based row number in the table). */
export function parseResponse(
  header: ResponseHeader,
  row: readonly CellValue[],
  line: number,
  lists: Lists = {},
): ParsedResponse {
  const answers = new Map<string, Answer>();
  for (const q of intakeQuestions(header.kind)) {
    const col = header.columns.get(q.key);
    if (!col) continue;
    answers.set(q.key, readAnswer(q, row[col.index], lists));
  }
  const ts = header.timestamp ? parseTimestamp(row[header.timestamp.index]) : { value: null, issue: null };
  return { line, timestamp: ts.value, timestampIssue: ts.issue, answers };
}

/** A row with no content at all (skipped, not counted). */
export function isBlankRow(row: readonly CellValue[] | undefined): boolean {
  return !row || row.every((c) => isEmptyCell(c));
}

// ---------------------------------------------------------------------------------------
// Answers → base fields

/** Converts an answer to the value of the base column it fills (as the sheet reads it back). */
export function toColumnValue(col: ColumnDef, value: AnswerValue): unknown {
  switch (col.type) {
    case "multi-list":
      return Array.isArray(value) ? value : typeof value === "string" && value !== "" ? [value] : [];
    case "checkbox":
      return value === true;
    case "number":
      return typeof value === "number" ? value : null;
    case "date":
      return value && typeof value === "object" && !Array.isArray(value) ? value : null;
    case "longtext":
      return Array.isArray(value) ? value.join(", ") : typeof value === "string" ? value.trim() : "";
    default:
      return Array.isArray(value) ? value.join(", ") : typeof value === "string" ? cleanText(value) : "";
  }
}

/**
 * The fields of the base record a response fills: answered questions only (a blank answer never
 * erases what the record holds), and a consent is only ever given by a response, never taken
 * back (withdrawal is the curator's action).
 */
export function personFields(kind: PersonKind, response: ParsedResponse): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of intakeQuestions(kind)) {
    const answer = response.answers.get(q.key);
    if (!answer || answer.blank || answer.value === null) continue;
    const col = targetColumn(kind, q);
    if (!col) continue;
    if (col.type === "checkbox" && answer.value !== true) continue;
    const v = toColumnValue(col, answer.value);
    if (v === "" || (Array.isArray(v) && v.length === 0)) continue;
    out[col.key] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Minimal mode of personal data

/** The age band of a person born on `birth`, on the day `at`. */
export function ageBandOf(birth: DateOnly, at: Date): string {
  const age = ageAt(birth, at);
  return age < 14 ? (AGE_BANDS[0] as string) : age < 18 ? (AGE_BANDS[1] as string) : ADULT_AGE_BAND;
}

/** True/false when the band says whether the person is a minor; null for a blank or unknown band. */
export function isMinorBand(band: unknown): boolean | null {
  const key = matchKey(band);
  if (key === "") return null;
  const found = AGE_BANDS.find((b) => matchKey(b) === key);
  if (!found) return null;
  return found !== ADULT_AGE_BAND;
}

/** The empty value of a base column (what «not stored» writes). */
function emptyOf(col: ColumnDef | undefined): unknown {
  if (!col) return "";
  if (col.type === "date" || col.type === "datetime" || col.type === "number") return null;
  if (col.type === "checkbox") return false;
  if (col.type === "multi-list") return [];
  return "";
}

function isBlankField(v: unknown): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}

export interface MinimalFields {
  /** The record's fields without what minimal mode does not keep (those set empty). */
  fields: Record<string, unknown>;
  /** Column keys that held something and are now empty. */
  dropped: string[];
  /** The age band put in place of the date of birth, or null. */
  ageBand: string | null;
}

/**
 * What a base record keeps in minimal mode: the phone, the date of birth (replaced by the age
 * band on the day `at`, unless a band is already there) and the free text about oneself become
 * empty. `fields` may be a whole record or the fields a response fills.
 */
export function minimalFields(
  kind: PersonKind,
  fields: Readonly<Record<string, unknown>>,
  at: Date,
): MinimalFields {
  const def = sheetDef(formDef(kind).target as SheetKey);
  const columns = new Map((def.columns as readonly ColumnDef[]).map((c) => [c.key, c]));
  const out: Record<string, unknown> = { ...fields };
  const dropped: string[] = [];
  let ageBand: string | null = null;
  const raw = fields.birthDate;
  const birth: DateOnly | null =
    raw instanceof Date
      ? { year: raw.getFullYear(), month: raw.getMonth() + 1, day: raw.getDate() }
      : raw && typeof raw === "object" && "year" in raw
        ? (raw as DateOnly)
        : null;
  if (kind === "mentee" && birth && isBlankField(fields.ageBand) && columns.has("ageBand")) {
    ageBand = ageBandOf(birth, at);
    out.ageBand = ageBand;
  }
  for (const key of MINIMAL_DROPPED[kind]) {
    if (!(key in fields)) continue;
    if (!isBlankField(fields[key])) dropped.push(key);
    out[key] = emptyOf(columns.get(key));
  }
  return { fields: out, dropped, ageBand };
}

// ---------------------------------------------------------------------------------------
// Who the person is

export interface PersonIdentity {
  email?: unknown;
  fullName?: unknown;
  birthDate?: DateOnly | null;
  phone?: unknown;
}

/** Who a stored base record is (its identity columns). */
export function identityOfRecord(r: Readonly<Record<string, unknown>>): PersonIdentity {
  return {
    email: r.email,
    fullName: r.fullName,
    birthDate: (r.birthDate as DateOnly | null | undefined) ?? null,
    phone: r.phone,
  };
}

/** A person's name as a key: case, `ё`/`е`, spaces and dots do not matter. */
export function nameKey(name: unknown): string {
  return matchKey(name).replace(/[.,]/g, " ").replace(/\s+/g, " ").trim();
}

/**
 * The keys a person is known by, most reliable first. The email is the key; without one, the
 * name with the date of birth. Records with neither an email nor a date of birth are known by
 * name alone, and records with no email and no name by their phone — so that importing the same
 * incomplete answers again finds them instead of adding them twice.
 */
export function personKeys(p: PersonIdentity): string[] {
  const keys: string[] = [];
  const email = cleanText(p.email).toLowerCase();
  const name = nameKey(p.fullName);
  if (email !== "") keys.push(`email:${matchKey(email)}`);
  if (name !== "" && p.birthDate) keys.push(`person:${name}|${isoDate(p.birthDate)}`);
  if (email === "" && !p.birthDate && name !== "") keys.push(`name:${name}`);
  const phone = cleanText(p.phone).replace(/\D/g, "").slice(-10);
  if (email === "" && name === "" && phone.length >= 10) keys.push(`phone:${phone}`);
  return keys;
}

// ---------------------------------------------------------------------------------------
// Assessment: consent, legal representative, what to check

/** Full years between a birth date and a day. */
export function ageAt(birth: DateOnly, at: Date): number {
  const y = at.getFullYear();
  const m = at.getMonth() + 1;
  const d = at.getDate();
  return y - birth.year - (m < birth.month || (m === birth.month && d < birth.day) ? 1 : 0);
}

export interface Assessment {
  /** The status the intake gives the record (applied only if the intake owns its status). */
  status: IntakeStatus;
  /** Everything the curator should look at, as «Что проверить» lines. */
  reasons: string[];
  /** Under 18 (or a student of unknown age), so a legal representative must consent. */
  minor: boolean;
  age: number | null;
}

function blankValue(v: unknown): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}

function checkStored(q: QuestionDef, value: unknown, lists: Lists, at: Date): string | null {
  switch (q.type) {
    case "email": {
      const r = normalizeEmail(value);
      return r.ok ? null : r.error;
    }
    case "phone": {
      const r = normalizePhone(value);
      return r.ok ? null : r.error;
    }
    case "number":
    case "scale":
      return typeof value === "number" ? rangeIssue(q, value) : null;
    case "choice":
    case "dropdown": {
      const choices = choicesOf(q, lists);
      if (q.other || choices.length === 0 || typeof value !== "string") return null;
      return matchChoice(value, choices) ? null : `«${value}» — нет ${listName(q)}`;
    }
    case "checkboxes": {
      const choices = choicesOf(q, lists);
      if (q.other || choices.length === 0 || !Array.isArray(value)) return null;
      const unknown = value.filter((v) => !matchChoice(String(v), choices));
      return unknown.length > 0 ? `${unknown.map((u) => `«${u}»`).join(", ")} — нет ${listName(q)}` : null;
    }
    case "date": {
      if (q.key !== "birthDate" || !value || typeof value !== "object") return null;
      const age = ageAt(value as DateOnly, at);
      if (age < 5 || age > 100) {
        return `«${formatDate(value as DateOnly)}» — проверьте дату рождения: получается ${age < 0 ? "дата в будущем" : `возраст ${age}`}`;
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * Decides what the intake makes of a person's record after the responses are applied:
 * `record` is the merged record (column key → value), `issues` the problems of the answers
 * that gave its current values (question key → message), `at` the time of the latest response.
 */
export function assessPerson(
  kind: PersonKind,
  record: Readonly<Record<string, unknown>>,
  options: { at: Date; issues?: ReadonlyMap<string, string>; header?: ResponseHeader | null; lists?: Lists },
): Assessment {
  const issues = options.issues ?? new Map<string, string>();
  const lists = options.lists ?? {};
  const header = options.header ?? null;
  const reasons: string[] = [];
  const consentReasons: string[] = [];
  for (const q of formDef(kind).questions) {
    const col = targetColumn(kind, q);
    if (!col) continue;
    const name = `Вопрос «${questionName(header, q)}»`;
    const issue = issues.get(q.key);
    if (q.type === "consent") {
      if (issue) reasons.push(`${name}: ${issue}`);
      continue;
    }
    if (issue) {
      reasons.push(`${name}: ${issue}`);
      continue;
    }
    const value = record[col.key];
    if (blankValue(value)) {
      if (q.required) reasons.push(`${name}: нет ответа, а вопрос обязательный`);
      continue;
    }
    const problem = checkStored(q, value, lists, options.at);
    if (problem) reasons.push(`${name}: ${problem}`);
  }
  const consentQ = formDef(kind).questions.find((q) => q.key === "consent");
  if (record.consent !== true) {
    consentReasons.push(
      `Нет согласия на обработку персональных данных (вопрос «${consentQ ? questionName(header, consentQ) : "Согласие"}»)`,
    );
  }
  const birth = (record.birthDate as DateOnly | null | undefined) ?? null;
  const age = birth ? ageAt(birth, options.at) : null;
  const student = matchKey(record.category) === matchKey("Обучающийся");
  let minor = false;
  // Minimal mode keeps the age band instead of the date of birth.
  const band = age === null ? isMinorBand(record.ageBand) : null;
  if (kind === "mentee") {
    minor = age !== null ? age < 18 : (band ?? student);
    const hasName = cleanText(record.guardianName) !== "";
    const hasConsent = record.guardianConsent === true;
    if (minor && !(hasName && hasConsent)) {
      const why =
        age !== null
          ? `наставляемому ${age} ${yearsWord(age)}, нужно согласие родителя (законного представителя)`
          : band !== null
            ? `возраст «${cleanText(record.ageBand)}», нужно согласие родителя (законного представителя)`
            : "категория «Обучающийся» без даты рождения — считается несовершеннолетним";
      const lacking = [
        ...(hasName ? [] : ["ФИО законного представителя"]),
        ...(hasConsent ? [] : ["его отметка согласия"]),
      ].join(" и ");
      consentReasons.push(`Нет согласия законного представителя: ${why}; не заполнено: ${lacking}`);
    }
  } else if (student) {
    minor = true;
    reasons.push(
      "Наставник — обучающийся: в анкете наставника нет согласия законного представителя; " +
        "если ему нет 18 лет, получите письменное согласие родителя",
    );
  }
  const status: IntakeStatus =
    consentReasons.length > 0 ? STATUS_NO_CONSENT : reasons.length > 0 ? STATUS_REVIEW : STATUS_NEW;
  return { status, reasons: [...consentReasons, ...reasons], minor, age };
}

function yearsWord(n: number): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return "лет";
  if (b === 1) return "год";
  if (b >= 2 && b <= 4) return "года";
  return "лет";
}

// ---------------------------------------------------------------------------------------
// People choices (preference form)

export interface PersonRef {
  id: string;
  fullName: string;
}

/**
 * The ID a people choice names: «ФИО (НР-0001)», a bare ID, or a name that exactly one person
 * of `people` has. Returns an issue (Russian) when it names nobody of `people`.
 */
export function resolvePersonChoice(
  label: string,
  people: readonly PersonRef[],
  baseName: string,
): { id: string | null; issue: string | null } {
  const text = cleanText(label);
  if (text === "") return { id: null, issue: null };
  const byId = (id: string) => people.find((p) => matchKey(p.id) === matchKey(id));
  const idText = /^[^\s()]+-\d+$/.test(text) ? text : null;
  const fromLabel = idText ?? idOfPersonChoice(text);
  if (fromLabel) {
    const found = byId(fromLabel);
    return found
      ? { id: found.id, issue: null }
      : { id: null, issue: `«${text}» — нет записи ${fromLabel} в «${baseName}»` };
  }
  const name = nameKey(text);
  const named = people.filter((p) => nameKey(p.fullName) === name);
  if (named.length === 1) return { id: (named[0] as PersonRef).id, issue: null };
  return {
    id: null,
    issue:
      named.length > 1
        ? `«${text}» — в «${baseName}» несколько человек с таким ФИО, выбор не учтён`
        : `«${text}» — нет такого человека в «${baseName}»`,
  };
}

// ---------------------------------------------------------------------------------------
// Withdrawn people

/**
 * A one-way token of a person key (a 64-bit string hash, cyrb53-style), so that the intake can
 * recognise an old response of a person who withdrew their consent without keeping their data.
 */
export function keyToken(key: string): string {
  const text = `nastavnik:${key}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/** A withdrawal as remembered by the intake: tokens of the person's keys, when, which record. */
export interface Withdrawal {
  tokens: string[];
  /** ISO time of the withdrawal. */
  at: string;
  id: string;
}

/**
 * The withdrawal an incoming response belongs to, if it was submitted before the withdrawal
 * (or has no submission time): such a response must not bring the person's data back.
 */
export function withdrawalOf(
  keys: readonly string[],
  submitted: Date | null,
  withdrawals: readonly Withdrawal[],
): Withdrawal | null {
  if (withdrawals.length === 0) return null;
  const tokens = new Set(keys.map(keyToken));
  return (
    withdrawals.find(
      (w) =>
        w.tokens.some((t) => tokens.has(t)) &&
        (submitted === null || submitted.getTime() <= Date.parse(w.at)),
    ) ?? null
  );
}
