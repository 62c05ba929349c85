// The part of the sidebar contract that serves «Рассылки». Plain JSON only.

import type { scheduleMeetings } from "./meetings";
import type { ReminderPreview, ReminderRunResult } from "./reminders";

/** The daily trigger as the sidebar shows it. */
export interface DailyTriggerState {
  /** The current user has the daily trigger of this workbook installed. */
  installed: boolean;
  /** The hour it was installed for (script time zone), as recorded when installing; null: unknown. */
  hour: number | null;
  /** Who installed it (their email; "" when unknown). */
  by: string;
  /**
   * Installed by another person (recorded in the workbook, not among the current user's triggers):
   * the mail goes from their account and only they can turn it off.
   */
  byOther: boolean;
}

/** «Журнал рассылок» at a glance, counted by message key (its latest status). */
export interface MailLogCounts {
  /** Recipients who got an email today. */
  sentToday: number;
  /** Messages postponed (quota, time) that the next run sends first. */
  postponed: number;
  /** Messages that failed (invalid address, refused). */
  failed: number;
  /** Messages whose run stopped mid-way: maybe sent, never resent. */
  uncertain: number;
}

export interface RemindersState {
  /** «Настройки» and «Журнал рассылок» exist (the workbook is set up). */
  setUp: boolean;
  trigger: DailyTriggerState;
  /** «Час ежедневной рассылки» from «Настройки» (the default when it is not a valid hour). */
  hour: number;
  /** The setting is not an hour 0–23 (Russian, names the row); null when fine. */
  hourProblem: string | null;
  /** Recipients that may still be sent to today (MailApp.getRemainingDailyQuota()). */
  quota: number;
  /** The last daily run in «Журнал»: ISO time, outcome, details. */
  lastRun: { time: string; outcome: string; details: string } | null;
  /** ISO time of the last email sent (from «Журнал рассылок»). */
  lastSent: string | null;
  counts: MailLogCounts;
  /** The sender name of the emails («Краткое наименование»). */
  sender: string;
  /** Where the curator's digest goes («Email куратора»); "" when not filled in. */
  curatorEmail: string;
}

export interface TriggerResponse {
  /** What was done, in Russian. */
  lines: string[];
  state: RemindersState;
}

export interface PreviewResponse {
  preview: ReminderPreview;
  /** Recipients that may still be sent to today: emails beyond it would be postponed. */
  quota: number;
}

export interface SendNowResponse {
  result: ReminderRunResult;
  state: RemindersState;
}

export type MeetingsScheduleResult = ReturnType<typeof scheduleMeetings>;

export interface ScheduleMeetingsResponse {
  result: MeetingsScheduleResult;
}

/** Server functions of «Рассылки». */
export interface RemindersApi {
  /** The trigger, the hour, the quota, the last run and what waits in «Журнал рассылок». Writes nothing. */
  apiRemindersState(): RemindersState;
  /** Exactly what would go to whom today; sends and writes nothing. */
  apiPreviewReminders(): PreviewResponse;
  /** Sends today's emails now (the same run as the daily trigger, never twice). */
  apiSendRemindersNow(): SendNowResponse;
  /** Installs the daily trigger at the hour of «Настройки» (moves it when the hour changed). */
  apiInstallDailyTrigger(): TriggerResponse;
  /** Removes the current user's daily trigger. */
  apiRemoveDailyTrigger(): TriggerResponse;
  /** Plans the meetings of approved pairs that have none yet in «Встречи». */
  apiScheduleMeetings(): ScheduleMeetingsResponse;
}

export const REMINDERS_SERVER_FUNCTIONS = [
  "apiRemindersState",
  "apiPreviewReminders",
  "apiSendRemindersNow",
  "apiInstallDailyTrigger",
  "apiRemoveDailyTrigger",
  "apiScheduleMeetings",
] as const satisfies readonly (keyof RemindersApi)[];
