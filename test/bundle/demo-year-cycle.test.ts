// The same demo year in both editions (issue 9): the local edition (src/local/demo-year.ts —
// the use cases on an .xlsx, .docx documents, an .eml outbox) and the built Apps Script bundle
// (test/bundle/demo-gas.ts — every action a top-level function of dist/Code.js over the typed
// fakes, the daily run fired from the installed trigger) run the scenario of
// src/local/demo-scenario.ts on the same seed and year, and must produce the same workbook, the
// same documents and the same mail. Build first: `npm run build` (the test reads dist/Code.js).
//
// What legitimately differs, and is normalised before comparing (nothing else is):
//  1. Sheets only the add-on has: «Лист1» (every new Google spreadsheet starts with it) and the
//     questionnaires' responses sheets «Ответы: …» (Google Forms writes answers into the
//     workbook; the local edition reads the same tables from files).
//  2. Links to documents: Google Docs URLs vs file:// paths of .docx files. Each link is replaced
//     by the name of the document it points to, so the same document must be linked. Names are
//     compared as file names (safeFileName of src/local/documents.ts): the local edition's files
//     cannot be named «Приказ № 01-05/1 …» or end in a dot, so they are «Приказ № 01-05-1 …» and
//     «… Макарова Д. В.docx»; the titles in «Приказы» keep both and are compared as they are.
//  3. «Настройки», the «Шаблон: …» values: the add-on creates its default templates as Google Docs
//     on the first documents run and records their links; the local edition uses its built-in
//     .docx templates and leaves them empty.
//  4. «Журнал»: the «Пользователь» column (the Google account vs the operating-system user); the
//     lines only one edition writes — «Включить ежедневную рассылку» (an Apps Script trigger; the
//     local daily run is started by the demo itself), «Демо: учебный год» (the local demo's summary)
//     — and the first line of the first documents run in Apps Script, «Созданы шаблоны по
//     умолчанию (N) …» (see 3); and what the details say about charts («Диаграммы: создано …»,
//     «; диаграмм создано …» in Apps Script, «Диаграммы строятся в Google Таблицах …» locally):
//     native charts exist only in Google Sheets.
//  5. Documents: text compared with whitespace squashed and without the « | » docxText puts
//     between table cells (the Google Doc's body text has none).
//  6. Formatting, drop-downs, protections and charts are not compared (values only): an .xlsx
//     holds no Google charts, and formatting is the set-up's, tested in test/bundle/setup-cycle.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SEED, demoDays } from "../../src/local/demo-scenario";
import { type DemoResult, runDemoYear } from "../../src/local/demo-year";
import { safeFileName } from "../../src/local/documents";
import { docxText } from "../../src/local/docx";
import { XlsxWorkbook } from "../../src/local/xlsx-workbook";
import { type GasDemo, gasDemoSteps, startGasDemo } from "./demo-gas";

// A fixed school year, so that the run is the same whatever the date of the test.
const YEAR = 2025;

type Values = unknown[][];

