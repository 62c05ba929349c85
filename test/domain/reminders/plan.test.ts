import { describe, expect, it } from "vitest";
import { PAIR_PLACEHOLDER } from "../../../src/domain/reminders/links";
import {
  academicYearEnd,
  feedbackStages,
  formSeriesDue,
  planReminderRun,
  planReminders,
  roadmapOwners,
  roleMatches,
} from "../../../src/domain/reminders/plan";
import type {
  MailLogEntry,
  MenteeRecord,
  MentorRecord,
  PairRecord,
  PlannedMessage,
  ReminderInput,
  RoadmapItem,
} from "../../../src/domain/reminders/types";
import { d } from "./school";

const NOW = new Date(2025, 9, 1, 8, 0);
const CURATOR = "kurator@school.ru";

function input(over: Partial<ReminderInput> = {}): ReminderInput {
  return {
    now: NOW,
    settings: {
      reminderDaysBefore: 7,
      inactivityDays: 30,
      feedbackEntryDays: 14,
      feedbackFinalDaysBefore: 14,
      formReminderEveryDays: 7,
      curatorEmail: CURATOR,
      curatorName: "Кузьмина Ольга Сергеевна",
      orgShortName: "МБОУ СОШ № 7",
    },
    roadmap: [],
    team: [],
    pairs: [],
    mentors: [],
    mentees: [],
    meetings: [],
    feedback: [],
    preferences: [],
    forms: { published: {}, prefilled: {} },
    mailLog: [],
    journalErrors: [],
    ...over,
  };
}

const item = (over: Partial<RoadmapItem>): RoadmapItem => ({
  id: "ДК-0001",
  stage: "Подготовка",
  event: "Утвердить положение о наставничестве",
  deadline: d("2025-10-15"),
  owners: "Белова Н.В.",
  status: "Не начато",
  doneDate: null,
  ...over,
});

const TEAM = [
  {
    id: "К-0001",
    fullName: "Белова Наталья Викторовна",
    role: "Заместитель директора",
    email: "belova@school.ru",
    reminders: true,
  },
  {
    id: "К-0002",
    fullName: "Дёмина Ирина Павловна",
    role: "Классный руководитель",
    email: "demina@school.ru",
    reminders: true,
  },
  {
    id: "К-0003",
    fullName: "Егорова Светлана Юрьевна",
    role: "Классный руководитель",
    email: "egorova@school.ru",
    reminders: false,
  },
  {
    id: "К-0004",
    fullName: "Жукова Лариса Олеговна",
    role: "Рабочая группа",
    email: "не адрес",
    reminders: true,
  },
];

const keys = (messages: PlannedMessage[]) => messages.map((m) => m.key).sort();

