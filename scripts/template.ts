// Generates sheets-template/workbook.xlsx from the schema, with the same set-up the add-on runs,
// the default roadmaps as CSV and the default document templates as .docx (templates/<kind>.docx,
// what the local edition fills). `npm run template`; test/template.test.ts fails when a committed
// file drifts from its source.

import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import type { Env } from "../src/app/ports";
import { setupWorkbook } from "../src/app/setup";
import { KINDS } from "../src/domain/docs/kinds";
import { DOC_KINDS, type DocKind } from "../src/domain/docs/model";
import { defaultTemplate } from "../src/domain/docs/templates";
import { ROADMAP_TEMPLATES, type RoadmapTemplate } from "../src/domain/roadmap/templates";
import { renderDocx } from "../src/local/docx";
import { XlsxWorkbook } from "../src/local/xlsx-workbook";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const TEMPLATE_PATH = join(ROOT, "sheets-template/workbook.xlsx");
export const ROADMAPS_DIR = join(ROOT, "sheets-template/roadmaps");
/** The default document templates as .docx, one per kind: what the local edition fills. */
export const DOC_TEMPLATES_DIR = join(ROOT, "sheets-template/templates");

/** The shipped .docx template of a kind, rendered from its default model. */
export function docTemplate(kind: DocKind): Promise<Buffer> {
  return renderDocx(defaultTemplate(kind));
}

/**
 * A default roadmap as a CSV table (UTF-8 with BOM, as Excel expects), with the headers the
 * roadmap import recognises and deadlines as phrases relative to the academic year.
 */
export function roadmapCsv(template: RoadmapTemplate): string {
  const rows = [
    ["№ этапа", "Этап", "Мероприятие", "Ожидаемый результат", "Документ", "Сроки", "Ответственные"],
    ...template.items.map((i) => [
      i.stageNo,
      i.stage,
      i.event,
      i.expectedResult,
      i.document,
      i.deadline,
      i.owners,
    ]),
  ];
  return `\ufeff${Papa.unparse(rows, { newline: "\r\n" })}\r\n`;
}

/** The template workbook, built in memory: every sheet set up, no journal line, no hidden meta sheet. */
export function buildTemplate(): XlsxWorkbook {
  const workbook = XlsxWorkbook.create();
  const meta = new Map<string, string>();
  const env: Env = {
    workbook,
    meta: { get: (k) => meta.get(k) ?? null, set: (k, v) => void meta.set(k, v) },
    lock: { withLock: (fn) => fn() },
    clock: { now: () => new Date(2025, 8, 1) },
    user: { current: () => "шаблон" },
  };
  setupWorkbook(env, { journal: false });
  return workbook;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await mkdir(dirname(TEMPLATE_PATH), { recursive: true });
  await buildTemplate().save(TEMPLATE_PATH);
  console.log(`Шаблон книги записан: ${TEMPLATE_PATH}`);
  await mkdir(ROADMAPS_DIR, { recursive: true });
  for (const t of ROADMAP_TEMPLATES) {
    const file = join(ROADMAPS_DIR, `${t.key}.csv`);
    await writeFile(file, roadmapCsv(t));
    console.log(`Дорожная карта «${t.title}»: ${file}`);
  }
  await mkdir(DOC_TEMPLATES_DIR, { recursive: true });
  for (const kind of DOC_KINDS) {
    const file = join(DOC_TEMPLATES_DIR, `${kind}.docx`);
    await writeFile(file, await docTemplate(kind));
    console.log(`Шаблон «${KINDS[kind].title}»: ${file}`);
  }
}
