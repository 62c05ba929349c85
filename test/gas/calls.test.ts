// Service calls of whole use cases do not grow with the number of rows.
import { describe, expect, it } from "vitest";
import { intakeResponses } from "../../src/app/intake";
import { readRecords } from "../../src/app/records";
import { importRoadmap, refreshRoadmap } from "../../src/app/roadmap";
import { setupWorkbook } from "../../src/app/setup";
import { importRoadmapDocument } from "../../src/domain/roadmap/import";
import { sheetDef } from "../../src/domain/schema";
import { gasEnv } from "../../src/gas/env";
import { createGasEnvironment } from "../fakes/gas";

function menteeRows(n: number): unknown[][] {
  const headers = sheetDef("mentees").columns.map((c) => c.header);
  const rows: unknown[][] = [headers];
  for (let i = 1; i <= n; i++) {
    rows.push(
      headers.map((h) =>
        h === "ID"
          ? `НЯ-${String(i).padStart(4, "0")}`
          : h === "ФИО"
            ? `Ученик ${i}`
            : h === "Статус"
              ? "Ожидает пары"
              : h === "Категория"
                ? "Обучающийся"
                : h === "Дата рождения"
                  ? new Date(2010, i % 12, (i % 27) + 1)
                  : "",
      ),
    );
  }
  return rows;
}

/** Set-up on a workbook that already holds `n` mentees, then a full read of the base. */
function measure(n: number) {
  const fake = createGasEnvironment();
  const env = gasEnv(fake.globals);
  setupWorkbook(env);
  fake.seed("Наставляемые", menteeRows(n));
  fake.calls.reset();
  const report = setupWorkbook(env);
  const setupCalls = fake.calls.snapshot();
  fake.calls.reset();
  const table = readRecords(env.workbook, "mentees");
  const readCalls = fake.calls.snapshot();
  return { report, setupCalls, readCalls, rows: table.rows.length };
}

describe("service calls do not grow with rows", () => {
  it("set-up and reading a base of 10 and of 5,000 rows make the same calls", () => {
    const small = measure(10);
    const large = measure(5000);
    expect(small.rows).toBe(10);
    expect(large.rows).toBe(5000);
    expect(large.report.changed).toBe(false);
    expect(large.setupCalls).toEqual(small.setupCalls);
    expect(large.readCalls).toEqual(small.readCalls);
    expect(large.readCalls.total).toBeLessThanOrEqual(4);
  });

  it("first set-up of an empty workbook makes a bounded number of calls", () => {
    const fake = createGasEnvironment();
    setupWorkbook(gasEnv(fake.globals));
    // Per sheet: a read, a header write, a layout of its columns — nothing per row.
    expect(fake.calls.total).toBeLessThan(3000);
    expect(fake.calls.byMethod["Range.setValues"]).toBeLessThanOrEqual(40);
  });
});

describe("roadmap service calls do not grow with rows", () => {
  function roadmapOf(n: number) {
    const fake = createGasEnvironment();
    const env = gasEnv(fake.globals);
    setupWorkbook(env);
    const events = Array.from({ length: n }, (_, i) => ({
      cells: [`Мероприятие ${i + 1}`, i % 2 ? "Сентябрь - октябрь" : "до 15 мая", "Куратор"],
    }));
    const doc = {
      name: "карта",
      tables: [{ rows: [{ cells: ["Мероприятие", "Сроки", "Ответственные"] }, ...events] }],
    };
    fake.calls.reset();
    importRoadmap(env, (year) => importRoadmapDocument(doc, year), {});
    const importCalls = fake.calls.snapshot();
    fake.calls.reset();
    refreshRoadmap(env);
    const refreshCalls = fake.calls.snapshot();
    return { importCalls, refreshCalls };
  }

  it("import and refresh of 10 and of 900 items make the same calls", () => {
    const small = roadmapOf(10);
    const large = roadmapOf(900);
    expect(large.importCalls).toEqual(small.importCalls);
    expect(large.refreshCalls).toEqual(small.refreshCalls);
  });

  it("beyond the 1,000-row grid, one call grows it, whatever the number of rows", () => {
    const small = roadmapOf(10);
    const huge = roadmapOf(3000);
    expect(huge.importCalls.total).toBe(small.importCalls.total + 1);
    expect(huge.importCalls.byMethod["Sheet.insertRowsAfter"]).toBe(1);
    expect(huge.refreshCalls).toEqual(small.refreshCalls);
  });
});

describe("intake service calls do not grow with rows", () => {
  function intakeOf(n: number) {
    const fake = createGasEnvironment();
    const env = gasEnv(fake.globals);
    setupWorkbook(env);
    const rows: unknown[][] = [
      [
        "Отметка времени",
        "Кто вы",
        "Фамилия, имя, отчество",
        "Адрес электронной почты",
        "Должность или класс (группа)",
        "С чем вам нужна помощь наставника",
        "Согласие на обработку персональных данных",
      ],
    ];
    for (let i = 1; i <= n; i++) {
      rows.push([
        new Date(2025, 8, 10, 9, 0, i),
        "Педагог",
        `Педагог Номер ${i}`,
        `t${i}@school.ru`,
        "Учитель",
        "Работа с родителями",
        "Даю согласие",
      ]);
    }
    fake.seed("Ответы", rows);
    fake.calls.reset();
    const report = intakeResponses(env, "mentee", {
      name: "Ответы",
      values: env.workbook.read("Ответы") ?? [],
    });
    return { report, calls: fake.calls.snapshot() };
  }

  it("taking in 10 and 800 responses makes the same calls", () => {
    const small = intakeOf(10);
    const large = intakeOf(800);
    expect(small.report.created).toBe(10);
    expect(large.report.created).toBe(800);
    expect(large.calls).toEqual(small.calls);
  });
});
