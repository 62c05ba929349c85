// «Свести выгрузки школ» in a regional workbook, over the Apps Script fakes: every sheet holding
// the export layout is a source, «Свод по школам» is created or rewritten, the journal gets a line,
// and the service calls do not grow with the number of rows.

import { afterEach, describe, expect, it, vi } from "vitest";
import { combineRegion, REGION_SHEET, regionAlertText } from "../../src/app/region";
import type { CellValue } from "../../src/domain/cells";
import { gasEnv } from "../../src/gas/env";
import { MENU_ITEMS } from "../../src/gas/menu";
import { menuCombineRegion } from "../../src/gas/region";
import { createGasEnvironment, type GasEnvironment } from "../fakes/gas";

const HEADER = [
  "Организация",
  "Код организации",
  "Учебный год",
  "Код показателя",
  "Показатель",
  "Значение",
  "Единица",
];

/** `schools` schools on one sheet, each with mentees.total = 10·k, in_pair = 6·k, coverage 60 %. */
function exportSheet(first: number, schools: number): CellValue[][] {
  const rows: CellValue[][] = [HEADER];
  for (let k = first; k < first + schools; k++) {
    const org = `Школа № ${k}`;
    const code = String(k).padStart(3, "0");
    rows.push(
      [org, code, "2025/2026", "mentees.total", "Наставляемых всего", 10 * k, "чел."],
      [org, code, "2025/2026", "mentees.in_pair", "Наставляемых в паре", 6 * k, "чел."],
      [org, code, "2025/2026", "coverage", "Охват наставничеством", 60, "%"],
    );
  }
  return rows;
}

