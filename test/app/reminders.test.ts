import { describe, expect, it } from "vitest";
import type { FormsPort, MailMessage } from "../../src/app/ports";
import { insertRecords, readRecords } from "../../src/app/records";
import {
  finishReminderRun,
  mailMessage,
  prepareReminderRun,
  previewReminders,
  sendReminders,
} from "../../src/app/reminders";
import { writeSettings } from "../../src/app/settings";
import { setupWorkbook } from "../../src/app/setup";
import type { RecordOf } from "../../src/domain/table";
import { buildSchool, d, movableEnv, type SchoolEnv } from "../domain/reminders/school";
import { MemoryForms } from "../fakes/memory-forms";
import { MemoryMail } from "../fakes/memory-mail";

const CURATOR = "kurator@school9.ru";
const NAMES = [
  "Аксёнова Анна Петровна",
  "Быкова Бэлла Ивановна",
  "Ветрова Вера Сергеевна",
  "Глебова Галина Юрьевна",
  "Дунаева Дина Олеговна",
  "Ерохина Елена Павловна",
  "Жарова Жанна Ильинична",
  "Зотова Зоя Марковна",
  "Ильина Инга Денисовна",
  "Кротова Кира Глебовна",
  "Лунина Лада Егоровна",
  "Мишина Мила Львовна",
  "Носова Нина Артёмовна",
  "Орлова Ольга Фёдоровна",
  "Панина Полина Исаевна",
];
const email = (i: number) => `member${i + 1}@school9.ru`;

/**
 * A workbook whose only reminders are roadmap ones: team member i owns item i, due 7 days
 * after `day` (so its «roadmap-before» is due on `day` and stays due until the deadline).
 */
function roadmapSchool(members: number, start = new Date(2025, 9, 6, 8, 0)): SchoolEnv {
  const env = movableEnv(start);
  setupWorkbook(env);
  writeSettings(env.workbook, {
    orgShortName: "Гимназия № 9",
    curatorName: "Рощина Римма Олеговна",
    curatorEmail: CURATOR,
  });
  insertRecords(
    env,
    "team",
    NAMES.slice(0, members).map((fullName, i) => ({ fullName, email: email(i), reminders: true })),
  );
  insertRecords(
    env,
    "roadmap",
    NAMES.slice(0, members).map((fullName, i) => ({
      event: `Мероприятие ${i + 1}`,
      deadline: d("2025-10-13"),
      owners: fullName,
      status: "Не начато",
    })),
  );
  return env;
}

function at(env: SchoolEnv, iso: string, hour = 8, minute = 0): void {
  const [y, m, dd] = iso.split("-").map(Number) as [number, number, number];
  env.setNow(new Date(y, m - 1, dd, hour, minute));
}

function log(env: SchoolEnv): RecordOf<"mailLog">[] {
  return readRecords(env.workbook, "mailLog").rows.map((r) => r.record);
}

function statusesOf(env: SchoolEnv, key: string): string[] {
  return log(env)
    .filter((r) => r.key === key)
    .map((r) => r.status);
}

describe("quota", () => {
  it("sends what fits, postpones the rest with the same keys, and sends them first the next day", () => {
    const env = roadmapSchool(12);
    const mail = new MemoryMail(5);
    mail.newDay("2025-10-06", 5);
    const first = sendReminders(env, mail, null);
    expect(first.quota).toBe(5);
    expect(first.sent).toHaveLength(5);
    expect(first.postponed).toHaveLength(7);
    expect(first.lines.join("\n")).toContain("отложено 7 писем");
    const postponedTo = first.postponed.map((p) => p.to).sort();
    const sentTo = first.sent.map((s) => s.to);
    expect([...sentTo, ...postponedTo].sort()).toEqual(Array.from({ length: 12 }, (_, i) => email(i)).sort());
    const rows = log(env);
    expect(
      rows
        .filter((r) => r.status === "Отложено")
        .map((r) => r.recipient)
        .sort(),
    ).toEqual(postponedTo);

    // The next day three more members have something due; the quota is 8: the digest (which
    // reports the postponed emails) and the seven postponed go first, the three new ones wait.
    at(env, "2025-10-07");
    insertRecords(
      env,
      "team",
      [12, 13, 14].map((i) => ({ fullName: NAMES[i], email: email(i), reminders: true })),
    );
    insertRecords(
      env,
      "roadmap",
      [12, 13, 14].map((i) => ({
        event: `Мероприятие ${i + 1}`,
        deadline: d("2025-10-14"),
        owners: NAMES[i] ?? "",
      })),
    );
    mail.newDay("2025-10-07", 8);
    const second = sendReminders(env, mail, null);
    expect(second.sent.map((s) => s.to)).toEqual([CURATOR, ...postponedTo]);
    expect(second.postponed.map((p) => p.to).sort()).toEqual([email(12), email(13), email(14)].sort());
    const digest = mail.on("2025-10-07").find((m) => m.to === CURATOR);
    expect(digest?.text).toContain("Отложено (дневной лимит писем или время выполнения): 7");
    // The postponed messages went out under the keys they were planned with on the 6th.
    for (const to of postponedTo) {
      const keys = [
        ...new Set(
          log(env)
            .filter((r) => r.recipient === to)
            .map((r) => r.key),
        ),
      ];
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(/^roadmap-before\|.*\|2025-10-06$/);
      expect(statusesOf(env, keys[0] ?? "")).toEqual(["Отложено", "Отправлено"]);
    }
    // Nobody got two emails on one day, nobody got a message twice.
    const sentKeys = log(env)
      .filter((r) => r.status === "Отправлено")
      .map((r) => r.key);
    expect(new Set(sentKeys).size).toBe(sentKeys.length);
  });

  it("a quota of zero sends nothing and postpones everything, digest included", () => {
    const env = roadmapSchool(3);
    const mail = new MemoryMail(0);
    const result = sendReminders(env, mail, null);
    expect(result.sent).toEqual([]);
    expect(result.postponed).toHaveLength(3);
    expect(mail.attempts).toBe(0);
  });
});

