// The demo school's whole programme year in the local edition: the scenario of
// src/local/demo-scenario.ts (intake, matching, orders and ППН, meetings, a day-by-day year with
// reminders into an outbox, feedback at three stages, monitoring, the report, closing the year)
// driven through the use cases and the local ports on one workbook kept in memory. The same
// scenario runs through the Apps Script bundle in test/bundle/demo-gas.ts.

import { join } from "node:path";
import { closeYear, closeYearPreview } from "../app/close-year";
import { journalGuard, runDailySteps } from "../app/daily";
import {
  continueDocumentsJob,
  documentCandidates,
  type GenerateResult,
  generateDocuments,
} from "../app/documents";
import { userMessage } from "../app/errors";
import { intakeResponses } from "../app/intake";
import { writeJournal } from "../app/journal";
import { proposePairs } from "../app/matching";
import { scheduleMeetings } from "../app/meetings";
import { refreshMonitoring } from "../app/monitoring";
import { confirmPairs } from "../app/pairs";
import type { Env, MailMessage } from "../app/ports";
import { finishReminderRun, mailMessage, prepareReminderRun } from "../app/reminders";
import { importRoadmap, templateDrafts } from "../app/roadmap";
import { setupWorkbook } from "../app/setup";
import type { DocKind } from "../domain/docs/model";
import { roadmapTemplate } from "../domain/roadmap/templates";
import { DEMO_SEED, type DemoDriver, demoDays, demoSteps, demoYear } from "./demo-scenario";
import { LocalDocuments } from "./documents";
import { withWorkbookFile } from "./env";
import { OutboxWriter } from "./mail";

export { DEMO_SEED };

export interface DemoProgress {
  /** A step starts (Russian title) with `total` units, or a unit is done. */
  step(title: string, total: number): void;
  tick(done: number): void;
  done(line: string): void;
}

/** One email the demo wrote into the outbox: the day of the run and the message as composed. */
export interface DemoMail extends MailMessage {
  day: string;
  file: string;
}

export interface DemoResult {
  workbook: string;
  docs: string[];
  outbox: number;
  outboxDir: string;
  report: string | null;
  lines: string[];
  pairs: number;
  /** Every email written into the outbox, in order. */
  mail: DemoMail[];
}

