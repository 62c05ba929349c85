// «Завершить учебный год»: completes the year's pairs with their results and end date, writes the
// results into both bases, adds the mentees the curator chose to the mentor base, copies the
// year's sheets into archive sheets, clears from the live sheets only the rows already archived,
// rolls the roadmap forward and moves «Начало учебного года» on. One read per sheet, one batch
// per sheet, under the lock, one journal line. The closed year is remembered: running it again
// changes nothing (apart from adding mentees the curator chooses then).
//
// Safe after a crash: every step either is idempotent (status, end date and results written only
// when empty, people found by email or name before being added, roadmap dates moved only while
// they lag behind the new year) or remembers it is done (archive sheets, in the meta store), and
// a row leaves «Встречи» or «Обратная связь» only if the same row is in its archive sheet.

import type { CellValue } from "../domain/cells";
import {
  ARCHIVED_SHEETS,
  type ArchivedSheet,
  appendYearLine,
  archiveSheetName,
  type CloseYearPlan,
  closingYear,
  findMentorFor,
  freeSheetName,
  MENTEE_FINISHED,
  mentorCategoryFor,
  mentorFromMentee,
  nextYearStart,
  PAIR_COMPLETED,
  planCloseYear,
  RESULTS_HEADER,
  type WillingMentee,
  yearBounds,
  yearLabel,
} from "../domain/close-year";
import {
  cleanText,
  type DateOnly,
  formatDate,
  headerKey,
  matchKey,
  normalizeDate,
} from "../domain/normalize";
import { type SheetKey, sheetDef } from "../domain/schema";
import {
  type CellIssue,
  describeIssue,
  type RecordOf,
  readTable,
  recordChanges,
  SchemaError,
  type TableRead,
} from "../domain/table";
import { UserError } from "./errors";
import { writeJournal } from "./journal";
import { writeKeepingEdits } from "./kept-edits";
import type { CellWrite, Env, WorkbookPort } from "./ports";
import { insertRecords } from "./records";
import { readSettings, writeSettings } from "./settings";

const CLOSE_ACTION = "Завершить учебный год";

// ---------------------------------------------------------------------------------------
// Contract (shared with the sidebar and the command line: plain JSON values)

export interface CloseYearPreview {
  /** «2025/2026». */
  year: string;
  alreadyClosed: boolean;
  /** Pairs «Утверждена» / «Работает» that become «Завершена». */
  pairsToComplete: { id: string; label: string; hasResults: boolean }[];
  /** Mentees who finished and want to become mentors, not in the mentor base yet. */
  willingMentees: { id: string; name: string; reason: string }[];
  /** Names of the archive sheets that will be created. */
  archiveSheets: string[];
  /** Roadmap items rolled forward into the next year. */
  roadmapItems: number;
  warnings: string[];
  /** Everything above as Russian lines. */
  lines: string[];
}

export interface CloseYearRequest {
  /** Mentee IDs to add to the mentor base. */
  promote: string[];
}

export interface CloseYearResult {
  year: string;
  completedPairs: number;
  /** Mentee IDs added to the mentor base now. */
  promoted: string[];
  /** Archive sheets created now. */
  archived: string[];
  roadmapRolled: number;
  alreadyClosed: boolean;
  lines: string[];
}

const MAX_PROMOTE = 1000;

/** Validates what the sidebar sends; a Russian UserError for anything else. */
export function checkCloseYearRequest(input: unknown): CloseYearRequest {
  if (input === undefined || input === null) return { promote: [] };
  if (typeof input !== "object" || Array.isArray(input))
    throw new UserError(
      "Неверный запрос на завершение года: ожидается список наставляемых для базы наставников.",
    );
  const raw = (input as { promote?: unknown }).promote;
  if (raw === undefined || raw === null) return { promote: [] };
  if (!Array.isArray(raw))
    throw new UserError("Неверный запрос: «promote» должен быть списком ID наставляемых.");
  if (raw.length > MAX_PROMOTE) throw new UserError(`Слишком длинный список наставляемых: ${raw.length}.`);
  const seen = new Set<string>();
  const promote: string[] = [];
  for (const item of raw) {
    if (typeof item !== "string" || item.trim() === "" || item.length > 60 || /[\r\n]/.test(item))
      throw new UserError(`Неверный ID наставляемого: «${String(item).slice(0, 60)}».`);
    const id = item.trim();
    if (seen.has(matchKey(id))) continue;
    seen.add(matchKey(id));
    promote.push(id);
  }
  return { promote };
}

