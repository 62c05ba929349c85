// The sidebar's «Рассылки» in Chromium, over the built bundle and the MailApp/ScriptApp fakes:
// the state line, the daily trigger on and off, the preview (nothing sent), «Отправить сейчас»
// after a confirmation that says how many emails, the result, and «Запланировать встречи пар».

import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedRecipients, OWNER, seedSchool, seedSheet } from "../bundle/reminders-school";
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

/** Monday 15 September 2025, 09:00: the school's reminders are due. */
const NOW = "2025-09-15T09:00:00";
const PAYLOAD = '<img src=x onerror="window.__pwned=1">Кузнецова Дарья';

/** Puts the payload in the second mentee's name, wherever it is written. */
function hostileName(gas: GasEnvironment): void {
  for (const [sheet, column] of [
    ["Наставляемые", "ФИО"],
    ["Пары и группы", "Наставляемый"],
  ] as const) {
    const s = gas.spreadsheet.getSheetByName(sheet);
    const values = s?.getDataRange().getValues() ?? [];
    const header = (values[0] ?? []).map(String);
    const row = values.findIndex((r) => r.includes("Молодцова Анна 2"));
    s?.getRange(row + 1, header.indexOf(column) + 1).setValues([[PAYLOAD]]);
  }
}

async function open(pairs = 2) {
  return openSidebar(
    browser,
    (gas, ctx) => {
      (ctx.apiSetupWorkbook as () => unknown)();
      seedSchool(gas, pairs);
      hostileName(gas);
    },
    { now: NOW },
  );
}

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

/** The section is closed until the curator opens it; opening it reads its state (one call). */
async function openSection(page: Page): Promise<void> {
  await page.click("#rs-summary");
}
const visible = (page: Page, selector: string) => page.locator(selector).isVisible();

