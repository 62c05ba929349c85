// Monitoring indicators of the programme («Мониторинг»): a pure function of the records of the
// workbook, «Настройки» and today. No personal data comes out: only counts, shares and averages.
//
// Indicator codes are the contract with the regional centre (its combine lines schools up by
// code), so they never change meaning:
// - fixed codes such as `mentees.total`, `coverage.students_pct`, `roadmap.overdue`;
// - breakdowns `<base>.<slug>` (e.g. `pairs.by_form.uchitel_uchitel`), where the slug is the
//   Russian value transliterated to ASCII by a fixed table (ё → e, й → y, х → kh, ц → ts,
//   ч → ch, ш → sh, щ → shch, ю → yu, я → ya, ъ ь dropped) with every other run of characters
//   turned into `_` — so «Учитель – учитель», «Учитель-учитель» and «учитель — учитель» give
//   the same code in every school, and a school's own list value still gets a stable code.
//   An empty value is `ne_ukazano`.
// The `item` of a breakdown indicator holds the Russian value itself.
//
// Definitions (also written into the «Пояснение» of each indicator):
// - pairs of the year: status «Утверждена», «Работает», «Приостановлена», or «Завершена» with an
//   end date in the current academic year (or none);
// - a mentee is covered when one of the pairs of the year is theirs; the programme's mentees of
//   the year are the covered ones and everyone whose status is not «Завершил программу»,
//   «Выбыл» or «Согласие отозвано» (people who finished or left earlier are not counted again);
//   unmatched = mentees of the year who are not covered;
// - students are the mentee categories «Обучающийся» and «Студент»;
// - people who withdrew consent are counted in every total, never named.

import { type DateOnly, matchKey, transliterate } from "../normalize";
import { roadmapProgress } from "../roadmap/track";
import { listValues } from "../schema";
import type { RecordOf } from "../table";

export type Unit = "чел." | "%" | "шт." | "дн." | "балл";

export interface Indicator {
  section: string;
  code: string;
  label: string;
  /** null: nothing to compute from (no feedback yet, no pairs…). */
  value: number | null;
  unit: Unit;
  target: number | null;
  note: string;
  /** For breakdowns: the Russian value the row is about (a category, a form, a status). */
  item?: string;
}

export type MenteeRow = Pick<
  RecordOf<"mentees">,
  "id" | "status" | "category" | "createdAt" | "wantsToMentor"
>;
export type MentorRow = Pick<RecordOf<"mentors">, "id" | "status" | "category" | "contour" | "fullName">;
export type PairRow = Pick<
  RecordOf<"pairs">,
  "id" | "status" | "groupId" | "mentorId" | "menteeId" | "form" | "startDate" | "endDate"
>;
export type MeetingRow = Pick<RecordOf<"meetings">, "pairId" | "date" | "status">;
export type FeedbackRow = Pick<
  RecordOf<"feedback">,
  | "pairId"
  | "participantId"
  | "role"
  | "stage"
  | "comfort"
  | "usefulness"
  | "expectationsMet"
  | "wantsToMentor"
>;

export interface MonitoringSettings {
  /** «Целевой охват обучающихся, %». */
  coverageTarget: number;
  /** «Пара без встреч, дней». */
  inactivityDays: number;
  /** First calendar year of the current academic year (2025 for 2025/26). */
  academicYear: number;
  /**
   * «Всего обучающихся в организации»: the denominator of the students' coverage as the target
   * model counts it; 0 or absent — the students in the base are the denominator.
   */
  studentsTotal?: number;
}

export interface MonitoringInput {
  mentees: readonly MenteeRow[];
  mentors: readonly MentorRow[];
  pairs: readonly PairRow[];
  meetings: readonly MeetingRow[];
  roadmap: readonly RecordOf<"roadmap">[];
  feedback: readonly FeedbackRow[];
  settings: MonitoringSettings;
}

// ---------------------------------------------------------------------------------------
// Statuses and roles the figures depend on

