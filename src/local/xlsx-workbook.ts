// The local edition's ports over an .xlsx file: the workbook (exceljs, kept in memory and
// saved atomically), the meta store in a very hidden sheet, a lock file and the OS user.

import { randomBytes } from "node:crypto";
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { copyFile, open, readFile, rename, rm, stat } from "node:fs/promises";
import os from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import type { CellWrite, LockPort, MetaStore, UserPort, WorkbookPort, WriteResult } from "../app/ports";
import {
  type CellValue,
  type ColumnLayout,
  type ColumnValidation,
  type ConditionalRule,
  columnLetter,
  type SheetLayout,
} from "../domain/cells";
import { CONDITIONAL_MARK, checkConditional, markedFormula, markedRuleId } from "../domain/conditional";
import { keepEdited, relocateWrites, sameCell } from "../domain/table";

export { CONDITIONAL_MARK, markedRuleId };

/** The Excel formula (no leading "=") of the add-on's rule, with its id embedded. */
export function markedExcelFormula(rule: Pick<ConditionalRule, "id" | "formula">): string {
  return markedFormula(rule).slice(1);
}

/** Name of the very hidden sheet that holds the meta store. */
export const META_SHEET = "_nastavnik";

/** Added to the header note of columns the add-on fills (Excel has no warning-only protection). */
export const PROTECT_NOTE = "Заполняется надстройкой — не изменяйте вручную.";

/** Fill of the header cell of a column the add-on fills (grey-blue). */
export const PROTECT_FILL = "FFC5D3E0";

/** Data validations are applied to rows 2..VALIDATION_LAST_ROW (further if the data is longer). */
export const VALIDATION_LAST_ROW = 1000;

/** Excel's limits. */
const MAX_SHEET_NAME = 31;
const MAX_CELL_TEXT = 32767;
const MAX_LIST_FORMULA = 255;

const LIST_NOTE_PREFIX = "Допустимые значения: ";

/** The part of a worksheet exceljs has but does not declare in its typings. */
type DataValidationMap = Record<string, ExcelJS.DataValidation | undefined>;
interface WorksheetWithValidations {
  dataValidations: { model: DataValidationMap };
}

function validationsOf(ws: ExcelJS.Worksheet): WorksheetWithValidations["dataValidations"] {
  return (ws as unknown as WorksheetWithValidations).dataValidations;
}

/** The conditional formats of a worksheet: exceljs keeps them in an undeclared array. */
interface WorksheetWithConditionalFormats {
  conditionalFormattings: ExcelJS.ConditionalFormattingOptions[];
}

function conditionalFormatsOf(ws: ExcelJS.Worksheet): WorksheetWithConditionalFormats {
  return ws as unknown as WorksheetWithConditionalFormats;
}

// ---------------------------------------------------------------------------------------
// The add-on's conditional formats carry their id in the formula as a term that is always
// true, the same mark as in Google Sheets (src/gas/workbook.ts; keep the two in step):
// AND(<formula>,N("nastavnik:<id>")=0). Excel stores such formulas without the leading "=".

function isOwnRule(rule: ExcelJS.ConditionalFormattingRule): boolean {
  if (rule.type !== "expression") return false;
  return (rule.formulae ?? []).some((f: unknown) => typeof f === "string" && markedRuleId(f) !== null);
}

// ---------------------------------------------------------------------------------------
// Dates: exceljs stores a Date as the serial of its UTC instant; the domain uses local
// calendar time. Convert by keeping the wall-clock components.

/** Local Date → the UTC instant with the same wall-clock components (what exceljs writes). */
export function localToUtc(d: Date): Date {
  const u = new Date(0);
  u.setUTCFullYear(d.getFullYear(), d.getMonth(), d.getDate());
  u.setUTCHours(d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
  return u;
}

/** UTC instant read by exceljs → the local Date with the same wall-clock components. */
export function utcToLocal(u: Date): Date {
  const d = new Date(0);
  d.setFullYear(u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate());
  d.setHours(u.getUTCHours(), u.getUTCMinutes(), u.getUTCSeconds(), u.getUTCMilliseconds());
  return d;
}

// ---------------------------------------------------------------------------------------
// Cell values

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !(v instanceof Date);
}

function isFormulaValue(v: unknown): boolean {
  return isRecord(v) && ("formula" in v || "sharedFormula" in v);
}

/** exceljs cell value → plain CellValue ("" for empty). */
function fromExcel(v: unknown): CellValue {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : "#NUM!";
  if (typeof v === "boolean") return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : utcToLocal(v);
  if (!isRecord(v)) return String(v);
  if (typeof v.error === "string") return v.error;
  if (Array.isArray(v.richText)) {
    return v.richText
      .map((run: unknown) => (isRecord(run) && typeof run.text === "string" ? run.text : ""))
      .join("");
  }
  if (isFormulaValue(v)) return fromExcel(v.result);
  if ("text" in v) return fromExcel(v.text); // hyperlink: { text, hyperlink }
  return "";
}

