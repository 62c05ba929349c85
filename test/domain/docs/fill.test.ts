import { describe, expect, it } from "vitest";
import {
  buildFill,
  checkTemplate,
  type DocContext,
  type DocSettings,
  declinedNames,
  type MenteeRef,
  type MentorRef,
  meetingPlan,
  type PairRef,
  postDative,
  programTexts,
  scanModel,
  scanTableRow,
} from "../../../src/domain/docs/fill";
import type { DocModel, Paragraph, TemplateScan } from "../../../src/domain/docs/model";
import { nameOverrides } from "../../../src/domain/docs/names";
import { defaultTemplate } from "../../../src/domain/docs/templates";
import { SETTINGS } from "../../../src/domain/schema";
import { renderBlocks } from "../../fakes/memory-documents";

const d = (year: number, month: number, day: number) => ({ year, month, day });

function settings(over: Partial<DocSettings> = {}): DocSettings {
  const base = Object.fromEntries(SETTINGS.map((s) => [s.key, s.value])) as DocSettings;
  return {
    ...base,
    orgFullName:
      "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»",
    orgShortName: "МБОУ СОШ № 1",
    city: "г. Белоярский",
    directorName: "Петров Иван Сергеевич",
    directorPost: "Директор",
    curatorName: "Иванова Мария Петровна",
    orderNumberPrefix: "01-05/",
    ...over,
  };
}

const mentor = (id: string, fullName: string, position: string, row: number): MentorRef => ({
  id,
  fullName,
  position,
  row,
  format: "Очно",
  forms: ["Учитель – учитель"],
});

const mentee = (
  id: string,
  fullName: string,
  position: string,
  row: number,
  requests: string[] = [],
): MenteeRef => ({
  id,
  fullName,
  position,
  row,
  requests,
  requestText: "",
  category: "Молодой специалист",
  format: "",
});

function pair(over: Partial<PairRef> = {}): PairRef {
  return {
    id: "П-0001",
    pairIds: ["П-0001"],
    row: 2,
    mentor: mentor("НР-0001", "Коваленко Ольга Викторовна", "учитель математики", 2),
    mentees: [mentee("НЯ-0001", "Смирнов Алексей Игоревич", "учитель физики", 2, ["Адаптация в коллективе"])],
    form: "Учитель – учитель",
    kind: "",
    start: d(2025, 9, 15),
    end: d(2026, 5, 31),
    meetings: [],
    meetingsHeld: 0,
    programLink: "",
    orderNo: "",
    ...over,
  };
}

const group = pair({
  id: "Г-НР-0002",
  pairIds: ["П-0002", "П-0003"],
  row: 3,
  mentor: mentor("НР-0002", "Бондарчук Сергей Ильич", "", 5),
  mentees: [
    mentee("НЯ-0002", "Орлова Анна", "7 «А»", 3, ["Учебная успеваемость"]),
    mentee("НЯ-0003", "Кузнецов Пётр", "", 4, ["Трудности в общении"]),
  ],
  form: "Ученик – ученик",
  end: null,
});

function ctx(over: Partial<DocContext> = {}): DocContext {
  return {
    settings: settings(),
    order: { number: "01-05/12", date: d(2025, 9, 1) },
    date: d(2025, 9, 1),
    academicYearStart: 2025,
    team: [
      { fullName: "Иванова Мария Петровна", role: "Куратор", position: "заместитель директора по УВР" },
      { fullName: "Сидорова Елена Павловна", role: "Рабочая группа", position: "педагог-психолог" },
    ],
    pairs: [pair(), group],
    mentors: [],
    overrides: nameOverrides([]),
    ...over,
  };
}

const para = (text: string): Paragraph => ({ type: "p", runs: [{ text }] });

function model(body: DocModel["body"], footer: Paragraph[] = []): DocModel {
  return {
    header: [],
    body,
    footer,
    font: { family: "Times New Roman", size: 14 },
    margins: { top: 20, right: 15, bottom: 20, left: 30 },
  };
}

const row = (...texts: string[]) => ({ cells: texts.map((t) => ({ paragraphs: [para(t)] })) });

