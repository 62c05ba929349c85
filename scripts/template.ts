// Generates sheets-template/workbook.xlsx from the schema, with the same set-up the add-on runs.
// `npm run template`; test/template.test.ts fails when the committed file drifts from the schema.

import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Env } from "../src/app/ports";
import { setupWorkbook } from "../src/app/setup";
import { XlsxWorkbook } from "../src/local/xlsx-workbook";

export const TEMPLATE_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../sheets-template/workbook.xlsx",
);

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
}
