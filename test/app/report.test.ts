// The year's report and the site text through the documents use case: one document per academic
// year, a new revision on request, crash-safe, registered in «Приказы», made from the monitoring
// figures of the fixture school (test/fixtures/monitoring-school.ts) with no personal data but the
// rewarded mentors' names.

import { describe, expect, it, vi } from "vitest";
import {
  documentCandidates,
  type GenerateRequest,
  generateDocuments,
  NEW_REVISION_HINT,
  REPORTS_FOLDER,
} from "../../src/app/documents";
import { insertRecords, readRecords } from "../../src/app/records";
import { readSettings, writeSettings } from "../../src/app/settings";
import { sheetDef } from "../../src/domain/schema";
import { MemoryDocuments } from "../fakes/memory-documents";
import { monitoringSchool } from "../fixtures/monitoring-school";

const d = (year: number, month: number, day: number) => ({ year, month, day });
const REPORT = "Отчёт о реализации программы наставничества за 2025/2026 учебный год";
const SITE = "Текст для сайта об итогах 2025/2026 учебного года";

function request(over: Partial<GenerateRequest> = {}): GenerateRequest {
  return { kind: "report", ids: [], date: "16.03.2026", newRevision: false, pdf: null, ...over };
}

/** The fixture school with the requisites, the curator in «Команда» and the year's best practices. */
function school() {
  const env = monitoringSchool();
  writeSettings(env.workbook, {
    city: "г. Новосибирск",
    directorName: "Петров Иван Сергеевич",
    curatorName: "Иванова Мария Петровна",
    curatorEmail: "ivanova@school7.ru",
    // One per line, as the curator types them with Alt+Enter.
    bestPractices: "Квест «Знакомство со школой» для пятиклассников\nКлуб молодого педагога «Старт»\n",
  });
  insertRecords(env, "team", [
    {
      fullName: "Иванова Мария Петровна",
      role: "Куратор",
      position: "заместитель директора по УВР",
      email: "ivanova@school7.ru",
    },
  ]);
  return env;
}

const text = (docs: MemoryDocuments, i = 0) => {
  const doc = docs.docs[i];
  if (!doc) throw new Error("no document");
  const t = docs.text(doc);
  return [...t.header, ...t.body, ...t.footer].join("\n").replace(/\u00a0/g, " ");
};

const register = (env: ReturnType<typeof school>) =>
  readRecords(env.workbook, "documents").rows.map((r) => r.record);

