// The demo school's whole programme year, run with the real use cases and the local ports on one
// workbook kept in memory: intake, matching, orders and ППН, meetings, a day-by-day year with
// reminders into an outbox, feedback at three stages, monitoring, the report, closing the year.

import { join } from "node:path";
import { closeYear, closeYearPreview } from "../app/close-year";
import {
  continueDocumentsJob,
  documentCandidates,
  type GenerateResult,
  generateDocuments,
} from "../app/documents";
import { intakeResponses } from "../app/intake";
import { writeJournal } from "../app/journal";
import { proposePairs } from "../app/matching";
import { scheduleMeetings } from "../app/meetings";
import { refreshMonitoring } from "../app/monitoring";
import { confirmPairs } from "../app/pairs";
import type { CellWrite, Env } from "../app/ports";
import { insertRecords, readRecords } from "../app/records";
import { finishReminderRun, prepareReminderRun } from "../app/reminders";
import { importRoadmap, templateDrafts } from "../app/roadmap";
import { writeSettings } from "../app/settings";
import { setupWorkbook } from "../app/setup";
import type { DocKind } from "../domain/docs/model";
import { matchKey } from "../domain/normalize";
import { roadmapTemplate } from "../domain/roadmap/templates";
import { type SheetKey, sheetDef } from "../domain/schema";
import type { RecordOf } from "../domain/table";
import { DEMO_ROADMAP, DEMO_TEAM, demoSettings } from "./demo";
import { generateDemoCohort, seededRandom } from "./demo-cohort";
import { LocalDocuments } from "./documents";
import { withWorkbookFile } from "./env";
import { OutboxWriter } from "./mail";

export const DEMO_SEED = 14;

export interface DemoProgress {
  /** A step starts (Russian title) with `total` units, or a unit is done. */
  step(title: string, total: number): void;
  tick(done: number): void;
  done(line: string): void;
}

export interface DemoResult {
  workbook: string;
  docs: string[];
  outbox: number;
  outboxDir: string;
  report: string | null;
  lines: string[];
  pairs: number;
}

const DAY = 86_400_000;

function col(env: Env, key: SheetKey, column: string): number {
  const index = readRecords(env.workbook, key).columns.index.get(column as never);
  if (index === undefined) throw new Error(`В листе «${sheetDef(key).name}» нет столбца «${column}»`);
  return index + 1;
}

function dateOnly(d: Date) {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

function dayNo(d: { year: number; month: number; day: number }): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / DAY);
}

