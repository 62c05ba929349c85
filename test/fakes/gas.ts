// In-memory fakes of the narrow Apps Script surface (src/gas/surface.ts).
//
// They reproduce the documented behaviour the adapters depend on: 1-based ranges and their
// error messages, `getValues` of an empty sheet, the dimension checks of `setValues`, how
// Google Sheets parses a string written with `setValues` (formulas, the leading apostrophe,
// numbers, dates, booleans, plain-text cells), Date cells, existing sheet names, protections,
// data validation rules, conditional format rules, document properties, the document lock and
// the session.
//
// Every call on every fake object is counted in `calls` ("Range.setValues", …) so tests can
// prove that the number of service calls does not grow with the number of rows. Test handles
// (`state`, `seed`, `describe`, the lock controls) are not counted.
//
// `createGasEnvironment().globals` is a plain object that can be passed to `vm.createContext`.
// Dates coming from another realm (a `vm` context) are recognised; getValues hands out Dates
// of this realm unless `useDateConstructor` names the context's Date. Errors thrown by the
// fakes are of this realm (`instanceof Error` is false inside a `vm` context).
//
// Modelling choices where the documentation is silent (keep them in mind when a test fails):
// - getValues of a formula cell is "#NAME?" (the fake does not evaluate formulas).
// - A cell formatted as plain text ("@") stores any string verbatim: no formula, no number,
//   no date, and a leading apostrophe is kept.
// - Text is parsed as in an en/ru locale: "12", "0012", "3,5", "3.5", "1 234", "-5", "+5",
//   "50%", "1e3" become numbers; "dd.mm.yyyy" and "yyyy-mm-dd" become Dates at local
//   midnight; "hh:mm[:ss]" becomes a time on 30.12.1899; TRUE/FALSE/ИСТИНА/ЛОЖЬ become
//   booleans; other strings starting with "+", "-" or "@" become (broken) formulas "=" + text.
// - insertRowsAfter / insertColumnsAfter give the new cells the formatting (number format,
//   validation, font weight, background, wrap) of the row / column they are inserted after.
// - Sheet names are unique regardless of case (insertSheet), getSheetByName matches exactly.
// - A range protection grows when rows / columns are inserted inside it and moves down /
//   right when they are inserted before it.
// - getNumberFormat of an unformatted cell is "0.###############", getColumnWidth is 100,
//   getBackground is "#ffffff", getWrap is false.
// - Several Lock objects of the same execution share the lock (acquiring again succeeds).
// - Conditional format rules: only custom-formula rules can be built (whenFormulaSatisfied);
//   build() without a condition throws. The formula and colours are kept as given (Sheets may
//   normalise colours, e.g. to lower case); getBackground / getFontColor are null when not set.
//   getConditionalFormatRules returns snapshots; setConditionalFormatRules replaces all the
//   sheet's rules with copies of the given ones (later changes to the objects do not reach the
//   sheet). Rule ranges grow / move on row and column insertion like protections; ranges of
//   another sheet are not rejected. Formulas are not evaluated, so no cell is coloured.

import type { CellValue } from "../../src/domain/cells";
import type { ChartsSheetLike, EmbeddedChartLike } from "../../src/gas/charts-surface";
import type {
  BooleanConditionLike,
  BooleanCriteriaValue,
  ConditionalFormatRuleBuilderLike,
  ConditionalFormatRuleLike,
  CriteriaTypeValue,
  DataValidationBuilderLike,
  DataValidationLike,
  FontWeight,
  GasGlobals,
  LockLike,
  LockServiceLike,
  PropertiesLike,
  PropertiesServiceLike,
  ProtectionLike,
  ProtectionTypeValue,
  RangeLike,
  SessionLike,
  SheetLike,
  SpreadsheetAppLike,
  SpreadsheetLike,
  UserLike,
} from "../../src/gas/surface";
import {
  type ChartState,
  type FakeEmbeddedChart,
  type FakeEmbeddedChartBuilder,
  insertSheetChart,
  newChartBuilder,
  removeSheetChart,
  sheetCharts,
  updateSheetChart,
} from "./gas-charts";
import { createDocumentsFakes, type FakeDocumentApp, type FakeDriveApp } from "./gas-documents";
import { FakeFormApp } from "./gas-forms";
import { FakeMailApp } from "./gas-mail";
import { FakeScriptApp } from "./gas-script";
import { FakeHtmlService, FakeUi } from "./gas-ui";

// ---------------------------------------------------------------------------------------------
// Messages of the real services.

export const GAS_MESSAGES = {
  sheetExists: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  rowsAtLeastOne: "The number of rows in the range must be at least 1.",
  columnsAtLeastOne: "The number of columns in the range must be at least 1.",
  startRowTooSmall: "The starting row of the range is too small.",
  startColumnTooSmall: "The starting column of the range is too small.",
  outsideSheet: "The coordinates of the range are outside the dimensions of the sheet.",
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  columnsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  rowsOutOfBounds: "Those rows are out of bounds.",
  deleteAllRows: "You can't delete all the rows on the sheet.",
  columnsOutOfBounds: "Those columns are out of bounds.",
  lockTimeout: "Lock timeout: another process was holding the lock for too long.",
} as const;

export const DEFAULT_NUMBER_FORMAT = "0.###############";
export const DEFAULT_COLUMN_WIDTH = 100;
export const DEFAULT_BACKGROUND = "#ffffff";
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;
export const FORMULA_RESULT = "#NAME?";

// ---------------------------------------------------------------------------------------------
// Call counting.

export class CallCounter {
  total = 0;
  byMethod: Record<string, number> = {};
  /**
   * Test hook (test/fakes/faults.ts): called after a call is counted and before it does anything,
   * with the method and the running total. Throwing makes the call fail as the service would.
   */
  onCall?: (method: string, n: number) => void;

  count(method: string): void {
    this.total++;
    this.byMethod[method] = (this.byMethod[method] ?? 0) + 1;
    this.onCall?.(method, this.total);
  }

  reset(): void {
    this.total = 0;
    this.byMethod = {};
  }

  snapshot(): { total: number; byMethod: Record<string, number> } {
    return { total: this.total, byMethod: { ...this.byMethod } };
  }
}

// ---------------------------------------------------------------------------------------------
// Enums. Apps Script enum values are opaque; the fake uses the ordinals of the typings.

type CriteriaName = Exclude<keyof typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria, number>;
type BooleanCriteriaName = Exclude<keyof typeof GoogleAppsScript.Spreadsheet.BooleanCriteria, number>;

const PROTECTION_TYPE: { readonly RANGE: ProtectionTypeValue; readonly SHEET: ProtectionTypeValue } = {
  RANGE: 0,
  SHEET: 1,
};