export const ACTIVE_PAIR = ["Утверждена", "Работает", "Приостановлена"] as const;
export const WORKING_PAIR = ["Утверждена", "Работает"] as const;
export const COMPLETED_PAIR = "Завершена";
export const MEETING_PLANNED = "Запланирована";
export const MEETING_HELD = "Проведена";
export const MEETING_CANCELLED = "Отменена";
export const STUDENT_CATEGORIES = ["Обучающийся", "Студент"] as const;
/** Mentees with these statuses and no pair of the year finished or left earlier. */
export const LEFT_STATUSES = ["Завершил программу", "Выбыл", "Согласие отозвано"] as const;
export const WITHDRAWN = "Согласие отозвано";
export const MENTOR_ROLE = "Наставник";
export const MENTEE_ROLE = "Наставляемый";
export const STAGES = [
  { slug: "entry", value: "Входная", label: "входная анкета" },
  { slug: "mid", value: "Промежуточная", label: "промежуточная анкета" },
  { slug: "final", value: "Итоговая", label: "итоговая анкета" },
] as const;

export const SECTIONS = {
  mentees: "Наставляемые",
  mentors: "Наставники",
  coverage: "Охват",
  pairs: "Пары и группы",
  unmatched: "Ожидают пары",
  meetings: "Встречи",
  roadmap: "Дорожная карта",
  satisfaction: "Удовлетворённость",
} as const;

// ---------------------------------------------------------------------------------------
// How the regional centre combines a code over many schools

export type CombineRule =
  | { kind: "sum" }
  | { kind: "max" }
  /** A share: recomputed as 100 × Σ numerator / Σ denominator. */
  | { kind: "ratio"; numerator: string; denominator: string }
  /** An average: weighted by the code `weight` of each school (plain mean when null). */
  | { kind: "mean"; weight: string | null };

/**
 * How a code combines over schools, so a regional total never sums percentages or averages.
 * Counts («чел.», «шт.») add up; shares are recomputed from their counts; averages are weighted.
 */
export function combineRule(code: string): CombineRule {
  const ratio = RATIOS[code];
  if (ratio) return { kind: "ratio", ...ratio };
  if (code === "unmatched.days_max") return { kind: "max" };
  if (code === "unmatched.days_median") return { kind: "mean", weight: "unmatched.count" };
  if (code === "meetings.planned_per_pair" || code === "meetings.held_per_pair")
    return { kind: "mean", weight: "pairs.of_year" };
  const stage = /^satisfaction\.(mentors|mentees)\.(entry|mid|final)$/.exec(code);
  if (stage) return { kind: "mean", weight: `satisfaction.${stage[1]}.answers.${stage[2]}` };
  const change = /^satisfaction\.(mentors|mentees)\.change$/.exec(code);
  if (change) return { kind: "mean", weight: `satisfaction.${change[1]}.answers.final` };
  if (/^satisfaction\.(mentors|mentees)\.by_form\./.test(code)) return { kind: "mean", weight: null };
  return { kind: "sum" };
}

const RATIOS: Record<string, { numerator: string; denominator: string }> = {
  "coverage.pct": { numerator: "coverage.covered", denominator: "coverage.participants" },
  "coverage.students_pct": {
    numerator: "coverage.students_covered",
    denominator: "coverage.students_base",
  },
  "mentees.want_to_mentor_pct": { numerator: "mentees.want_to_mentor", denominator: "coverage.participants" },
  "roadmap.done_pct": { numerator: "roadmap.done", denominator: "roadmap.active" },
};

// ---------------------------------------------------------------------------------------
// Small helpers

/** The stable ASCII code of a Russian list value (see the top of this file). */
export function slug(value: string): string {
  const ascii = transliterate(value.toLowerCase());
  const s = ascii.replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return s === "" ? "ne_ukazano" : s;
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round((value + Number.EPSILON * Math.sign(value)) * f) / f;
}

function pct(part: number, whole: number): number | null {
  return whole > 0 ? round((part / whole) * 100, 1) : null;
}

function mean(values: readonly number[], digits: number): number | null {
  if (values.length === 0) return null;
  return round(values.reduce((a, b) => a + b, 0) / values.length, digits);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1
    ? (s[mid] as number)
    : round(((s[mid - 1] as number) + (s[mid] as number)) / 2, 1);
}

export function dayNo(d: DateOnly): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

export function localDay(t: Date): DateOnly {
  return { year: t.getFullYear(), month: t.getMonth() + 1, day: t.getDate() };
}

/** A number the Russian way: decimal comma. */
export function ruNumber(n: number): string {
  return String(n).replace(".", ",");
}

