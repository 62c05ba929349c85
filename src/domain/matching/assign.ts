// Cohort assignment («Подбор пар»): who gets which mentor.
//
// «Оптимально» is an exact maximum-cardinality, maximum-score b-matching: a min-cost flow
// source → mentees → mentors → sink solved by successive shortest paths with potentials
// (Dijkstra), one mentee at a time as in the Hungarian method. Every mentee also has an exit
// «без наставника» costing more than any difference of scores, so the flow first matches as
// many mentees as possible, then maximises the total score. Costs are lexicographic pairs
// (score cost, load cost): the second part is the number of mentees a mentor already has, so
// among assignments equal on the first part the one that spreads mentees over mentors wins;
// nothing of the score is ever traded for it. All numbers are integers, so the sums are exact.
//
// «Устойчиво» is mentee-proposing deferred acceptance with capacities (hospitals/residents).
//
// assignCohort joins scoring and assignment for a real cohort. Scoring keeps the best K mentors
// of each mentee (and the best of each mentor); every other eligible pair is then proven not to
// change the result, or added back: for «Оптимально» a pruned pair matters only if its reduced
// cost under the final potentials is negative (LP duality), and such a pair is added to the live
// flow and repaired with one more shortest path; for «Устойчиво» a pruned pair matters only if
// it blocks, and blocking pairs go into the next round of deferred acceptance. The loop ends
// when no pair is left to add, so the answer is the exact one for the full set of pairs.

import { type CohortScores, type MatchContext, scoreCohort } from "./score";
import type {
  Assignment,
  AssignmentInput,
  LockedPair,
  MenteeProfile,
  MentorProfile,
  Preferences,
  Strategy,
} from "./types";

/** The part of a PairScore the assignment needs. */
interface Edge {
  menteeId: string;
  mentorId: string;
  score: number;
}

interface Problem {
  /** Mentees to assign (not locked), in input order. */
  rows: string[];
  rowIndex: Map<string, number>;
  mentors: string[];
  mentorIndex: Map<string, number>;
  /** Places open to the rows. */
  cap: Int32Array;
  /** Places taken by locked pairs (the load a mentor starts with). */
  base: Int32Array;
  /** Edges to mentors with places, per row (CSR), by mentor index. */
  start: Int32Array;
  to: Int32Array;
  score: Int32Array;
  /** Eligible mentors per row whatever their places (for the reasons). */
  candidates: Int32Array;
  locked: { menteeId: string; mentorId: string; score: number }[];
  noCandidateReasons?: ReadonlyMap<string, string>;
  preferences?: Preferences;
  /** Mentee IDs in input order, locked ones included. */
  order: string[];
}

function buildProblem(
  mentees: readonly string[],
  capacity: ReadonlyMap<string, number>,
  edges: readonly Edge[],
  lockedPairs: readonly LockedPair[],
  extra: readonly Edge[] = [],
): Problem {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const id of mentees)
    if (!seen.has(id)) {
      seen.add(id);
      order.push(id);
    }
  const lockedOf = new Map<string, string>();
  for (const l of lockedPairs) if (!lockedOf.has(l.menteeId)) lockedOf.set(l.menteeId, l.mentorId);

  const mentors: string[] = [];
  const mentorIndex = new Map<string, number>();
  const addMentor = (id: string) => {
    let j = mentorIndex.get(id);
    if (j === undefined) {
      j = mentors.length;
      mentorIndex.set(id, j);
      mentors.push(id);
    }
    return j;
  };
  for (const id of capacity.keys()) addMentor(id);
  for (const id of lockedOf.values()) addMentor(id);
  const total = new Int32Array(mentors.length);
  capacity.forEach((c, id) => {
    total[mentorIndex.get(id) as number] = Math.max(0, Math.floor(Number.isFinite(c) ? c : 0));
  });

  const rows: string[] = [];
  const rowIndex = new Map<string, number>();
  for (const id of order)
    if (!lockedOf.has(id)) {
      rowIndex.set(id, rows.length);
      rows.push(id);
    }

  // Edges as (row, mentor, score) in typed arrays; scores of locked pairs.
  const size = edges.length + extra.length;
  const eRow = new Int32Array(size);
  const eMentor = new Int32Array(size);
  const eScore = new Int32Array(size);
  let kept = 0;
  const lockedScore = new Map<string, number>();
  const take = (e: Edge) => {
    const locked = lockedOf.get(e.menteeId);
    if (locked !== undefined) {
      if (locked === e.mentorId)
        lockedScore.set(e.menteeId, Math.max(lockedScore.get(e.menteeId) ?? 0, e.score));
      return;
    }
    const i = rowIndex.get(e.menteeId);
    const j = mentorIndex.get(e.mentorId);
    if (i === undefined || j === undefined) return;
    eRow[kept] = i;
    eMentor[kept] = j;
    eScore[kept] = Math.round(e.score);
    kept++;
  };
  for (const e of edges) take(e);
  for (const e of extra) take(e);
  // Row by row (counting sort), then by mentor within a row, the best score of duplicates.
  const rowStart = new Int32Array(rows.length + 1);
  for (let k = 0; k < kept; k++)
    rowStart[(eRow[k] as number) + 1] = (rowStart[(eRow[k] as number) + 1] as number) + 1;
  for (let i = 0; i < rows.length; i++)
    rowStart[i + 1] = (rowStart[i + 1] as number) + (rowStart[i] as number);
  const fill = rowStart.slice(0, rows.length);
  const sorted = new Int32Array(kept);
  for (let k = 0; k < kept; k++) {
    const i = eRow[k] as number;
    sorted[fill[i] as number] = k;
    fill[i] = (fill[i] as number) + 1;
  }
  const base = new Int32Array(mentors.length);
  const locked: Problem["locked"] = [];
  for (const id of order) {
    const mentorId = lockedOf.get(id);
    if (mentorId === undefined) continue;
    const j = mentorIndex.get(mentorId) as number;
    base[j] = (base[j] as number) + 1;
    locked.push({ menteeId: id, mentorId, score: lockedScore.get(id) ?? 0 });
  }
  const cap = Int32Array.from(total, (t, j) => Math.max(0, t - (base[j] as number)));

  const start = new Int32Array(rows.length + 1);
  const candidates = new Int32Array(rows.length);
  const to = new Int32Array(kept);
  const score = new Int32Array(kept);
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    start[i] = at;
    const ks = Array.from(sorted.subarray(rowStart[i] as number, rowStart[i + 1] as number));
    ks.sort(
      (x, y) =>
        (eMentor[x] as number) - (eMentor[y] as number) || (eScore[y] as number) - (eScore[x] as number),
    );
    let last = -1;
    for (const k of ks) {
      const j = eMentor[k] as number;
      if (j === last) continue;
      last = j;
      candidates[i] = (candidates[i] as number) + 1;
      if ((cap[j] as number) <= 0) continue;
      to[at] = j;
      score[at] = eScore[k] as number;
      at++;
    }
  }
  start[rows.length] = at;
  return {
    rows,
    rowIndex,
    mentors,
    mentorIndex,
    cap,
    base,
    start,
    to: to.slice(0, at),
    score: score.slice(0, at),
    candidates,
    locked,
    order,
  };
}

