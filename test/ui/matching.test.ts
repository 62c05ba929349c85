// The sidebar's «Подбор пар» in Chromium, over the built bundle and the Apps Script fakes: a small
// school typed into the bases, proposals with reasons, swapping, locking, rejecting, running
// again, the searchable list of mentors, mentors' places, confirming into «Пары и группы».

import { mkdirSync } from "node:fs";
import type vm from "node:vm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConfirmPairsResponse } from "../../src/app/contract";
import type { ProposalRequest, ProposalView } from "../../src/app/proposal-types";
import { CRITERIA } from "../../src/domain/matching/types";
import { SETTINGS } from "../../src/domain/schema";
import { shortName } from "../../src/ui/client";
import { plural } from "../../src/ui/common";
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

const NOW = "2025-10-06T10:00:00";
const PAYLOAD = '<img src=x onerror="window.__pwned=1">Кузнецова Дарья';

type Ctx = vm.Context;
const serverCall = <T>(ctx: Ctx, name: string, ...args: unknown[]): T =>
  (ctx[name] as (...a: unknown[]) => T)(...args);

const MENTORS = [
  {
    ID: "НР-0001",
    Статус: "Отобран",
    Категория: "Педагог",
    ФИО: "Иванова Мария Петровна",
    "Стаж, лет": 20,
    Компетенции: ["Работа с родителями", "Подготовка к ОГЭ и ЕГЭ", "Управление классом и дисциплина"],
    "Предметы / специальность": "математика",
    "Сколько наставляемых может взять": 2,
    "Согласие на обработку ПДн": true,
  },
  {
    ID: "НР-0002",
    Статус: "Обучен",
    Категория: "Педагог",
    ФИО: "Петров Олег Ильич",
    "Стаж, лет": 12,
    Компетенции: ["Цифровые инструменты и дистанционное обучение"],
    "Предметы / специальность": "информатика",
    "Сколько наставляемых может взять": 1,
    "Согласие на обработку ПДн": true,
  },
  {
    ID: "НР-0003",
    Статус: "Обучен",
    Категория: "Педагог",
    ФИО: "Соколова Елена Викторовна",
    "Стаж, лет": 15,
    Компетенции: ["Работа с родителями", "Управление классом и дисциплина"],
    "Предметы / специальность": "русский язык",
    "Сколько наставляемых может взять": 2,
    "Согласие на обработку ПДн": true,
  },
];

const MENTEES = [
  {
    ID: "НЯ-0001",
    Статус: "Ожидает пары",
    Категория: "Молодой специалист",
    ФИО: "Смирнова Алёна Игоревна",
    "Должность / класс, группа": "Учитель математики",
    "Предмет / специальность": "математика",
    "Стаж, лет": 1,
    Запросы: ["Работа с родителями", "Подготовка к ОГЭ и ЕГЭ"],
    "Согласие на обработку ПДн": true,
  },
  {
    ID: "НЯ-0002",
    Статус: "Ожидает пары",
    Категория: "Молодой специалист",
    ФИО: "Орлов Пётр",
    "Должность / класс, группа": "Учитель информатики",
    "Предмет / специальность": "информатика",
    "Стаж, лет": 0,
    Запросы: ["Цифровые инструменты и дистанционное обучение"],
    "Согласие на обработку ПДн": true,
  },
  {
    ID: "НЯ-0003",
    Статус: "Ожидает пары",
    Категория: "Молодой специалист",
    ФИО: PAYLOAD,
    "Предмет / специальность": "русский язык",
    "Стаж, лет": 2,
    Запросы: ["Управление классом и дисциплина"],
    "Согласие на обработку ПДн": true,
  },
  {
    ID: "НЯ-0004",
    Статус: "Ожидает пары",
    Категория: "Педагог, новый в должности",
    ФИО: "Васильев Игорь",
    "Предмет / специальность": "математика",
    "Стаж, лет": 4,
    Запросы: ["Работа с родителями"],
    "Согласие на обработку ПДн": true,
  },
  {
    ID: "НЯ-0005",
    Статус: "Нет согласия",
    Категория: "Молодой специалист",
    ФИО: "Белова Ирина",
    Запросы: ["Работа с родителями"],
    "Согласие на обработку ПДн": false,
  },
];

