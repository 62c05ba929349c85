// A fixture school for the reminder tests: team, a roadmap of 15 items, 20 pairs (one group of
// three) with their meetings — some held, some not — feedback for some, a withdrawn and an
// opted-out mentee, a mentee without an address, mentees waiting for a pair, one held for
// missing consent. All names are invented; every surname is distinct and not part of another.

import { scheduleMeetings } from "../../../src/app/meetings";
import type { Env } from "../../../src/app/ports";
import { insertRecords, readRecords } from "../../../src/app/records";
import { writeSettings } from "../../../src/app/settings";
import { setupWorkbook } from "../../../src/app/setup";
import type { DateOnly } from "../../../src/domain/normalize";
import type { RecordOf } from "../../../src/domain/table";
import { type MemoryWorkbook, memoryEnv } from "../../fakes/memory";

export const d = (iso: string): DateOnly => {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return { year, month, day };
};

export const CURATOR = "kurator@school7.ru";

export type SchoolEnv = Env & { workbook: MemoryWorkbook; setNow(t: Date): void };

/** An env whose clock the test moves. */
export function movableEnv(start: Date): SchoolEnv {
  const base = memoryEnv(undefined, start);
  let now = start;
  const env = base as unknown as SchoolEnv;
  env.clock = { now: () => now };
  env.setNow = (t: Date) => {
    now = t;
  };
  return env;
}

export const TEAM: Partial<RecordOf<"team">>[] = [
  { fullName: "Кузьмина Ольга Сергеевна", role: "Куратор", email: CURATOR, reminders: true },
  {
    fullName: "Белова Наталья Викторовна",
    role: "Заместитель директора",
    email: "belova@school7.ru",
    reminders: true,
  },
  { fullName: "Громов Андрей Ильич", role: "Педагог-психолог", email: "gromov@school7.ru", reminders: true },
  {
    fullName: "Дёмина Ирина Павловна",
    role: "Классный руководитель",
    email: "demina@school7.ru",
    reminders: false,
  },
  {
    fullName: "Егорова Светлана Юрьевна",
    role: "Классный руководитель",
    email: "egorova@school7.ru",
    reminders: true,
  },
  { fullName: "Жукова Лариса Олеговна", role: "Рабочая группа", email: "", reminders: true },
];

/** 15 roadmap items (IDs ДК-0001…ДК-0015 in this order). */
export const ROADMAP: Partial<RecordOf<"roadmap">>[] = [
  {
    stage: "Подготовка",
    event: "Издать приказ о внедрении программы наставничества",
    deadline: d("2025-09-10"),
    owners: "Белова Н.В.",
    status: "Выполнено",
  },
  {
    stage: "Подготовка",
    event: "Утвердить дорожную карту программы",
    deadline: d("2025-09-20"),
    owners: "Кузьмина О.С.",
    status: "Не начато",
  },
  {
    stage: "База",
    event: "Собрать анкеты наставляемых",
    deadline: d("2025-10-15"),
    owners: "Белова Н.В.",
    status: "Не начато",
  },
  {
    stage: "База",
    event: "Собрать согласия законных представителей",
    deadline: d("2025-09-30"),
    owners: "Классные руководители",
    status: "Не начато",
  },
  {
    stage: "Пары",
    event: "Организация общей (групповой) встречи наставников и наставляемых",
    deadline: d("2025-10-10"),
    owners: "Громов А.И.",
    status: "Не начато",
  },
  {
    stage: "Пары",
    event: "Сформировать пары и группы",
    deadline: d("2025-10-25"),
    owners: "Кузьмина О.С., Громов А.И.",
    status: "Не начато",
  },
  {
    stage: "Обучение",
    event: "Провести обучение наставников",
    deadline: d("2025-11-20"),
    owners: "Громов А.И.",
    status: "Не начато",
  },
  {
    stage: "Работа",
    event: "Промежуточный мониторинг работы пар",
    deadline: d("2026-01-25"),
    owners: "Куратор",
    status: "Не начато",
  },
  {
    stage: "Работа",
    event: "Методический семинар для наставников",
    deadline: d("2026-02-15"),
    owners: "Жукова Л.О.",
    status: "Не начато",
  },
  {
    stage: "Работа",
    event: "Отчёт о работе пар за полугодие",
    deadline: d("2026-01-15"),
    owners: "Белова Н.В.",
    status: "Отменено",
  },
  {
    stage: "Итоги",
    event: "Анкетирование удовлетворённости участников",
    deadline: d("2026-04-20"),
    owners: "Громов А.И.",
    status: "Не начато",
  },
  {
    stage: "Итоги",
    event: "Круглый стол лучших практик наставничества",
    deadline: d("2026-05-15"),
    owners: "Белова Н.В., Егорова С.Ю.",
    status: "Не начато",
  },
  {
    stage: "Итоги",
    event: "Приказ о поощрении наставников",
    deadline: d("2026-05-29"),
    owners: "Белова Н.В.",
    status: "Не начато",
  },
  {
    stage: "Итоги",
    event: "Отчёт в региональный центр наставничества",
    deadline: d("2026-06-10"),
    owners: "Кузьмина О.С.",
    status: "Не начато",
  },
  {
    stage: "Итоги",
    event: "Публикация итогов на сайте школы",
    deadline: null,
    owners: "Громов А.И.",
    status: "Не начато",
  },
];

