// A fake of MailApp (the surface of src/gas/mail.ts, and the other sendEmail signatures).
//
// Documented behaviour it reproduces:
// - getRemainingDailyQuota(): recipients left for the day, 100 by default (consumer accounts);
//   every recipient of a message (to, cc, bcc) costs one;
// - sending over the quota throws "Service invoked too many times for one day: email." and sends
//   nothing;
// - an address Google cannot parse throws "Invalid email: <address>" and sends nothing;
// - a body (text or HTML) over 200 KB throws "Limit Exceeded: Email Body Size." (quotas page);
// - sendEmail(message), sendEmail(recipient, subject, body[, options]) and
//   sendEmail(to, replyTo, subject, body).
//
// Modelling choices where the documentation is silent: the address check is a plain
// "local@domain.tld" pattern per comma-separated address; once the quota is overrun the
// remaining quota stays 0 (a blog reports -1: set `quota = -1` to try that).
//
// Test handles (not counted): `quota`, `sent`, `failOn` (recipient → error message),
// `failOnCall` (1-based call number → error message), `attempts`.
// Counted calls: "MailApp.getRemainingDailyQuota", "MailApp.sendEmail".

import type { MailAppMessage } from "../../src/gas/mail";
import type { CallCounter } from "./gas";

export const MAIL_MESSAGES = {
  quota: "Service invoked too many times for one day: email.",
  invalid: (address: string) => `Invalid email: ${address}`,
  bodySize: "Limit Exceeded: Email Body Size.",
  noRecipient: "Failed to send email: no recipient",
} as const;

export const DEFAULT_MAIL_QUOTA = 100;
export const MAX_BODY_BYTES = 200 * 1024;

/** A message MailApp accepted. */
export interface SentMail {
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody: string;
  name: string;
  replyTo: string;
  noReply: boolean;
}

type Options = {
  cc?: string;
  bcc?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  body?: string;
  subject?: string;
  to?: string;
};

const ADDRESS = /^[^\s@,;<>()"]+@[^\s@,;<>()".]+(?:\.[^\s@,;<>()".]+)+$/;

function addresses(list: string | undefined): string[] {
  return (list ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "");
}

export class FakeMailApp {
  /** Recipients left today. */
  quota = DEFAULT_MAIL_QUOTA;
  /** Messages accepted, in order. */
  readonly sent: SentMail[] = [];
  /** Every sendEmail call, accepted or not, with its recipient list. */
  readonly attempts: { to: string; ok: boolean; error?: string }[] = [];
  /** Recipients (lower case) whose messages fail with the given error message. */
  readonly failOn = new Map<string, string>();
  /** The n-th sendEmail call (1-based, counting all calls) fails with the given message. */
  readonly failOnCall = new Map<number, string>();

  constructor(private readonly calls: CallCounter) {}

  getRemainingDailyQuota(): number {
    this.calls.count("MailApp.getRemainingDailyQuota");
    return this.quota;
  }

  sendEmail(message: MailAppMessage): void;
  sendEmail(recipient: string, subject: string, body: string, options?: Options): void;
  sendEmail(to: string, replyTo: string, subject: string, body: string): void;
  sendEmail(a: MailAppMessage | string, b?: string, c?: string, d?: Options | string): void {
    this.calls.count("MailApp.sendEmail");
    let m: Options;
    if (typeof a === "object" && a !== null) m = { ...a };
    else if (typeof d === "string") m = { to: a, replyTo: b, subject: c, body: d };
    else m = { ...(d ?? {}), to: a, subject: b, body: c };
    const to = String(m.to ?? "");
    const call = this.attempts.length + 1;
    try {
      this.check(m, call);
    } catch (error) {
      this.attempts.push({ to, ok: false, error: (error as Error).message });
      throw error;
    }
    this.attempts.push({ to, ok: true });
    this.sent.push({
      to,
      cc: m.cc ?? "",
      bcc: m.bcc ?? "",
      subject: String(m.subject ?? ""),
      body: String(m.body ?? ""),
      htmlBody: m.htmlBody ?? "",
      name: m.name ?? "",
      replyTo: m.replyTo ?? "",
      noReply: m.noReply === true,
    });
  }

  private check(m: Options, call: number): void {
    const recipients = [...addresses(m.to), ...addresses(m.cc), ...addresses(m.bcc)];
    if (recipients.length === 0) throw new Error(MAIL_MESSAGES.noRecipient);
    for (const r of recipients) if (!ADDRESS.test(r)) throw new Error(MAIL_MESSAGES.invalid(r));
    if (m.replyTo && !ADDRESS.test(m.replyTo.trim())) throw new Error(MAIL_MESSAGES.invalid(m.replyTo));
    const size = Math.max(Buffer.byteLength(m.body ?? ""), Buffer.byteLength(m.htmlBody ?? ""));
    if (size > MAX_BODY_BYTES) throw new Error(MAIL_MESSAGES.bodySize);
    const injected = this.failOnCall.get(call);
    if (injected !== undefined) throw new Error(injected);
    for (const r of recipients) {
      const failure = this.failOn.get(r.toLowerCase());
      if (failure !== undefined) throw new Error(failure);
    }
    if (this.quota < recipients.length) {
      throw new Error(MAIL_MESSAGES.quota);
    }
    this.quota -= recipients.length;
  }

  /** Test handle: the messages accepted for one recipient. */
  sentTo(address: string): SentMail[] {
    const a = address.toLowerCase();
    return this.sent.filter((m) => addresses(m.to).some((r) => r.toLowerCase() === a));
  }
}
