// Use cases «Предпросмотр рассылки» and «Отправить напоминания»: read the workbook once, plan
// today's messages (src/domain/reminders), one email per recipient, send within the quota and
// the time budget — never the same message twice.
//
// Exactly-once protocol, with «Журнал рассылок» as the write-ahead log:
// 1. under the lock: read the log, plan, take the emails that fit the quota, and append one row
//    per message key — «Отправляется» for those to send, «Отложено» for those over the quota —
//    in ONE append; rows «Отправляется» of a run that died are marked «Неизвестно» (never resent);
// 2. without the lock: send each email;
// 3. under the lock: write every row's outcome in ONE write — «Отправлено» only for accepted
//    emails, «Ошибка» with the reason (a rejected address is not retried; other failures are,
//    up to three attempts), «Отложено» for emails not attempted (planned again next run).
// A second run racing the first sees its «Отправляется» rows and skips those keys (and their
// recipients, who have had their email today). Service calls per run do not depend on the number
// of pairs or people: one read per sheet, one append, two writes, one send per recipient, and at
// most eight prefilled-link calls.

import type { FormKind } from "../domain/forms";
import { type DateOnly, formatDate, isoDate, normalizeDate } from "../domain/normalize";
import { composeEmails, type PlannedEmail, selectForQuota } from "../domain/reminders/compose";
import { neededTemplates, prefillAnswers, templateKey } from "../domain/reminders/links";
import { ADDRESS_REJECTED, MAX_ATTEMPTS, readLog } from "../domain/reminders/log";
import { planReminderRun } from "../domain/reminders/plan";
import {
  FAILED,
  type FormLinks,
  KIND_NAMES,
  type MailLogEntry,
  POSTPONED,
  type ReminderInput,
  type ReminderKind,
  type ReminderPlan,
  type ReminderSettings,
  SENDING,
  SENT,
  UNKNOWN,
} from "../domain/reminders/types";
import { type SheetKey, sheetDef } from "../domain/schema";
import { type CellIssue, describeIssue, readTable, recordToRow, type TableRead } from "../domain/table";
import { type Outcome, writeJournal } from "./journal";
import type { CellWrite, Env, FormsPort, MailMessage, MailPort, WorkbookPort } from "./ports";
import { readRecords } from "./records";
import { readSettings, type SettingsValues } from "./settings";

export interface ReminderEmailView {
  to: string;
  name: string;
  subject: string;
  items: { kind: string; summary: string }[];
  text: string;
}

export interface ReminderPreview {
  /** ISO date of the run. */
  date: string;
  emails: ReminderEmailView[];
  /** Messages due today already in «Журнал рассылок». */
  alreadySent: number;
  /** People who would get something but have no valid address. */
  withoutAddress: number;
  lines: string[];
}

export interface ReminderRunResult {
  date: string;
  quota: number;
  sent: { to: string; subject: string; messages: number }[];
  failed: { to: string; reason: string }[];
  postponed: { to: string; subject: string }[];
  /** Messages of a run that died mid-way, marked «Неизвестно» now (not resent). */
  uncertain: number;
  lines: string[];
}

export interface PreparedRun {
  date: string;
  quota: number;
  emails: (MailMessage & { keys: string[]; rows: number[] })[];
  postponed: { to: string; subject: string }[];
  uncertain: number;
  /** What planning noticed (already sent, held until tomorrow, link problems), Russian. */
  notes?: string[];
}

/** Default time for sending in one Apps Script execution (6 minutes at most, reads and writes too). */
export const DEFAULT_SEND_BUDGET_MS = 4 * 60_000;

const ACTION = "Рассылка напоминаний";

