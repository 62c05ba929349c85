// A fake of ScriptApp's installable triggers (the narrow surface of src/gas/forms-surface.ts):
// newTrigger(fn).forSpreadsheet(id).onFormSubmit().create(), newTrigger(fn).timeBased()
// .everyDays(n).atHour(h).create(), getProjectTriggers(), deleteTrigger(t) and the Trigger getters.
//
// Documented behaviour it reproduces:
// - at most 20 installable triggers per user per script (quotas page, «Current limitations»); the
//   21st create() throws "This script has too many triggers. Triggers must be deleted from the
//   script before more can be added.";
// - atHour(hour) takes 0–23 and belongs to a daily or weekly schedule; everyMinutes(n) takes 1,
//   5, 10, 15 or 30;
// - getTriggerSource() is SPREADSHEETS for spreadsheet triggers and CLOCK for time-driven ones,
//   getTriggerSourceId() the spreadsheet ID (null for clock triggers);
// - editor add-ons (option `addOn`): one trigger of each event type per user per document, and
//   time-driven triggers no more often than hourly («Triggers in add-ons» restrictions).
//
// Modelling choices where the documentation is silent: deleting a trigger that is already gone
// does nothing; a spreadsheet trigger created without an event, a clock trigger without a
// schedule, and the add-on restrictions throw messages of the fake's own (prefixed "Fake
// ScriptApp:"), since the real wording is not documented.
//
// Every call is counted in `calls` ("ScriptApp.newTrigger", "Trigger.getHandlerFunction", …).
// `triggers`, `describe()` and `triggersFor()` are uncounted test handles.

import type { ScriptAppLike } from "../../src/gas/forms-surface";
import type { CallCounter, FakeSpreadsheet } from "./gas";

type EventName = Exclude<keyof typeof GoogleAppsScript.Script.EventType, number>;
type SourceName = Exclude<keyof typeof GoogleAppsScript.Script.TriggerSource, number>;
type EventTypeValue = GoogleAppsScript.Script.EventType;
type TriggerSourceValue = GoogleAppsScript.Script.TriggerSource;

// Apps Script enum values are opaque; the fake uses the ordinals of the typings.
export const EVENT_TYPE: { readonly [K in EventName]: EventTypeValue } = {
  CLOCK: 0,
  ON_OPEN: 1,
  ON_EDIT: 2,
  ON_FORM_SUBMIT: 3,
  ON_CHANGE: 4,
  ON_EVENT_UPDATED: 5,
};

export const TRIGGER_SOURCE: { readonly [K in SourceName]: TriggerSourceValue } = {
  SPREADSHEETS: 0,
  CLOCK: 1,
  FORMS: 2,
  DOCUMENTS: 3,
  CALENDAR: 4,
};

export const AUTH_MODE = { NONE: 0, CUSTOM_FUNCTION: 1, LIMITED: 2, FULL: 3 } as const;

/** Installable triggers per user per script (Apps Script quotas, «Current limitations»). */
export const MAX_TRIGGERS_PER_USER = 20;

export const SCRIPT_MESSAGES = {
  tooManyTriggers:
    "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
  noEvent: "Fake ScriptApp: choose the event (onFormSubmit, onOpen, onEdit, onChange) before create().",
  noSchedule:
    "Fake ScriptApp: a time-based trigger needs a schedule (everyDays, everyHours…) before create().",
  atHourAlone: "Fake ScriptApp: atHour() belongs to a daily or weekly schedule (everyDays / everyWeeks).",
  addOnOnePerType: "Fake ScriptApp (add-on): only one trigger of each type per user per document.",
  addOnHourly: "Fake ScriptApp (add-on): time-driven triggers may run at most once an hour.",
  invalidArgument: (name: string) => `Invalid argument: ${name}`,
} as const;

export interface TriggerState {
  uniqueId: string;
  handler: string;
  event: EventName;
  source: SourceName;
  /** The spreadsheet ID for spreadsheet triggers, null for clock triggers. */
  sourceId: string | null;
  schedule: {
    everyDays?: number;
    everyHours?: number;
    everyMinutes?: number;
    everyWeeks?: number;
    atHour?: number;
    timezone?: string;
  };
}