// ---------------------------------------------------------------------------------------
// Reading

interface Sheet<K extends SheetKey> {
  name: string;
  values: CellValue[][];
  table: TableRead<K>;
}

function readSheet<K extends SheetKey>(workbook: WorkbookPort, key: K): Sheet<K> {
  const def = sheetDef(key);
  const values = workbook.read(def.name);
  if (values === null)
    throw new SchemaError(`В книге нет листа «${def.name}». Запустите «Настроить книгу».`, def.name);
  if (values.length === 0)
    throw new SchemaError(
      `Лист «${def.name}» пуст: нет строки заголовков. Запустите «Настроить книгу».`,
      def.name,
    );
  return { name: def.name, values, table: readTable(key, values) };
}

function localDay(d: Date): DateOnly {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/**
 * What is remembered of a closed year: when, and the IDs of mentees who wanted to mentor and were
 * not added (only IDs: Apps Script document properties hold 9 KB per value).
 */
interface Closed {
  at: string;
  willing: string[];
}

/** At most this many IDs are remembered (well under 9 KB). */
const MAX_REMEMBERED = 400;

const closedKey = (year: number) => `closeYear:${year}`;
const archiveKey = (year: number, sheet: ArchivedSheet) => `closeYear:${year}:archive:${sheet}`;

function readClosed(env: Env, year: number): Closed | null {
  const raw = env.meta.get(closedKey(year));
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Closed>;
    const willing = Array.isArray(parsed.willing) ? parsed.willing.filter((w) => typeof w === "string") : [];
    return { at: String(parsed.at ?? ""), willing };
  } catch {
    return { at: raw, willing: [] };
  }
}

interface Context {
  now: Date;
  today: DateOnly;
  year: number;
  settingStart: DateOnly | null;
  /** «Начало учебного года» holds text that is not a date: it is left for the curator. */
  startUnreadable: boolean;
  closed: Closed | null;
  pairs: Sheet<"pairs">;
  meetings: Sheet<"meetings">;
  feedback: Sheet<"feedback">;
  mentees: Sheet<"mentees">;
  mentors: Sheet<"mentors">;
  roadmap: Sheet<"roadmap">;
  plan: CloseYearPlan;
  warnings: string[];
}

function load(env: Env): Context {
  const now = env.clock.now();
  const today = localDay(now);
  const settings = readSettings(env.workbook.read(sheetDef("settings").name));
  const parsed = normalizeDate(settings.values.academicYearStart as CellValue);
  const settingStart = parsed.ok ? parsed.value : null;
  const year = closingYear(settingStart, today);
  const warnings: string[] = [];
  if (!parsed.ok)
    warnings.push(
      `«Настройки», «Начало учебного года»: ${parsed.error}. Учебный год определён по сегодняшней дате; после завершения укажите начало нового года вручную.`,
    );
  else if (!settingStart)
    warnings.push(
      `В «Настройки» не указано «Начало учебного года»: завершается учебный год ${yearLabel(year)} (по сегодняшней дате).`,
    );
  const pairs = readSheet(env.workbook, "pairs");
  const meetings = readSheet(env.workbook, "meetings");
  const feedback = readSheet(env.workbook, "feedback");
  const mentees = readSheet(env.workbook, "mentees");
  const mentors = readSheet(env.workbook, "mentors");
  const roadmap = readSheet(env.workbook, "roadmap");
  const plan = planCloseYear({
    year,
    today,
    pairs: pairs.table.rows,
    meetings: meetings.table.rows,
    feedback: feedback.table.rows,
    mentees: mentees.table.rows,
    mentors: mentors.table.rows,
    roadmap: roadmap.table.rows,
  });
  const yearEnd = yearBounds(year).end;
  const early = today.year < yearEnd.year || (today.year === yearEnd.year && today.month < 4);
  if (early)
    warnings.push(
      `Учебный год ${yearLabel(year)} ещё идёт: работающие пары будут завершены сегодняшней датой (${formatDate(today)}), если у них не указана дата окончания.`,
    );
  return {
    now,
    today,
    year,
    settingStart,
    startUnreadable: !parsed.ok,
    closed: readClosed(env, year),
    pairs,
    meetings,
    feedback,
    mentees,
    mentors,
    roadmap,
    plan,
    warnings: [...warnings, ...plan.warnings],
  };
}