/** Plain CellValue → what exceljs should store. Strings stay literal text (never formulas). */
function toExcel(value: CellValue): ExcelJS.CellValue {
  if (typeof value === "string") {
    if (value === "") return null;
    // Excel refuses cells longer than 32,767 characters (the file would need repair).
    return value.length > MAX_CELL_TEXT ? value.slice(0, MAX_CELL_TEXT) : value;
  }
  if (typeof value === "number")
    return Number.isFinite(value) ? value : { error: "#NUM!" as ExcelJS.ErrorValue };
  if (typeof value === "boolean") return value;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { error: "#VALUE!" as ExcelJS.ErrorValue } : localToUtc(value);
  }
  return null;
}

/** The top-left cell of a merge keeps the value; the others read as empty (like Google Sheets). */
function isMergedSlave(cell: ExcelJS.Cell): boolean {
  return cell.isMerged && cell.master.address !== cell.address;
}

function decodeAddress(address: string): { col: number; row: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(address);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

/** "#d9ead3" / "d9ead3" / "#abc" → "FFD9EAD3"; null if it is not a hex colour. */
function toArgb(color: string | undefined): string | null {
  if (!color) return null;
  let hex = color.trim().replace(/^#/, "");
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = [...hex].map((c) => c + c).join("");
  if (/^[0-9a-f]{6}$/i.test(hex)) return `FF${hex.toUpperCase()}`;
  if (/^[0-9a-f]{8}$/i.test(hex)) return hex.toUpperCase();
  return null;
}

function noteText(note: ExcelJS.Cell["note"] | undefined): string {
  if (note === undefined || note === null) return "";
  if (typeof note === "string") return note;
  const texts = (note as { texts?: Array<{ text?: string }> }).texts;
  return Array.isArray(texts) ? texts.map((t) => t.text ?? "").join("") : "";
}

/** Stable JSON (sorted keys), to compare validations. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (isRecord(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/**
 * exceljs keeps data validations per cell and squeezes them into ranges when writing, but it
 * sorts the addresses as strings ("B10" < "B2"), which yields overlapping ranges such as
 * B10:B1000 and B2:B1000. This groups the cells into non-overlapping column runs instead.
 */
function compactValidations(model: DataValidationMap): DataValidationMap {
  const out: DataValidationMap = {};
  const byCol = new Map<number, Array<{ row: number; dv: ExcelJS.DataValidation; key: string }>>();
  for (const [address, dv] of Object.entries(model)) {
    if (!dv) continue;
    const a = decodeAddress(address);
    if (!a) {
      out[address] = dv; // already a range
      continue;
    }
    const list = byCol.get(a.col) ?? [];
    list.push({ row: a.row, dv, key: stableJson(dv) });
    byCol.set(a.col, list);
  }
  for (const [col, list] of byCol) {
    list.sort((x, y) => x.row - y.row);
    const letter = columnLetter(col);
    let i = 0;
    while (i < list.length) {
      const first = list[i];
      if (!first) break;
      let j = i;
      while (j + 1 < list.length) {
        const next = list[j + 1];
        const cur = list[j];
        if (!next || !cur || next.row !== cur.row + 1 || next.key !== first.key) break;
        j++;
      }
      const lastRow = list[j]?.row ?? first.row;
      const address =
        lastRow === first.row ? `${letter}${first.row}` : `${letter}${first.row}:${letter}${lastRow}`;
      out[address] = first.dv;
      i = j + 1;
    }
  }
  return out;
}

function errorCode(e: unknown): string {
  return isRecord(e) && typeof e.code === "string" ? e.code : "";
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// ---------------------------------------------------------------------------------------

/** Checks a sheet name against Excel's rules; returns a Russian error or null. */
export function sheetNameError(name: string): string | null {
  if (name.trim() === "") return "Имя листа не может быть пустым";
  if (name.length > MAX_SHEET_NAME) {
    return `Имя листа «${name}» длиннее ${MAX_SHEET_NAME} символа (${name.length}) — Excel такое не допускает`;
  }
  if (/[[\]:*?/\\]/.test(name)) {
    return `Имя листа «${name}» содержит недопустимый символ — в Excel нельзя использовать [ ] : * ? / \\`;
  }
  if (name.startsWith("'") || name.endsWith("'")) {
    return `Имя листа «${name}» не может начинаться или заканчиваться апострофом`;
  }
  if (name.toLowerCase() === "history") return `Имя листа «${name}» зарезервировано в Excel`;
  return null;
}

export class XlsxWorkbook implements WorkbookPort {
  private constructor(private readonly book: ExcelJS.Workbook) {}

  /** A new empty workbook (no sheets). */
  static create(): XlsxWorkbook {
    const book = new ExcelJS.Workbook();
    book.creator = "Наставник";
    book.created = new Date();
    return new XlsxWorkbook(book);
  }

  /** Opens an .xlsx file; throws a Russian error naming the file if it can't be read. */
  static async open(path: string): Promise<XlsxWorkbook> {
    const name = basename(path);
    let data: Buffer;
    try {
      const st = await stat(path);
      if (st.isDirectory()) throw new Error(`«${path}» — это папка, а не файл книги Excel`);
      data = await readFile(path);
    } catch (e) {
      const code = errorCode(e);
      if (code === "ENOENT" || code === "ENOTDIR") throw new Error(`Файл «${path}» не найден`);
      if (code === "EACCES" || code === "EPERM" || code === "EBUSY") {
        throw new Error(
          `Файл «${path}» недоступен для чтения: нет прав доступа или он заблокирован другой программой`,
        );
      }
      if (code === "") throw e;
      throw new Error(`Не удалось прочитать файл «${path}»: ${errorMessage(e)}`);
    }
    // Old binary .xls and password-protected .xlsx are OLE compound files.
    if (data.length >= 4 && data.readUInt32BE(0) === 0xd0cf11e0) {
      throw new Error(
        `Файл «${name}» — книга старого формата Excel (.xls) или книга, защищённая паролем. ` +
          "Откройте её в Excel и сохраните как «Книга Excel (.xlsx)» без пароля",
      );
    }
    const notXlsx = `Файл «${name}» не является книгой Excel (.xlsx) или повреждён`;
    const advice =
      "Откройте его в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)»; " +
      "если это книга Наставника, возьмите её резервную копию (рядом, с окончанием .bak.xlsx).";
    if (data.length < 4 || data.readUInt32BE(0) !== 0x504b0304 || !data.includes("xl/")) {
      throw new Error(`${notXlsx}. ${advice}`);
    }
    const book = new ExcelJS.Workbook();
    try {
      // exceljs's typings predate Node's generic Buffer; the runtime accepts any Buffer.
      await book.xlsx.load(data as unknown as ExcelJS.Buffer);
    } catch (e) {
      throw new Error(`${notXlsx} (${russianZipProblem(errorMessage(e))}). ${advice}`);
    }
    return new XlsxWorkbook(book);
  }

  /** The underlying exceljs workbook (for the meta store and other local adapters). */
  get excel(): ExcelJS.Workbook {
    return this.book;
  }

  async toBuffer(): Promise<Buffer> {
    this.prepareForWriting();
    // Write compacted, non-overlapping validations, then restore the per-cell model.
    const saved = new Map<ExcelJS.Worksheet, DataValidationMap>();
    for (const ws of this.book.worksheets) {
      const dvs = validationsOf(ws);
      saved.set(ws, dvs.model);
      dvs.model = compactValidations(dvs.model);
    }
    try {
      const out = await this.book.xlsx.writeBuffer();
      return Buffer.from(out as ArrayBuffer);
    } finally {
      for (const [ws, model] of saved) validationsOf(ws).model = model;
    }
  }

  /**
   * Saves atomically: writes a temporary file in the same folder, keeps the previous version as
   * `<name>.bak.xlsx`, then renames the temporary file over the target.
   */
  async save(path: string): Promise<void> {
    const target = resolve(path);
    const dir = dirname(target);
    const name = basename(target);
    const buffer = await this.toBuffer();
    const tmp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    try {
      const fh = await open(tmp, "wx");
      try {
        await fh.writeFile(buffer);
        await fh.sync();
      } finally {
        await fh.close();
      }
      if (await exists(target)) {
        const bak = backupPath(target);
        const bakTmp = `${tmp}.bak`;
        await copyFile(target, bakTmp);
        await rename(bakTmp, bak);
      }
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      await rm(`${tmp}.bak`, { force: true });
      throw saveError(path, e);
    }
    await syncDir(dir);
  }

  sheetNames(): string[] {
    return this.book.worksheets.map((ws) => ws.name).filter((n) => n !== META_SHEET);
  }

  read(sheet: string): CellValue[][] | null {
    const ws = this.userSheet(sheet);
    if (!ws) return null;
    const found: Array<{ row: number; col: number; value: CellValue }> = [];
    let rows = 0;
    let cols = 0;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        if (isMergedSlave(cell)) return;
        const value = fromExcel(cell.value);
        if (value === "" && !isFormulaValue(cell.value)) return;
        found.push({ row: rowNumber, col: colNumber, value });
        if (rowNumber > rows) rows = rowNumber;
        if (colNumber > cols) cols = colNumber;
      });
    });
    const grid: CellValue[][] = Array.from({ length: rows }, () => new Array<CellValue>(cols).fill(""));
    for (const f of found) {
      const r = grid[f.row - 1];
      if (r) r[f.col - 1] = f.value;
    }
    return grid;
  }

  createSheet(sheet: string): void {
    if (sheet === META_SHEET) throw new Error(`Имя листа «${sheet}» зарезервировано Наставником`);
    const bad = sheetNameError(sheet);
    if (bad) throw new Error(bad);
    const lower = sheet.toLowerCase();
    if (this.book.worksheets.some((ws) => ws.name.toLowerCase() === lower)) {
      throw new Error(`Лист «${sheet}» уже существует`);
    }
    try {
      this.book.addWorksheet(sheet);
    } catch (e) {
      throw new Error(`Не удалось создать лист «${sheet}»: ${errorMessage(e)}`);
    }
  }

  write(sheet: string, cells: CellWrite[]): WriteResult {
    const ws = this.requireSheet(sheet);
    for (const c of cells) {
      if (!Number.isInteger(c.row) || !Number.isInteger(c.col) || c.row < 1 || c.col < 1) {
        throw new Error(`Некорректная ячейка (строка ${c.row}, столбец ${c.col}) на листе «${sheet}»`);
      }
    }
    // Conditional cells are checked against the sheet as it is now (see WorkbookPort.write).
    const at = (row: number, col: number): CellValue => {
      const cell = ws.findCell(row, col);
      return cell ? fromExcel(cell.value) : "";
    };
    const rowsOf = (col: number, value: CellValue): number[] => {
      const rows: number[] = [];
      for (let r = 2; r <= ws.rowCount; r++) if (sameCell(at(r, col), value)) rows.push(r);
      return rows;
    };
    const placed = relocateWrites(cells, at, rowsOf);
    const kept = keepEdited(placed.cells, at);
    for (const c of kept.cells) this.setCell(ws, c.row, c.col, c.value);
    return { skipped: [...placed.skipped, ...kept.skipped] };
  }

  append(sheet: string, rows: CellValue[][]): number {
    const ws = this.requireSheet(sheet);
    const first = lastContentRow(ws) + 1;
    rows.forEach((row, i) => {
      row.forEach((value, j) => {
        if (value === "") return;
        this.setCell(ws, first + i, j + 1, value);
      });
    });
    return first;
  }

  deleteRows(sheet: string, rows: number[]): void {
    const ws = this.requireSheet(sheet);
    for (const r of [...new Set(rows)].filter((n) => Number.isInteger(n) && n >= 1).sort((a, b) => b - a)) {
      ws.spliceRows(r, 1);
    }
  }

  applyLayout(sheet: string, layout: SheetLayout): void {
    const ws = this.requireSheet(sheet);
    layout.conditional?.forEach(checkConditional);

    // Frozen header rows (keeping frozen columns and the other view settings).
    const view = { ...(ws.views?.[0] ?? {}) } as Record<string, unknown>;
    const xSplit = view.state === "frozen" && typeof view.xSplit === "number" ? view.xSplit : 0;
    for (const k of ["state", "xSplit", "ySplit", "topLeftCell", "activePane", "activeCell"]) delete view[k];
    if (layout.frozenRows > 0 || xSplit > 0) {
      Object.assign(view, {
        state: "frozen",
        xSplit,
        ySplit: layout.frozenRows,
        topLeftCell: `${columnLetter(xSplit + 1)}${layout.frozenRows + 1}`,
      });
    } else {
      view.state = "normal";
    }
    ws.views = [view as Partial<ExcelJS.WorksheetView>];

    const tab = toArgb(layout.tabColor);
    if (tab) ws.properties.tabColor = { argb: tab };

    // Header: bold, background.
    const headerFill = toArgb(layout.headerBackground);
    const protectedCols = new Set(layout.columns.filter((c) => c.protect).map((c) => c.col));
    const headerCols = Math.max(
      layout.headerWidth,
      ...layout.columns.filter((c) => c.protect).map((c) => c.col),
    );
    for (let col = 1; col <= headerCols; col++) {
      const cell = ws.getCell(1, col);
      const style: Partial<ExcelJS.Style> = { ...cell.style };
      if (col <= layout.headerWidth) style.font = { ...(cell.style.font ?? {}), bold: true };
      const fill = protectedCols.has(col) ? PROTECT_FILL : col <= layout.headerWidth ? headerFill : null;
      if (fill) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
      // A fresh style object per cell: exceljs shares one object between cells read with the
      // same style, so mutating it would restyle unrelated cells.
      cell.style = style;
    }

    const dataEnd = lastContentRow(ws);
    const lastRow = Math.max(VALIDATION_LAST_ROW, dataEnd);
    for (const column of layout.columns) this.applyColumn(ws, column, dataEnd, lastRow);
    if (layout.conditional !== undefined) this.applyConditional(ws, layout.conditional, lastRow);
  }

  /**
   * Replaces the add-on's conditional formats (recognised by the mark in their formula) with
   * `rules`, ahead of every other rule, which stays with its range, style and relative order.
   */
  private applyConditional(ws: ExcelJS.Worksheet, rules: ConditionalRule[], lastRow: number): void {
    const ours: ExcelJS.ConditionalFormattingOptions[] = rules.map((rule, i) => {
      const style: Partial<ExcelJS.Style> = {};
      const fill = toArgb(rule.background);
      // In a differential style Excel takes the colour of a solid fill from bgColor (what it
      // writes itself); fgColor is the colour in a cell style. Both are given, so every reader
      // finds it (LibreOffice paints either).
      if (fill)
        style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill }, bgColor: { argb: fill } };
      const font = toArgb(rule.fontColor);
      if (font) style.font = { color: { argb: font } };
      return {
        ref: `${columnLetter(rule.fromCol)}2:${columnLetter(rule.toCol)}${lastRow}`,
        rules: [{ type: "expression", formulae: [markedExcelFormula(rule)], style, priority: i + 1 }],
      };
    });
    // The others, by their priority, numbered after ours (Excel wants distinct priorities).
    const others = (conditionalFormatsOf(ws).conditionalFormattings ?? [])
      .flatMap((cf, order) => cf.rules.map((rule) => ({ cf, rule, order })))
      .filter(({ rule }) => !isOwnRule(rule))
      .sort((a, b) => (a.rule.priority ?? 0) - (b.rule.priority ?? 0) || a.order - b.order);
    const kept = new Map<ExcelJS.ConditionalFormattingOptions, ExcelJS.ConditionalFormattingOptions>();
    others.forEach(({ cf, rule }, i) => {
      let copy = kept.get(cf);
      if (!copy) {
        copy = { ...cf, rules: [] };
        kept.set(cf, copy);
      }
      copy.rules.push({ ...rule, priority: ours.length + i + 1 });
    });
    conditionalFormatsOf(ws).conditionalFormattings = [...ours, ...kept.values()];
  }

  // -------------------------------------------------------------------------------------

  private applyColumn(ws: ExcelJS.Worksheet, layout: ColumnLayout, dataEnd: number, lastRow: number): void {
    const col = layout.col;
    const column = ws.getColumn(col);
    if (layout.width !== undefined && layout.width > 0) {
      column.width = Math.round((layout.width / 7) * 100) / 100;
    }

    if (layout.numberFormat !== undefined || layout.wrap) {
      // The column style covers cells typed later; existing data cells get it too.
      const colStyle: Partial<ExcelJS.Style> = { ...column.style };
      if (layout.numberFormat !== undefined) colStyle.numFmt = layout.numberFormat;
      if (layout.wrap) colStyle.alignment = { ...(column.style.alignment ?? {}), wrapText: true };
      column.style = colStyle;
      for (let row = 2; row <= dataEnd; row++) {
        const cell = ws.findCell(row, col);
        if (!cell) continue;
        const style: Partial<ExcelJS.Style> = { ...cell.style };
        if (layout.numberFormat !== undefined) style.numFmt = layout.numberFormat;
        if (layout.wrap) style.alignment = { ...(cell.style.alignment ?? {}), wrapText: true };
        cell.style = style;
      }
    }

    let listNote: string | null = null;
    if (layout.validation) {
      const dvs = validationsOf(ws);
      const letter = columnLetter(col);
      for (let row = 2; row <= lastRow; row++) delete dvs.model[`${letter}${row}`];
      const built = buildValidation(layout.validation);
      if (built.note) listNote = built.note;
      if (built.validation) {
        const dv = built.validation;
        for (let row = 2; row <= lastRow; row++) dvs.model[`${letter}${row}`] = dv;
      }
    }

    if (layout.note !== undefined || layout.protect || listNote || layout.validation) {
      const header = ws.getCell(1, col);
      const existing = noteText(header.note);
      const base = layout.note ?? stripOwnNotes(existing);
      const parts = [base, listNote ?? "", layout.protect ? PROTECT_NOTE : ""].filter((p) => p.trim() !== "");
      const text = parts.join("\n\n");
      if (text !== existing) {
        if (text === "") removeNote(header);
        else header.note = text;
      }
    }
  }

  private setCell(ws: ExcelJS.Worksheet, row: number, col: number, value: CellValue): void {
    const existing = ws.findCell(row, col);
    if (existing && isMergedSlave(existing)) return; // exceljs would write the merge's master
    ws.getCell(row, col).value = toExcel(value);
  }

  private userSheet(sheet: string): ExcelJS.Worksheet | undefined {
    if (sheet === META_SHEET) return undefined;
    return this.book.worksheets.find((ws) => ws.name === sheet);
  }

  private requireSheet(sheet: string): ExcelJS.Worksheet {
    const ws = this.userSheet(sheet);
    if (!ws) throw new Error(`Лист «${sheet}» не найден в книге`);
    return ws;
  }

  /** Excel needs a visible sheet, and the active tab must not be a hidden one. */
  private prepareForWriting(): void {
    let sheets = this.book.worksheets;
    if (!sheets.some((ws) => ws.state === "visible" || ws.state === undefined)) {
      this.book.addWorksheet("Лист1");
      sheets = this.book.worksheets;
    }
    const visible = (i: number | undefined) =>
      i !== undefined && i >= 0 && i < sheets.length && (sheets[i]?.state ?? "visible") === "visible";
    const firstVisible = sheets.findIndex((ws) => (ws.state ?? "visible") === "visible");
    const current = (this.book.views?.[0] ?? {}) as Partial<ExcelJS.WorkbookView>;
    const view: Partial<ExcelJS.WorkbookView> = { ...current };
    if (!visible(view.activeTab)) view.activeTab = firstVisible;
    if (!visible(view.firstSheet)) view.firstSheet = firstVisible;
    this.book.views = [
      { x: 0, y: 0, width: 12000, height: 24000, visibility: "visible", ...view } as ExcelJS.WorkbookView,
    ];
  }
}

