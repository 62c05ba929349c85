// Use case «Обновить мониторинг»: the indicators, the mentor ranking and the regional export,
// written into «Мониторинг» and «Выгрузка в регион», and the four charts. Also the figures the
// sidebar shows (monitoringSummary), computed without writing.
//
// Layout of «Мониторинг» (the charts' ranges depend on it — keep the blocks where they are):
// - row 1: the schema's header; from row 2 one indicator per row in the schema's columns
//   (found by header, so they may be reordered);
// - a blank row, then «Рейтинг наставников»: a title row, a header row and one row per mentor
//   in columns A–J (RANKING_HEADERS);
// - the charts' data: four small tables side by side from row 1, columns L–W (BLOCKS_FIRST_COL),
//   each a header row and one row per category; the charts sit to their right (CHARTS_COL).
// Writes are cell-level: only cells whose value differs are written (in one write per sheet), and
// cells the add-on wrote before that are no longer needed are cleared. «Рассчитано» of an
// indicator changes only when its value or target changes, so a second run writes nothing.
//
// Service calls: one read of each sheet, one write per sheet, one journal append, one ensure of
// the charts — whatever the number of people, pairs and meetings.

import { type CellValue, columnLetter, isEmptyCell } from "../domain/cells";
import {
  academicYearText,
  type ExportRow,
  exportCells,
  exportRows,
  labelWithUnit,
} from "../domain/monitoring/export";
import {
  type ChartBlock,
  chartBlocks,
  computeIndicators,
  type Indicator,
  type MonitoringInput,
  type MonitoringSettings,
  ruNumber,
} from "../domain/monitoring/indicators";
import { type MentorRank, rankMentors } from "../domain/monitoring/ranking";
import { crossSheetIssues } from "../domain/record-checks";
import { type SheetKey, sheetDef } from "../domain/schema";
import { type CellIssue, describeIssue, mapColumns, SchemaError, type TableRead } from "../domain/table";
import { writeJournal } from "./journal";
import type { CellWrite, ChartSpec, ChartsPort, Env, WorkbookPort } from "./ports";
import { readRecords } from "./records";
import { academicYearStart, readSettings, type SettingsValues } from "./settings";

export const MONITORING_ACTION = "Обновить мониторинг";
export const RANKING_TITLE = "Рейтинг наставников";
export const RANKING_HEADERS = [
  "Место",
  "ID наставника",
  "Наставник",
  "Баллы",
  "Проведено встреч",
  "Оценка наставляемых (1–10)",
  "Анкет наставляемых",
  "Завершено пар",
  "Активных пар",
  "Как посчитано",
] as const;
/** First column of the charts' data tables (L). */
export const BLOCKS_FIRST_COL = 12;
/** Column and row step of the charts (to the right of the data tables). */
export const CHARTS_COL = 25;
export const CHART_ROW_STEP = 20;
/** A value that cannot be computed yet. */
export const NO_VALUE = "—";

export interface MonitoringRefresh {
  indicators: Indicator[];
  ranking: MentorRank[];
  /** Cells written in «Мониторинг» and «Выгрузка в регион». */
  changedCells: number;
  exportRows: ExportRow[];
  charts: { created: number; updated: number } | null;
  lines: string[];
}

export interface MonitoringSummary {
  /** «2025/2026». */
  year: string;
  computedAt: string;
  /** The latest «Рассчитано» of «Мониторинг» (ISO), null when the sheet was never filled. */
  sheetUpdatedAt: string | null;
  coverage: {
    participants: number;
    covered: number;
    pct: number | null;
    studentsParticipants: number;
    studentsCovered: number;
    /** The denominator of studentsPct: «Всего обучающихся в организации», else the students in the base. */
    studentsBase: number;
    studentsPct: number | null;
    target: number | null;
  };
  pairsOfYear: number;
  pairsByStatus: { status: string; count: number }[];
  unmatched: { count: number; maxDays: number | null; medianDays: number | null };
  meetings: {
    plannedPerPair: number | null;
    heldPerPair: number | null;
    inactivePairs: number;
    inactivityDays: number;
    unmarked: number;
  };
  roadmap: {
    total: number;
    done: number;
    doneOnTime: number;
    doneLate: number;
    overdue: number;
    notDue: number;
    noDeadline: number;
    donePct: number | null;
  };
  satisfaction: Record<
    "mentors" | "mentees",
    { entry: number | null; mid: number | null; final: number | null; change: number | null }
  >;
  wantToMentor: { count: number; pct: number | null };
  /** The first ten of the ranking. */
  ranking: MentorRank[];
  rankedMentors: number;
  indicators: Indicator[];
  /** Cells that could not be read (sheet, row, column), at most ten. */
  problems: string[];
}

