// The demo school's year as one scenario over a small driver, so that the same year runs in the
// local edition (src/local/demo-year.ts: the use cases on an .xlsx workbook) and through the
// built Apps Script bundle (test/bundle/demo-gas.ts: the top-level functions over the fakes).
// No Node API here: a test reuses it as it is.
//
// The scenario is an ordered list of steps: «action» steps are what the curator starts from the
// menu or the sidebar, or what a trigger runs (a top-level function in Apps Script); «curator»
// steps are what the curator types into the sheets (mentors trained, meetings held, roadmap items
// done) and what people answer in the questionnaires. Its randomness is seeded and drawn in the
// same order whatever the driver, so both editions see the same year.

import type { IntakeReport } from "../app/intake";
import type { PairDecision } from "../app/pairs";
import type { CellWrite } from "../app/ports";
import type { ProposalRequest, ProposalView } from "../app/proposal-types";
import type { SettingsValues } from "../app/settings";
import type { CellValue } from "../domain/cells";
import type { DocKind } from "../domain/docs/model";
import { FORM_NAMES, type FormKind, formDef } from "../domain/forms";
import { matchKey } from "../domain/normalize";
import { roadmapTemplate } from "../domain/roadmap/templates";
import { type SheetKey, sheetDef } from "../domain/schema";
import { type RecordOf, readTable, type TableRead } from "../domain/table";
import { DEMO_ROADMAP, DEMO_TEAM, demoSettings } from "./demo";
import { generateDemoCohort, seededRandom } from "./demo-cohort";

export const DEMO_SEED = 14;

/** What one edition must offer the scenario. Results are plain values (they cross Apps Script's JSON). */
export interface DemoDriver {
  /** The time «now» of the edition from here on. */
  setNow(at: Date): void;
  /** A sheet's values as the curator sees them; null when there is no such sheet. */
  read(sheet: string): CellValue[][] | null;
  /** The curator types into cells (1-based rows and columns; rows past the end add rows). */
  type(sheet: string, cells: CellWrite[]): void;
  setup(): void;
  loadRoadmapTemplate(key: string): { added: number };
  /** Responses of a questionnaire, as its responses sheet (or exported file) holds them. */
  importResponses(kind: FormKind, source: string, values: CellValue[][]): IntakeReport;
  propose(request: ProposalRequest): ProposalView;
  confirm(accepted: PairDecision[]): { created: string[] };
  /** IDs of the candidates preselected for a document kind. */
  candidates(kind: DocKind): string[];
  /** Generates a kind for `ids` (none: an order on the whole) to the end of its job; how many were made. */
  documents(kind: DocKind, ids: string[], date: string): number;
  scheduleMeetings(): { created: number };
  /** Turns the daily run on (Apps Script: installs the time-driven trigger; locally nothing). */
  installDaily(): void;
  /** The daily run (Apps Script: the installed trigger). */
  daily(): void | Promise<void>;
  monitoring(): void;
  closeYearPreview(): { willingMentees: { id: string }[] };
  closeYear(promote: string[]): { completedPairs: number; promoted: string[] };
}

export interface DemoStep {
  name: string;
  kind: "action" | "curator";
  /** «documents» and «days» steps are the long ones the local demo shows progress bars for. */
  group?: "documents" | "days";
  run(): void | Promise<void>;
}

export interface DemoOptions {
  seed?: number;
  /** The academic year's first calendar year; default: the current academic year. */
  year?: number;
  /** Summary lines as the scenario reaches them (Russian). */
  note?(line: string): void;
  /** How many emails went out so far, for the year's summary line. */
  mailSent?(): number;
}

/** The academic year `today` falls in (it starts in September). */
export function demoYear(today: Date = new Date()): number {
  return today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
}

const DAY = 86_400_000;

/** The first and the last day the year is simulated (the daily run at 8:00 each day). */
export function demoDays(year: number): { first: Date; days: number } {
  const first = new Date(year, 8, 15, 8, 0);
  const last = new Date(year + 1, 4, 31, 8, 0);
  return { first, days: Math.round((last.getTime() - first.getTime()) / DAY) + 1 };
}

/** The feedback questionnaire's responses sheet (as Google Forms names the columns). */
export const FEEDBACK_SOURCE = "Ответы: обратная связь";
export const MENTEE_SOURCE = "Ответы: анкета наставляемого";
export const MENTOR_SOURCE = "Ответы: анкета наставника";

const YES = "Согласен(на)";

function dayNo(d: { year: number; month: number; day: number }): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / DAY);
}

