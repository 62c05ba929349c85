// Apps Script adapters of the workbook, meta, lock and user ports.
//
// Every method makes a fixed number of service calls, whatever the number of rows: a sheet is
// read with one getValues, a block is written with one setValues, and formatting is applied to
// whole column ranges.

import { UserError } from "../app/errors";
import type {
  CellValue,
  CellWrite,
  LockPort,
  MetaStore,
  SheetLayout,
  UserPort,
  WorkbookPort,
  WriteResult,
} from "../app/ports";
import type { ColumnValidation, ConditionalRule } from "../domain/cells";
import { CONDITIONAL_MARK, checkConditional, markedFormula, markedRuleId } from "../domain/conditional";
import { looksLikeFormula, neutralizeFormula } from "../domain/normalize";
import { keepEdited, relocateWrites, sameCell } from "../domain/table";

export { CONDITIONAL_MARK, markedFormula, markedRuleId };

import type {
  ConditionalFormatRuleLike,
  DataValidationLike,
  LockLike,
  LockServiceLike,
  PropertiesLike,
  PropertiesServiceLike,
  RangeLike,
  SessionLike,
  SheetLike,
  SpreadsheetAppLike,
  SpreadsheetLike,
} from "./surface";

/** The number format of a plain-text cell: Sheets stores what is written, as it is. */
export const PLAIN_TEXT_FORMAT = "@";

/** What setValues must receive so that the cell ends up holding `value` exactly. */
export function toCellInput(value: CellValue, numberFormat: string): CellValue {
  if (typeof value !== "string") return value;
  if (value === "") return value;
  // A plain-text cell (format "@", set by the curator) should take strings literally, but the
  // documentation does not promise that setValues skips formula parsing there. Formula-like
  // text still gets its apostrophe: at worst it shows, never does it run.
  if (numberFormat === PLAIN_TEXT_FORMAT) return looksLikeFormula(value) ? neutralizeFormula(value) : value;
  // Elsewhere Sheets parses what it is given: "=…", "+…", "-…", "@…" become formulas
  // (what neutralizeFormula guards against), and "0012", "3,5", "1 000", "50%", "01.09.2025",
  // "12:30", "TRUE" become numbers, dates or booleans — by rules that depend on the locale —
  // and a leading apostrophe of the text itself would be eaten. A leading apostrophe makes any
  // string literal text and is not stored, so every string gets one: no guessing needed.
  return `'${value}`;
}

// ---------------------------------------------------------------------------------------------
// The add-on's conditional format rules. Apps Script rules carry no id, so the id goes into the
// formula as a term that is always true: =AND(<formula>,N("nastavnik:<id>")=0). N() of a text
// is 0 in Google Sheets, Excel and LibreOffice, so the rule colours exactly the same cells.

function checkCell(cell: CellWrite): void {
  if (!Number.isInteger(cell.row) || !Number.isInteger(cell.col) || cell.row < 1 || cell.col < 1) {
    throw new Error(`Некорректный адрес ячейки: строка ${cell.row}, столбец ${cell.col}`);
  }
}

/** A block of cells as read right before writing it. */
interface Block {
  range: RangeLike;
  top: number;
  left: number;
  values: CellValue[][];
  formulas: string[][];
  formats: string[][];
}

export class GasWorkbook implements WorkbookPort {
  private book: SpreadsheetLike | undefined;

  /**
   * @param app         SpreadsheetApp (or a fake)
   * @param spreadsheet the workbook; by default the active spreadsheet, fetched on first use
   */
  constructor(
    private readonly app: SpreadsheetAppLike,
    spreadsheet?: SpreadsheetLike,
  ) {
    this.book = spreadsheet;
  }

  private get spreadsheet(): SpreadsheetLike {
    if (!this.book) this.book = this.app.getActiveSpreadsheet();
    return this.book;
  }

  private sheet(name: string): SheetLike {
    const sheet = this.spreadsheet.getSheetByName(name);
    if (!sheet) throw new UserError(`В книге нет листа «${name}».`);
    return sheet;
  }

  /** Adds rows / columns so that the grid has at least `rows` × `cols` cells; returns its size. */
  private grow(sheet: SheetLike, rows: number, cols: number): { rows: number; cols: number } {
    const maxRows = sheet.getMaxRows();
    if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
    const maxCols = sheet.getMaxColumns();
    if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
    return { rows: Math.max(rows, maxRows), cols: Math.max(cols, maxCols) };
  }

