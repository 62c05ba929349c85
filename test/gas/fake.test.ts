// The fakes of the Apps Script surface behave as the documentation says.

import vm from "node:vm";
import { describe, expect, it } from "vitest";
import {
  columnLetter,
  createGasEnvironment,
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_NUMBER_FORMAT,
  FakeRange,
  FORMULA_RESULT,
  GAS_MESSAGES,
  parseInput,
} from "../fakes/gas";

function setup() {
  const env = createGasEnvironment({ sheetNames: ["Лист1"] });
  const app = env.globals.SpreadsheetApp;
  const book = app.getActiveSpreadsheet();
  const sheet = book.getSheetByName("Лист1");
  if (!sheet) throw new Error("no sheet");
  return { env, app, book, sheet };
}

describe("Spreadsheet", () => {
  it("has the configured sheets, id, name and time zone", () => {
    const env = createGasEnvironment({
      sheetNames: ["А", "Б"],
      spreadsheetId: "id-1",
      spreadsheetName: "Книга",
      timeZone: "Asia/Yekaterinburg",
    });
    const book = env.globals.SpreadsheetApp.getActiveSpreadsheet();
    expect(book.getSheets().map((s) => s.getName())).toEqual(["А", "Б"]);
    expect(book.getNumSheets()).toBe(2);
    expect(book.getId()).toBe("id-1");
    expect(book.getName()).toBe("Книга");
    expect(book.getSpreadsheetTimeZone()).toBe("Asia/Yekaterinburg");
    expect(book.getSheetByName("В")).toBeNull();
  });

  it("insertSheet adds a 1000 × 26 sheet; an index puts it there", () => {
    const { book } = setup();
    const a = book.insertSheet("Участники", 1);
    expect(a.getMaxRows()).toBe(1000);
    expect(a.getMaxColumns()).toBe(26);
    book.insertSheet("Первый", 0);
    expect(book.getSheets().map((s) => s.getName())).toEqual(["Первый", "Лист1", "Участники"]);
  });

  it("insertSheet without an index puts the sheet after the active one", () => {
    const env = createGasEnvironment({ sheetNames: ["A", "B"] });
    const book = env.globals.SpreadsheetApp.getActiveSpreadsheet();
    book.insertSheet("C");
    expect(book.getSheets().map((s) => s.getName())).toEqual(["A", "C", "B"]);
  });

  it("insertSheet refuses an existing name, regardless of case", () => {
    const { book } = setup();
    book.insertSheet("Журнал");
    expect(() => book.insertSheet("Журнал")).toThrow(
      'A sheet with the name "Журнал" already exists. Please enter another name.',
    );
    expect(() => book.insertSheet("журнал")).toThrow(GAS_MESSAGES.sheetExists("журнал"));
    expect(book.getNumSheets()).toBe(2);
  });

  it("getSheetByName matches the exact name", () => {
    const { book } = setup();
    expect(book.getSheetByName("Лист1")?.getName()).toBe("Лист1");
    expect(book.getSheetByName("Лист2")).toBeNull();
  });
});

