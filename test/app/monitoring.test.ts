// refreshMonitoring and monitoringSummary on the fixture school: what lands in «Мониторинг» and
// «Выгрузка в регион», the charts asked for, a second run writing nothing, lists that shrink
// leaving nothing behind, the curator's own cells untouched, one read per sheet.

import { describe, expect, it } from "vitest";
import {
  CHARTS_COL,
  monitoringSummary,
  NO_VALUE,
  RANKING_HEADERS,
  RANKING_TITLE,
  refreshMonitoring,
} from "../../src/app/monitoring";
import type { CellValue, ChartSpec, ChartsPort } from "../../src/app/ports";
import { readRecords } from "../../src/app/records";
import { writeSettings } from "../../src/app/settings";
import { recordChanges } from "../../src/domain/table";
import { monitoringSchool, TODAY } from "../fixtures/monitoring-school";

const MON = "Мониторинг";
const REG = "Выгрузка в регион";

class FakeCharts implements ChartsPort {
  readonly calls: { sheet: string; specs: ChartSpec[] }[] = [];
  private readonly known = new Set<string>();
  ensure(sheet: string, charts: readonly ChartSpec[]) {
    this.calls.push({ sheet, specs: [...charts] });
    let created = 0;
    let updated = 0;
    for (const c of charts) {
      if (this.known.has(c.key)) updated++;
      else {
        created++;
        this.known.add(c.key);
      }
    }
    return { created, updated };
  }
}

function sheet(env: ReturnType<typeof monitoringSchool>, name: string): CellValue[][] {
  return env.workbook.read(name) ?? [];
}

/** A cell by its A1 address. */
function at(values: CellValue[][], a1: string): CellValue | undefined {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!m) throw new Error(a1);
  const col = [...(m[1] as string)].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return values[Number(m[2]) - 1]?.[col - 1];
}

/** Counts the workbook's reads and writes per sheet. */
function countCalls(env: ReturnType<typeof monitoringSchool>) {
  const reads = new Map<string, number>();
  const writes = new Map<string, number>();
  const wb = env.workbook;
  const read = wb.read.bind(wb);
  const write = wb.write.bind(wb);
  wb.read = (name: string) => {
    reads.set(name, (reads.get(name) ?? 0) + 1);
    return read(name);
  };
  wb.write = (name, cells) => {
    writes.set(name, (writes.get(name) ?? 0) + 1);
    write(name, cells);
  };
  return { reads, writes };
}

