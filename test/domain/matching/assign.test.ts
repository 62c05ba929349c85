import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assignCohort,
  assignOptimal,
  assignStable,
  findBlockingPairs,
} from "../../../src/domain/matching/assign";
import { DEFAULT_WEIGHTS, type MatchContext, scoreCohort } from "../../../src/domain/matching/score";
import type { Assignment, AssignmentInput, PairScore, Preferences } from "../../../src/domain/matching/types";
import { munkresOptimum, randomCohort, TODAY } from "./cohort";

function pair(menteeId: string, mentorId: string, score: number): PairScore {
  return {
    menteeId,
    mentorId,
    score,
    parts: [{ criterion: "requests", points: score, reason: "тест" }],
    form: "",
  };
}

function input(
  mentees: string[],
  capacity: Record<string, number>,
  scores: [string, string, number][],
  extra: Partial<AssignmentInput> = {},
): AssignmentInput {
  return {
    mentees,
    capacity: new Map(Object.entries(capacity)),
    scores: scores.map(([e, r, s]) => pair(e, r, s)),
    locked: [],
    ...extra,
  };
}

const mentorOf = (a: Assignment, menteeId: string) => a.pairs.find((p) => p.menteeId === menteeId)?.mentorId;

// ---------------------------------------------------------------------------------------
// Random instances and an independent exact answer

interface Instance {
  input: AssignmentInput;
}

const instanceArb = fc
  .record({
    n: fc.integer({ min: 1, max: 30 }),
    m: fc.integer({ min: 1, max: 12 }),
    density: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
    ties: fc.boolean(),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    lockedShare: fc.constantFrom(0, 0, 0.1, 0.3),
    withPrefs: fc.boolean(),
  })
  .map(({ n, m, density, ties, seed, lockedShare, withPrefs }): Instance => {
    let a = seed;
    const r = () => {
      a = (a * 1103515245 + 12345) % 2147483648;
      return a / 2147483648;
    };
    const mentees = Array.from({ length: n }, (_, i) => `E${i}`);
    const mentors = Array.from({ length: m }, (_, j) => `R${j}`);
    const capacity: Record<string, number> = {};
    for (const id of mentors) capacity[id] = Math.floor(r() * 4);
    const scores: [string, string, number][] = [];
    for (const e of mentees)
      for (const id of mentors)
        if (r() < density)
          scores.push([e, id, ties ? 20 + 10 * Math.floor(r() * 3) : 20 + Math.floor(r() * 81)]);
    const locked = mentees
      .filter(() => r() < lockedShare)
      .map((e) => ({ menteeId: e, mentorId: mentors[Math.floor(r() * m)] as string }));
    const menteeSide = new Map<string, string[]>();
    const mentorSide = new Map<string, string[]>();
    if (withPrefs) {
      for (const e of mentees) if (r() < 0.6) menteeSide.set(e, mentors.filter(() => r() < 0.3).slice(0, 3));
      for (const id of mentors)
        if (r() < 0.6) mentorSide.set(id, mentees.filter(() => r() < 0.2).slice(0, 3));
    }
    const preferences: Preferences = { mentee: menteeSide, mentor: mentorSide };
    return { input: input(mentees, capacity, scores, { locked, preferences }) };
  });

