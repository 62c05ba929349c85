// Meetings and reminders through the built bundle over the Apps Script fakes: set-up, a small
// school, the daily trigger installed from the sidebar's server function, dailyRun fired on
// several days with the bundle's clock moved, each email in the MailApp fake exactly once,
// «Журнал рассылок» rows, the quota, and service calls that do not grow with the pairs.

import vm from "node:vm";
import { describe, expect, it } from "vitest";
import type {
  PreviewResponse,
  RemindersState,
  ScheduleMeetingsResponse,
  SendNowResponse,
  TriggerResponse,
} from "../../src/app/contract-reminders";
import { createGasEnvironment } from "../fakes/gas";
import { loadBundle } from "./load";
import {
  CURATOR,
  expectedRecipients,
  mailLog,
  menteeEmail,
  mentorEmail,
  OPTED_OUT,
  OWNER,
  seedSchool,
  seedSheet,
  setSettings,
  settableClock,
  WITHDRAWN,
} from "./reminders-school";

function start(pairs = 2, quota = 100) {
  const gas = createGasEnvironment();
  const ctx = loadBundle({ ...gas.globals });
  const setNow = settableClock(ctx, "2025-09-15T07:55:00");
  gas.useDateConstructor(vm.runInContext("Date", ctx) as DateConstructor);
  const call = <T>(name: string, ...args: unknown[]): T => (ctx[name] as (...a: unknown[]) => T)(...args);
  call("apiSetupWorkbook");
  seedSchool(gas, pairs);
  gas.globals.MailApp.quota = quota;
  return { gas, ctx, call, setNow };
}

type Env = ReturnType<typeof start>;

/** What the time-driven trigger does at its hour: call its handler. */
function fireDailyTrigger({ gas, ctx }: Env): void {
  const triggers = gas.globals.ScriptApp.triggersFor("CLOCK");
  expect(triggers).toHaveLength(1);
  const handler = triggers[0]?.handler ?? "";
  (ctx[handler] as () => void)();
}

function sentTo(env: Env): string[] {
  return env.gas.globals.MailApp.sent.map((m) => m.to).sort();
}

function journal(env: Env): { action: string; outcome: string; details: string }[] {
  const values = env.gas.spreadsheet.getSheetByName("Журнал")?.getDataRange().getValues() ?? [];
  return values.slice(1).map((r) => ({ action: String(r[1]), outcome: String(r[3]), details: String(r[4]) }));
}

