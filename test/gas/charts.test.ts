// The charts adapter over the Sheet fake's embedded charts: the charts of «Мониторинг» are drawn
// once and updated in place afterwards, the curator's own charts are left alone, a deleted chart
// is drawn again, and the service calls do not depend on the number of data rows.

import { describe, expect, it } from "vitest";
import type { ChartSpec } from "../../src/app/ports";
import { chartsMetaKey, parseA1 } from "../../src/gas/charts";
import { gasCharts } from "../../src/gas/env";
import { META_PREFIX } from "../../src/gas/workbook";
import { createGasEnvironment, type FakeSheet, type GasEnvironment } from "../fakes/gas";
import { CHART_MESSAGES, describeCharts } from "../fakes/gas-charts";

const SHEET = "Мониторинг";

const SPECS: ChartSpec[] = [
  {
    key: "coverage",
    title: "Охват наставничеством",
    type: "pie",
    range: "J2:K4",
    anchor: { row: 2, col: 14 },
  },
  {
    key: "pairsByForm",
    title: "Пары по формам",
    type: "column",
    range: "J7:K12",
    anchor: { row: 20, col: 14 },
  },
  {
    key: "satisfaction",
    title: "Удовлетворённость по этапам",
    type: "column",
    range: "J15:L18",
    anchor: { row: 38, col: 14 },
  },
  { key: "roadmap", title: "Дорожная карта", type: "bar", range: "J21:K25", anchor: { row: 56, col: 14 } },
];

function school(rows = 10) {
  const gas = createGasEnvironment({ sheetNames: [SHEET] });
  const values: unknown[][] = [["Раздел", "Код", "Показатель", "Значение"]];
  for (let i = 1; i <= rows; i++) values.push(["Охват", `code.${i}`, `Показатель ${i}`, i]);
  gas.seed(SHEET, values);
  return { gas, sheet: gas.spreadsheet.getSheetByName(SHEET) as FakeSheet, charts: gasCharts(gas.globals) };
}

function storedIds(gas: GasEnvironment): Record<string, number> {
  return JSON.parse(gas.documentProperties.map.get(META_PREFIX + chartsMetaKey(SHEET)) ?? "{}");
}

/** The curator's own chart, drawn through the same API as the UI would. */
function userChart(sheet: FakeSheet, title: string): void {
  sheet.insertChart(
    sheet
      .newChart()
      .asLineChart()
      .addRange(sheet.getRange(1, 3, 11, 2))
      .setOption("title", title)
      .setOption("colors", ["#ff0000"])
      .setPosition(5, 2, 10, 20)
      .build(),
  );
}