describe("failures", () => {
  it("a send that throws for one recipient: the others go, the failure is recorded and retried up to three times", () => {
    const env = roadmapSchool(4);
    const mail = new MemoryMail();
    mail.failFor.set(email(1), "Сервер временно недоступен");
    mail.newDay("2025-10-06");
    const first = sendReminders(env, mail, null);
    expect(first.sent.map((s) => s.to).sort()).toEqual([email(0), email(2), email(3)]);
    expect(first.failed).toEqual([
      { to: email(1), reason: expect.stringContaining("Сервер временно недоступен (попытка 1 из 3") },
    ]);
    const key = log(env).find((r) => r.recipient === email(1))?.key ?? "";
    expect(statusesOf(env, key)).toEqual(["Ошибка"]);

    for (const [day, attempt] of [
      ["2025-10-07", 2],
      ["2025-10-08", 3],
    ] as const) {
      at(env, day);
      mail.newDay(day);
      const run = sendReminders(env, mail, null);
      expect(run.failed.map((f) => f.to)).toEqual([email(1)]);
      expect(run.failed[0]?.reason).toContain(`попытка ${attempt} из 3`);
      // The curator hears of the failure in the digest.
      expect(mail.on(day).find((m) => m.to === CURATOR)?.text).toContain(
        "Не удалось отправить напоминаний: 1",
      );
    }
    expect(statusesOf(env, key)).toEqual(["Ошибка", "Ошибка", "Ошибка"]);
    at(env, "2025-10-09");
    mail.newDay("2025-10-09");
    mail.failFor.clear();
    const fourth = sendReminders(env, mail, null);
    expect(fourth.sent.map((s) => s.to)).not.toContain(email(1));
    expect(statusesOf(env, key)).toEqual(["Ошибка", "Ошибка", "Ошибка"]);
  });

  it("a failure that clears is sent on the next run; a rejected address is never retried", () => {
    const env = roadmapSchool(3);
    const mail = new MemoryMail();
    mail.failFor.set(email(0), "Временная ошибка");
    mail.failFor.set(email(2), "Invalid email: member3@school9.ru");
    mail.newDay("2025-10-06");
    sendReminders(env, mail, null);
    const rejected = log(env).find((r) => r.recipient === email(2));
    expect(rejected?.status).toBe("Ошибка");
    expect(rejected?.reason).toMatch(/^Адрес отклонён: Invalid email/);
    mail.failFor.clear();
    at(env, "2025-10-07");
    mail.newDay("2025-10-07");
    const next = sendReminders(env, mail, null);
    expect(next.sent.map((s) => s.to).sort()).toEqual([CURATOR, email(0)]);
    const key = log(env).find((r) => r.recipient === email(0))?.key ?? "";
    expect(statusesOf(env, key)).toEqual(["Ошибка", "Отправлено"]);
  });

  it("a run that runs out of time leaves the rest «Отложено»; they go on the next run", () => {
    const env = roadmapSchool(6);
    let now = new Date(2025, 9, 6, 8, 0).getTime();
    env.clock = { now: () => new Date(now) };
    const mail = new MemoryMail();
    mail.newDay("2025-10-06");
    const slow = {
      remainingQuota: () => mail.remainingQuota(),
      send(m: MailMessage) {
        mail.send(m);
        now += 60_000;
      },
    };
    const result = sendReminders(env, slow, null, { budgetMs: 150_000 });
    expect(result.sent).toHaveLength(3);
    expect(result.postponed).toHaveLength(3);
    expect(result.lines.join("\n")).toContain("Не хватило времени выполнения");
    now = new Date(2025, 9, 7, 8, 0).getTime();
    mail.newDay("2025-10-07");
    const next = sendReminders(env, mail, null);
    expect(next.sent.map((s) => s.to).sort()).toEqual([CURATOR, ...result.postponed.map((p) => p.to)].sort());
    expect(mail.on("2025-10-07").find((m) => m.to === CURATOR)?.text).toContain(
      "Отложено (дневной лимит писем или время выполнения): 3",
    );
  });
});