function localDay(d: Date): DateOnly {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/** A sheet that may be missing in an older workbook: empty then; a broken header still throws. */
function optional<K extends SheetKey>(workbook: WorkbookPort, key: K): TableRead<K> | null {
  const values = workbook.read(sheetDef(key).name);
  if (values === null || values.length === 0) return null;
  return readTable(key, values);
}

function rows<K extends SheetKey>(table: TableRead<K> | null) {
  return (table?.rows ?? []).map((r) => r.record);
}

function reminderSettings(v: SettingsValues): ReminderSettings {
  const num = (x: unknown, fallback: number) => (typeof x === "number" && Number.isFinite(x) ? x : fallback);
  return {
    reminderDaysBefore: num(v.reminderDaysBefore, 7),
    inactivityDays: num(v.inactivityDays, 30),
    feedbackEntryDays: num(v.feedbackEntryDays, 14),
    feedbackFinalDaysBefore: num(v.feedbackFinalDaysBefore, 14),
    formReminderEveryDays: num(v.formReminderEveryDays, 7),
    curatorEmail: String(v.curatorEmail ?? ""),
    curatorName: String(v.curatorName ?? ""),
    orgShortName: String(v.orgShortName ?? ""),
  };
}

const URL_SETTING: Record<FormKind, keyof SettingsValues> = {
  mentee: "formUrlMentee",
  mentor: "formUrlMentor",
  preference: "formUrlPreference",
  feedback: "formUrlFeedback",
};

interface Loaded {
  now: Date;
  today: DateOnly;
  settings: SettingsValues;
  input: ReminderInput;
  log: TableRead<"mailLog">;
  formIds: Partial<Record<FormKind, string>>;
  issues: CellIssue[];
}

/** Reads every sheet planning needs, once each. */
function load(env: Env): Loaded {
  const now = env.clock.now();
  const settings = readSettings(env.workbook.read(sheetDef("settings").name)).values;
  const log = readRecords(env.workbook, "mailLog");
  const register = optional(env.workbook, "forms");
  const published: Partial<Record<FormKind, string>> = {};
  const formIds: Partial<Record<FormKind, string>> = {};
  for (const kind of Object.keys(URL_SETTING) as FormKind[]) {
    const row = register?.rows.find((r) => r.record.formKind === kind)?.record;
    const url = row?.publishedUrl || String(settings[URL_SETTING[kind]] ?? "").trim();
    if (url) published[kind] = url;
    if (row?.formId) formIds[kind] = row.formId;
  }
  const tables = {
    roadmap: optional(env.workbook, "roadmap"),
    team: optional(env.workbook, "team"),
    pairs: optional(env.workbook, "pairs"),
    mentors: optional(env.workbook, "mentors"),
    mentees: optional(env.workbook, "mentees"),
    meetings: optional(env.workbook, "meetings"),
    feedback: optional(env.workbook, "feedback"),
    preferences: optional(env.workbook, "preferences"),
    journal: optional(env.workbook, "journal"),
  };
  const issues = [
    ...(tables.team?.issues ?? []),
    ...(tables.mentors?.issues ?? []).filter((i) => i.column.toLowerCase().includes("email")),
    ...(tables.mentees?.issues ?? []).filter((i) => i.column.toLowerCase().includes("email")),
  ];
  const input: ReminderInput = {
    now,
    settings: reminderSettings(settings),
    roadmap: rows(tables.roadmap),
    team: rows(tables.team),
    pairs: rows(tables.pairs),
    mentors: rows(tables.mentors),
    mentees: rows(tables.mentees),
    meetings: rows(tables.meetings),
    feedback: rows(tables.feedback),
    preferences: rows(tables.preferences),
    forms: { published, prefilled: {} },
    mailLog: log.rows.map(
      (r): MailLogEntry => ({
        key: r.record.key,
        status: r.record.status,
        reason: r.record.reason,
        time: r.record.time,
      }),
    ),
    journalErrors: rows(tables.journal)
      .filter((j) => j.outcome.trim().toLowerCase() === "ошибка")
      .map((j) => ({ time: j.time, action: j.action, details: j.details })),
  };
  return { now, today: localDay(now), settings, input, log, formIds, issues };
}

/**
 * Personal links: one FormsPort call per template (form, role, stage) with a placeholder for
 * the pair — never one per person. A failing form falls back to its plain link.
 */
function linkTemplates(
  forms: FormsPort | null,
  formIds: Partial<Record<FormKind, string>>,
  plan: ReminderPlan,
  problems: string[],
): FormLinks["prefilled"] {
  const out: FormLinks["prefilled"] = {};
  if (!forms) return out;
  const failed = new Set<string>();
  for (const spec of neededTemplates(plan.messages)) {
    const formId = formIds[spec.form];
    if (!formId || failed.has(spec.form)) continue;
    try {
      out[templateKey(spec)] = forms.prefilledUrl(formId, prefillAnswers(spec));
    } catch (error) {
      failed.add(spec.form);
      problems.push(
        `Личные ссылки на анкету не созданы (в письмах — общая ссылка): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return out;
}

interface Planned {
  loaded: Loaded;
  plan: ReminderPlan;
  emails: PlannedEmail[];
  problems: string[];
}

function planToday(env: Env, forms: FormsPort | null): Planned {
  const loaded = load(env);
  const problems: string[] = [];
  let plan = planReminderRun(loaded.input, loaded.today);
  const prefilled = linkTemplates(forms, loaded.formIds, plan, problems);
  if (Object.keys(prefilled).length > 0) {
    loaded.input = { ...loaded.input, forms: { ...loaded.input.forms, prefilled } };
    plan = planReminderRun(loaded.input, loaded.today);
  }
  const s = loaded.input.settings;
  const emails = composeEmails(plan.messages, {
    orgShortName: s.orgShortName,
    curatorName: s.curatorName,
    curatorEmail: s.curatorEmail,
    date: loaded.today,
  });
  for (const issue of loaded.issues.slice(0, 10))
    problems.push(`${describeIssue(issue)}. Исправьте ячейку — до тех пор напоминания по ней не уходят.`);
  return { loaded, plan, emails, problems };
}

function planNotes(planned: Planned): string[] {
  const { plan } = planned;
  const lines: string[] = [];
  if (plan.alreadySent > 0) lines.push(`Уже отправлено раньше и не повторяется: ${plan.alreadySent}.`);
  if (plan.heldForTomorrow > 0)
    lines.push(
      `Адресатов, которые сегодня уже получили письмо: ${plan.heldForTomorrow} — новое для них уйдёт завтра (одно письмо в день).`,
    );
  if (plan.withoutAddress > 0)
    lines.push(`Без действительного адреса (напоминания им не уходят): ${plan.withoutAddress}.`);
  if (plan.stale.length > 0)
    lines.push(
      `Прерванная рассылка: ${plan.stale.length} напоминаний в статусе «Отправляется» отмечаются «Неизвестно» — повторно они не отправляются.`,
    );
  lines.push(...planned.problems);
  return lines;
}

function count(n: number, one: string, few: string, many: string): string {
  const a = n % 100;
  const b = n % 10;
  const word = a > 10 && a < 20 ? many : b === 1 ? one : b >= 2 && b <= 4 ? few : many;
  return `${n} ${word}`;
}

/** What a run would send today, to whom; writes nothing (the quota is not applied). */
export function previewReminders(env: Env, forms: FormsPort | null): ReminderPreview {
  const planned = planToday(env, forms);
  const { loaded, emails, plan } = planned;
  const messages = emails.reduce((n, e) => n + e.messages.length, 0);
  const lines = [
    emails.length > 0
      ? `На ${formatDate(loaded.today)} к отправке: ${count(emails.length, "письмо", "письма", "писем")} (${count(messages, "напоминание", "напоминания", "напоминаний")}).`
      : `На ${formatDate(loaded.today)} писем к отправке нет.`,
    ...planNotes(planned),
    "Это предварительный просмотр: ничего не отправлено и ничего не записано. Если дневной лимит писем меньше числа писем, часть уйдёт на следующий день.",
  ];
  return {
    date: isoDate(loaded.today),
    emails: emails.map((e) => ({
      to: e.to,
      name: e.name,
      subject: e.subject,
      items: e.messages.map((m) => ({ kind: KIND_NAMES[m.kind as ReminderKind], summary: m.title })),
      text: e.text,
    })),
    alreadySent: plan.alreadySent,
    withoutAddress: plan.withoutAddress,
    lines,
  };
}

/** The message alone, without the bookkeeping of the run. */
export function mailMessage(e: MailMessage): MailMessage {
  return {
    to: e.to,
    subject: e.subject,
    text: e.text,
    html: e.html,
    senderName: e.senderName,
    ...(e.replyTo ? { replyTo: e.replyTo } : {}),
  };
}

/**
 * Step 1 (under the lock): plans, marks the rows of a dead run «Неизвестно», takes the emails
 * that fit `quota` and appends their rows «Отправляется» (and «Отложено» for the rest) in one
 * append. Send each of `emails` next, then call finishReminderRun with the outcomes.
 */
export function prepareReminderRun(env: Env, quota: number, forms: FormsPort | null): PreparedRun {
  return env.lock.withLock(() => {
    const planned = planToday(env, forms);
    const { loaded, plan, emails } = planned;
    const { log, now } = loaded;
    const def = sheetDef("mailLog");
    const statusCol = log.columns.index.get("status");
    const reasonCol = log.columns.index.get("reason");
    if (plan.stale.length > 0 && statusCol !== undefined) {
      const cells: CellWrite[] = [];
      for (const i of plan.stale) {
        const row = log.rows[i]?.row;
        if (row === undefined) continue;
        cells.push({ row, col: statusCol + 1, value: UNKNOWN });
        if (reasonCol !== undefined)
          cells.push({
            row,
            col: reasonCol + 1,
            value:
              "Рассылка прервалась во время отправки: неизвестно, ушло ли письмо. Повторно не отправляется.",
          });
      }
      if (cells.length > 0) env.workbook.write(def.name, cells);
    }
    const { send, postponed } = selectForQuota(emails, quota);
    const records = [
      ...send.flatMap((e) =>
        e.keys.map((key) => ({
          key,
          time: now,
          recipient: e.to,
          subject: e.subject,
          status: SENDING,
          reason: "",
        })),
      ),
      ...postponed.flatMap((e) =>
        e.keys.map((key) => ({
          key,
          time: now,
          recipient: e.to,
          subject: e.subject,
          status: POSTPONED,
          reason: "Не хватило дневного лимита писем — уйдёт со следующей рассылкой.",
        })),
      ),
    ];
    let next = 0;
    if (records.length > 0) {
      next = env.workbook.append(
        def.name,
        records.map((r) => recordToRow("mailLog", r, log.columns)),
      );
    }
    const prepared: PreparedRun = {
      date: isoDate(loaded.today),
      quota,
      emails: send.map((e) => {
        const rowsOf = e.keys.map(() => next++);
        return { ...mailMessage(e), keys: e.keys, rows: rowsOf };
      }),
      postponed: postponed.map((e) => ({ to: e.to, subject: e.subject })),
      uncertain: plan.stale.length,
      notes: planNotes(planned),
    };
    return prepared;
  });
}

/** The mail service refused the address itself: trying again will not help. */
const ADDRESS_ERROR =
  /invalid (e-?mail|address|recipient)|недопустим|недействительн|некорректн\S* адрес|неверн\S* адрес|mailbox unavailable|user unknown|no such user|recipient (address )?rejected|\b5\.1\.[0-9]\b/i;
/** The daily quota ran out while sending: the rest waits for the next run. */
const QUOTA_ERROR = /too many times for one day|quota|limit exceeded|лимит/i;

export function isQuotaError(error: string): boolean {
  return QUOTA_ERROR.test(error);
}

/**
 * Step 3 (under the lock): writes the outcome of each email in one write. `outcomes[i]` is
 * the outcome of `run.emails[i]`; emails without one were not attempted and are postponed.
 */
export function finishReminderRun(
  env: Env,
  run: PreparedRun,
  outcomes: readonly { ok: boolean; error?: string }[],
): ReminderRunResult {
  return env.lock.withLock(() => {
    const now = env.clock.now();
    const def = sheetDef("mailLog");
    const log = readRecords(env.workbook, "mailLog");
    const state = readLog(
      log.rows.map((r) => ({
        key: r.record.key,
        status: r.record.status,
        reason: r.record.reason,
        time: r.record.time,
      })),
      now,
      localDay(now),
    );
    const byRow = new Map(log.rows.map((r) => [r.row, r.record]));
    const open = new Map<string, number>();
    for (const r of log.rows) {
      if (r.record.status === SENDING || r.record.status === UNKNOWN) open.set(r.record.key.trim(), r.row);
    }
    const col = (key: string) => log.columns.index.get(key);
    const cells: CellWrite[] = [];
    const result: ReminderRunResult = {
      date: run.date,
      quota: run.quota,
      sent: [],
      failed: [],
      postponed: [...run.postponed],
      uncertain: run.uncertain,
      lines: [],
    };
    let lost = 0;
    let timedOut = 0;
    const refused: { to: string; subject: string }[] = [];
    run.emails.forEach((email, i) => {
      const outcome = outcomes[i];
      let status: string;
      let reason = "";
      if (!outcome) {
        status = POSTPONED;
        reason = "Не хватило времени выполнения — уйдёт со следующей рассылкой.";
        timedOut++;
        result.postponed.push({ to: email.to, subject: email.subject });
      } else if (outcome.ok) {
        status = SENT;
        result.sent.push({ to: email.to, subject: email.subject, messages: email.keys.length });
      } else {
        const error = (outcome.error ?? "").trim() || "почтовая служба не приняла письмо";
        if (isQuotaError(error)) {
          status = POSTPONED;
          reason = `Дневной лимит писем исчерпан — уйдёт со следующей рассылкой (${error}).`;
          result.postponed.push({ to: email.to, subject: email.subject });
          refused.push({ to: email.to, subject: email.subject });
        } else if (ADDRESS_ERROR.test(error)) {
          status = FAILED;
          reason = `${ADDRESS_REJECTED}: ${error}. Исправьте адрес — по этому адресу письмо больше не отправляется.`;
          result.failed.push({ to: email.to, reason });
        } else {
          status = FAILED;
          const attempt = Math.max(...email.keys.map((k) => state.attempts.get(k.trim()) ?? 0)) + 1;
          reason =
            attempt >= MAX_ATTEMPTS
              ? `${error} (попытка ${attempt} из ${MAX_ATTEMPTS}: больше не повторяется).`
              : `${error} (попытка ${attempt} из ${MAX_ATTEMPTS}: повторится при следующей рассылке).`;
          result.failed.push({ to: email.to, reason });
        }
      }
      email.keys.forEach((key, j) => {
        const planned = email.rows[j];
        const at = planned !== undefined ? byRow.get(planned) : undefined;
        const row =
          planned !== undefined &&
          at &&
          at.key.trim() === key &&
          (at.status === SENDING || at.status === UNKNOWN)
            ? planned
            : open.get(key);
        if (row === undefined) {
          lost++;
          return;
        }
        for (const [k, value] of [
          ["status", status],
          ["reason", reason],
          ["time", now],
        ] as const) {
          const c = col(k);
          if (c !== undefined) cells.push({ row, col: c + 1, value });
        }
      });
    });
    if (cells.length > 0) env.workbook.write(def.name, cells);

    const messages = result.sent.reduce((n, s) => n + s.messages, 0);
    const day = normalizeDate(run.date);
    const date = day.ok && day.value ? formatDate(day.value) : run.date;
    result.lines.push(
      `Рассылка на ${date}: отправлено ${count(result.sent.length, "письмо", "письма", "писем")} (${count(messages, "напоминание", "напоминания", "напоминаний")}).`,
    );
    if (run.postponed.length > 0) {
      result.lines.push(
        `Дневной лимит писем (${run.quota}) меньше, чем нужно: отложено ${count(run.postponed.length, "письмо", "письма", "писем")} — они уйдут со следующей рассылкой первыми:`,
      );
      for (const p of run.postponed) result.lines.push(`  ${p.to} — ${p.subject}`);
    }
    if (timedOut > 0)
      result.lines.push(
        `Не хватило времени выполнения: отложено ${count(timedOut, "письмо", "письма", "писем")} — уйдут со следующей рассылкой.`,
      );
    for (const f of result.failed) result.lines.push(`Не отправлено на ${f.to}: ${f.reason}`);
    if (refused.length > 0)
      result.lines.push(
        `Почтовая служба сообщила, что дневной лимит исчерпан: отложено ${count(refused.length, "письмо", "письма", "писем")} — уйдут со следующей рассылкой.`,
      );
    if (run.uncertain > 0)
      result.lines.push(
        `Предыдущая рассылка прервалась: ${count(run.uncertain, "напоминание", "напоминания", "напоминаний")} отмечены «Неизвестно» в «Журнал рассылок» — повторно они не отправляются, проверьте их.`,
      );
    if (lost > 0)
      result.lines.push(
        `Не найдено строк «Отправляется» в «Журнал рассылок» для ${lost} напоминаний (лист меняли во время рассылки) — их итог не записан.`,
      );
    result.lines.push(...(run.notes ?? []));
    const outcome: Outcome =
      result.failed.length > 0 || result.postponed.length > 0 || run.uncertain > 0 || lost > 0
        ? "с предупреждениями"
        : "успешно";
    writeJournal(env, [{ action: ACTION, outcome, details: result.lines.join("\n") }]);
    return result;
  });
}

/**
 * The whole run with a synchronous sender (MailApp): prepare, send each email — stopping when
 * `budgetMs` is spent or the quota runs out, the rest postponed — and finish.
 */
export function sendReminders(
  env: Env,
  mail: MailPort,
  forms: FormsPort | null,
  options: { budgetMs?: number } = {},
): ReminderRunResult {
  const budget = options.budgetMs ?? DEFAULT_SEND_BUDGET_MS;
  const quota = mail.remainingQuota();
  const run = prepareReminderRun(env, quota, forms);
  const started = env.clock.now().getTime();
  const outcomes: { ok: boolean; error?: string }[] = [];
  for (const email of run.emails) {
    if (env.clock.now().getTime() - started > budget) break;
    try {
      mail.send(mailMessage(email));
      outcomes.push({ ok: true });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      outcomes.push({ ok: false, error: text });
      if (isQuotaError(text)) break;
    }
  }
  return finishReminderRun(env, run, outcomes);
}
