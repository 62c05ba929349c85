// The whole file runs in a non-UTC zone (UTC+5): dates must keep their calendar day.
process.env.TZ = "Asia/Yekaterinburg";

import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConditionalRule, SheetLayout } from "../../src/domain/cells";
import {
  backupPath,
  CONDITIONAL_MARK,
  FileLock,
  META_SHEET,
  markedExcelFormula,
  markedRuleId,
  OsUser,
  PROTECT_FILL,
  PROTECT_NOTE,
  XlsxMeta,
  XlsxWorkbook,
} from "../../src/local/xlsx-workbook";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(os.tmpdir(), "nastavnik-xlsx-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function reopen(wb: XlsxWorkbook, name = "book.xlsx"): Promise<XlsxWorkbook> {
  const path = join(dir, name);
  await wb.save(path);
  return XlsxWorkbook.open(path);
}

async function raw(wb: XlsxWorkbook): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await wb.toBuffer()) as unknown as ExcelJS.Buffer);
  return book;
}

type DvModel = Record<string, ExcelJS.DataValidation | undefined>;
function validations(ws: ExcelJS.Worksheet): DvModel {
  return (ws as unknown as { dataValidations: { model: DvModel } }).dataValidations.model;
}

describe("zone of this test file", () => {
  it("is UTC+5", () => {
    expect(new Date(2025, 0, 15).getTimezoneOffset()).toBe(-300);
  });
});

describe("values", () => {
  it("round-trips every kind of value through save and open", async () => {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Участники");
    const rows = [
      ["ФИО", "Телефон", "Формула?", "Число", "Да/нет", "Дата"],
      ["Семёнов Пётр Ёлкин", "+7 900 123-45-67", "=1+1", 42, true, new Date(2025, 8, 1)],
      ["🙂 эмодзи 👩‍🏫", "-минус", "@собака", -1.5, false, new Date(2024, 11, 31, 23, 30, 15)],
      ["  пробелы  ", "007", "=SUM(A1:A3)", 0, "", new Date(2025, 0, 1)],
    ];
    wb.append("Участники", rows);
    const back = await reopen(wb);
    const read = back.read("Участники");
    expect(read).toEqual(rows);
    const date = read?.[1]?.[5] as Date;
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours()]).toEqual([2025, 8, 1, 0]);
    const withTime = read?.[2]?.[5] as Date;
    expect([withTime.getDate(), withTime.getHours(), withTime.getMinutes(), withTime.getSeconds()]).toEqual([
      31, 23, 30, 15,
    ]);
  });

  it("stores dates as the serial of their calendar day and formula-like text as text", async () => {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Л");
    wb.write("Л", [
      { row: 1, col: 1, value: new Date(2024, 8, 1) },
      { row: 1, col: 2, value: "=1+1" },
      { row: 1, col: 3, value: "+79001234567" },
    ]);
    const ws = (await raw(wb)).getWorksheet("Л");
    if (!ws) throw new Error("no sheet");
    // exceljs reads the serial 45536 (01.09.2024) as that day's UTC midnight.
    expect((ws.getCell("A1").value as Date).toISOString()).toBe("2024-09-01T00:00:00.000Z");
    expect(ws.getCell("B1").value).toBe("=1+1");
    expect(ws.getCell("B1").formula).toBeUndefined();
    expect(ws.getCell("C1").value).toBe("+79001234567");
  });

  it("keeps the calendar day in a zone west of UTC too", async () => {
    const saved = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      expect(new Date(2025, 0, 15).getTimezoneOffset()).toBe(300);
      const wb = XlsxWorkbook.create();
      wb.createSheet("Л");
      wb.write("Л", [{ row: 1, col: 1, value: new Date(2025, 2, 9) }]); // DST starts that day in New York
      const d = (await reopen(wb)).read("Л")?.[0]?.[0] as Date;
      expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()]).toEqual([2025, 2, 9, 0]);
    } finally {
      process.env.TZ = saved;
    }
  });

  it("reads formulas, rich text, hyperlinks, errors and merged cells as plain values", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Сырые");
    ws.getCell("A1").value = { formula: "1+1", result: 2 };
    ws.getCell("B1").value = { formula: 'A1&""' } as ExcelJS.CellFormulaValue; // no cached result
    ws.getCell("C1").value = { richText: [{ text: "Жир", font: { bold: true } }, { text: "ный" }] };
    ws.getCell("D1").value = { text: "сайт", hyperlink: "https://example.org" };
    ws.getCell("E1").value = { error: "#N/A" as ExcelJS.ErrorValue };
    ws.getCell("F1").value = { formula: "TRUE()", result: true };
    ws.getCell("A2").value = "объединено";
    ws.mergeCells("A2:B2");
    ws.getCell("A3").value = { formula: "DATE(2025,9,1)", result: new Date(Date.UTC(2025, 8, 1)) };
    ws.getCell("A3").numFmt = "dd.mm.yyyy";
    const path = join(dir, "raw.xlsx");
    await book.xlsx.writeFile(path);

    const wb = await XlsxWorkbook.open(path);
    const read = wb.read("Сырые");
    expect(read?.[0]).toEqual([2, "", "Жирный", "сайт", "#N/A", true]);
    expect(read?.[1]).toEqual(["объединено", "", "", "", "", ""]);
    const d = read?.[2]?.[0] as Date;
    expect([d.getFullYear(), d.getMonth(), d.getDate()]).toEqual([2025, 8, 1]);
  });
});

