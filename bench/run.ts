// `npm run bench`: figures as JSON. Service calls are counted on the typed fakes of Apps Script
// (what matters for quotas and the 6-minute limit); times are wall-clock on this machine.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { readRecords } from "../src/app/records";
import { setupWorkbook } from "../src/app/setup";
import type { CellValue } from "../src/domain/cells";
import { sheetDef } from "../src/domain/schema";
import { readTable } from "../src/domain/table";
import { gasEnv } from "../src/gas/env";
import { withWorkbookFile } from "../src/local/env";
import { createGasEnvironment } from "../test/fakes/gas";
import { documentsFigures } from "./documents";
import { matchingFigures } from "./matching";
import { monitoringFigures } from "./monitoring";
import { regionFigures } from "./region";
import { remindersFigures } from "./reminders";

function menteeRows(n: number): CellValue[][] {
  const headers = sheetDef("mentees").columns.map((c) => c.header);
  const rows: CellValue[][] = [headers];
  for (let i = 1; i <= n; i++) {
    rows.push(
      headers.map((h) => {
        switch (h) {
          case "ID":
            return `НЯ-${String(i).padStart(4, "0")}`;
          case "ФИО":
            return `Ученикова Анна Сергеевна ${i}`;
          case "Статус":
            return "Ожидает пары";
          case "Категория":
            return "Обучающийся";
          case "Email":
            return `pupil${i}@school.example.ru`;
          case "Телефон":
            return `8912${String(i).padStart(7, "0")}`;
          case "Дата рождения":
            return new Date(2010, i % 12, (i % 27) + 1);
          case "Запросы":
            return "Подготовка к ОГЭ и ЕГЭ, Олимпиады и конкурсы";
          default:
            return "";
        }
      }),
    );
  }
  return rows;
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const t = performance.now();
  const result = fn();
  return { ms: Math.round((performance.now() - t) * 10) / 10, result };
}

function gasFigures(rows: number) {
  const fake = createGasEnvironment();
  const env = gasEnv(fake.globals);
  setupWorkbook(env);
  fake.seed("Наставляемые", menteeRows(rows));
  fake.calls.reset();
  const setup = time(() => setupWorkbook(env));
  const setupCalls = fake.calls.total;
  fake.calls.reset();
  const read = time(() => readRecords(env.workbook, "mentees"));
  return {
    rows,
    setupRerunCalls: setupCalls,
    setupRerunMs: setup.ms,
    readCalls: fake.calls.total,
    readMs: read.ms,
  };
}

const firstSetup = (() => {
  const fake = createGasEnvironment();
  const t = time(() => setupWorkbook(gasEnv(fake.globals)));
  return { calls: fake.calls.total, ms: t.ms, byMethod: fake.calls.byMethod };
})();

const domainRead = [5_000, 50_000].map((n) => {
  const values = menteeRows(n);
  const t = time(() => readTable("mentees", values));
  return { rows: n, ms: t.ms, issues: t.result.issues.length };
});

const dir = mkdtempSync(join(tmpdir(), "nastavnik-bench-"));
const t0 = performance.now();
await withWorkbookFile(join(dir, "book.xlsx"), { create: true, save: () => true }, (env) =>
  setupWorkbook(env),
);
const xlsxInitMs = Math.round(performance.now() - t0);

console.log(
  JSON.stringify(
    {
      gas: {
        firstSetup: { calls: firstSetup.calls, ms: firstSetup.ms },
        withRows: [gasFigures(10), gasFigures(5_000)],
      },
      domain: { readTableMentees: domainRead },
      local: { initXlsxMs: xlsxInitMs },
      matching: matchingFigures(),
      documents: documentsFigures(),
      reminders: remindersFigures(),
      monitoring: monitoringFigures(),
      region: await regionFigures(),
    },
    null,
    2,
  ),
);
