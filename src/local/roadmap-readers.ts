// Readers of a school's own roadmap file for the local edition: the tables of a Word .docx
// (jszip + @xmldom/xmldom), or one table from a .csv/.tsv/.txt file (papaparse), as a
// SourceDocument for the roadmap import. Errors are Russian and name the file.

import { readFile } from "node:fs/promises";
import { basename, extname, posix } from "node:path";
import { DOMParser, type Element as XmlElement } from "@xmldom/xmldom";
import JSZip from "jszip";
import Papa from "papaparse";
import type { SourceDocument, SourceRow, SourceTable } from "../domain/roadmap/source";

/** The extensions readRoadmapFile understands. */
const FILL_TABLE = "Сохраните в нём таблицу: первая строка — заголовки столбцов, ниже — данные.";

export const ROADMAP_FILE_EXTENSIONS = [".docx", ".csv", ".tsv", ".txt"] as const;

const SUPPORTED = "Поддерживаются документы Word (.docx) и таблицы CSV, TSV или TXT с разделителями.";
const SAVE_AS_DOCX =
  "Сохраните документ в Word как .docx: «Файл» → «Сохранить как» → «Документ Word (*.docx)».";
const SAVE_AS_CSV =
  "Сохраните таблицу как CSV: в Excel — «Файл» → «Сохранить как» → «CSV UTF-8 (разделитель — запятая)», " +
  "в Google Таблицах — «Файл» → «Скачать» → «CSV».";

/** WordprocessingML namespaces: transitional (what Word writes) and strict. */
const W_NAMESPACES = new Set([
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
  "http://purl.oclc.org/ooxml/wordprocessingml/main",
]);

/** Spaces a reader turns into an ordinary space: no-break, narrow no-break, figure space. */
const NO_BREAK_SPACES = /[\u00A0\u202F\u2007]/g;

