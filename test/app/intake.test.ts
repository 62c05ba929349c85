import { describe, expect, it } from "vitest";
import { describeIntake, type IntakeReport, intakeResponses, withdrawPerson } from "../../src/app/intake";
import { insertRecords, readRecords } from "../../src/app/records";
import { setupWorkbook } from "../../src/app/setup";
import type { CellValue } from "../../src/domain/cells";
import { type FormKind, formDef, personChoice } from "../../src/domain/forms";
import type { SheetKey } from "../../src/domain/schema";
import { memoryEnv } from "../fakes/memory";

const NOW = new Date(2025, 8, 20, 12, 0);
const RESPONSES = "Ответы на форму (1)";

function freshEnv() {
  const env = memoryEnv(undefined, NOW);
  setupWorkbook(env);
  return env;
}

type Answers = Record<string, CellValue>;

/** A responses sheet as Google Forms fills it: «Отметка времени», then the question titles. */
function formTable(kind: FormKind, rows: Answers[]): CellValue[][] {
  const qs = formDef(kind).questions;
  return [
    ["Отметка времени", ...qs.map((q) => q.title)],
    ...rows.map((r) => [r.ts ?? "", ...qs.map((q) => r[q.key] ?? "")]),
  ];
}

function run(env: ReturnType<typeof freshEnv>, kind: FormKind, rows: Answers[]): IntakeReport {
  return intakeResponses(env, kind, { name: RESPONSES, values: formTable(kind, rows) });
}

function records<K extends SheetKey>(env: ReturnType<typeof freshEnv>, key: K) {
  return readRecords(env.workbook, key).rows.map((r) => r.record);
}

function byId<K extends "mentees" | "mentors">(env: ReturnType<typeof freshEnv>, key: K, id: string) {
  const found = readRecords(env.workbook, key).rows.find((r) => (r.record as { id: string }).id === id);
  if (!found) throw new Error(`no ${id}`);
  return found.record;
}

function journal(env: ReturnType<typeof freshEnv>): string[] {
  return (env.workbook.read("Журнал") ?? []).slice(1).map((r) => String(r[1]));
}

const teacher = (over: Answers): Answers => ({
  category: "Молодой специалист",
  position: "Учитель математики",
  subject: "Математика",
  experienceYears: "1",
  requests: "Адаптация в коллективе, Методика преподавания предмета",
  consent: "Даю согласие",
  ...over,
});

const student = (over: Answers): Answers => ({
  category: "Обучающийся",
  requests: "Учебная успеваемость",
  consent: "Да",
  ...over,
});

const LONG = `${`Начало ${"очень подробный рассказ о себе. ".repeat(1600)}`.slice(0, 49_994)} конец`;

const HYPERLINK = '=HYPERLINK("http://evil.example";"нажми")';