/** The willing mentees not in the mentor base (now), for a year closed before. */
function stillWilling(ctx: Context): WillingMentee[] {
  const mentors = ctx.mentors.table.rows.map((r) => r.record);
  const mentees = new Map(ctx.mentees.table.rows.map((r) => [matchKey(r.record.id), r.record]));
  const out: WillingMentee[] = [];
  for (const id of ctx.closed?.willing ?? []) {
    const mentee = mentees.get(matchKey(id));
    if (!mentee || findMentorFor(mentee, mentors) !== null) continue;
    out.push({
      id: mentee.id,
      name: mentee.fullName,
      reason: "в списке желающих стать наставниками при завершении года",
    });
  }
  return out;
}

function closedAtText(closed: Closed): string {
  const d = new Date(closed.at);
  return Number.isNaN(d.getTime()) ? closed.at : formatDate(localDay(d));
}

function sheetExists(names: readonly string[], name: string): boolean {
  return names.some((n) => n.toLowerCase() === name.toLowerCase());
}

// ---------------------------------------------------------------------------------------
// Preview

/** What closing the year would do, without writing anything. */
export function closeYearPreview(env: Env): CloseYearPreview {
  const ctx = load(env);
  const label = yearLabel(ctx.year);
  if (ctx.closed) {
    const willing = stillWilling(ctx);
    const lines = [
      `Учебный год ${label} уже завершён (${closedAtText(ctx.closed)}). Повторное завершение ничего не изменит.`,
    ];
    if (willing.length > 0)
      lines.push(
        `Хотели стать наставниками и ещё не в базе наставников: ${willing.length}. Их можно добавить в базу наставников и сейчас.`,
      );
    return {
      year: label,
      alreadyClosed: true,
      pairsToComplete: [],
      willingMentees: willing,
      archiveSheets: [],
      roadmapItems: 0,
      warnings: [],
      lines,
    };
  }
  const { plan } = ctx;
  const names = env.workbook.sheetNames();
  const archiveSheets: string[] = [];
  const sources = archiveSources(env, ctx, []);
  for (const key of ARCHIVED_SHEETS) {
    if (env.meta.get(archiveKey(ctx.year, key))) continue;
    const values = sources[key]();
    if (!values || values.length <= 1) continue;
    archiveSheets.push(freeSheetName(archiveSheetName(ctx.year, sheetDef(key).name), names));
  }
  const warnings = [...ctx.warnings];
  pairWrites(ctx, warnings);
  roadmapWrites(ctx, warnings);
  const now = plan.pairs.filter((p) => p.completedNow);
  const earlier = plan.pairs.filter((p) => !p.completedNow && p.changes.results !== undefined);
  const typed = plan.pairs.filter((p) => p.hasResults).length;
  const next = ctx.startUnreadable ? null : nextYearStart(ctx.settingStart, ctx.year);
  const lines: string[] = [`Завершается учебный год ${label}; дата закрытия — ${formatDate(ctx.today)}.`];
  lines.push(
    `«Пары и группы»: завершаются пар — ${now.length} (статус «${PAIR_COMPLETED}», дата окончания, итоги по встречам и итоговой анкете).` +
      (earlier.length > 0
        ? ` Итоги получат и пары, завершённые раньше в этом году, — ${earlier.length}.`
        : "") +
      (typed > 0 ? ` Итоги, уже внесённые куратором (${typed}), не меняются.` : "") +
      " Все пары остаются в листе.",
  );
  lines.push(
    `Базы: статус «${MENTEE_FINISHED}» — наставляемых: ${plan.menteesFinished.length}; итоги года в столбце «${RESULTS_HEADER}» — наставляемых: ${plan.menteeLines.length}, наставников: ${plan.mentorLines.length}.`,
  );
  lines.push(
    plan.willing.length > 0
      ? `Хотят стать наставниками: ${plan.willing.length}. Отметьте, кого добавить в базу наставников (статус «Кандидат», контур «Внутренний»).`
      : "Завершивших программу, кто хотел бы стать наставником и ещё не в базе наставников, нет.",
  );
  if (plan.alreadyMentors.length > 0)
    lines.push(
      `Уже в базе наставников: ${plan.alreadyMentors.map((a) => `${a.name || a.id} (${a.mentorId})`).join(", ")}.`,
    );
  lines.push(
    archiveSheets.length > 0
      ? `Архив: копии листов — ${archiveSheets.map((n) => `«${n}»`).join(", ")}.`
      : "Архив: копировать нечего.",
  );
  lines.push(
    `После копирования в архив из «Встречи» уходят строки завершённых пар: ${plan.meetingRowsLeaving.length} из ${ctx.meetings.table.rows.length}; из «Обратная связь»: ${plan.feedbackRowsLeaving.length} из ${ctx.feedback.table.rows.length}.`,
  );
  lines.push(
    `«Дорожная карта»: мероприятий переносится на ${yearLabel(ctx.year + 1)} — ${plan.roadmap.length} (сроки на год вперёд, статус «Не начато», дата выполнения очищается; отменённые остаются отменёнными).`,
  );
  lines.push(
    next
      ? `«Начало учебного года» в «Настройки» станет ${formatDate(next)}. Нумерация приказов не меняется.`
      : ctx.startUnreadable
        ? "«Начало учебного года» не меняется (его значение не читается как дата). Нумерация приказов не меняется."
        : "«Начало учебного года» уже указывает на следующий год и не меняется. Нумерация приказов не меняется.",
  );
  return {
    year: label,
    alreadyClosed: false,
    pairsToComplete: now.map((p) => ({ id: p.id, label: p.label, hasResults: p.hasResults })),
    willingMentees: plan.willing,
    archiveSheets,
    roadmapItems: plan.roadmap.length,
    warnings,
    lines,
  };
}

