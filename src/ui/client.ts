// The sidebar client. It talks to the server only through the typed contract, and puts
// every value on the page as text (names come from forms: never as HTML).

import type { RoadmapImportResponse, ServerApi, WithdrawResponse } from "../app/contract";
import type { FormState } from "../app/forms";
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
  renderForms(o);
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
// «Анкеты»

/** «2025-09-15T11:30:00.000Z» → «15.09.2025 14:30» in the curator's time zone. */
export function dateTimeRu(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Only web links become a link (never «javascript:» from a cell). */
function safeUrl(url: string): string | null {
  return /^https:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : null;
}

const COPY_LABEL = "Копировать ссылку";
const copyTimers = new WeakMap<HTMLElement, number>();

/** The button itself says «Ссылка скопирована» for a few seconds: no room beside it at 300 px. */
function showCopied(li: HTMLElement): void {
  const button = li.querySelector<HTMLButtonElement>("button.copy");
  if (!button) return;
  button.textContent = "Ссылка скопирована";
  button.classList.add("copied");
  const before = copyTimers.get(button);
  if (before !== undefined) window.clearTimeout(before);
  copyTimers.set(
    button,
    window.setTimeout(() => {
      button.textContent = COPY_LABEL;
      button.classList.remove("copied");
    }, 3000),
  );
}

/** The fallback when the clipboard API is refused: the link in a selected read-only field. */
function linkField(li: HTMLElement, url: string): HTMLInputElement {
  let input = li.querySelector<HTMLInputElement>("input.link");
  if (!input) {
    input = el("input", undefined, "link");
    input.type = "text";
    input.readOnly = true;
    input.setAttribute("aria-label", "Ссылка на анкету");
    li.querySelector(".tools")?.after(input);
  }
  input.value = url;
  input.focus();
  input.select();
  return input;
}

async function copyLink(f: FormState, li: HTMLElement): Promise<void> {
  const url = safeUrl(f.publishedUrl);
  if (!url) {
    setStatus(`У анкеты «${f.name}» нет ссылки: нажмите «Создать / обновить анкеты».`, "error");
    return;
  }
  let copied = false;
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(url);
      copied = true;
    }
  } catch {
    copied = false;
  }
  if (!copied) {
    linkField(li, url);
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
  }
  if (copied) {
    showCopied(li);
    setStatus(`Ссылка скопирована: «${f.name}».`, "ok");
  } else {
    setStatus("Ссылка выделена — скопируйте её: Ctrl+C (на Mac ⌘C).");
  }
}

function renderForm(f: FormState): HTMLLIElement {
  // Green: answers came in; amber: the last intake left rows to check or not loaded.
  const attention = /(на проверке|без согласия|не загружено) [1-9]/.test(f.intakeSummary);
  const li = el("li", undefined, !f.lastIntake ? "" : attention ? "answered attention" : "answered");
  li.dataset.kind = f.kind;
  const name = el("div", f.name, "name");
  name.title = f.title && f.title !== f.name ? `Заголовок формы: «${f.title}»` : f.name;
  const tools = el("div", undefined, "tools");
  const copy = el("button", COPY_LABEL, "copy");
  copy.type = "button";
  copy.title = f.publishedUrl;
  copy.addEventListener("click", () => void copyLink(f, li));
  tools.append(copy);
  const url = safeUrl(f.publishedUrl);
  if (url) {
    const open = el("a", "Открыть", "open");
    open.href = url;
    open.target = "_blank";
    open.rel = "noopener";
    open.title = "Открыть анкету, как её видят участники";
    tools.append(open);
  } else {
    copy.disabled = true;
  }
  const intake = el("div", undefined, "intake");
  if (f.lastIntake) {
    intake.append(el("span", dateTimeRu(f.lastIntake), "when"));
    if (f.intakeSummary) intake.append(` — ${f.intakeSummary}`);
    if (attention) intake.title = "Проверьте записи со статусом «Требует проверки» и «Нет согласия» в базах.";
  } else {
    intake.textContent = "ответов ещё не было";
  }
  li.append(name, tools, intake);
  return li;
}

function latestIntake(forms: readonly FormState[]): string | null {
  let latest: string | null = null;
  for (const f of forms) {
    if (f.lastIntake && (!latest || Date.parse(f.lastIntake) > Date.parse(latest))) latest = f.lastIntake;
  }
  return latest;
}