const has = (list: readonly string[], value: string) => list.includes(value);

/** Adds a value to the list of a key (creating it). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Counts of a breakdown: the list's own order first, then other values alphabetically. */
function breakdown(values: Iterable<string>, order: readonly string[]): { item: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const known = order.filter((v) => counts.has(v));
  const other = [...counts.keys()].filter((v) => !order.includes(v)).sort((a, b) => a.localeCompare(b, "ru"));
  return [...known, ...other].map((item) => ({ item, count: counts.get(item) ?? 0 }));
}

const shown = (item: string) => (item === "" ? "не указано" : item);

/** One score per feedback answer: the mean of the 1–10 scales given (values out of range ignored). */
export function answerScore(
  f: Pick<FeedbackRow, "comfort" | "usefulness" | "expectationsMet">,
): number | null {
  const scales = [f.comfort, f.usefulness, f.expectationsMet].filter(
    (v): v is number => typeof v === "number" && v >= 1 && v <= 10,
  );
  return scales.length === 0 ? null : scales.reduce((a, b) => a + b, 0) / scales.length;
}

/** Pairs by their ID and by their group's ID (a group's ID stands for its first pair). */
export function pairIndex<P extends Pick<PairRow, "id" | "groupId">>(pairs: readonly P[]): Map<string, P> {
  const index = new Map<string, P>();
  for (const p of pairs) if (p.id) index.set(matchKey(p.id), p);
  for (const p of pairs) {
    const g = matchKey(p.groupId);
    if (g && !index.has(g)) index.set(g, p);
  }
  return index;
}

/** Who gave a feedback answer: its «Роль», else the pair's mentor or mentee by «ID участника». */
export function feedbackRole(
  f: Pick<FeedbackRow, "role" | "participantId">,
  pair: Pick<PairRow, "mentorId" | "menteeId"> | undefined,
): "mentor" | "mentee" | null {
  if (f.role === MENTOR_ROLE) return "mentor";
  if (f.role === MENTEE_ROLE) return "mentee";
  const who = matchKey(f.participantId);
  if (!pair || who === "") return null;
  if (who === matchKey(pair.mentorId)) return "mentor";
  if (who === matchKey(pair.menteeId)) return "mentee";
  return null;
}

/** The pairs of the academic year starting 1 September `year` (see the top of this file). */
export function isPairOfYear(p: Pick<PairRow, "status" | "endDate">, year: number): boolean {
  if (has(ACTIVE_PAIR, p.status)) return true;
  if (p.status !== COMPLETED_PAIR) return false;
  return !p.endDate || dayNo(p.endDate) >= dayNo({ year, month: 9, day: 1 });
}

/** Meetings by the pair or group ID they were recorded under. */
export function meetingsById(meetings: readonly MeetingRow[]): Map<string, MeetingRow[]> {
  const by = new Map<string, MeetingRow[]>();
  for (const m of meetings) {
    const key = matchKey(m.pairId);
    if (key) pushTo(by, key, m);
  }
  return by;
}

/** The meetings of a pair: recorded under its own ID or its group's ID. */
export function meetingsOfPair(
  p: Pick<PairRow, "id" | "groupId">,
  byId: ReadonlyMap<string, readonly MeetingRow[]>,
): MeetingRow[] {
  const own = byId.get(matchKey(p.id)) ?? [];
  const group =
    p.groupId && matchKey(p.groupId) !== matchKey(p.id) ? (byId.get(matchKey(p.groupId)) ?? []) : [];
  return [...own, ...group];
}

export function isHeld(m: MeetingRow, today: DateOnly): boolean {
  return m.status === MEETING_HELD && m.date !== null && dayNo(m.date) <= dayNo(today);
}

// ---------------------------------------------------------------------------------------
// The indicators

