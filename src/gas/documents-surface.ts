// The narrow part of DocumentApp and DriveApp the documents adapter (src/gas/documents.ts) uses,
// declared like src/gas/surface.ts: every interface is a structural subset of the real
// `GoogleAppsScript.*` type (checked at the bottom of this file), methods returning primitives are
// picked from the real types, methods returning Apps Script objects are re-declared to return the
// narrow type. The fakes in test/fakes/gas-documents.ts implement exactly these.
//
// Attributes (getAttributes / setAttributes) are plain objects keyed by the names of
// `DocumentApp.Attribute` ("BOLD", "FONT_SIZE", …): an Apps Script enum value turns into its name
// when used as a key, which is what the reference's own examples rely on.

type GDocumentApp = GoogleAppsScript.Document.DocumentApp;
type GDocument = GoogleAppsScript.Document.Document;
type GBody = GoogleAppsScript.Document.Body;
type GHeader = GoogleAppsScript.Document.HeaderSection;
type GFooter = GoogleAppsScript.Document.FooterSection;
type GElement = GoogleAppsScript.Document.Element;
type GContainer = GoogleAppsScript.Document.ContainerElement;
type GParagraph = GoogleAppsScript.Document.Paragraph;
type GPageBreak = GoogleAppsScript.Document.PageBreak;
type GListItem = GoogleAppsScript.Document.ListItem;
type GText = GoogleAppsScript.Document.Text;
type GTable = GoogleAppsScript.Document.Table;
type GTableRow = GoogleAppsScript.Document.TableRow;
type GTableCell = GoogleAppsScript.Document.TableCell;
type GRangeElement = GoogleAppsScript.Document.RangeElement;
type GDriveApp = GoogleAppsScript.Drive.DriveApp;
type GFile = GoogleAppsScript.Drive.File;
type GFolder = GoogleAppsScript.Drive.Folder;
type GFileIterator = GoogleAppsScript.Drive.FileIterator;
type GFolderIterator = GoogleAppsScript.Drive.FolderIterator;
type GBlob = GoogleAppsScript.Base.Blob;

/** `DocumentApp.ElementType.*` values (opaque enum objects in Apps Script). */
export type ElementTypeValue = GoogleAppsScript.Document.ElementType;
/** `DocumentApp.HorizontalAlignment.*` values. */
export type HorizontalAlignmentValue = GoogleAppsScript.Document.HorizontalAlignment;

/** The element types the adapter tells apart. */
export type UsedElementType =
  | "BODY_SECTION"
  | "HEADER_SECTION"
  | "FOOTER_SECTION"
  | "PARAGRAPH"
  | "LIST_ITEM"
  | "TABLE"
  | "TABLE_ROW"
  | "TABLE_CELL"
  | "TEXT";

/** Names of `DocumentApp.Attribute` the adapter reads or sets. */
export type AttributeName =
  // text
  | "BOLD"
  | "ITALIC"
  | "UNDERLINE"
  | "STRIKETHROUGH"
  | "FONT_FAMILY"
  | "FONT_SIZE"
  | "FOREGROUND_COLOR"
  | "BACKGROUND_COLOR"
  | "LINK_URL"
  // paragraph
  | "HORIZONTAL_ALIGNMENT"
  | "INDENT_FIRST_LINE"
  | "INDENT_START"
  | "INDENT_END"
  | "SPACING_BEFORE"
  | "SPACING_AFTER"
  | "LINE_SPACING"
  // table, row, cell
  | "BORDER_WIDTH"
  | "BORDER_COLOR"
  | "MINIMUM_HEIGHT"
  | "PADDING_TOP"
  | "PADDING_BOTTOM"
  | "PADDING_LEFT"
  | "PADDING_RIGHT"
  | "VERTICAL_ALIGNMENT"
  // body
  | "MARGIN_TOP"
  | "MARGIN_BOTTOM"
  | "MARGIN_LEFT"
  | "MARGIN_RIGHT"
  | "PAGE_WIDTH"
  | "PAGE_HEIGHT";

export type AttributeValue = string | number | boolean | HorizontalAlignmentValue | null;
/** What setAttributes takes and getAttributes gives (null: not set, or mixed within the element). */
export type Attributes = { [K in AttributeName]?: AttributeValue };

// ---------------------------------------------------------------------------------------------
// DocumentApp.

