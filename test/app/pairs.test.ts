import { describe, expect, it } from "vitest";
import { readCohort } from "../../src/app/cohort";
import { confirmPairs, type PairDecision } from "../../src/app/pairs";
import { insertRecords, readRecords } from "../../src/app/records";
import { setupWorkbook } from "../../src/app/setup";
import { memoryEnv } from "../fakes/memory";

function ready() {
  const env = memoryEnv();
  setupWorkbook(env);
  insertRecords(env, "mentors", [
    {
      status: "Отобран",
      category: "Педагог",
      fullName: "Иванова Мария Петровна",
      consent: true,
      capacity: 2,
    },
    { status: "Обучен", category: "Педагог", fullName: "Петров Олег Ильич", consent: true, capacity: 1 },
  ]);
  insertRecords(env, "mentees", [
    { status: "Ожидает пары", category: "Молодой специалист", fullName: "Смирнова Алёна", consent: true },
    { status: "Ожидает пары", category: "Молодой специалист", fullName: "Орлов Пётр", consent: true },
    { status: "Ожидает пары", category: "Молодой специалист", fullName: "Кузнецова Ирина", consent: true },
  ]);
  return env;
}

const decision = (menteeId: string, mentorId: string, over: Partial<PairDecision> = {}): PairDecision => ({
  menteeId,
  mentorId,
  score: 72,
  reasons: "запросы закрыты: 2 из 3",
  form: "Учитель – учитель",
  locked: false,
  ...over,
});

describe("confirming pairs", () => {
  it("writes approved pairs, forms a group for a mentor with several mentees, updates both bases", () => {
    const env = ready();
    const result = confirmPairs(env, [
      decision("НЯ-0001", "НР-0001"),
      decision("НЯ-0002", "НР-0001", { locked: true }),
      decision("НЯ-0003", "НР-0002"),
    ]);
    expect(result.created).toEqual(["П-0001", "П-0002", "П-0003"]);
    const pairs = readRecords(env.workbook, "pairs").rows.map((r) => r.record);
    expect(pairs.map((p) => [p.id, p.status, p.mentorId, p.menteeId, p.groupId, p.locked])).toEqual([
      ["П-0001", "Утверждена", "НР-0001", "НЯ-0001", "Г-НР-0001", false],
      ["П-0002", "Утверждена", "НР-0001", "НЯ-0002", "Г-НР-0001", true],
      ["П-0003", "Утверждена", "НР-0002", "НЯ-0003", "", false],
    ]);
    expect(pairs[0]).toMatchObject({
      mentorName: "Иванова Мария Петровна",
      menteeName: "Смирнова Алёна",
      score: 72,
      form: "Учитель – учитель",
    });
    expect(pairs[0]?.startDate).toEqual({ year: 2025, month: 9, day: 1 });
    expect(readRecords(env.workbook, "mentees").rows.map((r) => r.record.status)).toEqual([
      "В паре",
      "В паре",
      "В паре",
    ]);
    expect(readRecords(env.workbook, "mentors").rows.map((r) => r.record.status)).toEqual([
      "Наставник",
      "Наставник",
    ]);
  });

  it("confirming again adds nothing; capacity and double pairs are refused with reasons", () => {
    const env = ready();
    confirmPairs(env, [decision("НЯ-0001", "НР-0002")]);
    const again = confirmPairs(env, [
      decision("НЯ-0001", "НР-0002"),
      decision("НЯ-0002", "НР-0002"),
      decision("НЯ-0001", "НР-0001"),
    ]);
    expect(again.created).toEqual([]);
    expect(again.alreadyActive).toBe(1);
    expect(again.skipped.map((s) => s.reason)).toEqual([
      "у наставника НР-0002 нет свободных мест (1 из 1)",
      "у наставляемого НЯ-0001 уже есть пара П-0001 с наставником НР-0002",
    ]);
    expect(readRecords(env.workbook, "pairs").rows).toHaveLength(1);
  });

  it("remembers rejected proposals once, and the cohort sees them as excluded", () => {
    const env = ready();
    const r1 = confirmPairs(env, [], [{ menteeId: "НЯ-0001", mentorId: "НР-0001" }]);
    const r2 = confirmPairs(env, [], [{ menteeId: "НЯ-0001", mentorId: "НР-0001" }]);
    expect([r1.rejected, r2.rejected]).toEqual([1, 0]);
    const cohort = readCohort(env.workbook);
    expect(cohort.excluded).toEqual([{ menteeId: "НЯ-0001", mentorId: "НР-0001" }]);
    expect(cohort.active).toEqual([]);
    expect(() => confirmPairs(env, [], [])).toThrow(/Нет ни одного решения/);
  });
});
