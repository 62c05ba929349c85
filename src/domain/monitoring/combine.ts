// The regional side of the monitoring export: many schools' «Выгрузка в регион» tables
// (one row per indicator: Организация | Код организации | Учебный год | Код показателя |
// Показатель | Значение | Единица) combined into one table, one row per school and one column
// per indicator code, with a «Итого» row. Pure: the shells read the files / sheets and write
// the result.
//
// The combined table:
//   row 1  Организация | Код организации | Учебный год | Источник | «Показатель, единица» …
//   row 2  «Код показателя» and the code of every indicator column (stable across schools, so
//          the table can be read back by a program)
//   row 3  how the «Итого» of each column is obtained (сумма / пересчёт … / среднее …)
//   rows   one per school, sorted by name
//   last   «Итого»
//
// How a column is totalled:
// - counts (units «чел.», «шт.», whole numbers at every school) are summed;
// - a percentage cannot be summed: it is recomputed from the underlying counts when the
//   export holds them — the pair of count columns N, D with value = 100·N/D at every school
//   (within the rounding of the values) is found in the data, and the total is 100·ΣN/ΣD;
//   otherwise the mean over schools;
// - fractional «чел.»/«шт.» values (averages such as meetings per pair) likewise: recomputed as
//   ΣN/ΣD when such a pair of counts exists, else the mean;
// - «дн.», «балл» and averages in general: the mean over schools; indicators named as maxima /
//   minima / medians get the maximum / minimum / median over schools;
// - an unknown unit, or different units for one code at different schools: no total.
// The rules of the indicators themselves (combineRule in indicators.ts: which counts a share is
// made of, which averages are weighted by what) come first; the search in the data and the
// rules by unit serve codes those rules do not know (another version, another programme) and
// schools whose export lacks the counts a rule needs. Row 3 says which was done for each column.

import type { CellValue } from "../cells";
import { cleanText, headerKey, normalizeNumber } from "../normalize";
import { sheetDef } from "../schema";
import { type CombineRule, combineRule } from "./indicators";

/** One table to combine: a file (CSV, a sheet of an .xlsx) or a sheet of the workbook. */
export interface ExportSource {
  /** File name as the user gave it; "" for a sheet of the workbook itself. */
  name: string;
  /** Sheet of the file / workbook the rows come from, if any. */
  sheet?: string;
  /** The cells as read, row 0 = line 1 of the file / row 1 of the sheet. */
  rows: CellValue[][];
}

export type TotalMethod =
  | { kind: "sum" }
  | { kind: "ratio"; numerator: string; denominator: string; scale: number; found: "rule" | "data" }
  | { kind: "mean" | "max" | "min" | "median" }
  /** Σ value·weight / Σ weight over the schools giving both. */
  | { kind: "weighted"; weight: string }
  | { kind: "none"; reason: string };

export interface CombinedColumn {
  code: string;
  label: string;
  unit: string;
  method: TotalMethod;
  /** The «Итого» value, null when there is none. */
  total: number | null;
}

export interface CombinedSchool {
  org: string;
  orgCode: string;
  year: string;
  /** Label of the source the school's values come from. */
  source: string;
  values: Map<string, number | null>;
}

export interface CombineResult {
  /** Header rows, one row per school, the «Итого» row. */
  table: CellValue[][];
  /** Number of header rows at the top of `table` (to freeze). */
  headerRows: number;
  schools: number;
  indicators: number;
  columns: CombinedColumn[];
  /** Academic years found, in order of first appearance. */
  years: string[];
  /** Labels of the sources that gave at least one school. */
  used: string[];
  /** Labels of the sources that gave nothing. */
  unusable: string[];
  /** Russian, each naming the file / sheet and line. */
  problems: string[];
}

export const TOTAL_LABEL = "Итого";
export const CODE_ROW_LABEL = "Код показателя";
export const METHOD_ROW_LABEL = "Как получен «Итого»";
export const SOURCE_HEADER = "Источник";
export const HEADER_ROWS = 3;
/** Leading columns of the combined table before the indicators. */
export const SCHOOL_COLUMNS = 4;

/** How many header candidates to look at: a CSV may start with a title or «sep=;». */
const HEADER_SEARCH_ROWS = 20;
/** Problems listed per source; the rest are counted. */
const MAX_PROBLEMS_PER_SOURCE = 10;