const DATA_VALIDATION_CRITERIA: { readonly [K in CriteriaName]: CriteriaTypeValue } = {
  DATE_AFTER: 0,
  DATE_BEFORE: 1,
  DATE_BETWEEN: 2,
  DATE_EQUAL_TO: 3,
  DATE_IS_VALID_DATE: 4,
  DATE_NOT_BETWEEN: 5,
  DATE_ON_OR_AFTER: 6,
  DATE_ON_OR_BEFORE: 7,
  NUMBER_BETWEEN: 8,
  NUMBER_EQUAL_TO: 9,
  NUMBER_GREATER_THAN: 10,
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 11,
  NUMBER_LESS_THAN: 12,
  NUMBER_LESS_THAN_OR_EQUAL_TO: 13,
  NUMBER_NOT_BETWEEN: 14,
  NUMBER_NOT_EQUAL_TO: 15,
  TEXT_CONTAINS: 16,
  TEXT_DOES_NOT_CONTAIN: 17,
  TEXT_EQUAL_TO: 18,
  TEXT_IS_VALID_EMAIL: 19,
  TEXT_IS_VALID_URL: 20,
  VALUE_IN_LIST: 21,
  VALUE_IN_RANGE: 22,
  CUSTOM_FORMULA: 23,
  CHECKBOX: 24,
};

const BOOLEAN_CRITERIA: { readonly [K in BooleanCriteriaName]: BooleanCriteriaValue } = {
  CELL_EMPTY: 0,
  CELL_NOT_EMPTY: 1,
  DATE_AFTER: 2,
  DATE_BEFORE: 3,
  DATE_EQUAL_TO: 4,
  DATE_AFTER_RELATIVE: 5,
  DATE_BEFORE_RELATIVE: 6,
  DATE_EQUAL_TO_RELATIVE: 7,
  NUMBER_BETWEEN: 8,
  NUMBER_EQUAL_TO: 9,
  NUMBER_GREATER_THAN: 10,
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 11,
  NUMBER_LESS_THAN: 12,
  NUMBER_LESS_THAN_OR_EQUAL_TO: 13,
  NUMBER_NOT_BETWEEN: 14,
  NUMBER_NOT_EQUAL_TO: 15,
  TEXT_CONTAINS: 16,
  TEXT_DOES_NOT_CONTAIN: 17,
  TEXT_EQUAL_TO: 18,
  TEXT_STARTS_WITH: 19,
  TEXT_ENDS_WITH: 20,
  CUSTOM_FORMULA: 21,
};

// ---------------------------------------------------------------------------------------------
// How Google Sheets takes a value written with setValues.

/** Works for Dates of any realm (a `vm` context has its own Date). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}

type Stored = { value: CellValue; formula: string };

const NUMBER_RE = /^[+-]?(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[.,]\d+)?(?:e[+-]?\d+)?%?$/i;
const DMY_RE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const TRUE_WORDS = new Set(["true", "истина"]);
const FALSE_WORDS = new Set(["false", "ложь"]);

function localDate(year: number, month: number, day: number): Date | null {
  const d = new Date(year, month - 1, day);
  return d.getFullYear() === year && d.getMonth() === month - 1 && d.getDate() === day ? d : null;
}

/** The value and formula a cell ends up with when `input` is written into it. */
export function parseInput(input: unknown, numberFormat: string): Stored {
  if (input === null || input === undefined) return { value: "", formula: "" };
  if (isDate(input)) return { value: new Date(input.getTime()), formula: "" };
  if (typeof input === "number" || typeof input === "boolean") return { value: input, formula: "" };
  const text = typeof input === "string" ? input : String(input);
  if (numberFormat === "@") return { value: text, formula: "" };
  if (text === "") return { value: "", formula: "" };
  if (text.startsWith("'")) return { value: text.slice(1), formula: "" };
  if (text.startsWith("=")) return { value: FORMULA_RESULT, formula: text };
  const trimmed = text.trim();
  if (NUMBER_RE.test(trimmed)) {
    const percent = trimmed.endsWith("%");
    const n = Number(
      trimmed
        .replace(/%$/, "")
        .replace(/[ \u00a0]/g, "")
        .replace(",", "."),
    );
    if (Number.isFinite(n)) return { value: percent ? n / 100 : n, formula: "" };
  }
  let m = DMY_RE.exec(trimmed);
  if (m) {
    const d = localDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (d) return { value: d, formula: "" };
  }
  m = ISO_RE.exec(trimmed);
  if (m) {
    const d = localDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d) return { value: d, formula: "" };
  }
  m = TIME_RE.exec(trimmed);
  if (m && Number(m[1]) < 24 && Number(m[2]) < 60 && Number(m[3] ?? 0) < 60) {
    return { value: new Date(1899, 11, 30, Number(m[1]), Number(m[2]), Number(m[3] ?? 0)), formula: "" };
  }
  const lower = trimmed.toLowerCase();
  if (TRUE_WORDS.has(lower)) return { value: true, formula: "" };
  if (FALSE_WORDS.has(lower)) return { value: false, formula: "" };
  if (/^[+\-@]/.test(text)) return { value: FORMULA_RESULT, formula: `=${text}` };
  return { value: text, formula: "" };
}