describe("refreshMonitoring", () => {
  it("writes the indicators, the ranking and the charts' tables into «Мониторинг»", () => {
    const env = monitoringSchool();
    const result = refreshMonitoring(env, null);
    const v = sheet(env, MON);
    expect(v[0]?.slice(0, 7)).toEqual([
      "Раздел",
      "Код",
      "Показатель",
      "Значение",
      "Цель",
      "Пояснение",
      "Рассчитано",
    ]);
    // 85 indicators in rows 2…86 (the list of test/domain/monitoring/indicators.test.ts).
    expect(result.indicators).toHaveLength(85);
    expect(v[1]?.slice(0, 5)).toEqual(["Наставляемые", "mentees.total", "Наставляемых в базе, чел.", 13, ""]);
    const students = v.find((line) => line[1] === "coverage.students_pct");
    expect(students?.slice(0, 5)).toEqual([
      "Охват",
      "coverage.students_pct",
      "Охват обучающихся, %",
      57.1,
      70,
    ]);
    expect(students?.[6]).toEqual(TODAY);
    // The base of the students' coverage, right before it: «Всего обучающихся» not set, 7 students.
    expect(v.findIndex((line) => line[1] === "coverage.students_base")).toBe(
      v.findIndex((line) => line[1] === "coverage.students_pct") - 1,
    );
    expect(v.find((line) => line[1] === "coverage.students_base")?.slice(0, 4)).toEqual([
      "Охват",
      "coverage.students_base",
      "Обучающихся — база расчёта охвата, чел.",
      7,
    ]);
    expect(at(v, "B86")).toBe("satisfaction.mentees.by_form.rabotodatel_uchenik");
    expect(at(v, "D86")).toBe(7.11);
    // A blank row (87), then the ranking: title row 88, header row 89, mentors rows 90…93.
    expect(v[86]?.slice(0, 10).every((c) => c === "")).toBe(true);
    expect(at(v, "A88")).toBe(RANKING_TITLE);
    expect(v[88]?.slice(0, 10)).toEqual([...RANKING_HEADERS]);
    // The 7th column is the date-formatted «Рассчитано»: the number of answers goes there as text.
    expect(v[89]?.slice(0, 9)).toEqual([1, "НР-0004", "Галкин Евгений Петрович", 25.22, 4, 7.11, "3", 1, 1]);
    expect(at(v, "J90")).toContain("= 25,22");
    expect(v[92]?.slice(0, 9)).toEqual([4, "НР-0002", "Борисов Глеб Андреевич", 3, 1, NO_VALUE, "0", 0, 1]);
    expect(v.length).toBe(93);
    // The charts' tables from row 1, columns L–W.
    expect([at(v, "L1"), at(v, "M1"), at(v, "L2"), at(v, "M2"), at(v, "L3"), at(v, "M3")]).toEqual([
      "Наставляемые",
      "Человек",
      "В паре или группе",
      6,
      "Без пары",
      4,
    ]);
    expect([at(v, "O5"), at(v, "P5")]).toEqual(["Работодатель – ученик", 2]);
    expect([at(v, "R4"), at(v, "S4"), at(v, "T4")]).toEqual(["Итоговая", 9, 9.33]);
    expect([at(v, "V6"), at(v, "W6")]).toEqual(["Без срока", 1]);
    expect(result.lines.join("\n")).toContain(
      "Диаграммы строятся в Google Таблицах; их данные — в столбцах L–W",
    );
  });

  it("writes «Выгрузка в регион»: one row per indicator, no names", () => {
    const env = monitoringSchool();
    const result = refreshMonitoring(env, null);
    const v = sheet(env, REG);
    expect(v).toHaveLength(86); // the header and 85 indicators
    expect(v[0]).toEqual([
      "Организация",
      "Код организации",
      "Учебный год",
      "Код показателя",
      "Показатель",
      "Значение",
      "Единица",
    ]);
    expect(v[1]).toEqual([
      "МБОУ СОШ № 7",
      "5401007",
      "2025/2026",
      "mentees.total",
      "Наставляемых в базе",
      13,
      "чел.",
    ]);
    expect(v.slice(1).map((line) => line[3])).toEqual(result.indicators.map((i) => i.code));
    expect(JSON.stringify(v)).not.toContain("Галкин");
  });

  it("asks for the four charts over the tables, to the right of them", () => {
    const env = monitoringSchool();
    const charts = new FakeCharts();
    const first = refreshMonitoring(env, charts);
    expect(first.charts).toEqual({ created: 4, updated: 0 });
    expect(charts.calls[0]?.sheet).toBe(MON);
    expect(charts.calls[0]?.specs).toEqual([
      {
        key: "monitoring.coverage",
        title: "Охват наставляемых",
        type: "pie",
        range: "L1:M3",
        anchor: { row: 1, col: CHARTS_COL },
      },
      {
        key: "monitoring.pairs_by_form",
        title: "Пары по формам наставничества",
        type: "column",
        range: "O1:P5",
        anchor: { row: 21, col: CHARTS_COL },
      },
      {
        key: "monitoring.satisfaction",
        title: "Удовлетворённость по этапам (1–10)",
        type: "column",
        range: "R1:T4",
        anchor: { row: 41, col: CHARTS_COL },
      },
      {
        key: "monitoring.roadmap",
        title: "Ход дорожной карты",
        type: "bar",
        range: "V1:W6",
        anchor: { row: 61, col: CHARTS_COL },
      },
    ]);
    const second = refreshMonitoring(env, charts);
    expect(second.charts).toEqual({ created: 0, updated: 4 });
    expect(charts.calls[1]?.specs).toEqual(charts.calls[0]?.specs);
  });

  it("writes nothing the second time, even later, and keeps «Рассчитано»", () => {
    const env = monitoringSchool();
    const first = refreshMonitoring(env, null);
    expect(first.changedCells).toBeGreaterThan(85 * 7);
    const before = { mon: sheet(env, MON), reg: sheet(env, REG) };
    env.setNow(new Date(2026, 2, 16, 15, 30));
    const calls = countCalls(env);
    const second = refreshMonitoring(env, null);
    expect(second.changedCells).toBe(0);
    expect(calls.writes.get(MON)).toBeUndefined();
    expect(calls.writes.get(REG)).toBeUndefined();
    expect(sheet(env, MON)).toEqual(before.mon);
    expect(sheet(env, REG)).toEqual(before.reg);
    expect(second.lines[0]).toContain("ничего не изменилось");
  });

  it("rewrites only what changed, and «Рассчитано» of the changed indicators", () => {
    const env = monitoringSchool();
    refreshMonitoring(env, null);
    // The unmarked meeting of П-0002 (03.12.2025) is marked held, an hour later.
    const meetings = readRecords(env.workbook, "meetings");
    const row = meetings.rows.find(
      (r) => r.record.pairId === "П-0002" && r.record.status === "Запланирована",
    );
    if (!row) throw new Error("fixture changed");
    env.workbook.write(
      "Встречи",
      recordChanges("meetings", row.row, row.record, { status: "Проведена" }, meetings.columns),
    );
    const later = new Date(2026, 2, 16, 11, 0);
    env.setNow(later);
    const result = refreshMonitoring(env, null);
    const v = sheet(env, MON);
    const line = (code: string) => v.find((l) => l[1] === code) ?? [];
    expect(line("meetings.held").slice(3, 4)).toEqual([15]);
    expect(line("meetings.held")[6]).toEqual(later);
    expect(line("meetings.unmarked").slice(3, 4)).toEqual([0]);
    expect(line("meetings.held_per_pair")[3]).toBe(2.7); // 16 / 6
    expect(line("mentees.total")[6]).toEqual(TODAY);
    // Ranking: НР-0002 now has 2 meetings (score 4, formula changes).
    expect(v[92]?.slice(0, 5)).toEqual([4, "НР-0002", "Борисов Глеб Андреевич", 4, 2]);
    // meetings.held, unmarked, held_per_pair: value + time each (6); the export: 3 values;
    // the ranking row of НР-0002: score, meetings, formula.
    expect(result.changedCells).toBe(6 + 3 + 3);
  });

  it("clears what is left over when the lists get shorter", () => {
    const env = monitoringSchool();
    refreshMonitoring(env, null);
    // П-0002 becomes «Учитель – учитель»: the form «Руководитель – педагог» disappears from four
    // breakdowns; НР-0003 withdraws consent and leaves the ranking.
    const pairs = readRecords(env.workbook, "pairs");
    const p2 = pairs.rows.find((r) => r.record.id === "П-0002");
    const mentors = readRecords(env.workbook, "mentors");
    const m3 = mentors.rows.find((r) => r.record.id === "НР-0003");
    if (!p2 || !m3) throw new Error("fixture changed");
    env.workbook.write(
      "Пары и группы",
      recordChanges("pairs", p2.row, p2.record, { form: "Учитель – учитель" }, pairs.columns),
    );
    env.workbook.write(
      "Наставники",
      recordChanges("mentors", m3.row, m3.record, { status: "Согласие отозвано" }, mentors.columns),
    );
    const result = refreshMonitoring(env, null);
    // 85 − 4 breakdowns of «Руководитель – педагог» (mentees, mentors, pairs, mentors' satisfaction).
    expect(result.indicators).toHaveLength(81);
    const v = sheet(env, MON);
    expect(v.some((l) => String(l[1]).includes("rukovoditel_pedagog"))).toBe(false);
    // Indicators in rows 2…82, blank row 83, title 84, header 85, three mentors in rows 86…88.
    expect(at(v, "A84")).toBe(RANKING_TITLE);
    expect(v[85]?.slice(0, 3)).toEqual([1, "НР-0004", "Галкин Евгений Петрович"]);
    expect(v[87]?.slice(0, 3)).toEqual([3, "НР-0002", "Борисов Глеб Андреевич"]);
    // Nothing below the last ranking row, in any column.
    expect(v).toHaveLength(88);
    // The pairs-by-form table lost its fourth row.
    expect([at(v, "O4"), at(v, "P4"), at(v, "O5"), at(v, "P5")]).toEqual([
      "Работодатель – ученик",
      2,
      "",
      "",
    ]);
    expect(at(v, "P2")).toBe(2);
    const reg = sheet(env, REG);
    expect(reg).toHaveLength(82); // the header and 81 indicators
    expect(reg.some((l) => String(l[3]).includes("rukovoditel_pedagog"))).toBe(false);
  });

  it("takes «Всего обучающихся в организации» from «Настройки» as the base of the students' coverage", () => {
    const env = monitoringSchool();
    refreshMonitoring(env, null);
    writeSettings(env.workbook, { studentsTotal: 20 });
    const later = new Date(2026, 2, 16, 12, 0);
    env.setNow(later);
    const result = refreshMonitoring(env, null);
    const v = sheet(env, MON);
    const line = (code: string) => v.find((l) => l[1] === code) ?? [];
    // Covered students НЯ-0003…0006 = 4 of the 20 in the settings: 4 / 20 = 20 %, 50 п. п. below 70.
    expect(line("coverage.students_base").slice(3, 4)).toEqual([20]);
    expect(line("coverage.students_base")[5]).toContain("«Всего обучающихся в организации»");
    expect(line("coverage.students_pct").slice(3, 5)).toEqual([20, 70]);
    expect(line("coverage.students_pct")[5]).toContain("Ниже цели на 50 п. п.");
    expect([line("coverage.students_base")[6], line("coverage.students_pct")[6]]).toEqual([later, later]);
    expect(line("coverage.students_participants")[6]).toEqual(TODAY);
    const reg = sheet(env, REG);
    expect(reg.find((l) => l[3] === "coverage.students_base")?.slice(5)).toEqual([20, "чел."]);
    expect(reg.find((l) => l[3] === "coverage.students_pct")?.slice(5)).toEqual([20, "%"]);
    // Two indicators changed: value, note and «Рассчитано» of the base; value, note and
    // «Рассчитано» of the share (3 + 3); in the export their two values (2).
    expect(result.changedCells).toBe(3 + 3 + 2);
  });

  it("never touches the curator's own cells around the add-on's region", () => {
    const env = monitoringSchool();
    refreshMonitoring(env, null);
    // A note to the right of an indicator, one far below the data tables, one beyond the charts.
    env.workbook.write(MON, [
      { row: 10, col: 9, value: "проверить с завучем" },
      { row: 40, col: 13, value: "моя заметка" },
      { row: 3, col: 30, value: "для педсовета" },
    ]);
    const pairs = readRecords(env.workbook, "pairs");
    const p2 = pairs.rows.find((r) => r.record.id === "П-0002");
    if (!p2) throw new Error("fixture changed");
    env.workbook.write(
      "Пары и группы",
      recordChanges("pairs", p2.row, p2.record, { form: "Учитель – учитель" }, pairs.columns),
    );
    refreshMonitoring(env, null);
    const v = sheet(env, MON);
    expect(at(v, "I10")).toBe("проверить с завучем");
    expect(at(v, "M40")).toBe("моя заметка");
    expect(at(v, "AD3")).toBe("для педсовета");
  });

  it("reads each sheet once and writes each once, whatever the size of the school", () => {
    const env = monitoringSchool();
    const calls = countCalls(env);
    refreshMonitoring(env, null);
    for (const name of [
      "Настройки",
      "Наставляемые",
      "Наставники",
      "Пары и группы",
      "Встречи",
      "Дорожная карта",
      "Обратная связь",
      MON,
      REG,
    ]) {
      expect(calls.reads.get(name), name).toBe(1);
    }
    expect(calls.writes.get(MON)).toBe(1);
    expect(calls.writes.get(REG)).toBe(1);
  });

  it("logs one line to «Журнал», with the cells that could not be read", () => {
    const env = monitoringSchool();
    const result = refreshMonitoring(env, null);
    const journal = readRecords(env.workbook, "journal").rows.map((r) => r.record);
    const mine = journal.filter((j) => j.action === "Обновить мониторинг");
    expect(mine).toHaveLength(1);
    // The fixture has «Ожидания оправдались» = 12 in one answer.
    expect(mine[0]?.outcome).toBe("с предупреждениями");
    expect(mine[0]?.details).toContain("Ячейки, которые не удалось прочитать (в расчёт не вошли): 1.");
    expect(mine[0]?.details).toContain(
      "Лист «Обратная связь», строка 9, столбец «Ожидания оправдались (1–10)»",
    );
    expect(result.lines).toContain("«Выгрузка в регион»: строк — 85.");
    // The daily run's quiet mode: nothing changed, no line.
    refreshMonitoring(env, null, { journalOnlyChanges: true });
    const after = readRecords(env.workbook, "journal").rows.filter(
      (r) => r.record.action === "Обновить мониторинг",
    );
    expect(after).toHaveLength(1);
  });

  it("says when the sheet is missing, in Russian", () => {
    const env = monitoringSchool();
    env.workbook.sheets.delete(MON);
    expect(() => refreshMonitoring(env, null)).toThrow(
      "В книге нет листа «Мониторинг». Запустите «Настроить книгу».",
    );
  });
});

