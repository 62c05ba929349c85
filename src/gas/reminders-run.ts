// Meetings and reminders in Apps Script: the daily run of the installable trigger, sending now
// from the sidebar, the trigger itself, and the state «Рассылки» shows. The server functions in
// src/gas/api-reminders.ts and dailyRun in src/gas/main.ts call these (this module exports no
// top-level Apps Script function of its own).
//
// Service calls: every function here reads each sheet it needs once; sending costs one
// MailApp.sendEmail per recipient and nothing more per pair (see sendReminders).

import type { DailyTriggerState, MailLogCounts, RemindersState } from "../app/contract-reminders";
import { DAILY_ACTION, runDailySteps } from "../app/daily";
import { UserError } from "../app/errors";
import { writeJournal } from "../app/journal";
import type { Env, FormsPort, MailPort, MetaStore, TriggersPort } from "../app/ports";
import { type ReminderRunResult, sendReminders } from "../app/reminders";
import { readSettings, type SettingsRead } from "../app/settings";
import type { CellValue } from "../domain/cells";
import { SETTINGS, sheetDef } from "../domain/schema";
import { readTable } from "../domain/table";
import { gasCharts, gasEnv, gasForms, gasMail } from "./env";
import { guarded } from "./guarded";
import { DAILY_HANDLER } from "./menu";

/** The «Журнал» action of the daily run (the sidebar shows its last line). */
export { DAILY_ACTION };
/** Time a run may spend sending before it leaves the rest for the next run (Apps Script stops at 6 min). */
export const SEND_BUDGET_MS = 4 * 60 * 1000;
/** Where the installed trigger's hour and owner are recorded (MetaStore: document properties). */
export const TRIGGER_META_KEY = "reminders:dailyTrigger";

const STATUS = {
  sent: "Отправлено",
  sending: "Отправляется",
  failed: "Ошибка",
  postponed: "Отложено",
  unknown: "Неизвестно",
} as const;

function hourSetting(settings: SettingsRead): { hour: number; problem: string | null } {
  const fallback = Number(SETTINGS.find((s) => s.key === "dailyRunHour")?.value ?? 8);
  const value = settings.values.dailyRunHour;
  const label = SETTINGS.find((s) => s.key === "dailyRunHour")?.label ?? "Час ежедневной рассылки";
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 23) {
    return { hour: value, problem: null };
  }
  return {
    hour: fallback,
    problem: `Лист «Настройки», «${label}»: нужен час от 0 до 23, а не «${String(value)}». Пока используется ${fallback}:00.`,
  };
}

export function hourText(hour: number): string {
  return `${hour}:00`;
}

interface TriggerRecord {
  hour: number;
  by: string;
  at: string;
}

function readTriggerRecord(meta: MetaStore): TriggerRecord | null {
  const raw = meta.get(TRIGGER_META_KEY);
  if (!raw) return null;
  try {
    const o = JSON.parse(raw) as Partial<TriggerRecord>;
    if (typeof o.hour !== "number") return null;
    return {
      hour: o.hour,
      by: typeof o.by === "string" ? o.by : "",
      at: typeof o.at === "string" ? o.at : "",
    };
  } catch {
    return null;
  }
}

