// The sidebar client. It talks to the server only through the typed contract, and puts
// every value on the page as text (names come from forms: never as HTML).

import { ACTIVE_PAIR_STATUSES } from "../app/cohort";
import type { RoadmapImportResponse, WithdrawResponse } from "../app/contract";
import type { FormState } from "../app/forms";
import type { Overview } from "../app/overview";
import type { PairDecision } from "../app/pairs";
import type { MentorOption, ProposalRequest, ProposalRow, ProposalView } from "../app/proposal-types";
import type { ImportMode, RoadmapImportResult } from "../app/roadmap";
import { CRITERIA, type CriterionKey, type LockedPair } from "../domain/matching/types";
import type { RoadmapProgress, UpcomingDeadline } from "../domain/roadmap/track";
import { LISTS, SETTINGS } from "../domain/schema";
import {
  byId,
  call,
  dateTimeRu,
  el,
  isRunning,
  plural,
  reportItems,
  run,
  safeUrl,
  setStatus,
} from "./common";
import { mountDocuments } from "./documents";
import { mountMonitoring } from "./monitoring";
import { mountReminders } from "./reminders";

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
  renderMatchingHint(o);
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

// ---------------------------------------------------------------------------------------------
// «Подбор пар»

type Decision = "accepted" | "rejected";

interface Card {
  row: ProposalRow;
  /** The mentor shown now: the proposed one, an alternative or one picked from the list. */
  choice: MentorOption;
  decision: Decision;
  locked: boolean;
  /** The mentor was chosen by the curator, not by the proposal. */
  manual: boolean;
  /** The row itself came back as the curator's choice of an earlier run. */
  manualRow: boolean;
  /** «Другой наставник…» is open, with what was typed in its search field. */
  picking: boolean;
  query: string;
  allReasons: boolean;
  /** After «Утвердить»: what happened to the pair. */
  outcome: { text: string; ok: boolean } | null;
}

interface MentorLoad {
  name: string;
  capacity: number;
  taken: number;
  chosen: number;
}

const REASONS_SHOWN = 3;
const SUPPORT_NOTE = "нужна поддержка, поиск продолжается";

const pairKey = (menteeId: string, mentorId: string): string => `${menteeId}|${mentorId}`;

/** The curator's decisions in this session, sent with the next «Подобрать» (and the rejections with «Утвердить»). */
const session = {
  /** Mentee → mentor of the pairs locked with «Закрепить». */
  locks: new Map<string, string>(),
  /** Mentee → mentor chosen by hand (an alternative or «Другой наставник…»): kept by the next run too. */
  manual: new Map<string, string>(),
  rejected: new Map<string, LockedPair>(),
};

let proposal: ProposalView | null = null;
let cards: Card[] = [];
/** «Утвердить» succeeded: the button stays off until the next «Подобрать». */
let confirmedNow = false;
let weightsEdited = false;

/** The weights set-up writes into «Настройки»; replaced by the workbook's own after a run. */
function defaultWeights(): Record<CriterionKey, number> {
  const out = {} as Record<CriterionKey, number>;
  for (const c of CRITERIA) {
    const s = SETTINGS.find((x) => x.key === c.setting);
    out[c.key] = s && typeof s.value === "number" ? s.value : 0;
  }
  return out;
}

let settingsWeights: Record<CriterionKey, number> = defaultWeights();
let settingsWeightsKnown = false;

function used(l: MentorLoad): number {
  return l.taken + l.chosen;
}

function weightInput(key: CriterionKey): HTMLInputElement {
  return byId<HTMLInputElement>(`mt-w-${key}`);
}

function fillWeights(weights: Readonly<Record<CriterionKey, number>>): void {
  for (const c of CRITERIA) {
    const input = weightInput(c.key);
    input.value = String(weights[c.key] ?? 0);
    input.classList.remove("bad");
  }
}

function describeWeights(): void {
  const note = byId("mt-weights-note");
  note.textContent = weightsEdited
    ? "Изменены для этого подбора; постоянные веса — в листе «Настройки». 0 — критерий выключен."
    : settingsWeightsKnown
      ? "Как в листе «Настройки». 0 — критерий выключен."
      : "По умолчанию; подбор возьмёт веса из листа «Настройки». 0 — критерий выключен.";
  byId("btn-mt-weights-reset").hidden = !weightsEdited;
  byId("mt-weights-summary").textContent = weightsEdited ? "Веса (изменены)" : "Веса";
}