function dateOnly(d: Date) {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

function table<K extends SheetKey>(driver: DemoDriver, key: K): TableRead<K> {
  const values = driver.read(sheetDef(key).name);
  if (!values) throw new Error(`В книге нет листа «${sheetDef(key).name}»`);
  return readTable(key, values);
}

function col<K extends SheetKey>(t: TableRead<K>, key: K, column: string): number {
  const index = t.columns.index.get(column as never);
  if (index === undefined) throw new Error(`В листе «${sheetDef(key).name}» нет столбца «${column}»`);
  return index + 1;
}

/** The curator types the settings' values into «Значение» of «Настройки». */
function typeSettings(driver: DemoDriver, changes: Partial<SettingsValues>): void {
  const t = table(driver, "settings");
  const valueCol = col(t, "settings", "value");
  const cells: CellWrite[] = [];
  for (const { row, record } of t.rows) {
    const next = changes[record.key as keyof SettingsValues];
    if (next === undefined) continue;
    cells.push({ row, col: valueCol, value: typeof next === "boolean" ? (next ? "да" : "нет") : next });
  }
  driver.type(sheetDef("settings").name, cells);
}

/** The curator types rows under the last one of a records sheet, with the next IDs of its prefix. */
function typeRows<K extends SheetKey>(driver: DemoDriver, key: K, records: Partial<RecordOf<K>>[]): void {
  if (records.length === 0) return;
  const values = driver.read(sheetDef(key).name) ?? [];
  const t = readTable(key, values);
  const def = sheetDef(key);
  const prefix = "idPrefix" in def && def.idPrefix ? def.idPrefix : null;
  let n = Math.max(
    0,
    ...t.rows.map((r) => Number(/-(\d+)$/.exec(String((r.record as { id?: unknown }).id ?? ""))?.[1] ?? 0)),
  );
  let row = values.length;
  const cells: CellWrite[] = [];
  for (const record of records) {
    row++;
    const full: Record<string, unknown> = prefix
      ? { ...record, id: `${prefix}-${String(++n).padStart(4, "0")}` }
      : { ...record };
    for (const [column, value] of Object.entries(full)) {
      const index = t.columns.index.get(column as never);
      if (index === undefined || value === undefined) continue;
      cells.push({ row, col: index + 1, value: value as CellValue });
    }
  }
  driver.type(def.name, cells);
}

/** The whole demo year over `driver`, as steps to run in order. */
export function demoSteps(driver: DemoDriver, options: DemoOptions = {}): DemoStep[] {
  const seed = options.seed ?? DEMO_SEED;
  const year = options.year ?? demoYear();
  const note = options.note ?? (() => {});
  const rng = seededRandom(seed * 7919);
  const at = (month: number, day: number, hour = 9) => new Date(year, month - 1, day, hour, 0);
  const steps: DemoStep[] = [];
  const action = (name: string, run: () => void | Promise<void>, group?: DemoStep["group"]) =>
    steps.push({ name, kind: "action", run, ...(group ? { group } : {}) });
  const curator = (name: string, run: () => void | Promise<void>, group?: DemoStep["group"]) =>
    steps.push({ name, kind: "curator", run, ...(group ? { group } : {}) });

  // 1. The workbook, the school's details, the team and the roadmap.
  action("Настроить книгу", () => {
    driver.setNow(at(9, 1));
    driver.setup();
  });
  curator("Реквизиты школы и команда", () => {
    typeSettings(driver, demoSettings(at(9, 1)));
    const present = new Set(table(driver, "team").rows.map((r) => matchKey(r.record.fullName)));
    typeRows(
      driver,
      "team",
      DEMO_TEAM.filter((p) => !present.has(matchKey(p.fullName ?? ""))),
    );
  });
  action("Шаблон дорожной карты", () => {
    const template = roadmapTemplate(DEMO_ROADMAP);
    if (!template) throw new Error(`Нет шаблона дорожной карты «${DEMO_ROADMAP}»`);
    const roadmap = driver.loadRoadmapTemplate(DEMO_ROADMAP);
    note(`Книга, реквизиты, команда; дорожная карта «${template.title}»: мероприятий — ${roadmap.added}.`);
  });

  // 2. The questionnaires.
  const cohort = generateDemoCohort(seed, year);
  for (const [kind, source, values] of [
    ["mentee", MENTEE_SOURCE, cohort.mentees],
    ["mentor", MENTOR_SOURCE, cohort.mentors],
  ] as const) {
    action(`Загрузить ответы: ${FORM_NAMES[kind]}`, () => {
      driver.setNow(at(9, 6));
      const r = driver.importResponses(kind, source, values);
      note(
        `${r.form}: строк — ${r.total}, новых — ${r.created}, повторов — ${r.duplicates}, требуют проверки — ${r.needsReview}, без согласия — ${r.withoutConsent}, отклонено — ${r.rejected.length}.`,
      );
    });
  }

  // 3. Mentors with consent are selected and trained; matching; confirmation.
  curator("Наставники отобраны и обучены", () => {
    driver.setNow(at(9, 10));
    const mentors = table(driver, "mentors");
    const [statusCol, trainedCol, consentCol] = [
      col(mentors, "mentors", "status"),
      col(mentors, "mentors", "trained"),
      col(mentors, "mentors", "mentoringConsent"),
    ];
    const cells: CellWrite[] = [];
    for (const { row, record } of mentors.rows) {
      if (record.status !== "Новый") continue;
      cells.push(
        { row, col: statusCol, value: "Обучен" },
        { row, col: trainedCol, value: true },
        { row, col: consentCol, value: true },
      );
    }
    driver.type(sheetDef("mentors").name, cells);
  });
  let proposal: ProposalView | null = null;
  action("Подбор пар", () => {
    proposal = driver.propose({
      strategy: "optimal",
      scope: "unmatched",
      form: null,
      weights: null,
      locked: [],
      excluded: [],
    });
  });
  action("Утвердить пары", () => {
    driver.setNow(at(9, 12));
    const view = proposal as ProposalView | null;
    if (!view) throw new Error("Подбор пар не выполнен");
    // The curator confirms only mentees whose answers are checked and who gave consent.
    const unchecked = new Set(
      table(driver, "mentees")
        .rows.filter((r) => r.record.status === "Требует проверки" || r.record.status === "Нет согласия")
        .map((r) => r.record.id),
    );
    const confirmed = driver.confirm(
      view.proposals
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
    note(
      `Подбор: предложено пар — ${view.proposals.length}, без пары — ${view.unmatched.length}; утверждено — ${confirmed.created.length}.`,
    );
  });

  // 4. The orders and the ППН.
  const date = `${year}-09-14`;
  let programCount = 0;
  for (const kind of ["pairs-order", "mentors-order", "program"] as const) {
    action(
      `Документы: ${kind}`,
      () => {
        driver.setNow(at(9, 14));
        const ids = driver.candidates(kind);
        if (kind === "program") programCount = ids.length;
        driver.documents(kind, ids, date);
        if (kind === "program")
          note(
            `Документы: приказ о закреплении пар, приказ о наставниках, ППН (по парам и группам) — ${programCount}.`,
          );
      },
      "documents",
    );
  }

  // 5. Meetings from 15 September; the curator's year planned from them.
  const byDay = new Map<number, number[]>();
  const dueBy = new Map<number, number[]>();
  let activePairs: RecordOf<"pairs">[] = [];
  let meetingStatus = 0;
  let rmStatus = 0;
  let rmDone = 0;
  // The add-on's action only schedules (a re-run adds nothing); what the curator will do during
  // the year is drawn in a step of its own, so that running the action twice changes nothing.
  action("Запланировать встречи", () => {
    driver.setNow(at(9, 15));
    const schedule = driver.scheduleMeetings();
    note(`Встречи: запланировано — ${schedule.created}.`);
  });
  curator("Куратор расписывает год по встречам и дорожной карте", () => {
    const meetings = table(driver, "meetings");
    meetingStatus = col(meetings, "meetings", "status");
    for (const { row, record } of meetings.rows) {
      if (!record.date) continue;
      const n = dayNo(record.date);
      byDay.set(n, [...(byDay.get(n) ?? []), row]);
    }
    const roadmap = table(driver, "roadmap");
    [rmStatus, rmDone] = [col(roadmap, "roadmap", "status"), col(roadmap, "roadmap", "doneDate")];
    for (const { row, record } of roadmap.rows) {
      if (!record.deadline || record.status === "Выполнено" || record.status === "Отменено") continue;
      // Most items are done a few days around their deadline; one in eight is left overdue.
      if (rng() < 0.125) continue;
      const n = dayNo(record.deadline) + Math.floor(rng() * 7) - 3;
      dueBy.set(n, [...(dueBy.get(n) ?? []), row]);
    }
    activePairs = table(driver, "pairs")
      .rows.filter((r) => r.record.status === "Утверждена")
      .map((r) => r.record);
  });
  action("Включить ежедневную рассылку", () => driver.installDaily());

  // 6. The year day by day: what the curator types, the answers that come in, the daily run.
  const stages: [string, number][] = [
    ["Входная", dayNo({ year, month: 10, day: 1 })],
    ["Промежуточная", dayNo({ year: year + 1, month: 1, day: 20 })],
    ["Итоговая", dayNo({ year: year + 1, month: 5, day: 15 })],
  ];
  const feedbackHeader: CellValue[] = [
    "Отметка времени",
    ...formDef("feedback").questions.map((q) => q.title),
    "ID участника",
  ];
  const feedbackRows: CellValue[][] = [];
  const totals = { held: 0, cancelled: 0, feedback: 0 };
  const { days } = demoDays(year);
  for (let i = 0; i < days; i++) {
    const now = new Date(year, 8, 15 + i, 8, 0);
    const n = dayNo(dateOnly(now));
    const label = `${String(now.getDate()).padStart(2, "0")}.${String(now.getMonth() + 1).padStart(2, "0")}`;
    curator(
      `День ${label}: встречи и мероприятия`,
      () => {
        driver.setNow(now);
        // Yesterday's meetings: most were held, a few cancelled.
        const cells: CellWrite[] = [];
        for (const row of byDay.get(n - 1) ?? []) {
          const ok = rng() < 0.9;
          if (ok) totals.held++;
          else totals.cancelled++;
          cells.push({ row, col: meetingStatus, value: ok ? "Проведена" : "Отменена" });
        }
        if (cells.length > 0) driver.type(sheetDef("meetings").name, cells);
        const doneRows = dueBy.get(n) ?? [];
        if (doneRows.length > 0) {
          driver.type(
            sheetDef("roadmap").name,
            doneRows.flatMap((row) => [
              { row, col: rmStatus, value: "Выполнено" },
              { row, col: rmDone, value: new Date(now.getFullYear(), now.getMonth(), now.getDate()) },
            ]),
          );
        }
      },
      "days",
    );
    const stage = stages.find(([, day]) => day === n)?.[0];
    if (stage) {
      // The participants answer the feedback questionnaire (its responses sheet grows), then the
      // add-on takes the answers in — an action that may run twice without changing anything.
      curator(
        `День ${label}: ответы на анкету обратной связи, этап «${stage}»`,
        () => {
          const final = stage === "Итоговая";
          const answeredAt = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 7, 30);
          const questions = formDef("feedback").questions;
          for (const record of activePairs) {
            for (const [role, participantId] of [
              ["Наставник", record.mentorId],
              ["Наставляемый", record.menteeId],
            ] as const) {
              if (rng() < 0.1) continue; // not everyone answers
              const base = stage === "Входная" ? 6 : stage === "Промежуточная" ? 7 : 8;
              const score = () => Math.min(10, base + Math.floor(rng() * 3));
              const answers: Record<string, CellValue> = {
                pairId: record.id,
                role,
                stage,
                comfort: score(),
                usefulness: score(),
                expectationsMet: score(),
                wantsToContinue: rng() < 0.9 ? "Да" : "Нет",
                ...(final && role === "Наставляемый" ? { wantsToMentor: rng() < 0.3 ? "Да" : "Нет" } : {}),
                comment: "",
                consent: YES,
              };
              feedbackRows.push([answeredAt, ...questions.map((q) => answers[q.key] ?? ""), participantId]);
              totals.feedback++;
            }
          }
        },
        "days",
      );
      action(
        `День ${label}: обратная связь, этап «${stage}»`,
        () => {
          driver.importResponses("feedback", FEEDBACK_SOURCE, [feedbackHeader, ...feedbackRows]);
        },
        "days",
      );
    }
    action(`День ${label}: ежедневный запуск`, () => driver.daily(), "days");
  }
  // 7. Monitoring, the report, closing the year.
  action("Обновить мониторинг", () => {
    note(
      `Год: встреч проведено — ${totals.held}, отменено — ${totals.cancelled}; анкет обратной связи — ${totals.feedback}` +
        (options.mailSent ? `; писем — ${options.mailSent()}.` : "."),
    );
    driver.setNow(new Date(year + 1, 4, 31, 12, 0));
    driver.monitoring();
  });
  action("Отчёт за год", () => {
    driver.documents("report", [], `${year + 1}-05-31`);
  });
  action("Завершить учебный год", () => {
    const preview = driver.closeYearPreview();
    const closed = driver.closeYear(preview.willingMentees.map((m) => m.id));
    note(
      `Мониторинг обновлён; отчёт за год; год закрыт: пар завершено — ${closed.completedPairs}, в базу наставников — ${closed.promoted.length}.`,
    );
  });
  return steps;
}
