import { describe, expect, it } from "vitest";
import {
  appendYearLine,
  archiveSheetName,
  closingYear,
  collectFacts,
  feedbackScore,
  findMentorFor,
  formatScore,
  freeSheetName,
  mentorCategoryFor,
  nextYearStart,
  pairSummary,
  planCloseYear,
  rollRoadmapItem,
  shiftYears,
  shiftYearsInText,
  yearLabel,
} from "../../src/domain/close-year";
import { SHEETS } from "../../src/domain/schema";
import { emptyValue, type RecordOf, type RowRecord } from "../../src/domain/table";

const d = (year: number, month: number, day: number) => ({ year, month, day });

/** A record of a sheet with every column empty, then the given values. */
function rec<K extends "pairs" | "meetings" | "feedback" | "mentees" | "mentors" | "roadmap">(
  key: K,
  values: Partial<RecordOf<K>>,
): RecordOf<K> {
  const def = SHEETS.find((s) => s.key === key);
  const empty = Object.fromEntries(
    (def?.columns ?? []).map((c) => [c.key, emptyValue(c.type as Parameters<typeof emptyValue>[0])]),
  );
  return { ...empty, ...values } as RecordOf<K>;
}

function rows<K extends "pairs" | "meetings" | "feedback" | "mentees" | "mentors" | "roadmap">(
  key: K,
  list: Partial<RecordOf<K>>[],
): RowRecord<K>[] {
  return list.map((values, i) => ({ row: i + 2, record: rec(key, values) }));
}

describe("years and names", () => {
  it("labels the year and names archive sheets that Excel accepts (≤ 31 characters, no «/»)", () => {
    expect(yearLabel(2025)).toBe("2025/2026");
    for (const sheet of SHEETS) {
      const name = archiveSheetName(2025, sheet.name);
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
      expect(name.startsWith("Архив 2025–26 — ")).toBe(true);
    }
    expect(archiveSheetName(2025, "Обратная связь")).toBe("Архив 2025–26 — Обратная связь");
    expect(archiveSheetName(2099, "Пары и группы")).toBe("Архив 2099–00 — Пары и группы");
  });

  it("finds a free sheet name without exceeding 31 characters, ignoring case", () => {
    const base = archiveSheetName(2025, "Обратная связь");
    expect(freeSheetName(base, ["Журнал"])).toBe(base);
    const second = freeSheetName(base, [base.toUpperCase()]);
    expect(second.endsWith(" (2)")).toBe(true);
    expect(second.length).toBeLessThanOrEqual(31);
    expect(freeSheetName(base, [base, second])).toMatch(/ \(3\)$/);
  });

  it("tells the year to close from «Начало учебного года» and today", () => {
    // The setting names 2025/26; mid-June 2026 closes it.
    expect(closingYear(d(2025, 9, 1), d(2026, 6, 15))).toBe(2025);
    // Already moved on by closing: the next year has not begun — the year closed is still 2025.
    expect(closingYear(d(2026, 9, 1), d(2026, 6, 16))).toBe(2025);
    // Once it has begun, the new year is the one to close.
    expect(closingYear(d(2026, 9, 1), d(2027, 6, 1))).toBe(2026);
    // Empty setting: the academic year of today.
    expect(closingYear(null, d(2026, 6, 15))).toBe(2025);
    expect(closingYear(null, d(2026, 9, 2))).toBe(2026);
  });

  it("moves the start of the year on once, keeping the curator's day", () => {
    expect(nextYearStart(d(2025, 9, 1), 2025)).toEqual(d(2026, 9, 1));
    expect(nextYearStart(d(2025, 9, 2), 2025)).toEqual(d(2026, 9, 2));
    expect(nextYearStart(null, 2025)).toEqual(d(2026, 9, 1));
    // Already the next year: left alone.
    expect(nextYearStart(d(2026, 9, 1), 2025)).toBeNull();
  });

  it("shifts dates by years, 29 February to 28 February", () => {
    expect(shiftYears(d(2024, 2, 29), 1)).toEqual(d(2025, 2, 28));
    expect(shiftYears(d(2027, 2, 28), 1)).toEqual(d(2028, 2, 28));
    expect(shiftYears(d(2025, 11, 5), 2)).toEqual(d(2027, 11, 5));
  });

  it("moves the years written in deadline texts and leaves month phrases alone", () => {
    expect(shiftYearsInText("До 05.11.2025", 1)).toBe("До 05.11.2026");
    expect(shiftYearsInText("1.10.2025- 20.10.2025", 1)).toBe("1.10.2026- 20.10.2026");
    expect(shiftYearsInText("до 01.10.25", 1)).toBe("до 01.10.26");
    expect(shiftYearsInText("Май 2026", 1)).toBe("Май 2027");
    expect(shiftYearsInText("2025-2026 учебный год", 1)).toBe("2026-2027 учебный год");
    expect(shiftYearsInText("Сентябрь - октябрь", 1)).toBe("Сентябрь - октябрь");
    expect(shiftYearsInText("Ежегодно в мае", 1)).toBe("Ежегодно в мае");
    expect(shiftYearsInText("12345 и 2025", 0)).toBe("12345 и 2025");
  });

  it("formats scores with a decimal comma, whole numbers without «,0»", () => {
    expect(formatScore(26 / 3)).toBe("8,7");
    expect(formatScore(9)).toBe("9");
    expect(formatScore(8.96)).toBe("9");
    expect(formatScore(4.5)).toBe("4,5");
  });
});