// ---------------------------------------------------------------------------------------
// Closing

/** A cell as a comparable string: dates by their moment, everything else by its text. */
function cellKey(value: CellValue | undefined): string {
  if (value instanceof Date) return `d${value.getTime()}`;
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : `${typeof value}:${String(value)}`;
}

function rowKey(row: readonly CellValue[] | undefined): string {
  const cells = (row ?? []).map(cellKey);
  while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
  return JSON.stringify(cells);
}

function gridKey(grid: readonly (readonly CellValue[])[]): string {
  const rows = grid.map(rowKey);
  while (rows.length > 0 && rows[rows.length - 1] === "[]") rows.pop();
  return rows.join("\n");
}

/** The values of a sheet with the given cell writes applied (what the sheet holds after them). */
function applyCells(values: readonly (readonly CellValue[])[], cells: readonly CellWrite[]): CellValue[][] {
  const grid = values.map((r) => [...r]);
  for (const { row, col, value } of cells) {
    while (grid.length < row) grid.push([]);
    const line = grid[row - 1] as CellValue[];
    while (line.length < col) line.push("");
    line[col - 1] = value;
  }
  return grid;
}

interface Archived {
  name: string;
  grid: CellValue[][];
  created: boolean;
}

/**
 * Copies `values` into «Архив 2025–26 — <лист>» (created now; one write), unless the archive of
 * this sheet for this year was made before (then it is read back). Nothing to copy (no data rows):
 * null.
 */
function archiveSheet(
  env: Env,
  year: number,
  key: ArchivedSheet,
  values: CellValue[][] | null,
  names: string[],
  readBack: boolean,
): Archived | null {
  const done = env.meta.get(archiveKey(year, key));
  if (done) {
    const grid = readBack ? (env.workbook.read(done) ?? []) : [];
    return { name: done, grid, created: false };
  }
  if (!values || values.length <= 1) return null;
  const base = archiveSheetName(year, sheetDef(key).name);
  let name = base;
  let create = true;
  if (sheetExists(names, base)) {
    // A sheet of this name without the «done» mark: a run that stopped between copying and
    // marking (same content: take it), an empty sheet (fill it), or the curator's (another name).
    const existing = env.workbook.read(base) ?? [];
    if (existing.length > 0 && gridKey(existing) === gridKey(values)) {
      env.meta.set(archiveKey(year, key), base);
      return { name: base, grid: existing, created: false };
    }
    if (existing.length === 0) create = false;
    else name = freeSheetName(base, names);
  }
  if (create) {
    env.workbook.createSheet(name);
    names.push(name);
  }
  const cells: CellWrite[] = [];
  values.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value !== "") cells.push({ row: r + 1, col: c + 1, value });
    });
  });
  env.workbook.write(name, cells);
  env.workbook.applyLayout(name, {
    frozenRows: 1,
    headerWidth: values[0]?.length ?? 0,
    headerBackground: "#eeeeee",
    columns: [],
    tabColor: "#9e9e9e",
  });
  env.meta.set(archiveKey(year, key), name);
  return { name, grid: values, created: true };
}

/** What each archive copies: the pairs as completed now, the other sheets as read (read on demand). */
function archiveSources(
  env: Env,
  ctx: Context,
  pairCells: readonly CellWrite[],
): Record<ArchivedSheet, () => CellValue[][] | null> {
  return {
    pairs: () => applyCells(ctx.pairs.values, pairCells),
    meetings: () => ctx.meetings.values,
    feedback: () => ctx.feedback.values,
    roadmap: () => ctx.roadmap.values,
    monitoring: () => env.workbook.read(sheetDef("monitoring").name),
    documents: () => env.workbook.read(sheetDef("documents").name),
  };
}

