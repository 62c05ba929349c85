// The installable `nastavnik` bin: dist/cli.js built by `npm run build` (scripts/build-cli.mjs),
// run with plain node — no tsx, the npm dependencies resolved from node_modules.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { XlsxWorkbook } from "../../src/local/xlsx-workbook";

const ROOT = resolve(__dirname, "../..");
const BIN = resolve(ROOT, "dist/cli.js");

function bin(cwd: string, ...args: string[]) {
  if (!existsSync(BIN))
    throw new Error(`Нет ${BIN}: сначала соберите проект командой npm run build (npm test делает это сам).`);
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the nastavnik bin (dist/cli.js)", () => {
  it("is declared in package.json and is an executable node script", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.bin).toEqual({ nastavnik: "dist/cli.js" });
    expect(existsSync(BIN), "dist/cli.js нет — выполните npm run build").toBe(true);
    expect(readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });

  it("prints its help and the help of a command in Russian", () => {
    const help = bin(ROOT, "--help");
    expect(help.stderr).toBe("");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Наставник — программа наставничества/);
    expect(help.stdout).toMatch(/init\s+создать или донастроить книгу/);
    expect(help.stdout).toMatch(/docs\s+/);
    const docs = bin(ROOT, "docs", "--help");
    expect(docs.code).toBe(0);
    expect(docs.stdout).toMatch(/^Использование: nastavnik docs КНИГА\.xlsx --type ВИД/);
    const unknown = bin(ROOT, "нечто");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Неизвестная команда «нечто»/);
  });

  it("creates a workbook with init and fills a shipped template from outside the repository", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bin-"));
    const init = bin(dir, "init", "школа.xlsx");
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/Созданы листы: «Настройки»/);
    const wb = await XlsxWorkbook.open(join(dir, "школа.xlsx"));
    expect(wb.sheetNames()).toEqual(expect.arrayContaining(["Настройки", "Наставники", "Приказы"]));
    expect(bin(dir, "init", "школа.xlsx", "--json").stdout).toMatch(/"changed": false/);

    // The report is filled from sheets-template/templates, found relative to the package root.
    const report = bin(dir, "report", "школа.xlsx", "--out", "документы");
    expect(report.stderr).toBe("");
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/Создан документ «Отчёт о реализации программы наставничества/);
    const folder = join(dir, "документы", "Наставничество — отчёты");
    const files = readdirSync(folder).filter((f) => f.endsWith(".docx"));
    expect(files).toHaveLength(1);
    expect(
      readFileSync(join(folder, files[0] ?? ""))
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
  });

  it("fails in Russian on a missing workbook", () => {
    const dir = mkdtempSync(join(tmpdir(), "bin-"));
    const r = bin(dir, "status", "нет.xlsx");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^Ошибка: Файл «.*нет\.xlsx» не найден\. Создайте книгу командой: nastavnik init/,
    );
  });
});
