// `nastavnik remind` and `nastavnik meetings`: the daily reminders and the meeting plan of the
// add-on, on a workbook file. Messages go as .eml files into an outbox folder, or through the
// SMTP server of the configuration (see src/local/mail.ts). The same exactly-once protocol as in
// Apps Script: the messages are recorded «Отправляется» in «Журнал рассылок» and the workbook is
// saved before the first one goes out, so a crash or a second run never sends a key twice.

import { refreshMeetingStats, scheduleMeetings } from "../app/meetings";
import { readRecords } from "../app/records";
import {
  finishReminderRun,
  prepareReminderRun,
  previewReminders,
  type ReminderPreview,
  type ReminderRunResult,
} from "../app/reminders";
import type { CellValue } from "../domain/cells";
import { listValues, sheetDef } from "../domain/schema";
import { readTable } from "../domain/table";
import {
  CONFIG_OPTION,
  type Command,
  JSON_OPTION,
  out,
  outJson,
  parseOptions,
  UsageError,
  workbookPath,
} from "./command";
import { type NastavnikConfig, outputFolder, PASSWORD_ENV, readWorkbookConfig } from "./config";
import { assertNotOpenElsewhere, checkPath, type LocalEnv, withWorkbookFile } from "./env";
import { type LocalMailer, OutboxWriter, SmtpSender } from "./mail";

/**
 * --date YYYY-MM-DD: the run happens «on that day» (at 09:00 local time), as if the daily trigger
 * ran then. Without it: now.
 */
export function parseRunDate(value: unknown): (() => Date) | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  const date = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 9, 0, 0) : null;
  if (!m || !date || date.getMonth() !== Number(m[2]) - 1 || date.getDate() !== Number(m[3])) {
    throw new UsageError(`«${String(value)}» — укажите дату в виде ГГГГ-ММ-ДД, например --date 2025-09-15`);
  }
  return () => new Date(date.getTime());
}

