// «Мониторинг и итоги года» through the built bundle over the Apps Script fakes: set-up, a small
// school (test/bundle/monitoring-school.ts, hand-counted), the figures of the sidebar, «Обновить
// показатели» writing «Мониторинг» and drawing its four charts — again: the same four charts,
// nothing rewritten — and closing the year, twice: the second time changes nothing.

import vm from "node:vm";
import { describe, expect, it } from "vitest";
import type { CloseYearPreview } from "../../src/app/close-year";
import type { CloseYearResponse, MonitoringRefreshResponse } from "../../src/app/contract-monitoring";
import type { MonitoringSummary } from "../../src/app/monitoring";
import type { CellValue } from "../../src/domain/cells";
import { createGasEnvironment, type FakeSheet, type GasEnvironment } from "../fakes/gas";
import { describeCharts } from "../fakes/gas-charts";
import { loadBundle } from "./load";
import { MONITORING_DAY, seedMonitoringSchool } from "./monitoring-school";
import { seedSheet, settableClock } from "./reminders-school";

function start(extraMentees = 0) {
  const gas = createGasEnvironment();
  const ctx = loadBundle({ ...gas.globals });
  settableClock(ctx, MONITORING_DAY);
  gas.useDateConstructor(vm.runInContext("Date", ctx) as DateConstructor);
  const call = <T>(name: string, ...args: unknown[]): T => (ctx[name] as (...a: unknown[]) => T)(...args);
  call("apiSetupWorkbook");
  seedMonitoringSchool(gas);
  if (extraMentees > 0)
    seedSheet(
      gas,
      "Наставляемые",
      Array.from({ length: extraMentees }, (_, i) => ({
        ID: `НЯ-${String(100 + i).padStart(4, "0")}`,
        Статус: "Ожидает пары",
        Категория: "Обучающийся",
        ФИО: `Ученик ${i}`,
        "Согласие на обработку ПДн": true,
      })),
    );
  return { gas, call };
}

function sheet(gas: GasEnvironment, name: string): FakeSheet {
  const found = gas.spreadsheet.getSheetByName(name);
  if (!found) throw new Error(`no sheet «${name}»`);
  return found;
}

function values(gas: GasEnvironment, name: string): CellValue[][] {
  return sheet(gas, name).getDataRange().getValues();
}

/** Rows of «Мониторинг» by indicator code: [Показатель, Значение, Цель]. */
function indicatorRows(gas: GasEnvironment): Map<string, CellValue[]> {
  const rows = values(gas, "Мониторинг");
  const header = (rows[0] ?? []).map(String);
  const at = (h: string) => header.indexOf(h);
  const out = new Map<string, CellValue[]>();
  for (const r of rows.slice(1)) {
    const code = String(r[at("Код")] ?? "");
    if (code) out.set(code, [r[at("Показатель")] ?? "", r[at("Значение")] ?? "", r[at("Цель")] ?? ""]);
  }
  return out;
}

/** The cells a chart draws from, read through the chart's own range. */
function chartData(gas: GasEnvironment, index: number): CellValue[][] {
  const chart = sheet(gas, "Мониторинг").getCharts()[index];
  const range = chart?.getRanges()[0];
  if (!range) throw new Error("no chart range");
  return range.getValues();
}

/** Every sheet's values, to prove a call changed nothing. */
function snapshot(gas: GasEnvironment, except: string[] = []): Record<string, CellValue[][]> {
  return Object.fromEntries(
    gas.spreadsheet
      .getSheets()
      .map((s) => s.getName())
      .filter((n) => !except.includes(n))
      .map((n) => [n, values(gas, n)]),
  );
}

function journal(gas: GasEnvironment): string[] {
  return values(gas, "Журнал")
    .slice(1)
    .map((r) => `${r[1]}: ${r[3]}`);
}