interface Loaded {
  input: MonitoringInput;
  settings: SettingsValues;
  year: string;
  issues: CellIssue[];
}

/**
 * What the figures take from «Настройки», with the defaults of empty or unreadable values
 * (target 70 %, 30 days without meetings). Shared by «Мониторинг» and the year's report.
 */
export function monitoringSettings(settings: SettingsValues, academicYear: number): MonitoringSettings {
  const target = Number(settings.coverageTarget);
  const inactivity = Number(settings.inactivityDays);
  const students = Number(settings.studentsTotal);
  return {
    coverageTarget: Number.isFinite(target) ? target : 70,
    inactivityDays: inactivity > 0 ? inactivity : 30,
    academicYear,
    studentsTotal: students > 0 ? students : 0,
  };
}

function load(workbook: WorkbookPort, now: Date): Loaded {
  const read = readSettings(workbook.read(sheetDef("settings").name));
  const settings = read.values;
  const issues: CellIssue[] = [];
  const tables = {
    mentees: readRecords(workbook, "mentees"),
    mentors: readRecords(workbook, "mentors"),
    pairs: readRecords(workbook, "pairs"),
    meetings: readRecords(workbook, "meetings"),
    roadmap: readRecords(workbook, "roadmap"),
    feedback: readRecords(workbook, "feedback"),
  };
  for (const table of Object.values(tables)) {
    // A column deleted or renamed by hand: its data is missing from every figure until it is back.
    for (const col of table.columns.missing)
      issues.push({
        sheet: table.sheet,
        row: 1,
        column: col.header,
        message: "столбца нет (удалён или переименован) — верните заголовок или запустите «Настроить книгу»",
      });
    issues.push(...table.issues);
  }
  issues.push(
    ...crossSheetIssues({
      mentors: tables.mentors.rows,
      mentees: tables.mentees.rows,
      pairs: tables.pairs.rows,
      meetings: tables.meetings.rows,
      feedback: tables.feedback.rows,
    }),
  );
  for (const problem of read.problems) {
    const m = /^Лист «([^»]+)», строка (\d+), «([^»]+)»: (.*)$/.exec(problem);
    if (m)
      issues.push({
        sheet: m[1] ?? "",
        row: Number(m[2]),
        column: m[3] ?? "",
        message: `${m[4]}; до исправления берётся значение по умолчанию`,
      });
  }
  const records = <K extends SheetKey>(key: K & keyof typeof tables) =>
    (tables[key] as TableRead<K>).rows.map((r) => r.record);
  const first = academicYearStart(settings, now);
  const input: MonitoringInput = {
    mentees: records("mentees"),
    mentors: records("mentors"),
    pairs: records("pairs"),
    meetings: records("meetings"),
    roadmap: records("roadmap"),
    feedback: records("feedback"),
    settings: monitoringSettings(settings, first),
  };
  return { input, settings, year: academicYearText(first), issues };
}

function problemLines(issues: readonly CellIssue[], max = 10): string[] {
  if (issues.length === 0) return [];
  const lines = issues.slice(0, max).map(describeIssue);
  if (issues.length > max) lines.push(`…и ещё ${issues.length - max}.`);
  return [
    `Ячейки, которые не удалось прочитать (в расчёт не вошли): ${issues.length}. Исправьте их — до тех пор эти данные не учитываются.`,
    ...lines,
  ];
}

// ---------------------------------------------------------------------------------------
// Cell-level writing of a sheet region

function isDate(value: unknown): value is Date {
  return (
    Object.prototype.toString.call(value) === "[object Date]" && !Number.isNaN((value as Date).getTime())
  );
}

