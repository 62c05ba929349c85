// Writing the curator's decisions on proposed pairs to «Пары и группы» and both bases:
// accepted pairs become «Утверждена» (a mentor with several mentees forms a group), rejected
// proposals are remembered as «Отклонена» so they are never proposed again. One batch per
// sheet, under the lock; confirming the same pairs again adds nothing.

import { type DateOnly, matchKey } from "../domain/normalize";
import type { RecordOf } from "../domain/table";
import { recordChanges } from "../domain/table";
import { ACTIVE_PAIR_STATUSES, REJECTED_PAIR_STATUS } from "./cohort";
import { UserError } from "./errors";
import { writeJournal } from "./journal";
import { writeKeepingEdits } from "./kept-edits";
import type { CellWrite, Env } from "./ports";
import { insertRecords, readRecords } from "./records";

export interface PairDecision {
  menteeId: string;
  mentorId: string;
  score: number | null;
  /** The reasons as shown to the curator («запросы закрыты: 3 из 4; один предмет: …»). */
  reasons: string;
  form: string;
  locked: boolean;
}

export interface ConfirmResult {
  /** IDs of the pairs written now. */
  created: string[];
  /** Accepted pairs that were already in the register. */
  alreadyActive: number;
  /** Rejections remembered now. */
  rejected: number;
  /** Decisions that could not be written, with why (Russian). */
  skipped: { menteeId: string; mentorId: string; reason: string }[];
  lines: string[];
}

export const APPROVED = "Утверждена";
const MENTEE_IN_PAIR = "В паре";
const MENTOR_ACTIVE = "Наставник";
const MENTOR_READY = new Set(["Отобран", "Обучен", MENTOR_ACTIVE]);

