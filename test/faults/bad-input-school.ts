// The school the bad-input catalogue spoils: a workbook set up from the schema with a few rows in
// every sheet the actions read, the actions a curator runs over it, and the snapshots that tell
// whether anything the curator had was lost. Shared by test/faults/bad-input-catalogue.ts.

import { userMessage } from "../../src/app/errors";
import { proposePairs } from "../../src/app/matching";
import { refreshMeetingStats, scheduleMeetings } from "../../src/app/meetings";
import { refreshMonitoring } from "../../src/app/monitoring";
import { insertRecords } from "../../src/app/records";
import { previewReminders } from "../../src/app/reminders";
import { refreshRoadmap } from "../../src/app/roadmap";
import { setupWorkbook } from "../../src/app/setup";
import type { CellValue } from "../../src/domain/cells";
import { headerKey } from "../../src/domain/normalize";
import { type MemoryWorkbook, memoryEnv } from "../fakes/memory";

export const NOW = new Date(2025, 8, 20, 12, 0);

export type SchoolEnv = ReturnType<typeof memoryEnv>;

/** The sheets the curator types into and the actions read. */
export const CURATOR_SHEETS = [
  "Наставники",
  "Наставляемые",
  "Пары и группы",
  "Встречи",
  "Дорожная карта",
  "Настройки",
  "Команда",
  "Обратная связь",
] as const;
export type CuratorSheet = (typeof CURATOR_SHEETS)[number];

/**
 * Columns the add-on computes and rewrites on every run (the curator does not type them): a
 * change there is the action doing its job, not data lost.
 */
export const COMPUTED: Partial<Record<CuratorSheet, readonly string[]>> = {
  "Дорожная карта": ["Статус", "Просрочено", "Дней до срока"],
  "Пары и группы": ["Встреч проведено", "Последняя встреча"],
};

/** A workbook set up from the schema with two of everything; rows are 2 and 3 of each sheet. */
export function school(): SchoolEnv {
  const env = memoryEnv(undefined, NOW);
  setupWorkbook(env);
  insertRecords(env, "mentors", [
    {
      status: "Наставник",
      category: "Педагог",
      contour: "Внутренний",
      fullName: "Иванова Мария Петровна",
      email: "ivanova@school.ru",
      competences: ["Адаптация в коллективе", "Методика преподавания предмета"],
      subjects: "Математика",
      capacity: 2,
      consent: true,
      mentoringConsent: true,
      trained: true,
    },
    {
      status: "Наставник",
      category: "Педагог",
      contour: "Внутренний",
      fullName: "Петров Сергей Ильич",
      email: "petrov@school.ru",
      competences: ["Работа с родителями"],
      capacity: 1,
      consent: true,
    },
  ]);
  insertRecords(env, "mentees", [
    {
      status: "В паре",
      category: "Молодой специалист",
      fullName: "Смирнов Олег",
      email: "smirnov@school.ru",
      subject: "Математика",
      requests: ["Адаптация в коллективе"],
      consent: true,
    },
    {
      status: "Ожидает пары",
      category: "Молодой специалист",
      fullName: "Орлова Анна",
      email: "orlova@school.ru",
      requests: ["Работа с родителями"],
      consent: true,
    },
  ]);
  insertRecords(env, "pairs", [
    {
      status: "Работает",
      mentorId: "НР-0001",
      mentorName: "Иванова Мария Петровна",
      menteeId: "НЯ-0001",
      menteeName: "Смирнов Олег",
      form: "Учитель – учитель",
      startDate: { year: 2025, month: 9, day: 1 },
    },
    {
      status: "Утверждена",
      mentorId: "НР-0002",
      mentorName: "Петров Сергей Ильич",
      menteeId: "НЯ-0002",
      menteeName: "Орлова Анна",
      form: "Учитель – учитель",
      startDate: { year: 2025, month: 9, day: 15 },
    },
  ]);
  insertRecords(env, "meetings", [
    { pairId: "П-0001", date: { year: 2025, month: 9, day: 10 }, topic: "Знакомство", status: "Проведена" },
    {
      pairId: "П-0001",
      date: { year: 2025, month: 10, day: 1 },
      topic: "План на четверть",
      status: "Запланирована",
    },
  ]);
  insertRecords(env, "roadmap", [
    {
      stageNo: "1",
      stage: "Подготовка условий",
      event: "Издать приказ о программе наставничества",
      deadline: { year: 2025, month: 9, day: 30 },
      owners: "Иванова М. П.",
      status: "В работе",
    },
    {
      stageNo: "2",
      stage: "Формирование базы наставляемых",
      event: "Анкетирование наставляемых",
      deadline: { year: 2025, month: 10, day: 15 },
      owners: "Иванова М. П.",
      status: "Не начато",
    },
  ]);
  insertRecords(env, "team", [
    { fullName: "Иванова Мария Петровна", role: "Куратор", email: "ivanova@school.ru", reminders: true },
    { fullName: "Кузнецов Павел Андреевич", role: "Директор", email: "director@school.ru", reminders: false },
  ]);
  insertRecords(env, "feedback", [
    {
      pairId: "П-0001",
      participantId: "НЯ-0001",
      role: "Наставляемый",
      stage: "Входная",
      date: { year: 2025, month: 9, day: 15 },
      comfort: 8,
      usefulness: 9,
      expectationsMet: 7,
    },
    {
      pairId: "П-0001",
      participantId: "НР-0001",
      role: "Наставник",
      stage: "Входная",
      date: { year: 2025, month: 9, day: 15 },
      comfort: 9,
      usefulness: 8,
      expectationsMet: 9,
    },
  ]);
  return env;
}

