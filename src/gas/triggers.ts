// The Apps Script adapter of the TriggersPort: installable triggers of this workbook.
//
// - ensure() is idempotent: one trigger per handler and event («on form submit» of this
//   spreadsheet, or a daily clock trigger); a second call finds the first trigger and installs
//   nothing. The hour of an existing daily trigger cannot be read back from Apps Script: to change
//   it, remove() and ensure() again.
// - Spreadsheet triggers of other spreadsheets (an add-on's triggers in other workbooks) are
//   neither counted, listed nor removed. Clock triggers have no source document.
// - Apps Script allows 20 installable triggers per user per script; hitting the limit becomes a
//   Russian message telling the curator what to do.

import { UserError } from "../app/errors";
import type { TriggersPort } from "../app/ports";
import type { EventTypeValue, ScriptAppLike, TriggerLike } from "./forms-surface";

/** The hour (script time zone) of a daily trigger when none is given. */
export const DEFAULT_DAILY_HOUR = 7;

export const TOO_MANY_TRIGGERS_MESSAGE =
  "Google разрешает не больше 20 триггеров на пользователя в одном проекте, и они уже заняты. " +
  "Удалите ненужные триггеры (Расширения → Apps Script → Триггеры) и повторите.";

type Event = "formSubmit" | "daily";

/** Enum values of Apps Script are objects: compare them, or their names. */
function sameEnum(a: unknown, b: unknown): boolean {
  return a === b || String(a) === String(b);
}

export class GasTriggers implements TriggersPort {
  /**
   * @param app         ScriptApp (or a fake)
   * @param spreadsheet the workbook whose «on form submit» triggers these are
   */
  constructor(
    private readonly app: ScriptAppLike,
    private readonly spreadsheet: { getId(): string },
  ) {}

  ensure(handler: string, event: Event, hour?: number): boolean {
    if (handler.trim() === "") throw new Error("Не указана функция триггера");
    const at = hour ?? DEFAULT_DAILY_HOUR;
    if (event === "daily" && (!Number.isInteger(at) || at < 0 || at > 23)) {
      throw new UserError(`Час ежедневного запуска должен быть целым числом от 0 до 23, а не «${hour}».`);
    }
    const spreadsheetId = this.spreadsheet.getId();
    const exists = this.app
      .getProjectTriggers()
      .some((t) => t.getHandlerFunction() === handler && this.eventOf(t, spreadsheetId) === event);
    if (exists) return false;
    try {
      const builder = this.app.newTrigger(handler);
      if (event === "formSubmit") builder.forSpreadsheet(spreadsheetId).onFormSubmit().create();
      else builder.timeBased().everyDays(1).atHour(at).create();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/too many triggers/i.test(message)) throw new UserError(TOO_MANY_TRIGGERS_MESSAGE);
      throw error;
    }
    return true;
  }

  remove(handler: string): number {
    const spreadsheetId = this.spreadsheet.getId();
    let removed = 0;
    for (const trigger of this.app.getProjectTriggers()) {
      if (trigger.getHandlerFunction() !== handler) continue;
      if (this.eventOf(trigger, spreadsheetId) === null) continue;
      this.app.deleteTrigger(trigger);
      removed++;
    }
    return removed;
  }

  list(): { handler: string; event: string }[] {
    const spreadsheetId = this.spreadsheet.getId();
    const out: { handler: string; event: string }[] = [];
    for (const trigger of this.app.getProjectTriggers()) {
      const event = this.eventOf(trigger, spreadsheetId);
      if (event !== null) out.push({ handler: trigger.getHandlerFunction(), event });
    }
    return out;
  }

  /**
   * The trigger's event as the port names it ("daily" for clock triggers, "formSubmit", "open",
   * "edit", "change", "other"), or null for a spreadsheet trigger of another spreadsheet.
   */
  private eventOf(trigger: TriggerLike, spreadsheetId: string): string | null {
    const type: EventTypeValue = trigger.getEventType();
    const E = this.app.EventType;
    if (sameEnum(type, E.CLOCK)) return "daily";
    if (trigger.getTriggerSourceId() !== spreadsheetId) return null;
    if (sameEnum(type, E.ON_FORM_SUBMIT)) return "formSubmit";
    if (sameEnum(type, E.ON_OPEN)) return "open";
    if (sameEnum(type, E.ON_EDIT)) return "edit";
    if (sameEnum(type, E.ON_CHANGE)) return "change";
    return "other";
  }
}