/** Above this many separate runs of rows, deleting compacts the sheet instead (two calls). */
const MAX_DELETE_RUNS = 10;

/**
 * Deletes the given rows of a sheet, but only those whose content is in `archive`. Few runs of
 * consecutive rows: one deleteRows per run. Many: the rows that stay are written up in one
 * batch and the tail is deleted in one call, so the service calls do not grow with the rows.
 * Returns how many rows were deleted and how many were kept because they are not archived.
 */
function removeArchivedRows(
  workbook: WorkbookPort,
  sheet: string,
  values: readonly (readonly CellValue[])[],
  rows: readonly number[],
  archive: readonly (readonly CellValue[])[],
): { deleted: number; notArchived: number } {
  const archived = new Set(archive.slice(1).map(rowKey));
  const remove = rows.filter((r) => archived.has(rowKey(values[r - 1])));
  if (remove.length === 0) return { deleted: 0, notArchived: rows.length };
  const sorted = [...new Set(remove)].sort((a, b) => a - b);
  let runs = 0;
  sorted.forEach((r, i) => {
    if (i === 0 || sorted[i - 1] !== r - 1) runs++;
  });
  if (runs <= MAX_DELETE_RUNS) {
    workbook.deleteRows(sheet, sorted);
  } else {
    const gone = new Set(sorted);
    const kept: (readonly CellValue[])[] = [];
    for (let r = 2; r <= values.length; r++) if (!gone.has(r)) kept.push(values[r - 1] ?? []);
    const cells: CellWrite[] = [];
    kept.forEach((line, i) => {
      const target = i + 2;
      const before = values[target - 1] ?? [];
      const width = Math.max(line.length, before.length);
      for (let c = 0; c < width; c++) {
        const value = line[c] ?? "";
        if (cellKey(value) !== cellKey(before[c] ?? "")) cells.push({ row: target, col: c + 1, value });
      }
    });
    if (cells.length > 0) workbook.write(sheet, cells);
    const tail: number[] = [];
    for (let r = kept.length + 2; r <= values.length; r++) tail.push(r);
    workbook.deleteRows(sheet, tail);
  }
  return { deleted: sorted.length, notArchived: rows.length - sorted.length };
}

/** The column of «Итоги наставничества» (1-based) and whether its header must be written. */
function resultsColumn(values: readonly (readonly CellValue[])[]): { col: number; add: boolean } {
  const header = values[0] ?? [];
  const i = header.findIndex((h) => headerKey(h) === headerKey(RESULTS_HEADER));
  if (i >= 0) return { col: i + 1, add: false };
  // After the whole used range: a column without a header may still hold the curator's data.
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  return { col: width + 1, add: true };
}

/** Cells adding year lines to «Итоги наставничества» (with its header when the column is new). */
function yearLineCells(
  values: readonly (readonly CellValue[])[],
  label: string,
  lines: readonly { row: number; line: string; marker?: string }[],
): CellWrite[] {
  const { col, add } = resultsColumn(values);
  const cells: CellWrite[] = [];
  for (const { row, line, marker } of lines) {
    const existing = String(values[row - 1]?.[col - 1] ?? "");
    const text = appendYearLine(existing, label, line, marker);
    if (text !== null) cells.push({ row, col, value: text });
  }
  if (cells.length > 0 && add) cells.unshift({ row: 1, col, value: RESULTS_HEADER });
  return cells;
}

interface Promotion {
  lines: string[];
  warnings: string[];
  /** Mentee ID → the mentor ID added now. */
  added: Map<string, string>;
}

/**
 * The cells of `cells` minus those the curator typed and the add-on could not read (a date
 * written as «конец мая»): they are kept as typed, with a warning naming the cell.
 */
function withoutUnreadable<K extends SheetKey>(
  sheet: Sheet<K>,
  cells: readonly CellWrite[],
  warnings: string[],
): CellWrite[] {
  if (sheet.table.issues.length === 0) return [...cells];
  const header = sheet.values[0] ?? [];
  const bad = new Map<string, CellIssue>();
  for (const issue of sheet.table.issues) {
    const col = header.findIndex((h) => cleanText(h) === issue.column) + 1;
    if (col > 0) bad.set(`${issue.row}:${col}`, issue);
  }
  return cells.filter((c) => {
    const issue = bad.get(`${c.row}:${c.col}`);
    if (issue) warnings.push(`${describeIssue(issue)}. Значение не изменено — исправьте его вручную.`);
    return !issue;
  });
}

