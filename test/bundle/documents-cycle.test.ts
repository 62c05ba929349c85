// Documents through the built bundle over the Apps Script fakes (sheets, DocumentApp, DriveApp):
// set up the workbook, approve pairs, generate the order on pairs from the sidebar's functions,
// then find it everywhere it must be — «Приказы», the pairs, the Google Doc, the numbering — and
// run it again to see that nothing new appears.

import vm from "node:vm";
import { describe, expect, it } from "vitest";
import type { CandidatesView, DocumentsResponse, DocumentsView } from "../../src/app/contract-documents";
import type { GenerateRequest } from "../../src/app/documents";
import { KINDS } from "../../src/domain/docs/kinds";
import { DOC_KINDS } from "../../src/domain/docs/model";
import { createGasEnvironment, type GasEnvironment } from "../fakes/gas";
import { loadBundle } from "./load";

type Call = <T>(name: string, ...args: unknown[]) => T;

function start(): { gas: GasEnvironment; call: Call; ctx: vm.Context } {
  const gas = createGasEnvironment();
  const ctx = loadBundle({ ...gas.globals });
  gas.useDateConstructor(vm.runInContext("Date", ctx) as DateConstructor);
  const call: Call = <T>(name: string, ...args: unknown[]): T =>
    (ctx[name] as (...a: unknown[]) => T)(...args);
  call("apiSetupWorkbook");
  return { gas, call, ctx };
}

/** Writes settings values by key, as the curator types them into «Настройки». */
function setSettings(gas: GasEnvironment, values: Record<string, unknown>): void {
  const sheet = gas.spreadsheet.getSheetByName("Настройки");
  if (!sheet) throw new Error("no «Настройки»");
  const keys = sheet
    .getRange(1, 1, sheet.getLastRow(), 1)
    .getValues()
    .map((r) => String(r[0]));
  for (const [key, value] of Object.entries(values)) {
    const row = keys.indexOf(key) + 1;
    if (row < 1) throw new Error(`no setting ${key}`);
    sheet.getRange(row, 3).setValues([[value]]);
  }
}

function setting(gas: GasEnvironment, key: string): unknown {
  const values = gas.spreadsheet.getSheetByName("Настройки")?.getDataRange().getValues() ?? [];
  return values.find((r) => r[0] === key)?.[2];
}

function seed(gas: GasEnvironment, sheetName: string, records: Record<string, unknown>[]): void {
  const sheet = gas.spreadsheet.getSheetByName(sheetName);
  if (!sheet) throw new Error(`no sheet «${sheetName}»`);
  const header = (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []).map(String);
  const rows = records.map((record) => header.map((h) => record[h] ?? ""));
  sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, header.length).setValues(rows);
}