// ---------------------------------------------------------------------------------------
// Editing the sheets the way a curator (or a mishap) does

function grid(wb: MemoryWorkbook, sheet: string): CellValue[][] {
  const g = wb.sheets.get(sheet);
  if (!g) throw new Error(`test: no sheet ${sheet}`);
  return g;
}

/** 0-based index of a header in row 1 (exact text, as the schema writes it). */
export function columnOf(wb: MemoryWorkbook, sheet: string, header: string): number {
  const i = (grid(wb, sheet)[0] ?? []).findIndex((h) => headerKey(String(h)) === headerKey(header));
  if (i < 0) throw new Error(`test: no column ${header} in ${sheet}`);
  return i;
}

/** Types a value into a cell (1-based row, column by header). */
export function setCell(
  wb: MemoryWorkbook,
  sheet: string,
  row: number,
  header: string,
  value: CellValue,
): void {
  const g = grid(wb, sheet);
  const c = columnOf(wb, sheet, header);
  const line = g[row - 1] ?? [];
  g[row - 1] = line;
  for (let i = line.length; i < c; i++) line[i] = "";
  line[c] = value;
}

export function getCell(wb: MemoryWorkbook, sheet: string, row: number, header: string): CellValue {
  return grid(wb, sheet)[row - 1]?.[columnOf(wb, sheet, header)] ?? "";
}

/** Deletes a whole column (cells to the right move left). */
export function deleteColumn(wb: MemoryWorkbook, sheet: string, header: string): void {
  const c = columnOf(wb, sheet, header);
  for (const line of grid(wb, sheet)) line.splice(c, 1);
}

export function renameColumn(wb: MemoryWorkbook, sheet: string, header: string, to: string): void {
  setCell(wb, sheet, 1, header, to);
}

/**
 * Merges cells as Sheets reads them back: the value stays in the top-left cell, the other cells
 * of the merge read as "".
 */
export function merge(
  wb: MemoryWorkbook,
  sheet: string,
  rows: [number, number],
  headers: readonly string[],
): void {
  let first = true;
  for (let r = rows[0]; r <= rows[1]; r++) {
    for (const h of headers) {
      if (!first) setCell(wb, sheet, r, h, "");
      first = false;
    }
  }
}