interface Mail {
  day: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

interface Edition {
  sheets: Map<string, Values>;
  /** Document name → its text (whitespace normalised). */
  docs: Map<string, string>;
  /** Link (URL or file://) → document name. */
  links: Map<string, string>;
  mail: Mail[];
  lines: string[];
}

const GAS_ONLY_SHEETS = /^(Лист1|Ответы: .*)$/;
const quiet = { step() {}, tick() {}, done() {} };

function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** A document's name as a file name (normalisation 2). */
const docName = (name: string) => safeFileName(name);

/** Values with trailing empty cells and rows dropped, dates as their time, strings as they are. */
function trimmed(values: Values): Values {
  const rows = values.map((row) => {
    const out = row.map((v) => (isDate(v) ? `date:${v.getTime()}` : v === null || v === undefined ? "" : v));
    while (out.length > 0 && out[out.length - 1] === "") out.pop();
    return out;
  });
  while (rows.length > 0 && (rows[rows.length - 1] as unknown[]).length === 0) rows.pop();
  return rows;
}

let dir = "";
let local: Edition;
let gas: Edition;
let localResult: DemoResult;
let demo: GasDemo;
const figures: Record<string, number> = {};

async function runLocal(): Promise<Edition> {
  dir = await mkdtemp(join(tmpdir(), "nastavnik-demo-cycle-"));
  const started = Date.now();
  localResult = await runDemoYear(dir, quiet, DEMO_SEED, { year: YEAR });
  figures.localMs = Date.now() - started;
  const book = await XlsxWorkbook.open(localResult.workbook);
  const sheets = new Map(book.sheetNames().map((n) => [n, trimmed(book.read(n) ?? [])]));
  const docs = new Map<string, string>();
  const links = new Map<string, string>();
  for (const link of registered(sheets)) {
    const file = decodeURIComponent(link.replace(/^file:\/\//, ""));
    const name = docName(basename(file).replace(/\.docx$/, ""));
    links.set(link, name);
    // docxText joins a table row's cells with « | »; the Google Doc's text has no separator.
    docs.set(name, squash(docxText(new Uint8Array(await readFile(file))).replace(/ \| /g, " ")));
  }
  for (const file of localResult.docs)
    links.set(`file://${encodeURI(file)}`, basename(file).replace(/\.docx$/, ""));
  const mail = localResult.mail.map((m) => ({
    day: m.day,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html ?? "",
  }));
  return { sheets, docs, links, mail, lines: localResult.lines };
}

async function runGas(): Promise<Edition> {
  const started = Date.now();
  demo = startGasDemo({ seed: DEMO_SEED, year: YEAR });
  const lines: string[] = [];
  const mail: Mail[] = [];
  const sent = demo.gas.globals.MailApp.sent;
  for (const step of gasDemoSteps(demo, { seed: DEMO_SEED, year: YEAR, note: (l) => lines.push(l) })) {
    const before = sent.length;
    await step.run();
    const day = isoDay(new Date((vm.runInContext("Date.now()", demo.ctx) as number) + 0));
    for (const m of sent.slice(before)) {
      mail.push({ day, to: m.to, subject: m.subject, text: m.body, html: m.htmlBody });
    }
  }
  figures.gasMs = Date.now() - started;
  const sheets = new Map(
    demo.gas.spreadsheet
      .getSheets()
      .map((s) => [s.getName(), trimmed(s.getDataRange().getValues())] as [string, Values]),
  );
  const drive = demo.gas.globals.DocumentApp.drive;
  const docs = new Map<string, string>();
  const links = new Map<string, string>();
  for (const file of drive.files.values()) {
    links.set(`https://docs.google.com/document/d/${file.id}/edit?usp=drivesdk`, docName(file.name));
  }
  // The default templates live in Drive too: the documents compared are those «Приказы» registers.
  for (const link of registered(sheets)) {
    const id = /\/document\/d\/([^/]+)\//.exec(link)?.[1] ?? "";
    const file = drive.files.get(id);
    if (!file) throw new Error(`«Приказы» links a document Drive does not have: ${link}`);
    docs.set(docName(file.name), squash(drive.textOf(file)));
  }
  return { sheets, docs, links, mail, lines };
}

/** The links of «Приказы» (the register of generated documents), and of its archive. */
function registered(sheets: Map<string, Values>): string[] {
  const out = new Set<string>();
  for (const [name, values] of sheets) {
    if (!name.endsWith("Приказы")) continue;
    const column = (values[0] ?? []).map(String).indexOf("Ссылка");
    for (const row of values.slice(1))
      if (typeof row[column] === "string" && row[column] !== "") out.add(row[column] as string);
  }
  return [...out];
}

/** A sheet with document links replaced by document names (normalisation 2). */
function linked(values: Values, links: Map<string, string>): Values {
  return values.map((row) =>
    row.map((v) => {
      if (typeof v !== "string" || !/^(https:\/\/docs\.google\.com|file:\/\/)/.test(v)) return v;
      const name = v.startsWith("file://")
        ? docName(basename(decodeURIComponent(v.slice("file://".length))).replace(/\.docx$/, ""))
        : links.get(v);
      return `документ: ${name ?? `неизвестная ссылка ${v}`}`;
    }),
  );
}

/** Normalisations 3 and 4. */
function normalised(name: string, values: Values, edition: Edition): Values {
  let out = linked(values, edition.links);
  if (name === "Настройки") {
    out = out.map((row) => (String(row[0]).startsWith("template") ? row.slice(0, 2) : row));
  }
  if (name === "Журнал") {
    const header = (out[0] ?? []).map(String);
    const user = header.indexOf("Пользователь");
    const action = header.indexOf("Действие");
    const details = header.indexOf("Подробности");
    out = [
      header,
      ...out
        .slice(1)
        .filter((row) => !["Включить ежедневную рассылку", "Демо: учебный год"].includes(String(row[action])))
        .map((row) => {
          const copy = [...row];
          copy[user] = "";
          copy[details] = String(copy[details] ?? "")
            .replace(/^Созданы шаблоны по умолчанию \(\d+\)[^\n]*\n/, "")
            .replace(/^Диаграммы[ :][^\n]*(\n|$)/gm, "")
            .replace(/; диаграмм создано \d+, обновлено \d+\./g, ".");
          return copy;
        }),
    ];
  }
  return out;
}

beforeAll(async () => {
  gas = await runGas();
  local = await runLocal();
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the demo year: the local edition and the Apps Script bundle agree", () => {
  it("runs the whole year in both, every day of it, with the same summary", () => {
    const { days } = demoDays(YEAR);
    expect(days).toBe(259); // 15 September 2025 … 31 May 2026
    const dailyRuns = demo.gas.spreadsheet
      .getSheetByName("Журнал")
      ?.getDataRange()
      .getValues()
      .filter((r) => r[1] === "Ежедневный запуск").length;
    expect(dailyRuns).toBe(days);
    expect(gas.lines).toEqual(local.lines);
    expect(local.lines.join("\n")).toMatch(
      /Подбор: предложено пар — \d+, без пары — \d+; утверждено — [1-9]\d*\./,
    );
    console.log(
      JSON.stringify({ figures: { ...figures, days, mail: gas.mail.length, docs: gas.docs.size } }),
    );
  });

  it("writes the same workbook", () => {
    const gasNames = [...gas.sheets.keys()].filter((n) => !GAS_ONLY_SHEETS.test(n)).sort();
    const localNames = [...local.sheets.keys()].sort();
    expect(gasNames).toEqual(localNames);
    // The year touches these (and closing archives them): they must not be empty.
    for (const name of ["Наставляемые", "Наставники", "Журнал рассылок", "Мониторинг", "Приказы"]) {
      expect((local.sheets.get(name) ?? []).length, name).toBeGreaterThan(5);
    }
    const archives = localNames.filter((n) => n.startsWith("Архив "));
    expect(archives.length).toBeGreaterThanOrEqual(4);
    for (const name of localNames) {
      const a = normalised(name, gas.sheets.get(name) ?? [], gas);
      const b = normalised(name, local.sheets.get(name) ?? [], local);
      expect(a, `лист «${name}»`).toEqual(b);
    }
  });

  it("makes the same documents with the same text", () => {
    expect([...gas.docs.keys()].sort()).toEqual([...local.docs.keys()].sort());
    expect(local.docs.size).toBeGreaterThan(10);
    for (const [name, text] of local.docs) {
      expect(text.length, name).toBeGreaterThan(200);
      expect(gas.docs.get(name), name).toBe(text);
    }
  });

  it("sends the same mail on the same days", () => {
    const key = (m: Mail) => `${m.day} ${m.to} ${m.subject}`;
    expect(gas.mail.map(key).sort()).toEqual(local.mail.map(key).sort());
    expect(local.mail.length).toBeGreaterThan(100);
    const byKey = (list: Mail[]) => {
      const map = new Map<string, Mail[]>();
      for (const m of list) map.set(key(m), [...(map.get(key(m)) ?? []), m]);
      return map;
    };
    const gasByKey = byKey(gas.mail);
    for (const [k, messages] of byKey(local.mail)) {
      const other = gasByKey.get(k) ?? [];
      expect(other.map((m) => squash(m.text)).sort(), k).toEqual(messages.map((m) => squash(m.text)).sort());
      expect(other.map((m) => squash(m.html)).sort(), k).toEqual(messages.map((m) => squash(m.html)).sort());
    }
    // And the outbox holds one .eml per message.
    expect(localResult.outbox).toBe(local.mail.length);
  });
});
