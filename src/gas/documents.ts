// The Google Docs adapter of the DocumentsPort: default templates rendered into Google Docs in a
// «Наставничество — шаблоны» folder, templates read for their placeholders, documents copied from
// a template into a folder by name and filled.
//
// - Folders are found by name once and their IDs kept in the MetaStore ("docs:folder:<name>");
//   a cached ID that no longer opens (or is in the trash) is looked up again, then created.
// - Filling a document:
//   * repeating rows (a table row holding {{Коллекция.Поле}}): the whole table is rebuilt with
//     ONE Body.insertTable(index, cells) call holding every item's row as text, and the template
//     table's look is copied with a fixed number of calls: table attributes and the repeating
//     row's text attributes (set once on the new table, they apply to all its text), column
//     widths, and every other row (headings, totals) re-inserted as a copy of the template's row,
//     so it keeps its exact formatting. The number of service calls does not depend on the number
//     of items at all; what a new row cannot keep is per-cell paragraph formatting (alignment,
//     first-line indent) of the repeating row. An empty collection removes the row (the table,
//     when nothing else is left in it);
//   * document fields: one Body/HeaderSection/FooterSection.replaceText per field present there,
//     with the placeholder escaped for RE2 (spaces inside the braces allowed, as in PLACEHOLDER).
//     The reference calls the replacement "the text to use as replacement" and says nothing of
//     `$` or `\`; the service runs on Java, whose regex replacement treats both specially. So a
//     value holding `$` or `\` never goes through replaceText: each occurrence is found with
//     findText and the text is put in with deleteText + insertText, which take text literally.
// - The copy is filled under a draft name and renamed when saved, so a document of the final name
//   (what `existing` finds after a crash) is always complete; a failed fill moves the draft to the
//   trash, and drafts left by a run that died are trashed before the next copy.
// - Scope drive.file: DriveApp sees only files the add-on created. A template the curator made
//   themselves opens with DocumentApp (scope documents) but not with DriveApp, so it cannot be
//   copied with makeCopy; its content is then copied element by element into a new document.

import { UserError, userMessage } from "../app/errors";
import type { DocumentRef, DocumentsPort, MetaStore } from "../app/ports";
import { placeholdersIn, scanTableRow } from "../domain/docs/fill";
import {
  type Align,
  type DocKind,
  type DocModel,
  type DocumentFill,
  type Paragraph,
  PLACEHOLDER,
  splitPlaceholder,
  type Table,
  type TemplateScan,
} from "../domain/docs/model";
import { matchKey } from "../domain/normalize";
import type {
  AttributeName,
  Attributes,
  BodyLike,
  DocumentAppLike,
  DocumentLike,
  DriveAppLike,
  FileLike,
  FolderLike,
  HorizontalAlignmentValue,
  ParagraphLike,
  SectionLike,
  TableCellLike,
  TableLike,
  TableRowLike,
} from "./documents-surface";

export const TEMPLATES_FOLDER = "Наставничество — шаблоны";
export const PDF_MIME = "application/pdf";
/** Appended to a document's name while it is being filled. */
export const DRAFT_SUFFIX = " (черновик, заполняется)";

export const folderKey = (name: string) => `docs:folder:${name}`;
/** A template rendered but maybe not yet recorded in «Настройки» (a crash in between). */
export const pendingTemplateKey = (kind: DocKind) => `docs:template:${kind}:pending`;

/** A4 in points, and points per millimetre. */
export const A4 = { width: 595.28, height: 841.89 } as const;
const PT_PER_MM = 72 / 25.4;
/** First-line indent of official text: 1.25 cm. */
export const FIRST_LINE_INDENT = 12.5 * PT_PER_MM;

