import { describe, expect, it } from "vitest";
import { generateDocuments } from "../../src/app/documents";
import { syncForms } from "../../src/app/forms";
import { describeIntake, intakeResponses } from "../../src/app/intake";
import { proposePairs } from "../../src/app/matching";
import { applyMinimalMode, previewMinimalMode } from "../../src/app/minimal";
import { confirmPairs } from "../../src/app/pairs";
import { readRecords } from "../../src/app/records";
import { prepareReminderRun } from "../../src/app/reminders";
import { readSettings, writeSettings } from "../../src/app/settings";
import { setupWorkbook } from "../../src/app/setup";
import type { CellValue } from "../../src/domain/cells";
import { type FormKind, formDef, MINIMAL_HELP } from "../../src/domain/forms";
import { memoryEnv } from "../fakes/memory";
import { MemoryDocuments } from "../fakes/memory-documents";
import { MemoryForms } from "../fakes/memory-forms";

const NOW = new Date(2025, 8, 20, 12, 0);
type Env = ReturnType<typeof memoryEnv>;
type Answers = Record<string, CellValue>;

function formTable(kind: FormKind, rows: Answers[]): CellValue[][] {
  const qs = formDef(kind).questions;
  return [
    ["Отметка времени", ...qs.map((q) => q.title)],
    ...rows.map((r) => [r.ts ?? "", ...qs.map((q) => r[q.key] ?? "")]),
  ];
}

function school(minimal: boolean): Env {
  const env = memoryEnv(undefined, NOW);
  setupWorkbook(env);
  writeSettings(env.workbook, {
    orgFullName: "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»",
    orgShortName: "МБОУ СШ № 1",
    city: "г. Белоярский",
    directorName: "Петров Иван Сергеевич",
    curatorName: "Сидорова Елена Павловна",
    curatorEmail: "curator@school.ru",
    academicYearStart: "01.09.2025",
    minimalMode: minimal,
  });
  return env;
}

const MENTEES: Answers[] = [
  {
    ts: "01.09.2025 09:00:00",
    category: "Обучающийся",
    fullName: "Орлова Анна Сергеевна",
    email: "orlova@school.ru",
    phone: "+7 912 000-11-22",
    position: "8 «А»",
    birthDate: "12.03.2011",
    requests: "Учебная успеваемость",
    requestText: "Подтянуть алгебру",
    interests: "Рисую, хожу в театральную студию",
    guardianName: "Орлова Мария Ивановна",
    guardianConsent: "Да",
    consent: "Да",
  },
  {
    ts: "01.09.2025 09:05:00",
    category: "Молодой специалист",
    fullName: "Смирнов Олег Игоревич",
    email: "smirnov@school.ru",
    phone: "8 (922) 333-44-55",
    position: "учитель физики",
    subject: "Физика",
    experienceYears: "1",
    requests: "Адаптация в коллективе, Методика преподавания предмета",
    consent: "Да",
  },
  {
    ts: "01.09.2025 09:10:00",
    category: "Обучающийся",
    fullName: "Кузнецов Пётр Андреевич",
    email: "kuznetsov@school.ru",
    position: "9 «Б»",
    ageBand: "14–17 лет",
    requests: "Учебная успеваемость",
    consent: "Да",
  },
];

const MENTORS: Answers[] = [
  {
    ts: "02.09.2025 10:00:00",
    category: "Педагог",
    contour: "Внутренний",
    fullName: "Громов Сергей Павлович",
    email: "gromov@school.ru",
    phone: "+7 900 111-22-33",
    workplace: "МБОУ СШ № 1",
    position: "учитель математики",
    competences: "Учебная успеваемость, Адаптация в коллективе, Методика преподавания предмета",
    subjects: "Математика, Физика",
    lifeExperience: "20 лет в школе, двое детей",
    motivation: "Хочу помочь",
    hoursPerMonth: "6",
    capacity: "3",
    consent: "Да",
  },
  {
    ts: "02.09.2025 10:30:00",
    category: "Обучающийся",
    contour: "Внутренний",
    fullName: "Белова Ксения Олеговна",
    email: "belova@school.ru",
    workplace: "МБОУ СШ № 1",
    position: "11 «А»",
    competences: "Учебная успеваемость",
    subjects: "Математика",
    strengths: "Объясняю терпеливо",
    hoursPerMonth: "4",
    capacity: "2",
    preferredForms: "Ученик – ученик",
    consent: "Да",
  },
];

