// Headless Chromium (Debian's package) driven by playwright-core, with google.script.run
// bridged to the built bundle running over the Apps Script fakes.

import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import vm from "node:vm";
import { type Browser, chromium, type Page } from "playwright-core";
import { DIST, loadBundle } from "../bundle/load";
import { createGasEnvironment, type GasEnvironment } from "../fakes/gas";
import { createFakeDocs, type FakeDocSpec, type FakeDocs } from "../fakes/gas-docs";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/lib/chromium/chromium", "/usr/bin/chromium"].filter(
  (p): p is string => !!p,
);

export function chromiumPath(): string {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      `Chromium not found (tried ${CANDIDATES.join(", ")}); .ci/run installs Debian's chromium`,
    );
  return found;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** Where the page is served from (answered by the page itself, see openSidebar). */
export const SIDEBAR_URL = "https://sidebar.nastavnik.test/userCodeAppPanel";

/** The google.script.run shim: every call goes to window.__gasCall(name, argsJson). */
const SHIM = `
(() => {
  function runner(onSuccess, onFailure) {
    return new Proxy({}, {
      get(_t, name) {
        if (name === "withSuccessHandler") return (fn) => runner(fn, onFailure);
        if (name === "withFailureHandler") return (fn) => runner(onSuccess, fn);
        if (name === "withUserObject") return () => runner(onSuccess, onFailure);
        return (...args) => {
          window.__gasCall(String(name), JSON.stringify(args)).then((raw) => {
            const r = JSON.parse(raw);
            if (r.ok) { if (onSuccess) onSuccess(r.value); }
            else if (onFailure) onFailure(new Error(r.error));
          });
        };
      },
    });
  }
  window.google = { script: { run: runner() } };
})();
`;

export interface SidebarSession {
  page: Page;
  gas: GasEnvironment;
  context: vm.Context;
  /** Names of the server functions called, in order. */
  calls: string[];
  /** The same calls with their arguments. */
  callArgs: { name: string; args: unknown[] }[];
  /** The `Docs` advanced service of the bundle, when `docs` was given. */
  docs: FakeDocs | null;
}

export interface SidebarOptions {
  /** Documents of a fake Docs advanced service (the global `Docs`), by ID. */
  docs?: Record<string, FakeDocSpec>;
  /** The server's "now", e.g. "2025-09-01T12:00:00": `new Date()` and `Date.now()` in the bundle. */
  now?: string;
  /** Milliseconds each server call waits before it runs, so a test can see the page while it runs. */
  latencyMs?: number;
  /** Grants the page clipboard access (navigator.clipboard.writeText / readText). */
  clipboard?: boolean;
}

/** Makes `Date` of a vm context tell a fixed time; dates it makes stay `instanceof Date`. */
export function fixNow(context: vm.Context, iso: string): void {
  vm.runInContext(
    `(() => {
      const Real = Date;
      const fixed = new Real(${JSON.stringify(iso)}).getTime();
      if (Number.isNaN(fixed)) throw new Error("bad time: " + ${JSON.stringify(iso)});
      function FixedDate(...args) {
        if (!new.target) return new Real(fixed).toString();
        return Reflect.construct(Real, args.length ? args : [fixed], new.target);
      }
      FixedDate.prototype = Real.prototype;
      FixedDate.now = () => fixed;
      FixedDate.UTC = Real.UTC;
      FixedDate.parse = Real.parse;
      globalThis.Date = FixedDate;
    })()`,
    context,
  );
}

/** Opens dist/Sidebar.html in a page whose server side is the bundle over fresh fakes. */
export async function openSidebar(
  browser: Browser,
  prepare?: (gas: GasEnvironment, ctx: vm.Context) => void,
  options: SidebarOptions = {},
): Promise<SidebarSession> {
  const html = readFileSync(resolve(DIST, "Sidebar.html"), "utf8");
  const gas = createGasEnvironment({ htmlFiles: { Sidebar: html } });
  const docs = options.docs ? createFakeDocs(options.docs, gas.calls) : null;
  const context = loadBundle(docs ? { ...gas.globals, Docs: docs } : { ...gas.globals });
  if (options.now) fixNow(context, options.now);
  gas.useDateConstructor(vm.runInContext("Date", context) as DateConstructor);
  prepare?.(gas, context);
  const calls: string[] = [];
  const callArgs: { name: string; args: unknown[] }[] = [];
  const page = await browser.newPage({
    viewport: { width: 300, height: 900 },
    ...(options.clipboard ? { permissions: ["clipboard-read", "clipboard-write"] } : {}),
  });
  await page.exposeFunction("__gasCall", async (name: string, argsJson: string) => {
    const args = JSON.parse(argsJson) as unknown[];
    calls.push(name);
    callArgs.push({ name, args });
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    try {
      const fn = context[name];
      if (typeof fn !== "function") throw new Error(`Script function not found: ${name}`);
      const value = fn(...args);
      return JSON.stringify({ ok: true, value: value === undefined ? null : value });
    } catch (e) {
      return JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  });
  // The shim goes first in <head>, as Apps Script's own google.script.run is there before the page's script.
  const body = html.replace("<head>", () => `<head><script>${SHIM}</script>`);
  // Served from an https origin, as Apps Script serves the sidebar: a secure context, where
  // navigator.clipboard exists (on about:blank it does not). The request never leaves the browser.
  await page.route(SIDEBAR_URL, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body }),
  );
  await page.goto(SIDEBAR_URL);
  return { page, gas, context, calls, callArgs, docs };
}

/**
 * Writes records under the header row of a base, as a curator would type them into the sheet:
 * by header name, lists joined with «; », checkboxes as true/false. The sheet must exist (set-up).
 */
export function seedRecords(
  gas: GasEnvironment,
  sheetName: string,
  records: Record<string, unknown>[],
): void {
  const sheet = gas.spreadsheet.getSheetByName(sheetName);
  if (!sheet) throw new Error(`no sheet «${sheetName}»: run apiSetupWorkbook first`);
  const header = (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []).map(String);
  const rows = records.map((record) => {
    const row: unknown[] = header.map(() => "");
    for (const [name, value] of Object.entries(record)) {
      const column = header.indexOf(name);
      if (column < 0) throw new Error(`no column «${name}» in «${sheetName}»`);
      row[column] = Array.isArray(value) ? value.join("; ") : value;
    }
    return row;
  });
  if (rows.length > 0) sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, header.length).setValues(rows);
}

/** The records of a sheet as objects keyed by header name. */
export function sheetRecords(gas: GasEnvironment, sheetName: string): Record<string, unknown>[] {
  const values = gas.spreadsheet.getSheetByName(sheetName)?.getDataRange().getValues() ?? [];
  const header = (values[0] ?? []).map(String);
  return values
    .slice(1)
    .filter((row) => row.some((v) => v !== ""))
    .map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}