function renderSheetChoices(o: Overview): void {
  const select = byId<HTMLSelectElement>("fm-sheet");
  const chosen = select.value;
  const responses = [...new Set(o.forms.map((f) => f.responsesSheet).filter((n) => n !== ""))];
  const others = o.otherSheets.filter((n) => !responses.includes(n));
  const option = (name: string, title: string) => {
    const node = el("option", name);
    node.value = name;
    node.title = title;
    return node;
  };
  const placeholder = el(
    "option",
    responses.length + others.length > 0 ? "Выберите лист" : "Нет подходящих листов",
  );
  placeholder.value = "";
  const groups: HTMLElement[] = [placeholder];
  if (responses.length > 0) {
    const group = el("optgroup");
    group.label = "Ответы анкет";
    group.append(
      ...responses.map((n) => {
        const form = o.forms.find((f) => f.responsesSheet === n);
        return option(n, form ? `Ответы: ${form.name}` : n);
      }),
    );
    groups.push(group);
  }
  if (others.length > 0) {
    const group = el("optgroup");
    group.label = "Другие листы";
    group.append(...others.map((n) => option(n, n)));
    groups.push(group);
  }
  select.replaceChildren(...groups);
  select.value = [...responses, ...others].includes(chosen) ? chosen : "";
  select.title = select.value;
}

/** A responses sheet belongs to one form: choosing it chooses the form too. */
function sheetChosen(): void {
  const select = byId<HTMLSelectElement>("fm-sheet");
  select.title = select.value;
  const form = lastOverview?.forms.find((f) => f.responsesSheet === select.value);
  if (form) byId<HTMLSelectElement>("fm-kind").value = form.kind;
}

function renderForms(o: Overview): void {
  const forms = o.forms;
  const body = byId<HTMLDetailsElement>("fm-body");
  // The questionnaires are the task while none exists; afterwards the panel stays as the curator left it.
  if (o.setUp && forms.length === 0) body.open = true;
  byId("fm-summary").textContent = forms.length > 0 ? "Ссылки и ответы" : "Создание анкет";
  const list = byId<HTMLUListElement>("fm-list");
  list.replaceChildren(...forms.map(renderForm));
  list.hidden = forms.length === 0;
  byId("btn-fm-sync").className = forms.length === 0 && o.setUp ? "primary" : "";
  const latest = latestIntake(forms);
  const hint = byId("fm-hint");
  if (!o.setUp) hint.textContent = "Сначала нажмите «Настроить книгу»: нужен лист «Анкеты».";
  else if (forms.length === 0)
    hint.textContent =
      "Анкет ещё нет. Создайте их и разошлите ссылки: ответы попадут в базы наставляемых и наставников.";
  else if (!latest) hint.textContent = `Анкет: ${forms.length}. Ответов ещё не было.`;
  // The date and time never split over two lines.
  else
    hint.replaceChildren(
      `Анкет: ${forms.length}. Последние ответы: `,
      el("span", `${dateTimeRu(latest)}.`, "nowrap"),
    );
  renderSheetChoices(o);
}

/** Report lines; the indented ones are the rows held or not loaded, shown as problems. */
function reportItems(lines: readonly string[]): HTMLLIElement[] {
  return lines.map((line) => {
    const indented = /^\s+/.test(line);
    return el("li", line.trim(), indented ? "warn indent" : "");
  });
}

// ---------------------------------------------------------------------------------------------
// Actions. One call at a time: every action button is disabled while a call runs.

let running = false;

