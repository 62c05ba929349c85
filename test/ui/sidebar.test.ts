import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoadmapDocument } from "../../src/domain/roadmap/import";
import { ROADMAP_TEMPLATES } from "../../src/domain/roadmap/templates";
import type { GasEnvironment } from "../fakes/gas";
import { seedDocSpec } from "../fakes/gas-docs";
import { EXPECTED } from "../fixtures/roadmaps/expected";
import { launch, openSidebar } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  mkdirSync("out", { recursive: true });
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

// ---------------------------------------------------------------------------------------------
// «Дорожная карта»

/** The first day of the 2025/26 academic year, so deadlines are the same whatever day tests run. */
const NOW = "2025-09-01T12:00:00";
const DOC_ID = "1x8Wq3Zb2Yk9Lm4Np7Qr5St6Uv0WxYzAbCdEfGhIjKl";
const DOC_LINK = `https://docs.google.com/document/d/${DOC_ID}/edit?usp=sharing`;

function setUp(_gas: GasEnvironment, ctx: Record<string, unknown>): void {
  (ctx.apiSetupWorkbook as () => unknown)();
}

/** Data rows of a sheet (without the header), or null when there is no such sheet. */
function dataRows(gas: GasEnvironment, name: string): number | null {
  const sheet = gas.spreadsheet.getSheetByName(name);
  return sheet ? sheet.getLastRow() - 1 : null;
}

