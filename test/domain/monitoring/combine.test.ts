// Combining the monitoring exports of many schools: headers by name, one row per school, totals
// summed / recomputed from counts / averaged, and every problem named with its file and line.
// Expected totals are counted by hand in the comments.

import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../src/domain/cells";
import {
  CODE_ROW_LABEL,
  combineExports,
  describeCombine,
  type ExportSource,
  findExportHeader,
  HEADER_ROWS,
  METHOD_ROW_LABEL,
  SCHOOL_COLUMNS,
  TOTAL_LABEL,
} from "../../../src/domain/monitoring/combine";

const HEADER = [
  "Организация",
  "Код организации",
  "Учебный год",
  "Код показателя",
  "Показатель",
  "Значение",
  "Единица",
];

type Indicator = [code: string, label: string, value: CellValue, unit: string];

function school(org: string, orgCode: string, year: string, indicators: Indicator[]): CellValue[][] {
  return [
    HEADER,
    ...indicators.map(([code, label, value, unit]) => [org, orgCode, year, code, label, value, unit]),
  ];
}

/** Three schools with hand-made figures (see the totals in the tests). */
function indicators(
  total: number,
  inPair: number,
  coverage: number,
  pairs: number,
  held: number,
  perPair: number,
  satisfaction: number,
  maxWait: number,
): Indicator[] {
  return [
    ["mentees.total", "Наставляемых всего", total, "чел."],
    ["mentees.in_pair", "Наставляемых в паре", inPair, "чел."],
    ["coverage", "Охват наставничеством", coverage, "%"],
    ["pairs.total", "Пар и групп", pairs, "шт."],
    ["meetings.held", "Встреч проведено", held, "шт."],
    ["meetings.per_pair", "Встреч на пару", perPair, "шт."],
    ["satisfaction.mentees", "Удовлетворённость наставляемых", satisfaction, "балл"],
    ["unmatched.max_days", "Дольше всего ждёт пары", maxWait, "дн."],
  ];
}

const A = school("МБОУ СОШ № 1", "001", "2025/2026", indicators(100, 70, 70, 50, 120, 2.4, 4.5, 30));
const B = school("Гимназия № 2", "002", "2025/2026", indicators(40, 10, 25, 8, 20, 2.5, 4.0, 12));
const C = school("Лицей № 3", "003", "2025/2026", indicators(60, 45, 75, 30, 45, 1.5, 3.5, 45));

function column(table: CellValue[][], code: string): CellValue[] {
  const c = (table[1] ?? []).indexOf(code);
  if (c < 0) throw new Error(`no column ${code}`);
  return table.map((row) => row[c] as CellValue);
}

function totalRow(table: CellValue[][]): CellValue[] {
  return table[table.length - 1] ?? [];
}

function cellOf(table: CellValue[][], org: string, code: string): CellValue | undefined {
  const c = (table[1] ?? []).indexOf(code);
  return table.find((row) => row[0] === org)?.[c];
}