function dateRu(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** Recipients who got an email on the day of `now` (what an SMTP daily limit counts). */
function recipientsToday(values: CellValue[][] | null, now: Date): number {
  if (!values || values.length === 0) return 0;
  const who = new Set<string>();
  for (const { record } of readTable("mailLog", values).rows) {
    if (record.status.trim() !== "Отправлено" || !record.time || !sameDay(record.time, now)) continue;
    who.add(record.recipient.toLowerCase());
  }
  return who.size;
}

function printPreview(p: ReminderPreview): void {
  out(`Предпросмотр рассылки на ${dateRu(p.date)}: писем — ${p.emails.length}. Ничего не отправлено.`);
  for (const e of p.emails) {
    out();
    out(`→ ${e.name ? `${e.name} <${e.to}>` : e.to}`);
    out(`  Тема: ${e.subject}`);
    for (const item of e.items) out(`  • ${item.summary}`);
  }
  if (p.lines.length > 0) out();
  for (const line of p.lines) out(line);
}

export interface RemindOutcome {
  result: ReminderRunResult;
  /** Per email sent: the .eml file or the server's message ID. */
  delivered: { to: string; subject: string; where: string }[];
}

/**
 * Sends the day's reminders of the workbook through `mailer` (already opened): records them
 * «Отправляется» and saves the workbook before the first one leaves (write-ahead), then records
 * what happened. The caller saves the workbook afterwards.
 */
export async function sendTodaysReminders(env: LocalEnv, mailer: LocalMailer): Promise<RemindOutcome> {
  const quota = mailer.quota(recipientsToday(env.workbook.read(sheetDef("mailLog").name), env.clock.now()));
  const prepared = prepareReminderRun(env, quota, null);
  // Write-ahead: «Отправляется» is on disk before the first message leaves.
  if (prepared.emails.length > 0) await env.workbook.save(env.path);
  const outcomes: { ok: boolean; error?: string }[] = [];
  const delivered: RemindOutcome["delivered"] = [];
  for (const email of prepared.emails) {
    try {
      const where = await mailer.send(email);
      outcomes.push({ ok: true });
      delivered.push({ to: email.to, subject: email.subject, where });
    } catch (error) {
      outcomes.push({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { result: finishReminderRun(env, prepared, outcomes), delivered };
}

/**
 * The mailer of a run: SMTP when the configuration has a server and no --out is given, else the
 * outbox folder (--out, the configuration's «outbox», or «outbox» next to the workbook).
 */
export function mailerFor(
  config: NastavnikConfig,
  file: string,
  date: Date,
  outOption: unknown,
): LocalMailer {
  return typeof outOption !== "string" && config.smtp
    ? new SmtpSender(config.smtp, process.env[PASSWORD_ENV], date)
    : new OutboxWriter(outputFolder("outbox", config, file, outOption), date, config.smtp?.from ?? null);
}

function printRun(o: RemindOutcome, mailer: LocalMailer): void {
  const r = o.result;
  const where = mailer.kind === "outbox" ? `в папку ${mailer.target}` : `через сервер ${mailer.target}`;
  out(`Рассылка на ${dateRu(r.date)}: отправлено писем — ${r.sent.length} (${where}).`);
  for (const d of o.delivered)
    out(`  → ${d.to}: ${d.subject}${mailer.kind === "outbox" ? ` (${d.where})` : ""}`);
  if (r.postponed.length > 0) {
    out(`Отложено до следующего запуска: ${r.postponed.length}.`);
    for (const p of r.postponed) out(`  ${p.to}: ${p.subject}`);
  }
  if (r.failed.length > 0) {
    out(`Не отправлено: ${r.failed.length}.`);
    for (const f of r.failed) out(`  ${f.to}: ${f.reason}`);
  }
  for (const line of r.lines) out(line);
}

const REMIND_OPTIONS = {
  date: { type: "string" },
  "dry-run": { type: "boolean" },
  out: { type: "string" },
  ...JSON_OPTION,
  ...CONFIG_OPTION,
} as const;

export const remindCommand: Command = {
  name: "remind",
  options: REMIND_OPTIONS,
  usage: "nastavnik remind КНИГА.xlsx [--date ГГГГ-ММ-ДД] [--dry-run] [--out ПАПКА] [--json] [--config ФАЙЛ]",
  summary: "напоминания по почте: письма в папку .eml или через сервер SMTP",
  help: [
    "Собирает напоминания на сегодня, как ежедневная рассылка надстройки: ответственным — о сроках",
    "дорожной карты, парам — о завтрашних встречах, наставникам — о паузе во встречах, участникам —",
    "о незаполненных анкетах, куратору — сводку. Одному человеку — одно письмо в день; что уже",
    "отправлено (лист «Журнал рассылок»), повторно не отправляется.",
    "  --date ГГГГ-ММ-ДД  считать сегодняшним днём эту дату (например, чтобы догнать пропущенный день);",
    "  --dry-run          только показать, кому и что уйдёт; книга и папка не меняются;",
    "  --out ПАПКА        писать письма .eml в эту папку (по умолчанию — «outbox» из файла настроек,",
    "                     а без него — папка outbox рядом с книгой);",
    "  --config ФАЙЛ      файл настроек (по умолчанию nastavnik.config.json рядом с книгой):",
    '                     { "outbox": "ПАПКА" } или',
    '                     { "smtp": { "host": "smtp.school.ru", "port": 465, "secure": true,',
    '                                 "user": "nastavnik@school.ru", "from": "nastavnik@school.ru" } }',
    `                     Пароль SMTP — только в переменной окружения ${PASSWORD_ENV}, не в файле.`,
    "  --json             вывести итог в формате JSON.",
    "Файлы писем называются ГГГГ-ММ-ДД-N-адрес.eml; их открывает любой почтовый клиент.",
    "Код выхода 4: часть писем не отправлена (причины — в выводе и в «Журнал рассылок»).",
  ].join("\n"),
  async run(args) {
    const { values, positionals } = parseOptions("remind", args, REMIND_OPTIONS);
    const file = workbookPath(positionals, "remind");
    const now = parseRunDate(values.date);
    const config = await readWorkbookConfig(file, values.config);

    if (values["dry-run"]) {
      const preview = await withWorkbookFile(
        file,
        { create: false, save: () => false, now, readOnly: true },
        (env) => previewReminders(env, null),
      );
      if (values.json) outJson({ dryRun: true, ...preview });
      else printPreview(preview);
      return 0;
    }

    const date = (now ?? (() => new Date()))();
    const mailer = mailerFor(config, file, date, values.out);
    try {
      // Nothing is made (no outbox folder, no server login) for a workbook that cannot be used.
      checkPath(file, false);
      assertNotOpenElsewhere(file);
      // Before anything is recorded: the folder can be written / the server takes us.
      await mailer.open();
      const outcome = await withWorkbookFile<RemindOutcome>(
        file,
        { create: false, save: () => true, now },
        (env) => sendTodaysReminders(env, mailer),
      );
      if (values.json) {
        outJson({
          mode: mailer.kind,
          target: mailer.target,
          ...outcome.result,
          delivered: outcome.delivered,
        });
      } else printRun(outcome, mailer);
      return outcome.result.failed.length > 0 ? 4 : 0;
    } finally {
      mailer.close();
    }
  },
};

const MEETINGS_OPTIONS = {
  schedule: { type: "boolean" },
  date: { type: "string" },
  ...JSON_OPTION,
  ...CONFIG_OPTION,
} as const;

export const meetingsCommand: Command = {
  name: "meetings",
  usage: "nastavnik meetings КНИГА.xlsx [--schedule] [--date ГГГГ-ММ-ДД] [--json] [--config ФАЙЛ]",
  options: MEETINGS_OPTIONS,
  summary: "встречи пар: план для утверждённых пар и счёт проведённых",
  help: [
    "Без параметров: обновляет в «Пары и группы» число проведённых встреч и дату последней",
    "по листу «Встречи» и показывает встречи по статусам.",
    "  --schedule         запланировать встречи утверждённым парам, у которых их ещё нет: с ритмом",
    "                     «Встречаться раз в (дней)» из «Настройки», темы — из запросов наставляемого;",
    "                     повторный запуск ничего не дублирует;",
    "  --date ГГГГ-ММ-ДД  считать сегодняшним днём эту дату;",
    "  --json             вывести итог в формате JSON.",
  ].join("\n"),
  async run(args) {
    const { values, positionals } = parseOptions("meetings", args, MEETINGS_OPTIONS);
    const file = workbookPath(positionals, "meetings");
    const now = parseRunDate(values.date);
    await readWorkbookConfig(file, values.config);
    const result = await withWorkbookFile(file, { create: false, save: () => true, now }, (env) => {
      const schedule = values.schedule ? scheduleMeetings(env) : null;
      const stats = refreshMeetingStats(env);
      const byStatus: Record<string, number> = {};
      for (const { record } of readRecords(env.workbook, "meetings").rows) {
        const status = record.status || "без статуса";
        byStatus[status] = (byStatus[status] ?? 0) + 1;
      }
      return { schedule, stats, byStatus };
    });
    if (values.json) {
      outJson(result);
      return 0;
    }
    if (result.schedule) {
      for (const line of result.schedule.lines) out(line);
      for (const s of result.schedule.skipped) out(`  ${s.pairId}: ${s.reason}`);
    }
    out(`«Пары и группы»: обновлено ячеек — ${result.stats.changedCells}.`);
    const known = listValues("meetingStatuses");
    const order = [...known, ...Object.keys(result.byStatus).filter((s) => !known.includes(s))];
    const counts = order.filter((s) => result.byStatus[s]).map((s) => `${s}: ${result.byStatus[s]}`);
    out(`«Встречи»: ${counts.length ? counts.join(", ") : "пока нет ни одной"}.`);
    if (!values.schedule)
      out("Запланировать встречи утверждённых пар: nastavnik meetings КНИГА.xlsx --schedule");
    return 0;
  },
};
