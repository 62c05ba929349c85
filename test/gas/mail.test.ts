// The Mail adapter against the MailApp fake: quota, one recipient per message, HTML with its
// plain-text alternative, the school as the sender name, failures as Russian reasons.

import { describe, expect, it } from "vitest";
import type { MailMessage } from "../../src/app/ports";
import { isQuotaError } from "../../src/app/reminders";
import { GasMail, INVALID_ADDRESS_REASON, mailFailureReason, QUOTA_REASON } from "../../src/gas/mail";
import { createGasEnvironment } from "../fakes/gas";
import { DEFAULT_MAIL_QUOTA, MAIL_MESSAGES, MAX_BODY_BYTES } from "../fakes/gas-mail";

function setup() {
  const env = createGasEnvironment();
  const app = env.globals.MailApp;
  return { env, app, mail: new GasMail(app) };
}

function message(to: string, over: Partial<MailMessage> = {}): MailMessage {
  return {
    to,
    subject: "Наставничество: 2 напоминания на 15.09.2025",
    text: "Здравствуйте, Анна Петровна!\n\n• Встреча пары завтра, 16.09.2025.",
    html: "<p>Здравствуйте, Анна Петровна!</p><ul><li>Встреча пары завтра, 16.09.2025.</li></ul>",
    senderName: "МБОУ СОШ № 1",
    replyTo: "kurator@school.ru",
    ...over,
  };
}

describe("GasMail", () => {
  it("sends one message with the text body, the HTML alternative, the sender name and reply-to", () => {
    const { app, mail, env } = setup();
    mail.send(message("anna@school.ru"));
    expect(app.sent).toEqual([
      {
        to: "anna@school.ru",
        cc: "",
        bcc: "",
        subject: "Наставничество: 2 напоминания на 15.09.2025",
        body: "Здравствуйте, Анна Петровна!\n\n• Встреча пары завтра, 16.09.2025.",
        htmlBody: "<p>Здравствуйте, Анна Петровна!</p><ul><li>Встреча пары завтра, 16.09.2025.</li></ul>",
        name: "МБОУ СОШ № 1",
        replyTo: "kurator@school.ru",
        noReply: false,
      },
    ]);
    expect(env.calls.byMethod["MailApp.sendEmail"]).toBe(1);
  });

  it("leaves out an empty sender name and reply-to (MailApp then uses the account's own)", () => {
    const { app, mail } = setup();
    mail.send(message("anna@school.ru", { senderName: "  ", replyTo: "" }));
    expect(app.sent[0]).toMatchObject({ name: "", replyTo: "" });
    mail.send(message("ivan@school.ru", { replyTo: undefined }));
    expect(app.sent[1]?.replyTo).toBe("");
  });

  it("reports the remaining quota, which each recipient uses up, and never less than 0", () => {
    const { app, mail, env } = setup();
    expect(mail.remainingQuota()).toBe(DEFAULT_MAIL_QUOTA);
    mail.send(message("a@school.ru"));
    mail.send(message("b@school.ru"));
    expect(mail.remainingQuota()).toBe(DEFAULT_MAIL_QUOTA - 2);
    expect(env.calls.byMethod["MailApp.getRemainingDailyQuota"]).toBe(2);
    app.quota = -1;
    expect(mail.remainingQuota()).toBe(0);
  });

  it("an exhausted quota becomes a Russian reason and sends nothing", () => {
    const { app, mail } = setup();
    app.quota = 1;
    mail.send(message("a@school.ru"));
    expect(() => mail.send(message("b@school.ru"))).toThrow(QUOTA_REASON);
    // The core postpones (not retries) a failure it recognises as the quota.
    expect(isQuotaError(QUOTA_REASON)).toBe(true);
    expect(app.sent.map((m) => m.to)).toEqual(["a@school.ru"]);
    expect(app.attempts.at(-1)).toEqual({ to: "b@school.ru", ok: false, error: MAIL_MESSAGES.quota });
  });

  it("an address MailApp rejects becomes «Неверный адрес …» naming it", () => {
    const { app, mail } = setup();
    expect(() => mail.send(message("anna@school"))).toThrow(
      /^Неверный адрес «anna@school»: почта Google его не принимает$/,
    );
    // MailApp was asked and refused (the fake throws like Apps Script).
    expect(app.attempts).toEqual([{ to: "anna@school", ok: false, error: "Invalid email: anna@school" }]);
    expect(app.sent).toEqual([]);
  });

  it("refuses before MailApp anything that is not one address: no quota spent, nobody else reached", () => {
    const { app, mail, env } = setup();
    for (const to of ["", "a@school.ru, b@school.ru", "a@school.ru; b@school.ru", "Анна <a@school.ru>"]) {
      expect(() => mail.send(message(to)), to).toThrow(new RegExp(`^${INVALID_ADDRESS_REASON}`));
    }
    expect(env.calls.byMethod["MailApp.sendEmail"] ?? 0).toBe(0);
    expect(app.quota).toBe(DEFAULT_MAIL_QUOTA);
  });

  it("a message over 200 KB and other failures get their own reasons; the next message still goes", () => {
    const { app, mail } = setup();
    expect(() => mail.send(message("a@school.ru", { html: "я".repeat(MAX_BODY_BYTES) }))).toThrow(
      /^Письмо слишком большое/,
    );
    app.failOn.set("b@school.ru", "Service error: Mail");
    expect(() => mail.send(message("b@school.ru"))).toThrow(/^Ошибка почты Google «Service error: Mail»$/);
    mail.send(message("c@school.ru"));
    expect(app.sent.map((m) => m.to)).toEqual(["c@school.ru"]);
  });

  it("translates the localised messages of Apps Script too", () => {
    expect(mailFailureReason(new Error("Недопустимый адрес электронной почты: x@"), "x@")).toMatch(
      /^Неверный адрес «x@»/,
    );
    expect(mailFailureReason(new Error("Exception: Invalid email: x@"), "x@")).toMatch(/^Неверный адрес/);
    expect(mailFailureReason("Сервер недоступен", "a@b.ru")).toBe("Письмо не отправлено: Сервер недоступен");
  });
});