type Field = "org" | "orgCode" | "year" | "code" | "indicator" | "value" | "unit";

const REGION_COLUMNS = sheetDef("regionExport").columns;

function headerOf(key: Field): string {
  const column = REGION_COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`В схеме листа «Выгрузка в регион» нет столбца ${key}`);
  return column.header;
}

/** Header names per field: the schema's, plus a few spellings people type. */
const HEADER_NAMES: Record<Field, string[]> = {
  org: [headerOf("org"), "Образовательная организация", "Наименование организации"],
  orgCode: [headerOf("orgCode"), "Код ОО", "ИНН организации"],
  year: [headerOf("year"), "Год"],
  code: [headerOf("code")],
  indicator: [headerOf("indicator"), "Наименование показателя"],
  value: [headerOf("value")],
  unit: [headerOf("unit"), "Ед. изм.", "Единица измерения"],
};

const HEADER_LOOKUP = new Map<string, Field>();
for (const [field, names] of Object.entries(HEADER_NAMES) as [Field, string[]][]) {
  for (const name of names) HEADER_LOOKUP.set(headerKey(name), field);
}

/** The sheet name of the export layout (school workbooks hold it). */
export const EXPORT_SHEET = sheetDef("regionExport").name;

/** Where a source is, for messages: «школа.csv», «книга.xlsx», лист «…», or лист «…». */
export function sourceLabel(source: Pick<ExportSource, "name" | "sheet">): string {
  if (source.sheet === undefined) return `«${source.name}»`;
  return source.name ? `«${source.name}», лист «${source.sheet}»` : `лист «${source.sheet}»`;
}

export interface ExportHeader {
  /** 0-based index of the header row. */
  row: number;
  columns: Partial<Record<Field, number>>;
}

/**
 * Finds the header row of the export layout among the first rows: the columns are found by name
 * (any order; case, «ё», spaces and punctuation do not matter). Returns the missing column
 * names when no row has the required ones (Код показателя, Значение, and Организация or
 * Код организации).
 */
export function findExportHeader(rows: readonly CellValue[][]): ExportHeader | { missing: string[] } {
  let best: { row: number; columns: Partial<Record<Field, number>>; found: number } | null = null;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const columns: Partial<Record<Field, number>> = {};
    let found = 0;
    (rows[r] ?? []).forEach((cell, c) => {
      const field = HEADER_LOOKUP.get(headerKey(cell));
      if (field !== undefined && columns[field] === undefined) {
        columns[field] = c;
        found++;
      }
    });
    if (columns.code !== undefined && columns.value !== undefined) {
      if (columns.org !== undefined || columns.orgCode !== undefined) return { row: r, columns };
    }
    if (found > 0 && (!best || found > best.found)) best = { row: r, columns, found };
  }
  const have = best?.columns ?? {};
  const missing: string[] = [];
  if (have.org === undefined && have.orgCode === undefined)
    missing.push(`«${headerOf("org")}» или «${headerOf("orgCode")}»`);
  if (have.code === undefined) missing.push(`«${headerOf("code")}»`);
  if (have.value === undefined) missing.push(`«${headerOf("value")}»`);
  return { missing };
}

/** True when the rows hold the export layout (the header row is found). */
export function isExportTable(rows: readonly CellValue[][]): boolean {
  return "row" in findExportHeader(rows);
}

// ---------------------------------------------------------------------------------------------
// Reading one source.

interface Entry {
  value: number | null;
  label: string;
  unit: string;
}

interface School {
  key: string;
  org: string;
  orgCode: string;
  years: string[];
  /** Label of the source for messages, its short name for the table. */
  source: string;
  sourceName: string;
  entries: Map<string, Entry>;
}

function text(row: readonly CellValue[], col: number | undefined): string {
  if (col === undefined) return "";
  const v = row[col];
  if (v instanceof Date) return "";
  return cleanText(v);
}

function normalizeUnit(unit: string): string {
  const key = unit.toLowerCase().replace(/\s+/g, "");
  if (key === "%" || key === "процент" || key === "проценты" || key === "процентов") return "%";
  if (key === "чел" || key === "чел." || key === "человек") return "чел.";
  if (key === "шт" || key === "шт." || key === "штук" || key === "ед." || key === "ед") return "шт.";
  if (key === "дн" || key === "дн." || key === "дней" || key === "дни" || key === "день") return "дн.";
  if (key === "балл" || key === "баллы" || key === "баллов" || key === "балла") return "балл";
  return cleanText(unit);
}

