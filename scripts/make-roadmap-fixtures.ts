// Writes the roadmap fixtures of test/fixtures/roadmaps/ from the transcription of the four
// seed roadmaps (test/fixtures/roadmaps/expected.ts):
//   seed-000.docx … seed-004.docx  real Word documents (the `docx` package): the paragraphs
//                                  around the tables, each table as a Word table, a section row
//                                  as one cell spanning the grid, a cell's lines as paragraphs;
//   seed-000.csv                   the main table as Excel writes CSV (comma, RFC 4180 quoting,
//                                  UTF-8 with BOM, CRLF between records);
//   seed-002.tsv                   the main table tab-separated (UTF-8, LF).
// The output is byte-for-byte deterministic (fixed timestamps in the package and in the zip).
//
//   npx tsx scripts/make-roadmap-fixtures.ts                   write the fixtures
//   npx tsx scripts/make-roadmap-fixtures.ts --check <seeds>   compare the transcription with
//                                                              the seed dumps in <seeds>

import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import JSZip from "jszip";
import {
  DELIMITED_FIXTURES,
  delimitedRows,
  SEED_IDS,
  type SeedId,
  type SeedTranscription,
  TRANSCRIPTIONS,
  type TranscribedTable,
  tablesOf,
} from "../test/fixtures/roadmaps/expected";

export const FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../test/fixtures/roadmaps");

/** Every timestamp in the generated documents (package properties and zip entries). */
const FIXED_DATE = new Date(Date.UTC(2025, 8, 1, 9, 0, 0));

/** A4 portrait with the `docx` package's default margins: 11906 − 2 × 1440 twips. */
const TEXT_WIDTH = 9026;

function paragraphOf(text: string, bold?: boolean): Paragraph {
  return text === "" ? new Paragraph({}) : new Paragraph({ children: [new TextRun({ text, bold })] });
}

/** Column widths in twips, in proportion to the longest line of each column (capped). */
function columnWidths(table: TranscribedTable): number[] {
  const weights = Array.from({ length: table.columns }, () => 4);
  for (const row of table.rows) {
    if (row.spanning) continue;
    row.cells.forEach((cell, i) => {
      const longest = Math.max(...cell.split("\n").map((line) => line.length));
      weights[i] = Math.max(weights[i] ?? 0, Math.min(60, longest) + 4);
    });
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
}

function wordTable(table: TranscribedTable): Table {
  const widths = columnWidths(table);
  const full = widths.reduce((a, b) => a + b, 0);
  return new Table({
    columnWidths: widths,
    width: { size: full, type: WidthType.DXA },
    rows: table.rows.map(
      (row) =>
        new TableRow({
          children: row.spanning
            ? [
                new TableCell({
                  columnSpan: table.columns,
                  width: { size: full, type: WidthType.DXA },
                  children: (row.cells[0] ?? "").split("\n").map((line) => paragraphOf(line, true)),
                }),
              ]
            : row.cells.map(
                (cell, i) =>
                  new TableCell({
                    width: { size: widths[i] ?? 0, type: WidthType.DXA },
                    children: cell.split("\n").map((line) => paragraphOf(line)),
                  }),
              ),
        }),
    ),
  });
}

/** Re-packs a zip with fixed entry dates, [Content_Types].xml first, fixed package dates. */
async function deterministic(docx: Buffer): Promise<Buffer> {
  const source = await JSZip.loadAsync(docx);
  const names = Object.keys(source.files).filter((n) => !source.files[n]?.dir);
  names.sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : 0));
  const out = new JSZip();
  const stamp = FIXED_DATE.toISOString().replace(/\.\d{3}Z$/, "Z");
  for (const name of names) {
    let data = await source.file(name)?.async("uint8array");
    if (!data) continue;
    if (name === "docProps/core.xml") {
      const xml = new TextDecoder()
        .decode(data)
        .replace(
          /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g,
          `$1${stamp}$2`,
        );
      data = new TextEncoder().encode(xml);
    }
    out.file(name, data, { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
    platform: "DOS",
  });
}

/** The seed as a Word document. */
export async function seedDocx(id: SeedId): Promise<Buffer> {
  const t = TRANSCRIPTIONS[id];
  const children = t.blocks.map((block) =>
    block.kind === "paragraph" ? paragraphOf(block.text, block.bold) : wordTable(block),
  );
  const doc = new Document({
    creator: "Наставник — тестовые данные",
    lastModifiedBy: "Наставник — тестовые данные",
    title: `Дорожная карта (seed ${id})`,
    sections: [{ children }],
  });
  return deterministic(await Packer.toBuffer(doc));
}

/** Rows as delimited text, quoted as RFC 4180 (and Excel) do: only when needed. */
export function delimitedText(rows: string[][], delimiter: string, eol: string): string {
  const quote = (cell: string) =>
    cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  return rows.map((cells) => cells.map(quote).join(delimiter) + eol).join("");
}