export function columnLetter(col: number): string {
  let n = col;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// State (not counted; tests may read it).

export interface CellState {
  value: CellValue;
  formula: string;
  numberFormat: string;
  validation: FakeDataValidation | null;
  note: string;
  fontWeight: FontWeight;
  background: string;
  wrap: boolean;
}

function emptyCell(): CellState {
  return {
    value: "",
    formula: "",
    numberFormat: DEFAULT_NUMBER_FORMAT,
    validation: null,
    note: "",
    fontWeight: "normal",
    background: DEFAULT_BACKGROUND,
    wrap: false,
  };
}

/** A new cell with the formatting of `from` (what inserted rows and columns inherit). */
function inheritedCell(from: CellState | undefined): CellState | undefined {
  if (!from) return undefined;
  return { ...emptyCell(), ...formatOf(from) };
}

function formatOf(
  c: CellState,
): Pick<CellState, "numberFormat" | "validation" | "fontWeight" | "background" | "wrap"> {
  return {
    numberFormat: c.numberFormat,
    validation: c.validation,
    fontWeight: c.fontWeight,
    background: c.background,
    wrap: c.wrap,
  };
}

/** A rectangle of a sheet, 1-based. */
export interface AreaState {
  sheet: SheetState;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface ProtectionState extends AreaState {
  description: string;
  warningOnly: boolean;
  /** A range protection, or the protection of a whole sheet (Sheet.protect()). */
  type?: "range" | "sheet";
  /** E-mails allowed to edit (lower case); the owner and the current user can never be removed. */
  editors?: string[];
  /** Everyone in the owner's Workspace domain may edit. */
  domainEdit?: boolean;
}

/** A conditional format rule as the sheet keeps it. */
export interface ConditionalRuleState {
  /** null for a rule without a boolean condition (a colour scale, which the fake cannot build). */
  condition: { criteria: BooleanCriteriaName; values: unknown[] } | null;
  background: string | null;
  fontColor: string | null;
  ranges: AreaState[];
}

function copyRule(rule: ConditionalRuleState): ConditionalRuleState {
  return {
    condition: rule.condition
      ? { criteria: rule.condition.criteria, values: [...rule.condition.values] }
      : null,
    background: rule.background,
    fontColor: rule.fontColor,
    ranges: rule.ranges.map((a) => ({ ...a })),
  };
}

function a1(area: Omit<AreaState, "sheet">): string {
  const start = `${columnLetter(area.col)}${area.row}`;
  if (area.numRows === 1 && area.numCols === 1) return start;
  return `${start}:${columnLetter(area.col + area.numCols - 1)}${area.row + area.numRows - 1}`;
}

/** An area grows when rows are inserted inside it and moves down when they are inserted above. */
function shiftRows(area: AreaState, after: number, howMany: number): void {
  if (area.row > after) area.row += howMany;
  else if (area.row + area.numRows - 1 > after) area.numRows += howMany;
}

/** Rows [first, first+howMany) deleted: areas below move up, areas across them shrink. */
function removeRows(area: AreaState, first: number, howMany: number): void {
  const last = first + howMany - 1;
  const areaLast = area.row + area.numRows - 1;
  if (area.row > last) {
    area.row -= howMany;
    return;
  }
  if (areaLast < first) return;
  const overlap = Math.min(areaLast, last) - Math.max(area.row, first) + 1;
  area.numRows = Math.max(0, area.numRows - overlap);
  if (area.row > first) area.row = first;
}

function shiftColumns(area: AreaState, after: number, howMany: number): void {
  if (area.col > after) area.col += howMany;
  else if (area.col + area.numCols - 1 > after) area.numCols += howMany;
}

export class SpreadsheetState {
  readonly sheets: FakeSheet[] = [];
  readonly protections: ProtectionState[] = [];
  activeIndex = 0;
  /** Sharing (test handles): the owner, the editors and viewers besides the owner (lower case). */
  owner = "";
  editors: string[] = [];
  viewers: string[] = [];
  /** The Workspace domain of the owner; null for a consumer (gmail.com) account. */
  domain: string | null = null;
  /** The user running the script (the protection code can never remove them). */
  currentUser = "";
  /** The Date of the realm that reads the cells (see GasEnvironment.useDateConstructor). */
  dateConstructor: DateConstructor = Date;

  constructor(
    readonly calls: CallCounter,
    public id: string,
    public name: string,
    public timeZone: string,
  ) {}
}

export class SheetState {
  /** rows[r][c] is the cell at row r + 1, column c + 1; missing cells are empty. */
  rows: (CellState | undefined)[][] = [];
  maxRows = NEW_SHEET_ROWS;
  maxColumns = NEW_SHEET_COLUMNS;
  frozenRows = 0;
  tabColor: string | null = null;
  readonly columnWidths = new Map<number, number>();
  /** The conditional format rules, in priority order. */
  conditionalRules: ConditionalRuleState[] = [];
  /** The URL of the form that writes into this sheet (set by the FormApp fake), or null. */
  formUrl: string | null = null;
  /** The embedded charts, in the order they were inserted (test/fakes/gas-charts.ts). */
  charts: ChartState[] = [];

  constructor(
    readonly spreadsheet: SpreadsheetState,
    public name: string,
  ) {}

  peek(row: number, col: number): CellState | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  cell(row: number, col: number): CellState {
    let line = this.rows[row - 1];
    if (!line) {
      line = [];
      this.rows[row - 1] = line;
    }
    let c = line[col - 1];
    if (!c) {
      c = emptyCell();
      line[col - 1] = c;
    }
    return c;
  }

  private hasContent(c: CellState | undefined): boolean {
    return !!c && (c.formula !== "" || c.value !== "");
  }

  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      if ((this.rows[r - 1] ?? []).some((c) => this.hasContent(c))) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const line of this.rows) {
      if (!line) continue;
      for (let c = line.length; c > last; c--) {
        if (this.hasContent(line[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** Values as getValues returns them. */
  values(row: number, col: number, numRows: number, numCols: number): CellValue[][] {
    const out: CellValue[][] = [];
    for (let r = 0; r < numRows; r++) {
      const line: CellValue[] = [];
      for (let c = 0; c < numCols; c++) {
        const v = this.peek(row + r, col + c)?.value ?? "";
        line.push(isDate(v) ? new this.spreadsheet.dateConstructor(v.getTime()) : v);
      }
      out.push(line);
    }
    return out;
  }

  checkRange(row: number, col: number, numRows: number, numCols: number): void {
    if (row < 1) throw new Error(GAS_MESSAGES.startRowTooSmall);
    if (col < 1) throw new Error(GAS_MESSAGES.startColumnTooSmall);
    if (numRows < 1) throw new Error(GAS_MESSAGES.rowsAtLeastOne);
    if (numCols < 1) throw new Error(GAS_MESSAGES.columnsAtLeastOne);
    if (row + numRows - 1 > this.maxRows || col + numCols - 1 > this.maxColumns) {
      throw new Error(GAS_MESSAGES.outsideSheet);
    }
  }

  /** Writes one value as Google Sheets would take it (the cell's number format matters). */
  put(row: number, col: number, input: unknown): void {
    const existing = this.peek(row, col);
    const stored = parseInput(input, existing?.numberFormat ?? DEFAULT_NUMBER_FORMAT);
    if (!existing && stored.value === "" && stored.formula === "") return;
    const c = existing ?? this.cell(row, col);
    c.value = stored.value;
    c.formula = stored.formula;
  }

  insertRows(after: number, howMany: number): void {
    if (!Number.isInteger(after) || after < 1 || after > this.maxRows || !(howMany >= 1)) {
      throw new Error(GAS_MESSAGES.rowsOutOfBounds);
    }
    if (after < this.rows.length) {
      const template = this.rows[after - 1] ?? [];
      const fresh: (CellState | undefined)[][] = [];
      for (let i = 0; i < howMany; i++) fresh.push(template.map(inheritedCell));
      this.rows = [...this.rows.slice(0, after), ...fresh, ...this.rows.slice(after)];
    } else if (after === this.rows.length) {
      const template = this.rows[after - 1] ?? [];
      if (template.some((c) => c !== undefined)) {
        for (let i = 0; i < howMany; i++) this.rows.push(template.map(inheritedCell));
      }
    }
    this.maxRows += howMany;
    for (const area of this.areas()) shiftRows(area, after, howMany);
  }

  deleteRows(first: number, howMany: number): void {
    if (!Number.isInteger(first) || first < 1 || !(howMany >= 1) || first + howMany - 1 > this.maxRows) {
      throw new Error(GAS_MESSAGES.rowsOutOfBounds);
    }
    // Sheets refuses to leave a sheet without rows (documented UI rule; the API says the same).
    if (howMany >= this.maxRows) throw new Error(GAS_MESSAGES.deleteAllRows);
    this.rows.splice(first - 1, howMany);
    this.maxRows -= howMany;
    for (const area of this.areas()) removeRows(area, first, howMany);
  }

  insertColumns(after: number, howMany: number): void {
    if (!Number.isInteger(after) || after < 1 || after > this.maxColumns || !(howMany >= 1)) {
      throw new Error(GAS_MESSAGES.columnsOutOfBounds);
    }
    this.rows = this.rows.map((line) => {
      if (!line || line.length < after) return line;
      const template = inheritedCell(line[after - 1]);
      const fresh = Array.from({ length: howMany }, () => (template ? { ...template } : undefined));
      return [...line.slice(0, after), ...fresh, ...line.slice(after)];
    });
    this.maxColumns += howMany;
    const widths = [...this.columnWidths.entries()];
    this.columnWidths.clear();
    for (const [c, w] of widths) this.columnWidths.set(c > after ? c + howMany : c, w);
    for (const area of this.areas()) shiftColumns(area, after, howMany);
  }

  /** The protections, conditional format ranges and chart data ranges of this sheet. */
  private areas(): AreaState[] {
    const rules = this.spreadsheet.sheets.flatMap((s) => s.state.conditionalRules);
    const charts = this.spreadsheet.sheets.flatMap((s) => s.state.charts);
    return [
      ...this.spreadsheet.protections,
      ...rules.flatMap((r) => r.ranges),
      ...charts.flatMap((c) => c.ranges),
    ].filter((a) => a.sheet === this);
  }
}

// ---------------------------------------------------------------------------------------------
// Spreadsheet service fakes.

export class FakeDataValidation implements DataValidationLike {
  constructor(
    private readonly calls: CallCounter,
    readonly criteria: CriteriaName,
    private readonly values: readonly unknown[],
    readonly allowInvalid: boolean,
    readonly helpText: string,
  ) {}

  getCriteriaType(): CriteriaTypeValue {
    this.calls.count("DataValidation.getCriteriaType");
    return DATA_VALIDATION_CRITERIA[this.criteria];
  }

  getCriteriaValues(): unknown[] {
    this.calls.count("DataValidation.getCriteriaValues");
    return [...this.values];
  }

  getAllowInvalid(): boolean {
    this.calls.count("DataValidation.getAllowInvalid");
    return this.allowInvalid;
  }

  getHelpText(): string {
    this.calls.count("DataValidation.getHelpText");
    return this.helpText;
  }

  /** Test handle, not counted. */
  describe(): { criteria: CriteriaName; values: unknown[]; allowInvalid: boolean; helpText: string } {
    return {
      criteria: this.criteria,
      values: [...this.values],
      allowInvalid: this.allowInvalid,
      helpText: this.helpText,
    };
  }
}

export class FakeDataValidationBuilder implements DataValidationBuilderLike {
  private criteria: CriteriaName | null = null;
  private values: unknown[] = [];
  private allowInvalid = true;
  private helpText = "";

  constructor(private readonly calls: CallCounter) {}

  private set(method: string, criteria: CriteriaName, values: unknown[]): this {
    this.calls.count(`DataValidationBuilder.${method}`);
    this.criteria = criteria;
    this.values = values;
    return this;
  }

  requireValueInRange(range: RangeLike, showDropdown = true): this {
    return this.set("requireValueInRange", "VALUE_IN_RANGE", [range, showDropdown]);
  }

  requireValueInList(values: string[], showDropdown = true): this {
    return this.set("requireValueInList", "VALUE_IN_LIST", [[...values], showDropdown]);
  }

  requireCheckbox(): this {
    return this.set("requireCheckbox", "CHECKBOX", []);
  }

  requireDate(): this {
    return this.set("requireDate", "DATE_IS_VALID_DATE", []);
  }

  requireNumberBetween(start: number, end: number): this {
    return this.set("requireNumberBetween", "NUMBER_BETWEEN", [start, end]);
  }

  requireNumberGreaterThanOrEqualTo(number: number): this {
    return this.set("requireNumberGreaterThanOrEqualTo", "NUMBER_GREATER_THAN_OR_EQUAL_TO", [number]);
  }

  requireNumberLessThanOrEqualTo(number: number): this {
    return this.set("requireNumberLessThanOrEqualTo", "NUMBER_LESS_THAN_OR_EQUAL_TO", [number]);
  }

  setAllowInvalid(allowInvalidData: boolean): this {
    this.calls.count("DataValidationBuilder.setAllowInvalid");
    this.allowInvalid = allowInvalidData;
    return this;
  }

  setHelpText(helpText: string): this {
    this.calls.count("DataValidationBuilder.setHelpText");
    this.helpText = helpText;
    return this;
  }

  build(): FakeDataValidation {
    this.calls.count("DataValidationBuilder.build");
    if (!this.criteria) throw new Error("You must specify a criteria type for the data validation rule.");
    return new FakeDataValidation(this.calls, this.criteria, this.values, this.allowInvalid, this.helpText);
  }
}

export class FakeBooleanCondition implements BooleanConditionLike {
  constructor(
    private readonly calls: CallCounter,
    private readonly rule: ConditionalRuleState,
    private readonly condition: { criteria: BooleanCriteriaName; values: unknown[] },
  ) {}

  getCriteriaType(): BooleanCriteriaValue {
    this.calls.count("BooleanCondition.getCriteriaType");
    return BOOLEAN_CRITERIA[this.condition.criteria];
  }

  getCriteriaValues(): unknown[] {
    this.calls.count("BooleanCondition.getCriteriaValues");
    return [...this.condition.values];
  }

  getBackground(): string | null {
    this.calls.count("BooleanCondition.getBackground");
    return this.rule.background;
  }

  getFontColor(): string | null {
    this.calls.count("BooleanCondition.getFontColor");
    return this.rule.fontColor;
  }
}

export class FakeConditionalFormatRule implements ConditionalFormatRuleLike {
  readonly state: ConditionalRuleState;

  /** Keeps a copy of `state`: a rule is a value, like in Apps Script. */
  constructor(
    private readonly calls: CallCounter,
    state: ConditionalRuleState,
  ) {
    this.state = copyRule(state);
  }

  getBooleanCondition(): FakeBooleanCondition | null {
    this.calls.count("ConditionalFormatRule.getBooleanCondition");
    const condition = this.state.condition;
    return condition ? new FakeBooleanCondition(this.calls, this.state, condition) : null;
  }

  getRanges(): FakeRange[] {
    this.calls.count("ConditionalFormatRule.getRanges");
    return this.state.ranges.map((a) => new FakeRange(a.sheet, a.row, a.col, a.numRows, a.numCols));
  }

  /** Test handle, not counted. */
  describe(): {
    criteria: BooleanCriteriaName | null;
    values: unknown[];
    background: string | null;
    fontColor: string | null;
    ranges: string[];
  } {
    const s = this.state;
    return {
      criteria: s.condition?.criteria ?? null,
      values: [...(s.condition?.values ?? [])],
      background: s.background,
      fontColor: s.fontColor,
      ranges: s.ranges.map((a) => `${a.sheet.name}!${a1(a)}`),
    };
  }
}

export class FakeConditionalFormatRuleBuilder implements ConditionalFormatRuleBuilderLike {
  private readonly state: ConditionalRuleState = {
    condition: null,
    background: null,
    fontColor: null,
    ranges: [],
  };

  constructor(private readonly calls: CallCounter) {}

  private count(method: string): void {
    this.calls.count(`ConditionalFormatRuleBuilder.${method}`);
  }

  whenFormulaSatisfied(formula: string): this {
    this.count("whenFormulaSatisfied");
    this.state.condition = { criteria: "CUSTOM_FORMULA", values: [formula] };
    return this;
  }

  setBackground(color: string | null): this {
    this.count("setBackground");
    this.state.background = color;
    return this;
  }

  setFontColor(color: string | null): this {
    this.count("setFontColor");
    this.state.fontColor = color;
    return this;
  }

  setRanges(ranges: RangeLike[]): this {
    this.count("setRanges");
    this.state.ranges = ranges.map((r) => {
      if (!(r instanceof FakeRange)) throw new Error("The fake only accepts ranges of the fake sheets.");
      return r.area();
    });
    return this;
  }

  build(): FakeConditionalFormatRule {
    this.count("build");
    if (!this.state.condition)
      throw new Error("You must specify a condition for the conditional format rule.");
    return new FakeConditionalFormatRule(this.calls, this.state);
  }
}

export const PROTECTED_MESSAGE =
  "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";

/**
 * A sheet protection (not warning-only) lets only its editors and the owner write cell values:
 * the current user of the fake (SpreadsheetState.currentUser) is checked.
 */
function checkProtection(sheet: SheetState): void {
  const ss = sheet.spreadsheet;
  for (const p of ss.protections) {
    if (p.sheet !== sheet || p.type !== "sheet" || p.warningOnly) continue;
    if (ss.currentUser === ss.owner || (p.editors ?? []).includes(ss.currentUser)) continue;
    if (p.domainEdit && ss.domain !== null && ss.currentUser.endsWith(`@${ss.domain}`)) continue;
    throw new Error(PROTECTED_MESSAGE);
  }
}

function emailOf(user: string | UserLike): string {
  return (typeof user === "string" ? user : user.getEmail()).trim().toLowerCase();
}

export class FakeProtection implements ProtectionLike {
  constructor(readonly state: ProtectionState) {}

  private count(method: string): void {
    this.state.sheet.spreadsheet.calls.count(`Protection.${method}`);
  }

  /** Only someone who may edit a sheet protection may change it (the owner or one of its editors). */
  private mustEdit(): void {
    if (!this.mayEdit()) throw new Error(PROTECTED_MESSAGE);
  }

  private mayEdit(): boolean {
    const ss = this.state.sheet.spreadsheet;
    return (
      this.state.type !== "sheet" ||
      ss.currentUser === ss.owner ||
      (this.state.editors ?? []).includes(ss.currentUser)
    );
  }

  getDescription(): string {
    this.count("getDescription");
    return this.state.description;
  }

  setDescription(description: string): this {
    this.count("setDescription");
    this.mustEdit();
    this.state.description = description;
    return this;
  }

  isWarningOnly(): boolean {
    this.count("isWarningOnly");
    return this.state.warningOnly;
  }

  setWarningOnly(warningOnly: boolean): this {
    this.count("setWarningOnly");
    this.mustEdit();
    this.state.warningOnly = warningOnly;
    return this;
  }

  /** Editors as users; per the reference the list is readable only by someone who can edit. */
  getEditors(): FakeUser[] {
    this.count("getEditors");
    const ss = this.state.sheet.spreadsheet;
    this.mustEdit();
    return (this.state.editors ?? []).map((e) => new FakeUser(ss.calls, e));
  }

  addEditor(emailAddress: string | UserLike): this {
    this.count("addEditor");
    this.mustEdit();
    this.add([emailAddress]);
    return this;
  }

  addEditors(emailAddresses: string[]): this {
    this.count("addEditors");
    this.mustEdit();
    this.add(emailAddresses);
    return this;
  }

  /** The owner of the spreadsheet and the current user cannot be removed (they stay editors). */
  removeEditors(emailAddresses: (string | UserLike)[]): this {
    this.count("removeEditors");
    this.mustEdit();
    const ss = this.state.sheet.spreadsheet;
    const keep = new Set([ss.owner, ss.currentUser]);
    const gone = new Set(emailAddresses.map(emailOf).filter((e) => !keep.has(e)));
    this.state.editors = (this.state.editors ?? []).filter((e) => !gone.has(e));
    return this;
  }

  removeEditor(emailAddress: string | UserLike): this {
    this.count("removeEditor");
    return this.removeEditors([emailAddress]);
  }

  canDomainEdit(): boolean {
    this.count("canDomainEdit");
    return this.state.domainEdit ?? false;
  }

  /** Throws for a spreadsheet outside a Google Workspace domain, as the reference says. */
  setDomainEdit(editable: boolean): this {
    this.count("setDomainEdit");
    this.mustEdit();
    if (this.state.sheet.spreadsheet.domain === null)
      throw new Error("Domain edit is only available for spreadsheets in a Google Workspace domain.");
    this.state.domainEdit = editable;
    return this;
  }

  canEdit(): boolean {
    this.count("canEdit");
    return this.mayEdit();
  }

  private add(emails: (string | UserLike)[]): void {
    const list = this.state.editors ?? [];
    for (const e of emails.map(emailOf)) if (!list.includes(e)) list.push(e);
    this.state.editors = list;
  }

  getRange(): FakeRange {
    this.count("getRange");
    const s = this.state;
    return new FakeRange(s.sheet, s.row, s.col, s.numRows, s.numCols);
  }

  remove(): void {
    this.count("remove");
    this.mustEdit();
    const list = this.state.sheet.spreadsheet.protections;
    const i = list.indexOf(this.state);
    if (i >= 0) list.splice(i, 1);
  }
}

export class FakeRange implements RangeLike {
  constructor(
    readonly sheetState: SheetState,
    private readonly row: number,
    private readonly col: number,
    private readonly numRows: number,
    private readonly numCols: number,
  ) {}

  private count(method: string): void {
    this.sheetState.spreadsheet.calls.count(`Range.${method}`);
  }

  private cells(fn: (c: CellState) => void): void {
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numCols; c++) fn(this.sheetState.cell(this.row + r, this.col + c));
    }
  }

  private grid<T>(fn: (c: CellState | undefined) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < this.numCols; c++) line.push(fn(this.sheetState.peek(this.row + r, this.col + c)));
      out.push(line);
    }
    return out;
  }

  private topLeft(): CellState | undefined {
    return this.sheetState.peek(this.row, this.col);
  }

  getRow(): number {
    this.count("getRow");
    return this.row;
  }

  getColumn(): number {
    this.count("getColumn");
    return this.col;
  }

  getNumRows(): number {
    this.count("getNumRows");
    return this.numRows;
  }

  getNumColumns(): number {
    this.count("getNumColumns");
    return this.numCols;
  }

  getA1Notation(): string {
    this.count("getA1Notation");
    return a1(this.area());
  }

  /** Test handle, not counted: the cells the range covers. */
  area(): AreaState {
    return {
      sheet: this.sheetState,
      row: this.row,
      col: this.col,
      numRows: this.numRows,
      numCols: this.numCols,
    };
  }

  getSheet(): FakeSheet {
    this.count("getSheet");
    const sheet = this.sheetState.spreadsheet.sheets.find((s) => s.state === this.sheetState);
    if (!sheet) throw new Error("The sheet of this range has been deleted.");
    return sheet;
  }

  getValues(): CellValue[][] {
    this.count("getValues");
    return this.sheetState.values(this.row, this.col, this.numRows, this.numCols);
  }

  getFormulas(): string[][] {
    this.count("getFormulas");
    return this.grid((c) => c?.formula ?? "");
  }

  setValues(values: unknown[][]): this {
    this.count("setValues");
    if (!Array.isArray(values)) throw new Error("The parameters (String) don't match the method signature.");
    checkProtection(this.sheetState);
    if (values.length !== this.numRows)
      throw new Error(GAS_MESSAGES.rowsMismatch(values.length, this.numRows));
    for (const line of values) {
      const width = Array.isArray(line) ? line.length : 0;
      if (width !== this.numCols) throw new Error(GAS_MESSAGES.columnsMismatch(width, this.numCols));
    }
    values.forEach((line, r) => {
      line.forEach((v, c) => {
        this.sheetState.put(this.row + r, this.col + c, v);
      });
    });
    return this;
  }

  getNumberFormat(): string {
    this.count("getNumberFormat");
    return this.topLeft()?.numberFormat ?? DEFAULT_NUMBER_FORMAT;
  }

  getNumberFormats(): string[][] {
    this.count("getNumberFormats");
    return this.grid((c) => c?.numberFormat ?? DEFAULT_NUMBER_FORMAT);
  }

  setNumberFormat(numberFormat: string): this {
    this.count("setNumberFormat");
    this.cells((c) => {
      c.numberFormat = numberFormat;
    });
    return this;
  }

  setDataValidation(rule: DataValidationLike | null): this {
    this.count("setDataValidation");
    if (rule !== null && !(rule instanceof FakeDataValidation)) {
      throw new Error("The fake only accepts rules built with SpreadsheetApp.newDataValidation().");
    }
    this.cells((c) => {
      c.validation = rule;
    });
    return this;
  }

  getDataValidation(): FakeDataValidation | null {
    this.count("getDataValidation");
    return this.topLeft()?.validation ?? null;
  }

  getDataValidations(): (FakeDataValidation | null)[][] {
    this.count("getDataValidations");
    return this.grid((c) => c?.validation ?? null);
  }

  setNote(note: string | null): this {
    this.count("setNote");
    this.cells((c) => {
      c.note = note ?? "";
    });
    return this;
  }

  getNote(): string {
    this.count("getNote");
    return this.topLeft()?.note ?? "";
  }

  setFontWeight(fontWeight: FontWeight | null): this {
    this.count("setFontWeight");
    this.cells((c) => {
      c.fontWeight = fontWeight ?? "normal";
    });
    return this;
  }

  getFontWeight(): FontWeight {
    this.count("getFontWeight");
    return this.topLeft()?.fontWeight ?? "normal";
  }

  setBackground(color: string | null): this {
    this.count("setBackground");
    this.cells((c) => {
      c.background = color ?? DEFAULT_BACKGROUND;
    });
    return this;
  }

  getBackground(): string {
    this.count("getBackground");
    return this.topLeft()?.background ?? DEFAULT_BACKGROUND;
  }

  setWrap(isWrapEnabled: boolean): this {
    this.count("setWrap");
    this.cells((c) => {
      c.wrap = isWrapEnabled;
    });
    return this;
  }

  getWrap(): boolean {
    this.count("getWrap");
    return this.topLeft()?.wrap ?? false;
  }

  protect(): FakeProtection {
    this.count("protect");
    const state: ProtectionState = {
      sheet: this.sheetState,
      row: this.row,
      col: this.col,
      numRows: this.numRows,
      numCols: this.numCols,
      description: "",
      warningOnly: false,
    };
    this.sheetState.spreadsheet.protections.push(state);
    return new FakeProtection(state);
  }
}

export class FakeSheet implements SheetLike, ChartsSheetLike {
  readonly state: SheetState;

  constructor(spreadsheet: SpreadsheetState, name: string) {
    this.state = new SheetState(spreadsheet, name);
  }

  private count(method: string): void {
    this.state.spreadsheet.calls.count(`Sheet.${method}`);
  }

  getName(): string {
    this.count("getName");
    return this.state.name;
  }

  getLastRow(): number {
    this.count("getLastRow");
    return this.state.lastRow();
  }

  getLastColumn(): number {
    this.count("getLastColumn");
    return this.state.lastColumn();
  }

  getMaxRows(): number {
    this.count("getMaxRows");
    return this.state.maxRows;
  }

  getMaxColumns(): number {
    this.count("getMaxColumns");
    return this.state.maxColumns;
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.count("insertRowsAfter");
    this.state.insertRows(afterPosition, howMany);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.count("deleteRows");
    this.state.deleteRows(rowPosition, howMany);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.count("insertColumnsAfter");
    this.state.insertColumns(afterPosition, howMany);
    return this;
  }

  getRange(row: number, column: number, numRows = 1, numColumns = 1): FakeRange {
    this.count("getRange");
    this.state.checkRange(row, column, numRows, numColumns);
    return new FakeRange(this.state, row, column, numRows, numColumns);
  }

  getDataRange(): FakeRange {
    this.count("getDataRange");
    return new FakeRange(
      this.state,
      1,
      1,
      Math.max(1, this.state.lastRow()),
      Math.max(1, this.state.lastColumn()),
    );
  }

  setFrozenRows(rows: number): void {
    this.count("setFrozenRows");
    if (rows < 0 || rows > this.state.maxRows) throw new Error(GAS_MESSAGES.rowsOutOfBounds);
    this.state.frozenRows = rows;
  }

  getFrozenRows(): number {
    this.count("getFrozenRows");
    return this.state.frozenRows;
  }

  setColumnWidth(columnPosition: number, width: number): this {
    this.count("setColumnWidth");
    if (columnPosition < 1 || columnPosition > this.state.maxColumns)
      throw new Error(GAS_MESSAGES.columnsOutOfBounds);
    this.state.columnWidths.set(columnPosition, width);
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    this.count("getColumnWidth");
    return this.state.columnWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }

  getProtections(type: ProtectionTypeValue): FakeProtection[] {
    this.count("getProtections");
    const wanted = type === PROTECTION_TYPE.SHEET ? "sheet" : type === PROTECTION_TYPE.RANGE ? "range" : null;
    return this.state.spreadsheet.protections
      .filter((p) => p.sheet === this.state && (p.type ?? "range") === wanted)
      .map((p) => new FakeProtection(p));
  }

  /**
   * Protects the whole sheet (at most one such protection, as in Sheets: a second call returns
   * the existing one). Until its editors change, they mirror the spreadsheet's: owner + editors.
   */
  protect(): FakeProtection {
    this.count("protect");
    const ss = this.state.spreadsheet;
    const existing = ss.protections.find((p) => p.sheet === this.state && p.type === "sheet");
    if (existing) return new FakeProtection(existing);
    const state: ProtectionState = {
      sheet: this.state,
      row: 1,
      col: 1,
      numRows: this.state.maxRows,
      numCols: this.state.maxColumns,
      description: "",
      warningOnly: false,
      type: "sheet",
      editors: [...new Set([ss.owner, ...ss.editors].filter((e) => e !== ""))],
      domainEdit: ss.domain !== null,
    };
    ss.protections.push(state);
    return new FakeProtection(state);
  }

  setTabColor(color: string | null): this {
    this.count("setTabColor");
    this.state.tabColor = color;
    return this;
  }

  getTabColor(): string | null {
    this.count("getTabColor");
    return this.state.tabColor;
  }

  /** The URL of the form whose responses this sheet receives, or null. */
  getFormUrl(): string | null {
    this.count("getFormUrl");
    return this.state.formUrl;
  }

  /** Sheet names are unique regardless of case, as in insertSheet. */
  setName(name: string): this {
    this.count("setName");
    const lower = String(name).toLowerCase();
    const others = this.state.spreadsheet.sheets.filter((s) => s !== this);
    if (others.some((s) => s.state.name.toLowerCase() === lower))
      throw new Error(GAS_MESSAGES.sheetExists(name));
    this.state.name = String(name);
    return this;
  }

  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    this.count("getConditionalFormatRules");
    return this.state.conditionalRules.map(
      (r) => new FakeConditionalFormatRule(this.state.spreadsheet.calls, r),
    );
  }

  setConditionalFormatRules(rules: ConditionalFormatRuleLike[]): void {
    this.count("setConditionalFormatRules");
    const states = rules.map((r) => {
      if (!(r instanceof FakeConditionalFormatRule)) {
        throw new Error("The fake only accepts rules built with SpreadsheetApp.newConditionalFormatRule().");
      }
      return copyRule(r.state);
    });
    this.state.conditionalRules = states;
  }

  // Embedded charts (test/fakes/gas-charts.ts).

  getCharts(): FakeEmbeddedChart[] {
    this.count("getCharts");
    return sheetCharts(this.state);
  }

  newChart(): FakeEmbeddedChartBuilder {
    this.count("newChart");
    return newChartBuilder(this.state);
  }

  insertChart(chart: EmbeddedChartLike): void {
    this.count("insertChart");
    insertSheetChart(this.state, chart);
  }

  updateChart(chart: EmbeddedChartLike): void {
    this.count("updateChart");
    updateSheetChart(this.state, chart);
  }

  removeChart(chart: EmbeddedChartLike): void {
    this.count("removeChart");
    removeSheetChart(this.state, chart);
  }
}

export class FakeSpreadsheet implements SpreadsheetLike {
  constructor(readonly state: SpreadsheetState) {}

  private count(method: string): void {
    this.state.calls.count(`Spreadsheet.${method}`);
  }

  getId(): string {
    this.count("getId");
    return this.state.id;
  }

  getName(): string {
    this.count("getName");
    return this.state.name;
  }

  getSpreadsheetTimeZone(): string {
    this.count("getSpreadsheetTimeZone");
    return this.state.timeZone;
  }

  /** The users with edit access besides the owner (Drive lists the owner apart). */
  getEditors(): FakeUser[] {
    this.count("getEditors");
    return this.state.editors.map((e) => new FakeUser(this.state.calls, e));
  }

  getViewers(): FakeUser[] {
    this.count("getViewers");
    return this.state.viewers.map((e) => new FakeUser(this.state.calls, e));
  }

  getOwner(): FakeUser | null {
    this.count("getOwner");
    return this.state.owner ? new FakeUser(this.state.calls, this.state.owner) : null;
  }

  getNumSheets(): number {
    this.count("getNumSheets");
    return this.state.sheets.length;
  }

  getSheetByName(name: string): FakeSheet | null {
    this.count("getSheetByName");
    return this.state.sheets.find((s) => s.state.name === name) ?? null;
  }

  getSheets(): FakeSheet[] {
    this.count("getSheets");
    return [...this.state.sheets];
  }

  /** Without an index the sheet goes after the active one; the new sheet becomes active. */
  insertSheet(sheetName: string, sheetIndex?: number): FakeSheet {
    this.count("insertSheet");
    return this.addSheet(sheetName, sheetIndex);
  }

  /** Not counted: the same as insertSheet, for setting up tests. */
  addSheet(sheetName: string, sheetIndex?: number): FakeSheet {
    const lower = sheetName.toLowerCase();
    if (this.state.sheets.some((s) => s.state.name.toLowerCase() === lower)) {
      throw new Error(GAS_MESSAGES.sheetExists(sheetName));
    }
    const count = this.state.sheets.length;
    const index = sheetIndex ?? Math.min(this.state.activeIndex + 1, count);
    if (!Number.isInteger(index) || index < 0 || index > count) {
      throw new Error(`Invalid argument: sheetIndex (${sheetIndex})`);
    }
    const sheet = new FakeSheet(this.state, sheetName);
    this.state.sheets.splice(index, 0, sheet);
    this.state.activeIndex = index;
    return sheet;
  }
}

export class FakeSpreadsheetApp implements SpreadsheetAppLike {
  readonly ProtectionType = PROTECTION_TYPE;
  readonly DataValidationCriteria = DATA_VALIDATION_CRITERIA;
  readonly BooleanCriteria = BOOLEAN_CRITERIA;
  readonly ui: FakeUi;

  constructor(
    private readonly calls: CallCounter,
    private readonly spreadsheet: FakeSpreadsheet,
  ) {
    this.ui = new FakeUi(calls);
  }

  getActiveSpreadsheet(): FakeSpreadsheet {
    this.calls.count("SpreadsheetApp.getActiveSpreadsheet");
    return this.spreadsheet;
  }

  getActive(): FakeSpreadsheet {
    this.calls.count("SpreadsheetApp.getActive");
    return this.spreadsheet;
  }

  newDataValidation(): FakeDataValidationBuilder {
    this.calls.count("SpreadsheetApp.newDataValidation");
    return new FakeDataValidationBuilder(this.calls);
  }

  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    this.calls.count("SpreadsheetApp.newConditionalFormatRule");
    return new FakeConditionalFormatRuleBuilder(this.calls);
  }

  flush(): void {
    this.calls.count("SpreadsheetApp.flush");
  }

  getUi(): FakeUi {
    this.calls.count("SpreadsheetApp.getUi");
    return this.ui;
  }
}

