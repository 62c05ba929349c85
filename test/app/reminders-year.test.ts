// A simulated school year: the daily run from 1 September to 30 June on the fixture school.
// The expected keys of chosen items are computed here from the rules, independently of the
// planner, and compared with what «Журнал рассылок» recorded as sent.

import { beforeAll, describe, expect, it } from "vitest";
import { insertRecords, readRecords } from "../../src/app/records";
import { sendReminders } from "../../src/app/reminders";
import type { RecordOf } from "../../src/domain/table";
import {
  buildSchool,
  CURATOR,
  MENTEES,
  MENTORS,
  menteeEmail,
  mentorEmail,
  OPTED_OUT_MENTEE,
  WITHDRAWN_MENTEE,
} from "../domain/reminders/school";
import { MemoryForms } from "../fakes/memory-forms";
import { MemoryMail } from "../fakes/memory-mail";

const DAY = 86_400_000;
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const plus = (iso: string, n: number) => isoOf(utc(iso) + n * DAY);
const FIRST = "2025-09-01";
const LAST = "2026-06-30";
const inYear = (iso: string) => iso >= FIRST && iso <= LAST;

/** D+7, D+14, … up to the last day. */
function weekly(from: string, until = LAST): string[] {
  const out: string[] = [];
  for (let k = 1; plus(from, 7 * k) <= until; k++) out.push(plus(from, 7 * k));
  return out;
}

interface Year {
  mail: MemoryMail;
  log: RecordOf<"mailLog">[];
  sentKeys: string[];
  runs: number;
  meetings: RecordOf<"meetings">[];
  journalRuns: number;
}

function simulate(): Year {
  const env = buildSchool();
  const mail = new MemoryMail(1500);
  const forms = new MemoryForms();
  let runs = 0;
  for (let t = utc(FIRST); t <= utc(LAST); t += DAY) {
    const day = isoOf(t);
    const [y, m, dd] = day.split("-").map(Number) as [number, number, number];
    env.setNow(new Date(y, m - 1, dd, 8, 0));
    // The curator's work during the year.
    if (day === "2025-10-08") {
      // The group meeting was held: the preference form is now asked for.
      const roadmap = readRecords(env.workbook, "roadmap");
      const row = roadmap.rows.find((r) => r.record.id === "ДК-0005");
      env.workbook.write("Дорожная карта", [
        { row: row?.row ?? 0, col: (roadmap.columns.index.get("status") ?? 0) + 1, value: "Выполнено" },
      ]);
    }
    if (day === "2025-10-16") {
      insertRecords(env, "preferences", [
        { participantId: "НЯ-0021", role: "Наставляемый", choice1: "НР-0019" },
      ]);
    }
    if (day === "2025-10-20") {
      const roadmap = readRecords(env.workbook, "roadmap");
      const row = roadmap.rows.find((r) => r.record.id === "ДК-0004");
      env.workbook.write("Дорожная карта", [
        {
          row: row?.row ?? 0,
          col: (roadmap.columns.index.get("doneDate") ?? 0) + 1,
          value: new Date(2025, 9, 20),
        },
      ]);
    }
    mail.newDay(day);
    sendReminders(env, mail, forms);
    runs++;
  }
  const log = readRecords(env.workbook, "mailLog").rows.map((r) => r.record);
  const journalRuns = readRecords(env.workbook, "journal").rows.filter(
    (r) => r.record.action === "Рассылка напоминаний",
  ).length;
  return {
    mail,
    log,
    sentKeys: log.filter((r) => r.status === "Отправлено").map((r) => r.key),
    runs,
    meetings: readRecords(env.workbook, "meetings").rows.map((r) => r.record),
    journalRuns,
  };
}

let year: Year;
beforeAll(() => {
  year = simulate();
}, 120_000);

/** Sent keys of one recipient about one subject. */
function sentAbout(recipient: string, subjectItem: string, kind?: string): string[] {
  return year.sentKeys
    .filter((k) => {
      const [kk, r, s] = k.split("|");
      return r === recipient && s === subjectItem && (!kind || kk === kind);
    })
    .sort();
}