function regional(schoolsPerSheet: number): GasEnvironment {
  const fake = createGasEnvironment({ sheetNames: ["Заметки"] });
  fake.seed("Заметки", [["Список школ района"], ["Школа № 1", "сдала"]]);
  fake.seed("Школа 1", exportSheet(1, schoolsPerSheet));
  fake.seed("Школа 2", exportSheet(1 + schoolsPerSheet, schoolsPerSheet));
  fake.seed("Школа 3", exportSheet(1 + 2 * schoolsPerSheet, schoolsPerSheet));
  return fake;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("combineRegion over the Apps Script fakes", () => {
  it("combines every export sheet into «Свод по школам», with totals, and logs to «Журнал»", () => {
    const fake = regional(1);
    const env = gasEnv(fake.globals);
    const combined = combineRegion(env);
    expect(combined.sources).toEqual(["Школа 1", "Школа 2", "Школа 3"]);
    expect(combined.result.problems).toEqual([]);
    const table = env.workbook.read(REGION_SHEET);
    expect(table?.[1]).toEqual([
      "Код показателя",
      "",
      "",
      "",
      "mentees.total",
      "mentees.in_pair",
      "coverage",
    ]);
    // Sheets takes «001» for the number 1 (as it does when a CSV is imported): codes show as 1, 2, 3.
    expect(table?.slice(3).map((r) => r.slice(0, 4))).toEqual([
      ["Школа № 1", "1", "2025/2026", "Школа 1"],
      ["Школа № 2", "2", "2025/2026", "Школа 2"],
      ["Школа № 3", "3", "2025/2026", "Школа 3"],
      ["Итого", "3 школы", "2025/2026", ""],
    ]);
    // 10 + 20 + 30 = 60; 6 + 12 + 18 = 36; 100 · 36 / 60 = 60.
    expect(table?.at(-1)?.slice(4)).toEqual([60, 36, 60]);
    const sheet = fake.spreadsheet.getSheetByName(REGION_SHEET);
    expect(sheet?.getFrozenRows()).toBe(3);
    const journal = env.workbook.read("Журнал");
    expect(journal?.at(-1)?.[1]).toBe("Свести выгрузки школ");
    expect(journal?.at(-1)?.[3]).toBe("успешно");
    expect(String(journal?.at(-1)?.[4])).toContain("Листы: «Школа 1», «Школа 2», «Школа 3».");
    expect(regionAlertText(combined)).toBe(
      [
        "Сведено 3 школы (использовано источников: 3 из 3); показателей: 3.",
        "Учебный год: 2025/2026.",
        "«Итого»: сумм — 2, пересчитано по исходным числам — 1, средних по школам — 0.",
        "Таблица — на листе «Свод по школам».",
      ].join("\n"),
    );
  });

  it("a second run rewrites the same table; fewer schools leave no old rows behind", () => {
    const fake = regional(4);
    const env = gasEnv(fake.globals);
    combineRegion(env);
    const first = env.workbook.read(REGION_SHEET);
    expect(first).toHaveLength(3 + 12 + 1);
    combineRegion(env);
    expect(env.workbook.read(REGION_SHEET)).toEqual(first);
    expect(env.workbook.sheetNames().filter((n) => n === REGION_SHEET)).toHaveLength(1);

    // «Школа 3» is no longer an export: only 8 schools remain and the old rows are cleared.
    const blank = exportSheet(9, 4).map((r) => r.map((): CellValue => ""));
    (blank[0] as CellValue[])[0] = "Примечание";
    fake.seed("Школа 3", blank);
    const again = combineRegion(env);
    expect(again.sources).toEqual(["Школа 1", "Школа 2"]);
    const table = env.workbook.read(REGION_SHEET);
    expect(table).toHaveLength(3 + 8 + 1);
    expect(table?.at(-1)?.slice(0, 2)).toEqual(["Итого", "8 школ"]);
  });

  it("reports a non-number value with its sheet and row, and logs «с предупреждениями»", () => {
    const fake = regional(1);
    fake.seed("Школа 2", [
      [],
      [],
      ["Школа № 2", "002", "2025/2026", "mentees.in_pair", "Наставляемых в паре", "—?", "чел."],
    ]);
    const env = gasEnv(fake.globals);
    const combined = combineRegion(env);
    expect(combined.result.problems).toContain(
      "лист «Школа 2», строка 3: «Значение» = «—?» — не число; показатель «mentees.in_pair» не учтён.",
    );
    expect(env.workbook.read("Журнал")?.at(-1)?.[3]).toBe("с предупреждениями");
    expect(regionAlertText(combined)).toContain("Замечания (1):\n• лист «Школа 2», строка 3:");
  });

  it("makes the same number of service calls for 3 and for 300 schools (one read per sheet, one write)", () => {
    const counts = [1, 100].map((perSheet) => {
      const fake = regional(perSheet);
      const env = gasEnv(fake.globals);
      fake.calls.reset();
      const combined = combineRegion(env);
      expect(combined.result.schools).toBe(3 * perSheet);
      const calls = fake.calls.snapshot();
      fake.calls.reset();
      combineRegion(env);
      return { first: calls, second: fake.calls.snapshot() };
    });
    const [small, large] = counts as [(typeof counts)[0], (typeof counts)[0]];
    expect(large.first.total).toBe(small.first.total);
    expect(large.second.total).toBe(small.second.total);
    expect(large.second.byMethod["Range.getValues"]).toBe(small.second.byMethod["Range.getValues"]);
    expect(large.second.byMethod["Range.setValues"]).toBe(small.second.byMethod["Range.setValues"]);
    // The rewrite: one setValues for the table, one for the journal line.
    expect(small.second.byMethod["Range.setValues"]).toBe(2);
  });

  it("without any export sheet: a Russian error saying how to bring the schools' CSV in", () => {
    const fake = createGasEnvironment({ sheetNames: ["Лист1"] });
    expect(() => combineRegion(gasEnv(fake.globals))).toThrow(/Файл → Импортировать → Загрузить/);
  });
});

describe("menu «Свести выгрузки школ»", () => {
  function install(fake: GasEnvironment): void {
    vi.stubGlobal("SpreadsheetApp", fake.globals.SpreadsheetApp);
    vi.stubGlobal("PropertiesService", fake.globals.PropertiesService);
    vi.stubGlobal("LockService", fake.globals.LockService);
    vi.stubGlobal("Session", fake.globals.Session);
  }

  it("is in the menu and shows the summary in an alert", () => {
    expect(MENU_ITEMS).toContainEqual({ label: "Свести выгрузки школ", fn: "menuCombineRegion" });
    const fake = regional(1);
    install(fake);
    menuCombineRegion();
    expect(fake.ui.alerts.at(-1)?.title).toBe("Свод по школам");
    expect(fake.ui.alerts.at(-1)?.prompt).toMatch(/^Сведено 3 школы/);
  });

  it("shows the reason when nothing can be combined, and logs the failure", () => {
    const fake = createGasEnvironment({ sheetNames: ["Лист1"] });
    install(fake);
    menuCombineRegion();
    expect(fake.ui.alerts.at(-1)?.title).toBe("Свод не выполнен");
    expect(fake.ui.alerts.at(-1)?.prompt).toMatch(/^В книге нет ни одного листа с выгрузкой школы/);
    const journal = gasEnv(fake.globals).workbook.read("Журнал");
    expect(journal?.at(-1)?.slice(1, 4)).toEqual(["Свести выгрузки школ", "kurator@school.ru", "ошибка"]);
  });
});
