// The sidebar client. It talks to the server only through the typed contract, and puts
// every value on the page as text (names come from forms: never as HTML).

import type { RoadmapImportResponse, ServerApi } from "../app/contract";
import type { Overview } from "../app/overview";
import type { ImportMode, RoadmapImportResult } from "../app/roadmap";
import type { RoadmapProgress, UpcomingDeadline } from "../domain/roadmap/track";

interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

/** Calls a server function; resolves with its (plain JSON) result. */
export function call<K extends keyof ServerApi>(
  name: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v as ReturnType<ServerApi[K]>))
      .withFailureHandler((e) => reject(e));
    const fn = runner[name] as (...a: unknown[]) => void;
    fn.apply(runner, args);
  });
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`Нет элемента ${id}`);
  return node as T;
}

function setStatus(text: string, kind: "" | "error" | "ok" = ""): void {
  const node = byId("status");
  node.textContent = text;
  node.className = `status ${kind}`;
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^(Exception|Error|Ошибка):\s*/i, "") || "Неизвестная ошибка";
}

/** «1 день», «3 дня», «5 дней». */
export function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  const word = m10 === 1 && m100 !== 11 ? one : m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? few : many;
  return `${n} ${word}`;
}

function daysLeftText(days: number): string {
  if (days <= 0) return "сегодня";
  if (days === 1) return "завтра";
  return `через ${plural(days, "день", "дня", "дней")}`;
}

/** «2025-09-15» → «15.09». */
function dayMonth(iso: string): string {
  const [, m, d] = iso.split("-");
  return m && d ? `${d}.${m}` : iso;
}

function renderDeadline(n: UpcomingDeadline): HTMLLIElement {
  const li = el("li", undefined, n.daysLeft <= 7 ? "soon" : "");
  const when = el("div", undefined, "when");
  const date = el("span", dayMonth(n.deadline), "date");
  date.title = n.deadlineText;
  when.append(date, el("span", daysLeftText(n.daysLeft), "days"));
  const event = el("div", n.event, "event");
  event.title = n.event;
  li.append(when, event);
  if (n.owners) {
    const owners = el("div", n.owners, "owners");
    owners.title = n.owners;
    li.append(owners);
  }
  return li;
}

function renderProgress(o: Overview): void {
  const p: RoadmapProgress | null = o.roadmap;
  const line = byId("rm-progress");
  const bar = byId("rm-bar");
  const next = byId<HTMLUListElement>("rm-next");
  const hint = byId("rm-hint");
  const heading = byId("rm-next-title");
  const empty = !p || p.total === 0;
  line.hidden = empty;
  bar.hidden = empty;
  heading.hidden = empty;
  next.hidden = empty;
  byId("rm-refresh-row").hidden = empty;
  // Loading is rare once the roadmap is there: open the loaders only while it is empty.
  if (empty && o.setUp) byId<HTMLDetailsElement>("rm-load").open = true;
  if (!p || empty) {
    next.replaceChildren();
    hint.hidden = false;
    hint.textContent = !o.setUp
      ? "Сначала нажмите «Настроить книгу»: нужен лист «Дорожная карта»."
      : !p
        ? "Лист «Дорожная карта» не удалось прочитать — см. «Что дальше»."
        : "Дорожная карта пуста. Загрузите шаблон или импортируйте таблицу своей организации.";
    return;
  }
  const planned = p.total - p.cancelled;
  const overdue = el("span", `просрочено ${p.overdue}`, p.overdue > 0 ? "overdue" : "");
  line.replaceChildren(el("strong", `Выполнено ${p.done} из ${planned}`), " · ", overdue);
  if (p.withoutDeadline > 0) line.append(" · ", el("span", `без срока ${p.withoutDeadline}`, "muted"));
  const percent = planned > 0 ? Math.round((100 * p.done) / planned) : 0;
  const fill = bar.firstElementChild as HTMLElement | null;
  if (fill) fill.style.width = `${percent}%`;
  bar.title = `Выполнено ${percent} %`;
  next.replaceChildren(...p.next.map(renderDeadline));
  hint.hidden = p.next.length > 0;
  hint.textContent = p.next.length > 0 ? "" : "Предстоящих сроков нет.";
}