function files(result: GenerateResult): string[] {
  return result.documents
    .filter((d) => !d.existing)
    .map((d) => decodeURIComponent(d.url.replace(/^file:\/\//, "")));
}

/** Runs a document kind for all its preselected candidates to the end of its job. */
function documentsFor(env: Env, docs: LocalDocuments, kind: DocKind, date: string): GenerateResult {
  const ids = documentCandidates(env, kind)
    .candidates.filter((c) => c.preselected)
    .map((c) => c.id);
  let result = generateDocuments(env, docs, { kind, ids, date, newRevision: false, pdf: false });
  const documents = [...result.documents];
  for (let guard = 0; result.job && result.job.done + result.job.failed.length < result.job.total; guard++) {
    if (guard > 1000 || result.problems.length > 0) break;
    result = continueDocumentsJob(env, docs, { budgetMs: 60_000 });
    documents.push(...result.documents);
  }
  if (result.problems.length > 0) throw new Error(result.problems.join(" "));
  return { ...result, documents };
}

/** Runs the whole demo year into `dir` (which should be empty). */
export async function runDemoYear(
  dir: string,
  progress: DemoProgress,
  seed = DEMO_SEED,
): Promise<DemoResult> {
  const file = join(dir, "workbook.xlsx");
  const outboxDir = join(dir, "outbox");
  const today = new Date();
  const year = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
  let now = new Date(year, 8, 1, 9, 0);
  const rng = seededRandom(seed * 7919);
  const docs = new LocalDocuments({ outDir: join(dir, "docs"), baseDir: dir, soffice: null });
  const lines: string[] = [];
  const note = (...more: string[]) => {
    for (const line of more) {
      lines.push(line);
      progress.done(line);
    }
  };
  const written: string[] = [];
  let outbox = 0;
  let report: string | null = null;
  let pairs = 0;
  try {
    await withWorkbookFile(
      file,
      { create: true, save: () => true, now: () => new Date(now.getTime()) },
      async (env) => {
        // 1. The workbook, the school's details, the team and the roadmap.
        setupWorkbook(env);
        writeSettings(env.workbook, demoSettings(now));
        const team = readRecords(env.workbook, "team");
        const present = new Set(team.rows.map((r) => matchKey(r.record.fullName)));
        insertRecords(
          env,
          "team",
          DEMO_TEAM.filter((p) => !present.has(matchKey(p.fullName))),
          team,
        );
        const template = roadmapTemplate(DEMO_ROADMAP);
        if (!template) throw new Error(`Нет шаблона дорожной карты «${DEMO_ROADMAP}»`);
        const roadmap = importRoadmap(env, (y) => templateDrafts(template, y), { mode: "append" });
        note(
          `Книга, реквизиты, команда; дорожная карта «${template.title}»: мероприятий — ${roadmap.added}.`,
        );

        // 2. The questionnaires.
        now = new Date(year, 8, 6, 9, 0);
        const cohort = generateDemoCohort(seed, year);
        const menteeIntake = intakeResponses(
          env,
          "mentee",
          { name: "анкеты наставляемых.csv", values: cohort.mentees },
          { origin: "file" },
        );
        const mentorIntake = intakeResponses(
          env,
          "mentor",
          { name: "анкеты наставников.csv", values: cohort.mentors },
          { origin: "file" },
        );
        for (const r of [menteeIntake, mentorIntake]) {
          note(
            `${r.form}: строк — ${r.total}, новых — ${r.created}, повторов — ${r.duplicates}, требуют проверки — ${r.needsReview}, без согласия — ${r.withoutConsent}, отклонено — ${r.rejected.length}.`,
          );
        }

        // 3. Mentors with consent are selected and trained; matching; confirmation.
        now = new Date(year, 8, 10, 9, 0);
        const mentors = readRecords(env.workbook, "mentors");
        const mentorCells: CellWrite[] = [];
        const [statusCol, trainedCol, consentCol] = [
          col(env, "mentors", "status"),
          col(env, "mentors", "trained"),
          col(env, "mentors", "mentoringConsent"),
        ];
        for (const { row, record } of mentors.rows) {
          if (record.status !== "Новый") continue;
          mentorCells.push(
            { row, col: statusCol, value: "Обучен" },
            { row, col: trainedCol, value: true },
            { row, col: consentCol, value: true },
          );
        }
        env.workbook.write(sheetDef("mentors").name, mentorCells);
        const proposal = proposePairs(env, {
          strategy: "optimal",
          scope: "unmatched",
          form: null,
          weights: null,
          locked: [],
          excluded: [],
        });
        now = new Date(year, 8, 12, 9, 0);
        // The curator confirms only mentees whose answers are checked and who gave consent.
        const unchecked = new Set(
          readRecords(env.workbook, "mentees")
            .rows.filter((r) => r.record.status === "Требует проверки" || r.record.status === "Нет согласия")
            .map((r) => r.record.id),
        );
        const confirmed = confirmPairs(
          env,
          proposal.proposals
            .filter((p) => !unchecked.has(p.menteeId))
            .map((p) => ({
              menteeId: p.menteeId,
              mentorId: p.mentorId,
              score: p.score,
              reasons: p.reasons.join("; "),
              form: p.form,
              locked: false,
            })),
        );
        pairs = confirmed.created.length;
        note(
          `Подбор: предложено пар — ${proposal.proposals.length}, без пары — ${proposal.unmatched.length}; утверждено — ${pairs}.`,
        );

        // 4. The orders and the ППН.
        now = new Date(year, 8, 14, 9, 0);
        const date = `${year}-09-14`;
        const programCount = documentCandidates(env, "program").candidates.filter(
          (c) => c.preselected,
        ).length;
        progress.step("Документы", 2 + programCount);
        let made = 0;
        for (const kind of ["pairs-order", "mentors-order", "program"] as const) {
          const result = documentsFor(env, docs, kind, date);
          written.push(...files(result));
          made += result.documents.length;
          progress.tick(Math.min(made, 2 + programCount));
        }
        note(
          `Документы: приказ о закреплении пар, приказ о наставниках, ППН (по парам и группам) — ${programCount}.`,
        );

        // 5. Meetings from 15 September.
        now = new Date(year, 8, 15, 9, 0);
        const schedule = scheduleMeetings(env);
        note(`Встречи: запланировано — ${schedule.created}.`);

        // 6. The year day by day.
        const meetings = readRecords(env.workbook, "meetings");
        const meetingStatus = col(env, "meetings", "status");
        const byDay = new Map<number, number[]>();
        for (const { row, record } of meetings.rows) {
          if (!record.date) continue;
          const n = dayNo(record.date);
          byDay.set(n, [...(byDay.get(n) ?? []), row]);
        }
        const roadmapRows = readRecords(env.workbook, "roadmap");
        const [rmStatus, rmDone] = [col(env, "roadmap", "status"), col(env, "roadmap", "doneDate")];
        const dueBy = new Map<number, number[]>();
        for (const { row, record } of roadmapRows.rows) {
          if (!record.deadline || record.status === "Выполнено" || record.status === "Отменено") continue;
          // Most items are done a few days around their deadline; one in eight is left overdue.
          if (rng() < 0.125) continue;
          const n = dayNo(record.deadline) + Math.floor(rng() * 7) - 3;
          dueBy.set(n, [...(dueBy.get(n) ?? []), row]);
        }
        const activePairs = readRecords(env.workbook, "pairs").rows.filter(
          (r) => r.record.status === "Утверждена",
        );
        const stages: [string, number][] = [
          ["Входная", dayNo({ year, month: 10, day: 1 })],
          ["Промежуточная", dayNo({ year: year + 1, month: 1, day: 20 })],
          ["Итоговая", dayNo({ year: year + 1, month: 5, day: 15 })],
        ];
        const first = new Date(year, 8, 15, 8, 0);
        const last = new Date(year + 1, 4, 31, 8, 0);
        const days = Math.round((last.getTime() - first.getTime()) / DAY) + 1;
        progress.step("Учебный год по дням", days);
        let held = 0;
        let cancelled = 0;
        let feedback = 0;
        for (let i = 0; i < days; i++) {
          now = new Date(year, 8, 15 + i, 8, 0);
          const n = dayNo(dateOnly(now));
          // Yesterday's meetings: most were held, a few cancelled.
          const cells: CellWrite[] = [];
          for (const row of byDay.get(n - 1) ?? []) {
            const ok = rng() < 0.9;
            if (ok) held++;
            else cancelled++;
            cells.push({ row, col: meetingStatus, value: ok ? "Проведена" : "Отменена" });
          }
          if (cells.length > 0) env.workbook.write(sheetDef("meetings").name, cells);
          const doneRows = dueBy.get(n) ?? [];
          if (doneRows.length > 0) {
            env.workbook.write(
              sheetDef("roadmap").name,
              doneRows.flatMap((row) => [
                { row, col: rmStatus, value: "Выполнено" },
                { row, col: rmDone, value: new Date(now.getFullYear(), now.getMonth(), now.getDate()) },
              ]),
            );
          }
          for (const [stage, at] of stages) {
            if (at !== n) continue;
            const final = stage === "Итоговая";
            const rows: Partial<RecordOf<"feedback">>[] = [];
            for (const { record } of activePairs) {
              for (const [role, participantId] of [
                ["Наставник", record.mentorId],
                ["Наставляемый", record.menteeId],
              ] as const) {
                if (rng() < 0.1) continue; // not everyone answers
                const base = stage === "Входная" ? 6 : stage === "Промежуточная" ? 7 : 8;
                const score = () => Math.min(10, base + Math.floor(rng() * 3));
                rows.push({
                  pairId: record.id,
                  participantId,
                  role,
                  stage,
                  date: dateOnly(now),
                  comfort: score(),
                  usefulness: score(),
                  expectationsMet: score(),
                  wantsToContinue: rng() < 0.9,
                  ...(final && role === "Наставляемый" ? { wantsToMentor: rng() < 0.3 } : {}),
                  comment: "",
                });
              }
            }
            insertRecords(env, "feedback", rows);
            feedback += rows.length;
          }
          // The daily reminders, into the outbox as .eml files.
          const mailer = new OutboxWriter(outboxDir, now, null);
          const prepared = prepareReminderRun(env, mailer.quota(), null);
          const outcomes: { ok: boolean; error?: string }[] = [];
          for (const email of prepared.emails) {
            try {
              await mailer.send(email);
              outcomes.push({ ok: true });
              outbox++;
            } catch (error) {
              outcomes.push({ ok: false, error: error instanceof Error ? error.message : String(error) });
            }
          }
          finishReminderRun(env, prepared, outcomes);
          if (i % 5 === 0 || i === days - 1) progress.tick(i + 1);
        }
        note(
          `Год: встреч проведено — ${held}, отменено — ${cancelled}; анкет обратной связи — ${feedback}; писем — ${outbox}.`,
        );

        // 7. Monitoring, the report, closing the year.
        now = new Date(year + 1, 4, 31, 12, 0);
        refreshMonitoring(env, null);
        const reportResult = generateDocuments(env, docs, {
          kind: "report",
          ids: [],
          date: `${year + 1}-05-31`,
          newRevision: false,
          pdf: false,
        });
        if (reportResult.problems.length > 0) throw new Error(reportResult.problems.join(" "));
        const reportFiles = files(reportResult);
        written.push(...reportFiles);
        report = reportFiles[0] ?? null;
        const preview = closeYearPreview(env);
        const closed = closeYear(env, { promote: preview.willingMentees.map((m) => m.id) });
        note(
          `Мониторинг обновлён; отчёт за год; год закрыт: пар завершено — ${closed.completedPairs}, в базу наставников — ${closed.promoted.length}.`,
        );
        writeJournal(env, [{ action: "Демо: учебный год", outcome: "успешно", details: lines.join(" ") }]);
        return null;
      },
    );
  } finally {
    docs.close();
  }
  return { workbook: file, docs: written, outbox, outboxDir, report, lines, pairs };
}
