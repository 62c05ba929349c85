// .docx documents of the local edition: rendering a template model (the shipped templates),
// reading a template's placeholders, filling a copy in place, and reading a document's text.
//
// The rules are those of src/domain/docs/model.ts. Word splits `{{Поле}}` into several runs
// (spell-check marks, formatting, autocorrect), so placeholders are always found in the joined
// text of a paragraph. Filling goes through docxtemplater, which keeps the formatting of the run
// a placeholder starts in; each repeating table row is turned into a docxtemplater loop over its
// collection first, so the row is copied once per item and vanishes with no items.

import {
  DOMParser,
  XMLSerializer,
  type Document as XmlDocument,
  type Element as XmlElement,
  type Node as XmlNode,
} from "@xmldom/xmldom";
import Docxtemplater from "docxtemplater";
import PizZip from "pizzip";
import { UserError } from "../app/errors";
import { placeholdersIn, scanTableRow } from "../domain/docs/fill";
import {
  type Block,
  type DocModel,
  type DocumentFill,
  type Paragraph,
  PLACEHOLDER,
  splitPlaceholder,
  type TemplateScan,
} from "../domain/docs/model";
import { matchKey } from "../domain/normalize";

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// ---------------------------------------------------------------------------------------------
// Rendering a model (only scripts/template.ts and tests need it: the `docx` library is loaded on
// demand, so the command line, which fills the shipped .docx files, runs without it).

/** A4 in twips (1/20 pt). */
const PAGE = { width: 11906, height: 16838 };
/** 1 mm in twips. */
const MM = 1440 / 25.4;
/** The first-line indent of official text: 1.25 cm. */
const INDENT = Math.round(12.5 * MM);

/** Splits `total` in proportion to `weights`, as integers summing exactly to `total`. */
export function scaleWidths(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (weights.length === 0) return [];
  if (sum <= 0)
    return scaleWidths(
      weights.map(() => 1),
      total,
    );
  const raw = weights.map((w) => (Math.max(0, w) / sum) * total);
  const out = raw.map((w) => Math.floor(w));
  let rest = total - out.reduce((s, w) => s + w, 0);
  const order = raw.map((w, i) => [w - Math.floor(w), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    rest -= 1;
  }
  return out;
}

/**
 * Whether a body paragraph is the caption of the grid table after it (only paragraphs between
 * them): kept on the table's page, so «Приложение…» never stays alone at the foot of a page.
 */
function captionOf(body: readonly Block[], index: number): boolean {
  if (body[index]?.type !== "p") return false;
  for (let i = index + 1; i < body.length && i <= index + 4; i++) {
    const next = body[i];
    if (next?.type === "table") return next.borders;
  }
  return false;
}

/** Renders a template model into a .docx in the official layout the model describes. */
export async function renderDocx(model: DocModel): Promise<Buffer> {
  const d = await import("docx");
  const margin = {
    top: Math.round(model.margins.top * MM),
    right: Math.round(model.margins.right * MM),
    bottom: Math.round(model.margins.bottom * MM),
    left: Math.round(model.margins.left * MM),
  };
  const textWidth = PAGE.width - margin.left - margin.right;
  const align = {
    left: d.AlignmentType.LEFT,
    center: d.AlignmentType.CENTER,
    right: d.AlignmentType.RIGHT,
    justify: d.AlignmentType.JUSTIFIED,
  } as const;

  const paragraph = (p: Paragraph, options: { bold?: boolean; keepNext?: boolean } = {}) =>
    new d.Paragraph({
      pageBreakBefore: p.pageBreakBefore || undefined,
      alignment: p.align ? align[p.align] : undefined,
      indent: p.indent ? { firstLine: INDENT } : undefined,
      spacing: p.spaceAfter ? { after: Math.round(p.spaceAfter * 20) } : undefined,
      keepNext: options.keepNext,
      children: p.runs.flatMap((r) =>
        r.text.split("\n").map(
          (text, i) =>
            new d.TextRun({
              text,
              break: i > 0 ? 1 : undefined,
              bold: r.bold || options.bold || undefined,
              italics: r.italic || undefined,
              underline: r.underline ? {} : undefined,
              size: p.size ? Math.round(p.size * 2) : undefined,
            }),
        ),
      ),
    });

  const none = { style: d.BorderStyle.NONE, size: 0, color: "auto" };
  const line = { style: d.BorderStyle.SINGLE, size: 4, color: "000000" };
  const block = (
    b: Block,
    keepNext = false,
  ): InstanceType<typeof d.Paragraph> | InstanceType<typeof d.Table> => {
    if (b.type === "p") return paragraph(b, { keepNext: keepNext || undefined });
    const columns = Math.max(b.widths.length, ...b.rows.map((r) => r.cells.length));
    const widths = scaleWidths(
      Array.from({ length: columns }, (_, i) => b.widths[i] ?? 1),
      textWidth,
    );
    const border = b.borders ? line : none;
    return new d.Table({
      width: { size: textWidth, type: d.WidthType.DXA },
      columnWidths: widths,
      layout: d.TableLayoutType.FIXED,
      // Narrow cell padding (1 mm), as in official tables: a «№» column stays one line.
      margins: { left: 57, right: 57, top: 0, bottom: 0, marginUnitType: d.WidthType.DXA },
      borders: {
        top: border,
        bottom: border,
        left: border,
        right: border,
        insideHorizontal: border,
        insideVertical: border,
      },
      rows: b.rows.map(
        (row) =>
          new d.TableRow({
            tableHeader: row.header || undefined,
            cantSplit: true,
            children: row.cells.map(
              (cell, i) =>
                new d.TableCell({
                  width: { size: widths[i] ?? 0, type: d.WidthType.DXA },
                  children:
                    cell.paragraphs.length > 0
                      ? cell.paragraphs.map((p) => paragraph(p, { bold: row.header }))
                      : [new d.Paragraph({})],
                }),
            ),
          }),
      ),
    });
  };

  const doc = new d.Document({
    creator: "Наставник",
    styles: {
      default: {
        document: {
          run: {
            font: model.font.family,
            size: Math.round(model.font.size * 2),
            language: { value: "ru-RU" },
          },
          paragraph: { spacing: { after: 0, line: 240 } },
        },
      },
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: { ...margin, header: 567, footer: 567 } } },
        headers:
          model.header.length > 0
            ? { default: new d.Header({ children: model.header.map((p) => paragraph(p)) }) }
            : undefined,
        footers:
          model.footer.length > 0
            ? { default: new d.Footer({ children: model.footer.map((p) => paragraph(p)) }) }
            : undefined,
        children: model.body.map((b, i) => block(b, captionOf(model.body, i))),
      },
    ],
  });
  return d.Packer.toBuffer(doc);
}

