// Closing the academic year («Завершить учебный год»), the pure part: which pairs complete and
// with what results, what goes into both bases, who is offered to the mentor base, which rows of
// «Встречи» and «Обратная связь» leave the live sheets (after archiving), how the roadmap rolls
// forward one year, the archive sheet names. No service is called here: the use case in
// src/app/close-year.ts reads the sheets once, asks this module, and writes the answer in batches.
//
// Decisions (documented for the curator in the preview lines):
// - «Пары и группы» keeps every pair, completed ones with status «Завершена»: IDs stay stable,
//   documents and the mentor ranking keep referring to them; the archive holds the year's copy.
// - «Встречи» and «Обратная связь» lose the rows of pairs that are over (Завершена, Расторгнута,
//   Отклонена) once those rows are in the archive; rows of pairs that go on into the next year
//   (Приостановлена, Предложена) and rows with an unknown pair ID stay.
// - The roadmap keeps its items, dates moved into the next academic year; «Отменено» stays
//   cancelled, every other item starts again as «Не начато».
// - Year results of people go into a column «Итоги наставничества» of both bases: one line per
//   year, never written twice, never touching «Комментарий куратора».

import { type DateOnly, formatDate, matchKey } from "./normalize";
import { NOT_STARTED, trackItem } from "./roadmap/track";
import { listValues } from "./schema";
import type { RecordOf, RowRecord } from "./table";

export const PAIR_COMPLETED = "Завершена";
/** Pairs that work until the end of the year and are completed by closing it. */
export const WORKING_PAIR_STATUSES: readonly string[] = ["Утверждена", "Работает"];
/** Pairs that are over: their meetings and feedback leave the live sheets after archiving. */
export const FINISHED_PAIR_STATUSES: readonly string[] = [PAIR_COMPLETED, "Расторгнута", "Отклонена"];
export const MENTEE_IN_PAIR = "В паре";
export const MENTEE_FINISHED = "Завершил программу";
export const NEW_MENTOR_STATUS = "Кандидат";
export const INTERNAL_CONTOUR = "Внутренний";
const HELD_MEETING = "Проведена";
const FINAL_STAGE = "Итоговая";
const MENTOR_ROLE = "Наставник";
const MENTEE_ROLE = "Наставляемый";
const CANCELLED_ITEM = "Отменено";

/**
 * The column of «Наставляемые» and «Наставники» that holds the year results, one line per year.
 * Not in the schema yet: the use case finds it by its header, or adds it after the last column.
 */
export const RESULTS_HEADER = "Итоги наставничества";

/** Sheets copied into the archive, by schema key, in the order they are archived. */
export const ARCHIVED_SHEETS = [
  "pairs",
  "meetings",
  "feedback",
  "roadmap",
  "monitoring",
  "documents",
] as const;
export type ArchivedSheet = (typeof ARCHIVED_SHEETS)[number];

/** Excel allows 31 characters in a sheet name (and no «/»): the local edition must open it too. */
const MAX_SHEET_NAME = 31;

// ---------------------------------------------------------------------------------------
// Years and dates

/** «2025/2026». */
export function yearLabel(year: number): string {
  return `${year}/${year + 1}`;
}

/**
 * «Архив 2025–26 — Обратная связь»: the year with an en dash (Excel forbids «/» in sheet names)
 * and two digits for the second year, so that every archived sheet fits in 31 characters.
 */
export function archiveSheetName(year: number, sheet: string): string {
  const head = `Архив ${year}–${String(year + 1).slice(2)} — `;
  return `${head}${sheet}`.slice(0, MAX_SHEET_NAME).trim();
}

/** A name not in `taken` (case-insensitive, as both Excel and Sheets compare), within 31 characters. */
export function freeSheetName(base: string, taken: Iterable<string>): string {
  const names = new Set([...taken].map((n) => n.toLowerCase()));
  if (!names.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = `${base.slice(0, MAX_SHEET_NAME - suffix.length).trim()}${suffix}`;
    if (!names.has(name.toLowerCase())) return name;
  }
}

function compareDays(a: DateOnly, b: DateOnly): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The academic year a date belongs to: September starts a new one. */
export function academicYearOf(d: DateOnly): number {
  return d.month >= 9 ? d.year : d.year - 1;
}

