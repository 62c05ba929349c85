import { describe, expect, it } from "vitest";
import {
  checkGenerateRequest,
  continueDocumentsJob,
  documentCandidates,
  documentsState,
  type GenerateRequest,
  generateDocuments,
  NEW_REVISION_HINT,
  ORDERS_FOLDER,
  PROGRAMS_FOLDER,
} from "../../src/app/documents";
import { insertRecords, readRecords } from "../../src/app/records";
import { readSettings, writeSettings } from "../../src/app/settings";
import { setupWorkbook } from "../../src/app/setup";
import { DOC_KINDS, type DocModel } from "../../src/domain/docs/model";
import { memoryEnv } from "../fakes/memory";
import { MemoryDocuments } from "../fakes/memory-documents";

const d = (year: number, month: number, day: number) => ({ year, month, day });

/** A set-up book: 4 mentors, 6 mentees, pairs in every state a document cares about. */
function school(extraPairs = 0) {
  const env = memoryEnv();
  setupWorkbook(env);
  writeSettings(env.workbook, {
    orgFullName:
      "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»",
    orgShortName: "МБОУ СОШ № 1",
    city: "г. Белоярский",
    directorName: "Петров Иван Сергеевич",
    curatorName: "Иванова Мария Петровна",
    curatorEmail: "ivanova@school.ru",
    orderNumberPrefix: "01-05/",
    orderNumberNext: 12,
    academicYearStart: "01.09.2025",
  });
  insertRecords(env, "team", [
    { fullName: "Иванова Мария Петровна", role: "Куратор", position: "заместитель директора по УВР" },
    { fullName: "Сидорова Елена Павловна", role: "Рабочая группа", position: "педагог-психолог" },
  ]);
  insertRecords(env, "mentors", [
    {
      status: "Наставник",
      category: "Педагог",
      fullName: "Коваленко Ольга Викторовна",
      position: "учитель математики",
      consent: true,
      preferredForms: ["Учитель – учитель"],
    },
    {
      status: "Наставник",
      category: "Педагог",
      fullName: "Бондарчук Сергей Ильич",
      position: "",
      consent: true,
    },
    {
      status: "Наставник",
      category: "Педагог",
      fullName: "Жук Игорь Павлович",
      position: "учитель истории",
      consent: true,
    },
    {
      status: "Обучен",
      category: "Педагог",
      fullName: "Лебедева Ирина Олеговна",
      position: "учитель химии",
      consent: true,
    },
    {
      status: "Кандидат",
      category: "Педагог",
      fullName: "Орлов Пётр Ильич",
      position: "учитель ИЗО",
      consent: true,
    },
  ]);
  const mentees = [
    {
      fullName: "Смирнов Алексей Игоревич",
      position: "учитель физики",
      requests: ["Адаптация в коллективе"],
    },
    { fullName: "Орлова Анна", position: "7 «А»", requests: ["Учебная успеваемость"] },
    { fullName: "Кузнецов Пётр", position: "7 «А»", requests: ["Трудности в общении"] },
    {
      fullName: "Васильева Дарья Андреевна",
      position: "учитель биологии",
      requests: ["Работа с родителями"],
    },
    { fullName: "Морозов Кирилл Сергеевич", position: "учитель ОБЖ", requests: [] },
    { fullName: "Егорова Полина Денисовна", position: "учитель музыки", requests: [] },
  ];
  for (let i = 0; i < extraPairs; i++)
    mentees.push({
      fullName: `Новиков Иван ${["Петрович", "Олегович", "Андреевич", "Ильич"][i % 4]}`,
      position: "учитель",
      requests: [],
    });
  insertRecords(
    env,
    "mentees",
    mentees.map((m) => ({ status: "В паре", category: "Педагог", consent: true, ...m })),
  );
  const base = { form: "Учитель – учитель", startDate: d(2025, 9, 15), endDate: d(2026, 5, 31) };
  insertRecords(env, "pairs", [
    {
      ...base,
      status: "Утверждена",
      mentorId: "НР-0001",
      mentorName: "Коваленко Ольга Викторовна",
      menteeId: "НЯ-0001",
      menteeName: "Смирнов Алексей Игоревич",
    },
    {
      ...base,
      status: "Утверждена",
      groupId: "Г-НР-0002",
      form: "Ученик – ученик",
      mentorId: "НР-0002",
      mentorName: "Бондарчук Сергей Ильич",
      menteeId: "НЯ-0002",
      menteeName: "Орлова Анна",
    },
    {
      ...base,
      status: "Работает",
      groupId: "Г-НР-0002",
      form: "Ученик – ученик",
      mentorId: "НР-0002",
      mentorName: "Бондарчук Сергей Ильич",
      menteeId: "НЯ-0003",
      menteeName: "Кузнецов Пётр",
    },
    {
      ...base,
      status: "Работает",
      mentorId: "НР-0003",
      mentorName: "Жук Игорь Павлович",
      menteeId: "НЯ-0004",
      menteeName: "Васильева Дарья Андреевна",
      orderNo: "01-05/3",
      orderDate: d(2025, 9, 10),
    },
    {
      ...base,
      status: "Предложена",
      mentorId: "НР-0004",
      mentorName: "Лебедева Ирина Олеговна",
      menteeId: "НЯ-0005",
      menteeName: "Морозов Кирилл Сергеевич",
    },
    {
      ...base,
      status: "Завершена",
      mentorId: "НР-0004",
      mentorName: "Лебедева Ирина Олеговна",
      menteeId: "НЯ-0006",
      menteeName: "Егорова Полина Денисовна",
      meetingsHeld: 9,
    },
    ...Array.from({ length: extraPairs }, (_, i) => ({
      ...base,
      status: "Утверждена",
      mentorId: "НР-0003",
      mentorName: "Жук Игорь Павлович",
      menteeId: `НЯ-${String(7 + i).padStart(4, "0")}`,
      menteeName: `Новиков Иван ${["Петрович", "Олегович", "Андреевич", "Ильич"][i % 4]}`,
    })),
  ]);
  insertRecords(env, "meetings", [
    { pairId: "П-0001", date: d(2025, 9, 16), topic: "Знакомство", status: "Проведена", format: "Очно" },
    { pairId: "П-0001", date: d(2025, 10, 1), topic: "Отменённая встреча", status: "Отменена" },
    {
      pairId: "П-0001",
      date: d(2025, 10, 14),
      topic: "Разбор урока",
      status: "Запланирована",
      format: "Очно",
    },
  ]);
  return env;
}