const key = (kind: string, to: string, subject: string, due: string) => `${kind}|${to}|${subject}|${due}`;

describe("a school year of daily runs", () => {
  it("sends every key at most once, one email per recipient per day, and leaves nothing in flight", () => {
    expect(year.runs).toBe(303);
    expect(year.journalRuns).toBe(303);
    expect(new Set(year.sentKeys).size).toBe(year.sentKeys.length);
    expect(year.log.every((r) => r.status === "Отправлено")).toBe(true);
    const perDay = new Map<string, number>();
    for (const m of year.mail.sent) perDay.set(`${m.to}|${m.day}`, (perDay.get(`${m.to}|${m.day}`) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(1);
    // Every logged key went out in an email to its own recipient on that day.
    expect(year.mail.sent.length).toBe(
      new Set(year.log.map((r) => `${r.recipient}|${isoOf(r.time?.getTime() ?? 0)}`)).size,
    );
    expect(year.sentKeys.every((k) => k.split("|")[1] === year.log.find((r) => r.key === k)?.recipient)).toBe(
      true,
    );
  });

  it("sends nothing to a withdrawn or opted-out mentee, to a member without «Получать напоминания»", () => {
    const banned = [menteeEmail(WITHDRAWN_MENTEE), menteeEmail(OPTED_OUT_MENTEE), "demina@school7.ru"];
    expect(year.mail.sent.filter((m) => banned.includes(m.to))).toEqual([]);
    expect(year.log.filter((r) => banned.includes(r.recipient))).toEqual([]);
  });

  it("roadmap: before, on the day and weekly while overdue; stops when done; cancelled and done get none", () => {
    // ДК-0003, deadline 15.10.2025, «Белова Н.В.», never done.
    expect(sentAbout("belova@school7.ru", "ДК-0003")).toEqual(
      [
        key("roadmap-before", "belova@school7.ru", "ДК-0003", "2025-10-08"),
        key("roadmap-due", "belova@school7.ru", "ДК-0003", "2025-10-15"),
        ...weekly("2025-10-15").map((due) => key("roadmap-overdue", "belova@school7.ru", "ДК-0003", due)),
      ].sort(),
    );
    // ДК-0004, deadline 30.09.2025, «Классные руководители», done on 20.10.2025: only Егорова (Дёмина opted out).
    expect(sentAbout("egorova@school7.ru", "ДК-0004")).toEqual(
      [
        key("roadmap-before", "egorova@school7.ru", "ДК-0004", "2025-09-23"),
        key("roadmap-due", "egorova@school7.ru", "ДК-0004", "2025-09-30"),
        key("roadmap-overdue", "egorova@school7.ru", "ДК-0004", "2025-10-07"),
        key("roadmap-overdue", "egorova@school7.ru", "ДК-0004", "2025-10-14"),
      ].sort(),
    );
    // ДК-0012, two owners.
    for (const to of ["belova@school7.ru", "egorova@school7.ru"]) {
      expect(sentAbout(to, "ДК-0012")).toEqual(
        [
          key("roadmap-before", to, "ДК-0012", "2026-05-08"),
          key("roadmap-due", to, "ДК-0012", "2026-05-15"),
          ...weekly("2026-05-15").map((due) => key("roadmap-overdue", to, "ДК-0012", due)),
        ].sort(),
      );
    }
    // Done, cancelled, no deadline, owner without an address: nothing at all.
    for (const id of ["ДК-0001", "ДК-0009", "ДК-0010", "ДК-0015"]) {
      expect(year.sentKeys.filter((k) => k.split("|")[2] === id)).toEqual([]);
    }
  });

  it("curator: a digest every day (mentees wait for a pair), the overdue summary on Mondays", () => {
    const digests = year.sentKeys.filter((k) => k.startsWith("curator-digest|")).sort();
    const days: string[] = [];
    for (let t = utc(FIRST); t <= utc(LAST); t += DAY) days.push(isoOf(t));
    expect(digests).toEqual(days.map((day) => key("curator-digest", CURATOR, "digest", day)));
    const summaries = year.sentKeys
      .filter((k) => k.startsWith("roadmap-summary|"))
      .map((k) => k.split("|")[3] ?? "");
    expect(summaries.length).toBeGreaterThan(30);
    expect(summaries.every((day) => new Date(`${day}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    // The first Monday with an item overdue since before it: ДК-0002 (20.09) → 22.09.
    expect(summaries.sort()[0]).toBe("2025-09-22");
  });

  it("meetings: mentor and mentee the day before each planned meeting; not for held ones", () => {
    // П-0006: nothing held; mentee НЯ-0006 opted out, so only the mentor (НР-0004).
    const planned6 = year.meetings.filter((m) => m.pairId === "П-0006" && m.status === "Запланирована");
    expect(planned6.length).toBeGreaterThan(10);
    const iso = (x: { year: number; month: number; day: number }) =>
      `${x.year}-${String(x.month).padStart(2, "0")}-${String(x.day).padStart(2, "0")}`;
    const expected6 = planned6
      .map((m) => iso(m.date as NonNullable<typeof m.date>))
      .filter((date) => inYear(plus(date, -1)))
      .map((date) => key("meeting-tomorrow", mentorEmail(3), `П-0006@${date}`, plus(date, -1)));
    expect(year.sentKeys.filter((k) => k.startsWith(`meeting-tomorrow|${mentorEmail(3)}|`)).sort()).toEqual(
      expected6.sort(),
    );
    expect(year.sentKeys.filter((k) => k.includes("|П-0006@") && !k.includes(mentorEmail(3)))).toEqual([]);
    // П-0008: the first two held, the rest planned; both sides.
    const planned8 = year.meetings.filter((m) => m.pairId === "П-0008" && m.status === "Запланирована");
    for (const to of [mentorEmail(5), menteeEmail(7)]) {
      const expected = planned8
        .map((m) => iso(m.date as NonNullable<typeof m.date>))
        .map((date) => key("meeting-tomorrow", to, `П-0008@${date}`, plus(date, -1)));
      expect(year.sentKeys.filter((k) => k.startsWith(`meeting-tomorrow|${to}|`)).sort()).toEqual(
        expected.sort(),
      );
    }
    // The group (НР-0001 with НЯ-0001…0003) meets as one: each of the four hears of each planned meeting.
    const group = year.meetings.filter((m) => m.pairId === "Г-НР-0001" && m.status === "Запланирована");
    expect(year.meetings.some((m) => ["П-0001", "П-0002", "П-0003"].includes(m.pairId))).toBe(false);
    for (const to of [mentorEmail(0), menteeEmail(0), menteeEmail(1), menteeEmail(2)]) {
      const expected = group
        .map((m) => iso(m.date as NonNullable<typeof m.date>))
        .map((date) => key("meeting-tomorrow", to, `Г-НР-0001@${date}`, plus(date, -1)));
      expect(year.sentKeys.filter((k) => k.startsWith(`meeting-tomorrow|${to}|`)).sort()).toEqual(
        expected.sort(),
      );
    }
  });

  it("inactivity: to the mentor every 30 days without a held meeting, until the pair's end", () => {
    const every30 = (base: string) => {
      const out: string[] = [];
      for (let k = 1; plus(base, 30 * k) <= "2026-05-31"; k++) out.push(plus(base, 30 * k));
      return out;
    };
    expect(sentAbout(mentorEmail(3), "П-0006", "inactivity")).toEqual(
      every30("2025-09-15")
        .map((due) => key("inactivity", mentorEmail(3), "П-0006", due))
        .sort(),
    );
    // П-0008 held meetings on 15.09 and 29.09 (both Mondays): counted from 29.09.
    expect(sentAbout(mentorEmail(5), "П-0008", "inactivity")).toEqual(
      every30("2025-09-29")
        .map((due) => key("inactivity", mentorEmail(5), "П-0008", due))
        .sort(),
    );
    // The group: one reminder series to its mentor; П-0010 held every meeting: never inactive.
    expect(sentAbout(mentorEmail(0), "Г-НР-0001", "inactivity")).toEqual(
      every30("2025-09-29")
        .map((due) => key("inactivity", mentorEmail(0), "Г-НР-0001", due))
        .sort(),
    );
    expect(
      year.sentKeys.filter((k) => k.startsWith("inactivity|") && /\|П-000[123]\||П-0010/.test(k)),
    ).toEqual([]);
  });

  it("feedback forms: each stage, three reminders a week apart, not after the answer", () => {
    // П-0005 (15.09.2025 – 31.05.2026): the mentee withdrew, the mentor НР-0003 gets all three stages.
    const start = "2025-09-15";
    const end = "2026-05-31";
    const span = (utc(end) - utc(start)) / DAY;
    const stages = [
      ["Входная", plus(start, 14)],
      ["Промежуточная", plus(start, Math.floor(span / 2))],
      ["Итоговая", plus(end, -14)],
    ] as const;
    for (const [stage, date] of stages) {
      expect(sentAbout(mentorEmail(2), `feedback:П-0005:${stage}`)).toEqual(
        [0, 7, 14].map((n) => key("form-missing", mentorEmail(2), `feedback:П-0005:${stage}`, plus(date, n))),
      );
      expect(sentAbout(menteeEmail(WITHDRAWN_MENTEE), `feedback:П-0005:${stage}`)).toEqual([]);
    }
    // П-0004 answered «Входная» on both sides: only the later stages.
    expect(sentAbout(mentorEmail(1), "feedback:П-0004:Входная")).toEqual([]);
    expect(sentAbout(menteeEmail(3), "feedback:П-0004:Промежуточная")).toHaveLength(3);
    // The paused pair П-0020 gets nothing.
    expect(year.sentKeys.filter((k) => k.includes("П-0020"))).toEqual([]);
  });

  it("consent and preference forms: three reminders from the first day they apply", () => {
    expect(sentAbout(menteeEmail(22), "consent:НЯ-0023")).toEqual(
      ["2025-09-01", "2025-09-08", "2025-09-15"].map((due) =>
        key("form-missing", menteeEmail(22), "consent:НЯ-0023", due),
      ),
    );
    // The group meeting was marked held on 08.10: waiting mentees and the trained mentor are asked.
    expect(sentAbout(menteeEmail(21), "preference:НЯ-0022")).toEqual(
      ["2025-10-08", "2025-10-15", "2025-10-22"].map((due) =>
        key("form-missing", menteeEmail(21), "preference:НЯ-0022", due),
      ),
    );
    expect(sentAbout(mentorEmail(18), "preference:НР-0019")).toHaveLength(3);
    // НЯ-0021 chose on 16.10: no third reminder.
    expect(sentAbout(menteeEmail(20), "preference:НЯ-0021")).toEqual(
      ["2025-10-08", "2025-10-15"].map((due) =>
        key("form-missing", menteeEmail(20), "preference:НЯ-0021", due),
      ),
    );
  });

  it("no participant's email names anyone outside their own pair or group", () => {
    const all = [...MENTORS, ...MENTEES];
    const surnames = all.map((n) => n.split(" ")[0] ?? "");
    // The check is meaningful only if no surname is part of another name.
    for (const s of surnames) expect(all.filter((n) => n.includes(s))).toHaveLength(1);
    const emailOf = new Map<string, string>([
      ...MENTORS.map((n, i) => [mentorEmail(i), n] as const),
      ...MENTEES.map((n, i) => [menteeEmail(i), n] as const),
    ]);
    let checked = 0;
    for (const m of year.mail.sent) {
      if (m.to === CURATOR) continue;
      const own = emailOf.get(m.to);
      const allowed = new Set<string>(own ? [own] : []);
      if (own && MENTORS.includes(own)) {
        const i = MENTORS.indexOf(own);
        const mentees = i === 0 ? [0, 1, 2] : [i + 2];
        for (const j of mentees) allowed.add(MENTEES[j] ?? "");
      } else if (own) {
        const j = MENTEES.indexOf(own);
        if (j < 20) allowed.add(MENTORS[j < 3 ? 0 : j - 2] ?? "");
      }
      for (const name of all) {
        if (allowed.has(name)) continue;
        const surname = name.split(" ")[0] ?? "";
        expect(m.text.includes(surname) || m.html.includes(surname), `${m.to} ${m.day}: ${surname}`).toBe(
          false,
        );
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
  });
});