/** Every fixture file: its name in test/fixtures/roadmaps/ and its bytes. */
export async function fixtureFiles(): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const id of SEED_IDS) files.set(`seed-${id}.docx`, await seedDocx(id));
  const csv = delimitedText(delimitedRows("000"), ",", "\r\n");
  files.set(DELIMITED_FIXTURES["000"], Buffer.from(`\uFEFF${csv}`, "utf8"));
  files.set(DELIMITED_FIXTURES["002"], Buffer.from(delimitedText(delimitedRows("002"), "\t", "\n"), "utf8"));
  return files;
}

export async function writeFixtures(dir = FIXTURES_DIR): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, bytes] of await fixtureFiles()) {
    const path = join(dir, name);
    await writeFile(path, bytes);
    written.push(path);
  }
  return written;
}

// --- The check against the seed dumps -------------------------------------------------------

/** The transcription laid out again the way the seed dump lays it out. */
export function renderAsSeed(t: SeedTranscription): string[] {
  const lines: string[] = [];
  t.blocks.forEach((block, i) => {
    if (block.kind === "paragraph") {
      const prev = t.blocks[i - 1];
      const next = t.blocks[i + 1];
      const opens = block.bold && !(prev?.kind === "paragraph" && prev.bold);
      const closes = block.bold && !(next?.kind === "paragraph" && next.bold);
      lines.push(`${opens ? "**" : ""}${block.text}${closes ? "**" : ""}`);
      return;
    }
    block.rows.forEach((row, r) => {
      if (t.layout === "row-per-line") {
        lines.push(row.cells.join("\t"));
        return;
      }
      if (r > 0) lines.push("");
      for (const cell of row.cells) lines.push(...`\t${cell}`.split("\n"));
    });
  });
  return lines;
}

/**
 * Differences between the seed dump and the rendered transcription, blank lines ignored for
 * row-per-line dumps (there a blank line between rows is a page break, not content).
 */
export function compareWithSeed(t: SeedTranscription, seedText: string): string[] {
  const norm = (lines: string[]) => {
    const numbered = lines.map((text, i) => ({ text, n: i + 1 }));
    while (numbered.length > 0 && numbered[numbered.length - 1]?.text === "") numbered.pop();
    return t.layout === "row-per-line" ? numbered.filter((l) => l.text !== "") : numbered;
  };
  const seed = norm(seedText.split("\n"));
  const ours = norm(renderAsSeed(t)).map((l) => l.text);
  const same = (a: number, b: number) => a < seed.length && b < ours.length && seed[a]?.text === ours[b];
  const diffs: string[] = [];
  let i = 0;
  let j = 0;
  while (i < seed.length || j < ours.length) {
    if (same(i, j)) {
      i++;
      j++;
      continue;
    }
    // Resynchronise on the nearest line both have.
    let skip: [number, number] | undefined;
    for (let k = 1; k < 20 && !skip; k++) {
      for (let a = 0; a <= k && !skip; a++) if (same(i + a, j + k - a)) skip = [a, k - a];
    }
    const [a, b] = skip ?? [seed.length - i, ours.length - j];
    for (let x = 0; x < a; x++) diffs.push(`- ${seed[i + x]?.n}: ${seed[i + x]?.text}`);
    for (let y = 0; y < b; y++) diffs.push(`+ ${ours[j + y]}`);
    i += a;
    j += b;
  }
  return diffs;
}

/** The differences the transcription makes on purpose: seed 003's stage 5 row, joined. */
const KNOWN_DIFFERENCES: Record<SeedId, number> = { "000": 0, "002": 0, "003": 3, "004": 0 };

function check(seedsDir: string): boolean {
  let ok = true;
  for (const id of SEED_IDS) {
    const t = TRANSCRIPTIONS[id];
    const diffs = compareWithSeed(t, readFileSync(join(seedsDir, t.seed), "utf8"));
    const expected = diffs.length === KNOWN_DIFFERENCES[id];
    ok &&= expected;
    const tables = tablesOf(t).map((table) => table.rows.length);
    console.log(
      `${t.seed}: таблиц ${tables.length} (строк: ${tables.join(", ")}), расхождений ${diffs.length}` +
        (expected ? "" : ` — ожидалось ${KNOWN_DIFFERENCES[id]}`),
    );
    for (const d of diffs) console.log(`  ${d}`);
  }
  return ok;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--check");
  if (at >= 0) {
    const dir = process.argv[at + 1];
    if (!dir) {
      console.error("Укажите папку с текстами дорожных карт: --check <папка>");
      process.exit(2);
    }
    process.exit(check(dir) ? 0 : 1);
  }
  for (const path of await writeFixtures()) console.log(`Записан ${path}`);
}
