// The configuration file of the local edition (src/local/config.ts): folders and SMTP, every
// problem named by file and field, passwords only from the environment and never written.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  closestName,
  EMPTY_CONFIG,
  outputFolder,
  parseConfig,
  readConfig,
  readWorkbookConfig,
} from "../../src/local/config";
import { XlsxWorkbook } from "../../src/local/xlsx-workbook";
import { initBook, run } from "./cli-harness";
import { seedSchool } from "./docs-seed";

const F = "/школа/nastavnik.config.json";

describe("parseConfig", () => {
  it("resolves the folders against the configuration file's folder", () => {
    expect(
      parseConfig(JSON.stringify({ docs: "док", outbox: "/var/mail/n", exports: "../выгрузки" }), F),
    ).toEqual({
      file: F,
      docs: "/школа/док",
      outbox: "/var/mail/n",
      exports: "/выгрузки",
      smtp: null,
    });
    expect(parseConfig("\uFEFF{}", F)).toEqual({ ...EMPTY_CONFIG, file: F });
  });

  it("names the file and the field of every problem, with the closest known name", () => {
    expect(() => parseConfig("{", F)).toThrow(/Файл настроек «\/школа\/nastavnik\.config\.json» — не JSON/);
    expect(() => parseConfig("[]", F)).toThrow(/ожидается объект/);
    expect(() => parseConfig('{"doc": "д"}', F)).toThrow(
      "Файл настроек «/школа/nastavnik.config.json»: неизвестные поля «doc» (возможно, имелось в виду «docs»); допустимы «docs», «outbox», «exports», «smtp».",
    );
    expect(() => parseConfig('{"export": "д", "цвет": 1}', F)).toThrow(
      /«export» \(возможно, имелось в виду «exports»\), «цвет»;/,
    );
    expect(() => parseConfig('{"docs": 5}', F)).toThrow(/«docs» — папка для документов/);
    expect(() => parseConfig('{"outbox": ""}', F)).toThrow(/«outbox» — папка для писем/);
    expect(() => parseConfig('{"smtp": {"hots": "h", "from": "a@b.ru"}}', F)).toThrow(
      /раздел «smtp»: неизвестные поля «hots» \(возможно, имелось в виду «host»\)/,
    );
    expect(() => parseConfig('{"smtp": {"host": "h", "from": "a@b.ru", "port": "25"}}', F)).toThrow(
      /раздел «smtp»: «port» — номер порта/,
    );
    expect(closestName("smpt", ["docs", "outbox", "exports", "smtp"])).toBe("smtp");
    expect(closestName("цвет", ["docs", "smtp"])).toBeNull();
  });

  it("refuses any key that looks like a password, a secret or a token, at any depth", () => {
    for (const [text, key] of [
      ['{"smtp": {"host": "h", "from": "a@b.ru", "password": "x"}}', "smtp.password"],
      ['{"smtp": {"host": "h", "from": "a@b.ru", "pass": "x"}}', "smtp.pass"],
      ['{"smtpPassword": "x"}', "smtpPassword"],
      ['{"secret": "x"}', "secret"],
      ['{"token": "x"}', "token"],
      ['{"smtp": {"accessToken": "x"}}', "smtp.accessToken"],
      ['{"apiKey": "x"}', "apiKey"],
      ['{"пароль": "x"}', "пароль"],
      ['{"smtp": {"auth": {"pwd": "x"}}}', "smtp.auth.pwd"],
    ] as const) {
      expect(() => parseConfig(text, F), key).toThrow(
        `содержит пароль («${key}»). Пароли, секреты и токены в файле хранить нельзя`,
      );
    }
  });

  it("explicit option, then the configuration, then the folder next to the workbook", () => {
    const config = { ...EMPTY_CONFIG, docs: "/conf/docs" };
    expect(outputFolder("docs", config, "/a/школа.xlsx", "out")).toBe(join(process.cwd(), "out"));
    expect(outputFolder("docs", config, "/a/школа.xlsx")).toBe("/conf/docs");
    expect(outputFolder("outbox", config, "/a/школа.xlsx")).toBe("/a/outbox");
    expect(outputFolder("exports", config, "/a/школа.xlsx")).toBe("/a/выгрузки");
  });

  it("reads the file next to the workbook, or the one given; a missing --config is an error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "config-"));
    expect(await readWorkbookConfig(join(dir, "школа.xlsx"))).toEqual(EMPTY_CONFIG);
    writeFileSync(join(dir, "nastavnik.config.json"), '{"docs": "д"}');
    expect((await readWorkbookConfig(join(dir, "школа.xlsx"))).docs).toBe(join(dir, "д"));
    await expect(readConfig(dir, join(dir, "нет.json"))).rejects.toThrow(
      /Файл настроек «.*нет\.json» не найден/,
    );
    await expect(readConfig(dir, dir)).rejects.toThrow(/это папка/);
  });
});

