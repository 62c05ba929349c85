// Fakes of DocumentApp and DriveApp (the narrow surface of src/gas/documents-surface.ts), sharing
// one Drive: documents are files in folders; a document's content is a tree of sections (body,
// header, footer) holding paragraphs and tables → rows → cells → paragraphs.
//
// What they reproduce of the real services:
// - DocumentApp.create(name) makes a Google Doc in the root of My Drive whose body holds one empty
//   paragraph (Letter page, 612 × 792 pt, margins 72 pt); getHeader() / getFooter() are null until
//   addHeader() / addFooter(), which give a section holding one empty paragraph;
// - openById of a document deleted for good (or never shared) throws "Document <id> is missing
//   (perhaps it was deleted, or you don't have read access?)"; a document in the trash still opens;
// - changes are kept in the open document and saved by saveAndClose() (or at the end of the
//   execution, `endExecution()`); Drive — makeCopy, getAs — sees the last saved version; every
//   element of a closed document throws "Document is closed, its contents cannot be updated.";
// - copy() gives a detached deep copy; inserting or appending an element that is attached throws
//   "Element must be detached."; removeFromParent() detaches; the last paragraph of a section
//   cannot be removed ("Can't remove the last paragraph in a document section.");
//   getChild(i) past the end throws "Child index (i) must be less than the number of child
//   elements (n).";
// - appendTable adds an empty paragraph after the table (a document cannot end with a table);
//   insertTable does not; a "\n" in the text of a new table's cell separates paragraphs;
// - getText(): paragraphs (and a table's cells, row by row) joined with "\n";
// - Paragraph.insertPageBreak: a page break cannot be in a paragraph inside a table, a header or
//   a footer (it throws there); setText replaces the paragraph's children, a page break too;
// - replaceText / findText: the pattern is RE2 (lookaround, backreferences and mode modifiers are
//   refused), matched against each paragraph's text on its own, never across paragraphs; the
//   replacement text takes the formatting of the first character it replaces;
// - setAttributes on a container (body, table, row, cell) sets its own attributes and applies text
//   and paragraph attributes to all text inside it; getAttributes gives null for an attribute that
//   is not set or differs within the element;
// - DriveApp with the scope drive.file: only files and folders the add-on created (or copied) are
//   visible — getFileById of another file throws "No item with the given ID could be found, or you
//   do not have permission to access it.", getFoldersByName / getFilesByName do not list it, while
//   DocumentApp.openById still opens a document the user can read; the iterators also list
//   files and folders in the trash (check isTrashed()); File.getAs("application/pdf") of a Google
//   Doc gives a blob named "<name>.pdf" whose data is the saved document's text (header, body,
//   footer), and Folder.createFile(blob) stores it under the blob's name.
//
// Modelling choices where the reference is silent (keep them in mind when a test fails):
// - the replacement of replaceText follows Java's Matcher.replaceAll (the service runs on Java):
//   `$n` is a group ("No group n" when there is none), a `$` not followed by a digit throws
//   "Illegal group reference", `\x` is x, a trailing `\` throws "character to be escaped is
//   missing". If the real service takes the replacement literally, an adapter that never puts `$`
//   or `\` into it (which this makes tests prove) is right either way;
// - getColumnWidth is 0 for a column whose width was never set; a new table has border width 1
//   and colour #000000; removing the only row of a table throws (remove the table instead);
// - messages of the fake's own start with "Fake DocumentApp:" / "Fake DriveApp:".
//
// Every call on a fake object is counted in `calls` ("Body.replaceText", "Table.insertTableRow",
// "DriveApp.getFileById", "File.makeCopy", …). Test handles (`describe`, `peekText`, `peekFiles`,
// `seedDocument`, `trash`, `deleteForever`, `endExecution`, `failNext`) are not counted; `failNext`
// makes the next call of a method throw, as a service failure would.

import type {
  AttributeName,
  Attributes,
  AttributeValue,
  BlobLike,
  BlobSourceLike,
  BodyLike,
  DocumentAppLike,
  DocumentLike,
  DriveAppLike,
  ElementLike,
  ElementTypeValue,
  FileIteratorLike,
  FileLike,
  FolderIteratorLike,
  FolderLike,
  HorizontalAlignmentValue,
  ListItemLike,
  PageBreakLike,
  ParagraphLike,
  RangeElementLike,
  TableCellLike,
  TableLike,
  TableRowLike,
  TextLike,
} from "../../src/gas/documents-surface";
import type { CallCounter } from "./gas";

export const DOC_MESSAGES = {
  missing: (id: string) =>
    `Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`,
  notFound: "No item with the given ID could be found, or you do not have permission to access it.",
  mustBeDetached: "Element must be detached.",
  closed: "Document is closed, its contents cannot be updated.",
  lastParagraph: "Can't remove the last paragraph in a document section.",
  childIndex: (index: number, count: number) =>
    `Child index (${index}) must be less than the number of child elements (${count}).`,
  noGroup: (n: number) => `No group ${n}`,
  illegalGroupReference: "Illegal group reference",
  escapeMissing: "character to be escaped is missing",
  invalidPattern: (pattern: string) => `Fake DocumentApp: «${pattern}» is not a valid RE2 pattern.`,
  notAChild: "Fake DocumentApp: the element is not a child of this container.",
  conversion: (from: string, to: string) =>
    `Fake DocumentApp: an element of type ${from} cannot be used as ${to}.`,
  offset: (offset: number) => `Fake DocumentApp: offset ${offset} is outside the text.`,
  index: (what: string, index: number) => `Fake DocumentApp: ${what} index ${index} is out of range.`,
  emptyTable: "Fake DocumentApp: a table needs at least one row, and every row at least one cell.",
  onlyRow: "Fake DocumentApp: the only row of a table cannot be removed; remove the table.",
  pageBreak:
    "Fake DocumentApp: a PageBreak cannot be in a paragraph inside a table, a header or a footer (reference of PageBreak).",
  notADocument: (id: string) => `Fake DriveApp: ${id} is not a Google Doc.`,
  conversionUnsupported: (type: string) => `Fake DriveApp: conversion to ${type} is not supported.`,
} as const;

export const DOC_MIME = "application/vnd.google-apps.document";
export const FOLDER_MIME = "application/vnd.google-apps.folder";
export const PDF_MIME = "application/pdf";

type ElementTypeName = Exclude<keyof typeof GoogleAppsScript.Document.ElementType, number>;
const ELEMENT_TYPE_NAMES: readonly ElementTypeName[] = [
  "BODY_SECTION",
  "COMMENT_SECTION",
  "DATE",
  "DOCUMENT",
  "EQUATION",
  "EQUATION_FUNCTION",
  "EQUATION_FUNCTION_ARGUMENT_SEPARATOR",
  "EQUATION_SYMBOL",
  "FOOTER_SECTION",
  "FOOTNOTE",
  "FOOTNOTE_SECTION",
  "HEADER_SECTION",
  "HORIZONTAL_RULE",
  "INLINE_DRAWING",
  "INLINE_IMAGE",
  "LIST_ITEM",
  "PAGE_BREAK",
  "PARAGRAPH",
  "PERSON",
  "RICH_LINK",
  "TABLE",
  "TABLE_CELL",
  "TABLE_OF_CONTENTS",
  "TABLE_ROW",
  "TEXT",
  "UNSUPPORTED",
];
// Apps Script enum values are opaque; the fake uses the ordinals of the typings.
export const ELEMENT_TYPE = Object.fromEntries(ELEMENT_TYPE_NAMES.map((name, i) => [name, i])) as {
  readonly [K in ElementTypeName]: ElementTypeValue;
};
export const HORIZONTAL_ALIGNMENT: {
  readonly [K in "LEFT" | "CENTER" | "RIGHT" | "JUSTIFY"]: HorizontalAlignmentValue;
} = { LEFT: 0, CENTER: 1, RIGHT: 2, JUSTIFY: 3 };

