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
}

export function isEmptyCell(value: CellValue | undefined | null): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}