function problemOf(input: AssignmentInput, extra: readonly Edge[] = []): Problem {
  const p = buildProblem(input.mentees, input.capacity, input.scores, input.locked, extra);
  if (input.noCandidateReasons) p.noCandidateReasons = input.noCandidateReasons;
  if (input.preferences) p.preferences = input.preferences;
  return p;
}

// ---------------------------------------------------------------------------------------
// Reasons and the result

function unmatchedReason(p: Problem, u: number, strategy: Strategy): string {
  const id = p.rows[u] as string;
  const all = p.candidates[u] as number;
  if (all === 0)
    return (
      p.noCandidateReasons?.get(id) ??
      "нет подходящего наставника: ни одна пара не прошла правила подбора и порог оценки"
    );
  const open = (p.start[u + 1] as number) - (p.start[u] as number);
  if (open === 0)
    return all === 1
      ? "у единственного подходящего наставника не осталось мест"
      : `у всех подходящих наставников (${all}) не осталось мест`;
  return strategy === "optimal"
    ? `места у подходящих наставников (${all}) заняты: при распределении они отданы другим, чтобы пару получило как можно больше наставляемых`
    : `места у подходящих наставников (${all}) заняты наставляемыми, которых наставники ставят выше`;
}

function toAssignment(p: Problem, match: Int32Array, rowScore: Int32Array, strategy: Strategy): Assignment {
  const pairs: Assignment["pairs"] = [];
  const unmatched: Assignment["unmatched"] = [];
  const lockedOf = new Map(p.locked.map((l) => [l.menteeId, l]));
  let totalScore = 0;
  for (const id of p.order) {
    const l = lockedOf.get(id);
    if (l) {
      pairs.push({ menteeId: id, mentorId: l.mentorId, score: l.score, locked: true });
      totalScore += l.score;
      continue;
    }
    const u = p.rowIndex.get(id) as number;
    const j = match[u] as number;
    if (j >= 0) {
      const score = rowScore[u] as number;
      pairs.push({ menteeId: id, mentorId: p.mentors[j] as string, score, locked: false });
      totalScore += score;
    } else unmatched.push({ menteeId: id, reason: unmatchedReason(p, u, strategy) });
  }
  return { pairs, unmatched, totalScore };
}

// ---------------------------------------------------------------------------------------
// «Оптимально»: successive shortest paths

/** A binary heap of nodes keyed by (a, b), ties by node index. */
class Heap {
  private a = new Float64Array(1024);
  private b = new Float64Array(1024);
  private v = new Int32Array(1024);
  size = 0;
  topA = 0;
  topB = 0;
  /** The node that wins ties. */
  first = -1;

  private less(i: number, j: number): boolean {
    const ai = this.a[i] as number;
    const aj = this.a[j] as number;
    if (ai !== aj) return ai < aj;
    const bi = this.b[i] as number;
    const bj = this.b[j] as number;
    if (bi !== bj) return bi < bj;
    const vi = this.v[i] as number;
    const vj = this.v[j] as number;
    // The target of the search wins ties: nothing at its distance needs settling first.
    if (vi === this.first || vj === this.first) return vi === this.first && vj !== this.first;
    return vi < vj;
  }

  private swap(i: number, j: number): void {
    const a = this.a[i] as number;
    const b = this.b[i] as number;
    const v = this.v[i] as number;
    this.a[i] = this.a[j] as number;
    this.b[i] = this.b[j] as number;
    this.v[i] = this.v[j] as number;
    this.a[j] = a;
    this.b[j] = b;
    this.v[j] = v;
  }

