// The daily run, the same in both editions: bring roadmap deadlines and meeting figures up to
// date, send the day's reminders, recompute «Мониторинг», then log one «Ежедневный запуск» line
// summing up all steps. Each step runs guarded by the shell (Apps Script: src/gas/guarded.ts,
// which logs a failing step to «Журнал»); a failing step does not stop the others.
//
// Sending is the only step whose speed depends on the shell: MailApp sends synchronously, the
// local outbox and SMTP asynchronously. So the run is synchronous when the shell's `send` is
// (Apps Script never sees a Promise) and returns a Promise when it is not.

import { type Outcome, writeJournal } from "./journal";
import { refreshMeetingStats } from "./meetings";
import { refreshMonitoring } from "./monitoring";
import type { ChartsPort, Env } from "./ports";
import type { ReminderRunResult } from "./reminders";
import { describeProgress, refreshRoadmap } from "./roadmap";

/** The «Журнал» action of the daily run (the sidebar shows its last line). */
export const DAILY_ACTION = "Ежедневный запуск";

export interface DailyShell {
  /**
   * Runs one step under its «Журнал» action name (`Ежедневный запуск: <step>`): logs a failure
   * and rethrows it. A step's function may return a Promise (the local sending step).
   */
  guard<T>(action: string, fn: () => T): T;
  /** Sends the day's reminders (Apps Script: MailApp; local: the outbox or SMTP). */
  send(): ReminderRunResult | Promise<ReminderRunResult>;
  /** Charts of «Мониторинг» (Apps Script), or null where the workbook has none (local .xlsx). */
  charts: ChartsPort | null;
}

export interface DailyReport {
  outcome: Outcome;
  /** What each step did, Russian, one line each. */
  details: string[];
  /** `<step>: <message>` of each failed step. */
  failures: string[];
}

type Maybe<T> = T | Promise<T>;

function isPromise<T>(value: Maybe<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface Step {
  name: string;
  run: () => Maybe<unknown>;
  describe: (result: unknown) => string[];
}

function step<T>(name: string, run: () => Maybe<T>, describe: (result: T) => string[]): Step {
  return { name, run, describe: (result) => describe(result as T) };
}

/** Runs the daily steps in order; synchronous unless the shell's sending is asynchronous. */
export function runDailySteps(env: Env, shell: DailyShell): Maybe<DailyReport> {
  const details: string[] = [];
  const failures: string[] = [];
  const steps: Step[] = [
    step(
      "дорожная карта",
      () => refreshRoadmap(env),
      (r) => [`Дорожная карта: обновлено ячеек ${r.changedCells}.`, ...describeProgress(r.progress)],
    ),
    step(
      "встречи",
      () => refreshMeetingStats(env),
      (r) => [`Встречи: обновлено ячеек в «Пары и группы» ${r.changedCells}.`],
    ),
    step(
      "рассылка",
      () => shell.send(),
      (r) => [
        `Рассылка: отправлено писем ${r.sent.length}, отложено ${r.postponed.length}, ошибок ${r.failed.length}.`,
        ...r.lines,
      ],
    ),
    // Last: the figures of «Мониторинг» and its charts, after the day's meetings are counted.
    step(
      "мониторинг",
      () => refreshMonitoring(env, shell.charts, { journalOnlyChanges: true }),
      (r) => [
        `Мониторинг: изменено ячеек ${r.changedCells}` +
          (r.charts ? `; диаграмм создано ${r.charts.created}, обновлено ${r.charts.updated}.` : "."),
      ],
    ),
  ];

  const finish = (): DailyReport => {
    const outcome: Outcome =
      failures.length === 0 ? "успешно" : details.length > 0 ? "с предупреждениями" : "ошибка";
    const text = [...details, ...failures.map((f) => `Ошибка — ${f}`)].join("\n");
    try {
      writeJournal(env, [{ action: DAILY_ACTION, outcome, details: text }]);
    } catch {
      // The steps' own failures are already in «Журнал» (guarded); nothing more can be done here.
    }
    return { outcome, details, failures };
  };

  const next = (i: number): Maybe<DailyReport> => {
    for (; i < steps.length; i++) {
      const current = steps[i] as Step;
      let result: Maybe<unknown>;
      try {
        result = shell.guard(`${DAILY_ACTION}: ${current.name}`, current.run);
      } catch (error) {
        failures.push(`${current.name}: ${message(error)}`);
        continue;
      }
      if (isPromise(result)) {
        const at = i;
        return result.then(
          (value) => {
            details.push(...current.describe(value));
            return next(at + 1);
          },
          (error: unknown) => {
            failures.push(`${current.name}: ${message(error)}`);
            return next(at + 1);
          },
        );
      }
      details.push(...current.describe(result));
    }
    return finish();
  };
  return next(0);
}

/**
 * A guard for shells without Apps Script's: a failure (thrown, or a rejected Promise) is logged
 * to «Журнал» under `action` with `describe(error)` and passed on.
 */
export function journalGuard(env: Env, describe: (error: unknown) => string) {
  const log = (action: string, error: unknown) => {
    try {
      writeJournal(env, [{ action, outcome: "ошибка", details: describe(error) }]);
    } catch {
      // The journal itself may be what fails; the step's failure is still reported.
    }
  };
  return <T>(action: string, fn: () => T): T => {
    try {
      const result = fn();
      if (isPromise(result)) {
        return result.catch((error: unknown) => {
          log(action, error);
          throw error;
        }) as T;
      }
      return result;
    } catch (error) {
      log(action, error);
      throw error;
    }
  };
}
