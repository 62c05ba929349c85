// The four real roadmaps of the seeds, as the documents a school would bring, through the
// same import the add-on runs.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { importRoadmapDocument, type RoadmapImport } from "../../src/domain/roadmap/import";
import { readRoadmapFile } from "../../src/local/roadmap-readers";

const fixture = (name: string) => resolve(__dirname, "../fixtures/roadmaps", name);

async function load(name: string, year: number): Promise<RoadmapImport> {
  return importRoadmapDocument(await readRoadmapFile(fixture(name)), year);
}

function find(parsed: RoadmapImport, start: string) {
  const item = parsed.items.find((i) => i.event.startsWith(start));
  if (!item) throw new Error(`no item «${start}»`);
  return {
    ...item,
    occurrences: item.deadline.occurrences,
    people: item.owners.people,
    roles: item.owners.roles,
  };
}

describe("seed 000 — college roadmap for teachers (stages with numbered items)", () => {
  it("splits numbered items into events sharing the stage's deadline and owners", async () => {
    const parsed = await load("seed-000.docx", 2021);
    expect(new Set(parsed.items.map((i) => i.stage)).size).toBe(8);
    // 5 + 5 + 3 + 4 + 2 + 4 + 2 + 2 items in the eight stages of the seed.
    expect(parsed.items).toHaveLength(27);
    const order = find(
      parsed,
      "Подготовка и принятие локальных актов нормативных правовых актов колледжа: приказ о назначении куратора",
    );
    expect(order).toMatchObject({
      stageNo: "1",
      stage: "Подготовка условий для реализации системы наставничества",
    });
    expect(order.window).toEqual({ start: "2021-09-01", end: "2021-09-30" });
    expect(order.people).toEqual(["Дианова Н.В.", "Облитяев И.М."]);
    const consents = find(parsed, "Сбор согласий на обработку персональных данных участников программы");
    expect(consents.window).toEqual({ start: "2021-09-01", end: "2021-10-31" });
    expect(consents.people).toEqual(["Дианова Н.В.", "Литовченко Л.И."]);
    const ppn = find(parsed, "Разработка персонализированных программ для каждой пары/группы");
    expect(ppn.window).toEqual({ start: "2021-11-01", end: "2022-06-30" });
    expect(ppn.roles).toEqual(["Наставники и наставляемые"]);
    expect(parsed.report.unrecognisedDeadlines).toEqual([]);
  });

  it("the CSV export of the same table gives the same events, deadlines and owners", async () => {
    const docx = await load("seed-000.docx", 2021);
    const csv = await load("seed-000.csv", 2021);
    const strip = (p: RoadmapImport) =>
      p.items.map((i) => [i.stage, i.event, i.window, i.owners.people, i.owners.roles]);
    expect(strip(csv)).toEqual(strip(docx));
  });
});

describe("seed 002 — school plan with exact dates", () => {
  it("reads every date form of the seed", async () => {
    const parsed = await load("seed-002.docx", 2021);
    expect(parsed.items).toHaveLength(32);
    expect(find(parsed, "Информирование педагогического сообщества")).toMatchObject({
      window: { start: "2021-10-01", end: "2021-10-01" },
      people: ["Колпакова С.Б.", "Савченко Н.А."],
    });
    expect(find(parsed, "Сбор дополнительной информации о запросах наставляемых")).toMatchObject({
      window: { start: "2021-10-01", end: "2021-10-20" },
      roles: ["Классные руководители"],
    });
    expect(find(parsed, "Оценка участников-наставляемых").window).toEqual({
      start: "2021-09-01",
      end: "2021-11-05",
    });
    expect(find(parsed, "Выбор форм наставничества").roles).toEqual(["Администрация школы"]);
    const final = find(parsed, "Проведение заключительной встречи наставника");
    expect(final.deadline.recurrence?.kind).toBe("yearly");
    expect(final.window).toEqual({ start: "2022-05-01", end: "2022-05-31" });
    const fest = find(parsed, "Приглашение на торжественное мероприятие");
    expect(fest.occurrences).toHaveLength(3);
    expect(fest.window).toEqual({ start: "2022-04-01", end: "2022-05-31" });
    expect(find(parsed, "Сроки сбора обратной связи").window).toEqual({
      start: "2024-05-25",
      end: "2024-05-25",
    });
    // The two dates of 2020 (typos in the seed) are imported as written and flagged.
    expect(parsed.report.outsideYear.map((o) => o.raw)).toEqual(
      expect.arrayContaining(["12.10.2020", "25.11.2020"]),
    );
    // The one row without a deadline is reported, not guessed.
    expect(parsed.report.unrecognisedDeadlines.map((u) => u.raw)).toEqual([""]);
  });

  it("the TSV export gives the same items", async () => {
    const docx = await load("seed-002.docx", 2021);
    const tsv = await load("seed-002.tsv", 2021);
    expect(tsv.items.map((i) => [i.event, i.window])).toEqual(docx.items.map((i) => [i.event, i.window]));
  });
});

describe("seed 003 — stages and items without deadlines or owners", () => {
  it("imports every item and lists all of them as lacking a deadline", async () => {
    const parsed = await load("seed-003.docx", 2024);
    expect(parsed.items).toHaveLength(17);
    expect(new Set(parsed.items.map((i) => i.stageNo))).toEqual(
      new Set(["1", "2", "3", "4", "5", "6", "7", "8", "9"]),
    );
    expect(find(parsed, "Формирование наставнических пар/групп").stage).toBe(
      "Организация и осуществление работы наставнических пар/групп",
    );
    expect(parsed.report.unrecognisedDeadlines).toHaveLength(17);
    expect(parsed.report.unrecognisedDeadlines.every((u) => u.raw === "")).toBe(true);
  });
});

describe("seed 004 — target model plan with section rows", () => {
  it("skips the stages table (no events) and reads the plan with its sections as stages", async () => {
    const parsed = await load("seed-004.docx", 2020);
    expect(parsed.report.tablesUsed).toEqual(["таблица 2"]);
    expect(parsed.report.tablesSkipped[0]).toMatch(/^таблица 1 .*нет столбца мероприятий/);
    expect([...new Set(parsed.items.map((i) => `${i.stageNo}. ${i.stage}`))]).toEqual([
      "1. Подготовка условий для запуска программы наставничества",
      "2. Формирование базы наставляемых",
      "3. Формирование базы наставников",
      "4. Отбор и обучение наставников",
      "5. Формирование наставнических пар или групп",
      "6. Организация работы наставнических пар или групп",
      "7. Завершение наставничества",
    ]);
    const team = find(parsed, "Формирование команды и выбор куратора");
    expect(team).toMatchObject({
      window: { start: "2020-12-20", end: "2020-12-20" },
      people: ["Гапончикова Л.В."],
      document: "Приказ ОУ",
    });
    expect(find(parsed, "Информационное продвижение наставничества").window).toEqual({
      start: "2020-12-01",
      end: "2020-12-31",
    });
    expect(find(parsed, "Поиск потенциальных наставников").people).toEqual([
      "Иванова Л.В.",
      "Краля Н.А.",
      "Леонтьев Д.Н.",
      "Макарова Т.Н.",
    ]);
    expect(find(parsed, "Выявление конкретных проблем обучающихся").people).toEqual([
      "Кельчина Т.С.",
      "Пяткова С.И.",
    ]);
    // Rows without a deadline are kept and listed.
    expect(parsed.report.unrecognisedDeadlines.length).toBeGreaterThan(20);
    expect(parsed.items.length).toBe(parsed.report.unrecognisedDeadlines.length + 6);
  });
});