function sameCell(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (isEmptyCell(a) && isEmptyCell(b)) return true;
  if (isDate(a) || isDate(b)) return isDate(a) && isDate(b) && a.getTime() === b.getTime();
  return a === b;
}

/** A grid of wanted cells by 1-based row and column. */
class Grid {
  readonly cells = new Map<string, { row: number; col: number; value: CellValue }>();
  set(row: number, col: number, value: CellValue): void {
    this.cells.set(`${row}:${col}`, { row, col, value });
  }
  has(row: number, col: number): boolean {
    return this.cells.has(`${row}:${col}`);
  }
}

/**
 * The writes that turn `current` into `wanted`: every wanted cell that differs, and every
 * non-empty cell of the add-on's region (`managed`) that is not wanted any more is cleared.
 * Cells outside the region — the curator's own — are never touched.
 */
function diff(
  current: readonly (readonly CellValue[])[],
  wanted: Grid,
  managed: (row: number, col: number) => boolean,
): CellWrite[] {
  const out: CellWrite[] = [];
  for (const { row, col, value } of wanted.cells.values()) {
    if (!sameCell(current[row - 1]?.[col - 1], value)) out.push({ row, col, value });
  }
  current.forEach((line, r) => {
    line.forEach((value, c) => {
      if (!isEmptyCell(value) && managed(r + 1, c + 1) && !wanted.has(r + 1, c + 1))
        out.push({ row: r + 1, col: c + 1, value: "" });
    });
  });
  return out.sort((a, b) => a.row - b.row || a.col - b.col);
}

function sheetValues(workbook: WorkbookPort, key: SheetKey): CellValue[][] {
  const def = sheetDef(key);
  const values = workbook.read(def.name);
  if (values === null) {
    throw new SchemaError(`В книге нет листа «${def.name}». Запустите «Настроить книгу».`, def.name);
  }
  return values;
}

/** The schema header (when the sheet is empty) and the 0-based index of each schema column. */
function headerOf(
  key: SheetKey,
  values: readonly (readonly CellValue[])[],
  wanted: Grid,
): Map<string, number> {
  const def = sheetDef(key);
  if (values.length === 0 || (values[0] ?? []).every((v) => isEmptyCell(v))) {
    def.columns.forEach((c, i) => {
      wanted.set(1, i + 1, c.header);
    });
    return new Map(def.columns.map((c, i) => [c.key, i]));
  }
  const map = mapColumns(def.columns, values[0] ?? []);
  const missing = map.missing.filter((c) => "required" in c && c.required);
  if (missing.length > 0) {
    throw new SchemaError(
      `На листе «${def.name}» нет столбца ${missing.map((c) => `«${c.header}»`).join(", ")}. Запустите «Настроить книгу».`,
      def.name,
    );
  }
  return map.index;
}

// ---------------------------------------------------------------------------------------
// «Мониторинг»

interface BlockPlace {
  block: ChartBlock;
  col: number;
  rows: number;
}

function placeBlocks(blocks: readonly ChartBlock[]): BlockPlace[] {
  let col = BLOCKS_FIRST_COL;
  return blocks.map((block) => {
    const place = { block, col, rows: block.rows.length + 1 };
    col += block.header.length + 1;
    return place;
  });
}

/** The charts over the placed tables: ranges in A1 notation of «Мониторинг». */
export function chartSpecs(places: readonly BlockPlace[]): ChartSpec[] {
  return places.map(({ block, col, rows }, i) => ({
    key: `monitoring.${block.key}`,
    title: block.title,
    type: block.type,
    range: `${columnLetter(col)}1:${columnLetter(col + block.header.length - 1)}${rows}`,
    anchor: { row: 1 + i * CHART_ROW_STEP, col: CHARTS_COL },
  }));
}

