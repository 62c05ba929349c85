// Use case «Подбор пар»: scores the cohort, proposes a whole assignment with reasons and
// alternatives, and leaves every decision to the curator (confirming is src/app/pairs.ts).

import { assignCohort } from "../domain/matching/assign";
import { impliedForm, minScoreFromSettings, weightsFromSettings } from "../domain/matching/score";
import {
  CRITERIA,
  type CriterionKey,
  type LockedPair,
  type MenteeProfile,
  type MentorProfile,
  type PairScore,
  type Weights,
} from "../domain/matching/types";
import { cleanText, type DateOnly } from "../domain/normalize";
import { listValues } from "../domain/schema";
import { describeIssue } from "../domain/table";
import { readCohort } from "./cohort";
import type { ClockPort, WorkbookPort } from "./ports";
import type { MentorOption, ProposalRequest, ProposalRow, ProposalView } from "./proposal-types";
import { readSettings } from "./settings";

export type { ProposalRequest, ProposalView } from "./proposal-types";

/** Mentees and mentors who are out of the programme are not part of a cohort. */
const GONE = new Set(["Выбыл", "Согласие отозвано", "Завершил программу", "Не отобран"]);
const MAX_OPTIONS = 30;

function day(d: Date): DateOnly {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

function reasonsOf(score: PairScore): string[] {
  return [...score.parts]
    .filter((p) => p.points > 0 || /нет|не /.test(p.reason))
    .sort((a, b) => b.points - a.points)
    .map((p) => p.reason)
    .filter((r) => r.trim() !== "");
}

function menteeInfo(m: MenteeProfile): string {
  return [m.category, cleanText(m.position), cleanText(m.subject)].filter(Boolean).join(", ");
}

/** Categories of mentees and mentors that can form the chosen form of mentorship. */
function fitsForm(form: string, menteeCategory: string, mentorCategories: readonly string[]): boolean {
  return mentorCategories.some((c) => impliedForm(menteeCategory, c) === form);
}

export interface ProposeOptions {
  /** Also return the score of every eligible pair (no pruning): for `nastavnik match --scores`. */
  allScores?: boolean;
}

export function proposePairs(
  env: { workbook: WorkbookPort; clock: ClockPort },
  request: ProposalRequest,
  options: ProposeOptions = {},
): ProposalView {
  const settings = readSettings(env.workbook.read("Настройки")).values;
  const weights: Weights = { ...weightsFromSettings(settings) };
  for (const c of CRITERIA) {
    const w = request.weights?.[c.key];
    if (typeof w === "number" && Number.isFinite(w))
      weights[c.key] = Math.max(0, Math.min(100, Math.round(w)));
  }
  const minScore = minScoreFromSettings(settings);
  const cohort = readCohort(env.workbook);
  const today = day(env.clock.now());

  const activeByMentee = new Map(cohort.active.map((p) => [p.menteeId, p]));
  // «unmatched»: active pairs stay and use their mentors' places. «all»: everyone is matched
  // again, except the register's pairs the curator locked, which are kept as they are.
  const taken = new Map<string, number>();
  const registerLocks: LockedPair[] = [];
  for (const p of cohort.active) {
    if (request.scope === "unmatched") taken.set(p.mentorId, (taken.get(p.mentorId) ?? 0) + 1);
    else if (p.locked) registerLocks.push({ menteeId: p.menteeId, mentorId: p.mentorId });
  }

  const mentorCategories = listValues("mentorCategories");
  const menteeCategories = listValues("menteeCategories");
  let mentees = cohort.mentees.filter((m) => !GONE.has(m.status));
  if (request.scope === "unmatched") mentees = mentees.filter((m) => !activeByMentee.has(m.id));
  let mentors: MentorProfile[] = cohort.mentors.filter((m) => !GONE.has(m.status));
  if (request.form) {
    const form = request.form;
    mentees = mentees.filter((m) => fitsForm(form, m.category, mentorCategories));
    mentors = mentors.filter((r) => menteeCategories.some((c) => impliedForm(c, r.category) === form));
  }
  const capacity = new Map(mentors.map((r) => [r.id, Math.max(0, r.capacity - (taken.get(r.id) ?? 0))]));
  const menteeIds = new Set(mentees.map((m) => m.id));
  const locked = [...registerLocks, ...request.locked].filter((l) => menteeIds.has(l.menteeId));

  const { assignment, scoring } = assignCohort(
    mentees,
    mentors,
    {
      today,
      weights,
      minScore,
      preferences: cohort.preferences,
      excluded: [...cohort.excluded, ...request.excluded],
      locked,
    },
    { strategy: request.strategy, capacity, ...(options.allScores ? { topK: 0 } : {}) },
  );

  const mentorName = new Map(cohort.mentors.map((r) => [r.id, r.fullName]));
  const menteeById = new Map(cohort.mentees.map((m) => [m.id, m]));
  const byMentee = new Map<string, PairScore[]>();
  for (const s of scoring.scores) {
    const list = byMentee.get(s.menteeId) ?? [];
    list.push(s);
    byMentee.set(s.menteeId, list);
  }
  const option = (s: PairScore): MentorOption => ({
    mentorId: s.mentorId,
    mentorName: mentorName.get(s.mentorId) ?? s.mentorId,
    score: s.score,
    reasons: reasonsOf(s),
    form: s.form,
  });
  const lockedKeys = new Set(locked.map((l) => `${l.menteeId}|${l.mentorId}`));
  const proposals: ProposalRow[] = [];
  const unmatched = assignment.unmatched.map((u) => ({
    menteeId: u.menteeId,
    menteeName: menteeById.get(u.menteeId)?.fullName ?? u.menteeId,
    reason: u.reason,
  }));
  for (const p of assignment.pairs) {
    const all = [...(byMentee.get(p.menteeId) ?? [])].sort(
      (a, b) => b.score - a.score || a.mentorId.localeCompare(b.mentorId),
    );
    const chosen = all.find((s) => s.mentorId === p.mentorId);
    const mentee = menteeById.get(p.menteeId);
    if (!chosen || !mentee) continue;
    if (request.form && chosen.form !== request.form) {
      unmatched.push({
        menteeId: p.menteeId,
        menteeName: mentee.fullName,
        reason: `нет наставника для формы «${request.form}»`,
      });
      continue;
    }
    const others = all.filter((s) => s.mentorId !== p.mentorId);
    proposals.push({
      menteeId: p.menteeId,
      menteeName: mentee.fullName,
      menteeInfo: menteeInfo(mentee),
      mentorId: p.mentorId,
      mentorName: mentorName.get(p.mentorId) ?? p.mentorId,
      score: chosen.score,
      reasons: reasonsOf(chosen),
      parts: chosen.parts,
      form: chosen.form,
      locked: p.locked || lockedKeys.has(`${p.menteeId}|${p.mentorId}`),
      alternatives: others.slice(0, 2).map(option),
      options: all.slice(0, MAX_OPTIONS).map(option),
    });
  }
  proposals.sort(
    (a, b) => a.menteeName.localeCompare(b.menteeName, "ru") || a.menteeId.localeCompare(b.menteeId),
  );
  const proposed = new Map<string, number>();
  for (const p of proposals) proposed.set(p.mentorId, (proposed.get(p.mentorId) ?? 0) + 1);
  const totalScore = proposals.reduce((sum, p) => sum + p.score, 0);
  // scoring.scores holds the pairs kept after pruning; the mentees' summaries count them all.
  const eligiblePairs = scoring.mentees.reduce((sum, m) => sum + m.eligible, 0);
  const lines = [
    `Наставляемых в подборе: ${mentees.length}, наставников: ${mentors.length}, допустимых пар: ${eligiblePairs}.`,
    `Предложено пар: ${proposals.length}; без наставника: ${unmatched.length}. Сумма оценок: ${totalScore}.`,
  ];
  if (unmatched.length > 0) {
    lines.push(
      "Наставляемым без пары нужна психолого-педагогическая поддержка; поиск наставника продолжается.",
    );
  }
  if (cohort.issues.length > 0) {
    lines.push(
      `Ячейки, которые не удалось прочитать (в подборе не учтены): ${cohort.issues.length}. Исправьте их и повторите подбор.`,
      ...cohort.issues.slice(0, 10).map(describeIssue),
    );
    if (cohort.issues.length > 10) lines.push(`…и ещё ${cohort.issues.length - 10}.`);
  }
  return {
    strategy: request.strategy,
    weights,
    minScore,
    proposals,
    unmatched,
    mentors: mentors.map((r) => ({
      mentorId: r.id,
      mentorName: r.fullName,
      capacity: r.capacity,
      taken: taken.get(r.id) ?? 0,
      proposed: proposed.get(r.id) ?? 0,
    })),
    totalScore,
    counts: { mentees: mentees.length, mentors: mentors.length, matched: proposals.length, eligiblePairs },
    lines,
    ...(options.allScores
      ? {
          scores: scoring.scores.map((x) => ({
            menteeId: x.menteeId,
            mentorId: x.mentorId,
            score: x.score,
            reasons: reasonsOf(x),
          })),
        }
      : {}),
  };
}

/** Validates a request coming from the sidebar (every field checked; Russian errors). */
export function checkProposalRequest(input: unknown): ProposalRequest {
  const r = (input ?? {}) as Record<string, unknown>;
  const strategy =
    r.strategy === "stable"
      ? "stable"
      : r.strategy === "optimal" || r.strategy === undefined
        ? "optimal"
        : null;
  if (!strategy) throw new Error("Неизвестный способ подбора: выберите «Оптимально» или «Устойчиво».");
  const scope = r.scope === "all" ? "all" : "unmatched";
  const form = typeof r.form === "string" && r.form.trim() !== "" ? r.form.trim() : null;
  if (form && !listValues("forms").includes(form))
    throw new Error(`Неизвестная форма наставничества «${form}».`);
  const weights: Partial<Record<CriterionKey, number>> = {};
  if (r.weights && typeof r.weights === "object") {
    for (const c of CRITERIA) {
      const w = (r.weights as Record<string, unknown>)[c.key];
      if (w === undefined || w === null || w === "") continue;
      const n = Number(w);
      if (!Number.isFinite(n) || n < 0 || n > 100)
        throw new Error(`Вес «${c.label}» должен быть числом от 0 до 100.`);
      weights[c.key] = n;
    }
  }
  const pairs = (v: unknown, what: string): LockedPair[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.length > 20000) throw new Error(`Неверный список пар (${what}).`);
    return v.map((p) => {
      const o = p as Record<string, unknown>;
      if (typeof o?.menteeId !== "string" || typeof o?.mentorId !== "string")
        throw new Error(`Неверная пара в списке (${what}).`);
      return { menteeId: o.menteeId, mentorId: o.mentorId };
    });
  };
  return {
    strategy,
    scope,
    form,
    weights: Object.keys(weights).length > 0 ? weights : null,
    locked: pairs(r.locked, "закреплённые"),
    excluded: pairs(r.excluded, "отклонённые"),
  };
}
