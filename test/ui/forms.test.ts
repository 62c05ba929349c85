// The sidebar's «Анкеты» in Chromium, over the built bundle and the FormApp/ScriptApp fakes:
// create the forms, copy and open their links, see the last intake, load answers from a sheet,
// withdraw a person's consent after an inline confirmation.

import { mkdirSync } from "node:fs";
import type vm from "node:vm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LISTS } from "../../src/domain/schema";
import { personId } from "../../src/ui/client";
import { dateTimeRu } from "../../src/ui/common";
import type { GasEnvironment } from "../fakes/gas";
import { launch, openSidebar } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  mkdirSync("out", { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

/** The server's "now": a weekday afternoon in the first weeks of the school year. */
const NOW = "2025-09-15T14:30:00";
const topics = LISTS.find((l) => l.key === "topics")?.values ?? [];
const KINDS = ["mentee", "mentor", "preference", "feedback"];

type Ctx = vm.Context;
const serverCall = (ctx: Ctx, name: string, ...args: unknown[]): unknown =>
  (ctx[name] as (...a: unknown[]) => unknown)(...args);

function setUp(_gas: GasEnvironment, ctx: Ctx): void {
  serverCall(ctx, "apiSetupWorkbook");
}

function setUpWithForms(gas: GasEnvironment, ctx: Ctx): void {
  setUp(gas, ctx);
  serverCall(ctx, "apiSyncForms");
}

/** The fake form of a kind, found through the «Анкеты» register as the add-on finds it. */
function formOf(gas: GasEnvironment, kind: string) {
  const register = gas.spreadsheet.getSheetByName("Анкеты")?.getDataRange().getValues() ?? [];
  const header = register[0] ?? [];
  const row = register.find((r) => r[header.indexOf("Анкета")] === kind) ?? [];
  return gas.globals.FormApp.peek(String(row[header.indexOf("ID формы")]));
}

const MENTEE_ANSWERS: Record<string, string | string[]> = {
  "Кто вы": "Молодой специалист",
  "Фамилия, имя, отчество": "Смирнова Алёна Игоревна",
  "Адрес электронной почты": "smirnova@school.ru",
  Телефон: "8 (912) 345-67-89",
  "Должность или класс (группа)": "Учитель математики",
  "С чем вам нужна помощь наставника": [topics[1] ?? "", topics[9] ?? ""],
  "Согласие на обработку персональных данных": ["Даю согласие"],
};

/** A list brought from elsewhere, with the headers of «Наставляемые». */
const SCHOOL_LIST = "Список школы";
const PAYLOAD = '<img src=x onerror="window.__pwned=1">';
function seedSchoolList(gas: GasEnvironment): void {
  gas.seed(SCHOOL_LIST, [
    [
      "ФИО",
      "Email",
      "Телефон",
      "Категория",
      "Должность / класс, группа",
      "Запросы",
      "Согласие на обработку ПДн",
    ],
    [
      "Петрова Анна Сергеевна",
      "petrova@school.ru",
      "89120000000",
      "Педагог",
      "Учитель",
      topics[0] ?? "",
      "да",
    ],
    ["Иванов Олег", "ivanov@school.ru", "", "Педагог", "Учитель истории", topics[1] ?? "", "нет"],
    ["", "", "", "Педагог", "", "", "да"],
    ["Кузнецова Мария", PAYLOAD, "", "Педагог", "Учитель", topics[2] ?? "", "да"],
  ]);
}

function cell(gas: GasEnvironment, sheetName: string, row: number, header: string): unknown {
  const values = gas.spreadsheet.getSheetByName(sheetName)?.getDataRange().getValues() ?? [];
  return values[row - 1]?.[(values[0] ?? []).indexOf(header)];
}

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

async function openDetails(page: Page, id: string): Promise<void> {
  if ((await page.locator(`#${id}`).getAttribute("open")) === null) await page.click(`#${id} > summary`);
}

describe("the sidebar's «Анкеты»", () => {
  it("creates the four forms from the sidebar and lists them with their links", async () => {
    const { page, gas, calls } = await openSidebar(browser, setUp, { now: NOW });
    await expect.poll(() => text(page, "#fm-hint")).toMatch(/^Анкет ещё нет/);
    // No forms yet: that is the task, so the section is open and the button is the primary one.
    expect(await page.locator("#fm-body").getAttribute("open")).not.toBeNull();
    expect(await page.locator("#btn-fm-sync").getAttribute("class")).toContain("primary");
    expect(await page.locator("#fm-list").isHidden()).toBe(true);

    await page.click("#btn-fm-sync");
    await expect.poll(() => text(page, "#status")).toBe("Анкеты созданы: 4. Разошлите ссылки участникам.");
    const items = page.locator("#fm-list > li");
    expect(await items.count()).toBe(4);
    expect(await items.evaluateAll((li) => li.map((x) => (x as HTMLElement).dataset.kind))).toEqual(KINDS);
    expect(await page.locator("#fm-list .name").allTextContents()).toEqual([
      "Анкета наставляемого",
      "Анкета наставника",
      "Выбор наставника после встречи",
      "Обратная связь",
    ]);
    const links = await page
      .locator("#fm-list a.open")
      .evaluateAll((as) =>
        as.map((a) => [
          a.textContent,
          a.getAttribute("href"),
          a.getAttribute("target"),
          a.getAttribute("rel"),
        ]),
      );
    const register = KINDS.map((k) => formOf(gas, k).state.publishedKey);
    expect(links).toEqual(
      register.map((key) => [
        "Открыть",
        `https://docs.google.com/forms/d/e/${key}/viewform`,
        "_blank",
        "noopener",
      ]),
    );
    expect(await page.locator("#fm-list .intake").allTextContents()).toEqual(
      Array(4).fill("ответов ещё не было"),
    );
    expect(await text(page, "#fm-hint")).toBe("Анкет: 4. Ответов ещё не было.");
    expect(await page.locator("#btn-fm-sync").getAttribute("class")).not.toContain("primary");

    const report = await page.locator("#fm-report li").allTextContents();
    expect(report.slice(0, 4)).toEqual([
      "«Анкета наставляемого» — создана.",
      "«Анкета наставника» — создана.",
      "«Выбор наставника после встречи» — создана.",
      "«Обратная связь участника программы наставничества» — создана.",
    ]);
    const note = "Ответы теперь загружаются в базы сами, как только кто-то отправит анкету.";
    expect(report.at(-1)).toBe(note);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator("#forms").screenshot({ path: "out/sidebar-forms-created.png" });

    // Again: nothing new, and the trigger note is not repeated.
    await page.click("#btn-fm-sync");
    await expect.poll(() => text(page, "#status")).toBe("Анкеты обновлены. Разошлите ссылки участникам.");
    const again = await page.locator("#fm-report li").allTextContents();
    expect(again.filter((l) => / — без изменений\.$/.test(l))).toHaveLength(4);
    expect(again).not.toContain(note);
    expect(calls).toEqual(["apiGetOverview", "apiSyncForms", "apiSyncForms"]);
    expect(gas.globals.ScriptApp.getProjectTriggers()).toHaveLength(1);
    await page.close();
  });

  it("keeps the section folded once the forms exist", async () => {
    const { page } = await openSidebar(browser, setUpWithForms, { now: NOW });
    await expect.poll(() => text(page, "#fm-hint")).toBe("Анкет: 4. Ответов ещё не было.");
    expect(await page.locator("#fm-body").getAttribute("open")).toBeNull();
    expect(await page.locator("#fm-list").isVisible()).toBe(false);
    await page.click("#fm-body > summary");
    expect(await page.locator("#fm-list").isVisible()).toBe(true);
    // Rare tools stay folded inside.
    expect(await page.locator("#btn-fm-import").isVisible()).toBe(false);
    expect(await page.locator("#btn-fm-withdraw").isVisible()).toBe(false);
    // «Обновить» does not fold what the curator opened.
    await page.click("#btn-refresh");
    await expect.poll(() => text(page, "#status")).toBe("");
    expect(await page.locator("#fm-body").getAttribute("open")).not.toBeNull();
    await page.close();
  });

  it("«Копировать ссылку» puts the form's link on the clipboard", async () => {
    const { page, gas } = await openSidebar(browser, setUpWithForms, { now: NOW, clipboard: true });
    await expect.poll(() => text(page, "#fm-hint")).toMatch(/^Анкет: 4/);
    await page.click("#fm-body > summary");
    const mentor = page.locator('#fm-list li[data-kind="mentor"]');
    await mentor.locator("button.copy").click();
    // The button itself says so for a while (no room beside it at 300 px).
    await expect.poll(() => mentor.locator("button.copy").textContent()).toBe("Ссылка скопирована");
    expect(await mentor.locator("button.copy").getAttribute("class")).toContain("copied");
    expect(await text(page, "#status")).toBe("Ссылка скопирована: «Анкета наставника».");
    const url = `https://docs.google.com/forms/d/e/${formOf(gas, "mentor").state.publishedKey}/viewform`;
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    // The clipboard API worked: no extra field.
    expect(await mentor.locator("input.link").count()).toBe(0);
    expect(await mentor.boundingBox().then((b) => b?.width)).toBeLessThanOrEqual(276);
    await page.locator("#fm-list").screenshot({ path: "out/sidebar-forms-copied.png" });
    await expect
      .poll(() => mentor.locator("button.copy").textContent(), { timeout: 5000 })
      .toBe("Копировать ссылку");
    await page.close();
  });

  it("without the clipboard API the link is shown selected in a read-only field", async () => {
    const { page, gas } = await openSidebar(browser, setUpWithForms, { now: NOW });
    await expect.poll(() => text(page, "#fm-hint")).toMatch(/^Анкет: 4/);
    await page.click("#fm-body > summary");
    // As in a frame whose permissions policy refuses the clipboard, and a browser without execCommand("copy").
    await page.evaluate(() => {
      Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
      document.execCommand = () => false;
    });
    const mentee = page.locator('#fm-list li[data-kind="mentee"]');
    await mentee.locator("button.copy").click();
    const field = mentee.locator("input.link");
    await expect.poll(() => field.isVisible()).toBe(true);
    const url = `https://docs.google.com/forms/d/e/${formOf(gas, "mentee").state.publishedKey}/viewform`;
    expect(await field.inputValue()).toBe(url);
    expect(await field.evaluate((i) => (i as HTMLInputElement).readOnly)).toBe(true);
    const selection = await field.evaluate((i) => {
      const input = i as HTMLInputElement;
      return [document.activeElement === input, input.selectionStart, input.selectionEnd];
    });
    expect(selection).toEqual([true, 0, url.length]);
    expect(await text(page, "#status")).toBe("Ссылка выделена — скопируйте её: Ctrl+C (на Mac ⌘C).");
    expect(await mentee.locator("button.copy").textContent()).toBe("Копировать ссылку");

    // With execCommand("copy") working, the same path says it is copied.
    await page.evaluate(() => {
      document.execCommand = () => true;
    });
    await mentee.locator("button.copy").click();
    await expect.poll(() => mentee.locator("button.copy").textContent()).toBe("Ссылка скопирована");
    expect(await mentee.locator("input.link").count()).toBe(1);
    expect(await text(page, "#status")).toBe("Ссылка скопирована: «Анкета наставляемого».");
    await page.close();
  });

  it("a submitted answer shows as the mentee form's last intake after «Обновить»", async () => {
    const { page, gas, context } = await openSidebar(browser, setUpWithForms, { now: NOW });
    await expect.poll(() => text(page, "#fm-hint")).toBe("Анкет: 4. Ответов ещё не было.");

    // A respondent submits; the installed trigger runs the handler in the bundle.
    const event = formOf(gas, "mentee").submit(MENTEE_ANSWERS, { timestamp: new Date(2025, 8, 15, 14, 10) });
    serverCall(context, "onFormSubmitHandler", event);
    expect(cell(gas, "Наставляемые", 2, "ФИО")).toBe("Смирнова Алёна Игоревна");

    await page.click("#btn-refresh");
    await expect.poll(() => text(page, "#fm-hint")).toBe("Анкет: 4. Последние ответы: 15.09.2025 14:30.");
    await page.click("#fm-body > summary");
    const mentee = page.locator('#fm-list li[data-kind="mentee"]');
    expect(await mentee.locator(".intake").textContent()).toBe(
      "15.09.2025 14:30 — новых 1, обновлено 0, на проверке 0, без согласия 0",
    );
    expect(await mentee.getAttribute("class")).toBe("answered");
    expect(await page.locator('#fm-list li[data-kind="mentor"] .intake').textContent()).toBe(
      "ответов ещё не было",
    );
    await page.close();
  });

  it("loads answers from a sheet of the workbook; held and rejected rows stand out", async () => {
    const { page, gas, callArgs } = await openSidebar(
      browser,
      (g, ctx) => {
        setUpWithForms(g, ctx);
        const event = formOf(g, "mentee").submit(MENTEE_ANSWERS, {
          timestamp: new Date(2025, 8, 15, 14, 10),
        });
        serverCall(ctx, "onFormSubmitHandler", event);
        seedSchoolList(g);
      },
      { now: NOW },
    );
    await expect.poll(() => text(page, "#fm-hint")).toMatch(/^Анкет: 4\. Последние ответы/);
    await page.click("#fm-body > summary");
    await openDetails(page, "fm-import");

    // The responses sheets first, then the other sheets of the book.
    const groups = await page
      .locator("#fm-sheet optgroup")
      .evaluateAll((gs) =>
        gs.map((g) => [
          (g as HTMLOptGroupElement).label,
          Array.from(g.querySelectorAll("option"), (o) => o.textContent),
        ]),
      );
    expect(groups).toEqual([
      [
        "Ответы анкет",
        [
          "Ответы — Анкета наставляемого",
          "Ответы — Анкета наставника",
          "Ответы — Выбор наставника после встречи",
          "Ответы — Обратная связь участника программы наставничества",
        ],
      ],
      ["Другие листы", ["Лист1", SCHOOL_LIST]],
    ]);
    expect(await page.locator("#fm-sheet").inputValue()).toBe("");

    // Nothing chosen: said in Russian, no call.
    await page.click("#btn-fm-import");
    expect(await text(page, "#status")).toBe("Выберите лист с ответами.");
    // A responses sheet chooses its form.
    await page.selectOption("#fm-sheet", "Ответы — Анкета наставника");
    expect(await page.locator("#fm-kind").inputValue()).toBe("mentor");

    await page.selectOption("#fm-sheet", SCHOOL_LIST);
    await page.selectOption("#fm-kind", "mentee");
    await page.click("#btn-fm-import");
    await expect
      .poll(() => text(page, "#status"))
      .toBe("Ответы загружены: новых 3, обновлено 0, не загружено 1. Проверьте отчёт ниже.");
    expect(callArgs.at(-1)).toEqual({ name: "apiImportResponsesFromSheet", args: [SCHOOL_LIST, "mentee"] });

    const lines = await page.locator("#fm-import-report li").allTextContents();
    expect(lines[0]).toBe("Анкета наставляемого: Файл «Список школы» → лист «Наставляемые».");
    expect(lines).toContain("Не загружены (ответы остаются в исходной таблице):");
    const warned = await page.locator("#fm-import-report li.warn").allTextContents();
    expect(warned.some((l) => /^Файл «Список школы», строка 4: нет ни ФИО/.test(l))).toBe(true);
    expect(
      warned.some((l) => /строка 3: Нет согласия на обработку.*\[НЯ-0003, «Нет согласия»\]$/.test(l)),
    ).toBe(true);
    // What the sheet held is shown as text, never as HTML.
    expect(warned.some((l) => l.includes(PAYLOAD))).toBe(true);
    expect(await page.locator("#fm-import-report img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    expect(cell(gas, "Наставляемые", 3, "ФИО")).toBe("Петрова Анна Сергеевна");
    expect(cell(gas, "Наставляемые", 4, "Статус")).toBe("Нет согласия");
    // The choice survives the re-render, and the mentee form's intake is the import now.
    expect(await page.locator("#fm-sheet").inputValue()).toBe(SCHOOL_LIST);
    expect(await text(page, '#fm-list li[data-kind="mentee"] .intake')).toBe(
      "15.09.2025 14:30 — новых 3, обновлено 0, на проверке 1, без согласия 1, не загружено 1",
    );
    // Rows to check: the form is marked for attention.
    expect(await page.locator('#fm-list li[data-kind="mentee"]').getAttribute("class")).toBe(
      "answered attention",
    );

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "out/sidebar-forms.png", fullPage: true });
    await page.close();
  });

  it("withdraws consent only after the inline confirmation, and says what was erased", async () => {
    const { page, gas, calls, callArgs } = await openSidebar(
      browser,
      (g, ctx) => {
        setUp(g, ctx);
        seedSchoolList(g);
        serverCall(ctx, "apiImportResponsesFromSheet", SCHOOL_LIST, "mentee");
      },
      { now: NOW },
    );
    await expect.poll(() => text(page, "#fm-hint")).toMatch(/^Анкет ещё нет/);
    await openDetails(page, "fm-withdraw");
    expect(cell(gas, "Наставляемые", 2, "ФИО")).toBe("Петрова Анна Сергеевна");

    // Not an ID: said in Russian, nothing asked, no call.
    await page.fill("#fm-person", "Петрова");
    await page.click("#btn-fm-withdraw");
    expect(await text(page, "#status")).toMatch(/^Укажите ID наставника \(НР-…\) или наставляемого \(НЯ-…\)/);
    expect(await page.locator("#fm-confirm").isHidden()).toBe(true);

    await page.fill("#fm-person", "НЯ-0001");
    await page.fill("#fm-reason", "заявление от 01.10");
    await page.click("#btn-fm-withdraw");
    expect(await page.locator("#fm-confirm").isVisible()).toBe(true);
    expect(await text(page, "#fm-confirm-text")).toBe("Удалить персональные данные НЯ-0001?");
    expect(await page.locator("#fm-confirm button").allTextContents()).toEqual([
      "Да, удалить персональные данные",
      "Отмена",
    ]);
    expect(calls).not.toContain("apiWithdrawPerson");
    await page.locator("#fm-withdraw").screenshot({ path: "out/sidebar-forms-withdraw.png" });

    await page.click("#btn-fm-cancel");
    expect(await page.locator("#fm-confirm").isHidden()).toBe(true);
    expect(await text(page, "#status")).toBe("Отзыв согласия отменён: данные не изменены.");
    expect(calls).not.toContain("apiWithdrawPerson");
    expect(cell(gas, "Наставляемые", 2, "ФИО")).toBe("Петрова Анна Сергеевна");

    await page.click("#btn-fm-withdraw");
    await page.click("#btn-fm-confirm");
    await expect
      .poll(() => text(page, "#status"))
      .toBe("Согласие НЯ-0001 отозвано, персональные данные удалены.");
    expect(callArgs.filter((c) => c.name === "apiWithdrawPerson").map((c) => c.args)).toEqual([
      ["НЯ-0001", "заявление от 01.10"],
    ]);
    expect(cell(gas, "Наставляемые", 2, "ФИО")).toBe("");
    expect(cell(gas, "Наставляемые", 2, "ID")).toBe("НЯ-0001");
    expect(cell(gas, "Наставляемые", 2, "Статус")).toBe("Согласие отозвано");
    const report = await page.locator("#fm-withdraw-report li").allTextContents();
    expect(report[0]).toBe("НЯ-0001, лист «Наставляемые»: статус «Согласие отозвано».");
    expect(report[1]).toMatch(/^Удалено: «ФИО», «Email», «Телефон»/);
    expect(report.at(-1)).toMatch(/^ID и обезличенная история сохранены/);
    expect(await page.locator("#fm-person").inputValue()).toBe("");
    expect(await page.locator("#fm-confirm").isHidden()).toBe(true);
    await page.close();
  });

  it("disables the buttons while a call runs; a server error ends in the status line in Russian", async () => {
    const { page, gas } = await openSidebar(
      browser,
      (g, ctx) => {
        setUp(g, ctx);
        seedSchoolList(g);
      },
      { now: NOW, latencyMs: 400 },
    );
    await expect.poll(() => page.locator("#btn-fm-sync").isEnabled()).toBe(true);
    await openDetails(page, "fm-import");
    await openDetails(page, "fm-withdraw");
    await page.click("#btn-fm-sync");
    expect(await text(page, "#status")).toBe("Создаю и обновляю анкеты…");
    for (const id of ["#btn-setup", "#btn-refresh", "#btn-fm-sync", "#btn-fm-import", "#btn-fm-withdraw"])
      expect(await page.locator(id).isDisabled()).toBe(true);
    expect(await page.locator("#fm-sheet").isDisabled()).toBe(true);
    expect(await page.locator("#fm-person").evaluate((i) => (i as HTMLInputElement).readOnly)).toBe(true);
    await expect.poll(() => page.locator("#btn-fm-sync").isEnabled()).toBe(true);
    expect(await page.locator("#fm-list > li").count()).toBe(4);
    expect(await page.locator("#fm-person").evaluate((i) => (i as HTMLInputElement).readOnly)).toBe(false);

    // An ID that is in neither base.
    await page.fill("#fm-person", "НЯ-0099");
    await page.click("#btn-fm-withdraw");
    await page.click("#btn-fm-confirm");
    await expect.poll(() => page.locator("#status").getAttribute("class")).toContain("error");
    expect(await text(page, "#status")).toMatch(/^Нет записи «НЯ-0099» ни в листе «Наставляемые»/);

    // The book is busy with another action of the add-on.
    gas.documentLock.holdByOther();
    await page.selectOption("#fm-sheet", SCHOOL_LIST);
    await page.selectOption("#fm-kind", "mentee");
    await page.click("#btn-fm-import");
    await expect.poll(() => text(page, "#status")).toMatch(/Книга занята другим действием надстройки/);
    expect(await page.locator("#status").getAttribute("class")).toContain("error");
    expect(await page.locator("#fm-import-section").isHidden()).toBe(true);
    expect(await page.locator("#btn-fm-import").isEnabled()).toBe(true);
    await page.close();
  });

  it("before setup it says what to do first", async () => {
    const { page } = await openSidebar(browser);
    await expect
      .poll(() => text(page, "#fm-hint"))
      .toBe("Сначала нажмите «Настроить книгу»: нужен лист «Анкеты».");
    expect(await page.locator("#fm-body").getAttribute("open")).toBeNull();
    await page.close();
  });
});

describe("helpers of the «Анкеты» client", () => {
  it("writes the intake time as dd.mm.yyyy чч:мм in local time", () => {
    expect(dateTimeRu(new Date(2025, 8, 5, 9, 7).toISOString())).toBe("05.09.2025 09:07");
    expect(dateTimeRu("не дата")).toBe("не дата");
  });

  it("reads an ID the way a curator types it", () => {
    expect(personId(" ня-1 ")).toBe("НЯ-0001");
    expect(personId("нр 12")).toBe("НР-0012");
    // Latin look-alikes H and P.
    expect(personId("HP-0003")).toBe("НР-0003");
    expect(personId("НЯ-12345")).toBe("НЯ-12345");
    expect(personId("Петрова")).toBe("ПЕТРОВА");
  });
});