export const TEXT_KEYS: readonly AttributeName[] = [
  "BOLD",
  "ITALIC",
  "UNDERLINE",
  "STRIKETHROUGH",
  "FONT_FAMILY",
  "FONT_SIZE",
  "FOREGROUND_COLOR",
  "BACKGROUND_COLOR",
  "LINK_URL",
];
export const PARAGRAPH_KEYS: readonly AttributeName[] = [
  "HORIZONTAL_ALIGNMENT",
  "INDENT_FIRST_LINE",
  "INDENT_START",
  "INDENT_END",
  "SPACING_BEFORE",
  "SPACING_AFTER",
  "LINE_SPACING",
];
const OWN_KEYS: Record<"section" | "table" | "row" | "cell", readonly AttributeName[]> = {
  section: ["MARGIN_TOP", "MARGIN_BOTTOM", "MARGIN_LEFT", "MARGIN_RIGHT", "PAGE_WIDTH", "PAGE_HEIGHT"],
  table: ["BORDER_WIDTH", "BORDER_COLOR"],
  row: ["MINIMUM_HEIGHT"],
  cell: ["PADDING_TOP", "PADDING_BOTTOM", "PADDING_LEFT", "PADDING_RIGHT", "VERTICAL_ALIGNMENT"],
};

// ---------------------------------------------------------------------------------------------
// The document tree (state; tests may read it through `describe`).

type Style = Attributes;

export interface ParagraphNode {
  kind: "paragraph";
  text: string;
  /** One style per character (text attributes). */
  chars: Style[];
  /** The style of text put into the paragraph where there is none to inherit. */
  base: Style;
  /** Paragraph attributes. */
  attrs: Attributes;
  parent: ContainerNode | null;
  /** A PageBreak before the text (child index 0): the only place the fake models one. */
  pageBreakBefore?: boolean;
}

export interface TableNode {
  kind: "table";
  rows: RowNode[];
  attrs: Attributes;
  widths: number[];
  parent: ContainerNode | null;
}

export interface RowNode {
  kind: "row";
  cells: CellNode[];
  attrs: Attributes;
  parent: TableNode | null;
}

export interface CellNode {
  kind: "cell";
  children: BlockNode[];
  attrs: Attributes;
  parent: RowNode | null;
}

export interface SectionNode {
  kind: "section";
  type: "BODY_SECTION" | "HEADER_SECTION" | "FOOTER_SECTION";
  children: BlockNode[];
  attrs: Attributes;
}

export type BlockNode = ParagraphNode | TableNode;
type ContainerNode = SectionNode | CellNode;
type AnyNode = BlockNode | RowNode | CellNode | SectionNode;

export interface DocTree {
  body: SectionNode;
  header: SectionNode | null;
  footer: SectionNode | null;
}

function newParagraph(text: string, base: Style = {}): ParagraphNode {
  return {
    kind: "paragraph",
    text,
    chars: Array.from(text, () => ({ ...base })),
    base: { ...base },
    attrs: {},
    parent: null,
  };
}

function newSection(type: SectionNode["type"]): SectionNode {
  const section: SectionNode = { kind: "section", type, children: [], attrs: {} };
  adopt(section, newParagraph(""));
  return section;
}

function newDocTree(): DocTree {
  const body = newSection("BODY_SECTION");
  body.attrs = {
    PAGE_WIDTH: 612,
    PAGE_HEIGHT: 792,
    MARGIN_TOP: 72,
    MARGIN_BOTTOM: 72,
    MARGIN_LEFT: 72,
    MARGIN_RIGHT: 72,
  };
  return { body, header: null, footer: null };
}

function adopt(container: ContainerNode, child: BlockNode, index = container.children.length): void {
  container.children.splice(index, 0, child);
  child.parent = container;
}

function cellNode(text: string): CellNode {
  const cell: CellNode = { kind: "cell", children: [], attrs: {}, parent: null };
  for (const line of text.split("\n")) adopt(cell, newParagraph(line));
  return cell;
}

function tableFromCells(cells: readonly (readonly string[])[]): TableNode {
  if (cells.length === 0 || cells.some((r) => r.length === 0)) throw new Error(DOC_MESSAGES.emptyTable);
  const table: TableNode = {
    kind: "table",
    rows: [],
    attrs: { BORDER_WIDTH: 1, BORDER_COLOR: "#000000" },
    widths: [],
    parent: null,
  };
  for (const line of cells) {
    const row: RowNode = { kind: "row", cells: [], attrs: {}, parent: table };
    for (const text of line) {
      const cell = cellNode(String(text));
      cell.parent = row;
      row.cells.push(cell);
    }
    table.rows.push(row);
  }
  return table;
}

function cloneParagraph(p: ParagraphNode): ParagraphNode {
  return {
    kind: "paragraph",
    text: p.text,
    chars: p.chars.map((s) => ({ ...s })),
    base: { ...p.base },
    attrs: { ...p.attrs },
    parent: null,
    ...(p.pageBreakBefore ? { pageBreakBefore: true } : {}),
  };
}

function cloneCell(c: CellNode): CellNode {
  const cell: CellNode = { kind: "cell", children: [], attrs: { ...c.attrs }, parent: null };
  for (const child of c.children) adopt(cell, cloneBlock(child));
  return cell;
}

function cloneRow(r: RowNode): RowNode {
  const row: RowNode = { kind: "row", cells: [], attrs: { ...r.attrs }, parent: null };
  for (const c of r.cells) {
    const cell = cloneCell(c);
    cell.parent = row;
    row.cells.push(cell);
  }
  return row;
}

function cloneTable(t: TableNode): TableNode {
  const table: TableNode = {
    kind: "table",
    rows: [],
    attrs: { ...t.attrs },
    widths: [...t.widths],
    parent: null,
  };
  for (const r of t.rows) {
    const row = cloneRow(r);
    row.parent = table;
    table.rows.push(row);
  }
  return table;
}

function cloneBlock(b: BlockNode): BlockNode {
  return b.kind === "paragraph" ? cloneParagraph(b) : cloneTable(b);
}

function cloneSection(s: SectionNode): SectionNode {
  const section: SectionNode = { kind: "section", type: s.type, children: [], attrs: { ...s.attrs } };
  for (const child of s.children) adopt(section, cloneBlock(child));
  return section;
}

function cloneTree(t: DocTree): DocTree {
  return {
    body: cloneSection(t.body),
    header: t.header ? cloneSection(t.header) : null,
    footer: t.footer ? cloneSection(t.footer) : null,
  };
}

function blockText(b: BlockNode): string {
  return b.kind === "paragraph" ? b.text : b.rows.map(rowText).join("\n");
}
function rowText(r: RowNode): string {
  return r.cells.map(cellText).join("\n");
}
function cellText(c: CellNode): string {
  return c.children.map(blockText).join("\n");
}
function containerText(c: ContainerNode): string {
  return c.children.map(blockText).join("\n");
}

/** Every paragraph inside a node, in document order. */
function paragraphsIn(n: AnyNode): ParagraphNode[] {
  switch (n.kind) {
    case "paragraph":
      return [n];
    case "table":
      return n.rows.flatMap(paragraphsIn);
    case "row":
      return n.cells.flatMap(paragraphsIn);
    case "cell":
    case "section":
      return n.children.flatMap(paragraphsIn);
  }
}