function checkedValue(name: string): string {
  return document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? "";
}

function describeStrategy(): void {
  byId("mt-strategy-about").textContent =
    checkedValue("mt-strategy") === "stable"
      ? "Никто не предпочтёт друг друга своим парам: учитывает выбор после встречи."
      : "Как можно больше пар с наибольшей суммой оценок.";
}

function setupMatching(): void {
  const select = byId<HTMLSelectElement>("mt-form");
  const forms = LISTS.find((l) => l.key === "forms")?.values ?? [];
  select.append(
    ...forms.map((f) => {
      const option = el("option", f);
      option.value = f;
      return option;
    }),
  );
  byId("mt-weights").replaceChildren(
    ...CRITERIA.map((c) => {
      const row = el("div", undefined, "weight");
      const label = el("label", c.label);
      label.htmlFor = `mt-w-${c.key}`;
      const input = el("input");
      input.id = `mt-w-${c.key}`;
      input.type = "number";
      input.min = "0";
      input.max = "100";
      input.step = "1";
      input.inputMode = "numeric";
      input.dataset.lock = "";
      input.addEventListener("input", () => {
        weightsEdited = true;
        input.classList.remove("bad");
        describeWeights();
      });
      row.append(label, input);
      return row;
    }),
  );
  fillWeights(settingsWeights);
  describeWeights();
  describeStrategy();
}

function resetWeights(): void {
  weightsEdited = false;
  fillWeights(settingsWeights);
  describeWeights();
  setStatus(settingsWeightsKnown ? "Веса — как в листе «Настройки»." : "Веса — по умолчанию.");
}

function renderMatchingHint(o: Overview): void {
  const hint = byId("mt-hint");
  if (!o.setUp) {
    hint.textContent = "Сначала нажмите «Настроить книгу»: нужны листы «Наставляемые» и «Наставники».";
    return;
  }
  const sheet = (key: string) => o.sheets.find((s) => s.key === key);
  const mentees = sheet("mentees")?.rows ?? 0;
  const mentors = sheet("mentors")?.rows ?? 0;
  if (mentees === 0 || mentors === 0) {
    hint.textContent = `В базах: наставляемых ${mentees}, наставников ${mentors}. Сначала соберите анкеты (раздел «Анкеты»).`;
    return;
  }
  const byStatus = sheet("pairs")?.byStatus ?? {};
  const active = ACTIVE_PAIR_STATUSES.reduce((sum, s) => sum + (byStatus[s] ?? 0), 0);
  hint.textContent = `В базах: наставляемых ${mentees}, наставников ${mentors}. Пар в работе: ${active}.`;
}

/** The request from the choices above; null (and a Russian error) when a weight is wrong. */
function readRequest(): ProposalRequest | null {
  const weights: Partial<Record<CriterionKey, number>> = {};
  for (const c of CRITERIA) {
    const input = weightInput(c.key);
    const text = input.value.trim().replace(",", ".");
    const n = Number(text);
    if (text === "" || !Number.isFinite(n) || n < 0 || n > 100) {
      byId<HTMLDetailsElement>("mt-weights-box").open = true;
      input.classList.add("bad");
      input.focus();
      setStatus(`Вес «${c.label}» должен быть числом от 0 до 100.`, "error");
      return null;
    }
    weights[c.key] = Math.round(n);
  }
  const locked = new Map(session.manual);
  for (const [mentee, mentor] of session.locks) locked.set(mentee, mentor);
  return {
    strategy: checkedValue("mt-strategy") === "stable" ? "stable" : "optimal",
    scope: checkedValue("mt-scope") === "all" ? "all" : "unmatched",
    form: byId<HTMLSelectElement>("mt-form").value || null,
    weights: weightsEdited ? weights : null,
    locked: [...locked].map(([menteeId, mentorId]) => ({ menteeId, mentorId })),
    excluded: [...session.rejected.values()],
  };
}

function optionOf(row: ProposalRow): MentorOption {
  return {
    mentorId: row.mentorId,
    mentorName: row.mentorName,
    score: row.score,
    reasons: row.reasons,
    form: row.form,
  };
}