/** Blocking pairs found the plain way, straight from the rules of «Устойчиво». */
function blockingByHand(inp: AssignmentInput, a: Assignment): string[] {
  const lockedOf = new Map<string, string>();
  for (const l of inp.locked) if (!lockedOf.has(l.menteeId)) lockedOf.set(l.menteeId, l.mentorId);
  const rows = [...new Set(inp.mentees)].filter((e) => !lockedOf.has(e));
  const mentors = [...inp.capacity.keys()];
  const placesLeft = new Map(
    mentors.map((id) => [
      id,
      Math.max(0, (inp.capacity.get(id) ?? 0) - [...lockedOf.values()].filter((x) => x === id).length),
    ]),
  );
  const score = new Map<string, number>();
  for (const s of inp.scores)
    if ((placesLeft.get(s.mentorId) ?? 0) > 0) score.set(`${s.menteeId}|${s.mentorId}`, s.score);
  const rank = (list: readonly string[] | undefined, id: string) => {
    const k = list?.indexOf(id) ?? -1;
    return k < 0 ? 1000 : k;
  };
  // [chosen rank, −score, −places, mentor order]
  const menteeKey = (e: string, r: string) => [
    rank(inp.preferences?.mentee.get(e), r),
    -(score.get(`${e}|${r}`) ?? 0),
    -(placesLeft.get(r) ?? 0),
    mentors.indexOf(r),
  ];
  const mentorKey = (r: string, e: string) => [
    rank(inp.preferences?.mentor.get(r), e),
    -(score.get(`${e}|${r}`) ?? 0),
    rows.indexOf(e),
  ];
  const less = (x: number[], y: number[]) => {
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return (x[k] as number) < (y[k] as number);
    return false;
  };
  const got = new Map(a.pairs.filter((p) => !p.locked).map((p) => [p.menteeId, p.mentorId]));
  const out: string[] = [];
  for (const e of rows)
    for (const r of mentors) {
      if (!score.has(`${e}|${r}`) || got.get(e) === r) continue;
      const mine = got.get(e);
      if (mine !== undefined && !less(menteeKey(e, r), menteeKey(e, mine))) continue;
      const held = rows.filter((x) => got.get(x) === r);
      const accepts =
        held.length < (placesLeft.get(r) ?? 0) || held.some((x) => less(mentorKey(r, e), mentorKey(r, x)));
      if (accepts) out.push(`${e}|${r}`);
    }
  return out.sort();
}

function checkShape(inp: AssignmentInput, a: Assignment): void {
  const lockedOf = new Map<string, string>();
  for (const l of inp.locked) if (!lockedOf.has(l.menteeId)) lockedOf.set(l.menteeId, l.mentorId);
  const ids = [...new Set(inp.mentees)];
  // Every mentee once: in a pair or among the unmatched, in input order.
  expect([...a.pairs.map((p) => p.menteeId), ...a.unmatched.map((u) => u.menteeId)].sort()).toEqual(
    [...ids].sort(),
  );
  expect(a.pairs.map((p) => p.menteeId)).toEqual(ids.filter((id) => a.pairs.some((p) => p.menteeId === id)));
  // Locked pairs kept as they are.
  for (const [e, r] of lockedOf)
    expect(a.pairs).toContainEqual(expect.objectContaining({ menteeId: e, mentorId: r, locked: true }));
  // Places: locked pairs use them first.
  for (const [id, c] of inp.capacity) {
    const locked = [...lockedOf.values()].filter((x) => x === id).length;
    const mine = a.pairs.filter((p) => p.mentorId === id && !p.locked).length;
    expect(mine).toBeLessThanOrEqual(Math.max(0, c - locked));
  }
  // Only eligible pairs, with their scores; the total adds up.
  for (const p of a.pairs.filter((x) => !x.locked)) {
    const s = inp.scores.find((x) => x.menteeId === p.menteeId && x.mentorId === p.mentorId);
    expect(s?.score).toBe(p.score);
  }
  expect(a.totalScore).toBe(a.pairs.reduce((t, p) => t + p.score, 0));
  for (const u of a.unmatched) expect(u.reason).toMatch(/[а-яё]/);
}

// ---------------------------------------------------------------------------------------

