// Planning reminders: a pure function of the workbook's records, «Журнал рассылок» and today.
//
// Every message has a key `kind|recipient|subjectItem|dueDate`. A message is planned on its due
// date and, while its key is not in the log, on every later day of its window (so a message
// postponed for the quota, the time limit or a failure goes out on a later run with the same
// key). A key in the log as sent, in progress or unknown is never planned again. A recipient who
// already had an email today gets nothing more today: what is due waits for tomorrow.

import { declineName } from "../docs/names";
import { addDays } from "../meetings";
import { type DateOnly, formatDate, isoDate, matchKey, normalizeEmail } from "../normalize";
import { matchOwner, parseOwners } from "../roadmap/owners";
import { CANCELLED, DONE } from "../roadmap/track";
import { personalLink } from "./links";
import { type LogState, messageKey, readLog, seriesKey, troubleSince } from "./log";
import {
  type MeetingRecord,
  type PairRecord,
  type PlannedMessage,
  type PrefillSpec,
  type ReminderInput,
  type ReminderKind,
  type ReminderLink,
  type ReminderPlan,
  type RoadmapItem,
  URGENCY,
} from "./types";

// ---------------------------------------------------------------------------------------
// Dates

function dayNo(d: DateOnly): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

function daysBetween(from: DateOnly, to: DateOnly): number {
  return dayNo(to) - dayNo(from);
}

function localDay(t: Date): DateOnly {
  return { year: t.getFullYear(), month: t.getMonth() + 1, day: t.getDate() };
}

const WEEKDAYS = ["воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"];

function weekday(d: DateOnly): string {
  return WEEKDAYS[new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()] ?? "";
}

/** Monday of the week of `d`. */
function mondayOf(d: DateOnly): DateOnly {
  const dow = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return addDays(d, -((dow + 6) % 7));
}

/** 31 May of the academic year a pair starting on `start` works in (a June start: next May). */
export function academicYearEnd(start: DateOnly): DateOnly {
  const first = start.month >= 6 ? start.year : start.year - 1;
  return { year: first + 1, month: 5, day: 31 };
}

export function pluralRu(n: number, one: string, few: string, many: string): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return many;
  if (b === 1) return one;
  if (b >= 2 && b <= 4) return few;
  return many;
}

const days = (n: number) => `${n} ${pluralRu(n, "день", "дня", "дней")}`;

function shorten(text: string, max = 140): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}

// ---------------------------------------------------------------------------------------
// People

/** Pair statuses whose pairs get meeting, inactivity and feedback reminders. */
export const WORKING_PAIR_STATUSES: readonly string[] = ["Утверждена", "Работает"];
/** People with these statuses get nothing. */
export const WITHDRAWN_STATUSES: readonly string[] = ["Согласие отозвано", "Выбыл"];
export const NO_CONSENT = "Нет согласия";
export const WAITING_FOR_PAIR = "Ожидает пары";
export const NEEDS_REVIEW = "Требует проверки";
/** Mentors who take part in the choice after the group meeting. */
const MENTORS_TO_CHOOSE: readonly string[] = ["Отобран", "Обучен"];
const MEETING_PLANNED = "Запланирована";
const MEETING_HELD = "Проведена";
export const MENTOR_ROLE = "Наставник";
export const MENTEE_ROLE = "Наставляемый";
export const FEEDBACK_STAGES = ["Входная", "Промежуточная", "Итоговая"] as const;
/** Reminders about one form (and one feedback stage) a person gets at most. */
export const MAX_FORM_REMINDERS = 3;

interface Person {
  id: string;
  name: string;
  /** A valid address, lower-case, or "". */
  email: string;
  /** Withdrawn, opted out («Не присылать письма») or, for the team, reminders not ticked. */
  excluded: boolean;
}

function validEmail(raw: string): string {
  const r = normalizeEmail(raw);
  return r.ok ? r.value : "";
}

function participant(
  rec: { id: string; fullName: string; email: string; noEmail: boolean; status: string },
  fallbackName = "",
): Person {
  return {
    id: rec.id,
    name: rec.fullName || fallbackName,
    email: validEmail(rec.email),
    excluded: rec.noEmail || WITHDRAWN_STATUSES.includes(rec.status),
  };
}

