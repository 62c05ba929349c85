// `--json` on every command: only JSON on stdout (progress and warnings go to stderr), exit code 0
// on success, and an error is printed as { "error": "<Russian message>" } on stdout too (exit 1 for
// a user error, 2 for a usage error). Table-driven over COMMANDS: a command added without a row
// here — or without --json — fails.

import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/local/commands";
import { initBook, menteeCsv, ROADMAP_SEED, run } from "./cli-harness";
import { seedSchool } from "./docs-seed";

interface Fixture {
  dir: string;
  book: string;
}

/** Per command: the invocations a script would make, each ending in --json. */
const CASES: Record<string, (f: Fixture) => string[][]> = {
  init: (f) => [["init", join(f.dir, "новая.xlsx"), "--json"]],
  status: (f) => [["status", f.book, "--json"]],
  roadmap: (f) => [
    ["roadmap", "import", ROADMAP_SEED, "--year", "2025", "--json"],
    ["roadmap", "import", ROADMAP_SEED, "--year", "2025", "--into", f.book, "--json"],
    ["roadmap", "status", f.book, "--json"],
  ],
  responses: (f) => [
    ["responses", "import", f.book, join(f.dir, "ответы.csv"), "--kind", "mentee", "--json"],
  ],
  match: (f) => [["match", f.book, "--json"]],
  docs: (f) => [
    ["docs", f.book, "--type", "pairs-order", "--list", "--json"],
    ["docs", f.book, "--type", "pairs-order", "--date", "15.09.2025", "--json"],
  ],
  meetings: (f) => [["meetings", f.book, "--schedule", "--date", "2025-09-20", "--json"]],
  remind: (f) => [
    ["remind", f.book, "--date", "2025-10-01", "--dry-run", "--json"],
    ["remind", f.book, "--date", "2025-10-01", "--json"],
  ],
  daily: (f) => [
    ["daily", f.book, "--date", "2025-10-02", "--dry-run", "--json"],
    ["daily", f.book, "--date", "2025-10-02", "--json"],
  ],
  monitoring: (f) => [["monitoring", f.book, "--date", "2025-10-01", "--export", "--json"]],
  report: (f) => [["report", f.book, "--date", "31.05.2026", "--json"]],
  region: (f) => [["region", "combine", join(f.dir, "выгрузки"), "--json"]],
  "close-year": (f) => [["close-year", f.book, "--date", "2026-06-30", "--json"]],
  // The demo's success path takes most of a minute (test/local/demo.test.ts runs it); here its
  // --json error path: the output folder cannot be made under a file.
  demo: (f) => [["demo", "--out", join(f.dir, "ответы.csv", "demo"), "--json"]],
};

/** Exit codes other than 0 that a case above legitimately ends with. */
const EXPECTED_CODE: Record<string, number> = { demo: 1 };

describe("--json on every command", () => {
  const f: Fixture = { dir: "", book: "" };

  beforeAll(async () => {
    f.dir = mkdtempSync(join(tmpdir(), "cli-json-"));
    f.book = await initBook(join(f.dir, "школа.xlsx"));
    await seedSchool(f.book, { pairs: 3 });
    writeFileSync(join(f.dir, "ответы.csv"), menteeCsv());
    writeFileSync(
      join(f.dir, "nastavnik.config.json"),
      JSON.stringify({ docs: "документы", exports: "выгрузки" }),
    );
  });

  it("every command has a row in the table and declares --json", () => {
    expect(Object.keys(CASES).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
    for (const c of COMMANDS) expect(c.options, c.name).toHaveProperty("json", { type: "boolean" });
  });

  for (const command of COMMANDS) {
    it(`${command.name} --json prints parseable JSON only`, async () => {
      const cases = CASES[command.name];
      expect(cases, `нет строки для команды ${command.name} в CASES`).toBeDefined();
      for (const argv of cases?.(f) ?? []) {
        const r = await run(...argv);
        expect(r.code, `${argv.join(" ")}\n${r.stderr}`).toBe(EXPECTED_CODE[command.name] ?? 0);
        expect(r.stdout.trim().startsWith("{"), argv.join(" ")).toBe(true);
        const json = JSON.parse(r.stdout);
        expect(typeof json).toBe("object");
        if (r.code !== 0) expect(json.error).toMatch(/[А-Яа-яЁё]/);
        else expect(json.error).toBeUndefined();
      }
    }, 120_000);
  }

  it("writes into the folders of the configuration", () => {
    expect(readdirSync(join(f.dir, "документы")).length).toBeGreaterThan(0);
    expect(readdirSync(join(f.dir, "выгрузки"))).toContain("выгрузка-в-регион-2025-10-01.csv");
    expect(readdirSync(join(f.dir, "outbox")).every((n) => n.endsWith(".eml"))).toBe(true);
  });

  it("a user error is { error } on stdout with exit code 1, a usage error with exit code 2", async () => {
    const missing = join(f.dir, "нет.xlsx");
    const user = await run("status", missing, "--json");
    expect(user.code).toBe(1);
    expect(JSON.parse(user.stdout)).toEqual({
      error: `Файл «${missing}» не найден. Создайте книгу командой: nastavnik init ${missing}`,
    });
    expect(user.stderr).toMatch(/^Ошибка: Файл/);

    const usage = await run("match", f.book, "--strategy", "greedy", "--json");
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout).error).toMatch(/optimal или stable/);

    const unknown = await run("frobnicate", "--json");
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error).toMatch(/Неизвестная команда «frobnicate»/);
  });

  for (const command of COMMANDS) {
    it(`${command.name} --json: an unknown option is a usage error as JSON`, async () => {
      const argv = [command.name, ...(command.subcommands?.slice(0, 1) ?? []), "--bogus", "--json"];
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout)).toEqual({
        error: expect.stringMatching(/Неизвестный параметр «--bogus»/),
      });
    });
  }

  it("an unreadable configuration is reported as JSON, naming the file and the field", async () => {
    const dir = join(f.dir, "плохие-настройки");
    mkdirSync(dir);
    const book = await initBook(join(dir, "школа.xlsx"));
    writeFileSync(join(dir, "nastavnik.config.json"), JSON.stringify({ doc: "папка" }));
    const r = await run("status", book, "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatch(
      /nastavnik\.config\.json».*неизвестные поля «doc» \(возможно, имелось в виду «docs»\)/,
    );
  });
});