  sheetNames(): string[] {
    return this.spreadsheet.getSheets().map((s) => s.getName());
  }

  read(name: string): CellValue[][] | null {
    const sheet = this.spreadsheet.getSheetByName(name);
    if (!sheet) return null;
    const values = sheet.getDataRange().getValues();
    // An empty sheet still has a data range: A1, holding "".
    if (values.length === 1 && values[0]?.length === 1 && values[0][0] === "") return [];
    return values;
  }

  createSheet(name: string): void {
    const book = this.spreadsheet;
    if (book.getSheetByName(name)) throw new UserError(`Лист «${name}» уже есть в книге.`);
    try {
      book.insertSheet(name, book.getNumSheets());
    } catch (error) {
      // Sheet names are unique regardless of case: «журнал» when «Журнал» exists.
      const message = error instanceof Error ? error.message : String(error);
      if (/already exists/i.test(message)) {
        throw new UserError(`Лист «${name}» уже есть в книге (имена листов не различают регистр).`);
      }
      throw error;
    }
  }

  /**
   * Reads the block that spans the cells (and the columns in `extraCols`) as it is now: values,
   * formulas and number formats, three calls whatever its size.
   */
  private block(sheet: SheetLike, cells: readonly CellWrite[], extraCols: readonly number[]): Block {
    let top = Number.POSITIVE_INFINITY;
    let left = Number.POSITIVE_INFINITY;
    let bottom = 0;
    let right = 0;
    for (const { row, col } of cells) {
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
    for (const col of extraCols) {
      left = Math.min(left, col);
      right = Math.max(right, col);
    }
    this.grow(sheet, bottom, right);
    const range = sheet.getRange(top, left, bottom - top + 1, right - left + 1);
    // Values last, right before the write: a curator's edit is lost only if it lands between
    // this getValues and the setValues that follows it (Sheets has no compare-and-set).
    const formats = range.getNumberFormats();
    const formulas = range.getFormulas();
    return { range, top, left, values: range.getValues(), formulas, formats };
  }

  write(name: string, cells: CellWrite[]): WriteResult {
    if (cells.length === 0) return { skipped: [] };
    cells.forEach(checkCell);
    const sheet = this.sheet(name);
    const keyCols = [...new Set(cells.flatMap((c) => (c.rowKey ? [c.rowKey.col] : [])))];
    // Read the block as it is now, so that every cell not being written is written back
    // unchanged: formulas as formulas, text as text, numbers and dates as they are.
    let block = this.block(sheet, cells, keyCols);
    const at = (b: Block) => (row: number, col: number) => b.values[row - b.top]?.[col - b.left] ?? "";
    // Rows whose record's ID moved (the curator sorted, inserted or deleted rows since the action
    // read the sheet): the ID column is read once to find where each record is now.
    const columns = new Map<number, CellValue[]>();
    const rowsOf = (col: number, value: CellValue): number[] => {
      let list = columns.get(col);
      if (!list) {
        const last = sheet.getLastRow();
        list =
          last > 0
            ? sheet
                .getRange(1, col, last, 1)
                .getValues()
                .map((r) => r[0] ?? "")
            : [];
        columns.set(col, list);
      }
      const rows: number[] = [];
      list.forEach((v, i) => {
        if (i > 0 && sameCell(v, value)) rows.push(i + 1);
      });
      return rows;
    };
    const placed = relocateWrites(cells, at(block), rowsOf);
    if (placed.cells.some((c, i) => c !== cells[i])) {
      if (placed.cells.length === 0) return { skipped: placed.skipped };
      block = this.block(sheet, placed.cells, []);
    }
    const kept = keepEdited(placed.cells, at(block));
    const skipped = [...placed.skipped, ...kept.skipped];
    if (kept.cells.length === 0) return { skipped };
    const { values, formulas, formats, top, left } = block;
    const input: CellValue[][] = values.map((line, r) =>
      line.map((value, c) => {
        const formula = formulas[r]?.[c] ?? "";
        return formula !== "" ? formula : toCellInput(value, formats[r]?.[c] ?? "");
      }),
    );
    for (const { row, col, value } of kept.cells) {
      const line = input[row - top];
      if (line) line[col - left] = toCellInput(value, formats[row - top]?.[col - left] ?? "");
    }
    block.range.setValues(input);
    return { skipped };
  }

  append(name: string, rows: CellValue[][]): number {
    const sheet = this.sheet(name);
    const first = sheet.getLastRow() + 1;
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    if (rows.length === 0 || width === 0) return first;
    this.grow(sheet, first + rows.length - 1, width);
    const range = sheet.getRange(first, 1, rows.length, width);
    const formats = range.getNumberFormats();
    const block = rows.map((line, r) =>
      Array.from({ length: width }, (_, c) => toCellInput(line[c] ?? "", formats[r]?.[c] ?? "")),
    );
    range.setValues(block);
    return first;
  }

  /** One deleteRows call per run of consecutive rows, bottom-up so numbers stay valid. */
  deleteRows(name: string, rows: number[]): void {
    const sheet = this.sheet(name);
    const sorted = [...new Set(rows)].filter((r) => Number.isInteger(r) && r >= 1).sort((a, b) => b - a);
    let i = 0;
    while (i < sorted.length) {
      let first = sorted[i] as number;
      let count = 1;
      while (sorted[i + count] === first - 1) {
        first--;
        count++;
      }
      sheet.deleteRows(first, count);
      i += count;
    }
  }

  applyLayout(name: string, layout: SheetLayout): void {
    const sheet = this.sheet(name);
    layout.conditional?.forEach(checkConditional);
    const widest = Math.max(
      layout.headerWidth,
      ...layout.columns.map((c) => c.col),
      ...(layout.conditional ?? []).map((r) => r.toCol),
    );
    const maxRows = this.grow(sheet, 2, widest).rows;

    sheet.setFrozenRows(layout.frozenRows);
    if (layout.headerWidth > 0) {
      sheet
        .getRange(1, 1, 1, layout.headerWidth)
        .setFontWeight("bold")
        .setBackground(layout.headerBackground);
    }
    if (layout.tabColor) sheet.setTabColor(layout.tabColor);

    const protectedRanges = new Set<string>();
    if (layout.columns.some((c) => c.protect)) {
      for (const p of sheet.getProtections(this.app.ProtectionType.RANGE))
        protectedRanges.add(p.getDescription());
    }
    const sources = new Map<string, SheetLike>();

    for (const column of layout.columns) {
      if (column.width !== undefined) sheet.setColumnWidth(column.col, column.width);
      if (column.note !== undefined) sheet.getRange(1, column.col).setNote(column.note);
      const needsData =
        column.numberFormat !== undefined ||
        column.validation !== undefined ||
        column.wrap !== undefined ||
        (column.protect !== undefined && !protectedRanges.has(column.protect.description));
      if (!needsData) continue;
      // The data cells: from row 2 to the end of the grid, so that rows the curator adds
      // later are formatted too.
      const data = sheet.getRange(2, column.col, maxRows - 1, 1);
      if (column.numberFormat !== undefined) data.setNumberFormat(column.numberFormat);
      if (column.validation !== undefined) data.setDataValidation(this.rule(column.validation, sources));
      if (column.wrap !== undefined) data.setWrap(column.wrap);
      if (column.protect && !protectedRanges.has(column.protect.description)) {
        data.protect().setDescription(column.protect.description).setWarningOnly(true);
        protectedRanges.add(column.protect.description);
      }
    }

    if (layout.conditional !== undefined) this.applyConditional(sheet, layout.conditional, maxRows);
  }

  /**
   * Replaces the add-on's conditional format rules of the sheet (recognised by the mark in their
   * formula) with `rules`, ahead of the curator's own rules, which stay as they are and in their
   * order. One getConditionalFormatRules and one setConditionalFormatRules, whatever the rows.
   */
  private applyConditional(sheet: SheetLike, rules: ConditionalRule[], maxRows: number): void {
    const ours = rules.map((rule) => {
      let builder = this.app
        .newConditionalFormatRule()
        .whenFormulaSatisfied(markedFormula(rule))
        .setBackground(rule.background);
      if (rule.fontColor) builder = builder.setFontColor(rule.fontColor);
      // The data rows down to the end of the grid. Rows inserted inside the range widen it;
      // rows added after the end of the grid are covered when the layout is applied again.
      const range = sheet.getRange(2, rule.fromCol, maxRows - 1, rule.toCol - rule.fromCol + 1);
      return builder.setRanges([range]).build();
    });
    const kept = sheet.getConditionalFormatRules().filter((r) => !this.isOwnRule(r));
    sheet.setConditionalFormatRules([...ours, ...kept]);
  }

  private isOwnRule(rule: ConditionalFormatRuleLike): boolean {
    const condition = rule.getBooleanCondition();
    if (!condition || condition.getCriteriaType() !== this.app.BooleanCriteria.CUSTOM_FORMULA) return false;
    return condition.getCriteriaValues().some((v) => typeof v === "string" && markedRuleId(v) !== null);
  }

  private rule(validation: ColumnValidation, sources: Map<string, SheetLike>): DataValidationLike {
    const builder = this.app.newDataValidation();
    switch (validation.kind) {
      case "range": {
        let source = sources.get(validation.sheet);
        if (!source) {
          source = this.sheet(validation.sheet);
          sources.set(validation.sheet, source);
        }
        const rows = validation.lastRow - validation.firstRow + 1;
        const range: RangeLike = source.getRange(validation.firstRow, validation.column, rows, 1);
        return builder.requireValueInRange(range, true).setAllowInvalid(!validation.strict).build();
      }
      case "list":
        return builder
          .requireValueInList(validation.values, true)
          .setAllowInvalid(!validation.strict)
          .build();
      case "checkbox":
        return builder.requireCheckbox().build();
      case "date":
        return builder.requireDate().build();
      case "number": {
        const { min, max } = validation;
        if (min !== undefined && max !== undefined) return builder.requireNumberBetween(min, max).build();
        if (min !== undefined) return builder.requireNumberGreaterThanOrEqualTo(min).build();
        if (max !== undefined) return builder.requireNumberLessThanOrEqualTo(max).build();
        return builder.requireNumberBetween(-Number.MAX_VALUE, Number.MAX_VALUE).build();
      }
    }
  }
}

/** Prefix of the add-on's keys among the document properties. */
export const META_PREFIX = "nastavnik:";

export class GasMeta implements MetaStore {
  private store: PropertiesLike | undefined;