describe("pair results", () => {
  const pairs = [
    rec("pairs", { id: "П-0001", mentorId: "НР-0001", menteeId: "НЯ-0001", status: "Работает" }),
    rec("pairs", { id: "П-0002", mentorId: "НР-0002", menteeId: "НЯ-0002", groupId: "Г-НР-0002" }),
  ];
  const meetings = [
    rec("meetings", { pairId: "П-0001", status: "Проведена", date: d(2025, 10, 1) }),
    rec("meetings", { pairId: "п-0001", status: "Проведена", date: d(2025, 11, 1) }),
    rec("meetings", { pairId: "П-0001", status: "Запланирована", date: d(2026, 6, 20) }),
    rec("meetings", { pairId: "П-0001", status: "Отменена", date: d(2026, 1, 20) }),
    rec("meetings", { pairId: "Г-НР-0002", status: "Проведена", date: d(2026, 2, 1) }),
    rec("meetings", { pairId: "П-0002", status: "Проведена", date: d(2026, 3, 1) }),
  ];
  const feedback = [
    rec("feedback", {
      pairId: "П-0001",
      role: "Наставляемый",
      stage: "Итоговая",
      comfort: 9,
      usefulness: 8,
      expectationsMet: 9,
    }),
    // Role left empty: found by the participant's ID.
    rec("feedback", {
      pairId: "П-0001",
      participantId: "НР-0001",
      stage: "Итоговая",
      comfort: 10,
      usefulness: 9,
    }),
    // Entry stage: not part of the final score.
    rec("feedback", { pairId: "П-0001", role: "Наставляемый", stage: "Входная", comfort: 1, usefulness: 1 }),
  ];

  it("counts held meetings (group meetings for each pair of the group) and averages the final scales", () => {
    const facts = collectFacts(pairs, meetings, feedback);
    expect(pairSummary(pairs[0] as RecordOf<"pairs">, facts)).toBe(
      "Проведено встреч: 2; итоговая оценка наставляемого 8,7 из 10, наставника 9,5 из 10",
    );
    expect(pairSummary(pairs[1] as RecordOf<"pairs">, facts)).toBe(
      "Проведено встреч: 2; итоговая анкета обратной связи не заполнена",
    );
    expect(feedbackScore({ comfort: null, usefulness: null, expectationsMet: null })).toBeNull();
    expect(feedbackScore({ comfort: 4, usefulness: null, expectationsMet: 5 })).toBe(4.5);
  });
});