describe("roadmap rules", () => {
  const cases: [string, string, Partial<RoadmapItem>, string[]][] = [
    ["too early", "2025-10-07", {}, []],
    ["N days before", "2025-10-08", {}, ["roadmap-before|belova@school.ru|ДК-0001|2025-10-08"]],
    ["still before, same key", "2025-10-14", {}, ["roadmap-before|belova@school.ru|ДК-0001|2025-10-08"]],
    ["on the day", "2025-10-15", {}, ["roadmap-due|belova@school.ru|ДК-0001|2025-10-15"]],
    ["the day after, due still", "2025-10-21", {}, ["roadmap-due|belova@school.ru|ДК-0001|2025-10-15"]],
    ["a week overdue", "2025-10-22", {}, ["roadmap-overdue|belova@school.ru|ДК-0001|2025-10-22"]],
    ["overdue, same week", "2025-10-28", {}, ["roadmap-overdue|belova@school.ru|ДК-0001|2025-10-22"]],
    ["two weeks overdue", "2025-10-29", {}, ["roadmap-overdue|belova@school.ru|ДК-0001|2025-10-29"]],
    ["done", "2025-10-15", { status: "Выполнено" }, []],
    ["done date typed", "2025-10-22", { doneDate: d("2025-10-20") }, []],
    ["cancelled", "2025-10-15", { status: "Отменено" }, []],
    ["no deadline", "2025-10-15", { deadline: null }, []],
    ["no ID", "2025-10-15", { id: "" }, []],
    [
      "a role names every member with it who wants reminders",
      "2025-10-15",
      { owners: "Классные руководители" },
      ["roadmap-due|demina@school.ru|ДК-0001|2025-10-15"],
    ],
    ["a member without a valid address gets nothing", "2025-10-15", { owners: "Жукова Л.О." }, []],
    ["an owner not in the team", "2025-10-15", { owners: "Иванов П.П." }, []],
  ];
  it.each(cases)("%s (%s)", (_name, today, over, expected) => {
    const messages = planReminders(input({ roadmap: [item(over)], team: TEAM }), d(today)).filter(
      (m) => m.kind !== "roadmap-summary",
    );
    expect(keys(messages)).toEqual(expected);
  });

  it("roles and names find team members", () => {
    expect(roleMatches("Классные руководители", "Классный руководитель")).toBe(true);
    expect(roleMatches("Заместитель директора по УВР", "Заместитель директора")).toBe(true);
    expect(roleMatches("Куратор программы", "Куратор")).toBe(true);
    expect(roleMatches("Педагоги", "Педагог-психолог")).toBe(false);
    expect(roleMatches("Администрация школы", "Директор")).toBe(false);
    expect(roadmapOwners("Белова Н.В., классные руководители; Иванов П.П.", TEAM)).toEqual([0, 1, 2]);
  });

  it("counts a member without a valid address, and an email has only the owner's item", () => {
    const plan = planReminderRun(
      input({ roadmap: [item({ owners: "Жукова Л.О., Белова Н.В." })], team: TEAM }),
      d("2025-10-15"),
    );
    expect(plan.withoutAddress).toBe(1);
    expect(plan.messages.map((m) => m.recipient)).toEqual(["belova@school.ru"]);
    expect(plan.messages[0]?.title).toBe("Сегодня срок: Утвердить положение о наставничестве");
    expect(plan.messages[0]?.lines.join(" ")).not.toContain("Жукова");
  });

  it("the weekly summary goes to the curator on Monday (kept for the week if not sent)", () => {
    const roadmap = [item({ deadline: d("2025-09-20") }), item({ id: "ДК-0002", deadline: d("2025-10-05") })];
    // Monday 6.10: both overdue.
    const monday = planReminders(input({ roadmap }), d("2025-10-06")).filter(
      (m) => m.kind === "roadmap-summary",
    );
    expect(keys(monday)).toEqual([`roadmap-summary|${CURATOR}|roadmap|2025-10-06`]);
    expect(monday[0]?.lines.slice(0, 2)).toEqual([
      "20.09.2025 — Утвердить положение о наставничестве — Белова Н.В. (просрочено на 16 дней) [ДК-0001]",
      "05.10.2025 — Утвердить положение о наставничестве — Белова Н.В. (просрочено на 1 день) [ДК-0002]",
    ]);
    expect(
      keys(planReminders(input({ roadmap }), d("2025-10-09")).filter((m) => m.kind === "roadmap-summary")),
    ).toEqual([`roadmap-summary|${CURATOR}|roadmap|2025-10-06`]);
    // Nothing overdue on the Monday of 29.09 except ДК-0001 — and not before 22.09.
    const early = [item({ deadline: d("2025-09-30") })];
    expect(
      planReminders(input({ roadmap: early }), d("2025-10-01")).filter((m) => m.kind === "roadmap-summary"),
    ).toEqual([]);
  });
});