export function computeIndicators(input: MonitoringInput, now: Date): Indicator[] {
  const today = localDay(now);
  const out: Indicator[] = [];
  const add = (
    section: string,
    code: string,
    label: string,
    value: number | null,
    unit: Unit,
    note: string,
    extra: { target?: number | null; item?: string } = {},
  ) => {
    const row: Indicator = { section, code, label, value, unit, target: extra.target ?? null, note };
    if (extra.item !== undefined) row.item = extra.item;
    out.push(row);
  };
  const { settings } = input;
  const year = settings.academicYear;
  const yearText = `${year}/${String(year + 1).slice(2)}`;

  const pairsOfYear = input.pairs.filter((p) => isPairOfYear(p, year));
  const covered = new Set(pairsOfYear.map((p) => matchKey(p.menteeId)).filter((k) => k !== ""));
  const isCovered = (m: MenteeRow) => covered.has(matchKey(m.id));
  const participants = input.mentees.filter((m) => isCovered(m) || !has(LEFT_STATUSES, m.status));
  const students = participants.filter((m) => has(STUDENT_CATEGORIES, m.category));
  const pairs = pairIndex(input.pairs);

  // ---- Наставляемые
  const S = SECTIONS;
  add(
    S.mentees,
    "mentees.total",
    "Наставляемых в базе",
    input.mentees.length,
    "чел.",
    "Все записи листа «Наставляемые», включая выбывших и отозвавших согласие (они только считаются, без имён).",
  );
  for (const { item, count } of breakdown(
    input.mentees.map((m) => m.category),
    listValues("menteeCategories"),
  )) {
    add(
      S.mentees,
      `mentees.by_category.${slug(item)}`,
      `Наставляемых категории «${shown(item)}»`,
      count,
      "чел.",
      "Все записи базы по столбцу «Категория».",
      { item },
    );
  }
  const menteeForms = new Map<string, Set<string>>();
  const mentorForms = new Map<string, Set<string>>();
  for (const p of pairsOfYear) {
    const form = p.form;
    if (p.menteeId) menteeForms.set(form, (menteeForms.get(form) ?? new Set()).add(matchKey(p.menteeId)));
    if (p.mentorId) mentorForms.set(form, (mentorForms.get(form) ?? new Set()).add(matchKey(p.mentorId)));
  }
  const formOrder = listValues("forms");
  const formsOf = (by: Map<string, Set<string>>) =>
    breakdown([...by.keys()], formOrder).map(({ item }) => ({ item, count: by.get(item)?.size ?? 0 }));
  for (const { item, count } of formsOf(menteeForms)) {
    add(
      S.mentees,
      `mentees.by_form.${slug(item)}`,
      `Наставляемых в форме «${shown(item)}»`,
      count,
      "чел.",
      `Наставляемые в парах ${yearText} уч. года с этой формой наставничества.`,
      { item },
    );
  }
  const wanting = new Set(participants.filter((m) => m.wantsToMentor).map((m) => matchKey(m.id)));
  const participantIds = new Set(participants.map((m) => matchKey(m.id)));
  for (const f of input.feedback) {
    if (!f.wantsToMentor) continue;
    const pair = pairs.get(matchKey(f.pairId));
    if (feedbackRole(f, pair) !== "mentee") continue;
    const who = matchKey(f.participantId) || matchKey(pair?.menteeId);
    if (participantIds.has(who)) wanting.add(who);
  }
  add(
    S.mentees,
    "mentees.want_to_mentor",
    "Наставляемых, желающих стать наставниками",
    wanting.size,
    "чел.",
    "Отметка «Хочет стать наставником» в базе или в анкете обратной связи; среди наставляемых этого года.",
  );
  add(
    S.mentees,
    "mentees.want_to_mentor_pct",
    "Доля наставляемых, желающих стать наставниками",
    pct(wanting.size, participants.length),
    "%",
    "От наставляемых этого учебного года (см. «Охват»).",
  );

  // ---- Наставники
  add(
    S.mentors,
    "mentors.total",
    "Наставников в базе",
    input.mentors.length,
    "чел.",
    "Все записи листа «Наставники», включая кандидатов, выбывших и отозвавших согласие.",
  );
  const mentorsInPairs = new Set(pairsOfYear.map((p) => matchKey(p.mentorId)).filter((k) => k !== ""));
  add(
    S.mentors,
    "mentors.in_pairs",
    "Наставников, работающих с парами",
    mentorsInPairs.size,
    "чел.",
    `Наставники пар и групп ${yearText} уч. года.`,
  );
  for (const { item, count } of breakdown(
    input.mentors.map((m) => m.category),
    listValues("mentorCategories"),
  )) {
    add(
      S.mentors,
      `mentors.by_category.${slug(item)}`,
      `Наставников категории «${shown(item)}»`,
      count,
      "чел.",
      "Все записи базы по столбцу «Категория».",
      { item },
    );
  }
  for (const { item, count } of breakdown(
    input.mentors.map((m) => m.contour),
    listValues("contours"),
  )) {
    add(
      S.mentors,
      `mentors.by_contour.${slug(item)}`,
      `Наставников: ${item === "" ? "контур не указан" : `${item.toLowerCase()} контур`}`,
      count,
      "чел.",
      "Все записи базы по столбцу «Контур».",
      { item },
    );
  }
  for (const { item, count } of formsOf(mentorForms)) {
    add(
      S.mentors,
      `mentors.by_form.${slug(item)}`,
      `Наставников в форме «${shown(item)}»`,
      count,
      "чел.",
      `Наставники пар ${yearText} уч. года с этой формой наставничества.`,
      { item },
    );
  }

  // ---- Охват
  const coveredCount = participants.filter(isCovered).length;
  const studentsCovered = students.filter(isCovered).length;
  add(
    S.coverage,
    "coverage.participants",
    "Наставляемых в программе этого года",
    participants.length,
    "чел.",
    "Все наставляемые, кроме завершивших программу, выбывших и отозвавших согласие раньше и не состоящих в паре этого года.",
  );
  add(
    S.coverage,
    "coverage.covered",
    "Наставляемых в паре или группе",
    coveredCount,
    "чел.",
    `В паре со статусом «Утверждена», «Работает», «Приостановлена» или завершённой в ${yearText} уч. году.`,
  );
  add(
    S.coverage,
    "coverage.pct",
    "Охват наставляемых",
    pct(coveredCount, participants.length),
    "%",
    "Наставляемых в паре или группе от наставляемых этого года.",
  );
  add(
    S.coverage,
    "coverage.students_participants",
    "Обучающихся в программе этого года",
    students.length,
    "чел.",
    `Категории ${STUDENT_CATEGORIES.map((c) => `«${c}»`).join(" и ")}.`,
  );
  add(
    S.coverage,
    "coverage.students_covered",
    "Обучающихся в паре или группе",
    studentsCovered,
    "чел.",
    `Категории ${STUDENT_CATEGORIES.map((c) => `«${c}»`).join(" и ")}.`,
  );
  const total = settings.studentsTotal && settings.studentsTotal > 0 ? Math.round(settings.studentsTotal) : 0;
  const base = total > 0 ? Math.max(total, studentsCovered) : students.length;
  add(
    S.coverage,
    "coverage.students_base",
    "Обучающихся — база расчёта охвата",
    base,
    "чел.",
    total > 0
      ? "«Всего обучающихся в организации» из «Настройки»."
      : "Обучающиеся в базе этого года («Всего обучающихся в организации» в «Настройки» не указано).",
  );
  const studentsPct = pct(studentsCovered, base);
  const target = Number.isFinite(settings.coverageTarget) ? settings.coverageTarget : null;
  let coverageNote =
    total > 0
      ? "Доля обучающихся в паре от всех обучающихся организации. Цель — «Целевой охват обучающихся, %» в «Настройки»."
      : "Доля обучающихся в паре от обучающихся в базе этого года. Цель — «Целевой охват обучающихся, %» в «Настройки».";
  if (studentsPct !== null && target !== null) {
    coverageNote +=
      studentsPct >= target
        ? " Цель достигнута."
        : ` Ниже цели на ${ruNumber(round(target - studentsPct, 1))} п. п.`;
  } else if (studentsPct === null) coverageNote += " Обучающихся в базе нет.";
  add(S.coverage, "coverage.students_pct", "Охват обучающихся", studentsPct, "%", coverageNote, { target });

  // ---- Пары и группы
  add(
    S.pairs,
    "pairs.total",
    "Пар в реестре",
    input.pairs.length,
    "шт.",
    "Все строки листа «Пары и группы».",
  );
  const statusCounts = breakdown(
    input.pairs.map((p) => p.status),
    [],
  );
  for (const status of listValues("pairStatuses")) {
    add(
      S.pairs,
      `pairs.by_status.${slug(status)}`,
      `Пар со статусом «${status}»`,
      statusCounts.find((s) => s.item === status)?.count ?? 0,
      "шт.",
      "По столбцу «Статус».",
      { item: status },
    );
  }
  for (const { item, count } of statusCounts.filter((s) => !listValues("pairStatuses").includes(s.item))) {
    add(
      S.pairs,
      `pairs.by_status.${slug(item)}`,
      `Пар со статусом «${shown(item)}»`,
      count,
      "шт.",
      "Статус не из справочника.",
      { item },
    );
  }
  add(
    S.pairs,
    "pairs.of_year",
    "Пар этого учебного года",
    pairsOfYear.length,
    "шт.",
    `Утверждённые, работающие, приостановленные и завершённые в ${yearText} уч. году; каждая пара группы считается.`,
  );
  add(
    S.pairs,
    "pairs.groups",
    "Групп (наставник с несколькими наставляемыми)",
    new Set(pairsOfYear.map((p) => matchKey(p.groupId)).filter((g) => g !== "")).size,
    "шт.",
    "Разные значения столбца «Группа» у пар этого года.",
  );
  for (const { item, count } of breakdown(
    pairsOfYear.map((p) => p.form),
    formOrder,
  )) {
    add(
      S.pairs,
      `pairs.by_form.${slug(item)}`,
      `Пар в форме «${shown(item)}»`,
      count,
      "шт.",
      "Пары этого учебного года по столбцу «Форма наставничества».",
      { item },
    );
  }

  // ---- Ожидают пары
  const waiting = participants.filter((m) => !isCovered(m));
  const waitDays = waiting
    .filter((m) => m.createdAt instanceof Date)
    .map((m) => Math.max(0, dayNo(today) - dayNo(localDay(m.createdAt as Date))));
  const undated = waiting.length - waitDays.length;
  const undatedNote = undated > 0 ? ` Без даты добавления: ${undated} — не учтены.` : "";
  add(
    S.unmatched,
    "unmatched.count",
    "Наставляемых без пары",
    waiting.length,
    "чел.",
    "Наставляемые этого года, которые не состоят в паре (в том числе с предложенной, но не утверждённой парой).",
  );
  add(
    S.unmatched,
    "unmatched.days_max",
    "Дольше всего ждёт пары",
    waitDays.length > 0 ? waitDays.reduce((a, b) => Math.max(a, b)) : null,
    "дн.",
    `Дней от даты добавления в базу до сегодня.${undatedNote}`,
  );
  add(
    S.unmatched,
    "unmatched.days_median",
    "Ожидание пары, медиана",
    median(waitDays),
    "дн.",
    `Половина ждёт не дольше этого.${undatedNote}`,
  );

  // ---- Встречи
  const byId = meetingsById(input.meetings);
  const scheduled = input.meetings.filter((m) => m.status === MEETING_PLANNED || m.status === MEETING_HELD);
  add(
    S.meetings,
    "meetings.scheduled",
    "Встреч в плане",
    scheduled.length,
    "шт.",
    "Строки листа «Встречи» со статусом «Запланирована» или «Проведена»; встреча группы — одна.",
  );
  add(
    S.meetings,
    "meetings.held",
    "Проведено встреч",
    input.meetings.filter((m) => isHeld(m, today)).length,
    "шт.",
    "Статус «Проведена», дата не позже сегодняшней.",
  );
  add(
    S.meetings,
    "meetings.cancelled",
    "Отменено встреч",
    input.meetings.filter((m) => m.status === MEETING_CANCELLED).length,
    "шт.",
    "Статус «Отменена».",
  );
  add(
    S.meetings,
    "meetings.unmarked",
    "Встреч с прошедшей датой без отметки",
    input.meetings.filter((m) => m.status === MEETING_PLANNED && m.date && dayNo(m.date) < dayNo(today))
      .length,
    "шт.",
    "Статус «Запланирована», а дата уже прошла: отметьте «Проведена» или «Отменена».",
  );
  const plannedPerPair = pairsOfYear.map(
    (p) =>
      meetingsOfPair(p, byId).filter((m) => m.status === MEETING_PLANNED || m.status === MEETING_HELD).length,
  );
  const heldPerPair = pairsOfYear.map((p) => meetingsOfPair(p, byId).filter((m) => isHeld(m, today)).length);
  add(
    S.meetings,
    "meetings.planned_per_pair",
    "Встреч в плане на пару, в среднем",
    mean(plannedPerPair, 1),
    "шт.",
    "По парам этого года; встреча группы считается у каждой пары группы.",
  );
  add(
    S.meetings,
    "meetings.held_per_pair",
    "Проведено встреч на пару, в среднем",
    mean(heldPerPair, 1),
    "шт.",
    "По парам этого года; встреча группы считается у каждой пары группы.",
  );
  const every = Math.max(1, Math.round(settings.inactivityDays));
  let inactive = 0;
  for (const p of input.pairs) {
    if (!has(WORKING_PAIR, p.status)) continue;
    const held = meetingsOfPair(p, byId).filter((m) => isHeld(m, today));
    const last = held.reduce<DateOnly | null>(
      (a, m) => (!a || dayNo(m.date as DateOnly) > dayNo(a) ? (m.date as DateOnly) : a),
      null,
    );
    const base = last ?? p.startDate;
    if (!base) continue;
    if (p.endDate && dayNo(p.endDate) < dayNo(today)) continue;
    if (dayNo(today) - dayNo(base) >= every) inactive++;
  }
  add(
    S.meetings,
    "meetings.pairs_inactive",
    `Работающих пар без встреч ${every} дн. и дольше`,
    inactive,
    "шт.",
    "Статус «Утверждена» или «Работает»; считается от последней проведённой встречи, а без встреч — от даты начала. " +
      "Срок — «Пара без встреч, дней» в «Настройки»; пары без даты начала и после даты окончания не считаются.",
  );

  // ---- Дорожная карта
  const progress = roadmapProgress(input.roadmap, today, 0);
  const active = progress.total - progress.cancelled;
  const notDue = active - progress.done - progress.overdue - progress.withoutDeadline;
  const R = S.roadmap;
  add(
    R,
    "roadmap.total",
    "Мероприятий дорожной карты",
    progress.total,
    "шт.",
    "Все строки листа «Дорожная карта».",
  );
  add(R, "roadmap.active", "Мероприятий в плане", active, "шт.", "Все, кроме отменённых.");
  add(
    R,
    "roadmap.done",
    "Выполнено",
    progress.done,
    "шт.",
    "Статус «Выполнено» или указана дата выполнения.",
  );
  add(
    R,
    "roadmap.done_on_time",
    "Выполнено в срок",
    progress.doneOnTime,
    "шт.",
    "Дата выполнения не позже срока (или срок либо дата не указаны).",
  );
  add(
    R,
    "roadmap.done_late",
    "Выполнено с опозданием",
    progress.doneLate,
    "шт.",
    "Дата выполнения позже срока.",
  );
  add(R, "roadmap.overdue", "Просрочено", progress.overdue, "шт.", "Не выполнено, срок прошёл.");
  add(R, "roadmap.not_due", "Срок не наступил", notDue, "шт.", "Не выполнено, срок впереди.");
  add(
    R,
    "roadmap.no_deadline",
    "Без срока",
    progress.withoutDeadline,
    "шт.",
    "Не выполнено, срок не указан.",
  );
  add(R, "roadmap.cancelled", "Отменено", progress.cancelled, "шт.", "Статус «Отменено».");
  add(
    R,
    "roadmap.done_pct",
    "Выполнение дорожной карты",
    pct(progress.done, active),
    "%",
    "Выполнено от мероприятий в плане.",
  );

  // ---- Удовлетворённость
  const scores = {
    mentor: new Map<string, number[]>(),
    mentee: new Map<string, number[]>(),
  };
  const byForm = { mentor: new Map<string, number[]>(), mentee: new Map<string, number[]>() };
  let answers = 0;
  for (const f of input.feedback) {
    const score = answerScore(f);
    if (score === null) continue;
    const pair = pairs.get(matchKey(f.pairId));
    const role = feedbackRole(f, pair);
    if (!role) continue;
    answers++;
    const stage = STAGES.find((s) => s.value === f.stage);
    if (stage) pushTo(scores[role], stage.slug, score);
    if (pair) pushTo(byForm[role], pair.form, score);
  }
  add(
    S.satisfaction,
    "satisfaction.answers",
    "Анкет обратной связи с оценками",
    answers,
    "шт.",
    "Строки листа «Обратная связь» с ролью и хотя бы одной оценкой 1–10.",
  );
  for (const [role, code, whose] of [
    ["mentor", "mentors", "наставников"],
    ["mentee", "mentees", "наставляемых"],
  ] as const) {
    const note =
      "Среднее по анкетам: оценка анкеты — среднее из «Комфорт», «Польза», «Ожидания оправдались» (1–10).";
    for (const stage of STAGES) {
      const list = scores[role].get(stage.slug) ?? [];
      add(
        S.satisfaction,
        `satisfaction.${code}.answers.${stage.slug}`,
        `Анкет ${whose}: ${stage.label}`,
        list.length,
        "шт.",
        `Этап «${stage.value}».`,
      );
      add(
        S.satisfaction,
        `satisfaction.${code}.${stage.slug}`,
        `Удовлетворённость ${whose}: ${stage.label}`,
        mean(list, 2),
        "балл",
        list.length > 0 ? note : `${note} Анкет этого этапа нет.`,
      );
    }
    const entry = scores[role].get("entry") ?? [];
    const final = scores[role].get("final") ?? [];
    const change =
      entry.length > 0 && final.length > 0
        ? round(
            final.reduce((a, b) => a + b, 0) / final.length - entry.reduce((a, b) => a + b, 0) / entry.length,
            2,
          )
        : null;
    add(
      S.satisfaction,
      `satisfaction.${code}.change`,
      `Изменение удовлетворённости ${whose} (итоговая − входная)`,
      change,
      "балл",
      change === null
        ? "Нужны и входные, и итоговые анкеты."
        : "Больше нуля — к концу программы оценки выросли.",
    );
    for (const { item } of breakdown([...byForm[role].keys()], formOrder)) {
      add(
        S.satisfaction,
        `satisfaction.${code}.by_form.${slug(item)}`,
        `Удовлетворённость ${whose} в форме «${shown(item)}»`,
        mean(byForm[role].get(item) ?? [], 2),
        "балл",
        "Все этапы; форма — из пары в «Пары и группы».",
        { item },
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Chart data

export type ChartKind = "pie" | "column" | "bar" | "line";

/** A small table a chart of «Мониторинг» draws from: a header row, then one row per category. */
export interface ChartBlock {
  key: "coverage" | "pairs_by_form" | "satisfaction" | "roadmap";
  title: string;
  type: ChartKind;
  header: string[];
  rows: (string | number)[][];
}

/** The tables of the four charts, from the indicators (missing figures read as empty / 0). */
export function chartBlocks(indicators: readonly Indicator[]): ChartBlock[] {
  const value = (code: string): number | null => indicators.find((i) => i.code === code)?.value ?? null;
  const count = (code: string) => value(code) ?? 0;
  const cell = (code: string): string | number => value(code) ?? "";
  const covered = count("coverage.covered");
  const forms = indicators
    .filter((i) => i.code.startsWith("pairs.by_form."))
    .map((i) => [shown(i.item ?? ""), i.value ?? 0]);
  return [
    {
      key: "coverage",
      title: "Охват наставляемых",
      type: "pie",
      header: ["Наставляемые", "Человек"],
      rows: [
        ["В паре или группе", covered],
        ["Без пары", Math.max(0, count("coverage.participants") - covered)],
      ],
    },
    {
      key: "pairs_by_form",
      title: "Пары по формам наставничества",
      type: "column",
      header: ["Форма наставничества", "Пар"],
      rows: forms.length > 0 ? forms : [["Пар пока нет", 0]],
    },
    {
      key: "satisfaction",
      title: "Удовлетворённость по этапам (1–10)",
      type: "column",
      header: ["Этап", "Наставники", "Наставляемые"],
      rows: STAGES.map((s) => [
        s.value,
        cell(`satisfaction.mentors.${s.slug}`),
        cell(`satisfaction.mentees.${s.slug}`),
      ]),
    },
    {
      key: "roadmap",
      title: "Ход дорожной карты",
      type: "bar",
      header: ["Мероприятия", "Количество"],
      rows: [
        ["Выполнено в срок", count("roadmap.done_on_time")],
        ["Выполнено с опозданием", count("roadmap.done_late")],
        ["Просрочено", count("roadmap.overdue")],
        ["Срок не наступил", count("roadmap.not_due")],
        ["Без срока", count("roadmap.no_deadline")],
      ],
    },
  ];
}
