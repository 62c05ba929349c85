// The built bundle driven through the functions Apps Script calls, over the typed fakes.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import type { SetupResult } from "../../src/app/contract";
import type { Overview } from "../../src/app/overview";
import { SHEETS } from "../../src/domain/schema";
import { MENU_ITEMS, MENU_TITLE } from "../../src/gas/menu";
import { createGasEnvironment } from "../fakes/gas";
import { DIST, loadBundle } from "./load";

function start() {
  const env = createGasEnvironment({
    htmlFiles: { Sidebar: readFileSync(resolve(DIST, "Sidebar.html"), "utf8") },
  });
  const ctx = loadBundle({ ...env.globals });
  env.useDateConstructor(vm.runInContext("Date", ctx) as DateConstructor);
  const call = <T>(name: string, ...args: unknown[]): T => (ctx[name] as (...a: unknown[]) => T)(...args);
  return { env, ctx, call };
}

describe("the bundle in Apps Script, over fakes", () => {
  it("onOpen adds the «Наставничество» menu whose items call existing functions", () => {
    const { env, ctx, call } = start();
    call("onOpen");
    expect(env.ui.menus).toHaveLength(1);
    expect(env.ui.menus[0]?.title).toBe(MENU_TITLE);
    expect(env.ui.menus[0]?.items).toEqual(MENU_ITEMS.map((m) => ({ label: m.label, fn: m.fn })));
    for (const item of env.ui.menus[0]?.items ?? []) expect(typeof ctx[item.fn]).toBe("function");
  });

  it("opens the 300 px sidebar titled in Russian", () => {
    const { env, call } = start();
    call("menuOpenSidebar");
    expect(env.ui.sidebar?.getTitle()).toBe("Наставничество");
    expect(env.ui.sidebar?.getContent()).toContain("apiGetOverview");
  });

  it("sets up the workbook through the sidebar call, then again with nothing to do", () => {
    const { env, call } = start();
    const first = call<SetupResult>("apiSetupWorkbook");
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    expect(first.report.createdSheets).toHaveLength(SHEETS.length);
    const names = env.spreadsheet.getSheets().map((s) => s.getName());
    for (const def of SHEETS) expect(names).toContain(def.name);
    expect(first.overview.setUp).toBe(true);

    const second = call<SetupResult>("apiSetupWorkbook");
    expect(second.report.changed).toBe(false);
    expect(second.lines).toEqual(["Книга уже настроена: ничего не изменено."]);

    const overview = call<Overview>("apiGetOverview");
    expect(overview.sheets.every((s) => s.present)).toBe(true);
    const journal = env.spreadsheet.getSheetByName("Журнал");
    expect(journal?.getLastRow()).toBe(3);
    const line = journal?.getRange(2, 1, 1, 5).getValues()[0];
    expect(Object.prototype.toString.call(line?.[0])).toBe("[object Date]");
    expect(line?.slice(1, 4)).toEqual(["Настроить книгу", "kurator@school.ru", "успешно"]);
    // Protections are warning-only and not duplicated by the second run.
    const mentees = env.spreadsheet.getSheetByName("Наставляемые");
    const protections = mentees?.getProtections(env.globals.SpreadsheetApp.ProtectionType.RANGE) ?? [];
    expect(protections.length).toBeGreaterThan(0);
    expect(protections.every((p) => p.isWarningOnly())).toBe(true);
    expect(new Set(protections.map((p) => p.getDescription())).size).toBe(protections.length);
    expect(mentees?.getFrozenRows()).toBe(1);
  });

  it("the menu item reports the result in an alert", () => {
    const { env, call } = start();
    call("menuSetupWorkbook");
    expect(env.ui.alerts[0]?.title).toBe("Настройка книги");
    expect(env.ui.alerts[0]?.prompt).toMatch(/^Созданы листы: /);
  });

  it("a busy workbook gives a Russian error, logged to «Журнал»", () => {
    const { env, call } = start();
    call("apiSetupWorkbook");
    env.documentLock.holdByOther();
    expect(() => call("apiSetupWorkbook")).toThrow(/Книга занята другим действием надстройки/);
    const journal = env.spreadsheet.getSheetByName("Журнал");
    const last = journal?.getRange(journal.getLastRow(), 1, 1, 5).getValues()[0];
    expect(last?.slice(1, 4)).toEqual(["Настроить книгу", "kurator@school.ru", "ошибка"]);
    call("menuSetupWorkbook");
    expect(env.ui.alerts.at(-1)).toMatchObject({ title: "Настройка книги не выполнена" });
  });
});