const mentor = (over: Partial<MentorRecord> = {}): MentorRecord => ({
  id: "НР-0001",
  status: "Наставник",
  fullName: "Абрамова Вера Николаевна",
  email: "abramova@school.ru",
  noEmail: false,
  consent: true,
  ...over,
});
const mentee = (over: Partial<MenteeRecord> = {}): MenteeRecord => ({
  id: "НЯ-0001",
  status: "В паре",
  fullName: "Фадеева Алёна",
  email: "fadeeva@school.ru",
  noEmail: false,
  consent: true,
  createdAt: new Date(2025, 8, 1),
  ...over,
});
const pair = (over: Partial<PairRecord> = {}): PairRecord => ({
  id: "П-0001",
  status: "Работает",
  groupId: "",
  mentorId: "НР-0001",
  mentorName: "Абрамова Вера Николаевна",
  menteeId: "НЯ-0001",
  menteeName: "Фадеева Алёна",
  startDate: d("2025-09-15"),
  endDate: null,
  ...over,
});

describe("meeting and inactivity rules", () => {
  const base = () => ({ mentors: [mentor()], mentees: [mentee()], pairs: [pair()] });

  it.each([
    ["2 days before", "2025-10-11", []],
    ["the day before", "2025-10-12", ["abramova@school.ru", "fadeeva@school.ru"]],
    ["on the day, if not sent", "2025-10-13", ["abramova@school.ru", "fadeeva@school.ru"]],
    ["after", "2025-10-14", []],
  ])("meeting-tomorrow %s", (_n, today, to) => {
    const messages = planReminders(
      input({
        ...base(),
        meetings: [
          {
            pairId: "П-0001",
            date: d("2025-10-13"),
            status: "Запланирована",
            topic: "Олимпиады",
            format: "Очно",
          },
        ],
      }),
      d(today),
    ).filter((m) => m.kind === "meeting-tomorrow");
    expect(messages.map((m) => m.recipient).sort()).toEqual(to);
    for (const m of messages)
      expect(m.key).toBe(`meeting-tomorrow|${m.recipient}|П-0001@2025-10-13|2025-10-12`);
  });

  it("a group meeting goes to the mentor and every mentee; a mentee's message names only the mentor", () => {
    const group = {
      mentors: [mentor()],
      mentees: [mentee(), mentee({ id: "НЯ-0002", fullName: "Хромов Денис", email: "hromov@school.ru" })],
      pairs: [
        pair({ groupId: "Г-НР-0001" }),
        pair({ id: "П-0002", groupId: "Г-НР-0001", menteeId: "НЯ-0002", menteeName: "Хромов Денис" }),
      ],
      meetings: [
        { pairId: "Г-НР-0001", date: d("2025-10-13"), status: "Запланирована", topic: "", format: "" },
      ],
    };
    const messages = planReminders(input(group), d("2025-10-12")).filter(
      (m) => m.kind === "meeting-tomorrow",
    );
    const byTo = new Map(messages.map((m) => [m.recipient, m]));
    expect([...byTo.keys()].sort()).toEqual(["abramova@school.ru", "fadeeva@school.ru", "hromov@school.ru"]);
    expect(byTo.get("abramova@school.ru")?.title).toBe("Завтра встреча группы: Фадеева Алёна, Хромов Денис");
    const toMentee = byTo.get("fadeeva@school.ru");
    expect(toMentee?.title).toBe("Завтра встреча с наставником: Абрамова Вера Николаевна");
    expect([toMentee?.title, ...(toMentee?.lines ?? [])].join(" ")).not.toContain("Хромов");
  });

  it.each([
    ["a cancelled meeting", { status: "Отменена" }, "Работает"],
    ["a paused pair", {}, "Приостановлена"],
    ["a finished pair", {}, "Завершена"],
  ])("no reminder for %s", (_n, meetingOver, pairStatus) => {
    const messages = planReminders(
      input({
        mentors: [mentor()],
        mentees: [mentee()],
        pairs: [pair({ status: pairStatus })],
        meetings: [
          {
            pairId: "П-0001",
            date: d("2025-10-13"),
            status: "Запланирована",
            topic: "",
            format: "",
            ...meetingOver,
          },
        ],
      }),
      d("2025-10-12"),
    );
    expect(messages.filter((m) => m.kind === "meeting-tomorrow")).toEqual([]);
  });

  it.each([
    ["29 days after the start", "2025-10-14", [], null],
    ["30 days after the start", "2025-10-15", [], "2025-10-15"],
    ["59 days after the start", "2025-11-13", [], "2025-10-15"],
    ["60 days after the start", "2025-11-14", [], "2025-11-14"],
    ["counted from the last held meeting", "2025-11-14", ["2025-10-20"], null],
    ["30 days after the last held meeting", "2025-11-19", ["2025-10-20"], "2025-11-19"],
    ["a held meeting dated in the future does not count", "2025-10-15", ["2025-10-20"], "2025-10-15"],
    ["after the pair's end (31 May)", "2026-06-05", [], null],
  ])("inactivity: %s", (_n, today, held, due) => {
    const messages = planReminders(
      input({
        mentors: [mentor()],
        mentees: [mentee()],
        pairs: [pair()],
        meetings: held.map((date) => ({
          pairId: "П-0001",
          date: d(date),
          status: "Проведена",
          topic: "",
          format: "",
        })),
      }),
      d(today),
    ).filter((m) => m.kind === "inactivity");
    expect(keys(messages)).toEqual(due ? [`inactivity|abramova@school.ru|П-0001|${due}`] : []);
  });
});

