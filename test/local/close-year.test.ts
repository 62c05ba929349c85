// `nastavnik close-year` on a workbook file: the preview changes nothing, --yes closes the year
// (archive sheets Excel accepts, the promoted mentee in «Наставники»), a second run says the
// year is closed, bad input is refused in Russian.

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { insertRecords, readRecords } from "../../src/app/records";
import { writeSettings } from "../../src/app/settings";
import { setupWorkbook } from "../../src/app/setup";
import { archiveSheetName } from "../../src/domain/close-year";
import { closeYearCommand, parsePromote } from "../../src/local/close-year-command";
import { withWorkbookFile } from "../../src/local/env";

const ROOT = resolve(__dirname, "../..");
const TSX = resolve(ROOT, "node_modules/.bin/tsx");
const d = (year: number, month: number, day: number) => ({ year, month, day });

function cli(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(TSX, [resolve(ROOT, "src/local/cli.ts"), ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

async function run(args: string[]): Promise<{ code: number; stdout: string }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    const code = await closeYearCommand.run(args);
    return { code, stdout: chunks.join("") };
  } finally {
    spy.mockRestore();
  }
}

const hash = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Two working pairs (one mentee wants to mentor), a pair that goes on, meetings, a roadmap item. */
async function school(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "nastavnik-close-"));
  const file = join(dir, "школа.xlsx");
  await withWorkbookFile(file, { create: true, save: () => true, now: () => new Date(2025, 8, 1) }, (env) => {
    setupWorkbook(env);
    writeSettings(env.workbook, { academicYearStart: "01.09.2025" });
    insertRecords(env, "mentors", [
      { status: "Наставник", category: "Педагог", fullName: "Иванова Мария Петровна", consent: true },
    ]);
    insertRecords(env, "mentees", [
      {
        status: "В паре",
        category: "Студент",
        fullName: "Орлов Пётр",
        email: "orlov@college.ru",
        wantsToMentor: true,
        consent: true,
      },
      { status: "В паре", category: "Студент", fullName: "Смирнова Алёна", consent: true },
      { status: "В паре", category: "Студент", fullName: "Кузнецова Ирина", consent: true },
    ]);
    insertRecords(env, "pairs", [
      { status: "Работает", mentorId: "НР-0001", menteeId: "НЯ-0001", startDate: d(2025, 10, 1) },
      { status: "Утверждена", mentorId: "НР-0001", menteeId: "НЯ-0002", results: "Выступила на конференции" },
      { status: "Приостановлена", mentorId: "НР-0001", menteeId: "НЯ-0003" },
    ]);
    insertRecords(env, "meetings", [
      { pairId: "П-0001", date: d(2025, 10, 6), status: "Проведена" },
      { pairId: "П-0003", date: d(2025, 10, 7), status: "Проведена" },
      { pairId: "П-0002", date: d(2025, 10, 8), status: "Проведена" },
    ]);
    insertRecords(env, "roadmap", [
      {
        event: "Круглый стол лучших практик",
        deadline: d(2026, 5, 20),
        deadlineText: "Май 2026",
        status: "Выполнено",
      },
    ]);
  });
  return file;
}

