// Mail in the local edition: the same messages as the add-on sends, either written as .eml files
// into an outbox folder (open them in any mail client, or hand them to the school's mail
// service), or sent through an SMTP server given in the configuration.
//
// Configuration (src/local/config.ts): `nastavnik.config.json` next to the workbook, or
// `--config FILE`: { "outbox": "DIR", "smtp": { "host", "port", "secure", "user", "from", "dailyLimit" } }
// The SMTP password is taken only from the environment variable NASTAVNIK_SMTP_PASSWORD: it is
// never read from or written to a file, and a configuration that holds one is refused.

import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { MailMessage } from "../app/ports";
import { PASSWORD_ENV, parseConfig, readWorkbookConfig, type SmtpConfig } from "./config";

export { CONFIG_FILE, DEFAULT_SMTP_DAILY_LIMIT, PASSWORD_ENV, type SmtpConfig } from "./config";
/** The outbox has no quota; a large finite number keeps JSON output plain. */
export const OUTBOX_QUOTA = 100_000;

/** The mail part of the configuration (src/local/config.ts reads and checks the whole file). */
export interface MailConfig {
  /** Where the configuration came from (null: none found, defaults). */
  file: string | null;
  /** The outbox folder, absolute (null: not set). */
  outbox: string | null;
  smtp: SmtpConfig | null;
}

/** Parses and checks a configuration; every problem is a Russian message naming the file and field. */
export function parseMailConfig(text: string, file: string): MailConfig {
  const { outbox, smtp } = parseConfig(text, file);
  return { file, outbox, smtp };
}

/**
 * The configuration: `explicit` (--config) must exist; otherwise `nastavnik.config.json` next to
 * the workbook is used when present, and no file means the outbox next to the workbook.
 */
export async function readMailConfig(workbook: string, explicit?: string): Promise<MailConfig> {
  const { file, outbox, smtp } = await readWorkbookConfig(workbook, explicit);
  return { file, outbox, smtp };
}

/** Where a message goes: a file in the outbox or a server. */
export interface LocalMailer {
  readonly kind: "outbox" | "smtp";
  /** The outbox folder or «smtp.host:port», for the report. */
  readonly target: string;
  /** Recipients that may still be sent to today, given how many went out today already. */
  quota(sentToday: number): number;
  /** Checks the way out works before anything is recorded (SMTP: connects and logs in). */
  open(): Promise<void>;
  /** Delivers one message; resolves with the file written or the server's message ID. */
  send(message: MailMessage): Promise<string>;
  close(): void;
}

/** The From header: the school's name (the message's sender name) with the sending address. */
function fromOf(message: MailMessage, address: string) {
  return message.senderName.trim() ? { name: message.senderName.trim(), address } : address;
}

function mailOptions(message: MailMessage, from: string, date: Date) {
  return {
    from: fromOf(message, from),
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    date,
    ...(message.replyTo?.trim() ? { replyTo: message.replyTo.trim() } : {}),
  };
}

/** The message as RFC 5322 bytes: UTF-8, encoded headers, text and HTML as alternatives. */
export async function composeEml(message: MailMessage, from: string, date: Date): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const info = await transport.sendMail(mailOptions(message, from, date));
  if (!Buffer.isBuffer(info.message)) throw new Error("nodemailer не вернул письмо целиком");
  return info.message;
}

function isoDate(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/** A file name part from an address: letters, digits, «@», «.», «-», «_» only. */
function safePart(address: string): string {
  const cleaned = address
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9@._-]+/g, "_")
    .slice(0, 80);
  return cleaned || "без-адреса";
}

/**
 * Writes each message as `<date>-<n>-<recipient>.eml` into the folder (created when missing).
 * Numbers continue after the files of that date already there; an existing file is never
 * overwritten.
 */
export class OutboxWriter implements LocalMailer {
  readonly kind = "outbox" as const;
  private next = 0;

  constructor(
    readonly target: string,
    private readonly date: Date,
    /** The sending address in From (the curator's address when the configuration has none). */
    private readonly from: string | null = null,
  ) {}

  quota(): number {
    return OUTBOX_QUOTA;
  }

  async open(): Promise<void> {
    await mkdir(this.target, { recursive: true });
    const prefix = `${isoDate(this.date)}-`;
    let max = 0;
    for (const name of await readdir(this.target)) {
      if (!name.startsWith(prefix)) continue;
      const n = Number(/^\d+/.exec(name.slice(prefix.length))?.[0] ?? 0);
      if (n > max) max = n;
    }
    this.next = max + 1;
  }

  async send(message: MailMessage): Promise<string> {
    if (this.next === 0) await this.open();
    const from = this.from ?? (message.replyTo?.trim() || "nastavnik@localhost");
    const eml = await composeEml(message, from, this.date);
    for (;;) {
      const n = this.next++;
      const file = join(
        this.target,
        `${isoDate(this.date)}-${String(n).padStart(3, "0")}-${safePart(message.to)}.eml`,
      );
      try {
        await writeFile(file, eml, { flag: "wx" });
        return file;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
          throw new Error(`Не удалось записать письмо в «${file}»: ${(e as Error).message}`);
        }
      }
    }
  }

  close(): void {}
}

/**
 * The Russian reason of an SMTP failure, worded as the add-on's (src/gas/mail.ts) so that
 * finishReminderRun classifies it the same way: «Неверный адрес …» is never retried.
 */
export function smtpFailureReason(error: unknown, to: string): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const server = (e.response ?? e.message ?? String(error)).trim();
  if (e.code === "EENVELOPE" || (e.responseCode !== undefined && [550, 553, 501].includes(e.responseCode))) {
    return `Неверный адрес «${to}»: сервер почты его не принял (${server})`;
  }
  if (e.code === "EAUTH") return `Сервер почты не принял имя пользователя или пароль (${server})`;
  if (e.code === "ECONNECTION" || e.code === "ETIMEDOUT" || e.code === "ESOCKET" || e.code === "EDNS") {
    return `Сервер почты недоступен (${server}): проверьте «host» и «port» в настройках и подключение к сети`;
  }
  if (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500) {
    return `Сервер почты временно отказал (${server})`;
  }
  return `Сервер почты не принял письмо (${server})`;
}

/** Sends through the configured SMTP server (nodemailer); the password comes from the environment. */
export class SmtpSender implements LocalMailer {
  readonly kind = "smtp" as const;
  readonly target: string;
  private readonly transport: ReturnType<typeof nodemailer.createTransport>;

  constructor(
    private readonly config: SmtpConfig,
    password: string | undefined,
    private readonly date: Date,
  ) {
    this.target = `${config.host}:${config.port}`;
    if (config.user && !password) {
      throw new Error(
        `Для входа на сервер почты как «${config.user}» задайте пароль в переменной окружения ${PASSWORD_ENV}.`,
      );
    }
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      ...(config.user && password ? { auth: { user: config.user, pass: password } } : {}),
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
  }

  quota(sentToday: number): number {
    return Math.max(0, this.config.dailyLimit - sentToday);
  }

  async open(): Promise<void> {
    try {
      await this.transport.verify();
    } catch (error) {
      throw new Error(smtpFailureReason(error, ""));
    }
  }

  async send(message: MailMessage): Promise<string> {
    try {
      const info = await this.transport.sendMail(mailOptions(message, this.config.from, this.date));
      if (info.rejected.length > 0) throw Object.assign(new Error(info.response), { code: "EENVELOPE" });
      return info.messageId;
    } catch (error) {
      throw new Error(smtpFailureReason(error, message.to));
    }
  }

  close(): void {
    this.transport.close();
  }
}
