import munkres from "munkres";
// Profiles for matching tests: hand-made ones and seeded random cohorts.

import type { AssignmentInput, MenteeProfile, MentorProfile } from "../../../src/domain/matching/types";
import { listValues } from "../../../src/domain/schema";

export const TODAY = { year: 2025, month: 10, day: 1 };

export function mentee(over: Partial<MenteeProfile> = {}): MenteeProfile {
  return {
    id: "НЯ-0001",
    fullName: "Петрова Мария Ивановна",
    category: "Молодой специалист",
    status: "Ожидает пары",
    consent: true,
    guardianConsent: false,
    birthDate: { year: 1999, month: 5, day: 1 },
    experienceYears: 1,
    requests: [],
    requestText: "",
    subject: "",
    department: "",
    interests: "",
    preferredForm: "",
    format: "",
    convenientTime: "",
    position: "Учитель",
    ...over,
  };
}

export function mentor(over: Partial<MentorProfile> = {}): MentorProfile {
  return {
    id: "НР-0001",
    fullName: "Сидорова Анна Петровна",
    category: "Педагог",
    contour: "Внутренний",
    status: "Отобран",
    consent: true,
    competences: [],
    subjects: "",
    department: "",
    interests: "",
    preferredMentees: "",
    preferredForms: [],
    format: "",
    experienceYears: 20,
    capacity: 2,
    position: "Учитель",
    workplace: "МБОУ СОШ № 1",
    ...over,
  };
}

/** A small fast seeded generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = listValues("topics");
const SUBJECTS = [
  "Математика",
  "Русский язык",
  "Физика",
  "Информатика",
  "История",
  "Биология",
  "Химия",
  "Английский язык",
  "Литература",
  "География",
];
const INTERESTS = [
  "шахматы",
  "туризм",
  "чтение",
  "музыка",
  "спорт",
  "театр",
  "программирование",
  "рисование",
  "фотография",
  "волонтёрство",
  "робототехника",
  "кино",
];
const AUDIENCES = [
  "",
  "",
  "",
  "5–7 классы",
  "8–11 классы",
  "молодые педагоги",
  "студенты",
  "14–16 лет",
  "педагоги",
];
const FORMATS = ["", "Очно", "Дистанционно", "Смешанный"];
const TIMES = ["", "", "будни после 15:00", "вторник, четверг", "выходные", "утром"];
const DEPTS = ["", "МО математики", "МО словесников", "МО естественных наук", "Начальная школа"];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function some<T>(r: () => number, list: readonly T[], lo: number, hi: number): T[] {
  const k = lo + Math.floor(r() * (hi - lo + 1));
  const out = new Set<T>();
  while (out.size < Math.min(k, list.length)) out.add(pick(r, list));
  return [...out];
}

export interface CohortShape {
  mentees: number;
  mentors: number;
  seed: number;
  /** Capacity range of mentors. */
  capacity?: [number, number];
}

