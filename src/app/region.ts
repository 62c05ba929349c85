// «Свести выгрузки школ» in a regional workbook (the use case behind the menu item of
// src/gas/region.ts): every sheet whose header row is the export layout of «Выгрузка в регион» is a
// source (one read per sheet); the combined table (src/domain/monitoring/combine.ts) goes to
// «Свод по школам» — created, or rewritten in one write that also clears what the previous run
// left beyond the new table; one line goes to «Журнал».

import {
  type CombineResult,
  combineExports,
  describeCombine,
  type ExportSource,
  HEADER_ROWS,
  isExportTable,
} from "../domain/monitoring/combine";
import { sheetDef } from "../domain/schema";
import { UserError } from "./errors";
import { type Outcome, writeJournal } from "./journal";
import type { CellWrite, Env } from "./ports";

export const REGION_SHEET = "Свод по школам";
export const REGION_ACTION = "Свести выгрузки школ";
/** Problems listed in the alert; the full list goes to «Журнал». */
const ALERT_PROBLEMS = 15;

export interface RegionCombine {
  result: CombineResult;
  /** Sheets taken as sources, in tab order. */
  sources: string[];
  /** Summary lines (no problems). */
  lines: string[];
}

/**
 * Combines every export sheet of the workbook into «Свод по школам». Throws a Russian error when
 * no sheet holds an export table or nothing could be combined (the previous result then stays).
 */
export function combineRegion(env: Env): RegionCombine {
  const skip = new Set([REGION_SHEET, sheetDef("journal").name]);
  const sources: ExportSource[] = [];
  for (const sheet of env.workbook.sheetNames()) {
    if (skip.has(sheet)) continue;
    const rows = env.workbook.read(sheet);
    if (rows && isExportTable(rows)) sources.push({ name: "", sheet, rows });
  }
  if (sources.length === 0) {
    throw new UserError(
      "В книге нет ни одного листа с выгрузкой школы (столбцы «Организация», «Код показателя», «Значение» …). " +
        "Добавьте выгрузки школ: «Файл → Импортировать → Загрузить» — файл CSV школы — «Вставить новые листы».",
    );
  }
  const result = combineExports(sources);
  const lines = describeCombine(result, sources.length);
  if (result.schools === 0) {
    throw new UserError([...lines, ...result.problems].join("\n"));
  }
  env.lock.withLock(() => {
    let old = env.workbook.read(REGION_SHEET);
    if (old === null) {
      env.workbook.createSheet(REGION_SHEET);
      old = [];
    }
    const table = result.table;
    const rows = Math.max(table.length, old.length);
    const cols = Math.max(table[0]?.length ?? 0, old[0]?.length ?? 0);
    const cells: CellWrite[] = [];
    for (let r = 0; r < rows; r++) {
      const line = table[r];
      for (let c = 0; c < cols; c++) cells.push({ row: r + 1, col: c + 1, value: line?.[c] ?? "" });
    }
    env.workbook.write(REGION_SHEET, cells);
    env.workbook.applyLayout(REGION_SHEET, {
      frozenRows: HEADER_ROWS,
      headerWidth: table[0]?.length ?? 0,
      headerBackground: "#e8eaf6",
      columns: [],
      tabColor: "#c62828",
    });
  });
  const outcome: Outcome = result.problems.length > 0 ? "с предупреждениями" : "успешно";
  writeJournal(env, [
    {
      action: REGION_ACTION,
      outcome,
      details: [
        ...lines,
        `Листы: ${sources.map((s) => `«${s.sheet}»`).join(", ")}.`,
        ...result.problems.map((p) => `• ${p}`),
      ].join("\n"),
    },
  ]);
  return { result, sources: sources.map((s) => s.sheet ?? ""), lines };
}

/** The alert text: summary, where the table is, the first problems. */
export function regionAlertText(combined: RegionCombine): string {
  const { result, lines } = combined;
  const text = [...lines, `Таблица — на листе «${REGION_SHEET}».`];
  if (result.problems.length > 0) {
    text.push("", `Замечания (${result.problems.length}):`);
    for (const p of result.problems.slice(0, ALERT_PROBLEMS)) text.push(`• ${p}`);
    if (result.problems.length > ALERT_PROBLEMS)
      text.push(`… остальные — в листе «${sheetDef("journal").name}».`);
  }
  return text.join("\n");
}
