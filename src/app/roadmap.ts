// Use cases of «Дорожная карта»: load a template, import a school's own roadmap, refresh
// statuses and overdue flags. The same code runs in the add-on and on the command line.

import type { CellValue } from "../domain/cells";
import { type DateOnly, matchKey } from "../domain/normalize";
import { type Deadline, parseDeadline } from "../domain/roadmap/deadline";
import {
  describeImport,
  type ImportReport,
  occurrenceForYear,
  type RoadmapImport,
  type RoadmapItemDraft,
} from "../domain/roadmap/import";
import { matchOwner, parseOwners } from "../domain/roadmap/owners";
import type { RoadmapTemplate } from "../domain/roadmap/templates";
import {
  NOT_STARTED,
  type RoadmapProgress,
  roadmapColours,
  roadmapProgress,
  trackItem,
} from "../domain/roadmap/track";
import { sheetDef } from "../domain/schema";
import { type RecordOf, recordChanges, type TableRead } from "../domain/table";
import { UserError } from "./errors";
import { writeJournal } from "./journal";
import { writeKeepingEdits } from "./kept-edits";
import type { CellWrite, Env, WorkbookPort } from "./ports";
import { insertRecords, readRecords } from "./records";
import { academicYearStart, readSettings } from "./settings";

export type ImportMode = "replace" | "append";

export interface RoadmapImportResult {
  /** The roadmap already has items and no mode was chosen: nothing was written. */
  needsDecision: boolean;
  existing: number;
  added: number;
  /** Items already in the roadmap (same stage and event), not added again. */
  skippedDuplicates: number;
  /** Items removed by «replace» (kept in the archive sheet). */
  replaced: number;
  archivedTo: string | null;
  academicYear: number;
  /** Owners that are not in «Команда» (people) or match no role there. */
  unmatchedOwners: string[];
  report: ImportReport;
  /** Everything above as Russian lines. */
  lines: string[];
}

function dateOf(iso: string): DateOnly {
  const [y, m, d] = iso.split("-").map(Number);
  return { year: y ?? 0, month: m ?? 1, day: d ?? 1 };
}

