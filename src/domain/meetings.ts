// The plan of a pair's meetings: dates at the rhythm set in «Настройки», topics drawn from the
// mentee's requests. The same plan fills the «план встреч» of the personalised programme
// (ППН) and schedules the pair's first meetings in «Встречи», so the two always agree.

import type { DateOnly } from "./normalize";

export interface PlannedMeeting {
  /** 1-based number of the meeting. */
  no: number;
  date: DateOnly;
  topic: string;
}

export interface MeetingPlanInput {
  start: DateOnly;
  /** Last day of the pair's work; meetings are planned up to it. */
  end: DateOnly;
  /** Days between meetings (at least 1). */
  everyDays: number;
  /** The mentee's requests («Адаптация в коллективе», «Подготовка к ЕГЭ»…), in order. */
  requests: readonly string[];
}

export const FIRST_TOPIC = "Знакомство: цели и ожидания, план работы пары";
export const MIDDLE_TOPIC = "Промежуточные итоги, корректировка плана";
export const LAST_TOPIC = "Подведение итогов, рефлексия, дальнейшие шаги";
const GENERAL_TOPIC = "Работа по плану: разбор текущих задач";

/** A plan longer than this is cut: a pair does not meet more often than every day for a year. */
const MAX_MEETINGS = 60;

function utc(d: DateOnly): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}

function fromUtc(t: Date): DateOnly {
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function addDays(d: DateOnly, days: number): DateOnly {
  const t = utc(d);
  t.setUTCDate(t.getUTCDate() + days);
  return fromUtc(t);
}

/**
 * The fixed non-working holidays of Russia (Labour Code, art. 112), as "month-day": the New Year
 * holidays and Christmas (1–8 January), 23 February, 8 March, 1 and 9 May, 12 June, 4 November.
 * The days moved each year by the Government's decree are not known here.
 */
const HOLIDAYS: ReadonlySet<string> = new Set([
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((day) => `1-${day}`),
  "2-23",
  "3-8",
  "5-1",
  "5-9",
  "6-12",
  "11-4",
]);

/** A Saturday, a Sunday or a fixed public holiday. */
export function isDayOff(d: DateOnly): boolean {
  const dow = utc(d).getUTCDay();
  return dow === 6 || dow === 0 || HOLIDAYS.has(`${d.month}-${d.day}`);
}

/** The same date, or the next working day when it falls on a weekend or a public holiday. */
export function workday(d: DateOnly): DateOnly {
  let day = d;
  // At most 8 holidays in a row plus a weekend: the loop ends within two weeks.
  while (isDayOff(day)) day = addDays(day, 1);
  return day;
}

function compare(a: DateOnly, b: DateOnly): number {
  return utc(a).getTime() - utc(b).getTime();
}

/**
 * Meetings from the first working day on or after `start`, every `everyDays` days (moved off
 * weekends and public holidays), while on or before `end`. The first meeting is the introduction, the last the
 * summing-up, the one in the middle the mid-point review (with five or more meetings); the
 * others take the mentee's requests in turn. An end before the start gives one meeting.
 */
export function planMeetings(input: MeetingPlanInput): PlannedMeeting[] {
  const every = Math.max(1, Math.round(input.everyDays));
  const dates: DateOnly[] = [];
  for (let i = 0; dates.length < MAX_MEETINGS; i++) {
    const date = workday(addDays(input.start, i * every));
    if (i > 0 && compare(date, input.end) > 0) break;
    if (dates.length > 0 && compare(date, dates[dates.length - 1] as DateOnly) <= 0) continue;
    dates.push(date);
  }
  const requests = input.requests.map((r) => r.trim()).filter((r) => r !== "");
  const middle = dates.length >= 5 ? Math.floor((dates.length - 1) / 2) : -1;
  let next = 0;
  return dates.map((date, i) => {
    let topic: string;
    if (i === 0) topic = FIRST_TOPIC;
    else if (i === dates.length - 1) topic = LAST_TOPIC;
    else if (i === middle) topic = MIDDLE_TOPIC;
    else if (requests.length > 0) topic = requests[next++ % requests.length] as string;
    else topic = GENERAL_TOPIC;
    return { no: i + 1, date, topic };
  });
}