/** exceljs can set a note but has no API to remove one; its cell keeps the note in `_comment`. */
function removeNote(cell: ExcelJS.Cell): void {
  (cell as unknown as { _comment?: unknown })._comment = undefined;
}

function stripOwnNotes(note: string): string {
  return note
    .split(/\n\n/)
    .filter((p) => p.trim() !== PROTECT_NOTE && !p.startsWith(LIST_NOTE_PREFIX))
    .join("\n\n");
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function buildValidation(v: ColumnValidation): { validation?: ExcelJS.DataValidation; note?: string } {
  const base = { allowBlank: true, showErrorMessage: true, errorTitle: "Наставник" };
  switch (v.kind) {
    case "range": {
      const letter = columnLetter(v.column);
      return {
        validation: {
          ...base,
          type: "list",
          formulae: [`${quoteSheet(v.sheet)}!$${letter}$${v.firstRow}:$${letter}$${v.lastRow}`],
          errorStyle: v.strict ? "stop" : "warning",
          error: v.strict
            ? `Выберите значение из списка на листе «${v.sheet}»`
            : `Значения нет в списке на листе «${v.sheet}». Оставить его?`,
        },
      };
    }
    case "list": {
      const values = v.values.filter((x) => x !== "");
      if (values.length === 0) return {};
      const body = values.map((x) => x.replace(/"/g, '""')).join(",");
      // A literal list can't hold commas inside a value and is limited to 255 characters.
      if (values.some((x) => x.includes(",")) || body.length > MAX_LIST_FORMULA) {
        return { note: `${LIST_NOTE_PREFIX}${values.join("; ")}` };
      }
      return {
        validation: {
          ...base,
          type: "list",
          formulae: [`"${body}"`],
          errorStyle: v.strict ? "stop" : "warning",
          error: v.strict ? "Выберите значение из списка" : "Значения нет в списке. Оставить его?",
        },
      };
    }
    case "checkbox":
      return {
        validation: {
          ...base,
          type: "list",
          formulae: ['"TRUE,FALSE"'],
          errorStyle: "stop",
          error: "Выберите TRUE (да) или FALSE (нет)",
        },
      };
    case "date":
      return {
        validation: {
          ...base,
          type: "date",
          operator: "greaterThanOrEqual",
          // Excel serial 1 = 01.01.1900 (exceljs writes the serial of this UTC instant).
          formulae: [new Date(Date.UTC(1899, 11, 31))],
          errorStyle: "stop",
          error: "Введите дату, например 01.09.2025",
        },
      };
    case "number": {
      const { min, max } = v;
      const range =
        min !== undefined && max !== undefined
          ? { operator: "between" as const, formulae: [min, max], error: `Введите число от ${min} до ${max}` }
          : min !== undefined
            ? {
                operator: "greaterThanOrEqual" as const,
                formulae: [min],
                error: `Введите число не меньше ${min}`,
              }
            : max !== undefined
              ? {
                  operator: "lessThanOrEqual" as const,
                  formulae: [max],
                  error: `Введите число не больше ${max}`,
                }
              : { operator: "between" as const, formulae: [-1e15, 1e15], error: "Введите число" };
      return { validation: { ...base, type: "decimal", errorStyle: "stop", ...range } };
    }
  }
}

/** The last row (1-based) with any content; 0 for an empty sheet. Formulas count as content. */
function lastContentRow(ws: ExcelJS.Worksheet): number {
  let last = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    let has = false;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (has || isMergedSlave(cell)) return;
      if (isFormulaValue(cell.value) || fromExcel(cell.value) !== "") has = true;
    });
    if (has && rowNumber > last) last = rowNumber;
  });
  return last;
}

