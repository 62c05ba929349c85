// The Apps Script implementation of the ports, built from the service globals.

import type { Env } from "../app/ports";
import type { GasGlobals } from "./surface";
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
