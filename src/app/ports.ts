// Ports: the narrow interfaces the use cases are written against.
// Each has a Google Apps Script implementation (src/gas) and a local one (src/local).
// Everything that crosses a port is a plain value; no port method is called per row.

import type { CellValue, SheetLayout } from "../domain/cells";
import type { DocKind, DocModel, DocumentFill, TemplateScan } from "../domain/docs/model";
import type { FormKind, QuestionType } from "../domain/forms";

export type { CellValue, SheetLayout } from "../domain/cells";

/** A cell to write, 1-based like the spreadsheet itself. */
export interface CellWrite {
  row: number;
  col: number;
  value: CellValue;
  /**
   * The value the action read there (recordChanges fills it). When the cell now holds something
   * else — the curator typed it while the action ran — it is left as it is and reported skipped.
   */
  expect?: CellValue;
  /**
   * The record's ID as read: its column (1-based) and value. When `row` no longer holds it (rows
   * inserted, deleted or sorted meanwhile), the cell goes to the one row that does, or is
   * skipped when none or several do.
   */
  rowKey?: { col: number; value: CellValue };
}

/** What a write left undone: cells edited meanwhile, or whose record's row is gone. */
export interface WriteResult {
  skipped: CellWrite[];
}

/**
 * A workbook of named sheets. Implementations:
 * - read a sheet with one service round trip,
 * - write strings as literal text (never as formulas: text starting with
 *   `=`, `+`, `-` or `@` stays text),
 * - never touch cells they were not asked to write.
 */
export interface WorkbookPort {
  /** Names of all sheets, in tab order. */
  sheetNames(): string[];

  /**
   * The whole used range of a sheet, from A1 to its last row and column with content.
   * Row 0 is the header row. An empty sheet gives []. Empty cells are "".
   * Rows are all of the same width. Returns null when there is no such sheet.
   */
  read(sheet: string): CellValue[][] | null;

  /** Creates an empty sheet at the end. Throws if a sheet with this name exists. */
  createSheet(sheet: string): void;

  /**
   * Writes the given cells and nothing else. Cells may be anywhere (the implementation
   * may batch them as it likes, but must leave every other cell — and formulas in it — as
   * it finds it at the moment of writing). Conditional cells (`expect`, `rowKey`) are checked
   * against the sheet at the moment of writing (relocateWrites / keepEdited of
   * src/domain/table.ts); those left unwritten are returned (callers may ignore them, or
   * journal them with writeKeepingEdits of src/app/kept-edits.ts).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: wrappers in tests may still return nothing
  write(sheet: string, cells: CellWrite[]): WriteResult | void;

  /**
   * Appends rows after the last row with content. Each row is as wide as the caller wants
   * (usually the sheet's current column count). Returns the 1-based number of the first
   * appended row.
   */
  append(sheet: string, rows: CellValue[][]): number;

  /**
   * Deletes whole rows (1-based numbers, any order). Rows below move up. Used only when the
   * curator explicitly asked to replace data, after it has been archived.
   */
  deleteRows(sheet: string, rows: number[]): void;

  /**
   * Applies formatting to a sheet: frozen rows, header style, and per-column width,
   * number format, drop-down / checkbox validation, note, warning-only protection.
   * Must be idempotent: applying the same layout twice leaves one protection per range.
   */
  applyLayout(sheet: string, layout: SheetLayout): void;
}

/** Small persistent key → string store kept with the workbook (not visible as a sheet). */
export interface MetaStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** Serialises writes that triggers and the curator may race (LockService in Apps Script). */
export interface LockPort {
  /** Runs fn holding the document lock; throws a Russian error if the lock can't be had. */
  withLock<T>(fn: () => T): T;
}

export interface ClockPort {
  now(): Date;
}

/** Who runs the action (the curator's email in Apps Script, the OS user locally). */
export interface UserPort {
  current(): string;
}

/** A question of a form as the Forms service builds it (choices resolved to plain values). */
export interface FormQuestionSpec {
  key: string;
  title: string;
  help: string;
  type: QuestionType;
  required: boolean;
  choices: string[];
  other: boolean;
  min?: number;
  max?: number;
  /** Starts a new page with this title. */
  page?: string;
}