function tablesIn(n: ContainerNode | TableNode | RowNode): TableNode[] {
  switch (n.kind) {
    case "table":
      return [n, ...n.rows.flatMap(tablesIn)];
    case "row":
      return n.cells.flatMap(tablesIn);
    default:
      return n.children.flatMap((c) => (c.kind === "table" ? tablesIn(c) : []));
  }
}

function ownKeysOf(n: AnyNode): readonly AttributeName[] {
  switch (n.kind) {
    case "section":
      return OWN_KEYS.section;
    case "table":
      return OWN_KEYS.table;
    case "row":
      return OWN_KEYS.row;
    case "cell":
      return OWN_KEYS.cell;
    default:
      return [];
  }
}

function uniform(values: readonly (AttributeValue | undefined)[]): AttributeValue {
  if (values.length === 0) return null;
  const first = values[0] ?? null;
  return values.every((v) => (v ?? null) === first) ? first : null;
}

function attributesOf(n: AnyNode): Attributes {
  const out: Attributes = {};
  for (const key of ownKeysOf(n)) out[key] = n.attrs[key] ?? null;
  const paragraphs = paragraphsIn(n);
  for (const key of PARAGRAPH_KEYS) out[key] = uniform(paragraphs.map((p) => p.attrs[key]));
  for (const key of TEXT_KEYS) {
    const styles = paragraphs.flatMap((p) => (p.chars.length > 0 ? p.chars : [p.base]));
    out[key] = uniform(styles.map((s) => s[key]));
  }
  return out;
}

function setOn(target: Attributes, key: AttributeName, value: AttributeValue | undefined): void {
  if (value === null || value === undefined) delete target[key];
  else target[key] = value;
}

function applyAttributes(n: AnyNode, attributes: Attributes): void {
  const own = ownKeysOf(n);
  const paragraphs = paragraphsIn(n);
  for (const [k, value] of Object.entries(attributes)) {
    const key = k as AttributeName;
    if (own.includes(key)) setOn(n.attrs, key, value);
    else if (PARAGRAPH_KEYS.includes(key)) for (const p of paragraphs) setOn(p.attrs, key, value);
    else if (TEXT_KEYS.includes(key)) {
      for (const p of paragraphs) {
        setOn(p.base, key, value);
        for (const s of p.chars) setOn(s, key, value);
      }
    }
  }
}

// --- RE2 patterns and Java replacements ------------------------------------------------------

function compilePattern(pattern: string): RegExp {
  if (/\(\?[=!<]|\(\?[a-zA-Z]|\\[1-9]/.test(pattern)) throw new Error(DOC_MESSAGES.invalidPattern(pattern));
  try {
    return new RegExp(pattern, "g");
  } catch {
    throw new Error(DOC_MESSAGES.invalidPattern(pattern));
  }
}

/** The replacement as java.util.regex.Matcher.appendReplacement reads it. */
function javaReplacement(replacement: string, match: RegExpExecArray): string {
  let out = "";
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i] ?? "";
    if (ch === "\\") {
      i++;
      if (i >= replacement.length) throw new Error(DOC_MESSAGES.escapeMissing);
      out += replacement[i];
    } else if (ch === "$") {
      const digit = replacement[i + 1] ?? "";
      if (!/[0-9]/.test(digit)) throw new Error(DOC_MESSAGES.illegalGroupReference);
      i++;
      const n = Number(digit);
      if (n > match.length - 1) throw new Error(DOC_MESSAGES.noGroup(n));
      out += match[n] ?? "";
    } else {
      out += ch;
    }
  }
  return out;
}

function replaceInParagraph(p: ParagraphNode, re: RegExp, replacement: string): void {
  re.lastIndex = 0;
  let text = "";
  const chars: Style[] = [];
  let last = 0;
  let changed = false;
  for (let m = re.exec(p.text); m !== null; m = re.exec(p.text)) {
    if (m[0] === "") {
      re.lastIndex++;
      continue;
    }
    const style = p.chars[m.index] ?? p.base;
    const put = javaReplacement(replacement, m);
    text += p.text.slice(last, m.index) + put;
    chars.push(...p.chars.slice(last, m.index), ...Array.from(put, () => ({ ...style })));
    last = m.index + m[0].length;
    changed = true;
  }
  if (!changed) return;
  p.text = text + p.text.slice(last);
  p.chars = [...chars, ...p.chars.slice(last)];
}

// ---------------------------------------------------------------------------------------------
// Drive state, shared by both fakes.

export interface FileRecord {
  id: string;
  name: string;
  mimeType: string;
  /** The parent folder's ID, or ROOT. */
  parent: string;
  trashed: boolean;
  deleted: boolean;
  /** Created or copied by the add-on: visible to DriveApp under the scope drive.file. */
  appAccess: boolean;
  /** Google Docs: the saved content. */
  saved: DocTree | null;
  /** Other files: their data. */
  data: string;
}

export interface FolderRecord {
  id: string;
  name: string;
  parent: string;
  trashed: boolean;
  deleted: boolean;
  appAccess: boolean;
}

interface Session {
  file: FileRecord;
  live: DocTree;
  closed: boolean;
}

export const ROOT = "root";

/** A simple description of a document to seed, as a user would type it. */
export interface SeedSpec {
  /** A string is a paragraph; an array of rows of cell texts is a table. */
  body: (string | string[][])[];
  header?: string[];
  footer?: string[];
}

export class DriveState {
  readonly files = new Map<string, FileRecord>();
  readonly folders = new Map<string, FolderRecord>();
  readonly sessions = new Map<string, Session>();
  /** Test handle: the next call of a method throws this message (a service failure). */
  readonly failures = new Map<string, string>();
  private next = 1;

  /** Throws the failure planned for this method, once. */
  check(method: string): void {
    const message = this.failures.get(method);
    if (message === undefined) return;
    this.failures.delete(method);
    throw new Error(message);
  }

  newId(kind: string): string {
    const n = String(this.next++).padStart(6, "0");
    return `1${kind}${"x".repeat(44 - 1 - kind.length - n.length)}${n}`;
  }

  addFile(record: Omit<FileRecord, "id" | "trashed" | "deleted">): FileRecord {
    const file: FileRecord = {
      ...record,
      id: this.newId(record.mimeType === DOC_MIME ? "Doc" : "File"),
      trashed: false,
      deleted: false,
    };
    this.files.set(file.id, file);
    return file;
  }

  folderName(id: string): string {
    return id === ROOT ? "" : (this.folders.get(id)?.name ?? "");
  }

  /** The document's content as Drive sees it (the saved version). */
  textOf(file: FileRecord): string {
    if (!file.saved) return file.data;
    const t = file.saved;
    return [t.header, t.body, t.footer]
      .filter((s): s is SectionNode => s !== null)
      .map(containerText)
      .join("\n");
  }
}

// ---------------------------------------------------------------------------------------------
// DocumentApp.

/** What every element handle shares: the counter, the enums, and its document's session. */
interface Ctx {
  calls: CallCounter;
  drive: DriveState;
  session: Session;
}

function use(ctx: Ctx, method: string): void {
  ctx.calls.count(method);
  if (ctx.session.closed) throw new Error(DOC_MESSAGES.closed);
  ctx.drive.check(method);
}

function typeName(n: AnyNode | "text"): ElementTypeName {
  if (n === "text") return "TEXT";
  switch (n.kind) {
    case "paragraph":
      return "PARAGRAPH";
    case "table":
      return "TABLE";
    case "row":
      return "TABLE_ROW";
    case "cell":
      return "TABLE_CELL";
    case "section":
      return n.type;
  }
}