function records(gas: GasEnvironment, sheetName: string): Record<string, unknown>[] {
  const values = gas.spreadsheet.getSheetByName(sheetName)?.getDataRange().getValues() ?? [];
  const header = (values[0] ?? []).map(String);
  return values
    .slice(1)
    .filter((row) => row.some((v) => v !== ""))
    .map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

const MENTORS = [
  ["НР-0001", "Иванова Мария Петровна", "Учитель математики"],
  ["НР-0002", "Петров Олег Ильич", "Учитель информатики"],
  ["НР-0003", "Коваленко Ольга Викторовна", "Учитель русского языка"],
];
const MENTEES = [
  ["НЯ-0001", "Смирнова Алёна Игоревна", "Учитель математики"],
  ["НЯ-0002", "Орлов Пётр Сергеевич", "Учитель информатики"],
  ["НЯ-0003", "Кузнецова Дарья Андреевна", "Учитель русского языка"],
];

/** A school with its settings filled and three approved pairs. */
function school(): ReturnType<typeof start> {
  const s = start();
  setSettings(s.gas, {
    orgFullName: "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»",
    orgShortName: "МБОУ СШ № 1",
    city: "г. Вологда",
    directorName: "Соколов Андрей Николаевич",
    curatorName: "Белова Ирина Викторовна",
    curatorEmail: "belova@school.ru",
    orderNumberPrefix: "01-05/",
    orderNumberNext: 3,
  });
  seed(
    s.gas,
    "Наставники",
    MENTORS.map(([id, name, post]) => ({
      ID: id,
      Статус: "Обучен",
      Категория: "Педагог",
      ФИО: name,
      Должность: post,
      "Сколько наставляемых может взять": 1,
      "Согласие на обработку ПДн": true,
    })),
  );
  seed(
    s.gas,
    "Наставляемые",
    MENTEES.map(([id, name, post]) => ({
      ID: id,
      Статус: "Ожидает пары",
      Категория: "Молодой специалист",
      ФИО: name,
      "Должность / класс, группа": post,
      "Согласие на обработку ПДн": true,
    })),
  );
  s.call(
    "apiConfirmPairs",
    MENTEES.map(([menteeId], i) => ({
      menteeId,
      mentorId: MENTORS[i]?.[0],
      score: 80,
      reasons: "запросы закрыты",
      form: "Учитель – учитель",
      locked: false,
    })),
    [],
  );
  return s;
}

/** Google Docs in Drive, by name (the fake's own view, no service call counted). */
function driveDocs(gas: GasEnvironment): { id: string; name: string; folder: string }[] {
  return gas.globals.DriveApp.peekFiles()
    .filter(
      (f) => f.mimeType === "application/vnd.google-apps.document" && f.folder !== "Наставничество — шаблоны",
    )
    .map((f) => ({ id: f.id, name: f.name, folder: f.folder }));
}

describe("documents through the bundle", () => {
  it("generates the order on pairs once: register, pairs, the Google Doc, the numbering; a rerun adds nothing", () => {
    const { gas, call } = school();
    const pairIds = records(gas, "Пары и группы").map((p) => String(p.ID));
    expect(pairIds).toEqual(["П-0001", "П-0002", "П-0003"]);

    const state = call<DocumentsView>("apiDocumentsState");
    expect(state.kinds.map((k) => k.kind)).toEqual([...DOC_KINDS]);
    expect(state.kinds.map((k) => k.title)).toEqual(DOC_KINDS.map((k) => KINDS[k].title));
    expect(state.nextOrderNumber).toBe("01-05/3");
    expect(state.job).toBeNull();
    expect(state.recent).toEqual([]);
    expect(state.exportPdf).toBe(false);

    const list = call<CandidatesView>("apiDocumentCandidates", "pairs-order");
    expect(list.candidates.map((c) => c.id)).toEqual(pairIds);
    expect(list.candidates.every((c) => c.preselected && c.inDocument === null)).toBe(true);
    expect(list.candidates[0]?.label).toContain("Иванова");

    const request: GenerateRequest = {
      kind: "pairs-order",
      ids: pairIds,
      date: "2025-09-01",
      newRevision: false,
      pdf: false,
    };
    const first = call<DocumentsResponse>("apiGenerateDocuments", request);
    expect(first.result.problems).toEqual([]);
    expect(first.result.documents).toHaveLength(1);
    const doc = first.result.documents[0];
    expect(doc).toMatchObject({ number: "01-05/3", existing: false, revision: 1, pdfUrl: null });
    expect(doc?.title).toBe("Приказ № 01-05/3 от 01.09.2025 — О закреплении наставнических пар (групп)");
    expect(doc?.url).toMatch(/^https:\/\//);

    // «Приказы»: one row with the type, number, date, link and the pairs.
    const register = records(gas, "Приказы");
    expect(register).toHaveLength(1);
    expect(register[0]).toMatchObject({
      "Вид документа": KINDS["pairs-order"].title,
      Номер: "01-05/3",
      Ссылка: doc?.url,
      Редакция: 1,
    });
    expect(String(register[0]?.Пары).split(/,\s*/)).toEqual(pairIds);
    // The pairs carry the order's number and date.
    for (const p of records(gas, "Пары и группы")) {
      expect(p["№ приказа"]).toBe("01-05/3");
      // A Date of the bundle's realm.
      expect(Object.prototype.toString.call(p["Дата приказа"])).toBe("[object Date]");
      expect((p["Дата приказа"] as Date).toDateString()).toBe(new Date(2025, 8, 1).toDateString());
    }
    // The numbering moved by one.
    expect(setting(gas, "orderNumberNext")).toBe(4);
    // The Google Doc: in the orders folder, every placeholder filled, the pairs in the annex.
    const docs = driveDocs(gas);
    const made = docs.filter((d) => d.name === doc?.title);
    expect(made).toHaveLength(1);
    const text = gas.globals.DocumentApp.peekText(made[0]?.id ?? "");
    expect(text).not.toContain("{{");
    expect(text).not.toContain("}}");
    expect(text).toContain("01-05/3");
    for (const [, name] of [...MENTORS, ...MENTEES]) expect(text).toContain(name);
    expect(call<DocumentsView>("apiDocumentsState").recent.map((r) => r.url)).toEqual([doc?.url]);

    // Again: the registered document comes back, nothing is created, numbered or registered.
    const again = call<DocumentsResponse>("apiGenerateDocuments", request);
    expect(again.result.documents).toHaveLength(1);
    expect(again.result.documents[0]).toMatchObject({ url: doc?.url, number: "01-05/3", existing: true });
    expect(driveDocs(gas)).toEqual(docs);
    expect(records(gas, "Приказы")).toHaveLength(1);
    expect(setting(gas, "orderNumberNext")).toBe(4);
    // The list now says where the pairs went and proposes none of them.
    const after = call<CandidatesView>("apiDocumentCandidates", "pairs-order");
    expect(after.candidates.map((c) => c.preselected)).toEqual([false, false, false]);
    for (const c of after.candidates) expect(c.inDocument).toContain("01-05/3");
  });

  it("a blocker in «Настройки» stops the order before anything is created, numbered or registered", () => {
    const { gas, call } = school();
    setSettings(gas, { directorName: "" });
    const response = call<DocumentsResponse>("apiGenerateDocuments", {
      kind: "pairs-order",
      ids: ["П-0001"],
      date: null,
      newRevision: false,
      pdf: null,
    });
    expect(response.result.documents).toEqual([]);
    expect(response.result.problems.join("\n")).toContain("«Руководитель (ФИО)»");
    expect(driveDocs(gas)).toEqual([]);
    expect(records(gas, "Приказы")).toEqual([]);
    expect(setting(gas, "orderNumberNext")).toBe(3);
    expect(records(gas, "Пары и группы").every((p) => p["№ приказа"] === "")).toBe(true);
  });

  it("checks every argument before touching the workbook, in Russian", () => {
    const { gas, call } = school();
    const before = gas.calls.snapshot().total;
    expect(() => call("apiDocumentCandidates", "bogus")).toThrow(
      /^Выберите вид документа: «Приказ о закреплении/,
    );
    expect(() => call("apiGenerateDocuments", null)).toThrow("Неверный запрос на создание документов.");
    expect(() =>
      call("apiGenerateDocuments", { kind: "pairs-order", ids: ["П-0001", "=HYPERLINK()"], date: null }),
    ).toThrow(/^Неверный ID в списке: «=HYPERLINK\(\)»/);
    expect(() => call("apiGenerateDocuments", { kind: "pairs-order", ids: "П-0001", date: null })).toThrow(
      /^Неверный список/,
    );
    expect(() =>
      call("apiGenerateDocuments", { kind: "pairs-order", ids: ["П-0001"], date: "1 сентября" }),
    ).toThrow("Дата документа должна быть в виде ГГГГ-ММ-ДД.");
    expect(() =>
      call("apiGenerateDocuments", { kind: "pairs-order", ids: ["П-0001"], date: null, pdf: "да" }),
    ).toThrow("Неверный признак «Также PDF».");
    expect(gas.calls.snapshot().total).toBe(before);
    expect(driveDocs(gas)).toEqual([]);
  });
});
