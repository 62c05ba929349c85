// Matching figures for `npm run bench`: time to score and assign synthetic cohorts, and the
// total score against an independent exact solver (munkres) on cohorts small enough for it.

import { performance } from "node:perf_hooks";
import { assignCohort, assignOptimal } from "../src/domain/matching/assign";
import { DEFAULT_WEIGHTS, type MatchContext, scoreCohort } from "../src/domain/matching/score";
import type { AssignmentInput } from "../src/domain/matching/types";
import { munkresOptimum, randomCohort, TODAY } from "../test/domain/matching/cohort";

const ctx: MatchContext = { today: TODAY, weights: DEFAULT_WEIGHTS, minScore: 20 };

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