function seedSchool(gas: GasEnvironment, ctx: Ctx): void {
  serverCall(ctx, "apiSetupWorkbook");
  seedRecords(gas, "Наставники", MENTORS);
  seedRecords(gas, "Наставляемые", MENTEES);
}

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
const card = (page: Page, menteeId: string) => page.locator(`#mt-cards article[data-mentee="${menteeId}"]`);
const mentorOf = (page: Page, menteeId: string) => card(page, menteeId).getAttribute("data-mentor");

function proposeCalls(callArgs: { name: string; args: unknown[] }[]): ProposalRequest[] {
  return callArgs.filter((c) => c.name === "apiProposePairs").map((c) => c.args[0] as ProposalRequest);
}

async function run(page: Page): Promise<void> {
  await page.click("#btn-mt-run");
  await expect.poll(() => page.locator("#status").getAttribute("class")).toMatch(/ok|error/);
}

describe("the sidebar's «Подбор пар»", () => {
  it("proposes, lets the curator swap, lock and reject, keeps that on a new run, and confirms once", async () => {
    const { page, gas, context, callArgs } = await openSidebar(browser, seedSchool, { now: NOW });
    await expect
      .poll(() => text(page, "#mt-hint"))
      .toBe("В базах: наставляемых 5, наставников 3. Пар в работе: 0.");
    expect(await page.locator("#mt-result").isHidden()).toBe(true);

    await run(page);
    expect(await text(page, "#status")).toBe("Предложено пар: 4; без наставника: 1. Проверьте и утвердите.");
    expect(await page.locator("#mt-lines li").first().textContent()).toMatch(/^Наставляемых в подборе: 5/);
    expect(await page.locator("#mt-cards article").count()).toBe(4);
    expect(await text(page, "#mt-cards-title")).toBe("Предложения (4)");

    // Every card: mentee, info, mentor, score, reasons (a short list), the form.
    const alena = card(page, "НЯ-0001");
    expect(await alena.locator(".mentee").textContent()).toBe("Смирнова Алёна Игоревна");
    expect(await alena.locator(".info").textContent()).toBe(
      "НЯ-0001 · Молодой специалист, Учитель математики, математика",
    );
    expect(await alena.locator(".mentor .who").textContent()).toBe("Иванова Мария Петровна");
    expect(await alena.locator(".meter .value").textContent()).toMatch(/^\d{1,3} из 100$/);
    const reasons = await alena.locator(".reasons li").allTextContents();
    expect(reasons[0]).toBe("запросы закрыты: 2 из 2");
    expect(reasons.join(" ")).toMatch(/один предмет: математика/);
    expect(reasons).toHaveLength(4);
    expect(reasons.at(-1)).toMatch(/^ещё \d+$/);
    expect(await alena.locator(".form").textContent()).toBe("Форма: Учитель – учитель");
    expect(await alena.locator("button.accept").getAttribute("aria-pressed")).toBe("true");

    // A name from a form is text, never HTML.
    expect(await card(page, "НЯ-0003").locator(".mentee").textContent()).toBe(PAYLOAD);
    expect(await page.locator("#matching img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // Without a pair: the reason and the support note.
    expect(await page.locator("#mt-unmatched li").allTextContents()).toEqual([
      expect.stringMatching(/^Белова ИринаНЯ-0005 · .*соглас.* — нужна поддержка, поиск продолжается$/),
    ]);

    // Mentors' places: taken + proposed out of capacity.
    const load = async () =>
      page
        .locator("#mt-load li")
        .evaluateAll((li) =>
          li.map(
            (x) => `${x.querySelector(".name")?.textContent} — ${x.querySelector(".places")?.textContent}`,
          ),
        );
    expect(await load()).toEqual([
      "Иванова Мария Петровна — занято 2 из 2",
      "Петров Олег Ильич — занято 1 из 1",
      "Соколова Елена Викторовна — занято 1 из 2",
    ]);
    expect(await text(page, "#btn-mt-confirm")).toBe("Утвердить 4 пары");

    // Swap Васильев to his first alternative (Соколова, who has a free place).
    const igor = card(page, "НЯ-0004");
    expect(await mentorOf(page, "НЯ-0004")).toBe("НР-0001");
    const alternative = igor.locator(".swap button.choice").first();
    expect(await alternative.locator(".name").textContent()).toBe("Соколова Е. В.");
    expect(await alternative.getAttribute("aria-label")).toMatch(/^Соколова Елена Викторовна, оценка \d+$/);
    const altScore = await alternative.locator(".score").textContent();
    await alternative.click();
    expect(await mentorOf(page, "НЯ-0004")).toBe("НР-0003");
    expect(await igor.locator(".tag").textContent()).toBe("выбран вручную");
    expect(await igor.locator(".meter .value").textContent()).toBe(`${altScore} из 100`);
    expect(await load()).toEqual([
      "Иванова Мария Петровна — занято 1 из 2",
      "Петров Олег Ильич — занято 1 из 1",
      "Соколова Елена Викторовна — занято 2 из 2",
    ]);

    // Lock Смирнова's pair; reject Орлов's.
    await alena.locator("button.lock").click();
    expect(await alena.locator("button.lock").getAttribute("aria-pressed")).toBe("true");
    expect(await alena.locator(".tag").textContent()).toBe("закреплена");
    // A locked pair cannot be swapped until it is unlocked.
    expect(await alena.locator(".swap").count()).toBe(0);
    expect(await alena.locator(".note").textContent()).toMatch(/^Сохранится при новом подборе/);
    const petr = card(page, "НЯ-0002");
    expect(await mentorOf(page, "НЯ-0002")).toBe("НР-0002");
    await petr.locator("button.reject").click();
    expect(await petr.getAttribute("class")).toContain("rejected");
    expect(await petr.locator("button.lock").isDisabled()).toBe(true);
    expect(await text(page, "#status")).toBe("Отклонена пара: Орлов Пётр — Петров Олег Ильич.");
    expect(await text(page, "#btn-mt-confirm")).toBe("Утвердить 3 пары");
    expect(await text(page, "#mt-confirm-note")).toBe("Принято: 3, из них закреплено: 1; отклонено: 1.");

    // The whole section, with the confirm bar where it ends (it sticks to the bottom of a short panel).
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 300, height });
    await page.locator("#matching").screenshot({ path: "out/sidebar-matching.png" });
    await page.setViewportSize({ width: 300, height: 900 });

    // Again: the lock and the hand-made choice are kept, the rejected pair is not proposed.
    await run(page);
    const second = proposeCalls(callArgs).at(-1);
    expect(second?.locked).toEqual(
      expect.arrayContaining([
        { menteeId: "НЯ-0001", mentorId: "НР-0001" },
        { menteeId: "НЯ-0004", mentorId: "НР-0003" },
      ]),
    );
    expect(second?.locked).toHaveLength(2);
    expect(second?.excluded).toEqual([{ menteeId: "НЯ-0002", mentorId: "НР-0002" }]);
    expect(await mentorOf(page, "НЯ-0001")).toBe("НР-0001");
    expect(await card(page, "НЯ-0001").locator(".tag").textContent()).toBe("закреплена");
    expect(await mentorOf(page, "НЯ-0004")).toBe("НР-0003");
    expect(await card(page, "НЯ-0004").locator(".tag").textContent()).toBe("выбран вручную");
    const petrNow = await mentorOf(page, "НЯ-0002");
    expect(petrNow).not.toBe("НР-0002");
    expect(await card(page, "НЯ-0002").locator(".swap .name").allTextContents()).not.toContain(
      "Петров О. И.",
    );

    // Confirm: exactly the accepted pairs, the locked one marked, the bases' statuses changed.
    const accepted = new Map<string, string>();
    for (const article of await page.locator("#mt-cards article").all())
      accepted.set(
        String(await article.getAttribute("data-mentee")),
        String(await article.getAttribute("data-mentor")),
      );
    expect(await text(page, "#btn-mt-confirm")).toBe(
      `Утвердить ${plural(accepted.size, "пару", "пары", "пар")}`,
    );
    await page.click("#btn-mt-confirm");
    await expect.poll(() => text(page, "#status")).toBe(`Записано пар: ${accepted.size}. Отклонено: 1.`);
    const confirmCall = callArgs.filter((c) => c.name === "apiConfirmPairs").at(-1);
    const decisions = confirmCall?.args[0] as { menteeId: string; reasons: string; locked: boolean }[];
    expect(decisions.find((d) => d.menteeId === "НЯ-0001")?.reasons).toMatch(/^запросы закрыты: 2 из 2; /);

    const pairs = sheetRecords(gas, "Пары и группы");
    const approved = pairs.filter((p) => p.Статус === "Утверждена");
    expect(new Map(approved.map((p) => [p["ID наставляемого"], p["ID наставника"]]))).toEqual(accepted);
    expect(approved).toHaveLength(accepted.size);
    expect(
      approved.filter((p) => p["Закреплена вручную"] === true).map((p) => p["ID наставляемого"]),
    ).toEqual(["НЯ-0001"]);
    expect(approved.every((p) => String(p["Почему предложена"]).length > 0)).toBe(true);
    expect(
      pairs.filter((p) => p.Статус === "Отклонена").map((p) => [p["ID наставляемого"], p["ID наставника"]]),
    ).toEqual([["НЯ-0002", "НР-0002"]]);
    const mentees = sheetRecords(gas, "Наставляемые");
    for (const id of accepted.keys()) expect(mentees.find((m) => m.ID === id)?.Статус).toBe("В паре");
    expect(mentees.find((m) => m.ID === "НЯ-0005")?.Статус).toBe("Нет согласия");
    const mentors = sheetRecords(gas, "Наставники");
    for (const id of new Set(accepted.values()))
      expect(mentors.find((m) => m.ID === id)?.Статус).toBe("Наставник");

    // The panel: cards marked, the button off until the next «Подобрать», the overview re-read.
    expect(await page.locator("#mt-cards .tag.done").count()).toBe(accepted.size);
    expect(await page.locator("#btn-mt-confirm").isDisabled()).toBe(true);
    expect(await text(page, "#btn-mt-confirm")).toBe("Пары утверждены");
    expect(await page.locator("#mt-cards button.reject").count()).toBe(0);
    expect(await page.locator("#mt-confirm-report li").first().textContent()).toMatch(/^Записано пар: \d/);
    expect(await text(page, "#mt-hint")).toBe(
      `В базах: наставляемых 5, наставников 3. Пар в работе: ${accepted.size}.`,
    );

    // Confirming the same decisions again adds nothing.
    const before = sheetRecords(gas, "Пары и группы").length;
    const again = serverCall<ConfirmPairsResponse>(context, "apiConfirmPairs", ...(confirmCall?.args ?? []));
    expect(again.result.created).toEqual([]);
    expect(again.result.alreadyActive).toBe(accepted.size);
    expect(sheetRecords(gas, "Пары и группы")).toHaveLength(before);

    // The next run: only the mentee without consent is left, nothing to confirm.
    await run(page);
    expect(await page.locator("#mt-cards article").count()).toBe(0);
    expect(await text(page, "#mt-cards-title")).toBe("Предложений нет");
    expect(await page.locator("#btn-mt-confirm").isDisabled()).toBe(true);
    expect(proposeCalls(callArgs).at(-1)).toMatchObject({ locked: [], excluded: [] });
    await page.close();
  });

  it("«Другой наставник…» searches the eligible mentors; a full mentor is flagged and blocks confirming", async () => {
    const { page, context, callArgs } = await openSidebar(browser, seedSchool, { now: NOW, latencyMs: 300 });
    await expect.poll(() => text(page, "#mt-hint")).toMatch(/^В базах/);
    await page.click("#btn-mt-run");
    // Progress while the call runs.
    expect(await text(page, "#status")).toBe("Подбираю пары…");
    expect(await page.locator("#btn-mt-run").isDisabled()).toBe(true);
    expect(await page.locator('input[name="mt-scope"]').first().isDisabled()).toBe(true);
    await expect.poll(() => page.locator("#btn-mt-run").isEnabled()).toBe(true);
    expect(await page.locator("#mt-cards article").count()).toBe(4);
    const view = serverCall<ProposalView>(context, "apiProposePairs", proposeCalls(callArgs)[0]);

    const petr = card(page, "НЯ-0002");
    await petr.locator("button.more").click();
    const search = petr.locator(".picker input");
    expect(await search.evaluate((i) => i === document.activeElement)).toBe(true);
    const names = () =>
      petr
        .locator(".picker li:not([hidden])")
        .evaluateAll((li) => li.map((x) => (x as HTMLElement).dataset.name));
    expect(await names()).toEqual(
      view.proposals.find((p) => p.menteeId === "НЯ-0002")?.options.map((o) => o.mentorName),
    );
    expect(await petr.locator(".picker button.current .name").textContent()).toBe("Петров О. И.");
    await search.fill("соко");
    expect(await names()).toEqual(["Соколова Елена Викторовна"]);
    await search.fill("нет такого");
    expect(await names()).toEqual([]);
    expect(await petr.locator(".picker .small").isVisible()).toBe(true);
    await search.fill("елена соколова");
    await search.press("Enter");
    const option = view.proposals
      .find((p) => p.menteeId === "НЯ-0002")
      ?.options.find((o) => o.mentorId === "НР-0003");
    expect(await mentorOf(page, "НЯ-0002")).toBe("НР-0003");
    expect(await petr.locator(".picker").count()).toBe(0);
    expect(await petr.locator(".meter .value").textContent()).toBe(`${option?.score} из 100`);
    expect((await petr.locator(".reasons li").allTextContents()).slice(0, 3)).toEqual(
      option?.reasons.slice(0, 3),
    );
    expect(await petr.locator(".form").textContent()).toBe(`Форма: ${option?.form}`);

    // Соколова now has both places taken: moving Васильев to her would overfill.
    const igor = card(page, "НЯ-0004");
    const sokolova = igor.locator(".swap button.choice", { hasText: "Соколова" });
    expect(await sokolova.locator(".full").textContent()).toBe("мест нет");
    await sokolova.click();
    expect(await page.locator("#mt-load li.over .places").allTextContents()).toEqual(["занято 3 из 2"]);
    expect(await text(page, "#mt-load-summary")).toBe("Загрузка наставников: мест не хватает у 1");
    expect(await igor.locator(".warn").textContent()).toMatch(/^У наставника занято 3 из 2/);
    expect(await page.locator("#btn-mt-confirm").isDisabled()).toBe(true);
    expect(await text(page, "#mt-confirm-note")).toBe(
      "Мест не хватает: Соколова Елена Викторовна — занято 3 из 2. Замените наставника или отклоните пару.",
    );
    // Rejecting that pair frees the place.
    await igor.locator("button.reject").click();
    expect(await page.locator("#mt-load li.over").count()).toBe(0);
    expect(await page.locator("#btn-mt-confirm").isEnabled()).toBe(true);
    expect(await text(page, "#btn-mt-confirm")).toBe("Утвердить 3 пары");

    // Escape closes the list without a choice.
    await card(page, "НЯ-0001").locator("button.more").click();
    await card(page, "НЯ-0001").locator(".picker input").press("Escape");
    expect(await card(page, "НЯ-0001").locator(".picker").count()).toBe(0);
    expect(await mentorOf(page, "НЯ-0001")).toBe("НР-0001");
    await page.close();
  });

  it("sends the chosen form, strategy, scope and edited weights; a wrong weight stops in Russian", async () => {
    const { page, callArgs } = await openSidebar(browser, seedSchool, { now: NOW });
    await expect.poll(() => text(page, "#mt-hint")).toMatch(/^В базах/);
    const forms = await page.locator("#mt-form option").allTextContents();
    expect(forms[0]).toBe("Все формы");
    expect(forms).toContain("Учитель – учитель");

    // The weights start at the defaults, folded.
    expect(await page.locator("#mt-weights-box").getAttribute("open")).toBeNull();
    await page.click("#mt-weights-box > summary");
    const values = await page
      .locator("#mt-weights input")
      .evaluateAll((i) => i.map((x) => Number((x as HTMLInputElement).value)));
    expect(values).toEqual(CRITERIA.map((c) => SETTINGS.find((s) => s.key === c.setting)?.value));
    expect(await page.locator("#mt-weights label").allTextContents()).toEqual(CRITERIA.map((c) => c.label));

    // Untouched weights: the server takes those of «Настройки».
    await run(page);
    expect(proposeCalls(callArgs)[0]).toMatchObject({
      strategy: "optimal",
      scope: "unmatched",
      form: null,
      weights: null,
    });

    await page.selectOption("#mt-form", "Учитель – учитель");
    await page.locator('label:has(input[value="stable"])').click();
    expect(await text(page, "#mt-strategy-about")).toMatch(/^Никто не предпочтёт/);
    await page.locator('label:has(input[value="all"])').click();
    await page.fill("#mt-w-requests", "150");
    await page.click("#btn-mt-run");
    expect(await text(page, "#status")).toBe(
      "Вес «Запросы закрыты компетенциями» должен быть числом от 0 до 100.",
    );
    expect(await page.locator("#status").getAttribute("class")).toContain("error");
    expect(await page.locator("#mt-w-requests").getAttribute("class")).toContain("bad");
    expect(proposeCalls(callArgs)).toHaveLength(1);

    await page.fill("#mt-w-requests", "50");
    expect(await text(page, "#mt-weights-summary")).toBe("Веса (изменены)");
    await run(page);
    const sent = proposeCalls(callArgs)[1];
    expect(sent).toMatchObject({ strategy: "stable", scope: "all", form: "Учитель – учитель" });
    expect(sent?.weights?.requests).toBe(50);
    expect(sent?.weights?.subject).toBe(15);
    expect(await page.locator("#mt-w-requests").inputValue()).toBe("50");

    // «Как в «Настройки»» goes back to the workbook's weights.
    await page.click("#btn-mt-weights-reset");
    expect(await page.locator("#mt-w-requests").inputValue()).toBe("30");
    await run(page);
    expect(proposeCalls(callArgs)[2]?.weights).toBeNull();
    await page.close();
  });

  it("before set-up a run fails in Russian in the status line, not in a blank panel", async () => {
    const { page } = await openSidebar(browser);
    await expect.poll(() => text(page, "#mt-hint")).toMatch(/^Сначала нажмите «Настроить книгу»/);
    await page.click("#btn-mt-run");
    await expect.poll(() => page.locator("#status").getAttribute("class")).toContain("error");
    expect(await text(page, "#status")).toMatch(/[А-Яа-яЁё]{3,}/);
    expect(await page.locator("#btn-mt-run").isEnabled()).toBe(true);
    expect(await page.locator("#matching h2").isVisible()).toBe(true);
    await page.close();
  });
});

describe("helpers of the «Подбор пар» client", () => {
  it("shortens a full name to initials, and leaves anything else as it is", () => {
    expect(shortName("Иванова Мария Петровна")).toBe("Иванова М. П.");
    expect(shortName("Петров-Водкин Кузьма")).toBe("Петров-Водкин К.");
    expect(shortName("Салтыков-Щедрин Михаил Евграфович")).toBe("Салтыков-Щедрин М. Е.");
    expect(shortName("Иванова")).toBe("Иванова");
    expect(shortName("ООО «Ромашка» представитель")).toBe("ООО «Ромашка» представитель");
    expect(shortName(PAYLOAD)).toBe(PAYLOAD);
  });
});
