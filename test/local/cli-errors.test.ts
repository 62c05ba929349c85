// Clear Russian errors, the same for every command that takes a workbook: a missing file, a
// folder, a workbook locked by another nastavnik run or held open by Excel / LibreOffice, a
// workbook of a newer version, a file that is not a Nastavnik workbook, a corrupt .xlsx. The file
// is never changed. Table-driven over COMMANDS: a new command needs its row here.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "../../src/domain/schema";
import { COMMANDS } from "../../src/local/commands";
import { XlsxMeta, XlsxWorkbook } from "../../src/local/xlsx-workbook";
import { hash, initBook, menteeCsv, run } from "./cli-harness";

/** Per command: an invocation on the workbook that would write it (null: takes no workbook). */
const ON_BOOK: Record<string, ((book: string) => string[]) | null> = {
  init: (b) => ["init", b],
  status: (b) => ["status", b],
  roadmap: (b) => ["roadmap", "status", b],
  responses: (b) => ["responses", "import", b, answers, "--kind", "mentee"],
  match: (b) => ["match", b, "--confirm"],
  docs: (b) => ["docs", b, "--type", "curator-order"],
  meetings: (b) => ["meetings", b],
  remind: (b) => ["remind", b],
  daily: (b) => ["daily", b],
  monitoring: (b) => ["monitoring", b],
  report: (b) => ["report", b],
  "close-year": (b) => ["close-year", b, "--yes"],
  region: null,
  demo: null,
};
/** A responses file (set up before the tests). */
let answers = "";
/** Commands that only read: a workbook open in Excel is no obstacle for them. */
const READ_ONLY = new Set(["status"]);

const WITH_BOOK = COMMANDS.filter((c) => ON_BOOK[c.name]);

describe("errors about the workbook file, uniformly", () => {
  let root = "";
  let template = "";
  let n = 0;

  /** A fresh folder holding a copy of a set-up workbook (and a responses file). */
  function fresh(): string {
    const dir = join(root, String(++n));
    mkdirSync(dir);
    const book = join(dir, "школа-наставничества.xlsx");
    copyFileSync(template, book);
    return book;
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "cli-errors-"));
    template = await initBook(join(root, "шаблон.xlsx"));
    answers = join(root, "ответы.csv");
    writeFileSync(answers, menteeCsv());
  });

  it("every command has a row in the table", () => {
    expect(Object.keys(ON_BOOK).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
    expect(WITH_BOOK.length).toBeGreaterThanOrEqual(11);
  });

  for (const command of WITH_BOOK) {
    const argv = ON_BOOK[command.name] as (book: string) => string[];

    it(`${command.name}: a missing file or folder, and a folder instead of a file`, async () => {
      const missing = join(root, `нет-папки-${command.name}`, "школа.xlsx");
      const r = await run(...argv(missing));
      if (command.name === "init") {
        // init makes the folders it needs and the workbook in them.
        expect(r.code, r.stderr).toBe(0);
        expect(existsSync(missing)).toBe(true);
      } else {
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`Файл «${missing}» не найден`);
        expect(r.stderr).toContain(`nastavnik init ${missing}`);
        expect(existsSync(dirname(missing))).toBe(false);
      }

      const folder = join(root, `папка-${command.name}.xlsx`);
      mkdirSync(folder);
      const d = await run(...argv(folder));
      expect(d.code).toBe(1);
      expect(d.stderr).toMatch(/«.*папка-.*\.xlsx» — это папка, а не файл книги\. Укажите файл \.xlsx/);
    });

    it(`${command.name}: a workbook locked by another nastavnik run`, async () => {
      const book = fresh();
      const lock = `${book}.lock`;
      const held = JSON.stringify({
        pid: process.pid,
        host: hostname(),
        user: "куратор",
        time: new Date().toISOString(),
        token: "другой",
      });
      writeFileSync(lock, held);
      const before = hash(book);
      const r = await run(...argv(book));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/открыта другим процессом Наставника \(процесс \d+, пользователь куратор/);
      expect(r.stderr).toContain("Дождитесь его завершения");
      expect(hash(book)).toBe(before);
      expect(existsSync(lock)).toBe(true);
    });

    for (const [program, owner] of [
      ["Excel", (name: string) => `~$${name}`],
      ["Excel", (name: string) => `~$${name.slice(2)}`],
      ["LibreOffice", (name: string) => `.~lock.${name}#`],
    ] as const) {
      it(`${command.name}: a workbook held open by ${program} (${owner("ИМЯ")})`, async () => {
        const book = fresh();
        const ownerFile = join(dirname(book), owner(basename(book)));
        writeFileSync(ownerFile, "owner");
        const before = hash(book);
        const r = await run(...argv(book));
        if (READ_ONLY.has(command.name)) {
          expect(r.code, r.stderr).toBe(0);
          return;
        }
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`Книга «${basename(book)}» открыта в ${program}`);
        expect(r.stderr).toContain(`Закройте её в ${program} и повторите`);
        expect(r.stderr).toContain(`удалите файл «${ownerFile}»`);
        expect(hash(book)).toBe(before);
      });
    }

    it(`${command.name}: a workbook of a newer version, a foreign workbook, a corrupt file`, async () => {
      const newer = fresh();
      const wb = await XlsxWorkbook.open(newer);
      const meta = new XlsxMeta(wb);
      meta.set(
        "setup",
        JSON.stringify({ ...JSON.parse(meta.get("setup") ?? "{}"), version: SCHEMA_VERSION + 1 }),
      );
      await wb.save(newer);
      const before = hash(newer);
      const r = await run(...argv(newer));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `Книга создана более новой версией Наставника (схема ${SCHEMA_VERSION + 1})`,
      );
      expect(hash(newer)).toBe(before);

      const foreign = join(dirname(fresh()), "чужая.xlsx");
      const other = XlsxWorkbook.create();
      other.createSheet("Лист1");
      await other.save(foreign);
      const foreignHash = hash(foreign);
      const f = await run(...argv(foreign));
      if (command.name === "init") expect(f.code).toBe(0);
      else {
        expect(f.code).toBe(1);
        expect(f.stderr).toMatch(
          /не похож на книгу Наставника: нет листа «Настройки»\. Создайте книгу: nastavnik init/,
        );
        expect(hash(foreign)).toBe(foreignHash);
      }

      const corrupt = join(dirname(fresh()), "битая.xlsx");
      writeFileSync(corrupt, "PK\u0003\u0004 обрывок");
      const c = await run(...argv(corrupt));
      expect(c.code).toBe(1);
      expect(c.stderr).toMatch(/Файл «битая\.xlsx» не является книгой Excel \(\.xlsx\) или повреждён/);
    });
  }
});
