import { describe, expect, it } from "vitest";
import { intakeResponses, withdrawPerson as withdrawViaIntake } from "../../src/app/intake";
import { monitoringSummary } from "../../src/app/monitoring";
import { readRecords } from "../../src/app/records";
import { setupWorkbook } from "../../src/app/setup";
import { personNeedles, scrubText, withdrawPerson } from "../../src/app/withdraw";
import type { CellValue } from "../../src/domain/cells";
import { nameFormsRow } from "../../src/domain/docs/names";
import { type FormKind, formDef } from "../../src/domain/forms";
import { type SheetKey, sheetDef } from "../../src/domain/schema";
import { memoryEnv } from "../fakes/memory";

const NOW = new Date(2025, 9, 20, 12, 0);
const RESPONSES = "Ответы на форму (1)";

type Env = ReturnType<typeof memoryEnv>;
type Answers = Record<string, CellValue>;

function formTable(kind: FormKind, rows: Answers[]): CellValue[][] {
  const qs = formDef(kind).questions;
  return [
    ["Отметка времени", ...qs.map((q) => q.title)],
    ...rows.map((r) => [r.ts ?? "", ...qs.map((q) => r[q.key] ?? "")]),
  ];
}

/** Appends a row to a schema sheet, by column key. */
function add(env: Env, key: SheetKey, values: Record<string, CellValue>): void {
  const def = sheetDef(key);
  const header = env.workbook.read(def.name)?.[0] ?? [];
  const row = header.map((h) => {
    const col = def.columns.find((c) => c.header === h);
    return col ? (values[col.key] ?? "") : "";
  });
  env.workbook.append(def.name, [row]);
}

const MARIA = {
  fullName: "Иванова Мария Петровна",
  email: "M.Ivanova@school.ru",
  phone: "+7 (912) 345-67-89",
  guardian: "Иванов Пётр Сергеевич",
};

/** Everything that would identify Maria (or her guardian) in any cell. */
const TRACES = [/иванов/i, /m\.ivanova/i, /мари[яиюей]/i, /пётр|петр[аоуе]?\b/i];
const PHONE_DIGITS = "9123456789";

function traces(env: Env): string[] {
  const found: string[] = [];
  for (const [sheet, grid] of env.workbook.sheets) {
    grid.forEach((row, r) => {
      row.forEach((v, c) => {
        const text = v instanceof Date ? "" : String(v ?? "");
        if (TRACES.some((re) => re.test(text)) || text.replace(/\D/g, "").includes(PHONE_DIGITS))
          found.push(`${sheet}!R${r + 1}C${c + 1}: ${text}`);
      });
    });
  }
  return found;
}

function snapshot(env: Env): string {
  return JSON.stringify([...env.workbook.sheets.entries(), [...env.metaMap.entries()]]);
}