function detach(n: BlockNode): void {
  const parent = n.parent;
  if (!parent) return;
  const i = parent.children.indexOf(n);
  if (i >= 0) parent.children.splice(i, 1);
  n.parent = null;
}

function checkChildIndex(index: number, count: number, insert: boolean): void {
  if (!Number.isInteger(index) || index < 0 || index > count || (!insert && index === count)) {
    throw new Error(DOC_MESSAGES.childIndex(index, count));
  }
}

function removeParagraph(p: ParagraphNode): void {
  const parent = p.parent;
  if (parent) {
    const paragraphs = parent.children.filter((c) => c.kind === "paragraph");
    if (
      parent.children[parent.children.length - 1] === p ||
      (paragraphs.length === 1 && paragraphs[0] === p)
    ) {
      throw new Error(DOC_MESSAGES.lastParagraph);
    }
  }
  detach(p);
}

/** An element as getChild / getParent / RangeElement.getElement give it. */
export class FakeElement implements ElementLike {
  constructor(
    private readonly ctx: Ctx,
    readonly node: AnyNode | { kind: "text"; paragraph: ParagraphNode },
  ) {}

  private get typeName(): ElementTypeName {
    return this.node.kind === "text" ? "TEXT" : typeName(this.node);
  }

  getType(): ElementTypeValue {
    use(this.ctx, "Element.getType");
    return ELEMENT_TYPE[this.typeName];
  }

  asParagraph(): FakeParagraph {
    use(this.ctx, "Element.asParagraph");
    if (this.node.kind !== "paragraph") throw new Error(DOC_MESSAGES.conversion(this.typeName, "PARAGRAPH"));
    return new FakeParagraph(this.ctx, this.node);
  }

  asListItem(): ListItemLike {
    use(this.ctx, "Element.asListItem");
    throw new Error(DOC_MESSAGES.conversion(this.typeName, "LIST_ITEM"));
  }

  asTable(): FakeTable {
    use(this.ctx, "Element.asTable");
    if (this.node.kind !== "table") throw new Error(DOC_MESSAGES.conversion(this.typeName, "TABLE"));
    return new FakeTable(this.ctx, this.node);
  }

  asText(): FakeText {
    use(this.ctx, "Element.asText");
    if (this.node.kind === "text") return new FakeText(this.ctx, this.node.paragraph);
    if (this.node.kind === "paragraph") return new FakeText(this.ctx, this.node);
    throw new Error(DOC_MESSAGES.conversion(this.typeName, "TEXT"));
  }

  getAttributes(): Attributes {
    use(this.ctx, "Element.getAttributes");
    return attributesOf(this.node.kind === "text" ? this.node.paragraph : this.node);
  }

  removeFromParent(): FakeElement {
    use(this.ctx, "Element.removeFromParent");
    const n = this.node;
    if (n.kind === "paragraph") removeParagraph(n);
    else if (n.kind === "table") detach(n);
    else throw new Error(DOC_MESSAGES.conversion(this.typeName, "a removable element"));
    return this;
  }
}

export class FakeText implements TextLike {
  constructor(
    private readonly ctx: Ctx,
    readonly node: ParagraphNode,
  ) {}

  getText(): string {
    use(this.ctx, "Text.getText");
    return this.node.text;
  }

  deleteText(startOffset: number, endOffsetInclusive: number): FakeText {
    use(this.ctx, "Text.deleteText");
    const p = this.node;
    if (startOffset < 0 || endOffsetInclusive < startOffset || endOffsetInclusive >= p.text.length) {
      throw new Error(DOC_MESSAGES.offset(endOffsetInclusive));
    }
    p.text = p.text.slice(0, startOffset) + p.text.slice(endOffsetInclusive + 1);
    p.chars.splice(startOffset, endOffsetInclusive - startOffset + 1);
    return this;
  }

  insertText(offset: number, text: string): FakeText {
    use(this.ctx, "Text.insertText");
    const p = this.node;
    if (offset < 0 || offset > p.text.length) throw new Error(DOC_MESSAGES.offset(offset));
    const style = p.chars[offset - 1] ?? p.chars[offset] ?? p.base;
    p.text = p.text.slice(0, offset) + text + p.text.slice(offset);
    p.chars.splice(offset, 0, ...Array.from(text, () => ({ ...style })));
    return this;
  }

  setAttributes(startOffset: number, endOffsetInclusive: number, attributes: Attributes): FakeText {
    use(this.ctx, "Text.setAttributes");
    const p = this.node;
    if (startOffset < 0 || endOffsetInclusive < startOffset || endOffsetInclusive >= p.text.length) {
      throw new Error(DOC_MESSAGES.offset(endOffsetInclusive));
    }
    for (const [k, value] of Object.entries(attributes)) {
      const key = k as AttributeName;
      if (!TEXT_KEYS.includes(key)) continue;
      for (let i = startOffset; i <= endOffsetInclusive; i++) {
        const s = p.chars[i];
        if (s) setOn(s, key, value);
      }
    }
    return this;
  }
}

export class FakeParagraph implements ParagraphLike {
  constructor(
    private readonly ctx: Ctx,
    readonly node: ParagraphNode,
  ) {}

  getText(): string {
    use(this.ctx, "Paragraph.getText");
    return this.node.text;
  }

  getType(): ElementTypeValue {
    use(this.ctx, "Paragraph.getType");
    return ELEMENT_TYPE.PARAGRAPH;
  }

  setText(text: string): void {
    use(this.ctx, "Paragraph.setText");
    const p = this.node;
    const style = p.chars[0] ?? p.base;
    p.text = text;
    p.chars = Array.from(text, () => ({ ...style }));
    // The text replaces every child of the paragraph, a page break too.
    delete p.pageBreakBefore;
  }

  insertPageBreak(childIndex: number): PageBreakLike {
    use(this.ctx, "Paragraph.insertPageBreak");
    if (childIndex !== 0)
      throw new Error("Fake DocumentApp: only a page break before the text (child index 0) is modelled");
    const parent = this.node.parent;
    if (parent !== null && (parent.kind === "cell" || parent.type !== "BODY_SECTION"))
      throw new Error(DOC_MESSAGES.pageBreak);
    this.node.pageBreakBefore = true;
    return { getType: () => ELEMENT_TYPE.PAGE_BREAK };
  }

  getAttributes(): Attributes {
    use(this.ctx, "Paragraph.getAttributes");
    return attributesOf(this.node);
  }

  setAttributes(attributes: Attributes): FakeParagraph {
    use(this.ctx, "Paragraph.setAttributes");
    applyAttributes(this.node, attributes);
    return this;
  }

  editAsText(): FakeText {
    use(this.ctx, "Paragraph.editAsText");
    return new FakeText(this.ctx, this.node);
  }

  copy(): FakeParagraph {
    use(this.ctx, "Paragraph.copy");
    return new FakeParagraph(this.ctx, cloneParagraph(this.node));
  }

  removeFromParent(): FakeParagraph {
    use(this.ctx, "Paragraph.removeFromParent");
    removeParagraph(this.node);
    return this;
  }
}

export class FakeTableCell implements TableCellLike {
  constructor(
    private readonly ctx: Ctx,
    readonly node: CellNode,
  ) {}

  getText(): string {
    use(this.ctx, "TableCell.getText");
    return cellText(this.node);
  }

  getNumChildren(): number {
    use(this.ctx, "TableCell.getNumChildren");
    return this.node.children.length;
  }

  getChild(childIndex: number): FakeElement {
    use(this.ctx, "TableCell.getChild");
    checkChildIndex(childIndex, this.node.children.length, false);
    return new FakeElement(this.ctx, this.node.children[childIndex] as BlockNode);
  }

