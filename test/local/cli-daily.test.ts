// `nastavnik daily`: the daily run of the add-on on a workbook file, for cron / Task Scheduler.

import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { insertRecords, readRecords } from "../../src/app/records";
import { writeSettings } from "../../src/app/settings";
import { withWorkbookFile } from "../../src/local/env";
import { XlsxWorkbook } from "../../src/local/xlsx-workbook";
import { hash, initBook, run } from "./cli-harness";
import { seedSchool } from "./docs-seed";

async function journal(book: string) {
  return readRecords(await XlsxWorkbook.open(book), "journal").rows.map((r) => r.record);
}

describe("nastavnik daily", () => {
  it("runs the steps, writes the day's letters once, and --dry-run changes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-daily-"));
    const book = await initBook(join(dir, "школа.xlsx"));
    // A deadline in two days with its owner, and a mentee waiting for a pair: the day has letters.
    await withWorkbookFile(book, { create: false, save: () => true }, (env) => {
      writeSettings(env.workbook, { orgShortName: "МБОУ СОШ № 1", curatorEmail: "kurator@school.ru" });
      insertRecords(env, "team", [
        {
          fullName: "Сидорова Ольга Петровна",
          role: "Ответственный",
          email: "sidorova@school.ru",
          reminders: true,
        },
      ]);
      insertRecords(env, "roadmap", [
        {
          stage: "Отбор и обучение наставников",
          event: "Обучение наставников",
          deadline: { year: 2025, month: 10, day: 3 },
          owners: "Сидорова О.П.",
          status: "Не начато",
        },
      ]);
      insertRecords(env, "mentees", [
        { status: "Ожидает пары", category: "Молодой специалист", fullName: "Ожидающая Вера", consent: true },
      ]);
    });
    writeFileSync(join(dir, "nastavnik.config.json"), JSON.stringify({ outbox: "письма" }));

    const before = hash(book);
    const dry = await run("daily", book, "--date", "2025-10-01", "--dry-run", "--json");
    expect(dry.code, dry.stderr).toBe(0);
    const preview = JSON.parse(dry.stdout);
    expect(preview).toMatchObject({ dryRun: true, outcome: "успешно", failures: [], mail: null });
    expect(hash(book)).toBe(before);
    expect(readdirSync(dir)).not.toContain("письма");

    const first = await run("daily", book, "--date", "2025-10-01", "--json");
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.outcome).toBe("успешно");
    expect(report.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Дорожная карта: обновлено ячеек \d+\./),
        expect.stringMatching(/^Встречи: обновлено ячеек/),
        expect.stringMatching(/^Рассылка: отправлено писем \d+/),
        expect.stringMatching(/^Мониторинг: изменено ячеек \d+/),
      ]),
    );
    expect(report.mail).toMatchObject({ mode: "outbox", target: join(dir, "письма") });
    const letters = readdirSync(join(dir, "письма"));
    expect(letters.length).toBe(report.mail.delivered.length);
    expect(letters.length).toBe(preview.preview.emails.length);
    expect(letters.length).toBeGreaterThan(0);
    expect((await journal(book)).filter((j) => j.action === "Ежедневный запуск")).toHaveLength(1);

    // The same day again: nothing more is sent; one more journal line.
    const again = await run("daily", book, "--date", "2025-10-01");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Ежедневный запуск: успешно\./);
    expect(again.stdout).toMatch(/Рассылка: отправлено писем 0/);
    expect(readdirSync(join(dir, "письма"))).toEqual(letters);
    expect((await journal(book)).filter((j) => j.action === "Ежедневный запуск")).toHaveLength(2);
  });

  it("a failing step (the mail server is down) does not stop the others: exit code 4", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-daily-smtp-"));
    const book = await initBook(join(dir, "школа.xlsx"));
    await seedSchool(book, { pairs: 2 });
    await run("meetings", book, "--schedule", "--date", "2025-09-20");
    writeFileSync(
      join(dir, "nastavnik.config.json"),
      JSON.stringify({ smtp: { host: "127.0.0.1", port: 1, from: "n@school.ru" } }),
    );
    const r = await run("daily", book, "--date", "2025-10-01", "--json");
    expect(r.code).toBe(4);
    const json = JSON.parse(r.stdout);
    expect(json.outcome).toBe("с предупреждениями");
    expect(json.failures).toEqual([expect.stringMatching(/^рассылка: Сервер почты недоступен/)]);
    expect(json.details).toEqual(expect.arrayContaining([expect.stringMatching(/^Мониторинг:/)]));
    const lines = await journal(book);
    expect(lines.some((j) => j.action === "Ежедневный запуск: рассылка" && j.outcome === "ошибка")).toBe(
      true,
    );
  });
});
