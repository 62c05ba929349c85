// Questionnaires through the built bundle over the Apps Script fakes: create the forms, a
// respondent submits, the installed trigger loads the answer, the curator withdraws a person.

import vm from "node:vm";
import { describe, expect, it } from "vitest";
import type { FormsSyncResponse, IntakeResponse, WithdrawResponse } from "../../src/app/contract";
import { LISTS } from "../../src/domain/schema";
import { createGasEnvironment } from "../fakes/gas";
import { loadBundle } from "./load";

function start() {
  const gas = createGasEnvironment();
  const ctx = loadBundle({ ...gas.globals });
  gas.useDateConstructor(vm.runInContext("Date", ctx) as DateConstructor);
  const call = <T>(name: string, ...args: unknown[]): T => (ctx[name] as (...a: unknown[]) => T)(...args);
  call("apiSetupWorkbook");
  return { gas, call };
}

const topics = LISTS.find((l) => l.key === "topics")?.values ?? [];

/** The form of a kind, found through the «Анкеты» register as the add-on finds it. */
function formOf(gas: ReturnType<typeof createGasEnvironment>, kind: string) {
  const register = gas.spreadsheet.getSheetByName("Анкеты")?.getDataRange().getValues() ?? [];
  const header = register[0] ?? [];
  const row = register.find((r) => r[header.indexOf("Анкета")] === kind) ?? [];
  return gas.globals.FormApp.peek(String(row[header.indexOf("ID формы")]));
}

function menteeAnswers(email: string, consent: boolean): Record<string, string | string[]> {
  return {
    "Кто вы": "Молодой специалист",
    "Фамилия, имя, отчество": "Смирнова Алёна Игоревна",
    "Адрес электронной почты": email,
    Телефон: "8 (912) 345-67-89",
    "Должность или класс (группа)": "Учитель математики",
    "С чем вам нужна помощь наставника": [topics[1] ?? "", topics[9] ?? ""],
    ...(consent ? { "Согласие на обработку персональных данных": ["Даю согласие"] } : {}),
  };
}