const request = (over: Partial<GenerateRequest>): GenerateRequest => ({
  kind: "pairs-order",
  ids: [],
  date: null,
  newRevision: false,
  pdf: null,
  ...over,
});

const registerRows = (env: ReturnType<typeof memoryEnv>) =>
  readRecords(env.workbook, "documents").rows.map((r) => r.record);
const pairsById = (env: ReturnType<typeof memoryEnv>) =>
  new Map(readRecords(env.workbook, "pairs").rows.map((r) => [r.record.id, r.record]));
const nextNumber = (env: ReturnType<typeof memoryEnv>) =>
  readSettings(env.workbook.read("Настройки")).values.orderNumberNext;

describe("candidates", () => {
  it("pairs order: approved and working pairs, a group as one line, those without an order preselected", () => {
    const env = school();
    const { candidates, lines } = documentCandidates(env, "pairs-order");
    expect(candidates.map((c) => [c.id, c.label, c.preselected, c.inDocument])).toEqual([
      ["П-0001", "Коваленко О. В. — Смирнов А. И.", true, null],
      ["Г-НР-0002", "Бондарчук С. И. — Орлова А., Кузнецов П.", true, null],
      ["П-0004", "Жук И. П. — Васильева Д. А.", false, "№ 01-05/3 от 10.09.2025"],
    ]);
    expect(candidates[1]?.detail).toBe("группа Г-НР-0002: П-0002, П-0003 · Утверждена · Ученик – ученик");
    expect(lines).toEqual(["Всего пар (групп): 3; отмечены ещё без документа: 2."]);
  });

  it("completion order, programme, mentors order, consent, curator order", () => {
    const env = school();
    expect(documentCandidates(env, "completion-order").candidates.map((c) => c.id)).toEqual(["П-0006"]);
    expect(documentCandidates(env, "program").candidates.map((c) => [c.id, c.preselected])).toEqual([
      ["П-0001", true],
      ["Г-НР-0002", true],
      ["П-0004", true],
    ]);
    expect(documentCandidates(env, "mentors-order").candidates.map((c) => c.id)).toEqual([
      "НР-0001",
      "НР-0002",
      "НР-0003",
      "НР-0004",
    ]);
    const consent = documentCandidates(env, "consent").candidates;
    expect(consent.map((c) => [c.id, c.detail])).toEqual([
      ["НР-0001", "НР-0001 · наставляемых: 1"],
      ["НР-0002", "НР-0002 · наставляемых: 2"],
      ["НР-0003", "НР-0003 · наставляемых: 1"],
    ]);
    const curator = documentCandidates(env, "curator-order");
    expect(curator.candidates).toEqual([]);
    expect(curator.lines).toEqual(["Приказ о назначении куратора: Иванова Мария Петровна."]);
  });
});