describe("form rules", () => {
  it("feedback stages of a pair", () => {
    expect(feedbackStages(d("2025-09-15"), d("2026-05-31"), 14, 14)).toEqual([
      { stage: "Входная", date: d("2025-09-29") },
      { stage: "Промежуточная", date: d("2026-01-22") },
      { stage: "Итоговая", date: d("2026-05-17") },
    ]);
    expect(academicYearEnd(d("2025-09-15"))).toEqual(d("2026-05-31"));
    expect(academicYearEnd(d("2026-02-01"))).toEqual(d("2026-05-31"));
    expect(academicYearEnd(d("2026-06-10"))).toEqual(d("2027-05-31"));
  });

  it.each([
    ["before", "2025-09-28", null],
    ["first", "2025-09-29", { due: d("2025-09-29"), index: 0 }],
    ["still first", "2025-10-05", { due: d("2025-09-29"), index: 0 }],
    ["second", "2025-10-06", { due: d("2025-10-06"), index: 1 }],
    ["third", "2025-10-19", { due: d("2025-10-13"), index: 2 }],
    ["no fourth", "2025-10-20", null],
  ])("reminder series: %s", (_n, today, expected) => {
    expect(formSeriesDue(d("2025-09-29"), 7, d(today))).toEqual(expected);
  });

  const forms = {
    published: {
      feedback: "https://forms.example/fb",
      mentee: "https://forms.example/mentee",
      preference: "https://forms.example/pref",
    },
    prefilled: {
      "feedback|Наставник|Входная": `https://forms.example/fb?pair=${PAIR_PLACEHOLDER}&role=mentor`,
      "feedback|Наставляемый|Входная": `https://forms.example/fb?pair=${PAIR_PLACEHOLDER}&role=mentee`,
    },
  };

  it("feedback: both sides with their personal link, until the row for their role and stage exists", () => {
    const base = { mentors: [mentor()], mentees: [mentee()], pairs: [pair()], forms };
    const messages = planReminders(input(base), d("2025-09-29")).filter((m) => m.kind === "form-missing");
    expect(keys(messages)).toEqual([
      "form-missing|abramova@school.ru|feedback:П-0001:Входная|2025-09-29",
      "form-missing|fadeeva@school.ru|feedback:П-0001:Входная|2025-09-29",
    ]);
    const toMentor = messages.find((m) => m.recipient === "abramova@school.ru");
    expect(toMentor?.links).toEqual([
      {
        label: "Заполнить анкету обратной связи",
        url: "https://forms.example/fb?pair=%D0%9F-0001&role=mentor",
      },
    ]);
    expect(toMentor?.prefill).toEqual({ form: "feedback", role: "Наставник", stage: "Входная" });
    const answered = planReminders(
      input({
        ...base,
        feedback: [{ pairId: "П-0001", participantId: "", role: "Наставляемый", stage: "Входная" }],
      }),
      d("2025-10-06"),
    ).filter((m) => m.kind === "form-missing");
    expect(keys(answered)).toEqual(["form-missing|abramova@school.ru|feedback:П-0001:Входная|2025-10-06"]);
    // Without any feedback form, nobody is asked.
    expect(
      planReminders(input({ ...base, forms: { published: {}, prefilled: {} } }), d("2025-09-29")).filter(
        (m) => m.kind === "form-missing",
      ),
    ).toEqual([]);
  });

  it("consent: the first reminder on the first run, then weekly from that day (anchored by the log)", () => {
    const base = { mentees: [mentee({ status: "Нет согласия", consent: false })], forms };
    const first = planReminders(input(base), d("2025-10-01"));
    expect(keys(first)).toEqual(["form-missing|fadeeva@school.ru|consent:НЯ-0001|2025-10-01"]);
    expect(first[0]?.links).toEqual([
      { label: "Заполнить анкету наставляемого", url: "https://forms.example/mentee" },
    ]);
    const sent = (key: string, time: Date): MailLogEntry => ({ key, status: "Отправлено", reason: "", time });
    const log = [sent("form-missing|fadeeva@school.ru|consent:НЯ-0001|2025-10-01", new Date(2025, 9, 1, 8))];
    const at = (iso: string) => {
      const [y, m, dd] = iso.split("-").map(Number) as [number, number, number];
      return planReminders(input({ ...base, mailLog: log, now: new Date(y, m - 1, dd, 8) }), d(iso));
    };
    expect(at("2025-10-07")).toEqual([]);
    expect(keys(at("2025-10-08"))).toEqual(["form-missing|fadeeva@school.ru|consent:НЯ-0001|2025-10-08"]);
    log.push(sent("form-missing|fadeeva@school.ru|consent:НЯ-0001|2025-10-08", new Date(2025, 9, 8, 8)));
    log.push(sent("form-missing|fadeeva@school.ru|consent:НЯ-0001|2025-10-15", new Date(2025, 9, 15, 8)));
    expect(at("2025-10-22")).toEqual([]);
  });

  it("preference: once the group meeting is done, waiting mentees and selected mentors without a choice", () => {
    const meeting = item({
      id: "ДК-0005",
      event: "Организация общей (групповой) встречи наставников и наставляемых",
      owners: "",
    });
    const base = {
      mentors: [
        mentor({ status: "Обучен" }),
        mentor({ id: "НР-0002", status: "Наставник", email: "busy@school.ru" }),
      ],
      mentees: [
        mentee({ status: "Ожидает пары" }),
        mentee({ id: "НЯ-0002", status: "Ожидает пары", email: "chose@school.ru" }),
        mentee({ id: "НЯ-0003", status: "Ожидает пары", email: "noconsent@school.ru", consent: false }),
      ],
      preferences: [{ participantId: "НЯ-0002", role: "Наставляемый" }],
      forms,
    };
    const waiting = planReminders(input({ ...base, roadmap: [meeting] }), d("2025-10-01")).filter(
      (m) => m.kind === "form-missing",
    );
    expect(waiting).toEqual([]);
    const done = planReminders(
      input({ ...base, roadmap: [{ ...meeting, status: "Выполнено" }] }),
      d("2025-10-01"),
    ).filter((m) => m.kind === "form-missing");
    expect(keys(done)).toEqual([
      "form-missing|abramova@school.ru|preference:НР-0001|2025-10-01",
      "form-missing|fadeeva@school.ru|preference:НЯ-0001|2025-10-01",
    ]);
    // No group-meeting item in the roadmap: the form's existence is enough.
    expect(planReminders(input(base), d("2025-10-01")).filter((m) => m.kind === "form-missing")).toHaveLength(
      2,
    );
  });
});

