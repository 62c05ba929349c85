// A fake of the Docs advanced service (the global `Docs` of an Apps Script project with the
// Google Docs API enabled). `Docs.Documents.get(id)` returns the JSON the Docs API v1 returns
// for documents.get — body.content of structural elements with start/end indexes — built from
// plain tables, so tests can feed it the seed roadmaps.
//
// What it reproduces of the real service:
// - the body opens with a section break (endIndex 1) and ends with a paragraph; a paragraph
//   always follows a table, as the editor keeps one there;
// - every paragraph's text ends with "\n"; a cell's lines are separate paragraphs, an empty cell
//   holds one empty paragraph; the editor splits a paragraph into several text runs wherever
//   the style changes (the fake splits long ones at the first space, the first run bold);
// - indexes count UTF-16 code units; a table, each row and each cell open with one index of
//   their own, and the table closes with one more;
// - tables are rectangular: a merged row (a section heading across the table) is a head cell
//   with tableCellStyle.columnSpan = columns, followed by the cells it covers, which stay in
//   tableCells with an empty paragraph (merging moves their text into the head cell);
// - an unknown ID throws what Apps Script throws for documents.get of a missing file:
//   "API call to docs.documents.get failed with error: Requested entity was not found."

import type { DocsServiceLike } from "../../src/gas/docs";
import { type SeedId, TRANSCRIPTIONS, tablesOf } from "../fixtures/roadmaps/expected";
import type { CallCounter } from "./gas";

type Document = GoogleAppsScript.Docs.Schema.Document;
type StructuralElement = GoogleAppsScript.Docs.Schema.StructuralElement;
type TableCell = GoogleAppsScript.Docs.Schema.TableCell;
type TableRow = GoogleAppsScript.Docs.Schema.TableRow;
type ParagraphElement = GoogleAppsScript.Docs.Schema.ParagraphElement;

export interface FakeDocRow {
  /** Cell texts; "\n" separates the paragraphs of a cell. */
  cells: string[];
  /** One cell merged across the whole width of the table. */
  spanning?: boolean;
}

export interface FakeDocTable {
  rows: FakeDocRow[];
  /** Grid columns; by default the widest non-spanning row. */
  columns?: number;
}

export interface FakeDocSpec {
  title: string;
  tables: FakeDocTable[];
  /** Paragraphs before the first table (titles, approval stamps). */
  paragraphs?: string[];
  /** The current user may not open it: documents.get fails with a permission error. */
  forbidden?: boolean;
}

export const DOCS_NOT_FOUND =
  "API call to docs.documents.get failed with error: Requested entity was not found.";
export const DOCS_FORBIDDEN =
  "API call to docs.documents.get failed with error: The caller does not have permission";

/** What Apps Script throws for a failed advanced-service call. */
class GoogleJsonResponseException extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GoogleJsonResponseException";
  }
}

/** Assigns indexes while the document is laid out, in document order. */
class Cursor {
  constructor(public index: number) {}

  take(length: number): { startIndex?: number; endIndex: number } {
    const start = this.index;
    this.index += length;
    // Proto3 JSON leaves zero out: the first element has no startIndex.
    return start === 0 ? { endIndex: this.index } : { startIndex: start, endIndex: this.index };
  }
}

function paragraph(cursor: Cursor, text: string, bold = false): StructuralElement {
  const content = `${text}\n`;
  const elements: ParagraphElement[] = [];
  const space = text.indexOf(" ");
  const runs =
    text.length > 40 && space > 0 ? [content.slice(0, space + 1), content.slice(space + 1)] : [content];
  const start = cursor.index;
  runs.forEach((run, i) => {
    elements.push({
      ...cursor.take(run.length),
      textRun: { content: run, textStyle: bold || (runs.length > 1 && i === 0) ? { bold: true } : {} },
    });
  });
  return {
    startIndex: start,
    endIndex: cursor.index,
    paragraph: {
      elements,
      paragraphStyle: { namedStyleType: "NORMAL_TEXT", direction: "LEFT_TO_RIGHT" },
    },
  };
}

function cellStyle(columnSpan: number): GoogleAppsScript.Docs.Schema.TableCellStyle {
  return {
    rowSpan: 1,
    columnSpan,
    backgroundColor: {},
    paddingLeft: { magnitude: 5, unit: "PT" },
    paddingRight: { magnitude: 5, unit: "PT" },
    paddingTop: { magnitude: 5, unit: "PT" },
    paddingBottom: { magnitude: 5, unit: "PT" },
    contentAlignment: "TOP",
  };
}