const TEXT_KEYS: readonly AttributeName[] = [
  "BOLD",
  "ITALIC",
  "UNDERLINE",
  "STRIKETHROUGH",
  "FONT_FAMILY",
  "FONT_SIZE",
  "FOREGROUND_COLOR",
  "BACKGROUND_COLOR",
];
const PARAGRAPH_KEYS: readonly AttributeName[] = [
  "HORIZONTAL_ALIGNMENT",
  "INDENT_FIRST_LINE",
  "INDENT_START",
  "INDENT_END",
  "SPACING_BEFORE",
  "SPACING_AFTER",
  "LINE_SPACING",
];
/** Per-column paragraph formatting a rebuilt table cannot give each cell (see the header). */
const CELL_SPECIFIC: ReadonlySet<AttributeName> = new Set<AttributeName>([
  "HORIZONTAL_ALIGNMENT",
  "INDENT_FIRST_LINE",
  "INDENT_START",
  "INDENT_END",
]);

/** The link of a Google Doc. */
export function docUrl(id: string): string {
  return `https://docs.google.com/document/d/${id}/edit`;
}

/** An ID as given, or the ID inside a Docs / Drive link. */
export function idOf(value: string): string {
  const text = value.trim();
  const m = /\/d\/([A-Za-z0-9_-]{10,})/.exec(text) ?? /[?&]id=([A-Za-z0-9_-]{10,})/.exec(text);
  return m?.[1] ?? text;
}