describe("Sheet geometry", () => {
  it("an empty sheet: last row and column 0, data range A1 holding ''", () => {
    const { sheet } = setup();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    const data = sheet.getDataRange();
    expect(data.getA1Notation()).toBe("A1");
    expect(data.getValues()).toEqual([[""]]);
  });

  it("last row / column and the data range follow the content", () => {
    const { sheet } = setup();
    sheet.getRange(3, 2, 1, 2).setValues([["x", ""]]);
    sheet.getRange(1, 5).setValues([["=A1"]]);
    expect(sheet.getLastRow()).toBe(3);
    expect(sheet.getLastColumn()).toBe(5);
    const data = sheet.getDataRange();
    expect(data.getA1Notation()).toBe("A1:E3");
    expect(data.getValues()).toEqual([
      ["", "", "", "", FORMULA_RESULT],
      ["", "", "", "", ""],
      ["", "x", "", "", ""],
    ]);
  });

  it("formatting alone is not content", () => {
    const { sheet } = setup();
    sheet.getRange(2, 1, 999, 3).setNumberFormat("@").setNote("n");
    expect(sheet.getLastRow()).toBe(0);
  });

  it("getRange is 1-based and reports its position", () => {
    const { sheet } = setup();
    const r = sheet.getRange(2, 3, 4, 5);
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([2, 3, 4, 5]);
    expect(r.getA1Notation()).toBe("C2:G5");
    expect(sheet.getRange(7, 28 - 2).getA1Notation()).toBe("Z7");
    expect(r.getSheet().getName()).toBe("Лист1");
  });

  it("getRange rejects zero or negative sizes and starts", () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow("The number of rows in the range must be at least 1.");
    expect(() => sheet.getRange(1, 1, -2, 1)).toThrow(GAS_MESSAGES.rowsAtLeastOne);
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow(
      "The number of columns in the range must be at least 1.",
    );
    expect(() => sheet.getRange(0, 1)).toThrow(GAS_MESSAGES.startRowTooSmall);
    expect(() => sheet.getRange(1, 0)).toThrow(GAS_MESSAGES.startColumnTooSmall);
  });

  it("getRange outside the grid throws", () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1001, 1)).toThrow(
      "The coordinates of the range are outside the dimensions of the sheet.",
    );
    expect(() => sheet.getRange(1, 26, 1, 2)).toThrow(GAS_MESSAGES.outsideSheet);
    expect(() => sheet.getRange(1000, 26)).not.toThrow();
  });

  it("insertRowsAfter grows the grid, shifts content and inherits the row's formatting", () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 3, 1).setValues([["a"], ["b"], ["c"]]);
    sheet.getRange(2, 1).setNumberFormat("@").setBackground("#ff0000").setNote("note");
    sheet.insertRowsAfter(2, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange(1, 1, 5, 1).getValues()).toEqual([["a"], ["b"], [""], [""], ["c"]]);
    const inserted = sheet.getRange(3, 1);
    expect(inserted.getNumberFormat()).toBe("@");
    expect(inserted.getBackground()).toBe("#ff0000");
    expect(inserted.getNote()).toBe("");
    sheet.insertRowsAfter(1002, 10);
    expect(sheet.getMaxRows()).toBe(1012);
    expect(() => sheet.getRange(1012, 1)).not.toThrow();
    expect(() => sheet.insertRowsAfter(0, 1)).toThrow(GAS_MESSAGES.rowsOutOfBounds);
    expect(() => sheet.insertRowsAfter(2000, 1)).toThrow(GAS_MESSAGES.rowsOutOfBounds);
  });

  it("insertColumnsAfter grows the grid and shifts content and widths", () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 3).setValues([["a", "b", "c"]]);
    sheet.setColumnWidth(3, 250);
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getMaxColumns()).toBe(28);
    expect(sheet.getRange(1, 1, 1, 5).getValues()).toEqual([["a", "", "", "b", "c"]]);
    expect(sheet.getColumnWidth(5)).toBe(250);
    expect(sheet.getColumnWidth(3)).toBe(DEFAULT_COLUMN_WIDTH);
    expect(() => sheet.insertColumnsAfter(99, 1)).toThrow(GAS_MESSAGES.columnsOutOfBounds);
  });

  it("frozen rows, column widths and tab colour", () => {
    const { sheet } = setup();
    expect(sheet.getFrozenRows()).toBe(0);
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getColumnWidth(2)).toBe(100);
    sheet.setColumnWidth(2, 180);
    expect(sheet.getColumnWidth(2)).toBe(180);
    expect(sheet.getTabColor()).toBeNull();
    sheet.setTabColor("#3949ab");
    expect(sheet.getTabColor()).toBe("#3949ab");
  });
});