  constructor(private readonly service: PropertiesServiceLike) {}

  private properties(): PropertiesLike {
    if (!this.store) {
      const store = this.service.getDocumentProperties();
      if (!store)
        throw new UserError("Настройки книги недоступны: надстройку нужно запускать из Google Таблицы.");
      this.store = store;
    }
    return this.store;
  }

  get(key: string): string | null {
    return this.properties().getProperty(META_PREFIX + key);
  }

  set(key: string, value: string): void {
    this.properties().setProperty(META_PREFIX + key, value);
  }
}

export const LOCK_TIMEOUT_MS = 30_000;
export const LOCK_BUSY_MESSAGE =
  "Книга занята другим действием надстройки (например, загрузкой ответов). Повторите через минуту.";

export class GasLock implements LockPort {
  private depth = 0;

  /**
   * @param service LockService
   * @param app     SpreadsheetApp: pending changes are flushed before the lock is released,
   *                as the Lock documentation asks
   */
  constructor(
    private readonly service: LockServiceLike,
    private readonly app?: Pick<SpreadsheetAppLike, "flush">,
    private readonly timeoutMs = LOCK_TIMEOUT_MS,
  ) {}

  withLock<T>(fn: () => T): T {
    // Nested use within one execution: the lock is already ours, and releasing it in the
    // inner call would expose the rest of the outer one.
    if (this.depth > 0) return fn();
    const lock: LockLike = this.service.getDocumentLock() ?? this.service.getScriptLock();
    try {
      lock.waitLock(this.timeoutMs);
    } catch {
      // "Lock timeout: another process was holding the lock for too long."
      throw new UserError(LOCK_BUSY_MESSAGE);
    }
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
      try {
        this.app?.flush();
      } finally {
        lock.releaseLock();
      }
    }
  }
}

export const UNKNOWN_USER = "неизвестный пользователь";

export class GasUser implements UserPort {
  constructor(private readonly session: SessionLike) {}

  current(): string {
    let email = "";
    try {
      email = this.session.getActiveUser().getEmail().trim();
    } catch {
      // Some trigger contexts refuse to reveal the user.
    }
    return email || UNKNOWN_USER;
  }
}