  push(a: number, b: number, v: number): void {
    if (this.size === this.v.length) {
      const grow = <T extends Float64Array | Int32Array>(x: T, make: (n: number) => T) => {
        const y = make(x.length * 2);
        y.set(x);
        return y;
      };
      this.a = grow(this.a, (n) => new Float64Array(n));
      this.b = grow(this.b, (n) => new Float64Array(n));
      this.v = grow(this.v, (n) => new Int32Array(n));
    }
    let i = this.size++;
    this.a[i] = a;
    this.b[i] = b;
    this.v[i] = v;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!this.less(i, up)) break;
      this.swap(i, up);
      i = up;
    }
  }

  /** Removes the smallest entry, returns its node and leaves its key in topA/topB. */
  pop(): number {
    const node = this.v[0] as number;
    this.topA = this.a[0] as number;
    this.topB = this.b[0] as number;
    const last = --this.size;
    if (last > 0) {
      this.a[0] = this.a[last] as number;
      this.b[0] = this.b[last] as number;
      this.v[0] = this.v[last] as number;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        const c = r < last && this.less(r, l) ? r : l;
        if (!this.less(c, i)) break;
        this.swap(c, i);
        i = c;
      }
    }
    return node;
  }

  clear(): void {
    this.size = 0;
  }
}

/**
 * Min-cost flow source → mentees → mentors → sink with lexicographic costs (score part, load
 * part), kept optimal by potentials π: every residual edge has a non-negative reduced cost
 * c(u, v) + π(u) − π(v), so shortest paths are found with Dijkstra.
 *
 * Nodes: rows (mentees) 0..n−1, mentors n..n+m−1, the sink T = n+m. Edges and their costs:
 * row → mentor (100 − score, 0); mentor → T, the next place of a mentor that has `load` mentees
 * (0, locked + load); row → T, «без наставника» (big, 0), where big exceeds any total of score
 * differences, so a mentee more matched always wins. Each row is added in turn and sent along a
 * shortest path to T (the Hungarian method on a sparse graph). Afterwards pairs can be added:
 * an added pair with a negative reduced cost is saturated and the imbalance it creates is
 * repaired by one more shortest path, which keeps the flow optimal on the larger graph.
 */
class OptimalSolver {
  readonly n: number;
  readonly m: number;
  readonly T: number;
  readonly big: number;
  /** Row → mentor index; −1 without a mentor; −2 not added yet. */
  readonly match: Int32Array;
  /** Score of the row's current pair. */
  readonly rowScore: Int32Array;
  /** Potentials: score part and load part. */
  readonly piA: Float64Array;
  readonly piB: Float64Array;
  /** Nodes settled by all the searches (work done). */
  settled = 0;

  private readonly start: Int32Array;
  private readonly to: Int32Array;
  private readonly score: Int32Array;
  private readonly extraTo: number[][];
  private readonly extraScore: number[][];
  private readonly cap: Int32Array;
  private readonly base: Int32Array;
  /** Rows with each mentor, and the flow mentor → T (equal except while repairing). */
  private readonly members: number[][];
  private readonly load: Int32Array;
  /** Rows without a mentor, with their positions in the list. */
  private readonly dummy: number[] = [];
  private readonly dummyPos: Int32Array;

  private readonly dA: Float64Array;
  private readonly dB: Float64Array;
  private readonly done: Uint8Array;
  private readonly parent: Int32Array;
  /** For a mentor reached from a row: the score of that edge. */
  private readonly parentScore: Int32Array;
  private readonly touched: number[] = [];
  private readonly settledList: number[] = [];
  private readonly heap = new Heap();
  /** The pair being repaired: row, mentor and score (−1 when none). */
  private pendingRow = -1;
  private pendingMentor = -1;
  private pendingScore = 0;

  constructor(p: Problem) {
    const n = p.rows.length;
    const m = p.mentors.length;
    this.n = n;
    this.m = m;
    this.T = n + m;
    this.big = 100 * n + 1;
    this.start = p.start;
    this.to = p.to;
    this.score = p.score;
    this.cap = p.cap;
    this.base = p.base;
    this.extraTo = p.rows.map(() => []);
    this.extraScore = p.rows.map(() => []);
    this.match = new Int32Array(n).fill(-2);
    this.rowScore = new Int32Array(n);
    this.members = p.mentors.map(() => []);
    this.load = new Int32Array(m);
    this.dummyPos = new Int32Array(n).fill(-1);
    const N = this.T + 1;
    this.piA = new Float64Array(N);
    this.piB = new Float64Array(N);
    this.dA = new Float64Array(N).fill(Number.POSITIVE_INFINITY);
    this.dB = new Float64Array(N).fill(Number.POSITIVE_INFINITY);
    this.done = new Uint8Array(N);
    this.parent = new Int32Array(N).fill(-1);
    this.parentScore = new Int32Array(N);
  }

  /** Adds every row, fewest candidates first (fewer long searches), then input order. */
  solve(): this {
    const { n, start } = this;
    const degree = (u: number) => (start[u + 1] as number) - (start[u] as number);
    const order = Array.from({ length: n }, (_, u) => u).sort((x, y) => degree(x) - degree(y) || x - y);
    for (const r of order) this.addRow(r);
    return this;
  }

  /** Mentors of row u: CSR edges then added ones, as (mentor, score) via the callback. */
  private forEachEdge(u: number, f: (j: number, s: number) => void): void {
    for (let e = this.start[u] as number; e < (this.start[u + 1] as number); e++)
      f(this.to[e] as number, this.score[e] as number);
    const extra = this.extraTo[u] as number[];
    const scores = this.extraScore[u] as number[];
    for (let k = 0; k < extra.length; k++) f(extra[k] as number, scores[k] as number);
  }