describe("planning the close", () => {
  const today = d(2026, 6, 15);
  const input = () => ({
    year: 2025,
    today,
    pairs: rows("pairs", [
      {
        id: "П-0001",
        status: "Работает",
        mentorId: "НР-0001",
        menteeId: "НЯ-0001",
        menteeName: "Смирнова Алёна",
      },
      {
        id: "П-0002",
        status: "Утверждена",
        mentorId: "НР-0001",
        menteeId: "НЯ-0002",
        endDate: d(2026, 5, 31),
        results: "Подготовил открытый урок",
      },
      { id: "П-0003", status: "Приостановлена", mentorId: "НР-0002", menteeId: "НЯ-0003" },
      {
        id: "П-0004",
        status: "Завершена",
        mentorId: "НР-0002",
        menteeId: "НЯ-0004",
        endDate: d(2025, 5, 20),
        results: "",
      },
      { id: "П-0005", status: "Завершена", mentorId: "НР-0002", menteeId: "НЯ-0005" },
    ]),
    meetings: rows("meetings", [
      { pairId: "П-0001", status: "Проведена", date: d(2025, 10, 1) },
      { pairId: "П-0003", status: "Проведена", date: d(2025, 10, 2) },
      { pairId: "П-0005", status: "Проведена", date: d(2026, 2, 3) },
      { pairId: "П-0999", status: "Проведена", date: d(2026, 2, 4) },
    ]),
    feedback: rows("feedback", [
      {
        pairId: "П-0002",
        role: "Наставляемый",
        stage: "Итоговая",
        participantId: "НЯ-0002",
        wantsToMentor: true,
      },
      {
        pairId: "П-0003",
        role: "Наставляемый",
        stage: "Входная",
        participantId: "НЯ-0003",
        wantsToMentor: true,
      },
    ]),
    mentees: rows("mentees", [
      {
        id: "НЯ-0001",
        status: "В паре",
        fullName: "Смирнова Алёна",
        wantsToMentor: true,
        email: "a@school.ru",
      },
      { id: "НЯ-0002", status: "В паре", fullName: "Орлов Пётр" },
      { id: "НЯ-0003", status: "В паре", fullName: "Кузнецова Ирина" },
      { id: "НЯ-0004", status: "Завершил программу", fullName: "Лебедев Иван" },
      { id: "НЯ-0005", status: "Выбыл", fullName: "Новикова Ольга" },
    ]),
    mentors: rows("mentors", [
      { id: "НР-0001", status: "Наставник", fullName: "Иванова Мария", email: "A@School.ru" },
      { id: "НР-0002", status: "Наставник", fullName: "Петров Олег" },
    ]),
    roadmap: rows("roadmap", []),
  });

  it("completes working pairs, keeps typed results and end dates, fills this year's completed pairs", () => {
    const plan = planCloseYear(input());
    expect(plan.pairs.map((p) => [p.id, p.completedNow, p.hasResults])).toEqual([
      ["П-0001", true, false],
      ["П-0002", true, true],
      ["П-0005", false, false],
    ]);
    const [first, second, earlier] = plan.pairs;
    expect(first?.changes).toEqual({
      status: "Завершена",
      endDate: today,
      results: "Проведено встреч: 1; итоговая анкета обратной связи не заполнена",
    });
    // The curator's end date and results are not in the changes.
    expect(second?.changes).toEqual({ status: "Завершена" });
    // Completed earlier (it has meetings in the live sheet): results and the last meeting's date.
    expect(earlier?.changes).toEqual({
      endDate: d(2026, 2, 3),
      results: "Проведено встреч: 1; итоговая анкета обратной связи не заполнена",
    });
    // The old pair of 2024/25 is not touched; the suspended one goes on and is reported.
    expect(plan.warnings.join("\n")).toContain("П-0003 («Приостановлена»)");
  });

  it("finishes mentees who were in a pair, writes year lines for both bases", () => {
    const plan = planCloseYear(input());
    expect(plan.menteesFinished.map((m) => m.id)).toEqual(["НЯ-0001", "НЯ-0002"]);
    expect(plan.menteeLines.map((l) => l.id)).toEqual(["НЯ-0001", "НЯ-0002", "НЯ-0005"]);
    expect(plan.menteeLines[1]?.line).toContain("программа завершена в паре П-0002");
    expect(plan.menteeLines[1]?.line).toContain("окончание 31.05.2026");
    expect(plan.mentorLines).toEqual([
      expect.objectContaining({ id: "НР-0001", line: expect.stringContaining("завершено пар: 2") }),
      expect.objectContaining({ id: "НР-0002", line: expect.stringContaining("завершено пар: 1") }),
    ]);
  });

  it("offers mentees who want to mentor, not those already in the mentor base nor those still working", () => {
    const plan = planCloseYear(input());
    // НЯ-0001 ticked the box but shares the email of НР-0001 — already a mentor.
    expect(plan.alreadyMentors).toEqual([{ id: "НЯ-0001", name: "Смирнова Алёна", mentorId: "НР-0001" }]);
    expect(plan.willing).toEqual([
      { id: "НЯ-0002", name: "Орлов Пётр", reason: "в итоговой анкете обратной связи (П-0002)" },
    ]);
  });

  it("takes out meetings and feedback of pairs that are over, keeps those going on and unknown ones", () => {
    const plan = planCloseYear(input());
    // Row 2: П-0001 (completed now), row 4: П-0005 (completed); П-0003 goes on; П-0999 is unknown.
    expect(plan.meetingRowsLeaving).toEqual([2, 4]);
    expect(plan.feedbackRowsLeaving).toEqual([2]);
    expect(plan.warnings.join("\n")).toContain("П-0999");
  });

  it("a group's meetings leave only when every pair of the group is over", () => {
    const base = input();
    base.pairs = rows("pairs", [
      { id: "П-0001", status: "Работает", mentorId: "НР-0001", menteeId: "НЯ-0001", groupId: "Г-НР-0001" },
      {
        id: "П-0002",
        status: "Приостановлена",
        mentorId: "НР-0001",
        menteeId: "НЯ-0002",
        groupId: "Г-НР-0001",
      },
    ]);
    base.meetings = rows("meetings", [{ pairId: "Г-НР-0001", status: "Проведена", date: d(2025, 10, 1) }]);
    expect(planCloseYear(base).meetingRowsLeaving).toEqual([]);
    base.pairs = rows("pairs", [
      { id: "П-0001", status: "Работает", mentorId: "НР-0001", menteeId: "НЯ-0001", groupId: "Г-НР-0001" },
      { id: "П-0002", status: "Расторгнута", mentorId: "НР-0001", menteeId: "НЯ-0002", groupId: "Г-НР-0001" },
    ]);
    expect(planCloseYear(base).meetingRowsLeaving).toEqual([2]);
  });
});