// ---------------------------------------------------------------------------------------------
// Reading the XML parts of a .docx.

interface DocxPart {
  path: string;
  where: "body" | "header" | "footer";
}

function openZip(bytes: Uint8Array, what: string): PizZip {
  try {
    return new PizZip(bytes);
  } catch {
    throw new UserError(`${what} — не документ Word (.docx): файл повреждён или это другой формат.`);
  }
}

/** The parts that may hold placeholders: the body, then headers and footers in name order. */
function docxParts(zip: PizZip, what: string): DocxPart[] {
  if (!zip.file("word/document.xml")) {
    throw new UserError(`${what} — не документ Word (.docx): в нём нет word/document.xml.`);
  }
  const byNumber = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });
  const names = Object.keys(zip.files);
  return [
    { path: "word/document.xml", where: "body" as const },
    ...names
      .filter((n) => /^word\/header\d*\.xml$/.test(n))
      .sort(byNumber)
      .map((path) => ({ path, where: "header" as const })),
    ...names
      .filter((n) => /^word\/footer\d*\.xml$/.test(n))
      .sort(byNumber)
      .map((path) => ({ path, where: "footer" as const })),
  ];
}

function parseXml(text: string, what: string): XmlDocument {
  let failure = "";
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") failure ||= String(message);
    },
  }).parseFromString(text, "text/xml");
  if (failure || !doc.documentElement)
    throw new UserError(`${what}: повреждена разметка документа (${failure}).`);
  return doc;
}

function children(node: XmlNode, local?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && (!local || (c as XmlElement).localName === local)) out.push(c as XmlElement);
  }
  return out;
}

function descendants(node: XmlElement | XmlDocument, local: string): XmlElement[] {
  return Array.from(node.getElementsByTagNameNS(W_NS, local)) as XmlElement[];
}

