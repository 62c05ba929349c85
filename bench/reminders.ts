// Reminder figures for `npm run bench`: Apps Script service calls of one sendReminders run over
// the typed fakes (MailApp.sendEmail apart from every other call, which must not grow with the
// pairs), and the planning time for a large school over the in-memory workbook.

import { performance } from "node:perf_hooks";
import { scheduleMeetings } from "../src/app/meetings";
import type { Env } from "../src/app/ports";
import { insertRecords, readRecords } from "../src/app/records";
import { previewReminders, sendReminders } from "../src/app/reminders";
import { writeSettings } from "../src/app/settings";
import { setupWorkbook } from "../src/app/setup";
import { planReminders } from "../src/domain/reminders/plan";
import type { ReminderInput } from "../src/domain/reminders/types";
import type { SheetKey } from "../src/domain/schema";
import type { RecordOf } from "../src/domain/table";
import { gasEnv, gasMail } from "../src/gas/env";
import { seedSchool } from "../test/bundle/reminders-school";
import { d, movableEnv, ROADMAP, TEAM } from "../test/domain/reminders/school";
import { createGasEnvironment } from "../test/fakes/gas";
import { fullName } from "./documents";

const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;

/** One run on the school day of test/bundle/reminders-school.ts with `pairs` working pairs. */
function gasRun(pairs: number) {
  const fake = createGasEnvironment();
  const env: Env = { ...gasEnv(fake.globals), clock: { now: () => new Date(2025, 8, 15, 8, 0) } };
  setupWorkbook(env);
  seedSchool(fake, pairs);
  fake.globals.MailApp.quota = 10_000;
  const mail = gasMail(fake.globals.MailApp);
  fake.calls.reset();
  const t = performance.now();
  const result = sendReminders(env, mail, null);
  const elapsed = ms(t);
  if (result.failed.length > 0 || result.postponed.length > 0)
    throw new Error(`bench: reminders for ${pairs} pairs: ${result.lines.join("; ")}`);
  const sendEmail = fake.calls.byMethod["MailApp.sendEmail"] ?? 0;
  // A sheet of 1,000 rows grows once when «Журнал рассылок» outgrows it (one call per batch).
  const growth = fake.calls.byMethod["Sheet.insertRowsAfter"] ?? 0;
  return {
    pairs,
    calls: fake.calls.total,
    sendEmailCalls: sendEmail,
    otherCalls: fake.calls.total - sendEmail,
    ofWhichSheetGrowth: growth,
    emailsSent: result.sent.length,
    ms: elapsed,
  };
}

const PLAN_PAIRS = 2_000;
const TODAY = d("2025-10-20");

/**
 * A school of `n` pairs on the memory workbook as of 20 October 2025: working and approved
 * pairs (every 40th pair a group of two), meetings scheduled from 15 September, a third of the
 * units holding all of them, entry feedback from a fifth, the team and roadmap of the reminder
 * tests, the forms published.
 */
