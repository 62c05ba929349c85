// The mentor ranking for the round table and the rewards order: a transparent score whose inputs
// are shown next to it, so the curator can judge (and overrule) it. Pure.
//
// Score = 1 × meetings held
//       + 5 × pairs completed («Завершена»)
//       + 2 × active pairs («Утверждена», «Работает», «Приостановлена»)
//       + 2 × the average score their mentees gave (0 when no mentee answered).
// - meetings held: rows of «Встречи» with status «Проведена», dated up to today, recorded under
//   one of the mentor's pairs or groups (a group meeting counts once for the mentor);
// - the mentees' score: the mean over the answers of their mentees in «Обратная связь» (all
//   stages) of each answer's mean of «Комфорт», «Польза», «Ожидания оправдались» (1–10).
// Ranked: mentors with at least one pair that worked (not only proposed or rejected); a mentor who
// withdrew consent is never named and so is left out. Order: score (high first), then name, then
// ID; equal scores share a place (1, 2, 2, 4).

import { matchKey } from "../normalize";
import {
  ACTIVE_PAIR,
  answerScore,
  COMPLETED_PAIR,
  type FeedbackRow,
  feedbackRole,
  isHeld,
  localDay,
  type MeetingRow,
  type MentorRow,
  meetingsById,
  type PairRow,
  pairIndex,
  pushTo,
  round,
  ruNumber,
  WITHDRAWN,
} from "./indicators";

export const RANK_WEIGHTS = { meetings: 1, completed: 5, active: 2, menteeScore: 2 } as const;

/** Pair statuses of pairs that never worked: they put nobody in the ranking. */
const NEVER_WORKED = ["Предложена", "Отклонена", ""];

export interface RankingInput {
  mentors: readonly MentorRow[];
  pairs: readonly PairRow[];
  meetings: readonly MeetingRow[];
  feedback: readonly FeedbackRow[];
}

export interface MentorRank {
  place: number;
  mentorId: string;
  name: string;
  meetingsHeld: number;
  /** Mean score of the mentees' answers (1–10, two decimals); null when none answered. */
  menteeScore: number | null;
  menteeAnswers: number;
  completedPairs: number;
  activePairs: number;
  score: number;
  /** The score spelled out with its inputs, in Russian. */
  formula: string;
}

export function rankMentors(input: RankingInput, now: Date): MentorRank[] {
  const today = localDay(now);
  const pairsOf = new Map<string, PairRow[]>();
  for (const p of input.pairs) {
    const key = matchKey(p.mentorId);
    if (!key) continue;
    pushTo(pairsOf, key, p);
  }
  const pairs = pairIndex(input.pairs);
  const byId = meetingsById(input.meetings);
  const answers = new Map<string, number[]>();
  for (const f of input.feedback) {
    const pair = pairs.get(matchKey(f.pairId));
    if (!pair || feedbackRole(f, pair) !== "mentee") continue;
    const score = answerScore(f);
    if (score === null) continue;
    const key = matchKey(pair.mentorId);
    pushTo(answers, key, score);
  }
  const ranks: Omit<MentorRank, "place">[] = [];
  for (const mentor of input.mentors) {
    if (mentor.status === WITHDRAWN || !mentor.id) continue;
    const key = matchKey(mentor.id);
    const own = (pairsOf.get(key) ?? []).filter((p) => !NEVER_WORKED.includes(p.status));
    if (own.length === 0) continue;
    const ids = new Set(own.flatMap((p) => [matchKey(p.id), matchKey(p.groupId)]).filter((k) => k !== ""));
    let meetingsHeld = 0;
    for (const id of ids) meetingsHeld += (byId.get(id) ?? []).filter((m) => isHeld(m, today)).length;
    const completedPairs = own.filter((p) => p.status === COMPLETED_PAIR).length;
    const activePairs = own.filter((p) => (ACTIVE_PAIR as readonly string[]).includes(p.status)).length;
    const given = answers.get(key) ?? [];
    const menteeScore = given.length > 0 ? round(given.reduce((a, b) => a + b, 0) / given.length, 2) : null;
    const w = RANK_WEIGHTS;
    const score = round(
      w.meetings * meetingsHeld +
        w.completed * completedPairs +
        w.active * activePairs +
        w.menteeScore * (menteeScore ?? 0),
      2,
    );
    const formula =
      `встречи ${meetingsHeld} × ${w.meetings} + завершённые пары ${completedPairs} × ${w.completed} + ` +
      `активные пары ${activePairs} × ${w.active} + оценка наставляемых ` +
      `${menteeScore === null ? "нет (0)" : `${ruNumber(menteeScore)} (анкет: ${given.length})`} × ${w.menteeScore} = ${ruNumber(score)}`;
    ranks.push({
      mentorId: mentor.id,
      name: mentor.fullName || mentor.id,
      meetingsHeld,
      menteeScore,
      menteeAnswers: given.length,
      completedPairs,
      activePairs,
      score,
      formula,
    });
  }
  const byName = new Intl.Collator("ru").compare;
  ranks.sort((a, b) => b.score - a.score || byName(a.name, b.name) || byName(a.mentorId, b.mentorId));
  const out: MentorRank[] = [];
  ranks.forEach((r, i) => {
    const prev = out[i - 1];
    out.push({ place: prev && prev.score === r.score ? prev.place : i + 1, ...r });
  });
  return out;
}
