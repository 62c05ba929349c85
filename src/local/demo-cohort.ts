// The demo school's cohort: questionnaire responses of mentees and mentors, generated
// deterministically from a seed (no Math.random), as the tables a Google Forms export gives.
// Realistic on purpose: some people answered twice, some gave no consent, some typed a bad email.

import type { CellValue } from "../domain/cells";
import { formDef } from "../domain/forms";
import { transliterate } from "../domain/normalize";
import { listValues } from "../domain/schema";

/** mulberry32: a small seeded PRNG, the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function pickSome<T>(rng: Rng, items: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(rng() * (max - min + 1));
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0] as T);
  return out;
}

const SURNAMES = [
  "Иванов",
  "Смирнов",
  "Кузьмин",
  "Попов",
  "Васильев",
  "Соколов",
  "Михайлов",
  "Новиков",
  "Фёдоров",
  "Морозов",
  "Волков",
  "Алексеев",
  "Лебедев",
  "Семёнов",
  "Егоров",
  "Павлов",
  "Козлов",
  "Степанов",
  "Николаев",
  "Орлов",
  "Андреев",
  "Макаров",
  "Никитин",
  "Захаров",
  "Зайцев",
  "Соловьёв",
  "Борисов",
  "Яковлев",
  "Григорьев",
  "Романов",
];
const MALE = [
  "Александр",
  "Дмитрий",
  "Максим",
  "Сергей",
  "Андрей",
  "Алексей",
  "Артём",
  "Илья",
  "Кирилл",
  "Михаил",
];
const FEMALE = [
  "Анна",
  "Мария",
  "Елена",
  "Ольга",
  "Татьяна",
  "Наталья",
  "Екатерина",
  "Юлия",
  "Дарья",
  "Алина",
];
const FATHERS = [
  "Александров",
  "Дмитриев",
  "Сергеев",
  "Андреев",
  "Алексеев",
  "Михайлов",
  "Игорев",
  "Викторов",
];

function latin(text: string): string {
  return transliterate(text.toLowerCase()).replace(/[^a-z]/g, "");
}

interface Person {
  fullName: string;
  email: string;
}

/** Distinct people: a surname is not reused with the same first name. */
function people(rng: Rng, n: number, used: Set<string>): Person[] {
  const out: Person[] = [];
  while (out.length < n) {
    const female = rng() < 0.6;
    const surname = pick(rng, SURNAMES);
    const first = pick(rng, female ? FEMALE : MALE);
    const father = pick(rng, FATHERS);
    const fullName = female
      ? `${surname.endsWith("ий") ? surname : `${surname}а`} ${first} ${father}на`
      : `${surname} ${first} ${father}ич`;
    const key = `${surname}|${first}`;
    if (used.has(key)) continue;
    used.add(key);
    out.push({ fullName, email: `${latin(first)[0]}.${latin(surname)}${female ? "a" : ""}@mail.example.ru` });
  }
  return out;
}

export interface DemoCohort {
  /** «Анкета наставляемого» responses: header row of question titles, then one row per answer. */
  mentees: CellValue[][];
  /** «Анкета наставника» responses. */
  mentors: CellValue[][];
  /** What was planted, for the summary and the tests. */
  planted: { duplicates: number; withoutConsent: number; invalid: number };
}

const SUBJECTS = [
  "математика",
  "русский язык",
  "история",
  "физика",
  "биология",
  "английский язык",
  "информатика",
];
const CLASSES = ["7А", "7Б", "8А", "8В", "9А", "9Б", "10А", "11Б"];
const YES = "Согласен(на)";
const NO = "Не согласен(на)";

function header(kind: "mentee" | "mentor"): CellValue[] {
  return ["Отметка времени", ...formDef(kind).questions.map((q) => q.title)];
}

function row(kind: "mentee" | "mentor", at: Date, answers: Record<string, CellValue>): CellValue[] {
  return [at, ...formDef(kind).questions.map((q) => answers[q.key] ?? "")];
}

/**
 * ~40 mentees (young teachers, teachers, students) and ~15 mentors (inner and outer contour),
 * answered between 25 August and 5 September of `year`. Same seed → the same tables.
 */