/** Eighteen rows (and one blank) of a mentee form, every trouble a real sheet has. */
const MENTEE_ROWS: Answers[] = [
  /* 2 */ teacher({
    ts: "01.09.2025 09:00:00",
    fullName: "Фёдорова Алёна Игоревна",
    email: "Fedorova@School.ru",
    phone: "8 (912) 345-67-89",
    interests: "Театр",
  }),
  /* 3 */ teacher({
    ts: "01.09.2025 09:05:00",
    fullName: "Смирнов Олег",
    email: "smirnov@school.ru",
    phone: "+7 (912) 000-00-01",
  }),
  /* 4 */ teacher({
    ts: "01.09.2025 09:10:00",
    fullName: "Кузнецова Ирина",
    email: "kuz@school.ru",
    phone: 89120000002,
  }),
  /* 5 */ student({
    ts: "02.09.2025 10:00:00",
    fullName: "Орлов Михаил",
    email: "orlov@mail.ru",
    phone: "9120000003",
    birthDate: "05.03.2010",
    position: "9А",
    guardianName: "Орлова Мария Ивановна",
    guardianConsent: "Даю согласие",
  }),
  /* 6 */ student({
    ts: new Date(2025, 8, 2, 11, 0),
    fullName: "Белова Екатерина",
    email: "belova@mail.ru",
    birthDate: new Date(2011, 4, 12),
    position: "8Б",
  }),
  /* 7 */ student({
    ts: "02.09.2025 12:00:00",
    fullName: "Зайцев Пётр",
    email: "zaitsev@mail.ru",
    position: "7В",
  }),
  /* 8 */ teacher({
    ts: "03.09.2025 08:00:00",
    fullName: "Новиков Андрей",
    email: "novikov@school.ru",
    consent: "",
  }),
  /* 9 */ teacher({
    ts: "03.09.2025 09:00:00",
    fullName: "Хакеров Василий",
    email: "hack@school.ru",
    requestText: HYPERLINK,
    interests: "+7 912 звоните",
    subject: "@all",
  }),
  /* 10 */ teacher({
    ts: "03.09.2025 10:00:00",
    fullName: "Многословова Анна",
    email: "long@school.ru",
    requestText: LONG,
  }),
  /* 11 */ teacher({
    ts: "03.09.2025 11:00:00",
    fullName: "Пустова Ольга",
    email: "pustova@school.ru",
    position: "",
    requests: "",
  }),
  /* 12 */ teacher({
    ts: "03.09.2025 12:00:00",
    fullName: "Странных Игорь",
    email: "strannyh@school.ru",
    category: "Завуч",
    format: "По выходным",
    requests: "Адаптация в коллективе, Свой запрос",
  }),
  /* 13 */ teacher({
    ts: "03.09.2025 13:00:00",
    fullName: "Ошибкин Илья",
    email: "oshibkin@mail",
    phone: "12-34",
  }),
  /* 14 */ { ts: "03.09.2025 14:00:00", category: "Педагог", requests: "Работа с родителями", consent: "Да" },
  /* 15 */ {},
  /* 16 */ student({
    ts: "04.09.2025 09:00:00",
    fullName: "Датова Елизавета",
    email: "datova@mail.ru",
    birthDate: "31.02.2010",
    position: "10А",
    guardianName: "Датов Олег",
    guardianConsent: "Да",
  }),
  /* 17 */ teacher({
    ts: "05.09.2025 09:00:00",
    fullName: "Федорова Алена Игоревна",
    email: "FEDOROVA@school.ru ",
    phone: "+7 912 345 67 89",
    interests: "Театр и кино",
  }),
  /* 18 */ teacher({
    ts: "04.09.2025 09:00:00",
    fullName: "Новиков Андрей",
    email: "Novikov@School.ru",
    consent: "Да",
  }),
  /* 19 */ teacher({
    ts: "31.08.2025 09:00:00",
    fullName: "Смирнов Олег",
    email: "smirnov@school.ru",
    phone: "+7 912 999-99-99",
  }),
  /* 20 */ teacher({
    ts: "05.09.2025 10:00:00",
    fullName: "Телефонов Глеб",
    email: "tel@school.ru",
    phone: "8-912-000-00-04",
  }),
];

const mentor = (over: Answers): Answers => ({
  category: "Педагог",
  contour: "Внутренний",
  workplace: "МБОУ СОШ № 1",
  position: "Учитель",
  experienceYears: "12",
  competences: "Адаптация в коллективе, Работа с родителями",
  hoursPerMonth: "8",
  capacity: "2",
  consent: "Даю согласие",
  ...over,
});

const MENTOR_ROWS: Answers[] = [
  /* 2 */ mentor({
    ts: "01.09.2025 10:00:00",
    fullName: "Фёдорова Алёна Игоревна",
    email: "fedorova@school.ru",
    phone: "+79123456789",
  }),
  /* 3 */ mentor({
    ts: "01.09.2025 11:00:00",
    fullName: "Громов Сергей",
    email: "gromov@factory.ru",
    category: "Сотрудник предприятия",
    contour: "Внешний",
    workplace: "АО «Завод»",
    competences: "Профориентация и выбор профессии, Другое: медиация",
  }),
  /* 4 */ mentor({
    ts: "01.09.2025 12:00:00",
    fullName: "Юнусова Дина",
    email: "yunusova@school.ru",
    capacity: "0",
  }),
  /* 5 */ mentor({
    ts: "01.09.2025 13:00:00",
    fullName: "Ленивцев Павел",
    email: "lenivtsev@school.ru",
    hoursPerMonth: "много",
  }),
  /* 6 */ mentor({
    ts: "01.09.2025 14:00:00",
    fullName: "Школьников Артём",
    email: "artem@school.ru",
    category: "Обучающийся",
    workplace: "МБОУ СОШ № 1, 11А",
  }),
  /* 7 */ mentor({
    ts: "01.09.2025 15:00:00",
    fullName: "Тихонов Борис",
    email: "tihonov@school.ru",
    contour: "Где-то",
    consent: "",
  }),
  /* 8 */ mentor({
    ts: "02.09.2025 10:00:00",
    fullName: "Фёдорова Алёна Игоревна",
    email: "FEDOROVA@SCHOOL.RU",
    hoursPerMonth: "10",
  }),
  /* 9 */ mentor({
    ts: "02.09.2025 11:00:00",
    fullName: "Космонавтов Юрий",
    email: "kosmos@school.ru",
    preferredForms: "Учитель – учитель, Космос",
    motivation: "=cmd|' /C calc'!A0",
  }),
];

