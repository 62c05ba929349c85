import { describe, expect, it } from "vitest";
import { parseDeadline } from "../../../src/domain/roadmap/deadline";
import {
  describeImport,
  importRoadmapDocument,
  occurrenceForYear,
  recogniseHeader,
} from "../../../src/domain/roadmap/import";
import type { SourceDocument } from "../../../src/domain/roadmap/source";

const row = (...cells: string[]) => ({ cells });
const section = (text: string, width: number) => ({
  cells: [text, ...new Array(width - 1).fill("")],
  spanning: true,
});

describe("recogniseHeader", () => {
  it.each([
    ["Мероприятие", "event"],
    ["Наименование мероприятия", "event"],
    ["Содержание деятельности и план мероприятий", "event"],
    ["Содержание деятельности и примерный план мероприятий", "event"],
    ["Сроки", "deadline"],
    ["Срок реализации", "deadline"],
    ["Ответственные", "owners"],
    ["Ответственный исполнитель", "owners"],
    ["Ожидаемый результат", "expectedResult"],
    ["Результат. Вид документа", "document"],
    ["Документ", "document"],
    ["Этап", "stage"],
    ["Наименование этапа", "stage"],
    ["Этапы", "stage"],
    ["№ п/п", "stageNo"],
    ["№", "stageNo"],
    ["№ этапа", "stageNo"],
    ["Работа с внешней средой", null],
  ])("%s → %s", (header, field) => {
    expect(recogniseHeader(header)).toBe(field);
  });
});