describe("the daily reminder run in Apps Script", () => {
  it("installs the trigger at the hour of «Настройки», runs it on several days, sends each email once", () => {
    const env = start(2);
    const { gas, call, setNow } = env;
    const off = call<RemindersState>("apiRemindersState");
    expect(off.trigger.installed).toBe(false);
    expect(off).toMatchObject({
      setUp: true,
      hour: 8,
      quota: 100,
      sender: "МБОУ СОШ № 1",
      curatorEmail: CURATOR,
    });

    const on = call<TriggerResponse>("apiInstallDailyTrigger");
    expect(on.lines[0]).toMatch(/^Ежедневная рассылка включена: каждый день в 8:00/);
    expect(on.state.trigger).toMatchObject({
      installed: true,
      hour: 8,
      by: "kurator@school.ru",
      byOther: false,
    });
    expect(gas.globals.ScriptApp.describe()).toEqual([
      { handler: "dailyRun", event: "CLOCK", sourceId: null, atHour: 8, everyDays: 1 },
    ]);
    // Installing again changes nothing.
    expect(call<TriggerResponse>("apiInstallDailyTrigger").lines[0]).toMatch(/уже включена/);
    expect(gas.globals.ScriptApp.triggers).toHaveLength(1);

    // Day 1, 08:00: one email per recipient, nobody opted out or withdrawn.
    setNow("2025-09-15T08:00:00");
    fireDailyTrigger(env);
    expect(sentTo(env)).toEqual(expectedRecipients(2));
    expect(sentTo(env)).not.toContain(OPTED_OUT);
    expect(sentTo(env)).not.toContain(WITHDRAWN);
    const mentorMail = gas.globals.MailApp.sentTo(mentorEmail(2))[0];
    expect(mentorMail).toMatchObject({ name: "МБОУ СОШ № 1", replyTo: CURATOR });
    expect(mentorMail?.subject).toMatch(/15\.09\.2025/);
    expect(mentorMail?.body).toMatch(/Молодцова Анна 2/);
    expect(mentorMail?.body).not.toMatch(/Молодцова Анна 1\b/);
    expect(mentorMail?.htmlBody).toMatch(/<(p|ul|li|div|table)[\s>]/);
    expect(gas.globals.MailApp.sentTo(OWNER)[0]?.body).toMatch(/Обучение наставников/);

    const rows = mailLog(gas);
    expect(rows.length).toBeGreaterThanOrEqual(expectedRecipients(2).length);
    expect(rows.every((r) => r.Статус === "Отправлено")).toBe(true);
    expect(new Set(rows.map((r) => r["Ключ письма"])).size).toBe(rows.length);
    expect(rows.map((r) => r.Получатель)).toEqual(expect.arrayContaining(expectedRecipients(2)));
    const daily = journal(env).filter((j) => j.action === "Ежедневный запуск");
    expect(daily).toHaveLength(1);
    expect(daily[0]?.outcome).toBe("успешно");
    expect(daily[0]?.details).toMatch(/Рассылка: отправлено писем 5, отложено 0, ошибок 0/);

    // The same day again (a second trigger, a rerun): nothing more.
    gas.calls.reset();
    fireDailyTrigger(env);
    expect(gas.calls.byMethod["MailApp.sendEmail"] ?? 0).toBe(0);
    expect(mailLog(gas)).toHaveLength(rows.length);

    // Day 2: the meetings are today, but their reminder went yesterday; the deadline reminder too.
    setNow("2025-09-16T08:00:00");
    fireDailyTrigger(env);
    expect(sentTo(env).filter((to) => to !== CURATOR)).toEqual(
      expectedRecipients(2).filter((to) => to !== CURATOR),
    );

    // Day 3: a new meeting of the second pair is planned for tomorrow → only that pair hears of it.
    seedSheet(gas, "Встречи", [
      {
        ID: "ВС-0100",
        "ID пары": "П-0002",
        Дата: "18.09.2025",
        Тема: "Открытый урок",
        Статус: "Запланирована",
      },
    ]);
    setNow("2025-09-17T08:00:00");
    fireDailyTrigger(env);
    expect(gas.globals.MailApp.sentTo(mentorEmail(2))).toHaveLength(2);
    expect(gas.globals.MailApp.sentTo(menteeEmail(2))).toHaveLength(2);
    expect(gas.globals.MailApp.sentTo(mentorEmail(1))).toHaveLength(1);
    const keys = mailLog(gas).map((r) => r["Ключ письма"]);
    expect(new Set(keys).size).toBe(keys.length);

    const state = call<RemindersState>("apiRemindersState");
    expect(state.lastRun?.outcome).toBe("успешно");
    expect(new Date(state.lastRun?.time ?? "").getDate()).toBe(17);
    expect(state.counts).toMatchObject({ postponed: 0, failed: 0, uncertain: 0 });
    // The pair's two people, and the curator's digest (a mentee still waits for a pair): daily.
    expect(state.counts.sentToday).toBe(3);
    expect(gas.globals.MailApp.sentTo(CURATOR)).toHaveLength(3);

    // Turned off: the trigger is gone, the state says so.
    const removed = call<TriggerResponse>("apiRemoveDailyTrigger");
    expect(removed.state.trigger.installed).toBe(false);
    expect(gas.globals.ScriptApp.triggers).toHaveLength(0);
  });

  it("moves the trigger when the hour in «Настройки» changed, and refuses a bad hour in Russian", () => {
    const env = start(1);
    const { gas, call } = env;
    call("apiInstallDailyTrigger");
    setSettings(gas, { dailyRunHour: 6 });
    const state = call<RemindersState>("apiRemindersState");
    expect(state).toMatchObject({ hour: 6, trigger: { installed: true, hour: 8 } });
    const moved = call<TriggerResponse>("apiInstallDailyTrigger");
    expect(moved.lines[0]).toBe("Время рассылки перенесено: было 8:00, теперь 6:00.");
    expect(gas.globals.ScriptApp.describe()).toEqual([
      { handler: "dailyRun", event: "CLOCK", sourceId: null, atHour: 6, everyDays: 1 },
    ]);
    setSettings(gas, { dailyRunHour: 25 });
    expect(call<RemindersState>("apiRemindersState").hourProblem).toMatch(
      /«Час ежедневной рассылки»: нужен час от 0 до 23/,
    );
    expect(() => call("apiInstallDailyTrigger")).toThrow(/нужен час от 0 до 23, а не «25»/);
    expect(() => call("apiRemindersState", "лишнее")).toThrow(/без параметров/);
  });

  it("quota 2: two emails go, the rest are postponed, told to the curator, and sent the next day", () => {
    const env = start(2, 2);
    const { gas, call, setNow } = env;
    setNow("2025-09-15T08:00:00");
    call("dailyRun");
    expect(gas.globals.MailApp.sent).toHaveLength(2);
    // The curator's digest is never dropped while there is quota.
    expect(sentTo(env)).toContain(CURATOR);
    const postponed = mailLog(gas).filter((r) => r.Статус === "Отложено");
    expect(new Set(postponed.map((r) => r.Получатель)).size).toBe(expectedRecipients(2).length - 2);
    expect(postponed.every((r) => /дневного лимита/.test(String(r.Причина)))).toBe(true);
    const daily = journal(env).find((j) => j.action === "Ежедневный запуск");
    expect(daily?.details).toMatch(/отложено 3/);
    const state = call<RemindersState>("apiRemindersState");
    expect(state.counts.postponed).toBe(postponed.length);
    expect(state.quota).toBe(0);

    // Next day: a fresh quota; the postponed emails go (each recipient exactly once over both days).
    setNow("2025-09-16T08:00:00");
    gas.globals.MailApp.quota = 100;
    call("dailyRun");
    const counts = new Map<string, number>();
    for (const to of sentTo(env)) counts.set(to, (counts.get(to) ?? 0) + 1);
    for (const to of expectedRecipients(2)) {
      if (to === CURATOR) continue;
      expect(counts.get(to), to).toBe(1);
    }
    const latest = new Map<string, unknown>();
    for (const r of mailLog(gas)) latest.set(String(r["Ключ письма"]), r.Статус);
    expect([...latest.values()].filter((s) => s === "Отложено")).toEqual([]);
  });

  it("an address MailApp refuses fails with its reason, the others still go, and it is not retried", () => {
    const env = start(2);
    const { gas, call, setNow } = env;
    const bad = mentorEmail(2);
    // Apps Script's own words for an address it will not send to.
    gas.globals.MailApp.failOn.set(bad, `Invalid email: ${bad}`);
    setNow("2025-09-15T08:00:00");
    const response = call<SendNowResponse>("apiSendRemindersNow");
    expect(sentTo(env)).toEqual(expectedRecipients(2).filter((to) => to !== bad));
    expect(response.result.failed).toEqual([
      {
        to: bad,
        reason: expect.stringMatching(/Неверный адрес «mentor2@school\.ru»: почта Google его не принимает/),
      },
    ]);
    const rows = mailLog(gas).filter((r) => r.Получатель === bad);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.Статус === "Ошибка" && /Неверный адрес/.test(String(r.Причина)))).toBe(true);
    // Not retried on the next days, and the curator hears of it in the digest.
    for (const day of ["2025-09-16T08:00:00", "2025-09-17T08:00:00"]) {
      setNow(day);
      call("apiSendRemindersNow");
    }
    expect(gas.globals.MailApp.attempts.filter((a) => a.to === bad)).toHaveLength(1);
    const digest = gas.globals.MailApp.sentTo(CURATOR)[1];
    expect(digest?.body).toMatch(/Не удалось отправить напоминаний: \d/);
    expect(call<RemindersState>("apiRemindersState").counts.failed).toBeGreaterThan(0);
  });

  it("a failing step is logged and does not stop the others", () => {
    const env = start(1);
    const { gas, call, setNow } = env;
    // MailApp refuses to work (e.g. the send_mail scope was not granted).
    gas.globals.MailApp.getRemainingDailyQuota = () => {
      throw new Error("You do not have permission to call MailApp.getRemainingDailyQuota");
    };
    setNow("2025-09-15T08:00:00");
    expect(() => call("dailyRun")).not.toThrow();
    const lines = journal(env);
    const failed = lines.find((j) => j.action === "Ежедневный запуск: рассылка");
    expect(failed?.outcome).toBe("ошибка");
    expect(failed?.details).toMatch(/нет нужного разрешения/);
    const daily = lines.find((j) => j.action === "Ежедневный запуск");
    expect(daily?.outcome).toBe("с предупреждениями");
    expect(daily?.details).toMatch(/^Дорожная карта: обновлено ячеек \d+\./);
    expect(daily?.details).toMatch(/Встречи: обновлено ячеек в «Пары и группы» \d+\./);
    expect(daily?.details).toMatch(/Ошибка — рассылка: У надстройки нет нужного разрешения/);
    // The roadmap step did its work: «Дней до срока» is filled in.
    const roadmap = gas.spreadsheet.getSheetByName("Дорожная карта")?.getDataRange().getValues() ?? [];
    expect(roadmap[1]?.[(roadmap[0] ?? []).indexOf("Дней до срока")]).toBe(7);
    expect(gas.globals.MailApp.sent).toEqual([]);
  });

  it("preview lists who gets what and sends nothing; send now sends exactly that", () => {
    const env = start(2);
    const { gas, call, setNow } = env;
    setNow("2025-09-15T10:00:00");
    const before = JSON.stringify(
      gas.spreadsheet.getSheetByName("Журнал рассылок")?.getDataRange().getValues(),
    );
    const { preview, quota } = call<PreviewResponse>("apiPreviewReminders");
    expect(quota).toBe(100);
    expect(preview.date).toBe("2025-09-15");
    expect(preview.emails.map((e) => e.to).sort()).toEqual(expectedRecipients(2));
    expect(
      preview.emails
        .find((e) => e.to === OWNER)
        ?.items.map((i) => i.summary)
        .join(" "),
    ).toMatch(/Обучение наставников/);
    expect(gas.globals.MailApp.sent).toEqual([]);
    expect(
      JSON.stringify(gas.spreadsheet.getSheetByName("Журнал рассылок")?.getDataRange().getValues()),
    ).toBe(before);
    const sent = call<SendNowResponse>("apiSendRemindersNow");
    expect(sent.result.sent.map((s) => s.to).sort()).toEqual(expectedRecipients(2));
    expect(sent.result.sent.map((s) => s.subject).sort()).toEqual(
      preview.emails.map((e) => e.subject).sort(),
    );
    expect(sent.state.counts.sentToday).toBe(expectedRecipients(2).length);
    expect(call<SendNowResponse>("apiSendRemindersNow").result.sent).toEqual([]);
  });

  it("schedules the meetings of approved pairs once", () => {
    const env = start(1);
    const { gas, call } = env;
    seedSheet(gas, "Пары и группы", [
      {
        ID: "П-0050",
        Статус: "Утверждена",
        "ID наставника": "НР-0001",
        Наставник: "Наставникова Мария 1",
        "ID наставляемого": "НЯ-0003",
        Наставляемый: "Ожидающая Вера",
        "Дата начала": "22.09.2025",
        "Дата окончания": "22.12.2025",
      },
    ]);
    const first = call<ScheduleMeetingsResponse>("apiScheduleMeetings");
    expect(first.result.created).toBeGreaterThan(0);
    expect(first.result.pairs).toEqual(["П-0050"]);
    const meetings = gas.spreadsheet.getSheetByName("Встречи")?.getDataRange().getValues() ?? [];
    expect(meetings.filter((r) => r[1] === "П-0050")).toHaveLength(first.result.created);
    expect(call<ScheduleMeetingsResponse>("apiScheduleMeetings").result.created).toBe(0);
  });

  it("service calls of a run with 5 and with 50 pairs differ only by the emails sent", () => {
    function measure(pairs: number) {
      const env = start(pairs, 1000);
      env.setNow("2025-09-15T08:00:00");
      env.gas.calls.reset();
      env.call("dailyRun");
      const { byMethod } = env.gas.calls.snapshot();
      const emails = byMethod["MailApp.sendEmail"] ?? 0;
      delete byMethod["MailApp.sendEmail"];
      return { emails, byMethod };
    }
    const small = measure(5);
    const large = measure(50);
    expect(small.emails).toBe(expectedRecipients(5).length);
    expect(large.emails).toBe(expectedRecipients(50).length);
    expect(large.byMethod).toEqual(small.byMethod);
  });
});