  /** Writes `u` into `stamp` at every mentor row u has an edge to. */
  markEdges(u: number, stamp: Int32Array): void {
    for (let e = this.start[u] as number; e < (this.start[u + 1] as number); e++)
      stamp[this.to[e] as number] = u;
    for (const j of this.extraTo[u] as number[]) stamp[j] = u;
  }

  private addRow(r: number): void {
    const { n, T, piA, piB } = this;
    // A potential that keeps every edge out of the new row non-negative.
    let ra = (piA[T] as number) - this.big;
    let rb = piB[T] as number;
    this.forEachEdge(r, (j, s) => {
      const a = (piA[n + j] as number) - (100 - s);
      const b = piB[n + j] as number;
      if (a > ra || (a === ra && b > rb)) {
        ra = a;
        rb = b;
      }
    });
    piA[r] = ra;
    piB[r] = rb;
    this.search(r, T, false);
    this.augment(r, T);
  }

  /**
   * Adds the pair (row u, mentor j). If its reduced cost is negative, it is saturated: j gets an
   * extra mentee and u one pair too many; the shortest path from j back to u settles both.
   */
  addEdge(u: number, j: number, s: number): boolean {
    (this.extraTo[u] as number[]).push(j);
    (this.extraScore[u] as number[]).push(s);
    const { n, piA, piB } = this;
    const ra = 100 - s + (piA[u] as number) - (piA[n + j] as number);
    const rb = (piB[u] as number) - (piB[n + j] as number);
    if (ra > 0 || (ra === 0 && rb >= 0)) return false;
    if (this.match[u] === -1) {
      // A mentee without a mentor carries no flow but its exit: take it out and add it again.
      this.setDummy(u, false);
      this.match[u] = -2;
      this.addRow(u);
      return true;
    }
    this.pendingRow = u;
    this.pendingMentor = j;
    this.pendingScore = s;
    (this.members[j] as number[]).push(u);
    this.search(n + j, u, true);
    this.augment(n + j, u);
    this.pendingRow = -1;
    this.pendingMentor = -1;
    return true;
  }

  private relax(x: number, a: number, b: number, from: number, s: number): void {
    if (this.done[x]) return;
    const da = this.dA[x] as number;
    if (a < da || (a === da && b < (this.dB[x] as number))) {
      if (da === Number.POSITIVE_INFINITY) this.touched.push(x);
      this.dA[x] = a;
      this.dB[x] = b;
      this.parent[x] = from;
      this.parentScore[x] = s;
      this.heap.push(a, b, x);
    }
  }

  /** Dijkstra on reduced costs from `source` until `target` is settled; updates the potentials. */
  private search(source: number, target: number, throughSink: boolean): void {
    const { n, T, piA, piB, dA, dB, done, heap, big, cap, base, load, members } = this;
    heap.clear();
    heap.first = target;
    this.relax(source, 0, 0, -1, 0);
    while (heap.size > 0) {
      const v = heap.pop();
      const a = heap.topA;
      const b = heap.topB;
      if (done[v] || a !== dA[v] || b !== dB[v]) continue;
      done[v] = 1;
      this.settledList.push(v);
      if (v === target) break;
      const pa = piA[v] as number;
      const pb = piB[v] as number;
      if (v < n) {
        const mine = this.match[v] as number;
        const { start, to, score } = this;
        for (let e = start[v] as number, end = start[v + 1] as number; e < end; e++) {
          const j = to[e] as number;
          if (j === mine) continue;
          const w = n + j;
          const s = score[e] as number;
          this.relax(w, a + 100 - s + pa - (piA[w] as number), b + pb - (piB[w] as number), v, s);
        }
        const extra = this.extraTo[v] as number[];
        if (extra.length > 0) {
          const scores = this.extraScore[v] as number[];
          for (let k = 0; k < extra.length; k++) {
            const j = extra[k] as number;
            if (j === mine) continue;
            const w = n + j;
            const s = scores[k] as number;
            this.relax(w, a + 100 - s + pa - (piA[w] as number), b + pb - (piB[w] as number), v, s);
          }
        }
        if (mine !== -1) this.relax(T, a + big + pa - (piA[T] as number), b + pb - (piB[T] as number), v, 0);
      } else if (v < T) {
        const j = v - n;
        const l = load[j] as number;
        if (l < (cap[j] as number))
          this.relax(
            T,
            a + pa - (piA[T] as number),
            b + (base[j] as number) + l + pb - (piB[T] as number),
            v,
            0,
          );
        for (const u of members[j] as number[]) {
          const s =
            u === this.pendingRow && j === this.pendingMentor
              ? this.pendingScore
              : (this.rowScore[u] as number);
          this.relax(u, a - (100 - s) + pa - (piA[u] as number), b + pb - (piB[u] as number), v, 0);
        }
      } else if (throughSink) {
        // Back from the sink: a mentor gives up its last place, or a mentee leaves «без наставника».
        for (let j = 0; j < this.m; j++) {
          const l = load[j] as number;
          if (l > 0) {
            const w = n + j;
            this.relax(
              w,
              a + pa - (piA[w] as number),
              b - ((base[j] as number) + l - 1) + pb - (piB[w] as number),
              v,
              0,
            );
          }
        }
        for (const u of this.dummy)
          this.relax(u, a - big + pa - (piA[u] as number), b + pb - (piB[u] as number), v, 0);
      }
    }
    const DA = dA[target] as number;
    const DB = dB[target] as number;
    for (const v of this.settledList) {
      piA[v] = (piA[v] as number) + (dA[v] as number) - DA;
      piB[v] = (piB[v] as number) + (dB[v] as number) - DB;
    }
    this.settled += this.settledList.length;
    this.settledList.length = 0;
  }