describe("Range values", () => {
  it("setValues checks the dimensions of the data", () => {
    const { sheet } = setup();
    const r = sheet.getRange(1, 1, 2, 2);
    expect(() => r.setValues([["a", "b"]])).toThrow(
      "The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.",
    );
    expect(() => r.setValues([["a", "b"], ["c"]])).toThrow(
      "The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.",
    );
    expect(() =>
      r.setValues([
        ["a", "b", "c"],
        ["d", "e", "f"],
      ]),
    ).toThrow(GAS_MESSAGES.columnsMismatch(3, 2));
    expect(sheet.getLastRow()).toBe(0);
  });

  it("round-trips numbers, booleans, Dates and empty cells", () => {
    const { sheet } = setup();
    const date = new Date(2025, 8, 1);
    sheet.getRange(1, 1, 1, 5).setValues([[42, 3.5, true, date, ""]]);
    const [row] = sheet.getRange(1, 1, 1, 5).getValues();
    expect(row).toEqual([42, 3.5, true, date, ""]);
    expect(row?.[3]).toBeInstanceOf(Date);
    expect(row?.[3]).not.toBe(date);
  });

  it("a string starting with = becomes a formula", () => {
    const { sheet } = setup();
    sheet.getRange(1, 1).setValues([["=SUM(B1:B3)"]]);
    expect(sheet.getRange(1, 1).getFormulas()).toEqual([["=SUM(B1:B3)"]]);
    expect(sheet.getRange(1, 1).getValues()).toEqual([[FORMULA_RESULT]]);
  });

  it("+…, -… and @… strings that are not numbers become formulas", () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 3).setValues([["+7 912 345-67-89", "-минус", "@ivanov"]]);
    expect(sheet.getRange(1, 1, 1, 3).getFormulas()).toEqual([["=+7 912 345-67-89", "=-минус", "=@ivanov"]]);
    expect(sheet.getRange(1, 1, 1, 3).getValues()).toEqual([
      [FORMULA_RESULT, FORMULA_RESULT, FORMULA_RESULT],
    ]);
  });

  it("a leading apostrophe makes the rest literal text and is not stored", () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 5).setValues([["'=1+1", "'0012", "'01.09.2025", "'TRUE", "''цитата"]]);
    expect(sheet.getRange(1, 1, 1, 5).getValues()).toEqual([
      ["=1+1", "0012", "01.09.2025", "TRUE", "'цитата"],
    ]);
    expect(sheet.getRange(1, 1, 1, 5).getFormulas()).toEqual([["", "", "", "", ""]]);
  });

  it("number-, date- and boolean-looking strings are converted", () => {
    const { sheet } = setup();
    sheet
      .getRange(1, 1, 1, 10)
      .setValues([["12", "0012", "3,5", "3.5", "-5", "1 234", "50%", "01.09.2025", "TRUE", "ложь"]]);
    expect(sheet.getRange(1, 1, 1, 10).getValues()).toEqual([
      [12, 12, 3.5, 3.5, -5, 1234, 0.5, new Date(2025, 8, 1), true, false],
    ]);
    sheet.getRange(2, 1, 1, 3).setValues([["2025-09-01", "12:30", "31.02.2025"]]);
    expect(sheet.getRange(2, 1, 1, 3).getValues()).toEqual([
      [new Date(2025, 8, 1), new Date(1899, 11, 30, 12, 30), "31.02.2025"],
    ]);
  });

  it("a plain-text cell (@) stores every string as it is", () => {
    const { sheet } = setup();
    const r = sheet.getRange(1, 1, 1, 5);
    r.setNumberFormat("@");
    r.setValues([["0012", "=1+1", "+7 912", "TRUE", "'кавычка"]]);
    expect(r.getValues()).toEqual([["0012", "=1+1", "+7 912", "TRUE", "'кавычка"]]);
    expect(r.getFormulas()).toEqual([["", "", "", "", ""]]);
  });

  it("ordinary text stays text", () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 3).setValues([["Иванов Иван", "7А класс", "  с пробелами "]]);
    expect(sheet.getRange(1, 1, 1, 3).getValues()).toEqual([["Иванов Иван", "7А класс", "  с пробелами "]]);
  });

  it("null and undefined clear a cell", () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 2).setValues([["a", "b"]]);
    sheet.getRange(1, 1, 1, 2).setValues([[null, undefined]]);
    expect(sheet.getLastRow()).toBe(0);
  });

  it("parseInput is the rule behind setValues", () => {
    expect(parseInput("0012", DEFAULT_NUMBER_FORMAT)).toEqual({ value: 12, formula: "" });
    expect(parseInput("0012", "@")).toEqual({ value: "0012", formula: "" });
    expect(parseInput("1e3", DEFAULT_NUMBER_FORMAT)).toEqual({ value: 1000, formula: "" });
    expect(columnLetter(1)).toBe("A");
    expect(columnLetter(27)).toBe("AA");
    expect(columnLetter(703)).toBe("AAA");
  });
});

