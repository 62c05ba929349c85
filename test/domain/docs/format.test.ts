import { describe, expect, it } from "vitest";
import {
  academicYear,
  longDate,
  NBSP,
  orderNumber,
  shortDate,
  signature,
  surnameInitials,
  term,
} from "../../../src/domain/docs/format";

const d = (year: number, month: number, day: number) => ({ year, month, day });

describe("Russian formatting of documents", () => {
  it("writes dates as orders do: day in «ёлочки», genitive month, «г.»", () => {
    expect(longDate(d(2025, 9, 1))).toBe("«01» сентября 2025 г.");
    expect(longDate(d(2026, 5, 31))).toBe("«31» мая 2026 г.");
    expect(longDate(d(2024, 3, 8))).toBe("«08» марта 2024 г.");
    expect(longDate(d(2025, 12, 25))).toBe("«25» декабря 2025 г.");
    expect(shortDate(d(2025, 9, 1))).toBe("01.09.2025");
  });

  it("writes a term from and to, or the known end only", () => {
    expect(term(d(2025, 9, 15), d(2026, 5, 31))).toBe("с 15.09.2025 по 31.05.2026");
    expect(term(d(2025, 9, 15), null)).toBe("с 15.09.2025");
    expect(term(null, d(2026, 5, 31))).toBe("по 31.05.2026");
    expect(term(null, null)).toBe("");
  });

  it("numbers orders with the curator's prefix", () => {
    expect(orderNumber("01-05/", 12)).toBe("01-05/12");
    expect(orderNumber("", 7)).toBe("7");
    expect(orderNumber(" 234/ ", 2)).toBe("234/2");
  });

  it("signs with the initials before the surname, kept on one line", () => {
    expect(signature("Иванова Мария Петровна")).toBe(`М.${NBSP}П.${NBSP}Иванова`);
    expect(signature("Петров Иван")).toBe(`И.${NBSP}Петров`);
    expect(signature("  Сидоренко ")).toBe("Сидоренко");
    expect(signature("Мамедов Эльдар Рашид оглы")).toBe(`Э.${NBSP}Р.${NBSP}Мамедов`);
    expect(signature("Ли Анна-Мария Сергеевна")).toBe(`А.-М.${NBSP}С.${NBSP}Ли`);
    expect(signature("")).toBe("");
    expect(surnameInitials("Петров Иван Сергеевич")).toBe("Петров И. С.");
  });

  it("names the academic year", () => {
    expect(academicYear(2025)).toBe("2025/2026");
  });
});