function intakeAll(env: Env) {
  const mentees = intakeResponses(env, "mentee", {
    name: "Ответы наставляемых",
    values: formTable("mentee", MENTEES),
  });
  const mentors = intakeResponses(env, "mentor", {
    name: "Ответы наставников",
    values: formTable("mentor", MENTORS),
  });
  return { mentees, mentors };
}

const records = <K extends "mentees" | "mentors" | "pairs">(env: Env, key: K) =>
  readRecords(env.workbook, key).rows.map((r) => r.record);

describe("«Минимальный режим персональных данных»: the forms", () => {
  it("a new form does not ask; an existing one keeps the item, not required, «Не заполняйте»", () => {
    const env = school(false);
    const forms = new MemoryForms();
    syncForms(env, forms, ["mentee", "mentor"]);
    const menteeId = readRecords(env.workbook, "forms").rows.find((r) => r.record.formKind === "mentee")
      ?.record.formId;
    const before = forms.forms.get(menteeId ?? "");
    expect(before?.questions.map((q) => q.key)).toEqual(
      expect.arrayContaining(["phone", "birthDate", "interests"]),
    );
    expect(before?.questions.map((q) => q.key)).not.toContain("ageBand");

    writeSettings(env.workbook, { minimalMode: true });
    const report = syncForms(env, forms, ["mentee", "mentor"]);
    const after = forms.forms.get(menteeId ?? "");
    // Same form (responses kept), the items stay, none is required, each says «Не заполняйте».
    expect(report.forms[0]).toMatchObject({ created: false });
    for (const key of ["phone", "birthDate", "interests"]) {
      const q = after?.questions.find((x) => x.key === key);
      expect(q, key).toMatchObject({ required: false, help: MINIMAL_HELP });
    }
    // The age band is asked instead of the date of birth; the guardian's consent is still asked.
    const band = after?.questions.find((q) => q.key === "ageBand");
    expect(band).toMatchObject({
      type: "choice",
      choices: ["младше 14 лет", "14–17 лет", "18 лет и старше"],
    });
    expect(after?.questions.map((q) => q.key)).toEqual(
      expect.arrayContaining(["guardianName", "guardianConsent"]),
    );
    const mentorForm = [...forms.forms.values()].find((f) => f.kind === "mentor");
    expect(mentorForm?.questions.find((q) => q.key === "lifeExperience")).toMatchObject({
      help: MINIMAL_HELP,
    });

    // Back to the full mode: the age band item the form now has is kept (never deleted).
    writeSettings(env.workbook, { minimalMode: false });
    syncForms(env, forms, ["mentee"]);
    const back = forms.forms.get(menteeId ?? "");
    expect(back?.questions.find((q) => q.key === "ageBand")).toBeDefined();
    expect(back?.questions.find((q) => q.key === "phone")).toMatchObject({ help: "" });

    // A school that starts in minimal mode: its new forms never ask for them at all.
    const fresh = school(true);
    const freshForms = new MemoryForms();
    syncForms(fresh, freshForms, ["mentee", "mentor"]);
    const keys = [...freshForms.forms.values()].flatMap((f) => f.questions.map((q) => q.key));
    for (const key of [
      "phone",
      "birthDate",
      "interests",
      "lifeExperience",
      "motivation",
      "expectations",
      "strengths",
    ])
      expect(keys, key).not.toContain(key);
    expect(keys).toContain("ageBand");
  });
});