describe("rolling the roadmap", () => {
  const today = d(2026, 6, 15);
  const item = (values: Partial<RecordOf<"roadmap">>) =>
    rec("roadmap", { id: "ДК-0001", event: "Событие", ...values });

  it("moves dates a year on, starts it again, clears the done date and recomputes the tracking", () => {
    const rolled = rollRoadmapItem(
      item({
        start: d(2025, 10, 1),
        deadline: d(2025, 11, 5),
        deadlineText: "До 05.11.2025",
        status: "Выполнено",
        doneDate: d(2025, 11, 3),
      }),
      2025,
      today,
    );
    expect(rolled).toEqual({
      start: d(2026, 10, 1),
      deadline: d(2026, 11, 5),
      deadlineText: "До 05.11.2026",
      doneDate: null,
      status: "Не начато",
      overdue: false,
      daysLeft: 143,
    });
  });

  it("rolls an item only once, keeps cancelled items cancelled, leaves next year's items alone", () => {
    const once = rollRoadmapItem(item({ deadline: d(2026, 5, 20), status: "В работе" }), 2025, today);
    expect(once?.deadline).toEqual(d(2027, 5, 20));
    const again = rollRoadmapItem(
      item({ deadline: once?.deadline ?? null, status: "Не начато" }),
      2025,
      today,
    );
    expect(again).toBeNull();
    expect(rollRoadmapItem(item({ deadline: d(2025, 12, 1), status: "Отменено" }), 2025, today)?.status).toBe(
      "Отменено",
    );
    expect(rollRoadmapItem(item({ deadline: d(2026, 10, 1) }), 2025, today)).toBeNull();
    // An item without dates starts again too.
    expect(
      rollRoadmapItem(item({ status: "Выполнено", doneDate: d(2026, 1, 1) }), 2025, today),
    ).toMatchObject({
      status: "Не начато",
      doneDate: null,
    });
  });
});

describe("the bases", () => {
  it("adds one line per year to «Итоги наставничества» and never twice", () => {
    const first = appendYearLine("", "2025/2026", "завершено пар: 1");
    expect(first).toBe("2025/2026: завершено пар: 1");
    expect(appendYearLine(first ?? "", "2025/2026", "завершено пар: 1")).toBeNull();
    expect(appendYearLine(first ?? "", "2026/2027", "завершено пар: 2")).toBe(
      "2025/2026: завершено пар: 1\n2026/2027: завершено пар: 2",
    );
    // With a marker: a later line of the same year is added once.
    const later = appendYearLine(first ?? "", "2025/2026", "запись НР-0009", "НР-0009");
    expect(later).toBe("2025/2026: завершено пар: 1\n2025/2026: запись НР-0009");
    expect(appendYearLine(later ?? "", "2025/2026", "запись НР-0009", "НР-0009")).toBeNull();
  });

  it("maps mentee categories to mentor categories", () => {
    expect(mentorCategoryFor("Молодой специалист")).toBe("Педагог");
    expect(mentorCategoryFor("Педагог, новый в должности")).toBe("Педагог");
    expect(mentorCategoryFor("Обучающийся")).toBe("Обучающийся");
    expect(mentorCategoryFor("Студент")).toBe("Студент");
    expect(mentorCategoryFor("выпускник")).toBe("Выпускник");
    expect(mentorCategoryFor("Кружковец")).toBeNull();
  });

  it("finds a mentee in the mentor base by email, else by full name", () => {
    const mentors = [
      { id: "НР-0001", email: "orlov@school.ru", fullName: "Орлов Пётр Ильич" },
      { id: "НР-0002", email: "", fullName: "Смирнова Алёна Сергеевна" },
    ];
    expect(findMentorFor({ email: "ORLOV@school.ru", fullName: "Другое имя" }, mentors)).toBe("НР-0001");
    expect(findMentorFor({ email: "", fullName: "смирнова  алена сергеевна" }, mentors)).toBe("НР-0002");
    expect(findMentorFor({ email: "x@school.ru", fullName: "Новый Человек" }, mentors)).toBeNull();
  });
});