describe("«Мониторинг и итоги года» in Apps Script", () => {
  it("shows the hand-counted figures and writes nothing", () => {
    const { gas, call } = start();
    const before = snapshot(gas);
    const s = call<MonitoringSummary>("apiMonitoringSummary");
    expect(s.year).toBe("2025/2026");
    // Students: НЯ-0003, 0004, 0005, 0006, 0008 (НЯ-0007 withdrew); in a pair 0003, 0004, 0008.
    expect(s.coverage).toEqual({
      participants: 7,
      covered: 5,
      pct: 71.4,
      studentsParticipants: 5,
      studentsCovered: 3,
      studentsBase: 5, // no «Всего обучающихся» in «Настройки»: the students in the base
      studentsPct: 60,
      target: 70,
    });
    expect(s.pairsOfYear).toBe(5);
    expect(s.pairsByStatus.filter((p) => p.count > 0)).toEqual([
      { status: "Утверждена", count: 1 },
      { status: "Работает", count: 3 },
      { status: "Завершена", count: 1 },
    ]);
    expect(s.unmatched.count).toBe(2);
    expect(s.roadmap).toMatchObject({ total: 4, done: 2, doneOnTime: 1, doneLate: 1, overdue: 1, notDue: 1 });
    expect(s.satisfaction.mentees).toEqual({ entry: 6.5, mid: null, final: 9, change: 2.5 });
    expect(s.wantToMentor.count).toBe(1);
    // НР-0003: 2 meetings + 1 completed × 5 + 1 active × 2 + 10 × 2 = 29.
    expect(s.ranking.map((m) => [m.place, m.mentorId, m.score])).toEqual([
      [1, "НР-0003", 29],
      [2, "НР-0001", 20],
      [3, "НР-0002", 18],
      [4, "НР-0004", 3],
    ]);
    expect(s.sheetUpdatedAt).toBeNull();
    expect(snapshot(gas)).toEqual(before);
  });

  it("«Обновить показатели» writes «Мониторинг» and four charts once; again changes nothing", () => {
    const { gas, call } = start();
    const first = call<MonitoringRefreshResponse>("apiRefreshMonitoring");
    expect(first.charts).toEqual({ created: 4, updated: 0 });
    expect(first.changedCells).toBeGreaterThan(0);
    const rows = indicatorRows(gas);
    expect(rows.get("coverage.students_pct")?.slice(1)).toEqual([60, 70]);
    expect(rows.get("unmatched.count")?.[1]).toBe(2);
    expect(rows.get("roadmap.overdue")?.[1]).toBe(1);
    expect(values(gas, "Мониторинг").some((r) => r.includes("Рейтинг наставников"))).toBe(true);
    expect(values(gas, "Выгрузка в регион").length).toBeGreaterThan(1);
    expect(first.summary.sheetUpdatedAt).not.toBeNull();

    const charts = describeCharts(sheet(gas, "Мониторинг"));
    expect(charts.map((c) => [c.type, c.title])).toEqual([
      ["PIE", "Охват наставляемых"],
      ["COLUMN", "Пары по формам наставничества"],
      ["COLUMN", "Удовлетворённость по этапам (1–10)"],
      ["BAR", "Ход дорожной карты"],
    ]);
    // Each chart draws from the block written for it.
    expect(chartData(gas, 0)).toEqual([
      ["Наставляемые", "Человек"],
      ["В паре или группе", 5],
      ["Без пары", 2],
    ]);
    expect(chartData(gas, 1).slice(1)).toEqual([
      ["Учитель – учитель", 2],
      ["Ученик – ученик", 2],
      ["Студент – ученик", 1],
    ]);
    expect(chartData(gas, 2)[0]).toEqual(["Этап", "Наставники", "Наставляемые"]);
    expect(chartData(gas, 3).slice(1, 4)).toEqual([
      ["Выполнено в срок", 1],
      ["Выполнено с опозданием", 1],
      ["Просрочено", 1],
    ]);
    expect(journal(gas).at(-1)).toBe("Обновить мониторинг: успешно");

    const sheetBefore = snapshot(gas, ["Журнал"]);
    const again = call<MonitoringRefreshResponse>("apiRefreshMonitoring");
    expect(again.charts).toEqual({ created: 0, updated: 4 });
    expect(again.changedCells).toBe(0);
    expect(describeCharts(sheet(gas, "Мониторинг"))).toEqual(charts);
    expect(snapshot(gas, ["Журнал"])).toEqual(sheetBefore);

    // The curator deletes a chart: the next refresh draws that one again, and only it.
    const pie = sheet(gas, "Мониторинг").getCharts()[0];
    if (pie) sheet(gas, "Мониторинг").removeChart(pie);
    expect(call<MonitoringRefreshResponse>("apiRefreshMonitoring").charts).toEqual({
      created: 1,
      updated: 3,
    });
    expect(
      describeCharts(sheet(gas, "Мониторинг"))
        .map((c) => c.title)
        .sort(),
    ).toEqual(charts.map((c) => c.title).sort());
  });

  it("a repeated refresh makes the same service calls with 8 mentees and with 400 more", () => {
    const measure = (extra: number) => {
      const { gas, call } = start(extra);
      call("apiRefreshMonitoring");
      gas.calls.reset();
      call("apiRefreshMonitoring");
      return gas.calls.snapshot();
    };
    const small = measure(0);
    const large = measure(400);
    expect(large).toEqual(small);
    expect(small.byMethod["Sheet.insertChart"]).toBeUndefined();
    expect(small.byMethod["Sheet.updateChart"]).toBe(4);
  });

  it("closes the year once: pairs completed, the willing mentee promoted, the year archived; again — nothing", () => {
    const { gas, call } = start();
    call("apiRefreshMonitoring");
    const preview = call<CloseYearPreview>("apiCloseYearPreview");
    expect(preview.alreadyClosed).toBe(false);
    expect(preview.pairsToComplete.map((p) => p.id)).toEqual(["П-0001", "П-0002", "П-0003", "П-0005"]);
    expect(preview.willingMentees.map((m) => [m.id, m.name])).toEqual([
      ["НЯ-0003", "Ученикова Вера Павловна"],
    ]);
    expect(preview.archiveSheets.length).toBeGreaterThan(0);

    // A request the sidebar could not have sent: refused in Russian, nothing written.
    const untouched = snapshot(gas);
    expect(() => call("apiCloseYear", { promote: "НЯ-0003" })).toThrow(/^Неверный запрос/);
    expect(snapshot(gas)).toEqual(untouched);

    const closed = call<CloseYearResponse>("apiCloseYear", { promote: ["НЯ-0003"] });
    expect(closed.result).toMatchObject({
      year: "2025/2026",
      completedPairs: 4,
      promoted: ["НЯ-0003"],
      alreadyClosed: false,
    });
    const pairs = values(gas, "Пары и группы");
    const status = (pairs[0] ?? []).indexOf("Статус");
    expect(pairs.slice(1).map((r) => r[status])).toEqual(Array(5).fill("Завершена"));
    const mentors = values(gas, "Наставники");
    const fio = (mentors[0] ?? []).indexOf("ФИО");
    expect(mentors.filter((r) => r[fio] === "Ученикова Вера Павловна")).toHaveLength(1);
    for (const name of closed.result.archived) expect(gas.spreadsheet.getSheetByName(name)).not.toBeNull();
    // The four charts are still there, not duplicated, after the archive copies.
    expect(describeCharts(sheet(gas, "Мониторинг"))).toHaveLength(4);

    const afterClose = snapshot(gas, ["Журнал"]);
    const sheetsAfterClose = gas.spreadsheet.getSheets().length;
    const second = call<CloseYearResponse>("apiCloseYear", { promote: ["НЯ-0003"] });
    expect(second.result).toMatchObject({
      alreadyClosed: true,
      completedPairs: 0,
      promoted: [],
      archived: [],
    });
    expect(second.result.lines[0]).toMatch(/^Учебный год 2025\/2026 уже завершён/);
    expect(snapshot(gas, ["Журнал"])).toEqual(afterClose);
    expect(gas.spreadsheet.getSheets()).toHaveLength(sheetsAfterClose);
    expect(call<CloseYearPreview>("apiCloseYearPreview").alreadyClosed).toBe(true);
  });
});