describe("combineExports", () => {
  const sources: ExportSource[] = [
    { name: "школа1.csv", rows: A },
    { name: "школа2.csv", rows: B },
    { name: "школа3.csv", rows: C },
  ];

  it("gives one row per school (sorted by name), one column per indicator code, and three header rows", () => {
    const r = combineExports(sources);
    expect(r.schools).toBe(3);
    expect(r.indicators).toBe(8);
    expect(r.problems).toEqual([]);
    expect(r.headerRows).toBe(HEADER_ROWS);
    expect(r.table).toHaveLength(HEADER_ROWS + 3 + 1);
    expect(r.table[0]?.slice(0, SCHOOL_COLUMNS + 3)).toEqual([
      "Организация",
      "Код организации",
      "Учебный год",
      "Источник",
      "Наставляемых всего, чел.",
      "Наставляемых в паре, чел.",
      "Охват наставничеством, %",
    ]);
    expect(r.table[1]?.[0]).toBe(CODE_ROW_LABEL);
    expect(r.table[1]?.slice(SCHOOL_COLUMNS)).toEqual([
      "mentees.total",
      "mentees.in_pair",
      "coverage",
      "pairs.total",
      "meetings.held",
      "meetings.per_pair",
      "satisfaction.mentees",
      "unmatched.max_days",
    ]);
    expect(r.table[2]?.[0]).toBe(METHOD_ROW_LABEL);
    expect(r.table.slice(3, 6).map((row) => row.slice(0, 4))).toEqual([
      ["Гимназия № 2", "002", "2025/2026", "школа2.csv"],
      ["Лицей № 3", "003", "2025/2026", "школа3.csv"],
      ["МБОУ СОШ № 1", "001", "2025/2026", "школа1.csv"],
    ]);
    expect(cellOf(r.table, "Лицей № 3", "coverage")).toBe(75);
    expect(r.years).toEqual(["2025/2026"]);
  });

  it("sums counts, recomputes a percentage from its counts, and says how in the third header row", () => {
    const r = combineExports(sources);
    const total = totalRow(r.table);
    expect(total[0]).toBe(TOTAL_LABEL);
    expect(total[1]).toBe("3 школы");
    // 100 + 40 + 60 and 70 + 10 + 45.
    expect(column(r.table, "mentees.total").at(-1)).toBe(200);
    expect(column(r.table, "mentees.in_pair").at(-1)).toBe(125);
    expect(column(r.table, "mentees.total")[2]).toBe("сумма по школам");
    // 100 · 125 / 200 = 62.5, not the mean of 70, 25, 75 (56.67).
    expect(column(r.table, "coverage").at(-1)).toBe(62.5);
    expect(column(r.table, "coverage")[2]).toBe("пересчёт: Σ mentees.in_pair / Σ mentees.total × 100");
    // Meetings per pair: (120 + 20 + 45) / (50 + 8 + 30) = 185 / 88 = 2.102… → 2.1 (the mean would be 2.13).
    expect(column(r.table, "meetings.per_pair").at(-1)).toBe(2.1);
    expect(column(r.table, "meetings.per_pair")[2]).toBe("пересчёт: Σ meetings.held / Σ pairs.total");
    // Satisfaction: mean of 4.5, 4.0, 3.5 = 4.
    expect(column(r.table, "satisfaction.mentees").at(-1)).toBe(4);
    expect(column(r.table, "satisfaction.mentees")[2]).toBe("среднее по школам");
    // The longest wait: the maximum over schools, 45.
    expect(column(r.table, "unmatched.max_days").at(-1)).toBe(45);
    expect(column(r.table, "unmatched.max_days")[2]).toBe("максимум по школам");
    expect(r.columns.find((c) => c.code === "coverage")?.method).toMatchObject({
      kind: "ratio",
      numerator: "mentees.in_pair",
      denominator: "mentees.total",
      found: "data",
    });
  });

  it("gives the mean of a percentage when the counts behind it are not in the export, and says so", () => {
    const strip = (rows: CellValue[][]) => rows.filter((row) => row[3] !== "mentees.in_pair");
    const r = combineExports(sources.map((s) => ({ ...s, rows: strip(s.rows) })));
    // (70 + 25 + 75) / 3 = 56.666… → 56.7 (as many decimals as the values, at least one, at most two).
    expect(column(r.table, "coverage").at(-1)).toBe(56.7);
    expect(column(r.table, "coverage")[2]).toBe("среднее по школам");
  });

  it("uses an explicit ratio rule before looking in the data", () => {
    const r = combineExports(sources, {
      rules: (code) =>
        code === "coverage"
          ? { kind: "ratio", numerator: "mentees.in_pair", denominator: "mentees.total" }
          : null,
    });
    expect(r.columns.find((c) => c.code === "coverage")).toMatchObject({
      total: 62.5,
      method: { kind: "ratio", found: "rule" },
    });
  });

  it("follows the indicators' own rules (combineRule): shares from counts, weighted averages, maxima", () => {
    const m1 = (org: string, code: string, v: number[]): CellValue[][] =>
      school(org, code, "2025/2026", [
        ["coverage.participants", "Участников программы", v[0] as number, "чел."],
        ["coverage.covered", "В паре", v[1] as number, "чел."],
        ["coverage.pct", "Охват", v[2] as number, "%"],
        ["satisfaction.mentees.final", "Удовлетворённость наставляемых, итоговая", v[3] as number, "балл"],
        ["satisfaction.mentees.answers.final", "Ответов, итоговая", v[4] as number, "шт."],
        ["unmatched.days_max", "Дольше всего ждёт", v[5] as number, "дн."],
        ["unmatched.days_median", "Медиана ожидания", v[6] as number, "дн."],
        ["unmatched.count", "Ожидают пары", v[7] as number, "чел."],
      ]);
    const x = { name: "x.csv", rows: m1("Школа X", "10", [80, 60, 75, 4.5, 10, 30, 12, 20]) };
    const y = { name: "y.csv", rows: m1("Школа Y", "11", [20, 5, 25, 3, 30, 50, 4, 15]) };
    const r = combineExports([x, y]);
    const col = (code: string) => r.columns.find((c) => c.code === code);
    // 100 · (60 + 5) / (80 + 20) = 65
    expect(col("coverage.pct")).toMatchObject({ total: 65, method: { kind: "ratio", found: "rule" } });
    // (4.5 · 10 + 3 · 30) / (10 + 30) = 135 / 40 = 3.375 → 3.4
    expect(col("satisfaction.mentees.final")).toMatchObject({
      total: 3.4,
      method: { kind: "weighted", weight: "satisfaction.mentees.answers.final" },
    });
    expect(column(r.table, "satisfaction.mentees.final")[2]).toBe(
      "среднее, взвешенное по satisfaction.mentees.answers.final",
    );
    // max(30, 50)
    expect(col("unmatched.days_max")).toMatchObject({ total: 50, method: { kind: "max" } });
    // (12 · 20 + 4 · 15) / 35 = 300 / 35 = 8.57… → 8.6
    expect(col("unmatched.days_median")).toMatchObject({ total: 8.6, method: { kind: "weighted" } });
    expect(col("unmatched.count")).toMatchObject({ total: 35, method: { kind: "sum" } });

    // A rule whose counts are missing from the export falls back: here to the mean, (75 + 25) / 2.
    const strip = (s: ExportSource) => ({
      ...s,
      rows: s.rows.filter((row) => row[3] !== "coverage.covered"),
    });
    expect(combineExports([strip(x), strip(y)]).columns.find((c) => c.code === "coverage.pct")).toMatchObject(
      {
        total: 50,
        method: { kind: "mean" },
      },
    );
  });

  it("recomputes the students' coverage over «Обучающихся — база расчёта охвата», not the students in the base", () => {
    const m = (org: string, code: string, v: number[]): CellValue[][] =>
      school(org, code, "2025/2026", [
        ["coverage.students_participants", "Обучающихся в программе этого года", v[0] as number, "чел."],
        ["coverage.students_covered", "Обучающихся в паре или группе", v[1] as number, "чел."],
        ["coverage.students_base", "Обучающихся — база расчёта охвата", v[2] as number, "чел."],
        ["coverage.students_pct", "Охват обучающихся", v[3] as number, "%"],
      ]);
    // X: «Всего обучающихся в организации» = 200, 30 covered → 15 %; Y: not set, base = 50 students → 40 %.
    const x = { name: "x.csv", rows: m("Школа X", "10", [40, 30, 200, 15]) };
    const y = { name: "y.csv", rows: m("Школа Y", "11", [50, 20, 50, 40]) };
    const r = combineExports([x, y]);
    const col = (code: string) => r.columns.find((c) => c.code === code);
    // 100 · (30 + 20) / (200 + 50) = 20 (over the students in the base it would be 50 / 90 = 55.6).
    expect(col("coverage.students_pct")).toMatchObject({
      total: 20,
      method: { kind: "ratio", found: "rule" },
    });
    expect(col("coverage.students_base")).toMatchObject({ total: 250, method: { kind: "sum" } });
  });

  it("finds the header by name in any order, case, «ё» and spacing, below a title line", () => {
    const shuffled: CellValue[][] = [
      ["Выгрузка показателей наставничества"],
      [],
      [
        "  значение ",
        "КОД ПОКАЗАТЕЛЯ",
        "единица",
        "организация",
        "Учебный  год",
        "код организации:",
        "Показатель",
      ],
      [42, "mentees.total", "чел.", "Школа ёлочка", "2025/2026", "004", "Наставляемых всего"],
    ];
    const header = findExportHeader(shuffled);
    expect(header).toEqual({
      row: 2,
      columns: { value: 0, code: 1, unit: 2, org: 3, year: 4, orgCode: 5, indicator: 6 },
    });
    const r = combineExports([{ name: "ёлочка.csv", rows: shuffled }, ...sources]);
    expect(r.schools).toBe(4);
    expect(cellOf(r.table, "Школа ёлочка", "mentees.total")).toBe(42);
    expect(column(r.table, "mentees.total").at(-1)).toBe(242);
  });

  it("reports a table it cannot use and a non-number value with file and line, and combines the rest", () => {
    const broken: CellValue[][] = [
      ["Имя", "Фамилия"],
      ["Анна", "Петрова"],
    ];
    const bad = C.map((row) => [...row]);
    // Line 4 of the file: the third indicator (coverage).
    (bad[3] as CellValue[])[5] = "много";
    const r = combineExports([
      { name: "школа1.csv", rows: A },
      { name: "список.csv", rows: broken },
      { name: "школа3.csv", rows: bad },
    ]);
    expect(r.schools).toBe(2);
    expect(r.unusable).toEqual(["«список.csv»"]);
    expect(r.used).toEqual(["«школа1.csv»", "«школа3.csv»"]);
    expect(r.problems).toContain(
      "«список.csv»: не найдена строка заголовков выгрузки — нет столбцов «Организация» или «Код организации», «Код показателя», «Значение». " +
        "Нужна таблица листа «Выгрузка в регион» (Организация, Код организации, Учебный год, Код показателя, Показатель, Значение, Единица).",
    );
    expect(r.problems).toContain(
      "«школа3.csv», строка 4: «Значение» = «много» — не число; показатель «coverage» не учтён.",
    );
    // The school's other values are there; its coverage cell is empty.
    expect(cellOf(r.table, "Лицей № 3", "mentees.total")).toBe(60);
    expect(cellOf(r.table, "Лицей № 3", "coverage")).toBe("");
    // Recomputed over the schools that have the counts: 100 · (70 + 45) / (100 + 60) = 71.875 → 71.9.
    expect(column(r.table, "coverage").at(-1)).toBe(71.9);
  });

  it("reads numbers written as text: decimal comma, spaces, a percent sign; an empty value is no problem", () => {
    const rows = school("Школа", "010", "2025/2026", [
      ["mentees.total", "Наставляемых", "1 200", "чел."],
      ["coverage", "Охват", "72,5 %", "%"],
      ["satisfaction.mentees", "Удовлетворённость", "", "балл"],
    ]);
    const r = combineExports([{ name: "s.csv", rows }]);
    expect(r.problems).toEqual([]);
    expect(cellOf(r.table, "Школа", "mentees.total")).toBe(1200);
    expect(cellOf(r.table, "Школа", "coverage")).toBe(72.5);
    expect(cellOf(r.table, "Школа", "satisfaction.mentees")).toBe("");
  });

  it("a school sent twice: the later source wins and the duplicate is reported", () => {
    const again = school(
      "МБОУ СОШ № 1",
      "001",
      "2025/2026",
      indicators(110, 80, 72.7, 55, 130, 2.4, 4.6, 20),
    );
    const r = combineExports([...sources, { name: "школа1-исправленная.csv", rows: again }]);
    expect(r.schools).toBe(3);
    expect(r.problems).toEqual([
      "Организация «МБОУ СОШ № 1» (код 001) есть и в «школа1.csv», и в «школа1-исправленная.csv» — взяты данные из «школа1-исправленная.csv» (более позднего источника).",
    ]);
    expect(cellOf(r.table, "МБОУ СОШ № 1", "mentees.total")).toBe(110);
    expect(r.table.find((row) => row[0] === "МБОУ СОШ № 1")?.[3]).toBe("школа1-исправленная.csv");
    // 110 + 40 + 60
    expect(column(r.table, "mentees.total").at(-1)).toBe(210);
  });

  it("an all-digit code matches without its leading zeros (a spreadsheet took «001» for the number 1)", () => {
    const numeric = school(
      "МБОУ СОШ № 1",
      "",
      "2025/2026",
      indicators(101, 70, 69.3, 50, 120, 2.4, 4.5, 30),
    ).map((row, i) => (i === 0 ? row : row.map((v, c) => (c === 1 ? 1 : v))));
    const r = combineExports([...sources, { name: "школа1.xlsx", rows: numeric }]);
    expect(r.schools).toBe(3);
    expect(cellOf(r.table, "МБОУ СОШ № 1", "mentees.total")).toBe(101);
    expect(r.problems[0]).toMatch(/^Организация «МБОУ СОШ № 1» \(код 1\) есть и в «школа1\.csv»/);
  });

  it("a school without a code is matched by name", () => {
    const noCode = school("Гимназия № 2", "", "2025/2026", indicators(41, 10, 24.4, 8, 20, 2.5, 4.0, 12));
    const r = combineExports([...sources, { name: "гимназия.csv", rows: noCode }]);
    expect(r.schools).toBe(3);
    expect(cellOf(r.table, "Гимназия № 2", "mentees.total")).toBe(41);
  });

  it("reports schools of different academic years and a repeated indicator within one file", () => {
    const old = school("Лицей № 3", "003", "2024/2025", indicators(60, 45, 75, 30, 45, 1.5, 3.5, 45));
    old.push(["Лицей № 3", "003", "2024/2025", "mentees.total", "Наставляемых всего", 61, "чел."]);
    const r = combineExports([
      sources[0] as ExportSource,
      sources[1] as ExportSource,
      { name: "лицей.csv", rows: old },
    ]);
    expect(r.years).toEqual(["2025/2026", "2024/2025"]);
    expect(r.problems).toContain(
      "Школы прислали данные за разные учебные годы: 2025/2026 — 2 школы (МБОУ СОШ № 1, Гимназия № 2); 2024/2025 — 1 школа (Лицей № 3).",
    );
    expect(r.problems).toContain(
      "«лицей.csv», строка 10: показатель «mentees.total» уже был в строке 2 (значение 60) — взято значение 61 из этой строки.",
    );
    expect(cellOf(r.table, "Лицей № 3", "mentees.total")).toBe(61);
  });

  it("gives no total for an indicator with different units at different schools", () => {
    const odd = school("Гимназия № 2", "002", "2025/2026", [["coverage", "Охват", 10, "чел."]]);
    const r = combineExports([sources[0] as ExportSource, { name: "g.csv", rows: odd }]);
    expect(column(r.table, "coverage").at(-1)).toBe("");
    expect(column(r.table, "coverage")[2]).toMatch(
      /^не считается: разные единицы: «%» \(1 школа\), «чел\.» \(1 школа\)$/,
    );
    expect(
      r.problems.some((p) =>
        p.startsWith("Показатель «coverage» (Охват наставничеством): итог не считается"),
      ),
    ).toBe(true);
  });

  it("names a school by its file when the rows have neither name nor code", () => {
    const anon = school("", "", "2025/2026", [["mentees.total", "Наставляемых", 5, "чел."]]);
    const r = combineExports([{ name: "без-имени.csv", rows: anon }]);
    expect(r.schools).toBe(1);
    expect(r.table[HEADER_ROWS]?.[0]).toBe("(без названия) «без-имени.csv»");
    expect(r.problems[0]).toMatch(
      /^«без-имени\.csv», строка 2: не указаны «Организация» и «Код организации»/,
    );
  });

  it("a file holding several schools gives several rows", () => {
    const both = [...A, ...B.slice(1)];
    const r = combineExports([
      { name: "район.csv", rows: both },
      { name: "школа3.csv", rows: C },
    ]);
    expect(r.schools).toBe(3);
    expect(r.problems).toEqual([]);
    expect(column(r.table, "mentees.total").at(-1)).toBe(200);
  });

  it("caps the problems of one source and counts the rest", () => {
    const rows: CellValue[][] = [HEADER];
    for (let i = 0; i < 25; i++) rows.push(["Школа", "1", "2025/2026", `x.${i}`, "X", "нет", "чел."]);
    rows.push(["Школа", "1", "2025/2026", "ok", "OK", 1, "чел."]);
    const r = combineExports([{ name: "плохой.csv", rows }]);
    expect(r.problems).toHaveLength(11);
    expect(r.problems.at(-1)).toBe("«плохой.csv»: и ещё 15 замечаний.");
    expect(r.schools).toBe(1);
  });

  it("nothing readable: no school, and the summary says so", () => {
    const r = combineExports([{ name: "пусто.csv", rows: [] }]);
    expect(r.schools).toBe(0);
    expect(r.problems).toEqual(["«пусто.csv»: файл пуст — нечего сводить."]);
    expect(describeCombine(r, 1)[0]).toBe(
      "Ничего не сведено: ни в одном из 1 источника нет таблицы выгрузки школы.",
    );
  });

  it("does not take two equal columns for a ratio when the percentage is uninformative", () => {
    // Every school at 100 %: any N = D pair would fit, so nothing is recomputed.
    const full = (org: string, code: string, n: number) =>
      school(org, code, "2025/2026", [
        ["a", "A", n, "чел."],
        ["b", "B", n, "чел."],
        ["share", "Доля", 100, "%"],
      ]);
    const r = combineExports([
      { name: "1.csv", rows: full("Ш1", "1", 10) },
      { name: "2.csv", rows: full("Ш2", "2", 20) },
    ]);
    expect(r.columns.find((c) => c.code === "share")).toMatchObject({ total: 100, method: { kind: "mean" } });
  });
});
