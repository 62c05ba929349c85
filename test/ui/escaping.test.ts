// The sidebar renders every value as text. In Chromium, over the built bundle and the fakes, every
// answer of the server is made hostile on its way to the page: each name, title, reason, line,
// detail and note gets HTML and script appended (`<img onerror>`, `<script>`, `"><svg onload>`),
// each URL becomes a `javascript:` / `data:` link or an https link that tries to break out of its
// attribute. Then every section is walked — overview, set-up report, roadmap, forms, matching
// proposals, confirmed pairs, documents, reminders, monitoring, close-year preview, an error in
// the status line — and after each step: no script ran (window.__pwned stays undefined), no
// <img>/<svg>/<iframe>/extra <script> element exists, no inline event handler attribute, no
// javascript:/data: link, and the hostile text is on the page literally.

import type vm from "node:vm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSchool } from "../bundle/reminders-school";
import type { GasEnvironment } from "../fakes/gas";
import { launch, openSidebar, seedRecords } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const PAYLOAD =
  ' <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>"><svg onload="window.__pwned=3">';
const URLS = [
  "javascript:window.__pwned=4",
  "data:text/html,<script>window.__pwned=5</script>",
  'https://ok.example/"><img/src=x/onerror=window.__pwned=6>',
  " javascript:window.__pwned=7",
];

/** Keys whose strings are shown as text: names, titles, reasons, lines, details… */
const TEXT_KEY =
  /(name|title|reason|reasons|details|detail|summary|lines|label|info|message|problems|problem|warnings|warning|note|notes|who|event|text|org|topic|topics|responsible|description|hint|subject|why|what|line|stage|action|file|sheet|heading|caption|items|facts|about)$/i;
const URL_KEY = /(url|href|link)$/i;

let urlTurn = 0;

function poison(value: unknown, key = ""): unknown {
  if (typeof value === "string") {
    if (URL_KEY.test(key) && value !== "") return URLS[urlTurn++ % URLS.length];
    if (TEXT_KEY.test(key) && !/id$/i.test(key)) return `${value}${PAYLOAD}`;
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => poison(v, key));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]));
  }
  return value;
}

/** Every api function of the bundle answers hostile values from now on. */
function poisonServer(ctx: vm.Context): void {
  for (const name of Object.keys(ctx).filter((n) => n.startsWith("api"))) {
    const real = ctx[name] as (...a: unknown[]) => unknown;
    ctx[name] = (...args: unknown[]) => poison(JSON.parse(JSON.stringify(real(...args) ?? null)));
  }
}

function school(gas: GasEnvironment, ctx: vm.Context): void {
  const call = (name: string, ...args: unknown[]) => (ctx[name] as (...a: unknown[]) => unknown)(...args);
  call("apiSetupWorkbook");
  seedSchool(gas, 2);
  seedRecords(gas, "Наставники", [
    {
      ID: "НР-0010",
      Статус: "Обучен",
      Категория: "Педагог",
      ФИО: "Свободная Ирина",
      Email: "free@school.ru",
      "Сколько наставляемых может взять": 2,
      "Согласие на обработку ПДн": true,
    },
  ]);
  call("apiSyncForms");
  poisonServer(ctx);
}

/** What the page must never hold, whatever step it is at. */
async function assertInert(page: Page, step: string): Promise<void> {
  const found = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown };
    const handlers: string[] = [];
    for (const node of Array.from(document.querySelectorAll("*")))
      for (const attr of Array.from(node.attributes))
        if (/^on/i.test(attr.name)) handlers.push(`${node.tagName}[${attr.name}]`);
    const links = Array.from(document.querySelectorAll("a[href]"))
      .map((a) => a.getAttribute("href") ?? "")
      .filter((h) => !/^https:\/\//i.test(h.trim()));
    return {
      pwned: w.__pwned ?? null,
      elements: document.querySelectorAll("img, svg, iframe, object, embed, video, audio").length,
      scripts: document.querySelectorAll("script").length,
      handlers,
      links,
    };
  });
  expect(found, step).toEqual({ pwned: null, elements: 0, scripts: 2, handlers: [], links: [] });
}

/** The hostile text shows literally inside this element. */
async function shownLiterally(page: Page, selector: string): Promise<void> {
  await expect
    .poll(async () => ((await page.locator(selector).first().textContent()) ?? "").includes(PAYLOAD.trim()), {
      timeout: 10_000,
    })
    .toBe(true);
}

async function idle(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.body.getAttribute("aria-busy")), { timeout: 10_000 })
    .not.toBe("true");
}

async function open(page: Page, selector: string): Promise<void> {
  const details = page.locator(selector).first();
  if ((await details.getAttribute("open")) === null) await page.click(`${selector} > summary`);
}

describe("the sidebar renders hostile server answers as text", () => {
  it("every section, step by step", async () => {
    const { page, context } = await openSidebar(browser, school, { now: "2025-09-15T10:00:00" });
    await expect.poll(() => page.locator("#status").textContent()).toBe("");
    await assertInert(page, "overview");
    await shownLiterally(page, "#sheets");

    await page.click("#btn-setup");
    await idle(page);
    await shownLiterally(page, "#result");
    await assertInert(page, "set-up report");

    await open(page, "#rm-load");
    await page.click("#btn-rm-template");
    await idle(page);
    if (await page.locator("#rm-decision").isVisible()) {
      await page.click("#btn-rm-append");
      await idle(page);
    }
    await shownLiterally(page, "#rm-report");
    await assertInert(page, "roadmap");

    await open(page, "#fm-body");
    await page.click("#btn-fm-sync");
    await idle(page);
    await shownLiterally(page, "#fm-list");
    await shownLiterally(page, "#fm-report");
    await assertInert(page, "forms");
    // javascript: and data: URLs make no link; an https URL that tries to leave its attribute stays one href.
    const forms = await page.locator("#fm-list > li").count();
    const hrefs = await page
      .locator("#fm-list a[href]")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(forms).toBeGreaterThan(hrefs.length);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toBe(URLS[2]);

    await page.click("#btn-mt-run");
    await idle(page);
    await shownLiterally(page, "#mt-cards");
    await assertInert(page, "matching proposals");
    await page.click("#btn-mt-confirm");
    await idle(page);
    await shownLiterally(page, "#mt-confirm-report");
    await assertInert(page, "confirmed pairs");

    await page.click("#dc-summary");
    await idle(page);
    await page.click("#btn-dc-list");
    await idle(page);
    await shownLiterally(page, "#dc-list");
    await page.click("#btn-dc-all");
    await page.click("#btn-dc-create");
    await idle(page);
    await shownLiterally(page, "#documents");
    await assertInert(page, "documents");

    await page.click("#rs-summary");
    await idle(page);
    await page.click("#btn-rs-preview");
    await idle(page);
    await shownLiterally(page, "#reminders");
    await assertInert(page, "reminders");

    await page.click("#mn-summary");
    await idle(page);
    await shownLiterally(page, "#monitoring");
    await assertInert(page, "monitoring");
    await page.click("#btn-cy-preview");
    await idle(page);
    await shownLiterally(page, "#cy-preview, #monitoring");
    await assertInert(page, "close-year preview");

    // An error message with HTML in it lands in the status line as text.
    context.apiGetOverview = () => {
      throw new Error(`Лист «Наставники»:${PAYLOAD}`);
    };
    await page.click("#btn-refresh");
    await idle(page);
    await shownLiterally(page, "#status");
    await assertInert(page, "error message");
    await page.close();
  });
});
