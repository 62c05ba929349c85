// One email per recipient per day: all their messages together, most urgent first, in Russian
// HTML (every value escaped) and plain text, with the school's name as the sender name.

import { type DateOnly, formatDate } from "../normalize";
import { pluralRu } from "./plan";
import type { PlannedMessage, ReminderKind } from "./types";

export interface ComposeSettings {
  orgShortName: string;
  curatorName: string;
  curatorEmail: string;
  /** The day of the run (in the subject). */
  date: DateOnly;
}

export interface PlannedEmail {
  to: string;
  name: string;
  subject: string;
  text: string;
  html: string;
  senderName: string;
  replyTo?: string;
  /** The messages, in the order they appear in the email. */
  messages: PlannedMessage[];
  keys: string[];
  /** The highest urgency of its messages. */
  urgency: number;
  /** The earliest due date of its messages (a postponed message makes it older). */
  earliestDue: DateOnly;
  /** It carries the curator's digest (never dropped while there is any quota). */
  digest: boolean;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Only web links go into an href; anything else is shown as text. */
function webUrl(url: string): string | null {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url.trim()) ? url.trim() : null;
}

function dayNo(d: DateOnly): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

/** «Мария Петровна» from «Иванова Мария Петровна», «Алёна» from «Смирнова Алёна». */
export function greetingName(fullName: string): string {
  const words = fullName.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  if (words.length === 3) return `${words[1]} ${words[2]}`;
  if (words.length === 2) return words[1] ?? "";
  return words.join(" ");
}

const ACCENT: Partial<Record<ReminderKind, string>> = {
  "roadmap-overdue": "#d93025",
  "meeting-tomorrow": "#1a73e8",
  "roadmap-due": "#e37400",
  "curator-digest": "#5f6368",
};

function byUrgency(a: PlannedMessage, b: PlannedMessage): number {
  return (
    b.urgency - a.urgency ||
    dayNo(a.dueDate) - dayNo(b.dueDate) ||
    a.kind.localeCompare(b.kind) ||
    a.subjectItem.localeCompare(b.subjectItem)
  );
}

function subjectOf(messages: readonly PlannedMessage[], date: DateOnly): string {
  const digest = messages.some((m) => m.kind === "curator-digest");
  const others = messages.filter((m) => m.kind !== "curator-digest").length;
  const count = (n: number) => `${n} ${pluralRu(n, "напоминание", "напоминания", "напоминаний")}`;
  const what = digest ? (others > 0 ? `сводка и ${count(others)}` : "сводка куратора") : count(others);
  return `Наставничество: ${what} на ${formatDate(date)}`;
}

function footer(settings: ComposeSettings, toCurator: boolean): string {
  const org = settings.orgShortName.trim();
  if (toCurator)
    return `Сводку составила надстройка «Наставник» по таблице программы наставничества${org ? ` ${org}` : ""}. Что отправлено и что нет — в листе «Журнал рассылок».`;
  const curator = settings.curatorName.trim();
  return (
    `Письмо отправлено автоматически программой наставничества${org ? ` ${org}` : ""}. ` +
    `Вопросы — куратору программы${curator ? ` (${curator})` : ""}: просто ответьте на это письмо. ` +
    "Если вы не хотите получать такие письма, сообщите куратору."
  );
}

function textOf(
  messages: readonly PlannedMessage[],
  name: string,
  settings: ComposeSettings,
  toCurator: boolean,
): string {
  const out: string[] = [];
  const greet = greetingName(name);
  out.push(greet ? `Здравствуйте, ${greet}!` : "Здравствуйте!", "");
  out.push(
    messages.length === 1
      ? `Напоминание программы наставничества на ${formatDate(settings.date)}:`
      : `Напоминания программы наставничества на ${formatDate(settings.date)}:`,
    "",
  );
  messages.forEach((m, i) => {
    out.push(`${i + 1}. ${m.title}`);
    for (const line of m.lines) out.push(`   ${line}`);
    for (const link of m.links) out.push(`   ${link.label}: ${link.url}`);
    out.push("");
  });
  out.push("—", footer(settings, toCurator));
  return out.join("\n");
}