/** Every mentor this mentee can have, best first: the proposed one, the alternatives, the rest. */
function choicesOf(c: Card): MentorOption[] {
  const seen = new Set<string>();
  const out: MentorOption[] = [];
  for (const o of [optionOf(c.row), ...c.row.alternatives, ...c.row.options]) {
    if (seen.has(o.mentorId)) continue;
    seen.add(o.mentorId);
    out.push(o);
  }
  return out;
}

function loads(): Map<string, MentorLoad> {
  const out = new Map<string, MentorLoad>();
  for (const m of proposal?.mentors ?? [])
    out.set(m.mentorId, { name: m.mentorName, capacity: m.capacity, taken: m.taken, chosen: 0 });
  for (const c of cards) {
    if (c.decision !== "accepted" || (c.outcome && !c.outcome.ok)) continue;
    const l = out.get(c.choice.mentorId);
    if (l) l.chosen++;
  }
  return out;
}

/** Choosing this mentor for this card would take more places than the mentor has. */
function wouldOverfill(c: Card, o: MentorOption, load: Map<string, MentorLoad>): boolean {
  const l = load.get(o.mentorId);
  if (!l) return false;
  const already = c.decision === "accepted" && c.choice.mentorId === o.mentorId ? 0 : 1;
  return used(l) + already > l.capacity;
}

function setOff(button: HTMLButtonElement, off: boolean): void {
  if (off) button.dataset.off = "1";
  else delete button.dataset.off;
  button.disabled = isRunning() || off;
}

/** A button of a card: disabled while a call runs, and for good once the pairs are confirmed. */
function cardButton(text: string, className: string, focus: string, onClick: () => void): HTMLButtonElement {
  const b = el("button", text, className);
  b.type = "button";
  b.dataset.action = "";
  b.dataset.focus = focus;
  setOff(b, confirmedNow);
  b.addEventListener("click", onClick);
  return b;
}

function scoreMeter(score: number): HTMLElement {
  const meter = el("div", undefined, `meter${score >= 60 ? " high" : score < 40 ? " low" : ""}`);
  const bar = el("div", undefined, "bar");
  const fill = el("div");
  fill.style.width = `${Math.max(0, Math.min(100, score))}%`;
  bar.append(fill);
  meter.append(bar, el("span", `${score} из 100`, "value"));
  meter.title = `Оценка совместимости: ${score} из 100`;
  return meter;
}

/** «Иванова Мария Петровна» → «Иванова М. П.», as in orders: room for the score at 300 px. */
export function shortName(name: string): string {
  const words = name.trim().split(/\s+/);
  if (
    words.length < 2 ||
    words.length > 3 ||
    !words.every((w) => /^[А-ЯЁA-Z][а-яёa-z]+(-[А-ЯЁA-Z]?[а-яёa-z]+)?$/.test(w))
  )
    return name;
  const [family, ...rest] = words;
  return `${family} ${rest.map((w) => `${w[0]}.`).join(" ")}`;
}

function choiceButton(c: Card, o: MentorOption, load: Map<string, MentorLoad>): HTMLButtonElement {
  const current = o.mentorId === c.choice.mentorId;
  const full = wouldOverfill(c, o, load);
  const rejected = session.rejected.has(pairKey(c.row.menteeId, o.mentorId));
  const b = cardButton("", "choice", `${c.row.menteeId}:pick:${o.mentorId}`, () => choose(c, o));
  b.append(el("span", shortName(o.mentorName), "name"));
  b.setAttribute("aria-label", `${o.mentorName}, оценка ${o.score}${full ? ", мест нет" : ""}`);
  if (rejected) b.append(el("span", "отклонён", "full"));
  else if (full) b.append(el("span", "мест нет", "full"));
  b.append(el("span", String(o.score), "score"));
  const tips = [`${o.mentorName} — оценка ${o.score} из 100`, ...o.reasons.slice(0, REASONS_SHOWN)];
  if (full) tips.push("у наставника нет свободных мест");
  b.title = tips.join("\n");
  if (current) {
    b.classList.add("current");
    b.setAttribute("aria-current", "true");
  }
  if (full) b.classList.add("is-full");
  return b;
}

function matchesQuery(name: string, query: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/ё/g, "е");
  const hay = norm(name);
  return norm(query)
    .split(/\s+/)
    .filter((w) => w !== "")
    .every((w) => hay.includes(w));
}