  /** Pushes one unit along the path found by the last search, then clears the search. */
  private augment(source: number, target: number): void {
    const { n, T } = this;
    const path: number[] = [];
    for (let v = target; v !== -1; v = this.parent[v] as number) {
      path.push(v);
      if (v === source) break;
    }
    path.reverse();
    for (let k = 0; k + 1 < path.length; k++) {
      const x = path[k] as number;
      const y = path[k + 1] as number;
      if (x < n && y < T && y >= n) {
        // A mentee takes a place with the mentor.
        const j = y - n;
        (this.members[j] as number[]).push(x);
        this.match[x] = j;
        this.rowScore[x] = this.parentScore[y] as number;
      } else if (x >= n && x < T && y < n) {
        // A mentee leaves the mentor (it takes another place next, or it is the target).
        removeMember(this.members[x - n] as number[], y);
      } else if (x < n && y === T) this.setDummy(x, true);
      else if (x === T && y < n) this.setDummy(y, false);
      else if (x >= n && x < T && y === T) this.load[x - n] = (this.load[x - n] as number) + 1;
      else if (x === T && y >= n && y < T) this.load[y - n] = (this.load[y - n] as number) - 1;
    }
    if (this.pendingRow >= 0 && target === this.pendingRow) {
      // Repair: unless the path cancelled the new pair, the mentee now has it.
      const last = path[path.length - 2];
      if (last !== n + this.pendingMentor) {
        this.match[target] = this.pendingMentor;
        this.rowScore[target] = this.pendingScore;
      }
    }
    for (const v of this.touched) {
      this.dA[v] = Number.POSITIVE_INFINITY;
      this.dB[v] = Number.POSITIVE_INFINITY;
      this.done[v] = 0;
    }
    this.touched.length = 0;
  }

  private setDummy(u: number, on: boolean): void {
    if (on) {
      this.match[u] = -1;
      this.dummyPos[u] = this.dummy.length;
      this.dummy.push(u);
    } else {
      const at = this.dummyPos[u] as number;
      if (at < 0) return;
      const last = this.dummy.pop() as number;
      if (last !== u) {
        this.dummy[at] = last;
        this.dummyPos[last] = at;
      }
      this.dummyPos[u] = -1;
    }
  }
}

function removeMember(list: number[], u: number): void {
  const k = list.indexOf(u);
  if (k >= 0) {
    list[k] = list[list.length - 1] as number;
    list.pop();
  }
}

/**
 * «Оптимально»: as many mentees as possible get a mentor, and among such assignments the total
 * score is the largest; mentors' places are respected, locked pairs kept; among equal
 * assignments mentees are spread over mentors. Exact (min-cost flow), deterministic.
 */
export function assignOptimal(input: AssignmentInput): Assignment {
  const p = problemOf(input);
  const solver = new OptimalSolver(p).solve();
  return toAssignment(p, solver.match, solver.rowScore, "optimal");
}

// ---------------------------------------------------------------------------------------
// «Устойчиво»: deferred acceptance

interface Rankings {
  /** Per row: its edges (CSR positions) from most to least preferred. */
  menteeOrder: Int32Array;
  /** Per edge: the mentor's key for the row (smaller is better; ties by row index). */
  mentorKey: Float64Array;
  /** Per edge: the row's position of this edge in its own order (smaller is better). */
  menteeRank: Int32Array;
}

const UNRANKED = 1_000;

function rankings(p: Problem): Rankings {
  const n = p.rows.length;
  const { start, to, score, cap } = p;
  const prefs = p.preferences;
  const E = to.length;
  const menteeOrder = new Int32Array(E);
  const mentorKey = new Float64Array(E);
  const menteeKey = new Float64Array(E);
  const menteeRank = new Int32Array(E);
  const rankIn = (list: readonly string[] | undefined, id: string) => {
    const k = list ? list.indexOf(id) : -1;
    return k < 0 ? UNRANKED : k;
  };
  for (let u = 0; u < n; u++) {
    const rowId = p.rows[u] as string;
    const mine = prefs?.mentee.get(rowId);
    const s0 = start[u] as number;
    const s1 = start[u + 1] as number;
    for (let e = s0; e < s1; e++) {
      const mentorId = p.mentors[to[e] as number] as string;
      const away = 100 - (score[e] as number);
      menteeKey[e] = rankIn(mine, mentorId) * 1000 + away;
      mentorKey[e] = rankIn(prefs?.mentor.get(mentorId), rowId) * 1000 + away;
    }
    const es = Array.from({ length: s1 - s0 }, (_, k) => s0 + k);
    // Equal rank and score: the mentor with more places first (spreads the load), then input order.
    es.sort(
      (x, y) =>
        (menteeKey[x] as number) - (menteeKey[y] as number) ||
        (cap[to[y] as number] as number) - (cap[to[x] as number] as number) ||
        x - y,
    );
    es.forEach((e, k) => {
      menteeOrder[s0 + k] = e;
      menteeRank[e] = k;
    });
  }
  return { menteeOrder, mentorKey, menteeRank };
}

