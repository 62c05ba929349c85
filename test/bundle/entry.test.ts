import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { SERVER_FUNCTIONS } from "../../src/app/contract";
import { MENU_ITEMS, TRIGGER_FUNCTIONS } from "../../src/gas/menu";
import { DIST, loadBundle } from "./load";

const manifest = JSON.parse(readFileSync(resolve(DIST, "appsscript.json"), "utf8")) as Record<
  string,
  unknown
>;

/** Every function name Apps Script may call: simple triggers, the menu, the sidebar contract. */
const expected = [
  "onOpen",
  "onInstall",
  ...MENU_ITEMS.map((m) => m.fn),
  ...TRIGGER_FUNCTIONS,
  ...SERVER_FUNCTIONS,
];

describe("dist/Code.js", () => {
  it("was built (npm test builds first)", () => {
    expect(existsSync(resolve(DIST, "Code.js"))).toBe(true);
    expect(existsSync(resolve(DIST, "Sidebar.html"))).toBe(true);
  });

  it("loads without Google globals: loading calls no service", () => {
    expect(() => loadBundle()).not.toThrow();
  });

  it("declares every function the manifest, the menu and the sidebar call as a top-level function", () => {
    const code = readFileSync(resolve(DIST, "Code.js"), "utf8");
    const context = loadBundle();
    for (const name of expected) {
      expect(typeof context[name], name).toBe("function");
      // Apps Script lists only function declarations at top level (not `var x = function`).
      expect(code, name).toMatch(new RegExp(`^function ${name}\\(`, "m"));
    }
    // Functions named in the manifest (e.g. add-on triggers), if any, exist too.
    const named =
      JSON.stringify(manifest).match(/"(?:runFunction|onTriggerFunction|homepageTrigger)"\s*:\s*"(\w+)"/g) ??
      [];
    for (const m of named) {
      const name = m.replace(/.*"(\w+)"$/, "$1");
      expect(typeof context[name], name).toBe("function");
    }
  });

  it("leaks no other globals", () => {
    const context = loadBundle();
    const names = Object.keys(context).sort();
    expect(names).toEqual([...new Set(expected)].sort());
    // And nothing hidden via non-enumerable properties either.
    const all = vm.runInContext("Object.getOwnPropertyNames(globalThis)", context) as string[];
    const builtins = vm.runInContext(
      "Object.getOwnPropertyNames(globalThis)",
      vm.createContext({}),
    ) as string[];
    expect(all.filter((n) => !builtins.includes(n)).sort()).toEqual([...new Set(expected)].sort());
  });

  it("ships a V8 manifest with explicit minimal scopes, each explained in the README", () => {
    expect(manifest.runtimeVersion).toBe("V8");
    expect(manifest.timeZone).toBeTruthy();
    expect(manifest.exceptionLogging).toBe("STACKDRIVER");
    const scopes = manifest.oauthScopes as string[];
    expect(scopes.length).toBeGreaterThan(0);
    const readme = readFileSync(resolve(__dirname, "../../README.md"), "utf8");
    for (const scope of scopes) expect(readme, scope).toContain(`\`${scope}\``);
    expect(scopes).not.toContain("https://www.googleapis.com/auth/drive");
    expect(scopes).not.toContain("https://www.googleapis.com/auth/spreadsheets");
    expect(scopes.some((s) => s.includes("gmail"))).toBe(false);
  });

  it("inlines the sidebar client; the sidebar text is Russian and sets the page language", () => {
    const html = readFileSync(resolve(DIST, "Sidebar.html"), "utf8");
    expect(html).not.toContain("/*CLIENT_JS*/");
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain("apiGetOverview");
    expect(html).toContain("Настроить книгу");
  });
});