/** `plan.xlsx` → `plan.bak.xlsx` next to it. */
export function backupPath(path: string): string {
  const abs = resolve(path);
  const name = basename(abs).replace(/\.xlsx$/i, "");
  return join(dirname(abs), `${name}.bak.xlsx`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Not supported everywhere (Windows); the rename is atomic regardless.
  }
}

function saveError(path: string, e: unknown): Error {
  const code = errorCode(e);
  const where = `Не удалось сохранить книгу «${path}»`;
  if (code === "ENOENT" || code === "ENOTDIR")
    return new Error(`${where}: папка «${dirname(path)}» не найдена`);
  if (code === "EBUSY" || code === "EPERM") {
    return new Error(
      `${where}: файл открыт в другой программе (например, в Excel) или нет прав. Закройте его и повторите`,
    );
  }
  if (code === "EACCES" || code === "EROFS")
    return new Error(`${where}: нет прав на запись в папку «${dirname(path)}»`);
  if (code === "ENOSPC") return new Error(`${where}: недостаточно места на диске`);
  return new Error(`${where}: ${errorMessage(e)}`);
}

// ---------------------------------------------------------------------------------------

/**
 * Key → value pairs in the very hidden sheet «_nastavnik»: key in column A, value in B.
 * A value longer than Excel's cell limit continues in C, D, ….
 */
