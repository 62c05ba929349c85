// The mentor ranking of the fixture school, counted by hand: score = meetings × 1 + completed × 5 +
// active × 2 + mentees' score × 2.

import { describe, expect, it } from "vitest";
import type { MeetingRow, MentorRow, PairRow } from "../../../src/domain/monitoring/indicators";
import { rankMentors } from "../../../src/domain/monitoring/ranking";
import { schoolInput, TODAY } from "../../fixtures/monitoring-school";

describe("rankMentors on the fixture school", () => {
  const ranking = rankMentors(schoolInput(), TODAY);

  it("orders the mentors by score with every input shown", () => {
    expect(
      ranking.map((r) => [
        r.place,
        r.mentorId,
        r.name,
        r.meetingsHeld,
        r.completedPairs,
        r.activePairs,
        r.menteeScore,
        r.menteeAnswers,
        r.score,
      ]),
    ).toEqual([
      // П-0005, П-0006: 4 meetings of П-0006; answers 5, 28/3, 7 → 7.11; 4 + 5 + 2 + 14.22.
      [1, "НР-0004", "Галкин Евгений Петрович", 4, 1, 1, 7.11, 3, 25.22],
      // П-0001 (3 held, one «held» in April not counted) + last year's П-0007 (1); answers 6, 23/3 → 6.83.
      [2, "НР-0001", "Абрамова Вера Николаевна", 4, 1, 1, 6.83, 2, 24.66],
      // The group: 3 group meetings + 1 of П-0004; answers 7, 25/3, 8 → 7.78; 4 + 4 + 15.56.
      [3, "НР-0003", "Власова Дарья Игоревна", 4, 0, 2, 7.78, 3, 23.56],
      // П-0002 suspended, 1 meeting; the proposal П-0008 does not count; no mentee answered.
      [4, "НР-0002", "Борисов Глеб Андреевич", 1, 0, 1, null, 0, 3],
    ]);
  });

  it("spells the formula out in Russian", () => {
    expect(ranking[0]?.formula).toBe(
      "встречи 4 × 1 + завершённые пары 1 × 5 + активные пары 1 × 2 + оценка наставляемых 7,11 (анкет: 3) × 2 = 25,22",
    );
    expect(ranking[3]?.formula).toBe(
      "встречи 1 × 1 + завершённые пары 0 × 5 + активные пары 1 × 2 + оценка наставляемых нет (0) × 2 = 3",
    );
  });

  it("leaves out the mentor who withdrew consent and the candidate without pairs", () => {
    const ids = ranking.map((r) => r.mentorId);
    expect(ids).not.toContain("НР-0005");
    expect(ids).not.toContain("НР-0006");
  });
});

describe("rankMentors ties", () => {
  const mentor = (id: string, fullName: string): MentorRow => ({
    id,
    fullName,
    status: "Наставник",
    category: "Педагог",
    contour: "Внутренний",
  });
  const pair = (id: string, mentorId: string, status: string): PairRow => ({
    id,
    status,
    groupId: "",
    mentorId,
    menteeId: `НЯ-${id}`,
    form: "",
    startDate: null,
    endDate: null,
  });
  const held = (pairId: string): MeetingRow => ({
    pairId,
    date: { year: 2026, month: 1, day: 10 },
    status: "Проведена",
  });

  it("breaks equal scores by name and gives them the same place", () => {
    const ranking = rankMentors(
      {
        mentors: [
          mentor("НР-1", "Яковлева Ольга"),
          mentor("НР-2", "Ананьев Пётр"),
          mentor("НР-3", "Белов Иван"),
        ],
        pairs: [
          pair("П-1", "НР-1", "Работает"),
          pair("П-2", "НР-2", "Работает"),
          pair("П-3", "НР-3", "Завершена"),
        ],
        meetings: [held("П-1"), held("П-2"), held("П-3")],
        feedback: [],
      },
      TODAY,
    );
    // НР-3: 1 + 5 = 6; НР-1 and НР-2: 1 + 2 = 3 each, Ананьев before Яковлева.
    expect(ranking.map((r) => [r.place, r.name, r.score])).toEqual([
      [1, "Белов Иван", 6],
      [2, "Ананьев Пётр", 3],
      [2, "Яковлева Ольга", 3],
    ]);
  });

  it("shows the ID when the name is empty", () => {
    const ranking = rankMentors(
      {
        mentors: [mentor("НР-7", "")],
        pairs: [pair("П-7", "НР-7", "Утверждена")],
        meetings: [],
        feedback: [],
      },
      TODAY,
    );
    expect(ranking[0]?.name).toBe("НР-7");
  });
});