/** Appends a row typed by hand: values by header, the rest empty. */
export function addRow(wb: MemoryWorkbook, sheet: string, values: Record<string, CellValue>): number {
  const g = grid(wb, sheet);
  const row = (wb.read(sheet)?.length ?? 0) + 1;
  g[row - 1] = [];
  for (const [h, v] of Object.entries(values)) setCell(wb, sheet, row, h, v);
  return row;
}

// ---------------------------------------------------------------------------------------
// Snapshots: what the curator had, and what of it is gone or changed after an action

export type Snapshot = Map<string, CellValue[][]>;

export function snapshot(wb: MemoryWorkbook, sheets: readonly string[] = CURATOR_SHEETS): Snapshot {
  const out: Snapshot = new Map();
  for (const s of sheets) {
    const values = wb.read(s);
    if (values)
      out.set(
        s,
        values.map((r) => [...r]),
      );
  }
  return out;
}

function same(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return a === b;
}

/**
 * Cells the curator had (non-empty) that changed or disappeared, as «sheet row column: before →
 * after». Columns are followed by their header, so an action that appends columns or rows is fine;
 * the add-on's computed columns (COMPUTED) are left out.
 */
export function lostCells(before: Snapshot, wb: MemoryWorkbook): string[] {
  const out: string[] = [];
  for (const [sheet, rows] of before) {
    const after = wb.read(sheet) ?? [];
    const headerAfter = (after[0] ?? []).map((h) => String(h));
    const computed = new Set(COMPUTED[sheet as CuratorSheet] ?? []);
    const header = rows[0] ?? [];
    rows.forEach((line, r) => {
      line.forEach((value, c) => {
        if (value === "") return;
        const h = String(header[c] ?? "");
        if (r > 0 && computed.has(h)) return;
        const ca = r === 0 ? c : headerAfter.indexOf(h);
        const now = ca < 0 ? undefined : after[r]?.[ca];
        if (!same(value, now))
          out.push(
            `«${sheet}» строка ${r + 1} «${h}»: ${String(value).slice(0, 40)} → ${String(now).slice(0, 40)}`,
          );
      });
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Running the curator's actions over a workbook

export interface ActionRun {
  action: string;
  error?: unknown;
  lines: string[];
}

/**
 * Every action that reads the curator's sheets, each on its own (a failure of one does not stop
 * the others): matching, scheduling meetings, meeting totals, the roadmap refresh, monitoring,
 * the reminders preview.
 */
export function runCuratorActions(env: SchoolEnv): ActionRun[] {
  const journalBefore = (env.workbook.read("Журнал") ?? []).length;
  const runs: ActionRun[] = [];
  const run = (action: string, fn: () => string[]) => {
    try {
      runs.push({ action, lines: fn() });
    } catch (error) {
      runs.push({ action, error, lines: [userMessage(error)] });
    }
  };
  run(
    "Подбор пар",
    () =>
      proposePairs(env, {
        strategy: "optimal",
        scope: "unmatched",
        form: null,
        weights: null,
        locked: [],
        excluded: [],
      }).lines,
  );
  run("Запланировать встречи", () => scheduleMeetings(env).lines);
  run("Итоги встреч", () => {
    refreshMeetingStats(env);
    return [];
  });
  run("Обновить дорожную карту", () => {
    refreshRoadmap(env);
    return [];
  });
  run("Обновить мониторинг", () => refreshMonitoring(env, null).lines);
  run("Напоминания: просмотр", () => previewReminders(env, null).lines);
  const journal = (env.workbook.read("Журнал") ?? []).slice(Math.max(1, journalBefore));
  const details = columnIndex(env.workbook.read("Журнал")?.[0] ?? [], "Подробности");
  runs.push({ action: "Журнал", lines: journal.map((r) => String(r[details] ?? "")) });
  return runs;
}

function columnIndex(header: readonly CellValue[], name: string): number {
  return header.findIndex((h) => String(h) === name);
}
