// Closing the year on a school in mid-June: pairs in every status, meetings (a group's too),
// feedback, a roadmap, monitoring and the register of orders. Every row is accounted for
// (live + archive = before), nothing typed by the curator is overwritten, a second run is a no-op.

import { describe, expect, it } from "vitest";
import { checkCloseYearRequest, closeYear, closeYearPreview } from "../../src/app/close-year";
import type { CellValue, CellWrite, Env, SheetLayout, WorkbookPort } from "../../src/app/ports";
import { insertRecords, readRecords } from "../../src/app/records";
import { readSettings, writeSettings } from "../../src/app/settings";
import { setupWorkbook } from "../../src/app/setup";
import { archiveSheetName, RESULTS_HEADER } from "../../src/domain/close-year";
import { headerKey } from "../../src/domain/normalize";
import { readTable } from "../../src/domain/table";
import { gasEnv } from "../../src/gas/env";
import { createGasEnvironment } from "../fakes/gas";
import { MemoryWorkbook, memoryEnv } from "../fakes/memory";

const d = (year: number, month: number, day: number) => ({ year, month, day });
const CLOSING = new Date(2026, 5, 15, 10, 0);

/** Counts the service calls of the workbook, as an Apps Script adapter would make them. */
class CountingWorkbook extends MemoryWorkbook {
  calls = { read: 0, write: 0, append: 0, deleteRows: 0, createSheet: 0, applyLayout: 0, sheetNames: 0 };
  failDeleteOnce = false;
  override read(sheet: string) {
    this.calls.read++;
    return super.read(sheet);
  }
  override write(sheet: string, cells: CellWrite[]) {
    this.calls.write++;
    super.write(sheet, cells);
  }
  override append(sheet: string, rows: CellValue[][]) {
    this.calls.append++;
    return super.append(sheet, rows);
  }
  override deleteRows(sheet: string, rows: number[]) {
    this.calls.deleteRows++;
    if (this.failDeleteOnce) {
      this.failDeleteOnce = false;
      throw new Error("Service Spreadsheets failed while accessing document");
    }
    super.deleteRows(sheet, rows);
  }
  override createSheet(sheet: string) {
    this.calls.createSheet++;
    super.createSheet(sheet);
  }
  override applyLayout(sheet: string, layout: SheetLayout) {
    this.calls.applyLayout++;
    super.applyLayout(sheet, layout);
  }
  override sheetNames() {
    this.calls.sheetNames++;
    return super.sheetNames();
  }
  reset() {
    for (const k of Object.keys(this.calls) as (keyof typeof this.calls)[]) this.calls[k] = 0;
  }
}

/**
 * НР-0001 Иванова: П-0001 (Работает, НЯ-0001 Смирнова — wants to mentor in the base),
 *   П-0002 (Утверждена, НЯ-0002 Орлов — results typed by the curator; wants to mentor in final feedback).
 * НР-0002 Петров: group Г-НР-0002 of П-0003 / П-0004 (Работает, НЯ-0003, НЯ-0004), group meetings;
 *   П-0005 (Приостановлена, НЯ-0005) goes on into the next year.
 * НР-0003 Соколова: П-0006 (Завершена 20.03.2026, no results, НЯ-0006 — wants to mentor but is
 *   already in the mentor base as НР-0004 by email), П-0007 (Расторгнута, НЯ-0007),
 *   П-0008 (Предложена, НЯ-0008), П-0009 (Отклонена, НЯ-0008), П-0010 (Завершена in 2024/25).
 */
function school(count = 1) {
  const workbook = new CountingWorkbook();
  const env = memoryEnv(workbook, CLOSING);
  fill(env, count);
  workbook.reset();
  return { env, workbook };
}

/** The same school in the Apps Script adapter over the typed fakes. */
function gasSchool(count = 1) {
  const fake = createGasEnvironment();
  const env: Env = { ...gasEnv(fake.globals), clock: { now: () => CLOSING } };
  fill(env, count);
  fake.calls.reset();
  return { env, fake };
}

