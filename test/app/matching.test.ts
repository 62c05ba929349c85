import { describe, expect, it } from "vitest";
import { checkProposalRequest, proposePairs } from "../../src/app/matching";
import { confirmPairs } from "../../src/app/pairs";
import type { ProposalRequest } from "../../src/app/proposal-types";
import { insertRecords } from "../../src/app/records";
import { setupWorkbook } from "../../src/app/setup";
import { memoryEnv } from "../fakes/memory";

const request = (over: Partial<ProposalRequest> = {}): ProposalRequest => ({
  strategy: "optimal",
  scope: "unmatched",
  form: null,
  weights: null,
  locked: [],
  excluded: [],
  ...over,
});

function school() {
  const env = memoryEnv();
  setupWorkbook(env);
  insertRecords(env, "mentors", [
    {
      status: "Отобран",
      category: "Педагог",
      fullName: "Иванова Мария Петровна",
      consent: true,
      capacity: 2,
      competences: ["Работа с родителями", "Подготовка к ОГЭ и ЕГЭ", "Управление классом и дисциплина"],
      subjects: "математика",
      experienceYears: 20,
    },
    {
      status: "Обучен",
      category: "Педагог",
      fullName: "Петров Олег Ильич",
      consent: true,
      capacity: 1,
      competences: ["Цифровые инструменты и дистанционное обучение"],
      subjects: "информатика",
      experienceYears: 12,
    },
    {
      status: "Кандидат",
      category: "Педагог",
      fullName: "Сидорова Анна",
      consent: true,
      capacity: 3,
      competences: ["Работа с родителями"],
    },
  ]);
  insertRecords(env, "mentees", [
    {
      status: "Ожидает пары",
      category: "Молодой специалист",
      fullName: "Смирнова Алёна",
      consent: true,
      requests: ["Работа с родителями", "Подготовка к ОГЭ и ЕГЭ"],
      subject: "математика",
      experienceYears: 1,
    },
    {
      status: "Ожидает пары",
      category: "Молодой специалист",
      fullName: "Орлов Пётр",
      consent: true,
      requests: ["Цифровые инструменты и дистанционное обучение"],
      subject: "информатика",
      experienceYears: 0,
    },
    {
      status: "Нет согласия",
      category: "Молодой специалист",
      fullName: "Без Согласия",
      consent: false,
      requests: ["Работа с родителями"],
    },
  ]);
  return env;
}

describe("«Подбор пар»", () => {
  it("proposes the best pairs with readable reasons and alternatives, and lists the unmatched with why", () => {
    const env = school();
    const view = proposePairs(env, request());
    expect(view.proposals.map((p) => [p.menteeId, p.mentorId])).toEqual([
      ["НЯ-0002", "НР-0002"],
      ["НЯ-0001", "НР-0001"],
    ]);
    const alena = view.proposals.find((p) => p.menteeId === "НЯ-0001");
    expect(alena?.form).toBe("Учитель – учитель");
    expect(alena?.reasons.join("; ")).toMatch(/запросы закрыты: 2 из 2/);
    expect(alena?.reasons.join("; ")).toMatch(/математика/);
    expect(alena?.parts.reduce((s, p) => s + p.points, 0)).toBe(alena?.score);
    expect(view.unmatched).toEqual([
      expect.objectContaining({ menteeId: "НЯ-0003", reason: expect.stringMatching(/соглас/) }),
    ]);
    expect(view.mentors.find((m) => m.mentorId === "НР-0001")).toMatchObject({
      capacity: 2,
      taken: 0,
      proposed: 1,
    });
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });

  it("after confirming, those mentees are not proposed again; excluded pairs are never proposed", () => {
    const env = school();
    const view = proposePairs(env, request());
    const alena = view.proposals.find((p) => p.menteeId === "НЯ-0001");
    if (!alena) throw new Error("no proposal");
    confirmPairs(env, [{ ...alena, reasons: alena.reasons.join("; ") }]);
    const next = proposePairs(env, request());
    expect(next.proposals.map((p) => p.menteeId)).toEqual(["НЯ-0002"]);
    const excluded = proposePairs(env, request({ excluded: [{ menteeId: "НЯ-0002", mentorId: "НР-0002" }] }));
    expect(excluded.proposals.find((p) => p.menteeId === "НЯ-0002")?.mentorId ?? null).not.toBe("НР-0002");
  });

  it("a locked pair is kept even when another is better", () => {
    const env = school();
    const view = proposePairs(env, request({ locked: [{ menteeId: "НЯ-0002", mentorId: "НР-0001" }] }));
    expect(view.proposals.find((p) => p.menteeId === "НЯ-0002")).toMatchObject({
      mentorId: "НР-0001",
      locked: true,
    });
  });

  it("checks what the sidebar sends", () => {
    expect(checkProposalRequest({ strategy: "stable", scope: "all" })).toMatchObject({
      strategy: "stable",
      scope: "all",
      form: null,
    });
    expect(() => checkProposalRequest({ strategy: "greedy" })).toThrow(/Неизвестный способ подбора/);
    expect(() => checkProposalRequest({ form: "Кот – пёс" })).toThrow(/Неизвестная форма/);
    expect(() => checkProposalRequest({ weights: { requests: 500 } })).toThrow(/от 0 до 100/);
    expect(() => checkProposalRequest({ locked: [{ menteeId: 1 }] })).toThrow(/Неверная пара/);
  });
});