export class XlsxMeta implements MetaStore {
  constructor(private readonly workbook: XlsxWorkbook) {}

  get(key: string): string | null {
    const ws = this.workbook.excel.getWorksheet(META_SHEET);
    if (!ws) return null;
    const row = findKeyRow(ws, key);
    if (row === 0) return null;
    const r = ws.getRow(row);
    let value = "";
    for (let col = 2; ; col++) {
      const part = r.findCell(col)?.value;
      if (part === null || part === undefined || part === "") break;
      value += String(fromExcel(part));
    }
    return value;
  }

  set(key: string, value: string): void {
    const book = this.workbook.excel;
    const ws = book.getWorksheet(META_SHEET) ?? book.addWorksheet(META_SHEET, { state: "veryHidden" });
    let row = findKeyRow(ws, key);
    if (row === 0) {
      row = 1;
      ws.eachRow({ includeEmpty: false }, (_r, n) => {
        if (n >= row) row = n + 1;
      });
    }
    const r = ws.getRow(row);
    r.getCell(1).value = key;
    const chunk = MAX_CELL_TEXT - 1;
    const parts: string[] = [];
    for (let i = 0; i < value.length; i += chunk) parts.push(value.slice(i, i + chunk));
    if (parts.length === 0) parts.push("");
    parts.forEach((p, i) => {
      r.getCell(i + 2).value = p === "" ? null : p;
    });
    // Clear the continuation cells of a previous, longer value.
    for (let col = parts.length + 2; col <= r.cellCount; col++) r.getCell(col).value = null;
  }
}

