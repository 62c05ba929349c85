import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, openSidebar } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe("the sidebar in Chromium, over the bundle and the fakes", () => {
  it("opens with the overview of a fresh workbook, then sets it up", async () => {
    const { page, calls } = await openSidebar(browser);
    await expect.poll(() => page.locator("#next li").first().textContent()).toMatch(/Настроить книгу/);
    expect(await page.locator("#sheets td.missing").count()).toBeGreaterThan(0);
    expect(calls).toEqual(["apiGetOverview"]);

    await page.click("#btn-setup");
    await expect.poll(() => page.locator("#status").textContent()).toBe("Готово.");
    expect(await page.locator("#result li").first().textContent()).toMatch(/^Созданы листы: /);
    expect(await page.locator("#sheets td.missing").count()).toBe(0);
    expect(await page.locator("#next li").first().textContent()).toMatch(/Заполните в «Настройки»/);
    await page.screenshot({ path: "out/sidebar.png", fullPage: true });
    await page.close();
  });

  it("shows values from the sheet as text, never as HTML", async () => {
    const { page } = await openSidebar(browser, (gas, ctx) => {
      (ctx.apiSetupWorkbook as () => unknown)();
      const settings = gas.spreadsheet.getSheetByName("Настройки");
      const keys =
        settings
          ?.getRange(1, 1, settings.getLastRow(), 1)
          .getValues()
          .map((r) => r[0]) ?? [];
      const row = keys.indexOf("orgShortName") + 1;
      settings?.getRange(row, 3).setValues([['\'<img src=x onerror="window.__pwned=1">Школа']]);
    });
    await expect
      .poll(() => page.locator("#org").textContent())
      .toBe('<img src=x onerror="window.__pwned=1">Школа');
    expect(await page.locator("#org img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it("shows a server error in Russian instead of a blank panel", async () => {
    const { page, gas } = await openSidebar(browser);
    gas.documentLock.holdByOther();
    await page.click("#btn-setup");
    await expect
      .poll(() => page.locator("#status").textContent())
      .toMatch(/Книга занята другим действием надстройки/);
    expect(await page.locator("#status").getAttribute("class")).toContain("error");
    expect(await page.locator("#btn-setup").isDisabled()).toBe(false);
    await page.close();
  });
});