// ---------------------------------------------------------------------------------------------
// PropertiesService, LockService, Session.

export class FakeProperties implements PropertiesLike {
  readonly map = new Map<string, string>();

  constructor(private readonly calls: CallCounter) {}

  getProperty(key: string): string | null {
    this.calls.count("Properties.getProperty");
    return this.map.get(key) ?? null;
  }

  setProperty(key: string, value: string): this {
    this.calls.count("Properties.setProperty");
    this.map.set(key, String(value));
    return this;
  }

  deleteProperty(key: string): this {
    this.calls.count("Properties.deleteProperty");
    this.map.delete(key);
    return this;
  }

  getProperties(): { [key: string]: string } {
    this.calls.count("Properties.getProperties");
    return Object.fromEntries(this.map);
  }
}

export class FakePropertiesService implements PropertiesServiceLike {
  constructor(
    private readonly calls: CallCounter,
    private readonly document: FakeProperties | null,
  ) {}

  getDocumentProperties(): FakeProperties | null {
    this.calls.count("PropertiesService.getDocumentProperties");
    return this.document;
  }
}

/** Who holds a lock: nobody, this execution, or another execution (simulated by tests). */
export class LockControl {
  holder: "none" | "self" | "other" = "none";

  /** Simulates another execution (a trigger, another curator) holding the lock. */
  holdByOther(): void {
    this.holder = "other";
  }