/** Any element, as getChild / getParent / RangeElement.getElement return it. */
export interface ElementLike extends Pick<GElement, "getType"> {
  asParagraph(): ParagraphLike;
  asListItem(): ListItemLike;
  asTable(): TableLike;
  asText(): TextLike;
  getAttributes(): Attributes;
  removeFromParent(): ElementLike;
}

/** What getParent() returns: only its type is looked at. */
export type ContainerLike = Pick<GContainer, "getType">;

/** The editable text of a paragraph (or of a whole container). */
export interface TextLike extends Pick<GText, "getText"> {
  deleteText(startOffset: number, endOffsetInclusive: number): TextLike;
  insertText(offset: number, text: string): TextLike;
  setAttributes(startOffset: number, endOffsetInclusive: number, attributes: Attributes): TextLike;
}

/** A page break: only made, never read back. */
export type PageBreakLike = Pick<GPageBreak, "getType">;

export interface ParagraphLike extends Pick<GParagraph, "getText" | "getType" | "setText"> {
  /**
   * A page break among the paragraph's children (index 0: before its text). Not allowed in a
   * paragraph inside a table, a header or a footer (the reference of PageBreak).
   */
  insertPageBreak(childIndex: number): PageBreakLike;
  getAttributes(): Attributes;
  setAttributes(attributes: Attributes): ParagraphLike;
  editAsText(): TextLike;
  copy(): ParagraphLike;
  removeFromParent(): ParagraphLike;
}

export interface ListItemLike extends Pick<GListItem, "getText" | "getType"> {
  copy(): ListItemLike;
}

export interface TableCellLike extends Pick<GTableCell, "getText" | "getNumChildren"> {
  getChild(childIndex: number): ElementLike;
  appendParagraph(text: string): ParagraphLike;
  getAttributes(): Attributes;
}

export interface TableRowLike extends Pick<GTableRow, "getText" | "getNumCells"> {
  getCell(cellIndex: number): TableCellLike;
  copy(): TableRowLike;
  getAttributes(): Attributes;
  setAttributes(attributes: Attributes): TableRowLike;
}

export interface TableLike extends Pick<GTable, "getNumRows" | "getText" | "getColumnWidth"> {
  getRow(rowIndex: number): TableRowLike;
  getCell(rowIndex: number, cellIndex: number): TableCellLike;
  getAttributes(): Attributes;
  setAttributes(attributes: Attributes): TableLike;
  setBorderWidth(width: number): TableLike;
  setColumnWidth(columnIndex: number, width: number): TableLike;
  /** The row must be detached (a copy()); an attached one throws "Element must be detached." */
  insertTableRow(childIndex: number, tableRow?: TableRowLike | null): TableRowLike;
  removeRow(rowIndex: number): TableRowLike;
  removeFromParent(): TableLike;
  getParent(): ContainerLike;
  copy(): TableLike;
}

/** One match of findText: a range of one Text element. */
export interface RangeElementLike extends Pick<GRangeElement, "getStartOffset" | "getEndOffsetInclusive"> {
  getElement(): ElementLike;
}

/** What the body, a header and a footer have in common. */
export interface SectionLike extends Pick<GBody, "getText" | "getNumChildren"> {
  getChild(childIndex: number): ElementLike;
  getChildIndex(child: ElementLike | TableLike | ParagraphLike): number;
  appendParagraph(text: string): ParagraphLike;
  appendParagraph(paragraph: ParagraphLike): ParagraphLike;
  appendListItem(listItem: ListItemLike): ListItemLike;
  appendTable(cellsOrTable?: string[][] | TableLike | null): TableLike;
  insertTable(childIndex: number, cellsOrTable?: string[][] | TableLike | null): TableLike;
  getTables(): TableLike[];
  setAttributes(attributes: Attributes): SectionLike;
  getAttributes(): Attributes;
  /**
   * RE2 pattern, matched against each text block (paragraph) on its own. The reference calls the
   * replacement "the text to use as replacement"; the adapter never passes `$` or `\` in it.
   */
  replaceText(searchPattern: string, replacement: string): ElementLike;
  /** null when there is no (further) match. */
  findText(searchPattern: string, from?: RangeElementLike | null): RangeElementLike | null;
}