export function generateDemoCohort(seed: number, year: number): DemoCohort {
  const rng = seededRandom(seed);
  const topics = listValues("topics");
  const used = new Set<string>();
  const teacherTopics = topics.slice(0, 14);
  const studentTopics = [
    "Учебная успеваемость",
    "Подготовка к ОГЭ и ЕГЭ",
    "Проектная и исследовательская деятельность",
    "Олимпиады и конкурсы",
    "Профориентация и выбор профессии",
    "Трудности в общении",
    "Лидерство и самоорганизация",
    "Адаптация в коллективе",
  ];
  const answeredAt = () =>
    new Date(year, 7, 25 + Math.floor(rng() * 11), 8 + Math.floor(rng() * 12), Math.floor(rng() * 60));

  const menteeRows: CellValue[][] = [];
  const mentees = people(rng, 38, used);
  mentees.forEach((p, i) => {
    const category = i < 12 ? "Молодой специалист" : i < 18 ? "Педагог" : "Обучающийся";
    const teacher = category !== "Обучающийся";
    const subject = pick(rng, SUBJECTS);
    menteeRows.push(
      row("mentee", answeredAt(), {
        category,
        fullName: p.fullName,
        email: p.email,
        phone: `+7 (912) ${String(100 + i * 7).padStart(3, "0")}-${String(10 + i).padStart(2, "0")}-${String(30 + i).padStart(2, "0")}`,
        position: teacher ? `учитель (${subject})` : pick(rng, CLASSES),
        subject: teacher ? subject : "",
        experienceYears: teacher
          ? category === "Молодой специалист"
            ? Math.floor(rng() * 3)
            : 3 + Math.floor(rng() * 10)
          : "",
        birthDate: teacher
          ? ""
          : `${String(1 + Math.floor(rng() * 28)).padStart(2, "0")}.0${1 + Math.floor(rng() * 9)}.${year - 13 - Math.floor(rng() * 4)}`,
        requests: pickSome(rng, teacher ? teacherTopics : studentTopics, 1, 3).join(", "),
        format: pick(rng, ["Очно", "Очно", "Смешанный", "Дистанционно"]),
        guardianName: teacher ? "" : `${p.fullName.split(" ")[0]}а Ирина Петровна`,
        guardianConsent: teacher ? "" : YES,
        // Two people did not give consent.
        consent: i === 5 || i === 27 ? NO : YES,
      }),
    );
  });
  // Duplicates: two people answered again (a later, corrected answer).
  for (const i of [3, 20]) {
    const again = [...(menteeRows[i] as CellValue[])];
    again[0] = new Date(year, 8, 5, 10, 0);
    menteeRows.push(again);
  }
  // Invalid: a bad email and a missing required answer.
  const bad = people(rng, 2, used);
  menteeRows.push(
    row("mentee", answeredAt(), {
      category: "Молодой специалист",
      fullName: bad[0]?.fullName ?? "",
      email: "ivanova.mail.ru",
      position: "учитель начальных классов",
      requests: "Адаптация в коллективе",
      consent: YES,
    }),
    row("mentee", answeredAt(), {
      category: "Обучающийся",
      fullName: bad[1]?.fullName ?? "",
      email: "",
      position: "",
      requests: "",
      consent: YES,
    }),
  );

  // A row with neither name nor address cannot be stored at all.
  menteeRows.push(row("mentee", answeredAt(), { category: "Обучающийся", position: "8А", consent: YES }));

  const mentorRows: CellValue[][] = [];
  const mentors = people(rng, 15, used);
  mentors.forEach((p, i) => {
    const inner = i < 10;
    const category = inner
      ? i < 7
        ? "Педагог"
        : "Обучающийся"
      : pick(rng, ["Выпускник", "Сотрудник предприятия", "Представитель НКО"]);
    const forStudents = !inner || category === "Обучающийся";
    mentorRows.push(
      row("mentor", answeredAt(), {
        category,
        contour: inner ? "Внутренний" : "Внешний",
        fullName: p.fullName,
        email: p.email,
        workplace: inner
          ? "МАОУ СОШ № 14"
          : pick(rng, ["ООО «Тюменьнефтесервис»", "ТюмГУ", "АНО «Добрые дела»"]),
        position:
          category === "Педагог"
            ? `учитель (${pick(rng, SUBJECTS)})`
            : category === "Обучающийся"
              ? "11А"
              : "специалист",
        experienceYears: category === "Обучающийся" ? "" : 5 + Math.floor(rng() * 20),
        competences: pickSome(rng, forStudents ? studentTopics : teacherTopics, 3, 5).join(", "),
        subjects: category === "Педагог" ? pick(rng, SUBJECTS) : "",
        hoursPerMonth: 4 + Math.floor(rng() * 8),
        capacity: category === "Педагог" ? 3 : 4,
        format: pick(rng, ["Очно", "Смешанный"]),
        motivation: "Хочу помочь другим пройти путь быстрее",
        consent: i === 12 ? NO : YES,
      }),
    );
  });
  const again = [...(mentorRows[1] as CellValue[])];
  again[0] = new Date(year, 8, 4, 9, 0);
  mentorRows.push(again);
  mentorRows.push(
    row("mentor", answeredAt(), {
      category: "Родитель",
      contour: "Внутренний",
      fullName: people(rng, 1, used)[0]?.fullName ?? "",
      email: "papa@@example",
      workplace: "ПАО «Сбербанк»",
      competences: "Профориентация и выбор профессии",
      hoursPerMonth: 4,
      capacity: 1,
      consent: YES,
    }),
  );
  return {
    mentees: [header("mentee"), ...menteeRows],
    mentors: [header("mentor"), ...mentorRows],
    planted: { duplicates: 3, withoutConsent: 3, invalid: 4 },
  };
}