describe("intake of the mentee form", () => {
  it("lands a realistic batch with exact counts and nothing lost", () => {
    const env = freshEnv();
    const report = run(env, "mentee", MENTEE_ROWS);
    expect(report).toMatchObject({
      kind: "mentee",
      sheet: "Наставляемые",
      total: 18,
      created: 14,
      updated: 0,
      unchanged: 0,
      duplicates: 3,
      needsReview: 4,
      withoutConsent: 2,
      ignoredColumns: [],
      warnings: [],
    });
    // Every row is a record or is listed.
    expect(
      report.created + report.updated + report.unchanged + report.duplicates + report.rejected.length,
    ).toBe(report.total);
    expect(report.rejected).toEqual([
      { line: 14, reason: expect.stringMatching(/^нет ни ФИО, ни адреса электронной почты, ни телефона/) },
    ]);
    const ids = Array.from({ length: 14 }, (_, i) => `НЯ-${String(i + 1).padStart(4, "0")}`);
    expect(report.ids).toEqual(ids);
    const all = records(env, "mentees");
    expect(all.map((r) => r.id)).toEqual(ids);
    const status = Object.fromEntries(all.map((r) => [r.fullName, r.status]));
    expect(status).toEqual({
      "Федорова Алена Игоревна": "Новый",
      "Смирнов Олег": "Новый",
      "Кузнецова Ирина": "Новый",
      "Орлов Михаил": "Новый",
      "Белова Екатерина": "Нет согласия",
      "Зайцев Пётр": "Нет согласия",
      "Новиков Андрей": "Новый",
      "Хакеров Василий": "Новый",
      "Многословова Анна": "Новый",
      "Пустова Ольга": "Требует проверки",
      "Странных Игорь": "Требует проверки",
      "Ошибкин Илья": "Требует проверки",
      "Датова Елизавета": "Требует проверки",
      "Телефонов Глеб": "Новый",
    });
    expect(report.held.map((h) => [h.line, h.id, h.status])).toEqual([
      [6, "НЯ-0005", "Нет согласия"],
      [7, "НЯ-0006", "Нет согласия"],
      [11, "НЯ-0010", "Требует проверки"],
      [12, "НЯ-0011", "Требует проверки"],
      [13, "НЯ-0012", "Требует проверки"],
      [16, "НЯ-0013", "Требует проверки"],
    ]);

    // The same person: e-mail case does not matter, the newer answer wins, ё or е as they wrote it.
    const fedorova = byId(env, "mentees", "НЯ-0001");
    expect(fedorova).toMatchObject({
      fullName: "Федорова Алена Игоревна",
      email: "fedorova@school.ru",
      phone: "+7 912 345-67-89",
      interests: "Театр и кино",
      consent: true,
      consentDate: { year: 2025, month: 9, day: 1 },
      source: "Анкета 01.09.2025 09:00",
      reviewReasons: "",
    });
    expect(fedorova.createdAt).toEqual(new Date(2025, 8, 1, 9, 0));
    expect(fedorova.updatedAt).toEqual(new Date(2025, 8, 5, 9, 0));
    // An older row of the same person in the same sheet does not win over the newer one.
    expect(byId(env, "mentees", "НЯ-0002").phone).toBe("+7 912 000-00-01");
    // Phones in every format.
    expect(all.map((r) => r.phone).filter((p) => p !== "")).toEqual([
      "+7 912 345-67-89",
      "+7 912 000-00-01",
      "+7 912 000-00-02",
      "+7 912 000-00-03",
      "12-34",
      "+7 912 000-00-04",
    ]);
    // Dates as text and as Date cells; a minor with the guardian's consent is fine.
    expect(byId(env, "mentees", "НЯ-0004")).toMatchObject({
      birthDate: { year: 2010, month: 3, day: 5 },
      guardianName: "Орлова Мария Ивановна",
      guardianConsent: true,
      status: "Новый",
    });
    const belova = byId(env, "mentees", "НЯ-0005");
    expect(belova.birthDate).toEqual({ year: 2011, month: 5, day: 12 });
    expect(belova.reviewReasons).toMatch(/^Нет согласия законного представителя: наставляемому 14 лет/);
    expect(byId(env, "mentees", "НЯ-0006").reviewReasons).toMatch(
      /категория «Обучающийся» без даты рождения/,
    );
    // A later response with consent moves «Нет согласия» to «Новый».
    expect(byId(env, "mentees", "НЯ-0007")).toMatchObject({
      status: "Новый",
      consent: true,
      reviewReasons: "",
    });
    // Formula-like text is stored as text (the adapters neutralise it), long answers whole.
    expect(byId(env, "mentees", "НЯ-0008")).toMatchObject({
      requestText: HYPERLINK,
      interests: "+7 912 звоните",
      subject: "@all",
    });
    expect(LONG.length).toBe(50_000);
    expect(byId(env, "mentees", "НЯ-0009").requestText).toBe(LONG);
    // Blank required answers, unknown list values, invalid e-mail and phone, an impossible date.
    expect(byId(env, "mentees", "НЯ-0010").reviewReasons.split("\n")).toEqual([
      "Вопрос «Должность или класс (группа)»: нет ответа, а вопрос обязательный",
      "Вопрос «С чем вам нужна помощь наставника»: нет ответа, а вопрос обязательный",
    ]);
    const strange = byId(env, "mentees", "НЯ-0011");
    expect(strange).toMatchObject({
      category: "Завуч",
      format: "По выходным",
      requests: ["Адаптация в коллективе", "Свой запрос"],
    });
    expect(strange.reviewReasons.split("\n")).toEqual([
      "Вопрос «Кто вы»: «Завуч» — нет в списке «Категории наставляемых»",
      "Вопрос «Удобный формат встреч»: «По выходным» — нет в списке «Формат встреч»",
    ]);
    expect(byId(env, "mentees", "НЯ-0012")).toMatchObject({ email: "oshibkin@mail", phone: "12-34" });
    expect(byId(env, "mentees", "НЯ-0013")).toMatchObject({
      birthDate: null,
      reviewReasons: "Вопрос «Дата рождения»: «31.02.2010» — такой даты нет",
    });

    // The report names the sheet, the row and the question, in Russian.
    const lines = describeIntake(report);
    expect(lines[0]).toBe("Анкета наставляемого: Лист «Ответы на форму (1)» → лист «Наставляемые».");
    expect(lines).toContain(
      "Ответов: 18. Новых записей: 14, обновлено: 0, без изменений: 0, повторные ответы тех же людей: 3, не загружено: 1.",
    );
    expect(lines).toContain("Требуют проверки: 4, без согласия: 2.");
    expect(lines).toContain(
      "  Лист «Ответы на форму (1)», строка 13, вопрос «Адрес электронной почты»: «oshibkin@mail» — не похоже на адрес электронной почты [НЯ-0012, «Требует проверки»]",
    );
    expect(lines.some((l) => l.startsWith("  Лист «Ответы на форму (1)», строка 14: нет ни ФИО"))).toBe(true);
    expect(journal(env)).toEqual(["Настроить книгу", "Загрузка ответов: Анкета наставляемого"]);
  });

  it("changes nothing when run again over the same responses", () => {
    const env = freshEnv();
    run(env, "mentee", MENTEE_ROWS);
    const before = JSON.stringify(env.workbook.read("Наставляемые"));
    const writes = env.workbook.writes;
    const again = run(env, "mentee", MENTEE_ROWS);
    expect(env.workbook.writes).toBe(writes);
    expect(JSON.stringify(env.workbook.read("Наставляемые"))).toBe(before);
    expect(again).toMatchObject({ total: 18, created: 0, updated: 0, unchanged: 14, duplicates: 3 });
    expect(again.rejected).toHaveLength(1);
    // Held records are still reported, so the curator sees what waits for them.
    expect(again.held).toHaveLength(6);
    expect(journal(env)).toHaveLength(2);
  });

  it("lets a newer response update the record and never an older one", () => {
    const env = freshEnv();
    const first = teacher({
      ts: "05.09.2025 10:00:00",
      fullName: "Смирнов Олег",
      email: "smirnov@school.ru",
      phone: "9120000001",
    });
    expect(run(env, "mentee", [first]).created).toBe(1);
    const newer = run(env, "mentee", [
      { ...first, ts: "06.09.2025 10:00:00", phone: "9120000009", subject: "" },
    ]);
    expect(newer).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const rec = byId(env, "mentees", "НЯ-0001");
    expect(rec.phone).toBe("+7 912 000-00-09");
    // A blank answer does not erase what the record holds.
    expect(rec.subject).toBe("Математика");
    expect(rec.updatedAt).toEqual(new Date(2025, 8, 6, 10, 0));
    const writes = env.workbook.writes;
    const older = run(env, "mentee", [{ ...first, ts: "05.09.2025 18:00:00", phone: "9120000007" }]);
    expect(older).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(env.workbook.writes).toBe(writes);
    expect(byId(env, "mentees", "НЯ-0001").phone).toBe("+7 912 000-00-09");
  });

  it("keeps the curator's status and moves only among «Новый», «Требует проверки», «Нет согласия»", () => {
    const env = freshEnv();
    const a = teacher({ ts: "05.09.2025 10:00:00", fullName: "Смирнов Олег", email: "smirnov@school.ru" });
    const b = teacher({ ts: "05.09.2025 10:01:00", fullName: "Кузнецова Ирина", email: "kuz@school.ru" });
    run(env, "mentee", [a, b]);
    const table = readRecords(env.workbook, "mentees");
    const statusCol = (table.columns.index.get("status") ?? 0) + 1;
    env.workbook.write("Наставляемые", [{ row: 2, col: statusCol, value: "В паре" }]);
    const report = run(env, "mentee", [
      { ...a, ts: "07.09.2025 10:00:00", interests: "Футбол", position: "" },
      { ...b, ts: "07.09.2025 10:00:00", phone: "12-34" },
    ]);
    expect(report).toMatchObject({ updated: 2, needsReview: 1 });
    expect(byId(env, "mentees", "НЯ-0001")).toMatchObject({
      status: "В паре",
      interests: "Футбол",
      // The blank answer kept the position, so nothing to check.
      reviewReasons: "",
    });
    // «Новый» → «Требует проверки»; the new phone is kept as written, with the reason.
    expect(byId(env, "mentees", "НЯ-0002")).toMatchObject({
      status: "Требует проверки",
      phone: "12-34",
      reviewReasons: "Вопрос «Телефон»: «12-34» — номер телефона должен содержать 10 цифр после +7",
    });
    // A corrected answer moves it back to «Новый».
    run(env, "mentee", [{ ...b, ts: "08.09.2025 10:00:00", phone: "89120000002" }]);
    expect(byId(env, "mentees", "НЯ-0002")).toMatchObject({ status: "Новый", reviewReasons: "" });
  });

  it("holds the document lock while writing, and two intakes one after another both land", () => {
    const env = freshEnv();
    expect(() => env.lock.withLock(() => run(env, "mentee", MENTEE_ROWS.slice(0, 3)))).toThrow(/занята/);
    expect(records(env, "mentees")).toHaveLength(0);
    const first = run(env, "mentee", MENTEE_ROWS.slice(0, 6));
    const second = run(env, "mentee", MENTEE_ROWS.slice(6));
    expect(first).toMatchObject({ total: 6, created: 6 });
    // Row 17 of the whole sheet is a newer answer of a person of the first batch, row 19 an older one.
    expect(second).toMatchObject({ total: 12, created: 8, updated: 1, unchanged: 1, duplicates: 1 });
    const ids = records(env, "mentees").map((r) => r.id);
    expect(new Set(ids).size).toBe(14);
    expect(ids.at(-1)).toBe("НЯ-0014");
    expect(byId(env, "mentees", "НЯ-0001").interests).toBe("Театр и кино");
  });

  it("reads each sheet once and writes each in one batch, however many rows", () => {
    const env = freshEnv();
    run(env, "mentee", MENTEE_ROWS.slice(0, 8));
    const calls: string[] = [];
    const wb = env.workbook;
    // Only the use case's own calls count (the fake's append reads and writes through itself).
    let depth = 0;
    const spy = <A extends unknown[], R>(name: string, fn: (sheet: string, ...rest: A) => R) => {
      return (sheet: string, ...rest: A): R => {
        if (depth === 0) calls.push(`${name} ${sheet}`);
        depth++;
        try {
          return fn(sheet, ...rest);
        } finally {
          depth--;
        }
      };
    };
    wb.read = spy("read", wb.read.bind(wb));
    wb.write = spy("write", wb.write.bind(wb));
    wb.append = spy("append", wb.append.bind(wb));
    const report = run(env, "mentee", MENTEE_ROWS);
    expect(report).toMatchObject({ created: 6, updated: 2 });
    expect(calls).toEqual([
      "read Справочники",
      // «Минимальный режим персональных данных» decides which answers are stored.
      "read Настройки",
      "read Наставляемые",
      "write Наставляемые",
      "append Наставляемые",
      "read Журнал",
      "append Журнал",
    ]);
  });

  it("rejects a table that is not this form, in Russian", () => {
    const env = freshEnv();
    expect(() =>
      intakeResponses(
        env,
        "mentee",
        {
          name: "list.csv",
          values: [
            ["a", "b"],
            ["1", "2"],
          ],
        },
        { origin: "file" },
      ),
    ).toThrow(
      /^Файл «list\.csv»: в первой строке не найдено ни одного вопроса анкеты «Анкета наставляемого»/,
    );
  });
});