/** 1 September of the year … 31 August of the next. */
export function yearBounds(year: number): { start: DateOnly; end: DateOnly } {
  return { start: { year, month: 9, day: 1 }, end: { year: year + 1, month: 8, day: 31 } };
}

/** The academic year named by «Начало учебного года» (a start in July or later opens that year). */
function settingYear(start: DateOnly): number {
  return start.month >= 7 ? start.year : start.year - 1;
}

/**
 * The academic year to close: the one «Начало учебного года» names, unless that year has not begun
 * yet (the setting was already moved on, by closing or by hand) — then the year before it.
 * An empty setting means the academic year of today.
 */
export function closingYear(start: DateOnly | null, today: DateOnly): number {
  if (!start) return academicYearOf(today);
  const year = settingYear(start);
  return compareDays(today, start) < 0 ? year - 1 : year;
}

/**
 * The new «Начало учебного года»: the same day a year later when the setting names the closed
 * year, else 1 September of the next year; null when the setting already names a later year.
 */
export function nextYearStart(start: DateOnly | null, year: number): DateOnly | null {
  if (start && settingYear(start) > year) return null;
  if (start && settingYear(start) === year) return shiftYears(start, 1);
  return { year: year + 1, month: 9, day: 1 };
}

/** The same day `years` years later; 29 February becomes 28 February. */
export function shiftYears(d: DateOnly, years: number): DateOnly {
  const year = d.year + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = d.month === 2 && d.day === 29 && !leap ? 28 : d.day;
  return { year, month: d.month, day };
}

/**
 * Moves the years written in a deadline text: dates «05.11.2021», «1.10.21» and years «Май 2022»,
 * «2021-2022». Month names and relative phrases («Сентябрь - октябрь», «Ежегодно в мае») stay.
 */
export function shiftYearsInText(text: string, years: number): string {
  if (years === 0) return text;
  return text.replace(
    /(\d{1,2}[./]\d{1,2}[./])(\d{4}|\d{2})(?!\d)|(^|\D)(20\d{2})(?!\d)/g,
    (_all, datePart: string | undefined, dateYear: string | undefined, before: string, year: string) => {
      if (datePart !== undefined && dateYear !== undefined) {
        const next = Number(dateYear) + years;
        return `${datePart}${dateYear.length === 2 ? String(next % 100).padStart(2, "0") : next}`;
      }
      return `${before}${Number(year) + years}`;
    },
  );
}

/** 8.666 → «8,7»; 9 → «9». */
export function formatScore(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return (Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1)).replace(".", ",");
}

// ---------------------------------------------------------------------------------------
// Pairs: results from meetings and final feedback

type Pair = RecordOf<"pairs">;
type Meeting = RecordOf<"meetings">;
type Feedback = RecordOf<"feedback">;
type Mentee = RecordOf<"mentees">;
type Mentor = RecordOf<"mentors">;
type RoadmapItem = RecordOf<"roadmap">;

