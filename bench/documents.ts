// Documents figures for `npm run bench`: Apps Script service calls of one generateDocuments over
// the typed fakes (Spreadsheet side and Document / Drive side apart), for the order on pairs with
// 10, 200 and 1,000 pairs and for a ППН job; and the local edition's time to fill the shipped
// pairs-order.docx.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { type GenerateRequest, generateDocuments } from "../src/app/documents";
import type { Env } from "../src/app/ports";
import { insertRecords, readRecords } from "../src/app/records";
import { writeSettings } from "../src/app/settings";
import { setupWorkbook } from "../src/app/setup";
import type { DocKind, DocumentFill } from "../src/domain/docs/model";
import type { RecordOf } from "../src/domain/table";
import { gasDocuments, gasEnv } from "../src/gas/env";
import { fillDocx, scanDocx } from "../src/local/docx";
import { type CallCounter, createGasEnvironment } from "../test/fakes/gas";

const SURNAMES = [
  "Иванов",
  "Петров",
  "Сидоров",
  "Кузнецов",
  "Смирнов",
  "Попов",
  "Соколов",
  "Лебедев",
  "Козлов",
  "Новиков",
  "Морозов",
  "Волков",
  "Зайцев",
  "Павлов",
  "Семёнов",
  "Голубев",
  "Виноградов",
  "Богданов",
  "Воробьёв",
  "Фёдоров",
];
const MALE = ["Иван", "Пётр", "Сергей", "Андрей", "Олег", "Николай", "Михаил", "Дмитрий", "Егор", "Павел"];
const FEMALE = ["Анна", "Мария", "Ольга", "Елена", "Ирина", "Дарья", "Полина", "Вера", "Ксения", "Нина"];
const PATRONYMIC = [
  "Иванов",
  "Петров",
  "Сергеев",
  "Андреев",
  "Олегов",
  "Николаев",
  "Михайлов",
  "Дмитриев",
  "Егоров",
  "Павлов",
];

/** The i-th (0-based) of 2,000 distinct full names of one gender. */
export function fullName(i: number, female: boolean): string {
  const surname = SURNAMES[i % SURNAMES.length] as string;
  const first = (female ? FEMALE : MALE)[Math.floor(i / SURNAMES.length) % 10] as string;
  const patronymic = PATRONYMIC[Math.floor(i / (SURNAMES.length * 10)) % 10] as string;
  return female ? `${surname}а ${first} ${patronymic}на` : `${surname} ${first} ${patronymic}ич`;
}

/** A set-up school with `n` approved one-to-one pairs; returns the pair IDs. */
function seedPairs(env: Env, n: number): string[] {
  setupWorkbook(env);
  writeSettings(env.workbook, {
    orgFullName: "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»",
    orgShortName: "МБОУ СШ № 1",
    city: "г. Вологда",
    directorName: "Соколов Андрей Николаевич",
    curatorName: "Белова Ирина Викторовна",
    curatorEmail: "belova@school.ru",
    orderNumberPrefix: "01-05/",
    orderNumberNext: 3,
    academicYearStart: "01.09.2025",
  });
  const mentorIds = insertRecords(
    env,
    "mentors",
    Array.from({ length: n }, (_, i) => ({
      fullName: fullName(i, false),
      position: "учитель математики",
      status: "Обучен",
      category: "Педагог",
      consent: true,
      mentoringConsent: true,
      capacity: 1,
    })),
  );
  const menteeIds = insertRecords(
    env,
    "mentees",
    Array.from({ length: n }, (_, i) => ({
      fullName: fullName(i, true),
      position: "учитель информатики",
      status: "В паре",
      category: "Молодой специалист",
      consent: true,
      requests: ["Адаптация в коллективе"],
    })),
  );
  const pairs: Partial<RecordOf<"pairs">>[] = menteeIds.map((menteeId, i) => ({
    status: "Утверждена",
    mentorId: mentorIds[i],
    mentorName: fullName(i, false),
    menteeId,
    menteeName: fullName(i, true),
    form: "Учитель – учитель",
    kind: "Традиционное (один на один)",
    startDate: { year: 2025, month: 9, day: 15 },
    endDate: { year: 2026, month: 5, day: 31 },
  }));
  insertRecords(env, "pairs", pairs, readRecords(env.workbook, "pairs"));
  return readRecords(env.workbook, "pairs").rows.map((r) => r.record.id);
}