  /** The other execution finishes. */
  releaseByOther(): void {
    if (this.holder === "other") this.holder = "none";
  }
}

export class FakeLock implements LockLike {
  private acquired = false;

  constructor(
    private readonly calls: CallCounter,
    private readonly control: LockControl,
  ) {}

  tryLock(_timeoutInMillis: number): boolean {
    this.calls.count("Lock.tryLock");
    return this.acquire();
  }

  waitLock(_timeoutInMillis: number): void {
    this.calls.count("Lock.waitLock");
    if (!this.acquire()) throw new Error(GAS_MESSAGES.lockTimeout);
  }

  releaseLock(): void {
    this.calls.count("Lock.releaseLock");
    if (this.acquired) {
      this.acquired = false;
      if (this.control.holder === "self") this.control.holder = "none";
    }
  }

  hasLock(): boolean {
    this.calls.count("Lock.hasLock");
    return this.acquired && this.control.holder === "self";
  }

  private acquire(): boolean {
    if (this.control.holder === "other") return false;
    this.control.holder = "self";
    this.acquired = true;
    return true;
  }
}

export class FakeLockService implements LockServiceLike {
  constructor(
    private readonly calls: CallCounter,
    private readonly document: LockControl | null,
    private readonly script: LockControl,
  ) {}

