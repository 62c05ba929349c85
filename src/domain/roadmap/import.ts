// Understanding a school's own roadmap table: which column is which (by the headers real
// roadmaps use), section rows that span the table, numbered sub-items inside one cell,
// deadline phrases and owners. Nothing is lost: every row becomes items or is listed in the
// report with its reason; a deadline that is not understood keeps its raw text.

import { cleanText, headerKey } from "../normalize";
import { type Deadline, type Occurrence, parseDeadline } from "./deadline";
import { splitEvents } from "./events";
import { type Owners, parseOwners } from "./owners";
import type { SourceDocument, SourceRow, SourceTable } from "./source";

export type RoadmapField =
  | "stageNo"
  | "stage"
  | "event"
  | "expectedResult"
  | "document"
  | "deadline"
  | "owners";

/**
 * Header synonyms seen in real roadmaps, most specific first: a header is matched by the
 * first rule whose phrase it starts with or equals (after normalisation).
 */
const HEADER_RULES: readonly { field: RoadmapField; phrases: readonly string[] }[] = [
  {
    field: "document",
    phrases: [
      "результат вид документа",
      "вид документа",
      "документ",
      "форма отчетности",
      "отчетный документ",
      "подтверждающий документ",
    ],
  },
  {
    field: "expectedResult",
    phrases: ["ожидаемый результат", "планируемый результат", "ожидаемые результаты", "результат"],
  },
  { field: "deadline", phrases: ["сроки", "срок", "дата проведения", "дата", "период", "время проведения"] },
  { field: "owners", phrases: ["ответственные", "ответственный", "исполнители", "исполнитель"] },
  {
    field: "event",
    phrases: [
      "наименование мероприятия",
      "наименование мероприятий",
      "содержание деятельности",
      "мероприятие",
      "мероприятия",
      "содержание работы",
      "план мероприятий",
      "наименование работ",
    ],
  },
  {
    field: "stage",
    phrases: ["наименование этапа", "этапы", "этап", "направление деятельности", "направление"],
  },
  { field: "stageNo", phrases: ["п/п", "no п/п", "n п/п", "№"] },
];

/** Which field a header cell names, or null. */
export function recogniseHeader(text: string): RoadmapField | null {
  const raw = cleanText(text);
  if (/^№\s*(п\s*\/\s*п|этапа)?\.?$/i.test(raw) || /^n\s*п\/п$/i.test(raw)) return "stageNo";
  const key = headerKey(raw);
  if (key === "") return null;
  for (const rule of HEADER_RULES) {
    for (const phrase of rule.phrases) {
      if (key === phrase || key.startsWith(`${phrase} `)) return rule.field;
    }
  }
  return null;
}

export interface ColumnRoles {
  /** 0-based column of each recognised field. */
  byField: Partial<Record<RoadmapField, number>>;
  /** Headers that were not recognised (kept out of the import, listed in the report). */
  unknown: string[];
}

function rolesOf(header: readonly string[]): ColumnRoles {
  const byField: Partial<Record<RoadmapField, number>> = {};
  const unknown: string[] = [];
  header.forEach((cell, i) => {
    const field = recogniseHeader(cell);
    if (field && byField[field] === undefined) byField[field] = i;
    else if (cleanText(cell) !== "") unknown.push(cleanText(cell));
  });
  return { byField, unknown };
}

export interface RoadmapItemDraft {
  stageNo: string;
  stage: string;
  event: string;
  expectedResult: string;
  document: string;
  deadline: Deadline;
  /** The occurrence that falls in the chosen academic year (or the nearest one), if any. */
  window: Occurrence | null;
  owners: Owners;
  /** Where it came from, for the report: «таблица 2, строка 7». */
  origin: string;
}

export interface ImportReport {
  source: string;
  tablesUsed: string[];
  tablesSkipped: string[];
  /** Headers of used tables that are not imported (their content stays in the document). */
  ignoredColumns: string[];
  /** Rows that gave no event, with the reason. */
  rowsSkipped: { origin: string; reason: string }[];
  /** Items whose deadline was not understood (raw text kept, marked «срок не распознан»). */
  unrecognisedDeadlines: { origin: string; event: string; raw: string; problem: string }[];
  /** Items with a deadline outside the chosen academic year. */
  outsideYear: { origin: string; event: string; raw: string }[];
}