function localDay(d: Date): DateOnly {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/** A template as drafts: its relative deadlines resolve in the chosen academic year. */
export function templateDrafts(template: RoadmapTemplate, year: number): RoadmapImport {
  const report: ImportReport = {
    source: `шаблон «${template.title}»`,
    tablesUsed: ["шаблон"],
    tablesSkipped: [],
    ignoredColumns: [],
    rowsSkipped: [],
    unrecognisedDeadlines: [],
    outsideYear: [],
  };
  const items = template.items.map((t, i): RoadmapItemDraft => {
    const deadline = parseDeadline(t.deadline, year);
    if (!deadline.recognised) {
      report.unrecognisedDeadlines.push({
        origin: `пункт ${i + 1}`,
        event: t.event,
        raw: t.deadline,
        problem: deadline.problem ?? "срок не распознан",
      });
    }
    return {
      stageNo: t.stageNo,
      stage: t.stage,
      event: t.event,
      expectedResult: t.expectedResult,
      document: t.document,
      deadline,
      window: occurrenceForYear(deadline, year),
      owners: parseOwners(t.owners),
      origin: `пункт ${i + 1}`,
    };
  });
  return { items, report };
}

function itemKey(stage: string, event: string): string {
  return `${matchKey(stage)}|${matchKey(event)}`;
}

function deadlineComment(deadline: Deadline): string {
  if (deadline.recognised) return deadline.recurrence ? `Повторяется: ${deadline.recurrence.text}.` : "";
  return deadline.raw.trim() === ""
    ? "Срок не указан."
    : `Срок не распознан: ${deadline.problem ?? "уточните дату"}.`;
}

function draftToRecord(d: RoadmapItemDraft): Partial<RecordOf<"roadmap">> {
  return {
    stageNo: d.stageNo,
    stage: d.stage,
    event: d.event,
    expectedResult: d.expectedResult,
    document: d.document,
    start: d.window ? dateOf(d.window.start) : null,
    deadline: d.window ? dateOf(d.window.end) : null,
    deadlineText: d.deadline.raw.replace(/\s*\n\s*/g, " ").trim(),
    owners: [...d.owners.people, ...d.owners.roles].join("; "),
    status: NOT_STARTED,
    comment: deadlineComment(d.deadline),
  };
}

/** Owners of the drafts that «Команда» cannot resolve to a person. */
function unmatchedOwners(drafts: readonly RoadmapItemDraft[], team: TableRead<"team"> | null): string[] {
  const members = (team?.rows ?? []).map((r) => ({ name: r.record.fullName, role: matchKey(r.record.role) }));
  const out = new Set<string>();
  for (const d of drafts) {
    for (const person of d.owners.people) {
      if (matchOwner(person, members) < 0) out.add(person);
    }
    for (const role of d.owners.roles) {
      // «Классные руководители» matches a member whose role is «Классный руководитель»: compare stems.
      const stem = matchKey(role).slice(0, 8);
      if (
        !members.some(
          (m) => m.role !== "" && (m.role.startsWith(stem) || stem.startsWith(m.role.slice(0, 8))),
        )
      )
        out.add(role);
    }
  }
  return [...out];
}

function tryRead<K extends "team">(workbook: WorkbookPort, key: K): TableRead<K> | null {
  try {
    return readRecords(workbook, key);
  } catch {
    return null;
  }
}

/** Copies the roadmap as it is into a new sheet before a replace, so nothing typed is lost. */
function archiveRoadmap(env: Env, values: CellValue[][]): string {
  const stamp = env.clock.now();
  const pad = (n: number) => String(n).padStart(2, "0");
  // Excel allows 31 characters in a sheet name; «Архив дорожной карты 22.11.26» is 29.
  const base = `Архив дорожной карты ${pad(stamp.getDate())}.${pad(stamp.getMonth() + 1)}.${pad(stamp.getFullYear() % 100)}`;
  const names = new Set(env.workbook.sheetNames());
  let name = base;
  for (let i = 2; names.has(name); i++) name = `${base.slice(0, 31 - String(i).length - 1)}-${i}`;
  env.workbook.createSheet(name);
  const cells: CellWrite[] = [];
  values.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value !== "") cells.push({ row: r + 1, col: c + 1, value });
    });
  });
  env.workbook.write(name, cells);
  return name;
}

export interface ImportOptions {
  mode?: ImportMode;
  /** First calendar year of the academic year; default from «Настройки». */
  year?: number;
}

/**
 * Imports roadmap drafts (from a document or a template) into «Дорожная карта».
 * A non-empty roadmap needs an explicit mode; re-importing the same table adds nothing.
 */
export function importRoadmap(
  env: Env,
  source: (year: number) => RoadmapImport,
  options: ImportOptions = {},
): RoadmapImportResult {
  return env.lock.withLock(() => {
    const def = sheetDef("roadmap");
    const settings = readSettings(env.workbook.read("Настройки"));
    const year = options.year ?? academicYearStart(settings.values, env.clock.now());
    const parsed = source(year);
    let table = readRecords(env.workbook, "roadmap");
    const result: RoadmapImportResult = {
      needsDecision: false,
      existing: table.rows.length,
      added: 0,
      skippedDuplicates: 0,
      replaced: 0,
      archivedTo: null,
      academicYear: year,
      unmatchedOwners: unmatchedOwners(parsed.items, tryRead(env.workbook, "team")),
      report: parsed.report,
      lines: [],
    };
    if (table.rows.length > 0 && !options.mode) {
      result.needsDecision = true;
      result.lines = [
        `В «${def.name}» уже ${table.rows.length} мероприятий. Выберите: заменить их (старые сохранятся в архивном листе) или добавить новые к ним.`,
      ];
      return result;
    }
    if (parsed.items.length === 0) {
      throw new UserError(
        [`В источнике не найдено ни одного мероприятия.`, ...describeImport(parsed)].join(" "),
      );
    }
    if (options.mode === "replace" && table.rows.length > 0) {
      const values = env.workbook.read(def.name) ?? [];
      result.archivedTo = archiveRoadmap(env, values);
      env.workbook.deleteRows(
        def.name,
        table.rows.map((r) => r.row),
      );
      result.replaced = table.rows.length;
      table = readRecords(env.workbook, "roadmap");
    }
    const seen = new Set(table.rows.map((r) => itemKey(r.record.stage, r.record.event)));
    const fresh: Partial<RecordOf<"roadmap">>[] = [];
    for (const d of parsed.items) {
      const key = itemKey(d.stage, d.event);
      if (seen.has(key)) {
        result.skippedDuplicates++;
        continue;
      }
      seen.add(key);
      fresh.push(draftToRecord(d));
    }
    insertRecords(env, "roadmap", fresh, table);
    result.added = fresh.length;
    refreshRoadmapUnlocked(env);
    result.lines = describeRoadmapImport(result, parsed);
    writeJournal(env, [
      {
        action: "Импорт дорожной карты",
        outcome:
          parsed.report.unrecognisedDeadlines.length > 0 || result.unmatchedOwners.length > 0
            ? "с предупреждениями"
            : "успешно",
        details: result.lines.join("\n"),
      },
    ]);
    return result;
  });
}

