// Monitoring figures for `npm run bench`: computing the indicators and the ranking for a large
// school (20,000 participants, 50,000 meetings), the whole refresh over the in-memory workbook
// (first run and a rerun that writes nothing), and the Apps Script service calls of a refresh over
// the typed fakes for a small and a ten times larger school (they must be equal).
// Run alone: npx tsx bench/monitoring.ts

import { performance } from "node:perf_hooks";
import { refreshMonitoring } from "../src/app/monitoring";
import type { Env } from "../src/app/ports";
import { insertRecords } from "../src/app/records";
import { writeSettings } from "../src/app/settings";
import { setupWorkbook } from "../src/app/setup";
import { computeIndicators, type MonitoringInput } from "../src/domain/monitoring/indicators";
import { rankMentors } from "../src/domain/monitoring/ranking";
import { listValues } from "../src/domain/schema";
import type { RecordOf } from "../src/domain/table";
import { gasCharts, gasEnv } from "../src/gas/env";
import { createGasEnvironment } from "../test/fakes/gas";
import { memoryEnv } from "../test/fakes/memory";

const NOW = new Date(2026, 2, 16, 10, 0);
const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;
const id = (prefix: string, n: number) => `${prefix}-${String(n).padStart(5, "0")}`;
const day = (n: number) => {
  const d = new Date(2025, 8, 1 + (n % 190));
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
};

/** A school of `mentees` mentees, a tenth as many mentors, pairs for 3 in 4 mentees, ~3 meetings a pair. */
function school(mentees: number, meetingsPerPair = 3) {
  const forms = listValues("forms");
  const mentors = Math.max(1, Math.round(mentees / 6));
  const menteeRows: Partial<RecordOf<"mentees">>[] = [];
  const mentorRows: Partial<RecordOf<"mentors">>[] = [];
  const pairRows: Partial<RecordOf<"pairs">>[] = [];
  const meetingRows: Partial<RecordOf<"meetings">>[] = [];
  const feedbackRows: Partial<RecordOf<"feedback">>[] = [];
  for (let i = 1; i <= mentors; i++) {
    mentorRows.push({
      fullName: `Наставник ${i}`,
      status: "Наставник",
      category: "Педагог",
      contour: "Внутренний",
    });
  }
  for (let i = 1; i <= mentees; i++) {
    const paired = i % 4 !== 0;
    menteeRows.push({
      fullName: `Наставляемый ${i}`,
      status: paired ? "В паре" : "Ожидает пары",
      category: i % 5 === 0 ? "Молодой специалист" : "Обучающийся",
      createdAt: new Date(2025, 8, 1 + (i % 150), 12),
      wantsToMentor: i % 9 === 0,
    });
    if (!paired) continue;
    const pair = pairRows.length + 1;
    pairRows.push({
      status: pair % 10 === 0 ? "Завершена" : "Работает",
      mentorId: id("НР", (i % mentors) + 1),
      menteeId: id("НЯ", i),
      form: forms[i % forms.length] ?? "",
      startDate: day(i),
    });
    for (let k = 0; k < meetingsPerPair; k++) {
      meetingRows.push({
        pairId: id("П", pair),
        date: day(i + k * 14),
        status: k === meetingsPerPair - 1 ? "Запланирована" : "Проведена",
      });
    }
    if (pair % 2 === 0) {
      feedbackRows.push({
        pairId: id("П", pair),
        participantId: id("НЯ", i),
        role: "Наставляемый",
        stage: ["Входная", "Промежуточная", "Итоговая"][pair % 3] ?? "Входная",
        comfort: 5 + (pair % 6),
        usefulness: 4 + (pair % 7),
        expectationsMet: 6 + (pair % 5),
      });
    }
  }
  const roadmap: Partial<RecordOf<"roadmap">>[] = [];
  for (let i = 1; i <= 60; i++)
    roadmap.push({
      event: `Мероприятие ${i}`,
      deadline: day(i * 5),
      status: i % 3 ? "Выполнено" : "В работе",
    });
  return { menteeRows, mentorRows, pairRows, meetingRows, feedbackRows, roadmap };
}