function triggerState(env: Env, triggers: TriggersPort): DailyTriggerState {
  const installed = triggers.list().some((t) => t.handler === DAILY_HANDLER && t.event === "daily");
  const record = readTriggerRecord(env.meta);
  const me = env.user.current().toLowerCase();
  const byOther = !installed && record !== null && record.by !== "" && record.by.toLowerCase() !== me;
  return {
    installed,
    hour: installed || byOther ? (record?.hour ?? null) : null,
    by: installed || byOther ? (record?.by ?? "") : "",
    byOther,
  };
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

function isDate(value: unknown): value is Date {
  return (
    Object.prototype.toString.call(value) === "[object Date]" && !Number.isNaN((value as Date).getTime())
  );
}

/** «Журнал рассылок» by message key (the latest row of a key tells its status). */
function mailLogCounts(
  values: CellValue[][] | null,
  today: Date,
): { counts: MailLogCounts; lastSent: string | null } {
  const counts: MailLogCounts = { sentToday: 0, postponed: 0, failed: 0, uncertain: 0 };
  if (!values || values.length === 0) return { counts, lastSent: null };
  const table = readTable("mailLog", values);
  const latest = new Map<string, string>();
  const recipientsToday = new Set<string>();
  let lastSent: Date | null = null;
  for (const { record } of table.rows) {
    const status = record.status.trim();
    latest.set(record.key, status);
    if (status !== STATUS.sent || !isDate(record.time)) continue;
    if (!lastSent || record.time.getTime() > lastSent.getTime()) lastSent = record.time;
    if (sameDay(record.time, today)) recipientsToday.add(record.recipient.toLowerCase());
  }
  for (const status of latest.values()) {
    if (status === STATUS.postponed) counts.postponed++;
    else if (status === STATUS.failed) counts.failed++;
    else if (status === STATUS.unknown || status === STATUS.sending) counts.uncertain++;
  }
  counts.sentToday = recipientsToday.size;
  return { counts, lastSent: lastSent ? lastSent.toISOString() : null };
}

/** The last line of the daily run in «Журнал». */
function lastDailyRun(env: Env): RemindersState["lastRun"] {
  const values = env.workbook.read(sheetDef("journal").name);
  if (!values || values.length < 2) return null;
  const table = readTable("journal", values);
  let last: RemindersState["lastRun"] = null;
  let lastTime = -Infinity;
  for (const { record } of table.rows) {
    if (record.action !== DAILY_ACTION || !isDate(record.time)) continue;
    if (record.time.getTime() < lastTime) continue;
    lastTime = record.time.getTime();
    last = { time: record.time.toISOString(), outcome: record.outcome, details: record.details };
  }
  return last;
}

/** What «Рассылки» shows. Reads «Настройки», «Журнал рассылок» and «Журнал» once each; writes nothing. */
export function remindersState(env: Env, triggers: TriggersPort, mail: MailPort): RemindersState {
  const settingsValues = env.workbook.read("Настройки");
  const mailLog = env.workbook.read(sheetDef("mailLog").name);
  const settings = readSettings(settingsValues);
  const { hour, problem } = hourSetting(settings);
  const { counts, lastSent } = mailLogCounts(mailLog, env.clock.now());
  return {
    setUp: settingsValues !== null && mailLog !== null,
    trigger: triggerState(env, triggers),
    hour,
    hourProblem: problem,
    quota: mail.remainingQuota(),
    lastRun: lastDailyRun(env),
    lastSent,
    counts,
    sender: String(settings.values.orgShortName ?? ""),
    curatorEmail: String(settings.values.curatorEmail ?? ""),
  };
}

/** Installs the daily trigger at the hour of «Настройки»; moves it when that hour changed. */
export function installDailyTrigger(env: Env, triggers: TriggersPort): string[] {
  const { hour, problem } = hourSetting(readSettings(env.workbook.read("Настройки")));
  if (problem) throw new UserError(problem);
  const record = readTriggerRecord(env.meta);
  const me = env.user.current();
  const mine = triggers.list().some((t) => t.handler === DAILY_HANDLER && t.event === "daily");
  const lines: string[] = [];
  if (mine && record && record.hour === hour) {
    lines.push(`Ежедневная рассылка уже включена: каждый день в ${hourText(hour)}. Ничего не изменено.`);
    return lines;
  }
  if (mine) {
    triggers.remove(DAILY_HANDLER);
    triggers.ensure(DAILY_HANDLER, "daily", hour);
    lines.push(
      record
        ? `Время рассылки перенесено: было ${hourText(record.hour)}, теперь ${hourText(hour)}.`
        : `Ежедневная рассылка переустановлена: каждый день в ${hourText(hour)}.`,
    );
  } else {
    triggers.ensure(DAILY_HANDLER, "daily", hour);
    lines.push(
      `Ежедневная рассылка включена: каждый день в ${hourText(hour)} (по часовому поясу таблицы) ` +
        "обновляются сроки и встречи и уходят напоминания.",
    );
    if (record?.by && record.by.toLowerCase() !== me.toLowerCase()) {
      lines.push(
        `Раньше рассылку включал(а) ${record.by}. Если у него (неё) она ещё работает, письма всё равно не повторятся.`,
      );
    }
  }
  lines.push(
    `Письма уходят от вашего имени${me ? ` (${me})` : ""}; отправленное отмечается в «Журнал рассылок».`,
  );
  env.meta.set(TRIGGER_META_KEY, JSON.stringify({ hour, by: me, at: env.clock.now().toISOString() }));
  writeJournal(env, [
    { action: "Включить ежедневную рассылку", outcome: "успешно", details: lines.join("\n") },
  ]);
  return lines;
}

/** Removes the current user's daily trigger. */
export function removeDailyTrigger(env: Env, triggers: TriggersPort): string[] {
  const record = readTriggerRecord(env.meta);
  const me = env.user.current().toLowerCase();
  const removed = triggers.remove(DAILY_HANDLER);
  const lines: string[] = [];
  if (removed > 0) {
    lines.push("Ежедневная рассылка выключена. «Отправить сейчас» по-прежнему работает.");
    if (!record || record.by === "" || record.by.toLowerCase() === me) env.meta.set(TRIGGER_META_KEY, "");
  } else if (record?.by && record.by.toLowerCase() !== me) {
    throw new UserError(
      `Ежедневную рассылку включил(а) ${record.by}: выключить её может только он (она) на этой панели ` +
        "или в Расширения → Apps Script → Триггеры.",
    );
  } else {
    env.meta.set(TRIGGER_META_KEY, "");
    lines.push("Ежедневная рассылка и так выключена.");
  }
  writeJournal(env, [
    { action: "Выключить ежедневную рассылку", outcome: "успешно", details: lines.join("\n") },
  ]);
  return lines;
}

/** The Forms service when this workbook has questionnaires (their links go into the emails), else null. */
export function formsIfAny(env: Env): FormsPort | null {
  const values = env.workbook.read(sheetDef("forms").name);
  if (!values || values.length < 2) return null;
  const table = readTable("forms", values);
  return table.rows.some((r) => r.record.formId.trim() !== "") ? gasForms() : null;
}

/** One sending run: today's emails within the quota and the time budget, never twice. */
export function runReminders(env: Env, mail: MailPort = gasMail()): ReminderRunResult {
  return sendReminders(env, mail, formsIfAny(env), { budgetMs: SEND_BUDGET_MS });
}

/**
 * The daily trigger: brings roadmap deadlines and meeting figures up to date, sends the day's
 * reminders and recomputes «Мониторинг» (src/app/daily.ts, the same steps as the local edition).
 * Each step runs guarded — a failing step is logged to «Журнал» and the others still run — and
 * the run ends with one «Ежедневный запуск» line summing up all steps.
 */
export function runDaily(): void {
  const env = gasEnv();
  // MailApp sends synchronously, so the run is too (no Promise reaches Apps Script).
  runDailySteps(env, { guard: guarded, send: () => runReminders(env), charts: gasCharts() });
}