describe("monitoringSummary", () => {
  it("gives the key figures and the first ten of the ranking, writing nothing", () => {
    const env = monitoringSchool();
    const before = env.workbook.writes;
    const s = monitoringSummary(env);
    expect(env.workbook.writes).toBe(before);
    expect(s.year).toBe("2025/2026");
    expect(s.sheetUpdatedAt).toBeNull();
    expect(s.coverage).toEqual({
      participants: 10,
      covered: 6,
      pct: 60,
      studentsParticipants: 7,
      studentsCovered: 4,
      studentsBase: 7, // no «Всего обучающихся» in «Настройки»: the students in the base
      studentsPct: 57.1,
      target: 70,
    });
    expect(s.pairsByStatus).toContainEqual({ status: "Работает", count: 3 });
    expect(s.unmatched).toEqual({ count: 4, maxDays: 90, medianDays: 30 });
    expect(s.meetings).toEqual({
      plannedPerPair: 3.5,
      heldPerPair: 2.5,
      inactivePairs: 3,
      inactivityDays: 30,
      unmarked: 1,
    });
    expect(s.roadmap).toEqual({
      total: 7,
      done: 3,
      doneOnTime: 2,
      doneLate: 1,
      overdue: 1,
      notDue: 1,
      noDeadline: 1,
      donePct: 50,
    });
    expect(s.satisfaction.mentees).toEqual({ entry: 6, mid: 8, final: 9.33, change: 3.33 });
    expect(s.wantToMentor).toEqual({ count: 2, pct: 20 });
    expect(s.ranking.map((r) => r.mentorId)).toEqual(["НР-0004", "НР-0001", "НР-0003", "НР-0002"]);
    expect(s.rankedMentors).toBe(4);
    expect(s.problems).toHaveLength(1);
    // Plain JSON: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    refreshMonitoring(env, null);
    expect(monitoringSummary(env).sheetUpdatedAt).toBe(TODAY.toISOString());
  });
});
