// Document templates as plain values. The default templates are written in this model; each
// shell renders it into its own format (a Google Doc through DocumentApp, a .docx through the
// `docx` library), and fills templates — the defaults or the curator's edits of them — in
// place, with the same rules:
//
//   {{Поле}}                 a field of the document (organisation, order number, curator…);
//   {{Поле|вин}}             the same in a grammatical case: им, род, дат, вин, твор, пред
//                            (names are declined; see names.ts);
//   {{Коллекция.Поле}}       a field of one item of a collection («Пары», «Наставники», «План»…).
//                            A table row holding such fields is the repeating row: it is copied
//                            once per item, in order, and the template row itself disappears
//                            (with no items the row is removed). One collection per row.
//
// Placeholders work in the body, in tables, and in headers and footers. The text inside the
// braces is the key of the value (spaces around it are ignored).

/** The kinds of document the add-on generates, by stable key. */
export const DOC_KINDS = [
  "pairs-order",
  "curator-order",
  "mentors-order",
  "completion-order",
  "program",
  "consent",
  "report",
  "site-text",
] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export type Align = "left" | "center" | "right" | "justify";

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface Paragraph {
  type: "p";
  runs: Run[];
  align?: Align;
  /** Font size in points; default: the document's. */
  size?: number;
  /** First-line indent of official text (1.25 cm). */
  indent?: boolean;
  /** Space after the paragraph, in points. */
  spaceAfter?: number;
  /** Starts a new page (an annex of an order); body paragraphs only, not in tables. */
  pageBreakBefore?: boolean;
}

export interface TableCell {
  paragraphs: Paragraph[];
}

export interface TableRow {
  cells: TableCell[];
  /** A heading row (bold, repeated on each page). */
  header?: boolean;
}

export interface Table {
  type: "table";
  rows: TableRow[];
  /** Relative column widths (any unit; the shells scale them to the page). */
  widths: number[];
  /** Draw the grid (annex tables); false for layout tables such as signatures. */
  borders: boolean;
}

export type Block = Paragraph | Table;

export interface DocModel {
  header: Paragraph[];
  body: Block[];
  footer: Paragraph[];
  font: { family: string; size: number };
  /** Page margins in millimetres: left 30, right 15, top and bottom 20 in official papers. */
  margins: { top: number; right: number; bottom: number; left: number };
}

/** What a template holds, as a shell finds it: its placeholders and its repeating rows. */
export interface TemplateScan {
  /** Placeholders outside repeating rows (the text inside the braces), with where they are. */
  fields: { name: string; where: "body" | "header" | "footer" }[];
  /**
   * One entry per repeating table row: the collection and its fields (without the prefix).
   * `others` lists further collections found in the same row — a template mistake that
   * checkTemplate reports (scanTableRow in fill.ts builds entries the same way for every shell).
   */
  rows: { collection: string; fields: string[]; others?: string[] }[];
}

/** The values to put into a template: exactly the placeholders its scan found. */
export interface DocumentFill {
  /** By placeholder name as in TemplateScan.fields (e.g. "Куратор|вин"). */
  fields: Record<string, string>;
  /** By collection: one item per copy of the repeating row, by field name (e.g. "ФИО наставника"). */
  collections: Record<string, Record<string, string>[]>;
}

/** `{{ … }}` — the placeholder syntax, shared by every shell. */
export const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** Splits a placeholder name into its collection and field («Пары.ФИО» → Пары, ФИО). */
export function splitPlaceholder(name: string): { collection: string | null; field: string } {
  const dot = name.indexOf(".");
  if (dot <= 0) return { collection: null, field: name.trim() };
  return { collection: name.slice(0, dot).trim(), field: name.slice(dot + 1).trim() };
}