describe("the configuration on the command line", () => {
  const SECRET = "Пароль-s3cr3t-42";
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.NASTAVNIK_SMTP_PASSWORD;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.NASTAVNIK_SMTP_PASSWORD;
    else process.env.NASTAVNIK_SMTP_PASSWORD = saved;
  });

  it("--config on each command puts documents, letters and exports into its folders", async () => {
    const dir = mkdtempSync(join(tmpdir(), "config-cli-"));
    const book = await initBook(join(dir, "школа.xlsx"));
    await seedSchool(book, { pairs: 2 });
    const conf = join(dir, "настройки", "мои.json");
    mkdirSync(join(dir, "настройки"));
    writeFileSync(conf, JSON.stringify({ docs: "док", outbox: "почта", exports: "регион" }));
    const folder = (name: string) => join(dir, "настройки", name);

    const docs = await run(
      "docs",
      book,
      "--type",
      "pairs-order",
      "--date",
      "15.09.2025",
      "--config",
      conf,
      "--json",
    );
    expect(docs.code, docs.stderr).toBe(0);
    expect(JSON.parse(docs.stdout).outDir).toBe(folder("док"));
    expect(JSON.parse(docs.stdout).documents[0].file.startsWith(folder("док"))).toBe(true);

    const remind = await run("remind", book, "--date", "2025-10-01", "--config", conf, "--json");
    expect(remind.code, remind.stderr).toBe(0);
    expect(JSON.parse(remind.stdout)).toMatchObject({ mode: "outbox", target: folder("почта") });

    const mon = await run("monitoring", book, "--export", "--date", "2025-10-01", "--config", conf);
    expect(mon.code, mon.stderr).toBe(0);
    expect(readdirSync(folder("регион"))).toEqual(["выгрузка-в-регион-2025-10-01.csv"]);

    const region = await run("region", "combine", folder("регион"), "--config", conf, "--json");
    expect(region.code, region.stderr).toBe(0);
    expect(JSON.parse(region.stdout).out).toBe(join(folder("регион"), "свод-по-школам.xlsx"));

    // An explicit option wins over the configuration.
    const report = await run("report", book, "--config", conf, "--out", join(dir, "явно"), "--json");
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout).outDir).toBe(join(dir, "явно"));
    // Nothing went next to the workbook.
    expect(readdirSync(dir).sort()).toEqual(["настройки", "школа.bak.xlsx", "школа.xlsx", "явно"].sort());
  });

  it("the SMTP password from the environment is never written to a file or printed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "config-pw-"));
    process.env.NASTAVNIK_SMTP_PASSWORD = SECRET;
    const book = await initBook(join(dir, "школа.xlsx"));
    await seedSchool(book, { pairs: 2 });
    writeFileSync(
      join(dir, "nastavnik.config.json"),
      JSON.stringify({
        docs: "док",
        exports: "выгрузки",
        // Nothing listens on port 1: the login fails, and the message must not carry the password.
        smtp: { host: "127.0.0.1", port: 1, secure: false, user: "n@school.ru", from: "n@school.ru" },
      }),
    );
    const runs = [
      await run("init", book, "--json"),
      await run("status", book, "--json"),
      await run("docs", book, "--type", "pairs-order", "--date", "15.09.2025", "--json"),
      await run("meetings", book, "--schedule", "--date", "2025-09-20"),
      await run("remind", book, "--date", "2025-10-01", "--json"),
      await run("remind", book, "--date", "2025-10-01", "--dry-run"),
      await run("monitoring", book, "--export", "--date", "2025-10-01", "--json"),
      await run("report", book, "--date", "31.05.2026"),
    ];
    expect(runs[4]?.code).toBe(1);
    expect(JSON.parse(runs[4]?.stdout ?? "").error).toMatch(/Сервер почты недоступен/);
    for (const r of runs) expect(`${r.stdout}\n${r.stderr}`).not.toContain(SECRET);

    // Every file under the folder, the workbook's cells included.
    const files: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(dir);
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) {
      expect(readFileSync(file).includes(Buffer.from(SECRET)), file).toBe(false);
      if (file.endsWith(".xlsx")) {
        const wb = await XlsxWorkbook.open(file);
        const cells = JSON.stringify(wb.sheetNames().map((s) => wb.read(s)));
        expect(cells, file).not.toContain(SECRET);
      }
    }
  });
});