const MENTOR_NAMES = [
  "Абрамова Вера Николаевна",
  "Баранов Игорь Семёнович",
  "Воробьёва Нина Алексеевна",
  "Галкин Роман Петрович",
  "Давыдова Юлия Андреевна",
  "Ершов Максим Львович",
  "Зайцева Полина Ивановна",
  "Исаков Тимур Олегович",
  "Калинина Зоя Фёдоровна",
  "Лаврентьев Глеб Денисович",
  "Мартынова Инна Борисовна",
  "Никитин Степан Егорович",
  "Осипова Дарина Витальевна",
  "Пахомов Виктор Ильич",
  "Родионова Алла Юрьевна",
  "Сафонов Кирилл Артёмович",
  "Тарасова Эмма Руслановна",
  "Ульянов Фёдор Маркович",
  // Without a pair:
  "Фомина Лидия Георгиевна",
  "Харитонов Семён Павлович",
];

const MENTEE_NAMES = [
  "Фадеева Алёна",
  "Хромов Денис",
  "Цветкова Ксения",
  "Чернышёв Артём",
  "Шубина Майя",
  "Щукин Лев",
  "Яковлева Ева",
  "Агафонов Ян",
  "Блинова Ульяна",
  "Вишняков Савва",
  "Гущина Ника",
  "Дроздов Мирон",
  "Ефимова Злата",
  "Журавлёв Макар",
  "Зуева Василиса",
  "Игнатьев Платон",
  "Кудрявцева Ариана",
  "Лыткин Елисей",
  "Мухина Серафима",
  "Носков Тихон",
  // Without a pair:
  "Орехова Милана",
  "Прохоров Гордей",
  "Рябинина Стефания",
];

export const MENTORS = MENTOR_NAMES;
export const MENTEES = MENTEE_NAMES;

/** Pair i (0-based) is П-000(i+1); pairs 0–2 are the group of mentor НР-0001. */
export const PAIR_MENTOR = (i: number) => (i < 3 ? 0 : i - 2);

/** Mentee 4 (НЯ-0005) withdrew consent, mentee 5 (НЯ-0006) opted out, mentee 6 (НЯ-0007) has no address. */
export const WITHDRAWN_MENTEE = 4;
export const OPTED_OUT_MENTEE = 5;
export const NO_ADDRESS_MENTEE = 6;

export const mentorEmail = (i: number) => `mentor${i + 1}@school7.ru`;
export const menteeEmail = (i: number) => `mentee${i + 1}@school7.ru`;

const iso = (x: DateOnly) =>
  `${x.year}-${String(x.month).padStart(2, "0")}-${String(x.day).padStart(2, "0")}`;

/**
 * Builds the school as of 1 September 2025. Meetings: every pair or group gets its series
 * (scheduleMeetings); pairs i % 3 === 0 held all of theirs, i % 3 === 1 and the group the
 * first two only, i % 3 === 2 none. Feedback «Входная» from both sides of pairs 0, 3 and 6.
 */
