// Shared types of matching («Подбор пар»): profiles built from the bases, explainable scores,
// and the cohort assignment. Pure data: no Google or Node API.

import type { DateOnly } from "../normalize";

/** The criteria of the compatibility score; each has a weight in «Настройки» (0 = off). */
export type CriterionKey =
  | "requests"
  | "subject"
  | "interests"
  | "audience"
  | "form"
  | "format"
  | "experience"
  | "preference"
  | "department";

export const CRITERIA: readonly { key: CriterionKey; setting: string; label: string }[] = [
  { key: "requests", setting: "weightRequests", label: "Запросы закрыты компетенциями" },
  { key: "subject", setting: "weightSubject", label: "Один предмет или специальность" },
  { key: "interests", setting: "weightInterests", label: "Общие интересы" },
  { key: "audience", setting: "weightAudience", label: "Подходит наставнику по возрасту и категории" },
  { key: "form", setting: "weightForm", label: "Подходящая форма наставничества" },
  { key: "format", setting: "weightFormat", label: "Формат и время встреч" },
  { key: "experience", setting: "weightExperience", label: "У наставника больше опыта" },
  { key: "preference", setting: "weightPreference", label: "Взаимный выбор после встречи" },
  { key: "department", setting: "weightDepartment", label: "Из разных подразделений" },
];

/** Weight per criterion, 0..100 each; a criterion with weight 0 is off. */
export type Weights = Record<CriterionKey, number>;

export interface MenteeProfile {
  id: string;
  fullName: string;
  /** «Педагог», «Молодой специалист», «Обучающийся», «Студент»… */
  category: string;
  status: string;
  consent: boolean;
  /** For minors: the legal representative's consent. */
  guardianConsent: boolean;
  birthDate: DateOnly | null;
  /** «Возрастная группа» (minimal mode keeps it instead of the date of birth). */
  ageBand?: string;
  experienceYears: number | null;
  requests: string[];
  requestText: string;
  subject: string;
  department: string;
  interests: string;
  preferredForm: string;
  format: string;
  convenientTime: string;
  position: string;
  /** Normalised e-mail, to tell that a mentee and a mentor are the same person. */
  email?: string;
}

export interface MentorProfile {
  id: string;
  fullName: string;
  category: string;
  contour: string;
  status: string;
  consent: boolean;
  competences: string[];
  subjects: string;
  department: string;
  interests: string;
  /** Free text such as «7–9 классы», «молодые педагоги», «студенты 1 курса». */
  preferredMentees: string;
  preferredForms: string[];
  format: string;
  experienceYears: number | null;
  /** How many mentees in all the mentor can take (from the base; at least 1 when empty). */
  capacity: number;
  position: string;
  workplace: string;
  /** Normalised e-mail, to tell that a mentee and a mentor are the same person. */
  email?: string;
  /** Free text such as «вторник, четверг после 15:00»; compared with the mentee's convenient time. */
  convenientTime?: string;
}

/** Ranked choices from «Выбор наставника после встречи»: first choice first. */
export interface Preferences {
  /** Mentee ID → mentor IDs. */
  mentee: ReadonlyMap<string, readonly string[]>;
  /** Mentor ID → mentee IDs. */
  mentor: ReadonlyMap<string, readonly string[]>;
}

export interface ScorePart {
  criterion: CriterionKey;
  /** Points this criterion adds; the parts sum exactly to the score. */
  points: number;
  /** Short Russian phrase: «запросы закрыты: 3 из 4», «один предмет: математика». */
  reason: string;
}

export interface PairScore {
  menteeId: string;
  mentorId: string;
  /** 0..100, an integer. */
  score: number;
  parts: ScorePart[];
  /** The form of mentorship the two categories imply: «Учитель – учитель», «Студент – ученик»… */
  form: string;
}

/** Why a pair cannot be proposed at all (hard rules), in Russian. */
export interface Ineligible {
  menteeId: string;
  mentorId: string;
  reason: string;
}

/** A pair the curator has fixed: it is kept as it is and uses one place of the mentor. */
export interface LockedPair {
  menteeId: string;
  mentorId: string;
}

export type Strategy = "optimal" | "stable";

export interface AssignmentInput {
  mentees: readonly string[];
  /** Mentor ID → places left for this cohort (capacity minus active pairs). */
  capacity: ReadonlyMap<string, number>;
  /** Eligible pairs only (hard rules and the minimum score already applied). */
  scores: readonly PairScore[];
  locked: readonly LockedPair[];
  preferences?: Preferences;
  /**
   * Mentee ID → why no pair of this mentee is eligible (from scoring), used as the reason
   * of mentees left without a mentor when they have no pair in `scores`.
   */
  noCandidateReasons?: ReadonlyMap<string, string>;
}

export interface Assignment {
  pairs: { menteeId: string; mentorId: string; score: number; locked: boolean }[];
  unmatched: { menteeId: string; reason: string }[];
  totalScore: number;
}