/** Methods of DocumentApp / DriveApp and the objects they hand out (documents, elements, files). */
const DOC_PREFIXES = new Set([
  "DocumentApp",
  "Document",
  "Body",
  "HeaderSection",
  "FooterSection",
  "Section",
  "Element",
  "Paragraph",
  "ListItem",
  "Text",
  "Table",
  "TableRow",
  "TableCell",
  "RangeElement",
  "DriveApp",
  "File",
  "Folder",
  "FileIterator",
  "FolderIterator",
  "Blob",
]);

/** Calls split: Spreadsheet side (sheets, properties, lock, session) and Document / Drive side. */
function split(calls: CallCounter) {
  let documents = 0;
  for (const [method, n] of Object.entries(calls.byMethod))
    if (DOC_PREFIXES.has(method.split(".")[0] as string)) documents += n;
  return { spreadsheetCalls: calls.total - documents, documentCalls: documents };
}

const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;

/**
 * One run of `kind` for `n` pairs over fresh fakes. The default templates are rendered into
 * Drive by a first document on an extra pair beforehand (a one-off cost, reported apart), so
 * the figures are those of every later run.
 */
function generate(kind: DocKind, n: number) {
  const fake = createGasEnvironment();
  const env = gasEnv(fake.globals);
  const docs = gasDocuments(fake.globals.DocumentApp, fake.globals.DriveApp, fake.globals);
  const [first, ...ids] = seedPairs(env, n + 1);
  const request = (list: string[]): GenerateRequest => ({
    kind,
    ids: list,
    date: "2025-09-01",
    newRevision: false,
    pdf: false,
  });
  fake.calls.reset();
  const warm = generateDocuments(env, docs, request([first as string]));
  if (warm.documents.length !== 1) throw new Error(`bench: warm-up failed: ${warm.problems.join("; ")}`);
  const warmUp = split(fake.calls);
  fake.calls.reset();
  const t = performance.now();
  const result = generateDocuments(env, docs, request(ids), { budgetMs: 600_000 });
  const elapsed = ms(t);
  const made = kind === "pairs-order" ? 1 : n;
  if (result.documents.length !== made || result.problems.length > 0)
    throw new Error(`bench: ${kind} for ${n} pairs: ${result.problems.join("; ")}`);
  return { pairs: n, ...split(fake.calls), ms: elapsed, firstRunWithTemplates: warmUp };
}

function localFill(pairs: number, bytes: Uint8Array) {
  const scan = scanDocx(bytes, "pairs-order.docx");
  const fill: DocumentFill = {
    fields: Object.fromEntries(scan.fields.map((f) => [f.name, `значение «${f.name}»`])),
    collections: Object.fromEntries(
      scan.rows.map((row) => [
        row.collection,
        Array.from({ length: pairs }, (_, i) =>
          Object.fromEntries(row.fields.map((f) => [f, `${f} ${i + 1}`])),
        ),
      ]),
    ),
  };
  const t = performance.now();
  const out = fillDocx(bytes, fill, "pairs-order.docx");
  return { pairs, ms: ms(t), bytes: out.length };
}

export function documentsFigures() {
  const pairsOrder = [10, 200, 1_000].map((n) => generate("pairs-order", n));
  const jobs = [10, 50].map((n) => generate("program", n));
  const [small, large] = jobs as [ReturnType<typeof generate>, ReturnType<typeof generate>];
  const extra = large.pairs - small.pairs;
  const program = {
    jobs: jobs.map((f) => ({
      documents: f.pairs,
      documentCalls: f.documentCalls,
      documentCallsPerDocument: Math.round((f.documentCalls / f.pairs) * 10) / 10,
      spreadsheetCalls: f.spreadsheetCalls,
      spreadsheetCallsPerDocument: Math.round((f.spreadsheetCalls / f.pairs) * 10) / 10,
      ms: f.ms,
    })),
    // Each further document costs the same: its register row and link, the saved job progress.
    documentCallsPerExtraDocument: (large.documentCalls - small.documentCalls) / extra,
    spreadsheetCallsPerExtraDocument: (large.spreadsheetCalls - small.spreadsheetCalls) / extra,
  };
  const template = readFileSync(join(import.meta.dirname, "../sheets-template/templates/pairs-order.docx"));
  localFill(10, template); // warm-up: first use of the zip and XML libraries
  return {
    gasPairsOrder: pairsOrder,
    gasProgramJob: program,
    localFillPairsOrderDocx: [10, 500].map((n) => localFill(n, template)),
  };
}
