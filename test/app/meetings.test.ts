import { describe, expect, it } from "vitest";
import { refreshMeetingStats, scheduleMeetings } from "../../src/app/meetings";
import { insertRecords, readRecords } from "../../src/app/records";
import { writeSettings } from "../../src/app/settings";
import { setupWorkbook } from "../../src/app/setup";
import { FIRST_TOPIC, LAST_TOPIC } from "../../src/domain/meetings";
import { isoDate } from "../../src/domain/normalize";
import { d, movableEnv } from "../domain/reminders/school";

/** Two single pairs, a group of two, a proposal and a rejected pair; today 1 September 2025. */
function school() {
  const env = movableEnv(new Date(2025, 8, 1, 9, 0));
  setupWorkbook(env);
  writeSettings(env.workbook, { meetingEveryDays: 14 });
  insertRecords(env, "mentors", [
    { fullName: "Абрамова Вера Николаевна", status: "Наставник", category: "Педагог", format: "Очно" },
    { fullName: "Баранов Игорь Семёнович", status: "Наставник", category: "Педагог", format: "Дистанционно" },
    { fullName: "Воробьёва Нина Алексеевна", status: "Наставник", category: "Педагог", format: "Смешанный" },
  ]);
  insertRecords(env, "mentees", [
    {
      fullName: "Фадеева Алёна",
      status: "В паре",
      category: "Обучающийся",
      requests: ["Учебная успеваемость"],
    },
    { fullName: "Хромов Денис", status: "В паре", category: "Обучающийся", format: "Очно" },
    {
      fullName: "Цветкова Ксения",
      status: "В паре",
      category: "Обучающийся",
      requests: ["Профориентация и выбор профессии", "Олимпиады и конкурсы"],
    },
    {
      fullName: "Чернышёв Артём",
      status: "В паре",
      category: "Обучающийся",
      requests: ["Олимпиады и конкурсы"],
    },
    { fullName: "Шубина Майя", status: "Ожидает пары", category: "Обучающийся" },
  ]);
  insertRecords(env, "pairs", [
    // П-0001: a pair started in the past (planned from today), ends before the new year.
    {
      status: "Работает",
      mentorId: "НР-0001",
      menteeId: "НЯ-0001",
      startDate: d("2025-08-20"),
      endDate: d("2025-10-31"),
    },
    // П-0002: starts later, no end date (31 May), the mentee's format wins.
    { status: "Утверждена", mentorId: "НР-0002", menteeId: "НЯ-0002", startDate: d("2025-09-15") },
    // П-0003, П-0004: a group of НР-0003.
    {
      status: "Утверждена",
      groupId: "Г-НР-0003",
      mentorId: "НР-0003",
      menteeId: "НЯ-0003",
      startDate: d("2025-09-08"),
    },
    {
      status: "Утверждена",
      groupId: "Г-НР-0003",
      mentorId: "НР-0003",
      menteeId: "НЯ-0004",
      startDate: d("2025-09-10"),
    },
    { status: "Предложена", mentorId: "НР-0001", menteeId: "НЯ-0005" },
    { status: "Отклонена", mentorId: "НР-0002", menteeId: "НЯ-0005" },
  ]);
  return env;
}

const meetings = (env: ReturnType<typeof school>) =>
  readRecords(env.workbook, "meetings").rows.map((r) => r.record);