/** A realistic mixed cohort: teachers and students, some missing consents and unselected mentors. */
export function randomCohort(shape: CohortShape): { mentees: MenteeProfile[]; mentors: MentorProfile[] } {
  const r = rng(shape.seed);
  const [capLo, capHi] = shape.capacity ?? [1, 5];
  const mentees: MenteeProfile[] = [];
  for (let i = 0; i < shape.mentees; i++) {
    const category = pick(r, [
      "Молодой специалист",
      "Молодой специалист",
      "Педагог",
      "Педагог, новый в должности",
      "Обучающийся",
      "Обучающийся",
      "Обучающийся",
      "Студент",
    ]);
    const pupil = category === "Обучающийся";
    const student = category === "Студент";
    const teacher = !pupil && !student;
    mentees.push(
      mentee({
        id: `НЯ-${String(i + 1).padStart(5, "0")}`,
        fullName: `Наставляемый ${i + 1}`,
        category,
        consent: r() > 0.03,
        guardianConsent: r() > 0.05,
        birthDate: pupil
          ? {
              year: 2009 + Math.floor(r() * 7),
              month: 1 + Math.floor(r() * 12),
              day: 1 + Math.floor(r() * 28),
            }
          : student
            ? {
                year: 2004 + Math.floor(r() * 6),
                month: 1 + Math.floor(r() * 12),
                day: 1 + Math.floor(r() * 28),
              }
            : { year: 1975 + Math.floor(r() * 25), month: 3, day: 10 },
        experienceYears: teacher ? (r() < 0.1 ? null : Math.floor(r() * 6)) : null,
        requests: some(r, TOPICS, 0, 4),
        requestText: r() < 0.2 ? "Хочу научиться готовить к олимпиадам и работать с родителями" : "",
        subject: r() < 0.8 ? pick(r, SUBJECTS) : "",
        department: pick(r, DEPTS),
        interests: some(r, INTERESTS, 0, 3).join(", "),
        preferredForm: "",
        format: pick(r, FORMATS),
        convenientTime: pick(r, TIMES),
        position: pupil
          ? `${5 + Math.floor(r() * 7)}${pick(r, ["А", "Б", "В"])}`
          : student
            ? "2 курс"
            : "Учитель",
      }),
    );
  }
  const mentors: MentorProfile[] = [];
  for (let j = 0; j < shape.mentors; j++) {
    const category = pick(r, [
      "Педагог",
      "Педагог",
      "Педагог",
      "Педагог",
      "Руководитель",
      "Обучающийся",
      "Студент",
      "Сотрудник предприятия",
      "Выпускник",
      "Родитель",
    ]);
    mentors.push(
      mentor({
        id: `НР-${String(j + 1).padStart(5, "0")}`,
        fullName: `Наставник ${j + 1}`,
        category,
        status: pick(r, ["Отобран", "Обучен", "Наставник", "Наставник", "Кандидат"]),
        consent: r() > 0.03,
        competences: some(r, TOPICS, 1, 6),
        subjects: some(r, SUBJECTS, 0, 2).join(", "),
        department: pick(r, DEPTS),
        interests: some(r, INTERESTS, 0, 4).join(", "),
        preferredMentees: pick(r, AUDIENCES),
        preferredForms: r() < 0.3 ? some(r, listValues("forms"), 1, 3) : [],
        format: pick(r, FORMATS),
        experienceYears:
          category === "Обучающийся" || category === "Студент" ? null : 2 + Math.floor(r() * 30),
        capacity: capLo + Math.floor(r() * (capHi - capLo + 1)),
        convenientTime: r() < 0.3 ? pick(r, TIMES) : "",
      }),
    );
  }
  return { mentees, mentors };
}

/** Exact optimum by the munkres package: mentors expanded by places, a dummy column per mentee. */
export function munkresOptimum(inp: AssignmentInput): { matched: number; total: number } {
  const lockedOf = new Map<string, string>();
  for (const l of inp.locked) if (!lockedOf.has(l.menteeId)) lockedOf.set(l.menteeId, l.mentorId);
  const rows = [...new Set(inp.mentees)].filter((e) => !lockedOf.has(e));
  const used = new Map<string, number>();
  for (const r of lockedOf.values()) used.set(r, (used.get(r) ?? 0) + 1);
  const slots: string[] = [];
  for (const [id, c] of inp.capacity) for (let k = 0; k < c - (used.get(id) ?? 0); k++) slots.push(id);
  const score = new Map(inp.scores.map((s) => [`${s.menteeId}|${s.mentorId}`, s.score]));
  const BIG = 101 * rows.length + 1;
  const cost = rows.map((e) => [
    ...slots.map((id) => {
      const s = score.get(`${e}|${id}`);
      return s === undefined ? 0 : -(BIG + s);
    }),
    ...rows.map(() => 0),
  ]);
  if (rows.length === 0) return { matched: 0, total: 0 };
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
