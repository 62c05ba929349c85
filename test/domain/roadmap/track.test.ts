import { describe, expect, it } from "vitest";
import { daysBetween, roadmapColours, roadmapProgress, trackItem } from "../../../src/domain/roadmap/track";
import { sheetDef } from "../../../src/domain/schema";
import { emptyValue, type RecordOf } from "../../../src/domain/table";

function item(over: Partial<RecordOf<"roadmap">>): RecordOf<"roadmap"> {
  const base = Object.fromEntries(sheetDef("roadmap").columns.map((c) => [c.key, emptyValue(c.type)]));
  return { ...base, id: "ДК-0001", event: "Мероприятие", ...over } as RecordOf<"roadmap">;
}

const today = { year: 2025, month: 10, day: 15 };

describe("trackItem", () => {
  it.each([
    [
      "an open item before its deadline",
      { deadline: { year: 2025, month: 10, day: 20 } },
      { status: "Не начато", overdue: false, daysLeft: 5 },
    ],
    [
      "an open item due today",
      { status: "В работе", deadline: today },
      { status: "В работе", overdue: false, daysLeft: 0 },
    ],
    [
      "an open item past its deadline",
      { status: "В работе", deadline: { year: 2025, month: 10, day: 1 } },
      { status: "В работе", overdue: true, daysLeft: -14 },
    ],
    [
      "a done item is never overdue",
      { status: "Выполнено", deadline: { year: 2025, month: 10, day: 1 } },
      { status: "Выполнено", overdue: false, daysLeft: null },
    ],
    [
      "a done date means done",
      {
        status: "В работе",
        doneDate: { year: 2025, month: 9, day: 30 },
        deadline: { year: 2025, month: 10, day: 1 },
      },
      { status: "Выполнено", overdue: false, daysLeft: null },
    ],
    [
      "a cancelled item stays cancelled",
      { status: "Отменено", doneDate: today },
      { status: "Отменено", overdue: false, daysLeft: null },
    ],
    [
      "no deadline: nothing to count",
      { status: "" },
      { status: "Не начато", overdue: false, daysLeft: null },
    ],
  ])("%s", (_name, over, expected) => {
    expect(trackItem(item(over), today)).toEqual(expected);
  });

  it("counts days across month and year ends", () => {
    expect(daysBetween({ year: 2025, month: 12, day: 31 }, { year: 2026, month: 1, day: 1 })).toBe(1);
    expect(daysBetween({ year: 2024, month: 2, day: 28 }, { year: 2024, month: 3, day: 1 })).toBe(2);
  });
});

describe("roadmapProgress", () => {
  it("counts done on time and late, overdue, and lists the next deadlines soonest first", () => {
    const items = [
      item({
        id: "ДК-0001",
        status: "Выполнено",
        deadline: { year: 2025, month: 9, day: 10 },
        doneDate: { year: 2025, month: 9, day: 9 },
      }),
      item({
        id: "ДК-0002",
        status: "Выполнено",
        deadline: { year: 2025, month: 9, day: 10 },
        doneDate: { year: 2025, month: 9, day: 20 },
      }),
      item({ id: "ДК-0003", deadline: { year: 2025, month: 10, day: 1 } }),
      item({ id: "ДК-0004", deadline: { year: 2025, month: 11, day: 1 }, event: "Позже" }),
      item({
        id: "ДК-0005",
        deadline: { year: 2025, month: 10, day: 16 },
        event: "Завтра",
        owners: "Куратор",
      }),
      item({ id: "ДК-0006", status: "Отменено" }),
      item({ id: "ДК-0007" }),
    ];
    const p = roadmapProgress(items, today);
    expect(p).toMatchObject({
      total: 7,
      done: 2,
      doneOnTime: 1,
      doneLate: 1,
      cancelled: 1,
      overdue: 1,
      withoutDeadline: 1,
    });
    expect(p.next.map((n) => [n.id, n.daysLeft, n.deadlineText])).toEqual([
      ["ДК-0005", 1, "16.10.2025"],
      ["ДК-0004", 17, "01.11.2025"],
    ]);
  });
});

describe("roadmapColours", () => {
  it("points the formulas at the columns where they are now", () => {
    const index = new Map([
      ["status", 10],
      ["overdue", 13],
      ["daysLeft", 14],
    ]);
    const rules = roadmapColours(index, 15, 7);
    expect(rules.map((r) => r.id)).toEqual(["roadmap-overdue", "roadmap-soon", "roadmap-done"]);
    expect(rules[0]?.formula).toBe("=$N2=TRUE");
    expect(rules[1]?.formula).toBe('=AND(ISNUMBER($O2),$O2>=0,$O2<=7,$K2<>"Выполнено",$K2<>"Отменено")');
    expect(rules[2]?.formula).toBe('=$K2="Выполнено"');
    expect(rules.every((r) => r.fromCol === 1 && r.toCol === 15)).toBe(true);
  });
});