function findKeyRow(ws: ExcelJS.Worksheet, key: string): number {
  let found = 0;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (found === 0 && fromExcel(row.findCell(1)?.value) === key) found = n;
  });
  return found;
}

// ---------------------------------------------------------------------------------------

interface LockInfo {
  pid: number;
  host: string;
  user: string;
  time: string;
  token: string;
}

export interface FileLockOptions {
  /** A lock older than this is taken over (default 10 minutes). */
  staleMs?: number;
}

/** An exclusive `<workbook>.lock` file, so two local runs never write the same workbook. */
/** What a zip library's complaint means, in words a curator reads. */
function russianZipProblem(detail: string): string {
  if (/central directory|end of data|zip|unexpected end|invalid signature/i.test(detail))
    return "файл обрезан или это не архив книги";
  return "содержимое книги не читается";
}

export class FileLock implements LockPort {
  readonly path: string;
  private readonly staleMs: number;
  private depth = 0;
  private token = "";

  constructor(
    private readonly workbookPath: string,
    options: FileLockOptions = {},
  ) {
    this.path = `${resolve(workbookPath)}.lock`;
    this.staleMs = options.staleMs ?? 10 * 60 * 1000;
  }

  withLock<T>(fn: () => T): T {
    if (this.depth === 0) this.acquire();
    this.depth++;
    let result: T;
    let async = false;
    try {
      result = fn();
      if (isPromiseLike(result)) {
        async = true;
        return Promise.resolve(result).finally(() => this.leave()) as T;
      }
      return result;
    } finally {
      if (!async) this.leave();
    }
  }