function renderTemplates(o: Overview): void {
  const select = byId<HTMLSelectElement>("rm-template");
  const chosen = select.value;
  select.replaceChildren(
    ...o.roadmapTemplates.map((t) => {
      const option = el("option", t.title);
      option.value = t.key;
      option.title = t.description;
      return option;
    }),
  );
  if (o.roadmapTemplates.some((t) => t.key === chosen)) select.value = chosen;
  describeTemplate(o);
}

let lastOverview: Overview | null = null;

/** Under the select, which cuts long titles at 300 px: the full title, its size and what it is. */
function describeTemplate(o: Overview | null = lastOverview): void {
  const select = byId<HTMLSelectElement>("rm-template");
  const t = o?.roadmapTemplates.find((x) => x.key === select.value);
  const about = byId("rm-template-about");
  about.replaceChildren();
  about.title = t?.description ?? "";
  select.title = t ? `${t.title}. ${t.description}` : "";
  if (!t) return;
  about.append(
    el("strong", `${t.title}: ${plural(t.items, "мероприятие", "мероприятия", "мероприятий")}.`),
    el("div", t.description, "text"),
  );
}

export function renderOverview(o: Overview): void {
  lastOverview = o;
  byId("org").textContent = o.organisation || "Организация не указана в «Настройки»";
  const next = byId<HTMLUListElement>("next");
  next.replaceChildren(
    ...(o.nextSteps.length ? o.nextSteps : ["Всё готово к работе."]).map((s) => el("li", s)),
  );
  renderProgress(o);
  renderTemplates(o);
  const body = byId<HTMLTableElement>("sheets").tBodies[0];
  if (!body) return;
  body.replaceChildren(
    ...o.sheets.map((s) => {
      const tr = el("tr");
      const name = el("td", s.name, s.present ? "" : "missing");
      name.title = s.purpose;
      const statuses = Object.entries(s.byStatus)
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ");
      if (statuses) name.append(el("div", statuses, "small"));
      if (s.problem) name.append(el("div", s.problem, "missing"));
      const count = !s.present ? "нет листа" : s.counted ? String(s.rows) : "—";
      tr.append(name, el("td", count, s.present ? "num" : "num missing"));
      return tr;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Actions. One call at a time: every action button is disabled while a call runs.

let running = false;

function setBusy(busy: boolean): void {
  running = busy;
  document.querySelectorAll<HTMLButtonElement>("button[data-action]").forEach((b) => {
    b.disabled = busy;
  });
  byId<HTMLSelectElement>("rm-template").disabled = busy;
  byId<HTMLInputElement>("rm-doc-url").readOnly = busy;
  document.body.setAttribute("aria-busy", String(busy));
}

/** Runs a server call with the buttons disabled; an error ends in the status line, in Russian. */
async function run(progress: string, action: () => Promise<void>): Promise<void> {
  if (running) return;
  setBusy(true);
  setStatus(progress);
  try {
    await action();
  } catch (error) {
    setStatus(errorText(error), "error");
  } finally {
    setBusy(false);
  }
}

function refresh(): Promise<void> {
  return run("Загрузка…", async () => {
    renderOverview(await call("apiGetOverview"));
    setStatus("");
  });
}

function setup(): Promise<void> {
  return run("Настраиваю книгу…", async () => {
    const result = await call("apiSetupWorkbook");
    byId("result-section").hidden = false;
    byId("result").replaceChildren(...result.lines.map((l) => el("li", l)));
    renderOverview(result.overview);
    setStatus(result.report.warnings.length ? "Готово, есть предупреждения." : "Готово.", "ok");
  });
}

/** A roadmap import that may have to be repeated with the curator's choice. */
interface PendingImport {
  what: string;
  send: (mode: ImportMode | null) => Promise<RoadmapImportResponse>;
}

let pending: PendingImport | null = null;

function hideDecision(): void {
  pending = null;
  byId("rm-decision").hidden = true;
}

function showDecision(request: PendingImport, result: RoadmapImportResult): void {
  pending = request;
  byId("rm-decision-text").replaceChildren(...result.lines.map((l) => el("p", l)));
  byId<HTMLDetailsElement>("rm-load").open = true;
  byId("rm-decision").hidden = false;
  byId<HTMLButtonElement>("btn-rm-replace").focus();
}

function importSummary(r: RoadmapImportResult): { text: string; warn: boolean } {
  const parts = [`Добавлено мероприятий: ${r.added}`];
  if (r.replaced > 0) parts.push(`заменено: ${r.replaced}`);
  if (r.skippedDuplicates > 0) parts.push(`повторов пропущено: ${r.skippedDuplicates}`);
  const unclear = r.report.unrecognisedDeadlines.length;
  const warn = unclear > 0 || r.unmatchedOwners.length > 0;
  return { text: `${parts.join(", ")}.${warn ? " Проверьте отчёт ниже." : ""}`, warn };
}

function importRoadmap(request: PendingImport, mode: ImportMode | null): Promise<void> {
  hideDecision();
  const progress = mode === "replace" ? "Заменяю дорожную карту…" : `${request.what}…`;
  return run(progress, async () => {
    // The report of an earlier import would read as this one's.
    byId("rm-report-section").hidden = true;
    const { result, overview } = await request.send(mode);
    renderOverview(overview);
    if (result.needsDecision) {
      showDecision(request, result);
      setStatus("Дорожная карта уже заполнена — выберите, что сделать.");
      return;
    }
    const report = byId("rm-report");
    report.replaceChildren(
      ...result.lines.map((l) =>
        el("li", l, /не распознан|не указан|Нет в листе|вне выбранного/.test(l) ? "warn" : ""),
      ),
    );
    byId("rm-report-section").hidden = false;
    const summary = importSummary(result);
    setStatus(summary.text, "ok");
  });
}

function loadTemplate(): Promise<void> {
  const key = byId<HTMLSelectElement>("rm-template").value;
  if (!key) {
    setStatus("Выберите шаблон дорожной карты.", "error");
    return Promise.resolve();
  }
  return importRoadmap(
    { what: "Загружаю шаблон", send: (mode) => call("apiLoadRoadmapTemplate", key, mode) },
    null,
  );
}

function importDoc(): Promise<void> {
  const url = byId<HTMLInputElement>("rm-doc-url").value.trim();
  if (!url) {
    setStatus("Вставьте ссылку на Google Документ с дорожной картой.", "error");
    byId<HTMLInputElement>("rm-doc-url").focus();
    return Promise.resolve();
  }
  return importRoadmap(
    { what: "Читаю документ", send: (mode) => call("apiImportRoadmapFromDoc", url, mode) },
    null,
  );
}

function refreshRoadmap(): Promise<void> {
  return run("Обновляю сроки…", async () => {
    const { refresh: r, overview } = await call("apiRefreshRoadmap");
    renderOverview(overview);
    setStatus(
      r.changedCells > 0 ? `Сроки обновлены: изменено ячеек ${r.changedCells}.` : "Сроки актуальны.",
      "ok",
    );
  });
}

function on(id: string, action: () => Promise<void>): void {
  byId(id).addEventListener("click", () => void action());
}

function start(): void {
  on("btn-setup", setup);
  on("btn-refresh", refresh);
  on("btn-rm-template", loadTemplate);
  on("btn-rm-import", importDoc);
  on("btn-rm-refresh", refreshRoadmap);
  on("btn-rm-replace", () => (pending ? importRoadmap(pending, "replace") : Promise.resolve()));
  on("btn-rm-append", () => (pending ? importRoadmap(pending, "append") : Promise.resolve()));
  byId("btn-rm-cancel").addEventListener("click", () => {
    hideDecision();
    setStatus("Загрузка отменена: дорожная карта не изменена.");
  });
  byId("rm-template").addEventListener("change", () => describeTemplate());
  byId("rm-doc-url").addEventListener("keydown", (e) => {
    if (e.key === "Enter") void importDoc();
  });
  void refresh();
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