describe("read", () => {
  it("gives [] for an empty sheet and null for a missing one", () => {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Пусто");
    expect(wb.read("Пусто")).toEqual([]);
    expect(wb.read("Нет такого")).toBeNull();
  });

  it("covers A1 to the last cell with content, rows of equal width", () => {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Л");
    wb.write("Л", [
      { row: 2, col: 3, value: "c2" },
      { row: 4, col: 1, value: 1 },
    ]);
    expect(wb.read("Л")).toEqual([
      ["", "", ""],
      ["", "", "c2"],
      ["", "", ""],
      [1, "", ""],
    ]);
  });

  it("gives the header row as it is, whatever the column order", async () => {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Наставники");
    wb.append("Наставники", [
      ["Email", "ФИО", "Предмет"],
      ["a@b.ru", "Иванова", "Физика"],
    ]);
    const back = await reopen(wb);
    expect(back.read("Наставники")?.[0]).toEqual(["Email", "ФИО", "Предмет"]);
    expect(back.read("Наставники")?.[1]).toEqual(["a@b.ru", "Иванова", "Физика"]);
  });
});

describe("sheets", () => {
  it("creates sheets at the end, in tab order", async () => {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Первый");
    wb.createSheet("Второй");
    wb.createSheet("Третий");
    expect((await reopen(wb)).sheetNames()).toEqual(["Первый", "Второй", "Третий"]);
  });

  it("refuses an existing name and names Excel does not allow, in Russian", () => {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Участники");
    expect(() => wb.createSheet("Участники")).toThrow("Лист «Участники» уже существует");
    expect(() => wb.createSheet("участники")).toThrow("уже существует");
    expect(() => wb.createSheet("Очень длинное название листа книги")).toThrow(/длиннее 31 символа/);
    for (const bad of ["a/b", "a\\b", "a:b", "a*b", "a?b", "[a]"]) {
      expect(() => wb.createSheet(bad)).toThrow(/недопустимый символ/);
    }
    expect(() => wb.createSheet("")).toThrow("Имя листа не может быть пустым");
    expect(() => wb.createSheet("'кавычка")).toThrow(/апострофом/);
    expect(() => wb.createSheet(META_SHEET)).toThrow(/зарезервировано/);
    expect(wb.sheetNames()).toEqual(["Участники"]);
  });

  it("throws a Russian error when writing to a missing sheet", () => {
    const wb = XlsxWorkbook.create();
    expect(() => wb.write("Нет", [{ row: 1, col: 1, value: 1 }])).toThrow("Лист «Нет» не найден в книге");
    expect(() => wb.append("Нет", [[1]])).toThrow("Лист «Нет» не найден в книге");
  });
});

