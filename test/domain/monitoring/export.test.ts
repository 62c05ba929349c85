// The regional export: one row per indicator with a value, the fixed header, CSV for Russian Excel.

import { describe, expect, it } from "vitest";
import {
  academicYearText,
  EXPORT_HEADERS,
  exportCells,
  exportCsv,
  exportRows,
} from "../../../src/domain/monitoring/export";
import { computeIndicators, type Indicator } from "../../../src/domain/monitoring/indicators";
import { schoolInput, TODAY } from "../../fixtures/monitoring-school";

const SETTINGS = { orgShortName: "МБОУ СОШ № 7", orgFullName: "Средняя школа № 7", regionCode: "5401007" };

const ind = (code: string, value: number | null, unit: Indicator["unit"], label = code): Indicator => ({
  section: "Охват",
  code,
  label,
  value,
  unit,
  target: null,
  note: "",
});

describe("exportRows", () => {
  it("has the header of «Выгрузка в регион»", () => {
    expect(EXPORT_HEADERS).toEqual([
      "Организация",
      "Код организации",
      "Учебный год",
      "Код показателя",
      "Показатель",
      "Значение",
      "Единица",
    ]);
  });

  it("gives one row per indicator of the fixture school, numbers only", () => {
    const rows = exportRows(SETTINGS, academicYearText(2025), computeIndicators(schoolInput(), TODAY));
    // 85 indicators of the fixture school (the list in indicators.test.ts), all with a value.
    expect(rows).toHaveLength(85);
    expect(rows[0]).toEqual({
      org: "МБОУ СОШ № 7",
      orgCode: "5401007",
      year: "2025/2026",
      code: "mentees.total",
      indicator: "Наставляемых в базе",
      value: 13,
      unit: "чел.",
    });
    expect(rows.find((r) => r.code === "coverage.students_base")).toMatchObject({ value: 7, unit: "чел." });
    expect(rows.find((r) => r.code === "coverage.students_pct")).toMatchObject({ value: 57.1, unit: "%" });
    for (const r of rows) expect(typeof r.value).toBe("number");
    const text = JSON.stringify(rows);
    for (const name of ["Абрамова", "Галкин", "Жданова"]) expect(text).not.toContain(name);
  });

  it("leaves out indicators without a value and falls back to the full name", () => {
    const rows = exportRows({ orgShortName: " ", orgFullName: "Школа № 1", regionCode: "" }, "2025/2026", [
      ind("coverage.pct", null, "%"),
      ind("coverage.covered", 0, "чел."),
    ]);
    expect(rows.map((r) => [r.org, r.orgCode, r.code, r.value])).toEqual([
      ["Школа № 1", "", "coverage.covered", 0],
    ]);
  });

  it("lays the rows out in the header's order", () => {
    const rows = exportRows(SETTINGS, "2025/2026", [ind("coverage.pct", 57.1, "%", "Охват обучающихся")]);
    expect(exportCells(rows)).toEqual([
      ["МБОУ СОШ № 7", "5401007", "2025/2026", "coverage.pct", "Охват обучающихся", 57.1, "%"],
    ]);
  });
});

describe("exportCsv", () => {
  it("writes a BOM, `;` between fields, a decimal comma, CRLF and quotes where needed", () => {
    const rows = exportRows({ ...SETTINGS, orgShortName: 'МБОУ "Лицей; № 2"' }, "2025/2026", [
      ind("coverage.pct", 57.1, "%", "Охват обучающихся"),
      ind("mentees.total", 13, "чел.", "Наставляемых в базе"),
    ]);
    expect(exportCsv(rows)).toBe(
      "\uFEFFОрганизация;Код организации;Учебный год;Код показателя;Показатель;Значение;Единица\r\n" +
        '"МБОУ ""Лицей; № 2""";5401007;2025/2026;coverage.pct;Охват обучающихся;57,1;%\r\n' +
        '"МБОУ ""Лицей; № 2""";5401007;2025/2026;mentees.total;Наставляемых в базе;13;чел.\r\n',
    );
  });

  it("writes just the header when there is nothing to export", () => {
    expect(exportCsv([])).toBe(
      "\uFEFFОрганизация;Код организации;Учебный год;Код показателя;Показатель;Значение;Единица\r\n",
    );
  });
});
