import { describe, expect, it } from "vitest";
import type { CellValue } from "../../src/domain/cells";
import { sheetDef } from "../../src/domain/schema";
import {
  describeIssue,
  mapColumns,
  type RecordOf,
  readTable,
  recordChanges,
  recordToRow,
  SchemaError,
} from "../../src/domain/table";

const headers = sheetDef("mentors").columns.map((c) => c.header);

function mentor(overrides: Partial<RecordOf<"mentors">> = {}): Partial<RecordOf<"mentors">> {
  return {
    id: "НР-0001",
    status: "Отобран",
    category: "Педагог",
    contour: "Внутренний",
    fullName: "Фёдорова Алёна Игоревна",
    email: "fedorova@school.ru",
    phone: "+7 912 345-67-89",
    experienceYears: 12,
    competences: ["Работа с родителями", "Подготовка к ОГЭ и ЕГЭ"],
    capacity: 3,
    consent: true,
    consentDate: { year: 2025, month: 9, day: 3 },
    ...overrides,
  };
}

describe("records ↔ rows", () => {
  it("round-trips a record through a row", () => {
    const map = mapColumns(sheetDef("mentors").columns, headers);
    const row = recordToRow("mentors", mentor(), map);
    const table = readTable("mentors", [headers, row]);
    expect(table.issues).toEqual([]);
    expect(table.rows).toHaveLength(1);
    const rec = table.rows[0]?.record;
    expect(rec?.fullName).toBe("Фёдорова Алёна Игоревна");
    expect(rec?.competences).toEqual(["Работа с родителями", "Подготовка к ОГЭ и ЕГЭ"]);
    expect(rec?.consentDate).toEqual({ year: 2025, month: 9, day: 3 });
    expect(rec?.consent).toBe(true);
    expect(rec?.capacity).toBe(3);
    expect(rec?.trained).toBe(false);
    expect(rec?.hoursPerMonth).toBeNull();
    expect(table.rows[0]?.row).toBe(2);
  });

  it("reads by header, not by position: reordered columns and the curator's own columns", () => {
    // Reverse the columns and put two of the curator's own columns in between.
    const reordered: string[] = [...headers].reverse();
    reordered.splice(3, 0, "Моя пометка");
    reordered.push("Ещё столбец");
    const original = mapColumns(sheetDef("mentors").columns, reordered);
    const row = recordToRow("mentors", mentor(), original);
    row[3] = "важно";
    row[reordered.length - 1] = "не трогать";
    const table = readTable("mentors", [reordered, row]);
    expect(table.rows[0]?.record.fullName).toBe("Фёдорова Алёна Игоревна");
    expect(table.rows[0]?.record.email).toBe("fedorova@school.ru");
    expect(table.columns.extras.map((e) => e.header)).toEqual(["Моя пометка", "Ещё столбец"]);
    // Writing a change touches only the changed cell, never the curator's columns.
    const changes = recordChanges(
      "mentors",
      2,
      table.rows[0]?.record as RecordOf<"mentors">,
      { status: "Обучен", fullName: "Фёдорова Алёна Игоревна" },
      table.columns,
    );
    // Conditional: the value read and the record's ID go with it (see WorkbookPort.write).
    expect(changes).toEqual([
      {
        row: 2,
        col: reordered.indexOf("Статус") + 1,
        value: "Обучен",
        expect: "Отобран",
        rowKey: { col: reordered.indexOf("ID") + 1, value: "НР-0001" },
      },
    ]);
  });

  it("recognises aliases and headers with stray punctuation and ё/е", () => {
    const h = headers.map((x) =>
      x === "ФИО" ? "Фамилия, имя, отчество*" : x === "Email" ? "Адрес электронной почты" : x,
    );
    const map = mapColumns(sheetDef("mentors").columns, h);
    expect(map.missing).toEqual([]);
  });

  it("skips empty rows and reports bad cells with sheet, row and column", () => {
    const map = mapColumns(sheetDef("mentors").columns, headers);
    const good = recordToRow("mentors", mentor(), map);
    const bad = recordToRow("mentors", mentor({ id: "НР-0002" }), map);
    bad[headers.indexOf("Email")] = "fedorova@";
    bad[headers.indexOf("Стаж, лет")] = "много";
    bad[headers.indexOf("Сколько наставляемых может взять")] = 99;
    const empty: CellValue[] = headers.map(() => "");
    const table = readTable("mentors", [headers, good, empty, bad]);
    expect(table.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(table.issues.map(describeIssue)).toEqual([
      "Лист «Наставники», строка 4, столбец «Email»: «fedorova@» — не похоже на адрес электронной почты",
      "Лист «Наставники», строка 4, столбец «Стаж, лет»: «много» — ожидается число",
      "Лист «Наставники», строка 4, столбец «Сколько наставляемых может взять»: 99 — вне допустимых пределов 0–30",
    ]);
  });

  it("fails with a Russian message naming the sheet and the header when a required column is gone", () => {
    const h = headers.map((x) => (x === "ФИО" ? "Имя участника" : x));
    expect(() => readTable("mentors", [h])).toThrow(SchemaError);
    expect(() => readTable("mentors", [h])).toThrow(/листе «Наставники» нет обязательного столбца «ФИО»/);
  });

  it("lets an optional column be deleted (minimal mode) and reads it as empty", () => {
    const h = headers.filter((x) => x !== "Телефон");
    const table = readTable("mentors", [
      h,
      recordToRow("mentors", mentor(), mapColumns(sheetDef("mentors").columns, h)),
    ]);
    expect(table.columns.missing.map((c) => c.key)).toEqual(["phone"]);
    expect(table.rows[0]?.record.phone).toBe("");
  });

  it("keeps long text whole", () => {
    const map = mapColumns(sheetDef("mentors").columns, headers);
    const long = `${"Очень длинный ответ. ".repeat(3000)}\nВторой абзац.`;
    const row = recordToRow("mentors", mentor({ motivation: long.trim() }), map);
    expect(readTable("mentors", [headers, row]).rows[0]?.record.motivation).toBe(long.trim());
  });
});
