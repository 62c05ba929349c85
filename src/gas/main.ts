// The Apps Script entry module. Its exports — and nothing else — become top-level
// functions of dist/Code.js: the menu callbacks, the simple triggers and the server side of
// the sidebar contract (src/app/contract.ts). All logic lives in the modules it calls.

import { plain, type ServerApi, type SetupResult } from "../app/contract";
import { userMessage } from "../app/errors";
import { writeJournal } from "../app/journal";
import { buildOverview, type Overview } from "../app/overview";
import { describeSetup, setupWorkbook } from "../app/setup";
import { gasEnv } from "./env";
import { MENU_ITEMS, MENU_TITLE } from "./menu";

const SIDEBAR_FILE = "Sidebar";
const SIDEBAR_TITLE = "Наставничество";

/** Runs an action; a failure is logged to «Журнал» and rethrown with a Russian message. */
function guarded<T>(action: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const message = userMessage(error);
    try {
      writeJournal(gasEnv(), [{ action, outcome: "ошибка", details: message }]);
    } catch {
      // The journal itself may be what fails (quota, lock); the user still gets the message.
    }
    throw new Error(message);
  }
}

/** Simple trigger: adds the menu when the spreadsheet opens. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) menu.addItem(item.label, item.fn);
  menu.addToUi();
}

/** Runs when the add-on is installed from the Marketplace: same as opening. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function menuOpenSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function menuSetupWorkbook(): void {
  const ui = SpreadsheetApp.getUi();
  try {
    const result = apiSetupWorkbook();
    ui.alert("Настройка книги", result.lines.join("\n"), ui.ButtonSet.OK);
  } catch (error) {
    ui.alert(
      "Настройка книги не выполнена",
      error instanceof Error ? error.message : String(error),
      ui.ButtonSet.OK,
    );
  }
}

export const apiGetOverview: ServerApi["apiGetOverview"] = (): Overview =>
  guarded("Обзор книги", () => plain(buildOverview(gasEnv().workbook)));

export const apiSetupWorkbook: ServerApi["apiSetupWorkbook"] = (): SetupResult =>
  guarded("Настроить книгу", () => {
    const env = gasEnv();
    const report = setupWorkbook(env);
    return plain({ report, lines: describeSetup(report), overview: buildOverview(env.workbook) });
  });