function fill(env: Env, count: number): void {
  setupWorkbook(env);
  writeSettings(env.workbook, { academicYearStart: "01.09.2025", orgShortName: "МБОУ СОШ № 1" });
  insertRecords(env, "mentors", [
    {
      status: "Наставник",
      category: "Педагог",
      fullName: "Иванова Мария Петровна",
      email: "ivanova@school.ru",
      consent: true,
    },
    { status: "Наставник", category: "Педагог", fullName: "Петров Олег Ильич", consent: true },
    {
      status: "Наставник",
      category: "Педагог",
      fullName: "Соколова Анна Юрьевна",
      consent: true,
      comment: "Руководитель МО",
    },
    {
      status: "Кандидат",
      category: "Выпускник",
      fullName: "Зайцева Вера",
      email: "zaitseva@mail.ru",
      consent: true,
    },
  ]);
  insertRecords(env, "mentees", [
    {
      status: "В паре",
      category: "Молодой специалист",
      fullName: "Смирнова Алёна Сергеевна",
      email: "smirnova@school.ru",
      phone: "+79001234567",
      subject: "Математика",
      wantsToMentor: true,
      consent: true,
      consentDate: d(2025, 9, 10),
      comment: "Очень старается",
    },
    {
      status: "В паре",
      category: "Обучающийся",
      fullName: "Орлов Пётр",
      email: "orlov@mail.ru",
      consent: true,
    },
    { status: "В паре", category: "Молодой специалист", fullName: "Кузнецова Ирина", consent: true },
    { status: "В паре", category: "Молодой специалист", fullName: "Лебедев Иван", consent: true },
    { status: "В паре", category: "Педагог", fullName: "Новикова Ольга", consent: true },
    {
      status: "Завершил программу",
      category: "Обучающийся",
      fullName: "Зайцева Вера",
      email: "Zaitseva@mail.ru",
      wantsToMentor: true,
      consent: true,
    },
    { status: "Выбыл", category: "Обучающийся", fullName: "Морозов Илья", consent: true },
    { status: "Ожидает пары", category: "Обучающийся", fullName: "Фёдорова Дарья", consent: true },
  ]);
  const pair = (id: number, values: Record<string, unknown>) => ({
    mentorId: `НР-000${values.m}`,
    menteeId: `НЯ-000${values.n}`,
    mentorName: ["", "Иванова Мария Петровна", "Петров Олег Ильич", "Соколова Анна Юрьевна"][
      values.m as number
    ],
    menteeName: `Наставляемый ${id}`,
    startDate: d(2025, 10, 1),
    ...values,
  });
  insertRecords(env, "pairs", [
    pair(1, { status: "Работает", m: 1, n: 1, form: "Учитель – учитель" }),
    pair(2, {
      status: "Утверждена",
      m: 1,
      n: 2,
      results: "Подготовил проект к конференции",
      endDate: d(2026, 5, 29),
    }),
    pair(3, { status: "Работает", m: 2, n: 3, groupId: "Г-НР-0002" }),
    pair(4, { status: "Работает", m: 2, n: 4, groupId: "Г-НР-0002" }),
    pair(5, { status: "Приостановлена", m: 2, n: 5 }),
    pair(6, { status: "Завершена", m: 3, n: 6, endDate: d(2026, 3, 20) }),
    pair(7, { status: "Расторгнута", m: 3, n: 7, comment: "Переезд" }),
    pair(8, { status: "Предложена", m: 3, n: 8 }),
    pair(9, { status: "Отклонена", m: 1, n: 8 }),
    pair(10, {
      status: "Завершена",
      m: 3,
      n: 6,
      startDate: d(2024, 10, 1),
      endDate: d(2025, 5, 20),
      results: "Итоги 2024/25",
    }),
  ] as never);
  const meeting = (pairId: string, date: ReturnType<typeof d>, status = "Проведена") => ({
    pairId,
    date,
    status,
    topic: "Встреча",
  });
  const meetings = [];
  for (let i = 0; i < count; i++) {
    meetings.push(
      meeting("П-0001", d(2025, 10, 6)),
      meeting("П-0001", d(2025, 11, 6)),
      meeting("П-0005", d(2025, 11, 7)),
      meeting("П-0001", d(2025, 12, 6)),
      meeting("П-0001", d(2026, 6, 25), "Запланирована"),
      meeting("П-0002", d(2025, 10, 8)),
      meeting("Г-НР-0002", d(2025, 10, 9)),
      meeting("Г-НР-0002", d(2025, 11, 9)),
      meeting("Г-НР-0002", d(2025, 12, 9), "Отменена"),
      meeting("П-0006", d(2026, 2, 10)),
      meeting("П-0007", d(2025, 10, 11)),
      meeting("П-0099", d(2025, 10, 12)),
    );
  }
  insertRecords(env, "meetings", meetings);
  insertRecords(env, "feedback", [
    {
      pairId: "П-0001",
      participantId: "НЯ-0001",
      role: "Наставляемый",
      stage: "Итоговая",
      date: d(2026, 5, 20),
      comfort: 9,
      usefulness: 8,
      expectationsMet: 9,
    },
    {
      pairId: "П-0001",
      participantId: "НР-0001",
      role: "Наставник",
      stage: "Итоговая",
      comfort: 10,
      usefulness: 9,
      expectationsMet: 10,
    },
    {
      pairId: "П-0002",
      participantId: "НЯ-0002",
      role: "Наставляемый",
      stage: "Итоговая",
      comfort: 7,
      wantsToMentor: true,
    },
    { pairId: "П-0003", participantId: "НЯ-0003", role: "Наставляемый", stage: "Входная", comfort: 6 },
    { pairId: "П-0005", participantId: "НЯ-0005", role: "Наставляемый", stage: "Входная", comfort: 5 },
    {
      pairId: "П-0006",
      participantId: "НЯ-0006",
      role: "Наставляемый",
      stage: "Итоговая",
      comfort: 10,
      wantsToMentor: true,
    },
  ]);
  insertRecords(env, "roadmap", [
    {
      stageNo: "1",
      stage: "Подготовка",
      event: "Приказ о внедрении целевой модели",
      start: d(2025, 9, 1),
      deadline: d(2025, 9, 15),
      deadlineText: "До 15.09.2025",
      status: "Выполнено",
      doneDate: d(2025, 9, 12),
      comment: "Приказ № 12",
    },
    {
      stageNo: "6",
      stage: "Завершение",
      event: "Круглый стол лучших практик",
      deadline: d(2026, 5, 20),
      deadlineText: "Май 2026",
      status: "В работе",
    },
    {
      stageNo: "2",
      stage: "База",
      event: "Отменённая встреча",
      deadline: d(2025, 12, 1),
      status: "Отменено",
    },
    {
      stageNo: "8",
      stage: "Итоги",
      event: "Внесение итогов в базы",
      deadlineText: "Ежегодно в июне",
      status: "",
    },
    {
      stageNo: "1",
      stage: "Подготовка",
      event: "Уже на следующий год",
      deadline: d(2026, 10, 1),
      status: "Не начато",
    },
  ]);
  env.workbook.write("Мониторинг", [
    { row: 2, col: 1, value: "Охват" },
    { row: 2, col: 3, value: "Доля обучающихся в парах" },
    { row: 2, col: 4, value: "72 %" },
  ]);
  insertRecords(env, "documents", [
    { docType: "Приказ о закреплении наставнических пар (групп)", number: "01-05/7", date: d(2025, 10, 1) },
  ]);
}