  getDocumentLock(): FakeLock | null {
    this.calls.count("LockService.getDocumentLock");
    return this.document ? new FakeLock(this.calls, this.document) : null;
  }

  getScriptLock(): FakeLock {
    this.calls.count("LockService.getScriptLock");
    return new FakeLock(this.calls, this.script);
  }
}

export class FakeUser implements UserLike {
  constructor(
    private readonly calls: CallCounter,
    private readonly email: string,
  ) {}

  getEmail(): string {
    this.calls.count("User.getEmail");
    return this.email;
  }
}

export class FakeSession implements SessionLike {
  /** The active user's email; "" when Apps Script does not reveal it. */
  email: string;
  timeZone: string;

  constructor(
    private readonly calls: CallCounter,
    email: string,
    timeZone: string,
  ) {
    this.email = email;
    this.timeZone = timeZone;
  }

  getActiveUser(): FakeUser {
    this.calls.count("Session.getActiveUser");
    return new FakeUser(this.calls, this.email);
  }

  /** The user the script runs as: the curator in the sidebar and in the triggers they installed. */
  getEffectiveUser(): FakeUser {
    this.calls.count("Session.getEffectiveUser");
    return new FakeUser(this.calls, this.email);
  }

  getScriptTimeZone(): string {
    this.calls.count("Session.getScriptTimeZone");
    return this.timeZone;
  }
}