describe("Range formatting", () => {
  it("number formats: default, set on a block, read per cell", () => {
    const { sheet } = setup();
    expect(sheet.getRange(1, 1).getNumberFormat()).toBe("0.###############");
    sheet.getRange(2, 1, 2, 1).setNumberFormat("dd.mm.yyyy");
    expect(sheet.getRange(1, 1, 3, 1).getNumberFormats()).toEqual([
      [DEFAULT_NUMBER_FORMAT],
      ["dd.mm.yyyy"],
      ["dd.mm.yyyy"],
    ]);
  });

  it("notes, font weight, background and wrap", () => {
    const { sheet } = setup();
    const r = sheet.getRange(1, 1, 1, 2);
    r.setNote("Подсказка").setFontWeight("bold").setBackground("#e8eaf6").setWrap(true);
    const b = sheet.getRange(1, 2);
    expect([b.getNote(), b.getFontWeight(), b.getBackground(), b.getWrap()]).toEqual([
      "Подсказка",
      "bold",
      "#e8eaf6",
      true,
    ]);
    r.setNote(null).setFontWeight(null).setBackground(null);
    expect([b.getNote(), b.getFontWeight(), b.getBackground()]).toEqual(["", "normal", "#ffffff"]);
  });
});

describe("Data validation", () => {
  it("builds rules the tests can inspect", () => {
    const { env, app, book, sheet } = setup();
    const lists = book.insertSheet("Справочники");
    const source = lists.getRange(2, 3, 299, 1);
    const C = app.DataValidationCriteria;

    const inRange = app.newDataValidation().requireValueInRange(source, true).setAllowInvalid(false).build();
    expect(inRange.getCriteriaType()).toBe(C.VALUE_IN_RANGE);
    const [range, dropdown] = inRange.getCriteriaValues();
    expect(range).toBeInstanceOf(FakeRange);
    if (!(range instanceof FakeRange)) throw new Error("range expected");
    expect(range.getSheet().getName()).toBe("Справочники");
    expect(range.getA1Notation()).toBe("C2:C300");
    expect(dropdown).toBe(true);
    expect(inRange.getAllowInvalid()).toBe(false);

    const list = app
      .newDataValidation()
      .requireValueInList(["да", "нет"], true)
      .setHelpText("Выберите")
      .build();
    expect(list.describe()).toEqual({
      criteria: "VALUE_IN_LIST",
      values: [["да", "нет"], true],
      allowInvalid: true,
      helpText: "Выберите",
    });
    expect(app.newDataValidation().requireCheckbox().build().getCriteriaType()).toBe(C.CHECKBOX);
    expect(app.newDataValidation().requireDate().build().getCriteriaType()).toBe(C.DATE_IS_VALID_DATE);
    const between = app.newDataValidation().requireNumberBetween(1, 11).build();
    expect(between.getCriteriaType()).toBe(C.NUMBER_BETWEEN);
    expect(between.getCriteriaValues()).toEqual([1, 11]);
    expect(app.newDataValidation().requireNumberGreaterThanOrEqualTo(0).build().describe().criteria).toBe(
      "NUMBER_GREATER_THAN_OR_EQUAL_TO",
    );
    expect(app.newDataValidation().requireNumberLessThanOrEqualTo(5).build().describe().criteria).toBe(
      "NUMBER_LESS_THAN_OR_EQUAL_TO",
    );
    expect(() => app.newDataValidation().build()).toThrow();

    sheet.getRange(2, 1, 10, 1).setDataValidation(inRange);
    expect(sheet.getRange(5, 1).getDataValidation()).toBe(inRange);
    expect(sheet.getRange(1, 1).getDataValidation()).toBeNull();
    expect(sheet.getRange(1, 1, 2, 1).getDataValidations()).toEqual([[null], [inRange]]);
    sheet.getRange(2, 1, 10, 1).setDataValidation(null);
    expect(sheet.getRange(5, 1).getDataValidation()).toBeNull();
    expect(env.calls.byMethod["DataValidationBuilder.build"]).toBe(8);
  });

  it("checkbox validation alone does not make a cell content", () => {
    const { app, sheet } = setup();
    sheet.getRange(2, 1, 999, 1).setDataValidation(app.newDataValidation().requireCheckbox().build());
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe("Protection", () => {
  it("protects a range with a description, warning only, and lists it", () => {
    const { app, sheet, book } = setup();
    const other = book.insertSheet("Другой");
    const p = sheet.getRange(2, 3, 999, 1).protect().setDescription("Наставник: ID").setWarningOnly(true);
    other.getRange(1, 1).protect();
    expect(p.getDescription()).toBe("Наставник: ID");
    expect(p.isWarningOnly()).toBe(true);
    expect(p.getRange().getA1Notation()).toBe("C2:C1000");
    const list = sheet.getProtections(app.ProtectionType.RANGE);
    expect(list.map((x) => x.getDescription())).toEqual(["Наставник: ID"]);
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toEqual([]);
    list[0]?.remove();
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toEqual([]);
    expect(other.getProtections(app.ProtectionType.RANGE)).toHaveLength(1);
  });

  it("a protection grows with rows inserted inside it and moves with rows inserted before", () => {
    const { app, sheet } = setup();
    sheet.getRange(2, 1, 999, 1).protect().setDescription("a");
    sheet.getRange(500, 2, 10, 1).protect().setDescription("b");
    sheet.insertRowsAfter(100, 5);
    const [a, b] = sheet.getProtections(app.ProtectionType.RANGE);
    expect(a?.getRange().getA1Notation()).toBe("A2:A1005");
    expect(b?.getRange().getA1Notation()).toBe("B505:B514");
  });
});

describe("PropertiesService", () => {
  it("document properties: get, set, delete, all", () => {
    const env = createGasEnvironment();
    const props = env.globals.PropertiesService.getDocumentProperties();
    if (!props) throw new Error("no properties");
    expect(props.getProperty("k")).toBeNull();
    props.setProperty("k", "v").setProperty("n", "1");
    expect(props.getProperty("k")).toBe("v");
    expect(props.getProperties()).toEqual({ k: "v", n: "1" });
    props.deleteProperty("k");
    expect(props.getProperty("k")).toBeNull();
    expect(env.documentProperties.map.get("n")).toBe("1");
  });

  it("a standalone script has no document properties and no document lock", () => {
    const env = createGasEnvironment({ standalone: true });
    expect(env.globals.PropertiesService.getDocumentProperties()).toBeNull();
    expect(env.globals.LockService.getDocumentLock()).toBeNull();
    expect(env.globals.LockService.getScriptLock().tryLock(10)).toBe(true);
  });
});

describe("LockService", () => {
  it("tryLock, hasLock and releaseLock", () => {
    const env = createGasEnvironment();
    const lock = env.globals.LockService.getDocumentLock();
    if (!lock) throw new Error("no lock");
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(env.documentLock.holder).toBe("self");
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    expect(env.documentLock.holder).toBe("none");
    lock.releaseLock(); // no effect when not held
  });

  it("a lock held by another execution: tryLock fails, waitLock throws the timeout", () => {
    const env = createGasEnvironment();
    env.documentLock.holdByOther();
    const lock = env.globals.LockService.getDocumentLock();
    if (!lock) throw new Error("no lock");
    expect(lock.tryLock(100)).toBe(false);
    expect(lock.hasLock()).toBe(false);
    expect(() => lock.waitLock(30000)).toThrow(
      "Lock timeout: another process was holding the lock for too long.",
    );
    lock.releaseLock();
    expect(env.documentLock.holder).toBe("other");
    env.documentLock.releaseByOther();
    lock.waitLock(30000);
    expect(lock.hasLock()).toBe(true);
  });

  it("the script lock is separate from the document lock", () => {
    const env = createGasEnvironment();
    env.documentLock.holdByOther();
    expect(env.globals.LockService.getScriptLock().tryLock(10)).toBe(true);
  });
});

describe("Session", () => {
  it("active user's email and the script time zone", () => {
    const env = createGasEnvironment({ userEmail: "a@b.ru", timeZone: "Europe/Samara" });
    expect(env.globals.Session.getActiveUser().getEmail()).toBe("a@b.ru");
    expect(env.globals.Session.getScriptTimeZone()).toBe("Europe/Samara");
    env.session.email = "";
    expect(env.globals.Session.getActiveUser().getEmail()).toBe("");
  });
});

describe("Call counters", () => {
  it("count every call by method and reset", () => {
    const { env, sheet } = setup();
    env.calls.reset();
    sheet.getRange(1, 1, 1, 2).setValues([["a", "b"]]);
    sheet.getRange(1, 1, 1, 2).getValues();
    expect(env.calls.total).toBe(4);
    expect(env.calls.byMethod).toEqual({ "Sheet.getRange": 2, "Range.setValues": 1, "Range.getValues": 1 });
    const snap = env.calls.snapshot();
    env.calls.reset();
    expect(env.calls.total).toBe(0);
    expect(env.calls.byMethod).toEqual({});
    expect(snap.total).toBe(4);
  });

  it("test handles are not counted", () => {
    const env = createGasEnvironment();
    env.calls.reset();
    const sheet = env.seed("Данные", [["a", 1]]);
    expect(sheet.state.peek(1, 2)?.value).toBe(1);
    expect(env.calls.total).toBe(0);
  });

  it("seed grows the grid to fit", () => {
    const env = createGasEnvironment();
    const rows = Array.from({ length: 1500 }, (_, i) => [`r${i + 1}`]);
    const sheet = env.seed("Большой", rows);
    expect(sheet.getMaxRows()).toBe(1500);
    expect(sheet.getLastRow()).toBe(1500);
  });
});

describe("vm context", () => {
  it("the globals run a script in a Node vm context, Dates of that realm included", () => {
    const env = createGasEnvironment({ sheetNames: ["Лист1"] });
    const context = vm.createContext(env.globals);
    vm.runInContext(
      `
      var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Лист1");
      sheet.getRange(1, 1, 1, 3).setValues([["=1+1", new Date(2025, 8, 1), Session.getActiveUser().getEmail()]]);
      PropertiesService.getDocumentProperties().setProperty("k", "v");
      var lock = LockService.getDocumentLock();
      lock.waitLock(30000);
      lock.releaseLock();
      `,
      context,
    );
    const sheet = env.spreadsheet.getSheetByName("Лист1");
    expect(sheet?.getRange(1, 1).getFormulas()).toEqual([["=1+1"]]);
    const date = sheet?.getRange(1, 2).getValues()[0]?.[0];
    expect(date).toBeInstanceOf(Date);
    expect(date).toEqual(new Date(2025, 8, 1));
    expect(sheet?.getRange(1, 3).getValues()).toEqual([["kurator@school.ru"]]);
    expect(env.documentProperties.map.get("k")).toBe("v");
    expect(env.calls.byMethod["Lock.waitLock"]).toBe(1);
  });

  it("getValues can hand out Dates of the context's realm", () => {
    const env = createGasEnvironment({ sheetNames: ["Лист1"] });
    env.seed("Лист1", [[new Date(2025, 8, 1)]]);
    const context = vm.createContext(env.globals);
    const read =
      "SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Лист1').getRange(1, 1).getValues()[0][0] instanceof Date";
    expect(vm.runInContext(read, context)).toBe(false);
    env.useDateConstructor(vm.runInContext("Date", context));
    expect(vm.runInContext(read, context)).toBe(true);
  });
});
