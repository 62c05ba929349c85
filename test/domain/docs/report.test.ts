// The year's report and the site text: their values from the monitoring figures of the fixture
// school (test/fixtures/monitoring-school.ts, 16 March 2026), the choice of the rewarded mentors,
// and that no personal data gets in beyond the names of the rewarded.

import { describe, expect, it } from "vitest";
import { readRecords } from "../../../src/app/records";
import {
  buildFill,
  checkTemplate,
  type DocContext,
  type DocSettings,
  declinedNames,
  scanModel,
} from "../../../src/domain/docs/fill";
import type { DocKind, TemplateScan } from "../../../src/domain/docs/model";
import { nameOverrides } from "../../../src/domain/docs/names";
import {
  parsePractices,
  type ReportFacts,
  reportConclusions,
  reportForms,
  reportIndicators,
  reportPeriod,
  reportPlans,
  rewardedMentors,
  siteTexts,
  yearFigures,
} from "../../../src/domain/docs/report";
import { defaultTemplate } from "../../../src/domain/docs/templates";
import { computeIndicators, type Indicator } from "../../../src/domain/monitoring/indicators";
import { type MentorRank, rankMentors } from "../../../src/domain/monitoring/ranking";
import { SETTINGS } from "../../../src/domain/schema";
import { renderBlocks } from "../../fakes/memory-documents";
import { monitoringSchool, schoolInput, TODAY } from "../../fixtures/monitoring-school";

const d = (year: number, month: number, day: number) => ({ year, month, day });
const NB = (s: string) => s.replace(/\u00a0/g, " ");

const school = monitoringSchool();
const input = schoolInput(school);
const indicators = computeIndicators(input, TODAY);
const ranking = rankMentors(input, TODAY);
const positions: Record<string, string> = {
  "НР-0001": "учитель начальных классов",
  "НР-0004": "инженер АО «Сибприбор»",
};
const rewarded = rewardedMentors({
  ranking,
  pairs: input.pairs,
  academicYear: 2025,
  positionOf: (id) => positions[id] ?? "",
});
const PRACTICES = ["Квест «Знакомство со школой» для пятиклассников", "Клуб молодого педагога «Старт»"];

function settings(over: Partial<DocSettings> = {}): DocSettings {
  const base = Object.fromEntries(SETTINGS.map((s) => [s.key, s.value])) as DocSettings;
  return {
    ...base,
    orgFullName: "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 7»",
    orgShortName: "МБОУ СОШ № 7",
    city: "г. Новосибирск",
    directorName: "Петров Иван Сергеевич",
    curatorName: "Иванова Мария Петровна",
    academicYearStart: "01.09.2025",
    ...over,
  };
}

function ctx(facts: Partial<ReportFacts> = {}, over: Partial<DocContext> = {}): DocContext {
  return {
    settings: settings(),
    order: null,
    date: d(2026, 3, 16),
    academicYearStart: 2025,
    team: [{ fullName: "Иванова Мария Петровна", role: "Куратор", position: "заместитель директора" }],
    pairs: [],
    mentors: [],
    overrides: nameOverrides([]),
    report: { indicators, rewarded, practices: PRACTICES, ...facts },
    ...over,
  };
}

/** The filled default template as text lines (rows as «| a | b |»). */
function filled(kind: DocKind, c: DocContext = ctx()) {
  const model = defaultTemplate(kind);
  const scan = scanModel(model);
  const built = buildFill(kind, scan, c);
  const lines = [
    ...renderBlocks(model.header, built.fill),
    ...renderBlocks(model.body, built.fill),
    ...renderBlocks(model.footer, built.fill),
  ].map(NB);
  return { ...built, lines, text: lines.join("\n"), scan };
}