export interface RoadmapImport {
  items: RoadmapItemDraft[];
  report: ImportReport;
}

const MARKERS = /^\s*(\d+(\.\d+)*[.)]?|[IVXLC]+\.?)\s*$/;

/**
 * A row that is a stage heading. Readers that know the layout say so (`spanning`); for CSV it
 * is a row with exactly one filled cell outside the event column (a lone text in the event
 * column is an event without details, not a heading).
 */
function isSectionRow(row: SourceRow, roles: ColumnRoles): boolean {
  if (row.spanning !== undefined) return row.spanning;
  const filled = row.cells.map((c, i) => ({ text: cleanText(c), i })).filter((c) => c.text !== "");
  return filled.length === 1 && filled[0]?.i !== roles.byField.event;
}

function academicWindow(year: number): { start: string; end: string } {
  return { start: `${year}-09-01`, end: `${year + 1}-08-31` };
}

/** The occurrence for the chosen academic year: the one ending inside it, else the next, else the last. */
export function occurrenceForYear(deadline: Deadline, year: number): Occurrence | null {
  const occ = deadline.occurrences;
  if (occ.length === 0) return null;
  const { start, end } = academicWindow(year);
  const inside = occ.filter((o) => o.end >= start && o.end <= end);
  if (inside.length > 0) {
    // Several in the year (e.g. «ежемесячно»): the whole span of them.
    const first = inside.reduce((a, b) => (a.start <= b.start ? a : b));
    const last = inside.reduce((a, b) => (a.end >= b.end ? a : b));
    return { start: first.start, end: last.end };
  }
  const later = occ.filter((o) => o.end > end).sort((a, b) => a.end.localeCompare(b.end));
  return later[0] ?? occ[occ.length - 1] ?? null;
}

function findHeader(table: SourceTable): { index: number; roles: ColumnRoles } | null {
  const limit = Math.min(table.rows.length, 5);
  for (let i = 0; i < limit; i++) {
    const row = table.rows[i];
    if (!row) continue;
    const roles = rolesOf(row.cells);
    if (roles.byField.event !== undefined && Object.keys(roles.byField).length >= 2)
      return { index: i, roles };
  }
  return null;
}

function cell(row: SourceRow, col: number | undefined): string {
  if (col === undefined) return "";
  return row.cells[col] ?? "";
}

function stripStageNo(text: string): { no: string; name: string } {
  const m = /^\s*((?:\d+|[IVXLC]+)\.?)\s+(.+)$/s.exec(text);
  if (m?.[1] && m[2] && !/^\d+\.\d/.test(text.trim()))
    return { no: m[1].replace(/\.$/, ""), name: cleanText(m[2]) };
  return { no: "", name: cleanText(text) };
}

