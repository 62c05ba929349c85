import { describe, expect, it } from "vitest";
import {
  cleanText,
  headerKey,
  matchKey,
  neutralizeFormula,
  normalizeBoolean,
  normalizeDate,
  normalizeEmail,
  normalizeNumber,
  normalizePhone,
  splitList,
} from "../../src/domain/normalize";

describe("cleanText and matching keys", () => {
  it("trims and collapses spaces, including non-breaking ones", () => {
    expect(cleanText("  Иванова \u00a0 Мария\n\tПетровна ")).toBe("Иванова Мария Петровна");
    expect(cleanText(null)).toBe("");
    expect(cleanText(42)).toBe("42");
  });
  it("keeps ё in the text but matches it as е", () => {
    expect(cleanText("Алёна")).toBe("Алёна");
    expect(matchKey("Алёна  Фёдорова")).toBe(matchKey("алена федорова"));
  });
  it("unifies dashes and ignores header punctuation", () => {
    expect(matchKey("Учитель – учитель")).toBe(matchKey("учитель-учитель"));
    expect(headerKey("ФИО*:")).toBe(headerKey("фио"));
    expect(headerKey("«Email»")).toBe("email");
  });
});

describe("normalizeEmail", () => {
  it.each([
    ["Ivanova@School.RU", "ivanova@school.ru"],
    ["  mailto:petrov@mail.ru ", "petrov@mail.ru"],
    ["", ""],
  ])("%s → %s", (input, out) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, value: out });
  });
  it.each(["ivanova@", "ivanova school.ru", "a@b", "a..b@mail.ru", "иванова@школа"])(
    "rejects %s in Russian",
    (input) => {
      const r = normalizeEmail(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/электронной почты/);
    },
  );
});

describe("normalizePhone", () => {
  it.each([
    ["89123456789", "+7 912 345-67-89"],
    ["+7 (912) 345-67-89", "+7 912 345-67-89"],
    ["7 912 345 67 89", "+7 912 345-67-89"],
    ["8-912-345-67-89", "+7 912 345-67-89"],
    ["912.345.67.89", "+7 912 345-67-89"],
    ["(3452) 45-67-89", "+7 345 245-67-89"],
    ["", ""],
  ])("%s → %s", (input, out) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value: out });
  });
  it.each(["12345", "+7 912 345 67 8", "звонить вечером", "+1 (555) 123-45-67-89"])("rejects %s", (input) => {
    expect(normalizePhone(input).ok).toBe(false);
  });
});

describe("normalizeDate", () => {
  it("reads Date cells in local calendar time", () => {
    expect(normalizeDate(new Date(2010, 4, 17))).toEqual({
      ok: true,
      value: { year: 2010, month: 5, day: 17 },
    });
  });
  it.each([
    ["17.05.2010", { year: 2010, month: 5, day: 17 }],
    ["7.5.2010", { year: 2010, month: 5, day: 7 }],
    ["17/05/2010", { year: 2010, month: 5, day: 17 }],
    ["17.05.10", { year: 2010, month: 5, day: 17 }],
    ["25.05.2024г.", { year: 2024, month: 5, day: 25 }],
    ["2010-05-17", { year: 2010, month: 5, day: 17 }],
    ["2010-05-17T00:00:00.000Z", { year: 2010, month: 5, day: 17 }],
  ])("%s", (input, value) => {
    expect(normalizeDate(input)).toEqual({ ok: true, value });
  });
  it("gives null for empty", () => {
    expect(normalizeDate("")).toEqual({ ok: true, value: null });
  });
  it.each(["31.02.2022", "13.13.2021", "вчера", "2022-02-30", "1.10"])("rejects %s", (input) => {
    const r = normalizeDate(input);
    expect(r.ok).toBe(false);
  });
});

describe("numbers and booleans", () => {
  it("reads decimal commas", () => {
    expect(normalizeNumber("3,5")).toEqual({ ok: true, value: 3.5 });
    expect(normalizeNumber(" 12 ")).toEqual({ ok: true, value: 12 });
    expect(normalizeNumber("")).toEqual({ ok: true, value: null });
    expect(normalizeNumber("три").ok).toBe(false);
  });
  it("reads yes/no words", () => {
    expect(normalizeBoolean("Да")).toEqual({ ok: true, value: true });
    expect(normalizeBoolean("Согласен на обработку")).toEqual({ ok: true, value: true });
    expect(normalizeBoolean("нет")).toEqual({ ok: true, value: false });
    expect(normalizeBoolean("")).toEqual({ ok: true, value: false });
    expect(normalizeBoolean(true)).toEqual({ ok: true, value: true });
    expect(normalizeBoolean("может быть").ok).toBe(false);
  });
});

describe("neutralizeFormula", () => {
  it.each([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ["+7 912 345-67-89", "'+7 912 345-67-89"],
    ["-5 баллов", "'-5 баллов"],
    ["@mention", "'@mention"],
    ["обычный текст", "обычный текст"],
    ["", ""],
  ])("%s", (input, out) => {
    expect(neutralizeFormula(input)).toBe(out);
  });
});

describe("splitList", () => {
  it("splits by comma, semicolon and new line", () => {
    expect(splitList("Работа с родителями, Подготовка к ОГЭ и ЕГЭ;\nОлимпиады и конкурсы")).toEqual([
      "Работа с родителями",
      "Подготовка к ОГЭ и ЕГЭ",
      "Олимпиады и конкурсы",
    ]);
    expect(splitList("")).toEqual([]);
  });
});