  appendParagraph(text: string): FakeParagraph {
    use(this.ctx, "TableCell.appendParagraph");
    const p = newParagraph(text);
    adopt(this.node, p);
    return new FakeParagraph(this.ctx, p);
  }

  getAttributes(): Attributes {
    use(this.ctx, "TableCell.getAttributes");
    return attributesOf(this.node);
  }
}

export class FakeTableRow implements TableRowLike {
  constructor(
    private readonly ctx: Ctx,
    readonly node: RowNode,
  ) {}

  getText(): string {
    use(this.ctx, "TableRow.getText");
    return rowText(this.node);
  }

  getNumCells(): number {
    use(this.ctx, "TableRow.getNumCells");
    return this.node.cells.length;
  }

  getCell(cellIndex: number): FakeTableCell {
    use(this.ctx, "TableRow.getCell");
    const cell = this.node.cells[cellIndex];
    if (!cell) throw new Error(DOC_MESSAGES.index("cell", cellIndex));
    return new FakeTableCell(this.ctx, cell);
  }

  copy(): FakeTableRow {
    use(this.ctx, "TableRow.copy");
    return new FakeTableRow(this.ctx, cloneRow(this.node));
  }

  getAttributes(): Attributes {
    use(this.ctx, "TableRow.getAttributes");
    return attributesOf(this.node);
  }

  setAttributes(attributes: Attributes): FakeTableRow {
    use(this.ctx, "TableRow.setAttributes");
    applyAttributes(this.node, attributes);
    return this;
  }
}

export class FakeTable implements TableLike {
  constructor(
    private readonly ctx: Ctx,
    readonly node: TableNode,
  ) {}

  private columns(): number {
    return Math.max(0, ...this.node.rows.map((r) => r.cells.length));
  }

  getNumRows(): number {
    use(this.ctx, "Table.getNumRows");
    return this.node.rows.length;
  }

  getText(): string {
    use(this.ctx, "Table.getText");
    return blockText(this.node);
  }

  getColumnWidth(columnIndex: number): number {
    use(this.ctx, "Table.getColumnWidth");
    if (columnIndex < 0 || columnIndex >= this.columns())
      throw new Error(DOC_MESSAGES.index("column", columnIndex));
    return this.node.widths[columnIndex] ?? 0;
  }

  getRow(rowIndex: number): FakeTableRow {
    use(this.ctx, "Table.getRow");
    const row = this.node.rows[rowIndex];
    if (!row) throw new Error(DOC_MESSAGES.index("row", rowIndex));
    return new FakeTableRow(this.ctx, row);
  }

  getCell(rowIndex: number, cellIndex: number): FakeTableCell {
    use(this.ctx, "Table.getCell");
    const cell = this.node.rows[rowIndex]?.cells[cellIndex];
    if (!cell) throw new Error(DOC_MESSAGES.index("cell", cellIndex));
    return new FakeTableCell(this.ctx, cell);
  }

  getAttributes(): Attributes {
    use(this.ctx, "Table.getAttributes");
    return attributesOf(this.node);
  }

  setAttributes(attributes: Attributes): FakeTable {
    use(this.ctx, "Table.setAttributes");
    applyAttributes(this.node, attributes);
    return this;
  }

  setBorderWidth(width: number): FakeTable {
    use(this.ctx, "Table.setBorderWidth");
    this.node.attrs.BORDER_WIDTH = width;
    return this;
  }

  setColumnWidth(columnIndex: number, width: number): FakeTable {
    use(this.ctx, "Table.setColumnWidth");
    if (columnIndex < 0 || columnIndex >= this.columns())
      throw new Error(DOC_MESSAGES.index("column", columnIndex));
    this.node.widths[columnIndex] = width;
    return this;
  }

  insertTableRow(childIndex: number, tableRow?: TableRowLike | null): FakeTableRow {
    use(this.ctx, "Table.insertTableRow");
    checkChildIndex(childIndex, this.node.rows.length, true);
    let row: RowNode;
    if (tableRow) {
      if (!(tableRow instanceof FakeTableRow) || tableRow.node.parent !== null)
        throw new Error(DOC_MESSAGES.mustBeDetached);
      row = tableRow.node;
    } else {
      row = { kind: "row", cells: [], attrs: {}, parent: null };
    }
    row.parent = this.node;
    this.node.rows.splice(childIndex, 0, row);
    return new FakeTableRow(this.ctx, row);
  }

  removeRow(rowIndex: number): FakeTableRow {
    use(this.ctx, "Table.removeRow");
    const row = this.node.rows[rowIndex];
    if (!row) throw new Error(DOC_MESSAGES.index("row", rowIndex));
    if (this.node.rows.length === 1) throw new Error(DOC_MESSAGES.onlyRow);
    this.node.rows.splice(rowIndex, 1);
    row.parent = null;
    return new FakeTableRow(this.ctx, row);
  }

  removeFromParent(): FakeTable {
    use(this.ctx, "Table.removeFromParent");
    detach(this.node);
    return this;
  }

  getParent(): FakeElement {
    use(this.ctx, "Table.getParent");
    if (!this.node.parent) throw new Error("Fake DocumentApp: a detached element has no parent.");
    return new FakeElement(this.ctx, this.node.parent);
  }

  copy(): FakeTable {
    use(this.ctx, "Table.copy");
    return new FakeTable(this.ctx, cloneTable(this.node));
  }
}

export class FakeRangeElement implements RangeElementLike {
  constructor(
    private readonly ctx: Ctx,
    readonly paragraph: ParagraphNode,
    readonly start: number,
    readonly end: number,
  ) {}

  getElement(): FakeElement {
    use(this.ctx, "RangeElement.getElement");
    return new FakeElement(this.ctx, { kind: "text", paragraph: this.paragraph });
  }

  getStartOffset(): number {
    use(this.ctx, "RangeElement.getStartOffset");
    return this.start;
  }

  getEndOffsetInclusive(): number {
    use(this.ctx, "RangeElement.getEndOffsetInclusive");
    return this.end;
  }
}

/** The body, a header or a footer. */
export class FakeSection implements BodyLike {
  private readonly name: string;

  constructor(
    private readonly ctx: Ctx,
    readonly node: SectionNode,
  ) {
    this.name =
      node.type === "BODY_SECTION"
        ? "Body"
        : node.type === "HEADER_SECTION"
          ? "HeaderSection"
          : "FooterSection";
  }

  private use(method: string): void {
    use(this.ctx, `${this.name}.${method}`);
  }

  private insertBlock(index: number, block: BlockNode): void {
    checkChildIndex(index, this.node.children.length, true);
    adopt(this.node, block, index);
  }

  getText(): string {
    this.use("getText");
    return containerText(this.node);
  }

  getNumChildren(): number {
    this.use("getNumChildren");
    return this.node.children.length;
  }

  getChild(childIndex: number): FakeElement {
    this.use("getChild");
    checkChildIndex(childIndex, this.node.children.length, false);
    return new FakeElement(this.ctx, this.node.children[childIndex] as BlockNode);
  }

  getChildIndex(child: ElementLike | TableLike | ParagraphLike): number {
    this.use("getChildIndex");
    const node =
      child instanceof FakeTable || child instanceof FakeParagraph
        ? child.node
        : child instanceof FakeElement && child.node.kind !== "text"
          ? child.node
          : null;
    const index = node ? this.node.children.indexOf(node as BlockNode) : -1;
    if (index < 0) throw new Error(DOC_MESSAGES.notAChild);
    return index;
  }

