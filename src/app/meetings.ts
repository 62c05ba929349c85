// Use cases of «Встречи»: schedule the first meetings of approved pairs from the rhythm in
// «Настройки» and the mentee's requests, and keep «Встреч проведено» / «Последняя встреча» of
// «Пары и группы» up to date. One read per sheet, one batch per sheet, under the lock.
//
// Groups: a mentor's group (pairs sharing «Группа») meets together, so it gets ONE series of
// meetings recorded under the group's ID (Г-НР-0001) in «ID пары»; a single pair's meetings
// carry the pair's ID. Meetings recorded under the ID of one pair of a group count for that pair.

import { planMeetings } from "../domain/meetings";
import { type DateOnly, formatDate, matchKey } from "../domain/normalize";
import { academicYearEnd, WORKING_PAIR_STATUSES } from "../domain/reminders/plan";
import { sheetDef } from "../domain/schema";
import { type RecordOf, recordChanges } from "../domain/table";
import { writeJournal } from "./journal";
import { writeKeepingEdits } from "./kept-edits";
import type { CellWrite, Env } from "./ports";
import { insertRecords, readRecords } from "./records";
import { readSettings } from "./settings";

export interface ScheduleResult {
  /** Meetings added to «Встречи». */
  created: number;
  /** Pairs or groups (their IDs as written in «Встречи») that got meetings now. */
  pairs: string[];
  skipped: { pairId: string; reason: string }[];
  lines: string[];
}

const PLANNED = "Запланирована";
const HELD = "Проведена";
/** Pairs whose figures are not kept: proposals and rejected proposals never met. */
const NOT_WORKED = new Set(["Предложена", "Отклонена"]);