function records<K extends "pairs" | "meetings" | "feedback" | "mentees" | "mentors" | "roadmap">(
  workbook: WorkbookPort,
  key: K,
) {
  return readRecords(workbook, key).rows.map((r) => r.record);
}

/** The data rows of a sheet as text, for counting rows across the live and archive sheets. */
function dataRows(workbook: WorkbookPort, sheet: string): string[] {
  const values = workbook.read(sheet) ?? [];
  return values.slice(1).map((r) => JSON.stringify(r.map((v) => (v instanceof Date ? v.getTime() : v))));
}

function resultsOf(workbook: MemoryWorkbook, sheet: string): Map<string, string> {
  const values = workbook.read(sheet) ?? [];
  const header = values[0] ?? [];
  const col = header.findIndex((h) => headerKey(h) === headerKey(RESULTS_HEADER));
  const out = new Map<string, string>();
  if (col < 0) return out;
  for (const row of values.slice(1)) if (row[col]) out.set(String(row[0]), String(row[col]));
  return out;
}

describe("closing the year: preview", () => {
  it("shows what will be done and writes nothing", () => {
    const { env, workbook } = school();
    const before = JSON.stringify([...workbook.sheets]);
    const preview = closeYearPreview(env);
    expect(JSON.stringify([...workbook.sheets])).toBe(before);
    expect(workbook.calls.write + workbook.calls.append + workbook.calls.createSheet).toBe(0);
    expect(env.metaMap.has("closeYear:2025")).toBe(false);

    expect(preview.year).toBe("2025/2026");
    expect(preview.alreadyClosed).toBe(false);
    expect(preview.pairsToComplete.map((p) => [p.id, p.hasResults])).toEqual([
      ["П-0001", false],
      ["П-0002", true],
      ["П-0003", false],
      ["П-0004", false],
    ]);
    expect(preview.pairsToComplete[0]?.label).toBe("П-0001: Иванова Мария Петровна — Наставляемый 1");
    expect(preview.willingMentees).toEqual([
      {
        id: "НЯ-0001",
        name: "Смирнова Алёна Сергеевна",
        reason: "отметка «Хочет стать наставником» в базе наставляемых",
      },
      { id: "НЯ-0002", name: "Орлов Пётр", reason: "в итоговой анкете обратной связи (П-0002)" },
    ]);
    expect(preview.archiveSheets).toEqual([
      "Архив 2025–26 — Пары и группы",
      "Архив 2025–26 — Встречи",
      "Архив 2025–26 — Обратная связь",
      "Архив 2025–26 — Дорожная карта",
      "Архив 2025–26 — Мониторинг",
      "Архив 2025–26 — Приказы",
    ]);
    expect(preview.roadmapItems).toBe(4);
    const warnings = preview.warnings.join("\n");
    expect(warnings).toContain("П-0005 («Приостановлена»)");
    expect(warnings).toContain("П-0008 («Предложена»)");
    expect(warnings).toContain("П-0099");
    const lines = preview.lines.join("\n");
    expect(lines).toContain("Уже в базе наставников: Зайцева Вера (НР-0004)");
    expect(lines).toContain("«Начало учебного года» в «Настройки» станет 01.09.2026");
    expect(lines).toContain("из «Встречи» уходят строки завершённых пар: 10 из 12");
    // Plain JSON: what the sidebar receives is what it sends back.
    expect(JSON.parse(JSON.stringify(preview))).toEqual(preview);
  });
});