describe("scheduleMeetings", () => {
  it("plans one series per pair and per group, from the start (not in the past) to the end, in one append", () => {
    const env = school();
    const appends = env.workbook.writes;
    const result = scheduleMeetings(env);
    expect(result.pairs).toEqual(["П-0001", "П-0002", "Г-НР-0003"]);
    const rows = meetings(env);
    expect(result.created).toBe(rows.length);
    // One write for the meetings, one for the journal line.
    expect(env.workbook.writes - appends).toBe(2);

    const of = (id: string) => rows.filter((m) => m.pairId === id);
    // П-0001: from today (1.09, not 20.08) every 14 days to 31.10.
    expect(of("П-0001").map((m) => isoDate(m.date as NonNullable<(typeof rows)[0]["date"]>))).toEqual([
      "2025-09-01",
      "2025-09-15",
      "2025-09-29",
      "2025-10-13",
      "2025-10-27",
    ]);
    expect(of("П-0001").every((m) => m.status === "Запланирована" && m.format === "Очно")).toBe(true);
    expect(of("П-0001")[0]?.topic).toBe(FIRST_TOPIC);
    expect(of("П-0001").at(-1)?.topic).toBe(LAST_TOPIC);
    expect(of("П-0001")[1]?.topic).toBe("Учебная успеваемость");
    // П-0002: 15.09 to 31 May of the academic year; the mentee's own format.
    const p2 = of("П-0002");
    expect(p2[0]?.date).toEqual(d("2025-09-15"));
    expect(p2.at(-1)?.date && isoDate(p2.at(-1)?.date ?? d("2000-01-01")) <= "2026-05-31").toBe(true);
    expect(isoDate(p2.at(-1)?.date ?? d("2000-01-01")) >= "2026-05-18").toBe(true);
    expect(p2.every((m) => m.format === "Очно")).toBe(true);
    // The group: one series under the group's ID, from its earliest start, the mentor's format,
    // topics from both mentees' requests.
    const group = of("Г-НР-0003");
    expect(group[0]?.date).toEqual(d("2025-09-08"));
    expect(group.every((m) => m.format === "Смешанный")).toBe(true);
    expect(new Set(group.map((m) => m.topic))).toEqual(
      new Set([
        FIRST_TOPIC,
        LAST_TOPIC,
        "Промежуточные итоги, корректировка плана",
        "Профориентация и выбор профессии",
        "Олимпиады и конкурсы",
      ]),
    );
    expect(of("П-0003")).toEqual([]);
    expect(of("П-0004")).toEqual([]);
  });

  it("twice adds nothing; a chosen pair of a group plans the group; unknown and unsuitable pairs are reported", () => {
    const env = school();
    const first = scheduleMeetings(env, ["П-0004", "П-0005", "П-0099"]);
    expect(first.pairs).toEqual(["Г-НР-0003"]);
    expect(first.skipped).toEqual([
      { pairId: "П-0005", reason: expect.stringContaining("статус «Предложена»") },
      { pairId: "П-0099", reason: "нет такой пары в листе «Пары и группы»" },
    ]);
    const count = meetings(env).length;
    const all = scheduleMeetings(env);
    expect(all.pairs).toEqual(["П-0001", "П-0002"]);
    const again = scheduleMeetings(env);
    expect(again.created).toBe(0);
    expect(again.pairs).toEqual([]);
    expect(again.skipped.map((s) => s.pairId)).toEqual(["П-0001", "П-0002", "Г-НР-0003"]);
    expect(again.lines[0]).toBe("Новых встреч не запланировано.");
    expect(meetings(env).length).toBe(count + all.created);
    const journal = readRecords(env.workbook, "journal").rows.map((r) => r.record.action);
    expect(journal.filter((a) => a === "Запланировать встречи пар")).toHaveLength(3);
  });

  it("a group whose pair already has meetings of its own is not planned twice", () => {
    const env = school();
    insertRecords(env, "meetings", [{ pairId: "П-0003", date: d("2025-09-09"), status: "Проведена" }]);
    const result = scheduleMeetings(env, ["Г-НР-0003"]);
    expect(result.created).toBe(0);
    expect(result.skipped).toEqual([
      { pairId: "Г-НР-0003", reason: expect.stringContaining("по паре П-0003") },
    ]);
  });
});

describe("refreshMeetingStats", () => {
  it("counts held meetings up to today and the last date; a group's meetings count for each pair; only changed cells", () => {
    const env = school();
    insertRecords(env, "meetings", [
      { pairId: "П-0001", date: d("2025-09-01"), status: "Проведена" },
      { pairId: "П-0001", date: d("2025-09-15"), status: "Проведена" },
      { pairId: "П-0001", date: d("2025-09-29"), status: "Отменена" },
      { pairId: "П-0001", date: d("2025-10-13"), status: "Проведена" }, // in the future on 1.10
      { pairId: "Г-НР-0003", date: d("2025-09-08"), status: "Проведена" },
      { pairId: "П-0004", date: d("2025-09-22"), status: "Проведена" },
      { pairId: "П-0002", date: d("2025-09-29"), status: "Запланирована" },
    ]);
    env.setNow(new Date(2025, 9, 1, 9, 0));
    const first = refreshMeetingStats(env);
    const pairs = () =>
      readRecords(env.workbook, "pairs").rows.map((r) => [
        r.record.id,
        r.record.meetingsHeld,
        r.record.lastMeeting ? isoDate(r.record.lastMeeting) : null,
      ]);
    expect(pairs()).toEqual([
      ["П-0001", 2, "2025-09-15"],
      ["П-0002", 0, null],
      ["П-0003", 1, "2025-09-08"],
      ["П-0004", 2, "2025-09-22"],
      ["П-0005", null, null],
      ["П-0006", null, null],
    ]);
    // П-0001: 2 cells, П-0002: «0», П-0003: 2, П-0004: 2.
    expect(first.changedCells).toBe(7);
    const writes = env.workbook.writes;
    expect(refreshMeetingStats(env).changedCells).toBe(0);
    expect(env.workbook.writes).toBe(writes);
    // Two weeks later the meeting of 13.10 counts.
    env.setNow(new Date(2025, 9, 14, 9, 0));
    expect(refreshMeetingStats(env).changedCells).toBe(2);
    expect(pairs()[0]).toEqual(["П-0001", 3, "2025-10-13"]);
  });
});