function filterPicker(list: HTMLUListElement, empty: HTMLElement, query: string): void {
  let shown = 0;
  for (const li of Array.from(list.children) as HTMLElement[]) {
    li.hidden = !matchesQuery(li.dataset.name ?? "", query);
    if (!li.hidden) shown++;
  }
  empty.hidden = shown > 0;
}

function renderPicker(c: Card, load: Map<string, MentorLoad>): HTMLElement {
  const id = c.row.menteeId;
  const box = el("div", undefined, "picker");
  const input = el("input");
  input.type = "text";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.placeholder = "Найти наставника по имени";
  input.setAttribute("aria-label", `Найти наставника для: ${c.row.menteeName}`);
  input.dataset.focus = `${id}:search`;
  input.value = c.query;
  const list = el("ul");
  list.setAttribute("aria-label", "Подходящие наставники, лучшие сверху");
  for (const o of choicesOf(c)) {
    const li = el("li");
    li.dataset.name = o.mentorName;
    li.append(choiceButton(c, o, load));
    list.append(li);
  }
  const empty = el(
    "div",
    "Никого не найдено: в списке только наставники, подходящие этому наставляемому.",
    "small",
  );
  filterPicker(list, empty, c.query);
  input.addEventListener("input", () => {
    c.query = input.value;
    filterPicker(list, empty, c.query);
  });
  input.addEventListener("keydown", (e) => {
    // The focus moves to «Другой наставник…»: the key must not press it too.
    if (e.key === "Escape" || e.key === "Enter") e.preventDefault();
    if (e.key === "Escape") {
      c.picking = false;
      c.query = "";
      renderCards(`${id}:more`);
    } else if (e.key === "Enter") {
      const first = list.querySelector<HTMLElement>("li:not([hidden]) button:not(:disabled)");
      first?.click();
    }
  });
  box.append(input, list, empty);
  return box;
}

function renderReasons(c: Card): HTMLUListElement {
  const reasons = c.choice.reasons;
  const list = el("ul", undefined, "reasons");
  const shown = c.allReasons ? reasons : reasons.slice(0, REASONS_SHOWN);
  list.append(...shown.map((r) => el("li", r)));
  if (reasons.length > REASONS_SHOWN) {
    const li = el("li", undefined, "toggle");
    const more = el("button", c.allReasons ? "свернуть" : `ещё ${reasons.length - REASONS_SHOWN}`, "link");
    more.type = "button";
    more.dataset.focus = `${c.row.menteeId}:reasons`;
    more.addEventListener("click", () => {
      c.allReasons = !c.allReasons;
      renderCards();
    });
    li.append(more);
    list.append(li);
  }
  if (reasons.length === 0) list.append(el("li", "причин не указано"));
  return list;
}