// --- Files ------------------------------------------------------------------------------------

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new Error(`Файл «${path}» не найден.`);
    if (code === "EISDIR") throw new Error(`«${path}» — это папка, а не файл с дорожной картой.`);
    if (code === "EACCES" || code === "EPERM") {
      throw new Error(`Нет доступа к файлу «${path}»: проверьте права на чтение.`);
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Не удалось прочитать файл «${path}»: ${detail}`);
  }
}

// --- .docx ------------------------------------------------------------------------------------

/** Whether `el` is a WordprocessingML element (with that local name, when given). */
function isW(el: XmlElement | null | undefined, localName?: string): boolean {
  if (el?.nodeType !== 1) return false;
  return W_NAMESPACES.has(el.namespaceURI ?? "") && (localName === undefined || el.localName === localName);
}

function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as XmlElement);
  return out;
}

function wChild(el: XmlElement, localName: string): XmlElement | undefined {
  return childElements(el).find((c) => isW(c, localName));
}

function wVal(el: XmlElement | undefined): string | null {
  if (!el) return null;
  for (const ns of W_NAMESPACES) {
    const v = el.getAttributeNS(ns, "val");
    if (v !== null && v !== "") return v;
  }
  return el.getAttribute("w:val");
}

/** Containers that only wrap content (content controls, custom XML, revisions). */
const WRAPPERS = new Set([
  "sdt",
  "sdtContent",
  "customXml",
  "smartTag",
  "ins",
  "moveTo",
  "hyperlink",
  "fldSimple",
]);

/**
 * The children of `el` with the given name, looking through wrapper elements
 * (a row inside a content control is still a row of the table).
 */
function wItems(el: XmlElement, localName: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of childElements(el)) {
    if (isW(c, localName)) out.push(c);
    else if (isW(c) && WRAPPERS.has(c.localName ?? "")) out.push(...wItems(c, localName));
  }
  return out;
}

/** The text of a run container (paragraph, hyperlink, run…): w:t, w:tab → " ", w:br/w:cr → "\n". */
function inlineText(el: XmlElement): string {
  let text = "";
  for (const c of childElements(el)) {
    if (!isW(c)) continue; // mc:AlternateContent, drawings' DrawingML, math: not text of the cell
    switch (c.localName) {
      case "t":
        text += c.textContent ?? "";
        break;
      case "tab":
      case "ptab":
        text += " ";
        break;
      case "br":
      case "cr":
        text += "\n";
        break;
      case "noBreakHyphen":
        text += "-";
        break;
      case "r":
      case "hyperlink":
      case "smartTag":
      case "customXml":
      case "ins":
      case "moveTo":
      case "fldSimple":
      case "sdt":
      case "sdtContent":
        text += inlineText(c);
        break;
      default:
        // w:del, w:instrText, w:rPr, w:drawing, w:pict…: no visible text of their own here
        break;
    }
  }
  return text;
}

/** The paragraphs of a cell (or of a nested table in it), in order, as lines. */
function blockLines(el: XmlElement): string[] {
  const lines: string[] = [];
  for (const c of childElements(el)) {
    if (!isW(c)) continue;
    if (c.localName === "p") lines.push(inlineText(c));
    else if (c.localName === "tbl") {
      // A table nested in a cell: its cells' paragraphs, row by row, become lines of the cell.
      for (const tr of wItems(c, "tr")) for (const tc of wItems(tr, "tc")) lines.push(...blockLines(tc));
    } else if (WRAPPERS.has(c.localName ?? "")) lines.push(...blockLines(c));
  }
  return lines;
}

function cellText(tc: XmlElement): string {
  const lines = blockLines(tc);
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n").replace(NO_BREAK_SPACES, " ");
}

function span(tc: XmlElement): number {
  const tcPr = wChild(tc, "tcPr");
  const n = Number.parseInt(wVal(tcPr ? wChild(tcPr, "gridSpan") : undefined) ?? "1", 10);
  return Number.isFinite(n) && n > 1 ? n : 1;
}

/** A vertically merged cell that continues the one above (w:vMerge without val="restart"). */
function continuesMerge(tc: XmlElement): boolean {
  const tcPr = wChild(tc, "tcPr");
  const vMerge = tcPr ? wChild(tcPr, "vMerge") : undefined;
  return vMerge !== undefined && wVal(vMerge) !== "restart";
}

function readTable(tbl: XmlElement): SourceTable {
  const grid = wChild(tbl, "tblGrid");
  const gridCols = grid ? childElements(grid).filter((c) => isW(c, "gridCol")).length : 0;
  const trs = wItems(tbl, "tr");
  const spans = trs.map((tr) => wItems(tr, "tc").reduce((sum, tc) => sum + span(tc), 0));
  const width = Math.max(gridCols, ...spans, 0);
  return {
    rows: trs.map((tr): SourceRow => {
      const tcs = wItems(tr, "tc");
      const cells = tcs.map((tc) => (continuesMerge(tc) ? "" : cellText(tc)));
      const first = tcs[0];
      const spanning = tcs.length === 1 && first !== undefined && width > 1 && span(first) >= width;
      return { cells, spanning };
    }),
  };
}

/** Top-level tables of the body, in document order (not those inside cells or text boxes). */
function bodyTables(el: XmlElement, out: XmlElement[] = []): XmlElement[] {
  for (const c of childElements(el)) {
    if (isW(c, "tbl")) out.push(c);
    else if (isW(c, "p")) continue;
    else bodyTables(c, out);
  }
  return out;
}

/** The main document part: the officeDocument relationship of the package, else word/document.xml. */
async function mainPartName(zip: JSZip): Promise<string> {
  const rels = await zip.file("_rels/.rels")?.async("string");
  const target = rels
    ?.match(/<Relationship\b[^>]*>/g)
    ?.find((r) => /Type="[^"]*\/officeDocument"/.test(r))
    ?.match(/Target="([^"]+)"/)?.[1];
  if (target) {
    const name = posix.normalize(target.replace(/^\//, ""));
    if (zip.file(name)) return name;
  }
  return "word/document.xml";
}

function isOleCompound(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1;
}

/** The tables of a Word .docx document. */
export async function readDocxTables(path: string): Promise<SourceDocument> {
  const name = basename(path);
  const bytes = await readBytes(path);
  if (isOleCompound(bytes)) {
    throw new Error(
      `Файл «${name}» — документ Word в старом формате (.doc), хотя назван .docx. ${SAVE_AS_DOCX}`,
    );
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new Error(
      `Файл «${name}» не является документом Word .docx: он повреждён или сохранён в другом формате. ${SAVE_AS_DOCX}`,
    );
  }
  const partName = await mainPartName(zip);
  const part = zip.file(partName);
  if (!part) {
    throw new Error(
      `Файл «${name}» — архив, но не документ Word: в нём нет основной части (word/document.xml). ${SAVE_AS_DOCX}`,
    );
  }
  let root: XmlElement | null;
  try {
    const xml = await part.async("string");
    const doc = new DOMParser({
      locator: false,
      onError: (level, message) => {
        if (level !== "warning") throw new Error(message);
      },
    }).parseFromString(xml, "text/xml");
    root = doc.documentElement;
  } catch {
    throw new Error(`Не удалось разобрать документ «${name}»: файл повреждён. ${SAVE_AS_DOCX}`);
  }
  const body = root && isW(root, "document") ? wChild(root, "body") : undefined;
  if (!body) {
    throw new Error(`Файл «${name}» не похож на документ Word: в нём нет текста документа. ${SAVE_AS_DOCX}`);
  }
  const tables = bodyTables(body).map(readTable);
  if (tables.length === 0) {
    throw new Error(
      `В документе «${name}» нет таблиц. Дорожная карта должна быть таблицей Word ` +
        "(мероприятие, сроки, ответственные); если она набрана текстом, вставьте таблицу " +
        "(«Вставка» → «Таблица» или «Преобразовать текст в таблицу»).",
    );
  }
  return { name, tables };
}

// --- .csv / .tsv / .txt ----------------------------------------------------------------------

/** Text of a delimited file: UTF-8 (BOM stripped), UTF-16 with a BOM, else Windows-1251. */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return new TextDecoder("windows-1251").decode(body);
  }
}

/** How many times each candidate delimiter occurs, outside quotes, in each of the first records. */
function delimiterCounts(text: string, candidates: string[], maxRecords = 20): number[][] {
  const counts: number[][] = [];
  let current = candidates.map(() => 0);
  let inQuotes = false;
  let atFieldStart = true;
  let blank = true;
  for (let i = 0; i < text.length && counts.length < maxRecords; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === "\n") {
      if (!blank) counts.push(current);
      current = candidates.map(() => 0);
      atFieldStart = true;
      blank = true;
      continue;
    }
    blank = false;
    const k = candidates.indexOf(ch);
    if (k >= 0) {
      current[k] = (current[k] ?? 0) + 1;
      atFieldStart = true;
      continue;
    }
    if (ch === '"' && atFieldStart) inQuotes = true;
    atFieldStart = false;
  }
  if (!blank && counts.length < maxRecords) counts.push(current);
  return counts;
}

/**
 * The delimiter of a CSV file: comma, or semicolon (Russian Excel), or tab. The one that splits
 * the first records into the same number of fields wins; ties go to the one with more fields.
 */
function detectDelimiter(text: string): string {
  const candidates = [",", ";", "\t"];
  const counts = delimiterCounts(text, candidates);
  let best = ",";
  let bestScore: [number, number] = [-1, -1];
  candidates.forEach((d, k) => {
    const first = counts[0]?.[k] ?? 0;
    if (first === 0) return;
    const consistent = counts.filter((c) => c[k] === first).length;
    if (consistent > bestScore[0] || (consistent === bestScore[0] && first > bestScore[1])) {
      best = d;
      bestScore = [consistent, first];
    }
  });
  return best;
}

/** One table from a .csv (comma or semicolon), .tsv or .txt (tab-separated) file. */
export async function readDelimitedTable(path: string): Promise<SourceDocument> {
  const name = basename(path);
  const bytes = await readBytes(path);
  let text = decodeText(bytes)
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n");
  const ext = extname(path).toLowerCase();
  let delimiter = ext === ".csv" ? "" : "\t";
  const sep = /^sep=(.)\n/.exec(text); // Excel's hint line: «sep=;»
  if (sep) {
    delimiter = sep[1] as string;
    text = text.slice(sep[0].length);
  }
  if (delimiter === "") delimiter = detectDelimiter(text);
  if (text.trim() === "")
    throw new Error(`Файл «${name}» пуст: в нём нет ни одной строки таблицы. ${FILL_TABLE}`);

  const parse = (quoteChar: string) =>
    Papa.parse<string[]>(text, { delimiter, newline: "\n", quoteChar, skipEmptyLines: false });
  let parsed = parse('"');
  const quoteTrouble = parsed.errors.some((e) => e.code === "MissingQuotes" || e.code === "InvalidQuotes");
  if (delimiter === "\t" && quoteTrouble) {
    // Tab-separated text is often written without quoting (a cell such as «"Ромашка" клуб»):
    // read its quotes as text.
    parsed = parse("\u0000");
  }
  const unclosed = parsed.errors.find((e) => e.code === "MissingQuotes");
  if (unclosed) {
    const line = text.slice(0, unclosed.index ?? 0).split("\n").length;
    throw new Error(
      `В файле «${name}» не закрыта кавычка (строка ${line}): ячейка, начатая с «"», должна ею и закончиться. ` +
        "Проверьте файл или сохраните таблицу заново.",
    );
  }
  const rows = parsed.data
    .filter((cells) => cells.some((cell) => cell !== ""))
    .map((cells): SourceRow => ({ cells: cells.map(String) }));
  if (rows.length === 0)
    throw new Error(`Файл «${name}» пуст: в нём нет ни одной строки таблицы. ${FILL_TABLE}`);
  return { name, tables: [{ rows }] };
}