/** The score of one questionnaire: the mean of its 1–10 scales that were answered. */
export function feedbackScore(
  f: Pick<Feedback, "comfort" | "usefulness" | "expectationsMet">,
): number | null {
  const values = [f.comfort, f.usefulness, f.expectationsMet].filter(
    (v): v is number => typeof v === "number",
  );
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Held meetings and final scores per unit (a pair's ID or a group's ID), by match key. */
export interface PairFacts {
  held: Map<string, number>;
  lastHeld: Map<string, DateOnly>;
  finalMentee: Map<string, number[]>;
  finalMentor: Map<string, number[]>;
}

export function collectFacts(
  pairs: readonly Pair[],
  meetings: readonly Meeting[],
  feedback: readonly Feedback[],
): PairFacts {
  const facts: PairFacts = {
    held: new Map(),
    lastHeld: new Map(),
    finalMentee: new Map(),
    finalMentor: new Map(),
  };
  for (const m of meetings) {
    if (m.status !== HELD_MEETING) continue;
    const key = matchKey(m.pairId);
    facts.held.set(key, (facts.held.get(key) ?? 0) + 1);
    const last = facts.lastHeld.get(key);
    if (m.date && (!last || compareDays(m.date, last) > 0)) facts.lastHeld.set(key, m.date);
  }
  const pairById = new Map(pairs.map((p) => [matchKey(p.id), p]));
  for (const f of feedback) {
    if (f.stage !== FINAL_STAGE) continue;
    const key = matchKey(f.pairId);
    const pair = pairById.get(key);
    const score = feedbackScore(f);
    if (score === null) continue;
    const role =
      f.role ||
      (pair && f.participantId && matchKey(f.participantId) === matchKey(pair.mentorId) ? MENTOR_ROLE : "") ||
      (pair && f.participantId && matchKey(f.participantId) === matchKey(pair.menteeId) ? MENTEE_ROLE : "");
    const target = role === MENTOR_ROLE ? facts.finalMentor : role === MENTEE_ROLE ? facts.finalMentee : null;
    if (!target) continue;
    target.set(key, [...(target.get(key) ?? []), score]);
  }
  return facts;
}

/** Unit keys of a pair: its own ID and, in a group, the group's ID (group meetings count for each pair). */
function unitKeys(pair: Pick<Pair, "id" | "groupId">): string[] {
  const keys = [matchKey(pair.id)];
  if (pair.groupId.trim() !== "") keys.push(matchKey(pair.groupId));
  return keys;
}

export function heldMeetings(pair: Pick<Pair, "id" | "groupId">, facts: PairFacts): number {
  return unitKeys(pair).reduce((n, k) => n + (facts.held.get(k) ?? 0), 0);
}

function lastHeldMeeting(pair: Pick<Pair, "id" | "groupId">, facts: PairFacts): DateOnly | null {
  let last: DateOnly | null = null;
  for (const k of unitKeys(pair)) {
    const d = facts.lastHeld.get(k);
    if (d && (!last || compareDays(d, last) > 0)) last = d;
  }
  return last;
}

/** «Проведено встреч: 12; итоговая оценка наставляемого 8,7 из 10, наставника 9 из 10». */
export function pairSummary(pair: Pick<Pair, "id" | "groupId">, facts: PairFacts): string {
  const held = heldMeetings(pair, facts);
  const mentee = mean(facts.finalMentee.get(matchKey(pair.id)) ?? []);
  const mentor = mean(facts.finalMentor.get(matchKey(pair.id)) ?? []);
  const parts = [`Проведено встреч: ${held}`];
  if (mentee === null && mentor === null) parts.push("итоговая анкета обратной связи не заполнена");
  else {
    const scores: string[] = [];
    if (mentee !== null) scores.push(`наставляемого ${formatScore(mentee)} из 10`);
    if (mentor !== null) scores.push(`наставника ${formatScore(mentor)} из 10`);
    parts.push(`итоговая оценка ${scores.join(", ")}`);
  }
  return parts.join("; ");
}

// ---------------------------------------------------------------------------------------
// The plan

export interface CloseYearInput {
  /** The academic year closed (its first calendar year). */
  year: number;
  /** The closing date. */
  today: DateOnly;
  pairs: readonly RowRecord<"pairs">[];
  meetings: readonly RowRecord<"meetings">[];
  feedback: readonly RowRecord<"feedback">[];
  mentees: readonly RowRecord<"mentees">[];
  mentors: readonly RowRecord<"mentors">[];
  roadmap: readonly RowRecord<"roadmap">[];
}

export interface PairClosing {
  row: number;
  id: string;
  /** «П-0003: Иванова Мария Петровна — Смирнова Алёна». */
  label: string;
  mentorId: string;
  menteeId: string;
  /** The curator typed «Итоги»: they are kept as they are. */
  hasResults: boolean;
  /** «Утверждена» / «Работает» before closing (completed now); false: completed earlier this year. */
  completedNow: boolean;
  /** The cells to change (status, end date, results) — only those that change. */
  changes: Partial<Pair>;
  /** The end date after closing. */
  endDate: DateOnly | null;
  /** The results after closing (typed or summarised). */
  results: string;
  /** The summary of meetings and final feedback, whatever «Итоги» hold. */
  summary: string;
}

export interface YearLine {
  row: number;
  id: string;
  /** The line for this year, without the «2025/2026:» prefix. */
  line: string;
}

export interface WillingMentee {
  id: string;
  name: string;
  /** Why they are offered: «отметка в базе», «итоговая анкета обратной связи (П-0003)». */
  reason: string;
}

export interface CloseYearPlan {
  year: number;
  label: string;
  /** The year's pairs: completed now, or completed earlier this year (results filled if empty). */
  pairs: PairClosing[];
  /** Mentees whose status becomes «Завершил программу» (row in «Наставляемые»). */
  menteesFinished: { row: number; id: string }[];
  menteeLines: YearLine[];
  mentorLines: YearLine[];
  willing: WillingMentee[];
  /** Mentees who want to mentor and are in the mentor base already. */
  alreadyMentors: { id: string; name: string; mentorId: string }[];
  /** Row numbers of «Встречи» and «Обратная связь» that leave the live sheet after archiving. */
  meetingRowsLeaving: number[];
  feedbackRowsLeaving: number[];
  /** Roadmap rows rolled forward with the cells to change. */
  roadmap: { row: number; id: string; changes: Partial<RoadmapItem> }[];
  warnings: string[];
}

function pairLabel(p: Pair): string {
  const names = [p.mentorName, p.menteeName].filter((n) => n.trim() !== "").join(" — ");
  return names ? `${p.id}: ${names}` : p.id;
}

function inYear(d: DateOnly, year: number): boolean {
  const { start, end } = yearBounds(year);
  return compareDays(d, start) >= 0 && compareDays(d, end) <= 0;
}

/** The person's key for finding them in the other base: email, else full name. */
function personKeys(p: { email: string; fullName: string }): string[] {
  const keys: string[] = [];
  if (p.email.trim() !== "") keys.push(`e:${matchKey(p.email)}`);
  if (p.fullName.trim() !== "") keys.push(`n:${matchKey(p.fullName)}`);
  return keys;
}

/** The mentor record of a mentee already in the mentor base (same email, or same full name). */
export function findMentorFor(
  mentee: Pick<Mentee, "email" | "fullName">,
  mentors: readonly Pick<Mentor, "id" | "email" | "fullName">[],
): string | null {
  const byKey = new Map<string, string>();
  for (const m of mentors) for (const k of personKeys(m)) if (!byKey.has(k)) byKey.set(k, m.id);
  for (const k of personKeys(mentee)) {
    const id = byKey.get(k);
    if (id) return id;
  }
  return null;
}

const STAGE_PHRASE: Record<string, string> = {
  Итоговая: "в итоговой анкете обратной связи",
  Промежуточная: "в промежуточной анкете обратной связи",
  Входная: "во входной анкете обратной связи",
};

function list(items: readonly string[], limit = 10): string {
  return items.length <= limit
    ? items.join(", ")
    : `${items.slice(0, limit).join(", ")} и ещё ${items.length - limit}`;
}

/** Plans the closing of the year from the sheets as read; nothing is written here. */
export function planCloseYear(input: CloseYearInput): CloseYearPlan {
  const { year, today } = input;
  const label = yearLabel(year);
  const warnings: string[] = [];
  const pairs = input.pairs.map((r) => r.record);
  const meetingsLive = input.meetings.map((r) => r.record);
  const feedbackLive = input.feedback.map((r) => r.record);
  const facts = collectFacts(pairs, meetingsLive, feedbackLive);
  const liveUnits = new Set([
    ...meetingsLive.map((m) => matchKey(m.pairId)),
    ...feedbackLive.map((f) => matchKey(f.pairId)),
  ]);

  // 1. Pairs of the year.
  const closings: PairClosing[] = [];
  const continuing: string[] = [];
  const undated: string[] = [];
  for (const { row, record: p } of input.pairs) {
    if (p.id.trim() === "") continue;
    const working = WORKING_PAIR_STATUSES.includes(p.status);
    const completedThisYear =
      p.status === PAIR_COMPLETED &&
      (p.endDate ? inYear(p.endDate, year) : unitKeys(p).some((k) => liveUnits.has(k)));
    if (!working && !completedThisYear) {
      if (p.status === "Приостановлена" || p.status === "Предложена")
        continuing.push(`${p.id} («${p.status}»)`);
      continue;
    }
    const summary = pairSummary(p, facts);
    const changes: Partial<Pair> = {};
    let endDate = p.endDate;
    if (working) changes.status = PAIR_COMPLETED;
    if (!endDate) {
      endDate = working ? today : lastHeldMeeting(p, facts);
      if (endDate) changes.endDate = endDate;
      else undated.push(p.id);
    }
    const hasResults = p.results.trim() !== "";
    if (!hasResults) changes.results = summary;
    closings.push({
      row,
      id: p.id,
      label: pairLabel(p),
      mentorId: p.mentorId,
      menteeId: p.menteeId,
      hasResults,
      completedNow: working,
      changes,
      endDate,
      results: hasResults ? p.results : summary,
      summary,
    });
  }
  if (continuing.length > 0)
    warnings.push(
      `Пары остаются в прежнем статусе и переходят в новый учебный год: ${list(continuing)}. Их встречи и анкеты остаются в листах.`,
    );
  if (undated.length > 0)
    warnings.push(
      `У пар ${list(undated)} нет даты окончания и ни одной проведённой встречи — укажите дату окончания в «Пары и группы».`,
    );

  // 2. Both bases.
  const statusAfter = new Map(pairs.map((p) => [p.id, p.status]));
  for (const c of closings) statusAfter.set(c.id, PAIR_COMPLETED);
  const menteeStillActive = new Set(
    pairs
      .filter((p) => p.status !== "" && !FINISHED_PAIR_STATUSES.includes(statusAfter.get(p.id) ?? p.status))
      .map((p) => matchKey(p.menteeId)),
  );
  const menteeRows = new Map(input.mentees.map((r) => [matchKey(r.record.id), r]));
  const mentorRows = new Map(input.mentors.map((r) => [matchKey(r.record.id), r]));
  const byMentee = new Map<string, PairClosing[]>();
  const byMentor = new Map<string, PairClosing[]>();
  for (const c of closings) {
    byMentee.set(matchKey(c.menteeId), [...(byMentee.get(matchKey(c.menteeId)) ?? []), c]);
    byMentor.set(matchKey(c.mentorId), [...(byMentor.get(matchKey(c.mentorId)) ?? []), c]);
  }
  const menteesFinished: { row: number; id: string }[] = [];
  const menteeLines: YearLine[] = [];
  const missingPeople: string[] = [];
  const pairsById = new Map(pairs.map((p) => [p.id, p]));
  for (const [key, list_] of byMentee) {
    const mentee = menteeRows.get(key);
    if (!mentee) {
      missingPeople.push(`наставляемого ${list_[0]?.menteeId ?? key}`);
      continue;
    }
    if (mentee.record.status === MENTEE_IN_PAIR && !menteeStillActive.has(key))
      menteesFinished.push({ row: mentee.row, id: mentee.record.id });
    const parts = list_.map((c) => {
      const p = pairsById.get(c.id);
      const mentor = p?.mentorName ? ` (наставник — ${p.mentorName})` : "";
      const end = c.endDate ? `, окончание ${formatDate(c.endDate)}` : "";
      const summary = `${c.summary.charAt(0).toLowerCase()}${c.summary.slice(1)}`;
      return `программа завершена в паре ${c.id}${mentor}${end}; ${summary}`;
    });
    menteeLines.push({ row: mentee.row, id: mentee.record.id, line: parts.join(" | ") });
  }
  const mentorLines: YearLine[] = [];
  for (const [key, list_] of byMentor) {
    const mentor = mentorRows.get(key);
    if (!mentor) {
      missingPeople.push(`наставника ${list_[0]?.mentorId ?? key}`);
      continue;
    }
    const units = new Set<string>();
    for (const c of list_) {
      const p = pairsById.get(c.id);
      if (p) for (const k of unitKeys(p)) units.add(k);
    }
    const held = [...units].reduce((n, k) => n + (facts.held.get(k) ?? 0), 0);
    const scores = list_.flatMap((c) => facts.finalMentee.get(matchKey(c.id)) ?? []);
    const avg = mean(scores);
    const names = list_.map((c) => {
      const name = pairsById.get(c.id)?.menteeName ?? "";
      return name ? `${c.id} — ${name}` : c.id;
    });
    mentorLines.push({
      row: mentor.row,
      id: mentor.record.id,
      line:
        `завершено пар: ${list_.length} (${names.join(", ")}); проведено встреч: ${held}` +
        (avg === null ? "" : `; средняя итоговая оценка наставляемых ${formatScore(avg)} из 10`),
    });
  }
  if (missingPeople.length > 0)
    warnings.push(
      `В базах не найдены: ${list(missingPeople)} — их итоги года записаны только в «Пары и группы».`,
    );

  // 3. Mentees who want to become mentors.
  const wantsByFeedback = new Map<string, { stage: string; pairId: string }>();
  const stageRank = (s: string) => (s === FINAL_STAGE ? 3 : s === "Промежуточная" ? 2 : 1);
  for (const f of feedbackLive) {
    if (!f.wantsToMentor) continue;
    const pair = pairsById.get(f.pairId);
    const isMentee =
      f.role === MENTEE_ROLE ||
      (f.role === "" && pair !== undefined && matchKey(f.participantId) === matchKey(pair.menteeId));
    if (!isMentee) continue;
    const menteeId = matchKey(f.participantId || pair?.menteeId || "");
    if (menteeId === "") continue;
    const known = wantsByFeedback.get(menteeId);
    if (!known || stageRank(f.stage) > stageRank(known.stage))
      wantsByFeedback.set(menteeId, { stage: f.stage, pairId: f.pairId });
  }
  const mentorRecords = input.mentors.map((r) => r.record);
  const willing: WillingMentee[] = [];
  const alreadyMentors: { id: string; name: string; mentorId: string }[] = [];
  for (const key of byMentee.keys()) {
    const mentee = menteeRows.get(key)?.record;
    if (!mentee) continue;
    const reasons: string[] = [];
    if (mentee.wantsToMentor) reasons.push("отметка «Хочет стать наставником» в базе наставляемых");
    const fb = wantsByFeedback.get(key);
    if (fb) reasons.push(`${STAGE_PHRASE[fb.stage] ?? "в анкете обратной связи"} (${fb.pairId})`);
    if (reasons.length === 0) continue;
    const mentorId = findMentorFor(mentee, mentorRecords);
    if (mentorId) {
      alreadyMentors.push({ id: mentee.id, name: mentee.fullName, mentorId });
      continue;
    }
    willing.push({ id: mentee.id, name: mentee.fullName, reason: reasons.join("; ") });
  }

  // 4. Rows of «Встречи» and «Обратная связь» that leave: those of pairs that are over.
  const unitStatus = new Map<string, boolean>(); // unit key → every pair of it is over
  for (const p of pairs) {
    if (p.id.trim() === "") continue;
    const over = FINISHED_PAIR_STATUSES.includes(statusAfter.get(p.id) ?? p.status);
    for (const k of unitKeys(p)) unitStatus.set(k, (unitStatus.get(k) ?? true) && over);
  }
  const unknown = new Set<string>();
  const leaving = (rows: readonly { row: number; record: { pairId: string } }[]): number[] => {
    const out: number[] = [];
    for (const { row, record } of rows) {
      const over = unitStatus.get(matchKey(record.pairId));
      if (over === undefined) unknown.add(record.pairId.trim() || "(пусто)");
      else if (over) out.push(row);
    }
    return out;
  };
  const meetingRowsLeaving = leaving(input.meetings);
  const feedbackRowsLeaving = leaving(input.feedback);
  if (unknown.size > 0)
    warnings.push(
      `В «Встречи» или «Обратная связь» есть строки с ID пары, которой нет в «Пары и группы» (${list([...unknown])}): они копируются в архив и остаются в листах — исправьте ID.`,
    );

  // 5. The roadmap rolls forward into the next academic year.
  const roadmap: CloseYearPlan["roadmap"] = [];
  for (const { row, record } of input.roadmap) {
    const next = rollRoadmapItem(record, year, today);
    if (next) roadmap.push({ row, id: record.id, changes: next });
  }

  return {
    year,
    label,
    pairs: closings,
    menteesFinished,
    menteeLines,
    mentorLines,
    willing,
    alreadyMentors,
    meetingRowsLeaving,
    feedbackRowsLeaving,
    roadmap,
    warnings,
  };
}

/**
 * An item of the closed year in the next one: start and deadline moved into the next academic
 * year (by as many years as they lag behind it, usually one), years in «Срок (как в документе)»
 * moved alike, status «Не начато» (a cancelled item stays cancelled), done date cleared, overdue
 * and days left recomputed for `today`. Null for an item already dated in a later year (imported
 * for the next year before closing). Applying it twice changes nothing the second time.
 */
export function rollRoadmapItem(
  item: RoadmapItem,
  year: number,
  today: DateOnly,
): Partial<RoadmapItem> | null {
  const ref = item.deadline ?? item.start;
  const shift = ref ? Math.max(0, year + 1 - academicYearOf(ref)) : 0;
  if (ref && shift === 0) return null;
  const next: RoadmapItem = {
    ...item,
    start: item.start ? shiftYears(item.start, shift) : null,
    deadline: item.deadline ? shiftYears(item.deadline, shift) : null,
    deadlineText: shiftYearsInText(item.deadlineText, shift),
    status: item.status === CANCELLED_ITEM ? CANCELLED_ITEM : NOT_STARTED,
    doneDate: null,
  };
  return {
    start: next.start,
    deadline: next.deadline,
    deadlineText: next.deadlineText,
    doneDate: null,
    ...trackItem(next, today),
  };
}

// ---------------------------------------------------------------------------------------
// Year lines and the mentor base

/**
 * The cell text with this year's line added; null when the year already has its line (with
 * `marker`: a line of the year holding the marker, e.g. the ID of a mentor record added later).
 */
export function appendYearLine(
  existing: string,
  label: string,
  line: string,
  marker?: string,
): string | null {
  const prefix = `${label}:`;
  const lines = existing.split(/\r?\n/).filter((l) => l.trim() !== "");
  const same = (l: string) => l.trim().startsWith(prefix) && (marker === undefined || l.includes(marker));
  if (lines.some(same)) return null;
  return [...lines, `${prefix} ${line}`].join("\n");
}

const MENTEE_TO_MENTOR_CATEGORY: Record<string, string> = {
  Педагог: "Педагог",
  "Молодой специалист": "Педагог",
  "Педагог, новый в должности": "Педагог",
  Обучающийся: "Обучающийся",
  Студент: "Студент",
};

/**
 * The mentor category for a mentee's: a young specialist becomes a «Педагог», a student a
 * «Студент», a pupil an «Обучающийся»; a category the curator added to both lists stays as it is.
 * Null when no mentor category fits.
 */
export function mentorCategoryFor(
  menteeCategory: string,
  mentorCategories = listValues("mentorCategories"),
): string | null {
  const known = MENTEE_TO_MENTOR_CATEGORY[menteeCategory.trim()];
  if (known) return known;
  const same = mentorCategories.find((c) => matchKey(c) === matchKey(menteeCategory));
  return same ?? null;
}

/**
 * A new record of the mentor base for a mentee who finished and wants to mentor: status
 * «Кандидат» (selection and training come next), internal contour, contacts, subject,
 * department, interests and format copied, consent as it was given.
 */
export function mentorFromMentee(
  mentee: Mentee,
  label: string,
  now: Date,
  category: string,
): Partial<Mentor> {
  return {
    status: NEW_MENTOR_STATUS,
    category,
    contour: INTERNAL_CONTOUR,
    fullName: mentee.fullName,
    email: mentee.email,
    phone: mentee.phone,
    position: mentee.position,
    experienceYears: mentee.experienceYears,
    subjects: mentee.subject,
    department: mentee.department,
    interests: mentee.interests,
    format: mentee.format,
    consent: mentee.consent,
    consentDate: mentee.consentDate,
    noEmail: mentee.noEmail,
    source: `Завершил программу ${label} (${mentee.id})`,
    createdAt: now,
    updatedAt: now,
  };
}