function closest(node: XmlElement, local: string): XmlElement | null {
  for (let p = node.parentNode; p && p.nodeType === 1; p = p.parentNode) {
    if ((p as XmlElement).localName === local && (p as XmlElement).namespaceURI === W_NS)
      return p as XmlElement;
  }
  return null;
}

/** The text of a paragraph as a reader sees it: all its runs joined, tabs and breaks kept. */
function paragraphText(p: XmlElement): string {
  let text = "";
  const walk = (node: XmlNode) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const el = c as XmlElement;
      if (el.namespaceURI === W_NS) {
        // Deleted text of tracked changes and nested paragraphs (text boxes) are not this text.
        if (el.localName === "delText" || el.localName === "p") continue;
        if (el.localName === "t") {
          text += el.textContent ?? "";
          continue;
        }
        if (el.localName === "tab") text += "\t";
        else if (el.localName === "br" || el.localName === "cr") text += "\n";
      }
      walk(el);
    }
  };
  walk(p);
  return text;
}

/** A table row's paragraphs (its own cells, not those of tables nested in them). */
function rowParagraphs(tr: XmlElement): XmlElement[] {
  return descendants(tr, "p").filter((p) => closest(p, "tr") === tr);
}

/** A table row's placeholders sorted by the shared rule (scanTableRow): its collection, if any. */
function scanRow(tr: XmlElement): ReturnType<typeof scanTableRow> {
  return scanTableRow(rowParagraphs(tr).flatMap((p) => placeholdersIn(paragraphText(p))));
}