  private leave(): void {
    this.depth--;
    if (this.depth === 0) this.release();
  }

  private acquire(): void {
    for (let attempt = 0; attempt < 5; attempt++) {
      const info: LockInfo = {
        pid: process.pid,
        host: os.hostname(),
        user: new OsUser().current(),
        time: new Date().toISOString(),
        token: randomBytes(8).toString("hex"),
      };
      try {
        const fd = openSync(this.path, "wx");
        try {
          writeSync(fd, JSON.stringify(info));
        } finally {
          closeSync(fd);
        }
        this.token = info.token;
        return;
      } catch (e) {
        if (errorCode(e) !== "EEXIST") {
          throw new Error(`Не удалось создать файл блокировки «${this.path}»: ${errorMessage(e)}`);
        }
      }
      const holder = this.readHolder(this.path);
      if (!holder) continue; // removed meanwhile: try again
      if (!this.isStale(holder)) throw this.heldError(holder.info);
      this.takeOver(holder.raw);
    }
    throw new Error(`Не удалось захватить файл блокировки «${this.path}»: попробуйте ещё раз`);
  }

  /** Moves a stale lock aside atomically; if it was replaced by a live one meanwhile, puts that back. */
  private takeOver(staleRaw: string): void {
    const aside = `${this.path}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
    try {
      renameSync(this.path, aside);
    } catch (e) {
      if (errorCode(e) === "ENOENT") return;
      throw new Error(`Не удалось снять устаревшую блокировку «${this.path}»: ${errorMessage(e)}`);
    }
    const moved = this.readHolder(aside);
    if (moved && moved.raw !== staleRaw && !this.isStale(moved)) {
      try {
        linkSync(aside, this.path);
      } catch {
        // someone else has locked meanwhile; either way the lock is held
      }
      safeUnlink(aside);
      throw this.heldError(moved.info);
    }
    safeUnlink(aside);
  }

  private release(): void {
    const holder = this.readHolder(this.path);
    if (holder?.info?.token === this.token) safeUnlink(this.path);
    this.token = "";
  }

  private readHolder(path: string): { raw: string; info: Partial<LockInfo> | null; mtimeMs: number } | null {
    try {
      const mtimeMs = statSync(path).mtimeMs;
      const raw = readFileSync(path, "utf8");
      let info: Partial<LockInfo> | null = null;
      try {
        const parsed: unknown = JSON.parse(raw);
        if (isRecord(parsed)) info = parsed as Partial<LockInfo>;
      } catch {
        info = null; // being written, or damaged: judged by its age only
      }
      return { raw, info, mtimeMs };
    } catch (e) {
      if (errorCode(e) === "ENOENT") return null;
      throw new Error(`Не удалось прочитать файл блокировки «${path}»: ${errorMessage(e)}`);
    }
  }

  private isStale(holder: { info: Partial<LockInfo> | null; mtimeMs: number }): boolean {
    const since = holder.info?.time ? Date.parse(holder.info.time) : Number.NaN;
    const started = Number.isNaN(since) ? holder.mtimeMs : since;
    if (Date.now() - started > this.staleMs) return true;
    const pid = holder.info?.pid;
    if (typeof pid === "number" && holder.info?.host === os.hostname()) return !pidAlive(pid);
    return false;
  }

  private heldError(info: Partial<LockInfo> | null): Error {
    const details: string[] = [];
    if (info?.pid !== undefined) details.push(`процесс ${info.pid}`);
    if (info?.user) details.push(`пользователь ${info.user}`);
    if (info?.host && info.host !== os.hostname()) details.push(`компьютер ${info.host}`);
    if (info?.time && !Number.isNaN(Date.parse(info.time))) {
      const t = new Date(info.time);
      const p2 = (n: number) => String(n).padStart(2, "0");
      details.push(
        `с ${p2(t.getHours())}:${p2(t.getMinutes())} ${p2(t.getDate())}.${p2(t.getMonth() + 1)}.${t.getFullYear()}`,
      );
    }
    const what = details.length > 0 ? details.join(", ") : `файл ${basename(this.path)}`;
    return new Error(
      `Книга «${basename(this.workbookPath)}» открыта другим процессом Наставника (${what}). ` +
        `Дождитесь его завершения; если он завис, удалите файл «${this.path}».`,
    );
  }
}

function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return (
    (typeof v === "object" || typeof v === "function") &&
    v !== null &&
    typeof (v as { then?: unknown }).then === "function"
  );
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errorCode(e) === "EPERM"; // exists, owned by someone else
  }
}

function safeUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

// ---------------------------------------------------------------------------------------

/** The OS account name, or «локальный пользователь» when it can't be had. */
export class OsUser implements UserPort {
  current(): string {
    try {
      const name = os.userInfo().username;
      if (name && name.trim() !== "") return name;
    } catch {
      // no passwd entry (some containers)
    }
    const env = process.env.USER ?? process.env.USERNAME ?? process.env.LOGNAME;
    return env && env.trim() !== "" ? env : "локальный пользователь";
  }
}