describe("who gets nothing, and the log", () => {
  const people = {
    mentors: [mentor()],
    mentees: [mentee()],
    pairs: [pair()],
    meetings: [{ pairId: "П-0001", date: d("2025-10-13"), status: "Запланирована", topic: "", format: "" }],
  };

  it.each([
    ["withdrawn", { status: "Согласие отозвано" }],
    ["gone", { status: "Выбыл" }],
    ["opted out", { noEmail: true }],
  ])("a %s mentee gets nothing, the mentor still does", (_n, over) => {
    const messages = planReminders(input({ ...people, mentees: [mentee(over)] }), d("2025-10-12"));
    expect(messages.map((m) => m.recipient)).toEqual(["abramova@school.ru"]);
  });

  it("a mentee without a valid address is counted, not named", () => {
    const plan = planReminderRun(
      input({ ...people, mentees: [mentee({ email: "fadeeva@" })] }),
      d("2025-10-12"),
    );
    expect(plan.messages.map((m) => m.recipient)).toEqual(["abramova@school.ru"]);
    expect(plan.withoutAddress).toBe(1);
  });

  it("keys in the log: sent, in progress and unknown are done; postponed and failed come again; a recipient gets one email a day", () => {
    const key = "meeting-tomorrow|abramova@school.ru|П-0001@2025-10-13|2025-10-12";
    const other = "meeting-tomorrow|fadeeva@school.ru|П-0001@2025-10-13|2025-10-12";
    // (The digest these rows may call for is checked below.)
    const planWith = (entries: MailLogEntry[], now = new Date(2025, 9, 12, 8, 30)) => {
      const plan = planReminderRun(input({ ...people, mailLog: entries, now }), d("2025-10-12"));
      return { ...plan, messages: plan.messages.filter((m) => m.kind !== "curator-digest") };
    };
    const row = (status: string, time = new Date(2025, 9, 11, 20), reason = ""): MailLogEntry => ({
      key,
      status,
      reason,
      time,
    });
    expect(keys(planWith([row("Отправлено")]).messages)).toEqual([other]);
    expect(planWith([row("Отправлено")]).alreadySent).toBe(1);
    expect(keys(planWith([row("Неизвестно")]).messages)).toEqual([other]);
    expect(keys(planWith([row("Отложено")]).messages)).toEqual([key, other]);
    expect(keys(planWith([row("Ошибка", undefined, "Сбой")]).messages)).toEqual([key, other]);
    expect(keys(planWith([row("Ошибка"), row("Ошибка"), row("Ошибка")]).messages)).toEqual([other]);
    expect(keys(planWith([row("Ошибка", undefined, "Адрес отклонён: Invalid email")]).messages)).toEqual([
      other,
    ]);
    // In progress (10 minutes ago): skipped; stale (2 hours ago): skipped and reported for marking.
    const fresh = planWith([row("Отправляется", new Date(2025, 9, 12, 8, 20))]);
    expect(keys(fresh.messages)).toEqual([other]);
    expect(fresh.stale).toEqual([]);
    const stale = planWith([row("Отправляется", new Date(2025, 9, 12, 6, 0))]);
    expect(keys(stale.messages)).toEqual([other]);
    expect(stale.stale).toEqual([0]);
    // The mentor already had an email today (another key): the reminder waits for tomorrow.
    const today = planWith([
      {
        key: "roadmap-due|abramova@school.ru|ДК-0001|2025-10-12",
        status: "Отправлено",
        reason: "",
        time: new Date(2025, 9, 12, 8),
      },
    ]);
    expect(keys(today.messages)).toEqual([other]);
    expect(today.heldForTomorrow).toBe(1);
  });
});

