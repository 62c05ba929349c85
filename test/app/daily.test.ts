// The daily run shared by both editions (src/app/daily.ts): the steps in order, one
// «Ежедневный запуск» line, a failing step logged and the others still run — with a synchronous
// sender (Apps Script) and an asynchronous one (the local outbox), including a rejected send.

import { describe, expect, it } from "vitest";
import { DAILY_ACTION, type DailyReport, journalGuard, runDailySteps } from "../../src/app/daily";
import { userMessage } from "../../src/app/errors";
import { readRecords } from "../../src/app/records";
import { sendReminders } from "../../src/app/reminders";
import { setupWorkbook } from "../../src/app/setup";
import { memoryEnv } from "../fakes/memory";
import { MemoryMail } from "../fakes/memory-mail";

function start() {
  const env = memoryEnv();
  setupWorkbook(env);
  return env;
}

function journal(env: ReturnType<typeof start>) {
  return readRecords(env.workbook, "journal").rows.map((r) => r.record);
}

describe("the daily run", () => {
  it("runs synchronously with a synchronous sender and logs one summary line", () => {
    const env = start();
    const mail = new MemoryMail();
    const order: string[] = [];
    const result = runDailySteps(env, {
      guard: (action, fn) => {
        order.push(action);
        return fn();
      },
      send: () => sendReminders(env, mail, null),
      charts: null,
    });
    expect(result).not.toBeInstanceOf(Promise);
    const report = result as DailyReport;
    expect(order).toEqual([
      `${DAILY_ACTION}: дорожная карта`,
      `${DAILY_ACTION}: встречи`,
      `${DAILY_ACTION}: рассылка`,
      `${DAILY_ACTION}: мониторинг`,
    ]);
    expect(report.outcome).toBe("успешно");
    expect(report.failures).toEqual([]);
    expect(report.details.some((d) => d.startsWith("Рассылка: отправлено писем 0"))).toBe(true);
    const last = journal(env).at(-1);
    expect(last?.action).toBe(DAILY_ACTION);
    expect(last?.details).toBe(report.details.join("\n"));
  });

  it("with an asynchronous sender that fails: logs the step, runs monitoring after it, warns", async () => {
    const env = start();
    const guard = journalGuard(env, userMessage);
    const result = runDailySteps(env, {
      guard,
      send: () => Promise.reject(new Error("Не удалось записать письмо в «outbox»: нет места")),
      charts: null,
    });
    expect(result).toBeInstanceOf(Promise);
    const report = await result;
    expect(report.outcome).toBe("с предупреждениями");
    expect(report.failures).toEqual(["рассылка: Не удалось записать письмо в «outbox»: нет места"]);
    // Monitoring still ran, after the failed sending.
    expect(report.details.at(-1)).toMatch(/^Мониторинг: изменено ячеек \d+/);
    const lines = journal(env);
    const failed = lines.find((l) => l.action === `${DAILY_ACTION}: рассылка`);
    expect(failed).toMatchObject({
      outcome: "ошибка",
      details: "Не удалось записать письмо в «outbox»: нет места",
    });
    expect(lines.at(-1)).toMatchObject({ action: DAILY_ACTION, outcome: "с предупреждениями" });
    expect(lines.at(-1)?.details).toContain("Ошибка — рассылка: Не удалось записать письмо");
  });

  it("a step that throws synchronously is logged by the guard and the run goes on", async () => {
    const env = start();
    const report = (await runDailySteps(env, {
      guard: journalGuard(env, userMessage),
      send: () => {
        throw new Error("Почтовый сервер недоступен");
      },
      charts: null,
    })) as DailyReport;
    expect(report.failures).toEqual(["рассылка: Почтовый сервер недоступен"]);
    expect(report.details.filter((d) => /^(Дорожная карта|Встречи|Мониторинг):/.test(d))).toHaveLength(3);
    expect(journal(env).filter((l) => l.action === `${DAILY_ACTION}: рассылка`)).toHaveLength(1);
  });
});
