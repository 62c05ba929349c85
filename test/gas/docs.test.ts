// Reading a school's roadmap from a Google Doc: the Docs API JSON (from the fake of the Docs
// advanced service) turned into source tables, link parsing, Russian errors, and the import
// through the built bundle.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import type { RoadmapImportResponse, SetupResult } from "../../src/app/contract";
import { UserError } from "../../src/app/errors";
import { importRoadmapDocument } from "../../src/domain/roadmap/import";
import { docsDocumentToSource, documentIdFromUrl, readGoogleDoc } from "../../src/gas/docs";
import { DIST, loadBundle } from "../bundle/load";
import { CallCounter, createGasEnvironment } from "../fakes/gas";
import { createFakeDocs, seedDocSpec as seedDoc } from "../fakes/gas-docs";
import { EXPECTED, SEED_IDS } from "../fixtures/roadmaps/expected";

const ID = "1x8Wq3Zb2Yk9Lm4Np7Qr5St6Uv0WxYzAbCdEfGhIjKl";
const LINK = `https://docs.google.com/document/d/${ID}/edit?usp=sharing`;

describe("the fake of the Docs advanced service", () => {
  it("returns Docs API JSON: section break, paragraphs ending in \\n, rectangular tables, merged rows", () => {
    const docs = createFakeDocs({
      [ID]: {
        title: "Карта",
        paragraphs: ["Утверждаю"],
        tables: [{ rows: [{ cells: ["№", "Мероприятие"] }, { cells: ["Этап"], spanning: true }] }],
      },
    });
    const doc = docs.Documents.get(ID);
    expect(doc.title).toBe("Карта");
    const content = doc.body?.content ?? [];
    expect(content[0]).toMatchObject({ endIndex: 1, sectionBreak: {} });
    expect(content[0]?.startIndex).toBeUndefined();
    expect(content[1]?.paragraph?.elements?.[0]?.textRun?.content).toBe("Утверждаю\n");
    const table = content[2]?.table;
    expect(table).toMatchObject({ rows: 2, columns: 2 });
    // A merged row keeps the covered cell, empty, after its head cell.
    const merged = table?.tableRows?.[1]?.tableCells ?? [];
    expect(merged).toHaveLength(2);
    expect(merged[0]?.tableCellStyle?.columnSpan).toBe(2);
    expect(merged[1]?.content?.[0]?.paragraph?.elements?.[0]?.textRun?.content).toBe("\n");
    // A paragraph always follows a table; indexes are contiguous to the end.
    expect(content.at(-1)?.paragraph).toBeDefined();
    for (let i = 1; i < content.length; i++) expect(content[i]?.startIndex).toBe(content[i - 1]?.endIndex);
    const firstCell = table?.tableRows?.[0]?.tableCells?.[0];
    expect(firstCell?.startIndex).toBe((content[2]?.startIndex ?? 0) + 2);
    expect(firstCell?.content?.[0]?.startIndex).toBe((firstCell?.startIndex ?? 0) + 1);
  });

  it("throws like Apps Script for a missing document and counts calls", () => {
    const calls = new CallCounter();
    const docs = createFakeDocs({}, calls);
    expect(() => docs.Documents.get("нет")).toThrow(
      "API call to docs.documents.get failed with error: Requested entity was not found.",
    );
    expect(calls.byMethod["Docs.Documents.get"]).toBe(1);
  });
});

describe("docsDocumentToSource", () => {
  it.each(SEED_IDS)("reproduces the tables of seed %s exactly, section rows included", (id) => {
    const docs = createFakeDocs({ [ID]: seedDoc(id) });
    const source = docsDocumentToSource(docs.Documents.get(ID));
    expect(source.tables).toEqual(EXPECTED[id].tables);
    expect(source.name).toBe(`Google Документ «Дорожная карта ${id}»`);
  });

  it("gives the same tables from a document built of the readers' own output", () => {
    for (const id of SEED_IDS) {
      const docs = createFakeDocs({ [ID]: { title: id, tables: EXPECTED[id].tables } });
      expect(docsDocumentToSource(docs.Documents.get(ID)).tables).toEqual(EXPECTED[id].tables);
    }
  });
});

describe("documentIdFromUrl", () => {
  it.each([
    [`https://docs.google.com/document/d/${ID}/edit`],
    [`https://docs.google.com/document/d/${ID}/edit?usp=sharing`],
    [`https://docs.google.com/document/d/${ID}/edit?tab=t.0#heading=h.1a2b3c`],
    [`https://docs.google.com/document/u/0/d/${ID}/edit`],
    [`https://docs.google.com/document/u/1/d/${ID}/view`],
    [`https://docs.google.com/a/school.ru/document/d/${ID}/edit`],
    [`https://docs.google.com/document/d/${ID}`],
    [`https://drive.google.com/open?id=${ID}`],
    [`  ${LINK}  `],
    [ID],
  ])("finds the ID in %s", (link) => {
    expect(documentIdFromUrl(link)).toBe(ID);
  });

  it.each([
    ["https://example.com/roadmap"],
    [`https://docs.google.com/spreadsheets/d/${ID}/edit`],
    ["https://docs.google.com/document/d/short/edit"],
    ["дорожная карта"],
    [""],
  ])("rejects %s in Russian", (link) => {
    expect(() => documentIdFromUrl(link)).toThrow(UserError);
    expect(() => documentIdFromUrl(link)).toThrow(/не похоже на ссылку на Google Документ/);
  });
});