describe("crash and race", () => {
  it("a run that died after sending two emails: nothing is sent twice, the rest is reported uncertain", () => {
    const env = roadmapSchool(5);
    const mail = new MemoryMail();
    mail.newDay("2025-10-06");
    const crashed = prepareReminderRun(env, 100, null);
    expect(crashed.emails).toHaveLength(5);
    for (const e of crashed.emails.slice(0, 2)) mail.send(mailMessage(e));
    // No finishReminderRun: the execution died. Ten minutes later a second run skips them all.
    at(env, "2025-10-06", 8, 10);
    const soon = sendReminders(env, mail, null);
    expect(soon.sent).toEqual([]);
    expect(soon.uncertain).toBe(0);
    // The next day the rows are marked «Неизвестно» and reported; none of them goes again.
    at(env, "2025-10-07");
    mail.newDay("2025-10-07");
    const next = sendReminders(env, mail, null);
    expect(next.uncertain).toBe(5);
    expect(next.lines.join("\n")).toContain("5 напоминаний отмечены «Неизвестно»");
    const crashedKeys = crashed.emails.flatMap((e) => e.keys);
    for (const key of crashedKeys) expect(statusesOf(env, key)).toEqual(["Неизвестно"]);
    expect(next.sent.map((s) => s.to)).toEqual([CURATOR]);
    expect(mail.on("2025-10-07").find((m) => m.to === CURATOR)?.text).toContain(
      "Неизвестно, ушли ли напоминания: 5",
    );
    expect(mail.sent.filter((m) => m.to !== CURATOR)).toHaveLength(2);
  });

  it("two runs racing take disjoint emails, and together send each message once", () => {
    const env = roadmapSchool(10);
    const a = prepareReminderRun(env, 4, null);
    const b = prepareReminderRun(env, 100, null);
    expect(a.emails).toHaveLength(4);
    // B takes the six A postponed, and the curator's digest telling of them.
    expect(b.emails).toHaveLength(7);
    expect(b.emails[0]?.to).toBe(CURATOR);
    const keysA = new Set(a.emails.flatMap((e) => e.keys));
    expect(b.emails.flatMap((e) => e.keys).filter((k) => keysA.has(k))).toEqual([]);
    const toA = new Set(a.emails.map((e) => e.to));
    expect(b.emails.filter((e) => toA.has(e.to))).toEqual([]);
    // A third run before either finishes finds nothing to send.
    expect(prepareReminderRun(env, 100, null).emails).toEqual([]);
    const mail = new MemoryMail();
    for (const run of [b, a]) {
      for (const e of run.emails) mail.send(mailMessage(e));
      finishReminderRun(
        env,
        run,
        run.emails.map(() => ({ ok: true })),
      );
    }
    const sent = log(env)
      .filter((r) => r.status === "Отправлено")
      .map((r) => r.key);
    expect(sent.sort()).toEqual(Array.from(new Set(sent)).sort());
    expect(new Set(mail.sent.map((m) => m.to)).size).toBe(11);
    expect(mail.sent).toHaveLength(11);
  });

  it("finishing after the log was sorted still writes each outcome on its own row", () => {
    const env = roadmapSchool(3);
    const run = prepareReminderRun(env, 100, null);
    // The curator sorts «Журнал рассылок» in reverse while the emails go out.
    const values = env.workbook.read("Журнал рассылок") ?? [];
    env.workbook.load("Журнал рассылок", [values[0] ?? [], ...values.slice(1).reverse()]);
    finishReminderRun(env, run, [{ ok: true }, { ok: false, error: "Сбой" }, { ok: true }]);
    for (const [i, e] of run.emails.entries()) {
      const expected = i === 1 ? "Ошибка" : "Отправлено";
      for (const key of e.keys) expect(statusesOf(env, key)).toEqual([expected]);
    }
  });
});