function monitoringWrites(
  values: CellValue[][],
  indicators: readonly Indicator[],
  ranking: readonly MentorRank[],
  places: readonly BlockPlace[],
  now: Date,
): CellWrite[] {
  const wanted = new Grid();
  const index = headerOf("monitoring", values, wanted);
  const col = (key: string) => {
    const i = index.get(key);
    return i === undefined ? null : i + 1;
  };
  const cCode = col("code");
  const cValue = col("value");
  const cTarget = col("target");
  const cUpdated = col("updatedAt");
  // What each indicator was, by code, to keep «Рассчитано» when nothing changed.
  const before = new Map<string, { value: CellValue; target: CellValue; updated: CellValue }>();
  if (cCode) {
    for (const line of values.slice(1)) {
      const code = String(line[cCode - 1] ?? "").trim();
      if (!code || before.has(code)) continue;
      before.set(code, {
        value: cValue ? (line[cValue - 1] ?? "") : "",
        target: cTarget ? (line[cTarget - 1] ?? "") : "",
        updated: cUpdated ? (line[cUpdated - 1] ?? "") : "",
      });
    }
  }
  indicators.forEach((ind, i) => {
    const row = 2 + i;
    const value: CellValue = ind.value ?? NO_VALUE;
    const target: CellValue = ind.target ?? "";
    const prev = before.get(ind.code);
    const unchanged =
      prev && sameCell(prev.value, value) && sameCell(prev.target, target) && isDate(prev.updated);
    const cells: Record<string, CellValue> = {
      section: ind.section,
      code: ind.code,
      indicator: labelWithUnit(ind),
      value,
      target,
      note: ind.note,
      updatedAt: unchanged ? (prev.updated as Date) : now,
    };
    for (const [key, cell] of Object.entries(cells)) {
      const c = col(key);
      if (c) wanted.set(row, c, cell);
    }
  });
  // The ranking, below a blank row. A number in the «Рассчитано» column (date-formatted) goes as text.
  const dateCol = cUpdated;
  const first = 2 + indicators.length + 1;
  wanted.set(first, 1, RANKING_TITLE);
  RANKING_HEADERS.forEach((h, i) => {
    wanted.set(first + 1, i + 1, h);
  });
  ranking.forEach((r, i) => {
    const line: CellValue[] = [
      r.place,
      r.mentorId,
      r.name,
      r.score,
      r.meetingsHeld,
      r.menteeScore ?? NO_VALUE,
      r.menteeAnswers,
      r.completedPairs,
      r.activePairs,
      r.formula,
    ];
    line.forEach((value, c) => {
      wanted.set(
        first + 2 + i,
        c + 1,
        c + 1 === dateCol && typeof value === "number" ? String(value) : value,
      );
    });
  });
  if (ranking.length === 0) wanted.set(first + 2, 1, "Наставников с работавшими парами пока нет.");
  // The charts' data tables. Each was as tall as the unbroken run of its first column from row 1.
  const blockRows = new Map<number, number>();
  for (const { block, col: c0, rows } of places) {
    let previous = 0;
    while (!isEmptyCell(values[previous]?.[c0 - 1])) previous++;
    [block.header, ...block.rows].forEach((line, r) => {
      line.forEach((value, c) => {
        wanted.set(1 + r, c0 + c, value);
      });
    });
    for (let c = 0; c < block.header.length; c++) blockRows.set(c0 + c, Math.max(previous, rows));
  }
  // The region the add-on owns: the indicator columns from row 2, the ranking's columns from where
  // the ranking starts (now or before), the data tables down to their (old or new) last row.
  const tableCols = new Set<number>([...index.values()].map((i) => i + 1));
  const firstCol = values.map((line) => line[0]);
  const oldRanking = firstCol.findIndex((v, r) => r > 0 && v === RANKING_TITLE);
  const rankingFrom = oldRanking > 0 ? Math.min(oldRanking + 1, first) : first;
  const managed = (row: number, c: number): boolean => {
    const blockHeight = blockRows.get(c);
    if (blockHeight !== undefined) return row <= blockHeight;
    if (tableCols.has(c)) return row >= 2;
    return c <= RANKING_HEADERS.length && row >= rankingFrom;
  };
  return diff(values, wanted, managed);
}