describe("nastavnik close-year", () => {
  it("without --yes shows the preview and leaves the file as it is", async () => {
    const file = await school();
    const before = hash(file);
    const text = await run([file, "--date", "2026-06-15"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Завершается учебный год 2025/2026; дата закрытия — 15.06.2026.");
    expect(text.stdout).toContain("П-0002");
    expect(text.stdout).toContain("(итоги внесены куратором)");
    expect(text.stdout).toContain(
      "НЯ-0001 Орлов Пётр — отметка «Хочет стать наставником» в базе наставляемых",
    );
    expect(text.stdout).toContain("--promote НЯ-0001");
    expect(text.stdout).toContain("Книга не изменена. Чтобы выполнить, повторите с --yes.");
    const json = await run([file, "--date", "2026-06-15", "--json", "--promote", "НЯ-0001"]);
    const parsed = JSON.parse(json.stdout) as {
      preview: { year: string; roadmapItems: number };
      promote: string[];
    };
    expect(parsed.preview).toMatchObject({ year: "2025/2026", roadmapItems: 1 });
    expect(parsed.promote).toEqual(["НЯ-0001"]);
    expect(hash(file)).toBe(before);
  });

  it("with --yes closes the year in the file; a second run changes nothing", async () => {
    const file = await school();
    const closed = await run([file, "--yes", "--promote", "НЯ-0001", "--date", "2026-06-15", "--json"]);
    expect(closed.code).toBe(0);
    const result = JSON.parse(closed.stdout) as {
      completedPairs: number;
      promoted: string[];
      archived: string[];
    };
    expect(result.completedPairs).toBe(2);
    expect(result.promoted).toEqual(["НЯ-0001"]);
    expect(result.archived).toContain(archiveSheetName(2025, "Встречи"));

    await withWorkbookFile(file, { create: false, save: () => false }, (env) => {
      const names = env.workbook.sheetNames();
      for (const sheet of ["Пары и группы", "Встречи", "Дорожная карта"])
        expect(names).toContain(archiveSheetName(2025, sheet));
      expect(readRecords(env.workbook, "meetings").rows.map((r) => r.record.pairId)).toEqual(["П-0003"]);
      expect(env.workbook.read(archiveSheetName(2025, "Встречи"))).toHaveLength(4);
      const pairs = readRecords(env.workbook, "pairs").rows.map((r) => r.record);
      expect(pairs.map((p) => p.status)).toEqual(["Завершена", "Завершена", "Приостановлена"]);
      expect(pairs[0]?.endDate).toEqual(d(2026, 6, 15));
      expect(pairs[1]?.results).toBe("Выступила на конференции");
      const mentors = readRecords(env.workbook, "mentors").rows.map((r) => r.record);
      expect(mentors.map((m) => [m.fullName, m.status, m.category, m.contour])).toEqual([
        ["Иванова Мария Петровна", "Наставник", "Педагог", ""],
        ["Орлов Пётр", "Кандидат", "Студент", "Внутренний"],
      ]);
      expect(readRecords(env.workbook, "roadmap").rows[0]?.record).toMatchObject({
        deadline: d(2027, 5, 20),
        deadlineText: "Май 2027",
        status: "Не начато",
      });
    });

    const before = hash(file);
    const again = await run([file, "--yes", "--date", "2026-06-16"]);
    expect(again.stdout).toContain(
      "Учебный год 2025/2026 уже завершён (15.06.2026); повторно ничего не меняется.",
    );
    await withWorkbookFile(file, { create: false, save: () => false }, (env) => {
      expect(readRecords(env.workbook, "mentors").rows).toHaveLength(2);
      // Pairs, meetings, roadmap; the empty feedback, monitoring and orders sheets are not copied.
      expect(env.workbook.sheetNames().filter((n) => n.startsWith("Архив"))).toHaveLength(3);
    });
    // Saved with the journal's line only.
    expect(hash(file)).not.toBe(before);
  });

  it("refuses unknown mentees, bad dates and options in Russian", async () => {
    const file = await school();
    const before = hash(file);
    await expect(run([file, "--yes", "--promote", "НЯ-0099", "--date", "2026-06-15"])).rejects.toThrow(
      /В листе «Наставляемые» нет: НЯ-0099/,
    );
    expect(hash(file)).toBe(before);
    await expect(run([file, "--date", "15.06.2026"])).rejects.toThrow(/ГГГГ-ММ-ДД/);
    await expect(run([file, "--force"])).rejects.toThrow(/Неизвестный параметр «--force»/);
    await expect(run(["школа.csv"])).rejects.toThrow(/\.xlsx/);
    expect(parsePromote(["НЯ-0001, НЯ-0002", "НЯ-0001"])).toEqual(["НЯ-0001", "НЯ-0002"]);
  });

  it("is a command of the nastavnik command line", async () => {
    const file = await school();
    const result = await cli(["close-year", file, "--date", "2026-06-15"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Завершается учебный год 2025/2026");
    const help = await cli(["help"]);
    expect(help.stdout).toMatch(/close-year\s+завершить учебный год/);
  }, 30_000);
});