describe("readGoogleDoc", () => {
  it("reads a document in one call", () => {
    const calls = new CallCounter();
    const docs = createFakeDocs({ [ID]: seedDoc("000") }, calls);
    expect(readGoogleDoc(docs, LINK).tables).toEqual(EXPECTED["000"].tables);
    expect(calls.snapshot()).toEqual({ total: 1, byMethod: { "Docs.Documents.get": 1 } });
  });

  it("says in Russian that the document is not found", () => {
    const docs = createFakeDocs({});
    expect(() => readGoogleDoc(docs, LINK)).toThrow(UserError);
    expect(() => readGoogleDoc(docs, LINK)).toThrow(/Google Документ по ссылке не найден/);
  });

  it("says in Russian that the document has no tables", () => {
    const docs = createFakeDocs({ [ID]: { title: "План", paragraphs: ["Просто текст"], tables: [] } });
    expect(() => readGoogleDoc(docs, LINK)).toThrow(/В документе «План» нет таблиц/);
  });

  it("says in Russian that the document is not shared with the curator", () => {
    const docs = createFakeDocs({ [ID]: { ...seedDoc("000"), forbidden: true } });
    expect(() => readGoogleDoc(docs, LINK)).toThrow(/Нет доступа к этому Google Документу/);
  });

  it("says in Russian that the Docs service is not enabled", () => {
    expect(() => readGoogleDoc(undefined, LINK)).toThrow(/Служба Google Документов не подключена/);
  });
});

describe("apiImportRoadmapFromDoc in the bundle", () => {
  it("imports seed 004 into «Дорожная карта», then asks before importing again", () => {
    const gas = createGasEnvironment({
      htmlFiles: { Sidebar: readFileSync(resolve(DIST, "Sidebar.html"), "utf8") },
    });
    const docs = createFakeDocs({ [ID]: seedDoc("004") }, gas.calls);
    const ctx = loadBundle({ ...gas.globals, Docs: docs });
    gas.useDateConstructor(vm.runInContext("Date", ctx) as DateConstructor);
    const call = <T>(name: string, ...args: unknown[]): T => (ctx[name] as (...a: unknown[]) => T)(...args);

    call<SetupResult>("apiSetupWorkbook");
    gas.calls.reset();
    const first = call<RoadmapImportResponse>("apiImportRoadmapFromDoc", LINK, null);
    expect(gas.calls.byMethod["Docs.Documents.get"]).toBe(1);
    const expected = importRoadmapDocument(EXPECTED["004"], first.result.academicYear).items;
    expect(first.result.needsDecision).toBe(false);
    expect(first.result.added).toBe(expected.length);
    expect(first.result.report.source).toMatch(/Google Документ/);
    const sheet = gas.spreadsheet.getSheetByName("Дорожная карта");
    expect(sheet?.getLastRow()).toBe(expected.length + 1);
    const header = sheet?.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? [];
    const eventCol = header.indexOf("Мероприятие");
    expect(eventCol).toBeGreaterThanOrEqual(0);
    const events = sheet
      ?.getRange(2, eventCol + 1, expected.length, 1)
      .getValues()
      .map((r) => r[0]);
    expect(events).toEqual(expected.map((d) => d.event));
    expect(first.overview.roadmap?.total).toBe(expected.length);

    const second = call<RoadmapImportResponse>("apiImportRoadmapFromDoc", LINK, null);
    expect(second.result.needsDecision).toBe(true);
    expect(second.result.existing).toBe(expected.length);
    expect(second.result.lines.join(" ")).toMatch(/Выберите: заменить/);

    const appended = call<RoadmapImportResponse>("apiImportRoadmapFromDoc", LINK, "append");
    expect(appended.result.added).toBe(0);
    expect(appended.result.skippedDuplicates).toBe(expected.length);
    expect(sheet?.getLastRow()).toBe(expected.length + 1);
  });

  it("gives a Russian error for a bad link and a missing document", () => {
    const gas = createGasEnvironment();
    const ctx = loadBundle({ ...gas.globals, Docs: createFakeDocs({}) });
    const call = (name: string, ...args: unknown[]) => (ctx[name] as (...a: unknown[]) => unknown)(...args);
    call("apiSetupWorkbook");
    expect(() => call("apiImportRoadmapFromDoc", "https://example.com", null)).toThrow(
      /не похоже на ссылку на Google Документ/,
    );
    expect(() => call("apiImportRoadmapFromDoc", LINK, null)).toThrow(/не найден/);
    expect(() => call("apiImportRoadmapFromDoc", "", null)).toThrow(/Вставьте ссылку/);
  });
});
