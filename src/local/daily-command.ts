// `nastavnik daily`: the add-on's daily run on a workbook file — the command a school puts into
// cron or the Task Scheduler. The same steps as the time-driven trigger (src/app/daily.ts):
// roadmap deadlines and statuses, meeting figures, the day's reminders (into the outbox or through
// SMTP, exactly once — see remind.ts), «Мониторинг»; one «Ежедневный запуск» line in «Журнал».

import { type DailyReport, journalGuard, runDailySteps } from "../app/daily";
import { userMessage } from "../app/errors";
import { previewReminders, type ReminderPreview, type ReminderRunResult } from "../app/reminders";
import {
  CONFIG_OPTION,
  type Command,
  JSON_OPTION,
  out,
  outJson,
  parseOptions,
  workbookPath,
} from "./command";
import { readWorkbookConfig } from "./config";
import { assertNotOpenElsewhere, checkPath, withWorkbookFile } from "./env";
import { type LocalMailer, OUTBOX_QUOTA } from "./mail";
import { mailerFor, parseRunDate, type RemindOutcome, sendTodaysReminders } from "./remind";

const DAILY_OPTIONS = {
  date: { type: "string" },
  "dry-run": { type: "boolean" },
  out: { type: "string" },
  ...JSON_OPTION,
  ...CONFIG_OPTION,
} as const;

/** Exit code when the run finished but a step failed or some e-mails did not go (see --help). */
export const EXIT_PARTIAL = 4;

interface DailyRun {
  report: DailyReport;
  delivered: RemindOutcome["delivered"];
  mail: ReminderRunResult | null;
  preview: ReminderPreview | null;
}

export const dailyCommand: Command = {
  name: "daily",
  usage: "nastavnik daily КНИГА.xlsx [--date ГГГГ-ММ-ДД] [--dry-run] [--out ПАПКА] [--json] [--config ФАЙЛ]",
  summary: "ежедневный запуск: сроки, встречи, напоминания, мониторинг (для планировщика)",
  help: [
    "Делает то же, что ежедневный запуск надстройки, по шагам: пересчитывает сроки и статусы",
    "дорожной карты, число встреч пар, отправляет напоминания этого дня (как nastavnik remind:",
    "в папку писем .eml или через сервер SMTP из файла настроек; отправленное повторно не уходит)",
    "и пересчитывает «Мониторинг». Сбой одного шага не останавливает остальные; итог — одной",
    "строкой «Ежедневный запуск» в «Журнал». Запускайте раз в день из cron или Планировщика",
    "заданий Windows, например: 0 8 * * * nastavnik daily /школа/наставничество.xlsx --json",
    "  --date ГГГГ-ММ-ДД  считать сегодняшним днём эту дату (догнать пропущенный день);",
    "  --dry-run          пробный запуск: показать, что изменится и кому уйдут письма; книга не",
    "                     сохраняется, письма не отправляются;",
    "  --out ПАПКА        писать письма .eml в эту папку, а не по настройкам;",
    "  --json             вывести итог в формате JSON.",
    `Код выхода ${EXIT_PARTIAL}: запуск прошёл, но шаг не удался или часть писем не отправлена (причины — в`,
    "выводе и в «Журнал»).",
  ].join("\n"),
  options: DAILY_OPTIONS,
  async run(args) {
    const { values, positionals } = parseOptions("daily", args, DAILY_OPTIONS);
    const file = workbookPath(positionals, "daily");
    const now = parseRunDate(values.date);
    const config = await readWorkbookConfig(file, values.config);
    const dryRun = values["dry-run"] === true;
    const date = (now ?? (() => new Date()))();
    checkPath(file, false);
    if (!dryRun) assertNotOpenElsewhere(file);
    const mailer: LocalMailer | null = dryRun ? null : mailerFor(config, file, date, values.out);
    let run: DailyRun;
    try {
      run = await withWorkbookFile<DailyRun>(
        file,
        { create: false, save: () => !dryRun, now, readOnly: dryRun },
        async (env) => {
          let delivered: RemindOutcome["delivered"] = [];
          let mail: ReminderRunResult | null = null;
          let preview: ReminderPreview | null = null;
          const report = await runDailySteps(env, {
            guard: journalGuard(env, userMessage),
            charts: null,
            send: async () => {
              if (!mailer) {
                preview = previewReminders(env, null);
                return {
                  date: preview.date,
                  quota: OUTBOX_QUOTA,
                  sent: [],
                  failed: [],
                  postponed: [],
                  uncertain: 0,
                  lines: [`Пробный запуск: писем ушло бы ${preview.emails.length}; ничего не отправлено.`],
                };
              }
              await mailer.open();
              const outcome = await sendTodaysReminders(env, mailer);
              delivered = outcome.delivered;
              mail = outcome.result;
              return outcome.result;
            },
          });
          return { report, delivered, mail, preview };
        },
      );
    } finally {
      mailer?.close();
    }
    const { report } = run;
    const mail = run.mail as ReminderRunResult | null;
    const partial = report.failures.length > 0 || (mail !== null && mail.failed.length > 0);
    if (values.json) {
      outJson({
        file,
        dryRun,
        outcome: report.outcome,
        details: report.details,
        failures: report.failures,
        mail: mailer
          ? { mode: mailer.kind, target: mailer.target, ...(mail ?? {}), delivered: run.delivered }
          : null,
        ...(run.preview ? { preview: run.preview } : {}),
      });
    } else {
      out(`${dryRun ? "Пробный ежедневный запуск" : "Ежедневный запуск"}: ${report.outcome}.`);
      for (const line of report.details) out(`  ${line}`);
      for (const f of report.failures) out(`  Ошибка — ${f}`);
      if (mailer && run.delivered.length > 0) {
        out(
          mailer.kind === "outbox"
            ? `Письма — в папке ${mailer.target}:`
            : `Отправлено через ${mailer.target}:`,
        );
        for (const d of run.delivered) out(`  → ${d.to}: ${d.subject}`);
      }
      out(dryRun ? "Книга не изменена (пробный запуск)." : "Книга сохранена.");
    }
    return partial ? EXIT_PARTIAL : 0;
  },
};