export class FakeTrigger {
  constructor(
    private readonly calls: CallCounter,
    readonly state: TriggerState,
  ) {}

  private count(method: string): void {
    this.calls.count(`Trigger.${method}`);
  }

  getHandlerFunction(): string {
    this.count("getHandlerFunction");
    return this.state.handler;
  }

  getEventType(): EventTypeValue {
    this.count("getEventType");
    return EVENT_TYPE[this.state.event];
  }

  getUniqueId(): string {
    this.count("getUniqueId");
    return this.state.uniqueId;
  }

  getTriggerSource(): TriggerSourceValue {
    this.count("getTriggerSource");
    return TRIGGER_SOURCE[this.state.source];
  }

  getTriggerSourceId(): string {
    this.count("getTriggerSourceId");
    // The typings say string; clock triggers have no source document.
    return this.state.sourceId as string;
  }
}

export class FakeSpreadsheetTriggerBuilder {
  private event: EventName | null = null;

  constructor(
    private readonly app: FakeScriptApp,
    private readonly handler: string,
    private readonly spreadsheetId: string,
  ) {}

  private set(method: string, event: EventName): this {
    this.app.calls.count(`SpreadsheetTriggerBuilder.${method}`);
    this.event = event;
    return this;
  }

  onFormSubmit(): this {
    return this.set("onFormSubmit", "ON_FORM_SUBMIT");
  }

  onOpen(): this {
    return this.set("onOpen", "ON_OPEN");
  }

  onEdit(): this {
    return this.set("onEdit", "ON_EDIT");
  }

  onChange(): this {
    return this.set("onChange", "ON_CHANGE");
  }

  create(): FakeTrigger {
    this.app.calls.count("SpreadsheetTriggerBuilder.create");
    if (!this.event) throw new Error(SCRIPT_MESSAGES.noEvent);
    return this.app.install({
      handler: this.handler,
      event: this.event,
      source: "SPREADSHEETS",
      sourceId: this.spreadsheetId,
      schedule: {},
    });
  }
}

export class FakeClockTriggerBuilder {
  private readonly schedule: TriggerState["schedule"] = {};

  constructor(
    private readonly app: FakeScriptApp,
    private readonly handler: string,
  ) {}

  private count(method: string): void {
    this.app.calls.count(`ClockTriggerBuilder.${method}`);
  }

  private positive(n: number, name: string): number {
    if (!Number.isInteger(n) || n < 1) throw new Error(SCRIPT_MESSAGES.invalidArgument(name));
    return n;
  }

  everyDays(n: number): this {
    this.count("everyDays");
    this.schedule.everyDays = this.positive(n, "n");
    return this;
  }

  everyWeeks(n: number): this {
    this.count("everyWeeks");
    this.schedule.everyWeeks = this.positive(n, "n");
    return this;
  }

  everyHours(n: number): this {
    this.count("everyHours");
    this.schedule.everyHours = this.positive(n, "n");
    return this;
  }

  /** The documentation allows 1, 5, 10, 15 or 30. */
  everyMinutes(n: number): this {
    this.count("everyMinutes");
    if (![1, 5, 10, 15, 30].includes(n)) throw new Error(SCRIPT_MESSAGES.invalidArgument("n"));
    this.schedule.everyMinutes = n;
    return this;
  }

  atHour(hour: number): this {
    this.count("atHour");
    if (!Number.isInteger(hour) || hour < 0 || hour > 23)
      throw new Error(SCRIPT_MESSAGES.invalidArgument("hour"));
    this.schedule.atHour = hour;
    return this;
  }

  inTimezone(timezone: string): this {
    this.count("inTimezone");
    this.schedule.timezone = timezone;
    return this;
  }

  create(): FakeTrigger {
    this.count("create");
    const s = this.schedule;
    if (s.atHour !== undefined && s.everyDays === undefined && s.everyWeeks === undefined) {
      throw new Error(SCRIPT_MESSAGES.atHourAlone);
    }
    const every = [s.everyDays, s.everyHours, s.everyMinutes, s.everyWeeks];
    if (every.every((n) => n === undefined)) throw new Error(SCRIPT_MESSAGES.noSchedule);
    return this.app.install({
      handler: this.handler,
      event: "CLOCK",
      source: "CLOCK",
      sourceId: null,
      schedule: { ...s },
    });
  }
}