// ---------------------------------------------------------------------------------------------
// The environment.

/**
 * The Apps Script globals as fakes. FormApp links
 * forms to this environment's spreadsheet (test/fakes/gas-forms.ts); ScriptApp holds the
 * installable triggers (test/fakes/gas-script.ts).
 */
export interface FakeGasGlobals extends GasGlobals {
  SpreadsheetApp: FakeSpreadsheetApp;
  PropertiesService: FakePropertiesService;
  LockService: FakeLockService;
  Session: FakeSession;
  HtmlService: FakeHtmlService;
  FormApp: FakeFormApp;
  MailApp: FakeMailApp;
  ScriptApp: FakeScriptApp;
  /** Google Docs and Drive (test/fakes/gas-documents.ts), sharing one Drive. */
  DocumentApp: FakeDocumentApp;
  DriveApp: FakeDriveApp;
}

export interface GasEnvironmentOptions {
  spreadsheetId?: string;
  spreadsheetName?: string;
  /** Spreadsheet and script time zone. */
  timeZone?: string;
  /** Sheets of the new spreadsheet, in tab order (each 1000 × 26). */
  sheetNames?: string[];
  userEmail?: string;
  /** Simulates a standalone script: no document lock, no document properties. */
  standalone?: boolean;
  /** The project's HTML files by name (e.g. "Sidebar"), for HtmlService.createHtmlOutputFromFile. */
  htmlFiles?: Record<string, string>;
}