function renderCard(c: Card, load: Map<string, MentorLoad>): HTMLElement {
  const id = c.row.menteeId;
  const l = load.get(c.choice.mentorId);
  const over = c.decision === "accepted" && !c.outcome && !!l && used(l) > l.capacity;
  const classes = [
    "card",
    c.decision === "rejected" ? "rejected" : c.locked ? "locked" : "",
    over ? "over" : "",
  ];
  const card = el("article", undefined, classes.filter(Boolean).join(" "));
  card.dataset.mentee = id;
  card.dataset.mentor = c.choice.mentorId;

  const head = el("div", undefined, "head");
  const name = el("div", c.row.menteeName || id, "mentee");
  name.title = c.row.menteeName;
  head.append(name);
  if (c.outcome && c.decision === "rejected") head.append(el("span", c.outcome.text, "tag"));
  else if (c.outcome)
    head.append(
      el("span", c.outcome.ok ? c.outcome.text : "не записана", `tag ${c.outcome.ok ? "done" : "failed"}`),
    );
  else if (c.decision === "rejected") head.append(el("span", "отклонена", "tag"));
  else if (c.locked) head.append(el("span", "закреплена", "tag locked"));
  else if (c.manual) head.append(el("span", "выбран вручную", "tag manual"));
  card.append(head, el("div", [id, c.row.menteeInfo].filter(Boolean).join(" · "), "info"));

  const mentor = el("div", undefined, "mentor");
  mentor.append(el("span", "Наставник: ", "arrow"), el("span", c.choice.mentorName, "who"));
  mentor.title = `${c.choice.mentorName} (${c.choice.mentorId})`;
  card.append(
    mentor,
    scoreMeter(c.choice.score),
    renderReasons(c),
    el("div", `Форма: ${c.choice.form}`, "form"),
  );

  if (over && l)
    card.append(
      el(
        "div",
        `У наставника занято ${used(l)} из ${l.capacity}: мест не хватает. Выберите другого или отклоните пару.`,
        "warn",
      ),
    );
  if (c.outcome && !c.outcome.ok) card.append(el("div", c.outcome.text, "warn"));
  if (c.outcome) return card;
  if (c.decision === "rejected")
    card.append(
      el(
        "div",
        "Больше не будет предлагаться. Выберите другого наставника или нажмите «Подобрать» ещё раз.",
        "note",
      ),
    );

  const decide = el("div", undefined, "decide");
  const accept = cardButton("Принять", "accept", `${id}:accept`, () => acceptCard(c));
  accept.setAttribute("aria-pressed", String(c.decision === "accepted"));
  const reject = cardButton("Отклонить", "reject", `${id}:reject`, () => rejectCard(c));
  reject.setAttribute("aria-pressed", String(c.decision === "rejected"));
  const lock = cardButton(c.locked ? "Закреплена" : "Закрепить", "lock", `${id}:lock`, () => toggleLock(c));
  lock.setAttribute("aria-pressed", String(c.locked));
  lock.title = c.locked
    ? "Пара сохранится при новом подборе. Нажмите, чтобы снять закрепление."
    : "Сохранить эту пару при новом подборе";
  if (c.decision === "rejected") setOff(lock, true);
  decide.append(accept, reject, lock);
  card.append(decide);

  if (c.locked) {
    card.append(
      el("div", "Сохранится при новом подборе. Чтобы сменить наставника, снимите закрепление.", "note"),
    );
    return card;
  }
  const others = choicesOf(c)
    .filter((o) => o.mentorId !== c.choice.mentorId && !session.rejected.has(pairKey(id, o.mentorId)))
    .slice(0, 2);
  const swap = el("div", undefined, "swap");
  if (others.length > 0) {
    swap.append(el("span", c.manual || c.decision === "rejected" ? "Или:" : "Заменить на:", "label"));
    swap.append(...others.map((o) => choiceButton(c, o, load)));
  }
  const more = cardButton(c.picking ? "Скрыть список" : "Другой наставник…", "more", `${id}:more`, () => {
    c.picking = !c.picking;
    c.query = "";
    renderCards(c.picking ? `${id}:search` : `${id}:more`);
  });
  more.setAttribute("aria-expanded", String(c.picking));
  swap.append(more);
  if (c.picking) swap.append(renderPicker(c, load));
  card.append(swap);
  return card;
}

function renderLoad(load: Map<string, MentorLoad>): void {
  // Overfilled mentors first, then by name: a curator finds a name where it is expected.
  const items = [...load.values()].sort(
    (a, b) =>
      Number(used(b) > b.capacity) - Number(used(a) > a.capacity) || a.name.localeCompare(b.name, "ru"),
  );
  const over = items.filter((l) => used(l) > l.capacity).length;
  byId("mt-load").replaceChildren(
    ...items.map((l) => {
      const li = el("li", undefined, used(l) > l.capacity ? "over" : used(l) === l.capacity ? "full" : "");
      const name = el("span", l.name, "name");
      name.title = l.name;
      li.append(name, el("span", `занято ${used(l)} из ${l.capacity}`, "places"));
      li.title = `${l.name}: в реестре ${l.taken}, в этом подборе ${l.chosen}, мест ${l.capacity}`;
      return li;
    }),
  );
  const summary = byId("mt-load-summary");
  summary.textContent =
    over > 0 ? `Загрузка наставников: мест не хватает у ${over}` : `Загрузка наставников (${items.length})`;
  summary.className = over > 0 ? "over" : "";
  if (over > 0) byId<HTMLDetailsElement>("mt-load-box").open = true;
}

