// The one typed call contract between the sidebar (src/ui) and the server (src/gas).
// Every value crossing it is plain JSON: no Date, no functions, no class instances.

import type { Overview } from "./overview";
import type { SetupReport } from "./setup";

export interface SetupResult {
  report: SetupReport;
  /** The report as Russian lines, ready to show. */
  lines: string[];
  overview: Overview;
}

/** Server functions the sidebar calls through google.script.run. */
export interface ServerApi {
  apiGetOverview(): Overview;
  apiSetupWorkbook(): SetupResult;
}

/** Their names, checked against the built bundle by a test. */
export const SERVER_FUNCTIONS = [
  "apiGetOverview",
  "apiSetupWorkbook",
] as const satisfies readonly (keyof ServerApi)[];

/** Turns a value into plain JSON (what google.script.run would deliver anyway). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
