// A table as read from a school's own roadmap document (a Word table, a Google Doc table,
// a CSV/TSV file), before anything is recognised in it. Readers produce it; the roadmap
// import (src/domain/roadmap/import.ts) understands it.

export interface SourceRow {
  /** Cell texts, left to right, as written (line breaks inside a cell kept as "\n"). */
  cells: string[];
  /**
   * True when the row is one cell spanning the whole width of the table (a section heading
   * such as «Подготовка условий для запуска программы наставничества»). Readers that cannot
   * tell (CSV) leave it undefined and the import decides from the content.
   */
  spanning?: boolean;
}

export interface SourceTable {
  rows: SourceRow[];
}

export interface SourceDocument {
  /** What the document is, for messages: a file name or «Google Документ "…"». */
  name: string;
  tables: SourceTable[];
}
