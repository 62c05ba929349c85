// `nastavnik report` on an .xlsx file of the fixture school (test/fixtures/monitoring-school.ts):
// the report .docx holds the period and the indicators, is registered in «Приказы», is made once
// per academic year (--revision for a new one); --site writes the text for the website.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { insertRecords, readRecords } from "../../src/app/records";
import { writeSettings } from "../../src/app/settings";
import type { Command } from "../../src/local/command";
import { docxText } from "../../src/local/docx";
import { withWorkbookFile } from "../../src/local/env";
import { reportCommand } from "../../src/local/report-command";
import { XlsxWorkbook } from "../../src/local/xlsx-workbook";
import { seedMonitoringSchool, TODAY } from "../fixtures/monitoring-school";

async function run(
  command: Command,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const spyOut = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const spyErr = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const code = await command.run(args);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    spyOut.mockRestore();
    spyErr.mockRestore();
  }
}

const ROOT = resolve(__dirname, "../..");
const TSX = resolve(ROOT, "node_modules/.bin/tsx");

describe("nastavnik report", () => {
  const dir = mkdtempSync(join(tmpdir(), "nastavnik-report-"));
  const book = join(dir, "школа.xlsx");
  const folder = join(dir, "документы", "Наставничество — отчёты");
  const REPORT = "Отчёт о реализации программы наставничества за 2025-2026 учебный год";
  const files = () =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((f) => f.endsWith(".docx"))
          .sort()
      : [];
  const text = (name: string) => docxText(readFileSync(join(folder, name))).replace(/\u00a0/g, " ");

  beforeAll(async () => {
    await withWorkbookFile(book, { create: true, save: () => true, now: () => TODAY }, (env) => {
      seedMonitoringSchool(env);
      writeSettings(env.workbook, {
        city: "г. Новосибирск",
        directorName: "Петров Иван Сергеевич",
        curatorName: "Иванова Мария Петровна",
        bestPractices: "Квест «Знакомство со школой»\nКлуб молодого педагога «Старт»",
      });
      insertRecords(env, "team", [
        { fullName: "Иванова Мария Петровна", role: "Куратор", position: "заместитель директора по УВР" },
      ]);
    });
  });

  it("explains itself in Russian and is listed by `nastavnik help`", () => {
    const cli = (...args: string[]) =>
      spawnSync(TSX, [resolve(ROOT, "src/local/cli.ts"), ...args], { encoding: "utf8", cwd: ROOT });
    const help = cli("report", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Использование: nastavnik report КНИГА\.xlsx \[--site\]/);
    expect(help.stdout).toContain("--revision        новая редакция");
    expect(help.stdout).toContain("только ФИО и должности отмеченных наставников");
    expect(cli("help").stdout).toMatch(/report\s+отчёт о реализации программы за учебный год/);
  });

  it("writes the report with the period and the indicators, registers it, once per year", async () => {
    const r = await run(reportCommand, [book, "--date", "16.03.2026"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Создан документ «Отчёт о реализации программы наставничества за 2025/2026 учебный год».",
    );
    expect(r.stdout).toContain("Книга сохранена: документ зарегистрирован в «Приказы».");
    expect(files()).toEqual([`${REPORT}.docx`]);
    const doc = text(`${REPORT}.docx`);
    expect(doc).toContain("за 2025/2026 учебный год");
    expect(doc).toContain("(сведения за период с 01.09.2025 по 16.03.2026)");
    expect(doc).toContain("Отчётный период | 2025/2026 учебный год, с 01.09.2025 по 16.03.2026");
    expect(doc).toContain("Охват | Наставляемых в программе этого года, чел. | 10");
    expect(doc).toContain("Охват обучающихся, % | 57,1 | не менее 70");
    expect(doc).toContain("Удовлетворённость наставляемых: итоговая анкета, балл | 9,33 (анкет: 1)");
    expect(doc).toContain("4 | Работодатель – ученик | 2 | 1 | 2 | 7,11");
    expect(doc).toContain("2 | Клуб молодого педагога «Старт»");
    expect(doc).toContain("1 | Галкин Евгений Петрович");
    // One paragraph per conclusion and per task, not run together.
    expect(doc).toMatch(/\nДорожная карта выполнена на 50 % \(3 из 6 мероприятий, просрочено: 1\)\.\n/);
    expect(doc).toMatch(/\n1\. Довести охват обучающихся наставничеством до 70 % и выше\.\n2\. Подобрать/);
    expect(doc).toContain("Куратор программы наставничества | __________ | М. П. Иванова");
    expect(doc).not.toContain("Абрамова");

    const wb = await XlsxWorkbook.open(book);
    const registered = readRecords(wb, "documents").rows.map((x) => x.record);
    expect(registered).toMatchObject([
      { docType: "Отчёт о реализации программы наставничества", number: "", revision: 1 },
    ]);
    expect(registered[0]?.link).toMatch(/^file:\/\//);

    const again = await run(reportCommand, [book, "--date", "20.05.2026"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("уже создан — открыт имеющийся");
    expect(again.stdout).toContain("(создан раньше)");
    expect(again.stdout).toContain("Книга не изменена.");
    expect(files()).toEqual([`${REPORT}.docx`]);
  });

  it("--revision makes a new one; --site the text for the website; --json for scripts", async () => {
    const r = await run(reportCommand, [book, "--date", "20.05.2026", "--revision"]);
    expect(r.code).toBe(0);
    expect(files()).toEqual([`${REPORT} (редакция 2).docx`, `${REPORT}.docx`]);
    expect(text(`${REPORT} (редакция 2).docx`)).toContain("(сведения за период с 01.09.2025 по 20.05.2026)");

    const site = await run(reportCommand, [book, "--site", "--date", "20.05.2026", "--json"]);
    expect(site.code).toBe(0);
    const json = JSON.parse(site.stdout) as {
      kind: string;
      documents: { file: string; existing: boolean }[];
    };
    expect(json.kind).toBe("site-text");
    expect(json.documents).toHaveLength(1);
    const file = json.documents[0]?.file ?? "";
    expect(file.endsWith("Текст для сайта об итогах 2025-2026 учебного года.docx")).toBe(true);
    const news = docxText(readFileSync(file)).replace(/\u00a0/g, " ");
    expect(news).toContain("Итоги программы наставничества 2025/2026 учебного года");
    expect(news).toContain("Благодарим за вклад в наставничество Галкина Евгения Петровича");
  });

  it("bad input: a Russian message naming it", async () => {
    await expect(run(reportCommand, [book, "--date", "31.02.2026"])).rejects.toThrow(/31\.02\.2026/);
    await expect(run(reportCommand, ["школа.csv"])).rejects.toThrow("ожидается файл книги Excel");
    await expect(run(reportCommand, [book, "--type", "x"])).rejects.toThrow("Неизвестный параметр «--type»");
    await expect(run(reportCommand, [join(dir, "нет.xlsx")])).rejects.toThrow("не найден");
  });
});