describe("assignOptimal", () => {
  it("matches as many mentees as possible before maximising the score", () => {
    const a = assignOptimal(
      input(["X", "Y"], { A: 1, B: 1 }, [
        ["X", "A", 90],
        ["X", "B", 10],
        ["Y", "A", 80],
      ]),
    );
    expect(mentorOf(a, "X")).toBe("B");
    expect(mentorOf(a, "Y")).toBe("A");
    expect(a.totalScore).toBe(90);
  });

  it("maximises the total score, not each mentee's own best", () => {
    const a = assignOptimal(
      input(["X", "Y"], { A: 1, B: 1 }, [
        ["X", "A", 90],
        ["X", "B", 80],
        ["Y", "A", 85],
        ["Y", "B", 30],
      ]),
    );
    expect(a.pairs.map((p) => [p.menteeId, p.mentorId])).toEqual([
      ["X", "B"],
      ["Y", "A"],
    ]);
    expect(a.totalScore).toBe(165);
  });

  it("forms groups up to the mentor's places", () => {
    const a = assignOptimal(
      input(["X", "Y", "Z"], { A: 2 }, [
        ["X", "A", 50],
        ["Y", "A", 60],
        ["Z", "A", 70],
      ]),
    );
    expect(a.pairs.map((p) => p.menteeId)).toEqual(["Y", "Z"]);
    expect(a.unmatched).toEqual([
      {
        menteeId: "X",
        reason:
          "места у подходящих наставников (1) заняты: при распределении они отданы другим, чтобы пару получило как можно больше наставляемых",
      },
    ]);
  });

  it("spreads equal mentees over mentors", () => {
    const scores: [string, string, number][] = [];
    for (const e of ["W", "X", "Y", "Z"]) for (const r of ["A", "B"]) scores.push([e, r, 50]);
    const a = assignOptimal(input(["W", "X", "Y", "Z"], { A: 3, B: 3 }, scores));
    expect(a.pairs.filter((p) => p.mentorId === "A")).toHaveLength(2);
    expect(a.pairs.filter((p) => p.mentorId === "B")).toHaveLength(2);
    // A locked pair counts in the load.
    const b = assignOptimal(
      input(["V", "X", "Y", "Z"], { A: 3, B: 3 }, scores, { locked: [{ menteeId: "V", mentorId: "A" }] }),
    );
    expect(b.pairs.filter((p) => p.mentorId === "A")).toHaveLength(2);
    expect(b.pairs.filter((p) => p.mentorId === "B")).toHaveLength(2);
  });

  it("keeps locked pairs and their places", () => {
    const a = assignOptimal(
      input(
        ["X", "Y"],
        { A: 1, B: 1 },
        [
          ["X", "A", 90],
          ["Y", "A", 95],
          ["Y", "B", 10],
          ["X", "B", 20],
        ],
        { locked: [{ menteeId: "X", mentorId: "B" }] },
      ),
    );
    expect(a.pairs).toEqual([
      { menteeId: "X", mentorId: "B", score: 20, locked: true },
      { menteeId: "Y", mentorId: "A", score: 95, locked: false },
    ]);
    // A locked pair whose mentor is full still stands; its score is 0 when it was not scored.
    const b = assignOptimal(
      input(["X", "Y"], { A: 1 }, [["Y", "A", 60]], { locked: [{ menteeId: "X", mentorId: "A" }] }),
    );
    expect(b.pairs).toEqual([{ menteeId: "X", mentorId: "A", score: 0, locked: true }]);
    expect(b.unmatched).toEqual([
      { menteeId: "Y", reason: "у единственного подходящего наставника не осталось мест" },
    ]);
  });

  it("says why a mentee is left without a mentor", () => {
    const a = assignOptimal(
      input(
        ["X", "Y", "Z"],
        { A: 0, B: 0, C: 1 },
        [
          ["Y", "A", 50],
          ["Y", "B", 40],
        ],
        {
          noCandidateReasons: new Map([["Z", "нет согласия наставляемого на обработку персональных данных"]]),
        },
      ),
    );
    expect(a.unmatched).toEqual([
      {
        menteeId: "X",
        reason: "нет подходящего наставника: ни одна пара не прошла правила подбора и порог оценки",
      },
      { menteeId: "Y", reason: "у всех подходящих наставников (2) не осталось мест" },
      { menteeId: "Z", reason: "нет согласия наставляемого на обработку персональных данных" },
    ]);
  });

  it("is exact: the same as munkres on mentors expanded by places (random cohorts up to 30 × 12)", () => {
    fc.assert(
      fc.property(instanceArb, ({ input: inp }) => {
        const a = assignOptimal(inp);
        checkShape(inp, a);
        const best = munkresOptimum(inp);
        const mine = a.pairs.filter((p) => !p.locked);
        expect(mine.length).toBe(best.matched);
        expect(mine.reduce((t, p) => t + p.score, 0)).toBe(best.total);
        expect(assignOptimal(inp)).toEqual(a);
      }),
      { numRuns: 400 },
    );
  });
});

