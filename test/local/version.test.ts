// A workbook of another version, or not a Nastavnik workbook at all: the CLI refuses it in Russian
// before touching it; `init` still sets up a foreign workbook.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { setupWorkbook, storedSchemaVersion } from "../../src/app/setup";
import { SCHEMA_VERSION } from "../../src/domain/schema";
import { withWorkbookFile } from "../../src/local/env";
import { XlsxMeta, XlsxWorkbook } from "../../src/local/xlsx-workbook";
import { memoryEnv } from "../fakes/memory";

const ROOT = resolve(__dirname, "../..");
const TSX = resolve(ROOT, "node_modules/.bin/tsx");
const NEWER = `Книга создана более новой версией Наставника (схема ${SCHEMA_VERSION + 1}), а эта программа знает схему ${SCHEMA_VERSION}: обновите программу.`;

function cli(...args: string[]) {
  const r = spawnSync(TSX, [resolve(ROOT, "src/local/cli.ts"), ...args], { encoding: "utf8", cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function initBook(file: string): Promise<void> {
  await withWorkbookFile(file, { create: true, save: () => true }, (env) => setupWorkbook(env));
}

/** Pretends a newer program has set the workbook up: its stored schema version is ahead of ours. */
async function bumpVersion(file: string, version: number): Promise<void> {
  const wb = await XlsxWorkbook.open(file);
  const meta = new XlsxMeta(wb);
  const memory = JSON.parse(meta.get("setup") ?? "{}");
  meta.set("setup", JSON.stringify({ ...memory, version }));
  await wb.save(file);
}

describe("the schema version kept in the workbook", () => {
  it("set-up stores the program's schema version and refuses a workbook of a newer one", () => {
    const env = memoryEnv();
    expect(storedSchemaVersion(env.meta)).toBeNull();
    setupWorkbook(env);
    expect(storedSchemaVersion(env.meta)).toBe(SCHEMA_VERSION);
    expect(JSON.parse(env.metaMap.get("setup") ?? "{}").version).toBe(SCHEMA_VERSION);

    const memory = JSON.parse(env.metaMap.get("setup") ?? "{}");
    env.metaMap.set("setup", JSON.stringify({ ...memory, version: SCHEMA_VERSION + 1 }));
    const sheets = env.workbook.sheetNames();
    expect(() => setupWorkbook(env)).toThrow(NEWER);
    expect(env.workbook.sheetNames()).toEqual(sheets);
    expect(storedSchemaVersion(env.meta)).toBe(SCHEMA_VERSION + 1);
  });

  it("an unreadable stored version counts as none", () => {
    const env = memoryEnv();
    env.metaMap.set("setup", "{не JSON");
    expect(storedSchemaVersion(env.meta)).toBeNull();
    env.metaMap.set("setup", JSON.stringify({ version: "2" }));
    expect(storedSchemaVersion(env.meta)).toBeNull();
  });
});

describe("opening a workbook file of another version", () => {
  const dir = mkdtempSync(join(tmpdir(), "version-"));

  it("every command, init too, refuses a workbook of a newer schema and leaves the file as it is", async () => {
    const file = join(dir, "новее.xlsx");
    await initBook(file);
    await bumpVersion(file, SCHEMA_VERSION + 1);
    const before = readFileSync(file);
    let ran = false;
    const open = (create: boolean) =>
      withWorkbookFile(file, { create, save: () => true }, () => {
        ran = true;
      });
    await expect(open(false)).rejects.toThrow(NEWER);
    await expect(open(true)).rejects.toThrow(NEWER);
    expect(ran).toBe(false);
    expect(readFileSync(file).equals(before)).toBe(true);

    const status = cli("status", file);
    expect(status.code).toBe(1);
    expect(status.stderr).toBe(`Ошибка: ${NEWER}\n`);
    const init = cli("init", file);
    expect(init.code).toBe(1);
    expect(init.stderr).toBe(`Ошибка: ${NEWER}\n`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("a workbook of this or an older schema opens", async () => {
    const file = join(dir, "старше.xlsx");
    await initBook(file);
    await bumpVersion(file, SCHEMA_VERSION - 1);
    const sheets = await withWorkbookFile(file, { create: false, save: () => false }, (env) =>
      env.workbook.sheetNames(),
    );
    expect(sheets).toContain("Настройки");
  });

  it("refuses a file that is not a Nastavnik workbook, except for init which sets it up", async () => {
    const file = join(dir, "чужая.xlsx");
    const foreign = XlsxWorkbook.create();
    foreign.createSheet("Лист1");
    foreign.write("Лист1", [{ row: 1, col: 1, value: "Бюджет" }]);
    await foreign.save(file);

    const message = `Файл «${file}» не похож на книгу Наставника: нет листа «Настройки». Создайте книгу: nastavnik init ${file}`;
    await expect(withWorkbookFile(file, { create: false, save: () => true }, () => 1)).rejects.toThrow(
      message,
    );
    const status = cli("status", file);
    expect(status.code).toBe(1);
    expect(status.stderr).toBe(`Ошибка: ${message}\n`);

    const init = cli("init", file);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    const wb = await XlsxWorkbook.open(file);
    expect(wb.sheetNames()).toEqual(expect.arrayContaining(["Лист1", "Настройки"]));
    expect(wb.read("Лист1")?.[0]?.[0]).toBe("Бюджет");
    expect(storedSchemaVersion(new XlsxMeta(wb))).toBe(SCHEMA_VERSION);
    expect(cli("status", file).code).toBe(0);
  });

  it("accepts a workbook with a «Настройки» sheet that set-up has not marked yet", async () => {
    const file = join(dir, "вручную.xlsx");
    const wb = XlsxWorkbook.create();
    wb.createSheet("Настройки");
    await wb.save(file);
    const names = await withWorkbookFile(file, { create: false, save: () => false }, (env) =>
      env.workbook.sheetNames(),
    );
    expect(names).toContain("Настройки");
  });
});