function files(result: GenerateResult): string[] {
  return result.documents
    .filter((d) => !d.existing)
    .map((d) => decodeURIComponent(d.url.replace(/^file:\/\//, "")));
}

function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The local edition as the scenario's driver: the use cases on the in-memory workbook. */
function localDriver(
  env: Env,
  docs: LocalDocuments,
  outboxDir: string,
  clock: { now: Date },
  out: { written: string[]; mail: DemoMail[]; pairs: number; report: string | null },
): DemoDriver {
  const throwProblems = (result: GenerateResult) => {
    if (result.problems.length > 0) throw new Error(result.problems.join(" "));
  };
  return {
    setNow(at) {
      clock.now = new Date(at.getTime());
    },
    read: (sheet) => env.workbook.read(sheet),
    type: (sheet, cells) => env.workbook.write(sheet, cells),
    setup() {
      setupWorkbook(env);
    },
    loadRoadmapTemplate(key) {
      const template = roadmapTemplate(key);
      if (!template) throw new Error(`Нет шаблона дорожной карты «${key}»`);
      return importRoadmap(env, (y) => templateDrafts(template, y), { mode: "append" });
    },
    importResponses: (kind, source, values) =>
      intakeResponses(env, kind, { name: source, values }, { origin: "file" }),
    propose: (request) => proposePairs(env, request),
    confirm(accepted) {
      const result = confirmPairs(env, accepted);
      out.pairs += result.created.length;
      return result;
    },
    candidates: (kind) =>
      documentCandidates(env, kind)
        .candidates.filter((c) => c.preselected)
        .map((c) => c.id),
    documents(kind: DocKind, ids, date) {
      let result = generateDocuments(env, docs, { kind, ids, date, newRevision: false, pdf: false });
      throwProblems(result);
      const made = [...files(result)];
      for (
        let guard = 0;
        result.job && result.job.done + result.job.failed.length < result.job.total;
        guard++
      ) {
        if (guard > 1000) break;
        result = continueDocumentsJob(env, docs, { budgetMs: 60_000 });
        throwProblems(result);
        made.push(...files(result));
      }
      out.written.push(...made);
      if (kind === "report") out.report = made[0] ?? null;
      return made.length;
    },
    scheduleMeetings: () => scheduleMeetings(env),
    installDaily() {},
    daily() {
      // The same steps as the add-on's daily trigger, with the day's emails into the outbox.
      const now = clock.now;
      const mailer = new OutboxWriter(outboxDir, now, null);
      const result = runDailySteps(env, {
        guard: journalGuard(env, userMessage),
        charts: null,
        send: async () => {
          const prepared = prepareReminderRun(env, mailer.quota(), null);
          const outcomes: { ok: boolean; error?: string }[] = [];
          for (const email of prepared.emails) {
            try {
              const file = await mailer.send(email);
              outcomes.push({ ok: true });
              out.mail.push({ ...mailMessage(email), day: isoDay(now), file });
            } catch (error) {
              outcomes.push({ ok: false, error: error instanceof Error ? error.message : String(error) });
            }
          }
          return finishReminderRun(env, prepared, outcomes);
        },
      });
      return Promise.resolve(result).then(() => undefined);
    },
    monitoring() {
      refreshMonitoring(env, null);
    },
    closeYearPreview: () => closeYearPreview(env),
    closeYear: (promote) => closeYear(env, { promote }),
  };
}

/** Runs the whole demo year into `dir` (which should be empty). */
export async function runDemoYear(
  dir: string,
  progress: DemoProgress,
  seed = DEMO_SEED,
  options: { year?: number } = {},
): Promise<DemoResult> {
  const file = join(dir, "workbook.xlsx");
  const outboxDir = join(dir, "outbox");
  const year = options.year ?? demoYear(new Date());
  const clock = { now: new Date(year, 8, 1, 9, 0) };
  const docs = new LocalDocuments({ outDir: join(dir, "docs"), baseDir: dir, soffice: null });
  const lines: string[] = [];
  const note = (line: string) => {
    lines.push(line);
    progress.done(line);
  };
  const out = { written: [] as string[], mail: [] as DemoMail[], pairs: 0, report: null as string | null };
  try {
    await withWorkbookFile(
      file,
      { create: true, save: () => true, now: () => new Date(clock.now.getTime()) },
      async (env) => {
        const driver = localDriver(env, docs, outboxDir, clock, out);
        const steps = demoSteps(driver, { seed, year, note, mailSent: () => out.mail.length });
        const documentSteps = steps.filter((s) => s.group === "documents").length;
        const { days } = demoDays(year);
        let group: string | undefined;
        let done = 0;
        for (const step of steps) {
          if (step.group !== group) {
            group = step.group;
            done = 0;
            if (group === "documents") progress.step("Документы", documentSteps);
            if (group === "days") progress.step("Учебный год по дням", days);
          }
          await step.run();
          if (group === "documents") progress.tick(++done);
          if (group === "days" && step.name.endsWith("ежедневный запуск")) {
            done++;
            if (done % 5 === 1 || done === days) progress.tick(done);
          }
        }
        writeJournal(env, [{ action: "Демо: учебный год", outcome: "успешно", details: lines.join(" ") }]);
        return null;
      },
    );
  } finally {
    docs.close();
  }
  return {
    workbook: file,
    docs: out.written,
    outbox: out.mail.length,
    outboxDir,
    report: out.report,
    lines,
    pairs: out.pairs,
    mail: out.mail,
  };
}
