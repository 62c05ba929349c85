// `nastavnik region combine`: the regional centre combines the schools' monitoring exports
// (CSV files with `;` or `,`, school workbooks .xlsx, or .xlsx files holding just the export
// table) into one table with totals — src/domain/monitoring/combine.ts does the combining.

import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { REGION_SHEET } from "../app/region";
import type { CellValue } from "../domain/cells";
import {
  type CombineResult,
  combineExports,
  describeCombine,
  describeMethod,
  EXPORT_SHEET,
  type ExportSource,
  findExportHeader,
  HEADER_ROWS,
  SCHOOL_COLUMNS,
} from "../domain/monitoring/combine";
import { headerKey, looksLikeFormula } from "../domain/normalize";
import { CONFIG_OPTION, type Command, JSON_OPTION, outJson, parseOptions, UsageError } from "./command";
import { readConfig } from "./config";
import { XlsxWorkbook } from "./xlsx-workbook";

/** What a folder given on the command line is searched for. */
const FOLDER_EXTENSIONS = new Set([".csv", ".tsv", ".xlsx"]);

// ---------------------------------------------------------------------------------------------
// Reading.

/** Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1251. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return new TextDecoder("windows-1251").decode(body);
  }
}

/** Occurrences of each candidate outside double quotes in one line. */
function countOutsideQuotes(line: string, candidates: readonly string[]): number[] {
  const counts = candidates.map(() => 0);
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes) {
      const k = candidates.indexOf(ch);
      if (k >= 0) counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  return counts;
}

/**
 * The separator of an export CSV: Excel's «sep=X» hint line if present; else, on the header line
 * (the first line naming «Код показателя»; else the first non-empty line), the one of `;`, `,`,
 * tab that occurs most outside quotes. Russian Excel writes `;`, Google Sheets `,`.
 */
export function detectSeparator(text: string): string {
  const lines = text.split(/\r\n|\n|\r/);
  const hint = /^sep=(.)$/.exec(lines[0] ?? "");
  if (hint) return hint[1] as string;
  const header =
    lines.find((l) => headerKey(l).includes("код показателя")) ?? lines.find((l) => l.trim() !== "") ?? "";
  const candidates = [";", ",", "\t"] as const;
  const counts = countOutsideQuotes(header, candidates);
  let best = 0;
  counts.forEach((n, k) => {
    if (n > (counts[best] ?? 0)) best = k;
  });
  return (counts[best] ?? 0) > 0 ? (candidates[best] ?? ",") : ",";
}

/** The cells of an export CSV text, one row per line (blank lines kept, so row i is line i + 1). */
export function parseExportCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const delimiter = detectSeparator(body);
  const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
  const rows = parsed.data.map((r) => r.map((c) => String(c)));
  // Papa gives a last empty row for a trailing newline.
  while (rows.length > 0 && (rows[rows.length - 1] ?? []).every((c) => c === "")) rows.pop();
  return rows;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export interface ReadFiles {
  sources: ExportSource[];
  /** Why files could not be read at all, in Russian. */
  problems: string[];
  /** Those files, as «name». */
  unreadable: string[];
  /** Number of files looked at. */
  files: number;
}

function fail(out: ReadFiles, name: string, why: string): void {
  out.unreadable.push(`«${name}»`);
  out.problems.push(`«${name}»: ${why}`);
}

/** The export tables of one file: a CSV, or the export sheet(s) of an .xlsx. */
async function readOne(path: string, out: ReadFiles): Promise<void> {
  const name = basename(path);
  const ext = extname(path).toLowerCase();
  out.files++;
  if (ext === ".xlsx") {
    let book: XlsxWorkbook;
    try {
      book = await XlsxWorkbook.open(path);
    } catch (e) {
      fail(out, name, `не удалось прочитать — ${errorText(e)}.`);
      return;
    }
    const sheets = book.sheetNames();
    // A school workbook: its «Выгрузка в регион»; else any sheet holding the export table.
    const named = sheets.find((s) => headerKey(s) === headerKey(EXPORT_SHEET));
    if (named) {
      out.sources.push({ name, sheet: named, rows: book.read(named) ?? [] });
      return;
    }
    let found = false;
    for (const sheet of sheets) {
      const rows = book.read(sheet) ?? [];
      if ("row" in findExportHeader(rows)) {
        out.sources.push({ name, sheet, rows });
        found = true;
      }
    }
    if (!found) {
      fail(
        out,
        name,
        `в книге нет листа «${EXPORT_SHEET}» и ни одного листа с таблицей выгрузки ` +
          `(листы: ${sheets.map((s) => `«${s}»`).join(", ") || "нет"}). В книге школы обновите мониторинг, ` +
          "чтобы лист «Выгрузка в регион» заполнился.",
      );
    }
    return;
  }
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") {
    let text: string;
    try {
      text = decodeCsvBytes(await readFile(path));
    } catch (e) {
      const code = (e as { code?: string }).code;
      fail(
        out,
        name,
        code === "ENOENT"
          ? "файл не найден."
          : `не удалось прочитать — ${code === "EACCES" ? "нет прав доступа" : errorText(e)}.`,
      );
      return;
    }
    out.sources.push({ name, rows: parseExportCsv(text) });
    return;
  }
  fail(
    out,
    name,
    `формат «${ext || "без расширения"}» не поддерживается — нужен CSV (выгрузка школы) или книга .xlsx.`,
  );
}