/** The cells completing the year's pairs (status, end date, results). */
function pairWrites(ctx: Context, warnings: string[]): CellWrite[] {
  const byRow = new Map(ctx.pairs.table.rows.map((r) => [r.row, r.record]));
  const cells: CellWrite[] = [];
  for (const p of ctx.plan.pairs) {
    const record = byRow.get(p.row);
    if (record) cells.push(...recordChanges("pairs", p.row, record, p.changes, ctx.pairs.table.columns));
  }
  return withoutUnreadable(ctx.pairs, cells, warnings);
}

/** The cells rolling the roadmap forward. */
function roadmapWrites(ctx: Context, warnings: string[]): CellWrite[] {
  const byRow = new Map(ctx.roadmap.table.rows.map((r) => [r.row, r.record]));
  const cells: CellWrite[] = [];
  for (const item of ctx.plan.roadmap) {
    const record = byRow.get(item.row);
    if (record)
      cells.push(...recordChanges("roadmap", item.row, record, item.changes, ctx.roadmap.table.columns));
  }
  return withoutUnreadable(ctx.roadmap, cells, warnings);
}

/** Refuses IDs that are not in «Наставляемые» — before anything is written. */
function checkPromoted(ctx: Context, ids: readonly string[]): void {
  const known = new Set(ctx.mentees.table.rows.map((r) => matchKey(r.record.id)));
  const unknown = ids.filter((id) => !known.has(matchKey(id)));
  if (unknown.length > 0)
    throw new UserError(
      `В листе «Наставляемые» нет: ${unknown.join(", ")}. Ничего не изменено — проверьте список для базы наставников.`,
    );
}

/** Adds the chosen mentees to the mentor base (once: a person already there is skipped). */
function promote(ctx: Context, env: Env, ids: readonly string[], label: string): Promotion {
  const out: Promotion = { lines: [], warnings: [], added: new Map() };
  if (ids.length === 0) return out;
  checkPromoted(ctx, ids);
  const menteeById = new Map(ctx.mentees.table.rows.map((r) => [matchKey(r.record.id), r.record]));
  const mentors: Pick<RecordOf<"mentors">, "id" | "email" | "fullName">[] = ctx.mentors.table.rows.map(
    (r) => r.record,
  );
  const fresh: Partial<RecordOf<"mentors">>[] = [];
  const freshMentees: RecordOf<"mentees">[] = [];
  for (const id of ids) {
    const mentee = menteeById.get(matchKey(id)) as RecordOf<"mentees">;
    if (mentee.fullName.trim() === "") {
      out.warnings.push(`${mentee.id}: нет ФИО — в базу наставников не добавлен(а).`);
      continue;
    }
    const existing = findMentorFor(mentee, mentors);
    if (existing) {
      out.lines.push(`${mentee.fullName} (${mentee.id}) уже есть в базе наставников (${existing}).`);
      continue;
    }
    let category = mentorCategoryFor(mentee.category);
    if (!category) {
      category = mentee.category;
      out.warnings.push(
        `${mentee.fullName} (${mentee.id}): категории «${mentee.category}» нет среди категорий наставников — выберите категорию в «Наставники».`,
      );
    }
    const record = mentorFromMentee(mentee, label, ctx.now, category);
    fresh.push(record);
    freshMentees.push(mentee);
    mentors.push({ id: mentee.id, email: mentee.email, fullName: mentee.fullName });
    if (!mentee.consent)
      out.warnings.push(
        `${mentee.fullName} (${mentee.id}): нет отметки согласия на обработку ПДн — получите согласие наставника.`,
      );
  }
  const newIds = insertRecords(env, "mentors", fresh, ctx.mentors.table);
  freshMentees.forEach((m, i) => {
    const mentorId = newIds[i] ?? "";
    out.added.set(m.id, mentorId);
    out.lines.push(
      `В базу наставников добавлен(а) ${m.fullName} (${m.id} → ${mentorId}), статус «Кандидат».`,
    );
  });
  return out;
}

/**
 * Closes the academic year (see the top of the file). When the year is closed already, only
 * the mentees of `request.promote` not yet in the mentor base are added; nothing else changes.
 */