describe("intake of the mentor form", () => {
  it("lands a realistic batch with exact counts", () => {
    const env = freshEnv();
    const report = run(env, "mentor", MENTOR_ROWS);
    expect(report).toMatchObject({
      sheet: "Наставники",
      total: 8,
      created: 7,
      updated: 0,
      unchanged: 0,
      duplicates: 1,
      needsReview: 4,
      withoutConsent: 1,
      rejected: [],
    });
    expect(report.ids).toEqual(["НР-0001", "НР-0002", "НР-0003", "НР-0004", "НР-0005", "НР-0006", "НР-0007"]);
    expect(byId(env, "mentors", "НР-0001")).toMatchObject({
      hoursPerMonth: 10,
      email: "fedorova@school.ru",
      status: "Новый",
    });
    expect(byId(env, "mentors", "НР-0002")).toMatchObject({
      competences: ["Профориентация и выбор профессии", "Другое: медиация"],
      workplace: "АО «Завод»",
      status: "Новый",
    });
    expect(byId(env, "mentors", "НР-0003").reviewReasons).toBe(
      "Вопрос «Сколько наставляемых вы можете взять»: 0 — вне допустимых пределов 1–30",
    );
    expect(byId(env, "mentors", "НР-0004")).toMatchObject({
      hoursPerMonth: null,
      reviewReasons:
        "Вопрос «Сколько часов в месяц вы готовы уделять наставничеству»: «много» — ожидается число",
    });
    expect(byId(env, "mentors", "НР-0005").reviewReasons).toMatch(/^Наставник — обучающийся/);
    expect(byId(env, "mentors", "НР-0006")).toMatchObject({ status: "Нет согласия", contour: "Где-то" });
    expect(byId(env, "mentors", "НР-0006").reviewReasons.split("\n")).toEqual([
      "Нет согласия на обработку персональных данных (вопрос «Согласие на обработку персональных данных»)",
      "Вопрос «Вы работаете или учитесь в нашей организации?»: «Где-то» — нет в списке «Контур»",
    ]);
    expect(byId(env, "mentors", "НР-0007")).toMatchObject({
      preferredForms: ["Учитель – учитель", "Космос"],
      motivation: "=cmd|' /C calc'!A0",
      status: "Требует проверки",
    });
    const writes = env.workbook.writes;
    expect(run(env, "mentor", MENTOR_ROWS)).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 7,
      duplicates: 1,
    });
    expect(env.workbook.writes).toBe(writes);
  });
});