function htmlOf(
  messages: readonly PlannedMessage[],
  name: string,
  settings: ComposeSettings,
  toCurator: boolean,
): string {
  const greet = greetingName(name);
  const parts: string[] = [];
  parts.push(
    '<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#202124">',
  );
  parts.push(`<p>${escapeHtml(greet ? `Здравствуйте, ${greet}!` : "Здравствуйте!")}</p>`);
  parts.push(
    `<p>${escapeHtml(messages.length === 1 ? "Напоминание" : "Напоминания")} программы наставничества на ${escapeHtml(formatDate(settings.date))}:</p>`,
  );
  for (const m of messages) {
    const accent = ACCENT[m.kind] ?? "#188038";
    parts.push(
      `<div style="margin:12px 0;padding:8px 12px;border-left:4px solid ${accent};background:#f8f9fa">`,
    );
    parts.push(`<p style="margin:0 0 6px"><b>${escapeHtml(m.title)}</b></p>`);
    for (const line of m.lines) parts.push(`<p style="margin:0 0 4px">${escapeHtml(line)}</p>`);
    for (const link of m.links) {
      const url = webUrl(link.url);
      parts.push(
        url
          ? `<p style="margin:6px 0 0"><a href="${escapeHtml(url)}" style="color:#1a73e8">${escapeHtml(link.label)}</a></p>`
          : `<p style="margin:6px 0 0">${escapeHtml(`${link.label}: ${link.url}`)}</p>`,
      );
    }
    parts.push("</div>");
  }
  parts.push(
    `<p style="margin-top:16px;color:#5f6368;font-size:12px">${escapeHtml(footer(settings, toCurator))}</p>`,
  );
  parts.push("</div>");
  return parts.join("\n");
}

/** Orders emails for sending: the digest first, then by urgency, the oldest due first, by address. */
export function compareEmails(a: PlannedEmail, b: PlannedEmail): number {
  return (
    Number(b.digest) - Number(a.digest) ||
    b.urgency - a.urgency ||
    dayNo(a.earliestDue) - dayNo(b.earliestDue) ||
    a.to.localeCompare(b.to)
  );
}

/** ONE email per recipient combining all their messages; emails in sending order (compareEmails). */
export function composeEmails(
  messages: readonly PlannedMessage[],
  settings: ComposeSettings,
): PlannedEmail[] {
  const byRecipient = new Map<string, PlannedMessage[]>();
  for (const m of messages) {
    const list = byRecipient.get(m.recipient) ?? [];
    list.push(m);
    byRecipient.set(m.recipient, list);
  }
  const curator = settings.curatorEmail.trim().toLowerCase();
  const senderName = settings.orgShortName.trim() || "Программа наставничества";
  const emails: PlannedEmail[] = [];
  for (const [to, list] of byRecipient) {
    const sorted = [...list].sort(byUrgency);
    const first = sorted[0] as PlannedMessage;
    // The curator is greeted by their own name even when a roadmap item found them in «Команда».
    const name = sorted.find((m) => m.recipientId === "curator")?.recipientName ?? first.recipientName;
    const toCurator = to === curator && sorted.some((m) => m.recipientId === "curator");
    emails.push({
      to,
      name,
      subject: subjectOf(sorted, settings.date),
      text: textOf(sorted, name, settings, toCurator),
      html: htmlOf(sorted, name, settings, toCurator),
      senderName,
      ...(curator !== "" && curator !== to ? { replyTo: curator } : {}),
      messages: sorted,
      keys: sorted.map((m) => m.key),
      urgency: Math.max(...sorted.map((m) => m.urgency)),
      earliestDue: sorted.reduce((d, m) => (dayNo(m.dueDate) < dayNo(d) ? m.dueDate : d), first.dueDate),
      digest: sorted.some((m) => m.kind === "curator-digest"),
    });
  }
  return emails.sort(compareEmails);
}

/**
 * The emails that fit the quota (recipients left today), in sending order; the rest are
 * postponed. The digest comes first, so it goes whenever the quota is above zero.
 */
export function selectForQuota(
  emails: readonly PlannedEmail[],
  quota: number,
): { send: PlannedEmail[]; postponed: PlannedEmail[] } {
  const sorted = [...emails].sort(compareEmails);
  const n = Math.max(0, Math.floor(quota));
  return { send: sorted.slice(0, n), postponed: sorted.slice(n) };
}