/** The number of a value cell: null when empty, undefined when it is not a number. */
function numberOf(cell: CellValue | undefined): number | null | undefined {
  if (cell === undefined || cell === "") return null;
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== "string") return undefined;
  const trimmed = cleanText(cell).replace(/\s*%$/, "");
  if (trimmed === "" || trimmed === "—" || trimmed === "-") return null;
  const n = normalizeNumber(trimmed);
  return n.ok ? n.value : undefined;
}

function shown(cell: CellValue | undefined): string {
  if (cell instanceof Date) return "дата";
  if (typeof cell === "boolean") return cell ? "ИСТИНА" : "ЛОЖЬ";
  return cleanText(cell);
}

/**
 * The key of an organisation code: case-insensitive, and leading zeros of an all-digit code do not
 * count (a spreadsheet that took «003» for a number shows 3).
 */
function codeKey(code: string): string {
  const compact = code.replace(/\s+/g, "").toLowerCase();
  return /^\d+$/.test(compact) ? compact.replace(/^0+(?=\d)/, "") : compact;
}

/** A year key: «2025/2026», «2025-26», «2025–2026 уч. г.» → "2025". */
function yearKey(year: string): string {
  return /(\d{4})/.exec(year)?.[1] ?? year.toLowerCase();
}

interface ReadSource {
  schools: School[];
  problems: string[];
}

function readSource(source: ExportSource): ReadSource {
  const where = sourceLabel(source);
  const problems: string[] = [];
  let extra = 0;
  const report = (line: number | null, message: string) => {
    if (problems.length >= MAX_PROBLEMS_PER_SOURCE) {
      extra++;
      return;
    }
    problems.push(`${where}${line === null ? "" : `, строка ${line}`}: ${message}`);
  };
  const header = findExportHeader(source.rows);
  if (!("row" in header)) {
    const empty = source.rows.every((r) => r.every((c) => cleanText(c) === ""));
    problems.push(
      empty
        ? `${where}: ${source.sheet === undefined ? "файл пуст" : "лист пуст"} — нечего сводить.`
        : `${where}: не найдена строка заголовков выгрузки — нет столбцов ${header.missing.join(", ")}. ` +
            `Нужна таблица листа «${EXPORT_SHEET}» (${REGION_COLUMNS.map((c) => c.header).join(", ")}).`,
    );
    return { schools: [], problems };
  }
  const cols = header.columns;
  const sourceName =
    source.sheet === undefined
      ? source.name
      : source.name
        ? `${source.name} / ${source.sheet}`
        : source.sheet;
  const schools = new Map<string, School>();
  const order: School[] = [];
  const seenLine = new Map<string, number>();
  let unnamed = false;
  for (let r = header.row + 1; r < source.rows.length; r++) {
    const row = source.rows[r] ?? [];
    const line = r + 1;
    if (row.every((c) => (c instanceof Date ? false : cleanText(c) === ""))) continue;
    const code = text(row, cols.code);
    if (code === "") {
      report(line, `не указан «${headerOf("code")}» — строка не учтена.`);
      continue;
    }
    let org = text(row, cols.org);
    const orgCode = text(row, cols.orgCode);
    if (org === "" && orgCode === "") {
      if (!unnamed)
        report(
          line,
          `не указаны «${headerOf("org")}» и «${headerOf("orgCode")}» — школа названа по файлу ${where}.`,
        );
      unnamed = true;
      org = `(без названия) ${where}`;
    }
    const key = orgCode !== "" ? `code:${codeKey(orgCode)}` : `name:${headerKey(org)}`;
    let school = schools.get(key);
    if (!school) {
      school = { key, org, orgCode, years: [], source: where, sourceName, entries: new Map() };
      schools.set(key, school);
      order.push(school);
    } else if (school.org === "" || school.org.startsWith("(без названия)")) {
      if (org !== "") school.org = org;
    }
    const year = text(row, cols.year);
    if (year !== "" && !school.years.some((y) => yearKey(y) === yearKey(year))) school.years.push(year);

    const raw = cols.value === undefined ? undefined : row[cols.value];
    const value = numberOf(raw);
    if (value === undefined) {
      report(line, `«${headerOf("value")}» = «${shown(raw)}» — не число; показатель «${code}» не учтён.`);
      continue;
    }
    const entry: Entry = {
      value,
      label: text(row, cols.indicator),
      unit: normalizeUnit(text(row, cols.unit)),
    };
    const dupKey = `${key}\u0000${code}`;
    const before = school.entries.get(code);
    if (before && before.value !== value) {
      report(
        line,
        `показатель «${code}» уже был в строке ${seenLine.get(dupKey)} (значение ${before.value ?? "пусто"}) — взято значение ${value ?? "пусто"} из этой строки.`,
      );
    }
    seenLine.set(dupKey, line);
    school.entries.set(code, entry);
  }
  for (const school of order) {
    if (school.years.length > 1)
      report(null, `у школы «${school.org}» указаны разные учебные годы: ${school.years.join(", ")}.`);
  }
  if (order.length === 0 && problems.length === 0)
    report(null, "в таблице выгрузки нет ни одной строки с показателем.");
  if (extra > 0)
    problems.push(`${where}: и ещё ${extra} ${pluralRu(extra, "замечание", "замечания", "замечаний")}.`);
  return { schools: order, problems };
}