export function buildSchool(start = new Date(2025, 8, 1, 8, 0)): SchoolEnv {
  const env = movableEnv(start);
  setupWorkbook(env);
  writeSettings(env.workbook, {
    orgShortName: "МБОУ СОШ № 7",
    curatorName: "Кузьмина Ольга Сергеевна",
    curatorEmail: CURATOR,
    reminderDaysBefore: 7,
    inactivityDays: 30,
    meetingEveryDays: 14,
    feedbackEntryDays: 14,
    feedbackFinalDaysBefore: 14,
    formReminderEveryDays: 7,
  });
  insertRecords(env, "team", TEAM);
  insertRecords(env, "roadmap", ROADMAP);
  insertRecords(
    env,
    "mentors",
    MENTOR_NAMES.map((fullName, i) => ({
      fullName,
      status: i === 18 ? "Обучен" : i === 19 ? "Требует проверки" : "Наставник",
      category: "Педагог",
      email: mentorEmail(i),
      consent: true,
      capacity: i === 0 ? 3 : 1,
      format: i % 2 === 0 ? "Очно" : "Дистанционно",
    })),
  );
  insertRecords(
    env,
    "mentees",
    MENTEE_NAMES.map((fullName, i) => ({
      fullName,
      status:
        i === WITHDRAWN_MENTEE
          ? "Согласие отозвано"
          : i === 22
            ? "Нет согласия"
            : i >= 20
              ? "Ожидает пары"
              : "В паре",
      category: "Обучающийся",
      email: i === NO_ADDRESS_MENTEE ? "" : menteeEmail(i),
      noEmail: i === OPTED_OUT_MENTEE,
      consent: i !== 22,
      requests: i % 2 === 0 ? ["Учебная успеваемость"] : ["Профориентация и выбор профессии"],
      createdAt: new Date(2025, 7, 25 + (i % 5), 12, 0),
    })),
  );
  const pairs: Partial<RecordOf<"pairs">>[] = [];
  for (let i = 0; i < 20; i++) {
    const m = PAIR_MENTOR(i);
    pairs.push({
      status: i === 19 ? "Приостановлена" : i % 2 === 0 ? "Работает" : "Утверждена",
      groupId: i < 3 ? "Г-НР-0001" : "",
      mentorId: `НР-${String(m + 1).padStart(4, "0")}`,
      mentorName: MENTOR_NAMES[m] ?? "",
      menteeId: `НЯ-${String(i + 1).padStart(4, "0")}`,
      menteeName: MENTEE_NAMES[i] ?? "",
      startDate: i >= 16 ? d("2025-10-01") : d("2025-09-15"),
      endDate: i === 15 ? d("2025-12-26") : null,
    });
  }
  insertRecords(env, "pairs", pairs);
  insertRecords(env, "forms", [
    { formKind: "mentee", formId: "f-mentee", publishedUrl: "https://forms.example/mentee" },
    { formKind: "mentor", formId: "f-mentor", publishedUrl: "https://forms.example/mentor" },
    { formKind: "preference", formId: "f-pref", publishedUrl: "https://forms.example/pref" },
    { formKind: "feedback", formId: "f-fb", publishedUrl: "https://forms.example/fb" },
  ]);
  scheduleMeetings(env);
  // Mark meetings held: units of pair i % 3 === 0 all, i % 3 === 1 the first two.
  const meetings = readRecords(env.workbook, "meetings");
  const statusCol = (meetings.columns.index.get("status") ?? 0) + 1;
  const seen = new Map<string, number>();
  const cells = [];
  for (const { row, record } of meetings.rows) {
    const unit = record.pairId;
    // The group held its first two meetings only.
    const i = unit === "Г-НР-0001" ? 1 : Number(unit.slice(2)) - 1;
    const n = seen.get(unit) ?? 0;
    seen.set(unit, n + 1);
    if (i % 3 === 0 || (i % 3 === 1 && n < 2)) cells.push({ row, col: statusCol, value: "Проведена" });
  }
  env.workbook.write("Встречи", cells);
  insertRecords(
    env,
    "feedback",
    [0, 3, 6].flatMap((i) => [
      {
        pairId: `П-${String(i + 1).padStart(4, "0")}`,
        role: "Наставник",
        stage: "Входная",
        date: d("2025-09-30"),
      },
      {
        pairId: `П-${String(i + 1).padStart(4, "0")}`,
        role: "Наставляемый",
        stage: "Входная",
        date: d("2025-09-30"),
      },
    ]),
  );
  return env;
}

export { iso };