describe("«Рассылки» in the sidebar", () => {
  it("turns the daily trigger on and off, showing its hour", async () => {
    const { page, gas, calls } = await open();
    await expect.poll(() => calls).toEqual(["apiGetOverview"]);
    expect(await visible(page, "#rs-state")).toBe(false);
    await openSection(page);
    await expect.poll(() => text(page, "#rs-state")).toBe("Ежедневная рассылка: выключена");
    expect(calls).toEqual(["apiGetOverview", "apiRemindersState"]);
    expect(await text(page, "#rs-info")).toMatch(/Можно отправить сегодня: 100 писем/);
    expect(await visible(page, "#btn-rs-on")).toBe(true);
    expect(await visible(page, "#btn-rs-off")).toBe(false);

    await page.click("#btn-rs-on");
    await expect.poll(() => text(page, "#rs-state")).toBe("Ежедневная рассылка: включена, в 8:00");
    expect(await text(page, "#status")).toMatch(/^Ежедневная рассылка включена: каждый день в 8:00/);
    expect(gas.globals.ScriptApp.describe()).toEqual([
      { handler: "dailyRun", event: "CLOCK", sourceId: null, atHour: 8, everyDays: 1 },
    ]);
    expect(await visible(page, "#btn-rs-on")).toBe(false);
    expect(await visible(page, "#btn-rs-off")).toBe(true);
    await page.locator("#reminders").screenshot({ path: "out/sidebar-reminders-on.png" });

    await page.click("#btn-rs-off");
    await expect.poll(() => text(page, "#rs-state")).toBe("Ежедневная рассылка: выключена");
    expect(gas.globals.ScriptApp.triggers).toEqual([]);
    expect(await visible(page, "#btn-rs-on")).toBe(true);
    await page.close();
  });

  it("previews exactly who gets what without sending; the names stay text", async () => {
    const { page, gas, calls } = await open();
    await openSection(page);
    await expect.poll(() => text(page, "#rs-state")).toMatch(/выключена/);
    await page.click("#btn-rs-preview");
    await expect.poll(() => text(page, "#status")).toBe("Предпросмотр: 5 писем; ничего не отправлено.");
    const items = page.locator("#rs-preview-list > li");
    expect(await items.count()).toBe(expectedRecipients(2).length);
    const recipients = await page
      .locator("#rs-preview-list > li .to")
      .allTextContents()
      .then((all) => all.map((t) => /<([^>]+)>$/.exec(t)?.[1] ?? t).sort());
    expect(recipients).toEqual(expectedRecipients(2));
    const owner = page.locator("#rs-preview-list > li", { hasText: OWNER });
    expect(await owner.locator(".items li").allTextContents()).toEqual([
      expect.stringMatching(/Обучение наставников/),
    ]);
    const summary = await text(page, "#rs-preview-summary");
    expect(summary).toMatch(/15\.09\.2025.*5 писем/);
    expect(summary).toMatch(/ничего не отправлено/);
    // The hostile name arrived as text in the mentor's email, never as HTML.
    expect(await page.locator("#rs-preview-list").textContent()).toContain(PAYLOAD);
    expect(await page.locator("#rs-preview-list img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(gas.globals.MailApp.sent).toEqual([]);
    expect(calls).not.toContain("apiSendRemindersNow");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    await page.locator("#reminders").screenshot({ path: "out/sidebar-reminders-preview.png" });
    await page.close();
  });

  it("sends now only after a confirmation that says how many emails, then shows the result", async () => {
    const { page, gas, calls } = await open();
    await openSection(page);
    await expect.poll(() => text(page, "#rs-state")).toMatch(/выключена/);

    await page.click("#btn-rs-send");
    await expect.poll(() => visible(page, "#rs-confirm")).toBe(true);
    expect(await text(page, "#rs-confirm-text")).toBe(
      "Отправить 5 писем сейчас? Кому и что — в предпросмотре ниже.",
    );
    expect(gas.globals.MailApp.sent).toEqual([]);
    await page.click("#btn-rs-cancel");
    expect(await visible(page, "#rs-confirm")).toBe(false);
    expect(await text(page, "#status")).toBe("Отправка отменена: ничего не отправлено.");
    expect(calls).not.toContain("apiSendRemindersNow");

    // A short quota: the confirmation says how many go now and how many later.
    gas.globals.MailApp.quota = 3;
    await page.click("#btn-rs-send");
    await expect.poll(() => visible(page, "#rs-confirm")).toBe(true);
    expect(await text(page, "#rs-confirm-text")).toBe(
      "Отправить 3 письма сейчас? Ещё 2 не помещаются в квоту и уйдут со следующей рассылкой.",
    );
    await page.click("#btn-rs-confirm");
    await expect
      .poll(() => text(page, "#status"))
      .toBe("Отправлено: 3 письма; не отправлено или отложено: 2.");
    expect(gas.globals.MailApp.sent).toHaveLength(3);
    expect(calls.filter((c) => c === "apiSendRemindersNow")).toHaveLength(1);
    const result = await page.locator("#rs-result-list li").allTextContents();
    expect(result[0]).toBe("Отправлено: 3 письма.");
    expect(result).toContain("Отложено до следующей рассылки: 2 письма.");
    expect(await page.locator("#rs-result-list li.warn.indent").count()).toBe(2);
    expect(await page.locator("#rs-result-details li").first().textContent()).toMatch(/отправлено 3 письма/);
    expect(await visible(page, "#rs-confirm")).toBe(false);
    expect(await text(page, "#rs-info")).toMatch(/Можно отправить сегодня: 0 писем/);
    expect(await text(page, "#rs-info")).toMatch(/отправлено сегодня 3/);
    await page.locator("#reminders").screenshot({ path: "out/sidebar-reminders-sent.png" });

    // Again the same day: those three are not sent twice; the two postponed ones now go.
    gas.globals.MailApp.quota = 100;
    await page.click("#btn-rs-send");
    await expect.poll(() => visible(page, "#rs-confirm")).toBe(true);
    expect(await text(page, "#rs-confirm-text")).toBe(
      "Отправить 2 письма сейчас? Кому и что — в предпросмотре ниже.",
    );
    await page.click("#btn-rs-confirm");
    await expect.poll(() => text(page, "#status")).toBe("Отправлено: 2 письма.");
    expect(gas.globals.MailApp.sent.map((m) => m.to).sort()).toEqual(expectedRecipients(2));
    await page.close();
  });

  it("schedules the meetings of approved pairs and reports them", async () => {
    const { page } = await openSidebar(
      browser,
      (gas, ctx) => {
        (ctx.apiSetupWorkbook as () => unknown)();
        seedSchool(gas, 1);
        seedSheet(gas, "Пары и группы", [
          {
            ID: "П-0050",
            Статус: "Утверждена",
            "ID наставника": "НР-0001",
            Наставник: "Наставникова Мария 1",
            "ID наставляемого": "НЯ-0003",
            Наставляемый: "Ожидающая Вера",
            "Дата начала": "22.09.2025",
            "Дата окончания": "22.12.2025",
          },
        ]);
      },
      { now: NOW },
    );
    await openSection(page);
    await expect.poll(() => text(page, "#rs-state")).toMatch(/выключена/);
    await page.click("#rs-meetings summary");
    await page.click("#btn-rs-meetings");
    await expect.poll(() => text(page, "#status")).toMatch(/^Запланировано встреч: \d+\.$/);
    expect(await page.locator("#rs-meetings-report li").first().textContent()).toMatch(/П-0050|встреч/);
    await page.click("#btn-rs-meetings");
    await expect.poll(() => text(page, "#status")).toBe("Новых встреч не запланировано.");
    await page.close();
  });

  it("before set-up, says what to do and keeps its buttons off", async () => {
    const { page } = await openSidebar(browser, undefined, { now: NOW });
    await openSection(page);
    await expect.poll(() => text(page, "#rs-hint")).toMatch(/Сначала нажмите «Настроить книгу»/);
    expect(await page.locator("#btn-rs-send").isDisabled()).toBe(true);
    await page.click("#btn-setup");
    await expect.poll(() => page.locator("#btn-rs-send").isDisabled()).toBe(false);
    expect(await visible(page, "#rs-hint")).toBe(true);
    expect(await text(page, "#rs-hint")).toMatch(/Не заполнен «Email куратора»/);
    await page.close();
  });
});