describe("an order", () => {
  it("creates the templates, the order, registers it, marks the pairs, takes the number once", () => {
    const env = school();
    const docs = new MemoryDocuments();
    const result = generateDocuments(env, docs, request({ ids: ["П-0001", "Г-НР-0002"] }));
    expect(result.problems).toEqual([]);
    const title = "Приказ № 01-05/12 от 01.09.2025 — О закреплении наставнических пар (групп)";
    expect(result.documents).toEqual([
      {
        id: "",
        title,
        url: "https://docs.example/doc-9",
        number: "01-05/12",
        pdfUrl: null,
        existing: false,
        revision: 1,
      },
    ]);
    expect(docs.docs.map((x) => [x.folder, x.name])).toEqual([[ORDERS_FOLDER, title]]);
    // Templates were made and recorded in «Настройки».
    const settings = readSettings(env.workbook.read("Настройки")).values;
    expect(settings.templatePairsOrder).toBe("https://docs.example/tpl-1");
    expect(settings.templateConsent).toBe("https://docs.example/tpl-6");
    expect(result.lines[0]).toContain(`Созданы шаблоны по умолчанию (${DOC_KINDS.length})`);
    // The register.
    expect(registerRows(env)).toMatchObject([
      {
        id: "ДОК-0001",
        docType: "Приказ о закреплении наставнических пар (групп)",
        number: "01-05/12",
        date: d(2025, 9, 1),
        title,
        link: "https://docs.example/doc-9",
        pairIds: "П-0001, П-0002, П-0003",
        revision: 1,
      },
    ]);
    const pairs = pairsById(env);
    for (const id of ["П-0001", "П-0002", "П-0003"]) {
      expect(pairs.get(id)?.orderNo).toBe("01-05/12");
      expect(pairs.get(id)?.orderDate).toEqual(d(2025, 9, 1));
    }
    expect(pairs.get("П-0004")?.orderNo).toBe("01-05/3");
    expect(nextNumber(env)).toBe(13);
    // The document itself.
    const doc = docs.docs[0];
    if (!doc) throw new Error("no doc");
    const text = docs.text(doc);
    const body = text.body.join("\n");
    expect(body).not.toMatch(/\{\{|\}\}/);
    expect(body).toContain("| «01» сентября 2025 г. | № 01-05/12 |");
    expect(body).toContain("2. Куратору программы наставничества Ивановой Марии Петровне:");
    expect(body).toContain(
      "| 1 | Коваленко Ольга Викторовна / учитель математики | Смирнов Алексей Игоревич / учитель физики | Учитель – учитель | с 15.09.2025 по 31.05.2026 |",
    );
    expect(body).toContain(
      "| 2 | Бондарчук Сергей Ильич /  | Орлова Анна, Кузнецов Пётр / 7 «А» | Ученик – ученик | с 15.09.2025 по 31.05.2026 |",
    );
    expect(text.footer).toEqual(["МБОУ СОШ № 1 · приказ от 01.09.2025 № 01-05/12"]);
    // The declined name is offered to the curator in «Склонение ФИО».
    expect(
      readRecords(env.workbook, "nameForms").rows.map((r) => [
        r.record.fullName,
        r.record.gender,
        r.record.dative,
      ]),
    ).toEqual([["Иванова Мария Петровна", "ж", "Ивановой Марии Петровне"]]);
    // A missing position is a warning naming the row, not a blocker.
    expect(result.warnings).toEqual([
      "У наставника НР-0002 (Бондарчук Сергей Ильич) не указана должность (лист «Наставники», строка 3)",
    ]);
    const journal = env.workbook.read("Журнал") ?? [];
    expect(journal.at(-1)?.slice(1, 4)).toEqual([
      "Документы: Приказ о закреплении наставнических пар (групп)",
      "kurator@school.ru",
      "с предупреждениями",
    ]);
  });

  it("is idempotent: the same pairs again give the registered order; a new revision gets a new number", () => {
    const env = school();
    const docs = new MemoryDocuments();
    generateDocuments(env, docs, request({ ids: ["П-0001", "Г-НР-0002"] }));
    const again = generateDocuments(env, docs, request({ ids: ["Г-НР-0002", "П-0001"] }));
    expect(again.documents).toMatchObject([{ existing: true, number: "01-05/12", revision: 1 }]);
    expect(again.warnings).toEqual([]);
    expect(again.lines[0]).toContain("уже создан");
    expect(again.lines[0]).toContain(NEW_REVISION_HINT);
    expect(NEW_REVISION_HINT).toContain("«Создать новую редакцию»");
    expect(NEW_REVISION_HINT).toContain("--revision");
    expect(docs.calls.create).toBe(1);
    expect(nextNumber(env)).toBe(13);
    expect(registerRows(env)).toHaveLength(1);

    const revision = generateDocuments(
      env,
      docs,
      request({ ids: ["П-0001", "Г-НР-0002"], newRevision: true }),
    );
    expect(revision.documents).toMatchObject([
      {
        existing: false,
        number: "01-05/13",
        revision: 2,
        title: "Приказ № 01-05/13 от 01.09.2025 — О закреплении наставнических пар (групп) (редакция 2)",
      },
    ]);
    expect(nextNumber(env)).toBe(14);
    expect(registerRows(env).map((r) => [r.number, r.revision])).toEqual([
      ["01-05/12", 1],
      ["01-05/13", 2],
    ]);
    expect(pairsById(env).get("П-0002")?.orderNo).toBe("01-05/13");
    expect(revision.warnings.filter((w) => w.includes("уже была закреплена"))).toEqual([]);
    // A pair moved from another order into a new one: the curator is told its number changes.
    const moved = generateDocuments(env, docs, request({ ids: ["П-0004"] }));
    expect(moved.warnings).toContain(
      "Пара П-0004 уже была закреплена приказом № 01-05/3 — в «Пары и группы» будет записан номер нового приказа",
    );
    expect(pairsById(env).get("П-0004")?.orderNo).toBe("01-05/14");
    // Templates are not made twice, and the name forms row not added twice.
    expect(docs.calls.create).toBe(3);
    expect(docs.templates.size).toBe(DOC_KINDS.length);
    expect(readRecords(env.workbook, "nameForms").rows).toHaveLength(1);
    // The pairs are now in an order: no longer preselected.
    expect(documentCandidates(env, "pairs-order").candidates.filter((c) => c.preselected)).toEqual([]);
  });

  it("a crash after the document was made is recovered without a second document or number", () => {
    const env = school();
    const docs = new MemoryDocuments();
    docs.crashAfterCreate = 1;
    expect(() => generateDocuments(env, docs, request({ ids: ["П-0001"], date: "2025-09-03" }))).toThrow(
      "Exceeded maximum execution time",
    );
    expect(registerRows(env)).toHaveLength(0);
    expect(nextNumber(env)).toBe(12);
    // Next day, without a date: the pending order keeps its number and date.
    env.clock.now = () => new Date(2025, 8, 4, 9, 0);
    const retry = generateDocuments(env, docs, request({ ids: ["П-0001"] }));
    expect(retry.problems).toEqual([]);
    expect(docs.docs).toHaveLength(1);
    expect(docs.calls.create).toBe(1);
    expect(retry.documents[0]).toMatchObject({ number: "01-05/12", url: docs.docs[0]?.url, existing: false });
    expect(retry.lines).toContain("Документ был создан до сбоя — он найден в папке и зарегистрирован.");
    expect(registerRows(env)).toHaveLength(1);
    expect(registerRows(env)[0]?.date).toEqual(d(2025, 9, 3));
    expect(nextNumber(env)).toBe(13);
  });

  it("refuses an order number already registered for other pairs instead of reusing its file", () => {
    const env = school();
    const docs = new MemoryDocuments();
    const first = generateDocuments(env, docs, request({ ids: ["П-0001"] }));
    expect(first.documents[0]?.number).toBe("01-05/12");
    // The curator sets the sequence back: the same number and date would give the same file name.
    writeSettings(env.workbook, { orderNumberNext: 12 });
    const clash = generateDocuments(env, docs, request({ ids: ["Г-НР-0002"] }));
    expect(clash.problems).toEqual([
      "Приказ № 01-05/12 от 01.09.2025 уже зарегистрирован в «Приказы» (для другого состава) — проверьте «Следующий номер приказа» в «Настройках».",
    ]);
    expect(clash.documents).toEqual([]);
    expect(docs.calls.create).toBe(1);
    expect(registerRows(env)).toHaveLength(1);
    expect(pairsById(env).get("П-0002")?.orderNo).toBe("");
    expect(nextNumber(env)).toBe(12);
    // With the sequence put right, the order is made under its own number.
    writeSettings(env.workbook, { orderNumberNext: 13 });
    const fixed = generateDocuments(env, docs, request({ ids: ["Г-НР-0002"] }));
    expect(fixed.documents).toMatchObject([{ number: "01-05/13", existing: false }]);
    expect(fixed.documents[0]?.url).not.toBe(first.documents[0]?.url);
  });

  it("reports an unknown placeholder in the curator's template by name and makes nothing", () => {
    const env = school();
    const docs = new MemoryDocuments();
    generateDocuments(env, docs, request({ kind: "curator-order" }));
    docs.edit("pairs-order", (m: DocModel) => ({
      ...m,
      body: [...m.body, { type: "p", runs: [{ text: "Ответственный: {{Куратр|дат}}" }] }],
    }));
    const before = nextNumber(env);
    const result = generateDocuments(env, docs, request({ ids: ["П-0001"] }));
    expect(result.problems).toEqual([
      "В шаблоне «Приказ о закреплении наставнических пар (групп)» неизвестное поле {{Куратр|дат}}: возможно, имелось в виду {{Куратор|дат}}.",
    ]);
    expect(result.documents).toEqual([]);
    expect(docs.calls.create).toBe(1);
    expect(nextNumber(env)).toBe(before);
    expect(pairsById(env).get("П-0001")?.orderNo).toBe("");
  });

  it("empty settings an order needs block it, naming the setting", () => {
    const env = school();
    writeSettings(env.workbook, { directorName: "", city: "" });
    const docs = new MemoryDocuments();
    const result = generateDocuments(env, docs, request({ ids: ["П-0001"] }));
    expect(result.problems).toEqual([
      "В «Настройках» не заполнено «Населённый пункт»: без этого приказ не может быть подписан.",
      "В «Настройках» не заполнено «Руководитель (ФИО)»: без этого приказ не может быть подписан.",
    ]);
    expect(docs.docs).toEqual([]);
    expect(registerRows(env)).toEqual([]);
    expect(nextNumber(env)).toBe(12);
  });

  it("unknown or ineligible pairs are refused by ID", () => {
    const env = school();
    const result = generateDocuments(env, new MemoryDocuments(), request({ ids: ["П-0005", "П-0099"] }));
    expect(result.problems).toEqual([
      "Пара (группа) П-0005 не найдена среди пар со статусом «Утверждена» или «Работает» в листе «Пары и группы».",
      "Пара (группа) П-0099 не найдена среди пар со статусом «Утверждена» или «Работает» в листе «Пары и группы».",
    ]);
  });

  it("document and workbook calls do not grow with the number of pairs", () => {
    const calls = (extra: number) => {
      const env = school(extra);
      const docs = new MemoryDocuments();
      const ids = documentCandidates(env, "pairs-order").candidates.map((c) => c.id);
      const writes = env.workbook.writes;
      const result = generateDocuments(env, docs, request({ ids, newRevision: false }));
      expect(result.problems).toEqual([]);
      return {
        docs: { ...docs.calls },
        writes: env.workbook.writes - writes,
        rows: docs.docs[0]?.fill.collections.Пары?.length,
      };
    };
    const small = calls(0);
    const big = calls(40);
    expect(small.rows).toBe(3);
    expect(big.rows).toBe(43);
    expect(big.docs).toEqual(small.docs);
    expect(big.docs).toEqual({ ensureTemplates: 1, scan: 1, existing: 1, create: 1 });
    expect(big.writes).toBe(small.writes);
  });

  it("the mentors order registers the mentors; the completion order its pairs; the curator order once a year", () => {
    const env = school();
    const docs = new MemoryDocuments();
    const mentors = generateDocuments(
      env,
      docs,
      request({ kind: "mentors-order", ids: ["НР-0001", "НР-0004"], pdf: true }),
    );
    expect(mentors.documents[0]?.pdfUrl).toBe(`${mentors.documents[0]?.url}.pdf`);
    expect(registerRows(env)[0]?.pairIds).toBe("НР-0001, НР-0004");
    const fill = docs.docs[0]?.fill;
    expect(fill?.collections.Наставники?.map((m) => m.ФИО)).toEqual([
      "Коваленко Ольга Викторовна",
      "Лебедева Ирина Олеговна",
    ]);
    expect(fill?.collections.Совет?.map((m) => m.Роль)).toEqual(["председатель", "член совета"]);
    expect(documentCandidates(env, "mentors-order").candidates.map((c) => [c.id, c.inDocument])).toEqual([
      ["НР-0001", "№ 01-05/12 от 01.09.2025"],
      ["НР-0002", null],
      ["НР-0003", null],
      ["НР-0004", "№ 01-05/12 от 01.09.2025"],
    ]);
    const completion = generateDocuments(env, docs, request({ kind: "completion-order", ids: ["П-0006"] }));
    expect(completion.documents[0]?.number).toBe("01-05/13");
    expect(docs.docs[1]?.fill.collections.Поощрить).toEqual([
      { "№": "1", ФИО: "Лебедева Ирина Олеговна", Должность: "учитель химии", Пар: "1", Встреч: "9" },
    ]);
    expect(pairsById(env).get("П-0006")?.orderNo).toBe("");
    const curator = generateDocuments(env, docs, request({ kind: "curator-order" }));
    expect(curator.documents[0]).toMatchObject({ number: "01-05/14", existing: false });
    const docText = docs.text(docs.docs[2] as (typeof docs.docs)[number]).body.join("\n");
    expect(docText).toContain(
      "1. Назначить куратором программы наставничества на 2025/2026 учебный год Иванову Марию Петровну, заместитель директора по УВР.",
    );
    expect(generateDocuments(env, docs, request({ kind: "curator-order" })).documents[0]?.existing).toBe(
      true,
    );
    expect(nextNumber(env)).toBe(15);
  });
});