describe("closing the year", () => {
  it("completes the pairs, writes both bases, archives the year, keeps what goes on, rolls the roadmap", () => {
    const { env, workbook } = school();
    const before = {
      meetings: dataRows(workbook, "Встречи"),
      feedback: dataRows(workbook, "Обратная связь"),
      pairs: dataRows(workbook, "Пары и группы"),
      roadmap: dataRows(workbook, "Дорожная карта"),
      documents: dataRows(workbook, "Приказы"),
      monitoring: dataRows(workbook, "Мониторинг"),
    };
    const mentorsBefore = records(workbook, "mentors").length;

    const result = closeYear(env, { promote: ["НЯ-0002"] });
    expect(result).toMatchObject({
      year: "2025/2026",
      completedPairs: 4,
      promoted: ["НЯ-0002"],
      roadmapRolled: 4,
      alreadyClosed: false,
    });
    expect(result.archived).toHaveLength(6);

    // Pairs: working ones completed with the closing date, the curator's end date and results kept.
    const pairs = new Map(records(workbook, "pairs").map((p) => [p.id, p]));
    expect(pairs.size).toBe(10);
    expect(pairs.get("П-0001")).toMatchObject({
      status: "Завершена",
      endDate: d(2026, 6, 15),
      results: "Проведено встреч: 3; итоговая оценка наставляемого 8,7 из 10, наставника 9,7 из 10",
    });
    expect(pairs.get("П-0002")).toMatchObject({
      status: "Завершена",
      endDate: d(2026, 5, 29),
      results: "Подготовил проект к конференции",
    });
    // Group meetings count for each pair of the group; the cancelled one does not.
    expect(pairs.get("П-0003")?.results).toBe(
      "Проведено встреч: 2; итоговая анкета обратной связи не заполнена",
    );
    expect(pairs.get("П-0004")?.results).toBe(pairs.get("П-0003")?.results);
    // Completed earlier this year: results filled, the end date kept.
    expect(pairs.get("П-0006")).toMatchObject({
      endDate: d(2026, 3, 20),
      results: "Проведено встреч: 1; итоговая оценка наставляемого 10 из 10",
    });
    expect(pairs.get("П-0005")?.status).toBe("Приостановлена");
    expect(pairs.get("П-0007")).toMatchObject({ status: "Расторгнута", results: "", comment: "Переезд" });
    expect(pairs.get("П-0008")?.status).toBe("Предложена");
    expect(pairs.get("П-0010")).toMatchObject({ results: "Итоги 2024/25", endDate: d(2025, 5, 20) });

    // Mentees: finished; the one whose pair goes on stays in a pair; the curator's comment untouched.
    const mentees = new Map(records(workbook, "mentees").map((m) => [m.id, m]));
    expect(["НЯ-0001", "НЯ-0002", "НЯ-0003", "НЯ-0004"].map((id) => mentees.get(id)?.status)).toEqual([
      "Завершил программу",
      "Завершил программу",
      "Завершил программу",
      "Завершил программу",
    ]);
    expect(mentees.get("НЯ-0005")?.status).toBe("В паре");
    expect(mentees.get("НЯ-0007")?.status).toBe("Выбыл");
    expect(mentees.get("НЯ-0001")?.comment).toBe("Очень старается");
    const menteeResults = resultsOf(workbook, "Наставляемые");
    expect(menteeResults.get("НЯ-0001")).toBe(
      "2025/2026: программа завершена в паре П-0001 (наставник — Иванова Мария Петровна), окончание 15.06.2026; проведено встреч: 3; итоговая оценка наставляемого 8,7 из 10, наставника 9,7 из 10",
    );
    expect(menteeResults.get("НЯ-0002")).toMatch(/в базу наставников добавлена запись НР-0005$/);
    expect(menteeResults.has("НЯ-0005")).toBe(false);

    // Mentors: status kept, the year line in «Итоги наставничества», «Комментарий куратора» untouched.
    const mentors = records(workbook, "mentors");
    expect(mentors.slice(0, 3).map((m) => m.status)).toEqual(["Наставник", "Наставник", "Наставник"]);
    expect(mentors[2]?.comment).toBe("Руководитель МО");
    const mentorResults = resultsOf(workbook, "Наставники");
    expect(mentorResults.get("НР-0001")).toBe(
      "2025/2026: завершено пар: 2 (П-0001 — Наставляемый 1, П-0002 — Наставляемый 2); проведено встреч: 4; средняя итоговая оценка наставляемых 7,8 из 10",
    );
    expect(mentorResults.get("НР-0002")).toContain(
      "завершено пар: 2 (П-0003 — Наставляемый 3, П-0004 — Наставляемый 4); проведено встреч: 2",
    );
    expect(mentorResults.get("НР-0003")).toContain("завершено пар: 1 (П-0006");

    // The promoted mentee appears once in «Наставники», as a candidate of the internal contour.
    expect(mentors).toHaveLength(mentorsBefore + 1);
    expect(mentors.filter((m) => m.email === "orlov@mail.ru")).toHaveLength(1);
    expect(mentors[mentorsBefore]).toMatchObject({
      id: "НР-0005",
      status: "Кандидат",
      category: "Обучающийся",
      contour: "Внутренний",
      fullName: "Орлов Пётр",
      email: "orlov@mail.ru",
      consent: true,
    });

    // Every row accounted for: live + archive = before; live rows of pairs going on stay.
    const archive = (sheet: string) => archiveSheetName(2025, sheet);
    for (const [sheet, rows] of [
      ["Встречи", before.meetings],
      ["Обратная связь", before.feedback],
    ] as const) {
      const live = dataRows(workbook, sheet);
      const archived = dataRows(workbook, archive(sheet));
      // Nothing lost: the archive holds every row of the year; what stays live is in it too.
      expect(archived).toEqual(rows);
      for (const row of live) expect(archived).toContain(row);
    }
    expect(records(workbook, "meetings").map((m) => m.pairId)).toEqual(["П-0005", "П-0099"]);
    expect(records(workbook, "feedback").map((f) => f.pairId)).toEqual(["П-0005"]);
    // Pairs: the archive holds the year as closed; the live sheet keeps every pair.
    const archivedPairs = readTable("pairs", workbook.read(archive("Пары и группы")) ?? []).rows.map(
      (r) => r.record,
    );
    expect(archivedPairs).toHaveLength(before.pairs.length);
    expect(archivedPairs.find((p) => p.id === "П-0001")?.status).toBe("Завершена");
    expect(dataRows(workbook, archive("Приказы"))).toEqual(before.documents);
    expect(dataRows(workbook, "Приказы")).toEqual(before.documents);
    expect(dataRows(workbook, archive("Мониторинг"))).toEqual(before.monitoring);
    expect(dataRows(workbook, archive("Дорожная карта"))).toEqual(before.roadmap);

    // The roadmap: dates a year on, started again, done dates cleared; comments and next year's item kept.
    const roadmap = records(workbook, "roadmap");
    expect(roadmap.map((r) => [r.event, r.deadline, r.status, r.doneDate, r.overdue])).toEqual([
      ["Приказ о внедрении целевой модели", d(2026, 9, 15), "Не начато", null, false],
      ["Круглый стол лучших практик", d(2027, 5, 20), "Не начато", null, false],
      ["Отменённая встреча", d(2026, 12, 1), "Отменено", null, false],
      ["Внесение итогов в базы", null, "Не начато", null, false],
      ["Уже на следующий год", d(2026, 10, 1), "Не начато", null, false],
    ]);
    expect(roadmap[0]).toMatchObject({
      start: d(2026, 9, 1),
      deadlineText: "До 15.09.2026",
      comment: "Приказ № 12",
      daysLeft: 92,
    });
    expect(roadmap[1]?.deadlineText).toBe("Май 2027");

    // The next academic year; the order numbering left alone.
    const settings = readSettings(workbook.read("Настройки")).values;
    expect(settings.academicYearStart).toBe("01.09.2026");
    expect(settings.orderNumberNext).toBe(1);

    // Remembered, logged once.
    expect(JSON.parse(env.metaMap.get("closeYear:2025") ?? "{}")).toEqual({
      at: CLOSING.toISOString(),
      willing: ["НЯ-0001"],
    });
    const journal = readTable("journal", workbook.read("Журнал") ?? []).rows.map((r) => r.record);
    expect(journal.filter((j) => j.action === "Завершить учебный год")).toHaveLength(1);
    expect(journal.at(-1)?.outcome).toBe("с предупреждениями");
  });

  it("a second run is a no-op that says so; a mentee chosen later is added once", () => {
    const { env, workbook } = school();
    closeYear(env, { promote: [] });
    const after = JSON.stringify([...workbook.sheets].filter(([name]) => name !== "Журнал"));

    const preview = closeYearPreview(env);
    expect(preview.alreadyClosed).toBe(true);
    expect(preview.lines[0]).toMatch(/^Учебный год 2025\/2026 уже завершён \(15\.06\.2026\)/);
    // Smirnova wanted to mentor and was not added: still offered.
    expect(preview.willingMentees.map((w) => w.id)).toEqual(["НЯ-0001", "НЯ-0002"]);

    const again = closeYear(env, { promote: [] });
    expect(again).toMatchObject({ alreadyClosed: true, completedPairs: 0, archived: [], roadmapRolled: 0 });
    expect(again.lines[0]).toContain("уже завершён");
    expect(JSON.stringify([...workbook.sheets].filter(([name]) => name !== "Журнал"))).toBe(after);

    const later = closeYear(env, { promote: ["НЯ-0001"] });
    expect(later.promoted).toEqual(["НЯ-0001"]);
    const twice = closeYear(env, { promote: ["НЯ-0001"] });
    expect(twice.promoted).toEqual([]);
    expect(twice.lines.join("\n")).toContain("уже есть в базе наставников (НР-0005)");
    const mentors = records(workbook, "mentors");
    expect(mentors.filter((m) => m.fullName === "Смирнова Алёна Сергеевна")).toHaveLength(1);
    expect(mentors.at(-1)).toMatchObject({
      category: "Педагог",
      email: "smirnova@school.ru",
      phone: "+7 900 123-45-67",
      subjects: "Математика",
      consentDate: d(2025, 9, 10),
    });
    expect(resultsOf(workbook, "Наставляемые").get("НЯ-0001")).toMatch(
      /\n2025\/2026: в базу наставников добавлена запись НР-0005$/,
    );
    expect(closeYearPreview(env).willingMentees.map((w) => w.id)).toEqual(["НЯ-0002"]);
    // Nothing archived twice.
    expect(workbook.sheetNames().filter((n) => n.startsWith("Архив"))).toHaveLength(6);
  });

  it("after a failure half-way, running again finishes without duplicating or losing rows", () => {
    const { env, workbook } = school();
    const meetingsBefore = dataRows(workbook, "Встречи");
    workbook.failDeleteOnce = true;
    expect(() => closeYear(env, { promote: ["НЯ-0002"] })).toThrow();
    expect(env.metaMap.has("closeYear:2025")).toBe(false);
    // The archive was made before the failure; the live rows are still there.
    expect(dataRows(workbook, "Встречи")).toEqual(meetingsBefore);

    // Meanwhile the curator records one more meeting of a completed pair: it is not archived.
    insertRecords(env, "meetings", [{ pairId: "П-0001", date: d(2026, 6, 16), status: "Проведена" }]);

    const result = closeYear(env, { promote: ["НЯ-0002"] });
    expect(result.alreadyClosed).toBe(false);
    expect(workbook.sheetNames().filter((n) => n.startsWith("Архив"))).toHaveLength(6);
    expect(dataRows(workbook, archiveSheetName(2025, "Встречи"))).toEqual(meetingsBefore);
    // Only rows already in the archive left the sheet; the new one stays, with a warning.
    expect(records(workbook, "meetings").map((m) => m.pairId)).toEqual(["П-0005", "П-0099", "П-0001"]);
    expect(result.lines.join("\n")).toContain(
      "«Встречи»: строк завершённых пар, которых нет в архивном листе, — 1; они оставлены на месте.",
    );
    expect(records(workbook, "mentors").filter((m) => m.fullName === "Орлов Пётр")).toHaveLength(1);
    // The roadmap was rolled once, the year lines written once.
    expect(records(workbook, "roadmap")[0]?.deadline).toEqual(d(2026, 9, 15));
    expect(
      resultsOf(workbook, "Наставники")
        .get("НР-0001")
        ?.match(/2025\/2026:/g),
    ).toHaveLength(1);
    expect(records(workbook, "pairs").find((p) => p.id === "П-0002")?.results).toBe(
      "Подготовил проект к конференции",
    );
  });

  it("a sheet of the archive name made by the curator is left alone", () => {
    const { env, workbook } = school();
    const name = archiveSheetName(2025, "Встречи");
    workbook.load(name, [["Мои заметки"]]);
    const result = closeYear(env, { promote: [] });
    expect(workbook.read(name)).toEqual([["Мои заметки"]]);
    expect(result.archived).toContain(`${name.slice(0, 27)} (2)`);
    expect(records(workbook, "meetings")).toHaveLength(2);
  });

  it("an end date the curator typed as text is kept as typed, with a warning naming the cell", () => {
    const { env, workbook } = school();
    const values = workbook.read("Пары и группы") ?? [];
    const col = (values[0] ?? []).indexOf("Дата окончания") + 1;
    workbook.write("Пары и группы", [{ row: 2, col, value: "конец мая" }]);
    const preview = closeYearPreview(env);
    expect(preview.warnings.join("\n")).toContain(
      "Лист «Пары и группы», строка 2, столбец «Дата окончания»: «конец мая» — не удалось прочитать дату",
    );
    const result = closeYear(env, { promote: [] });
    expect(workbook.read("Пары и группы")?.[1]?.[col - 1]).toBe("конец мая");
    expect(records(workbook, "pairs")[0]).toMatchObject({
      status: "Завершена",
      results: expect.stringContaining("Проведено встреч: 3"),
    });
    expect(result.lines.join("\n")).toContain("Значение не изменено — исправьте его вручную.");
  });

  it("unknown mentee IDs are refused before anything is written", () => {
    const { env, workbook } = school();
    const before = JSON.stringify([...workbook.sheets]);
    expect(() => closeYear(env, { promote: ["НЯ-0099"] })).toThrow(/В листе «Наставляемые» нет: НЯ-0099/);
    expect(JSON.stringify([...workbook.sheets])).toBe(before);
  });

  it("keeps the service calls fixed whatever the number of rows (deletes compact many runs)", () => {
    const small = school(20);
    closeYear(small.env, { promote: [] });
    const big = school(40);
    closeYear(big.env, { promote: [] });
    expect(big.workbook.calls).toEqual(small.workbook.calls);
    // Each sheet is read once, plus «Настройки» again when the new year start is written and
    // «Журнал» for its line (the fake's append reads once more); archives need no read.
    expect(big.workbook.calls.read).toBeLessThanOrEqual(12);
    // 40 interleaved blocks: the rows going on were moved up, nothing else lost.
    const live = records(big.workbook, "meetings");
    expect(live).toHaveLength(80);
    expect(live.slice(0, 4).map((m) => m.pairId)).toEqual(["П-0005", "П-0099", "П-0005", "П-0099"]);
    expect(dataRows(big.workbook, archiveSheetName(2025, "Встречи"))).toHaveLength(480);
    expect(big.workbook.calls.deleteRows).toBeLessThanOrEqual(2);
  });

  it("an empty «Начало учебного года» closes the year of today and is set for the next", () => {
    const { env, workbook } = school();
    writeSettings(workbook, { academicYearStart: "" });
    const preview = closeYearPreview(env);
    expect(preview.year).toBe("2025/2026");
    expect(preview.warnings[0]).toContain("не указано «Начало учебного года»");
    closeYear(env, { promote: [] });
    expect(readSettings(workbook.read("Настройки")).values.academicYearStart).toBe("01.09.2026");
    expect(closeYearPreview(env).alreadyClosed).toBe(true);
  });
});