function setBusy(busy: boolean): void {
  running = busy;
  document.querySelectorAll<HTMLButtonElement>("button[data-action]").forEach((b) => {
    b.disabled = busy;
  });
  // Fields stay readable while a call runs, but cannot change under it.
  document.querySelectorAll<HTMLSelectElement>("select[data-lock]").forEach((s) => {
    s.disabled = busy;
  });
  document.querySelectorAll<HTMLInputElement>("input[data-lock]").forEach((i) => {
    i.readOnly = busy;
  });
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

function syncForms(): Promise<void> {
  return run("Создаю и обновляю анкеты…", async () => {
    byId("fm-report-section").hidden = true;
    const { report, triggerInstalled, overview } = await call("apiSyncForms");
    renderOverview(overview);
    // The links are in the list above: the report says only what happened to each form.
    const items = reportItems(report.lines.map((l) => l.replace(/: https:\/\/\S+$/, ".")));
    if (triggerInstalled)
      items.push(el("li", "Ответы теперь загружаются в базы сами, как только кто-то отправит анкету.", "ok"));
    byId("fm-report").replaceChildren(...items);
    byId("fm-report-section").hidden = false;
    const created = report.forms.filter((f) => f.created).length;
    const foreign = report.forms.some((f) => f.foreignItems.length > 0);
    const text =
      created === report.forms.length
        ? `Анкеты созданы: ${report.forms.length}.`
        : created > 0
          ? `Анкет создано: ${created}, остальные обновлены.`
          : "Анкеты обновлены.";
    setStatus(foreign ? `${text} Проверьте отчёт ниже.` : `${text} Разошлите ссылки участникам.`, "ok");
  });
}

function importResponses(): Promise<void> {
  const sheet = byId<HTMLSelectElement>("fm-sheet").value;
  const kind = byId<HTMLSelectElement>("fm-kind").value;
  if (!sheet) {
    setStatus("Выберите лист с ответами.", "error");
    byId("fm-sheet").focus();
    return Promise.resolve();
  }
  if (!kind) {
    setStatus("Выберите, какой анкете принадлежат ответы.", "error");
    byId("fm-kind").focus();
    return Promise.resolve();
  }
  return run(`Загружаю ответы из листа «${sheet}»…`, async () => {
    byId("fm-import-section").hidden = true;
    const { report, lines, overview } = await call("apiImportResponsesFromSheet", sheet, kind);
    renderOverview(overview);
    byId("fm-import-report").replaceChildren(...reportItems(lines));
    byId("fm-import-section").hidden = false;
    const parts = [`новых ${report.created}`, `обновлено ${report.updated}`];
    if (report.rejected.length > 0) parts.push(`не загружено ${report.rejected.length}`);
    const attention = report.rejected.length + report.held.length + report.warnings.length > 0;
    setStatus(`Ответы загружены: ${parts.join(", ")}.${attention ? " Проверьте отчёт ниже." : ""}`, "ok");
  });
}

/** «нр 12», «НЯ-1» or with Latin look-alikes «HP-0012» → «НР-0012» (IDs have four digits at least). */
export function personId(text: string): string {
  const t = text.trim().toUpperCase();
  const m = /^([НH])([ЯРP])\s*-?\s*(\d{1,6})$/.exec(t);
  if (!m) return t;
  return `Н${m[2] === "Я" ? "Я" : "Р"}-${(m[3] ?? "").padStart(4, "0")}`;
}

let withdrawal: { id: string; reason: string } | null = null;

function hideConfirm(): void {
  withdrawal = null;
  byId("fm-confirm").hidden = true;
}

function askWithdraw(): void {
  const id = personId(byId<HTMLInputElement>("fm-person").value);
  if (!/^(НР|НЯ)-\d{1,6}$/.test(id)) {
    hideConfirm();
    setStatus("Укажите ID наставника (НР-…) или наставляемого (НЯ-…), например НЯ-0001.", "error");
    byId("fm-person").focus();
    return;
  }
  withdrawal = { id, reason: byId<HTMLInputElement>("fm-reason").value.trim() };
  byId("fm-withdraw-report").hidden = true;
  byId("fm-confirm-text").replaceChildren("Удалить персональные данные ", el("strong", id, "nowrap"), "?");
  byId("fm-confirm").hidden = false;
  setStatus("Подтвердите удаление персональных данных.");
  byId<HTMLButtonElement>("btn-fm-cancel").focus();
}

function withdrawnLines(r: WithdrawResponse["result"]): string[] {
  const lines = [`${r.id}, лист «${r.sheet}»: статус «Согласие отозвано».`];
  lines.push(
    r.erased.length > 0
      ? `Удалено: ${r.erased.map((h) => `«${h}»`).join(", ")}.`
      : "Персональных данных в записи уже не было.",
  );
  if (r.pairs > 0)
    lines.push(`Имя удалено в «Пары и группы»: ${plural(r.pairs, "строка", "строки", "строк")}.`);
  if (r.feedback > 0)
    lines.push(`Комментарии удалены в «Обратная связь»: ${plural(r.feedback, "строка", "строки", "строк")}.`);
  lines.push("ID и обезличенная история сохранены для статистики; запись сделана в «Журнал».");
  return lines;
}

function confirmWithdraw(): Promise<void> {
  const request = withdrawal;
  hideConfirm();
  if (!request) return Promise.resolve();
  return run(`Удаляю персональные данные ${request.id}…`, async () => {
    const { result, overview } = await call("apiWithdrawPerson", request.id, request.reason);
    renderOverview(overview);
    const report = byId("fm-withdraw-report");
    report.replaceChildren(...withdrawnLines(result).map((l) => el("li", l)));
    report.hidden = false;
    byId<HTMLInputElement>("fm-person").value = "";
    byId<HTMLInputElement>("fm-reason").value = "";
    setStatus(`Согласие ${result.id} отозвано, персональные данные удалены.`, "ok");
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
  on("btn-fm-sync", syncForms);
  on("btn-fm-import", importResponses);
  byId("fm-sheet").addEventListener("change", sheetChosen);
  byId("btn-fm-withdraw").addEventListener("click", askWithdraw);
  on("btn-fm-confirm", confirmWithdraw);
  byId("btn-fm-cancel").addEventListener("click", () => {
    hideConfirm();
    setStatus("Отзыв согласия отменён: данные не изменены.");
    byId("fm-person").focus();
  });
  // The confirmation is for the ID it names: another ID needs its own.
  for (const id of ["fm-person", "fm-reason"])
    byId(id).addEventListener("input", () => {
      if (withdrawal) hideConfirm();
    });
  byId("fm-person").addEventListener("keydown", (e) => {
    if (e.key === "Enter") askWithdraw();
  });
  byId("rm-doc-url").addEventListener("keydown", (e) => {
    if (e.key === "Enter") void importDoc();
  });
  void refresh();
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