describe("write and append", () => {
  it("appends after the last row with content and returns the first row number", async () => {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Журнал");
    expect(wb.append("Журнал", [["Время", "Событие"]])).toBe(1);
    expect(
      wb.append("Журнал", [
        ["t1", "e1"],
        ["t2", "e2"],
      ]),
    ).toBe(2);
    const back = await reopen(wb);
    expect(back.append("Журнал", [["t3", "e3"]])).toBe(4);
    expect(back.read("Журнал")).toEqual([
      ["Время", "Событие"],
      ["t1", "e1"],
      ["t2", "e2"],
      ["t3", "e3"],
    ]);
  });

  it("appends after a formula row even when the formula has no cached result", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Л");
    ws.getCell("A1").value = "Заголовок";
    ws.getCell("A2").value = { formula: "1+1" } as ExcelJS.CellFormulaValue;
    ws.getCell("B5").numFmt = "@"; // styled but empty: not content
    const path = join(dir, "f.xlsx");
    await book.xlsx.writeFile(path);
    const wb = await XlsxWorkbook.open(path);
    expect(wb.append("Л", [["новая"]])).toBe(3);
  });

  it("writes exactly the given cells and leaves the others, formulas and styles included", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Пары");
    ws.getCell("A1").value = "Наставник";
    ws.getCell("B1").value = "Наставляемый";
    ws.getCell("C1").value = "Итого";
    ws.getCell("A2").value = "Иванова";
    ws.getCell("B2").value = "Петров";
    ws.getCell("C2").value = { formula: 'A2&" — "&B2', result: "Иванова — Петров" };
    ws.getCell("B2").font = { italic: true };
    const path = join(dir, "pairs.xlsx");
    await book.xlsx.writeFile(path);

    const wb = await XlsxWorkbook.open(path);
    wb.write("Пары", [
      { row: 2, col: 1, value: "Сидорова" },
      { row: 3, col: 2, value: "" },
    ]);
    const after = (await raw(await reopen(wb))).getWorksheet("Пары");
    expect(after?.getCell("A2").value).toBe("Сидорова");
    expect(after?.getCell("B2").value).toBe("Петров");
    expect(after?.getCell("B2").font?.italic).toBe(true);
    expect(after?.getCell("C2").formula).toBe('A2&" — "&B2');
    expect(after?.getCell("B3").value).toBeNull();
  });

  it("clears a cell written with an empty string", () => {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Л");
    wb.write("Л", [
      { row: 1, col: 1, value: "a" },
      { row: 1, col: 2, value: "b" },
    ]);
    wb.write("Л", [{ row: 1, col: 2, value: "" }]);
    expect(wb.read("Л")).toEqual([["a"]]);
  });
});

