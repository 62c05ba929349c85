// The Apps Script adapters against the fakes of the Apps Script surface.

import { describe, expect, it } from "vitest";
import type { CellValue, SheetLayout } from "../../src/app/ports";
import {
  CONDITIONAL_MARK,
  GasLock,
  GasMeta,
  GasUser,
  GasWorkbook,
  LOCK_BUSY_MESSAGE,
  META_PREFIX,
  markedFormula,
  markedRuleId,
  toCellInput,
  UNKNOWN_USER,
} from "../../src/gas/workbook";
import {
  CallCounter,
  createGasEnvironment,
  FakeConditionalFormatRule,
  FakeRange,
  type FakeSheet,
  type GasEnvironment,
} from "../fakes/gas";

function setup(sheetNames = ["Участники", "Справочники"]) {
  const env = createGasEnvironment({ sheetNames });
  const wb = new GasWorkbook(env.globals.SpreadsheetApp);
  return { env, wb };
}

function sheetOf(env: GasEnvironment, name: string): FakeSheet {
  const sheet = env.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

const FORMULA_LIKE = ["=1+1", "+7 912 345-67-89", "-минус", "@ivanov", "'в кавычках", '=IMPORTXML("x")'];
const CONVERTIBLE = [
  "0012",
  "01.09.2025",
  "TRUE",
  "ложь",
  "3,5",
  "12:30",
  "50%",
  "1 000",
  "2025-09-01",
  "-5",
];

describe("GasWorkbook.read and sheetNames", () => {
  it("lists sheets in tab order", () => {
    const { wb } = setup(["Б", "А", "В"]);
    expect(wb.sheetNames()).toEqual(["Б", "А", "В"]);
  });

  it("null for a missing sheet, [] for an empty one", () => {
    const { wb } = setup();
    expect(wb.read("Нет такого")).toBeNull();
    expect(wb.read("Участники")).toEqual([]);
  });

  it("the used range, rows of equal width, empty cells as ''", () => {
    const { env, wb } = setup();
    env.seed("Участники", [
      ["ФИО", "Класс", "Дата"],
      ["Иванов", "7А"],
      ["", "", new Date(2025, 8, 1)],
    ]);
    expect(wb.read("Участники")).toEqual([
      ["ФИО", "Класс", "Дата"],
      ["Иванов", "7А", ""],
      ["", "", new Date(2025, 8, 1)],
    ]);
  });

  it("reads with one getValues", () => {
    const { env, wb } = setup();
    env.seed("Участники", [["a"], ["b"]]);
    env.calls.reset();
    wb.read("Участники");
    expect(env.calls.byMethod).toEqual({
      "SpreadsheetApp.getActiveSpreadsheet": 1,
      "Spreadsheet.getSheetByName": 1,
      "Sheet.getDataRange": 1,
      "Range.getValues": 1,
    });
  });
});

describe("GasWorkbook.write", () => {
  it("round-trips text, numbers, booleans and Dates", () => {
    const { wb } = setup();
    const date = new Date(2025, 8, 1);
    wb.write("Участники", [
      { row: 1, col: 1, value: "Иванов Иван" },
      { row: 1, col: 2, value: 7 },
      { row: 1, col: 3, value: true },
      { row: 1, col: 4, value: date },
      { row: 1, col: 5, value: 2.5 },
    ]);
    const [row] = wb.read("Участники") ?? [];
    expect(row).toEqual(["Иванов Иван", 7, true, date, 2.5]);
    expect(row?.[3]).toBeInstanceOf(Date);
  });

  it("formula-like text stays text", () => {
    const { env, wb } = setup();
    wb.write(
      "Участники",
      FORMULA_LIKE.map((value, i) => ({ row: 2, col: i + 1, value })),
    );
    expect(wb.read("Участники")?.[1]).toEqual(FORMULA_LIKE);
    const formulas = sheetOf(env, "Участники").getRange(2, 1, 1, FORMULA_LIKE.length).getFormulas();
    expect(formulas[0]?.every((f) => f === "")).toBe(true);
  });

  it("numeric-, date- and boolean-looking text stays text", () => {
    const { wb } = setup();
    wb.write(
      "Участники",
      CONVERTIBLE.map((value, i) => ({ row: 1, col: i + 1, value })),
    );
    expect(wb.read("Участники")?.[0]).toEqual(CONVERTIBLE);
  });

  it("plain-text (@) cells get plain text as it is, and formula-like text never becomes a formula", () => {
    const { env, wb } = setup();
    sheetOf(env, "Участники").getRange(1, 1, 1000, 2).setNumberFormat("@");
    wb.write("Участники", [
      { row: 1, col: 1, value: "0012" },
      { row: 1, col: 2, value: "=1+1" },
      { row: 1, col: 3, value: "0012" },
    ]);
    // Apps Script does not promise that "@" stops formula parsing, so formula-like text keeps
    // its apostrophe there: the fake stores "@" input literally, so the apostrophe shows.
    expect(wb.read("Участники")).toEqual([["0012", "'=1+1", "0012"]]);
    const cells = sheetOf(env, "Участники").state;
    expect(cells.peek(1, 1)?.value).toBe("0012");
    expect(cells.peek(1, 2)?.formula).toBe("");
  });

  it("leaves every other cell of the block as it is: formulas, text, numbers, Dates", () => {
    const { env, wb } = setup();
    const date = new Date(2025, 0, 15);
    env.seed("Участники", [
      ["ID", "ФИО", "Итог", "Дата", "Код"],
      ["M-1", "'=не формула", '=B2&"!"', date, "'0012"],
      ["M-2", "Петров", 5, "", "'TRUE"],
      ["M-3", "Сидоров", "=C3*2", "", ""],
    ]);
    wb.write("Участники", [
      { row: 2, col: 1, value: "M-10" },
      { row: 4, col: 5, value: "x" },
    ]);
    const sheet = sheetOf(env, "Участники");
    expect(sheet.getRange(1, 1, 4, 5).getFormulas()).toEqual([
      ["", "", "", "", ""],
      ["", "", '=B2&"!"', "", ""],
      ["", "", "", "", ""],
      ["", "", "=C3*2", "", ""],
    ]);
    const values = wb.read("Участники");
    expect(values?.[1]).toEqual(["M-10", "=не формула", "#NAME?", date, "0012"]);
    expect(values?.[2]).toEqual(["M-2", "Петров", 5, "", "TRUE"]);
    expect(values?.[3]?.[4]).toBe("x");
    expect(values?.[0]).toEqual(["ID", "ФИО", "Итог", "Дата", "Код"]);
  });

  it("reads the block at the moment of writing, so a curator's later edit survives", () => {
    const { env, wb } = setup();
    env.seed("Участники", [
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    wb.read("Участники");
    sheetOf(env, "Участники")
      .getRange(2, 2)
      .setValues([["исправлено куратором"]]);
    wb.write("Участники", [
      { row: 2, col: 1, value: "x" },
      { row: 2, col: 3, value: "y" },
    ]);
    expect(wb.read("Участники")?.[1]).toEqual(["x", "исправлено куратором", "y"]);
  });

  it("writes cells anywhere with one setValues, growing the grid when needed", () => {
    const { env, wb } = setup();
    env.calls.reset();
    wb.write("Участники", [
      { row: 1, col: 1, value: "a" },
      { row: 1500, col: 30, value: "b" },
    ]);
    const sheet = sheetOf(env, "Участники");
    expect(sheet.getMaxRows()).toBe(1500);
    expect(sheet.getMaxColumns()).toBe(30);
    expect(env.calls.byMethod["Range.setValues"]).toBe(1);
    expect(env.calls.byMethod["Sheet.insertRowsAfter"]).toBe(1);
    expect(env.calls.byMethod["Sheet.insertColumnsAfter"]).toBe(1);
    const values = wb.read("Участники");
    expect(values).toHaveLength(1500);
    expect(values?.[1499]?.[29]).toBe("b");
    expect(values?.[0]?.[0]).toBe("a");
  });

  it("the last value wins when a cell is given twice; nothing is written for no cells", () => {
    const { env, wb } = setup();
    wb.write("Участники", [
      { row: 1, col: 1, value: "first" },
      { row: 1, col: 1, value: "second" },
    ]);
    expect(wb.read("Участники")).toEqual([["second"]]);
    env.calls.reset();
    wb.write("Участники", []);
    expect(env.calls.total).toBe(0);
  });

  it("rejects a missing sheet and bad addresses with Russian messages", () => {
    const { wb } = setup();
    expect(() => wb.write("Нет", [{ row: 1, col: 1, value: "x" }])).toThrow("В книге нет листа «Нет».");
    expect(() => wb.write("Участники", [{ row: 0, col: 1, value: "x" }])).toThrow(
      /Некорректный адрес ячейки/,
    );
    expect(() => wb.write("Участники", [{ row: 1, col: 1.5, value: "x" }])).toThrow(
      /Некорректный адрес ячейки/,
    );
  });
});

describe("GasWorkbook.append", () => {
  it("appends after the last row with content and returns its number", () => {
    const { wb } = setup();
    expect(wb.append("Участники", [["ФИО", "Класс"]])).toBe(1);
    expect(wb.append("Участники", [["Иванов", "7А"], ["Петров"]])).toBe(2);
    expect(wb.read("Участники")).toEqual([
      ["ФИО", "Класс"],
      ["Иванов", "7А"],
      ["Петров", ""],
    ]);
  });

  it("pads rows to the widest with one setValues", () => {
    const { env, wb } = setup();
    env.seed("Участники", [["a", "b", "c", "d"]]);
    env.calls.reset();
    wb.append("Участники", [["x"], ["y", "z"]]);
    expect(env.calls.byMethod["Range.setValues"]).toBe(1);
    expect(wb.read("Участники")).toEqual([
      ["a", "b", "c", "d"],
      ["x", "", "", ""],
      ["y", "z", "", ""],
    ]);
  });

  it("keeps formula-like and numeric-looking text as text, Dates as Dates", () => {
    const { env, wb } = setup();
    const date = new Date(2025, 8, 1, 10, 30);
    const row: CellValue[] = [...FORMULA_LIKE, ...CONVERTIBLE, date, 3, false];
    wb.append("Участники", [row]);
    expect(wb.read("Участники")).toEqual([row]);
    const formulas = sheetOf(env, "Участники").getRange(1, 1, 1, row.length).getFormulas();
    expect(formulas[0]?.every((f) => f === "")).toBe(true);
  });

  it("grows the grid for rows and columns beyond it", () => {
    const { env, wb } = setup();
    env.seed("Участники", [["h"]]);
    const rows = Array.from({ length: 1200 }, (_, i) => Array.from({ length: 28 }, (_, c) => `${i}:${c}`));
    expect(wb.append("Участники", rows)).toBe(2);
    const sheet = sheetOf(env, "Участники");
    expect(sheet.getMaxRows()).toBe(1201);
    expect(sheet.getMaxColumns()).toBe(28);
    expect(wb.read("Участники")?.[1200]?.[27]).toBe("1199:27");
  });

  it("nothing to append: returns the next row and writes nothing", () => {
    const { env, wb } = setup();
    env.seed("Участники", [["a"], ["b"]]);
    env.calls.reset();
    expect(wb.append("Участники", [])).toBe(3);
    expect(env.calls.byMethod["Range.setValues"]).toBeUndefined();
  });

  it("throws in Russian for a missing sheet", () => {
    const { wb } = setup();
    expect(() => wb.append("Нет", [["x"]])).toThrow("В книге нет листа «Нет».");
  });
});

describe("GasWorkbook.createSheet", () => {
  it("adds the sheet at the end", () => {
    const { wb } = setup();
    wb.createSheet("Журнал");
    expect(wb.sheetNames()).toEqual(["Участники", "Справочники", "Журнал"]);
    expect(wb.read("Журнал")).toEqual([]);
  });

  it("refuses an existing name, also one differing only in case", () => {
    const { wb } = setup();
    expect(() => wb.createSheet("Участники")).toThrow("Лист «Участники» уже есть в книге.");
    expect(() => wb.createSheet("участники")).toThrow(/Лист «участники» уже есть в книге/);
    expect(wb.sheetNames()).toHaveLength(2);
  });
});

const LAYOUT: SheetLayout = {
  frozenRows: 1,
  headerWidth: 3,
  headerBackground: "#e8eaf6",
  tabColor: "#3949ab",
  columns: [
    {
      col: 1,
      width: 220,
      numberFormat: "@",
      note: "Фамилия, имя, отчество",
      wrap: true,
      protect: { description: "Наставник: ID" },
    },
    {
      col: 2,
      validation: { kind: "range", sheet: "Справочники", column: 2, firstRow: 2, lastRow: 300, strict: true },
    },
    { col: 3, validation: { kind: "list", values: ["да", "нет"], strict: false } },
    { col: 4, validation: { kind: "checkbox" } },
    { col: 5, validation: { kind: "date" }, numberFormat: "dd.mm.yyyy" },
    { col: 6, validation: { kind: "number", min: 1, max: 11 }, protect: { description: "Наставник: класс" } },
    { col: 7, validation: { kind: "number", min: 0 } },
    { col: 8, validation: { kind: "number", max: 100 } },
  ],
};

describe("GasWorkbook.applyLayout", () => {
  it("applies frozen rows, header style, tab colour, widths, formats, notes and wrap", () => {
    const { env, wb } = setup();
    wb.applyLayout("Участники", LAYOUT);
    const sheet = sheetOf(env, "Участники");
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getTabColor()).toBe("#3949ab");
    expect(sheet.getRange(1, 3).getFontWeight()).toBe("bold");
    expect(sheet.getRange(1, 3).getBackground()).toBe("#e8eaf6");
    expect(sheet.getRange(1, 4).getFontWeight()).toBe("normal");
    expect(sheet.getColumnWidth(1)).toBe(220);
    expect(sheet.getColumnWidth(2)).toBe(100);
    expect(sheet.getRange(1, 1).getNumberFormat()).not.toBe("@");
    expect(sheet.getRange(2, 1).getNumberFormat()).toBe("@");
    expect(sheet.getRange(1000, 1).getNumberFormat()).toBe("@");
    expect(sheet.getRange(500, 5).getNumberFormat()).toBe("dd.mm.yyyy");
    expect(sheet.getRange(1, 1).getNote()).toBe("Фамилия, имя, отчество");
    expect(sheet.getRange(2, 1).getNote()).toBe("");
    expect(sheet.getRange(2, 1).getWrap()).toBe(true);
    expect(sheet.getRange(2, 2).getWrap()).toBe(false);
  });

  it("applies the validation rules to the data cells", () => {
    const { env, wb } = setup();
    wb.applyLayout("Участники", LAYOUT);
    const sheet = sheetOf(env, "Участники");
    const rule = (col: number, row = 2) => {
      const r = sheet.getRange(row, col).getDataValidation();
      if (!r) throw new Error(`no rule in column ${col}, row ${row}`);
      return r.describe();
    };
    expect(sheet.getRange(1, 2).getDataValidation()).toBeNull();
    const range = rule(2, 1000);
    expect(range.criteria).toBe("VALUE_IN_RANGE");
    expect(range.allowInvalid).toBe(false);
    const [source, dropdown] = range.values;
    if (!(source instanceof FakeRange)) throw new Error("range expected");
    expect(source.getSheet().getName()).toBe("Справочники");
    expect(source.getA1Notation()).toBe("B2:B300");
    expect(dropdown).toBe(true);
    expect(rule(3)).toEqual({
      criteria: "VALUE_IN_LIST",
      values: [["да", "нет"], true],
      allowInvalid: true,
      helpText: "",
    });
    expect(rule(4).criteria).toBe("CHECKBOX");
    expect(rule(5).criteria).toBe("DATE_IS_VALID_DATE");
    expect(rule(6)).toMatchObject({ criteria: "NUMBER_BETWEEN", values: [1, 11] });
    expect(rule(7)).toMatchObject({ criteria: "NUMBER_GREATER_THAN_OR_EQUAL_TO", values: [0] });
    expect(rule(8)).toMatchObject({ criteria: "NUMBER_LESS_THAN_OR_EQUAL_TO", values: [100] });
  });

  it("protects the data cells, warning only, once however often it is applied", () => {
    const { env, wb } = setup();
    wb.applyLayout("Участники", LAYOUT);
    wb.applyLayout("Участники", LAYOUT);
    const sheet = sheetOf(env, "Участники");
    const protections = sheet.getProtections(env.globals.SpreadsheetApp.ProtectionType.RANGE);
    expect(protections.map((p) => p.getDescription()).sort()).toEqual(["Наставник: ID", "Наставник: класс"]);
    for (const p of protections) expect(p.isWarningOnly()).toBe(true);
    const id = protections.find((p) => p.getDescription() === "Наставник: ID");
    expect(id?.getRange().getA1Notation()).toBe("A2:A1000");
  });

  it("keeps a protection the curator already has with that description", () => {
    const { env, wb } = setup();
    const sheet = sheetOf(env, "Участники");
    sheet.getRange(2, 1, 10, 1).protect().setDescription("Наставник: ID");
    wb.applyLayout("Участники", LAYOUT);
    const ids = sheet
      .getProtections(env.globals.SpreadsheetApp.ProtectionType.RANGE)
      .filter((p) => p.getDescription() === "Наставник: ID");
    expect(ids).toHaveLength(1);
    expect(ids[0]?.getRange().getA1Notation()).toBe("A2:A11");
  });

  it("widens the grid for columns beyond it", () => {
    const { env, wb } = setup();
    wb.applyLayout("Участники", {
      frozenRows: 1,
      headerWidth: 30,
      headerBackground: "#fff",
      columns: [{ col: 32, width: 50 }],
    });
    const sheet = sheetOf(env, "Участники");
    expect(sheet.getMaxColumns()).toBe(32);
    expect(sheet.getColumnWidth(32)).toBe(50);
  });

  it("throws in Russian when the list sheet is missing", () => {
    const { wb } = setup(["Участники"]);
    expect(() => wb.applyLayout("Участники", LAYOUT)).toThrow("В книге нет листа «Справочники».");
  });
});

describe("service calls do not depend on the number of rows", () => {
  const width = 8;
  function scenario(dataRows: number, appendRows: number, gridRows?: number) {
    const env = createGasEnvironment({ sheetNames: ["Данные", "Справочники"] });
    const rows: CellValue[][] = [Array.from({ length: width }, (_, c) => `Столбец ${c + 1}`)];
    for (let r = 1; r < dataRows; r++) rows.push(Array.from({ length: width }, (_, c) => `${r}-${c}`));
    const sheet = env.seed("Данные", rows);
    // The grid: with room for the appended rows, or exactly as large as given.
    sheet.state.maxRows = gridRows ?? dataRows + appendRows + 10;
    const wb = new GasWorkbook(env.globals.SpreadsheetApp);
    const measure = (fn: () => void) => {
      env.calls.reset();
      fn();
      return env.calls.snapshot();
    };
    return {
      read: measure(() => wb.read("Данные")),
      write: measure(() =>
        wb.write("Данные", [
          { row: 2, col: 1, value: "x" },
          { row: 5, col: 3, value: 1 },
          { row: dataRows, col: 2, value: "=y" },
        ]),
      ),
      append: measure(() =>
        wb.append(
          "Данные",
          Array.from({ length: appendRows }, (_, r) => Array.from({ length: width }, (_, c) => `+${r}-${c}`)),
        ),
      ),
      layout: measure(() => wb.applyLayout("Данные", LAYOUT)),
      layoutAgain: measure(() => wb.applyLayout("Данные", LAYOUT)),
      values: wb.read("Данные"),
    };
  }

  it("10 rows and 5,000 rows: reading, writing 3 cells, appending 10 vs 5,000 rows, layout", () => {
    const small = scenario(10, 10);
    const large = scenario(5000, 5000);
    expect(large.values).toHaveLength(10000);
    expect(small.values).toHaveLength(20);
    for (const op of ["read", "write", "append", "layout", "layoutAgain"] as const) {
      expect({ op, calls: large[op] }).toEqual({ op, calls: small[op] });
    }
    expect(small.read.total).toBe(4);
    expect(small.append.byMethod["Range.setValues"]).toBe(1);
    expect(small.write.byMethod["Range.setValues"]).toBe(1);
  });

  it("growing the grid costs one call, whatever the number of rows", () => {
    const small = scenario(10, 10, 10);
    const large = scenario(5000, 5000, 5000);
    expect(large.append).toEqual(small.append);
    expect(small.append.byMethod["Sheet.insertRowsAfter"]).toBe(1);
  });

  it("re-applying a layout creates no protection and costs fewer calls", () => {
    const a = scenario(10, 10);
    expect(a.layoutAgain.total).toBeLessThan(a.layout.total);
    expect(a.layoutAgain.byMethod["Range.protect"]).toBeUndefined();
  });
});

const CF_LAYOUT: SheetLayout = {
  frozenRows: 1,
  headerWidth: 4,
  headerBackground: "#e8eaf6",
  columns: [],
  conditional: [
    {
      id: "overdue",
      fromCol: 1,
      toCol: 4,
      formula: '=AND($D2=TRUE,$C2<>"Выполнено")',
      background: "#f4cccc",
    },
    {
      id: "done",
      fromCol: 3,
      toCol: 3,
      formula: '=$C2="Выполнено"',
      background: "#d9ead3",
      fontColor: "#274e13",
    },
  ],
};

/** The add-on's rules of a sheet (by the mark in their formula) and the others, in order. */
function conditionalRules(sheet: FakeSheet) {
  const all = sheet.state.conditionalRules.map((r) =>
    new FakeConditionalFormatRule(new CallCounter(), r).describe(),
  );
  const idOf = (r: (typeof all)[number]) =>
    r.criteria === "CUSTOM_FORMULA" && typeof r.values[0] === "string" ? markedRuleId(r.values[0]) : null;
  return {
    all,
    ids: all.map(idOf),
    ours: all.filter((r) => idOf(r) !== null),
    others: all.filter((r) => idOf(r) === null),
  };
}

/** A rule the curator made in the spreadsheet UI. */
function curatorRule(
  env: GasEnvironment,
  sheet: FakeSheet,
  formula: string,
  a1: [number, number, number, number],
) {
  return env.globals.SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(formula)
    .setBackground("#fff2cc")
    .setRanges([sheet.getRange(...a1)])
    .build();
}

describe("markedFormula and markedRuleId", () => {
  it("wraps the formula in AND with an always-true term holding the id, and reads the id back", () => {
    expect(markedFormula({ id: "overdue", formula: '=AND($N2=TRUE,$L2<>"Выполнено")' })).toBe(
      `=AND(AND($N2=TRUE,$L2<>"Выполнено"),N("nastavnik:overdue")=0)`,
    );
    expect(markedFormula({ id: "x", formula: " $A2>5" })).toBe('=AND($A2>5,N("nastavnik:x")=0)');
    expect(CONDITIONAL_MARK).toBe("nastavnik:");
    const odd = 'с "кавычками", скобкой)';
    expect(markedRuleId(markedFormula({ id: odd, formula: "=TRUE" }))).toBe(odd);
    expect(markedRuleId('=and($a2>5, n( "nastavnik:low" )=0)')).toBe("low");
    expect(markedRuleId("=$A2>5")).toBeNull();
    expect(markedRuleId('=$A2="nastavnik"')).toBeNull();
  });
});

describe("GasWorkbook.applyLayout: conditional formats", () => {
  it("the fake keeps copies: rules are snapshots, and later changes to the array do not reach the sheet", () => {
    const { env } = setup();
    const sheet = sheetOf(env, "Участники");
    const rules = [curatorRule(env, sheet, "=$B2>1", [2, 2, 10, 1])];
    env.calls.reset();
    sheet.setConditionalFormatRules(rules);
    rules.pop();
    const [read] = sheet.getConditionalFormatRules();
    sheet.insertRowsAfter(5, 3);
    expect(read?.getRanges().map((r) => r.getA1Notation())).toEqual(["B2:B11"]);
    const [again] = sheet.getConditionalFormatRules();
    expect(again?.getRanges().map((r) => r.getA1Notation())).toEqual(["B2:B14"]);
    const condition = again?.getBooleanCondition();
    expect(condition?.getCriteriaType()).toBe(env.globals.SpreadsheetApp.BooleanCriteria.CUSTOM_FORMULA);
    expect(condition?.getCriteriaValues()).toEqual(["=$B2>1"]);
    expect([condition?.getBackground(), condition?.getFontColor()]).toEqual(["#fff2cc", null]);
    expect(env.calls.byMethod).toMatchObject({
      "Sheet.setConditionalFormatRules": 1,
      "Sheet.getConditionalFormatRules": 2,
      "ConditionalFormatRule.getRanges": 2,
      "BooleanCondition.getCriteriaValues": 1,
    });
    expect(() => env.globals.SpreadsheetApp.newConditionalFormatRule().build()).toThrow(/condition/);
  });

  it("builds custom-formula rules over the data rows of the columns, in the given order", () => {
    const { env, wb } = setup();
    wb.applyLayout("Участники", CF_LAYOUT);
    const { all } = conditionalRules(sheetOf(env, "Участники"));
    expect(all).toEqual([
      {
        criteria: "CUSTOM_FORMULA",
        values: [`=AND(AND($D2=TRUE,$C2<>"Выполнено"),N("nastavnik:overdue")=0)`],
        background: "#f4cccc",
        fontColor: null,
        ranges: ["Участники!A2:D1000"],
      },
      {
        criteria: "CUSTOM_FORMULA",
        values: [`=AND($C2="Выполнено",N("nastavnik:done")=0)`],
        background: "#d9ead3",
        fontColor: "#274e13",
        ranges: ["Участники!C2:C1000"],
      },
    ]);
  });

  it("applying a layout with two rules twice leaves exactly two add-on rules", () => {
    const { env, wb } = setup();
    wb.applyLayout("Участники", CF_LAYOUT);
    const once = conditionalRules(sheetOf(env, "Участники")).all;
    wb.applyLayout("Участники", CF_LAYOUT);
    wb.applyLayout("Участники", CF_LAYOUT);
    const after = conditionalRules(sheetOf(env, "Участники"));
    expect(after.ids).toEqual(["overdue", "done"]);
    expect(after.all).toEqual(once);
  });

  it("keeps the curator's own rules, after the add-on's, in their order and with their ranges", () => {
    const { env, wb } = setup();
    const sheet = sheetOf(env, "Участники");
    const mine = curatorRule(env, sheet, "=$B2>100", [2, 2, 50, 1]);
    const another = curatorRule(env, sheet, "=ISBLANK($A2)", [2, 1, 999, 1]);
    // A rule without a boolean condition (a colour scale, made in the UI).
    const scale = new FakeConditionalFormatRule(env.calls, {
      condition: null,
      background: null,
      fontColor: null,
      ranges: [sheet.getRange(2, 5, 10, 1).area()],
    });
    sheet.setConditionalFormatRules([mine, another, scale]);
    const before = conditionalRules(sheet).all;

    wb.applyLayout("Участники", CF_LAYOUT);
    wb.applyLayout("Участники", CF_LAYOUT);
    const after = conditionalRules(sheet);
    expect(after.ids).toEqual(["overdue", "done", null, null, null]);
    expect(after.others).toEqual(before);
    expect(after.others[0]?.ranges).toEqual(["Участники!B2:B51"]);
  });

  it("replaces the add-on's rule with the same id when its formula changes, and drops ids no longer given", () => {
    const { env, wb } = setup();
    const sheet = sheetOf(env, "Участники");
    wb.applyLayout("Участники", CF_LAYOUT);
    sheet.setConditionalFormatRules([
      ...sheet.getConditionalFormatRules(),
      curatorRule(env, sheet, "=$B2>100", [2, 2, 50, 1]),
    ]);
    const [overdue] = CF_LAYOUT.conditional ?? [];
    if (!overdue) throw new Error("no rule");
    wb.applyLayout("Участники", {
      ...CF_LAYOUT,
      conditional: [{ ...overdue, formula: "=$D2=TRUE", toCol: 6, background: "#ea9999" }],
    });
    const after = conditionalRules(sheet);
    expect(after.ids).toEqual(["overdue", null]);
    expect(after.ours[0]).toMatchObject({
      values: ['=AND($D2=TRUE,N("nastavnik:overdue")=0)'],
      background: "#ea9999",
      ranges: ["Участники!A2:F1000"],
    });
    expect(after.others[0]?.values).toEqual(["=$B2>100"]);

    // An empty list removes the add-on's rules; no list leaves the rules alone.
    wb.applyLayout("Участники", { ...CF_LAYOUT, conditional: [] });
    expect(conditionalRules(sheet).ids).toEqual([null]);
    wb.applyLayout("Участники", CF_LAYOUT);
    env.calls.reset();
    wb.applyLayout("Участники", { ...CF_LAYOUT, conditional: undefined });
    expect(env.calls.byMethod["Sheet.getConditionalFormatRules"]).toBeUndefined();
    expect(env.calls.byMethod["Sheet.setConditionalFormatRules"]).toBeUndefined();
    expect(conditionalRules(sheet).ids).toEqual(["overdue", "done", null]);
  });

  it("widens the grid for columns beyond it; re-applying covers rows added beyond the grid", () => {
    const { env, wb } = setup();
    const sheet = sheetOf(env, "Участники");
    const layout: SheetLayout = {
      ...CF_LAYOUT,
      conditional: [{ id: "wide", fromCol: 27, toCol: 30, formula: "=$AA2>0", background: "#cfe2f3" }],
    };
    wb.applyLayout("Участники", layout);
    expect(sheet.getMaxColumns()).toBe(30);
    // Rows inserted inside the range widen it (as Sheets does with ranges).
    sheet.insertRowsAfter(500, 10);
    expect(conditionalRules(sheet).ours[0]?.ranges).toEqual(["Участники!AA2:AD1010"]);
    // Rows appended after the last row of the grid are not covered until the layout is applied again.
    wb.append(
      "Участники",
      Array.from({ length: 1200 }, (_, i) => [`строка ${i}`]),
    );
    expect(sheet.getMaxRows()).toBe(1200);
    wb.applyLayout("Участники", layout);
    expect(conditionalRules(sheet).all.map((r) => r.ranges)).toEqual([["Участники!AA2:AD1200"]]);
  });

  it("refuses bad columns before changing anything", () => {
    const { env, wb } = setup();
    const bad = { id: "bad", fromCol: 3, toCol: 2, formula: "=TRUE", background: "#fff" };
    expect(() => wb.applyLayout("Участники", { ...CF_LAYOUT, conditional: [bad] })).toThrow(
      /Некорректные столбцы условного форматирования «bad»/,
    );
    expect(sheetOf(env, "Участники").getFrozenRows()).toBe(0);
  });

  it("one read and one write of the rules; calls equal for a 10-row and a 5,000-row sheet", () => {
    function measure(dataRows: number) {
      const env = createGasEnvironment({ sheetNames: ["Данные"] });
      const sheet = env.seed(
        "Данные",
        Array.from({ length: dataRows }, (_, r) => [
          `Имя ${r}`,
          r,
          r % 2 === 0 ? "Выполнено" : "",
          r % 3 === 0,
        ]),
      );
      sheet.setConditionalFormatRules([curatorRule(env, sheet, "=$B2>100", [2, 2, dataRows - 1, 1])]);
      const wb = new GasWorkbook(env.globals.SpreadsheetApp);
      env.calls.reset();
      wb.applyLayout("Данные", CF_LAYOUT);
      const first = env.calls.snapshot();
      env.calls.reset();
      wb.applyLayout("Данные", CF_LAYOUT);
      return { first, again: env.calls.snapshot(), rows: sheet.getMaxRows() };
    }
    const small = measure(10);
    const large = measure(5000);
    expect(small.rows).toBe(1000);
    expect(large.rows).toBe(5000);
    expect(large.first).toEqual(small.first);
    expect(large.again).toEqual(small.again);
    for (const calls of [small.first, small.again]) {
      expect(calls.byMethod["Sheet.getConditionalFormatRules"]).toBe(1);
      expect(calls.byMethod["Sheet.setConditionalFormatRules"]).toBe(1);
      expect(calls.byMethod["ConditionalFormatRuleBuilder.build"]).toBe(2);
    }
  });
});

describe("GasMeta", () => {
  it("keeps values among the document properties under the add-on's prefix", () => {
    const env = createGasEnvironment();
    const meta = new GasMeta(env.globals.PropertiesService);
    expect(meta.get("schemaVersion")).toBeNull();
    meta.set("schemaVersion", "3");
    expect(meta.get("schemaVersion")).toBe("3");
    expect(env.documentProperties.map.get(`${META_PREFIX}schemaVersion`)).toBe("3");
    expect(META_PREFIX).toBe("nastavnik:");
    expect(env.calls.byMethod["PropertiesService.getDocumentProperties"]).toBe(1);
  });

  it("throws in Russian outside a spreadsheet", () => {
    const env = createGasEnvironment({ standalone: true });
    expect(() => new GasMeta(env.globals.PropertiesService).get("x")).toThrow(/Настройки книги недоступны/);
  });
});

describe("GasLock", () => {
  it("runs the function holding the document lock, flushes and releases it", () => {
    const env = createGasEnvironment();
    const lock = new GasLock(env.globals.LockService, env.globals.SpreadsheetApp);
    let holder = "";
    expect(
      lock.withLock(() => {
        holder = env.documentLock.holder;
        return 42;
      }),
    ).toBe(42);
    expect(holder).toBe("self");
    expect(env.documentLock.holder).toBe("none");
    expect(env.calls.byMethod).toMatchObject({
      "Lock.waitLock": 1,
      "SpreadsheetApp.flush": 1,
      "Lock.releaseLock": 1,
    });
  });

  it("releases the lock when the function throws", () => {
    const env = createGasEnvironment();
    const lock = new GasLock(env.globals.LockService, env.globals.SpreadsheetApp);
    expect(() =>
      lock.withLock(() => {
        throw new Error("сбой");
      }),
    ).toThrow("сбой");
    expect(env.documentLock.holder).toBe("none");
  });

  it("throws a Russian message when another execution holds the lock, without running the function", () => {
    const env = createGasEnvironment();
    env.documentLock.holdByOther();
    const lock = new GasLock(env.globals.LockService);
    let ran = false;
    expect(() =>
      lock.withLock(() => {
        ran = true;
      }),
    ).toThrow(LOCK_BUSY_MESSAGE);
    expect(LOCK_BUSY_MESSAGE).toBe(
      "Книга занята другим действием надстройки (например, загрузкой ответов). Повторите через минуту.",
    );
    expect(ran).toBe(false);
    expect(env.documentLock.holder).toBe("other");
  });

  it("waits up to 30 s", () => {
    const env = createGasEnvironment();
    const waits: number[] = [];
    const service = {
      getDocumentLock: () => ({
        waitLock: (ms: number) => void waits.push(ms),
        tryLock: () => true,
        releaseLock: () => undefined,
        hasLock: () => true,
      }),
      getScriptLock: () => env.globals.LockService.getScriptLock(),
    };
    new GasLock(service).withLock(() => undefined);
    expect(waits).toEqual([30000]);
  });

  it("nested use takes the lock once and keeps it until the outer call ends", () => {
    const env = createGasEnvironment();
    const lock = new GasLock(env.globals.LockService);
    let inner = "";
    lock.withLock(() => {
      lock.withLock(() => undefined);
      inner = env.documentLock.holder;
    });
    expect(inner).toBe("self");
    expect(env.calls.byMethod["Lock.waitLock"]).toBe(1);
    expect(env.documentLock.holder).toBe("none");
  });

  it("falls back to the script lock where there is no document lock", () => {
    const env = createGasEnvironment({ standalone: true });
    new GasLock(env.globals.LockService).withLock(() => {
      expect(env.scriptLock.holder).toBe("self");
    });
    expect(env.scriptLock.holder).toBe("none");
  });
});

describe("GasUser", () => {
  it("the active user's email, or «неизвестный пользователь»", () => {
    const env = createGasEnvironment({ userEmail: "kurator@school.ru" });
    const user = new GasUser(env.globals.Session);
    expect(user.current()).toBe("kurator@school.ru");
    env.session.email = "";
    expect(user.current()).toBe("неизвестный пользователь");
    expect(UNKNOWN_USER).toBe("неизвестный пользователь");
    const failing = {
      getActiveUser: (): { getEmail(): string } => {
        throw new Error("no permission");
      },
      getScriptTimeZone: () => "Europe/Moscow",
    };
    expect(new GasUser(failing).current()).toBe(UNKNOWN_USER);
  });
});

describe("toCellInput", () => {
  it("quotes every non-empty string; in plain-text cells only formula-like ones; other values pass", () => {
    const date = new Date(2025, 8, 1);
    expect(toCellInput("Иванов", "0.###############")).toBe("'Иванов");
    expect(toCellInput("=1+1", "")).toBe("'=1+1");
    expect(toCellInput("'x", "")).toBe("''x");
    expect(toCellInput("", "")).toBe("");
    expect(toCellInput("=1+1", "@")).toBe("'=1+1");
    expect(toCellInput("0012", "@")).toBe("0012");
    expect(toCellInput(5, "@")).toBe(5);
    expect(toCellInput(false, "")).toBe(false);
    expect(toCellInput(date, "")).toBe(date);
  });
});