export interface BodyLike
  extends SectionLike,
    Pick<
      GBody,
      | "getMarginTop"
      | "getMarginBottom"
      | "getMarginLeft"
      | "getMarginRight"
      | "getPageWidth"
      | "getPageHeight"
    > {
  setMarginTop(marginTop: number): BodyLike;
  setMarginBottom(marginBottom: number): BodyLike;
  setMarginLeft(marginLeft: number): BodyLike;
  setMarginRight(marginRight: number): BodyLike;
  setPageWidth(pageWidth: number): BodyLike;
  setPageHeight(pageHeight: number): BodyLike;
}

export type HeaderLike = SectionLike;
export type FooterLike = SectionLike;

export interface DocumentLike extends Pick<GDocument, "getId" | "getName" | "saveAndClose"> {
  getBody(): BodyLike;
  /** null when the document has no header (the typings say otherwise; the service returns null). */
  getHeader(): HeaderLike | null;
  getFooter(): FooterLike | null;
  addHeader(): HeaderLike;
  addFooter(): FooterLike;
}

type UsedAlignment = "LEFT" | "CENTER" | "RIGHT" | "JUSTIFY";

export interface DocumentAppLike {
  readonly ElementType: { readonly [K in UsedElementType]: ElementTypeValue };
  readonly HorizontalAlignment: { readonly [K in UsedAlignment]: HorizontalAlignmentValue };
  /** A new Google Doc in the root of My Drive, its body holding one empty paragraph. */
  create(name: string): DocumentLike;
  /** Throws when the document was deleted for good or the user has no access to it. */
  openById(id: string): DocumentLike;
}

// ---------------------------------------------------------------------------------------------
// DriveApp (scope drive.file: only files and folders the add-on created are visible to it).

/** What createFile takes: anything that gives a blob (a Blob is one). */
export interface BlobSourceLike {
  getBlob(): BlobLike;
}

export interface BlobLike
  extends BlobSourceLike,
    Pick<GBlob, "getName" | "getContentType" | "getDataAsString"> {
  setName(name: string): BlobLike;
  getAs(contentType: string): BlobLike;
}

export interface FileLike extends Pick<GFile, "getId" | "getName" | "getUrl" | "getMimeType" | "isTrashed"> {
  setName(name: string): FileLike;
  setTrashed(trashed: boolean): FileLike;
  makeCopy(name: string, destination: FolderLike): FileLike;
  moveTo(destination: FolderLike): FileLike;
  getAs(contentType: string): BlobLike;
}

export interface FileIteratorLike extends Pick<GFileIterator, "hasNext"> {
  next(): FileLike;
}

export interface FolderIteratorLike extends Pick<GFolderIterator, "hasNext"> {
  next(): FolderLike;
}

export interface FolderLike extends Pick<GFolder, "getId" | "getName" | "getUrl" | "isTrashed"> {
  getFilesByName(name: string): FileIteratorLike;
  createFile(blob: BlobSourceLike): FileLike;
}

export interface DriveAppLike {
  /** Throws "No item with the given ID could be found, or you do not have permission to access it." */
  getFileById(id: string): FileLike;
  getFolderById(id: string): FolderLike;
  getFoldersByName(name: string): FolderIteratorLike;
  createFolder(name: string): FolderLike;
}

// Compile-time proof that the real services fit the narrow surface.
type Fits<Narrow, Real extends Narrow> = [Narrow, Real];
export type DocumentsSurfaceMatchesAppsScript = [
  Fits<ElementLike, GElement>,
  Fits<ContainerLike, GContainer>,
  Fits<TextLike, GText>,
  Fits<ParagraphLike, GParagraph>,
  Fits<PageBreakLike, GPageBreak>,
  Fits<ListItemLike, GListItem>,
  Fits<TableCellLike, GTableCell>,
  Fits<TableRowLike, GTableRow>,
  Fits<TableLike, GTable>,
  Fits<RangeElementLike, GRangeElement>,
  Fits<SectionLike, GHeader>,
  Fits<SectionLike, GFooter>,
  Fits<BodyLike, GBody>,
  Fits<DocumentLike, GDocument>,
  Fits<DocumentAppLike, GDocumentApp>,
  Fits<BlobSourceLike, GoogleAppsScript.Base.BlobSource>,
  Fits<BlobLike, GBlob>,
  Fits<FileLike, GFile>,
  Fits<FileIteratorLike, GFileIterator>,
  Fits<FolderIteratorLike, GFolderIterator>,
  Fits<FolderLike, GFolder>,
  Fits<DriveAppLike, GDriveApp>,
];
