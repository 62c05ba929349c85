// Loads the built dist/Code.js into a fresh Node vm context, as Apps Script would.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import vm from "node:vm";

export const DIST = resolve(__dirname, "../../dist");

export function loadBundle(globals: Record<string, unknown> = {}): vm.Context {
  const code = readFileSync(resolve(DIST, "Code.js"), "utf8");
  const context = vm.createContext({ ...globals });
  vm.runInContext(code, context, { filename: "Code.js" });
  return context;
}