function exportWrites(values: CellValue[][], rows: readonly ExportRow[]): CellWrite[] {
  const wanted = new Grid();
  const index = headerOf("regionExport", values, wanted);
  const columns = sheetDef("regionExport").columns;
  exportCells(rows).forEach((line, r) => {
    line.forEach((value, c) => {
      const i = index.get(columns[c]?.key ?? "");
      if (i !== undefined) wanted.set(2 + r, i + 1, value);
    });
  });
  const cols = new Set([...index.values()].map((i) => i + 1));
  return diff(values, wanted, (row, col) => row >= 2 && cols.has(col));
}

// ---------------------------------------------------------------------------------------
// The use cases

function keyLines(indicators: readonly Indicator[]): string[] {
  const get = (code: string) => indicators.find((i) => i.code === code);
  const fmt = (code: string) => {
    const i = get(code);
    return i?.value === null || i === undefined ? "нет данных" : `${ruNumber(i.value)} ${i.unit}`;
  };
  const target = get("coverage.students_pct")?.target;
  // A unit ending with a dot («шт.») ends the sentence itself.
  const end = (line: string) => line.replace(/\.\.$/, ".");
  return [
    `Охват обучающихся: ${fmt("coverage.students_pct")}${target != null ? ` (цель ${ruNumber(target)} %)` : ""}; охват всех наставляемых: ${fmt("coverage.pct")}.`,
    `Наставляемых без пары: ${fmt("unmatched.count")}; пар этого года: ${fmt("pairs.of_year")}; без встреч: ${fmt("meetings.pairs_inactive")}.`,
    `Дорожная карта: выполнено ${fmt("roadmap.done")} (${fmt("roadmap.done_pct")}), просрочено ${fmt("roadmap.overdue")}.`,
  ].map(end);
}

export interface RefreshOptions {
  /** Log to «Журнал» only when something was written (the daily run logs its own summary). */
  journalOnlyChanges?: boolean;
}

/**
 * Recomputes the indicators and the ranking from the workbook and writes «Мониторинг»,
 * «Выгрузка в регион» and (when `charts` is given) the four charts. Under the lock; safe to repeat.
 */
export function refreshMonitoring(
  env: Env,
  charts: ChartsPort | null,
  options: RefreshOptions = {},
): MonitoringRefresh {
  return env.lock.withLock(() => {
    const now = env.clock.now();
    const { input, settings, year, issues } = load(env.workbook, now);
    const indicators = computeIndicators(input, now);
    const ranking = rankMentors(input, now);
    const places = placeBlocks(chartBlocks(indicators));
    const monitoring = sheetDef("monitoring").name;
    const region = sheetDef("regionExport").name;
    const monitoringValues = sheetValues(env.workbook, "monitoring");
    const regionValues = sheetValues(env.workbook, "regionExport");
    const rows = exportRows(
      {
        orgShortName: String(settings.orgShortName ?? ""),
        orgFullName: String(settings.orgFullName ?? ""),
        regionCode: String(settings.regionCode ?? ""),
      },
      year,
      indicators,
    );
    const mCells = monitoringWrites(monitoringValues, indicators, ranking, places, now);
    const rCells = exportWrites(regionValues, rows);
    if (mCells.length > 0) env.workbook.write(monitoring, mCells);
    if (rCells.length > 0) env.workbook.write(region, rCells);
    const chartResult = charts ? charts.ensure(monitoring, chartSpecs(places)) : null;

    const changed = mCells.length + rCells.length;
    const lines = [
      changed > 0
        ? `Показатели ${year} уч. года пересчитаны: ${indicators.length}; изменено ячеек — ${changed}.`
        : `Показатели ${year} уч. года пересчитаны: ${indicators.length}; ничего не изменилось.`,
      ...keyLines(indicators),
      `«${RANKING_TITLE}»: ${ranking.length} чел. — ниже показателей на листе «${monitoring}».`,
      `«${region}»: строк — ${rows.length}.`,
    ];
    if (!String(settings.orgShortName ?? "").trim() && !String(settings.orgFullName ?? "").trim())
      lines.push(
        "В «Настройки» не указано наименование организации — в выгрузке столбец «Организация» пуст.",
      );
    if (!String(settings.regionCode ?? "").trim())
      lines.push("В «Настройки» не указан «Код организации для выгрузки в регион».");
    lines.push(
      chartResult
        ? `Диаграммы: создано ${chartResult.created}, обновлено ${chartResult.updated}.`
        : `Диаграммы строятся в Google Таблицах; их данные — в столбцах ${columnLetter(BLOCKS_FIRST_COL)}–` +
            `${columnLetter((places.at(-1)?.col ?? BLOCKS_FIRST_COL) + (places.at(-1)?.block.header.length ?? 1) - 1)} листа «${monitoring}».`,
    );
    lines.push(...problemLines(issues));
    if (!options.journalOnlyChanges || changed > 0 || (chartResult?.created ?? 0) > 0) {
      writeJournal(env, [
        {
          action: MONITORING_ACTION,
          outcome: issues.length > 0 ? "с предупреждениями" : "успешно",
          details: lines.join("\n"),
        },
      ]);
    }
    return { indicators, ranking, changedCells: changed, exportRows: rows, charts: chartResult, lines };
  });
}