export class FakeTriggerBuilder {
  constructor(
    private readonly app: FakeScriptApp,
    private readonly handler: string,
  ) {}

  forSpreadsheet(key: string | FakeSpreadsheet): FakeSpreadsheetTriggerBuilder {
    this.app.calls.count("TriggerBuilder.forSpreadsheet");
    const id = typeof key === "string" ? key : key.state.id;
    if (!id) throw new Error(SCRIPT_MESSAGES.invalidArgument("key"));
    return new FakeSpreadsheetTriggerBuilder(this.app, this.handler, id);
  }

  timeBased(): FakeClockTriggerBuilder {
    this.app.calls.count("TriggerBuilder.timeBased");
    return new FakeClockTriggerBuilder(this.app, this.handler);
  }
}

export interface FakeScriptAppOptions {
  /** Apply the editor add-on restrictions (one trigger per type per document, at most hourly). */
  addOn?: boolean;
}

export class FakeScriptApp implements ScriptAppLike {
  readonly EventType = EVENT_TYPE;
  readonly TriggerSource = TRIGGER_SOURCE;
  readonly AuthMode = AUTH_MODE;
  /** Test handle: the current user's triggers of this project, in creation order. */
  readonly triggers: TriggerState[] = [];
  private nextId = 4034124084959907503n;

  constructor(
    readonly calls: CallCounter,
    private readonly options: FakeScriptAppOptions = {},
  ) {}

  newTrigger(functionName: string): FakeTriggerBuilder {
    this.calls.count("ScriptApp.newTrigger");
    if (typeof functionName !== "string" || functionName.trim() === "") {
      throw new Error(SCRIPT_MESSAGES.invalidArgument("functionName"));
    }
    return new FakeTriggerBuilder(this, functionName);
  }

  getProjectTriggers(): FakeTrigger[] {
    this.calls.count("ScriptApp.getProjectTriggers");
    return this.triggers.map((t) => new FakeTrigger(this.calls, t));
  }

  deleteTrigger(trigger: FakeTrigger | { getUniqueId(): string }): void {
    this.calls.count("ScriptApp.deleteTrigger");
    const uid = trigger instanceof FakeTrigger ? trigger.state.uniqueId : trigger.getUniqueId();
    const i = this.triggers.findIndex((t) => t.uniqueId === uid);
    if (i >= 0) this.triggers.splice(i, 1);
  }

  /** Not counted: adds a trigger once the builder has checked its own arguments. */
  install(spec: Omit<TriggerState, "uniqueId">): FakeTrigger {
    if (this.triggers.length >= MAX_TRIGGERS_PER_USER) throw new Error(SCRIPT_MESSAGES.tooManyTriggers);
    if (this.options.addOn) {
      if (this.triggers.some((t) => t.event === spec.event && t.sourceId === spec.sourceId)) {
        throw new Error(SCRIPT_MESSAGES.addOnOnePerType);
      }
      if (spec.schedule.everyMinutes !== undefined) throw new Error(SCRIPT_MESSAGES.addOnHourly);
    }
    const state: TriggerState = { ...spec, uniqueId: String(this.nextId++) };
    this.triggers.push(state);
    return new FakeTrigger(this.calls, state);
  }

  /** Test handle: the triggers that fire for this event of this spreadsheet (or clock). */
  triggersFor(event: EventName, sourceId: string | null = null): TriggerState[] {
    return this.triggers.filter((t) => t.event === event && t.sourceId === sourceId);
  }

  /** Test handle: a readable list of the triggers. */
  describe(): {
    handler: string;
    event: EventName;
    sourceId: string | null;
    atHour?: number;
    everyDays?: number;
  }[] {
    return this.triggers.map((t) => ({
      handler: t.handler,
      event: t.event,
      sourceId: t.sourceId,
      ...(t.schedule.atHour !== undefined ? { atHour: t.schedule.atHour } : {}),
      ...(t.schedule.everyDays !== undefined ? { everyDays: t.schedule.everyDays } : {}),
    }));
  }
}
