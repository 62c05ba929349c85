// Deadline tracking of the roadmap: overdue flags, days left, progress, next deadlines,
// and the colours of the «Дорожная карта» sheet. Pure functions of the records and today.

import { type ConditionalRule, columnLetter } from "../cells";
import { type DateOnly, formatDate, isoDate } from "../normalize";
import type { RecordOf } from "../table";

export const DONE = "Выполнено";
export const CANCELLED = "Отменено";
export const NOT_STARTED = "Не начато";
export const IN_PROGRESS = "В работе";

type Item = RecordOf<"roadmap">;

function dayNumber(d: DateOnly): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

export function daysBetween(from: DateOnly, to: DateOnly): number {
  return dayNumber(to) - dayNumber(from);
}

export function isClosed(item: Pick<Item, "status">): boolean {
  return item.status === DONE || item.status === CANCELLED;
}

/** What the add-on computes for one item: the status it should have, overdue, days left. */
export function trackItem(item: Item, today: DateOnly): Pick<Item, "status" | "overdue" | "daysLeft"> {
  let status = item.status;
  // A done date typed in means the item is done; an empty status means not started.
  if (item.doneDate && status !== DONE && status !== CANCELLED) status = DONE;
  if (status === "") status = NOT_STARTED;
  const closed = status === DONE || status === CANCELLED;
  if (closed || !item.deadline) return { status, overdue: false, daysLeft: null };
  const daysLeft = daysBetween(today, item.deadline);
  return { status, overdue: daysLeft < 0, daysLeft };
}

export interface UpcomingDeadline {
  id: string;
  event: string;
  owners: string;
  deadline: string; // ISO
  deadlineText: string; // dd.mm.yyyy
  daysLeft: number;
}

export interface RoadmapProgress {
  total: number;
  done: number;
  doneOnTime: number;
  doneLate: number;
  cancelled: number;
  overdue: number;
  withoutDeadline: number;
  /** The next open deadlines, soonest first (overdue ones are counted, not listed here). */
  next: UpcomingDeadline[];
}

export function roadmapProgress(items: readonly Item[], today: DateOnly, count = 5): RoadmapProgress {
  const progress: RoadmapProgress = {
    total: items.length,
    done: 0,
    doneOnTime: 0,
    doneLate: 0,
    cancelled: 0,
    overdue: 0,
    withoutDeadline: 0,
    next: [],
  };
  const open: UpcomingDeadline[] = [];
  for (const item of items) {
    const t = trackItem(item, today);
    if (t.status === DONE) {
      progress.done++;
      if (item.deadline && item.doneDate && daysBetween(item.deadline, item.doneDate) > 0)
        progress.doneLate++;
      else progress.doneOnTime++;
      continue;
    }
    if (t.status === CANCELLED) {
      progress.cancelled++;
      continue;
    }
    if (!item.deadline) {
      progress.withoutDeadline++;
      continue;
    }
    if (t.overdue) progress.overdue++;
    else
      open.push({
        id: item.id,
        event: item.event,
        owners: item.owners,
        deadline: isoDate(item.deadline),
        deadlineText: formatDate(item.deadline),
        daysLeft: t.daysLeft ?? 0,
      });
  }
  progress.next = open.sort((a, b) => a.daysLeft - b.daysLeft || a.id.localeCompare(b.id)).slice(0, count);
  return progress;
}

/**
 * Colours of the roadmap rows: overdue red, due within the reminder window amber, done green.
 * @param index 0-based positions of the roadmap columns in the sheet as it is
 */
export function roadmapColours(
  index: ReadonlyMap<string, number>,
  width: number,
  reminderDays: number,
): ConditionalRule[] {
  const col = (key: string) => {
    const i = index.get(key);
    return i === undefined ? null : `$${columnLetter(i + 1)}2`;
  };
  const status = col("status");
  const overdue = col("overdue");
  const daysLeft = col("daysLeft");
  const rules: ConditionalRule[] = [];
  if (overdue)
    rules.push({
      id: "roadmap-overdue",
      fromCol: 1,
      toCol: width,
      formula: `=${overdue}=TRUE`,
      background: "#f4c7c3",
    });
  if (daysLeft && status) {
    rules.push({
      id: "roadmap-soon",
      fromCol: 1,
      toCol: width,
      formula: `=AND(ISNUMBER(${daysLeft}),${daysLeft}>=0,${daysLeft}<=${Math.max(0, Math.round(reminderDays))},${status}<>"${DONE}",${status}<>"${CANCELLED}")`,
      background: "#fce8b2",
    });
  }
  if (status)
    rules.push({
      id: "roadmap-done",
      fromCol: 1,
      toCol: width,
      formula: `=${status}="${DONE}"`,
      background: "#d9ead3",
    });
  return rules;
}
