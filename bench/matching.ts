// Matching figures for `npm run bench`: time to score and assign synthetic cohorts, and the
// total score against an independent exact solver (munkres) on cohorts small enough for it.

import { performance } from "node:perf_hooks";
import munkres from "munkres";
import { assignCohort, assignOptimal } from "../src/domain/matching/assign";
import { DEFAULT_WEIGHTS, type MatchContext, scoreCohort } from "../src/domain/matching/score";
import type { AssignmentInput } from "../src/domain/matching/types";
import { randomCohort, TODAY } from "../test/domain/matching/cohort";

const ctx: MatchContext = { today: TODAY, weights: DEFAULT_WEIGHTS, minScore: 20 };

/** Exact optimum by munkres: mentors expanded by places, a dummy column per mentee. */
function munkresOptimum(inp: AssignmentInput): { matched: number; total: number } {
  const rows = [...inp.mentees];
  const slots: string[] = [];
  for (const [id, c] of inp.capacity) for (let k = 0; k < c; k++) slots.push(id);
  const score = new Map(inp.scores.map((s) => [`${s.menteeId}|${s.mentorId}`, s.score]));
  const BIG = 101 * rows.length + 1;
  const cost = rows.map((e) => [
    ...slots.map((id) => {
      const s = score.get(`${e}|${id}`);
      return s === undefined ? 0 : -(BIG + s);
    }),
    ...rows.map(() => 0),
  ]);
  let matched = 0;
  let total = 0;
  for (const [y, x] of munkres(cost)) {
    const c = cost[y]?.[x] ?? 0;
    if (c < 0) {
      matched++;
      total += -c - BIG;
    }
  }
  return { matched, total };
}

export function matchingFigures() {
  const timings = [
    [500, 100],
    [2_000, 400],
    [10_000, 2_000],
  ].map(([n, m]) => {
    const { mentees, mentors } = randomCohort({
      mentees: n as number,
      mentors: m as number,
      seed: 2025,
      capacity: [1, 5],
    });
    const figures: Record<string, unknown> = { mentees: n, mentors: m };
    for (const strategy of ["optimal", "stable"] as const) {
      const t = performance.now();
      const res = assignCohort(mentees, mentors, ctx, { strategy });
      figures[strategy] = {
        ms: Math.round(performance.now() - t),
        matched: res.assignment.pairs.length,
        totalScore: res.assignment.totalScore,
        pairsScored: res.scoring.pairsScored,
        exactAfterPruning: res.check.exact,
        firstRoundTotal: res.check.firstRound.totalScore,
      };
    }
    return figures;
  });
  const versusMunkres = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
    const { mentees, mentors } = randomCohort({ mentees: 60, mentors: 20, seed, capacity: [1, 3] });
    const scoring = scoreCohort(mentees, mentors, ctx, { topK: 0 });
    const input: AssignmentInput = {
      mentees: mentees.map((e) => e.id),
      capacity: new Map(mentors.map((r) => [r.id, r.capacity])),
      scores: scoring.scores,
      locked: [],
    };
    const ours = assignOptimal(input);
    const exact = munkresOptimum(input);
    return { seed, ours: { matched: ours.pairs.length, total: ours.totalScore }, munkres: exact };
  });
  return {
    timings,
    versusMunkres,
    allEqualToMunkres: versusMunkres.every(
      (v) => v.ours.matched === v.munkres.matched && v.ours.total === v.munkres.total,
    ),
  };
}