function isInputFile(file: string): boolean {
  if (file.startsWith(".") || file.startsWith("~$")) return false;
  if (/\.bak\.xlsx$/i.test(file)) return false;
  return FOLDER_EXTENSIONS.has(extname(file).toLowerCase());
}

/**
 * Reads the given files and folders (a folder: every .csv / .tsv / .xlsx in it, by name), in
 * order; `skip` (the output file) is never read.
 */
export async function readExportFiles(paths: readonly string[], skip?: string): Promise<ReadFiles> {
  const out: ReadFiles = { sources: [], problems: [], unreadable: [], files: 0 };
  for (const p of paths) {
    const path = resolve(p);
    let isDir = false;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch {
      out.files++;
      fail(out, p, "файл не найден.");
      continue;
    }
    if (!isDir) {
      if (skip && path === skip) continue;
      await readOne(path, out);
      continue;
    }
    const names = (await readdir(path))
      .filter(isInputFile)
      .filter((n) => join(path, n) !== skip)
      .sort((a, b) => a.localeCompare(b, "ru"));
    if (names.length === 0) {
      out.problems.push(`Папка «${p}»: в ней нет файлов .csv или .xlsx.`);
      continue;
    }
    for (const n of names) await readOne(join(path, n), out);
  }
  return out;
}

/** Reads the files and combines them; file problems come first, then the table's. */
export async function combineFiles(
  paths: readonly string[],
  skip?: string,
): Promise<{ result: CombineResult; files: number; problems: string[] }> {
  const read = await readExportFiles(paths, skip);
  const result = combineExports(read.sources);
  return {
    result: { ...result, unusable: [...read.unreadable, ...result.unusable] },
    files: read.files,
    problems: [...read.problems, ...result.problems],
  };
}

// ---------------------------------------------------------------------------------------------
// Writing.

