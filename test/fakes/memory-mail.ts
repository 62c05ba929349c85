// An in-memory MailPort: records every accepted message, keeps a daily quota like MailApp
// (getRemainingDailyQuota, one unit per recipient), and can refuse chosen recipients.

import type { MailMessage, MailPort } from "../../src/app/ports";

export class MemoryMail implements MailPort {
  /** Accepted messages, in order, with the day they were sent on (as set by newDay). */
  readonly sent: (MailMessage & { day: string })[] = [];
  /** Recipient (lower-case) → the error message `send` throws for them. */
  readonly failFor = new Map<string, string>();
  /** Calls of `send`, accepted or not. */
  attempts = 0;
  private quota: number;
  private day = "";

  constructor(private readonly dailyQuota = 1500) {
    this.quota = dailyQuota;
  }

  /** Starts a new day: the quota is reset (MailApp's is a rolling 24 h; a day is what tests need). */
  newDay(day: string, quota = this.dailyQuota): void {
    this.day = day;
    this.quota = quota;
  }

  remainingQuota(): number {
    return this.quota;
  }

  send(message: MailMessage): void {
    this.attempts++;
    const failure = this.failFor.get(message.to.toLowerCase());
    if (failure !== undefined) throw new Error(failure);
    if (this.quota <= 0) throw new Error("Service invoked too many times for one day: email.");
    this.quota--;
    this.sent.push({ ...message, day: this.day });
  }

  /** Messages sent on a day. */
  on(day: string): (MailMessage & { day: string })[] {
    return this.sent.filter((m) => m.day === day);
  }
}