/** Mentor j prefers row u (edge e) to row w (edge f). */
function mentorPrefers(r: Rankings, e: number, u: number, f: number, w: number): boolean {
  const a = r.mentorKey[e] as number;
  const b = r.mentorKey[f] as number;
  return a !== b ? a < b : u < w;
}

function solveStable(p: Problem): { match: Int32Array; matchEdge: Int32Array; rowScore: Int32Array } {
  const n = p.rows.length;
  const r = rankings(p);
  const { start, to, cap } = p;
  const match = new Int32Array(n).fill(-1);
  const matchEdge = new Int32Array(n).fill(-1);
  const next = Int32Array.from({ length: n }, (_, u) => start[u] as number);
  const held: number[][] = p.mentors.map(() => []);
  const queue: number[] = [];
  for (let u = n - 1; u >= 0; u--) queue.push(u);
  while (queue.length > 0) {
    const u = queue.pop() as number;
    while ((next[u] as number) < (start[u + 1] as number)) {
      const e = r.menteeOrder[next[u] as number] as number;
      next[u] = (next[u] as number) + 1;
      const j = to[e] as number;
      const list = held[j] as number[];
      if (list.length < (cap[j] as number)) {
        list.push(u);
        match[u] = j;
        matchEdge[u] = e;
        break;
      }
      // Full: find the mentor's least preferred mentee.
      let worst = -1;
      for (let k = 0; k < list.length; k++) {
        const w = list[k] as number;
        const x = list[worst] as number;
        if (worst < 0 || mentorPrefers(r, matchEdge[x] as number, x, matchEdge[w] as number, w)) worst = k;
      }
      const w = list[worst] as number;
      if (worst >= 0 && mentorPrefers(r, e, u, matchEdge[w] as number, w)) {
        list[worst] = u;
        match[u] = j;
        matchEdge[u] = e;
        match[w] = -1;
        matchEdge[w] = -1;
        queue.push(w);
        break;
      }
    }
  }
  const rowScore = Int32Array.from(matchEdge, (e) => (e >= 0 ? (p.score[e] as number) : 0));
  return { match, matchEdge, rowScore };
}

/**
 * «Устойчиво»: mentee-proposing deferred acceptance with places. Mentees rank mentors by
 * their choices after the meeting, then by score; mentors rank mentees the same way. No
 * mentor and mentee both prefer each other to what they got.
 */
export function assignStable(input: AssignmentInput): Assignment {
  const p = problemOf(input);
  const solved = solveStable(p);
  return toAssignment(p, solved.match, solved.rowScore, "stable");
}

function blockingPairs(p: Problem, match: Int32Array): { menteeId: string; mentorId: string }[] {
  const r = rankings(p);
  const n = p.rows.length;
  const { start, to, cap } = p;
  const edgeOf = new Int32Array(n).fill(-1);
  const held: number[][] = p.mentors.map(() => []);
  for (let u = 0; u < n; u++) {
    const j = match[u] as number;
    if (j < 0) continue;
    for (let e = start[u] as number; e < (start[u + 1] as number); e++) if (to[e] === j) edgeOf[u] = e;
    (held[j] as number[]).push(u);
  }
  const out: { menteeId: string; mentorId: string }[] = [];
  for (let u = 0; u < n; u++) {
    const mine = edgeOf[u] as number;
    for (let e = start[u] as number; e < (start[u + 1] as number); e++) {
      if (e === mine) continue;
      if (mine >= 0 && (r.menteeRank[e] as number) > (r.menteeRank[mine] as number)) continue;
      const j = to[e] as number;
      const list = held[j] as number[];
      const accepts =
        list.length < (cap[j] as number) || list.some((w) => mentorPrefers(r, e, u, edgeOf[w] as number, w));
      if (accepts) out.push({ menteeId: p.rows[u] as string, mentorId: p.mentors[j] as string });
    }
  }
  return out;
}

/**
 * Pairs (among the eligible ones of the input) where the mentee and the mentor both prefer each
 * other to what the assignment gave them — a mentor with a free place accepts anyone eligible.
 * Locked pairs are outside the market. Empty for a stable assignment.
 */
export function findBlockingPairs(
  input: AssignmentInput,
  assignment: Assignment,
): { menteeId: string; mentorId: string }[] {
  const p = problemOf(input);
  const match = new Int32Array(p.rows.length).fill(-1);
  for (const pair of assignment.pairs) {
    if (pair.locked) continue;
    const u = p.rowIndex.get(pair.menteeId);
    const j = p.mentorIndex.get(pair.mentorId);
    if (u !== undefined && j !== undefined) match[u] = j;
  }
  return blockingPairs(p, match);
}

// ---------------------------------------------------------------------------------------
// A real cohort: scoring, pruning, and the proof that pruning lost nothing

export interface AssignCohortOptions {
  strategy?: Strategy;
  /** Mentors kept per mentee by scoring (see scoreCohort). */
  topK?: number;
  /** Mentees kept per mentor by scoring, besides its places (see scoreCohort). */
  mentorTopK?: number;
  /** Mentor ID → places for this cohort; default: each mentor's capacity. */
  capacity?: ReadonlyMap<string, number>;
}