describe("applyLayout", () => {
  const layout: SheetLayout = {
    frozenRows: 1,
    headerWidth: 7,
    headerBackground: "#d9ead3",
    tabColor: "#6aa84f",
    columns: [
      {
        col: 1,
        width: 210,
        note: "Фамилия, имя, отчество",
        wrap: true,
        validation: {
          kind: "range",
          sheet: "Справочники",
          column: 3,
          firstRow: 2,
          lastRow: 200,
          strict: true,
        },
      },
      { col: 2, width: 98, numberFormat: "dd.mm.yyyy", validation: { kind: "date" } },
      { col: 3, validation: { kind: "list", values: ["Да", "Нет", "Не знаю"], strict: false } },
      { col: 4, validation: { kind: "checkbox" } },
      { col: 5, validation: { kind: "number", min: 1, max: 11 }, numberFormat: "0" },
      {
        col: 6,
        note: "Статус пары",
        protect: { description: "nastavnik:status" },
        validation: {
          kind: "list",
          values: Array.from({ length: 40 }, (_, i) => `Значение номер ${i + 1}`),
          strict: true,
        },
      },
      { col: 7, protect: { description: "nastavnik:id" } },
    ],
  };

  function makeBook(): XlsxWorkbook {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Справочники");
    wb.createSheet("Участники");
    wb.append("Участники", [
      ["ФИО", "Дата", "Ответ", "Флаг", "Класс", "Статус", "ID"],
      ["Ёжиков", new Date(2025, 8, 1), "Да", true, 7, "Новая", "p-1"],
    ]);
    return wb;
  }

  it("keeps frozen row, widths, formats, validations and notes after reopening", async () => {
    const wb = makeBook();
    wb.applyLayout("Участники", layout);
    const back = await reopen(wb);
    expect(back.read("Участники")?.[1]?.[0]).toBe("Ёжиков");
    const ws = (await raw(back)).getWorksheet("Участники");
    if (!ws) throw new Error("no sheet");

    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getColumn(1).width).toBeCloseTo(30, 1);
    expect(ws.getColumn(2).width).toBeCloseTo(14, 1);
    expect(ws.properties.tabColor).toEqual({ argb: "FF6AA84F" });

    const h1 = ws.getCell("A1");
    expect(h1.font?.bold).toBe(true);
    expect(h1.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFD9EAD3" } });
    expect(h1.note).toBe("Фамилия, имя, отчество");
    expect(ws.getCell("B2").numFmt).toBe("dd.mm.yyyy");
    expect(ws.getCell("B1").numFmt).toBeUndefined();
    expect(ws.getCell("A2").alignment?.wrapText).toBe(true);

    const dv = validations(ws);
    expect(dv.A2).toMatchObject({
      type: "list",
      formulae: ["'Справочники'!$C$2:$C$200"],
      errorStyle: "stop",
    });
    expect(dv.A1000).toEqual(dv.A2);
    expect(dv.A1).toBeUndefined();
    expect(dv.A1001).toBeUndefined();
    expect(dv.B500).toMatchObject({ type: "date", operator: "greaterThanOrEqual" });
    expect(dv.C2).toMatchObject({ type: "list", formulae: ['"Да,Нет,Не знаю"'], errorStyle: "warning" });
    expect(dv.D2).toMatchObject({ type: "list", formulae: ['"TRUE,FALSE"'] });
    expect(dv.E2).toMatchObject({ type: "decimal", formulae: [1, 11] });

    // A list longer than Excel's 255 characters: no validation, the values go to the note.
    expect(dv.F2).toBeUndefined();
    const f1 = String(ws.getCell("F1").note);
    expect(f1).toContain("Статус пары");
    expect(f1).toContain("Допустимые значения: Значение номер 1; Значение номер 2;");
    expect(f1).toContain(PROTECT_NOTE);
    expect(ws.getCell("F1").fill).toMatchObject({ fgColor: { argb: PROTECT_FILL } });
    expect(ws.getCell("G1").note).toBe(PROTECT_NOTE);
    expect(ws.getCell("G1").fill).toMatchObject({ fgColor: { argb: PROTECT_FILL } });
  });

  it("writes one non-overlapping validation range per column", async () => {
    const wb = makeBook();
    wb.applyLayout("Участники", layout);
    const ws = (await raw(await reopen(wb))).getWorksheet("Участники");
    if (!ws) throw new Error("no sheet");
    // exceljs gives every cell of one <dataValidation> the same object.
    const distinct = new Set(Object.values(validations(ws)));
    expect(distinct.size).toBe(5); // A, B, C, D, E (F fell back to a note, G has none)
  });

  it("is idempotent, also across save and open", async () => {
    const wb = makeBook();
    wb.applyLayout("Участники", layout);
    const once = await reopen(wb, "once.xlsx");
    once.applyLayout("Участники", layout);
    once.applyLayout("Участники", layout);
    const twice = await reopen(once, "twice.xlsx");
    const a = (await raw(wb)).getWorksheet("Участники");
    const b = (await raw(twice)).getWorksheet("Участники");
    if (!a || !b) throw new Error("no sheet");
    for (const addr of ["A1", "F1", "G1"]) expect(b.getCell(addr).note).toEqual(a.getCell(addr).note);
    expect(String(b.getCell("G1").note).split(PROTECT_NOTE).length).toBe(2);
    expect(new Set(Object.values(validations(b))).size).toBe(5);
    expect(Object.keys(validations(b)).sort()).toEqual(Object.keys(validations(a)).sort());
    expect(b.views).toHaveLength(1);
    expect(b.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(twice.read("Участники")).toEqual(wb.read("Участники"));
  });

  it("does not restyle other cells that shared a style in the file", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Л");
    for (const addr of ["A1", "B1", "A2", "B2"]) {
      ws.getCell(addr).value = addr;
      ws.getCell(addr).font = { italic: true };
    }
    const path = join(dir, "shared.xlsx");
    await book.xlsx.writeFile(path);
    const wb = await XlsxWorkbook.open(path);
    wb.applyLayout("Л", { frozenRows: 1, headerWidth: 1, headerBackground: "#cccccc", columns: [] });
    const after = (await raw(wb)).getWorksheet("Л");
    expect(after?.getCell("A1").font).toMatchObject({ bold: true, italic: true });
    expect(after?.getCell("B1").font?.bold).toBeFalsy();
    expect(after?.getCell("A2").font?.bold).toBeFalsy();
  });
});