describe("the default templates of the report and the site text", () => {
  it.each(["report", "site-text"] as const)("%s passes checkTemplate and needs nothing unknown", (kind) => {
    const scan = scanModel(defaultTemplate(kind));
    expect(checkTemplate(kind, scan)).toEqual([]);
    expect(buildFill(kind, scan, ctx()).blocking).toEqual([]);
  });

  it("the report has the indicator table, the forms, practices, rewarded, conclusions, tasks and signatures", () => {
    const scan = scanModel(defaultTemplate("report"));
    expect(scan.rows.map((r) => r.collection)).toEqual([
      "Показатели",
      "Формы",
      "Практики",
      "Поощрены",
      "Выводы",
      "Задачи",
    ]);
    const names = scan.fields.map((f) => f.name);
    for (const f of ["Период", "Учебный год", "Директор подпись", "Куратор подпись", "Дата"])
      expect(names).toContain(f);
  });

  it("a template without the indicators row is refused, naming it", () => {
    const scan: TemplateScan = { fields: [{ name: "Организация", where: "body" }], rows: [] };
    expect(checkTemplate("report", scan)).toEqual([
      expect.stringContaining(
        "нет строки таблицы с полями {{Показатели.…}} — без неё некуда вписать показатели мониторинга",
      ),
    ]);
  });
});

