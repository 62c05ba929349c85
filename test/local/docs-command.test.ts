import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { readRecords } from "../../src/app/records";
import { readSettings } from "../../src/app/settings";
import { findSoffice } from "../../src/local/documents";
import { docxText } from "../../src/local/docx";
import { XlsxWorkbook } from "../../src/local/xlsx-workbook";
import { seedSchool } from "./docs-seed";

const ROOT = resolve(__dirname, "../..");
const TSX = resolve(ROOT, "node_modules/.bin/tsx");

function cli(...args: string[]) {
  const r = spawnSync(TSX, [resolve(ROOT, "src/local/cli.ts"), ...args], { encoding: "utf8", cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ORDER_TITLE = "Приказ о закреплении наставнических пар (групп)";

describe("nastavnik docs", () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-docs-"));
  const book = join(dir, "школа.xlsx");
  const orders = join(dir, "документы", "Наставничество — приказы");
  const programs = join(dir, "документы", "Наставничество — программы и соглашения");
  let pairIds: string[] = [];

  const files = (folder: string, ext = ".docx") =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((f) => f.endsWith(ext))
          .sort()
      : [];
  const book$ = async () => XlsxWorkbook.open(book);
  /** The text of a document, with non-breaking spaces as plain ones. */
  const text = (path: string) => docxText(readFileSync(path)).replace(/\u00a0/g, " ");

  beforeAll(async () => {
    expect(cli("init", book).code).toBe(0);
    // Three mentors; the third one has two mentees (a group): four pair rows, three lines.
    pairIds = await seedSchool(book, { pairs: 3, group: true });
    expect(pairIds).toHaveLength(4);
  });

  it("explains itself in Russian", () => {
    const r = cli("docs", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Использование: nastavnik docs КНИГА\.xlsx --type ВИД/);
    expect(r.stdout).toContain("pairs-order       Приказ о закреплении наставнических пар (групп)");
    expect(cli("help").stdout).toMatch(/docs\s+документы: приказы, программы наставничества и согласия/);
  });

  it("lists whom a document can be made for, writing nothing", async () => {
    const before = statSync(book).mtimeMs;
    const r = cli("docs", book, "--type", "pairs-order", "--list");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n").filter((l) => l.startsWith("  [x] "));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain("Петров И. С. — Иванова М. П.");
    expect(lines[2]).toMatch(/Смирнова А. П. — Николаева Д. С., Тихонов Г. М./);
    expect(statSync(book).mtimeMs).toBe(before);
  });

  it("writes the order on pairs and registers it", async () => {
    const r = cli("docs", book, "--type", "pairs-order", "--date", "01.09.2025");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Создан Приказ № 01-05/12 от 01.09.2025 — О закреплении наставнических пар (групп).",
    );
    expect(r.stdout).toContain("Книга сохранена");
    // «/» of the number cannot be in a file name.
    expect(files(orders)).toEqual([
      "Приказ № 01-05-12 от 01.09.2025 — О закреплении наставнических пар (групп).docx",
    ]);

    const doc = text(join(orders, files(orders)[0] as string));
    const lines = doc.split("\n");
    expect(doc).not.toMatch(/\{\{|\}\}/);
    expect(lines).toContain("ПРИКАЗ");
    expect(lines).toContain("ПРИКАЗЫВАЮ:");
    expect(lines).toContain("г. Тюмень");
    expect(lines).toContain("«01» сентября 2025 г. | № 01-05/12");
    expect(doc).toContain("Беловой Ольге Николаевне"); // {{Куратор|дат}}
    expect(doc).toContain("Белову Ольгу Николаевну"); // {{Куратор|вин}}
    expect(doc).toMatch(/Директор \| Е\. С\. Воронцова/);
    expect(doc).toContain("к приказу от 01.09.2025 № 01-05/12");
    // One annex row per pair line; the group's mentees together in one row.
    const annex = lines.filter((l) => /^\d+ \| /.test(l));
    expect(annex.map((l) => l.split(" | ")[0])).toEqual(["1", "2", "3"]);
    expect(annex[0]).toMatch(/^1 \| Петров Иван Сергеевич учитель математики \| Иванова Мария Петровна/);
    expect(annex[2]).toMatch(/Николаева Дарья Сергеевна.*Тихонов Глеб Максимович/);
    expect(annex[2]).toContain("с 15.09.2025 по 31.05.2026");

    const wb = await book$();
    const register = readRecords(wb, "documents").rows.map((row) => row.record);
    expect(register).toHaveLength(1);
    expect(register[0]).toMatchObject({ docType: ORDER_TITLE, number: "01-05/12", revision: 1 });
    expect(register[0]?.date).toEqual({ year: 2025, month: 9, day: 1 });
    expect(fileURLToPath(String(register[0]?.link))).toBe(join(orders, files(orders)[0] as string));
    expect(String(register[0]?.pairIds).split(/,\s*/).sort()).toEqual([...pairIds].sort());
    for (const row of readRecords(wb, "pairs").rows) {
      expect(row.record).toMatchObject({ orderNo: "01-05/12", orderDate: { year: 2025, month: 9, day: 1 } });
    }
    expect(readSettings(wb.read("Настройки")).values.orderNumberNext).toBe(13);
  });

  it("does not make a second order for the same pairs, and leaves the workbook alone", async () => {
    const before = statSync(book).mtimeMs;
    const again = cli("docs", book, "--type", "pairs-order");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /Не для кого создавать «Приказ о закреплении наставнических пар \(групп\)»: все уже в документах/,
    );
    const asked = cli("docs", book, "--type", "pairs-order", "--all");
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain("уже создан");
    expect(asked.stdout).toContain("(создан раньше)");
    expect(asked.stdout).toContain("Книга не изменена.");
    expect(files(orders)).toHaveLength(1);
    expect(statSync(book).mtimeMs).toBe(before);
    expect(readRecords(await book$(), "documents").rows).toHaveLength(1);
  });

  it("makes a numbered revision when asked", async () => {
    const r = cli("docs", book, "--type", "pairs-order", "--all", "--revision", "--date", "02.09.2025");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const name =
      "Приказ № 01-05-13 от 02.09.2025 — О закреплении наставнических пар (групп) (редакция 2).docx";
    expect(files(orders)).toContain(name);
    expect(files(orders)).toHaveLength(2);
    expect(text(join(orders, name))).toContain("«02» сентября 2025 г. | № 01-05/13");
    const register = readRecords(await book$(), "documents").rows.map((row) => row.record);
    expect(register.map((d) => [d.number, d.revision])).toEqual([
      ["01-05/12", 1],
      ["01-05/13", 2],
    ]);
  });

  it("runs the personalised programmes as one job, each registered once", async () => {
    const r = cli("docs", book, "--type", "program", "--date", "01.09.2025", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { documents: { file: string; existing: boolean }[] };
    expect(json.documents).toHaveLength(3);
    expect(files(programs)).toEqual(
      [
        "ППН — П-0001 — Петров И. С. — Иванова М. П.docx",
        "ППН — ГР-1 — Смирнова А. П. — Николаева Д. С., Тихонов Г. М.docx",
        "ППН — П-0002 — Коваленко О. В. — Васильев А. Д.docx",
      ].sort(),
    );
    for (const d of json.documents) expect(existsSync(d.file)).toBe(true);
    const ppn = text(join(programs, "ППН — П-0001 — Петров И. С. — Иванова М. П.docx"));
    expect(ppn).toContain("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА");
    expect(ppn).not.toMatch(/\{\{|\}\}/);
    expect(ppn.split("\n").filter((l) => /^\d+ \| \d\d\.\d\d\.\d{4} \| /.test(l)).length).toBeGreaterThan(3);
    const wb = await book$();
    for (const row of readRecords(wb, "pairs").rows)
      expect(String(row.record.programLink)).toMatch(/^file:\/\//);
    expect(readRecords(wb, "documents").rows).toHaveLength(2 + 3);

    const again = cli("docs", book, "--type", "program", "--all");
    expect(again.code).toBe(0);
    expect(files(programs)).toHaveLength(3);
    expect(readRecords(await book$(), "documents").rows).toHaveLength(5);
  });

  it("gives clear Russian errors with exit code 2 (usage)", () => {
    expect(cli("docs", book, "--type", "prikaz")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /«prikaz» — нет такого вида документа\. Параметр --type принимает: pairs-order/,
      ),
    });
    expect(cli("docs", book)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Укажите вид документа/),
    });
    expect(cli("docs", book, "--type", "pairs-order", "--date", "31.02.2025").stderr).toMatch(
      /«31\.02\.2025» — такой даты нет/,
    );
    expect(cli("docs", book, "--type", "pairs-order", "--ids", "П-9999").stderr).toMatch(
      /Пара \(группа\) П-9999 не найдена/,
    );
    expect(cli("docs", join(dir, "нет.xlsx"), "--type", "pairs-order").stderr).toMatch(
      /Файл «.*нет\.xlsx» не найден/,
    );
    expect(cli("docs", book, "--type", "curator-order", "--ids", "П-0001").stderr).toMatch(/уберите --ids/);
  });

  it.skipIf(findSoffice() === null)("also saves a PDF through LibreOffice with --pdf", () => {
    const r = cli("docs", book, "--type", "curator-order", "--date", "01.09.2025", "--pdf");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const pdfs = files(orders, ".pdf");
    expect(pdfs).toEqual([
      "Приказ № 01-05-14 от 01.09.2025 — О назначении куратора программы наставничества.pdf",
    ]);
    expect(
      readFileSync(join(orders, pdfs[0] as string))
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });
});