describe("preview", () => {
  it("lists exactly what a run sends, and writes nothing", () => {
    const env = buildSchool();
    // The middle of the pairs' year: «Промежуточная» feedback is due, also for a mentee without an address.
    at(env, "2026-01-22");
    const forms = new MemoryForms();
    const before = JSON.stringify([...env.workbook.sheets]);
    const writes = env.workbook.writes;
    const preview = previewReminders(env, forms);
    expect(JSON.stringify([...env.workbook.sheets])).toBe(before);
    expect(env.workbook.writes).toBe(writes);
    expect(preview.date).toBe("2026-01-22");
    expect(preview.emails.length).toBeGreaterThan(10);
    expect(preview.withoutAddress).toBeGreaterThan(0);
    const mail = new MemoryMail();
    sendReminders(env, mail, forms);
    expect(mail.sent.map((m) => [m.to, m.subject, m.text])).toEqual(
      preview.emails.map((e) => [e.to, e.subject, e.text]),
    );
    // After the run the preview shows nothing left for today, and counts what went.
    const after = previewReminders(env, forms);
    expect(after.emails).toEqual([]);
    expect(after.alreadySent).toBe(preview.emails.reduce((n, e) => n + e.items.length, 0));
  });

  it("emails are Russian HTML and text with the school as sender, replies to the curator, values escaped", () => {
    const env = roadmapSchool(1);
    const roadmap = readRecords(env.workbook, "roadmap");
    env.workbook.write("Дорожная карта", [
      {
        row: 2,
        col: (roadmap.columns.index.get("event") ?? 0) + 1,
        value: '<script>alert("x")</script> & «план»',
      },
    ]);
    const mail = new MemoryMail();
    sendReminders(env, mail, null);
    const [m] = mail.sent;
    expect(m?.senderName).toBe("Гимназия № 9");
    expect(m?.replyTo).toBe(CURATOR);
    expect(m?.subject).toBe("Наставничество: 1 напоминание на 06.10.2025");
    expect(m?.html).not.toContain("<script>");
    expect(m?.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «план»");
    expect(m?.text).toContain('<script>alert("x")</script> & «план»');
    expect(m?.text).toContain("Здравствуйте, Анна Петровна!");
  });
});

describe("service calls", () => {
  function counted(env: SchoolEnv) {
    const calls = { read: 0, write: 0, append: 0 };
    const wb = env.workbook;
    const read = wb.read.bind(wb);
    const write = wb.write.bind(wb);
    const append = wb.append.bind(wb);
    wb.read = (s) => {
      calls.read++;
      return read(s);
    };
    wb.write = (s, c) => {
      calls.write++;
      write(s, c);
    };
    wb.append = (s, r) => {
      calls.append++;
      return append(s, r);
    };
    return calls;
  }

  class CountingForms extends MemoryForms {
    prefilled = 0;
    override prefilledUrl(formId: string, answers: Record<string, string>): string {
      this.prefilled++;
      return super.prefilledUrl(formId, answers);
    }
  }

  it("do not grow with the number of pairs: one send per recipient, a fixed number of the rest", () => {
    const figures = [0, 40].map((extra) => {
      const env = buildSchool();
      if (extra > 0) {
        const mentors = insertRecords(
          env,
          "mentors",
          Array.from({ length: extra }, (_, i) => ({
            fullName: `Наставник ${i}`,
            status: "Наставник",
            category: "Педагог",
            email: `extra-mentor${i}@school7.ru`,
            consent: true,
          })),
        );
        const mentees = insertRecords(
          env,
          "mentees",
          Array.from({ length: extra }, (_, i) => ({
            fullName: `Наставляемый ${i}`,
            status: "В паре",
            category: "Обучающийся",
            email: `extra-mentee${i}@school7.ru`,
            consent: true,
          })),
        );
        insertRecords(
          env,
          "pairs",
          mentors.map((mentorId, i) => ({
            status: "Работает",
            mentorId,
            menteeId: mentees[i] ?? "",
            startDate: d("2025-09-15"),
          })),
        );
      }
      at(env, "2025-10-01");
      const calls = counted(env);
      const forms = new CountingForms();
      const mail = new MemoryMail();
      sendReminders(env, mail, forms as FormsPort);
      return { calls, prefilled: forms.prefilled, sends: mail.attempts };
    });
    const [small, large] = figures as [(typeof figures)[0], (typeof figures)[0]];
    expect(large.calls).toEqual(small.calls);
    expect(large.prefilled).toBe(small.prefilled);
    expect(small.prefilled).toBeLessThanOrEqual(8);
    expect(large.sends).toBe(small.sends + 80);
  });
});