describe("preferences and feedback", () => {
  function programme() {
    const env = freshEnv();
    run(env, "mentee", MENTEE_ROWS);
    run(env, "mentor", MENTOR_ROWS);
    return env;
  }

  it("lands preferences keyed by participant IDs, one row per participant", () => {
    const env = programme();
    const report = run(env, "preference", [
      {
        ts: "10.09.2025 10:00:00",
        role: "Наставляемый",
        email: "smirnov@school.ru",
        fullName: "Смирнов Олег",
        mentorChoice1: personChoice("Фёдорова Алёна Игоревна", "НР-0001"),
        mentorChoice2: "Громов Сергей (НР-0002)",
        mentorChoice3: "Кто-то (НР-0099)",
        consent: "Да",
      },
      {
        ts: "10.09.2025 10:05:00",
        role: "Наставник",
        email: "gromov@factory.ru",
        fullName: "Громов Сергей",
        menteeChoice1: "Смирнов Олег (НЯ-0002)",
        consent: "Да",
      },
      { ts: "10.09.2025 10:10:00", role: "Наставляемый", email: "nobody@school.ru", consent: "Да" },
      { ts: "10.09.2025 10:15:00", role: "Наставляемый", email: "kuz@school.ru", mentorChoice1: "(НР-0001)" },
      {
        ts: "11.09.2025 09:00:00",
        role: "Наставляемый",
        email: "Smirnov@School.ru",
        mentorChoice1: "Громов Сергей (НР-0002)",
        consent: "Да",
      },
      // Фёдорова is in both bases: the role decides which of her records chooses.
      {
        ts: "11.09.2025 09:30:00",
        role: "Наставляемый",
        email: "fedorova@school.ru",
        mentorChoice1: "Кто-то (НР-0099)",
        consent: "Да",
      },
    ]);
    expect(report).toMatchObject({
      sheet: "Предпочтения",
      total: 6,
      created: 3,
      updated: 0,
      duplicates: 1,
      needsReview: 1,
      withoutConsent: 1,
      ids: ["ВБ-0001", "ВБ-0002", "ВБ-0003"],
    });
    expect(report.rejected).toEqual([
      {
        line: 4,
        reason:
          "Вопрос «Адрес электронной почты»: участника с адресом «nobody@school.ru» нет ни в «Наставляемые», ни в «Наставники» — сначала загрузите его анкету",
      },
      {
        line: 5,
        reason:
          "Вопрос «Согласие на обработку персональных данных»: нет согласия на обработку персональных данных — выбор не учтён",
      },
    ]);
    expect(report.held).toEqual([
      expect.objectContaining({
        line: 7,
        id: "ВБ-0003",
        reason: expect.stringMatching(/нет записи НР-0099 в «Наставники»/),
      }),
    ]);
    const prefs = records(env, "preferences");
    expect(prefs.map((p) => [p.participantId, p.role, p.choice1, p.choice2, p.choice3])).toEqual([
      ["НЯ-0002", "Наставляемый", "НР-0002", "", ""],
      ["НР-0002", "Наставник", "НЯ-0002", "", ""],
      ["НЯ-0001", "Наставляемый", "", "", ""],
    ]);
    expect(prefs[0]?.submittedAt).toEqual(new Date(2025, 8, 11, 9, 0));

    // Again: nothing written. A newer submission replaces the participant's row.
    const writes = env.workbook.writes;
    const table = formTable("preference", [
      {
        ts: "10.09.2025 10:05:00",
        role: "Наставник",
        email: "gromov@factory.ru",
        menteeChoice1: "Смирнов Олег (НЯ-0002)",
        consent: "Да",
      },
    ]);
    expect(intakeResponses(env, "preference", { name: RESPONSES, values: table })).toMatchObject({
      unchanged: 1,
    });
    expect(env.workbook.writes).toBe(writes);
    const newer = run(env, "preference", [
      {
        ts: "12.09.2025 09:00:00",
        role: "Наставник",
        email: "gromov@factory.ru",
        menteeChoice1: "Кузнецова Ирина (НЯ-0003)",
        menteeChoice2: "Смирнов Олег (НЯ-0002)",
        consent: "Да",
      },
    ]);
    expect(newer).toMatchObject({ created: 0, updated: 1 });
    const gromov = records(env, "preferences").filter((p) => p.participantId === "НР-0002");
    expect(gromov.map((p) => [p.choice1, p.choice2])).toEqual([["НЯ-0003", "НЯ-0002"]]);
  });

  it("lands feedback for pairs that exist, the participant taken from the pair and the role", () => {
    const env = programme();
    insertRecords(env, "pairs", [
      {
        status: "Работает",
        mentorId: "НР-0002",
        mentorName: "Громов Сергей",
        menteeId: "НЯ-0002",
        menteeName: "Смирнов Олег",
      },
    ]);
    const rows: Answers[] = [
      {
        ts: "15.09.2025 10:00:00",
        pairId: "П-0001",
        role: "Наставляемый",
        stage: "Входная",
        comfort: "8",
        usefulness: "9",
        expectationsMet: "7",
        wantsToContinue: "Да",
        comment: "Всё отлично, спасибо!",
        consent: "Да",
      },
      {
        ts: "15.09.2025 11:00:00",
        pairId: "п-0001",
        role: "Наставник",
        stage: "Входная",
        comfort: "11",
        usefulness: "9",
        expectationsMet: "8",
        wantsToContinue: "Да",
        consent: "Да",
      },
      { ts: "15.09.2025 12:00:00", pairId: "П-0099", role: "Наставник", stage: "Входная", consent: "Да" },
      {
        ts: "15.09.2025 13:00:00",
        pairId: "",
        role: "Наставник",
        stage: "Входная",
        comfort: "5",
        consent: "Да",
      },
    ];
    const report = run(env, "feedback", rows);
    expect(report).toMatchObject({ total: 4, created: 2, needsReview: 1, ids: ["ОС-0001", "ОС-0002"] });
    expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([
      [4, "Вопрос «Номер пары»: пары «П-0099» нет в листе «Пары и группы»"],
      [5, "Вопрос «Номер пары»: не указан номер пары"],
    ]);
    expect(report.held[0]?.reasons).toEqual([
      "Вопрос «Насколько вам комфортно работать в паре»: 11 — вне допустимых пределов 1–10",
    ]);
    const fb = records(env, "feedback");
    expect(fb.map((f) => [f.pairId, f.participantId, f.role, f.stage, f.comfort, f.wantsToContinue])).toEqual(
      [
        ["П-0001", "НЯ-0002", "Наставляемый", "Входная", 8, true],
        ["П-0001", "НР-0002", "Наставник", "Входная", 11, true],
      ],
    );
    expect(fb[0]?.date).toEqual({ year: 2025, month: 9, day: 15 });
    const writes = env.workbook.writes;
    expect(run(env, "feedback", rows)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(env.workbook.writes).toBe(writes);
  });

  it("withdraws a person: personal fields erased, the ID and anonymous history kept, logged", () => {
    const env = programme();
    insertRecords(env, "pairs", [
      {
        status: "Работает",
        mentorId: "НР-0002",
        mentorName: "Громов Сергей",
        menteeId: "НЯ-0002",
        menteeName: "Смирнов Олег",
      },
    ]);
    run(env, "feedback", [
      {
        ts: "15.09.2025 10:00:00",
        pairId: "П-0001",
        role: "Наставляемый",
        stage: "Входная",
        comfort: "8",
        usefulness: "9",
        expectationsMet: "7",
        wantsToContinue: "Да",
        comment: "Олег Смирнов: всё отлично",
        consent: "Да",
      },
    ]);
    const result = withdrawPerson(env, "ня-0002", "заявление от 16.09.2025");
    expect(result).toMatchObject({ id: "НЯ-0002", sheet: "Наставляемые", pairs: 1, feedback: 1 });
    expect(result.erased).toEqual(["ФИО", "Email", "Телефон", "Должность / класс, группа"]);
    const rec = byId(env, "mentees", "НЯ-0002");
    expect(rec).toMatchObject({
      id: "НЯ-0002",
      status: "Согласие отозвано",
      category: "Молодой специалист",
      subject: "Математика",
      requests: ["Адаптация в коллективе", "Методика преподавания предмета"],
      fullName: "",
      email: "",
      phone: "",
      birthDate: null,
      position: "",
      consent: false,
      noEmail: true,
      reviewReasons: "",
      comment: "Согласие отозвано 20.09.2025: заявление от 16.09.2025. Персональные данные удалены.",
    });
    const pair = records(env, "pairs")[0];
    expect(pair).toMatchObject({ menteeId: "НЯ-0002", menteeName: "", mentorName: "Громов Сергей" });
    expect(records(env, "feedback")[0]).toMatchObject({ participantId: "НЯ-0002", comment: "", comfort: 8 });
    const log = (env.workbook.read("Журнал") ?? []).at(-1) ?? [];
    expect(log[1]).toBe("Отзыв согласия");
    expect(String(log[4])).toMatch(/^Запись НЯ-0002 \(лист «Наставляемые»\): статус «Согласие отозвано»/);
    expect(String(log[4])).not.toMatch(/Смирнов/);
    // The raw answers imported again do not bring the person back, in this record or a new one.
    const again = run(env, "mentee", MENTEE_ROWS);
    expect(again).toMatchObject({ created: 0, updated: 0 });
    expect(again.rejected.map((r) => r.line)).toEqual([3, 14, 19]);
    expect(again.rejected[0]?.reason).toBe(
      "ответ человека, отозвавшего согласие на обработку персональных данных (запись НЯ-0002, 20.09.2025), не загружен; если он снова даёт согласие, нужна новая анкета",
    );
    expect(records(env, "mentees").filter((r) => r.fullName === "Смирнов Олег")).toEqual([]);
    expect(byId(env, "mentees", "НЯ-0002")).toMatchObject({ fullName: "", status: "Согласие отозвано" });
    expect(JSON.stringify(env.metaMap.get("intake:withdrawn"))).not.toMatch(/smirnov|Смирнов/i);
    // A new questionnaire after the withdrawal is a new consent: a new record.
    const back = run(env, "mentee", [
      teacher({ ts: "21.09.2025 09:00:00", fullName: "Смирнов Олег", email: "smirnov@school.ru" }),
    ]);
    expect(back).toMatchObject({ created: 1, ids: ["НЯ-0015"] });
    expect(() => withdrawPerson(env, "НЯ-0999", "")).toThrow(/Нет записи «НЯ-0999»/);
  });
});