describe("importRoadmapDocument", () => {
  it("reads stages, splits numbered sub-items sharing deadline and owners, parses deadlines and owners", () => {
    const doc: SourceDocument = {
      name: "карта.docx",
      tables: [
        {
          rows: [
            row(
              "№",
              "Наименование этапа",
              "Содержание деятельности и план мероприятий",
              "Сроки",
              "Ответственные",
            ),
            row(
              "1.",
              "Формирование банка наставляемых",
              "1.Сбор запросов педагогов. 2.Сбор согласий на обработку персональных данных.",
              "Сентябрь - октябрь",
              "Дианова Н.В.\nЛитовченко Л.И.",
            ),
            row(
              "2.",
              "Формирование банка наставников",
              "Анкетирование наставников",
              "Когда-нибудь",
              "Администрация школы",
            ),
            row("", "", "Обучение наставников", "", ""),
          ],
        },
      ],
    };
    const { items, report } = importRoadmapDocument(doc, 2021);
    expect(items.map((i) => [i.stageNo, i.stage, i.event])).toEqual([
      ["1", "Формирование банка наставляемых", "Сбор запросов педагогов"],
      ["1", "Формирование банка наставляемых", "Сбор согласий на обработку персональных данных"],
      ["2", "Формирование банка наставников", "Анкетирование наставников"],
      ["2", "Формирование банка наставников", "Обучение наставников"],
    ]);
    expect(items[0]?.window).toEqual({ start: "2021-09-01", end: "2021-10-31" });
    expect(items[1]?.owners.people).toEqual(["Дианова Н.В.", "Литовченко Л.И."]);
    expect(items[2]?.owners.roles).toEqual(["Администрация школы"]);
    expect(items[2]?.deadline.recognised).toBe(false);
    expect(items[2]?.deadline.raw).toBe("Когда-нибудь");
    expect(report.unrecognisedDeadlines.map((u) => u.raw)).toEqual(["Когда-нибудь", ""]);
    const lines = describeImport({ items, report });
    expect(lines.join("\n")).toMatch(/срок не распознан «Когда-нибудь»/);
    expect(lines.join("\n")).toMatch(/Срок не указан у 1 мероприятий/);
  });

  it("turns spanning section rows into stages and skips a table without events, saying why", () => {
    const doc: SourceDocument = {
      name: "план.docx",
      tables: [
        {
          rows: [
            row("№ п/п", "Этапы", "Работа внутри организации", "Работа с внешней средой"),
            row("1.", "Подготовка", "· a", "· b"),
          ],
        },
        {
          rows: [
            row(
              "Наименование мероприятия",
              "Ожидаемый результат",
              "Срок реализации",
              "Ответственный исполнитель",
              "Документ",
            ),
            section("Подготовка условий для запуска программы наставничества", 5),
            row(
              "Разработка «дорожной карты»",
              "Дорожная карта",
              "20 декабря 2020 года",
              "",
              "Дорожная карта",
            ),
            section("Формирование базы наставляемых", 5),
            row(
              "Наименование мероприятия",
              "Ожидаемый результат",
              "Срок реализации",
              "Ответственный исполнитель",
              "Документ",
            ),
            row(
              "Выявление проблем обучающихся",
              "Перечень проблем",
              "декабрь 2020 года",
              "Кельчина Т.С.\n\nПяткова С.И.",
              "",
            ),
            row("", "Согласие", "", "", "Согласие"),
          ],
        },
      ],
    };
    const { items, report } = importRoadmapDocument(doc, 2020);
    expect(report.tablesUsed).toEqual(["таблица 2"]);
    expect(report.tablesSkipped[0]).toMatch(/^таблица 1 .*нет столбца мероприятий/);
    expect(items.map((i) => [i.stageNo, i.stage, i.event, i.document])).toEqual([
      [
        "1",
        "Подготовка условий для запуска программы наставничества",
        "Разработка «дорожной карты»",
        "Дорожная карта",
      ],
      ["2", "Формирование базы наставляемых", "Выявление проблем обучающихся", ""],
    ]);
    expect(items[0]?.window).toEqual({ start: "2020-12-20", end: "2020-12-20" });
    expect(items[1]?.owners.people).toEqual(["Кельчина Т.С.", "Пяткова С.И."]);
    // The row without an event is reported, not silently dropped.
    expect(report.rowsSkipped).toEqual([
      { origin: "таблица 2, строка 7", reason: expect.stringMatching(/нет текста мероприятия/) },
    ]);
  });

  it("in CSV a lone text outside the event column is a section; in the event column it is an event", () => {
    const doc: SourceDocument = {
      name: "карта.csv",
      tables: [
        {
          rows: [
            row("№", "Мероприятие", "Сроки", "Ответственные"),
            row("Подготовительный этап", "", "", ""),
            row("1", "Приказ о назначении куратора", "Сентябрь", "Директор"),
            row("", "Консультации по запросу", "", ""),
          ],
        },
      ],
    };
    const { items } = importRoadmapDocument(doc, 2025);
    expect(items.map((i) => [i.stage, i.event])).toEqual([
      ["Подготовительный этап", "Приказ о назначении куратора"],
      ["Подготовительный этап", "Консультации по запросу"],
    ]);
  });

  it("reports deadlines outside the chosen academic year", () => {
    const doc: SourceDocument = {
      name: "x",
      tables: [{ rows: [row("Мероприятие", "Сроки"), row("Анкетирование", "1.10.2021")] }],
    };
    expect(importRoadmapDocument(doc, 2025).report.outsideYear).toHaveLength(1);
    expect(importRoadmapDocument(doc, 2021).report.outsideYear).toHaveLength(0);
  });
});

describe("occurrenceForYear", () => {
  it("picks this year's occurrence of repeated phrases, or the span of several", () => {
    expect(occurrenceForYear(parseDeadline("Май 2022 Май 2023 Май 2024", 2022), 2022)).toEqual({
      start: "2023-05-01",
      end: "2023-05-31",
    });
    expect(occurrenceForYear(parseDeadline("ежемесячно", 2025), 2025)).toEqual({
      start: "2025-09-01",
      end: "2026-05-31",
    });
    expect(occurrenceForYear(parseDeadline("", 2025), 2025)).toBeNull();
  });
});