describe("programmes and consents as a resumable job", () => {
  it("makes one programme per pair (group), links it in «Пары и группы», uses the meetings of «Встречи»", () => {
    const env = school();
    const docs = new MemoryDocuments();
    const result = generateDocuments(env, docs, request({ kind: "program", ids: ["П-0001", "Г-НР-0002"] }));
    expect(result.problems).toEqual([]);
    expect(result.documents.map((x) => [x.id, x.title, x.number])).toEqual([
      ["П-0001", "ППН — П-0001 — Коваленко О. В. — Смирнов А. И.", ""],
      ["Г-НР-0002", "ППН — Г-НР-0002 — Бондарчук С. И. — Орлова А., Кузнецов П.", ""],
    ]);
    expect(docs.docs.every((x) => x.folder === PROGRAMS_FOLDER)).toBe(true);
    const pairs = pairsById(env);
    expect(pairs.get("П-0001")?.programLink).toBe(result.documents[0]?.url);
    expect(pairs.get("П-0002")?.programLink).toBe(result.documents[1]?.url);
    expect(pairs.get("П-0003")?.programLink).toBe(result.documents[1]?.url);
    expect(registerRows(env).map((r) => [r.docType, r.number, r.pairIds])).toEqual([
      ["Персонализированная программа наставничества", "", "П-0001"],
      ["Персонализированная программа наставничества", "", "П-0002, П-0003"],
    ]);
    expect(docs.docs[0]?.fill.collections.План).toEqual([
      { "№": "1", Дата: "16.09.2025", Тема: "Знакомство", Формат: "Очно" },
      { "№": "2", Дата: "14.10.2025", Тема: "Разбор урока", Формат: "Очно" },
    ]);
    // The group has no meetings: its plan comes from the settings (every 14 days to the end).
    expect(docs.docs[1]?.fill.collections.План?.length).toBeGreaterThan(10);
    expect(result.job).toEqual({ kind: "program", total: 2, done: 2, failed: [] });
    expect(documentsState(env).job).toBeNull();
    expect(nextNumber(env)).toBe(12);
    expect(
      documentCandidates(env, "program")
        .candidates.filter((c) => c.preselected)
        .map((c) => c.id),
    ).toEqual(["П-0004"]);
  });

  it("records a failure in the middle, goes on, and a rerun finishes without duplicates", () => {
    const env = school(1);
    const docs = new MemoryDocuments();
    docs.failOnCreate = 3;
    const ids = ["П-0001", "Г-НР-0002", "П-0004", "П-0007"];
    const first = generateDocuments(env, docs, request({ kind: "program", ids }));
    expect(first.job).toEqual({
      kind: "program",
      total: 4,
      done: 3,
      failed: [{ id: "П-0004", reason: expect.stringContaining("Сбой сервиса Документов") }],
    });
    expect(first.documents.map((x) => x.id)).toEqual(["П-0001", "Г-НР-0002", "П-0007"]);
    expect(registerRows(env)).toHaveLength(3);
    expect(first.lines).toContain(
      "Исправьте причины и запустите создание ещё раз — готовые документы не повторятся.",
    );
    expect(first.lines.some((l) => l.startsWith("Не создан документ для П-0004: "))).toBe(true);

    const rerun = generateDocuments(env, docs, request({ kind: "program", ids }));
    expect(rerun.documents.map((x) => [x.id, x.existing])).toEqual([
      ["П-0001", true],
      ["Г-НР-0002", true],
      ["П-0004", false],
      ["П-0007", true],
    ]);
    expect(rerun.job).toEqual({ kind: "program", total: 4, done: 4, failed: [] });
    expect(docs.docs).toHaveLength(4);
    expect(new Set(docs.docs.map((x) => x.name)).size).toBe(4);
    expect(registerRows(env)).toHaveLength(4);
  });

  it("stops at the time budget, keeps the rest in the job, continues (also when asked to generate again)", () => {
    const env = school(1);
    let t = new Date(2025, 8, 1, 10, 0).getTime();
    env.clock.now = () => {
      t += 30_000;
      return new Date(t);
    };
    const docs = new MemoryDocuments();
    const ids = ["П-0001", "Г-НР-0002", "П-0004", "П-0007"];
    const first = generateDocuments(env, docs, request({ kind: "program", ids }), { budgetMs: 100_000 });
    expect(first.job?.total).toBe(4);
    expect(first.job?.done).toBeGreaterThan(0);
    expect(first.job?.done).toBeLessThan(4);
    expect(first.lines.some((l) => l.includes("нажмите «Продолжить»"))).toBe(true);
    expect(documentsState(env).job).toEqual(first.job);
    const madeFirst = docs.docs.length;
    expect(registerRows(env)).toHaveLength(madeFirst);

    // Asking again (even for other pairs) continues the job instead of starting another.
    const second = generateDocuments(env, docs, request({ kind: "program", ids: ["П-0001"] }), {
      budgetMs: 10_000_000,
    });
    expect(second.lines[0]).toContain(
      "Продолжается начатое задание «Персонализированная программа наставничества»",
    );
    expect(second.job).toEqual({ kind: "program", total: 4, done: 4, failed: [] });
    expect(docs.docs).toHaveLength(4);
    expect(registerRows(env)).toHaveLength(4);
    expect(documentsState(env).job).toBeNull();
    expect(continueDocumentsJob(env, docs).lines).toEqual(["Нет начатого задания: все документы созданы."]);
  });

  it("a document made just before a failure is found by its name on the rerun, not made twice", () => {
    const env = school();
    const docs = new MemoryDocuments();
    docs.crashAfterCreate = 2;
    const ids = ["НР-0001", "НР-0002", "НР-0003"];
    const first = generateDocuments(env, docs, request({ kind: "consent", ids }));
    expect(first.job).toEqual({
      kind: "consent",
      total: 3,
      done: 2,
      failed: [{ id: "НР-0002", reason: expect.stringContaining("не уложилось в 6 минут") }],
    });
    expect(registerRows(env)).toHaveLength(2);
    expect(docs.docs).toHaveLength(3);
    const resumed = generateDocuments(env, docs, request({ kind: "consent", ids }));
    expect(resumed.job).toEqual({ kind: "consent", total: 3, done: 3, failed: [] });
    expect(docs.docs.map((x) => x.name)).toEqual([
      "Согласие — НР-0001 — Коваленко О. В.",
      "Согласие — НР-0002 — Бондарчук С. И.",
      "Согласие — НР-0003 — Жук И. П.",
    ]);
    expect(resumed.documents.map((x) => [x.id, x.existing])).toEqual([
      ["НР-0001", true],
      ["НР-0002", false],
      ["НР-0003", true],
    ]);
    expect(resumed.lines).toContain("Документ был создан до сбоя — он найден в папке и зарегистрирован.");
    expect(docs.calls.create).toBe(3);
    expect(registerRows(env).map((r) => r.pairIds)).toEqual([
      "НР-0001, П-0001",
      "НР-0003, П-0004",
      "НР-0002, П-0002, П-0003",
    ]);
    const consent = docs.docs[1];
    if (!consent) throw new Error("no consent");
    const body = docs.text(consent).body.join("\n");
    expect(body).toContain(
      "| Директору МБОУ СОШ № 1 / Петрову Ивану Сергеевичу / от Бондарчука Сергея Ильича / (должность: ) |",
    );
    expect(body).toContain("2. Наставляемые: Орлова Анна, Кузнецов Пётр (всего: 2).");
    expect(body).not.toMatch(/\{\{/);
    expect(readRecords(env.workbook, "nameForms").rows.map((r) => r.record.fullName)).toEqual([
      "Петров Иван Сергеевич",
      "Коваленко Ольга Викторовна",
      "Жук Игорь Павлович",
      "Бондарчук Сергей Ильич",
    ]);
  });

  it("keeps a programme the curator linked by hand, and leaves no job behind a broken template", () => {
    const env = school();
    const pairs = readRecords(env.workbook, "pairs");
    const row = pairs.rows.find((r) => r.record.id === "П-0004")?.row ?? 0;
    const col = (pairs.columns.index.get("programLink") ?? 0) + 1;
    env.workbook.write("Пары и группы", [{ row, col, value: "https://docs.google.com/own" }]);
    const docs = new MemoryDocuments();
    const kept = generateDocuments(env, docs, request({ kind: "program", ids: ["П-0004"] }));
    expect(kept.documents).toMatchObject([
      { id: "П-0004", url: "https://docs.google.com/own", existing: true },
    ]);
    expect(docs.docs).toEqual([]);
    expect(pairsById(env).get("П-0004")?.programLink).toBe("https://docs.google.com/own");

    docs.edit("program", (m: DocModel) => ({ ...m, body: m.body.filter((b) => b.type === "p") }));
    const broken = generateDocuments(env, docs, request({ kind: "program", ids: ["П-0001"] }));
    expect(broken.problems).toEqual([
      "В шаблоне «Персонализированная программа наставничества» нет строки таблицы с полями {{План.…}} — без неё некуда вписать встречи плана. " +
        "Добавьте в таблицу строку с полями {{План.№}}, {{План.Дата}}, {{План.Тема}}, {{План.Формат}}.",
    ]);
    expect(broken.job).toBeNull();
    expect(documentsState(env).job).toBeNull();
    expect(docs.docs).toEqual([]);
  });

  it("pairs and mentors with the same «Фамилия И. О.» get their own documents, never each other's", () => {
    const env = school();
    // НР-0006 «Коваленко Оксана Валерьевна» and НЯ-0007 «Смирнов Андрей Ильич»: the same
    // «Фамилия И. О.» as НР-0001 «Коваленко Ольга Викторовна» and НЯ-0001 «Смирнов Алексей Игоревич».
    const [mentorId] = insertRecords(env, "mentors", [
      {
        status: "Наставник",
        category: "Педагог",
        fullName: "Коваленко Оксана Валерьевна",
        position: "учитель литературы",
        consent: true,
      },
    ]);
    const [menteeId] = insertRecords(env, "mentees", [
      {
        status: "В паре",
        category: "Педагог",
        consent: true,
        fullName: "Смирнов Андрей Ильич",
        position: "учитель литературы",
      },
    ]);
    const [pairId] = insertRecords(env, "pairs", [
      {
        status: "Работает",
        form: "Учитель – учитель",
        startDate: d(2025, 9, 15),
        endDate: d(2026, 5, 31),
        mentorId,
        mentorName: "Коваленко Оксана Валерьевна",
        menteeId,
        menteeName: "Смирнов Андрей Ильич",
      },
    ]);
    expect([mentorId, menteeId, pairId]).toEqual(["НР-0006", "НЯ-0007", "П-0007"]);
    const docs = new MemoryDocuments();
    const programs = generateDocuments(env, docs, request({ kind: "program", ids: ["П-0001", "П-0007"] }));
    expect(programs.documents.map((x) => [x.id, x.title, x.existing])).toEqual([
      ["П-0001", "ППН — П-0001 — Коваленко О. В. — Смирнов А. И.", false],
      ["П-0007", "ППН — П-0007 — Коваленко О. В. — Смирнов А. И.", false],
    ]);
    expect(docs.calls.create).toBe(2);
    const pairs = pairsById(env);
    expect(pairs.get("П-0001")?.programLink).toBe(docs.docs[0]?.url);
    expect(pairs.get("П-0007")?.programLink).toBe(docs.docs[1]?.url);
    expect(docs.docs[1]?.url).not.toBe(docs.docs[0]?.url);
    const second = docs.docs[1];
    if (!second) throw new Error("no programme");
    expect(docs.text(second).body.join("\n")).toContain("Коваленко Оксана Валерьевна");
    const consents = generateDocuments(env, docs, request({ kind: "consent", ids: ["НР-0001", "НР-0006"] }));
    expect(consents.documents.map((x) => [x.id, x.title, x.existing])).toEqual([
      ["НР-0001", "Согласие — НР-0001 — Коваленко О. В.", false],
      ["НР-0006", "Согласие — НР-0006 — Коваленко О. В.", false],
    ]);
    expect(new Set(docs.docs.map((x) => x.url)).size).toBe(4);
  });

  it("a file found under the name that belongs to another pair is never taken for this pair", () => {
    const env = school();
    const docs = new MemoryDocuments();
    const first = generateDocuments(env, docs, request({ kind: "program", ids: ["П-0001"] }));
    const own = first.documents[0]?.url;
    // П-0001's file carries the name П-0004's programme would get (renamed by hand, or a name
    // made by an older version): `existing` finds it, but the register links it to П-0001.
    const taken = docs.docs[0];
    if (!taken) throw new Error("no programme");
    taken.name = "ППН — П-0004 — Жук И. П. — Васильева Д. А.";
    const next = generateDocuments(env, docs, request({ kind: "program", ids: ["П-0004"] }));
    expect(next.problems).toEqual([]);
    expect(next.documents).toMatchObject([
      { id: "П-0004", title: "ППН — П-0004 — Жук И. П. — Васильева Д. А. (2)", existing: false },
    ]);
    expect(next.documents[0]?.url).not.toBe(own);
    expect(next.lines).not.toContain("Документ был создан до сбоя — он найден в папке и зарегистрирован.");
    expect(docs.calls.create).toBe(2);
    const pairs = pairsById(env);
    expect(pairs.get("П-0001")?.programLink).toBe(own);
    expect(pairs.get("П-0004")?.programLink).toBe(next.documents[0]?.url);
    expect(registerRows(env).map((r) => [r.title, r.pairIds])).toEqual([
      ["ППН — П-0001 — Коваленко О. В. — Смирнов А. И.", "П-0001"],
      ["ППН — П-0004 — Жук И. П. — Васильева Д. А. (2)", "П-0004"],
    ]);
  });

  it("a new revision of a programme is numbered in the register and the file name", () => {
    const env = school();
    const docs = new MemoryDocuments();
    generateDocuments(env, docs, request({ kind: "program", ids: ["П-0001"] }));
    const again = generateDocuments(
      env,
      docs,
      request({ kind: "program", ids: ["П-0001"], newRevision: true }),
    );
    expect(again.documents).toMatchObject([
      { revision: 2, title: "ППН — П-0001 — Коваленко О. В. — Смирнов А. И. (редакция 2)" },
    ]);
    expect(pairsById(env).get("П-0001")?.programLink).toBe(again.documents[0]?.url);
  });
});

describe("state and request checking", () => {
  it("shows the kinds with templates, the next number and the recent documents, newest first", () => {
    const env = school();
    const before = documentsState(env);
    expect(before.nextOrderNumber).toBe("01-05/12");
    expect(before.kinds.map((k) => [k.kind, k.isOrder, k.subject, k.templateUrl])).toEqual([
      ["pairs-order", true, "pairs", null],
      ["curator-order", true, "none", null],
      ["mentors-order", true, "mentors", null],
      ["completion-order", true, "pairs", null],
      ["program", false, "pair", null],
      ["consent", false, "mentor", null],
      ["report", false, "none", null],
      ["site-text", false, "none", null],
    ]);
    const docs = new MemoryDocuments();
    generateDocuments(env, docs, request({ ids: ["П-0001"] }));
    generateDocuments(env, docs, request({ kind: "program", ids: ["П-0001"] }));
    const after = documentsState(env);
    expect(after.nextOrderNumber).toBe("01-05/13");
    expect(after.kinds[0]?.templateUrl).toBe("https://docs.example/tpl-1");
    expect(after.recent.map((r) => [r.kind, r.title, r.date])).toEqual([
      ["program", "ППН — П-0001 — Коваленко О. В. — Смирнов А. И.", "01.09.2025"],
      [
        "pairs-order",
        "Приказ № 01-05/12 от 01.09.2025 — О закреплении наставнических пар (групп)",
        "01.09.2025",
      ],
    ]);
  });

  it("checks the request in Russian", () => {
    expect(
      checkGenerateRequest({ kind: "program", ids: [" П-0001 ", "П-0001"], date: "15.09.2025" }),
    ).toEqual({
      kind: "program",
      ids: ["П-0001"],
      date: "2025-09-15",
      newRevision: false,
      pdf: null,
    });
    expect(
      checkGenerateRequest({ kind: "curator-order", ids: ["П-1"], newRevision: true, pdf: true }),
    ).toEqual({
      kind: "curator-order",
      ids: [],
      date: null,
      newRevision: true,
      pdf: true,
    });
    expect(() => checkGenerateRequest({ kind: "order" })).toThrow("Неизвестный вид документа «order»");
    expect(() => checkGenerateRequest({ kind: "pairs-order", ids: [] })).toThrow("Не выбрана ни одна пара");
    expect(() => checkGenerateRequest({ kind: "consent", ids: [] })).toThrow("Не выбран ни один наставник");
    expect(() => checkGenerateRequest({ kind: "program", ids: ["П-1"], date: "32.13.2025" })).toThrow(
      "Дата документа «32.13.2025» не читается",
    );
    expect(() => checkGenerateRequest({ kind: "program", ids: [1] })).toThrow("списком ID");
    expect(() => checkGenerateRequest(null)).toThrow("Неверный запрос");
  });
});
