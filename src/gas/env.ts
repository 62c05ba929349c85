// The Apps Script implementation of the ports, built from the service globals.

import type { ChartsPort, DocumentsPort, Env, FormsPort, MailPort, TriggersPort } from "../app/ports";
import { GasCharts } from "./charts";
import type { ChartsSpreadsheetLike } from "./charts-surface";
import { GasDocuments } from "./documents";
import type { DocumentAppLike, DriveAppLike } from "./documents-surface";
import { GasForms } from "./forms";
import type { FormAppLike, FormsSpreadsheetLike, ScriptAppLike } from "./forms-surface";
import { GasMail, type MailAppLike } from "./mail";
import type { GasGlobals } from "./surface";
import { GasTriggers } from "./triggers";
import { GasLock, GasMeta, GasUser, GasWorkbook } from "./workbook";

/** The services as Apps Script provides them (in tests: the fakes installed as globals). */
function services(): GasGlobals {
  return { SpreadsheetApp, PropertiesService, LockService, Session };
}

/** Ports over the active spreadsheet. Creating it calls no service; the first use does. */
export function gasEnv(g: GasGlobals = services()): Env {
  return {
    workbook: new GasWorkbook(g.SpreadsheetApp),
    meta: new GasMeta(g.PropertiesService),
    lock: new GasLock(g.LockService, g.SpreadsheetApp),
    clock: { now: () => new Date() },
    user: new GasUser(g.Session),
  };
}

/** Google Forms linked to the active spreadsheet. */
export function gasForms(
  app: FormAppLike = FormApp as unknown as FormAppLike,
  g: GasGlobals = services(),
): FormsPort {
  const spreadsheet = g.SpreadsheetApp.getActiveSpreadsheet() as unknown as FormsSpreadsheetLike;
  return new GasForms(app, spreadsheet, new GasMeta(g.PropertiesService), () => g.SpreadsheetApp.flush());
}

/** Installable triggers of this script for the active spreadsheet. */
export function gasTriggers(
  app: ScriptAppLike = ScriptApp as unknown as ScriptAppLike,
  g: GasGlobals = services(),
): TriggersPort {
  return new GasTriggers(app, g.SpreadsheetApp.getActiveSpreadsheet());
}

/** Mail sent from the account that runs the script (MailApp). */
export function gasMail(app: MailAppLike = MailApp as unknown as MailAppLike): MailPort {
  return new GasMail(app);
}

/** Google Docs in Drive folders (DocumentApp, DriveApp), folder IDs kept with the workbook. */
export function gasDocuments(
  docs: DocumentAppLike = DocumentApp as unknown as DocumentAppLike,
  drive: DriveAppLike = DriveApp as unknown as DriveAppLike,
  g: GasGlobals = services(),
): DocumentsPort {
  return new GasDocuments(docs, drive, new GasMeta(g.PropertiesService));
}

/** Native charts of the active spreadsheet's sheets, their IDs kept with the workbook. */
export function gasCharts(g: GasGlobals = services()): ChartsPort {
  return new GasCharts(
    () => g.SpreadsheetApp.getActiveSpreadsheet() as unknown as ChartsSpreadsheetLike,
    new GasMeta(g.PropertiesService),
  );
}