describe("conditional formats", () => {
  const rules: ConditionalRule[] = [
    {
      id: "overdue",
      fromCol: 1,
      toCol: 3,
      formula: '=AND($C2=TRUE,$B2<>"Выполнено")',
      background: "#f4cccc",
      fontColor: "#990000",
    },
    { id: "done", fromCol: 2, toCol: 2, formula: '=$B2="Выполнено"', background: "#d9ead3" },
  ];
  const cfLayout: SheetLayout = {
    frozenRows: 1,
    headerWidth: 3,
    headerBackground: "#eeeeee",
    columns: [],
    conditional: rules,
  };

  function makeBook(): XlsxWorkbook {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Задачи");
    wb.append("Задачи", [
      ["Имя", "Статус", "Флаг"],
      ["А", "Выполнено", true],
      ["Б", "", true],
    ]);
    return wb;
  }

  /** Every rule of the sheet with its range, sorted by priority. */
  function cfRules(ws: ExcelJS.Worksheet | undefined) {
    if (!ws) throw new Error("no sheet");
    const cfs = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings;
    return cfs
      .flatMap((cf) => cf.rules.map((rule) => ({ ref: cf.ref, rule })))
      .sort((a, b) => a.rule.priority - b.rule.priority)
      .map(({ ref, rule }) => ({
        ref,
        priority: rule.priority,
        type: rule.type,
        formulae: "formulae" in rule ? rule.formulae : undefined,
        id:
          "formulae" in rule && typeof rule.formulae?.[0] === "string"
            ? markedRuleId(rule.formulae[0])
            : null,
        fill: rule.style?.fill,
        font: rule.style?.font?.color,
        italic: rule.style?.font?.italic,
        bold: rule.style?.font?.bold,
      }));
  }

  it("writes expression rules over rows 2..1000 and keeps them through save and open", async () => {
    const wb = makeBook();
    wb.applyLayout("Задачи", cfLayout);
    const back = await reopen(wb);
    expect(cfRules((await raw(back)).getWorksheet("Задачи"))).toEqual([
      {
        ref: "A2:C1000",
        priority: 1,
        type: "expression",
        formulae: ['AND(AND($C2=TRUE,$B2<>"Выполнено"),N("nastavnik:overdue")=0)'],
        id: "overdue",
        fill: {
          type: "pattern",
          pattern: "solid",
          fgColor: { argb: "FFF4CCCC" },
          bgColor: { argb: "FFF4CCCC" },
        },
        font: { argb: "FF990000" },
      },
      {
        ref: "B2:B1000",
        priority: 2,
        type: "expression",
        formulae: ['AND($B2="Выполнено",N("nastavnik:done")=0)'],
        id: "done",
        fill: {
          type: "pattern",
          pattern: "solid",
          fgColor: { argb: "FFD9EAD3" },
          bgColor: { argb: "FFD9EAD3" },
        },
        font: undefined,
      },
    ]);
    expect(markedExcelFormula({ id: 'с "кавычками"', formula: "=TRUE" })).toBe(
      'AND(TRUE,N("nastavnik:с ""кавычками""")=0)',
    );
    expect(markedRuleId(markedExcelFormula({ id: 'с "кавычками"', formula: "=TRUE" }))).toBe('с "кавычками"');
    expect(CONDITIONAL_MARK).toBe("nastavnik:");
  });

  it("applying twice, also across save and open, gives no duplicates", async () => {
    const wb = makeBook();
    wb.applyLayout("Задачи", cfLayout);
    wb.applyLayout("Задачи", cfLayout);
    const once = cfRules((await raw(wb)).getWorksheet("Задачи"));
    expect(once.map((r) => r.id)).toEqual(["overdue", "done"]);
    const back = await reopen(wb);
    back.applyLayout("Задачи", cfLayout);
    back.applyLayout("Задачи", cfLayout);
    const twice = await reopen(back, "twice.xlsx");
    expect(cfRules((await raw(twice)).getWorksheet("Задачи"))).toEqual(once);
  });

  it("keeps a foreign rule with its range and style, after the add-on's rules", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Задачи");
    ws.addRow(["Имя", "Статус", "Флаг"]);
    ws.addRow(["А", "Выполнено", true]);
    ws.addConditionalFormatting({
      ref: "A2:A50",
      rules: [
        {
          type: "expression",
          formulae: ['ISNUMBER(SEARCH("Иван",$A2))'],
          style: { font: { italic: true } },
          priority: 1,
        },
        {
          type: "cellIs",
          operator: "equal",
          formulae: ['"А"'],
          style: { font: { bold: true } },
          priority: 2,
        },
      ],
    });
    const path = join(dir, "foreign.xlsx");
    await book.xlsx.writeFile(path);

    const wb = await XlsxWorkbook.open(path);
    wb.applyLayout("Задачи", cfLayout);
    wb.applyLayout("Задачи", cfLayout);
    const after = cfRules((await raw(await reopen(wb))).getWorksheet("Задачи"));
    expect(after.map((r) => [r.id, r.priority, r.ref])).toEqual([
      ["overdue", 1, "A2:C1000"],
      ["done", 2, "B2:B1000"],
      [null, 3, "A2:A50"],
      [null, 4, "A2:A50"],
    ]);
    expect(after[2]).toMatchObject({
      type: "expression",
      formulae: ['ISNUMBER(SEARCH("Иван",$A2))'],
      italic: true,
    });
    expect(after[3]).toMatchObject({ type: "cellIs", formulae: ['"А"'], bold: true });
  });

  it("replaces a rule whose formula changed, drops ids no longer given, and covers longer data", async () => {
    const wb = makeBook();
    wb.applyLayout("Задачи", cfLayout);
    wb.append(
      "Задачи",
      Array.from({ length: 1200 }, (_, i) => [`Имя ${i}`]),
    );
    const [overdue] = rules;
    if (!overdue) throw new Error("no rule");
    wb.applyLayout("Задачи", { ...cfLayout, conditional: [{ ...overdue, formula: "=$C2=TRUE" }] });
    const after = cfRules((await raw(wb)).getWorksheet("Задачи"));
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ ref: "A2:C1203", formulae: ['AND($C2=TRUE,N("nastavnik:overdue")=0)'] });

    // No list leaves the rules alone; an empty list removes the add-on's rules.
    wb.applyLayout("Задачи", { ...cfLayout, conditional: undefined });
    expect(cfRules((await raw(wb)).getWorksheet("Задачи"))).toHaveLength(1);
    wb.applyLayout("Задачи", { ...cfLayout, conditional: [] });
    expect(cfRules((await raw(wb)).getWorksheet("Задачи"))).toEqual([]);
  });

  it("refuses bad columns in Russian before changing anything", () => {
    const wb = makeBook();
    const bad: ConditionalRule = { id: "bad", fromCol: 0, toCol: 2, formula: "=TRUE", background: "#fff" };
    expect(() => wb.applyLayout("Задачи", { ...cfLayout, conditional: [bad] })).toThrow(
      /Некорректные столбцы условного форматирования «bad»/,
    );
    expect(wb.excel.getWorksheet("Задачи")?.views ?? []).toEqual([]);
  });
});