/** Reads every roadmap table of a document into item drafts and a report. */
export function importRoadmapDocument(doc: SourceDocument, academicYearStart: number): RoadmapImport {
  const items: RoadmapItemDraft[] = [];
  const report: ImportReport = {
    source: doc.name,
    tablesUsed: [],
    tablesSkipped: [],
    ignoredColumns: [],
    rowsSkipped: [],
    unrecognisedDeadlines: [],
    outsideYear: [],
  };
  const { start: yearStart, end: yearEnd } = academicWindow(academicYearStart);
  let sectionCount = 0;

  doc.tables.forEach((table, t) => {
    const tableName = doc.tables.length > 1 ? `таблица ${t + 1}` : "таблица";
    const header = findHeader(table);
    if (!header) {
      const first = table.rows[0]?.cells.map(cleanText).filter(Boolean).join(" | ") ?? "";
      report.tablesSkipped.push(
        `${tableName} (${first.slice(0, 120) || "пустая"}): нет столбца мероприятий — ожидается заголовок вроде «Мероприятие», «Наименование мероприятия» или «Содержание деятельности»`,
      );
      return;
    }
    const { roles } = header;
    report.tablesUsed.push(tableName);
    for (const h of roles.unknown) if (!report.ignoredColumns.includes(h)) report.ignoredColumns.push(h);

    let stageNo = "";
    let stage = "";
    for (let r = header.index + 1; r < table.rows.length; r++) {
      const row = table.rows[r] as SourceRow;
      const origin = `${tableName}, строка ${r + 1}`;
      const texts = row.cells.map(cleanText);
      if (texts.every((c) => c === "")) continue;
      // A header row repeated where the table continues on the next page.
      if (
        rolesOf(row.cells).byField.event !== undefined &&
        texts.filter(Boolean).every((c) => recogniseHeader(c) !== null)
      ) {
        continue;
      }
      if (isSectionRow(row, roles)) {
        const text = texts.find((c) => c !== "") ?? "";
        if (!MARKERS.test(text)) {
          sectionCount++;
          const parsed = stripStageNo(text);
          stageNo = parsed.no || String(sectionCount);
          stage = parsed.name;
          continue;
        }
      }
      // Stage columns carry over to following rows where they are empty (merged cells).
      const noText = cleanText(cell(row, roles.byField.stageNo)).replace(/\.$/, "");
      const stageText = cleanText(cell(row, roles.byField.stage));
      if (noText || stageText) {
        if (stageText) {
          const parsed = stripStageNo(stageText);
          stage = parsed.name;
          stageNo = noText || parsed.no || stageNo;
        } else {
          stageNo = noText;
        }
      }
      const eventText = cell(row, roles.byField.event);
      const events = splitEvents(eventText);
      if (events.length === 0) {
        const rest = texts.filter(
          (c, i) => c !== "" && i !== roles.byField.stageNo && i !== roles.byField.stage,
        );
        if (rest.length > 0) {
          report.rowsSkipped.push({
            origin,
            reason: `нет текста мероприятия, хотя заполнено: «${rest.join(" | ").slice(0, 160)}» — впишите мероприятие или удалите строку`,
          });
        }
        continue;
      }
      const deadline = parseDeadline(cell(row, roles.byField.deadline), academicYearStart);
      const window = occurrenceForYear(deadline, academicYearStart);
      const owners = parseOwners(cell(row, roles.byField.owners));
      for (const event of events) {
        const item: RoadmapItemDraft = {
          stageNo,
          stage,
          event,
          expectedResult: cleanText(cell(row, roles.byField.expectedResult)),
          document: cleanText(cell(row, roles.byField.document)),
          deadline,
          window,
          owners,
          origin,
        };
        items.push(item);
        if (!deadline.recognised) {
          report.unrecognisedDeadlines.push({
            origin,
            event: event.slice(0, 120),
            raw: deadline.raw,
            problem: deadline.problem ?? "срок не распознан",
          });
        } else if (window && (window.end < yearStart || window.start > yearEnd)) {
          report.outsideYear.push({ origin, event: event.slice(0, 120), raw: deadline.raw });
        }
      }
    }
  });
  if (report.tablesUsed.length === 0 && doc.tables.length > 0) {
    report.tablesSkipped.push(
      "Ни одна таблица не похожа на дорожную карту: в первой строке нужны заголовки столбцов.",
    );
  }
  return { items, report };
}

/** The Russian lines of an import report, for the sidebar, the command line and «Журнал». */
export function describeImport(result: RoadmapImport): string[] {
  const { report, items } = result;
  const lines = [`Источник: ${report.source}. Мероприятий распознано: ${items.length}.`];
  for (const s of report.tablesSkipped) lines.push(`Пропущена ${s}.`);
  if (report.ignoredColumns.length > 0) {
    lines.push(
      `Столбцы не перенесены (не относятся к дорожной карте): ${report.ignoredColumns.map((c) => `«${c}»`).join(", ")}.`,
    );
  }
  for (const s of report.rowsSkipped) lines.push(`${s.origin}: ${s.reason}.`);
  const empty = report.unrecognisedDeadlines.filter((u) => u.raw.trim() === "");
  const unclear = report.unrecognisedDeadlines.filter((u) => u.raw.trim() !== "");
  if (empty.length > 0) lines.push(`Срок не указан у ${empty.length} мероприятий — впишите сроки в лист.`);
  for (const u of unclear)
    lines.push(`${u.origin}: срок не распознан «${u.raw}» (${u.problem}) — «${u.event}».`);
  if (report.outsideYear.length > 0) {
    lines.push(
      `Сроки вне выбранного учебного года у ${report.outsideYear.length} мероприятий (например, «${report.outsideYear[0]?.raw}»): проверьте год.`,
    );
  }
  return lines;
}