/** The figures of «Мониторинг и итоги года», computed now; writes nothing. Plain JSON. */
export function monitoringSummary(env: Env): MonitoringSummary {
  const now = env.clock.now();
  const { input, year, issues } = load(env.workbook, now);
  const indicators = computeIndicators(input, now);
  const ranking = rankMentors(input, now);
  const value = (code: string) => indicators.find((i) => i.code === code)?.value ?? null;
  const count = (code: string) => value(code) ?? 0;
  let sheetUpdatedAt: string | null = null;
  const values = env.workbook.read(sheetDef("monitoring").name);
  if (values && values.length > 1) {
    const index = mapColumns(sheetDef("monitoring").columns, values[0] ?? []).index.get("updatedAt");
    if (index !== undefined) {
      let latest = -Infinity;
      for (const line of values.slice(1)) {
        const v = line[index];
        if (isDate(v) && v.getTime() > latest) latest = v.getTime();
      }
      if (latest > -Infinity) sheetUpdatedAt = new Date(latest).toISOString();
    }
  }
  const stages = (who: "mentors" | "mentees") => ({
    entry: value(`satisfaction.${who}.entry`),
    mid: value(`satisfaction.${who}.mid`),
    final: value(`satisfaction.${who}.final`),
    change: value(`satisfaction.${who}.change`),
  });
  return {
    year,
    computedAt: now.toISOString(),
    sheetUpdatedAt,
    coverage: {
      participants: count("coverage.participants"),
      covered: count("coverage.covered"),
      pct: value("coverage.pct"),
      studentsParticipants: count("coverage.students_participants"),
      studentsCovered: count("coverage.students_covered"),
      studentsBase: count("coverage.students_base"),
      studentsPct: value("coverage.students_pct"),
      target: indicators.find((i) => i.code === "coverage.students_pct")?.target ?? null,
    },
    pairsOfYear: count("pairs.of_year"),
    pairsByStatus: indicators
      .filter((i) => i.code.startsWith("pairs.by_status."))
      .map((i) => ({ status: i.item ?? "", count: i.value ?? 0 })),
    unmatched: {
      count: count("unmatched.count"),
      maxDays: value("unmatched.days_max"),
      medianDays: value("unmatched.days_median"),
    },
    meetings: {
      plannedPerPair: value("meetings.planned_per_pair"),
      heldPerPair: value("meetings.held_per_pair"),
      inactivePairs: count("meetings.pairs_inactive"),
      inactivityDays: input.settings.inactivityDays,
      unmarked: count("meetings.unmarked"),
    },
    roadmap: {
      total: count("roadmap.total"),
      done: count("roadmap.done"),
      doneOnTime: count("roadmap.done_on_time"),
      doneLate: count("roadmap.done_late"),
      overdue: count("roadmap.overdue"),
      notDue: count("roadmap.not_due"),
      noDeadline: count("roadmap.no_deadline"),
      donePct: value("roadmap.done_pct"),
    },
    satisfaction: { mentors: stages("mentors"), mentees: stages("mentees") },
    wantToMentor: { count: count("mentees.want_to_mentor"), pct: value("mentees.want_to_mentor_pct") },
    ranking: ranking.slice(0, 10),
    rankedMentors: ranking.length,
    indicators,
    problems: problemLines(issues).slice(1),
  };
}
