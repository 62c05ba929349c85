// Region figures for `npm run bench`: combining 300 generated school exports of 80 indicators each
// (as a school's «Выгрузка в регион» CSV: `;`, BOM, decimal comma) — from CSV text in memory, and
// from files on disk through the same reading as `nastavnik region combine` — plus writing the
// combined .xlsx. Wall-clock times on this machine.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { CellValue } from "../src/domain/cells";
import { combineExports } from "../src/domain/monitoring/combine";
import { combinedCsv, combinedXlsx, combineFiles, parseExportCsv } from "../src/local/region";

const SCHOOLS = 300;
const HEADER = [
  "Организация",
  "Код организации",
  "Учебный год",
  "Код показателя",
  "Показатель",
  "Значение",
  "Единица",
];

const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;

/** A deterministic pseudo-random sequence (no Math.random: the same figures every run). */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/**
 * 80 indicators: 40 counts of people, 10 shares (100·count[2j]/count[2j+1], one decimal), 10
 * scores, 5 day figures, 5 averages per pair (meetings / pairs), 10 other counts.
 */
export function schoolExport(k: number): CellValue[][] {
  const next = random(k * 7919);
  const org = `МБОУ СОШ № ${k}`;
  const code = String(100000 + k);
  const rows: CellValue[][] = [HEADER];
  const add = (c: string, label: string, value: number, unit: string) =>
    rows.push([org, code, "2025/2026", c, label, value, unit]);
  const people: number[] = [];
  for (let i = 0; i < 40; i++) {
    const whole = 20 + Math.floor(next() * 400);
    people.push(i % 2 === 1 ? whole : 0);
  }
  for (let i = 0; i < 40; i += 2) people[i] = Math.floor(next() * (people[i + 1] as number));
  people.forEach((v, i) => {
    add(`people.${i}`, `Участников, группа ${i}`, v, "чел.");
  });
  for (let j = 0; j < 10; j++) {
    const share = Math.round((1000 * (people[2 * j] as number)) / (people[2 * j + 1] as number)) / 10;
    add(`share.${j}`, `Доля, группа ${j}`, share, "%");
  }
  for (let j = 0; j < 10; j++)
    add(`score.${j}`, `Удовлетворённость, срез ${j}`, Math.round(30 + next() * 20) / 10, "балл");
  for (let j = 0; j < 5; j++) add(`days.${j}`, `Дней ожидания, срез ${j}`, Math.floor(next() * 90), "дн.");
  const pairs: number[] = [];
  const meetings: number[] = [];
  for (let j = 0; j < 5; j++) {
    pairs.push(5 + Math.floor(next() * 60));
    meetings.push(Math.floor(next() * 300));
  }
  for (let j = 0; j < 5; j++)
    add(
      `per_pair.${j}`,
      `Встреч на пару, вид ${j}`,
      Math.round((100 * (meetings[j] as number)) / (pairs[j] as number)) / 100,
      "шт.",
    );
  for (let j = 0; j < 5; j++) add(`pairs.${j}`, `Пар, вид ${j}`, pairs[j] as number, "шт.");
  for (let j = 0; j < 5; j++) add(`meetings.${j}`, `Встреч, вид ${j}`, meetings[j] as number, "шт.");
  return rows;
}

/** The CSV a school's Excel would save: BOM, `;`, decimal comma. */
function schoolCsv(rows: CellValue[][]): string {
  return combinedCsv(rows);
}

export async function regionFigures() {
  const texts = Array.from({ length: SCHOOLS }, (_, i) => schoolCsv(schoolExport(i + 1)));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

  let t = performance.now();
  const sources = texts.map((text, i) => ({ name: `school-${i + 1}.csv`, rows: parseExportCsv(text) }));
  const parseMs = ms(t);
  t = performance.now();
  const result = combineExports(sources);
  const combineMs = ms(t);
  if (result.schools !== SCHOOLS || result.problems.length > 0)
    throw new Error(
      `bench: region combine: ${result.schools} schools, ${result.problems.slice(0, 3).join("; ")}`,
    );
  const recomputed = result.columns.filter((c) => c.method.kind === "ratio").length;

  const dir = mkdtempSync(join(tmpdir(), "nastavnik-region-"));
  try {
    texts.forEach((text, i) => {
      writeFileSync(join(dir, `school-${String(i + 1).padStart(3, "0")}.csv`), text);
    });
    t = performance.now();
    const files = await combineFiles([dir]);
    const filesMs = ms(t);
    if (files.result.schools !== SCHOOLS) throw new Error(`bench: region files: ${files.problems[0]}`);
    t = performance.now();
    const xlsx = await combinedXlsx(files.result);
    const xlsxMs = ms(t);
    return {
      schools: SCHOOLS,
      indicatorsPerSchool: result.indicators,
      inputRows: sources.reduce((n, s) => n + s.rows.length - 1, 0),
      inputMB: Math.round(bytes / 1e4) / 100,
      tableRows: result.table.length,
      recomputedColumns: recomputed,
      inMemory: { parseCsvMs: parseMs, combineMs, totalMs: Math.round((parseMs + combineMs) * 10) / 10 },
      fromFiles: { readAndCombineMs: filesMs, writeXlsxMs: xlsxMs, xlsxKB: Math.round(xlsx.length / 1024) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