describe("«Минимальный режим персональных данных»: intake", () => {
  it("does not store the phone, the date of birth (kept as the age band) and free text, and says so", () => {
    const env = school(true);
    const { mentees, mentors } = intakeAll(env);
    expect(mentees).toMatchObject({ created: 3, rejected: [] });
    expect(mentees.notStored).toEqual(["Телефон", "Дата рождения", "Ваши интересы и увлечения"]);
    expect(describeIntake(mentees).join("\n")).toContain(
      "Минимальный режим персональных данных: ответы в столбцах «Телефон», «Дата рождения», «Ваши интересы и увлечения» не сохранены в базе",
    );
    expect(mentors.notStored).toEqual([
      "Телефон",
      "Ваш жизненный и профессиональный опыт",
      "Почему вы хотите стать наставником",
      "Ваши сильные стороны",
    ]);
    const [anna, oleg, petr] = records(env, "mentees");
    expect(anna).toMatchObject({
      phone: "",
      birthDate: null,
      ageBand: "14–17 лет",
      interests: "",
      requestText: "Подтянуть алгебру",
      guardianName: "Орлова Мария Ивановна",
      status: "Новый",
    });
    expect(oleg).toMatchObject({ phone: "", birthDate: null, ageBand: "" });
    // A student with the band «14–17 лет» and no guardian: held without consent, as with a birth date.
    expect(petr?.status).toBe("Нет согласия");
    expect(petr?.reviewReasons).toContain("возраст «14–17 лет», нужно согласие родителя");
    expect(records(env, "mentors")[0]).toMatchObject({ phone: "", lifeExperience: "", motivation: "" });
    // The journal line says it too; a second intake of the same answers changes nothing.
    const journal = env.workbook.read("Журнал") ?? [];
    expect(journal.map((r) => String(r[4])).join("\n")).toContain("Минимальный режим персональных данных");
    const again = intakeAll(env);
    expect(again.mentees).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it("finds again, by name, a person without e-mail whose date of birth it did not keep", () => {
    const env = school(true);
    const rows = [
      {
        ts: "03.09.2025 09:00:00",
        category: "Обучающийся",
        fullName: "Зайцева Вера Ильинична",
        position: "6 «В»",
        birthDate: "01.02.2013",
        requests: "Учебная успеваемость",
        guardianName: "Зайцев Илья Петрович",
        guardianConsent: "Да",
        consent: "Да",
      },
    ];
    const first = intakeResponses(env, "mentee", { name: "Ответы", values: formTable("mentee", rows) });
    expect(first).toMatchObject({ created: 1 });
    expect(records(env, "mentees")[0]).toMatchObject({ birthDate: null, ageBand: "младше 14 лет" });
    const again = intakeResponses(env, "mentee", { name: "Ответы", values: formTable("mentee", rows) });
    expect(again).toMatchObject({ created: 0, unchanged: 1 });
    expect(records(env, "mentees")).toHaveLength(1);
  });

  it("in the full mode stores everything, with no such note", () => {
    const env = school(false);
    const { mentees } = intakeAll(env);
    expect(mentees.notStored).toEqual([]);
    expect(records(env, "mentees")[0]).toMatchObject({
      phone: "+7 912 000-11-22",
      interests: "Рисую, хожу в театральную студию",
    });
  });
});

describe("«Применить минимальный режим» on an existing workbook", () => {
  it("previews, then clears the phone, replaces the date of birth by the age band, clears free text; once", () => {
    const env = school(false);
    intakeAll(env);
    const preview = previewMinimalMode(env);
    expect(preview).toMatchObject({ minimalMode: false, ageBands: 1 });
    expect(preview.sheets).toEqual([
      {
        sheet: "Наставляемые",
        rows: 2,
        columns: [
          { header: "Дата рождения", cells: 1 },
          { header: "Телефон", cells: 2 },
          { header: "Интересы", cells: 1 },
        ],
      },
      {
        sheet: "Наставники",
        rows: 2,
        columns: [
          { header: "Телефон", cells: 1 },
          { header: "Жизненный опыт", cells: 1 },
          { header: "Мотивация", cells: 1 },
          { header: "Сильные стороны", cells: 1 },
        ],
      },
    ]);
    expect(preview.lines.join("\n")).toContain("«Дата рождения» — 1 (заменена возрастной группой)");
    // The preview wrote nothing.
    expect(records(env, "mentees")[0]?.phone).toBe("+7 912 000-11-22");

    const result = applyMinimalMode(env);
    expect(result).toMatchObject({ settingChanged: true, ageBands: 1 });
    expect(readSettings(env.workbook.read("Настройки")).values.minimalMode).toBe(true);
    const [anna, oleg] = records(env, "mentees");
    expect(anna).toMatchObject({ phone: "", birthDate: null, ageBand: "14–17 лет", interests: "" });
    expect(anna?.fullName).toBe("Орлова Анна Сергеевна");
    expect(oleg).toMatchObject({ phone: "", subject: "Физика" });
    expect(records(env, "mentors")[0]).toMatchObject({
      phone: "",
      lifeExperience: "",
      motivation: "",
      capacity: 3,
    });
    const journal = env.workbook.read("Журнал") ?? [];
    const last = journal.at(-1) ?? [];
    expect(last[1]).toBe("Применить минимальный режим");
    expect(String(last[4])).not.toMatch(/Орлов|Смирнов|Громов/);

    const snapshot = JSON.stringify([...env.workbook.sheets]);
    const again = applyMinimalMode(env);
    expect(again).toMatchObject({ cells: 0, settingChanged: false, sheets: [] });
    expect(JSON.stringify([...env.workbook.sheets])).toBe(snapshot);
  });

  it("refuses, in Russian, when the base has no «Возрастная группа» column to keep the band in", () => {
    const env = school(false);
    intakeAll(env);
    const values = env.workbook.read("Наставляемые") ?? [];
    const col = values[0]?.indexOf("Возрастная группа") ?? -1;
    env.workbook.load(
      "Наставляемые",
      values.map((r) => r.filter((_, i) => i !== col)),
    );
    expect(() => applyMinimalMode(env)).toThrow(/нет столбца «Возрастная группа».*Настроить книгу/);
    expect(records(env, "mentees")[0]?.phone).toBe("+7 912 000-11-22");
  });
});

describe("a minimal-mode school: intake → matching → documents → reminders", () => {
  it("works end to end without phones, dates of birth and free text", () => {
    const env = school(true);
    intakeAll(env);
    // The curator selects the mentor after the interview.
    const mentors = env.workbook.read("Наставники") ?? [];
    const statusCol = (mentors[0] ?? []).indexOf("Статус") + 1;
    env.workbook.write("Наставники", [
      { row: 2, col: statusCol, value: "Отобран" },
      { row: 3, col: statusCol, value: "Отобран" },
    ]);
    const view = proposePairs(env, {
      strategy: "optimal",
      scope: "unmatched",
      form: null,
      weights: null,
      locked: [],
      excluded: [],
    });
    // Олег and Анна get a mentor; Пётр is held: a minor by his age band without the guardian's consent.
    expect(view.proposals.map((p) => p.menteeId).sort()).toEqual(["НЯ-0001", "НЯ-0002"]);
    expect(view.unmatched.map((u) => u.menteeId)).toEqual(["НЯ-0003"]);
    const confirmed = confirmPairs(
      env,
      view.proposals.map((p) => ({
        menteeId: p.menteeId,
        mentorId: p.mentorId,
        score: p.score,
        reasons: p.reasons.join("; "),
        form: p.form,
        locked: false,
      })),
    );
    expect(confirmed.created).toHaveLength(2);
    const pairs = records(env, "pairs");
    expect(pairs.map((p) => p.menteeName).sort()).toEqual(["Орлова Анна Сергеевна", "Смирнов Олег Игоревич"]);

    const docs = new MemoryDocuments();
    const order = generateDocuments(env, docs, {
      kind: "pairs-order",
      ids: pairs.map((p) => p.groupId || p.id),
      date: null,
      newRevision: false,
      pdf: null,
    });
    expect(order.problems).toEqual([]);
    expect(order.documents).toHaveLength(1);
    const text = JSON.stringify(docs.docs.map((d) => docs.text(d)));
    expect(text).toContain("Громов");
    expect(text).toContain("Смирнов");

    // A month later the pairs have met nobody yet: the daily run reminds them and the curator.
    const later = { ...env, clock: { now: () => new Date(2025, 9, 27, 8, 0) } };
    const run = prepareReminderRun(later, 100, null);
    expect(run.emails.map((e) => e.to)).toEqual(
      expect.arrayContaining(["curator@school.ru", "gromov@school.ru"]),
    );
    // Nothing of what minimal mode does not keep got into any sheet or any email.
    const everything = JSON.stringify([...env.workbook.sheets]) + JSON.stringify(run.emails) + text;
    for (const trace of ["912 000", "922", "театральн", "двое детей", "терпеливо", "2011"])
      expect(everything, trace).not.toContain(trace);
  });
});
