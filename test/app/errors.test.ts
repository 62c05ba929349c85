import { describe, expect, it } from "vitest";
import { maskPersonal, UserError, userMessage } from "../../src/app/errors";

describe("userMessage", () => {
  it("keeps the curator's own Russian messages as they are", () => {
    expect(userMessage(new UserError("Лист «Наставники», строка 5: нет e-mail ivanova@school.ru."))).toBe(
      "Лист «Наставники», строка 5: нет e-mail ivanova@school.ru.",
    );
  });

  it("translates the protected-sheet refusal of Google Sheets", () => {
    const message = userMessage(
      new Error("You are trying to edit a protected cell or object. Please contact the spreadsheet owner."),
    );
    expect(message).toMatch(/^Лист защищён/);
    expect(message).toContain("Кто ещё может изменять базы");
  });

  it("never repeats an address or a phone from an unexpected service message", () => {
    const message = userMessage(new Error("Invalid email: petrov.ivan@mail.ru (phone +7 (912) 345-67-89)"));
    expect(message).toMatch(/^Непредвиденная ошибка/);
    expect(message).not.toContain("petrov.ivan@mail.ru");
    expect(message).not.toContain("345-67-89");
    expect(message).toContain("[адрес скрыт]");
    expect(message).toContain("[номер скрыт]");
  });

  it("leaves IDs, row numbers and dates readable", () => {
    expect(maskPersonal("НР-0012, row 15, 2025-09-01")).toBe("НР-0012, row 15, 2025-09-01");
  });
});
