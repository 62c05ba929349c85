// Reminder planning: the plain values it works on and what it produces.
// Pure TypeScript (bundled for Apps Script): no Node or Google API.

import type { FormKind } from "../forms";
import type { DateOnly } from "../normalize";
import type { RecordOf } from "../table";

/**
 * What a message is about. Each kind has its rule in plan.ts:
 * - roadmap-before / roadmap-due / roadmap-overdue: to the owners of a roadmap item;
 * - roadmap-summary: the weekly list of overdue items, to the curator;
 * - meeting-tomorrow: to the mentor and mentee(s) of a planned meeting;
 * - inactivity: to the mentor of a pair (group) without a held meeting for too long;
 * - form-missing: a questionnaire someone was asked to fill and has not;
 * - curator-digest: the curator's daily summary.
 */
export type ReminderKind =
  | "roadmap-before"
  | "roadmap-due"
  | "roadmap-overdue"
  | "roadmap-summary"
  | "meeting-tomorrow"
  | "inactivity"
  | "form-missing"
  | "curator-digest";

/** Higher is more urgent: emails are ordered by it and, under a short quota, sent in its order. */
export const URGENCY: Record<ReminderKind, number> = {
  "curator-digest": 6,
  "roadmap-overdue": 5,
  "meeting-tomorrow": 5,
  "roadmap-due": 4,
  "roadmap-before": 3,
  inactivity: 3,
  "roadmap-summary": 2,
  "form-missing": 2,
};

/** Russian names of the kinds, for the preview and the result lines. */
export const KIND_NAMES: Record<ReminderKind, string> = {
  "roadmap-before": "Срок мероприятия приближается",
  "roadmap-due": "Срок мероприятия сегодня",
  "roadmap-overdue": "Мероприятие просрочено",
  "roadmap-summary": "Просроченные мероприятия за неделю",
  "meeting-tomorrow": "Встреча завтра",
  inactivity: "Давно не было встреч",
  "form-missing": "Анкета не заполнена",
  "curator-digest": "Сводка куратора",
};

export interface ReminderLink {
  label: string;
  url: string;
}

/** A personal form link still to be made: the app asks FormsPort once per distinct template. */
export interface PrefillSpec {
  form: "feedback" | "preference";
  role: string;
  /** Feedback stage; none for the preference form. */
  stage?: string;
}

export interface PlannedMessage {
  /** `kind|recipient|subjectItem|dueDate` (recipient lower-case, date ISO): never sent twice. */
  key: string;
  kind: ReminderKind;
  /** Email address, lower-case. */
  recipient: string;
  recipientName: string;
  /** ID of the person (НР-…, НЯ-…, К-…) or «curator». */
  recipientId: string;
  /** What the message is about: a roadmap item ID, a pair or group ID, … (never contains «|»). */
  subjectItem: string;
  /** The day the message is due; a message postponed or failed keeps it (and its key). */
  dueDate: DateOnly;
  urgency: number;
  /** One line, Russian. */
  title: string;
  /** Details, Russian, plain text (escaped when put into HTML). */
  lines: string[];
  links: ReminderLink[];
  /** Set when a personal form link was wanted; `links` then holds it if the template was given. */
  prefill?: PrefillSpec;
}

/** «Настройки» as planning needs them. */
export interface ReminderSettings {
  reminderDaysBefore: number;
  inactivityDays: number;
  feedbackEntryDays: number;
  feedbackFinalDaysBefore: number;
  formReminderEveryDays: number;
  curatorEmail: string;
  curatorName: string;
  orgShortName: string;
}

/** Statuses of «Журнал рассылок». */
export const SENDING = "Отправляется";
export const SENT = "Отправлено";
export const FAILED = "Ошибка";
export const POSTPONED = "Отложено";
export const UNKNOWN = "Неизвестно";

/** A row of «Журнал рассылок». */
export interface MailLogEntry {
  key: string;
  status: string;
  reason: string;
  time: Date | null;
}

/** Links to the forms: published links by form, and prefilled templates (see links.ts). */
export interface FormLinks {
  published: Partial<Record<FormKind, string>>;
  /** By templateKey(spec); values may hold PAIR_PLACEHOLDER. */
  prefilled: Record<string, string>;
}

export type RoadmapItem = Pick<
  RecordOf<"roadmap">,
  "id" | "stage" | "event" | "deadline" | "owners" | "status" | "doneDate"
>;
export type TeamMember = Pick<RecordOf<"team">, "id" | "fullName" | "role" | "email" | "reminders">;
export type PairRecord = Pick<
  RecordOf<"pairs">,
  | "id"
  | "status"
  | "groupId"
  | "mentorId"
  | "mentorName"
  | "menteeId"
  | "menteeName"
  | "startDate"
  | "endDate"
>;
export type MentorRecord = Pick<
  RecordOf<"mentors">,
  "id" | "status" | "fullName" | "email" | "noEmail" | "consent"
>;
export type MenteeRecord = Pick<
  RecordOf<"mentees">,
  "id" | "status" | "fullName" | "email" | "noEmail" | "consent" | "createdAt"
>;
export type MeetingRecord = Pick<RecordOf<"meetings">, "pairId" | "date" | "status" | "topic" | "format">;
export type FeedbackRecord = Pick<RecordOf<"feedback">, "pairId" | "participantId" | "role" | "stage">;
export type PreferenceRecord = Pick<RecordOf<"preferences">, "participantId" | "role">;

export interface JournalError {
  time: Date | null;
  action: string;
  details: string;
}

/** Everything planning looks at: plain records read from the workbook, and the time of the run. */
export interface ReminderInput {
  /** The moment of the run (to tell a run in progress from one that died). */
  now: Date;
  settings: ReminderSettings;
  roadmap: readonly RoadmapItem[];
  team: readonly TeamMember[];
  pairs: readonly PairRecord[];
  mentors: readonly MentorRecord[];
  mentees: readonly MenteeRecord[];
  meetings: readonly MeetingRecord[];
  feedback: readonly FeedbackRecord[];
  preferences: readonly PreferenceRecord[];
  forms: FormLinks;
  mailLog: readonly MailLogEntry[];
  /** «Журнал» lines with the outcome «ошибка». */
  journalErrors: readonly JournalError[];
}

/** What planning found beside the messages, for the preview and the digest. */
export interface ReminderPlan {
  messages: PlannedMessage[];
  /** Messages due today whose key is already in «Журнал рассылок» (sent, in progress or unknown). */
  alreadySent: number;
  /** People who would get something but have no valid email address. */
  withoutAddress: number;
  /** People who already got an email today: what is due for them waits for tomorrow. */
  heldForTomorrow: number;
  /** Rows «Отправляется» of a run that died (older than STALE_MINUTES): to mark «Неизвестно». */
  stale: number[];
}