// ---------------------------------------------------------------------------------------------
// Totals.

function pluralRu(n: number, one: string, few: string, many: string): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return many;
  if (b === 1) return one;
  if (b >= 2 && b <= 4) return few;
  return many;
}

function decimals(n: number): number {
  if (Number.isInteger(n)) return 0;
  const s = String(n);
  const e = /e-(\d+)$/.exec(s);
  if (e) return Number(e[1]);
  return s.split(".")[1]?.length ?? 0;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

const AVERAGE_HINT = /(^|[._])(avg|mean|average|per)([._]|$)|сред|на одн|на пару|на наставн|в среднем/i;
const MAX_HINT = /(^|[._])max([._]|$)|макс|наибольш|самое долгое|дольше всего/i;
const MIN_HINT = /(^|[._])min([._]|$)|миним|наименьш/i;
const MEDIAN_HINT = /median|медиан/i;

interface ColumnData {
  code: string;
  label: string;
  unit: string;
  units: Map<string, number>;
  /** Per school (same order as the schools list). */
  values: (number | null)[];
}

function statistic(kind: "mean" | "max" | "min" | "median", values: number[]): number | null {
  if (values.length === 0) return null;
  switch (kind) {
    case "max":
      return Math.max(...values);
    case "min":
      return Math.min(...values);
    case "median": {
      const s = [...values].sort((a, b) => a - b);
      const mid = Math.floor(s.length / 2);
      return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
    }
    case "mean":
      return values.reduce((a, b) => a + b, 0) / values.length;
  }
}

function present(values: (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null);
}

function weightedMean(column: ColumnData, weight: ColumnData): number | null {
  let sum = 0;
  let weights = 0;
  column.values.forEach((v, i) => {
    const w = weight.values[i];
    if (v !== null && w !== null && w !== undefined && w > 0) {
      sum += v * w;
      weights += w;
    }
  });
  return weights === 0 ? null : sum / weights;
}

function ratioTotal(n: ColumnData, d: ColumnData, scale: number): number | null {
  let sn = 0;
  let sd = 0;
  n.values.forEach((v, i) => {
    const dv = d.values[i];
    if (v !== null && dv !== null && dv !== undefined) {
      sn += v;
      sd += dv;
    }
  });
  return sd === 0 ? null : (scale * sn) / sd;
}

/**
 * Pairs of count columns (N, D) such that the column's value is scale·N/D at every school where
 * it is given (within the rounding of the given values), with at least one school where that is
 * informative (D > 0 and the value strictly between 0 and scale for percentages, not 0 for
 * averages). Every school giving the value must give N and D.
 */
function findRatios(target: ColumnData, counts: ColumnData[], scale: number): [ColumnData, ColumnData][] {
  const rows: { v: number; i: number; tol: number }[] = [];
  target.values.forEach((v, i) => {
    if (v === null) return;
    const dec = Math.min(decimals(v), 6);
    rows.push({ v, i, tol: Math.max(0.5 * 10 ** -dec, 1e-6 * Math.abs(v)) + 1e-9 });
  });
  if (rows.length === 0) return [];
  const informative = (v: number) => (scale === 100 ? v > 0 && v < 100 : v !== 0);
  if (!rows.some((r) => informative(r.v))) return [];
  const found: [ColumnData, ColumnData][] = [];
  for (const d of counts) {
    if (!rows.every((r) => d.values[r.i] !== null)) continue;
    for (const n of counts) {
      if (n === d) continue;
      let evidence = false;
      let ok = true;
      for (const r of rows) {
        const nv = n.values[r.i];
        const dv = d.values[r.i] as number;
        if (nv === null || nv === undefined) {
          ok = false;
          break;
        }
        if (dv === 0) continue;
        if (Math.abs((scale * nv) / dv - r.v) > r.tol) {
          ok = false;
          break;
        }
        if (informative(r.v)) evidence = true;
      }
      if (ok && evidence) found.push([n, d]);
    }
  }
  return found;
}

function totalOf(
  column: ColumnData,
  byCode: Map<string, ColumnData>,
  counts: ColumnData[],
  rules: (code: string) => CombineRule | null,
): { method: TotalMethod; total: number | null } {
  const values = present(column.values);
  if (column.units.size > 1) {
    const list = [...column.units.entries()]
      .map(([u, n]) => `«${u || "не указана"}» (${n} ${pluralRu(n, "школа", "школы", "школ")})`)
      .join(", ");
    return { method: { kind: "none", reason: `разные единицы: ${list}` }, total: null };
  }
  const digits = Math.min(Math.max(...values.map(decimals), 1), 2);
  const rule = rules(column.code);
  if (rule?.kind === "ratio") {
    const n = byCode.get(rule.numerator);
    const d = byCode.get(rule.denominator);
    if (n && d) {
      const total = ratioTotal(n, d, 100);
      return {
        method: { kind: "ratio", numerator: n.code, denominator: d.code, scale: 100, found: "rule" },
        total: total === null ? null : round(total, digits),
      };
    }
  } else if (rule?.kind === "max") {
    const total = statistic("max", values);
    return { method: { kind: "max" }, total };
  } else if (rule?.kind === "mean") {
    const w = rule.weight === null ? undefined : byCode.get(rule.weight);
    if (w) {
      const total = weightedMean(column, w);
      if (total !== null)
        return { method: { kind: "weighted", weight: w.code }, total: round(total, digits) };
    }
    const total = statistic("mean", values);
    return { method: { kind: "mean" }, total: total === null ? null : round(total, digits) };
  }
  const hint = `${column.code} ${column.label}`;
  const named = MEDIAN_HINT.test(hint)
    ? "median"
    : MAX_HINT.test(hint)
      ? "max"
      : MIN_HINT.test(hint)
        ? "min"
        : null;
  const viaStatistic = (kind: "mean" | "max" | "min" | "median") => {
    const s = statistic(kind, values);
    return { method: { kind } as TotalMethod, total: s === null ? null : round(s, digits) };
  };
  const viaRatio = (scale: number) => {
    const found = findRatios(column, counts, scale);
    if (found.length === 0) return null;
    const totals = found.map(([n, d]) => ratioTotal(n, d, scale));
    const first = totals[0] ?? null;
    if (totals.some((t) => t === null || first === null || Math.abs(t - first) > 1e-9)) return null;
    const [n, d] = found[0] as [ColumnData, ColumnData];
    return {
      method: { kind: "ratio", numerator: n.code, denominator: d.code, scale, found: "data" } as TotalMethod,
      total: first === null ? null : round(first, digits),
    };
  };
  if (named) return viaStatistic(named);
  switch (column.unit) {
    case "%":
      return viaRatio(100) ?? viaStatistic("mean");
    case "чел.":
    case "шт.":
      if (isCount(column)) return { method: { kind: "sum" }, total: values.reduce((a, b) => a + b, 0) };
      return viaRatio(1) ?? viaStatistic("mean");
    case "дн.":
    case "балл":
      return viaStatistic("mean");
    default:
      return {
        method: {
          kind: "none",
          reason: column.unit ? `единица «${column.unit}» неизвестна` : "единица не указана",
        },
        total: null,
      };
  }
}

function isCount(column: ColumnData): boolean {
  if (column.units.size > 1) return false;
  if (column.unit !== "чел." && column.unit !== "шт.") return false;
  if (AVERAGE_HINT.test(`${column.code} ${column.label}`)) return false;
  if (MAX_HINT.test(`${column.code} ${column.label}`) || MEDIAN_HINT.test(`${column.code} ${column.label}`))
    return false;
  return column.values.every((v) => v === null || (Number.isInteger(v) && v >= 0));
}

/** Row 3 of the combined table: how the «Итого» of a column is obtained, in Russian. */
export function describeMethod(method: TotalMethod): string {
  switch (method.kind) {
    case "sum":
      return "сумма по школам";
    case "ratio": {
      const f = `Σ ${method.numerator} / Σ ${method.denominator}`;
      return `пересчёт: ${method.scale === 100 ? `${f} × 100` : f}`;
    }
    case "mean":
      return "среднее по школам";
    case "weighted":
      return `среднее, взвешенное по ${method.weight}`;
    case "max":
      return "максимум по школам";
    case "min":
      return "минимум по школам";
    case "median":
      return "медиана по школам";
    case "none":
      return `не считается: ${method.reason}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Combining.

function schoolName(s: Pick<School, "org" | "orgCode">): string {
  const name = /[«»"]/.test(s.org) ? s.org : `«${s.org}»`;
  return s.orgCode ? `${name} (код ${s.orgCode})` : name;
}

export interface CombineOptions {
  /**
   * How a code combines (a share from its counts, a weighted average, a maximum), before the search
   * in the data and the rules by unit; a "sum" rule leaves the code to those. By default the rules
   * of the indicators (combineRule in indicators.ts).
   */
  rules?: (code: string) => CombineRule | null;
}

/**
 * Combines the export tables of many schools. Sources are taken in the given order: when a school
 * (same «Код организации», or the same name when it has no code) comes again from a later source,
 * the later one wins and the duplicate is reported. Nothing is thrown for bad input: unreadable
 * tables and rows are reported in `problems` and the rest is combined.
 */
export function combineExports(
  sources: readonly ExportSource[],
  options: CombineOptions = {},
): CombineResult {
  const problems: string[] = [];
  const used: string[] = [];
  const unusable: string[] = [];
  const byCode = new Map<string, School>();
  const byName = new Map<string, School>();
  const all: School[] = [];

  const forget = (school: School) => {
    const i = all.indexOf(school);
    if (i >= 0) all.splice(i, 1);
    if (school.orgCode) byCode.delete(codeKey(school.orgCode));
    if (byName.get(headerKey(school.org)) === school) byName.delete(headerKey(school.org));
  };

  sources.forEach((source) => {
    const read = readSource(source);
    problems.push(...read.problems);
    const label = sourceLabel(source);
    if (read.schools.length === 0) {
      unusable.push(label);
      return;
    }
    used.push(label);
    for (const school of read.schools) {
      const earlier =
        (school.orgCode ? byCode.get(codeKey(school.orgCode)) : undefined) ??
        (byName.get(headerKey(school.org)) as School | undefined);
      // A school without a code matches one with a code by name only if that one's name agrees.
      if (earlier) {
        const conflict =
          !!school.orgCode && !!earlier.orgCode && codeKey(school.orgCode) !== codeKey(earlier.orgCode);
        if (!conflict) {
          problems.push(
            earlier.source === school.source
              ? `${label}: организация ${schoolName(school)} встречается в таблице дважды — её строки объединены.`
              : `Организация ${schoolName(school)} есть и в ${earlier.source}, и в ${school.source} — взяты данные из ${school.source} (более позднего источника).`,
          );
          forget(earlier);
        }
      }
      all.push(school);
      if (school.orgCode) byCode.set(codeKey(school.orgCode), school);
      byName.set(headerKey(school.org), school);
    }
  });

  // Labels, units, years and the column order follow the sources; the rows are sorted by name.
  const appearance = [...all];
  const collator = new Intl.Collator("ru", { numeric: true });
  all.sort((a, b) => collator.compare(a.org, b.org) || collator.compare(a.orgCode, b.orgCode));
  const rowOf = new Map(all.map((school, i) => [school, i]));

  // Academic years.
  const years = new Map<string, { shown: string; schools: string[] }>();
  for (const s of appearance) {
    for (const y of s.years.slice(0, 1)) {
      const k = yearKey(y);
      const entry = years.get(k) ?? { shown: y, schools: [] };
      entry.schools.push(s.org);
      years.set(k, entry);
    }
  }
  const noYear = all.filter((s) => s.years.length === 0);
  if (years.size > 1) {
    const parts = [...years.values()].map(
      (y) =>
        `${y.shown} — ${y.schools.length} ${pluralRu(y.schools.length, "школа", "школы", "школ")}` +
        (y.schools.length <= 5 ? ` (${y.schools.join(", ")})` : ""),
    );
    problems.push(`Школы прислали данные за разные учебные годы: ${parts.join("; ")}.`);
  }
  if (noYear.length > 0 && all.length > 0) {
    problems.push(
      `Не указан учебный год: ${noYear
        .slice(0, 5)
        .map((s) => schoolName(s))
        .join(", ")}${noYear.length > 5 ? ` и ещё ${noYear.length - 5}` : ""}.`,
    );
  }

  // Columns, in order of first appearance in the sources.
  const columns = new Map<string, ColumnData>();
  for (const school of appearance) {
    const i = rowOf.get(school) ?? 0;
    for (const [code, entry] of school.entries) {
      let column = columns.get(code);
      if (!column) {
        column = { code, label: "", unit: "", units: new Map(), values: new Array(all.length).fill(null) };
        columns.set(code, column);
      }
      if (!column.label && entry.label) column.label = entry.label;
      column.units.set(entry.unit, (column.units.get(entry.unit) ?? 0) + 1);
      column.values[i] = entry.value;
    }
  }
  const list = [...columns.values()];
  for (const column of list) {
    column.unit = column.units.size === 1 ? ([...column.units.keys()][0] ?? "") : "";
    if (!column.label) column.label = column.code;
  }
  const counts = list.filter(isCount);
  const rules = options.rules ?? combineRule;
  const combined: CombinedColumn[] = list.map((column) => {
    const { method, total } = totalOf(column, columns, counts, rules);
    if (method.kind === "none") {
      problems.push(`Показатель «${column.code}» (${column.label}): итог не считается — ${method.reason}.`);
    }
    return { code: column.code, label: column.label, unit: column.unit, method, total };
  });

  // The table.
  const table: CellValue[][] = [];
  table.push([
    headerOf("org"),
    headerOf("orgCode"),
    headerOf("year"),
    SOURCE_HEADER,
    ...combined.map((c) => (c.unit ? `${c.label}, ${c.unit}` : c.label)),
  ]);
  table.push([CODE_ROW_LABEL, "", "", "", ...combined.map((c) => c.code)]);
  table.push([METHOD_ROW_LABEL, "", "", "", ...combined.map((c) => describeMethod(c.method))]);
  all.forEach((school, i) => {
    table.push([
      school.org,
      school.orgCode,
      school.years.join(", "),
      school.sourceName,
      ...list.map((column) => column.values[i] ?? ""),
    ]);
  });
  const yearList = [...years.values()].map((y) => y.shown);
  table.push([
    TOTAL_LABEL,
    `${all.length} ${pluralRu(all.length, "школа", "школы", "школ")}`,
    yearList.join(", "),
    "",
    ...combined.map((c) => c.total ?? ""),
  ]);

  return {
    table,
    headerRows: HEADER_ROWS,
    schools: all.length,
    indicators: combined.length,
    columns: combined,
    years: yearList,
    used,
    unusable,
    problems,
  };
}

/** The summary lines shown after combining (CLI output, the alert in Google Sheets). */
export function describeCombine(result: CombineResult, sourceCount: number): string[] {
  const lines: string[] = [];
  if (result.schools === 0) {
    lines.push(
      `Ничего не сведено: ни в одном из ${sourceCount} ${pluralRu(sourceCount, "источника", "источников", "источников")} нет таблицы выгрузки школы.`,
    );
  } else {
    lines.push(
      `Сведено ${result.schools} ${pluralRu(result.schools, "школа", "школы", "школ")} ` +
        `(использовано источников: ${result.used.length} из ${sourceCount}); показателей: ${result.indicators}.`,
    );
    if (result.years.length > 0) lines.push(`Учебный год: ${result.years.join(", ")}.`);
    const recomputed = result.columns.filter((c) => c.method.kind === "ratio").length;
    const means = result.columns.filter(
      (c) => c.method.kind === "mean" || c.method.kind === "weighted",
    ).length;
    lines.push(
      `«Итого»: сумм — ${result.columns.filter((c) => c.method.kind === "sum").length}, ` +
        `пересчитано по исходным числам — ${recomputed}, средних по школам — ${means}.`,
    );
  }
  if (result.unusable.length > 0) lines.push(`Не удалось использовать: ${result.unusable.join(", ")}.`);
  return lines;
}
