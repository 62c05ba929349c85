import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { XlsxWorkbook } from "../../src/local/xlsx-workbook";

const ROOT = resolve(__dirname, "../..");
const TSX = resolve(ROOT, "node_modules/.bin/tsx");

function cli(...args: string[]) {
  const r = spawnSync(TSX, [resolve(ROOT, "src/local/cli.ts"), ...args], { encoding: "utf8", cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("nastavnik command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-"));

  it("lists its commands in Russian", () => {
    const r = cli("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Команды:/);
    expect(r.stdout).toMatch(/init\s+создать или донастроить книгу/);
    expect(cli("init", "--help").stdout).toMatch(/^Использование: nastavnik init КНИГА\.xlsx/);
  });

  it("init sets up a workbook file, and a second run changes nothing", async () => {
    const file = join(dir, "школа.xlsx");
    const first = cli("init", file);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Созданы листы: «Настройки», «Дорожная карта»/);
    const wb = await XlsxWorkbook.open(file);
    expect(wb.sheetNames()).toContain("Наставники");
    const second = cli("init", file, "--json");
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ changed: false, createdSheets: [], warnings: [] });
    expect(existsSync(`${file}.lock`)).toBe(false);
    const status = JSON.parse(cli("status", file, "--json").stdout);
    expect(status.setUp).toBe(true);
    expect(status.sheets.find((s: { key: string }) => s.key === "journal")).toMatchObject({ present: true });
  });

  it("gives clear Russian errors", () => {
    expect(cli("frobnicate")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Неизвестная команда «frobnicate»/),
    });
    expect(cli("status", join(dir, "нет.xlsx")).stderr).toMatch(/Файл «.*нет\.xlsx» не найден/);
    expect(cli("init", join(dir, "книга.csv")).stderr).toMatch(
      /ожидается файл книги Excel с расширением \.xlsx/,
    );
    expect(cli("init").stderr).toMatch(/Не указан файл книги/);
    expect(cli("init", join(dir, "a.xlsx"), "--bogus").stderr).toMatch(/Неизвестный параметр «--bogus»/);
    const fake = join(dir, "fake.xlsx");
    writeFileSync(fake, "это не книга");
    const r = cli("status", fake);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/не является книгой Excel/);
  });
});