export function describeRoadmapImport(result: RoadmapImportResult, parsed: RoadmapImport): string[] {
  const lines = [...describeImport(parsed)];
  lines.push(`Учебный год: ${result.academicYear}/${String(result.academicYear + 1).slice(2)}.`);
  if (result.archivedTo)
    lines.push(`Прежние ${result.replaced} мероприятий сохранены в листе «${result.archivedTo}» и заменены.`);
  lines.push(`Добавлено в «Дорожная карта»: ${result.added}.`);
  if (result.skippedDuplicates > 0)
    lines.push(`Уже были в дорожной карте и не добавлены повторно: ${result.skippedDuplicates}.`);
  if (result.unmatchedOwners.length > 0) {
    lines.push(
      `Нет в листе «Команда» (допишите, чтобы им приходили напоминания): ${result.unmatchedOwners.map((o) => `«${o}»`).join(", ")}.`,
    );
  }
  return lines;
}

export interface RoadmapRefresh {
  changedCells: number;
  progress: RoadmapProgress;
}

function refreshRoadmapUnlocked(env: Env): RoadmapRefresh {
  const def = sheetDef("roadmap");
  const today = localDay(env.clock.now());
  const table = readRecords(env.workbook, "roadmap");
  const cells: CellWrite[] = [];
  for (const { row, record } of table.rows) {
    cells.push(...recordChanges("roadmap", row, record, trackItem(record, today), table.columns));
  }
  writeKeepingEdits(env, def.name, cells, "Сроки дорожной карты");
  const settings = readSettings(env.workbook.read("Настройки"));
  const width = Math.max(table.columns.width, ...[...table.columns.index.values()].map((i) => i + 1));
  env.workbook.applyLayout(def.name, {
    frozenRows: 1,
    headerWidth: 0,
    headerBackground: "",
    columns: [],
    conditional: roadmapColours(table.columns.index, width, Number(settings.values.reminderDaysBefore) || 7),
  });
  const records = table.rows.map((r) => ({ ...r.record, ...trackItem(r.record, today) }));
  return { changedCells: cells.length, progress: roadmapProgress(records, today) };
}

/** Recomputes statuses, overdue flags and days left; writes only the cells that change. */
export function refreshRoadmap(env: Env): RoadmapRefresh {
  return env.lock.withLock(() => refreshRoadmapUnlocked(env));
}

/** Progress for the overview, computed from the sheet without writing. */
export function readRoadmapProgress(workbook: WorkbookPort, today: Date): RoadmapProgress | null {
  const values = workbook.read(sheetDef("roadmap").name);
  if (!values || values.length === 0) return null;
  try {
    const table = readRecords(workbook, "roadmap");
    const day = localDay(today);
    return roadmapProgress(
      table.rows.map((r) => ({ ...r.record, ...trackItem(r.record, day) })),
      day,
    );
  } catch {
    return null;
  }
}

export function describeProgress(p: RoadmapProgress): string[] {
  const lines = [`Выполнено ${p.done} из ${p.total - p.cancelled}; просрочено: ${p.overdue}.`];
  for (const n of p.next)
    lines.push(`${n.deadlineText} (через ${n.daysLeft} дн.) — ${n.event}${n.owners ? ` — ${n.owners}` : ""}`);
  return lines;
}