export interface FormSpec {
  kind: FormKind;
  title: string;
  description: string;
  questions: FormQuestionSpec[];
}

export interface FormSyncResult {
  formId: string;
  publishedUrl: string;
  editUrl: string;
  /** Name of the sheet in this workbook that receives the form's responses. */
  responsesSheet: string;
  created: boolean;
  /** Question keys added to the form / changed in place. */
  added: string[];
  updated: string[];
  /** Items of the form that the definition does not know (left untouched: they may hold answers). */
  foreignItems: string[];
}

/**
 * Google Forms linked to the workbook. Updating keeps the form's URL and every collected
 * response: items are changed in place, never deleted and recreated.
 */
export interface FormsPort {
  /** Creates the form (formId null) or updates it to match the spec. */
  sync(spec: FormSpec, formId: string | null): FormSyncResult;
  /** A link that opens the form with some answers filled in, by question key. */
  prefilledUrl(formId: string, answers: Record<string, string>): string;
}

/** Installable triggers of the script for this workbook. */
export interface TriggersPort {
  /** Installs the trigger unless one for the same handler and event exists; true if installed now. */
  ensure(handler: string, event: "formSubmit" | "daily", hour?: number): boolean;
  remove(handler: string): number;
  list(): { handler: string; event: string }[];
}

/** A document template or a generated document: its ID and a link a person can open. */
export interface DocumentRef {
  id: string;
  url: string;
}

/**
 * Documents: Google Docs in Drive folders (Apps Script), .docx files in folders (local).
 * Every method is a fixed number of service calls whatever the size of the collections,
 * except filling, which may take one operation per repeating table row.
 */
export interface DocumentsPort {
  /**
   * The templates to use, one per kind. `known` holds the IDs recorded in «Настройки»; a kind
   * whose template is missing there (or was deleted) gets a new one rendered from its default
   * model into the «Наставничество — шаблоны» folder.
   */
  ensureTemplates(
    defaults: readonly { kind: DocKind; title: string; model: DocModel }[],
    known: Partial<Record<DocKind, string>>,
  ): Record<DocKind, DocumentRef & { created: boolean }>;
  /** Reads a template's placeholders. Throws a Russian UserError if it cannot be opened. */
  scan(templateId: string): TemplateScan;
  /** A document of this exact name already in the folder (a crash after creating it). */
  existing(folder: string, name: string): DocumentRef | null;
  /**
   * Copies the template into the folder (created when missing) under `name`, fills it, saves
   * it; with `pdf` also puts a PDF copy next to it.
   */
  create(
    templateId: string,
    fill: DocumentFill,
    target: { folder: string; name: string; pdf: boolean },
  ): DocumentRef & { pdfUrl: string | null };
}

/** One email, ready to go: one recipient, HTML and plain text, the school as the sender name. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  senderName: string;
  replyTo?: string;
}

/** Sending mail (MailApp in Apps Script; .eml files or SMTP locally, see src/local). */
export interface MailPort {
  /** How many more recipients may be sent to today (MailApp.getRemainingDailyQuota()). */
  remainingQuota(): number;
  /** Sends one message; throws (with the reason) when it is not accepted. */
  send(message: MailMessage): void;
}

/** A native chart of a sheet, drawn from a block of cells of the same sheet. */
export interface ChartSpec {
  /** Stable key: the chart with this key is updated in place, never created twice. */
  key: string;
  title: string;
  type: "pie" | "column" | "bar" | "line";
  /** The data block in A1 notation on the same sheet: a header row, then one row per category. */
  range: string;
  /** Where the chart's top-left corner sits (1-based row and column). */
  anchor: { row: number; col: number };
}

/** Charts of a sheet (EmbeddedChart in Apps Script; the local edition has none). */
export interface ChartsPort {
  /**
   * Creates the charts that are missing and updates those that exist (same key), leaving any
   * other chart of the sheet alone. Returns how many were created and updated.
   */
  ensure(sheet: string, charts: readonly ChartSpec[]): { created: number; updated: number };
}

/** All ports a use case may need; each use case takes only what it uses. */
export interface Env {
  workbook: WorkbookPort;
  meta: MetaStore;
  lock: LockPort;
  clock: ClockPort;
  user: UserPort;
}
