// A regional cohort must be scored and assigned well within the Apps Script 6-minute limit.
// Times are printed, never asserted (a benchmark script times it properly).

import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { assignCohort } from "../../../src/domain/matching/assign";
import { DEFAULT_WEIGHTS, type MatchContext } from "../../../src/domain/matching/score";
import { randomCohort, TODAY } from "./cohort";

const ctx: MatchContext = { today: TODAY, weights: DEFAULT_WEIGHTS, minScore: 20 };

describe("scale", () => {
  it.each([
    [500, 100],
    [2_000, 400],
    [10_000, 2_000],
  ])("%i mentees × %i mentors (places 1–5): scoring and «Оптимально»", (n, m) => {
    const { mentees, mentors } = randomCohort({ mentees: n, mentors: m, seed: 2025, capacity: [1, 5] });
    const t = performance.now();
    const res = assignCohort(mentees, mentors, ctx);
    const ms = Math.round(performance.now() - t);
    const places = mentors.reduce((a, r) => a + r.capacity, 0);
    expect(res.check.exact).toBe(true);
    expect(res.assignment.pairs.length).toBeLessThanOrEqual(places);
    expect(res.assignment.pairs.length + res.assignment.unmatched.length).toBe(n);
    console.log(
      JSON.stringify({
        mentees: n,
        mentors: m,
        places,
        ms,
        pairsScored: res.scoring.pairsScored,
        pairsKept: res.scoring.scores.length,
        pairsPruned: res.scoring.prunedPairs,
        matched: res.assignment.pairs.length,
        totalScore: res.assignment.totalScore,
        check: res.check,
      }),
    );
  });
});