/** Escapes text for an RE2 pattern (every punctuation character may be escaped in RE2). */
export function escapeRe2(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

/** The RE2 pattern of one placeholder: `{{ name }}` with any spaces inside the braces. */
export function placeholderPattern(name: string): string {
  return `\\{\\{\\s*${escapeRe2(name)}\\s*\\}\\}`;
}

/** The same pattern for counting in JavaScript (the escapes mean the same there). */
function placeholderRegExp(name: string): RegExp {
  return new RegExp(placeholderPattern(name), "g");
}

/** Extra findText rounds beyond the occurrences counted in a section's text. */
const SPARE_OCCURRENCES = 20;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why a service call failed, for a Russian message: Google's known errors translated. */
function reason(error: unknown): string {
  const raw = messageOf(error);
  // errors.ts words a server error for Sheets; here it is Docs or Drive.
  if (/Service (?:Documents|Drive)? ?failed|Service error|server error occurred/i.test(raw)) {
    return "сервис Google Документов или Диска временно недоступен, повторите через несколько минут";
  }
  const message = userMessage(error);
  return message.startsWith("Непредвиденная ошибка") ? raw : message;
}

/** Runs fn; a failure that is not already a UserError becomes one, starting with `what`. */
function russian<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${what}: ${reason(error)}`);
  }
}

function sameEnum(a: unknown, b: unknown): boolean {
  return a === b || String(a) === String(b);
}

function templateMissing(id: string): UserError {
  return new UserError(
    `Шаблон ${docUrl(id)} не открывается: его удалили или у вас нет доступа. Очистите ссылку в «Настройках» — надстройка создаст шаблон заново.`,
  );
}

/** The collection a table row repeats for (the first one it names, as scanTableRow decides). */
function rowCollection(text: string): string | null {
  return scanTableRow(placeholdersIn(text)).row?.collection ?? null;
}

/** Only the attributes that are set (getAttributes gives null for unset or mixed ones). */
function defined(attributes: Attributes, keys: readonly AttributeName[]): Attributes {
  const out: Attributes = {};
  for (const key of keys) {
    const value = attributes[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rendering a DocModel.

interface Look {
  font: { family: string; size: number };
  align: (a: Align) => HorizontalAlignmentValue;
}

function runsOf(p: Paragraph): { text: string; bold: boolean; italic: boolean; underline: boolean }[] {
  return p.runs.map((r) => ({
    text: r.text,
    bold: r.bold === true,
    italic: r.italic === true,
    underline: r.underline === true,
  }));
}

function paragraphText(p: Paragraph): string {
  return p.runs.map((r) => r.text).join("");
}

/** Sets a rendered paragraph's look: one call, plus one per run that differs from the rest. */
function formatParagraph(target: ParagraphLike, p: Paragraph, look: Look, forceBold: boolean): void {
  const runs = runsOf(p).filter((r) => r.text !== "");
  const first = runs[0];
  const uniform =
    first === undefined ||
    runs.every((r) => r.bold === first.bold && r.italic === first.italic && r.underline === first.underline);
  target.setAttributes({
    FONT_FAMILY: look.font.family,
    FONT_SIZE: p.size ?? look.font.size,
    HORIZONTAL_ALIGNMENT: look.align(p.align ?? "left"),
    INDENT_FIRST_LINE: p.indent ? FIRST_LINE_INDENT : 0,
    INDENT_START: 0,
    SPACING_BEFORE: 0,
    SPACING_AFTER: p.spaceAfter ?? 0,
    LINE_SPACING: 1,
    BOLD: forceBold || (uniform && first?.bold === true),
    ITALIC: uniform && first?.italic === true,
    UNDERLINE: uniform && first?.underline === true,
  });
  if (uniform) return;
  const text = target.editAsText();
  let offset = 0;
  for (const r of runsOf(p)) {
    const end = offset + r.text.length;
    if (r.text !== "" && (r.bold || r.italic || r.underline)) {
      text.setAttributes(offset, end - 1, {
        BOLD: forceBold || r.bold,
        ITALIC: r.italic,
        UNDERLINE: r.underline,
      });
    }
    offset = end;
  }
}

function plainParagraph(p: Paragraph): boolean {
  return (
    (p.align === undefined || p.align === "left") &&
    p.size === undefined &&
    !p.indent &&
    p.spaceAfter === undefined &&
    p.runs.every((r) => !r.bold && !r.italic && !r.underline)
  );
}

function formatTable(table: TableLike, model: Table, look: Look, contentWidth: number): void {
  table.setBorderWidth(model.borders ? 1 : 0);
  // Set once on the table, these reach every paragraph in it.
  table.setAttributes({
    FONT_FAMILY: look.font.family,
    FONT_SIZE: look.font.size,
    SPACING_BEFORE: 0,
    SPACING_AFTER: 0,
    LINE_SPACING: 1,
  });
  const total = model.widths.reduce((a, b) => a + b, 0);
  if (total > 0) {
    model.widths.forEach((w, c) => {
      table.setColumnWidth(c, (w / total) * contentWidth);
    });
  }
  model.rows.forEach((row, r) => {
    row.cells.forEach((cell, c) => {
      const [first, ...rest] = cell.paragraphs;
      const needsLook = row.header === true || (first !== undefined && !plainParagraph(first));
      if (!needsLook && rest.length === 0) return;
      const target = table.getCell(r, c);
      if (first && needsLook)
        formatParagraph(target.getChild(0).asParagraph(), first, look, row.header === true);
      for (const p of rest)
        formatParagraph(target.appendParagraph(paragraphText(p)), p, look, row.header === true);
    });
  });
}

/**
 * Renders blocks into an empty section (a new document's body holds one empty paragraph). In the
 * body, a paragraph with `pageBreakBefore` starts with a page break (one call); headers and
 * footers cannot hold one, so there it is ignored.
 */
function renderBlocks(
  section: SectionLike,
  blocks: readonly (Paragraph | Table)[],
  look: Look,
  contentWidth: number,
  isBody = false,
): void {
  let count = section.getNumChildren();
  // An empty paragraph at the end, to be used by the next paragraph (a table goes before it).
  let pending: ParagraphLike | null = count > 0 ? section.getChild(count - 1).asParagraph() : null;
  for (const block of blocks) {
    if (block.type === "p") {
      let target: ParagraphLike;
      if (pending) {
        pending.setText(paragraphText(block));
        target = pending;
        pending = null;
      } else {
        target = section.appendParagraph(paragraphText(block));
        count++;
      }
      formatParagraph(target, block, look, false);
      if (isBody && block.pageBreakBefore) target.insertPageBreak(0);
    } else {
      if (block.rows.length === 0) continue;
      if (!pending) {
        pending = section.appendParagraph("");
        count++;
      }
      const cells = block.rows.map((row) =>
        row.cells.map((cell) => (cell.paragraphs[0] ? paragraphText(cell.paragraphs[0]) : "")),
      );
      const table = section.insertTable(count - 1, cells);
      count++;
      formatTable(table, block, look, contentWidth);
    }
  }
}

function renderModel(app: DocumentAppLike, doc: DocumentLike, model: DocModel): void {
  const look: Look = {
    font: model.font,
    align: (a) =>
      a === "center"
        ? app.HorizontalAlignment.CENTER
        : a === "right"
          ? app.HorizontalAlignment.RIGHT
          : a === "justify"
            ? app.HorizontalAlignment.JUSTIFY
            : app.HorizontalAlignment.LEFT,
  };
  const body = doc.getBody();
  body.setPageWidth(A4.width);
  body.setPageHeight(A4.height);
  body.setMarginTop(model.margins.top * PT_PER_MM);
  body.setMarginBottom(model.margins.bottom * PT_PER_MM);
  body.setMarginLeft(model.margins.left * PT_PER_MM);
  body.setMarginRight(model.margins.right * PT_PER_MM);
  const contentWidth = A4.width - (model.margins.left + model.margins.right) * PT_PER_MM;
  renderBlocks(body, model.body, look, contentWidth, true);
  if (model.header.length > 0)
    renderBlocks(doc.getHeader() ?? doc.addHeader(), model.header, look, contentWidth);
  if (model.footer.length > 0)
    renderBlocks(doc.getFooter() ?? doc.addFooter(), model.footer, look, contentWidth);
}

// ---------------------------------------------------------------------------------------------
// Filling.

type PlanRow =
  | { kind: "static"; index: number; row: TableRowLike }
  | {
      kind: "items";
      index: number;
      row: TableRowLike;
      collection: string;
      cells: string[];
      firstCell: TableCellLike;
    };

/** A cell's text with the item's values in place of `{{Коллекция.Поле}}` (other placeholders stay). */
function fillCell(text: string, collection: string, item: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole: string, raw: string) => {
    const { collection: c, field } = splitPlaceholder(raw.trim());
    if (c === null || matchKey(c) !== matchKey(collection)) return whole;
    const value = item[field];
    return value === undefined ? whole : value;
  });
}

function rebuildTable(
  body: BodyLike,
  table: TableLike,
  plan: readonly PlanRow[],
  collections: DocumentFill["collections"],
): void {
  const layout: ({ row: TableRowLike } | { cells: string[] })[] = [];
  for (const entry of plan) {
    if (entry.kind === "static") layout.push({ row: entry.row });
    else
      for (const item of collections[entry.collection] ?? [])
        layout.push({ cells: entry.cells.map((t) => fillCell(t, entry.collection, item)) });
  }
  const filled = layout.flatMap((e) => ("cells" in e ? [e.cells] : []));
  if (filled.length === 0) {
    // No items: the repeating rows go; so does the table when nothing else is left in it.
    if (plan.every((e) => e.kind === "items")) table.removeFromParent();
    else for (const e of [...plan].reverse()) if (e.kind === "items") table.removeRow(e.index);
    return;
  }
  const width = Math.max(...filled.map((r) => r.length));
  const cells = filled.map((r) =>
    r.length < width ? [...r, ...Array<string>(width - r.length).fill("")] : r,
  );
  const sample = plan.find((e) => e.kind === "items");
  const fresh = body.insertTable(body.getChildIndex(table), cells);
  // The table's own look and what is uniform in it, then the repeating row's text look.
  const tableLook = defined(table.getAttributes(), [
    "BORDER_WIDTH",
    "BORDER_COLOR",
    ...TEXT_KEYS,
    ...PARAGRAPH_KEYS,
  ]);
  const rowLook =
    sample?.kind === "items"
      ? defined(
          sample.firstCell.getChild(0).getAttributes(),
          [...TEXT_KEYS, ...PARAGRAPH_KEYS].filter((k) => !CELL_SPECIFIC.has(k)),
        )
      : {};
  fresh.setAttributes({ ...tableLook, ...rowLook });
  for (let c = 0; c < width; c++) {
    const w = table.getColumnWidth(c);
    if (typeof w === "number" && w > 0) fresh.setColumnWidth(c, w);
  }
  // Headings and other fixed rows: copies of the template's rows, in their places.
  layout.forEach((e, i) => {
    if ("row" in e) fresh.insertTableRow(i, e.row.copy());
  });
  table.removeFromParent();
}

function fillRows(app: DocumentAppLike, body: BodyLike, fill: DocumentFill): void {
  for (const table of body.getTables()) {
    // Only tables placed in the body itself (a table nested in a cell is left as it is).
    if (!sameEnum(table.getParent().getType(), app.ElementType.BODY_SECTION)) continue;
    const plan: PlanRow[] = [];
    const rows = table.getNumRows();
    for (let r = 0; r < rows; r++) {
      const row = table.getRow(r);
      const collection = rowCollection(row.getText());
      if (collection === null) {
        plan.push({ kind: "static", index: r, row });
        continue;
      }
      const cells: string[] = [];
      const n = row.getNumCells();
      let firstCell: TableCellLike | null = null;
      for (let c = 0; c < n; c++) {
        const cell = row.getCell(c);
        if (c === 0) firstCell = cell;
        cells.push(cell.getText());
      }
      if (!firstCell) continue;
      plan.push({ kind: "items", index: r, row, collection, cells, firstCell });
    }
    if (plan.some((e) => e.kind === "items")) rebuildTable(body, table, plan, fill.collections);
  }
}

/** Puts `value` in place of every `{{name}}` of a section. */
function replaceField(section: SectionLike, name: string, value: string, occurrences: number): void {
  const pattern = placeholderPattern(name);
  if (!/[$\\]/.test(value)) {
    section.replaceText(pattern, value);
    return;
  }
  // `$` and `\` may be special in a replacement: insert the text literally instead. The bound
  // stops a value that itself holds the placeholder from being put in again and again.
  for (let i = 0; i < occurrences + SPARE_OCCURRENCES; i++) {
    const found = section.findText(pattern);
    if (!found) return;
    const text = found.getElement().asText();
    const start = found.getStartOffset();
    text.deleteText(start, found.getEndOffsetInclusive());
    if (value !== "") text.insertText(start, value);
  }
}

/**
 * One replaceText per field: in the body always (its text is read only to count), in a header
 * or footer only when the placeholder is there.
 */
function fillFields(
  sections: readonly { section: SectionLike; always: boolean }[],
  fields: DocumentFill["fields"],
): void {
  const names = Object.keys(fields);
  if (names.length === 0) return;
  for (const { section, always } of sections) {
    const text = section.getText();
    for (const name of names) {
      const occurrences = text.match(placeholderRegExp(name))?.length ?? 0;
      if (occurrences > 0 || always) replaceField(section, name, fields[name] ?? "", occurrences);
    }
  }
}

function fillDocument(app: DocumentAppLike, doc: DocumentLike, fill: DocumentFill): void {
  const body = doc.getBody();
  fillRows(app, body, fill);
  const sections = [{ section: body as SectionLike, always: true }];
  const header = doc.getHeader();
  if (header) sections.push({ section: header, always: false });
  const footer = doc.getFooter();
  if (footer) sections.push({ section: footer, always: false });
  fillFields(sections, fill.fields);
}

// ---------------------------------------------------------------------------------------------
// Copying a template Drive cannot see (scope drive.file), element by element.

function copySection(app: DocumentAppLike, from: SectionLike, to: SectionLike, where: string): void {
  const initial = to.getNumChildren();
  let count = initial;
  /** Empty paragraphs appendTable adds after each table (Docs cannot end with a table). */
  const extra: number[] = [];
  const n = from.getNumChildren();
  for (let i = 0; i < n; i++) {
    const child = from.getChild(i);
    const type = child.getType();
    if (sameEnum(type, app.ElementType.PARAGRAPH)) {
      to.appendParagraph(child.asParagraph().copy());
      count++;
    } else if (sameEnum(type, app.ElementType.LIST_ITEM)) {
      to.appendListItem(child.asListItem().copy());
      count++;
    } else if (sameEnum(type, app.ElementType.TABLE)) {
      to.appendTable(child.asTable().copy());
      extra.push(count + 1);
      count += 2;
    } else {
      throw new UserError(
        `Шаблон ${where} нельзя скопировать: в нём есть элемент (${String(type)}), который надстройка не умеет переносить. Очистите ссылку в «Настройках», чтобы надстройка создала свой шаблон, и перенесите в него свой текст.`,
      );
    }
  }
  // Drop the added empty paragraphs (not the last one of the section), then the initial ones.
  for (const index of extra.reverse()) if (index < count - 1) to.getChild(index).removeFromParent();
  for (let i = 0; i < initial && to.getNumChildren() > 1; i++)
    to.getChild(0).asParagraph().removeFromParent();
}

// ---------------------------------------------------------------------------------------------

type TemplateRefs = Record<DocKind, DocumentRef & { created: boolean }>;

export class GasDocuments implements DocumentsPort {
  private readonly folders = new Map<string, FolderLike>();

  constructor(
    private readonly docs: DocumentAppLike,
    private readonly drive: DriveAppLike,
    private readonly meta: MetaStore,
  ) {}

  ensureTemplates(
    defaults: readonly { kind: DocKind; title: string; model: DocModel }[],
    known: Partial<Record<DocKind, string>>,
  ): TemplateRefs {
    const out: Partial<TemplateRefs> = {};
    for (const { kind, title, model } of defaults) {
      const knownId = known[kind] ? idOf(known[kind] ?? "") : "";
      const pending = this.meta.get(pendingTemplateKey(kind)) ?? "";
      if (knownId !== "") {
        const url = this.usableUrl(knownId);
        if (url !== null) {
          if (pending === knownId) this.meta.set(pendingTemplateKey(kind), "");
          out[kind] = { id: knownId, url, created: false };
          continue;
        }
      }
      // Rendered by a run that did not get to record it: use it rather than render another.
      if (pending !== "" && pending !== knownId) {
        const url = this.usableUrl(pending);
        if (url !== null) {
          out[kind] = { id: pending, url, created: true };
          continue;
        }
      }
      const ref = this.render(title, model);
      this.meta.set(pendingTemplateKey(kind), ref.id);
      out[kind] = { ...ref, created: true };
    }
    // The defaults name every kind (the port's contract); the record is complete then.
    return out as TemplateRefs;
  }

  scan(templateId: string): TemplateScan {
    const id = idOf(templateId);
    const doc = this.open(id);
    return russian(`Не удалось прочитать шаблон ${docUrl(id)}`, () => this.scanDocument(doc));
  }

  private scanDocument(doc: DocumentLike): TemplateScan {
    const body = doc.getBody();
    const bodyText = body.getText();
    // Placeholders of the body in document order; those of repeating rows are taken out below.
    const found = Array.from(bodyText.matchAll(PLACEHOLDER), (m) => ({
      name: (m[1] ?? "").trim(),
      at: m.index ?? 0,
      row: false,
    }));
    const rows: TemplateScan["rows"] = [];
    let cursor = 0;
    for (const table of body.getTables()) {
      if (!sameEnum(table.getParent().getType(), this.docs.ElementType.BODY_SECTION)) continue;
      const n = table.getNumRows();
      for (let r = 0; r < n; r++) {
        const text = table.getRow(r).getText();
        const names = placeholdersIn(text);
        if (names.length === 0) continue;
        // Where the row is in the body's text: its placeholders there are the row's own.
        const at = bodyText.indexOf(text, cursor);
        const end = at >= 0 ? at + text.length : bodyText.length;
        if (at >= 0) cursor = end;
        const { row, plain } = scanTableRow(names);
        if (at < 0) {
          // Not found in the body's text: make sure its plain fields are not missed.
          for (const name of plain)
            if (!found.some((f) => f.name === name)) found.push({ name, at: end, row: false });
        }
        if (!row) continue;
        rows.push(row);
        for (const name of names) {
          if (splitPlaceholder(name).collection === null) continue;
          const hit =
            found.find((f) => !f.row && f.name === name && at >= 0 && f.at >= at && f.at < end) ??
            found.find((f) => !f.row && f.name === name);
          if (hit) hit.row = true;
        }
      }
    }
    const fields: TemplateScan["fields"] = [];
    const add = (list: readonly string[], where: "body" | "header" | "footer") => {
      for (const name of list)
        if (!fields.some((f) => f.name === name && f.where === where)) fields.push({ name, where });
    };
    const header = doc.getHeader();
    if (header) add(placeholdersIn(header.getText()), "header");
    add(
      found.filter((f) => !f.row).map((f) => f.name),
      "body",
    );
    const footer = doc.getFooter();
    if (footer) add(placeholdersIn(footer.getText()), "footer");
    return { fields, rows };
  }

  existing(folder: string, name: string): DocumentRef | null {
    const target = this.folder(folder, false);
    if (!target) return null;
    return russian(`Не удалось проверить, есть ли «${name}» в папке «${folder}»`, () => {
      const file = this.firstNamed(target, name);
      return file ? { id: file.getId(), url: file.getUrl() } : null;
    });
  }

  create(
    templateId: string,
    fill: DocumentFill,
    target: { folder: string; name: string; pdf: boolean },
  ): DocumentRef & { pdfUrl: string | null } {
    const id = idOf(templateId);
    const folder = this.folder(target.folder, true);
    if (!folder) throw new UserError(`Папка «${target.folder}» на Google Диске недоступна.`);
    const draftName = target.name + DRAFT_SUFFIX;
    const file = russian(`Не удалось создать документ «${target.name}»`, () => {
      this.trashNamed(folder, draftName);
      return this.copyTemplate(id, draftName, folder);
    });
    try {
      const doc = this.docs.openById(file.getId());
      fillDocument(this.docs, doc, fill);
      doc.saveAndClose();
      file.setName(target.name);
    } catch (error) {
      try {
        file.setTrashed(true);
      } catch {
        // The draft keeps its draft name: `existing` will not take it for a finished document.
      }
      if (error instanceof UserError) throw error;
      throw new UserError(
        `Не удалось заполнить документ «${target.name}» по шаблону ${docUrl(id)}: ${reason(error)}. Черновик удалён в корзину; проверьте шаблон и повторите.`,
      );
    }
    let pdfUrl: string | null = null;
    if (target.pdf) {
      const pdfName = `${target.name}.pdf`;
      try {
        const done = this.firstNamed(folder, pdfName);
        pdfUrl = (done ?? folder.createFile(file.getAs(PDF_MIME).setName(pdfName))).getUrl();
      } catch (error) {
        throw new UserError(
          `Документ «${target.name}» создан (${file.getUrl()}), но PDF сделать не удалось: ${reason(error)}. Повторите действие — документ заново не создастся.`,
        );
      }
    }
    return { id: file.getId(), url: file.getUrl(), pdfUrl };
  }

  // --- templates -------------------------------------------------------------------------------

  /** The link of a template that can still be used; null when deleted, trashed or inaccessible. */
  private usableUrl(id: string): string | null {
    try {
      const file = this.drive.getFileById(id);
      return file.isTrashed() ? null : file.getUrl();
    } catch {
      // Not visible to Drive (a document the add-on did not create): does it open?
    }
    try {
      this.docs.openById(id);
      return docUrl(id);
    } catch {
      return null;
    }
  }

  private render(title: string, model: DocModel): DocumentRef {
    const folder = this.folder(TEMPLATES_FOLDER, true);
    if (!folder) throw new UserError(`Папка «${TEMPLATES_FOLDER}» на Google Диске недоступна.`);
    let doc: DocumentLike;
    try {
      doc = this.docs.create(title);
    } catch (error) {
      throw new UserError(`Не удалось создать шаблон «${title}»: ${reason(error)}`);
    }
    const id = doc.getId();
    let file: FileLike | null = null;
    try {
      file = this.drive.getFileById(id);
      file.moveTo(folder);
      renderModel(this.docs, doc, model);
      doc.saveAndClose();
      return { id, url: file.getUrl() };
    } catch (error) {
      try {
        file?.setTrashed(true);
      } catch {
        // Nothing more to do: the half-made template is not recorded anywhere.
      }
      throw new UserError(`Не удалось создать шаблон «${title}»: ${reason(error)}`);
    }
  }

  private open(id: string): DocumentLike {
    try {
      return this.docs.openById(id);
    } catch {
      throw templateMissing(id);
    }
  }

  /** A copy of the template under `name` in the folder. */
  private copyTemplate(id: string, name: string, folder: FolderLike): FileLike {
    let source: FileLike | null = null;
    try {
      source = this.drive.getFileById(id);
    } catch {
      source = null;
    }
    if (source) {
      if (source.isTrashed()) throw templateMissing(id);
      try {
        return source.makeCopy(name, folder);
      } catch (error) {
        throw new UserError(`Не удалось скопировать шаблон ${docUrl(id)}: ${reason(error)}`);
      }
    }
    return this.copyByContent(this.open(id), id, name, folder);
  }

  private copyByContent(
    template: DocumentLike,
    templateId: string,
    name: string,
    folder: FolderLike,
  ): FileLike {
    const where = `«${template.getName()}» (${docUrl(templateId)})`;
    const doc = this.docs.create(name);
    const file = this.drive.getFileById(doc.getId());
    try {
      file.moveTo(folder);
      const from = template.getBody();
      const to = doc.getBody();
      to.setPageWidth(from.getPageWidth());
      to.setPageHeight(from.getPageHeight());
      to.setMarginTop(from.getMarginTop());
      to.setMarginBottom(from.getMarginBottom());
      to.setMarginLeft(from.getMarginLeft());
      to.setMarginRight(from.getMarginRight());
      copySection(this.docs, from, to, where);
      const header = template.getHeader();
      if (header) copySection(this.docs, header, doc.getHeader() ?? doc.addHeader(), where);
      const footer = template.getFooter();
      if (footer) copySection(this.docs, footer, doc.getFooter() ?? doc.addFooter(), where);
      doc.saveAndClose();
      return file;
    } catch (error) {
      try {
        file.setTrashed(true);
      } catch {
        // The copy keeps its draft name.
      }
      if (error instanceof UserError) throw error;
      throw new UserError(`Не удалось скопировать шаблон ${where}: ${reason(error)}`);
    }
  }

  // --- folders -------------------------------------------------------------------------------

  private folder(name: string, create: boolean): FolderLike | null {
    const title = name.trim();
    if (title === "") throw new UserError("Не указана папка для документов. Заполните её в «Настройках».");
    const cached = this.folders.get(title);
    if (cached) return cached;
    try {
      const found = this.findFolder(title) ?? (create ? this.drive.createFolder(title) : null);
      if (found) {
        this.meta.set(folderKey(title), found.getId());
        this.folders.set(title, found);
      }
      return found;
    } catch (error) {
      throw new UserError(`Не удалось открыть папку «${title}» на Google Диске: ${reason(error)}`);
    }
  }

  private findFolder(name: string): FolderLike | null {
    const id = this.meta.get(folderKey(name));
    if (id) {
      try {
        const folder = this.drive.getFolderById(id);
        if (!folder.isTrashed()) return folder;
      } catch {
        // Deleted: look it up by name.
      }
    }
    const it = this.drive.getFoldersByName(name);
    while (it.hasNext()) {
      const folder = it.next();
      if (!folder.isTrashed()) return folder;
    }
    return null;
  }

  private firstNamed(folder: FolderLike, name: string): FileLike | null {
    const it = folder.getFilesByName(name);
    while (it.hasNext()) {
      const file = it.next();
      if (!file.isTrashed()) return file;
    }
    return null;
  }

  private trashNamed(folder: FolderLike, name: string): void {
    const it = folder.getFilesByName(name);
    while (it.hasNext()) {
      const file = it.next();
      if (!file.isTrashed()) file.setTrashed(true);
    }
  }
}
