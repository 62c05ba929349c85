// The sidebar's «Мониторинг и итоги года» in Chromium, over the built bundle and the Apps Script
// fakes: the hand-counted figures of a small school (test/bundle/monitoring-school.ts) once the
// section is opened, «Обновить показатели» drawing the four charts once, the mentor ranking with
// its inputs, and closing the year — preview, the choice of mentees for the mentor base, the
// confirmation, the result — and a stale preview confirmed after the year was closed elsewhere.

import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE, MONITORING_DAY, seedMonitoringSchool } from "../bundle/monitoring-school";
import type { GasEnvironment } from "../fakes/gas";
import { describeCharts } from "../fakes/gas-charts";
import { launch, openSidebar, sheetRecords } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  mkdirSync("out", { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

const WILLING_HOSTILE = '<b onmouseover="window.__pwned=2">Ученикова</b> Вера';

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

function school(gas: GasEnvironment, ctx: Record<string, unknown>): void {
  (ctx.apiSetupWorkbook as () => unknown)();
  seedMonitoringSchool(gas, { mentorName: HOSTILE, willingName: WILLING_HOSTILE });
}

function charts(gas: GasEnvironment) {
  const sheet = gas.spreadsheet.getSheetByName("Мониторинг");
  if (!sheet) throw new Error("no «Мониторинг»");
  return describeCharts(sheet);
}

async function settle(page: Page): Promise<void> {
  await expect.poll(() => page.locator("#btn-mn-refresh").isEnabled()).toBe(true);
}

/** The figures table as [label, value] pairs. */
async function facts(page: Page): Promise<string[][]> {
  return page
    .locator("#mn-facts tr")
    .evaluateAll((rows) => rows.map((r) => Array.from(r.children, (td) => td.textContent ?? "")));
}

describe("the sidebar's «Мониторинг и итоги года»", () => {
  it("shows the figures when opened, refreshes the sheet and its charts once, ranks mentors as text", async () => {
    const { page, gas, calls } = await openSidebar(browser, school, { now: MONITORING_DAY });
    await expect.poll(() => page.locator("#status").textContent()).toBe("");
    // Closed at first: opening the panel costs only the overview.
    expect(calls).toEqual(["apiGetOverview"]);
    expect(await page.locator("#mn-figures").isHidden()).toBe(true);
    await page.click("#mn-summary");
    await expect.poll(() => text(page, "#mn-coverage-value")).toBe("60 %");
    expect(calls).toEqual(["apiGetOverview", "apiMonitoringSummary"]);
    expect(await text(page, "#mn-coverage-label")).toBe("Охват обучающихся");
    expect(await text(page, "#mn-coverage-note")).toBe("в паре 3 из 5 · цель 70 % не достигнута");
    expect(await page.locator("#mn-coverage").getAttribute("class")).toContain("below");
    expect(await page.locator("#mn-coverage-bar").getAttribute("aria-valuenow")).toBe("60");
    expect(await page.locator("#mn-coverage-target").getAttribute("style")).toContain("left: 70%");
    expect(await facts(page)).toEqual([
      ["Все наставляемые в паре", "5 из 7 (71,4 %)"],
      ["Пар и групп этого года", "5"],
      ["Утверждена", "1"],
      ["Работает", "3"],
      ["Завершена", "1"],
      ["Ожидают пары", "2"],
      ["Пары без встреч 30 дней и дольше", "3"],
      ["Встреч на пару: проведено / в плане", "1,4 / 1,6"],
      ["Дорожная карта: выполнено", "2 из 4 (50 %)"],
      ["в срок / с опозданием", "1 / 1"],
      ["просрочено", "1"],
      ["Удовлетворённость наставляемых", "6,5 → 9 (+2,5)"],
      ["Удовлетворённость наставников", "нет анкет"],
      ["Хотят стать наставниками", "1 (14,3 %)"],
    ]);
    expect(await text(page, "#mn-updated")).toBe(
      "Учебный год 2025/2026. Лист «Мониторинг» ещё не заполнен: нажмите «Обновить показатели».",
    );
    // The ranking with its inputs; the formula on hover.
    const ranking = page.locator("#mn-ranking li");
    expect(await ranking.count()).toBe(4);
    expect(await ranking.locator(".name").allTextContents()).toEqual([
      "Старшеклассников Пётр Андреевич",
      "Наставникова Мария Ивановна",
      "Учителева Ольга Петровна",
      HOSTILE,
    ]);
    expect(await ranking.locator(".score").allTextContents()).toEqual([
      "29 баллов",
      "20 баллов",
      "18 баллов",
      "3 балла",
    ]);
    expect(await ranking.first().locator(".inputs").textContent()).toBe(
      "встреч 2 · завершено пар 1 · идёт пар 1 · оценка наставляемых 10 (1 ответ)",
    );
    expect(await ranking.first().getAttribute("title")).toMatch(/^встречи 2 × 1 \+ завершённые пары 1 × 5/);
    // A name from a form is text, never HTML.
    expect(await page.locator("#monitoring img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // Nothing written by looking.
    expect(charts(gas)).toEqual([]);
    expect(sheetRecords(gas, "Мониторинг")).toEqual([]);

    await page.click("#btn-mn-refresh");
    await expect
      .poll(() => text(page, "#status"))
      .toMatch(/^Лист «Мониторинг» обновлён: изменено ячеек \d+\./);
    await settle(page);
    expect(await text(page, "#status")).toMatch(/ Диаграммы: новых 4, обновлено 0\.$/);
    const drawn = charts(gas);
    expect(drawn.map((c) => c.type)).toEqual(["PIE", "COLUMN", "COLUMN", "BAR"]);
    expect(sheetRecords(gas, "Мониторинг").length).toBeGreaterThan(50);
    expect(await page.locator("#mn-lines li").first().textContent()).toMatch(
      /^Показатели 2025\/2026 уч\. года пересчитаны/,
    );
    expect(await text(page, "#mn-updated")).toMatch(
      /^Учебный год 2025\/2026\. На листе «Мониторинг» — расчёт от \d\d\.\d\d\.\d{4} \d\d:\d\d\.$/,
    );
    await page.click("#btn-mn-refresh");
    await expect
      .poll(() => text(page, "#status"))
      .toBe("Показатели не изменились. Диаграммы: новых 0, обновлено 4.");
    await settle(page);
    expect(charts(gas)).toEqual(drawn);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    await page.locator("#monitoring").screenshot({ path: "out/sidebar-monitoring.png" });
    await page.close();
  });

  it("closes the year after a preview and a confirmation; the next preview says it is done", async () => {
    const { page, gas, callArgs } = await openSidebar(browser, school, { now: MONITORING_DAY });
    await expect.poll(() => page.locator("#status").textContent()).toBe("");
    await page.click("#mn-summary");
    await expect.poll(() => text(page, "#mn-coverage-value")).toBe("60 %");

    await page.click("#btn-cy-preview");
    await expect.poll(() => text(page, "#cy-year")).toBe("Завершение учебного года 2025/2026");
    await settle(page);
    expect(await text(page, "#cy-pairs-summary")).toBe("Пары к завершению: 4");
    await page.click("#cy-pairs-summary");
    expect(await page.locator("#cy-pairs li .name").first().textContent()).toBe(
      "П-0001: Наставникова Мария Ивановна — Молодцова Анна Сергеевна",
    );
    const willing = page.locator("#cy-willing li");
    expect(await willing.count()).toBe(1);
    expect(await willing.locator(".name").textContent()).toBe(WILLING_HOSTILE);
    expect(await willing.locator("input").isChecked()).toBe(true);
    expect(await text(page, "#cy-willing-count")).toBe("Добавить в базу наставников: отмечено 1 из 1");
    expect(await page.locator("#cy-lines li").first().textContent()).toBe(
      "Завершается учебный год 2025/2026; дата закрытия — 20.05.2026.",
    );
    expect(await page.locator("#monitoring b").count()).toBe(0);

    // «Отмена» leaves everything as it was.
    const pairsBefore = sheetRecords(gas, "Пары и группы");
    await page.click("#btn-cy-start");
    expect(await page.locator("#cy-confirm").isVisible()).toBe(true);
    expect(await text(page, "#cy-confirm-text")).toMatch(
      /^Завершить учебный год 2025\/2026\? Пары \(4\) получат статус «Завершена» и итоги;.*в базу наставников добавятся 1 человек\./,
    );
    await page.click("#btn-cy-cancel");
    expect(await page.locator("#cy-confirm").isHidden()).toBe(true);
    expect(await text(page, "#status")).toBe("Учебный год не завершён.");
    expect(callArgs.map((c) => c.name)).not.toContain("apiCloseYear");
    expect(sheetRecords(gas, "Пары и группы")).toEqual(pairsBefore);

    // Unticked, then ticked again: the request carries exactly what is ticked.
    await willing.locator("input").uncheck();
    expect(await text(page, "#cy-willing-count")).toBe("Добавить в базу наставников: отмечено 0 из 1");
    await willing.locator("input").check();
    await page.click("#btn-cy-start");
    await page.click("#btn-cy-confirm");
    await expect
      .poll(() => text(page, "#status"))
      .toMatch(/^Учебный год 2025\/2026 завершён: пар завершено 4,/);
    await settle(page);
    expect(await text(page, "#status")).toMatch(/в базу наставников добавлено 1\.$/);
    expect(callArgs.filter((c) => c.name === "apiCloseYear").map((c) => c.args)).toEqual([
      [{ promote: ["НЯ-0003"] }],
    ]);
    expect(await page.locator("#cy-preview").isHidden()).toBe(true);
    expect(await page.locator("#cy-result li").first().textContent()).toBe(
      "Учебный год 2025/2026 завершён 20.05.2026.",
    );
    expect(sheetRecords(gas, "Пары и группы").map((p) => p.Статус)).toEqual(Array(5).fill("Завершена"));
    expect(sheetRecords(gas, "Наставники").filter((m) => m.ФИО === WILLING_HOSTILE)).toHaveLength(1);

    await page.click("#btn-cy-preview");
    await expect.poll(() => text(page, "#cy-year")).toBe("Учебный год 2025/2026 уже завершён");
    await settle(page);
    expect(await text(page, "#status")).toBe("Учебный год 2025/2026 уже завершён.");
    expect(await page.locator("#btn-cy-start").isHidden()).toBe(true);
    expect(await page.locator("#cy-willing-box").isHidden()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    await page.locator("#monitoring").screenshot({ path: "out/sidebar-close-year.png" });
    await page.close();
  });

  it("a preview confirmed after the year was closed elsewhere is told so, and nothing happens twice", async () => {
    const { page, gas, context } = await openSidebar(browser, school, { now: MONITORING_DAY });
    await expect.poll(() => page.locator("#status").textContent()).toBe("");
    await page.click("#mn-summary");
    await page.click("#btn-cy-preview");
    await expect.poll(() => text(page, "#cy-year")).toBe("Завершение учебного года 2025/2026");
    await settle(page);
    await willing(page).uncheck();
    // Another curator closes the year from their own sidebar.
    (context.apiCloseYear as (r: unknown) => unknown)({ promote: [] });
    const mentors = sheetRecords(gas, "Наставники").length;
    const sheets = gas.spreadsheet.getSheets().length;

    await page.click("#btn-cy-start");
    await page.click("#btn-cy-confirm");
    await expect
      .poll(() => text(page, "#status"))
      .toBe("Учебный год 2025/2026 уже был завершён — повторно ничего не сделано.");
    expect(await page.locator("#cy-result li").first().textContent()).toMatch(
      /^Учебный год 2025\/2026 уже завершён \(20\.05\.2026\); повторно ничего не меняется\.$/,
    );
    expect(sheetRecords(gas, "Наставники")).toHaveLength(mentors);
    expect(gas.spreadsheet.getSheets()).toHaveLength(sheets);
    await page.close();
  });
});

function willing(page: Page) {
  return page.locator("#cy-willing li input").first();
}