// --- Any supported file -----------------------------------------------------------------------

function unsupportedHint(ext: string): string {
  switch (ext) {
    case ".doc":
    case ".rtf":
    case ".odt":
    case ".docm":
    case ".dotx":
    case ".dot":
    case ".wps":
      return SAVE_AS_DOCX;
    case ".pdf":
      return `Из PDF таблицу не прочитать: откройте исходный документ (или PDF) в Word. ${SAVE_AS_DOCX}`;
    case ".xlsx":
    case ".xls":
    case ".xlsm":
    case ".ods":
      return SAVE_AS_CSV;
    default:
      return `${SAVE_AS_DOCX} Таблицу Excel или Google Таблиц сохраните как CSV.`;
  }
}

/** Reads a roadmap file by its extension: .docx, .csv, .tsv, .txt (tab-separated). */
export async function readRoadmapFile(path: string): Promise<SourceDocument> {
  const ext = extname(path).toLowerCase();
  switch (ext) {
    case ".docx":
      return readDocxTables(path);
    case ".csv":
    case ".tsv":
    case ".txt":
      return readDelimitedTable(path);
    default: {
      const what = ext ? `Формат «${ext}» файла «${basename(path)}»` : `Формат файла «${basename(path)}»`;
      throw new Error(`${what} не поддерживается. ${SUPPORTED} ${unsupportedHint(ext)}`);
    }
  }
}