function column(gas: GasEnvironment, header: string): number {
  const sheet = gas.spreadsheet.getSheetByName("Дорожная карта");
  const headers = sheet?.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? [];
  const i = headers.indexOf(header);
  if (i < 0) throw new Error(`no column ${header}`);
  return i + 1;
}

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe("the sidebar's «Дорожная карта»", () => {
  const teachers = ROADMAP_TEMPLATES.find((t) => t.key === "teachers");
  const students = ROADMAP_TEMPLATES.find((t) => t.key === "students");

  it("loads a template, then asks before replacing it and keeps the old one in an archive", async () => {
    const { page, gas, callArgs } = await openSidebar(browser, setUp, { now: NOW });
    await expect.poll(() => text(page, "#rm-hint")).toMatch(/Дорожная карта пуста/);
    expect(await page.locator("#rm-progress").isHidden()).toBe(true);
    const options = await page
      .locator("#rm-template option")
      .evaluateAll((os) =>
        os.map((o) => ({ value: (o as HTMLOptionElement).value, title: o.getAttribute("title") })),
      );
    expect(options.map((o) => o.value)).toEqual(["teachers", "students"]);
    expect(options[0]?.title).toBe(teachers?.description);
    expect(await text(page, "#rm-template-about")).toMatch(
      /^Наставничество педагогических работников: 37 мероприятий\.Дорожная карта/,
    );
    expect(teachers?.items).toHaveLength(37);

    await page.selectOption("#rm-template", "teachers");
    await page.click("#btn-rm-template");
    await expect.poll(() => text(page, "#rm-progress")).toBe("Выполнено 0 из 37 · просрочено 0");
    expect(await page.locator("#rm-progress .overdue").count()).toBe(0);
    expect(await page.locator("#rm-next li").count()).toBe(5);
    const first = await page.locator("#rm-next li").first().innerText();
    expect(first).toMatch(/^\d\d\.\d\d\s+(сегодня|завтра|через \d+ (день|дня|дней))\n.+/);
    expect(await page.locator("#rm-report li").first().textContent()).toMatch(/^Источник: шаблон/);
    expect(await text(page, "#status")).toMatch(/^Добавлено мероприятий: 37/);
    expect(dataRows(gas, "Дорожная карта")).toBe(37);

    await page.selectOption("#rm-template", "students");
    await page.click("#btn-rm-template");
    await expect.poll(() => page.locator("#rm-decision").isVisible()).toBe(true);
    expect(await text(page, "#rm-decision-text")).toMatch(
      /уже 37 мероприятий.*заменить их \(старые сохранятся в архивном листе\)/,
    );
    expect(await page.locator("#rm-decision button").allTextContents()).toEqual([
      "Заменить",
      "Добавить к существующим",
      "Отмена",
    ]);
    expect(dataRows(gas, "Дорожная карта")).toBe(37);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "out/sidebar-roadmap-decision.png", fullPage: true });

    await page.click("#btn-rm-replace");
    await expect.poll(() => page.locator("#rm-decision").isHidden()).toBe(true);
    await expect.poll(() => text(page, "#status")).toMatch(/^Добавлено мероприятий: \d+, заменено: 37/);
    const studentItems = students?.items.length ?? 0;
    expect(dataRows(gas, "Дорожная карта")).toBe(studentItems);
    // The report names the archive sheet, and the sheet holds the 37 replaced items.
    const report = await page.locator("#rm-report li").allTextContents();
    const archived = report
      .map((l) => /^Прежние 37 мероприятий сохранены в листе «(.+)»/.exec(l)?.[1])
      .find(Boolean);
    expect(archived).toMatch(/архив/i);
    expect(gas.spreadsheet.getSheets().map((s) => s.getName())).toContain(archived);
    expect(dataRows(gas, archived ?? "")).toBe(37);
    expect(report).toContain(`Добавлено в «Дорожная карта»: ${studentItems}.`);
    await expect.poll(() => text(page, "#rm-progress")).toBe(`Выполнено 0 из ${studentItems} · просрочено 0`);
    expect(callArgs.filter((c) => c.name === "apiLoadRoadmapTemplate").map((c) => c.args)).toEqual([
      ["teachers", null],
      ["students", null],
      ["students", "replace"],
    ]);
    // The status line is sticky: from the top it sits in its place in a full-page shot.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "out/sidebar-roadmap.png", fullPage: true });
    await page.close();
  });

  it("appends on «Добавить к существующим» and changes nothing on «Отмена»", async () => {
    const { page, gas, callArgs } = await openSidebar(browser, setUp, { now: NOW });
    await page.click("#btn-rm-template");
    await expect.poll(() => text(page, "#rm-progress")).toMatch(/^Выполнено 0 из 37/);
    await page.click("#btn-rm-template");
    await expect.poll(() => page.locator("#rm-decision").isVisible()).toBe(true);
    await page.click("#btn-rm-cancel");
    expect(await page.locator("#rm-decision").isHidden()).toBe(true);
    expect(await text(page, "#status")).toMatch(/дорожная карта не изменена/);

    await page.click("#btn-rm-template");
    await expect.poll(() => page.locator("#rm-decision").isVisible()).toBe(true);
    await page.click("#btn-rm-append");
    await expect
      .poll(() => text(page, "#status"))
      .toMatch(/^Добавлено мероприятий: 0, повторов пропущено: 37\./);
    expect(dataRows(gas, "Дорожная карта")).toBe(37);
    expect(callArgs.at(-1)).toEqual({ name: "apiLoadRoadmapTemplate", args: ["teachers", "append"] });
    await page.close();
  });

  it("imports a Google Doc by its link; a bad link gives a Russian error", async () => {
    const { page, gas, calls } = await openSidebar(browser, setUp, {
      now: NOW,
      docs: { [DOC_ID]: seedDocSpec("000") },
    });
    await expect.poll(() => text(page, "#rm-hint")).toMatch(/Дорожная карта пуста/);

    await page.click("#btn-rm-import");
    expect(await text(page, "#status")).toBe("Вставьте ссылку на Google Документ с дорожной картой.");
    expect(calls).toEqual(["apiGetOverview"]);

    await page.fill("#rm-doc-url", "https://docs.google.com/spreadsheets/d/abc/edit");
    await page.click("#btn-rm-import");
    await expect.poll(() => text(page, "#status")).toMatch(/не похоже на ссылку на Google Документ/);
    expect(await page.locator("#status").getAttribute("class")).toContain("error");
    expect(await page.locator("#btn-rm-import").isDisabled()).toBe(false);

    await page.fill("#rm-doc-url", DOC_LINK.replace(DOC_ID, "1NoSuchDocumentXXXXXXXXXXXXXXXXXXXXXXXXXXX"));
    await page.press("#rm-doc-url", "Enter");
    await expect.poll(() => text(page, "#status")).toMatch(/Google Документ по ссылке не найден/);

    await page.fill("#rm-doc-url", DOC_LINK);
    await page.click("#btn-rm-import");
    const items = importRoadmapDocument(EXPECTED["000"], 2025).items.length;
    await expect.poll(() => text(page, "#rm-progress")).toMatch(new RegExp(`^Выполнено 0 из ${items} · `));
    expect(dataRows(gas, "Дорожная карта")).toBe(items);
    const report = await page.locator("#rm-report li").allTextContents();
    expect(report[0]).toBe(
      `Источник: Google Документ «Дорожная карта 000». Мероприятий распознано: ${items}.`,
    );
    expect(report.some((l) => l.startsWith("Нет в листе «Команда»"))).toBe(true);
    expect(await page.locator("#rm-report li.warn").count()).toBeGreaterThan(0);
    expect(await text(page, "#status")).toMatch(/Проверьте отчёт ниже\.$/);
    expect(gas.calls.byMethod["Docs.Documents.get"]).toBe(2);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "out/sidebar-roadmap-doc.png", fullPage: true });
    await page.close();
  });

  it("«Обновить сроки» recomputes done and overdue items; red when overdue", async () => {
    const { page, gas } = await openSidebar(browser, setUp, { now: NOW });
    await page.click("#btn-rm-template");
    await expect.poll(() => text(page, "#rm-progress")).toBe("Выполнено 0 из 37 · просрочено 0");

    // The curator marks one item done and moves another's deadline into the past.
    const sheet = gas.spreadsheet.getSheetByName("Дорожная карта");
    sheet?.getRange(2, column(gas, "Статус")).setValues([["Выполнено"]]);
    sheet?.getRange(3, column(gas, "Срок")).setValues([[new Date(2025, 7, 20)]]);
    await page.click("#btn-rm-refresh");
    await expect.poll(() => text(page, "#rm-progress")).toBe("Выполнено 1 из 37 · просрочено 1");
    expect(await text(page, "#rm-progress .overdue")).toBe("просрочено 1");
    expect(await text(page, "#status")).toMatch(/^Сроки обновлены: изменено ячеек \d+\.$/);
    expect(sheet?.getRange(3, column(gas, "Просрочено")).getValues()[0]?.[0]).toBe(true);

    await page.click("#btn-rm-refresh");
    await expect.poll(() => text(page, "#status")).toBe("Сроки актуальны.");
    await page.close();
  });

  it("disables the buttons while a call runs", async () => {
    const { page } = await openSidebar(browser, setUp, { now: NOW, latencyMs: 400 });
    await expect.poll(() => page.locator("#btn-rm-template").isEnabled()).toBe(true);
    await page.click("#btn-rm-template");
    expect(await text(page, "#status")).toBe("Загружаю шаблон…");
    for (const id of ["#btn-setup", "#btn-refresh", "#btn-rm-template", "#btn-rm-import", "#btn-rm-refresh"])
      expect(await page.locator(id).isDisabled()).toBe(true);
    await expect.poll(() => page.locator("#btn-rm-refresh").isEnabled()).toBe(true);
    expect(await text(page, "#rm-progress")).toMatch(/^Выполнено 0 из 37/);
    await page.close();
  });

  it("before setup it says what to do first; a load then fails in Russian", async () => {
    const { page } = await openSidebar(browser);
    await expect.poll(() => text(page, "#rm-hint")).toMatch(/Сначала нажмите «Настроить книгу»/);
    expect(await page.locator("#btn-rm-refresh").isHidden()).toBe(true);
    expect(await page.locator("#rm-load").getAttribute("open")).toBeNull();
    await page.click("#rm-load summary");
    await page.click("#btn-rm-template");
    await expect.poll(() => page.locator("#status").getAttribute("class")).toContain("error");
    expect(await text(page, "#status")).toMatch(/[А-Яа-яЁё]{3,}/);
    await page.close();
  });

  it("keeps the loaders folded when the roadmap already has items", async () => {
    const { page } = await openSidebar(
      browser,
      (_gas, ctx) => {
        (ctx.apiSetupWorkbook as () => unknown)();
        (ctx.apiLoadRoadmapTemplate as (k: string, m: null) => unknown)("teachers", null);
      },
      { now: NOW },
    );
    await expect.poll(() => text(page, "#rm-progress")).toBe("Выполнено 0 из 37 · просрочено 0");
    expect(await page.locator("#rm-load").getAttribute("open")).toBeNull();
    expect(await page.locator("#btn-rm-template").isVisible()).toBe(false);
    await page.click("#rm-load summary");
    expect(await page.locator("#btn-rm-template").isVisible()).toBe(true);
    await page.close();
  });
});