export interface PruningCheck {
  /** Times the assignment was solved (1 when the pruned pairs changed nothing). */
  rounds: number;
  /** Mentees whose pruned pairs had to be looked at (the others were cleared by a bound). */
  menteesScanned: number;
  /** Pruned pairs looked at, over all rounds. */
  pairsChecked: number;
  /** Pruned pairs added back because they would have improved the result. */
  pairsAdded: number;
  /** The result of the first round, on the best K pairs only: how far pruning alone would be. */
  firstRound: { matched: number; totalScore: number };
  /** Proven equal to the result on all eligible pairs. */
  exact: boolean;
}

export interface CohortAssignment {
  assignment: Assignment;
  scoring: CohortScores;
  check: PruningCheck;
}

const MAX_ROUNDS = 25;
/** Blocking pairs of one mentee added per round of «Устойчиво». */
const STABLE_ADD = 5;

function matchedCount(a: Assignment): number {
  return a.pairs.filter((x) => !x.locked).length;
}

/**
 * Scores a cohort, keeps the best candidates of each mentee and mentor (see scoreCohort) and
 * assigns them with the chosen strategy; then checks every pruned eligible pair and, where one
 * would change the result, adds it back and solves again. The assignment returned is the one on
 * all eligible pairs, and `check.exact` says it was proven so.
 *
 * «Оптимально»: the final potentials π certify the flow (LP duality): a pruned pair (i, j) with
 * score s could improve it only if its reduced cost (100 − s) + π(i) − π(j) is negative (or
 * zero with a negative load part). As s is at most the mentee's bound `bestPruned`, only mentors
 * with π(j) > 100 + π(i) − bestPruned need looking at: mentors are visited in decreasing π and
 * the scan of a mentee stops at the first one past that line.
 * «Устойчиво»: a pruned pair blocks only if the mentee would rather have that mentor and the
 * mentor has a free place or holds a mentee it ranks lower; mentors are visited in increasing
 * order of the lowest score they would accept.
 */