export function closeYear(env: Env, request: CloseYearRequest): CloseYearResult {
  const checked = checkCloseYearRequest(request);
  return env.lock.withLock(() => {
    const ctx = load(env);
    const label = yearLabel(ctx.year);
    checkPromoted(ctx, checked.promote);
    if (ctx.closed) return closedAgain(env, ctx, checked);

    const { plan } = ctx;
    const warnings = [...ctx.warnings];
    const lines: string[] = [`Учебный год ${label} завершён ${formatDate(ctx.today)}.`];

    // Pairs: status, end date, results — only the cells that change.
    const pairCells = pairWrites(ctx, warnings);
    writeKeepingEdits(env, ctx.pairs.name, pairCells, CLOSE_ACTION);
    const completedNow = plan.pairs.filter((p) => p.completedNow).length;
    lines.push(
      `«Пары и группы»: завершено пар — ${completedNow}; итоги внесены — ${plan.pairs.filter((p) => p.changes.results !== undefined).length}, итоги куратора сохранены — ${plan.pairs.filter((p) => p.hasResults).length}.`,
    );

    // Mentors: the year line; then the mentees chosen for the mentor base.
    const mentorCells = yearLineCells(ctx.mentors.values, label, plan.mentorLines);
    writeKeepingEdits(env, ctx.mentors.name, mentorCells, CLOSE_ACTION);
    const promoted = promote(ctx, env, checked.promote, label);
    warnings.push(...promoted.warnings);

    // Mentees: «Завершил программу» and the year line (with the new mentor record, if any).
    const menteeByRow = new Map(ctx.mentees.table.rows.map((r) => [r.row, r.record]));
    const menteeRowById = new Map(ctx.mentees.table.rows.map((r) => [r.record.id, r.row]));
    const menteeCells: CellWrite[] = [];
    for (const f of plan.menteesFinished) {
      const record = menteeByRow.get(f.row);
      if (record)
        menteeCells.push(
          ...recordChanges("mentees", f.row, record, { status: MENTEE_FINISHED }, ctx.mentees.table.columns),
        );
    }
    const menteeLines = plan.menteeLines.map((l) => {
      const mentorId = promoted.added.get(l.id);
      return mentorId ? { ...l, line: `${l.line}; в базу наставников добавлена запись ${mentorId}` } : l;
    });
    const withLine = new Set(menteeLines.map((l) => l.id));
    for (const [menteeId, mentorId] of promoted.added) {
      if (withLine.has(menteeId)) continue;
      const row = menteeRowById.get(menteeId);
      if (row)
        menteeLines.push({ row, id: menteeId, line: `в базу наставников добавлена запись ${mentorId}` });
    }
    menteeCells.push(...yearLineCells(ctx.mentees.values, label, menteeLines));
    writeKeepingEdits(env, ctx.mentees.name, menteeCells, CLOSE_ACTION);
    lines.push(
      `Базы: статус «${MENTEE_FINISHED}» — ${plan.menteesFinished.length}; итоги года записаны в «${RESULTS_HEADER}» — наставляемым: ${menteeLines.length}, наставникам: ${plan.mentorLines.length}.`,
    );
    lines.push(...promoted.lines);

    // Archive: the pairs as they are now, the other sheets as read.
    const names = env.workbook.sheetNames();
    const sources = archiveSources(env, ctx, pairCells);
    const archives = new Map<ArchivedSheet, Archived>();
    const archivedNow: string[] = [];
    for (const key of ARCHIVED_SHEETS) {
      const done = env.meta.get(archiveKey(ctx.year, key));
      const values = done ? null : sources[key]();
      const readBack = key === "meetings" || key === "feedback";
      const archive = archiveSheet(env, ctx.year, key, values, names, readBack);
      if (!archive) continue;
      archives.set(key, archive);
      if (archive.created) archivedNow.push(archive.name);
    }
    lines.push(
      archivedNow.length > 0
        ? `Архив: ${archivedNow.map((n) => `«${n}»`).join(", ")}.`
        : "Архив: новых листов нет (копировать нечего или копии уже сделаны).",
    );

    // The live sheets keep what goes on: rows of pairs that are over leave, if archived.
    for (const [key, sheet, rows] of [
      ["meetings", ctx.meetings, plan.meetingRowsLeaving],
      ["feedback", ctx.feedback, plan.feedbackRowsLeaving],
    ] as const) {
      const archive = archives.get(key);
      if (rows.length === 0) continue;
      const removed = archive
        ? removeArchivedRows(env.workbook, sheet.name, sheet.values, rows, archive.grid)
        : { deleted: 0, notArchived: rows.length };
      lines.push(
        `«${sheet.name}»: перенесено в архив и убрано из листа строк — ${removed.deleted}, осталось — ${sheet.table.rows.length - removed.deleted}.`,
      );
      if (removed.notArchived > 0)
        warnings.push(
          `«${sheet.name}»: строк завершённых пар, которых нет в архивном листе, — ${removed.notArchived}; они оставлены на месте.`,
        );
    }

    // The roadmap rolls forward (its archive was made above).
    const roadmapCells = roadmapWrites(ctx, warnings);
    const roadmapArchived = archives.has("roadmap") || plan.roadmap.length === 0;
    if (roadmapArchived) writeKeepingEdits(env, ctx.roadmap.name, roadmapCells, CLOSE_ACTION);
    if (roadmapArchived)
      lines.push(
        `«Дорожная карта»: перенесено на ${yearLabel(ctx.year + 1)} мероприятий — ${plan.roadmap.length}.`,
      );
    else warnings.push("«Дорожная карта» не скопирована в архив — поэтому не перенесена на следующий год.");

    // The next academic year.
    const next = ctx.startUnreadable ? null : nextYearStart(ctx.settingStart, ctx.year);
    if (next) {
      const written = writeSettings(env.workbook, { academicYearStart: formatDate(next) });
      if (written.length > 0) lines.push(`«Начало учебного года»: ${formatDate(next)}.`);
      else if (formatDate(next) !== formatDate(ctx.settingStart ?? { year: 0, month: 1, day: 1 }))
        warnings.push(
          `Не удалось записать «Начало учебного года» (${formatDate(next)}) — нет строки в «Настройки»; запустите «Настроить книгу».`,
        );
    }
    lines.push("Нумерация приказов не менялась.");

    const willing = plan.willing.filter((w) => !promoted.added.has(w.id));
    env.meta.set(
      closedKey(ctx.year),
      JSON.stringify({
        at: ctx.now.toISOString(),
        willing: willing.slice(0, MAX_REMEMBERED).map((w) => w.id),
      } satisfies Closed),
    );
    if (willing.length > 0)
      lines.push(
        `Хотели стать наставниками и не добавлены: ${willing.map((w) => `${w.name} (${w.id})`).join(", ")} — их можно добавить позже.`,
      );
    lines.push(...warnings.map((w) => `Внимание: ${w}`));
    writeJournal(env, [
      {
        action: CLOSE_ACTION,
        outcome: warnings.length > 0 ? "с предупреждениями" : "успешно",
        details: lines.join("\n"),
      },
    ]);
    return {
      year: label,
      completedPairs: completedNow,
      promoted: [...promoted.added.keys()],
      archived: archivedNow,
      roadmapRolled: roadmapArchived ? plan.roadmap.length : 0,
      alreadyClosed: false,
      lines,
    };
  });
}