describe("save", () => {
  it("keeps the previous version as .bak.xlsx and leaves no temporary files", async () => {
    const path = join(dir, "Программа.xlsx");
    const wb = XlsxWorkbook.create();
    wb.createSheet("Л");
    wb.append("Л", [["первая версия"]]);
    await wb.save(path);
    expect(readdirSync(dir)).toEqual(["Программа.xlsx"]);

    wb.write("Л", [{ row: 1, col: 1, value: "вторая версия" }]);
    await wb.save(path);
    expect(readdirSync(dir).sort()).toEqual(["Программа.bak.xlsx", "Программа.xlsx"]);
    expect(backupPath(path)).toBe(join(dir, "Программа.bak.xlsx"));
    expect((await XlsxWorkbook.open(path)).read("Л")).toEqual([["вторая версия"]]);
    expect((await XlsxWorkbook.open(backupPath(path))).read("Л")).toEqual([["первая версия"]]);
  });

  it("leaves the target untouched and no temporary file when writing fails", async () => {
    const path = join(dir, "book.xlsx");
    const wb = XlsxWorkbook.create();
    wb.createSheet("Л");
    wb.append("Л", [["ok"]]);
    await wb.save(path);
    const before = readFileSync(path);
    // A folder with the backup's name makes the backup step fail after the temp file is written.
    rmSync(path);
    writeFileSync(path, before);
    const bad = join(dir, "book.bak.xlsx");
    rmSync(bad, { force: true });
    mkdirSync(join(bad, "x"), { recursive: true });
    wb.write("Л", [{ row: 1, col: 1, value: "changed" }]);
    await expect(wb.save(path)).rejects.toThrow(/Не удалось сохранить книгу/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["book.bak.xlsx", "book.xlsx"]);
  });

  it("says so in Russian when the folder does not exist", async () => {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Л");
    await expect(wb.save(join(dir, "нет", "book.xlsx"))).rejects.toThrow(
      /Не удалось сохранить книгу .*не найдена/,
    );
  });

  it("makes a workbook Excel can open even when it has only the hidden sheet", async () => {
    const wb = XlsxWorkbook.create();
    new XlsxMeta(wb).set("k", "v");
    const back = await reopen(wb);
    expect(back.sheetNames()).toEqual(["Лист1"]);
    const book = await raw(back);
    const active = book.views[0]?.activeTab ?? 0;
    expect(book.worksheets[active]?.state).toBe("visible");
  });
});