describe("curator digest", () => {
  it("lists waiting mentees with how long, records to check, inactive pairs and trouble since the last digest", () => {
    const log: MailLogEntry[] = [
      {
        key: `curator-digest|${CURATOR}|digest|2025-09-30`,
        status: "Отправлено",
        reason: "",
        time: new Date(2025, 8, 30, 8, 1),
      },
      {
        key: "roadmap-due|a@school.ru|ДК-0001|2025-09-29",
        status: "Ошибка",
        reason: "Старый сбой",
        time: new Date(2025, 8, 29, 8),
      },
      {
        key: "roadmap-due|a@school.ru|ДК-0002|2025-09-30",
        status: "Ошибка",
        reason: "Сбой",
        time: new Date(2025, 8, 30, 8, 1),
      },
      {
        key: "roadmap-due|b@school.ru|ДК-0002|2025-09-30",
        status: "Ошибка",
        reason: "Сбой",
        time: new Date(2025, 8, 30, 8, 1),
      },
      {
        key: "roadmap-due|c@school.ru|ДК-0002|2025-09-30",
        status: "Неизвестно",
        reason: "",
        time: new Date(2025, 8, 30, 8, 1),
      },
      {
        key: "roadmap-due|d@school.ru|ДК-0002|2025-09-30",
        status: "Отложено",
        reason: "",
        time: new Date(2025, 8, 30, 8, 1),
      },
    ];
    const plan = planReminderRun(
      input({
        mentors: [
          mentor(),
          mentor({ id: "НР-0002", status: "Требует проверки", fullName: "Баранов Игорь Семёнович" }),
        ],
        mentees: [
          mentee(),
          mentee({
            id: "НЯ-0002",
            status: "Ожидает пары",
            fullName: "Хромов Денис",
            createdAt: new Date(2025, 8, 10, 15),
          }),
        ],
        pairs: [pair({ startDate: d("2025-08-25") })],
        mailLog: log,
        journalErrors: [
          { time: new Date(2025, 8, 29), action: "Загрузить ответы", details: "старое" },
          {
            time: new Date(2025, 8, 30, 12),
            action: "Загрузить ответы",
            details: "Лист «Ответы» не найден\nподробности",
          },
        ],
      }),
      d("2025-10-01"),
    );
    const digest = plan.messages.find((m) => m.kind === "curator-digest");
    expect(digest?.key).toBe(`curator-digest|${CURATOR}|digest|2025-10-01`);
    expect(digest?.recipient).toBe(CURATOR);
    expect(digest?.lines).toEqual([
      "Ожидают пары: 1.",
      "• Хромов Денис (НЯ-0002) — ждёт 21 день",
      "Анкеты требуют проверки: 1 (столбец «Что проверить»).",
      "• Баранов Игорь Семёнович (НР-0002), «Наставники»",
      "Пары и группы без встреч 30 дней и дольше: 1.",
      "• П-0001: Абрамова Вера Николаевна (НР-0001) — Фадеева Алёна (НЯ-0001); без встреч 37 дней",
      "Не удалось отправить напоминаний: 2 (лист «Журнал рассылок»):",
      "• Сбой — 2",
      "Неизвестно, ушли ли напоминания: 1 — рассылка прервалась во время отправки. Повторно они не отправляются; проверьте строки со статусом «Неизвестно» в листе «Журнал рассылок».",
      "Отложено (дневной лимит писем или время выполнения): 1 — уйдут со следующей рассылкой.",
      "Ошибки действий надстройки: 1 (лист «Журнал»):",
      "• Загрузить ответы: Лист «Ответы» не найден",
    ]);
  });

  it("is not sent when there is nothing to act on, nor without a curator address", () => {
    expect(planReminders(input({ mentors: [mentor()], mentees: [mentee()] }), d("2025-10-01"))).toEqual([]);
    const waiting = { mentees: [mentee({ status: "Ожидает пары" })] };
    expect(planReminders(input(waiting), d("2025-10-01")).map((m) => m.kind)).toEqual(["curator-digest"]);
    const noCurator = input(waiting);
    noCurator.settings.curatorEmail = "";
    const plan = planReminderRun(noCurator, d("2025-10-01"));
    expect(plan.messages).toEqual([]);
    expect(plan.withoutAddress).toBe(1);
  });
});