/** A school where Maria (НЯ-0001) is copied into every sheet the add-on and the curator fill. */
function school(): Env {
  const env = memoryEnv(undefined, NOW);
  setupWorkbook(env);
  const mentees = formTable("mentee", [
    {
      ts: "01.09.2025 09:00:00",
      category: "Обучающийся",
      fullName: MARIA.fullName,
      email: MARIA.email,
      phone: MARIA.phone,
      position: "8А",
      birthDate: "12.03.2012",
      requests: "Учебная успеваемость",
      requestText: "Я, Мария Иванова, хочу подтянуть математику",
      interests: "Шахматы",
      guardianName: MARIA.guardian,
      guardianConsent: "Да",
      consent: "Да",
    },
    {
      ts: "01.09.2025 09:10:00",
      category: "Молодой специалист",
      fullName: "Смирнов Олег Игоревич",
      email: "smirnov@school.ru",
      position: "Учитель физики",
      requests: "Адаптация в коллективе",
      consent: "Да",
    },
  ]);
  env.workbook.load(RESPONSES, mentees);
  intakeResponses(env, "mentee", { name: RESPONSES, values: mentees });
  intakeResponses(
    env,
    "mentor",
    {
      name: "Ответы на форму (2)",
      values: formTable("mentor", [
        {
          ts: "02.09.2025 10:00:00",
          category: "Педагог",
          contour: "Внутренний",
          fullName: "Громов Сергей Павлович",
          email: "gromov@school.ru",
          workplace: "Школа № 1",
          competences: "Учебная успеваемость",
          hoursPerMonth: "4",
          capacity: "3",
          consent: "Да",
        },
      ]),
    },
    { origin: "form" },
  );
  add(env, "forms", { formKind: "mentee", title: "Анкета наставляемого", responsesSheet: RESPONSES });
  add(env, "pairs", {
    id: "П-0001",
    status: "Работает",
    mentorId: "НР-0001",
    mentorName: "Громов Сергей Павлович",
    menteeId: "НЯ-0001",
    menteeName: MARIA.fullName,
    score: 0.8,
    reasons: "Громов С. П. помогает с математикой; Иванова М. П. просила помощь по алгебре",
    startDate: new Date(2025, 8, 10),
    meetingsHeld: 2,
  });
  add(env, "pairs", {
    id: "П-0002",
    status: "Работает",
    mentorId: "НР-0001",
    mentorName: "Громов Сергей Павлович",
    menteeId: "НЯ-0002",
    menteeName: "Смирнов Олег Игоревич",
    score: 0.6,
    startDate: new Date(2025, 8, 10),
  });
  add(env, "preferences", {
    id: "ВП-0001",
    participantId: "НЯ-0001",
    role: "Наставляемый",
    choice1: "НР-0001",
    submittedAt: new Date(2025, 8, 5),
  });
  add(env, "meetings", {
    id: "ВС-0001",
    pairId: "П-0001",
    date: new Date(2025, 8, 15),
    topic: "Встреча с Ивановой Марией Петровной: план",
    status: "Проведена",
    outcome: "И. О. заменён? Нет: Иванова М.П. подготовила доклад, звонить +7 912 345 67 89",
  });
  add(env, "feedback", {
    id: "ОС-0001",
    pairId: "П-0001",
    participantId: "НЯ-0001",
    role: "Наставляемый",
    stage: "Входная",
    date: new Date(2025, 8, 20),
    comfort: 8,
    usefulness: 9,
    expectationsMet: 7,
    comment: "Мне всё нравится, пишите на m.ivanova@school.ru",
  });
  add(env, "feedback", {
    id: "ОС-0002",
    pairId: "П-0001",
    participantId: "НР-0001",
    role: "Наставник",
    stage: "Входная",
    date: new Date(2025, 8, 20),
    comfort: 9,
    usefulness: 8,
    expectationsMet: 8,
    comment: "С Марией Ивановой работать легко, Олег Смирнов тоже молодец",
  });
  add(env, "documents", {
    id: "Д-0001",
    docType: "Приказ о закреплении наставнических пар (групп)",
    number: "15-н",
    date: new Date(2025, 8, 12),
    title: "О закреплении пар: Громов С. П. — Иванова М. П., Смирнов О. И.",
    link: "https://docs.example/d1",
    pairIds: "П-0001, П-0002",
  });
  add(env, "documents", {
    id: "Д-0002",
    docType: "Персонализированная программа наставничества",
    date: new Date(2025, 8, 13),
    title: "ППН — П-0001 — Громов С. П. — Иванова М. П.",
    link: "https://docs.example/d2",
    pairIds: "П-0001",
  });
  add(env, "documents", {
    id: "Д-0003",
    docType: "Персонализированная программа наставничества",
    date: new Date(2025, 8, 13),
    title: "ППН — П-0002 — Громов С. П. — Смирнов О. И.",
    link: "https://docs.example/d3",
    pairIds: "П-0002",
  });
  for (const name of [MARIA.fullName, MARIA.guardian, "Громов Сергей Павлович"]) {
    const forms = nameFormsRow(name);
    add(env, "nameForms", {
      ...forms,
      // The curator corrected a form by hand: the withdrawal finds it too.
      ...(name === MARIA.fullName ? { dative: "Ивановой Маше Петровне" } : {}),
      createdAt: new Date(2025, 8, 12),
    } as unknown as Record<string, CellValue>);
  }
  add(env, "mailLog", {
    key: `pair-meeting|${MARIA.email.toLowerCase()}|П-0001|2025-09-14`,
    time: new Date(2025, 8, 14, 8, 0),
    recipient: MARIA.email.toLowerCase(),
    subject: "Мария Петровна, завтра встреча с наставником",
    status: "Отправлено",
  });
  add(env, "mailLog", {
    key: "pair-meeting|gromov@school.ru|П-0001|2025-09-14",
    time: new Date(2025, 8, 14, 8, 0),
    recipient: "gromov@school.ru",
    subject: "Сергей Павлович, завтра встреча с Ивановой Марией Петровной",
    status: "Отправлено",
  });
  add(env, "journal", {
    time: new Date(2025, 8, 14, 9, 0),
    action: "Письмо",
    user: "curator@school.ru",
    outcome: "успешно",
    details: "Отправлено: m.ivanova@school.ru (Иванова Мария Петровна)",
  });
  // Last year's archive and the curator's own notes.
  const archive = "Архив 2024–25 — Пары и группы";
  env.workbook.load(archive, env.workbook.read(sheetDef("pairs").name) ?? []);
  env.workbook.load("Заметки куратора", [
    ["Кому", "Что"],
    ["Ивановой М. П.", "Позвонить маме (Иванов П. С.), тел. 8-912-345-67-89"],
    ["Смирнову О. И.", "Напомнить про анкету"],
  ]);
  return env;
}