  appendParagraph(textOrParagraph: string | ParagraphLike): FakeParagraph {
    this.use("appendParagraph");
    let p: ParagraphNode;
    if (typeof textOrParagraph === "string") p = newParagraph(textOrParagraph);
    else {
      if (!(textOrParagraph instanceof FakeParagraph) || textOrParagraph.node.parent !== null) {
        throw new Error(DOC_MESSAGES.mustBeDetached);
      }
      p = textOrParagraph.node;
    }
    adopt(this.node, p);
    return new FakeParagraph(this.ctx, p);
  }

  appendListItem(_listItem: ListItemLike): ListItemLike {
    this.use("appendListItem");
    throw new Error("Fake DocumentApp: list items are not modelled.");
  }

  private tableOf(cellsOrTable: string[][] | TableLike | null | undefined): TableNode {
    if (Array.isArray(cellsOrTable)) return tableFromCells(cellsOrTable);
    if (cellsOrTable instanceof FakeTable) {
      if (cellsOrTable.node.parent !== null) throw new Error(DOC_MESSAGES.mustBeDetached);
      return cellsOrTable.node;
    }
    return tableFromCells([[""]]);
  }

  appendTable(cellsOrTable?: string[][] | TableLike | null): FakeTable {
    this.use("appendTable");
    const table = this.tableOf(cellsOrTable);
    adopt(this.node, table);
    adopt(this.node, newParagraph(""));
    return new FakeTable(this.ctx, table);
  }

  insertTable(childIndex: number, cellsOrTable?: string[][] | TableLike | null): FakeTable {
    this.use("insertTable");
    checkChildIndex(childIndex, this.node.children.length, true);
    const table = this.tableOf(cellsOrTable);
    this.insertBlock(childIndex, table);
    return new FakeTable(this.ctx, table);
  }

  getTables(): FakeTable[] {
    this.use("getTables");
    return tablesIn(this.node).map((t) => new FakeTable(this.ctx, t));
  }

  setAttributes(attributes: Attributes): FakeSection {
    this.use("setAttributes");
    applyAttributes(this.node, attributes);
    return this;
  }

  getAttributes(): Attributes {
    this.use("getAttributes");
    return attributesOf(this.node);
  }

  replaceText(searchPattern: string, replacement: string): FakeElement {
    this.use("replaceText");
    const re = compilePattern(searchPattern);
    for (const p of paragraphsIn(this.node)) replaceInParagraph(p, re, replacement);
    return new FakeElement(this.ctx, this.node);
  }

  findText(searchPattern: string, from?: RangeElementLike | null): FakeRangeElement | null {
    this.use("findText");
    const re = compilePattern(searchPattern);
    const paragraphs = paragraphsIn(this.node);
    let startAt = 0;
    let offset = 0;
    if (from instanceof FakeRangeElement) {
      startAt = Math.max(0, paragraphs.indexOf(from.paragraph));
      offset = from.end + 1;
    }
    for (let i = startAt; i < paragraphs.length; i++) {
      const p = paragraphs[i] as ParagraphNode;
      re.lastIndex = i === startAt ? offset : 0;
      for (let m = re.exec(p.text); m !== null; m = re.exec(p.text)) {
        if (m[0] !== "") return new FakeRangeElement(this.ctx, p, m.index, m.index + m[0].length - 1);
        re.lastIndex++;
      }
    }
    return null;
  }

  private attr(key: AttributeName): number {
    return Number(this.node.attrs[key] ?? 0);
  }

  private setAttr(key: AttributeName, value: number): FakeSection {
    this.node.attrs[key] = value;
    return this;
  }

  getMarginTop(): number {
    this.use("getMarginTop");
    return this.attr("MARGIN_TOP");
  }
  getMarginBottom(): number {
    this.use("getMarginBottom");
    return this.attr("MARGIN_BOTTOM");
  }
  getMarginLeft(): number {
    this.use("getMarginLeft");
    return this.attr("MARGIN_LEFT");
  }
  getMarginRight(): number {
    this.use("getMarginRight");
    return this.attr("MARGIN_RIGHT");
  }
  getPageWidth(): number {
    this.use("getPageWidth");
    return this.attr("PAGE_WIDTH");
  }
  getPageHeight(): number {
    this.use("getPageHeight");
    return this.attr("PAGE_HEIGHT");
  }
  setMarginTop(marginTop: number): FakeSection {
    this.use("setMarginTop");
    return this.setAttr("MARGIN_TOP", marginTop);
  }
  setMarginBottom(marginBottom: number): FakeSection {
    this.use("setMarginBottom");
    return this.setAttr("MARGIN_BOTTOM", marginBottom);
  }
  setMarginLeft(marginLeft: number): FakeSection {
    this.use("setMarginLeft");
    return this.setAttr("MARGIN_LEFT", marginLeft);
  }
  setMarginRight(marginRight: number): FakeSection {
    this.use("setMarginRight");
    return this.setAttr("MARGIN_RIGHT", marginRight);
  }
  setPageWidth(pageWidth: number): FakeSection {
    this.use("setPageWidth");
    return this.setAttr("PAGE_WIDTH", pageWidth);
  }
  setPageHeight(pageHeight: number): FakeSection {
    this.use("setPageHeight");
    return this.setAttr("PAGE_HEIGHT", pageHeight);
  }
}

export class FakeDocument implements DocumentLike {
  private readonly ctx: Ctx;

  constructor(calls: CallCounter, drive: DriveState, session: Session) {
    this.ctx = { calls, drive, session };
  }

  getId(): string {
    use(this.ctx, "Document.getId");
    return this.ctx.session.file.id;
  }

  getName(): string {
    use(this.ctx, "Document.getName");
    return this.ctx.session.file.name;
  }

  saveAndClose(): void {
    use(this.ctx, "Document.saveAndClose");
    const { session } = this.ctx;
    session.file.saved = cloneTree(session.live);
    session.closed = true;
  }

  getBody(): FakeSection {
    use(this.ctx, "Document.getBody");
    return new FakeSection(this.ctx, this.ctx.session.live.body);
  }

  getHeader(): FakeSection | null {
    use(this.ctx, "Document.getHeader");
    const header = this.ctx.session.live.header;
    return header ? new FakeSection(this.ctx, header) : null;
  }

  getFooter(): FakeSection | null {
    use(this.ctx, "Document.getFooter");
    const footer = this.ctx.session.live.footer;
    return footer ? new FakeSection(this.ctx, footer) : null;
  }

  addHeader(): FakeSection {
    use(this.ctx, "Document.addHeader");
    const live = this.ctx.session.live;
    live.header ??= newSection("HEADER_SECTION");
    return new FakeSection(this.ctx, live.header);
  }

  addFooter(): FakeSection {
    use(this.ctx, "Document.addFooter");
    const live = this.ctx.session.live;
    live.footer ??= newSection("FOOTER_SECTION");
    return new FakeSection(this.ctx, live.footer);
  }
}

// --- test descriptions -----------------------------------------------------------------------

export interface DescribedRun {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

export interface DescribedParagraph {
  type: "p";
  text: string;
  /** Only when the paragraph starts with a page break. */
  pageBreakBefore?: true;
  /** Paragraph attributes and the text attributes common to the whole paragraph. */
  attrs: Attributes;
  runs: DescribedRun[];
}

export interface DescribedTable {
  type: "table";
  attrs: Attributes;
  widths: number[];
  rows: { attrs: Attributes; cells: { attrs: Attributes; blocks: DescribedBlock[] }[] }[];
}

export type DescribedBlock = DescribedParagraph | DescribedTable;

export interface DescribedDocument {
  name: string;
  folder: string;
  page: Attributes;
  header: DescribedBlock[] | null;
  body: DescribedBlock[];
  footer: DescribedBlock[] | null;
}

function compact(attrs: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== null && v !== undefined));
}