/** Adds a part's placeholders in document order, as scanModel walks a model. */
function scanPart(doc: XmlDocument, where: DocxPart["where"], scan: TemplateScan, seen: Set<string>): void {
  const field = (name: string) => {
    const key = `${where}\u0000${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    scan.fields.push({ name, where });
  };
  const rowsDone = new Set<XmlElement>();
  for (const p of descendants(doc, "p")) {
    const tr = closest(p, "tr");
    if (!tr) {
      for (const name of placeholdersIn(paragraphText(p))) field(name);
      continue;
    }
    if (rowsDone.has(tr)) continue;
    rowsDone.add(tr);
    const { row, plain } = scanRow(tr);
    if (row) scan.rows.push(row);
    for (const name of plain) field(name);
  }
}

/**
 * The placeholders of a .docx template: document fields (headers, body, footers) and one entry
 * per repeating table row — the same scan as scanModel of the model it was rendered from.
 * Placeholders split across runs are found whole.
 */
export function scanDocx(bytes: Uint8Array, what = "Шаблон"): TemplateScan {
  const zip = openZip(bytes, what);
  const scan: TemplateScan = { fields: [], rows: [] };
  const seen = new Set<string>();
  const rank = { header: 0, body: 1, footer: 2 };
  for (const part of docxParts(zip, what).sort((a, b) => rank[a.where] - rank[b.where])) {
    const text = zip.file(part.path)?.asText();
    if (text === undefined) continue;
    scanPart(parseXml(text, what), part.where, scan, seen);
  }
  return scan;
}

// ---------------------------------------------------------------------------------------------
// Filling.

/** The loop tag put around a repeating row; the prefix keeps it apart from any field name. */
const LOOP = "§";

function textRun(doc: XmlDocument, text: string): XmlElement {
  const r = doc.createElementNS(W_NS, "w:r");
  const t = doc.createElementNS(W_NS, "w:t");
  t.setAttribute("xml:space", "preserve");
  t.appendChild(doc.createTextNode(text));
  r.appendChild(t);
  return r;
}

/**
 * Wraps every repeating row of a part in a loop over its collection; false when it has none.
 * The loop is told to expand to the row (`{{-w:tr …}}`): left to guess, docxtemplater would
 * repeat the text inside the paragraph when the row has a single cell with a single paragraph.
 */
function markRows(doc: XmlDocument): boolean {
  let changed = false;
  for (const tr of descendants(doc, "tr")) {
    const collection = scanRow(tr).row?.collection;
    if (!collection) continue;
    const paragraphs = rowParagraphs(tr);
    const first = paragraphs[0];
    const last = paragraphs[paragraphs.length - 1];
    if (!first || !last) continue;
    const pPr = children(first, "pPr")[0];
    first.insertBefore(
      textRun(doc, `{{-w:tr ${LOOP}${collection}}}`),
      pPr ? pPr.nextSibling : first.firstChild,
    );
    last.appendChild(textRun(doc, `{{/${LOOP}${collection}}}`));
    changed = true;
  }
  return changed;
}

interface Item {
  collection: string;
  values: Record<string, string>;
}

function isItem(scope: unknown): scope is Item {
  return typeof scope === "object" && scope !== null && "collection" in scope && "values" in scope;
}

/** Unbalanced braces in a paragraph's text, in Russian, quoting the text around them. */
function braceProblems(text: string): string[] {
  const rest = text.replace(PLACEHOLDER, (m) => " ".repeat(m.length));
  const problems: string[] = [];
  const open = rest.indexOf("{{");
  if (open >= 0) {
    const tail = text.slice(open, open + 40).split("\n")[0] ?? "";
    problems.push(`не закрыто поле «${tail}${text.length > open + 40 ? "…" : ""}» — нет «}}»`);
  }
  const close = rest.indexOf("}}");
  if (close >= 0) {
    const head = text.slice(Math.max(0, close - 40), close + 2);
    problems.push(`лишние «}}» в «${close > 40 ? "…" : ""}${head}» — нет «{{»`);
  }
  return problems;
}

/** What the fill lacks for this template, in Russian, naming each placeholder. */
export function fillGaps(scan: TemplateScan, fill: DocumentFill): string[] {
  const gaps: string[] = [];
  for (const f of scan.fields) {
    if (typeof fill.fields[f.name] !== "string" && !gaps.some((g) => g.includes(`{{${f.name}}}`))) {
      gaps.push(`нет значения для поля {{${f.name}}}`);
    }
  }
  for (const row of scan.rows) {
    const items = fill.collections[row.collection];
    if (!Array.isArray(items)) {
      gaps.push(`нет данных для строки таблицы с полями {{${row.collection}.…}}`);
      continue;
    }
    for (const other of row.others ?? []) {
      gaps.push(`в одной строке таблицы поля двух коллекций: {{${row.collection}.…}} и {{${other}.…}}`);
    }
    for (const name of row.fields) {
      const index = items.findIndex((item) => typeof item[name] !== "string");
      if (index >= 0) gaps.push(`нет значения для поля {{${row.collection}.${name}}} (строка ${index + 1})`);
    }
  }
  return gaps;
}

function templateError(what: string, error: unknown): UserError {
  const problems: string[] = [];
  const list = (error as { properties?: { errors?: unknown[] } })?.properties?.errors;
  for (const e of Array.isArray(list) ? list : [error]) {
    const props =
      (e as { properties?: { id?: string; xtag?: string; rootError?: unknown } }).properties ?? {};
    const tag = props.xtag ? `{{${String(props.xtag).replace(`#${LOOP}`, "").replace(`/${LOOP}`, "")}` : "";
    switch (props.id) {
      case "unclosed_tag":
        problems.push(`не закрыто поле ${tag}… — нет «}}»`);
        break;
      case "unopened_tag":
        problems.push(`лишние «}}» после «${props.xtag ?? ""}» — нет «{{»`);
        break;
      case "duplicate_open_tag":
      case "duplicate_close_tag":
        problems.push(`лишние фигурные скобки у поля ${tag}}}`);
        break;
      case "scopeparser_execution_failed":
        if (props.rootError instanceof UserError) return props.rootError;
        problems.push(`не удалось заполнить поле ${tag}}}`);
        break;
      default:
        if (e instanceof UserError) return e;
        problems.push((e as Error)?.message ?? String(e));
    }
  }
  return new UserError(`${what}: ${problems.join("; ")}.`);
}

/**
 * Fills a copy of the template: document fields everywhere (headers and footers too), each
 * repeating row once per item of its collection (no items — no row). Values are plain text.
 * Throws a Russian UserError naming every placeholder the fill has no value for.
 */
export function fillDocx(bytes: Uint8Array, fill: DocumentFill, what = "Шаблон"): Buffer {
  const zip = openZip(bytes, what);
  const gaps = fillGaps(scanDocx(bytes, what), fill);
  const parsed = docxParts(zip, what).flatMap((part) => {
    const text = zip.file(part.path)?.asText();
    return text === undefined ? [] : [{ part, doc: parseXml(text, what) }];
  });
  for (const { doc } of parsed) {
    for (const p of descendants(doc, "p")) gaps.push(...braceProblems(paragraphText(p)));
  }
  if (gaps.length > 0) throw new UserError(`${what}: ${gaps.join("; ")}.`);
  for (const { part, doc } of parsed) {
    if (markRows(doc)) zip.file(part.path, new XMLSerializer().serializeToString(doc));
  }
  const missing = (name: string): never => {
    throw new UserError(`${what}: нет значения для поля {{${name}}}.`);
  };
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(zip, {
      delimiters: { start: "{{", end: "}}" },
      paragraphLoop: true,
      linebreaks: true,
      errorLogging: false,
      syntax: { changeDelimiterPrefix: null },
      parser: (raw: string) => {
        const name = raw.trim();
        return {
          get(scope: unknown): unknown {
            if (name.startsWith(LOOP)) {
              const collection = name.slice(LOOP.length);
              return (fill.collections[collection] ?? []).map((values) => ({ collection, values }));
            }
            const split = splitPlaceholder(name);
            if (
              isItem(scope) &&
              split.collection &&
              matchKey(split.collection) === matchKey(scope.collection)
            ) {
              return scope.values[split.field] ?? missing(name);
            }
            // Only document fields remain (a field of an item is found in its own scope).
            if (isItem(scope)) return undefined;
            return fill.fields[name] ?? missing(name);
          },
        };
      },
      nullGetter: (part) => missing(String(part.value ?? "")),
    });
    doc.render({});
  } catch (error) {
    throw templateError(what, error);
  }
  return doc.toBuffer({ compression: "DEFLATE" });
}

// ---------------------------------------------------------------------------------------------
// Plain text.

function blockLines(node: XmlElement, lines: string[]): void {
  for (const el of children(node)) {
    if (el.namespaceURI !== W_NS) continue;
    if (el.localName === "p") lines.push(paragraphText(el));
    else if (el.localName === "tbl") {
      for (const tr of children(el, "tr")) {
        const cells = children(tr, "tc").map((tc) => {
          const inner: string[] = [];
          blockLines(tc, inner);
          return inner.filter((l) => l.trim() !== "").join(" ");
        });
        lines.push(cells.join(" | "));
      }
    } else if (["sdt", "sdtContent", "customXml", "body", "hdr", "ftr"].includes(el.localName ?? "")) {
      blockLines(el, lines);
    }
  }
}

/**
 * The text of a .docx: one line per paragraph, one line per table row with its cells joined
 * by « | »; headers first and footers last unless `body` only is asked for.
 */
export function docxText(bytes: Uint8Array, parts: "all" | "body" = "all"): string {
  const zip = openZip(bytes, "Документ");
  const lines: string[] = [];
  const rank = { header: 0, body: 1, footer: 2 };
  const ordered = docxParts(zip, "Документ").sort((a, b) => rank[a.where] - rank[b.where]);
  for (const part of ordered) {
    if (parts === "body" && part.where !== "body") continue;
    const text = zip.file(part.path)?.asText();
    if (text === undefined) continue;
    const doc = parseXml(text, "Документ");
    const root = doc.documentElement;
    if (!root) continue;
    const body = part.where === "body" ? children(root, "body")[0] : root;
    if (body) blockLines(body, lines);
  }
  return lines.join("\n");
}

/** The text a model renders to, by the same rules as docxText (for checks of rendered files). */
export function modelText(model: DocModel, parts: "all" | "body" = "all"): string {
  const para = (p: Paragraph) => p.runs.map((r) => r.text).join("");
  const lines: string[] = [];
  if (parts === "all") lines.push(...model.header.map(para));
  for (const b of model.body) {
    if (b.type === "p") lines.push(para(b));
    else
      for (const row of b.rows) {
        lines.push(
          row.cells
            .map((c) =>
              c.paragraphs
                .map(para)
                .filter((l) => l.trim() !== "")
                .join(" "),
            )
            .join(" | "),
        );
      }
  }
  if (parts === "all") lines.push(...model.footer.map(para));
  return lines.join("\n");
}