export function assignCohort(
  mentees: readonly MenteeProfile[],
  mentors: readonly MentorProfile[],
  ctx: MatchContext,
  options: AssignCohortOptions = {},
): CohortAssignment {
  const strategy = options.strategy ?? "optimal";
  const scoring = scoreCohort(mentees, mentors, ctx, {
    ...(options.topK === undefined ? {} : { topK: options.topK }),
    ...(options.mentorTopK === undefined ? {} : { mentorTopK: options.mentorTopK }),
  });
  const capacity = options.capacity ?? new Map(mentors.map((r) => [r.id, Math.max(0, r.capacity)]));
  const input: AssignmentInput = {
    mentees: mentees.map((e) => e.id),
    capacity,
    scores: scoring.scores,
    locked: ctx.locked ?? [],
    noCandidateReasons: scoring.noCandidateReasons,
    ...(ctx.preferences ? { preferences: ctx.preferences } : {}),
  };
  const prep = scoring.prepared;
  const all = scoring.eligiblePairs;
  const menteeOf = (i: number) => (prep.mentees[i] as MenteeProfile).id;
  const mentorOf = (j: number) => (prep.mentors[j] as MentorProfile).id;
  let scanned = 0;
  let pairsChecked = 0;
  let pairsAdded = 0;

  /**
   * Visits the eligible pairs of every mentee with pruned ones (the first `mark` marks the
   * mentors row u already has in the problem), skipping those and mentors without places.
   */
  const scanAll = (
    p: Problem,
    mark: (u: number, stamp: Int32Array) => void,
    skip: (c: CohortScores["mentees"][number], u: number) => boolean,
    visit: (i: number, u: number, j: number, w: number, s: number) => void,
  ) => {
    if (!all) return;
    const toP = Int32Array.from(prep.mentors, (r) => p.mentorIndex.get(r.id) ?? -1);
    const stamp = new Int32Array(p.mentors.length).fill(-1);
    scoring.mentees.forEach((c, i) => {
      if (c.pruned === 0) return;
      const u = p.rowIndex.get(c.menteeId);
      if (u === undefined || skip(c, u)) return;
      mark(u, stamp);
      scanned++;
      for (let k = all.start[i] as number; k < (all.start[i + 1] as number); k++) {
        const j = all.mentor[k] as number;
        const w = toP[j] as number;
        if (w < 0 || stamp[w] === u || (p.cap[w] as number) <= 0) continue;
        pairsChecked++;
        visit(i, u, j, w, all.score[k] as number);
      }
    });
  };

  if (strategy === "optimal") {
    const p = problemOf(input);
    const solver = new OptimalSolver(p).solve();
    const first = toAssignment(p, solver.match, solver.rowScore, "optimal");
    const firstRound = { matched: matchedCount(first), totalScore: first.totalScore };
    const { piA, piB } = solver;
    const n = p.rows.length;
    const toP = Int32Array.from(prep.mentors, (r) => p.mentorIndex.get(r.id) ?? -1);
    const stamp = new Int32Array(p.mentors.length).fill(-1);
    let rounds = 0;
    for (;;) {
      rounds++;
      // Pairs whose reduced cost is negative (or zero with a negative load part).
      const found: { u: number; w: number; s: number; ra: number; rb: number }[] = [];
      let maxPi = Number.NEGATIVE_INFINITY;
      for (let w = 0; w < p.mentors.length; w++)
        if ((p.cap[w] as number) > 0) maxPi = Math.max(maxPi, piA[n + w] as number);
      if (all) {
        scoring.mentees.forEach((c, i) => {
          if (c.pruned === 0) return;
          const u = p.rowIndex.get(c.menteeId);
          if (u === undefined) return;
          const pa = piA[u] as number;
          const pb = piB[u] as number;
          // The reduced cost (100 − s) + π(i) − π(j) of a pruned pair is at least
          // (100 − bestPruned) + π(i) − π(j): only mentors with π(j) ≥ that line can matter.
          const line = 100 - c.bestPruned + pa;
          if (line > maxPi) return;
          solver.markEdges(u, stamp);
          scanned++;
          for (let k = all.start[i] as number, end = all.start[i + 1] as number; k < end; k++) {
            const w = toP[all.mentor[k] as number] as number;
            if (w < 0 || stamp[w] === u || (p.cap[w] as number) <= 0) continue;
            pairsChecked++;
            const pw = piA[n + w] as number;
            if (pw < line) continue;
            const s = all.score[k] as number;
            const ra = 100 - s + pa - pw;
            const rb = pb - (piB[n + w] as number);
            if (ra < 0 || (ra === 0 && rb < 0)) found.push({ u, w, s, ra, rb });
          }
        });
      }
      if (found.length === 0 || rounds >= MAX_ROUNDS) {
        return {
          assignment: toAssignment(p, solver.match, solver.rowScore, "optimal"),
          scoring,
          check: {
            rounds,
            menteesScanned: scanned,
            pairsChecked,
            pairsAdded,
            firstRound,
            exact: found.length === 0,
          },
        };
      }
      // Most negative first: one repair often settles the pairs after it. Potentials move with
      // every repair, so each pair is checked again as it is added.
      found.sort((x, y) => x.ra - y.ra || x.rb - y.rb || x.u - y.u || x.w - y.w);
      for (const f of found) {
        solver.addEdge(f.u, f.w, f.s);
        pairsAdded++;
      }
    }
  }

  // «Устойчиво»: solve again with the blocking pairs added until there are none.
  const extra: Edge[] = [];
  let firstRound: PruningCheck["firstRound"] | null = null;
  for (let round = 1; ; round++) {
    const p = problemOf(input, extra);
    const solved = solveStable(p);
    const assignment = toAssignment(p, solved.match, solved.rowScore, "stable");
    firstRound ??= { matched: matchedCount(assignment), totalScore: assignment.totalScore };
    const r = rankings(p);
    // Each mentor's least preferred mentee (−1 with a free place) and its key.
    const held: number[][] = p.mentors.map(() => []);
    solved.match.forEach((j, u) => {
      if (j >= 0) (held[j] as number[]).push(u);
    });
    const worstRow = new Int32Array(p.mentors.length).fill(-1);
    const worstKey = new Float64Array(p.mentors.length);
    held.forEach((list, w) => {
      if (list.length < (p.cap[w] as number)) return;
      let key = Number.NEGATIVE_INFINITY;
      for (const x of list) {
        const kx = r.mentorKey[solved.matchEdge[x] as number] as number;
        if (kx > key || (kx === key && x > (worstRow[w] as number))) {
          key = kx;
          worstRow[w] = x;
        }
      }
      worstKey[w] = key;
    });
    const found: { i: number; u: number; j: number; w: number; s: number }[] = [];
    const before = extra.length;
    scanAll(
      p,
      (u, stamp) => {
        for (let e = p.start[u] as number; e < (p.start[u + 1] as number); e++) stamp[p.to[e] as number] = u;
      },
      (c, u) => {
        // Pruned pairs are never chosen after the meeting, so a mentee ranks them after all
        // chosen mentors and by score: a matched mentee can only prefer one on a score at
        // least as good as the one it got, and not if it got a chosen mentor.
        const cur = solved.match[u] as number;
        if (cur < 0) return false;
        const chosen = p.preferences?.mentee.get(c.menteeId) ?? [];
        return chosen.includes(p.mentors[cur] as string) || (solved.rowScore[u] as number) > c.bestPruned;
      },
      (i, u, j, w, s) => {
        const cur = solved.match[u] as number;
        if (cur >= 0) {
          const curScore = solved.rowScore[u] as number;
          if (s < curScore) return;
          const capW = p.cap[w] as number;
          const capC = p.cap[cur] as number;
          if (s === curScore && (capW < capC || (capW === capC && w > cur))) return;
        }
        // The mentor ranks a pair nobody chose by score, after every chosen one.
        const key = UNRANKED * 1000 + (100 - s);
        const wk = worstKey[w] as number;
        const wr = worstRow[w] as number;
        if (wr < 0 || key < wk || (key === wk && u < wr)) found.push({ i, u, j, w, s });
      },
    );
    // A mentee needs only its best blocking mentors to move on: the few it would propose to
    // first (score, then more places, then mentor order) go into the next round.
    found.sort(
      (x, y) => x.u - y.u || y.s - x.s || (p.cap[y.w] as number) - (p.cap[x.w] as number) || x.w - y.w,
    );
    let taken = 0;
    found.forEach((f, k) => {
      taken = k > 0 && (found[k - 1] as (typeof found)[number]).u === f.u ? taken + 1 : 0;
      if (taken < STABLE_ADD) extra.push({ menteeId: menteeOf(f.i), mentorId: mentorOf(f.j), score: f.s });
    });
    if (found.length === 0 || round >= MAX_ROUNDS)
      return {
        assignment,
        scoring,
        check: {
          rounds: round,
          menteesScanned: scanned,
          pairsChecked,
          pairsAdded: before,
          firstRound,
          exact: found.length === 0,
        },
      };
  }
}