describe("charts of a sheet in Apps Script", () => {
  it("draws the four charts once, with type, data, title and place, and keeps their IDs", () => {
    const { gas, sheet, charts } = school();
    expect(charts.ensure(SHEET, SPECS)).toEqual({ created: 4, updated: 0 });
    const drawn = describeCharts(sheet);
    expect(
      drawn.map(({ type, title, ranges, anchor, numHeaders }) => ({
        type,
        title,
        ranges,
        anchor,
        numHeaders,
      })),
    ).toEqual([
      {
        type: "PIE",
        title: "Охват наставничеством",
        ranges: ["J2:K4"],
        anchor: { row: 2, col: 14 },
        numHeaders: 1,
      },
      {
        type: "COLUMN",
        title: "Пары по формам",
        ranges: ["J7:K12"],
        anchor: { row: 20, col: 14 },
        numHeaders: 1,
      },
      {
        type: "COLUMN",
        title: "Удовлетворённость по этапам",
        ranges: ["J15:L18"],
        anchor: { row: 38, col: 14 },
        numHeaders: 1,
      },
      {
        type: "BAR",
        title: "Дорожная карта",
        ranges: ["J21:K25"],
        anchor: { row: 56, col: 14 },
        numHeaders: 1,
      },
    ]);
    expect(drawn[0]?.options["legend.position"]).toBe("right");
    expect(drawn[1]?.options["legend.position"]).toBe("bottom");
    expect(storedIds(gas)).toEqual({
      coverage: drawn[0]?.id,
      pairsByForm: drawn[1]?.id,
      satisfaction: drawn[2]?.id,
      roadmap: drawn[3]?.id,
    });
    expect(new Set(drawn.map((c) => c.id)).size).toBe(4);
  });

  it("updates the same charts on a second ensure: no new chart, the changes of the spec applied", () => {
    const { gas, sheet, charts } = school();
    charts.ensure(SHEET, SPECS);
    const ids = describeCharts(sheet).map((c) => c.id);
    expect(charts.ensure(SHEET, SPECS)).toEqual({ created: 0, updated: 4 });
    expect(describeCharts(sheet).map((c) => c.id)).toEqual(ids);

    // A longer list of forms, another anchor, type and title: the same chart changes, but it
    // stays where it is — the place is set only when a chart is first drawn, so a chart the
    // curator moved by hand is not moved back.
    const changed = SPECS.map((s) =>
      s.key === "pairsByForm"
        ? {
            ...s,
            title: "Пары и группы по формам",
            type: "bar" as const,
            range: "J7:K15",
            anchor: { row: 22, col: 15 },
          }
        : s,
    );
    const placed = describeCharts(sheet)[1]?.anchor;
    expect(charts.ensure(SHEET, changed)).toEqual({ created: 0, updated: 4 });
    const after = describeCharts(sheet);
    expect(after.map((c) => c.id)).toEqual(ids);
    expect(after[1]).toMatchObject({
      type: "BAR",
      title: "Пары и группы по формам",
      ranges: ["J7:K15"],
    });
    expect(placed).toBeDefined();
    expect(after[1]?.anchor).toEqual(placed);
    expect(after[1]?.anchor).not.toEqual({ row: 22, col: 15 });
    // Ranges are replaced, not added to.
    expect(after.every((c) => c.ranges.length === 1)).toBe(true);
    // The IDs did not change: the properties are not written again.
    gas.calls.reset();
    charts.ensure(SHEET, changed);
    expect(gas.calls.byMethod["Properties.setProperty"]).toBeUndefined();
  });

  it("leaves the curator's own charts alone, even drawn before ours", () => {
    const { sheet, charts } = school();
    userChart(sheet, "Мой график");
    const mine = describeCharts(sheet)[0];
    charts.ensure(SHEET, SPECS);
    charts.ensure(
      SHEET,
      SPECS.map((s) => ({ ...s, anchor: { row: s.anchor.row + 1, col: s.anchor.col } })),
    );
    const all = describeCharts(sheet);
    expect(all).toHaveLength(5);
    expect(all[0]).toEqual(mine);
    expect(all[0]).toMatchObject({ type: "LINE", ranges: ["C1:D11"], anchor: { row: 5, col: 2 } });
  });

  it("a chart the curator titled like ours is not taken over while ours is known by its ID", () => {
    const { sheet, charts } = school();
    charts.ensure(SHEET, SPECS);
    userChart(sheet, "Охват наставничеством");
    const copy = describeCharts(sheet)[4];
    expect(charts.ensure(SHEET, SPECS)).toEqual({ created: 0, updated: 4 });
    expect(describeCharts(sheet)[4]).toEqual(copy);
  });

  it("draws again a chart the curator deleted, and only that one", () => {
    const { gas, sheet, charts } = school();
    charts.ensure(SHEET, SPECS);
    const before = describeCharts(sheet);
    const coverage = sheet.getCharts()[0];
    if (!coverage) throw new Error("no chart");
    sheet.removeChart(coverage);
    expect(describeCharts(sheet)).toHaveLength(3);

    expect(charts.ensure(SHEET, SPECS)).toEqual({ created: 1, updated: 3 });
    const after = describeCharts(sheet);
    expect(after).toHaveLength(4);
    const redrawn = after.find((c) => c.title === "Охват наставничеством");
    expect(redrawn).toMatchObject({ type: "PIE", ranges: ["J2:K4"], anchor: { row: 2, col: 14 } });
    expect(redrawn?.id).not.toBe(before[0]?.id);
    expect(storedIds(gas).coverage).toBe(redrawn?.id);
    // The next run finds it by its new ID.
    expect(charts.ensure(SHEET, SPECS)).toEqual({ created: 0, updated: 4 });
    expect(describeCharts(sheet)).toHaveLength(4);
  });

  it("finds its charts by title when the IDs are lost, without duplicating them", () => {
    const { gas, sheet, charts } = school();
    charts.ensure(SHEET, SPECS);
    const ids = describeCharts(sheet).map((c) => c.id);
    gas.documentProperties.map.clear();
    expect(charts.ensure(SHEET, SPECS)).toEqual({ created: 0, updated: 4 });
    expect(describeCharts(sheet).map((c) => c.id)).toEqual(ids);
    expect(storedIds(gas)).toEqual({
      coverage: ids[0],
      pairsByForm: ids[1],
      satisfaction: ids[2],
      roadmap: ids[3],
    });
  });

  it("learns the IDs of new charts even when several share a title", () => {
    const { gas, sheet, charts } = school();
    const twins: ChartSpec[] = [
      { key: "a", title: "Одно и то же", type: "pie", range: "A1:B3", anchor: { row: 1, col: 6 } },
      { key: "b", title: "Одно и то же", type: "column", range: "A1:B5", anchor: { row: 20, col: 6 } },
    ];
    expect(charts.ensure(SHEET, twins)).toEqual({ created: 2, updated: 0 });
    const [a, b] = describeCharts(sheet);
    expect(storedIds(gas)).toEqual({ a: a?.id, b: b?.id });
    expect(charts.ensure(SHEET, twins)).toEqual({ created: 0, updated: 2 });
    expect(describeCharts(sheet).map((c) => [c.type, c.ranges[0]])).toEqual([
      ["PIE", "A1:B3"],
      ["COLUMN", "A1:B5"],
    ]);
  });

  it("makes the same service calls for 10 and for 5,000 data rows, a bounded number per chart", () => {
    const measure = (rows: number) => {
      const { gas, charts } = school(rows);
      gas.calls.reset();
      charts.ensure(SHEET, SPECS);
      const first = gas.calls.snapshot();
      gas.calls.reset();
      charts.ensure(SHEET, SPECS);
      return { first, second: gas.calls.snapshot() };
    };
    const small = measure(10);
    const large = measure(5000);
    expect(large).toEqual(small);
    expect(small.first.byMethod["Sheet.insertChart"]).toBe(4);
    expect(small.second.byMethod["Sheet.updateChart"]).toBe(4);
    expect(small.second.byMethod["Sheet.insertChart"]).toBeUndefined();
    // About a dozen builder calls per chart, then the sheet, its charts' IDs and titles, the properties.
    expect(small.first.total).toBeLessThanOrEqual(4 * 12 + 20);
    expect(small.second.total).toBeLessThanOrEqual(4 * 12 + 10);
  });

  it("says in Russian what is wrong, and draws nothing", () => {
    const { sheet, charts } = school();
    expect(() => charts.ensure("Нет такого", SPECS)).toThrow(
      "В книге нет листа «Нет такого». Нажмите «Настроить книгу».",
    );
    expect(() => charts.ensure(SHEET, [{ ...SPECS[0], range: "Мониторинг!A1" } as ChartSpec])).toThrow(
      "Диаграмма «Охват наставничеством»: неверный диапазон данных «Мониторинг!A1».",
    );
    expect(() => charts.ensure(SHEET, [SPECS[0] as ChartSpec, SPECS[0] as ChartSpec])).toThrow(
      "Диаграмма «Охват наставничеством» указана дважды (ключ coverage).",
    );
    expect(() => charts.ensure(SHEET, [{ ...SPECS[0], anchor: { row: 0, col: 1 } } as ChartSpec])).toThrow(
      "Диаграмма «Охват наставничеством»: неверное место на листе.",
    );
    expect(describeCharts(sheet)).toEqual([]);
    expect(charts.ensure(SHEET, [])).toEqual({ created: 0, updated: 0 });
  });
});

