// Plain values of a spreadsheet, shared by the domain and every workbook adapter.

/** What a cell holds after reading. Empty cells are "". */
export type CellValue = string | number | boolean | Date;

/** A drop-down or checkbox rule for a column. */
export type ColumnValidation =
  /** Values from a column of another sheet (the lists of «Справочники»). */
  | { kind: "range"; sheet: string; column: number; firstRow: number; lastRow: number; strict: boolean }
  /** A fixed list of values. */
  | { kind: "list"; values: string[]; strict: boolean }
  | { kind: "checkbox" }
  /** Any valid date. */
  | { kind: "date" }
  /** A number in [min, max]. */
  | { kind: "number"; min?: number; max?: number };

export interface ColumnLayout {
  /** 1-based column index in the sheet as it is now. */
  col: number;
  /** Width in pixels. */
  width?: number;
  /** Spreadsheet number format, e.g. "dd.mm.yyyy" or "@" (plain text). */
  numberFormat?: string;
  validation?: ColumnValidation;
  /** Note shown on the header cell. */
  note?: string;
  /** Wrap long text in the data cells. */
  wrap?: boolean;
  /**
   * Warning-only protection of the data cells of the column (the add-on owns them);
   * the description identifies the protection so it is applied only once.
   */
  protect?: { description: string };
}

/**
 * A conditional format over the data rows of some columns: cells turn `background` where the
 * custom formula is true. The formula is written for the first data row (row 2) with absolute
 * columns, e.g. `=AND($N2=TRUE,$L2<>"Выполнено")`, exactly as in the spreadsheet UI.
 */
export interface ConditionalRule {
  /** Stable identity of the rule: applying a layout replaces the add-on's rule with this id. */
  id: string;
  /** 1-based first and last column the colour applies to. */
  fromCol: number;
  toCol: number;
  formula: string;
  background: string;
  fontColor?: string;
}

export interface SheetLayout {
  /** Rows to freeze at the top (the header row). */
  frozenRows: number;
  /** Number of header columns to style (bold, background). */
  headerWidth: number;
  headerBackground: string;
  /** Formatting per column; only the columns listed are touched. */
  columns: ColumnLayout[];
  /** Tab colour, optional. */
  tabColor?: string;
  /**
   * Conditional formats of the add-on, in priority order. When given, they replace the
   * add-on's earlier rules on the sheet (matched by id); the curator's own rules are kept.
   */
  conditional?: ConditionalRule[];
}

export function isEmptyCell(value: CellValue | undefined | null): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** The letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = "";
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