export interface GasEnvironment {
  /** `{ SpreadsheetApp, PropertiesService, LockService, Session, HtmlService, FormApp, ScriptApp }`, usable as a `vm` context. */
  globals: FakeGasGlobals;
  spreadsheet: FakeSpreadsheet;
  calls: CallCounter;
  documentLock: LockControl;
  scriptLock: LockControl;
  documentProperties: FakeProperties;
  session: FakeSession;
  /** What SpreadsheetApp.getUi() shows: menus, alerts, the sidebar. */
  ui: FakeUi;
  /** Not counted: creates the sheet if needed, grows it and writes rows from A1 as setValues would. */
  seed(sheet: string, rows: unknown[][]): FakeSheet;
  /**
   * Makes getValues return Dates of another realm, e.g. `vm.runInContext("Date", context)`, so
   * that code running in a `vm` context sees `value instanceof Date` as in Apps Script.
   */
  useDateConstructor(dateConstructor: DateConstructor): void;
}

export function createGasEnvironment(options: GasEnvironmentOptions = {}): GasEnvironment {
  const calls = new CallCounter();
  const timeZone = options.timeZone ?? "Europe/Moscow";
  const state = new SpreadsheetState(
    calls,
    options.spreadsheetId ?? "fake-spreadsheet-id",
    options.spreadsheetName ?? "Наставничество",
    timeZone,
  );
  const spreadsheet = new FakeSpreadsheet(state);
  state.owner = (options.userEmail ?? "kurator@school.ru").toLowerCase();
  state.currentUser = state.owner;
  for (const name of options.sheetNames ?? ["Лист1"]) spreadsheet.addSheet(name, state.sheets.length);
  state.activeIndex = 0;

  const documentProperties = new FakeProperties(calls);
  const documentLock = new LockControl();
  const scriptLock = new LockControl();
  const session = new FakeSession(calls, options.userEmail ?? "kurator@school.ru", timeZone);
  const standalone = options.standalone === true;
  const scriptApp = new FakeScriptApp(calls);
  const documents = createDocumentsFakes(calls);

  const globals: FakeGasGlobals = {
    SpreadsheetApp: new FakeSpreadsheetApp(calls, spreadsheet),
    PropertiesService: new FakePropertiesService(calls, standalone ? null : documentProperties),
    LockService: new FakeLockService(calls, standalone ? null : documentLock, scriptLock),
    Session: session,
    HtmlService: new FakeHtmlService(calls, (name) => options.htmlFiles?.[name]),
    FormApp: new FakeFormApp(calls, {
      spreadsheet: (id) => (id === state.id ? spreadsheet : undefined),
      triggerUidFor: (id) => scriptApp.triggersFor("ON_FORM_SUBMIT", id)[0]?.uniqueId,
    }),
    MailApp: new FakeMailApp(calls),
    ScriptApp: scriptApp,
    DocumentApp: documents.DocumentApp,
    DriveApp: documents.DriveApp,
  };

  function seed(sheetName: string, rows: unknown[][]): FakeSheet {
    const sheet =
      state.sheets.find((s) => s.state.name === sheetName) ??
      spreadsheet.addSheet(sheetName, state.sheets.length);
    const s = sheet.state;
    const width = Math.max(0, ...rows.map((r) => r.length));
    if (rows.length > s.maxRows) s.maxRows = rows.length;
    if (width > s.maxColumns) s.maxColumns = width;
    rows.forEach((line, r) => {
      line.forEach((v, c) => {
        s.put(r + 1, c + 1, v);
      });
    });
    return sheet;
  }

  function useDateConstructor(dateConstructor: DateConstructor): void {
    state.dateConstructor = dateConstructor;
  }

  return {
    globals,
    spreadsheet,
    calls,
    documentLock,
    scriptLock,
    documentProperties,
    session,
    ui: globals.SpreadsheetApp.ui,
    seed,
    useDateConstructor,
  };
}
