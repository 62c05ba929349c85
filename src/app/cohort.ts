// Reading the cohort for matching from the workbook: profiles of mentees and mentors,
// preferences after the group meeting, active pairs (with the curator's locks) and the pairs
// the curator excluded. One read per sheet.

import type { LockedPair, MenteeProfile, MentorProfile, Preferences } from "../domain/matching/types";
import { crossSheetIssues } from "../domain/record-checks";
import type { CellIssue, RecordOf } from "../domain/table";
import type { WorkbookPort } from "./ports";
import { readRecords } from "./records";

/** Pair statuses that hold a mentee and use a mentor's place. */
export const ACTIVE_PAIR_STATUSES: readonly string[] = [
  "Предложена",
  "Утверждена",
  "Работает",
  "Приостановлена",
];
/** A proposal the curator rejected: never proposed again. */
export const REJECTED_PAIR_STATUS = "Отклонена";

export interface ActivePair {
  row: number;
  id: string;
  menteeId: string;
  mentorId: string;
  status: string;
  locked: boolean;
  groupId: string;
}

export interface Cohort {
  mentees: MenteeProfile[];
  mentors: MentorProfile[];
  preferences: Preferences;
  active: ActivePair[];
  excluded: LockedPair[];
  /** Cells that could not be read and broken links between the sheets, for the curator. */
  issues: CellIssue[];
}

function menteeProfile(r: RecordOf<"mentees">): MenteeProfile {
  return {
    id: r.id,
    fullName: r.fullName,
    category: r.category,
    status: r.status,
    consent: r.consent,
    guardianConsent: r.guardianConsent,
    birthDate: r.birthDate,
    ageBand: r.ageBand,
    experienceYears: r.experienceYears,
    requests: r.requests,
    requestText: r.requestText,
    subject: r.subject,
    department: r.department,
    interests: r.interests,
    preferredForm: r.preferredForm,
    format: r.format,
    convenientTime: r.convenientTime,
    position: r.position,
  };
}

function mentorProfile(r: RecordOf<"mentors">): MentorProfile {
  return {
    id: r.id,
    fullName: r.fullName,
    category: r.category,
    contour: r.contour,
    status: r.status,
    consent: r.consent,
    competences: r.competences,
    subjects: r.subjects,
    department: r.department,
    interests: r.interests,
    preferredMentees: r.preferredMentees,
    preferredForms: r.preferredForms,
    format: r.format,
    experienceYears: r.experienceYears,
    capacity: r.capacity && r.capacity > 0 ? Math.floor(r.capacity) : 1,
    position: r.position,
    workplace: r.workplace,
  };
}

export function readCohort(workbook: WorkbookPort): Cohort {
  const menteeTable = readRecords(workbook, "mentees");
  const mentorTable = readRecords(workbook, "mentors");
  const preferenceTable = readRecords(workbook, "preferences");
  const pairTable = readRecords(workbook, "pairs");
  const issues = [
    ...menteeTable.issues,
    ...mentorTable.issues,
    ...preferenceTable.issues,
    ...pairTable.issues,
    ...crossSheetIssues({ mentors: mentorTable.rows, mentees: menteeTable.rows, pairs: pairTable.rows }),
  ];
  const mentees = menteeTable.rows.map((r) => menteeProfile(r.record));
  const mentors = mentorTable.rows.map((r) => mentorProfile(r.record));
  const menteePrefs = new Map<string, string[]>();
  const mentorPrefs = new Map<string, string[]>();
  for (const { record } of preferenceTable.rows) {
    const choices = [record.choice1, record.choice2, record.choice3].filter((c) => c.trim() !== "");
    if (record.role === "Наставляемый") menteePrefs.set(record.participantId, choices);
    else if (record.role === "Наставник") mentorPrefs.set(record.participantId, choices);
  }
  const active: ActivePair[] = [];
  const excluded: LockedPair[] = [];
  for (const { row, record } of pairTable.rows) {
    if (record.status === REJECTED_PAIR_STATUS)
      excluded.push({ menteeId: record.menteeId, mentorId: record.mentorId });
    else if (ACTIVE_PAIR_STATUSES.includes(record.status)) {
      active.push({
        row,
        id: record.id,
        menteeId: record.menteeId,
        mentorId: record.mentorId,
        status: record.status,
        locked: record.locked,
        groupId: record.groupId,
      });
    }
  }
  return {
    mentees,
    mentors,
    preferences: { mentee: menteePrefs, mentor: mentorPrefs },
    active,
    excluded,
    issues,
  };
}
