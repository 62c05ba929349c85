// The Apps Script adapter of the MailPort: MailApp.
//
// - remainingQuota() is MailApp.getRemainingDailyQuota(): recipients that may still be sent to
//   today (100 on consumer accounts, 1,500 on Workspace). It has been seen to return -1 once the
//   quota is overrun; the port gets 0 then.
// - send() is one MailApp.sendEmail({to, subject, body, htmlBody, name, replyTo}) call: the plain
//   text is the body, HTML the alternative for mail clients that show it, the school's name the
//   sender name. MailApp sends from the account that runs the script (the curator who installed
//   the trigger); replyTo points answers at the curator's address from «Настройки».
// - A message has exactly one recipient: an address list (commas, semicolons) is refused before
//   MailApp is called, so one planned email never costs several recipients of quota nor reaches
//   people it was not written for.
// - Failures become short Russian reasons; finishReminderRun (src/app/reminders.ts) records them
//   per message and classifies them by their words: INVALID_ADDRESS_REASON («Неверный адрес …»)
//   — the address itself is wrong, never retried; QUOTA_REASON (it says «лимит») — the day's
//   quota ran out, postponed to the next run; anything else — retried, at most three attempts.

import { UserError } from "../app/errors";
import type { MailMessage, MailPort } from "../app/ports";

/** The part of MailApp the adapter uses (a structural subset of GoogleAppsScript.Mail.MailApp). */
export interface MailAppLike {
  getRemainingDailyQuota(): number;
  sendEmail(message: MailAppMessage): void;
}

/** The object form of MailApp.sendEmail (GoogleAppsScript.Mail.MailAdvancedParameters). */
export interface MailAppMessage {
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
}

/** Reasons recorded in «Журнал рассылок»; their beginnings are stable (tests and the core match them). */
export const INVALID_ADDRESS_REASON = "Неверный адрес";
export const QUOTA_REASON = "Превышена дневная квота писем (лимит Google)";
export const TOO_LARGE_REASON = "Письмо слишком большое";

const SINGLE_ADDRESS = /^[^\s@,;<>()"]+@[^\s@,;<>()"]+$/;

/** The Russian reason of a MailApp failure. */
export function mailFailureReason(error: unknown, to: string): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/invalid email|invalid (?:recipient|address)|недопустим\S* (?:адрес|эл)|неверн\S* адрес/i.test(text)) {
    return `${INVALID_ADDRESS_REASON} «${to}»: почта Google его не принимает`;
  }
  if (/too many times for one day: email|email recipients per day|слишком много.*email/i.test(text)) {
    return QUOTA_REASON;
  }
  if (/email body size|body size|слишком (?:большое|большой)/i.test(text)) {
    return `${TOO_LARGE_REASON}: больше 200 КБ, Google такие не отправляет`;
  }
  if (/[а-яё]/i.test(text)) return `Письмо не отправлено: ${text}`;
  return `Ошибка почты Google «${text}»`;
}

export class GasMail implements MailPort {
  constructor(private readonly app: MailAppLike) {}

  remainingQuota(): number {
    const left = this.app.getRemainingDailyQuota();
    return Number.isFinite(left) && left > 0 ? Math.floor(left) : 0;
  }

  send(message: MailMessage): void {
    const to = message.to.trim();
    if (!SINGLE_ADDRESS.test(to)) {
      throw new UserError(
        to === ""
          ? `${INVALID_ADDRESS_REASON}: у получателя нет адреса почты`
          : `${INVALID_ADDRESS_REASON} «${to}»: нужен один адрес вида name@school.ru`,
      );
    }
    const request: MailAppMessage = { to, subject: message.subject, body: message.text };
    if (message.html) request.htmlBody = message.html;
    const name = message.senderName.trim();
    if (name) request.name = name;
    const replyTo = message.replyTo?.trim();
    if (replyTo) request.replyTo = replyTo;
    try {
      this.app.sendEmail(request);
    } catch (error) {
      throw new UserError(mailFailureReason(error, to));
    }
  }
}

// Compile-time proof that the real MailApp fits the narrow surface.
type Fits<Narrow, Real extends Narrow> = [Narrow, Real];
export type MailSurfaceMatchesAppsScript = Fits<MailAppLike, GoogleAppsScript.Mail.MailApp>;
