// `nastavnik region combine`: CSV files with `;` or `,` (with or without BOM), a school workbook,
// an .xlsx holding just the export table, a folder of them — end to end through the command line.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { setupWorkbook } from "../../src/app/setup";
import type { CellValue } from "../../src/domain/cells";
import { combineExports } from "../../src/domain/monitoring/combine";
import { EXPORT_HEADERS, exportCells, exportCsv, exportRows } from "../../src/domain/monitoring/export";
import type { Indicator } from "../../src/domain/monitoring/indicators";
import { withWorkbookFile } from "../../src/local/env";
import { combinedCsv, detectSeparator, parseExportCsv, readExportFiles } from "../../src/local/region";
import { XlsxWorkbook } from "../../src/local/xlsx-workbook";

const ROOT = resolve(__dirname, "../..");
const TSX = resolve(ROOT, "node_modules/.bin/tsx");

function cli(...args: string[]) {
  const r = spawnSync(TSX, [resolve(ROOT, "src/local/cli.ts"), ...args], { encoding: "utf8", cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const HEADER = [
  "Организация",
  "Код организации",
  "Учебный год",
  "Код показателя",
  "Показатель",
  "Значение",
  "Единица",
];

function rows(org: string, code: string, total: number, inPair: number, coverage: string): string[][] {
  return [
    [org, code, "2025/2026", "mentees.total", "Наставляемых всего", String(total), "чел."],
    [org, code, "2025/2026", "mentees.in_pair", "Наставляемых в паре", String(inPair), "чел."],
    [org, code, "2025/2026", "coverage", "Охват наставничеством", coverage, "%"],
  ];
}

function csv(table: string[][], sep: string, bom: boolean, eol = "\r\n"): string {
  const cell = (c: string) => (c.includes(sep) || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c);
  return `${bom ? "\uFEFF" : ""}${table.map((r) => r.map(cell).join(sep)).join(eol)}${eol}`;
}

describe("reading export CSV", () => {
  it("detects `;` and `,`, strips the BOM, keeps quoted separators and line numbers", () => {
    const semi = csv([HEADER, ...rows("Школа; «Радуга»", "001", 100, 70, "70,0")], ";", true);
    expect(detectSeparator(semi.slice(1))).toBe(";");
    const parsed = parseExportCsv(semi);
    expect(parsed[0]).toEqual(HEADER);
    expect(parsed[1]?.[0]).toBe("Школа; «Радуга»");
    expect(parsed[3]?.[5]).toBe("70,0");
    expect(parsed).toHaveLength(4);

    const comma = csv([HEADER, ...rows("Гимназия", "002", 40, 10, "25,5")], ",", false, "\n");
    expect(detectSeparator(comma)).toBe(",");
    expect(parseExportCsv(comma)[3]?.[5]).toBe("25,5");

    // Excel's hint line names the separator; it stays as line 1 so line numbers match the file.
    const hinted = `sep=;\n${csv([HEADER], ";", false, "\n")}`;
    expect(detectSeparator(hinted)).toBe(";");
    expect(parseExportCsv(hinted)[1]).toEqual(HEADER);
  });

  it("writes the combined CSV for Russian Excel: BOM, `;`, decimal comma, formulas neutralised, and reads it back", () => {
    const table: CellValue[][] = [
      ["Организация", "Значение"],
      ['=HYPERLINK("x")', 62.5],
      ["Школа; 1", 3],
    ];
    const text = combinedCsv(table);
    expect(text.startsWith("\uFEFFОрганизация;Значение\r\n")).toBe(true);
    expect(text).toContain('\'=HYPERLINK(""x"")');
    expect(text).toContain(";62,5\r\n");
    expect(parseExportCsv(text)).toEqual([
      ["Организация", "Значение"],
      ['\'=HYPERLINK("x")', "62,5"],
      ["Школа; 1", "3"],
    ]);
  });
});

describe("a school's export as M1 writes it (src/domain/monitoring/export.ts)", () => {
  it("reads back exportCsv and the sheet cells, and combines two schools by the indicators' rules", () => {
    const indicators = (participants: number, covered: number): Indicator[] => [
      {
        section: "Охват",
        code: "coverage.participants",
        label: "Участников",
        value: participants,
        unit: "чел.",
        target: null,
        note: "",
      },
      {
        section: "Охват",
        code: "coverage.covered",
        label: "В паре",
        value: covered,
        unit: "чел.",
        target: null,
        note: "",
      },
      {
        section: "Охват",
        code: "coverage.pct",
        label: "Охват; все",
        value: Math.round((1000 * covered) / participants) / 10,
        unit: "%",
        target: 70,
        note: "",
      },
      {
        section: "Охват",
        code: "satisfaction.mentors.final",
        label: "Без ответов",
        value: null,
        unit: "балл",
        target: null,
        note: "",
      },
    ];
    const settings = (name: string, code: string) => ({
      orgShortName: name,
      orgFullName: "",
      regionCode: code,
    });
    const a = exportCsv(exportRows(settings("СОШ № 7", "0701"), "2025/2026", indicators(90, 67)));
    const b = exportCells(exportRows(settings("СОШ № 8", "0801"), "2025/2026", indicators(30, 11)));
    const r = combineExports([
      { name: "сош7.csv", rows: parseExportCsv(a) },
      { name: "сош8.xlsx", sheet: "Выгрузка в регион", rows: [[...EXPORT_HEADERS], ...b] },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.schools).toBe(2);
    // 74.4 and 36.7 at the schools; 100 · (67 + 11) / (90 + 30) = 65.
    expect(r.columns.map((c) => [c.code, c.total])).toEqual([
      ["coverage.participants", 120],
      ["coverage.covered", 78],
      ["coverage.pct", 65],
    ]);
    expect(r.table[0]?.[6]).toBe("Охват; все, %");
  });
});

describe("nastavnik region combine", () => {
  const dir = mkdtempSync(join(tmpdir(), "region-"));
  const schools = join(dir, "школы");
  mkdirSync(schools);
  // 1: `;`, BOM, CRLF (Russian Excel). 2: `,`, no BOM, LF (Google Sheets «Скачать → CSV»).
  writeFileSync(
    join(schools, "1-радуга.csv"),
    csv([HEADER, ...rows("Школа «Радуга»", "001", 100, 70, "70")], ";", true),
  );
  writeFileSync(
    join(schools, "2-гимназия.csv"),
    csv([HEADER, ...rows("Гимназия № 2", "002", 40, 10, "25")], ",", false, "\n"),
  );
  // 3: garbage with a .csv name.
  writeFileSync(join(schools, "3-список.csv"), "ФИО;Класс\nИванов;5А\n");
  // Not picked from the folder: other extensions, Excel's lock files, backups.
  writeFileSync(join(schools, "заметки.txt"), "не выгрузка");
  writeFileSync(join(schools, "~$4-лицей.xlsx"), "lock");

  async function schoolWorkbook(): Promise<void> {
    // 4: a whole school workbook: the export sheet among all the others.
    await withWorkbookFile(join(schools, "4-лицей.xlsx"), { create: true, save: () => true }, (env) => {
      setupWorkbook(env);
      env.workbook.append("Выгрузка в регион", rows("Лицей № 3", "003", 60, 45, "75").map(typed));
    });
    // 5: an .xlsx holding just the table, on a sheet with another name, numbers as numbers.
    const book = XlsxWorkbook.create();
    book.createSheet("Лист1");
    const table = [HEADER, ...rows("Школа № 5", "005", 50, 0, "0").map(typed)];
    book.write(
      "Лист1",
      table.flatMap((r, i) => r.map((value, c) => ({ row: i + 1, col: c + 1, value }))),
    );
    await book.save(join(schools, "5-таблица.xlsx"));
  }

  /** The row as a workbook holds it: the value a number. */
  function typed(row: string[]): CellValue[] {
    return row.map((v, i) => (i === 5 ? Number(v.replace(",", ".")) : v));
  }

  it("combines a folder of CSV files and workbooks into an .xlsx, reporting the file it cannot use", async () => {
    await schoolWorkbook();
    const out = join(schools, "свод.xlsx");
    const r = cli("region", "combine", schools, "--out", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Сведено 4 школы (использовано источников: 4 из 5); показателей: 3.");
    expect(r.stdout).toContain("Не удалось использовать: «3-список.csv».");
    expect(r.stdout).toMatch(/• «3-список\.csv»: не найдена строка заголовков выгрузки/);
    expect(r.stdout).toContain(`Свод записан: ${out}`);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const ws = book.getWorksheet("Свод по школам");
    expect(ws).toBeDefined();
    if (!ws) return;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(ws.getRow(1).font?.bold).toBe(true);
    const values = (r: number) => (ws.getRow(r).values as CellValue[]).slice(1);
    expect(values(1)).toEqual([
      "Организация",
      "Код организации",
      "Учебный год",
      "Источник",
      "Наставляемых всего, чел.",
      "Наставляемых в паре, чел.",
      "Охват наставничеством, %",
    ]);
    expect(values(2)).toEqual([
      "Код показателя",
      undefined,
      undefined,
      undefined,
      "mentees.total",
      "mentees.in_pair",
      "coverage",
    ]);
    expect(values(4).slice(0, 4)).toEqual(["Гимназия № 2", "002", "2025/2026", "2-гимназия.csv"]);
    expect(values(5).slice(0, 4)).toEqual([
      "Лицей № 3",
      "003",
      "2025/2026",
      "4-лицей.xlsx / Выгрузка в регион",
    ]);
    expect(values(6).slice(0, 4)).toEqual(["Школа «Радуга»", "001", "2025/2026", "1-радуга.csv"]);
    expect(values(7).slice(0, 4)).toEqual(["Школа № 5", "005", "2025/2026", "5-таблица.xlsx / Лист1"]);
    // Totals: 100 + 40 + 60 + 50 = 250; 70 + 10 + 45 + 0 = 125; 100 · 125 / 250 = 50.
    expect(values(8)).toEqual(["Итого", "4 школы", "2025/2026", undefined, 250, 125, 50]);
    expect(ws.getRow(8).font?.bold).toBe(true);

    // Again: the same table (the output in the folder is not taken as a source).
    const again = cli("region", "combine", schools, "--out", out);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Сведено 4 школы (использовано источников: 4 из 5)");
  });

  it("writes CSV and JSON, and a later file wins over an earlier one for the same school", () => {
    const fixed = join(dir, "радуга-исправлено.csv");
    writeFileSync(fixed, csv([HEADER, ...rows("Школа «Радуга»", "001", 110, 80, "72,7")], ";", true));
    const out = join(dir, "свод.csv");
    const r = cli(
      "region",
      "combine",
      join(schools, "1-радуга.csv"),
      join(schools, "2-гимназия.csv"),
      fixed,
      "--out",
      out,
      "--json",
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ files: 3, schools: 2, indicators: 3, out });
    expect(json.problems).toEqual([
      "Организация Школа «Радуга» (код 001) есть и в «1-радуга.csv», и в «радуга-исправлено.csv» — взяты данные из «радуга-исправлено.csv» (более позднего источника).",
    ]);
    // 110 + 40 = 150; 80 + 10 = 90; 100 · 90 / 150 = 60.
    expect(json.columns.map((c: { total: number }) => c.total)).toEqual([150, 90, 60]);
    expect(json.table).toBeUndefined();
    const text = readFileSync(out, "utf8");
    expect(text.startsWith("\uFEFFОрганизация;Код организации;Учебный год;Источник;")).toBe(true);
    const back = parseExportCsv(text);
    expect(back.at(-1)).toEqual(["Итого", "2 школы", "2025/2026", "", "150", "90", "60"]);
    expect(back[3]).toEqual(["Гимназия № 2", "002", "2025/2026", "2-гимназия.csv", "40", "10", "25"]);
    expect(back[4]?.slice(0, 5)).toEqual([
      "Школа «Радуга»",
      "001",
      "2025/2026",
      "радуга-исправлено.csv",
      "110",
    ]);
    expect(back[4]?.[6]).toBe("72,7");
  });

  it("without --out prints the totals; exit 1 when nothing could be read; Russian errors", async () => {
    const r = cli("region", "combine", join(schools, "2-гимназия.csv"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "  coverage — Охват наставничеством, %: 25 (пересчёт: Σ mentees.in_pair / Σ mentees.total × 100)",
    );
    expect(r.stdout).toContain("Свод не записан в файл: добавьте --out СВОД.xlsx или --out СВОД.csv.");

    const none = cli(
      "region",
      "combine",
      join(schools, "3-список.csv"),
      join(dir, "нет.csv"),
      join(schools, "заметки.txt"),
      "--out",
      join(dir, "x.xlsx"),
    );
    expect(none.code).toBe(1);
    expect(none.stdout).toContain(
      "Ничего не сведено: ни в одном из 3 источников нет таблицы выгрузки школы.",
    );
    expect(none.stdout).toMatch(/«.*нет\.csv»: файл не найден\./);
    expect(none.stdout).toContain("Свод не записан: сводить нечего.");

    expect(cli("region", "combine").stderr).toMatch(/Не указаны файлы выгрузок/);
    expect(cli("region", "merge", "a.csv").stderr).toMatch(/Неизвестная подкоманда «merge»/);
    expect(cli("region", "combine", "a.csv", "--out", "свод.docx").stderr).toMatch(
      /свод записывается в файл \.xlsx или \.csv/,
    );
    expect(cli("region", "combine", "a.csv", "--bogus").stderr).toMatch(/Неизвестный параметр «--bogus»/);
  });

  it("reads a workbook without any export table as a problem naming its sheets", async () => {
    const file = join(dir, "пустая.xlsx");
    await withWorkbookFile(file, { create: true, save: () => true }, (env) => {
      env.workbook.createSheet("Заметки");
      env.workbook.write("Заметки", [{ row: 1, col: 1, value: "ничего" }]);
    });
    const read = await readExportFiles([file]);
    expect(read.sources).toEqual([]);
    expect(read.unreadable).toEqual(["«пустая.xlsx»"]);
    expect(read.problems[0]).toMatch(
      /^«пустая\.xlsx»: в книге нет листа «Выгрузка в регион» и ни одного листа с таблицей выгрузки \(листы: «Заметки»\)/,
    );
    const broken = join(dir, "битая.xlsx");
    writeFileSync(broken, "не книга");
    const read2 = await readExportFiles([broken]);
    expect(read2.problems[0]).toMatch(
      /^«битая\.xlsx»: не удалось прочитать — Файл «битая\.xlsx» не является книгой Excel/,
    );
  });
});
