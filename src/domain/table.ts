// Mapping sheet rows to typed records by header text, and records back to cells.
// The curator may reorder columns, sort rows and add columns of their own: columns are
// found by their header (or an alias), never by position, and unknown columns are kept.

import { type CellValue, isEmptyCell } from "./cells";
import {
  cleanText,
  type DateOnly,
  headerKey,
  normalizeBoolean,
  normalizeDate,
  normalizeEmail,
  normalizeNumber,
  normalizePhone,
  splitList,
  toCellDate,
} from "./normalize";
import { recordIssues } from "./record-checks";
import { type ColumnDef, type ColumnType, type SheetDefOf, type SheetKey, sheetDef } from "./schema";

type ValueOfType<T extends ColumnType> = T extends "date"
  ? DateOnly | null
  : T extends "datetime"
    ? Date | null
    : T extends "number"
      ? number | null
      : T extends "checkbox"
        ? boolean
        : T extends "multi-list"
          ? string[]
          : string;

type ColumnsOf<K extends SheetKey> = SheetDefOf<K>["columns"][number];

/** A typed record of a sheet: one property per schema column. */
export type RecordOf<K extends SheetKey> = {
  [C in ColumnsOf<K> as C["key"]]: ValueOfType<C["type"]>;
};

/** A problem with one cell, with everything a curator needs to find it. */
export interface CellIssue {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export function describeIssue(issue: CellIssue): string {
  return `Лист «${issue.sheet}», строка ${issue.row}, столбец «${issue.column}»: ${issue.message}`;
}

/** Raised when a sheet cannot be read at all (a required column is missing…). Russian message. */
export class SchemaError extends Error {
  constructor(
    message: string,
    readonly sheet: string,
  ) {
    super(message);
    this.name = "SchemaError";
  }
}

export interface ColumnMap {
  /** 0-based index of each schema column found, by key. */
  index: Map<string, number>;
  /** Schema columns whose header is not in the sheet. */
  missing: ColumnDef[];
  /** The curator's own columns (0-based index and header), kept untouched. */
  extras: { index: number; header: string }[];
  /** Headers that appear twice; the first one is used. */
  duplicates: string[];
  /** Number of columns of the header row. */
  width: number;
}

/** Finds the schema columns in a header row by header text or alias. */
export function mapColumns(columns: readonly ColumnDef[], headerRow: readonly CellValue[]): ColumnMap {
  const byKey = new Map<string, ColumnDef>();
  for (const col of columns) {
    for (const h of [col.header, ...(col.aliases ?? [])]) {
      const k = headerKey(h);
      if (!byKey.has(k)) byKey.set(k, col);
    }
  }
  const index = new Map<string, number>();
  const extras: { index: number; header: string }[] = [];
  const duplicates: string[] = [];
  headerRow.forEach((cell, i) => {
    const text = cleanText(cell);
    if (text === "") return;
    const col = byKey.get(headerKey(text));
    if (!col) {
      extras.push({ index: i, header: text });
      return;
    }
    if (index.has(col.key)) {
      duplicates.push(text);
      extras.push({ index: i, header: text });
      return;
    }
    index.set(col.key, i);
  });
  const missing = columns.filter((c) => !index.has(c.key));
  return { index, missing, extras, duplicates, width: headerRow.length };
}

/** Converts one cell to its typed value; problems go to `issue`. */
export function readCell(
  col: ColumnDef,
  value: CellValue | undefined,
  issue: (message: string) => void,
): ValueOfType<ColumnType> {
  const v = value ?? "";
  switch (col.type) {
    case "date": {
      const r = normalizeDate(v);
      if (!r.ok) {
        issue(r.error);
        return null;
      }
      return r.value;
    }
    case "datetime": {
      if (v instanceof Date) return v;
      const r = normalizeDate(v);
      if (!r.ok) {
        issue(r.error);
        return null;
      }
      return r.value ? toCellDate(r.value) : null;
    }
    case "number": {
      const r = normalizeNumber(v);
      if (!r.ok) {
        issue(r.error);
        return null;
      }
      if (
        r.value !== null &&
        ((col.min !== undefined && r.value < col.min) || (col.max !== undefined && r.value > col.max))
      ) {
        issue(`${r.value} — вне допустимых пределов ${col.min ?? "…"}–${col.max ?? "…"}`);
      }
      return r.value;
    }
    case "checkbox": {
      const r = normalizeBoolean(v);
      if (!r.ok) {
        issue(r.error);
        return false;
      }
      return r.value;
    }
    case "multi-list":
      return splitList(v);
    case "email": {
      const r = normalizeEmail(v);
      if (!r.ok) {
        issue(r.error);
        return cleanText(v);
      }
      return r.value;
    }
    case "phone": {
      const r = normalizePhone(v);
      if (!r.ok) {
        issue(r.error);
        return cleanText(v);
      }
      return r.value;
    }
    case "longtext":
      // Long answers are kept whole: only surrounding whitespace is trimmed.
      return v instanceof Date ? cleanText(v.toISOString()) : String(v).trim();
    default:
      return cleanText(v instanceof Date ? v.toLocaleDateString("ru-RU") : v);
  }
}

/** The empty value of a column type (what a missing optional column reads as). */
export function emptyValue(type: ColumnType): ValueOfType<ColumnType> {
  switch (type) {
    case "date":
    case "datetime":
    case "number":
      return null;
    case "checkbox":
      return false;
    case "multi-list":
      return [];
    default:
      return "";
  }
}

/** Converts a typed value back to a cell. */
export function writeCell(col: ColumnDef, value: unknown): CellValue {
  if (value === null || value === undefined) return "";
  switch (col.type) {
    case "date":
      return toCellDate(value as DateOnly);
    case "multi-list":
      return (value as string[]).join(", ");
    case "checkbox":
      return Boolean(value);
    case "number":
    case "datetime":
      return value as number | Date;
    default:
      return String(value);
  }
}

export interface RowRecord<K extends SheetKey> {
  /** 1-based row number in the sheet at the time of reading. */
  row: number;
  record: RecordOf<K>;
}

export interface TableRead<K extends SheetKey> {
  sheet: string;
  columns: ColumnMap;
  rows: RowRecord<K>[];
  /** Problems found in cells; the rows are still returned (with empty values there). */
  issues: CellIssue[];
}

/**
 * Reads a sheet's values into typed records. Fully empty rows are skipped.
 * Throws SchemaError (Russian) if a required column is missing.
 */
export function readTable<K extends SheetKey>(
  key: K,
  values: readonly (readonly CellValue[])[],
): TableRead<K> {
  const def = sheetDef(key);
  const columns = def.columns as readonly ColumnDef[];
  const header = values[0] ?? [];
  const map = mapColumns(columns, header);
  const missingRequired = map.missing.filter((c) => c.required);
  if (missingRequired.length > 0) {
    const names = missingRequired.map((c) => `«${c.header}»`).join(", ");
    throw new SchemaError(
      `На листе «${def.name}» нет ${missingRequired.length === 1 ? "обязательного столбца" : "обязательных столбцов"} ${names}. ` +
        "Верните заголовок в первую строку (столбцы можно переставлять, но не переименовывать) или запустите «Настроить книгу».",
      def.name,
    );
  }
  const rows: RowRecord<K>[] = [];
  const issues: CellIssue[] = [];
  for (let r = 1; r < values.length; r++) {
    const line = values[r] ?? [];
    if (line.every((c) => isEmptyCell(c))) continue;
    const record: Record<string, unknown> = {};
    for (const col of columns) {
      const i = map.index.get(col.key);
      if (i === undefined) {
        record[col.key] = emptyValue(col.type);
        continue;
      }
      record[col.key] = readCell(col, line[i], (message) =>
        issues.push({ sheet: def.name, row: r + 1, column: cleanText(header[i]), message }),
      );
    }
    rows.push({ row: r + 1, record: record as RecordOf<K> });
  }
  if ("idPrefix" in def && def.idPrefix) {
    const records = rows as unknown as { row: number; record: Record<string, unknown> }[];
    issues.push(...recordIssues(def.name, def.idPrefix, columns, header, map.index, records));
  }
  return { sheet: def.name, columns: map, rows, issues };
}

/** A full row of cells for appending, laid out by the sheet's current columns. */
export function recordToRow<K extends SheetKey>(
  key: K,
  record: Partial<RecordOf<K>>,
  columns: ColumnMap,
): CellValue[] {
  const def = sheetDef(key);
  const width = Math.max(columns.width, ...[...columns.index.values()].map((i) => i + 1));
  const row: CellValue[] = new Array(width).fill("");
  for (const col of def.columns as readonly ColumnDef[]) {
    const i = columns.index.get(col.key);
    if (i === undefined) continue;
    row[i] = writeCell(col, (record as Record<string, unknown>)[col.key]);
  }
  return row;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  if (a && b && typeof a === "object" && typeof b === "object")
    return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/**
 * A cell to write, with what makes the write conditional (the shape of CellWrite in
 * src/app/ports.ts): `expect` is the value the action read there, `rowKey` the record's ID.
 */
export interface GuardedCell {
  row: number;
  col: number;
  value: CellValue;
  /** The value read before: a cell that holds something else now was edited meanwhile. */
  expect?: CellValue;
  /** The row's ID as read (1-based column): the row that holds it now is the one to write. */
  rowKey?: { col: number; value: CellValue };
}

/**
 * The cells to write to turn `before` into `after` (only changed columns). Each carries the
 * value it had when read (`expect`) and the record's ID (`rowKey`), so that the workbook leaves
 * a cell the curator changed meanwhile and follows a row that moved.
 */
export function recordChanges<K extends SheetKey>(
  key: K,
  row: number,
  before: RecordOf<K>,
  after: Partial<RecordOf<K>>,
  columns: ColumnMap,
): GuardedCell[] {
  const def = sheetDef(key);
  const out: GuardedCell[] = [];
  const idIndex = columns.index.get("id");
  const id = (before as Record<string, unknown>).id;
  const rowKey =
    idIndex !== undefined && typeof id === "string" && id.trim() !== ""
      ? { col: idIndex + 1, value: id }
      : undefined;
  for (const col of def.columns as readonly ColumnDef[]) {
    if (!(col.key in after)) continue;
    const next = (after as Record<string, unknown>)[col.key];
    const prev = (before as Record<string, unknown>)[col.key];
    if (sameValue(prev, next)) continue;
    const i = columns.index.get(col.key);
    if (i === undefined) continue;
    const cell: GuardedCell = { row, col: i + 1, value: writeCell(col, next), expect: writeCell(col, prev) };
    if (rowKey) cell.rowKey = rowKey;
    out.push(cell);
  }
  return out;
}

function isDateValue(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

const TEXT_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$|^(\d{4})-(\d{2})-(\d{2})$/;

/** A form of a cell value in which what the add-on wrote and what a sheet gives back agree. */
function canonicalCell(value: CellValue | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (isDateValue(value)) {
    const d = value;
    if (Number.isNaN(d.getTime())) return "";
    if (d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0 && d.getMilliseconds() === 0) {
      return `d:${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
    }
    return `t:${d.getTime()}`;
  }
  if (typeof value === "boolean") return `b:${value}`;
  if (typeof value === "number") return `n:${value}`;
  const text = cleanText(value).toLowerCase().replace(/ё/g, "е");
  if (text === "") return "";
  const date = TEXT_DATE.exec(text);
  if (date) {
    const [y, m, d] = date[3] ? [date[3], date[2], date[1]] : [date[4], date[5], date[6]];
    return `d:${Number(y)}-${Number(m)}-${Number(d)}`;
  }
  if (text === "true" || text === "истина" || text === "да") return "b:true";
  if (text === "false" || text === "ложь" || text === "нет") return "b:false";
  if (/^-?\d+(?:[.,]\d+)?$/.test(text)) return `n:${Number(text.replace(",", "."))}`;
  if (/^[+\d\s()-]{7,}$/.test(text)) {
    const digits = text.replace(/\D/g, "");
    if (digits.length >= 10) return `p:${digits.slice(-10)}`;
  }
  return `s:${text.replace(/\s*([,;])\s*/g, "$1")}`;
}

/** Whether two cell values are the same for a person reading the sheet (case, spacing, types). */
export function sameCell(a: CellValue | null | undefined, b: CellValue | null | undefined): boolean {
  const x = canonicalCell(a);
  const y = canonicalCell(b);
  // An empty checkbox cell reads as unticked.
  return x === y || (x === "" && y === "b:false") || (x === "b:false" && y === "");
}

/**
 * Resolves conditional writes against the sheet as it is now. A cell whose row no longer holds
 * its record's ID goes to the one row that does (rows inserted, deleted or sorted meanwhile), or
 * is skipped when no row or several do. `at(row, col)` gives a cell's current value,
 * `rowsOf(col, value)` the rows whose cell in that column holds the value (read once per column).
 */
export function relocateWrites<C extends GuardedCell>(
  cells: readonly C[],
  at: (row: number, col: number) => CellValue,
  rowsOf: (col: number, value: CellValue) => number[],
): { cells: C[]; skipped: C[] } {
  const out: C[] = [];
  const skipped: C[] = [];
  for (const cell of cells) {
    const key = cell.rowKey;
    if (!key || sameCell(at(cell.row, key.col), key.value)) {
      out.push(cell);
      continue;
    }
    const rows = rowsOf(key.col, key.value);
    if (rows.length === 1 && rows[0] !== undefined) out.push({ ...cell, row: rows[0] });
    else skipped.push(cell);
  }
  return { cells: out, skipped };
}

/**
 * Splits cells into those to write and those to leave: a cell whose current value is neither
 * what the action read (`expect`) nor what it is about to write was edited meanwhile.
 */
export function keepEdited<C extends GuardedCell>(
  cells: readonly C[],
  at: (row: number, col: number) => CellValue,
): { cells: C[]; skipped: C[] } {
  const out: C[] = [];
  const skipped: C[] = [];
  for (const cell of cells) {
    if (cell.expect === undefined) {
      out.push(cell);
      continue;
    }
    const now = at(cell.row, cell.col);
    if (sameCell(now, cell.expect) || sameCell(now, cell.value)) out.push(cell);
    else skipped.push(cell);
  }
  return { cells: out, skipped };
}
