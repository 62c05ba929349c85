// Reading «Журнал рассылок»: which message keys are done, which may be sent again, who has
// already had an email today. Pure functions of the log rows and the moment of the run.

import { type DateOnly, isoDate, normalizeDate } from "../normalize";
import { FAILED, type MailLogEntry, POSTPONED, type ReminderKind, SENDING, SENT, UNKNOWN } from "./types";

/** A row «Отправляется» older than this belongs to a run that died (Apps Script stops at 6 min). */
export const STALE_MINUTES = 60;
/** A message whose sending failed is tried again by the next runs, this many times in all. */
export const MAX_ATTEMPTS = 3;
/** Start of the reason of a failure the mail service blamed on the address: never retried. */
export const ADDRESS_REJECTED = "Адрес отклонён";

export function messageKey(
  kind: ReminderKind,
  recipient: string,
  subjectItem: string,
  dueDate: DateOnly,
): string {
  return `${kind}|${recipient.trim().toLowerCase()}|${subjectItem}|${isoDate(dueDate)}`;
}

export interface ParsedKey {
  kind: string;
  recipient: string;
  subjectItem: string;
  dueDate: DateOnly | null;
}

export function parseKey(key: string): ParsedKey | null {
  const parts = key.split("|");
  if (parts.length !== 4) return null;
  const [kind = "", recipient = "", subjectItem = "", due = ""] = parts;
  const date = normalizeDate(due);
  return { kind, recipient, subjectItem, dueDate: date.ok ? date.value : null };
}

function sameLocalDay(time: Date, day: DateOnly): boolean {
  return time.getFullYear() === day.year && time.getMonth() + 1 === day.month && time.getDate() === day.day;
}

export interface LogState {
  /** The status of each row as planning sees it: a stale «Отправляется» counts as «Неизвестно». */
  statuses: string[];
  /** Indexes of rows «Отправляется» left by a run that died. */
  stale: number[];
  /** Keys that must not be sent again: sent, being sent, unknown, or failed for good. */
  done: Set<string>;
  /** Failed attempts so far, by key. */
  attempts: Map<string, number>;
  /** Recipients who got (or may have got) an email today. */
  mailedToday: Set<string>;
  /** Earliest due date per `kind|recipient|subjectItem`: the first of a series of reminders. */
  firstDue: Map<string, DateOnly>;
  /** When the last curator digest went out (ms), or null. */
  lastDigest: number | null;
}

export function seriesKey(kind: string, recipient: string, subjectItem: string): string {
  return `${kind}|${recipient.trim().toLowerCase()}|${subjectItem}`;
}

function dayNo(d: DateOnly): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

/**
 * Reads the log. A key is done when any of its rows is «Отправлено», «Отправляется» (a run
 * in progress — or a dead one: «Неизвестно», since it may have gone out) or «Неизвестно»;
 * or when the address was rejected; or after MAX_ATTEMPTS failures. «Отложено» rows and
 * other failures leave it open.
 */
export function readLog(entries: readonly MailLogEntry[], now: Date, today: DateOnly): LogState {
  const state: LogState = {
    statuses: [],
    stale: [],
    done: new Set(),
    attempts: new Map(),
    mailedToday: new Set(),
    firstDue: new Map(),
    lastDigest: null,
  };
  const staleBefore = now.getTime() - STALE_MINUTES * 60_000;
  entries.forEach((entry, i) => {
    let status = entry.status.trim();
    if (status === SENDING && (entry.time === null || entry.time.getTime() < staleBefore)) {
      status = UNKNOWN;
      state.stale.push(i);
    }
    state.statuses.push(status);
    const key = entry.key.trim();
    const parsed = parseKey(key);
    if (!parsed) return;
    if (status === SENT || status === SENDING || status === UNKNOWN) {
      state.done.add(key);
      if (entry.time && sameLocalDay(entry.time, today)) state.mailedToday.add(parsed.recipient);
      if (status === SENT && parsed.kind === "curator-digest" && entry.time) {
        state.lastDigest = Math.max(state.lastDigest ?? 0, entry.time.getTime());
      }
    } else if (status === FAILED) {
      if (entry.reason.trim().startsWith(ADDRESS_REJECTED)) state.done.add(key);
      const n = (state.attempts.get(key) ?? 0) + 1;
      state.attempts.set(key, n);
      if (n >= MAX_ATTEMPTS) state.done.add(key);
    } else if (status !== POSTPONED) {
      // A status typed by hand that the add-on does not know: treat the key as handled.
      state.done.add(key);
    }
    if (parsed.dueDate) {
      const series = seriesKey(parsed.kind, parsed.recipient, parsed.subjectItem);
      const known = state.firstDue.get(series);
      if (!known || dayNo(parsed.dueDate) < dayNo(known)) state.firstDue.set(series, parsed.dueDate);
    }
  });
  return state;
}

/** Rows of the log since the last digest that the curator should hear about. */
export interface LogTrouble {
  failed: { reason: string; count: number }[];
  unknown: number;
  postponed: number;
}

export function troubleSince(entries: readonly MailLogEntry[], state: LogState): LogTrouble {
  const since = state.lastDigest ?? Number.NEGATIVE_INFINITY;
  const reasons = new Map<string, number>();
  const unknown = new Set<string>();
  const postponed = new Set<string>();
  const sentOrDone = state.done;
  entries.forEach((entry, i) => {
    const t = entry.time?.getTime() ?? Number.NEGATIVE_INFINITY;
    const status = state.statuses[i] ?? "";
    const key = entry.key.trim();
    if (parseKey(key)?.kind === "curator-digest") return;
    if (t < since && !state.stale.includes(i)) return;
    if (status === FAILED) {
      const reason = entry.reason.trim() || "причина не указана";
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    } else if (status === UNKNOWN) unknown.add(key);
    else if (status === POSTPONED && !sentOrDone.has(key)) postponed.add(key);
  });
  return {
    failed: [...reasons].map(([reason, count]) => ({ reason, count })),
    unknown: unknown.size,
    postponed: postponed.size,
  };
}
