// What «Подбор пар» shows the curator: plain JSON, shared by the server and the sidebar.

import type { CriterionKey, LockedPair, ScorePart, Strategy } from "../domain/matching/types";

export interface ProposalRequest {
  strategy: Strategy;
  /** «unmatched»: only mentees without an active pair; «all»: everyone (re-matching). */
  scope: "unmatched" | "all";
  /** Only mentees whose implied form of mentorship is this one; null: every form. */
  form: string | null;
  /** Weights for this run (0..100); null: the weights from «Настройки». */
  weights: Partial<Record<CriterionKey, number>> | null;
  /** Pairs the curator locked in the panel: kept as they are. */
  locked: LockedPair[];
  /** Pairs the curator rejected in the panel: not proposed. */
  excluded: LockedPair[];
}

export interface MentorOption {
  mentorId: string;
  mentorName: string;
  score: number;
  reasons: string[];
  form: string;
}

export interface ProposalRow {
  menteeId: string;
  menteeName: string;
  /** «Молодой специалист, учитель математики». */
  menteeInfo: string;
  mentorId: string;
  mentorName: string;
  score: number;
  /** Short Russian phrases, strongest first. */
  reasons: string[];
  parts: ScorePart[];
  form: string;
  locked: boolean;
  /** The next two eligible mentors for this mentee, best first. */
  alternatives: MentorOption[];
  /** Every eligible mentor for this mentee (best first, at most 30), for the searchable list. */
  options: MentorOption[];
}

export interface ProposalView {
  strategy: Strategy;
  weights: Record<CriterionKey, number>;
  minScore: number;
  proposals: ProposalRow[];
  unmatched: { menteeId: string; menteeName: string; reason: string }[];
  /** Mentors with their places: capacity, taken by active pairs, proposed now. */
  mentors: { mentorId: string; mentorName: string; capacity: number; taken: number; proposed: number }[];
  totalScore: number;
  counts: { mentees: number; mentors: number; matched: number; eligiblePairs: number };
  /** Russian lines summing it up. */
  lines: string[];
  /** Every eligible pair with its score, when asked for (command line `--scores`). */
  scores?: { menteeId: string; mentorId: string; score: number; reasons: string[] }[];
}
