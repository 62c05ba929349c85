// The Triggers adapter against the ScriptApp fake: installed once, daily at the given hour,
// removable, scoped to this workbook, and the documented limit of 20 triggers.

import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/app/errors";
import { DEFAULT_DAILY_HOUR, GasTriggers, TOO_MANY_TRIGGERS_MESSAGE } from "../../src/gas/triggers";
import { createGasEnvironment } from "../fakes/gas";
import { FakeScriptApp, MAX_TRIGGERS_PER_USER, SCRIPT_MESSAGES } from "../fakes/gas-script";

function setup() {
  const env = createGasEnvironment({ spreadsheetId: "workbook-1" });
  const script = env.globals.ScriptApp;
  const triggers = new GasTriggers(script, env.spreadsheet);
  return { env, script, triggers };
}

describe("GasTriggers", () => {
  it("installs the «on form submit» trigger of this workbook once", () => {
    const { script, triggers } = setup();
    expect(triggers.ensure("onFormSubmit", "formSubmit")).toBe(true);
    expect(triggers.ensure("onFormSubmit", "formSubmit")).toBe(false);
    expect(script.describe()).toEqual([
      { handler: "onFormSubmit", event: "ON_FORM_SUBMIT", sourceId: "workbook-1" },
    ]);
    expect(triggers.list()).toEqual([{ handler: "onFormSubmit", event: "formSubmit" }]);
  });

  it("installs a daily trigger at the given hour, once per handler", () => {
    const { script, triggers } = setup();
    expect(triggers.ensure("dailyReminders", "daily", 6)).toBe(true);
    expect(triggers.ensure("dailyReminders", "daily", 6)).toBe(false);
    expect(triggers.ensure("dailyReminders", "daily", 9)).toBe(false);
    expect(triggers.ensure("nightlyReport", "daily")).toBe(true);
    expect(triggers.ensure("onFormSubmit", "formSubmit")).toBe(true);
    expect(script.describe()).toEqual([
      { handler: "dailyReminders", event: "CLOCK", sourceId: null, atHour: 6, everyDays: 1 },
      { handler: "nightlyReport", event: "CLOCK", sourceId: null, atHour: DEFAULT_DAILY_HOUR, everyDays: 1 },
      { handler: "onFormSubmit", event: "ON_FORM_SUBMIT", sourceId: "workbook-1" },
    ]);
    expect(triggers.list()).toEqual([
      { handler: "dailyReminders", event: "daily" },
      { handler: "nightlyReport", event: "daily" },
      { handler: "onFormSubmit", event: "formSubmit" },
    ]);
  });

  it("a handler with another event is a separate trigger", () => {
    const { script, triggers } = setup();
    expect(triggers.ensure("sync", "formSubmit")).toBe(true);
    expect(triggers.ensure("sync", "daily", 8)).toBe(true);
    expect(script.triggers).toHaveLength(2);
  });

  it("removes every trigger of a handler and says how many", () => {
    const { script, triggers } = setup();
    triggers.ensure("sync", "formSubmit");
    triggers.ensure("sync", "daily", 8);
    triggers.ensure("dailyReminders", "daily", 7);
    expect(triggers.remove("sync")).toBe(2);
    expect(triggers.remove("sync")).toBe(0);
    expect(triggers.remove("nothing")).toBe(0);
    expect(triggers.list()).toEqual([{ handler: "dailyReminders", event: "daily" }]);
    expect(script.triggers).toHaveLength(1);
    // Removed, it can be installed again.
    expect(triggers.ensure("sync", "formSubmit")).toBe(true);
  });

  it("leaves the triggers of other workbooks alone", () => {
    const { script, triggers } = setup();
    script.newTrigger("onFormSubmit").forSpreadsheet("another-workbook").onFormSubmit().create();
    expect(triggers.list()).toEqual([]);
    expect(triggers.ensure("onFormSubmit", "formSubmit")).toBe(true);
    expect(triggers.remove("onFormSubmit")).toBe(1);
    expect(script.describe()).toEqual([
      { handler: "onFormSubmit", event: "ON_FORM_SUBMIT", sourceId: "another-workbook" },
    ]);
  });

  it("lists other triggers of the workbook by their event", () => {
    const { script, triggers } = setup();
    script.newTrigger("onOpenInstalled").forSpreadsheet("workbook-1").onOpen().create();
    script.newTrigger("onEditInstalled").forSpreadsheet("workbook-1").onEdit().create();
    expect(triggers.list()).toEqual([
      { handler: "onOpenInstalled", event: "open" },
      { handler: "onEditInstalled", event: "edit" },
    ]);
  });

  it("refuses an hour outside 0–23", () => {
    const { script, triggers } = setup();
    expect(() => triggers.ensure("dailyReminders", "daily", 24)).toThrow(UserError);
    expect(() => triggers.ensure("dailyReminders", "daily", 7.5)).toThrow(UserError);
    expect(triggers.ensure("dailyReminders", "daily", 0)).toBe(true);
    expect(script.triggers[0]?.schedule.atHour).toBe(0);
  });

  it("turns Google's limit of 20 triggers into a Russian message", () => {
    const { script, triggers } = setup();
    for (let i = 0; i < MAX_TRIGGERS_PER_USER; i++) {
      script.newTrigger(`job${i}`).timeBased().everyDays(1).atHour(3).create();
    }
    expect(() => script.newTrigger("one-more").timeBased().everyDays(1).create()).toThrow(
      "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
    );
    expect(() => triggers.ensure("onFormSubmit", "formSubmit")).toThrow(TOO_MANY_TRIGGERS_MESSAGE);
    // An existing trigger is still found: nothing to install, no error.
    expect(triggers.ensure("job3", "daily", 3)).toBe(false);
  });

  it("makes a fixed number of calls, whatever the workbook holds", () => {
    const { env, triggers } = setup();
    triggers.ensure("onFormSubmit", "formSubmit");
    triggers.ensure("dailyReminders", "daily", 7);
    env.calls.reset();
    triggers.ensure("onFormSubmit", "formSubmit");
    triggers.ensure("dailyReminders", "daily", 7);
    expect(env.calls.byMethod["ScriptApp.newTrigger"]).toBeUndefined();
    expect(env.calls.byMethod["ScriptApp.getProjectTriggers"]).toBe(2);
    expect(env.calls.total).toBeLessThanOrEqual(16);
  });
});