describe("assignStable", () => {
  it("mentee-proposing deferred acceptance on a textbook case", () => {
    const prefs: Preferences = {
      mentee: new Map([
        ["X", ["A", "B"]],
        ["Y", ["A", "B"]],
        ["Z", ["B", "A"]],
      ]),
      mentor: new Map([
        ["A", ["Z", "Y", "X"]],
        ["B", ["X", "Y", "Z"]],
      ]),
    };
    const scores: [string, string, number][] = [];
    for (const e of ["X", "Y", "Z"]) for (const r of ["A", "B"]) scores.push([e, r, 50]);
    const inp = input(["X", "Y", "Z"], { A: 1, B: 2 }, scores, { preferences: prefs });
    const a = assignStable(inp);
    expect(a.pairs.map((p) => [p.menteeId, p.mentorId])).toEqual([
      ["X", "B"],
      ["Y", "A"],
      ["Z", "B"],
    ]);
    expect(findBlockingPairs(inp, a)).toEqual([]);
  });

  it("without choices ranks by score on both sides", () => {
    const inp = input(["X", "Y"], { A: 1, B: 1 }, [
      ["X", "A", 90],
      ["X", "B", 80],
      ["Y", "A", 85],
      ["Y", "B", 30],
    ]);
    const a = assignStable(inp);
    // X and A both like each other best: stable, although the total is lower than optimal.
    expect(a.pairs.map((p) => [p.menteeId, p.mentorId])).toEqual([
      ["X", "A"],
      ["Y", "B"],
    ]);
    expect(findBlockingPairs(inp, assignOptimal(inp))).toEqual([{ menteeId: "X", mentorId: "A" }]);
  });

  it("leaves no blocking pair, keeps locked pairs and places (random cohorts)", () => {
    fc.assert(
      fc.property(instanceArb, ({ input: inp }) => {
        const a = assignStable(inp);
        checkShape(inp, a);
        expect(findBlockingPairs(inp, a)).toEqual([]);
        expect(blockingByHand(inp, a)).toEqual([]);
        expect(assignStable(inp)).toEqual(a);
        // The blocking pairs of any assignment agree with the plain search.
        const o = assignOptimal(inp);
        expect(
          findBlockingPairs(inp, o)
            .map((b) => `${b.menteeId}|${b.mentorId}`)
            .sort(),
        ).toEqual(blockingByHand(inp, o));
      }),
      { numRuns: 400 },
    );
  });

  it("says why a mentee is left without a mentor", () => {
    const a = assignStable(
      input(["X", "Y"], { A: 1 }, [
        ["X", "A", 40],
        ["Y", "A", 60],
      ]),
    );
    expect(a.unmatched).toEqual([
      {
        menteeId: "X",
        reason: "места у подходящих наставников (1) заняты наставляемыми, которых наставники ставят выше",
      },
    ]);
  });
});

// ---------------------------------------------------------------------------------------
// A real cohort: pruning and its proof

const ctx: MatchContext = { today: TODAY, weights: DEFAULT_WEIGHTS, minScore: 20 };