describe("the report's values", () => {
  it("the indicator table: section on its first row, values with answers, targets, forms apart", () => {
    const lines = reportIndicators(indicators);
    expect(lines[0]).toEqual({
      section: "Наставляемые",
      code: "mentees.total",
      label: "Наставляемых в базе, чел.",
      value: "13",
      target: "",
    });
    expect(lines[1]?.section).toBe("");
    // Each section is named once, in the order of the indicators.
    expect(lines.map((l) => l.section).filter((s) => s !== "")).toEqual([
      "Наставляемые",
      "Наставники",
      "Охват",
      "Пары и группы",
      "Ожидают пары",
      "Встречи",
      "Дорожная карта",
      "Удовлетворённость",
    ]);
    const by = (code: string) => lines.find((l) => l.code === code);
    expect(by("coverage.students_pct")).toMatchObject({
      label: "Охват обучающихся, %",
      value: "57,1",
      target: "не менее 70",
    });
    expect(by("satisfaction.mentors.entry")?.value).toBe("6,67 (анкет: 2)");
    expect(by("satisfaction.mentees.final")?.value).toBe("9,33 (анкет: 1)");
    expect(by("satisfaction.mentees.change")?.value).toBe("+3,33");
    expect(by("meetings.held_per_pair")?.value).toBe("2,5");
    // Forms go to their own table; answer counts into the values; empty breakdowns left out.
    expect(lines.some((l) => l.code.includes(".by_form."))).toBe(false);
    expect(lines.some((l) => l.code.includes(".answers."))).toBe(false);
    expect(by("meetings.unmarked")).toBeUndefined();
    expect(by("pairs.by_status.otklonena")).toBeUndefined();
    expect(by("pairs.by_status.rastorgnuta")?.value).toBe("1");
  });

  it("a value that cannot be computed reads «нет данных»", () => {
    const none: Indicator = {
      section: "Удовлетворённость",
      code: "satisfaction.mentees.change",
      label: "Изменение",
      value: null,
      unit: "балл",
      target: null,
      note: "",
    };
    expect(reportIndicators([none])[0]?.value).toBe("нет данных");
  });

  it("the forms: pairs, mentors, mentees and the mentees' score of each form", () => {
    expect(reportForms(indicators)).toEqual([
      {
        form: "Учитель – учитель",
        pairs: 1,
        mentors: 1,
        mentees: 1,
        menteeScore: "5,56",
        mentorScore: "7,83",
      },
      {
        form: "Руководитель – педагог",
        pairs: 1,
        mentors: 1,
        mentees: 1,
        menteeScore: "—",
        mentorScore: "4,5",
      },
      { form: "Ученик – ученик", pairs: 2, mentors: 1, mentees: 2, menteeScore: "7,78", mentorScore: "—" },
      {
        form: "Работодатель – ученик",
        pairs: 2,
        mentors: 1,
        mentees: 2,
        menteeScore: "7,11",
        mentorScore: "7,5",
      },
    ]);
  });

  it("conclusions and tasks say what the figures say", () => {
    const f = yearFigures(indicators);
    const conclusions = reportConclusions(f, 2025, 30).map(NB);
    expect(conclusions[0]).toBe(
      "В 2025/2026 учебном году в программе наставничества участвовали: наставников — 4, наставляемых — 6; " +
        "работали наставнических пар — 6 (в том числе групп: 1) в 4 формах наставничества.",
    );
    expect(conclusions).toContain(
      "Охват обучающихся наставничеством составил 57,1 % при целевом значении 70 %: целевой показатель не достигнут (ниже на 12,9 п. п.).",
    );
    expect(conclusions).toContain(
      "Охват всех наставляемых — 60 % (в паре или группе 6 из 10); ожидают подбора наставника: 4 чел.",
    );
    expect(conclusions).toContain(
      "Проведено встреч наставников с наставляемыми: 14, в среднем 2,5 на пару; пар без встреч 30 дн. и дольше: 3.",
    );
    expect(conclusions).toContain(
      "По анкетам обратной связи удовлетворённость наставляемых выросла с 6 до 9,33 балла из 10; " +
        "удовлетворённость наставников выросла с 6,67 до 9 баллов из 10.",
    );
    expect(conclusions).toContain("Дорожная карта выполнена на 50 % (3 из 6 мероприятий, просрочено: 1).");
    expect(conclusions).toContain("Наставляемых, желающих стать наставниками: 2 (20 %).");

    const tasks = reportPlans(f, 2, 30).map(NB);
    expect(tasks).toEqual([
      "Довести охват обучающихся наставничеством до 70 % и выше.",
      "Подобрать наставников наставляемым, ожидающим пары (4 чел.).",
      "Возобновить регулярные встречи в парах, где их не было 30 дн. и дольше (3).",
      "Выполнить просроченные мероприятия дорожной карты (1).",
      "Включить в базу наставников наставляемых, желающих стать наставниками (2 чел.), и организовать их обучение.",
      "Обобщить лучшие практики года и пополнить ими методическую копилку наставничества.",
      "Продолжить реализацию программы наставничества, сформировать наставнические пары (группы) на новый учебный год.",
    ]);
  });

  it("a target reached is said so and sets no task; no feedback is said plainly", () => {
    const reached = indicators
      .filter((i) => !i.code.startsWith("satisfaction."))
      .map((i) => (i.code === "coverage.students_pct" ? { ...i, value: 75 } : i));
    const f = yearFigures(reached);
    const conclusions = reportConclusions(f, 2025, 30).map(NB);
    expect(conclusions).toContain(
      "Охват обучающихся наставничеством составил 75 % при целевом значении 70 %: целевой показатель достигнут.",
    );
    expect(conclusions).toContain(
      "Анкетирование участников для оценки удовлетворённости программой в этом году не проводилось.",
    );
    const tasks = reportPlans(f, 0, 30);
    expect(tasks.some((t) => t.includes("охват"))).toBe(false);
    expect(tasks).toContain("Провести круглый стол по выявлению лучших практик наставничества.");
  });

  it("the whole report: period, figures, practices and the rewarded mentor with why", () => {
    const { text, lines, missing } = filled("report");
    expect(text).toContain("за 2025/2026 учебный год");
    expect(text).toContain("(сведения за период с 01.09.2025 по 16.03.2026)");
    expect(lines).toContain("| Охват | Наставляемых в программе этого года, чел. | 10 |  |");
    expect(lines).toContain("|  | Охват обучающихся, % | 57,1 | не менее 70 |");
    expect(lines).toContain("| 1 | Учитель – учитель | 1 | 1 | 1 | 5,56 |");
    expect(lines).toContain("| 2 | Клуб молодого педагога «Старт» |");
    expect(lines).toContain(
      "| 1 | Галкин Евгений Петрович | инженер АО «Сибприбор» | пар, завершивших программу: 1; проведено встреч: 4; " +
        "оценка наставляемых: 7,11 из 10; 1-е место в рейтинге наставников |",
    );
    expect(lines).toContain("| 1. Довести охват обучающихся наставничеством до 70 % и выше. |");
    expect(lines).toContain("| Куратор программы наставничества | __________ | М. П. Иванова |");
    expect(lines).toContain("| «16» марта 2026 г. |  |  |");
    expect(missing).toEqual([]);
  });

  it("no personal data but the rewarded mentors': no other name of the school is in the report or the site text", () => {
    const people = [
      ...readRecords(school.workbook, "mentors").rows,
      ...readRecords(school.workbook, "mentees").rows,
    ]
      .map((r) => r.record.fullName)
      .filter((n) => n !== "");
    expect(people.length).toBeGreaterThan(15);
    const named = rewarded.map((r) => r.fullName);
    expect(named).toEqual(["Галкин Евгений Петрович"]);
    for (const kind of ["report", "site-text"] as const) {
      const { text } = filled(kind);
      for (const name of people) {
        const surname = name.split(" ")[0] as string;
        if (named.includes(name)) expect(text).toContain(surname);
        else expect(text, `${kind}: ${name}`).not.toContain(surname);
      }
      // Only the director and the curator sign, by their initials.
      expect(text).not.toContain("Петров Иван Сергеевич");
      expect(text).not.toMatch(/@|\+7|НР-\d|НЯ-\d|П-\d/);
    }
  });

  it("nothing to name and no practices: placeholders for the official, warnings for the curator", () => {
    const { lines, missing, blocking } = filled("report", ctx({ rewarded: [], practices: [] }));
    expect(blocking).toEqual([]);
    expect(lines).toContain("| — | сведения не представлены |");
    expect(lines).toContain("| — | не определены |  | наставники к поощрению не определены |");
    expect(missing).toEqual([
      "В «Настройках» не заполнено «Лучшие практики года (для отчёта)» — в документе практик нет; впишите их, каждую с новой строки",
      "Некого назвать среди поощрённых наставников: нет пар, завершивших программу в этом году, и наставников с баллами рейтинга",
    ]);
  });

  it("without the monitoring figures the document is blocked", () => {
    const { blocking } = filled("report", ctx({}, { report: undefined }));
    expect(blocking).toEqual(["Нет показателей мониторинга для документа"]);
  });
});

