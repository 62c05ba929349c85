// `nastavnik demo` (npm start): the demo school's whole year into a temporary folder.

import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readRecords } from "../../src/app/records";
import { generateDemoCohort } from "../../src/local/demo-cohort";
import { demoCommand } from "../../src/local/demo-command";
import { XlsxWorkbook } from "../../src/local/xlsx-workbook";

async function walk(dir: string, ext: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p, ext)));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out;
}

let dir: string;
let stdout = "";
let code = -1;
let book: XlsxWorkbook;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "nastavnik-demo-"));
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    // A leftover file from an earlier run is removed: the folder starts fresh.
    await demoCommand.run(["--out", dir]);
    stdout = "";
    code = await demoCommand.run(["--out", dir]);
  } finally {
    spy.mockRestore();
  }
  book = await XlsxWorkbook.open(join(dir, "workbook.xlsx"));
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("demo: the whole year", () => {
  it("imports the cohort with its duplicates, missing consents and errors", () => {
    const mentees = readRecords(book, "mentees").rows.map((r) => r.record);
    expect(mentees.length).toBeGreaterThanOrEqual(38);
    expect(mentees.some((m) => m.status === "Нет согласия")).toBe(true);
    const mentors = readRecords(book, "mentors").rows.map((r) => r.record);
    // The bad email addresses are kept as typed and held for the curator's check.
    const held = [...mentees, ...mentors].filter((p) => p.status === "Требует проверки").map((p) => p.email);
    expect(held).toEqual(expect.arrayContaining(["ivanova.mail.ru", "papa@@example"]));
    expect(mentors.length).toBeGreaterThanOrEqual(15);
    expect(new Set(mentors.map((m) => m.contour))).toEqual(new Set(["Внутренний", "Внешний"]));
  });

  it("confirmed pairs that the year closed", () => {
    const pairs = readRecords(book, "pairs").rows.map((r) => r.record);
    expect(pairs.length).toBeGreaterThan(20);
    expect(pairs.every((p) => p.status === "Завершена")).toBe(true);
    expect(pairs.every((p) => p.orderNo !== "")).toBe(true);
  });

  it("registers the orders, the ППН and the report in «Приказы», as .docx without placeholders", async () => {
    const docs = readRecords(book, "documents").rows.map((r) => r.record);
    const types = docs.map((d) => d.docType);
    expect(types).toContain("Приказ о закреплении наставнических пар (групп)");
    expect(
      types.some((t) => /наставник/i.test(t) && t !== "Приказ о закреплении наставнических пар (групп)"),
    ).toBe(true);
    expect(docs.filter((d) => d.title.startsWith("ППН")).length).toBeGreaterThan(5);
    const files = await walk(join(dir, "docs"), ".docx");
    expect(files.length).toBe(docs.length);
    for (const file of files) {
      const zip = await JSZip.loadAsync(await readFile(file));
      const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
      expect(xml.length).toBeGreaterThan(500);
      expect(xml).not.toContain("{{");
    }
  });

  it("sends reminders into the outbox, held and cancelled meetings, feedback at three stages", async () => {
    const eml = await walk(join(dir, "outbox"), ".eml");
    expect(eml.length).toBeGreaterThan(100);
    const sent = readRecords(book, "mailLog").rows.filter((r) => r.record.status === "Отправлено");
    expect(sent.length).toBeGreaterThan(100);
    const sheet = book.sheetNames().find((n) => n.endsWith("— Встречи")) ?? "Встречи";
    const statuses = (book.read(sheet) ?? []).flat();
    expect(statuses).toContain("Проведена");
    expect(statuses).toContain("Отменена");
    const feedbackSheet = book.sheetNames().find((n) => n.endsWith("— Обратная связь")) ?? "";
    const feedback = (book.read(feedbackSheet) ?? []).flat();
    for (const stage of ["Входная", "Промежуточная", "Итоговая"]) expect(feedback).toContain(stage);
  });

  it("fills «Мониторинг» and archives the year", () => {
    const monitoring = book.read("Мониторинг") ?? [];
    expect(monitoring.length).toBeGreaterThan(50);
    expect(monitoring[1]?.[1]).toBe("mentees.total");
    expect(typeof monitoring[1]?.[3]).toBe("number");
    const archives = book.sheetNames().filter((n) => n.startsWith("Архив "));
    expect(archives.length).toBeGreaterThanOrEqual(4);
  });

  it("runs twice and prints the paths it wrote", () => {
    expect(code).toBe(0);
    // The intake report: the repeated answers, the missing consents and the row that cannot be stored.
    expect(stdout).toMatch(
      /Анкета наставляемого: строк — 43, новых — 40, повторов — 2, .*без согласия — 3, отклонено — 1\./,
    );
    expect(stdout).toContain(join(dir, "workbook.xlsx"));
    expect(stdout).toContain(join(dir, "docs"));
    expect(stdout).toContain(join(dir, "outbox"));
    expect(stdout).toMatch(/отчёт за год: .*Отчёт о реализации программы наставничества.*\.docx/);
  });
});

describe("demo cohort", () => {
  it("is the same for the same seed and differs for another", () => {
    const a = generateDemoCohort(14, 2026);
    const b = generateDemoCohort(14, 2026);
    expect(a).toEqual(b);
    expect(generateDemoCohort(15, 2026).mentees).not.toEqual(a.mentees);
    expect(a.mentees.length - 1).toBeGreaterThanOrEqual(40);
    expect(a.mentors.length - 1).toBeGreaterThanOrEqual(15);
  });
});