function fill(env: Env, s: ReturnType<typeof school>): void {
  setupWorkbook(env);
  writeSettings(env.workbook, {
    orgShortName: "МБОУ СОШ № 1",
    regionCode: "0001",
    academicYearStart: "01.09.2025",
  });
  insertRecords(env, "mentors", s.mentorRows);
  insertRecords(env, "mentees", s.menteeRows);
  insertRecords(env, "pairs", s.pairRows);
  insertRecords(env, "meetings", s.meetingRows);
  insertRecords(env, "feedback", s.feedbackRows);
  insertRecords(env, "roadmap", s.roadmap);
}

/** The domain alone on plain records: 17,143 mentees + 2,857 mentors = 20,000 participants. */
function domainFigures() {
  const s = school(17_143, 4);
  const withIds = <T>(rows: Partial<T>[], prefix: string) =>
    rows.map((r, i) => ({ ...r, id: id(prefix, i + 1) }) as unknown as T);
  const input = {
    mentees: withIds<RecordOf<"mentees">>(s.menteeRows, "НЯ"),
    mentors: withIds<RecordOf<"mentors">>(s.mentorRows, "НР"),
    pairs: withIds<RecordOf<"pairs">>(
      s.pairRows.map((p) => ({ groupId: "", endDate: null, ...p })),
      "П",
    ),
    meetings: s.meetingRows as RecordOf<"meetings">[],
    roadmap: withIds<RecordOf<"roadmap">>(
      s.roadmap.map((r) => ({ doneDate: null, ...r })),
      "ДК",
    ),
    feedback: s.feedbackRows.map((f) => ({ wantsToMentor: false, ...f })) as RecordOf<"feedback">[],
    settings: { coverageTarget: 70, inactivityDays: 30, academicYear: 2025 },
  } as MonitoringInput;
  let t = performance.now();
  const indicators = computeIndicators(input, NOW);
  const indicatorsMs = ms(t);
  t = performance.now();
  const ranking = rankMentors(input, NOW);
  const rankingMs = ms(t);
  return {
    participants: input.mentees.length + input.mentors.length,
    pairs: input.pairs.length,
    meetings: input.meetings.length,
    feedback: input.feedback.length,
    indicators: indicators.length,
    rankedMentors: ranking.length,
    indicatorsMs,
    rankingMs,
  };
}

/** refreshMonitoring over the in-memory workbook: reading, computing, the cell-level diff. */
function memoryFigures() {
  const env = memoryEnv(undefined, NOW);
  fill(env, school(6_000));
  let t = performance.now();
  const first = refreshMonitoring(env, null);
  const firstMs = ms(t);
  t = performance.now();
  const second = refreshMonitoring(env, null);
  const secondMs = ms(t);
  return {
    mentees: 6_000,
    firstRunMs: firstMs,
    firstRunCells: first.changedCells,
    rerunMs: secondMs,
    rerunCells: second.changedCells,
  };
}

/** Service calls of one refresh (with the four charts) over the Apps Script fakes. */
function gasCalls(mentees: number) {
  const fake = createGasEnvironment();
  const env: Env = { ...gasEnv(fake.globals), clock: { now: () => NOW } };
  fill(env, school(mentees));
  fake.calls.reset();
  const t = performance.now();
  refreshMonitoring(env, gasCharts(fake.globals));
  return { mentees, calls: fake.calls.total, ms: ms(t) };
}

export function monitoringFigures() {
  const small = gasCalls(60);
  const large = gasCalls(600);
  if (small.calls !== large.calls)
    throw new Error(`bench: monitoring service calls grow with the school: ${small.calls} → ${large.calls}`);
  return { domain: domainFigures(), memory: memoryFigures(), gas: { small, large } };
}

if (process.argv[1]?.endsWith("monitoring.ts")) {
  process.stdout.write(`${JSON.stringify(monitoringFigures(), null, 2)}\n`);
}