/** A number as Russian Excel reads it in a `;` CSV: decimal comma. */
function csvCell(value: CellValue): string {
  let s: string;
  if (typeof value === "number") s = String(value).replace(".", ",");
  else if (value instanceof Date) s = value.toISOString().slice(0, 10);
  else if (typeof value === "boolean") s = value ? "ИСТИНА" : "ЛОЖЬ";
  else s = looksLikeFormula(value) ? `'${value}` : value;
  return /[";\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV as Russian Excel opens it: UTF-8 with BOM, `;` separator, decimal comma, CRLF. */
export function combinedCsv(table: readonly CellValue[][]): string {
  return `\uFEFF${table.map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

/** The combined table as an .xlsx: bold header and «Итого», codes and methods in grey, frozen rows. */
export async function combinedXlsx(result: CombineResult): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Наставник";
  const ws = book.addWorksheet(REGION_SHEET, {
    views: [{ state: "frozen", xSplit: 1, ySplit: HEADER_ROWS, topLeftCell: `B${HEADER_ROWS + 1}` }],
  });
  // Empty strings become empty cells.
  for (const row of result.table) ws.addRow(row.map((v) => (v === "" ? null : v)));
  const width = result.table[0]?.length ?? 0;
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: "top" };
  for (const r of [2, 3]) {
    ws.getRow(r).font = { italic: true, color: { argb: "FF616161" }, size: 9 };
    ws.getRow(r).alignment = { wrapText: true, vertical: "top" };
  }
  ws.getRow(result.table.length).font = { bold: true };
  for (let c = 1; c <= width; c++) {
    ws.getColumn(c).width = c === 1 ? 42 : c <= SCHOOL_COLUMNS ? 16 : 18;
  }
  result.columns.forEach((column, i) => {
    if (column.unit === "%" || column.method.kind === "mean" || column.method.kind === "ratio") {
      ws.getColumn(SCHOOL_COLUMNS + 1 + i).numFmt = "0.##";
    }
  });
  const out = await book.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** Writes next to the target and renames, so a reader never sees half a file. */
async function writeAtomically(path: string, data: string | Buffer): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    const code = (e as { code?: string }).code;
    if (code === "EACCES" || code === "EPERM" || code === "EBUSY")
      throw new Error(`Не удалось записать «${path}»: нет прав или файл открыт в другой программе.`);
    if (code === "ENOENT") throw new Error(`Не удалось записать «${path}»: нет такой папки.`);
    throw new Error(`Не удалось записать «${path}»: ${errorText(e)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The command.

function out(line = ""): void {
  process.stdout.write(`${line}\n`);
}

const HELP = [
  "nastavnik region combine ФАЙЛ... [--out СВОД.xlsx|СВОД.csv] [--json]",
  "    Сводит выгрузки мониторинга школ в одну таблицу: строка на школу, столбец на показатель",
  "    (в шапке — название, код показателя и как получен «Итого»), внизу строка «Итого».",
  "    ФАЙЛ — CSV выгрузки школы (UTF-8, разделитель «;» или «,»), книга школы .xlsx (берётся лист",
  "    «Выгрузка в регион») или .xlsx с одной таблицей выгрузки; можно указать папку — берутся все",
  "    .csv и .xlsx в ней.",
  "    Числа школ складываются; проценты пересчитываются по исходным числам, если они есть в",
  "    выгрузке (иначе — среднее по школам); баллы и дни — среднее по школам.",
  "    Если школа прислала данные дважды, берётся более поздний файл (по порядку в командной строке,",
  "    в папке — по имени). Нечитаемые файлы и строки перечисляются, остальное сводится.",
  "    --out ФАЙЛ   записать свод в .xlsx (лист «Свод по школам») или .csv (UTF-8, «;»);",
  "    --config ФАЙЛ  файл настроек (по умолчанию nastavnik.config.json в текущей папке): если в нём",
  "                 задана папка «exports», без --out свод записывается туда в «свод-по-школам.xlsx»;",
  "    --json       вывести итоги и замечания в формате JSON (без --out — и всю таблицу).",
  "    Код выхода 0, если сведена хотя бы одна школа, иначе 1.",
].join("\n");

const REGION_OPTIONS = { out: { type: "string" }, ...JSON_OPTION, ...CONFIG_OPTION } as const;

/** The combined table's file name in the configuration's exports folder. */
export const REGION_DEFAULT_NAME = "свод-по-школам.xlsx";

export const regionCommand: Command = {
  name: "region",
  usage: "nastavnik region combine ФАЙЛ... [--out СВОД.xlsx|СВОД.csv] [--json] [--config ФАЙЛ]",
  options: REGION_OPTIONS,
  subcommands: ["combine"],
  summary: "для регионального центра: свести выгрузки мониторинга многих школ",
  help: HELP,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== "combine") {
      throw new UsageError(
        `${sub ? `Неизвестная подкоманда «${sub}»` : "Не указана подкоманда"}. Доступна: combine. Справка: nastavnik region --help`,
      );
    }
    const { values, positionals } = parseOptions("region", rest, REGION_OPTIONS);
    if (positionals.length === 0) {
      throw new UsageError(
        "Не указаны файлы выгрузок. Пример: nastavnik region combine школы/*.csv --out свод.xlsx",
      );
    }
    const config = await readConfig(process.cwd(), values.config);
    const target =
      values.out !== undefined
        ? resolve(values.out)
        : config.exports
          ? join(config.exports, REGION_DEFAULT_NAME)
          : undefined;
    if (target !== undefined && !/\.(xlsx|csv)$/i.test(target)) {
      throw new UsageError(`«${values.out}» — свод записывается в файл .xlsx или .csv`);
    }
    if (target !== undefined) await mkdir(dirname(target), { recursive: true });
    const { result, files, problems } = await combineFiles(positionals, target);
    if (target !== undefined && result.schools > 0) {
      await writeAtomically(
        target,
        /\.csv$/i.test(target) ? combinedCsv(result.table) : await combinedXlsx(result),
      );
    }
    const written = target !== undefined && result.schools > 0;
    if (values.json) {
      outJson({
        files,
        schools: result.schools,
        indicators: result.indicators,
        years: result.years,
        used: result.used,
        unusable: result.unusable,
        problems,
        columns: result.columns.map((c) => ({
          code: c.code,
          label: c.label,
          unit: c.unit,
          total: c.total,
          method: describeMethod(c.method),
        })),
        out: written ? target : null,
        ...(target === undefined ? { table: result.table } : {}),
      });
      return result.schools > 0 ? 0 : 1;
    }
    for (const line of describeCombine(result, files)) out(line);
    if (problems.length > 0) {
      out();
      out(`Замечания (${problems.length}):`);
      for (const p of problems) out(`  • ${p}`);
    }
    out();
    if (written) out(`Свод записан: ${target}`);
    else if (result.schools > 0 && target === undefined) {
      out("Итого по показателям:");
      for (const c of result.columns) {
        out(
          `  ${c.code} — ${c.label}${c.unit ? `, ${c.unit}` : ""}: ${c.total === null ? "—" : String(c.total).replace(".", ",")} (${describeMethod(c.method)})`,
        );
      }
      out();
      out("Свод не записан в файл: добавьте --out СВОД.xlsx или --out СВОД.csv.");
    } else if (target !== undefined) out("Свод не записан: сводить нечего.");
    return result.schools > 0 ? 0 : 1;
  },
};