function bigSchool(n: number) {
  const env = movableEnv(new Date(2025, 8, 1, 8, 0));
  setupWorkbook(env);
  writeSettings(env.workbook, {
    orgShortName: "МБОУ СОШ № 7",
    curatorName: "Кузьмина Ольга Сергеевна",
    curatorEmail: "kurator@school7.ru",
    reminderDaysBefore: 7,
    inactivityDays: 30,
    meetingEveryDays: 14,
    feedbackEntryDays: 14,
    feedbackFinalDaysBefore: 14,
    formReminderEveryDays: 7,
  });
  insertRecords(env, "team", TEAM);
  insertRecords(env, "roadmap", ROADMAP);
  const mentorIds = insertRecords(
    env,
    "mentors",
    Array.from({ length: n }, (_, i) => ({
      fullName: fullName(i, false),
      status: "Наставник",
      category: "Педагог",
      email: `mentor${i + 1}@school7.ru`,
      consent: true,
      capacity: 2,
    })),
  );
  const menteeIds = insertRecords(
    env,
    "mentees",
    Array.from({ length: n }, (_, i) => ({
      fullName: fullName(i, true),
      status: "В паре",
      category: "Обучающийся",
      email: i % 97 === 5 ? "" : `mentee${i + 1}@school7.ru`,
      noEmail: i % 89 === 7,
      consent: true,
      requests: ["Учебная успеваемость"],
      createdAt: new Date(2025, 7, 25, 12, 0),
    })),
  );
  const pairs: Partial<RecordOf<"pairs">>[] = menteeIds.map((menteeId, i) => {
    // Pairs 40k and 40k+1 are a group of the mentor of 40k.
    const m = i % 40 === 1 ? i - 1 : i;
    return {
      status: i % 2 === 0 ? "Работает" : "Утверждена",
      groupId: i % 40 < 2 ? `Г-${mentorIds[i - (i % 40)]}` : "",
      mentorId: mentorIds[m],
      mentorName: fullName(m, false),
      menteeId,
      menteeName: fullName(i, true),
      startDate: d("2025-09-15"),
      endDate: d("2026-05-29"),
    };
  });
  insertRecords(env, "pairs", pairs);
  insertRecords(env, "forms", [
    { formKind: "mentee", formId: "f-mentee", publishedUrl: "https://forms.example/mentee" },
    { formKind: "mentor", formId: "f-mentor", publishedUrl: "https://forms.example/mentor" },
    { formKind: "preference", formId: "f-pref", publishedUrl: "https://forms.example/pref" },
    { formKind: "feedback", formId: "f-fb", publishedUrl: "https://forms.example/fb" },
  ]);
  scheduleMeetings(env);
  const meetings = readRecords(env.workbook, "meetings");
  const statusCol = (meetings.columns.index.get("status") ?? 0) + 1;
  const unitIndex = new Map(pairs.map((p, i) => [p.groupId || `П-${String(i + 1).padStart(4, "0")}`, i]));
  const cells = meetings.rows
    .filter(({ record }) => (unitIndex.get(record.pairId) ?? 1) % 3 === 0)
    .map(({ row }) => ({ row, col: statusCol, value: "Проведена" }));
  env.workbook.write("Встречи", cells);
  const pairIds = readRecords(env.workbook, "pairs").rows.map((r) => r.record.id);
  insertRecords(
    env,
    "feedback",
    pairIds
      .filter((_, i) => i % 5 === 0)
      .map((pairId) => ({ pairId, role: "Наставник", stage: "Входная", date: d("2025-09-30") })),
  );
  env.setNow(new Date(TODAY.year, TODAY.month - 1, TODAY.day, 8, 0));
  return env;
}

/** What planning reads, as the reminders use case loads it (settings as written above). */
function input(env: Env): ReminderInput {
  const rows = <K extends SheetKey>(key: K): RecordOf<K>[] =>
    readRecords(env.workbook, key).rows.map((r) => r.record);
  return {
    now: env.clock.now(),
    settings: {
      reminderDaysBefore: 7,
      inactivityDays: 30,
      feedbackEntryDays: 14,
      feedbackFinalDaysBefore: 14,
      formReminderEveryDays: 7,
      curatorEmail: "kurator@school7.ru",
      curatorName: "Кузьмина Ольга Сергеевна",
      orgShortName: "МБОУ СОШ № 7",
    },
    roadmap: rows("roadmap"),
    team: rows("team"),
    pairs: rows("pairs"),
    mentors: rows("mentors"),
    mentees: rows("mentees"),
    meetings: rows("meetings"),
    feedback: rows("feedback"),
    preferences: rows("preferences"),
    forms: {
      published: Object.fromEntries(rows("forms").map((f) => [f.formKind, f.publishedUrl])),
      prefilled: {},
    },
    mailLog: [],
    journalErrors: [],
  };
}

function planning(n: number) {
  const env = bigSchool(n);
  const data = input(env);
  // The preview (read, plan, compose) first; planning alone again afterwards.
  let t = performance.now();
  const preview = previewReminders(env, null);
  const previewMs = ms(t);
  t = performance.now();
  const messages = planReminders(data, TODAY);
  const planMs = ms(t);
  return {
    pairs: n,
    meetings: data.meetings.length,
    planRemindersMs: planMs,
    messages: messages.length,
    previewRemindersMs: previewMs,
    emails: preview.emails.length,
  };
}

export function remindersFigures() {
  const runs = [5, 50, 500].map(gasRun);
  return {
    gasSendReminders: runs,
    otherCallsEqualApartFromSheetGrowth: runs.every(
      (r) =>
        r.otherCalls - r.ofWhichSheetGrowth ===
        (runs[0]?.otherCalls ?? 0) - (runs[0]?.ofWhichSheetGrowth ?? 0),
    ),
    memoryPlanning: [500, PLAN_PAIRS].map(planning),
  };
}