describe("questionnaires in Apps Script", () => {
  it("creates the forms once, installs one submission trigger, and a second run changes nothing", () => {
    const { gas, call } = start();
    const first = call<FormsSyncResponse>("apiSyncForms");
    expect(first.report.forms.map((f) => f.created)).toEqual([true, true, true, true]);
    expect(first.triggerInstalled).toBe(true);
    expect(first.overview.forms.map((f) => f.kind)).toEqual(["mentee", "mentor", "preference", "feedback"]);
    const second = call<FormsSyncResponse>("apiSyncForms");
    expect(second.report.forms.map((f) => f.created)).toEqual([false, false, false, false]);
    expect(second.triggerInstalled).toBe(false);
    expect(second.report.forms.map((f) => f.publishedUrl)).toEqual(
      first.report.forms.map((f) => f.publishedUrl),
    );
    expect(gas.globals.ScriptApp.getProjectTriggers()).toHaveLength(1);
  });

  it("a submission lands in «Наставляемые» through the trigger, once, and the sidebar sees the intake", () => {
    const { gas, call } = start();
    call<FormsSyncResponse>("apiSyncForms");
    const form = formOf(gas, "mentee");
    const e1 = form.submit(menteeAnswers("Smirnova@School.ru", true));
    call("onFormSubmitHandler", e1);
    // The same person again, later, with her e-mail in another case: an update, not a new row.
    const e2 = form.submit(menteeAnswers("smirnova@school.ru", true));
    call("onFormSubmitHandler", e2);
    const base = gas.spreadsheet.getSheetByName("Наставляемые");
    expect(base?.getLastRow()).toBe(2);
    const header = base?.getRange(1, 1, 1, base.getLastColumn()).getValues()[0] ?? [];
    const row = base?.getRange(2, 1, 1, base.getLastColumn()).getValues()[0] ?? [];
    const cell = (h: string) => row[header.indexOf(h)];
    expect(cell("ID")).toBe("НЯ-0001");
    expect(cell("ФИО")).toBe("Смирнова Алёна Игоревна");
    expect(cell("Email")).toBe("smirnova@school.ru");
    expect(cell("Телефон")).toBe("+7 912 345-67-89");
    expect(cell("Статус")).toBe("Новый");
    const overview = call<IntakeResponse["overview"]>("apiGetOverview");
    expect(overview.forms.find((f) => f.kind === "mentee")?.intakeSummary).toMatch(
      /новых 0, обновлено|новых 1/,
    );
  });

  it("an answer without consent is held, never dropped", () => {
    const { gas, call } = start();
    call<FormsSyncResponse>("apiSyncForms");
    const form = formOf(gas, "mentee");
    // The form itself requires consent; a list brought from elsewhere may not have it.
    expect(() => form.submit(menteeAnswers("a@school.ru", false))).toThrow();
    gas.seed("Список школы", [
      ["ФИО", "Email", "Категория", "Должность / класс, группа", "Запросы"],
      ["Петров Илья", "petrov@school.ru", "Обучающийся", "7Б", topics[0] ?? ""],
    ]);
    const imported = call<IntakeResponse>("apiImportResponsesFromSheet", "Список школы", "mentee");
    expect(imported.report).toMatchObject({ created: 1, withoutConsent: 1 });
    expect(imported.lines.join("\n")).toMatch(/Нет согласия/);
  });

  it("withdrawal erases personal data and keeps the ID", () => {
    const { gas, call } = start();
    gas.seed("Список школы", [
      [
        "ФИО",
        "Email",
        "Телефон",
        "Категория",
        "Должность / класс, группа",
        "Запросы",
        "Согласие на обработку ПДн",
      ],
      ["Петрова Анна", "petrova@school.ru", "89120000000", "Педагог", "Учитель", topics[0] ?? "", "да"],
    ]);
    call("apiImportResponsesFromSheet", "Список школы", "mentee");
    const withdrawn = call<WithdrawResponse>("apiWithdrawPerson", "НЯ-0001", "заявление от 01.10");
    expect(withdrawn.result.erased).toEqual(expect.arrayContaining(["ФИО", "Email", "Телефон"]));
    const base = gas.spreadsheet.getSheetByName("Наставляемые");
    const values = base?.getDataRange().getValues() ?? [];
    const header = values[0] ?? [];
    const row = values[1] ?? [];
    expect(row[header.indexOf("ID")]).toBe("НЯ-0001");
    expect(row[header.indexOf("ФИО")]).toBe("");
    expect(row[header.indexOf("Email")]).toBe("");
    expect(row[header.indexOf("Статус")]).toBe("Согласие отозвано");
    expect(() => call("apiWithdrawPerson", "Петрова", "")).toThrow(/Укажите ID/);
  });

  it("two submissions at once both land: one waits for the lock, the next run catches it up", () => {
    const { gas, call } = start();
    call<FormsSyncResponse>("apiSyncForms");
    const form = formOf(gas, "mentee");
    const e1 = form.submit(menteeAnswers("first@school.ru", true));
    const e2 = form.submit({
      ...menteeAnswers("second@school.ru", true),
      "Фамилия, имя, отчество": "Орлов Пётр",
    });
    // The second trigger fires while another execution holds the document lock.
    gas.documentLock.holdByOther();
    expect(() => call("onFormSubmitHandler", e2)).toThrow(/Книга занята другим действием надстройки/);
    gas.documentLock.releaseByOther();
    call("onFormSubmitHandler", e1);
    const base = gas.spreadsheet.getSheetByName("Наставляемые");
    expect(base?.getLastRow()).toBe(3);
    // Running it again changes nothing in the base (only «Анкеты» notes the time of the run).
    const before = JSON.stringify(base?.getDataRange().getValues());
    gas.calls.reset();
    call("onFormSubmitHandler", e2);
    expect(JSON.stringify(base?.getDataRange().getValues())).toBe(before);
    expect(gas.calls.byMethod["Range.setValues"] ?? 0).toBeLessThanOrEqual(1);
    // The failed run is in «Журнал».
    const journal = gas.spreadsheet.getSheetByName("Журнал")?.getDataRange().getValues() ?? [];
    expect(journal.some((r) => r[1] === "Загрузка ответов анкеты" && r[3] === "ошибка")).toBe(true);
  });
});