describe("who is named as rewarded", () => {
  const rank = (over: Partial<MentorRank>): MentorRank => ({
    place: 1,
    mentorId: "НР-0001",
    name: "Абрамова Вера Николаевна",
    meetingsHeld: 3,
    menteeScore: null,
    menteeAnswers: 0,
    completedPairs: 0,
    activePairs: 1,
    score: 5,
    formula: "",
    ...over,
  });

  it("the mentors of pairs completed this year, in ranking order — not those of last year", () => {
    // НР-0001 completed П-0007 in May 2025 (last year); НР-0004 completed П-0006 this year.
    expect(rewarded.map((r) => r.id)).toEqual(["НР-0004"]);
    expect(rewarded[0]?.position).toBe("инженер АО «Сибприбор»");
  });

  it("no pair completed yet: the first three places of the ranking with a score", () => {
    const list = rewardedMentors({
      ranking: [
        rank({ place: 1, mentorId: "A", name: "Первый Иван Иванович", score: 20 }),
        rank({ place: 2, mentorId: "B", name: "Вторая Анна Петровна", score: 12, menteeScore: 8.5 }),
        rank({ place: 2, mentorId: "C", name: "Третий Олег Ильич", score: 12 }),
        rank({ place: 4, mentorId: "D", name: "Четвёртый Пётр Ильич", score: 9 }),
        rank({ place: 5, mentorId: "E", name: "Пятый Лев Львович", score: 0 }),
      ],
      pairs: [{ mentorId: "A", status: "Работает", endDate: null }],
      academicYear: 2025,
      positionOf: () => "",
    });
    expect(list.map((r) => r.id)).toEqual(["A", "B", "C"]);
    expect(list[1]?.basis).toBe(
      "проведено встреч: 3; оценка наставляемых: 8,5 из 10; 2-е место в рейтинге наставников",
    );
  });

  it("a mentor who withdrew consent is not in the ranking, so never named", () => {
    expect(ranking.some((r) => r.mentorId === "НР-0005")).toBe(false);
    expect(rewarded.some((r) => r.id === "НР-0005")).toBe(false);
  });
});

describe("inputs", () => {
  it("best practices: one per line, list marks dropped; a single line is split at «;»", () => {
    expect(parsePractices("1. Квест «Знакомство»\r\n\n- Клуб «Старт»;\n• Профпробы.")).toEqual([
      "Квест «Знакомство»",
      "Клуб «Старт»",
      "Профпробы",
    ]);
    expect(parsePractices("Квест; Клуб")).toEqual(["Квест", "Клуб"]);
    expect(parsePractices("")).toEqual([]);
    expect(parsePractices(undefined)).toEqual([]);
  });

  it("the period: from the start of the year to the date, at most 31 August", () => {
    expect(reportPeriod("01.09.2025", 2025, d(2026, 3, 16))).toEqual({
      start: d(2025, 9, 1),
      end: d(2026, 3, 16),
    });
    expect(reportPeriod("02.09.2025", 2025, d(2026, 5, 31)).start).toEqual(d(2025, 9, 2));
    // A start date of another year, or none: 1 September of the year.
    expect(reportPeriod("", 2025, d(2026, 5, 31)).start).toEqual(d(2025, 9, 1));
    expect(reportPeriod("01.09.2024", 2025, d(2026, 5, 31)).start).toEqual(d(2025, 9, 1));
    expect(reportPeriod("", 2025, d(2026, 10, 1)).end).toEqual(d(2026, 8, 31));
  });
});