describe("scanning a template", () => {
  it("finds fields in body, tables, header and footer, and the repeating rows", () => {
    const m = model(
      [
        para("Приказ № {{ Номер приказа }} от {{Дата приказа}}"),
        {
          type: "table",
          borders: true,
          widths: [1, 1],
          rows: [row("№", "ФИО"), row("{{Пары.№}}", "{{Пары.Наставник|дат}} ({{Город}})")],
        },
      ],
      [para("{{Организация кратко}}")],
    );
    m.header = [para("{{Организация кратко}}")];
    expect(scanModel(m)).toEqual({
      fields: [
        { name: "Организация кратко", where: "header" },
        { name: "Номер приказа", where: "body" },
        { name: "Дата приказа", where: "body" },
        { name: "Город", where: "body" },
        { name: "Организация кратко", where: "footer" },
      ],
      rows: [{ collection: "Пары", fields: ["№", "Наставник|дат"] }],
    });
  });

  it("keeps a second collection of a row apart, to be reported", () => {
    expect(scanTableRow(["{{Пары.№}}".slice(2, -2), "Совет.ФИО", "Пары.Срок", "Дата"])).toEqual({
      row: { collection: "Пары", fields: ["№", "Срок"], others: ["Совет"] },
      plain: ["Дата"],
    });
  });
});