function withoutTime(summary: ReturnType<typeof monitoringSummary>): unknown {
  return { ...summary, computedAt: "" };
}

describe("withdrawPerson: consent withdrawal erases the person everywhere", () => {
  it("leaves no name, e-mail or phone in any cell, keeps the statistics, and a re-run changes nothing", () => {
    const env = school();
    // The fixture really has Maria in every sheet the brief names.
    const before = traces(env);
    const sheetsWithMaria = new Set(before.map((t) => t.split("!")[0]));
    for (const sheet of [
      "Наставляемые",
      "Пары и группы",
      "Встречи",
      "Обратная связь",
      "Приказы",
      "Склонение ФИО",
      "Журнал рассылок",
      "Журнал",
      "Архив 2024–25 — Пары и группы",
      RESPONSES,
      "Заметки куратора",
    ])
      expect(sheetsWithMaria, sheet).toContain(sheet);
    const statsBefore = withoutTime(monitoringSummary(env));
    const pairsBefore = readRecords(env.workbook, "pairs").rows.map((r) => r.record);
    const feedbackBefore = readRecords(env.workbook, "feedback").rows.map((r) => r.record);
    const prefsBefore = readRecords(env.workbook, "preferences").rows.map((r) => r.record);

    const reads: string[] = [];
    const writes: string[] = [];
    const read = env.workbook.read.bind(env.workbook);
    const write = env.workbook.write.bind(env.workbook);
    env.workbook.read = (sheet) => {
      reads.push(sheet);
      return read(sheet);
    };
    env.workbook.write = (sheet, cells) => {
      writes.push(sheet);
      return write(sheet, cells);
    };
    const result = withdrawPerson(env, "ня-0001", "заявление Ивановой М. П. от 16.10.2025");
    expect(traces(env)).toEqual([]);

    // One read and one write per sheet; «Журнал» also gets its new line appended afterwards
    // (writeJournal reads it, and the fake's append reads and writes it once more).
    const counts = (list: string[]) =>
      list.reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>());
    for (const [sheet, n] of counts(reads)) expect(n, sheet).toBe(sheet === "Журнал" ? 3 : 1);
    for (const [sheet, n] of counts(writes)) expect(n, sheet).toBe(sheet === "Журнал" ? 2 : 1);
    expect(new Set(reads).size).toBeGreaterThan(15);
    // The base row is written last (a re-run after a crash still finds the name).
    expect(writes.filter((s) => s !== "Журнал").at(-1)).toBe("Наставляемые");

    expect(result).toMatchObject({ id: "НЯ-0001", sheet: "Наставляемые", pairs: 1, feedback: 1 });
    expect(result.erased).toEqual(
      expect.arrayContaining(["ФИО", "Дата рождения", "Email", "Телефон", "Законный представитель (ФИО)"]),
    );
    expect(result.documents.map((d) => [d.number, d.title])).toEqual([
      ["15-н", "О закреплении пар: Громов С. П. — НЯ-0001, Смирнов О. И."],
      ["", "ППН — П-0001 — Громов С. П. — НЯ-0001"],
    ]);
    expect(result.documents[0]?.link).toBe("https://docs.example/d1");
    expect(result.lines.join("\n")).toMatch(/Созданные документы не изменяются/);

    // Free text keeps its sense, with the ID instead of the name.
    const pairs = readRecords(env.workbook, "pairs").rows.map((r) => r.record);
    expect(pairs[0]?.reasons).toBe("Громов С. П. помогает с математикой; НЯ-0001 просила помощь по алгебре");
    expect(pairs[0]?.menteeName).toBe("");
    expect(pairs[1]?.menteeName).toBe("Смирнов Олег Игоревич");
    const meetings = readRecords(env.workbook, "meetings").rows.map((r) => r.record);
    expect(meetings[0]?.topic).toBe("Встреча с НЯ-0001: план");
    const feedback = readRecords(env.workbook, "feedback").rows.map((r) => r.record);
    expect(feedback[0]?.comment).toBe("");
    expect(feedback[1]?.comment).toBe("С НЯ-0001 работать легко, Олег Смирнов тоже молодец");
    const mail = readRecords(env.workbook, "mailLog").rows.map((r) => r.record);
    expect(mail[0]).toMatchObject({ recipient: "", status: "Отправлено" });
    expect(mail[1]?.subject).toBe("Сергей Павлович, завтра встреча с НЯ-0001");
    // The raw answers of the person are blanked in the responses sheet; the others stay.
    const raw = env.workbook.read(RESPONSES) ?? [];
    expect(raw.filter((r) => r.some((v) => v !== ""))).toHaveLength(2);
    expect(raw.flat()).toContain("Смирнов Олег Игоревич");
    // Namesakes and other people are untouched.
    expect(readRecords(env.workbook, "nameForms").rows.map((r) => r.record.fullName)).toEqual([
      "",
      "",
      "Громов Сергей Павлович",
    ]);
    expect(env.workbook.read("Заметки куратора")?.[1]).toEqual([
      "НЯ-0001",
      "Позвонить маме (НЯ-0001), тел. НЯ-0001",
    ]);

    // Anonymous statistics: IDs, statuses, dates, counts and scores are the same.
    const strip = <T extends Record<string, unknown>>(rows: T[], keys: string[]) =>
      rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))));
    expect(strip(pairs, ["menteeName", "reasons"])).toEqual(strip(pairsBefore, ["menteeName", "reasons"]));
    expect(strip(feedback, ["comment"])).toEqual(strip(feedbackBefore, ["comment"]));
    expect(readRecords(env.workbook, "preferences").rows.map((r) => r.record)).toEqual(prefsBefore);
    expect(withoutTime(monitoringSummary(env))).toEqual(statsBefore);
    const maria = readRecords(env.workbook, "mentees").rows[0]?.record;
    expect(maria).toMatchObject({
      id: "НЯ-0001",
      status: "Согласие отозвано",
      category: "Обучающийся",
      requests: ["Учебная успеваемость"],
      consent: false,
      noEmail: true,
    });

    // The journal names the ID only.
    const journal = env.workbook.read("Журнал") ?? [];
    const last = journal.at(-1) ?? [];
    expect(last[1]).toBe("Отзыв согласия");
    expect(String(last[4])).toMatch(/^Запись НЯ-0001/);

    // A second run changes nothing at all (not even the journal).
    const snap = snapshot(env);
    writes.length = 0;
    const again = withdrawPerson(env, "НЯ-0001", "повторно");
    expect(writes).toEqual([]);
    expect(snapshot(env)).toBe(snap);
    expect(again).toMatchObject({ changedCells: 0, erased: [] });
    expect(again.lines[0]).toMatch(/ничего не изменено/);

    // The old answers loaded again do not bring her back.
    const back = intakeResponses(env, "mentee", { name: RESPONSES, values: formTable("mentee", []) });
    expect(back.created).toBe(0);
  });

  it("finishes after a run that stopped before the base row was written", () => {
    const env = school();
    const write = env.workbook.write.bind(env.workbook);
    env.workbook.write = (sheet, cells) => {
      if (sheet === "Склонение ФИО") throw new Error("Service invoked too many times");
      return write(sheet, cells);
    };
    expect(() => withdrawPerson(env, "НЯ-0001", "")).toThrow(/too many times/);
    expect(readRecords(env.workbook, "mentees").rows[0]?.record.fullName).toBe(MARIA.fullName);
    env.workbook.write = write;
    withdrawPerson(env, "НЯ-0001", "");
    expect(traces(env)).toEqual([]);
  });

  it("keeps a namesake's data and the shared row of «Склонение ФИО»", () => {
    const env = school();
    const namesake = formTable("mentee", [
      {
        ts: "03.09.2025 09:00:00",
        category: "Обучающийся",
        fullName: MARIA.fullName,
        email: "other.maria@school.ru",
        position: "5Б",
        requests: "Учебная успеваемость",
        guardianName: "Иванова Анна Сергеевна",
        guardianConsent: "Да",
        consent: "Да",
      },
    ]);
    intakeResponses(env, "mentee", { name: "Ответы (файл)", values: namesake }, { origin: "file" });
    // The namesake's answers are in the responses sheet too.
    const raw = env.workbook.read(RESPONSES) ?? [];
    env.workbook.load(RESPONSES, [...raw, ...namesake.slice(1)]);
    const result = withdrawPerson(env, "НЯ-0001", "");
    const left = (env.workbook.read(RESPONSES) ?? []).filter((r) => r.some((v) => v !== ""));
    expect(left.map((r) => r.find((v) => String(v).includes("@")))).toEqual([
      undefined,
      "smirnov@school.ru",
      "other.maria@school.ru",
    ]);
    expect(left.at(-1)).toContain(MARIA.fullName);
    const other = readRecords(env.workbook, "mentees").rows.find((r) => r.record.id === "НЯ-0003")?.record;
    expect(other).toMatchObject({ fullName: MARIA.fullName, email: "other.maria@school.ru" });
    expect(readRecords(env.workbook, "nameForms").rows.map((r) => r.record.fullName)).toContain(
      MARIA.fullName,
    );
    expect(result.id).toBe("НЯ-0001");
  });

  it("is what the intake module exports (apiWithdrawPerson keeps its shape)", () => {
    expect(withdrawViaIntake).toBe(withdrawPerson);
  });

  it("replaces the name in every case and short form, the e-mail and the phone in text", () => {
    const n = personNeedles("НЯ-0001", {
      fullName: "Фёдорова Алёна Игоревна",
      email: "a.f@x.ru",
      phone: "8 912 000-11-22",
    });
    expect(scrubText("Приказ: Федоровой Алене Игоревне (дат.)", n)).toBe("Приказ: НЯ-0001 (дат.)");
    expect(scrubText("Фёдорова А.И. и А. И. Фёдорова", n)).toBe("НЯ-0001 и НЯ-0001");
    expect(scrubText("Алёна Игоревна, здравствуйте! Пишите A.F@x.ru или +7(912)000-11-22", n)).toBe(
      "НЯ-0001, здравствуйте! Пишите НЯ-0001 или НЯ-0001",
    );
    // Other words and other phones are not touched.
    expect(scrubText("Фёдоровский район, тел. +7 912 000-11-23", n)).toBe(
      "Фёдоровский район, тел. +7 912 000-11-23",
    );
  });
});
