import { describe, expect, it } from "vitest";
import {
  FIRST_TOPIC,
  isDayOff,
  LAST_TOPIC,
  MIDDLE_TOPIC,
  planMeetings,
  workday,
} from "../../src/domain/meetings";
import { isoDate } from "../../src/domain/normalize";

const d = (iso: string) => {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return { year, month, day };
};

describe("planMeetings", () => {
  it("plans every two weeks from the start to the end, off weekends, with topics", () => {
    const plan = planMeetings({
      start: d("2025-09-15"),
      end: d("2025-12-26"),
      everyDays: 14,
      requests: ["Адаптация в коллективе", "Подготовка к ОГЭ"],
    });
    expect(plan.map((m) => isoDate(m.date))).toEqual([
      "2025-09-15",
      "2025-09-29",
      "2025-10-13",
      "2025-10-27",
      "2025-11-10",
      "2025-11-24",
      "2025-12-08",
      "2025-12-22",
    ]);
    expect(plan.map((m) => m.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(plan[0]?.topic).toBe(FIRST_TOPIC);
    expect(plan[3]?.topic).toBe(MIDDLE_TOPIC);
    expect(plan[7]?.topic).toBe(LAST_TOPIC);
    expect(plan.slice(1, 3).map((m) => m.topic)).toEqual(["Адаптация в коллективе", "Подготовка к ОГЭ"]);
    expect(plan[4]?.topic).toBe("Адаптация в коллективе");
  });

  it("moves a Saturday or Sunday to the Monday after", () => {
    expect(isoDate(workday(d("2025-09-13")))).toBe("2025-09-15");
    expect(isoDate(workday(d("2025-09-14")))).toBe("2025-09-15");
    expect(isoDate(workday(d("2025-09-12")))).toBe("2025-09-12");
    const plan = planMeetings({ start: d("2025-09-13"), end: d("2025-10-31"), everyDays: 7, requests: [] });
    expect(isoDate(plan[0]?.date ?? d("2000-01-01"))).toBe("2025-09-15");
    for (const m of plan)
      expect([1, 2, 3, 4, 5]).toContain(new Date(`${isoDate(m.date)}T00:00:00Z`).getUTCDay());
  });

  it("moves a date on a public holiday to the next working day", () => {
    const moved = (iso: string) => isoDate(workday(d(iso)));
    // The New Year holidays: 1–8 January, then a weekend.
    expect(moved("2026-01-01")).toBe("2026-01-09");
    expect(moved("2026-01-05")).toBe("2026-01-09");
    expect(moved("2026-01-08")).toBe("2026-01-09");
    expect(moved("2027-01-06")).toBe("2027-01-11"); // 9–10 January 2027 are a weekend
    expect(moved("2026-02-23")).toBe("2026-02-24");
    expect(moved("2026-03-08")).toBe("2026-03-09"); // a Sunday and a holiday
    expect(moved("2025-05-01")).toBe("2025-05-02");
    expect(moved("2026-05-01")).toBe("2026-05-04"); // a Friday, then the weekend
    expect(moved("2025-05-09")).toBe("2025-05-12");
    expect(moved("2026-06-12")).toBe("2026-06-15");
    expect(moved("2025-11-04")).toBe("2025-11-05");
    // Working days next to the holidays stay.
    for (const iso of ["2025-12-31", "2026-01-09", "2026-02-24", "2026-03-06", "2025-11-05", "2026-06-11"])
      expect(moved(iso)).toBe(iso);
    expect(isDayOff(d("2026-01-07"))).toBe(true);
    expect(isDayOff(d("2026-01-12"))).toBe(false);
    // A plan every two weeks from 22.12.2025 skips the New Year holidays.
    const plan = planMeetings({ start: d("2025-12-22"), end: d("2026-03-10"), everyDays: 14, requests: [] });
    expect(plan.map((m) => isoDate(m.date))).toEqual([
      "2025-12-22",
      "2026-01-09",
      "2026-01-19",
      "2026-02-02",
      "2026-02-16",
      "2026-03-02",
    ]);
    for (const m of plan) expect(isDayOff(m.date)).toBe(false);
    // …and one from 09.02.2026 meets on 24 February instead of 23 February.
    const feb = planMeetings({ start: d("2026-02-09"), end: d("2026-03-01"), everyDays: 14, requests: [] });
    expect(feb.map((m) => isoDate(m.date))).toEqual(["2026-02-09", "2026-02-24"]);
  });

  it("gives one meeting when the end is before the start, and never more than 60", () => {
    expect(
      planMeetings({ start: d("2025-09-15"), end: d("2025-09-01"), everyDays: 14, requests: [] }),
    ).toHaveLength(1);
    expect(
      planMeetings({ start: d("2025-09-01"), end: d("2027-09-01"), everyDays: 1, requests: [] }),
    ).toHaveLength(60);
  });

  it("never repeats a date when the rhythm is shorter than a weekend", () => {
    const plan = planMeetings({ start: d("2025-09-19"), end: d("2025-09-30"), everyDays: 1, requests: [] });
    const dates = plan.map((m) => isoDate(m.date));
    expect(new Set(dates).size).toBe(dates.length);
  });
});