function describeParagraph(p: ParagraphNode): DescribedParagraph {
  const runs: DescribedRun[] = [];
  p.chars.forEach((s, i) => {
    const look = { bold: s.BOLD === true, italic: s.ITALIC === true, underline: s.UNDERLINE === true };
    const last = runs[runs.length - 1];
    if (last && last.bold === look.bold && last.italic === look.italic && last.underline === look.underline) {
      last.text += p.text[i];
    } else runs.push({ text: p.text[i] ?? "", ...look });
  });
  return {
    type: "p",
    text: p.text,
    ...(p.pageBreakBefore ? { pageBreakBefore: true as const } : {}),
    attrs: compact(attributesOf(p)),
    runs,
  };
}

function describeBlock(b: BlockNode): DescribedBlock {
  if (b.kind === "paragraph") return describeParagraph(b);
  return {
    type: "table",
    attrs: compact(attributesOf(b)),
    widths: [...b.widths],
    rows: b.rows.map((r) => ({
      attrs: compact(attributesOf(r)),
      cells: r.cells.map((c) => ({ attrs: compact(attributesOf(c)), blocks: c.children.map(describeBlock) })),
    })),
  };
}

function seedSection(type: SectionNode["type"], blocks: readonly (string | string[][])[]): SectionNode {
  const section: SectionNode = { kind: "section", type, children: [], attrs: {} };
  for (const block of blocks) {
    if (typeof block === "string") adopt(section, newParagraph(block));
    else {
      adopt(section, tableFromCells(block));
      adopt(section, newParagraph(""));
    }
  }
  if (section.children.length === 0 || section.children[section.children.length - 1]?.kind !== "paragraph") {
    adopt(section, newParagraph(""));
  }
  return section;
}

export class FakeDocumentApp implements DocumentAppLike {
  readonly ElementType = ELEMENT_TYPE;
  readonly HorizontalAlignment = HORIZONTAL_ALIGNMENT;

  constructor(
    readonly calls: CallCounter,
    readonly drive: DriveState,
  ) {}

  create(name: string): FakeDocument {
    this.calls.count("DocumentApp.create");
    this.drive.check("DocumentApp.create");
    const file = this.drive.addFile({
      name,
      mimeType: DOC_MIME,
      parent: ROOT,
      appAccess: true,
      saved: newDocTree(),
      data: "",
    });
    return new FakeDocument(this.calls, this.drive, this.session(file));
  }

  openById(id: string): FakeDocument {
    this.calls.count("DocumentApp.openById");
    const file = this.drive.files.get(id);
    if (!file || file.deleted || file.mimeType !== DOC_MIME) throw new Error(DOC_MESSAGES.missing(id));
    this.drive.check("DocumentApp.openById");
    return new FakeDocument(this.calls, this.drive, this.session(file));
  }

  private session(file: FileRecord): Session {
    const open = this.drive.sessions.get(file.id);
    if (open && !open.closed) return open;
    const session: Session = { file, live: cloneTree(file.saved ?? newDocTree()), closed: false };
    this.drive.sessions.set(file.id, session);
    return session;
  }

  // --- test handles (not counted) ------------------------------------------------------------

  /** Saves every document still open, as Apps Script does when the execution ends. */
  endExecution(): void {
    for (const session of this.drive.sessions.values()) {
      if (session.closed) continue;
      session.file.saved = cloneTree(session.live);
      session.closed = true;
    }
  }

  /** The saved document (header, body, footer) as plain values. */
  describe(id: string): DescribedDocument {
    const file = this.drive.files.get(id);
    if (!file?.saved) throw new Error(`Fake DocumentApp: no document ${id}`);
    const t = file.saved;
    return {
      name: file.name,
      folder: this.drive.folderName(file.parent),
      page: compact(Object.fromEntries(OWN_KEYS.section.map((k) => [k, t.body.attrs[k] ?? null]))),
      header: t.header ? t.header.children.map(describeBlock) : null,
      body: t.body.children.map(describeBlock),
      footer: t.footer ? t.footer.children.map(describeBlock) : null,
    };
  }

  /** The saved document's text: header, body and footer, paragraphs joined with "\n". */
  peekText(id: string): string {
    const file = this.drive.files.get(id);
    if (!file) throw new Error(`Fake DocumentApp: no document ${id}`);
    return this.drive.textOf(file);
  }
}

// ---------------------------------------------------------------------------------------------
// DriveApp.

export class FakeBlob implements BlobLike {
  constructor(
    private readonly calls: CallCounter,
    private name: string | null,
    private readonly contentType: string | null,
    readonly data: string,
  ) {}

  getName(): string | null {
    this.calls.count("Blob.getName");
    return this.name;
  }

  getContentType(): string | null {
    this.calls.count("Blob.getContentType");
    return this.contentType;
  }

  getDataAsString(): string {
    this.calls.count("Blob.getDataAsString");
    return this.data;
  }

  setName(name: string): FakeBlob {
    this.calls.count("Blob.setName");
    this.name = name;
    return this;
  }

  getBlob(): FakeBlob {
    this.calls.count("Blob.getBlob");
    return this;
  }

  getAs(contentType: string): FakeBlob {
    this.calls.count("Blob.getAs");
    if (contentType !== this.contentType) throw new Error(DOC_MESSAGES.conversionUnsupported(contentType));
    return this;
  }

  /** Test handle: the blob's name without counting a call. */
  peekName(): string | null {
    return this.name;
  }
}

function visible(record: { deleted: boolean; appAccess: boolean }): boolean {
  return !record.deleted && record.appAccess;
}

export class FakeFile implements FileLike {
  constructor(
    private readonly app: FakeDriveApp,
    readonly record: FileRecord,
  ) {}

  private use(method: string): void {
    this.app.calls.count(`File.${method}`);
    if (!visible(this.record)) throw new Error(DOC_MESSAGES.notFound);
    this.app.state.check(`File.${method}`);
  }

  getId(): string {
    this.use("getId");
    return this.record.id;
  }

  getName(): string {
    this.use("getName");
    return this.record.name;
  }

  getUrl(): string {
    this.use("getUrl");
    return this.record.mimeType === DOC_MIME
      ? `https://docs.google.com/document/d/${this.record.id}/edit?usp=drivesdk`
      : `https://drive.google.com/file/d/${this.record.id}/view?usp=drivesdk`;
  }

  getMimeType(): string {
    this.use("getMimeType");
    return this.record.mimeType;
  }

  isTrashed(): boolean {
    this.use("isTrashed");
    return this.record.trashed;
  }

  setName(name: string): FakeFile {
    this.use("setName");
    this.record.name = name;
    return this;
  }

  setTrashed(trashed: boolean): FakeFile {
    this.use("setTrashed");
    this.record.trashed = trashed;
    return this;
  }

  makeCopy(name: string, destination: FolderLike): FakeFile {
    this.use("makeCopy");
    const folder = this.app.folderRecord(destination);
    const copy = this.app.state.addFile({
      name,
      mimeType: this.record.mimeType,
      parent: folder.id,
      appAccess: true,
      saved: this.record.saved ? cloneTree(this.record.saved) : null,
      data: this.record.data,
    });
    return new FakeFile(this.app, copy);
  }

  moveTo(destination: FolderLike): FakeFile {
    this.use("moveTo");
    this.record.parent = this.app.folderRecord(destination).id;
    return this;
  }