function localDay(d: Date): DateOnly {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

function dayNo(d: DateOnly): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

/**
 * Plans the meetings of approved / working pairs (all, or those of `pairIds` — pair or group
 * IDs) that have no meeting in «Встречи» yet: from the pair's start date (not earlier than
 * today: nothing is planned in the past) to its end date (else 31 May of the academic year),
 * every «Встречи пар, раз в (дней)» days, topics from the mentee's requests; format from the
 * mentee, else the mentor (a group: the mentor's). All rows in one append; a second call adds
 * nothing.
 */
export function scheduleMeetings(env: Env, pairIds?: string[]): ScheduleResult {
  return env.lock.withLock(() => {
    const settings = readSettings(env.workbook.read(sheetDef("settings").name)).values;
    const every = Number(settings.meetingEveryDays) > 0 ? Number(settings.meetingEveryDays) : 14;
    const pairs = readRecords(env.workbook, "pairs");
    const meetings = readRecords(env.workbook, "meetings");
    const mentees = new Map(readRecords(env.workbook, "mentees").rows.map((r) => [r.record.id, r.record]));
    const mentors = new Map(readRecords(env.workbook, "mentors").rows.map((r) => [r.record.id, r.record]));
    const today = localDay(env.clock.now());
    const wanted = pairIds ? new Set(pairIds.map(matchKey)) : null;
    const withMeetings = new Set(meetings.rows.map((r) => matchKey(r.record.pairId)));
    const result: ScheduleResult = { created: 0, pairs: [], skipped: [], lines: [] };

    // One unit per group (by group ID) or single pair; asking for one pair of a group plans the group.
    const units = new Map<string, { id: string; pairs: RecordOf<"pairs">[] }>();
    for (const { record } of pairs.rows) {
      if (!record.id) continue;
      if (!WORKING_PAIR_STATUSES.includes(record.status)) {
        if (wanted?.has(matchKey(record.id)))
          result.skipped.push({
            pairId: record.id,
            reason: `статус «${record.status || "пусто"}» — встречи планируются для утверждённых и работающих пар`,
          });
        continue;
      }
      const id = record.groupId || record.id;
      const unit = units.get(matchKey(id)) ?? { id, pairs: [] };
      unit.pairs.push(record);
      units.set(matchKey(id), unit);
    }
    if (wanted) {
      for (const [key, unit] of units) {
        if (!wanted.has(key) && !unit.pairs.some((p) => wanted.has(matchKey(p.id)))) units.delete(key);
      }
      for (const id of pairIds ?? []) {
        const known = pairs.rows.some(
          (r) => matchKey(r.record.id) === matchKey(id) || matchKey(r.record.groupId) === matchKey(id),
        );
        if (!known) result.skipped.push({ pairId: id, reason: `нет такой пары в листе «${pairs.sheet}»` });
      }
    }

    const fresh: Partial<RecordOf<"meetings">>[] = [];
    for (const unit of units.values()) {
      const ids = [unit.id, ...unit.pairs.map((p) => p.id)];
      const already = ids.find((id) => withMeetings.has(matchKey(id)));
      if (already) {
        result.skipped.push({
          pairId: unit.id,
          reason:
            already === unit.id
              ? "встречи уже есть в листе «Встречи»"
              : `встречи уже есть в листе «Встречи» (по паре ${already}) — добавьте встречи группы вручную`,
        });
        continue;
      }
      const starts = unit.pairs.map((p) => p.startDate).filter((d): d is DateOnly => d !== null);
      const earliest = starts.length > 0 ? starts.reduce((a, b) => (dayNo(b) < dayNo(a) ? b : a)) : today;
      const start = dayNo(earliest) < dayNo(today) ? today : earliest;
      const ends = unit.pairs.map((p) => p.endDate).filter((d): d is DateOnly => d !== null);
      const end =
        ends.length > 0 ? ends.reduce((a, b) => (dayNo(b) > dayNo(a) ? b : a)) : academicYearEnd(start);
      if (dayNo(end) < dayNo(start)) {
        result.skipped.push({
          pairId: unit.id,
          reason: `дата окончания ${formatDate(end)} раньше даты начала встреч ${formatDate(start)}`,
        });
        continue;
      }
      const requests: string[] = [];
      for (const p of unit.pairs) {
        for (const r of mentees.get(p.menteeId)?.requests ?? []) if (!requests.includes(r)) requests.push(r);
      }
      const first = unit.pairs[0] as RecordOf<"pairs">;
      const mentorFormat = mentors.get(first.mentorId)?.format ?? "";
      const menteeFormat = mentees.get(first.menteeId)?.format ?? "";
      const format = unit.pairs.length > 1 ? mentorFormat || menteeFormat : menteeFormat || mentorFormat;
      const plan = planMeetings({ start, end, everyDays: every, requests });
      for (const m of plan)
        fresh.push({ pairId: unit.id, date: m.date, topic: m.topic, format, status: PLANNED });
      result.pairs.push(unit.id);
      result.created += plan.length;
    }
    insertRecords(env, "meetings", fresh, meetings);

    result.lines.push(
      result.created > 0
        ? `Запланировано встреч: ${result.created} — для ${result.pairs.length} пар и групп (${result.pairs.join(", ")}), раз в ${every} дн.`
        : "Новых встреч не запланировано.",
    );
    for (const s of result.skipped) result.lines.push(`${s.pairId}: ${s.reason}.`);
    writeJournal(env, [
      {
        action: "Запланировать встречи пар",
        outcome: result.skipped.some((s) => !s.reason.startsWith("встречи уже есть в листе «Встречи»"))
          ? "с предупреждениями"
          : "успешно",
        details: result.lines.join("\n"),
      },
    ]);
    return result;
  });
}

/**
 * Recomputes «Встреч проведено» and «Последняя встреча» of «Пары и группы» from «Встречи»
 * (status «Проведена», date up to today; a group's meetings count for each of its pairs).
 * Writes only the cells that change, in one write; logs a line when something changed.
 */
export function refreshMeetingStats(env: Env): { changedCells: number } {
  return env.lock.withLock(() => {
    const pairs = readRecords(env.workbook, "pairs");
    const meetings = readRecords(env.workbook, "meetings");
    const today = dayNo(localDay(env.clock.now()));
    const held = new Map<string, DateOnly[]>();
    for (const { record } of meetings.rows) {
      if (record.status !== HELD || !record.date || dayNo(record.date) > today) continue;
      const key = matchKey(record.pairId);
      const list = held.get(key) ?? [];
      list.push(record.date);
      held.set(key, list);
    }
    const cells: CellWrite[] = [];
    for (const { row, record } of pairs.rows) {
      if (!record.id) continue;
      const dates = [
        ...(held.get(matchKey(record.id)) ?? []),
        ...(record.groupId ? (held.get(matchKey(record.groupId)) ?? []) : []),
      ];
      if (dates.length === 0 && NOT_WORKED.has(record.status) && record.meetingsHeld === null) continue;
      const last = dates.reduce<DateOnly | null>((a, b) => (!a || dayNo(b) > dayNo(a) ? b : a), null);
      cells.push(
        ...recordChanges(
          "pairs",
          row,
          record,
          { meetingsHeld: dates.length, lastMeeting: last },
          pairs.columns,
        ),
      );
    }
    if (cells.length > 0) {
      writeKeepingEdits(env, pairs.sheet, cells, "Учёт встреч");
      writeJournal(env, [
        {
          action: "Обновить итоги встреч",
          outcome: "успешно",
          details: `В листе «${pairs.sheet}» обновлено ячеек «Встреч проведено» и «Последняя встреча»: ${cells.length}.`,
        },
      ]);
    }
    return { changedCells: cells.length };
  });
}