function renderConfirmBar(load: Map<string, MentorLoad>): void {
  const accepted = cards.filter((c) => c.decision === "accepted");
  const n = accepted.length;
  const locked = accepted.filter((c) => c.locked).length;
  const rejected = session.rejected.size;
  const over = [...load.values()].filter((l) => used(l) > l.capacity);
  const button = byId<HTMLButtonElement>("btn-mt-confirm");
  button.textContent = confirmedNow
    ? "Пары утверждены"
    : n > 0
      ? `Утвердить ${plural(n, "пару", "пары", "пар")}`
      : rejected > 0
        ? "Запомнить отклонения"
        : "Утвердить пары";
  setOff(button, confirmedNow || over.length > 0 || n + rejected === 0);
  const note = byId("mt-confirm-note");
  note.className = "small";
  if (confirmedNow) {
    note.textContent = "Записано в «Пары и группы». Новый подбор — кнопка «Подобрать».";
  } else if (over.length > 0) {
    note.className = "small warn";
    note.textContent = `Мест не хватает: ${over
      .map((l) => `${l.name} — занято ${used(l)} из ${l.capacity}`)
      .join("; ")}. Замените наставника или отклоните пару.`;
  } else if (n + rejected === 0) {
    note.textContent = "Нет принятых пар.";
  } else {
    const parts = [`Принято: ${n}${locked > 0 ? `, из них закреплено: ${locked}` : ""}`];
    if (rejected > 0) parts.push(`отклонено: ${rejected}`);
    note.textContent = `${parts.join("; ")}.`;
  }
}

