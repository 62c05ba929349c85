import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { insertRecords } from "../../src/app/records";
import { withWorkbookFile } from "../../src/local/env";
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

describe("nastavnik roadmap", () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-roadmap-"));
  const seed = (name: string) => resolve(ROOT, "test/fixtures/roadmaps", name);

  it("prints a parsed roadmap as JSON with deadlines as ISO occurrences", () => {
    const r = cli("roadmap", "import", seed("seed-002.docx"), "--year", "2021", "--json");
    expect(r.stderr).toBe("");
    const json = JSON.parse(r.stdout);
    expect(json.items).toHaveLength(32);
    expect(json.items[4]).toMatchObject({
      stage: "",
      owners: { roles: ["Классные руководители"] },
      deadline: {
        raw: "1.10.2021- 20.10.2021",
        recognised: true,
        occurrences: [{ start: "2021-10-01", end: "2021-10-20" }],
        recurrence: null,
      },
    });
    expect(json.report.unrecognisedDeadlines).toHaveLength(1);
  });

  it("imports into a workbook, asks before replacing, and never duplicates", async () => {
    const book = join(dir, "карта.xlsx");
    expect(cli("init", book).code).toBe(0);
    const first = cli("roadmap", "import", seed("seed-000.docx"), "--year", "2021", "--into", book);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Добавлено в «Дорожная карта»: 27\./);
    const ask = cli("roadmap", "import", seed("seed-000.csv"), "--year", "2021", "--into", book);
    expect(ask.code).toBe(3);
    expect(ask.stderr).toMatch(/--mode replace \(заменить\) или --mode append \(добавить\)/);
    const append = cli(
      "roadmap",
      "import",
      seed("seed-000.csv"),
      "--year",
      "2021",
      "--into",
      book,
      "--mode",
      "append",
    );
    expect(append.stdout).toMatch(/Уже были в дорожной карте и не добавлены повторно: 27\./);
    const wb = await XlsxWorkbook.open(book);
    expect((wb.read("Дорожная карта") ?? []).length).toBe(28);
    const replaced = cli("roadmap", "template", "teachers", "--into", book, "--mode", "replace");
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toMatch(/Прежние 27 мероприятий сохранены в листе «Архив дорожной карты/);
    const status = cli("roadmap", "status", book);
    expect(status.stdout).toMatch(/Выполнено 0 из 37/);
  });

  it("explains bad input in Russian", () => {
    expect(cli("roadmap", "import", join(dir, "нет.docx")).stderr).toMatch(/не найден/);
    expect(cli("roadmap", "template", "nope", "--into", join(dir, "a.xlsx")).stderr).toMatch(
      /Нет шаблона «nope»/,
    );
    expect(cli("roadmap", "import", seed("seed-000.docx"), "--year", "21").stderr).toMatch(
      /четырьмя цифрами/,
    );
    expect(
      cli("roadmap", "import", seed("seed-000.docx"), "--mode", "merge", "--into", join(dir, "a.xlsx"))
        .stderr,
    ).toMatch(/replace \(заменить\) или append \(добавить\)/);
    expect(cli("roadmap", "frob").stderr).toMatch(/Неизвестная подкоманда «frob»/);
  });
});

describe("nastavnik match", () => {
  it("proposes pairs as JSON, writes nothing without --confirm, and confirms once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-match-"));
    const book = join(dir, "школа.xlsx");
    expect(cli("init", book).code).toBe(0);
    await withWorkbookFile(book, { create: false, save: () => true }, (env) => {
      insertRecords(env, "mentors", [
        {
          status: "Отобран",
          category: "Педагог",
          fullName: "Иванова Мария Петровна",
          consent: true,
          capacity: 2,
          competences: ["Работа с родителями"],
          subjects: "математика",
          experienceYears: 20,
        },
      ]);
      insertRecords(env, "mentees", [
        {
          status: "Ожидает пары",
          category: "Молодой специалист",
          fullName: "Смирнова Алёна",
          consent: true,
          requests: ["Работа с родителями"],
          subject: "математика",
          experienceYears: 1,
        },
        {
          status: "Нет согласия",
          category: "Молодой специалист",
          fullName: "Орлов Пётр",
          consent: false,
          requests: ["Работа с родителями"],
        },
      ]);
    });
    const r = cli("match", book, "--json", "--scores");
    expect(r.stderr).toBe("");
    const json = JSON.parse(r.stdout);
    expect(json.pairs).toEqual([
      expect.objectContaining({
        menteeId: "НЯ-0001",
        mentorId: "НР-0001",
        reasons: expect.arrayContaining([expect.stringMatching(/запросы закрыты: 1 из 1/)]),
      }),
    ]);
    expect(json.unmatched).toEqual([expect.objectContaining({ menteeId: "НЯ-0002" })]);
    expect(json.scores).toHaveLength(1);
    expect((await XlsxWorkbook.open(book)).read("Пары и группы")).toHaveLength(1);
    expect(cli("match", book, "--confirm").stdout).toMatch(/Записано пар: 1 \(П-0001\)/);
    expect(cli("match", book, "--confirm").stdout).toMatch(/Предложено пар: 0/);
    expect((await XlsxWorkbook.open(book)).read("Пары и группы")).toHaveLength(2);
    expect(cli("match", book, "--strategy", "greedy").stderr).toMatch(/optimal или stable/);
  });
});