describe("the Sheet fake's charts", () => {
  it("behaves as documented: no ID before insertion, snapshots, updateChart of a removed chart fails", () => {
    const { sheet } = school();
    const built = sheet
      .newChart()
      .asPieChart()
      .addRange(sheet.getRange(1, 1, 3, 2))
      .setOption("title", "Т")
      .build();
    expect(built.getChartId()).toBeNull();
    expect(() => sheet.updateChart(built)).toThrow(CHART_MESSAGES.notFound);
    expect(() => sheet.insertChart(sheet.newChart().build())).toThrow(CHART_MESSAGES.noType);
    sheet.insertChart(built);
    expect(built.getChartId()).toBeNull();
    const [chart] = sheet.getCharts();
    if (!chart) throw new Error("no chart");
    expect(chart.getChartId()).toBe(describeCharts(sheet)[0]?.id);
    expect(chart.getOptions().get("title")).toBe("Т");
    expect(chart.getOptions().get("legend.position")).toBeNull();
    expect(chart.getRanges().map((r) => r.getA1Notation())).toEqual(["A1:B3"]);
    expect(chart.getNumHeaders()).toBe(-1);
    // Nothing is saved before updateChart.
    const modified = chart.modify().setOption("title", "Новое").build();
    expect(describeCharts(sheet)[0]?.title).toBe("Т");
    sheet.updateChart(modified);
    expect(describeCharts(sheet)[0]?.title).toBe("Новое");
    expect(() => sheet.newChart().setPosition(0, 1, 0, 0)).toThrow(CHART_MESSAGES.position);
    // Rows inserted above the data move the chart's range.
    sheet.insertRowsAfter(1, 2);
    expect(describeCharts(sheet)[0]?.ranges).toEqual(["A1:B5"]);
    sheet.removeChart(chart);
    expect(sheet.getCharts()).toEqual([]);
    expect(() => sheet.updateChart(modified)).toThrow(CHART_MESSAGES.notFound);
  });
});

describe("parseA1", () => {
  it("reads cells and blocks, absolute or not, and nothing else", () => {
    expect(parseA1("B2")).toEqual({ row: 2, col: 2, numRows: 1, numCols: 1 });
    expect(parseA1("J2:K4")).toEqual({ row: 2, col: 10, numRows: 3, numCols: 2 });
    expect(parseA1("$AA$10:$AB$12")).toEqual({ row: 10, col: 27, numRows: 3, numCols: 2 });
    expect(parseA1("K4:J2")).toEqual({ row: 2, col: 10, numRows: 3, numCols: 2 });
    for (const bad of ["", "A0", "2B", "A1:B", "Лист!A1", "a1", "A1:B2:C3"]) expect(parseA1(bad)).toBeNull();
  });
});