/** A second run for a closed year: nothing but the mentees chosen now for the mentor base. */
function closedAgain(env: Env, ctx: Context, request: CloseYearRequest): CloseYearResult {
  const label = yearLabel(ctx.year);
  const closed = ctx.closed as Closed;
  const lines = [`Учебный год ${label} уже завершён (${closedAtText(closed)}); повторно ничего не меняется.`];
  const promoted = promote(ctx, env, request.promote, label);
  if (promoted.added.size > 0) {
    const cells = yearLineCells(
      ctx.mentees.values,
      label,
      [...promoted.added].flatMap(([menteeId, mentorId]) => {
        const row = ctx.mentees.table.rows.find((r) => r.record.id === menteeId)?.row; // few promoted
        return row
          ? [{ row, line: `в базу наставников добавлена запись ${mentorId}`, marker: mentorId }]
          : [];
      }),
    );
    if (cells.length > 0) env.workbook.write(ctx.mentees.name, cells);
    const willing = closed.willing.filter((id) => !promoted.added.has(id));
    env.meta.set(closedKey(ctx.year), JSON.stringify({ at: closed.at, willing } satisfies Closed));
  }
  lines.push(...promoted.lines, ...promoted.warnings.map((w) => `Внимание: ${w}`));
  writeJournal(env, [
    {
      action: CLOSE_ACTION,
      outcome: promoted.warnings.length > 0 ? "с предупреждениями" : "успешно",
      details: lines.join("\n"),
    },
  ]);
  return {
    year: label,
    completedPairs: 0,
    promoted: [...promoted.added.keys()],
    archived: [],
    roadmapRolled: 0,
    alreadyClosed: true,
    lines,
  };
}