describe("open", () => {
  it("says a missing file is missing", async () => {
    await expect(XlsxWorkbook.open(join(dir, "нет.xlsx"))).rejects.toThrow(/Файл «.*нет\.xlsx» не найден/);
  });

  it("says a file that is not an .xlsx is not an Excel workbook", async () => {
    const path = join(dir, "список.xlsx");
    writeFileSync(path, "ФИО;Класс\nИванов;7\n");
    await expect(XlsxWorkbook.open(path)).rejects.toThrow(
      "Файл «список.xlsx» не является книгой Excel (.xlsx) или повреждён",
    );
    writeFileSync(path, "");
    await expect(XlsxWorkbook.open(path)).rejects.toThrow(/не является книгой Excel/);
    // A zip that is not a workbook (e.g. truncated download)
    const good = await (() => {
      const wb = XlsxWorkbook.create();
      wb.createSheet("Л");
      return wb.toBuffer();
    })();
    writeFileSync(path, good.subarray(0, Math.floor(good.length / 2)));
    await expect(XlsxWorkbook.open(path)).rejects.toThrow(/не является книгой Excel/);
  });

  it("recognises an old .xls or password-protected file", async () => {
    const path = join(dir, "старая.xls");
    writeFileSync(path, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    await expect(XlsxWorkbook.open(path)).rejects.toThrow(/старого формата Excel \(\.xls\)/);
  });

  it("says a folder is not a workbook", async () => {
    await expect(XlsxWorkbook.open(dir)).rejects.toThrow(/это папка/);
  });
});

describe("XlsxMeta", () => {
  it("persists values in a very hidden sheet that sheetNames() does not show", async () => {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Участники");
    const meta = new XlsxMeta(wb);
    expect(meta.get("schemaVersion")).toBeNull();
    meta.set("schemaVersion", "3");
    meta.set("job", '{"done":5}');
    meta.set("formula", "=not a formula");
    meta.set("schemaVersion", "4");
    expect(wb.sheetNames()).toEqual(["Участники"]);
    expect(wb.read(META_SHEET)).toBeNull();

    const back = await reopen(wb);
    const meta2 = new XlsxMeta(back);
    expect(meta2.get("schemaVersion")).toBe("4");
    expect(meta2.get("job")).toBe('{"done":5}');
    expect(meta2.get("formula")).toBe("=not a formula");
    expect(meta2.get("missing")).toBeNull();
    expect(back.sheetNames()).toEqual(["Участники"]);
    expect((await raw(back)).getWorksheet(META_SHEET)?.state).toBe("veryHidden");

    back.createSheet("После");
    expect(back.sheetNames()).toEqual(["Участники", "После"]);
  });

  it("keeps values longer than an Excel cell and empty values", async () => {
    const wb = XlsxWorkbook.create();
    wb.createSheet("Л");
    const meta = new XlsxMeta(wb);
    const long = "ё".repeat(80_000);
    meta.set("long", long);
    meta.set("empty", "");
    const back = new XlsxMeta(await reopen(wb));
    expect(back.get("long")).toBe(long);
    expect(back.get("empty")).toBe("");
    back.set("long", "short");
    expect(back.get("long")).toBe("short");
  });
});

describe("FileLock", () => {
  it("runs the function holding the lock and releases it, also after an error", async () => {
    const book = join(dir, "book.xlsx");
    const lock = new FileLock(book);
    expect(lock.withLock(() => existsSync(`${book}.lock`))).toBe(true);
    expect(existsSync(`${book}.lock`)).toBe(false);
    expect(() =>
      lock.withLock(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(existsSync(`${book}.lock`)).toBe(false);
    const value = await lock.withLock(async () => {
      await new Promise((r) => setTimeout(r, 10));
      return existsSync(`${book}.lock`);
    });
    expect(value).toBe(true);
    expect(existsSync(`${book}.lock`)).toBe(false);
    expect(lock.withLock(() => lock.withLock(() => "nested"))).toBe("nested");
  });

  it("refuses a second holder with a Russian error", () => {
    const book = join(dir, "Программа.xlsx");
    const first = new FileLock(book);
    const second = new FileLock(book);
    first.withLock(() => {
      expect(() => second.withLock(() => "never")).toThrow(
        new RegExp(`Книга «Программа\\.xlsx» открыта другим процессом Наставника \\(процесс ${process.pid}`),
      );
    });
    expect(second.withLock(() => "now")).toBe("now");
  });

  it("takes over a lock whose process is gone", () => {
    const book = join(dir, "book.xlsx");
    const child = spawnSync(process.execPath, ["-e", ""]);
    expect(child.pid).toBeGreaterThan(0);
    writeFileSync(
      `${book}.lock`,
      JSON.stringify({
        pid: child.pid,
        host: os.hostname(),
        user: "x",
        time: new Date().toISOString(),
        token: "t",
      }),
    );
    expect(new FileLock(book).withLock(() => readFileSync(`${book}.lock`, "utf8"))).toContain(
      `"pid":${process.pid}`,
    );
    expect(existsSync(`${book}.lock`)).toBe(false);
  });

  it("takes over a lock older than ten minutes, even if its process is alive", () => {
    const book = join(dir, "book.xlsx");
    const old = new Date(Date.now() - 11 * 60 * 1000);
    writeFileSync(
      `${book}.lock`,
      JSON.stringify({
        pid: process.pid,
        host: os.hostname(),
        user: "x",
        time: old.toISOString(),
        token: "t",
      }),
    );
    expect(new FileLock(book).withLock(() => "ok")).toBe("ok");
  });

  it("judges an unreadable lock file by its age", () => {
    const book = join(dir, "book.xlsx");
    writeFileSync(`${book}.lock`, "");
    expect(() => new FileLock(book).withLock(() => "x")).toThrow(/открыта другим процессом Наставника/);
    const old = new Date(Date.now() - 11 * 60 * 1000);
    utimesSync(`${book}.lock`, old, old);
    expect(new FileLock(book).withLock(() => "ok")).toBe("ok");
  });
});

describe("OsUser", () => {
  it("names the OS user", () => {
    expect(new OsUser().current().length).toBeGreaterThan(0);
  });
});