function today(env: Env): DateOnly {
  const d = env.clock.now();
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

export function groupIdOf(mentorId: string): string {
  return `Г-${mentorId}`;
}

export function confirmPairs(
  env: Env,
  accepted: readonly PairDecision[],
  rejected: readonly { menteeId: string; mentorId: string }[] = [],
): ConfirmResult {
  if (accepted.length + rejected.length === 0)
    throw new UserError("Нет ни одного решения по парам: примите или отклоните предложения.");
  return env.lock.withLock(() => {
    const mentees = readRecords(env.workbook, "mentees");
    const mentors = readRecords(env.workbook, "mentors");
    const pairs = readRecords(env.workbook, "pairs");
    const menteeById = new Map(mentees.rows.map((r) => [r.record.id, r]));
    const mentorById = new Map(mentors.rows.map((r) => [r.record.id, r]));
    const active = pairs.rows.filter((r) => ACTIVE_PAIR_STATUSES.includes(r.record.status));
    const load = new Map<string, number>();
    for (const p of active) load.set(p.record.mentorId, (load.get(p.record.mentorId) ?? 0) + 1);
    const activeOfMentee = new Map(active.map((p) => [p.record.menteeId, p]));
    const rejectedKeys = new Set(
      pairs.rows
        .filter((r) => r.record.status === REJECTED_PAIR_STATUS)
        .map((r) => `${r.record.menteeId}|${r.record.mentorId}`),
    );

    const result: ConfirmResult = { created: [], alreadyActive: 0, rejected: 0, skipped: [], lines: [] };
    const fresh: Partial<RecordOf<"pairs">>[] = [];
    const newMentees = new Set<string>();
    const newMentors = new Set<string>();
    const start = today(env);

    for (const d of accepted) {
      const mentee = menteeById.get(d.menteeId);
      const mentor = mentorById.get(d.mentorId);
      const skip = (reason: string) =>
        result.skipped.push({ menteeId: d.menteeId, mentorId: d.mentorId, reason });
      if (!mentee) {
        skip(`нет наставляемого ${d.menteeId} в листе «Наставляемые»`);
        continue;
      }
      if (!mentor) {
        skip(`нет наставника ${d.mentorId} в листе «Наставники»`);
        continue;
      }
      const current = activeOfMentee.get(d.menteeId);
      if (current && current.record.mentorId === d.mentorId) {
        result.alreadyActive++;
        continue;
      }
      if (current) {
        skip(
          `у наставляемого ${d.menteeId} уже есть пара ${current.record.id} с наставником ${current.record.mentorId}`,
        );
        continue;
      }
      if (newMentees.has(d.menteeId)) {
        skip(`наставляемому ${d.menteeId} выбрано несколько наставников — оставлен первый`);
        continue;
      }
      if (!mentee.record.consent || !mentor.record.consent) {
        skip("нет согласия на обработку персональных данных");
        continue;
      }
      if (
        matchKey(mentee.record.fullName) !== "" &&
        matchKey(mentee.record.fullName) === matchKey(mentor.record.fullName)
      ) {
        skip("наставник и наставляемый — один и тот же человек");
        continue;
      }
      const capacity =
        mentor.record.capacity && mentor.record.capacity > 0 ? Math.floor(mentor.record.capacity) : 1;
      const used = load.get(d.mentorId) ?? 0;
      if (used >= capacity) {
        skip(`у наставника ${d.mentorId} нет свободных мест (${capacity} из ${capacity})`);
        continue;
      }
      load.set(d.mentorId, used + 1);
      newMentees.add(d.menteeId);
      newMentors.add(d.mentorId);
      fresh.push({
        status: APPROVED,
        mentorId: d.mentorId,
        mentorName: mentor.record.fullName,
        menteeId: d.menteeId,
        menteeName: mentee.record.fullName,
        form: d.form,
        startDate: start,
        score: d.score,
        reasons: d.reasons,
        locked: d.locked,
      });
    }
    // A mentor with more than one mentee leads a group: every pair of the mentor gets its number.
    for (const p of fresh) {
      const mentorId = p.mentorId ?? "";
      if ((load.get(mentorId) ?? 0) > 1) p.groupId = groupIdOf(mentorId);
    }
    const pairCells: CellWrite[] = [];
    for (const p of active) {
      if ((load.get(p.record.mentorId) ?? 0) > 1 && p.record.groupId === "") {
        pairCells.push(
          ...recordChanges(
            "pairs",
            p.row,
            p.record,
            { groupId: groupIdOf(p.record.mentorId) },
            pairs.columns,
          ),
        );
      }
    }
    for (const r of rejected) {
      const key = `${r.menteeId}|${r.mentorId}`;
      if (rejectedKeys.has(key) || !menteeById.has(r.menteeId) || !mentorById.has(r.mentorId)) continue;
      rejectedKeys.add(key);
      result.rejected++;
      fresh.push({
        status: REJECTED_PAIR_STATUS,
        mentorId: r.mentorId,
        mentorName: mentorById.get(r.mentorId)?.record.fullName ?? "",
        menteeId: r.menteeId,
        menteeName: menteeById.get(r.menteeId)?.record.fullName ?? "",
        comment: "Предложение отклонено куратором — больше не предлагается.",
      });
    }
    writeKeepingEdits(env, "Пары и группы", pairCells, "Утвердить пары");
    const ids = insertRecords(env, "pairs", fresh, pairs);
    result.created = ids.filter((_, i) => fresh[i]?.status === APPROVED);

    const menteeCells: CellWrite[] = [];
    for (const id of newMentees) {
      const row = menteeById.get(id);
      if (row)
        menteeCells.push(
          ...recordChanges("mentees", row.row, row.record, { status: MENTEE_IN_PAIR }, mentees.columns),
        );
    }
    writeKeepingEdits(env, "Наставляемые", menteeCells, "Утвердить пары");
    const mentorCells: CellWrite[] = [];
    for (const id of newMentors) {
      const row = mentorById.get(id);
      if (row && MENTOR_READY.has(row.record.status)) {
        mentorCells.push(
          ...recordChanges("mentors", row.row, row.record, { status: MENTOR_ACTIVE }, mentors.columns),
        );
      }
    }
    writeKeepingEdits(env, "Наставники", mentorCells, "Утвердить пары");

    result.lines.push(
      `Записано пар: ${result.created.length}${result.created.length ? ` (${result.created.join(", ")})` : ""}.`,
    );
    if (result.alreadyActive > 0) result.lines.push(`Уже были в реестре: ${result.alreadyActive}.`);
    if (result.rejected > 0)
      result.lines.push(`Отклонено и больше не будет предлагаться: ${result.rejected}.`);
    for (const s of result.skipped)
      result.lines.push(`Не записана пара ${s.menteeId} — ${s.mentorId}: ${s.reason}.`);
    writeJournal(env, [
      {
        action: "Утвердить пары",
        outcome: result.skipped.length > 0 ? "с предупреждениями" : "успешно",
        details: result.lines.join("\n"),
      },
    ]);
    return result;
  });
}
