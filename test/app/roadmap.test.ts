import { describe, expect, it } from "vitest";
import { readRecords } from "../../src/app/records";
import { importRoadmap, readRoadmapProgress, refreshRoadmap, templateDrafts } from "../../src/app/roadmap";
import { writeSettings } from "../../src/app/settings";
import { setupWorkbook } from "../../src/app/setup";
import { importRoadmapDocument } from "../../src/domain/roadmap/import";
import type { SourceDocument } from "../../src/domain/roadmap/source";
import { roadmapTemplate } from "../../src/domain/roadmap/templates";
import { MemoryWorkbook, memoryEnv } from "../fakes/memory";

const doc: SourceDocument = {
  name: "карта.docx",
  tables: [
    {
      rows: [
        { cells: ["№", "Наименование этапа", "Содержание деятельности", "Сроки", "Ответственные"] },
        {
          cells: [
            "1.",
            "Формирование банка наставляемых",
            "1.Анкетирование педагогов. 2.Сбор согласий.",
            "Сентябрь - октябрь",
            "Дианова Н.В.\nЛитовченко Л.И.",
          ],
        },
        { cells: ["2.", "Отбор наставников", "Собеседование", "до 15 ноября", "Куратор"] },
        { cells: ["3.", "Итоги", "Круглый стол", "своевременно", "Классные руководители"] },
      ],
    },
  ],
};

function ready(now = new Date(2025, 9, 15, 9, 0)) {
  const env = memoryEnv(new MemoryWorkbook(), now);
  setupWorkbook(env);
  writeSettings(env.workbook, { academicYearStart: "01.09.2025" });
  env.workbook.append("Команда", [
    ["К-0001", "Дианова Наталья Викторовна", "Куратор", "", "dianova@school.ru", "", true],
  ]);
  return env;
}

describe("importing a school's roadmap", () => {
  it("writes the items with dates of the academic year, statuses and the report", () => {
    const env = ready();
    const result = importRoadmap(env, (year) => importRoadmapDocument(doc, year));
    expect(result).toMatchObject({
      needsDecision: false,
      added: 4,
      skippedDuplicates: 0,
      academicYear: 2025,
    });
    const rows = readRecords(env.workbook, "roadmap").rows.map((r) => r.record);
    expect(rows.map((r) => r.id)).toEqual(["ДК-0001", "ДК-0002", "ДК-0003", "ДК-0004"]);
    expect(rows[0]).toMatchObject({
      stageNo: "1",
      event: "Анкетирование педагогов",
      start: { year: 2025, month: 9, day: 1 },
      deadline: { year: 2025, month: 10, day: 31 },
      deadlineText: "Сентябрь - октябрь",
      owners: "Дианова Н.В.; Литовченко Л.И.",
      status: "Не начато",
      overdue: false,
      daysLeft: 16,
    });
    // Not understood: raw text kept, marked, listed — never guessed.
    expect(rows[3]).toMatchObject({ deadline: null, deadlineText: "своевременно" });
    expect(rows[3]?.comment).toMatch(/^Срок не распознан/);
    expect(result.lines.join("\n")).toMatch(/срок не распознан «своевременно»/);
    // Дианова is in «Команда»; Литовченко and the class teachers are not.
    expect(result.unmatchedOwners).toEqual(["Литовченко Л.И.", "Классные руководители"]);
    const journal = readRecords(env.workbook, "journal").rows.at(-1)?.record;
    expect(journal).toMatchObject({ action: "Импорт дорожной карты", outcome: "с предупреждениями" });
    // Colours are applied to the sheet.
    expect(
      env.workbook.layouts
        .get("Дорожная карта")
        ?.at(-1)
        ?.conditional?.map((r) => r.id),
    ).toEqual(["roadmap-overdue", "roadmap-soon", "roadmap-done"]);
  });

  it("asks before touching a non-empty roadmap; append adds nothing twice", () => {
    const env = ready();
    importRoadmap(env, (year) => importRoadmapDocument(doc, year));
    const before = JSON.stringify(env.workbook.read("Дорожная карта"));
    const ask = importRoadmap(env, (year) => importRoadmapDocument(doc, year));
    expect(ask.needsDecision).toBe(true);
    expect(ask.lines[0]).toMatch(/уже 4 мероприятий/);
    expect(JSON.stringify(env.workbook.read("Дорожная карта"))).toBe(before);
    const again = importRoadmap(env, (year) => importRoadmapDocument(doc, year), { mode: "append" });
    expect(again).toMatchObject({ added: 0, skippedDuplicates: 4 });
    expect(readRecords(env.workbook, "roadmap").rows).toHaveLength(4);
  });

  it("replace keeps the old roadmap, with the curator's marks, in an archive sheet", () => {
    const env = ready();
    importRoadmap(env, (year) => importRoadmapDocument(doc, year));
    const table = readRecords(env.workbook, "roadmap");
    const statusCol = (table.columns.index.get("status") ?? 0) + 1;
    env.workbook.write("Дорожная карта", [{ row: 2, col: statusCol, value: "Выполнено" }]);
    const template = roadmapTemplate("teachers");
    if (!template) throw new Error("no template");
    const result = importRoadmap(env, (year) => templateDrafts(template, year), { mode: "replace" });
    expect(result.archivedTo).toBe("Архив дорожной карты 15.10.25");
    expect(result.replaced).toBe(4);
    const archive = env.workbook.read("Архив дорожной карты 15.10.25") ?? [];
    expect(archive).toHaveLength(5);
    expect(archive[1]?.[statusCol - 1]).toBe("Выполнено");
    const rows = readRecords(env.workbook, "roadmap").rows;
    expect(rows).toHaveLength(template.items.length);
    // IDs are never reused.
    expect(rows[0]?.record.id).toBe("ДК-0005");
  });
});

describe("templates", () => {
  it.each(["teachers", "students"])("«%s» loads with every deadline resolved in the academic year", (key) => {
    const env = ready();
    const template = roadmapTemplate(key);
    if (!template) throw new Error("no template");
    const result = importRoadmap(env, (year) => templateDrafts(template, year));
    expect(result.added).toBe(template.items.length);
    expect(result.report.unrecognisedDeadlines).toEqual([]);
    const rows = readRecords(env.workbook, "roadmap").rows.map((r) => r.record);
    for (const r of rows) {
      expect(r.deadline, r.event).not.toBeNull();
      const iso = `${r.deadline?.year}-${String(r.deadline?.month).padStart(2, "0")}`;
      expect(iso >= "2025-09" && iso <= "2026-06", `${r.event}: ${iso}`).toBe(true);
    }
  });
});

describe("tracking", () => {
  it("flags overdue items on a later day and writes only what changed", () => {
    const env = ready();
    importRoadmap(env, (year) => importRoadmapDocument(doc, year));
    const later = memoryEnv(env.workbook, new Date(2025, 10, 20));
    later.metaMap.clear();
    const writesBefore = env.workbook.writes;
    const refresh = refreshRoadmap(later);
    // Items due 31.10 and 15.11 are now overdue: overdue and days left change for 3 rows.
    expect(refresh.changedCells).toBe(6);
    expect(env.workbook.writes).toBe(writesBefore + 1);
    expect(refresh.progress).toMatchObject({ total: 4, overdue: 3, withoutDeadline: 1 });
    expect(refreshRoadmap(later).changedCells).toBe(0);
    const progress = readRoadmapProgress(env.workbook, new Date(2025, 10, 20));
    expect(progress?.overdue).toBe(3);
  });
});