describe("assignCohort", () => {
  it("with pruning gives exactly the optimum on all eligible pairs", () => {
    let added = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(1, 2, 4), (seed, topK) => {
        const { mentees, mentors } = randomCohort({ mentees: 90, mentors: 25, seed, capacity: [1, 3] });
        // Some pairs locked, some mentors with fewer places left than their capacity.
        const locked = [0, 1, 2]
          .filter((k) => (seed >> k) & 1)
          .map((k) => ({ menteeId: mentees[k * 7]?.id ?? "", mentorId: mentors[k]?.id ?? "" }));
        const capacity = new Map(
          mentors.map((r, k) => [r.id, k % 5 === 0 ? Math.max(0, r.capacity - 1) : r.capacity]),
        );
        const c = { ...ctx, locked };
        const res = assignCohort(mentees, mentors, c, { topK, mentorTopK: 1, capacity });
        expect(res.check.exact).toBe(true);
        const full = scoreCohort(mentees, mentors, c, { topK: 0 });
        const exact = assignOptimal({
          mentees: mentees.map((e) => e.id),
          capacity,
          scores: full.scores,
          locked,
        });
        expect(res.assignment.pairs.length).toBe(exact.pairs.length);
        expect(res.assignment.totalScore).toBe(exact.totalScore);
        expect(res.check.firstRound.totalScore).toBeLessThanOrEqual(exact.totalScore);
        added += res.check.pairsAdded;
      }),
      { numRuns: 25 },
    );
    // The repair of the flow with pairs added back did run.
    expect(added).toBeGreaterThan(0);
  });

  it("with pruning gives a stable assignment on all eligible pairs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(1, 2, 4), (seed, topK) => {
        const { mentees, mentors } = randomCohort({ mentees: 90, mentors: 25, seed, capacity: [1, 3] });
        const preferences: Preferences = {
          mentee: new Map(
            mentees
              .slice(0, 30)
              .map((e, k) => [e.id, [mentors[k % 25]?.id ?? "", mentors[(k * 7) % 25]?.id ?? ""]]),
          ),
          mentor: new Map(mentors.slice(0, 10).map((r, k) => [r.id, [mentees[k * 3]?.id ?? ""]])),
        };
        const c = { ...ctx, preferences };
        const res = assignCohort(mentees, mentors, c, { strategy: "stable", topK, mentorTopK: 1 });
        expect(res.check.exact).toBe(true);
        const full = scoreCohort(mentees, mentors, c, { topK: 0 });
        const inp: AssignmentInput = {
          mentees: mentees.map((e) => e.id),
          capacity: new Map(mentors.map((r) => [r.id, r.capacity])),
          scores: full.scores,
          locked: [],
          preferences,
        };
        expect(findBlockingPairs(inp, res.assignment)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it("keeps locked pairs, uses the given places and reports reasons from scoring", () => {
    const { mentees, mentors } = randomCohort({ mentees: 60, mentors: 15, seed: 5 });
    const locked = [{ menteeId: "НЯ-00001", mentorId: "НР-00001" }];
    const capacity = new Map(mentors.map((r) => [r.id, 1]));
    const res = assignCohort(mentees, mentors, { ...ctx, locked }, { capacity, topK: 3 });
    expect(res.assignment.pairs[0]).toMatchObject({
      menteeId: "НЯ-00001",
      mentorId: "НР-00001",
      locked: true,
    });
    expect(res.assignment.pairs.filter((p) => p.mentorId === "НР-00001")).toHaveLength(1);
    for (const id of capacity.keys())
      expect(res.assignment.pairs.filter((p) => p.mentorId === id).length).toBeLessThanOrEqual(1);
    for (const u of res.assignment.unmatched) {
      const c = res.scoring.mentees.find((x) => x.menteeId === u.menteeId);
      if (c?.reason) expect(u.reason).toBe(c.reason);
    }
  });
});