function roleWords(role: string): string[] {
  return matchKey(role)
    .split(/[\s\-.,«»"()]+/)
    .filter((w) => w !== "");
}

/** The same word in another form: «классные» / «классный», «руководители» / «руководитель». */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= 4 && common >= Math.min(a.length, b.length) - 2;
}

/**
 * A role in a roadmap cell names the members whose role in «Команда» is the same or more
 * general: «Классные руководители» — every «Классный руководитель»; «Заместитель директора по
 * УВР» — «Заместитель директора»; «Куратор программы» — «Куратор».
 */
export function roleMatches(ownerRole: string, memberRole: string): boolean {
  const owner = roleWords(ownerRole);
  const member = roleWords(memberRole);
  if (member.length === 0 || member.length > owner.length) return false;
  return member.every((w, i) => sameWord(w, owner[i] ?? ""));
}

/** Team members an «Ответственные» cell names: people by name (owners.ts), roles by role. */
export function roadmapOwners(cell: string, team: readonly { fullName: string; role: string }[]): number[] {
  const owners = parseOwners(cell);
  const names = team.map((m) => ({ name: m.fullName }));
  const out = new Set<number>();
  for (const person of owners.people) {
    const i = matchOwner(person, names);
    if (i >= 0) out.add(i);
  }
  for (const role of owners.roles) {
    team.forEach((m, i) => {
      if (roleMatches(role, m.role)) out.add(i);
    });
    // A full name written without initials («Иванова Мария Петровна» is found as a person;
    // «Иванова Мария» stays a role): try it as a name too.
    const i = matchOwner(role, names);
    if (i >= 0) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

function isClosed(item: RoadmapItem): boolean {
  return item.status === DONE || item.status === CANCELLED || item.doneDate !== null;
}

/** A roadmap item about the general (group) meeting where mentors and mentees get to know each other. */
function isGroupMeeting(item: RoadmapItem): boolean {
  const k = matchKey(item.event);
  return (
    k.includes("встреч") &&
    (k.includes("общ") || k.includes("группов")) &&
    !k.includes("заключит") &&
    !k.includes("анкетир")
  );
}

// ---------------------------------------------------------------------------------------
// Collecting messages

class Collector {
  readonly messages: PlannedMessage[] = [];
  alreadySent = 0;
  readonly withoutAddress = new Set<string>();
  readonly held = new Set<string>();

  constructor(
    private readonly log: LogState,
    private readonly today: DateOnly,
  ) {}

  add(
    person: Person,
    kind: ReminderKind,
    subjectItem: string,
    dueDate: DateOnly,
    title: string,
    lines: string[],
    links: ReminderLink[] = [],
    prefill?: PrefillSpec,
  ): void {
    if (person.excluded) return;
    if (person.email === "") {
      this.withoutAddress.add(person.id || person.name);
      return;
    }
    const key = messageKey(kind, person.email, subjectItem, dueDate);
    if (this.log.done.has(key)) {
      this.alreadySent++;
      return;
    }
    if (this.log.mailedToday.has(person.email)) {
      this.held.add(person.email);
      return;
    }
    if (this.messages.some((m) => m.key === key)) return;
    this.messages.push({
      key,
      kind,
      recipient: person.email,
      recipientName: person.name,
      recipientId: person.id,
      subjectItem,
      dueDate,
      urgency: URGENCY[kind],
      title,
      lines,
      links: links.filter((l) => l.url !== ""),
      ...(prefill ? { prefill } : {}),
    });
  }

  /** The due date of the reminder of a series that falls today, or null (see formSeries). */
  seriesDue(
    kind: ReminderKind,
    recipient: string,
    subjectItem: string,
    start: DateOnly | null,
    every: number,
  ) {
    const first = start ?? this.log.firstDue.get(seriesKey(kind, recipient, subjectItem)) ?? this.today;
    return formSeriesDue(first, every, this.today);
  }
}

/**
 * Reminders about a form come at `first`, `first + every`, `first + 2·every` (MAX_FORM_REMINDERS
 * in all); each stays due until the next one. Returns the one for today and its number (0-based).
 */
export function formSeriesDue(
  first: DateOnly,
  every: number,
  today: DateOnly,
): { due: DateOnly; index: number } | null {
  const step = Math.max(1, Math.round(every));
  const passed = daysBetween(first, today);
  if (passed < 0) return null;
  const index = Math.floor(passed / step);
  if (index >= MAX_FORM_REMINDERS) return null;
  return { due: addDays(first, index * step), index };
}

// ---------------------------------------------------------------------------------------
// The rules

interface Unit {
  /** The group ID for a group, else the pair ID: the ID meetings are recorded under. */
  id: string;
  pairs: PairRecord[];
}

interface Context {
  input: ReminderInput;
  today: DateOnly;
  out: Collector;
  log: LogState;
  curator: Person;
  mentors: Map<string, Person>;
  mentees: Map<string, Person>;
  /** Working pairs by group ID and by pair ID. */
  units: Map<string, Unit>;
  /** One unit per group or single pair. */
  primary: Unit[];
  inactive: string[];
}

function mentorOf(ctx: Context, pair: PairRecord): Person {
  return (
    ctx.mentors.get(pair.mentorId) ?? { id: pair.mentorId, name: pair.mentorName, email: "", excluded: false }
  );
}

function menteeOf(ctx: Context, pair: PairRecord): Person {
  return (
    ctx.mentees.get(pair.menteeId) ?? { id: pair.menteeId, name: pair.menteeName, email: "", excluded: false }
  );
}

/**
 * Roadmap, to each owner (a «Команда» member with «Получать напоминания» ticked and an email):
 * roadmap-before from `reminderDaysBefore` days before the deadline until the day before it;
 * roadmap-due on the deadline (still planned for 6 more days if it could not go out);
 * roadmap-overdue on deadline + 7, + 14, … while the item is open, each for 7 days.
 * Done («Выполнено» or a «Дата выполнения») and cancelled items get nothing.
 */
function planRoadmap(ctx: Context): void {
  const { input, today } = ctx;
  const team = input.team.map((m) => ({
    id: m.id,
    name: m.fullName,
    email: validEmail(m.email),
    excluded: !m.reminders,
  }));
  const before = Math.max(0, Math.round(input.settings.reminderDaysBefore));
  for (const item of input.roadmap) {
    if (!item.id || !item.deadline || isClosed(item)) continue;
    const deadline = item.deadline;
    const left = daysBetween(today, deadline);
    let kind: ReminderKind;
    let due: DateOnly;
    let title: string;
    if (left > 0) {
      if (before === 0 || left > before) continue;
      kind = "roadmap-before";
      due = addDays(deadline, -before);
      title = `Через ${days(left)} срок: ${shorten(item.event)}`;
    } else if (left > -7) {
      kind = "roadmap-due";
      due = deadline;
      title =
        left === 0
          ? `Сегодня срок: ${shorten(item.event)}`
          : `Срок прошёл ${formatDate(deadline)}: ${shorten(item.event)}`;
    } else {
      const weeks = Math.floor(-left / 7);
      kind = "roadmap-overdue";
      due = addDays(deadline, weeks * 7);
      title = `Просрочено на ${days(-left)}: ${shorten(item.event)}`;
    }
    const lines = [
      `Мероприятие: ${item.event.replace(/\s+/g, " ").trim()}`,
      ...(item.stage ? [`Этап: ${item.stage}`] : []),
      `Срок: ${formatDate(deadline)} (${weekday(deadline)}).`,
      "Вы указаны ответственным в дорожной карте программы наставничества. Когда мероприятие будет выполнено, отметьте это в листе «Дорожная карта» или сообщите куратору.",
    ];
    for (const i of roadmapOwners(item.owners, input.team)) {
      const member = team[i];
      if (member) ctx.out.add(member, kind, item.id, due, title, lines);
    }
  }
}

/**
 * roadmap-summary: to the curator on Mondays, the items still open past their deadline (when at
 * least one was overdue on that Monday); a summary that could not go out on Monday is planned
 * for the rest of the week.
 */
function planSummary(ctx: Context): void {
  const { input, today } = ctx;
  const monday = mondayOf(today);
  const overdue = input.roadmap
    .filter((i) => i.deadline && !isClosed(i) && daysBetween(i.deadline, today) > 0)
    .sort((a, b) => dayNo(a.deadline as DateOnly) - dayNo(b.deadline as DateOnly));
  if (!overdue.some((i) => daysBetween(i.deadline as DateOnly, monday) > 0)) return;
  const lines = overdue.map((i) => {
    const late = daysBetween(i.deadline as DateOnly, today);
    const owners = i.owners.replace(/\s+/g, " ").trim();
    return `${formatDate(i.deadline as DateOnly)} — ${shorten(i.event, 200)}${owners ? ` — ${owners}` : ""} (просрочено на ${days(late)})${i.id ? ` [${i.id}]` : ""}`;
  });
  ctx.out.add(
    ctx.curator,
    "roadmap-summary",
    "roadmap",
    monday,
    `Просроченные мероприятия дорожной карты: ${overdue.length}`,
    [
      ...lines,
      "Отметьте выполненные мероприятия в листе «Дорожная карта»: статус «Выполнено» или дата выполнения.",
    ],
  );
}

/** The working pairs a meeting row refers to: the pair itself, or every pair of the group. */
function unitOf(ctx: Context, pairId: string): Unit | null {
  return ctx.units.get(matchKey(pairId)) ?? null;
}

function meetingLines(meeting: MeetingRecord, unit: Unit, date: DateOnly): string[] {
  return [
    `Дата: ${formatDate(date)} (${weekday(date)}).`,
    ...(meeting.topic ? [`Тема: ${meeting.topic}`] : []),
    ...(meeting.format ? [`Формат: ${meeting.format}`] : []),
    `${unit.pairs.length > 1 ? "Группа" : "Пара"}: ${unit.id}`,
    "Если встреча переносится или отменяется, сообщите куратору программы.",
  ];
}

/**
 * meeting-tomorrow: to the mentor and each mentee of a working pair (group) the day before a
 * «Запланирована» meeting; if it could not go out then, on the day of the meeting. A mentee's
 * email names only their mentor; the mentor's names their own mentees.
 */
function planMeetingsTomorrow(ctx: Context): void {
  const { today } = ctx;
  for (const meeting of ctx.input.meetings) {
    if (meeting.status !== MEETING_PLANNED || !meeting.date) continue;
    const date = meeting.date;
    const ahead = daysBetween(today, date);
    if (ahead < 0 || ahead > 1) continue;
    const unit = unitOf(ctx, meeting.pairId);
    if (!unit) continue;
    const first = unit.pairs[0] as PairRecord;
    const mentor = mentorOf(ctx, first);
    const mentees = unit.pairs.map((p) => menteeOf(ctx, p));
    const when = ahead === 1 ? "Завтра" : "Сегодня";
    const subject = `${unit.id}@${isoDate(date)}`;
    const due = addDays(date, -1);
    const lines = meetingLines(meeting, unit, date);
    const names = mentees.map((m) => m.name).filter((n) => n !== "");
    ctx.out.add(
      mentor,
      "meeting-tomorrow",
      subject,
      due,
      `${when} встреча ${names.length > 1 ? "группы" : "с наставляемым"}${names.length > 0 ? `: ${names.join(", ")}` : ""}`,
      lines,
    );
    for (const mentee of mentees) {
      ctx.out.add(
        mentee,
        "meeting-tomorrow",
        subject,
        due,
        `${when} встреча с наставником${mentor.name ? `: ${mentor.name}` : ""}`,
        lines,
      );
    }
  }
}

/**
 * inactivity: to the mentor of a working pair (group) with no «Проведена» meeting (dated up to
 * today) for `inactivityDays` days, counted from the last held meeting or, when none, from the
 * start date; again every `inactivityDays` days while it lasts (each due date is a new message).
 * Pairs past their end date and pairs without a start date are left out. Listed in the digest.
 */
function planInactivity(ctx: Context): void {
  const { input, today } = ctx;
  const every = Math.max(1, Math.round(input.settings.inactivityDays));
  // The last held meeting (up to today) of each pair or group ID, in one pass over «Встречи».
  const lastHeld = new Map<string, DateOnly>();
  for (const m of input.meetings) {
    if (m.status !== MEETING_HELD || !m.date || daysBetween(m.date, today) < 0) continue;
    const key = matchKey(m.pairId);
    const seen = lastHeld.get(key);
    if (!seen || dayNo(m.date) > dayNo(seen)) lastHeld.set(key, m.date);
  }
  for (const unit of ctx.primary) {
    let last: DateOnly | null = null;
    for (const id of new Set([unit.id, ...unit.pairs.map((p) => p.id)].map(matchKey))) {
      const held = lastHeld.get(id);
      if (held && (!last || dayNo(held) > dayNo(last))) last = held;
    }
    const starts = unit.pairs.map((p) => p.startDate).filter((d): d is DateOnly => d !== null);
    if (starts.length === 0 && !last) continue;
    const start = starts.reduce((a, b) => (dayNo(b) < dayNo(a) ? b : a), starts[0] ?? (last as DateOnly));
    const end = unit.pairs
      .map((p) => p.endDate ?? academicYearEnd(p.startDate ?? start))
      .reduce((a, b) => (dayNo(b) > dayNo(a) ? b : a));
    if (daysBetween(end, today) > 0) continue;
    const base = last ?? start;
    const idle = daysBetween(base, today);
    if (idle < every) continue;
    const due = addDays(base, Math.floor(idle / every) * every);
    const first = unit.pairs[0] as PairRecord;
    const mentor = mentorOf(ctx, first);
    const mentees = unit.pairs.map((p) => menteeOf(ctx, p));
    const names = mentees.map((m) => m.name).filter((n) => n !== "");
    const since = last
      ? `Последняя проведённая встреча — ${formatDate(last)}, ${days(idle)} назад.`
      : `С начала работы (${formatDate(start)}) не отмечено ни одной проведённой встречи — ${days(idle)}.`;
    ctx.inactive.push(
      `${unit.id}: ${mentor.name || mentor.id} (${mentor.id}) — ${mentees.map((m) => `${m.name || m.id} (${m.id})`).join(", ")}; без встреч ${days(idle)}`,
    );
    ctx.out.add(
      mentor,
      "inactivity",
      unit.id,
      due,
      `Давно не было встреч${names.length > 0 ? ` с ${names.join(", ")}` : ""}`,
      [
        since,
        `${unit.pairs.length > 1 ? "Группа" : "Пара"}: ${unit.id}.`,
        "Договоритесь о встрече. Если встреча уже была, сообщите куратору, чтобы он отметил её в листе «Встречи».",
      ],
    );
  }
}

/** The feedback stages of a pair and the day each comes. */
export function feedbackStages(
  start: DateOnly,
  end: DateOnly,
  entryDays: number,
  finalDaysBefore: number,
): { stage: (typeof FEEDBACK_STAGES)[number]; date: DateOnly }[] {
  const span = daysBetween(start, end);
  return [
    { stage: FEEDBACK_STAGES[0], date: addDays(start, Math.max(0, Math.round(entryDays))) },
    { stage: FEEDBACK_STAGES[1], date: addDays(start, Math.floor(span / 2)) },
    { stage: FEEDBACK_STAGES[2], date: addDays(end, -Math.max(0, Math.round(finalDaysBefore))) },
  ].filter((s) => daysBetween(start, s.date) >= 0 && daysBetween(s.date, end) >= 0);
}

/**
 * form-missing, (c) feedback: each working pair with a start date, at each stage — «Входная» at
 * start + feedbackEntryDays, «Промежуточная» at the middle of start..end, «Итоговая» at
 * end − feedbackFinalDaysBefore (end: the pair's end date, else 31 May) — its mentor and its
 * mentee, while «Обратная связь» has no row for that pair, role (or person) and stage; with a
 * personal link that has the pair, role and stage filled in. Reminded on the stage day, then
 * every formReminderEveryDays days, three times at most.
 */
function planFeedback(ctx: Context): void {
  const { input, today } = ctx;
  const s = input.settings;
  const filled = new Set(
    input.feedback.flatMap((f) => {
      const base = `${matchKey(f.pairId)}|${matchKey(f.stage)}`;
      return [
        `${base}|${matchKey(f.role)}`,
        ...(f.participantId ? [`${base}|${matchKey(f.participantId)}`] : []),
      ];
    }),
  );
  for (const pair of input.pairs) {
    if (!WORKING_PAIR_STATUSES.includes(pair.status) || !pair.startDate || !pair.id) continue;
    const end = pair.endDate ?? academicYearEnd(pair.startDate);
    const mentor = mentorOf(ctx, pair);
    const mentee = menteeOf(ctx, pair);
    for (const { stage, date } of feedbackStages(
      pair.startDate,
      end,
      s.feedbackEntryDays,
      s.feedbackFinalDaysBefore,
    )) {
      for (const [role, person, partner] of [
        [MENTOR_ROLE, mentor, mentee],
        [MENTEE_ROLE, mentee, mentor],
      ] as const) {
        const base = `${matchKey(pair.id)}|${matchKey(stage)}`;
        if (filled.has(`${base}|${matchKey(role)}`) || filled.has(`${base}|${matchKey(person.id)}`)) continue;
        const at = formSeriesDue(date, s.formReminderEveryDays, today);
        if (!at) continue;
        const spec: PrefillSpec = { form: "feedback", role, stage };
        const link = personalLink(input.forms, spec, pair.id);
        if (link === "") continue;
        const withWhom = role === MENTOR_ROLE ? "с наставляемым" : "с наставником";
        ctx.out.add(
          person,
          "form-missing",
          `feedback:${pair.id}:${stage}`,
          at.due,
          `Обратная связь о работе в паре: ${stage.toLowerCase()} анкета`,
          [
            `Ответьте, пожалуйста, на несколько вопросов о работе в паре ${withWhom}${partner.name ? ` ${declineName(partner.name, "твор")}` : ""}: это займёт 3–5 минут. Ответы видит только куратор программы.`,
            `Номер пары: ${pair.id}; этап: ${stage}; вы участвуете как: ${role.toLowerCase()}.`,
            ...(at.index > 0 ? [`Напоминание ${at.index + 1} из ${MAX_FORM_REMINDERS}.`] : []),
          ],
          [{ label: "Заполнить анкету обратной связи", url: link }],
          spec,
        );
      }
    }
  }
}

/**
 * form-missing, (b) consent: mentees and mentors held as «Нет согласия» are asked to fill their
 * questionnaire again with the consent ticked (link to the mentee or mentor form). The first
 * reminder goes on the first run that finds them so, then every formReminderEveryDays days,
 * three at most (the series is anchored on the first due date found in «Журнал рассылок»).
 */
function planConsent(ctx: Context): void {
  const { input } = ctx;
  const every = input.settings.formReminderEveryDays;
  const groups = [
    { records: input.mentees, form: input.forms.published.mentee ?? "", base: "наставляемого" },
    { records: input.mentors, form: input.forms.published.mentor ?? "", base: "наставника" },
  ];
  for (const { records, form, base } of groups) {
    if (form === "") continue;
    for (const rec of records) {
      if (rec.status !== NO_CONSENT || !rec.id) continue;
      const person = participant(rec);
      const subject = `consent:${rec.id}`;
      const at = ctx.out.seriesDue("form-missing", person.email, subject, null, every);
      if (!at) continue;
      ctx.out.add(
        person,
        "form-missing",
        subject,
        at.due,
        "Нужно согласие на участие в программе наставничества",
        [
          "Ваша анкета получена, но в ней нет согласия на обработку персональных данных (для обучающихся младше 18 лет нужно и согласие законного представителя). Без согласия мы не можем включить вас в программу.",
          `Если вы хотите участвовать, заполните анкету ${base} ещё раз и отметьте согласие. Если не хотите — просто не отвечайте на это письмо.`,
          ...(at.index > 0 ? [`Напоминание ${at.index + 1} из ${MAX_FORM_REMINDERS}.`] : []),
        ],
        [{ label: `Заполнить анкету ${base}`, url: form }],
      );
    }
  }
}

/**
 * form-missing, (a) preference: once the preference form exists (in «Анкеты») and the group
 * meeting has been held — a roadmap item about the general (group) meeting of mentors and
 * mentees is done; a roadmap without such an item does not hold the form back — mentees
 * «Ожидает пары» and mentors «Отобран» / «Обучен» with consent and no row in «Предпочтения» are
 * asked to choose, with a link that has their role filled in. First on the first run that finds
 * them so, then every formReminderEveryDays days, three at most.
 */
function planPreferences(ctx: Context): void {
  const { input } = ctx;
  if (!input.forms.published.preference) return;
  const meetings = input.roadmap.filter(isGroupMeeting);
  const met =
    meetings.length === 0 ||
    meetings.some((i) => i.status === DONE || i.doneDate !== null) ||
    meetings.every((i) => i.status === CANCELLED);
  if (!met) return;
  const answered = new Set(input.preferences.map((p) => `${matchKey(p.participantId)}|${matchKey(p.role)}`));
  const every = input.settings.formReminderEveryDays;
  const groups = [
    {
      records: input.mentees.filter((m) => m.status === WAITING_FOR_PAIR),
      role: MENTEE_ROLE,
      whom: "с кем из наставников",
    },
    {
      records: input.mentors.filter((m) => MENTORS_TO_CHOOSE.includes(m.status)),
      role: MENTOR_ROLE,
      whom: "с кем из наставляемых",
    },
  ];
  for (const { records, role, whom } of groups) {
    for (const rec of records) {
      if (!rec.consent || !rec.id || answered.has(`${matchKey(rec.id)}|${matchKey(role)}`)) continue;
      const person = participant(rec);
      const subject = `preference:${rec.id}`;
      const at = ctx.out.seriesDue("form-missing", person.email, subject, null, every);
      if (!at) continue;
      const spec: PrefillSpec = { form: "preference", role };
      ctx.out.add(
        person,
        "form-missing",
        subject,
        at.due,
        "Выберите, с кем вы хотели бы работать",
        [
          `После общей встречи наставников и наставляемых отметьте в анкете, ${whom} вам хотелось бы работать. Мы постараемся учесть ваш выбор, когда будем составлять пары.`,
          ...(at.index > 0 ? [`Напоминание ${at.index + 1} из ${MAX_FORM_REMINDERS}.`] : []),
        ],
        [{ label: "Заполнить анкету выбора", url: personalLink(input.forms, spec) }],
        spec,
      );
    }
  }
}

const LIST_LIMIT = 30;

function capped(lines: string[]): string[] {
  if (lines.length <= LIST_LIMIT) return lines;
  return [...lines.slice(0, LIST_LIMIT), `… и ещё ${lines.length - LIST_LIMIT}.`];
}

/**
 * curator-digest: to the curator every day there is something to act on — mentees waiting for a
 * pair (and for how long), records «Требует проверки», inactive pairs, failed or uncertain
 * sends and messages postponed since the last digest, «Журнал» errors since then; people left
 * without a reminder for lack of an address are counted (no names). Names and IDs only.
 */
function planDigest(ctx: Context, withoutAddress: number): void {
  const { input, today } = ctx;
  const sections: string[] = [];
  const waiting = input.mentees
    .filter((m) => m.status === WAITING_FOR_PAIR)
    .map((m) => {
      const since = m.createdAt ? localDay(m.createdAt) : null;
      return { m, wait: since ? daysBetween(since, today) : null };
    })
    .sort((a, b) => (b.wait ?? -1) - (a.wait ?? -1));
  if (waiting.length > 0) {
    sections.push(`Ожидают пары: ${waiting.length}.`);
    sections.push(
      ...capped(
        waiting.map(
          ({ m, wait }) =>
            `• ${m.fullName || "без имени"} (${m.id})${wait !== null ? ` — ждёт ${days(Math.max(0, wait))}` : ""}`,
        ),
      ),
    );
  }
  const review = [
    ...input.mentees
      .filter((m) => m.status === NEEDS_REVIEW)
      .map((m) => `• ${m.fullName || "без имени"} (${m.id}), «Наставляемые»`),
    ...input.mentors
      .filter((m) => m.status === NEEDS_REVIEW)
      .map((m) => `• ${m.fullName || "без имени"} (${m.id}), «Наставники»`),
  ];
  if (review.length > 0) {
    sections.push(`Анкеты требуют проверки: ${review.length} (столбец «Что проверить»).`);
    sections.push(...capped(review));
  }
  if (ctx.inactive.length > 0) {
    sections.push(
      `Пары и группы без встреч ${days(Math.max(1, Math.round(input.settings.inactivityDays)))} и дольше: ${ctx.inactive.length}.`,
    );
    sections.push(...capped(ctx.inactive.map((l) => `• ${l}`)));
  }
  const trouble = troubleSince(input.mailLog, ctx.log);
  const failedCount = trouble.failed.reduce((n, f) => n + f.count, 0);
  if (failedCount > 0) {
    sections.push(`Не удалось отправить напоминаний: ${failedCount} (лист «Журнал рассылок»):`);
    sections.push(...capped(trouble.failed.map((f) => `• ${f.reason} — ${f.count}`)));
  }
  if (trouble.unknown > 0) {
    sections.push(
      `Неизвестно, ушли ли напоминания: ${trouble.unknown} — рассылка прервалась во время отправки. Повторно они не отправляются; проверьте строки со статусом «Неизвестно» в листе «Журнал рассылок».`,
    );
  }
  if (trouble.postponed > 0) {
    sections.push(
      `Отложено (дневной лимит писем или время выполнения): ${trouble.postponed} — уйдут со следующей рассылкой.`,
    );
  }
  const since = ctx.log.lastDigest;
  const errors = input.journalErrors.filter((e) => since === null || (e.time?.getTime() ?? 0) >= since);
  if (errors.length > 0) {
    sections.push(`Ошибки действий надстройки: ${errors.length} (лист «Журнал»):`);
    sections.push(
      ...capped(errors.map((e) => `• ${e.action}: ${shorten(e.details.split("\n")[0] ?? "", 160)}`)),
    );
  }
  if (sections.length === 0) return;
  if (withoutAddress > 0)
    sections.push(`Не получат напоминаний, потому что у них нет действительного адреса: ${withoutAddress}.`);
  ctx.out.add(
    ctx.curator,
    "curator-digest",
    "digest",
    today,
    `Сводка программы на ${formatDate(today)}`,
    sections,
  );
}

// ---------------------------------------------------------------------------------------

/**
 * Working pairs as meetings see them: `primary` has one unit per group (by group ID) or single
 * pair (by pair ID); `lookup` also finds each pair of a group by its own ID (a meeting recorded
 * under one pair of a group concerns that pair only).
 */
function buildUnits(pairs: readonly PairRecord[]): { primary: Unit[]; lookup: Map<string, Unit> } {
  const lookup = new Map<string, Unit>();
  const primary: Unit[] = [];
  for (const pair of pairs) {
    if (!WORKING_PAIR_STATUSES.includes(pair.status) || !pair.id) continue;
    const id = pair.groupId || pair.id;
    let unit = lookup.get(matchKey(id));
    if (!unit) {
      unit = { id, pairs: [] };
      lookup.set(matchKey(id), unit);
      primary.push(unit);
    }
    unit.pairs.push(pair);
  }
  for (const unit of primary) {
    for (const pair of unit.pairs) {
      const key = matchKey(pair.id);
      if (!lookup.has(key)) lookup.set(key, { id: pair.id, pairs: [pair] });
    }
  }
  return { primary, lookup };
}

/** Plans today's messages (see the rules above) and counts what is left out and why. */
export function planReminderRun(input: ReminderInput, today: DateOnly): ReminderPlan {
  const log = readLog(input.mailLog, input.now, today);
  const out = new Collector(log, today);
  const units = buildUnits(input.pairs);
  const ctx: Context = {
    input,
    today,
    out,
    log,
    curator: {
      id: "curator",
      name: input.settings.curatorName || "Куратор программы",
      email: validEmail(input.settings.curatorEmail),
      excluded: false,
    },
    mentors: new Map(input.mentors.filter((m) => m.id).map((m) => [m.id, participant(m)])),
    mentees: new Map(input.mentees.filter((m) => m.id).map((m) => [m.id, participant(m)])),
    units: units.lookup,
    primary: units.primary,
    inactive: [],
  };
  planRoadmap(ctx);
  planSummary(ctx);
  planMeetingsTomorrow(ctx);
  planInactivity(ctx);
  planFeedback(ctx);
  planConsent(ctx);
  planPreferences(ctx);
  planDigest(ctx, out.withoutAddress.size);
  return {
    messages: out.messages,
    alreadySent: out.alreadySent,
    withoutAddress: out.withoutAddress.size,
    heldForTomorrow: out.held.size,
    stale: log.stale,
  };
}

/** The messages due today and not yet sent. */
export function planReminders(input: ReminderInput, today: DateOnly): PlannedMessage[] {
  return planReminderRun(input, today).messages;
}