describe("closing the year in Apps Script (the adapter over the typed fakes)", () => {
  it("gives the same result, and the service calls do not grow with the rows", () => {
    const small = gasSchool(20);
    const before = dataRows(small.env.workbook, "Встречи");
    small.fake.calls.reset();
    const result = closeYear(small.env, { promote: ["НЯ-0002"] });
    const smallCalls = small.fake.calls.snapshot();
    expect(result.completedPairs).toBe(4);
    expect(dataRows(small.env.workbook, archiveSheetName(2025, "Встречи"))).toEqual(before);
    expect(records(small.env.workbook, "meetings")).toHaveLength(40);
    expect(records(small.env.workbook, "pairs")[0]).toMatchObject({
      status: "Завершена",
      endDate: d(2026, 6, 15),
    });
    expect(records(small.env.workbook, "roadmap")[0]?.deadline).toEqual(d(2026, 9, 15));
    expect(closeYearPreview(small.env).alreadyClosed).toBe(true);

    const big = gasSchool(40);
    closeYear(big.env, { promote: ["НЯ-0002"] });
    expect(big.fake.calls.snapshot()).toEqual(smallCalls);
    expect(records(big.env.workbook, "meetings")).toHaveLength(80);
  });
});

describe("«Начало учебного года» the curator typed as text", () => {
  it("is not overwritten: the year is told by today, the curator is asked to set the new one", () => {
    const { env, workbook } = school();
    writeSettings(workbook, { academicYearStart: "первое сентября" });
    const preview = closeYearPreview(env);
    expect(preview.year).toBe("2025/2026");
    expect(preview.warnings[0]).toContain("укажите начало нового года вручную");
    closeYear(env, { promote: [] });
    expect(readSettings(workbook.read("Настройки")).values.academicYearStart).toBe("первое сентября");
    expect(closeYearPreview(env).alreadyClosed).toBe(true);
  });
});

describe("the request from the sidebar", () => {
  it("accepts a list of IDs, trims and de-duplicates them", () => {
    expect(checkCloseYearRequest({ promote: [" НЯ-0001", "НЯ-0001", "ня-0001", "НЯ-0002"] })).toEqual({
      promote: ["НЯ-0001", "НЯ-0002"],
    });
    expect(checkCloseYearRequest({})).toEqual({ promote: [] });
    expect(checkCloseYearRequest(undefined)).toEqual({ promote: [] });
  });

  it("refuses anything else with a Russian message", () => {
    expect(() => checkCloseYearRequest("НЯ-0001")).toThrow(/Неверный запрос/);
    expect(() => checkCloseYearRequest({ promote: "НЯ-0001" })).toThrow(/списком ID/);
    expect(() => checkCloseYearRequest({ promote: [42] })).toThrow(/Неверный ID наставляемого/);
    expect(() => checkCloseYearRequest({ promote: [""] })).toThrow(/Неверный ID/);
  });
});