describe("the ScriptApp fake", () => {
  it("checks the arguments of time-based triggers", () => {
    const { script } = setup();
    expect(() => script.newTrigger("f").timeBased().atHour(24)).toThrow(
      SCRIPT_MESSAGES.invalidArgument("hour"),
    );
    expect(() => script.newTrigger("f").timeBased().everyDays(0)).toThrow(
      SCRIPT_MESSAGES.invalidArgument("n"),
    );
    expect(() => script.newTrigger("f").timeBased().everyMinutes(7)).toThrow(
      SCRIPT_MESSAGES.invalidArgument("n"),
    );
    expect(() => script.newTrigger("f").timeBased().atHour(5).create()).toThrow(SCRIPT_MESSAGES.atHourAlone);
    expect(() => script.newTrigger("f").timeBased().create()).toThrow(SCRIPT_MESSAGES.noSchedule);
    expect(() => script.newTrigger("f").forSpreadsheet("x").create()).toThrow(SCRIPT_MESSAGES.noEvent);
    expect(script.triggers).toEqual([]);
  });

  it("applies the editor add-on restrictions when asked", () => {
    const env = createGasEnvironment();
    const script = new FakeScriptApp(env.calls, { addOn: true });
    script.newTrigger("a").timeBased().everyDays(1).atHour(6).create();
    expect(() => script.newTrigger("b").timeBased().everyDays(1).atHour(7).create()).toThrow(
      SCRIPT_MESSAGES.addOnOnePerType,
    );
    script.newTrigger("c").forSpreadsheet("s").onFormSubmit().create();
    expect(() => script.newTrigger("d").forSpreadsheet("s").onFormSubmit().create()).toThrow(
      SCRIPT_MESSAGES.addOnOnePerType,
    );
    const other = new FakeScriptApp(env.calls, { addOn: true });
    expect(() => other.newTrigger("e").timeBased().everyMinutes(5).create()).toThrow(
      SCRIPT_MESSAGES.addOnHourly,
    );
  });

  it("deleted triggers disappear from getProjectTriggers; deleting twice does nothing", () => {
    const { script } = setup();
    const t = script.newTrigger("f").forSpreadsheet("workbook-1").onFormSubmit().create();
    const uid = t.getUniqueId();
    expect(script.getProjectTriggers().map((x) => x.getUniqueId())).toEqual([uid]);
    script.deleteTrigger(t);
    script.deleteTrigger(t);
    expect(script.getProjectTriggers()).toEqual([]);
  });

  it("is one of the globals of the fake environment, with FormApp", () => {
    const env = createGasEnvironment();
    const context = vm.createContext({ ...env.globals });
    expect(vm.runInContext("typeof ScriptApp.newTrigger + ' ' + typeof FormApp.create", context)).toBe(
      "function function",
    );
  });
});