describe("checking a template", () => {
  const base = scanModel(defaultTemplate("pairs-order"));
  const withField = (name: string, where: "body" | "header" | "footer" = "body"): TemplateScan => ({
    ...base,
    fields: [...base.fields, { name, where }],
  });

  it("names an unknown placeholder and suggests the field meant", () => {
    const problems = checkTemplate("pairs-order", withField("Куратр"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      "В шаблоне «Приказ о закреплении наставнических пар (групп)» неизвестное поле {{Куратр}}",
    );
    expect(problems[0]).toContain("возможно, имелось в виду {{Куратор}}");
    const withCase = checkTemplate("pairs-order", withField("Куратр|дат", "footer"));
    expect(withCase[0]).toContain("{{Куратр|дат}} (в нижнем колонтитуле)");
    expect(withCase[0]).toContain("{{Куратор|дат}}");
    const far = checkTemplate("curator-order", { fields: [{ name: "Погода", where: "header" }], rows: [] });
    expect(far[0]).toContain(
      "неизвестное поле {{Погода}} (в верхнем колонтитуле): такого поля нет. Доступные поля:",
    );
    expect(far[0]).toContain("{{Организация}}");
  });

  it("accepts a field spelt in another case of letters or with ё as е", () => {
    expect(checkTemplate("pairs-order", withField("куратор|ДАТ"))).toEqual([]);
    expect(checkTemplate("pairs-order", withField("Учебный год"))).toEqual([]);
  });

  it("allows a case only on names and only a known case", () => {
    expect(checkTemplate("pairs-order", withField("Город|вин"))[0]).toContain(
      "поле {{Город|вин}}: падеж указывают только у ФИО",
    );
    expect(checkTemplate("pairs-order", withField("Директор|звательный"))[0]).toContain(
      "неизвестный падеж «звательный». Допустимы: им, род, дат, вин, твор, пред",
    );
    expect(checkTemplate("pairs-order", withField("Директор|дательный"))).toEqual([]);
  });

  it("reports a required collection without its repeating row", () => {
    const problems = checkTemplate("pairs-order", { fields: base.fields, rows: [] });
    expect(problems).toEqual([
      "В шаблоне «Приказ о закреплении наставнических пар (групп)» нет строки таблицы с полями {{Пары.…}} — без неё некуда вписать пары. " +
        "Добавьте в таблицу строку с полями {{Пары.№}}, {{Пары.Наставник}}, {{Пары.Должность наставника}}, {{Пары.Наставляемый}}.",
    ]);
    expect(checkTemplate("program", { fields: [], rows: [] })[0]).toContain("некуда вписать встречи плана");
  });

  it("reports collection fields outside a row, unknown collections and fields, two collections in a row", () => {
    expect(checkTemplate("pairs-order", withField("Пары.Наставник"))[0]).toContain(
      "поле {{Пары.Наставник}} стоит вне строки таблицы",
    );
    expect(
      checkTemplate("curator-order", { fields: [{ name: "Пары.ФИО", where: "body" }], rows: [] })[0],
    ).toContain("в этом документе нет повторяющихся строк");
    const unknownRow = checkTemplate("pairs-order", {
      ...base,
      rows: [...base.rows, { collection: "Парры", fields: ["№"] }],
    });
    expect(unknownRow).toEqual([
      "В шаблоне «Приказ о закреплении наставнических пар (групп)» строка таблицы с полями {{Парры.…}}: неизвестная коллекция «Парры»; возможно, имелось в виду «Пары».",
    ]);
    const badField = checkTemplate("pairs-order", {
      ...base,
      rows: [{ collection: "Пары", fields: ["№", "Наставнк"] }],
    });
    expect(badField[0]).toContain(
      "неизвестное поле {{Пары.Наставнк}}: возможно, имелось в виду {{Пары.Наставник}}",
    );
    const mixed = checkTemplate("mentors-order", {
      fields: [],
      rows: [{ collection: "Наставники", fields: ["ФИО"], others: ["Совет"] }],
    });
    expect(mixed[0]).toContain(
      "в одной строке таблицы поля разных коллекций: {{Наставники.…}} и {{Совет.…}}",
    );
  });
});

describe("filling an order", () => {
  it("fills exactly the scanned placeholders, declines names, copies the row per pair (a group is one line)", () => {
    const tpl = defaultTemplate("pairs-order");
    const scan = scanModel(tpl);
    const { fill, missing, blocking } = buildFill("pairs-order", scan, ctx());
    expect(Object.keys(fill.fields).sort()).toEqual([...new Set(scan.fields.map((f) => f.name))].sort());
    expect(fill.fields["Куратор|дат"]).toBe("Ивановой Марии Петровне");
    expect(fill.fields["Куратор|вин"]).toBe("Иванову Марию Петровну");
    expect(fill.fields["Дата приказа"]).toBe("«01» сентября 2025 г.");
    expect(fill.fields["Дата приказа кратко"]).toBe("01.09.2025");
    expect(fill.fields["Номер приказа"]).toBe("01-05/12");
    expect(fill.fields["Директор подпись"]).toBe("И.\u00a0С.\u00a0Петров");
    expect(fill.fields["Учебный год"]).toBe("2025/2026");
    expect(fill.fields["Число пар"]).toBe("2");
    expect(fill.collections.Пары).toEqual([
      {
        "№": "1",
        Наставник: "Коваленко Ольга Викторовна",
        "Должность наставника": "учитель математики",
        Наставляемый: "Смирнов Алексей Игоревич",
        "Должность наставляемого": "учитель физики",
        Форма: "Учитель – учитель",
        Срок: "с 15.09.2025 по 31.05.2026",
      },
      {
        "№": "2",
        Наставник: "Бондарчук Сергей Ильич",
        "Должность наставника": "",
        Наставляемый: "Орлова Анна, Кузнецов Пётр",
        "Должность наставляемого": "7 «А»",
        Форма: "Ученик – ученик",
        Срок: "с 15.09.2025 по 31.05.2026",
      },
    ]);
    expect(blocking).toEqual([]);
    expect(missing).toEqual([
      "У наставника НР-0002 (Бондарчук Сергей Ильич) не указана должность (лист «Наставники», строка 5)",
      "У наставляемого НЯ-0003 (Кузнецов Пётр) не указаны должность или класс (лист «Наставляемые», строка 4)",
      "У пары Г-НР-0002 не указана дата окончания (лист «Пары и группы», строка 3) — в документе конец учебного года 31.05.2026",
    ]);
    const body = renderBlocks(tpl.body, fill).join("\n");
    expect(body).not.toMatch(/\{\{|\}\}/);
    expect(body).toContain("2. Куратору программы наставничества Ивановой Марии Петровне:");
    expect(body).toContain(
      "| 2 | Бондарчук Сергей Ильич /  | Орлова Анна, Кузнецов Пётр / 7 «А» | Ученик – ученик | с 15.09.2025 по 31.05.2026 |",
    );
    expect(renderBlocks(tpl.footer, fill)).toEqual(["МБОУ СОШ № 1 · приказ от 01.09.2025 № 01-05/12"]);
  });

  it("lists who signs the pairs order: each mentor once, the mentees who are not pupils", () => {
    const scan = scanModel(defaultTemplate("pairs-order"));
    expect(scan.rows.find((r) => r.collection === "Ознакомлены")?.fields).toEqual(["ФИО"]);
    const pupils = pair({
      ...group,
      mentees: group.mentees.map((m) => ({ ...m, category: "Обучающийся" })),
    });
    // Коваленко leads two pairs: she signs once; Смирнов and Жук (adults) sign; the pupils do not.
    const second = pair({
      id: "П-0004",
      mentees: [{ ...mentee("НЯ-0004", "Жук Игорь Павлович", "учитель истории", 5), category: "Педагог" }],
    });
    const { fill } = buildFill("pairs-order", scan, ctx({ pairs: [pair(), pupils, second] }));
    expect(fill.collections.Ознакомлены).toEqual([
      { ФИО: "Коваленко Ольга Викторовна" },
      { ФИО: "Смирнов Алексей Игоревич" },
      { ФИО: "Бондарчук Сергей Ильич" },
      { ФИО: "Жук Игорь Павлович" },
    ]);
    const items = buildFill(
      "pairs-order",
      { fields: [], rows: [{ collection: "Ознакомлены", fields: ["№", "ФИО|дат", "Роль", "Должность"] }] },
      ctx({ pairs: [pair()] }),
    ).fill.collections.Ознакомлены;
    expect(items).toEqual([
      {
        "№": "1",
        "ФИО|дат": "Коваленко Ольге Викторовне",
        Роль: "наставник",
        Должность: "учитель математики",
      },
      {
        "№": "2",
        "ФИО|дат": "Смирнову Алексею Игоревичу",
        Роль: "наставляемый",
        Должность: "учитель физики",
      },
    ]);
    const body = renderBlocks(defaultTemplate("pairs-order").body, fill);
    expect(body).toContain("| Коваленко Ольга Викторовна | __________ | __________ |");
    expect(body).toContain("| Иванова Мария Петровна | __________ | __________ |");
  });

  it("reports empty settings an order needs as blocking, naming them as in «Настройки»", () => {
    const scan = scanModel(defaultTemplate("pairs-order"));
    const result = buildFill(
      "pairs-order",
      scan,
      ctx({ settings: settings({ directorName: "", city: " " }) }),
    );
    expect(result.blocking).toEqual([
      "В «Настройках» не заполнено «Населённый пункт»",
      "В «Настройках» не заполнено «Руководитель (ФИО)»",
    ]);
    expect(result.fill.fields["Директор подпись"]).toBe("");
    // A programme has the same gap only as a warning.
    const program = buildFill(
      "program",
      scanModel(defaultTemplate("program")),
      ctx({ settings: settings({ directorName: "" }) }),
    );
    expect(program.blocking).toEqual([]);
    expect(program.missing).toContain("В «Настройках» не заполнено «Руководитель (ФИО)»");
  });

  it("asks for nothing the template does not use", () => {
    const scan: TemplateScan = {
      fields: [{ name: "Организация", where: "body" }],
      rows: [{ collection: "Пары", fields: ["№", "Наставник|род"] }],
    };
    const result = buildFill("pairs-order", scan, ctx({ settings: settings({ directorName: "" }) }));
    expect(result.missing).toEqual([]);
    expect(result.fill).toEqual({
      fields: { Организация: settings().orgFullName },
      collections: {
        Пары: [
          { "№": "1", "Наставник|род": "Коваленко Ольги Викторовны" },
          { "№": "2", "Наставник|род": "Бондарчука Сергея Ильича" },
        ],
      },
    });
  });

  it("uses the curator's forms and finds the curator's position in «Команда»", () => {
    const overrides = nameOverrides([
      {
        fullName: "Иванова Мария Петровна",
        gender: "ж",
        genitive: "",
        dative: "Ивановой М. П.",
        accusative: "",
        instrumental: "",
        prepositional: "",
      },
    ]);
    const scan = scanModel(defaultTemplate("curator-order"));
    const { fill } = buildFill("curator-order", scan, ctx({ overrides, pairs: [] }));
    expect(fill.fields["Куратор|дат"]).toBe("Ивановой М. П.");
    expect(fill.fields["Куратор|вин"]).toBe("Иванову Марию Петровну");
    expect(fill.fields["Должность куратора"]).toBe("заместитель директора по УВР");
    const noTeam = buildFill("curator-order", scan, ctx({ team: [], pairs: [] }));
    expect(noTeam.missing).toContain(
      "В листе «Команда» не указана должность куратора Иванова Мария Петровна (добавьте строку с ролью «Куратор» и должностью)",
    );
  });

  it("fills the mentors and the council of the mentors order", () => {
    const scan = scanModel(defaultTemplate("mentors-order"));
    const m1 = {
      mentor: mentor("НР-0001", "Коваленко Ольга Викторовна", "учитель математики", 2),
      pairs: [pair()],
    };
    const m2 = { mentor: mentor("НР-0005", "Жук Игорь Павлович", "", 6), pairs: [] };
    const { fill, missing } = buildFill("mentors-order", scan, ctx({ mentors: [m1, m2] }));
    expect(fill.fields["Число наставников"]).toBe("2");
    expect(fill.collections.Наставники).toEqual([
      {
        "№": "1",
        ФИО: "Коваленко Ольга Викторовна",
        Должность: "учитель математики",
        Форма: "Учитель – учитель",
      },
      { "№": "2", ФИО: "Жук Игорь Павлович", Должность: "", Форма: "Учитель – учитель" },
    ]);
    expect(fill.collections.Совет).toEqual([
      {
        "№": "1",
        ФИО: "Иванова Мария Петровна",
        Должность: "заместитель директора по УВР",
        Роль: "председатель",
      },
      { "№": "2", ФИО: "Сидорова Елена Павловна", Должность: "педагог-психолог", Роль: "член совета" },
    ]);
    expect(missing).toEqual([
      "У наставника НР-0005 (Жук Игорь Павлович) не указана должность (лист «Наставники», строка 6)",
    ]);
  });

  it("fills the completed pairs and the mentors to reward", () => {
    const scan = scanModel(defaultTemplate("completion-order"));
    const p1 = pair({ meetingsHeld: 12 });
    const p2 = pair({
      id: "П-0009",
      pairIds: ["П-0009"],
      mentees: [mentee("НЯ-0009", "Лебедева Ирина", "учитель химии", 9)],
      meetingsHeld: 8,
    });
    const { fill } = buildFill("completion-order", scan, ctx({ pairs: [p1, p2, group] }));
    expect(fill.collections.Поощрить).toEqual([
      {
        "№": "1",
        ФИО: "Коваленко Ольга Викторовна",
        Должность: "учитель математики",
        Пар: "2",
        Встреч: "20",
      },
      { "№": "2", ФИО: "Бондарчук Сергей Ильич", Должность: "", Пар: "2", Встреч: "0" },
    ]);
    expect(fill.collections.Пары).toHaveLength(3);
  });
});

describe("filling a programme and a consent", () => {
  it("plans the meetings from the settings when «Встречи» has none, and uses them when it has", () => {
    const scan = scanModel(defaultTemplate("program"));
    const c = ctx({ order: null, pairs: [pair({ start: d(2025, 9, 15), end: d(2025, 11, 10) })] });
    const { fill } = buildFill("program", scan, c);
    const plan = fill.collections.План ?? [];
    expect(plan.map((m) => m.Дата)).toEqual([
      "15.09.2025",
      "29.09.2025",
      "13.10.2025",
      "27.10.2025",
      "10.11.2025",
    ]);
    expect(plan[0]?.Тема).toBe("Знакомство: цели и ожидания, план работы пары");
    expect(plan[1]?.Тема).toBe("Адаптация в коллективе");
    expect(plan[2]?.Тема).toBe("Промежуточные итоги, корректировка плана");
    expect(plan[4]?.Тема).toBe("Подведение итогов, рефлексия, дальнейшие шаги");
    expect(plan.every((m) => m.Формат === "Очно")).toBe(true);
    const withMeetings = pair({
      meetings: [
        { date: d(2025, 10, 2), topic: "Разбор урока", format: "Дистанционно" },
        { date: d(2025, 9, 20), topic: "", format: "" },
      ],
    });
    expect(meetingPlan(withMeetings, c)).toEqual([
      { no: 1, date: d(2025, 9, 20), topic: "Встреча по плану", format: "Очно" },
      { no: 2, date: d(2025, 10, 2), topic: "Разбор урока", format: "Дистанционно" },
    ]);
  });

  it("fills the participants, term and texts made from the requests; the whole document has no placeholder left", () => {
    const tpl = defaultTemplate("program");
    const { fill } = buildFill("program", scanModel(tpl), ctx({ order: null, pairs: [pair()] }));
    expect(fill.fields.Наставник).toBe("Коваленко Ольга Викторовна");
    expect(fill.fields.Наставляемый).toBe("Смирнов Алексей Игоревич");
    expect(fill.fields.Срок).toBe("с 15.09.2025 по 31.05.2026");
    expect(fill.fields.Запросы).toBe("Адаптация в коллективе");
    expect(fill.fields.Цели).toBe(
      "Профессиональное становление и развитие наставляемого, повышение профессиональной компетентности и закрепление в профессии: " +
        "успешная адаптация в коллективе и в образовательной организации.",
    );
    expect(fill.fields.Задачи).toMatch(
      /^1\) провести входную диагностику.*; 2\) познакомить с традициями.*; 3\) подвести итоги.*\.$/,
    );
    expect(fill.fields["Ожидаемые результаты"]).toContain(
      "1) наставляемый уверенно ориентируется в организации",
    );
    const all = [
      ...renderBlocks(tpl.header, fill),
      ...renderBlocks(tpl.body, fill),
      ...renderBlocks(tpl.footer, fill),
    ].join("\n");
    expect(all).not.toMatch(/\{\{|\}\}/);
    expect(all).toContain("Персонализированная программа наставничества П-0001 · 2025/2026 учебный год");
  });

  it("gives each mentee of a group a signature line, and spells the format of meetings one way", () => {
    const tpl = defaultTemplate("program");
    const lower = pair({
      ...group,
      mentees: group.mentees.map((m) => ({ ...m, format: "очно" })),
      meetings: [{ date: d(2025, 9, 20), topic: "Знакомство", format: "дистанционно" }],
    });
    const { fill } = buildFill("program", scanModel(tpl), ctx({ order: null, pairs: [lower] }));
    expect(fill.collections.Наставляемые).toEqual([{ ФИО: "Орлова Анна" }, { ФИО: "Кузнецов Пётр" }]);
    expect(fill.fields["Формат встреч"]).toBe("Очно");
    expect(fill.collections.План?.map((m) => m.Формат)).toEqual(["Дистанционно"]);
    const body = renderBlocks(tpl.body, fill);
    expect(body).toContain("| Наставляемый | __________ | Орлова Анна |");
    expect(body).toContain("| Наставляемый | __________ | Кузнецов Пётр |");
    expect(body).toContain("| Наставник | __________ | Бондарчук Сергей Ильич |");
    expect(body.join("\n")).not.toMatch(/\{\{|\}\}/);
  });

  it("writes goals for a group of students and for a request in the mentee's own words", () => {
    const texts = programTexts(group);
    expect(texts.goals).toMatch(/^Раскрытие потенциала наставляемых/);
    expect(texts.goals).toContain("повышение учебной успеваемости; развитие коммуникативных навыков");
    // Results speak of each mentee of the group.
    expect(texts.results).toBe(
      "1) успеваемость наставляемых повысилась; 2) каждый наставляемый увереннее общается со сверстниками и взрослыми; " +
        "3) каждый наставляемый удовлетворён участием в программе (по итоговой анкете обратной связи); " +
        "4) достигнутые результаты отражены в итоговом отчёте группы.",
    );
    expect(programTexts(pair()).results).toMatch(
      /; 3\) достигнутые результаты отражены в итоговом отчёте пары\.$/,
    );
    const own = programTexts(
      pair({
        mentees: [{ ...mentee("НЯ-1", "Ли Ан", "10 «Б»", 2), requestText: "Хочу научиться выступать" }],
        form: "Работодатель – ученик",
      }),
    );
    expect(own.requests).toBe("Хочу научиться выступать");
    expect(own.goals).toBe(
      "Профессиональное самоопределение наставляемого и подготовка к осознанному выбору профессии и трудоустройству.",
    );
    expect(own.tasks).toContain("проработать запрос наставляемого: «Хочу научиться выступать»");
    const spelt = programTexts(
      pair({ mentees: [mentee("НЯ-1", "Ли Ан", "", 2, ["работа с одаренными детьми"])] }),
    );
    expect(spelt.goals).toContain("развитие работы с одарёнными и мотивированными обучающимися");
    const unknown = programTexts(pair({ mentees: [mentee("НЯ-1", "Ли Ан", "", 2, ["Шахматы"])] }));
    expect(unknown.goals).toContain("развитие по запросу наставляемого: «Шахматы»");
  });

  it("fills the consent: mentees, term over all pairs, content from the requests, declined names", () => {
    const tpl = defaultTemplate("consent");
    const entry = {
      mentor: group.mentor,
      pairs: [group, pair({ id: "П-0007", pairIds: ["П-0007"], start: d(2025, 10, 1), end: d(2026, 4, 30) })],
    };
    const { fill } = buildFill("consent", scanModel(tpl), ctx({ order: null, pairs: [], mentors: [entry] }));
    expect(fill.fields["Наставник|род"]).toBe("Бондарчука Сергея Ильича");
    expect(fill.fields["Директор|дат"]).toBe("Петрову Ивану Сергеевичу");
    expect(fill.fields.Наставляемые).toBe("Орлова Анна, Кузнецов Пётр, Смирнов Алексей Игоревич");
    expect(fill.fields["Число наставляемых"]).toBe("3");
    expect(fill.fields.Срок).toBe("с 15.09.2025 по 31.05.2026");
    expect(fill.fields.Форма).toBe("Ученик – ученик, Учитель – учитель");
    // Requests in the middle of a sentence, with a small letter.
    expect(fill.fields.Содержание).toContain(
      "по их запросам: учебная успеваемость; трудности в общении; адаптация в коллективе",
    );
    expect(renderBlocks(tpl.body, fill).join("\n")).not.toMatch(/\{\{/);
  });

  it("addresses the director in the dative", () => {
    expect(postDative("Директор")).toBe("Директору");
    expect(postDative("директор колледжа")).toBe("директору колледжа");
    expect(postDative("Заведующая")).toBe("Заведующей");
    expect(postDative("Исполняющий обязанности директора")).toBe("Исполняющему обязанности директора");
    expect(postDative("Президент")).toBe("Президент");
    const { fill } = buildFill(
      "consent",
      scanModel(defaultTemplate("consent")),
      ctx({ order: null, mentors: [{ mentor: group.mentor, pairs: [group] }] }),
    );
    expect(fill.fields["Должность директора кому"]).toBe("Директору");
  });

  it("lists the names a document declines, for «Склонение ФИО»", () => {
    const scan = scanModel(defaultTemplate("pairs-order"));
    expect(declinedNames("pairs-order", scan, ctx())).toEqual(["Иванова Мария Петровна"]);
    const cased: TemplateScan = {
      fields: [{ name: "Директор|род", where: "body" }],
      rows: [{ collection: "Пары", fields: ["Наставник|дат", "Наставляемый|дат"] }],
    };
    expect(declinedNames("pairs-order", cased, ctx())).toEqual([
      "Петров Иван Сергеевич",
      "Коваленко Ольга Викторовна",
      "Смирнов Алексей Игоревич",
      "Бондарчук Сергей Ильич",
      "Орлова Анна",
      "Кузнецов Пётр",
    ]);
  });
});