  getAs(contentType: string): FakeBlob {
    this.use("getAs");
    if (this.record.mimeType !== DOC_MIME) throw new Error(DOC_MESSAGES.notADocument(this.record.id));
    if (contentType !== PDF_MIME) throw new Error(DOC_MESSAGES.conversionUnsupported(contentType));
    return new FakeBlob(
      this.app.calls,
      `${this.record.name}.pdf`,
      PDF_MIME,
      this.app.state.textOf(this.record),
    );
  }
}

class FakeFileIterator implements FileIteratorLike {
  private i = 0;
  constructor(
    private readonly app: FakeDriveApp,
    private readonly files: FileRecord[],
  ) {}
  hasNext(): boolean {
    this.app.calls.count("FileIterator.hasNext");
    return this.i < this.files.length;
  }
  next(): FakeFile {
    this.app.calls.count("FileIterator.next");
    const file = this.files[this.i++];
    if (!file) throw new Error("Fake DriveApp: no more files (call hasNext() first).");
    return new FakeFile(this.app, file);
  }
}

class FakeFolderIterator implements FolderIteratorLike {
  private i = 0;
  constructor(
    private readonly app: FakeDriveApp,
    private readonly folders: FolderRecord[],
  ) {}
  hasNext(): boolean {
    this.app.calls.count("FolderIterator.hasNext");
    return this.i < this.folders.length;
  }
  next(): FakeFolder {
    this.app.calls.count("FolderIterator.next");
    const folder = this.folders[this.i++];
    if (!folder) throw new Error("Fake DriveApp: no more folders (call hasNext() first).");
    return new FakeFolder(this.app, folder);
  }
}

export class FakeFolder implements FolderLike {
  constructor(
    private readonly app: FakeDriveApp,
    readonly record: FolderRecord,
  ) {}

  private use(method: string): void {
    this.app.calls.count(`Folder.${method}`);
    if (!visible(this.record)) throw new Error(DOC_MESSAGES.notFound);
    this.app.state.check(`Folder.${method}`);
  }

  getId(): string {
    this.use("getId");
    return this.record.id;
  }

  getName(): string {
    this.use("getName");
    return this.record.name;
  }

  getUrl(): string {
    this.use("getUrl");
    return `https://drive.google.com/drive/folders/${this.record.id}`;
  }

  isTrashed(): boolean {
    this.use("isTrashed");
    return this.record.trashed;
  }

  getFilesByName(name: string): FakeFileIterator {
    this.use("getFilesByName");
    const files = [...this.app.state.files.values()].filter(
      (f) => visible(f) && f.parent === this.record.id && f.name === name,
    );
    return new FakeFileIterator(this.app, files);
  }

  createFile(blob: BlobSourceLike): FakeFile {
    this.use("createFile");
    const source = blob.getBlob();
    if (!(source instanceof FakeBlob))
      throw new Error("Fake DriveApp: createFile needs a blob of this fake.");
    const file = this.app.state.addFile({
      name: source.peekName() ?? "Untitled",
      mimeType: source.getContentType() ?? "application/octet-stream",
      parent: this.record.id,
      appAccess: true,
      saved: null,
      data: source.data,
    });
    return new FakeFile(this.app, file);
  }
}

export interface PeekedFile {
  id: string;
  name: string;
  mimeType: string;
  /** The parent folder's name ("" for the root of My Drive). */
  folder: string;
  trashed: boolean;
}

export class FakeDriveApp implements DriveAppLike {
  constructor(
    readonly calls: CallCounter,
    readonly state: DriveState,
  ) {}

  folderRecord(folder: FolderLike): FolderRecord {
    if (!(folder instanceof FakeFolder)) throw new Error("Fake DriveApp: not a folder of this fake.");
    return folder.record;
  }

  getFileById(id: string): FakeFile {
    this.calls.count("DriveApp.getFileById");
    const file = this.state.files.get(id);
    if (!file || !visible(file)) throw new Error(DOC_MESSAGES.notFound);
    return new FakeFile(this, file);
  }

  getFolderById(id: string): FakeFolder {
    this.calls.count("DriveApp.getFolderById");
    const folder = this.state.folders.get(id);
    if (!folder || !visible(folder)) throw new Error(DOC_MESSAGES.notFound);
    return new FakeFolder(this, folder);
  }

  getFoldersByName(name: string): FakeFolderIterator {
    this.calls.count("DriveApp.getFoldersByName");
    const folders = [...this.state.folders.values()].filter((f) => visible(f) && f.name === name);
    return new FakeFolderIterator(this, folders);
  }

  createFolder(name: string): FakeFolder {
    this.calls.count("DriveApp.createFolder");
    const folder: FolderRecord = {
      id: this.state.newId("Folder"),
      name,
      parent: ROOT,
      trashed: false,
      deleted: false,
      appAccess: true,
    };
    this.state.folders.set(folder.id, folder);
    return new FakeFolder(this, folder);
  }

  // --- test handles (not counted) ------------------------------------------------------------

  /** The next call of `method` ("Body.insertTable", "File.makeCopy", …) throws `message`. */
  failNext(method: string, message: string): void {
    this.state.failures.set(method, message);
  }

  /** Every file not deleted for good, with its folder's name. */
  peekFiles(): PeekedFile[] {
    return [...this.state.files.values()]
      .filter((f) => !f.deleted)
      .map((f) => ({
        id: f.id,
        name: f.name,
        mimeType: f.mimeType,
        folder: this.state.folderName(f.parent),
        trashed: f.trashed,
      }));
  }

  /** Folders not deleted for good. */
  peekFolders(): { id: string; name: string; trashed: boolean }[] {
    return [...this.state.folders.values()]
      .filter((f) => !f.deleted)
      .map((f) => ({ id: f.id, name: f.name, trashed: f.trashed }));
  }

  /** The data of a non-Docs file (a PDF holds the document's text). */
  peekData(id: string): string {
    const file = this.state.files.get(id);
    if (!file) throw new Error(`Fake DriveApp: no file ${id}`);
    return file.data;
  }

  /**
   * A Google Doc made by the user (appAccess false: DriveApp cannot see it under drive.file, while
   * DocumentApp opens it) or by the add-on (appAccess true), in the root of My Drive.
   */
  seedDocument(name: string, spec: SeedSpec, options: { appAccess?: boolean } = {}): string {
    const tree = newDocTree();
    const attrs = tree.body.attrs;
    tree.body = seedSection("BODY_SECTION", spec.body);
    tree.body.attrs = attrs;
    if (spec.header) tree.header = seedSection("HEADER_SECTION", spec.header);
    if (spec.footer) tree.footer = seedSection("FOOTER_SECTION", spec.footer);
    const file = this.state.addFile({
      name,
      mimeType: DOC_MIME,
      parent: ROOT,
      appAccess: options.appAccess ?? false,
      saved: tree,
      data: "",
    });
    return file.id;
  }

  /** The user moves a file or folder to the trash (it still opens with DocumentApp). */
  trash(id: string): void {
    const record = this.state.files.get(id) ?? this.state.folders.get(id);
    if (!record) throw new Error(`Fake DriveApp: no file or folder ${id}`);
    record.trashed = true;
  }

  /** The user empties the trash: the file or folder is gone for good. */
  deleteForever(id: string): void {
    const record = this.state.files.get(id) ?? this.state.folders.get(id);
    if (!record) throw new Error(`Fake DriveApp: no file or folder ${id}`);
    record.deleted = true;
  }
}

/** DocumentApp and DriveApp over one Drive. */
export function createDocumentsFakes(calls: CallCounter): {
  DocumentApp: FakeDocumentApp;
  DriveApp: FakeDriveApp;
  drive: DriveState;
} {
  const drive = new DriveState();
  return { DocumentApp: new FakeDocumentApp(calls, drive), DriveApp: new FakeDriveApp(calls, drive), drive };
}