function cell(cursor: Cursor, text: string, columnSpan: number, bold: boolean): TableCell {
  const start = cursor.index;
  cursor.take(1);
  const content = text.split("\n").map((line) => paragraph(cursor, line, bold));
  return { startIndex: start, endIndex: cursor.index, content, tableCellStyle: cellStyle(columnSpan) };
}

function table(cursor: Cursor, spec: FakeDocTable): StructuralElement {
  const columns =
    spec.columns ?? Math.max(1, ...spec.rows.filter((r) => !r.spanning).map((r) => r.cells.length));
  const start = cursor.index;
  cursor.take(1);
  const tableRows: TableRow[] = spec.rows.map((row, r) => {
    const rowStart = cursor.index;
    cursor.take(1);
    const tableCells: TableCell[] = [];
    if (row.spanning) {
      tableCells.push(cell(cursor, row.cells.join("\n"), columns, r === 0));
      for (let c = 1; c < columns; c++) tableCells.push(cell(cursor, "", 1, false));
    } else {
      for (let c = 0; c < columns; c++) tableCells.push(cell(cursor, row.cells[c] ?? "", 1, r === 0));
    }
    return {
      startIndex: rowStart,
      endIndex: cursor.index,
      tableCells,
      tableRowStyle: { minRowHeight: { unit: "PT" } },
    };
  });
  cursor.take(1);
  return {
    startIndex: start,
    endIndex: cursor.index,
    table: {
      rows: spec.rows.length,
      columns,
      tableRows,
      tableStyle: {
        tableColumnProperties: Array.from({ length: columns }, () => ({ widthType: "EVENLY_DISTRIBUTED" })),
      },
    },
  };
}

/** The documents.get JSON of a document made of the given paragraphs and tables. */
export function fakeDocument(id: string, spec: FakeDocSpec): Document {
  const cursor = new Cursor(0);
  const content: StructuralElement[] = [
    {
      ...cursor.take(1),
      sectionBreak: { sectionStyle: { columnSeparatorStyle: "NONE", contentDirection: "LEFT_TO_RIGHT" } },
    },
  ];
  for (const text of spec.paragraphs ?? []) content.push(paragraph(cursor, text));
  for (const t of spec.tables) {
    content.push(table(cursor, t));
    content.push(paragraph(cursor, ""));
  }
  if (content.length === 1) content.push(paragraph(cursor, ""));
  return {
    documentId: id,
    title: spec.title,
    revisionId: `rev-${id}`,
    suggestionsViewMode: "SUGGESTIONS_INLINE",
    body: { content },
    documentStyle: {
      pageSize: { width: { magnitude: 595.3, unit: "PT" }, height: { magnitude: 841.9, unit: "PT" } },
    },
  };
}

export interface FakeDocs extends DocsServiceLike {
  /** Adds or replaces a document. */
  put(id: string, spec: FakeDocSpec): void;
}

/** The `Docs` advanced service over the given documents, keyed by document ID. */
export function createFakeDocs(documents: Record<string, FakeDocSpec>, calls?: CallCounter): FakeDocs {
  const store = new Map(Object.entries(documents));
  return {
    Documents: {
      get(documentId: string): Document {
        calls?.count("Docs.Documents.get");
        if (typeof documentId !== "string") {
          throw new GoogleJsonResponseException(
            "API call to docs.documents.get failed with error: Invalid JSON payload received.",
          );
        }
        const spec = store.get(documentId);
        if (!spec) throw new GoogleJsonResponseException(DOCS_NOT_FOUND);
        if (spec.forbidden) throw new GoogleJsonResponseException(DOCS_FORBIDDEN);
        // A fresh copy each call, as every call returns new JSON.
        return fakeDocument(documentId, spec);
      },
    },
    put(id, spec) {
      store.set(id, spec);
    },
  };
}

/** A seed roadmap as a Google Doc: its paragraphs and tables as the transcription has them. */
export function seedDocSpec(id: SeedId): FakeDocSpec {
  const t = TRANSCRIPTIONS[id];
  return {
    title: `Дорожная карта ${id}`,
    paragraphs: t.blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : [])),
    tables: tablesOf(t).map((table) => ({
      columns: table.columns,
      rows: table.rows.map((r) => ({ cells: r.cells, spanning: r.spanning === true })),
    })),
  };
}