/** Draws the cards, the mentors' load and the confirm bar again; keeps the focus where it was. */
function renderCards(focus?: string): void {
  const active = document.activeElement as HTMLElement | null;
  const key = focus ?? active?.dataset?.focus;
  const load = loads();
  const list = byId("mt-cards");
  list.replaceChildren(...cards.map((c) => renderCard(c, load)));
  byId("mt-cards-title").textContent = cards.length > 0 ? `Предложения (${cards.length})` : "Предложений нет";
  renderLoad(load);
  renderConfirmBar(load);
  if (key) {
    const target = list.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`);
    if (target && !(target as HTMLButtonElement).disabled) target.focus();
  }
}

function renderUnmatched(v: ProposalView): void {
  byId("mt-unmatched-section").hidden = v.unmatched.length === 0;
  byId("mt-unmatched-title").textContent = `Без наставника (${v.unmatched.length})`;
  byId("mt-unmatched").replaceChildren(
    ...v.unmatched.map((u) => {
      const li = el("li");
      li.dataset.mentee = u.menteeId;
      li.append(
        el("div", u.menteeName || u.menteeId, "name"),
        el("div", `${u.menteeId} · ${u.reason} — ${SUPPORT_NOTE}`, "why"),
      );
      return li;
    }),
  );
}

function showProposal(v: ProposalView): void {
  proposal = v;
  confirmedNow = false;
  // A choice the server could not keep is no longer the curator's.
  for (const row of v.proposals) {
    const id = row.menteeId;
    if (session.manual.has(id) && session.manual.get(id) !== row.mentorId) session.manual.delete(id);
    if (session.locks.has(id) && session.locks.get(id) !== row.mentorId) session.locks.delete(id);
  }
  cards = v.proposals.map((row) => {
    const manual = session.manual.get(row.menteeId) === row.mentorId;
    const explicit = session.locks.get(row.menteeId) === row.mentorId;
    return {
      row,
      choice: optionOf(row),
      decision: "accepted",
      locked: explicit || (row.locked && !manual),
      manual,
      manualRow: manual,
      picking: false,
      query: "",
      allReasons: false,
      outcome: null,
    };
  });
  fillWeights(v.weights);
  byId("mt-lines").replaceChildren(...v.lines.map((l) => el("li", l)));
  byId("mt-confirm-section").hidden = true;
  renderUnmatched(v);
  byId("mt-result").hidden = false;
  renderCards();
}

function proposalStatus(v: ProposalView, scope: ProposalRequest["scope"]): string {
  if (v.counts.mentees === 0)
    return scope === "unmatched"
      ? "Подбирать некого: у всех наставляемых с согласием уже есть пара."
      : "Подбирать некого: в базе нет наставляемых для подбора.";
  const parts = [`Предложено пар: ${v.proposals.length}`];
  if (v.unmatched.length > 0) parts.push(`без наставника: ${v.unmatched.length}`);
  return `${parts.join("; ")}.${v.proposals.length > 0 ? " Проверьте и утвердите." : ""}`;
}

function propose(): Promise<void> {
  const request = readRequest();
  if (!request) return Promise.resolve();
  return run("Подбираю пары…", async () => {
    const view = await call("apiProposePairs", request);
    if (!request.weights) {
      settingsWeights = { ...view.weights };
      settingsWeightsKnown = true;
    }
    showProposal(view);
    describeWeights();
    setStatus(proposalStatus(view, request.scope), "ok");
  });
}

function acceptCard(c: Card): void {
  c.decision = "accepted";
  session.rejected.delete(pairKey(c.row.menteeId, c.choice.mentorId));
  renderCards();
}

function rejectCard(c: Card): void {
  const id = c.row.menteeId;
  c.decision = "rejected";
  c.locked = false;
  c.picking = false;
  session.locks.delete(id);
  session.manual.delete(id);
  session.rejected.set(pairKey(id, c.choice.mentorId), { menteeId: id, mentorId: c.choice.mentorId });
  renderCards();
  setStatus(`Отклонена пара: ${c.row.menteeName} — ${c.choice.mentorName}.`);
}

function toggleLock(c: Card): void {
  if (c.decision === "rejected") return;
  const id = c.row.menteeId;
  c.locked = !c.locked;
  c.picking = false;
  if (c.locked) session.locks.set(id, c.choice.mentorId);
  else session.locks.delete(id);
  renderCards();
  setStatus(
    c.locked
      ? `Закреплена пара: ${c.row.menteeName} — ${c.choice.mentorName}.`
      : `Закрепление снято: «${c.row.menteeName}».`,
  );
}

function choose(c: Card, o: MentorOption): void {
  if (c.locked) return;
  const id = c.row.menteeId;
  c.choice = o;
  c.decision = "accepted";
  c.picking = false;
  c.query = "";
  c.allReasons = false;
  c.manual = o.mentorId !== c.row.mentorId || c.manualRow;
  session.rejected.delete(pairKey(id, o.mentorId));
  if (c.manual) session.manual.set(id, o.mentorId);
  else session.manual.delete(id);
  renderCards(`${id}:more`);
  setStatus(`${c.row.menteeName}: наставник — ${o.mentorName}, оценка ${o.score}.`);
}

function confirmMatches(): Promise<void> {
  if (confirmedNow || !proposal) return Promise.resolve();
  const accepted: PairDecision[] = cards
    .filter((c) => c.decision === "accepted")
    .map((c) => ({
      menteeId: c.row.menteeId,
      mentorId: c.choice.mentorId,
      score: c.choice.score,
      reasons: c.choice.reasons.join("; "),
      form: c.choice.form,
      locked: c.locked,
    }));
  const rejected = [...session.rejected.values()];
  const progress =
    accepted.length > 0
      ? `Утверждаю ${plural(accepted.length, "пару", "пары", "пар")}…`
      : "Запоминаю отклонения…";
  return run(progress, async () => {
    const { result, overview } = await call("apiConfirmPairs", accepted, rejected);
    confirmedNow = true;
    const skipped = new Map(result.skipped.map((s) => [pairKey(s.menteeId, s.mentorId), s.reason]));
    for (const c of cards) {
      c.picking = false;
      const why = skipped.get(pairKey(c.row.menteeId, c.choice.mentorId));
      c.outcome =
        c.decision === "rejected"
          ? { text: "отклонена", ok: true }
          : why
            ? { text: `Не записана: ${why}.`, ok: false }
            : { text: "утверждена", ok: true };
    }
    session.locks.clear();
    session.manual.clear();
    session.rejected.clear();
    renderOverview(overview);
    byId("mt-confirm-report").replaceChildren(
      ...result.lines.map((l) => el("li", l, /^Не записана/.test(l) ? "warn" : "")),
    );
    byId("mt-confirm-section").hidden = false;
    renderCards();
    const written = `Записано пар: ${result.created.length}`;
    if (result.skipped.length > 0)
      setStatus(`${written}; не записано: ${result.skipped.length} — см. «Что записано».`, "error");
    else setStatus(`${written}.${result.rejected > 0 ? ` Отклонено: ${result.rejected}.` : ""}`, "ok");
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
  setupMatching();
  mountDocuments();
  mountReminders();
  mountMonitoring();
  on("btn-mt-run", propose);
  on("btn-mt-confirm", confirmMatches);
  byId("btn-mt-weights-reset").addEventListener("click", resetWeights);
  document.querySelectorAll<HTMLInputElement>('input[name="mt-strategy"]').forEach((input) => {
    input.addEventListener("change", describeStrategy);
  });
  void refresh();
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
