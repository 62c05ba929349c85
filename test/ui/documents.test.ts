// The sidebar's «Документы» in Chromium, over the built bundle and the Apps Script fakes (sheets,
// DocumentApp, DriveApp): an order on approved pairs, generated once — again is told, not
// duplicated — a new revision on request, and a job of 30 personalised programmes that goes on by
// itself under a small time budget, and after an interruption with «Продолжить».

import { mkdirSync } from "node:fs";
import vm from "node:vm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KINDS } from "../../src/domain/docs/kinds";
import { DOC_KINDS } from "../../src/domain/docs/model";
import { META_PREFIX } from "../../src/gas/workbook";
import type { GasEnvironment } from "../fakes/gas";
import { launch, openSidebar, seedRecords, sheetRecords } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  mkdirSync("out", { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

type Ctx = vm.Context;
const serverCall = <T>(ctx: Ctx, name: string, ...args: unknown[]): T =>
  (ctx[name] as (...a: unknown[]) => T)(...args);

const PAYLOAD = '<img src=x onerror="window.__pwned=1">Кузнецова Дарья';

/**
 * The server's clock starts at `iso` and moves by `stepMs` each time the bundle asks for "now"
 * (`new Date()` or `Date.now()`): a job under a small budget stops after a few documents, the
 * same way each run. Dates made from values stay what they are.
 */
function tickingClock(context: Ctx, iso: string, stepMs: number): void {
  vm.runInContext(
    `(() => {
      const Real = Date;
      let now = new Real(${JSON.stringify(iso)}).getTime();
      const tick = () => (now += ${stepMs});
      function TickingDate(...args) {
        if (!new.target) return new Real(tick()).toString();
        return Reflect.construct(Real, args.length ? args : [tick()], new.target);
      }
      TickingDate.prototype = Real.prototype;
      TickingDate.now = tick;
      TickingDate.UTC = Real.UTC;
      TickingDate.parse = Real.parse;
      globalThis.Date = TickingDate;
    })()`,
    context,
  );
}

function setSettings(gas: GasEnvironment, values: Record<string, unknown>): void {
  const sheet = gas.spreadsheet.getSheetByName("Настройки");
  if (!sheet) throw new Error("no «Настройки»");
  const keys = sheet
    .getRange(1, 1, sheet.getLastRow(), 1)
    .getValues()
    .map((r) => String(r[0]));
  for (const [key, value] of Object.entries(values)) {
    const row = keys.indexOf(key) + 1;
    if (row < 1) throw new Error(`no setting ${key}`);
    sheet.getRange(row, 3).setValues([[value]]);
  }
}

/** A school with its settings filled and `n` approved pairs (one mentor each). */
function school(n: number, names: (i: number) => [string, string] = defaultNames) {
  return (gas: GasEnvironment, ctx: Ctx): void => {
    serverCall(ctx, "apiSetupWorkbook");
    setSettings(gas, {
      orgFullName: "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»",
      orgShortName: "МБОУ СШ № 1",
      city: "г. Вологда",
      directorName: "Соколов Андрей Николаевич",
      curatorName: "Белова Ирина Викторовна",
      curatorEmail: "belova@school.ru",
      orderNumberPrefix: "01-05/",
      orderNumberNext: 3,
    });
    const ids = Array.from({ length: n }, (_, i) => String(i + 1).padStart(4, "0"));
    seedRecords(
      gas,
      "Наставники",
      ids.map((id, i) => ({
        ID: `НР-${id}`,
        Статус: "Обучен",
        Категория: "Педагог",
        ФИО: names(i)[0],
        Должность: "Учитель",
        "Сколько наставляемых может взять": 1,
        "Согласие на обработку ПДн": true,
      })),
    );
    seedRecords(
      gas,
      "Наставляемые",
      ids.map((id, i) => ({
        ID: `НЯ-${id}`,
        Статус: "Ожидает пары",
        Категория: "Молодой специалист",
        ФИО: names(i)[1],
        "Должность / класс, группа": "Учитель",
        Запросы: ["Работа с родителями"],
        "Согласие на обработку ПДн": true,
      })),
    );
    serverCall(
      ctx,
      "apiConfirmPairs",
      ids.map((id) => ({
        menteeId: `НЯ-${id}`,
        mentorId: `НР-${id}`,
        score: 80,
        reasons: "запросы закрыты",
        form: "Учитель – учитель",
        locked: false,
      })),
      [],
    );
  };
}

const SURNAMES = ["Иванова", "Петрова", "Соколова", "Морозова", "Волкова", "Лебедева"];
const FIRST = ["Мария", "Анна", "Ольга", "Елена", "Татьяна"];
/** 30 mentors whose «Фамилия И. О.» differ (a programme's file is named by them). */
function defaultNames(i: number): [string, string] {
  const mentor = `${SURNAMES[i % SURNAMES.length]} ${FIRST[Math.floor(i / SURNAMES.length) % FIRST.length]} Петровна`;
  return [mentor, `Смирнов${i % 2 ? "а Алёна Игоревна" : " Игорь Олегович"}`];
}

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

/** Generated Google Docs in the fake Drive (not the templates), not in the trash. */
function driveDocs(gas: GasEnvironment) {
  return gas.globals.DriveApp.peekFiles().filter(
    (f) =>
      f.mimeType === "application/vnd.google-apps.document" &&
      f.folder !== "Наставничество — шаблоны" &&
      !f.trashed,
  );
}

async function open(page: Page): Promise<void> {
  await page.click("#dc-summary");
  await expect.poll(() => text(page, "#dc-about .number")).toBe("Номер приказа будет: № 01-05/3");
}

async function settle(page: Page): Promise<void> {
  await expect.poll(() => page.locator("#btn-dc-list").isEnabled()).toBe(true);
}

describe("the sidebar's «Документы»", () => {
  it("lists the pairs, creates the order once, tells about the existing one, makes a new revision on request", async () => {
    const names = (i: number): [string, string] =>
      i === 1 ? ["Петров Олег Ильич", PAYLOAD] : defaultNames(i);
    const { page, gas, calls, callArgs } = await openSidebar(browser, school(3, names), {
      now: "2025-09-01T10:00:00",
    });
    await expect.poll(() => page.locator("#status").textContent()).toBe("");
    // Closed at first: opening the panel costs nothing until the curator needs it.
    expect(calls).not.toContain("apiDocumentsState");
    await open(page);
    expect(await page.locator("#dc-kind option").allTextContents()).toEqual(
      DOC_KINDS.map((k) => KINDS[k].title),
    );
    expect(await page.locator("#dc-kind").inputValue()).toBe("pairs-order");
    expect(await text(page, "#dc-about .where")).toMatch(
      /^Шаблон появится в папке «Наставничество — шаблоны»/,
    );
    expect(await page.locator("#btn-dc-create").isDisabled()).toBe(true);
    // The date of the order: today on the curator's computer, unless changed.
    const today = await page.evaluate(() => {
      const d = new Date();
      const p = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
    });
    expect(await page.locator("#dc-date").inputValue()).toBe(today);
    await page.fill("#dc-date", "2025-09-01");
    expect(await text(page, "#dc-date-label")).toBe("Дата приказа");

    await page.click("#btn-dc-list");
    await expect.poll(() => page.locator("#dc-list li").count()).toBe(3);
    expect(await text(page, "#status")).toBe("В списке 3 пары, отмечено 3.");
    expect(await text(page, "#dc-counts")).toBe("Отмечено 3 из 3");
    expect(await page.locator("#dc-list input:checked").count()).toBe(3);
    expect(await text(page, "#dc-list-lines")).toBe("Всего пар (групп): 3; отмечены ещё без документа: 3.");
    // A name from a form is text, never HTML.
    expect(await page.locator("#documents img").count()).toBe(0);
    expect(await page.locator('#dc-list li[data-id="П-0002"] .name').textContent()).toContain("<img");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // Unticking changes the count; ticking again restores it.
    await page.locator('#dc-list li[data-id="П-0003"] input').uncheck();
    expect(await text(page, "#dc-counts")).toBe("Отмечено 2 из 3");
    expect(await text(page, "#dc-create-note")).toBe("В документ войдут 2 пары.");
    await page.locator('#dc-list li[data-id="П-0003"] input').check();
    expect(await text(page, "#dc-counts")).toBe("Отмечено 3 из 3");

    await page.click("#btn-dc-create");
    await expect
      .poll(() => text(page, "#status"))
      .toBe("Создано документов: 1. Есть предупреждения — см. ниже.");
    await settle(page);
    // The pairs have no end date: the order says the end of the academic year, and the panel says so.
    expect(await page.locator("#dc-lines li.warn").allTextContents()).toEqual(
      ["П-0001", "П-0002", "П-0003"].map((id) =>
        expect.stringMatching(new RegExp(`^Внимание: У пары ${id} не указана дата окончания`)),
      ),
    );
    const request = callArgs.filter((c) => c.name === "apiGenerateDocuments").at(-1)?.args[0];
    expect(request).toEqual({
      kind: "pairs-order",
      ids: ["П-0001", "П-0002", "П-0003"],
      date: "2025-09-01",
      newRevision: false,
      pdf: false,
    });
    const title = "Приказ № 01-05/3 от 01.09.2025 — О закреплении наставнических пар (групп)";
    const docLink = page.locator("#dc-docs li a.title");
    expect(await docLink.allTextContents()).toEqual([title]);
    expect(await docLink.getAttribute("target")).toBe("_blank");
    expect(await docLink.getAttribute("rel")).toBe("noopener");
    const register = sheetRecords(gas, "Приказы");
    expect(register).toHaveLength(1);
    expect(await docLink.getAttribute("href")).toBe(register[0]?.Ссылка);
    expect(driveDocs(gas).map((f) => f.name)).toContain(title);
    const docsAfterFirst = driveDocs(gas).length;
    // «Листы книги» follows: one row in «Приказы».
    const registerRow = page.locator("#sheets tr").filter({ hasText: "Приказы" });
    expect(await registerRow.locator("td.num").textContent()).toBe("1");
    // The list shows where the pairs went; the template is known now, with its link.
    await expect
      .poll(() => page.locator("#dc-list li .in").allTextContents())
      .toEqual(Array(3).fill("в приказе № 01-05/3 от 01.09.2025"));
    expect(await page.locator("#dc-list input:checked").count()).toBe(3);
    expect(await page.locator("#dc-about a.template").getAttribute("href")).toMatch(/^https:\/\//);
    expect(await text(page, "#dc-about .number")).toBe("Номер приказа будет: № 01-05/4");
    expect(await page.locator("#dc-recent li a").allTextContents()).toEqual([title]);
    expect(await page.locator("#dc-exists").isHidden()).toBe(true);

    // The same pairs again: told it exists, no second document, no new number.
    await page.click("#btn-dc-create");
    await expect.poll(() => text(page, "#status")).toBe("Такой документ уже есть — новый не создан.");
    await settle(page);
    expect(await page.locator("#dc-exists").isVisible()).toBe(true);
    expect(await text(page, "#dc-exists-text")).toMatch(
      /^Такой документ уже создан — второй не создавался\./,
    );
    expect(await page.locator("#dc-docs li.existing a").allTextContents()).toEqual([title]);
    expect(await text(page, "#dc-docs li .meta")).toBe("уже был создан");
    expect(driveDocs(gas)).toHaveLength(docsAfterFirst);
    expect(sheetRecords(gas, "Приказы")).toHaveLength(1);
    await page.locator("#documents").screenshot({ path: "out/sidebar-documents.png" });

    // On request: a new revision, with its own number, registered as revision 2.
    await page.click("#btn-dc-revision");
    await expect.poll(() => text(page, "#status")).toMatch(/^Создано документов: 1\./);
    await settle(page);
    expect(callArgs.filter((c) => c.name === "apiGenerateDocuments").at(-1)?.args[0]).toMatchObject({
      ids: ["П-0001", "П-0002", "П-0003"],
      newRevision: true,
    });
    const revised = sheetRecords(gas, "Приказы");
    expect(revised).toHaveLength(2);
    expect(revised[1]).toMatchObject({ Номер: "01-05/4", Редакция: 2 });
    expect(await text(page, "#dc-docs li .meta")).toBe("редакция 2");
    expect(await text(page, "#dc-docs li a.title")).toBe(revised[1]?.Название);
    expect(driveDocs(gas)).toHaveLength(docsAfterFirst + 1);
    expect(await page.locator("#dc-exists").isHidden()).toBe(true);
    expect(await page.locator("#dc-recent li").count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);

    // The curator's appointment needs no list: «Создать» at once.
    await page.selectOption("#dc-kind", "curator-order");
    expect(await page.locator("#btn-dc-list").isHidden()).toBe(true);
    expect(await page.locator("#dc-pick").isHidden()).toBe(true);
    expect(await page.locator("#btn-dc-create").isEnabled()).toBe(true);
    await page.click("#btn-dc-create");
    await expect.poll(() => text(page, "#status")).toMatch(/^Создано документов: 1\./);
    await settle(page);
    expect(callArgs.filter((c) => c.name === "apiGenerateDocuments").at(-1)?.args[0]).toMatchObject({
      kind: "curator-order",
      ids: [],
    });
    expect(sheetRecords(gas, "Приказы").at(-1)).toMatchObject({
      "Вид документа": KINDS["curator-order"].title,
      Номер: "01-05/5",
    });
    await page.close();
  });

  it("creates 30 programmes as a job: it goes on by itself under a small budget, and after a failure with «Продолжить»", async () => {
    const { page, gas, context, calls } = await openSidebar(browser, (gas, ctx) => {
      school(30)(gas, ctx);
      gas.globals.PropertiesService.getDocumentProperties()?.setProperty(
        `${META_PREFIX}documentsBudgetMs`,
        "12000",
      );
      tickingClock(ctx, "2025-09-01T10:00:00", 1000);
    });
    // The second continuation fails once, as a lost connection would.
    let continued = 0;
    const real = context.apiContinueDocuments as (...a: unknown[]) => unknown;
    context.apiContinueDocuments = (...args: unknown[]) => {
      continued++;
      if (continued === 2) throw new Error("Сервис Google временно недоступен. Повторите.");
      return real(...args);
    };
    await expect.poll(() => page.locator("#status").textContent()).toBe("");
    await page.click("#dc-summary");
    await page.selectOption("#dc-kind", "program");
    expect(await text(page, "#dc-date-label")).toBe("Дата документа");
    await page.click("#btn-dc-list");
    await expect.poll(() => page.locator("#dc-list input:checked").count()).toBe(30);
    expect(await text(page, "#dc-create-note")).toBe("Будет создано документов: 30.");
    // Record every state of the progress line.
    await page.evaluate(() => {
      const w = window as unknown as { __progress: string[] };
      w.__progress = [];
      const line = document.getElementById("dc-job-line");
      if (!line) return;
      new MutationObserver(() => w.__progress.push(line.textContent ?? "")).observe(line, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
    await page.click("#btn-dc-create");
    await expect.poll(() => page.locator("#btn-dc-continue").isVisible()).toBe(true);
    expect(await text(page, "#status")).toBe(
      "Сервис Google временно недоступен. Повторите. Нажмите «Продолжить».",
    );
    const stopped = calls.length;
    const partial = driveDocs(gas).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(30);
    expect(await text(page, "#dc-job-note")).toMatch(
      /^Создание прервано\. Уже созданные документы сохранены/,
    );
    // Stopped: no call until the curator presses the button.
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toHaveLength(stopped);

    await page.click("#btn-dc-continue");
    await expect.poll(() => text(page, "#dc-job-line")).toBe("Создано 30 из 30");
    await expect.poll(() => text(page, "#status")).toMatch(/^Создано документов: 30\.( |$)/);
    expect(await page.locator("#btn-dc-continue").isHidden()).toBe(true);
    expect(await text(page, "#dc-job-note")).toBe("Готово.");
    const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    const counts = [...new Set(progress.map((p) => Number(/^Создано (\d+) из 30/.exec(p)?.[1] ?? -1)))];
    expect(counts.length).toBeGreaterThanOrEqual(4);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBe(30);
    // Every programme once: in Drive, in «Приказы», linked from its pair; the list shows all 30.
    expect(continued).toBeGreaterThanOrEqual(3);
    expect(driveDocs(gas)).toHaveLength(30);
    expect(driveDocs(gas).every((f) => f.folder === "Наставничество — программы и соглашения")).toBe(true);
    expect(new Set(driveDocs(gas).map((f) => f.name)).size).toBe(30);
    expect(sheetRecords(gas, "Приказы")).toHaveLength(30);
    const pairs = sheetRecords(gas, "Пары и группы");
    expect(pairs.every((p) => /^https:\/\//.test(String(p.ППН)))).toBe(true);
    expect(await page.locator("#dc-docs li").count()).toBe(30);
    expect(await page.locator("#dc-docs li.existing").count()).toBe(0);
    await page.locator("#documents").screenshot({ path: "out/sidebar-documents-job.png" });
    await page.close();
  });
});
