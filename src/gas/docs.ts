// Reading the tables of a Google Doc (a school's roadmap) in one call to the Docs advanced
// service, and turning them into the SourceDocument the roadmap import understands.

import { UserError } from "../app/errors";
import type { SourceDocument, SourceRow, SourceTable } from "../domain/roadmap/source";

type DocsDocument = GoogleAppsScript.Docs.Schema.Document;
type StructuralElement = GoogleAppsScript.Docs.Schema.StructuralElement;

/** The narrow part of the Docs advanced service used here (the global `Docs`). */
export interface DocsServiceLike {
  Documents: { get(documentId: string): DocsDocument };
}

/** The document ID in a Google Docs link, or the text itself when it already is an ID. */
export function documentIdFromUrl(input: string): string {
  const text = input.trim();
  const m =
    /\/document\/(?:u\/\d+\/)?d\/([A-Za-z0-9_-]{20,})/.exec(text) ?? /[?&]id=([A-Za-z0-9_-]{20,})/.exec(text);
  if (m?.[1]) return m[1];
  if (/^[A-Za-z0-9_-]{25,}$/.test(text)) return text;
  throw new UserError(
    `«${text.slice(0, 100)}» — не похоже на ссылку на Google Документ. Откройте документ и скопируйте ссылку из адресной строки (она содержит /document/d/…).`,
  );
}

function textOf(content: readonly StructuralElement[] | undefined): string {
  const paragraphs: string[] = [];
  for (const el of content ?? []) {
    if (el.paragraph) {
      const text = (el.paragraph.elements ?? []).map((e) => e.textRun?.content ?? "").join("");
      // A soft line break (Shift+Enter) arrives as a vertical tab.
      paragraphs.push(text.replace(/\n$/, "").split(String.fromCharCode(11)).join("\n"));
    } else if (el.table) {
      // A table nested in a cell: its text belongs to the cell.
      for (const row of el.table.tableRows ?? []) {
        for (const c of row.tableCells ?? []) paragraphs.push(textOf(c.content));
      }
    }
  }
  while (paragraphs.length > 0 && paragraphs[paragraphs.length - 1] === "") paragraphs.pop();
  return paragraphs.join("\n").replace(/\u00a0/g, " ");
}

/** Tables of a Docs API document, in document order. */
export function docsDocumentToSource(doc: DocsDocument): SourceDocument {
  const tables: SourceTable[] = [];
  for (const el of doc.body?.content ?? []) {
    const table = el.table;
    if (!table) continue;
    const width = table.columns ?? 0;
    const rows: SourceRow[] = [];
    for (const tr of table.tableRows ?? []) {
      const cells: string[] = [];
      const spans: number[] = [];
      const all = tr.tableCells ?? [];
      for (let i = 0; i < all.length; i++) {
        const cell = all[i];
        if (!cell) continue;
        const span = Math.max(1, cell.tableCellStyle?.columnSpan ?? 1);
        cells.push(textOf(cell.content));
        spans.push(span);
        // When the API also lists the cells a merge covers, skip them.
        if (span > 1 && all.length >= width) i += span - 1;
      }
      const spanning = width > 1 && cells.length === 1 && (spans[0] ?? 1) >= width;
      rows.push(spanning ? { cells, spanning: true } : { cells, spanning: false });
    }
    tables.push({ rows });
  }
  return { name: `Google Документ «${doc.title ?? "без названия"}»`, tables };
}

/** Reads a Google Doc by link with one service call. */
export function readGoogleDoc(docs: DocsServiceLike | undefined, url: string): SourceDocument {
  const id = documentIdFromUrl(url);
  if (!docs) {
    throw new UserError(
      "Служба Google Документов не подключена к скрипту (Docs API). Переустановите надстройку из последней сборки.",
    );
  }
  let doc: DocsDocument;
  try {
    doc = docs.Documents.get(id);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/not found|404/i.test(text))
      throw new UserError(`Google Документ по ссылке не найден: проверьте ссылку (${id}).`);
    if (/permission|403|access/i.test(text)) {
      throw new UserError(
        "Нет доступа к этому Google Документу: откройте его своей учётной записью или попросите владельца дать доступ.",
      );
    }
    throw error;
  }
  const source = docsDocumentToSource(doc);
  if (source.tables.length === 0) {
    throw new UserError(
      `В документе «${doc.title ?? id}» нет таблиц. Дорожная карта должна быть таблицей с заголовками столбцов.`,
    );
  }
  return source;
}