describe("the year's report", () => {
  it("is made once per academic year and registered; a new revision on request", () => {
    const env = school();
    const docs = new MemoryDocuments();
    const first = generateDocuments(env, docs, request());
    expect(first.problems).toEqual([]);
    expect(first.documents).toEqual([
      {
        id: "",
        title: REPORT,
        url: expect.any(String),
        number: "",
        pdfUrl: null,
        existing: false,
        revision: 1,
      },
    ]);
    expect(docs.docs.map((x) => [x.folder, x.name])).toEqual([[REPORTS_FOLDER, REPORT]]);
    expect(register(env)).toMatchObject([
      {
        docType: "Отчёт о реализации программы наставничества",
        number: "",
        date: d(2026, 3, 16),
        title: REPORT,
        link: first.documents[0]?.url,
        pairIds: "",
        revision: 1,
      },
    ]);
    expect(first.lines).toContain(`Создан документ «${REPORT}».`);
    // The order number is not taken by a report.
    expect(readSettings(env.workbook.read("Настройки")).values.orderNumberNext).toBe(1);

    // Again, another day of the same academic year: the registered one, nothing made.
    const again = generateDocuments(env, docs, request({ date: "31.05.2026" }));
    expect(again.documents).toEqual([{ ...first.documents[0], existing: true }]);
    expect(again.lines).toEqual([`«${REPORT}» уже создан — открыт имеющийся. ${NEW_REVISION_HINT}`]);
    expect(docs.calls.create).toBe(1);
    expect(register(env)).toHaveLength(1);
    expect(documentCandidates(env, "report").lines).toEqual([
      `«Отчёт о реализации программы наставничества» за 2025/2026 учебный год уже есть: ${REPORT}.`,
    ]);

    // A new revision when asked.
    const revision = generateDocuments(env, docs, request({ newRevision: true }));
    expect(revision.documents[0]).toMatchObject({
      title: `${REPORT} (редакция 2)`,
      existing: false,
      revision: 2,
    });
    expect(register(env).map((r) => [r.title, r.revision])).toEqual([
      [REPORT, 1],
      [`${REPORT} (редакция 2)`, 2],
    ]);
    // The site text is a document of its own kind.
    const site = generateDocuments(env, docs, request({ kind: "site-text" }));
    expect(site.documents[0]).toMatchObject({ title: SITE, existing: false });
    expect(register(env).map((r) => r.docType)).toEqual([
      "Отчёт о реализации программы наставничества",
      "Отчёт о реализации программы наставничества",
      "Текст для сайта об итогах года",
    ]);
    // Each action logged once to «Журнал».
    const journal = env.workbook.read(sheetDef("journal").name) ?? [];
    expect(
      journal.filter((row) => row.includes("Документы: Отчёт о реализации программы наставничества")),
    ).toHaveLength(2);
  });

  it("one per academic year reported: a late date keeps the year's report; the next year makes its own", () => {
    const env = school();
    const docs = new MemoryDocuments();
    const first = generateDocuments(env, docs, request());
    // September, the year not yet rolled forward in «Настройки»: still the 2025/2026 report.
    const late = generateDocuments(env, docs, request({ date: "15.09.2026" }));
    expect(late.documents).toEqual([{ ...first.documents[0], existing: true }]);
    // A new revision dated then is told its date is of another year than its figures.
    const revised = generateDocuments(env, docs, request({ date: "15.09.2026", newRevision: true }));
    expect(revised.documents[0]).toMatchObject({ title: `${REPORT} (редакция 2)`, revision: 2 });
    expect(revised.warnings).toContain(
      "Дата документа 15.09.2026 относится к 2026/2027 учебному году, а показатели — к 2025/2026 («Начало учебного года» в «Настройках»)",
    );
    // The year rolled forward: the 2026/2027 report is a new document.
    writeSettings(env.workbook, { academicYearStart: "01.09.2026" });
    env.setNow(new Date(2027, 4, 20, 10, 0));
    const next = generateDocuments(env, docs, request({ date: "20.05.2027" }));
    expect(next.documents[0]).toMatchObject({
      title: "Отчёт о реализации программы наставничества за 2026/2027 учебный год",
      existing: false,
      revision: 1,
    });
    expect(next.warnings.filter((w) => w.startsWith("Дата документа"))).toEqual([]);
    expect(docs.calls.create).toBe(3);
  });

  it("a crash after the document was made: the rerun registers it, nothing made twice", () => {
    const env = school();
    const docs = new MemoryDocuments();
    docs.crashAfterCreate = 1;
    expect(() => generateDocuments(env, docs, request())).toThrow("Exceeded maximum execution time");
    expect(register(env)).toEqual([]);
    const rerun = generateDocuments(env, docs, request());
    expect(rerun.problems).toEqual([]);
    expect(docs.docs).toHaveLength(1);
    expect(rerun.documents[0]?.url).toBe(docs.docs[0]?.url);
    expect(register(env)).toHaveLength(1);
    expect(rerun.lines).toContain("Документ был создан до сбоя — он найден в папке и зарегистрирован.");
  });

  it("holds the period, the indicators, the practices line by line, the rewarded mentor and the signatures", () => {
    const env = school();
    const docs = new MemoryDocuments();
    const result = generateDocuments(env, docs, request());
    const body = text(docs);
    expect(body).toContain("за 2025/2026 учебный год");
    expect(body).toContain("(сведения за период с 01.09.2025 по 16.03.2026)");
    expect(body).toContain("| Охват обучающихся, % | 57,1 | не менее 70 |");
    expect(body).toContain("| 1 | Квест «Знакомство со школой» для пятиклассников |");
    expect(body).toContain("| 2 | Клуб молодого педагога «Старт» |");
    expect(body).toContain("| 1 | Галкин Евгений Петрович |  | пар, завершивших программу: 1;");
    expect(body).toContain("| Директор | __________ | И. С. Петров |");
    expect(body).toContain("| Куратор программы наставничества | __________ | М. П. Иванова |");
    // The gaps are told to the curator, naming where to fill them.
    expect(result.warnings).toContain(
      "У наставника НР-0004 (Галкин Евгений Петрович) не указана должность (лист «Наставники»)",
    );
    expect(result.warnings.some((w) => w.includes("Лист «Обратная связь», строка 9"))).toBe(true);
  });

  it("names nobody but the rewarded mentors: no other name, email or phone of the workbook", () => {
    const env = school();
    // More people with contacts; one more mentor completes a pair this year and is rewarded.
    insertRecords(env, "mentors", [
      {
        fullName: "Юдина Яна Сергеевна",
        status: "Наставник",
        category: "Педагог",
        position: "учитель химии",
        email: "yudina@school7.ru",
        phone: "+7 913 555-12-34",
      },
      {
        fullName: "Щукин Эдуард Львович",
        status: "Наставник",
        category: "Педагог",
        email: "shchukin@mail.ru",
        phone: "8 (383) 222-33-44",
      },
    ]);
    insertRecords(env, "mentees", [
      {
        fullName: "Чернова Элина Олеговна",
        status: "Завершил программу",
        category: "Молодой специалист",
        email: "chernova@school7.ru",
        phone: "+7 923 111-22-33",
      },
      { fullName: "Фомин Давид Русланович", status: "В паре", category: "Обучающийся", email: "fomin@ya.ru" },
    ]);
    insertRecords(env, "pairs", [
      {
        status: "Завершена",
        mentorId: "НР-0007",
        menteeId: "НЯ-0014",
        form: "Учитель – учитель",
        startDate: d(2025, 9, 15),
        endDate: d(2026, 3, 1),
      },
      {
        status: "Работает",
        mentorId: "НР-0008",
        menteeId: "НЯ-0015",
        form: "Ученик – ученик",
        startDate: d(2025, 10, 1),
      },
    ]);
    const docs = new MemoryDocuments();
    expect(generateDocuments(env, docs, request()).problems).toEqual([]);
    expect(generateDocuments(env, docs, request({ kind: "site-text" })).problems).toEqual([]);
    const rewarded = ["Галкин Евгений Петрович", "Юдина Яна Сергеевна"];
    const people = [
      ...readRecords(env.workbook, "mentors").rows.map((r) => r.record),
      ...readRecords(env.workbook, "mentees").rows.map((r) => r.record),
    ];
    const contacts = people.flatMap((p) => [p.email, p.phone]).filter((c) => c !== "");
    expect(contacts).toHaveLength(7);
    const report = text(docs, 0);
    const site = text(docs, 1);
    expect(report).toContain("| 1 | Галкин Евгений Петрович |");
    expect(report).toContain("| 2 | Юдина Яна Сергеевна | учитель химии |");
    expect(site).toContain(
      "Благодарим за вклад в наставничество Галкина Евгения Петровича и Юдину Яну Сергеевну",
    );
    for (const doc of [report, site]) {
      for (const p of people) {
        const surname = p.fullName.split(" ")[0] ?? "";
        if (surname === "" || rewarded.includes(p.fullName)) continue;
        expect(doc, p.fullName).not.toContain(surname);
      }
      for (const c of contacts) expect(doc).not.toContain(c);
      expect(doc).not.toContain("ivanova@school7.ru");
      expect(doc).not.toMatch(/НР-\d|НЯ-\d|П-\d/);
    }
    // The declined names go to «Склонение ФИО», once each.
    expect(readRecords(env.workbook, "nameForms").rows.map((r) => r.record.fullName)).toEqual(rewarded);
  });

  it("reads each sheet once and writes in the same batches, whatever the number of people", () => {
    const calls = (extra: number) => {
      const env = school();
      insertRecords(
        env,
        "mentees",
        Array.from({ length: extra }, (_, i) => ({
          fullName: `Ученик ${i}`,
          status: "В паре",
          category: "Обучающийся",
        })),
      );
      insertRecords(
        env,
        "pairs",
        Array.from({ length: extra }, (_, i) => ({
          status: "Работает",
          mentorId: "НР-0003",
          menteeId: `НЯ-${String(14 + i).padStart(4, "0")}`,
          form: "Ученик – ученик",
          startDate: d(2025, 10, 1),
        })),
      );
      const docs = new MemoryDocuments();
      const read = vi.spyOn(env.workbook, "read");
      const writes = env.workbook.writes;
      const result = generateDocuments(env, docs, request());
      expect(result.problems).toEqual([]);
      const bySheet = new Map<string, number>();
      for (const [sheet] of read.mock.calls) bySheet.set(sheet, (bySheet.get(sheet) ?? 0) + 1);
      return {
        reads: Object.fromEntries(bySheet),
        writes: env.workbook.writes - writes,
        docs: { ...docs.calls },
      };
    };
    const small = calls(0);
    const big = calls(300);
    expect(big).toEqual(small);
    expect(big.docs).toEqual({ ensureTemplates: 1, scan: 1, existing: 1, create: 1 });
    // The sheets the figures come from are read once.
    for (const key of ["mentees", "mentors", "pairs", "meetings", "roadmap", "feedback"] as const)
      expect(big.reads[sheetDef(key).name]).toBe(1);
  });
});