describe("the site text", () => {
  it("five paragraphs under a title, in correct Russian, thanking the rewarded in the accusative", () => {
    const { lines, missing } = filled("site-text");
    expect(missing).toEqual([]);
    expect(lines[0]).toBe("Черновик новости для сайта МБОУ СОШ № 7: проверьте, дополните и опубликуйте");
    const body = lines.slice(1, -1);
    expect(body[0]).toBe("Итоги программы наставничества 2025/2026 учебного года");
    expect(body).toHaveLength(7);
    expect(body[1]).toContain("В 2025/2026 учебном году в МБОУ СОШ № 7 работала программа наставничества.");
    expect(body[1]).toContain("В программе участвовали 4 наставника и 6 наставляемых.");
    expect(body[2]).toBe(
      "За год работали 6 наставнических пар, в формах «Учитель – учитель» (1), «Руководитель – педагог» (1), " +
        "«Ученик – ученик» (2), «Работодатель – ученик» (2). Наставники и наставляемые провели 14 встреч. " +
        "Охват обучающихся наставничеством составил 57,1 % при целевом показателе 70 %.",
    );
    expect(body[3]).toBe(
      "По анкетам обратной связи удовлетворённость наставляемых выросла с 6 до 9,33 балла из 10, а " +
        "удовлетворённость наставников выросла с 6,67 до 9 баллов из 10. Стать наставниками в будущем захотели 2 наставляемых.",
    );
    expect(body[4]).toBe(
      "Лучшими практиками года стали: квест «Знакомство со школой» для пятиклассников; клуб молодого педагога «Старт». " +
        "Благодарим за вклад в наставничество Галкина Евгения Петровича, а также всех наставников программы.",
    );
    expect(body[5]).toContain("В 2026/2027 учебном году программа наставничества продолжится.");
    expect(body[6]).toBe("16.03.2026");
  });

  it("agrees numbers and words; a college speaks of students; nobody to thank thanks everyone", () => {
    const one = indicators.map((i) =>
      i.code === "mentors.in_pairs" || i.code === "coverage.covered" || i.code === "pairs.of_year"
        ? { ...i, value: 1 }
        : i.code === "mentees.want_to_mentor"
          ? { ...i, value: 1 }
          : i,
    );
    const texts = siteTexts(
      yearFigures(one),
      { indicators: one, rewarded: [], practices: [] },
      2025,
      { shortName: "", type: "Колледж (техникум)" },
      nameOverrides([]),
    );
    expect(texts.about).toContain("в нашем колледже");
    expect(texts.about).toContain("В программе участвовали 1 наставник и 1 наставляемый.");
    expect(texts.results).toMatch(/^За год работала 1 наставническая пара/);
    expect(texts.results).toContain("Охват студентов наставничеством");
    expect(texts.feedback).toContain("Стать наставниками в будущем захотел 1 наставляемый.");
    expect(texts.thanks).toBe("Благодарим всех наставников за их труд, время и внимание к наставляемым.");
    expect(texts.invitation).toContain(
      "преподавателей, студентов, выпускников, работодателей и партнёров колледжа",
    );
  });

  it("the names it declines go to «Склонение ФИО»; the report's only when asked in a case", () => {
    const site = scanModel(defaultTemplate("site-text"));
    expect(declinedNames("site-text", site, ctx())).toEqual(["Галкин Евгений Петрович"]);
    const report = scanModel(defaultTemplate("report"));
    expect(declinedNames("report", report, ctx())).toEqual([]);
    const cased: TemplateScan = {
      ...report,
      rows: report.rows.map((r) => (r.collection === "Поощрены" ? { ...r, fields: ["ФИО|дат"] } : r)),
    };
    expect(declinedNames("report", cased, ctx())).toEqual(["Галкин Евгений Петрович"]);
  });
});
