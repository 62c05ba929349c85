// The sidebar section «Документы»: choose the kind, see whom it is about, create the document(s)
// — once: the same set again is reported, not duplicated — and follow a long job to its end.
// Every value goes on the page as text; links only through safeUrl.

import type { CandidatesView, DocumentsResponse, DocumentsView } from "../app/contract-documents";
import type { GeneratedDoc, GenerateRequest, JobProgress } from "../app/documents";
import { type DocSubject, KINDS } from "../domain/docs/kinds";
import { DOC_KINDS, type DocKind } from "../domain/docs/model";
// A cycle (client.ts mounts this section): only called after both modules have loaded.
import { renderOverview } from "./client";
import { byId, call, el, errorText, isRunning, plural, run, safeUrl, setStatus } from "./common";

/** What a document of each kind is, in one line under the select. */
const ABOUT: Record<DocKind, string> = {
  "pairs-order": "Один приказ на отмеченные пары и группы, с приложением-таблицей.",
  "curator-order": "Назначает куратора, указанного в «Настройках». Список не нужен.",
  "mentors-order": "Один приказ на отмеченных наставников и совет наставников (лист «Команда»).",
  "completion-order": "Один приказ на завершённые пары и поощрение их наставников.",
  program: "Отдельная программа на каждую пару: цели, задачи, план встреч. Ссылка — в «Пары и группы».",
  consent: "Отдельный документ на каждого наставника: согласие и соглашение (ст. 351.8 ТК РФ).",
  report:
    "Отчёт за год для управления образованием и регионального центра: показатели, формы, практики, отмеченные наставники.",
  "site-text": "Черновик новости об итогах года для сайта: цифры, отзывы, благодарность наставникам.",
};

const LIST_WORDS: Record<DocSubject, [string, string, string]> = {
  pairs: ["пара", "пары", "пар"],
  pair: ["пара", "пары", "пар"],
  mentors: ["наставник", "наставника", "наставников"],
  mentor: ["наставник", "наставника", "наставников"],
  none: ["строка", "строки", "строк"],
};

let state: DocumentsView | null = null;
let listed: CandidatesView | null = null;
const chosen = new Set<string>();
/** The last request sent: «Создать новую редакцию» repeats it with newRevision. */
let lastRequest: GenerateRequest | null = null;
/** What this run (with its continuations) has produced so far. */
let shown: GeneratedDoc[] = [];
let problems: string[] = [];
let warnings: string[] = [];
/** The report lines of every call of the run, each once. */
let report: string[] = [];

function kindSelect(): HTMLSelectElement {
  return byId<HTMLSelectElement>("dc-kind");
}

function currentKind(): DocKind {
  const value = kindSelect().value;
  return (DOC_KINDS as readonly string[]).includes(value) ? (value as DocKind) : "pairs-order";
}

function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** «2025-09-01» → «01.09.2025»; anything else as it is. */
function dateRu(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

function link(text: string, url: string, className = ""): HTMLElement {
  const href = safeUrl(url);
  if (!href) return el("span", text, className);
  const a = el("a", text, className);
  a.href = href;
  a.target = "_blank";
  a.rel = "noopener";
  return a;
}

function setOff(button: HTMLButtonElement, off: boolean): void {
  if (off) button.dataset.off = "1";
  else delete button.dataset.off;
  button.disabled = isRunning() || off;
}

// ---------------------------------------------------------------------------------------------
// Drawing

function renderAbout(): void {
  const kind = currentKind();
  const info = KINDS[kind];
  const about = byId("dc-about");
  about.replaceChildren(el("div", ABOUT[kind]));
  const template = state?.kinds.find((k) => k.kind === kind)?.templateUrl ?? null;
  const where = el("div", undefined, "where");
  if (template && safeUrl(template)) {
    const a = link("Шаблон", template, "template");
    a.title = `Открыть шаблон «${info.title}»: бланк, формулировки и поля {{…}} можно править`;
    where.append(a, " — Google Документ в папке «Наставничество — шаблоны», его можно править.");
  } else {
    where.textContent =
      "Шаблон появится в папке «Наставничество — шаблоны» при первом создании; его можно будет править.";
  }
  about.append(where);
  if (info.isOrder && state?.nextOrderNumber)
    about.append(el("div", `Номер приказа будет: № ${state.nextOrderNumber}`, "number"));
  byId("dc-date-label").textContent = info.isOrder ? "Дата приказа" : "Дата документа";
  byId("btn-dc-list").hidden = info.subject === "none";
}

function renderCounts(): void {
  const counts = byId("dc-counts");
  const create = byId<HTMLButtonElement>("btn-dc-create");
  const note = byId("dc-create-note");
  const info = KINDS[currentKind()];
  if (info.subject === "none") {
    counts.textContent = "";
    setOff(create, false);
    note.textContent = "";
    return;
  }
  if (!listed) {
    setOff(create, true);
    note.textContent = "Нажмите «Показать список», проверьте отметки и нажмите «Создать».";
    return;
  }
  const [one, few, many] = LIST_WORDS[info.subject];
  const n = listed.candidates.filter((c) => chosen.has(c.id)).length;
  counts.textContent = `Отмечено ${n} из ${listed.candidates.length}`;
  setOff(create, n === 0);
  note.textContent =
    n === 0
      ? listed.candidates.length === 0
        ? "Список пуст: создавать не для кого."
        : "Ничего не отмечено."
      : info.subject === "pair" || info.subject === "mentor"
        ? `Будет создано документов: ${n}.`
        : `В документ войдут ${plural(n, one, few, many)}.`;
}

/** «№ 01-05/3 от 01.09.2025» → «в приказе № 01-05/3 от 01.09.2025»; a document without a number by its title. */
function inDocumentText(doc: string): string {
  return doc.startsWith("№") ? `в приказе ${doc}` : `уже есть: ${doc}`;
}

function renderCandidate(c: CandidatesView["candidates"][number]): HTMLLIElement {
  const li = el("li", undefined, c.inDocument ? "in-doc" : "");
  li.dataset.id = c.id;
  const label = el("label");
  const box = el("input");
  box.type = "checkbox";
  box.value = c.id;
  box.checked = chosen.has(c.id);
  box.dataset.lock = "";
  box.disabled = isRunning();
  box.addEventListener("change", () => {
    if (box.checked) chosen.add(c.id);
    else chosen.delete(c.id);
    renderCounts();
  });
  const text = el("span", undefined, "text");
  text.append(el("span", c.label || c.id, "name"));
  if (c.detail) text.append(el("span", c.detail, "detail"));
  if (c.inDocument) text.append(el("span", inDocumentText(c.inDocument), "in"));
  label.title = [c.label, c.detail, c.inDocument ? inDocumentText(c.inDocument) : ""]
    .filter(Boolean)
    .join("\n");
  label.append(box, text);
  li.append(label);
  return li;
}

function renderList(): void {
  const box = byId("dc-pick");
  box.hidden = !listed;
  if (!listed) {
    renderCounts();
    return;
  }
  byId("dc-list").replaceChildren(...listed.candidates.map(renderCandidate));
  byId("dc-list-lines").replaceChildren(...listed.lines.map((l) => el("li", l)));
  byId("dc-list-tools").hidden = listed.candidates.length === 0;
  renderCounts();
}

function renderRecent(): void {
  const recent = state?.recent ?? [];
  const box = byId<HTMLDetailsElement>("dc-recent-box");
  box.hidden = recent.length === 0;
  byId("dc-recent-summary").textContent = `Последние документы (${recent.length})`;
  byId("dc-recent").replaceChildren(
    ...recent.map((r) => {
      const li = el("li");
      const a = link(r.title, r.url, "title");
      a.title = r.title;
      li.append(a, el("span", dateRu(r.date), "date"));
      return li;
    }),
  );
}

function pending(job: JobProgress | null | undefined): job is JobProgress {
  return !!job && job.done + job.failed.length < job.total;
}

function renderJob(job: JobProgress | null, interrupted: boolean): void {
  const box = byId("dc-job");
  box.hidden = !job;
  if (!job) return;
  const title = KINDS[job.kind]?.title ?? job.kind;
  const line = byId("dc-job-line");
  line.replaceChildren(el("strong", `Создано ${job.done} из ${job.total}`));
  if (job.failed.length > 0) line.append(" · ", el("span", `не удалось ${job.failed.length}`, "failed"));
  byId("dc-job-title").textContent = title;
  const percent = job.total > 0 ? Math.round((100 * (job.done + job.failed.length)) / job.total) : 100;
  const fill = byId("dc-job-bar").firstElementChild as HTMLElement | null;
  if (fill) fill.style.width = `${percent}%`;
  byId("dc-job-bar").setAttribute("aria-valuenow", String(percent));
  const more = pending(job);
  byId("dc-job-note").textContent = !more
    ? "Готово."
    : interrupted
      ? "Создание прервано. Уже созданные документы сохранены и зарегистрированы — нажмите «Продолжить»."
      : "Документы создаются частями; не закрывайте панель.";
  byId("btn-dc-continue").hidden = !(more && interrupted);
}

function renderResults(): void {
  const section = byId("dc-result-section");
  section.hidden = shown.length + problems.length + report.length === 0;
  byId("dc-docs").replaceChildren(
    ...shown.map((d) => {
      const li = el("li", undefined, d.existing ? "existing" : "");
      li.dataset.id = d.id;
      const a = link(d.title, d.url, "title");
      a.title = d.title;
      li.append(a);
      const meta = el("div", undefined, "meta");
      const parts: string[] = [];
      if (d.revision > 1) parts.push(`редакция ${d.revision}`);
      if (d.existing) parts.push("уже был создан");
      if (parts.length > 0) meta.append(parts.join(", "));
      const pdf = d.pdfUrl ? safeUrl(d.pdfUrl) : null;
      if (pdf) {
        if (parts.length > 0) meta.append(" · ");
        meta.append(link("PDF", pdf, "pdf"));
      }
      if (meta.childNodes.length > 0) li.append(meta);
      return li;
    }),
  );
  byId("dc-docs").hidden = shown.length === 0;
  byId("dc-problems").replaceChildren(...problems.map((p) => el("li", p, "error")));
  byId("dc-lines").replaceChildren(
    ...report.map((l) => el("li", l, /^Не создан/.test(l) ? "error" : /^Внимание:/.test(l) ? "warn" : "")),
  );
}

function renderState(view: DocumentsView | null): void {
  state = view;
  renderAbout();
  renderRecent();
  const hint = byId("dc-hint");
  if (!view) return;
  hint.textContent = "";
  hint.hidden = true;
  if (view.job && pending(view.job) && byId("dc-job").hidden) renderJob(view.job, true);
  const pdf = byId<HTMLInputElement>("dc-pdf");
  if (pdf.dataset.touched !== "1") pdf.checked = view.exportPdf;
}

// ---------------------------------------------------------------------------------------------
// Actions

let loading: Promise<void> | null = null;

/** Reads the section's state once it is opened; a failure stays in the section, not the status. */
function loadState(): Promise<void> {
  if (state) return Promise.resolve();
  if (!loading)
    loading = call("apiDocumentsState")
      .then((view) => renderState(view))
      .catch((error: unknown) => {
        const hint = byId("dc-hint");
        hint.textContent = errorText(error);
        hint.hidden = false;
      })
      .finally(() => {
        loading = null;
      });
  return loading;
}

function kindChanged(): void {
  listed = null;
  chosen.clear();
  byId("dc-exists").hidden = true;
  renderAbout();
  renderList();
}

function showList(): Promise<void> {
  const kind = currentKind();
  return run("Составляю список…", async () => {
    if (!state) await loadState();
    const view = await call("apiDocumentCandidates", kind);
    if (currentKind() !== kind) return;
    listed = view;
    chosen.clear();
    for (const c of view.candidates) if (c.preselected) chosen.add(c.id);
    byId("dc-exists").hidden = true;
    renderList();
    const [one, few, many] = LIST_WORDS[KINDS[kind].subject];
    setStatus(
      view.candidates.length === 0
        ? "Список пуст."
        : `В списке ${plural(view.candidates.length, one, few, many)}, отмечено ${chosen.size}.`,
      "ok",
    );
  });
}

/** After a run the list shows where the chosen rows went; the curator's ticks stay. */
async function relist(kind: DocKind): Promise<void> {
  if (!listed || listed.kind !== kind || KINDS[kind].subject === "none") return;
  try {
    const view = await call("apiDocumentCandidates", kind);
    if (currentKind() !== kind) return;
    const known = new Set(view.candidates.map((c) => c.id));
    for (const id of [...chosen]) if (!known.has(id)) chosen.delete(id);
    listed = view;
    renderList();
  } catch {
    // The documents are made; a stale list is only a view.
  }
}

/** The date and «Также PDF» as shown; null (and a Russian error) when the date is wrong. */
function readOptions(): { date: string | null; pdf: boolean } | null {
  const dateInput = byId<HTMLInputElement>("dc-date");
  const date = dateInput.value.trim();
  if (date !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    setStatus("Укажите дату документа.", "error");
    dateInput.focus();
    return null;
  }
  return { date: date || null, pdf: byId<HTMLInputElement>("dc-pdf").checked };
}

function readRequest(): GenerateRequest | null {
  const kind = currentKind();
  const info = KINDS[kind];
  const ids =
    info.subject === "none"
      ? []
      : (listed?.candidates ?? []).filter((c) => chosen.has(c.id)).map((c) => c.id);
  if (info.subject !== "none" && ids.length === 0) {
    setStatus("Отметьте в списке, для кого создать документ.", "error");
    return null;
  }
  const options = readOptions();
  return options ? { kind, ids, newRevision: false, ...options } : null;
}

function absorb(response: DocumentsResponse): void {
  const r = response.result;
  const seen = new Set(shown.map((d) => `${d.id}|${d.url}`));
  for (const d of r.documents) if (!seen.has(`${d.id}|${d.url}`)) shown.push(d);
  for (const p of r.problems) if (!problems.includes(p)) problems.push(p);
  for (const w of r.warnings) if (!warnings.includes(w)) warnings.push(w);
  // A job counts per call; its progress bar and the status say the totals instead.
  const perCall = (l: string) => r.job !== null && /^(Создано документов: \d|Готово \d+ из \d+)/.test(l);
  for (const l of r.lines) if (!perCall(l) && !report.includes(l)) report.push(l);
  renderResults();
  renderState(response.state);
  // «Листы книги» and «Что дальше» follow the new rows of «Приказы» and the pairs.
  renderOverview(response.overview);
}

/** Continues the job until it is done; a failed call stops it with «Продолжить» on screen. */
async function follow(first: DocumentsResponse): Promise<DocumentsResponse | null> {
  let response = first;
  let job = response.result.job;
  renderJob(job, false);
  while (pending(job)) {
    setStatus(`Создано ${job.done} из ${job.total}…`);
    const before = job.done + job.failed.length;
    try {
      response = await call("apiContinueDocuments");
    } catch (error) {
      renderJob(job, true);
      setStatus(`${errorText(error)} Нажмите «Продолжить».`, "error");
      return null;
    }
    absorb(response);
    const next: JobProgress | null = response.result.job;
    renderJob(next, false);
    if (pending(next) && next.done + next.failed.length <= before) {
      // No step forward in a whole call: better to stop than to call for ever.
      renderJob(next, true);
      setStatus("Документы не создаются: см. сообщения ниже и нажмите «Продолжить».", "error");
      return null;
    }
    job = next;
  }
  return response;
}

function finish(response: DocumentsResponse, request: GenerateRequest | null): void {
  const r = response.result;
  const created = shown.filter((d) => !d.existing);
  const existing = shown.filter((d) => d.existing);
  const failed = r.job?.failed.length ?? 0;
  const exists = byId("dc-exists");
  exists.hidden = true;
  if (problems.length > 0 && shown.length === 0) {
    setStatus("Документ не создан: исправьте ошибки в списке ниже.", "error");
    return;
  }
  if (existing.length > 0 && request && !request.newRevision) {
    const text = byId("dc-exists-text");
    text.replaceChildren(
      existing.length === 1
        ? "Такой документ уже создан — второй не создавался. "
        : `Уже созданы документы: ${existing.length} — повторно не создавались. `,
      KINDS[request.kind].isOrder
        ? "Нужна исправленная версия? Создайте новую редакцию: она получит новый номер и будет зарегистрирована в «Приказы»."
        : "Нужна исправленная версия? Создайте новую редакцию: она будет зарегистрирована в «Приказы».",
    );
    exists.hidden = false;
  }
  const failedText = failed > 0 ? `; не удалось: ${failed} — см. ниже` : "";
  if (created.length > 0) {
    const old = existing.length > 0 ? `; уже были: ${existing.length}` : "";
    const text = `Создано документов: ${created.length}${old}${failedText}.`;
    if (failed > 0) setStatus(text, "error");
    else setStatus(warnings.length > 0 ? `${text} Есть предупреждения — см. ниже.` : text, "ok");
  } else if (existing.length > 0) {
    setStatus(
      `${existing.length === 1 ? "Такой документ уже есть — новый не создан" : `Такие документы уже есть: ${existing.length} — новые не созданы`}${failedText}.`,
      failed > 0 ? "error" : "",
    );
  } else {
    setStatus(`Документы не созданы${failedText}.`, "error");
  }
}

function generate(request: GenerateRequest | null): Promise<void> {
  if (!request) return Promise.resolve();
  const info = KINDS[request.kind];
  const perItem = info.subject === "pair" || info.subject === "mentor";
  const progress = request.newRevision
    ? "Создаю новую редакцию…"
    : perItem
      ? `Создаю документы: ${request.ids.length}…`
      : "Создаю документ…";
  return run(progress, async () => {
    lastRequest = request;
    shown = [];
    problems = [];
    warnings = [];
    report = [];
    byId("dc-exists").hidden = true;
    byId("dc-job").hidden = true;
    renderResults();
    const first = await call("apiGenerateDocuments", request);
    absorb(first);
    const last = await follow(first);
    if (!last) return;
    renderJob(last.result.job ?? first.result.job, false);
    finish(last, request);
    await relist(request.kind);
  });
}

function resume(): Promise<void> {
  return run("Продолжаю создание документов…", async () => {
    byId("btn-dc-continue").hidden = true;
    let first: DocumentsResponse;
    try {
      first = await call("apiContinueDocuments");
    } catch (error) {
      byId("btn-dc-continue").hidden = false;
      throw error;
    }
    absorb(first);
    const last = await follow(first);
    if (!last) return;
    renderJob(last.result.job ?? first.result.job, false);
    finish(last, null);
    if (lastRequest) await relist(lastRequest.kind);
  });
}

// ---------------------------------------------------------------------------------------------
// Building the section

function field(id: string, labelText: string, control: HTMLElement, labelId?: string): HTMLElement {
  const box = el("div", undefined, "field");
  const label = el("label", labelText);
  label.htmlFor = id;
  if (labelId) label.id = labelId;
  box.append(label, control);
  return box;
}

function button(id: string, text: string, className = ""): HTMLButtonElement {
  const b = el("button", text, className);
  b.id = id;
  b.type = "button";
  b.dataset.action = "";
  return b;
}

function build(root: HTMLElement): void {
  const hint = el("p", undefined, "small dc-hint");
  hint.id = "dc-hint";
  hint.hidden = true;

  const select = el("select");
  select.id = "dc-kind";
  select.dataset.lock = "";
  select.append(
    ...DOC_KINDS.map((k) => {
      const option = el("option", KINDS[k].title);
      option.value = k;
      option.title = KINDS[k].title;
      return option;
    }),
  );
  const about = el("div", undefined, "about dc-about");
  about.id = "dc-about";

  const listActions = el("div", undefined, "actions");
  listActions.append(button("btn-dc-list", "Показать список"));

  const pick = el("div", undefined, "dc-pick");
  pick.id = "dc-pick";
  pick.hidden = true;
  const head = el("div", undefined, "dc-head");
  const counts = el("span", undefined, "dc-counts");
  counts.id = "dc-counts";
  const tools = el("span", undefined, "dc-tools");
  tools.id = "dc-list-tools";
  const all = el("button", "Отметить все", "link");
  all.type = "button";
  all.id = "btn-dc-all";
  const none = el("button", "Снять все", "link");
  none.type = "button";
  none.id = "btn-dc-none";
  tools.append(all, none);
  head.append(counts, tools);
  const list = el("ul", undefined, "dc-list");
  list.id = "dc-list";
  list.setAttribute("aria-labelledby", "dc-counts");
  const listLines = el("ul", undefined, "log");
  listLines.id = "dc-list-lines";
  pick.append(head, list, listLines);

  const options = el("div", undefined, "dc-options");
  const date = el("input");
  date.id = "dc-date";
  date.type = "date";
  date.dataset.lock = "";
  date.value = todayIso();
  const dateField = field("dc-date", "Дата приказа", date, "dc-date-label");
  const pdfLabel = el("label", undefined, "dc-check");
  const pdf = el("input");
  pdf.id = "dc-pdf";
  pdf.type = "checkbox";
  pdf.dataset.lock = "";
  pdf.addEventListener("change", () => {
    pdf.dataset.touched = "1";
  });
  pdfLabel.append(pdf, " Также PDF");
  pdfLabel.title = "Рядом с документом сохранить его PDF-копию";
  options.append(dateField, pdfLabel);

  const createActions = el("div", undefined, "actions");
  createActions.append(button("btn-dc-create", "Создать", "primary"));
  const createNote = el("div", undefined, "small");
  createNote.id = "dc-create-note";

  const exists = el("div", undefined, "decision");
  exists.id = "dc-exists";
  exists.setAttribute("role", "alertdialog");
  exists.setAttribute("aria-labelledby", "dc-exists-text");
  exists.hidden = true;
  const existsText = el("p");
  existsText.id = "dc-exists-text";
  const existsActions = el("div", undefined, "actions");
  existsActions.append(button("btn-dc-revision", "Создать новую редакцию"));
  exists.append(existsText, existsActions);

  const job = el("div", undefined, "dc-job");
  job.id = "dc-job";
  job.hidden = true;
  const jobTitle = el("div", undefined, "small");
  jobTitle.id = "dc-job-title";
  const jobLine = el("div", undefined, "progress");
  jobLine.id = "dc-job-line";
  const bar = el("div", undefined, "bar");
  bar.id = "dc-job-bar";
  bar.setAttribute("role", "progressbar");
  bar.setAttribute("aria-valuemin", "0");
  bar.setAttribute("aria-valuemax", "100");
  bar.setAttribute("aria-labelledby", "dc-job-line");
  bar.append(el("div"));
  const jobNote = el("div", undefined, "small");
  jobNote.id = "dc-job-note";
  const jobActions = el("div", undefined, "actions");
  const resumeButton = button("btn-dc-continue", "Продолжить", "primary");
  resumeButton.hidden = true;
  jobActions.append(resumeButton);
  job.append(jobTitle, jobLine, bar, jobNote, jobActions);

  const result = el("section", undefined, "dc-result");
  result.id = "dc-result-section";
  result.hidden = true;
  const docs = el("ul", undefined, "dc-docs");
  docs.id = "dc-docs";
  const resultProblems = el("ul", undefined, "log dc-problems");
  resultProblems.id = "dc-problems";
  const lines = el("ul", undefined, "log dc-lines");
  lines.id = "dc-lines";
  result.append(el("h3", "Результат"), docs, resultProblems, lines);

  const recent = el("details", undefined, "dc-recent");
  recent.id = "dc-recent-box";
  recent.hidden = true;
  const recentSummary = el("summary", "Последние документы");
  recentSummary.id = "dc-recent-summary";
  const recentList = el("ul");
  recentList.id = "dc-recent";
  recent.append(recentSummary, recentList);

  // Closed until the curator needs it: opening it reads the section's state (one call).
  const body = el("details", undefined, "dc-body");
  body.id = "dc-body";
  const summary = el("summary", "Приказы, программы, согласия");
  summary.id = "dc-summary";
  body.append(
    summary,
    hint,
    field("dc-kind", "Вид документа", select),
    about,
    listActions,
    pick,
    options,
    createActions,
    createNote,
    exists,
    job,
    result,
    recent,
  );
  root.replaceChildren(el("h2", "Документы"), body);
}

/** Builds the section into its container and wires its buttons. */
export function mountDocuments(): void {
  build(byId("documents"));
  kindSelect().addEventListener("change", kindChanged);
  byId("btn-dc-list").addEventListener("click", () => void showList());
  byId("btn-dc-create").addEventListener("click", () => void generate(readRequest()));
  // The same set as the request that found the document, with the date and PDF shown now.
  byId("btn-dc-revision").addEventListener("click", () => {
    const options = readOptions();
    if (lastRequest && options)
      void generate({ kind: lastRequest.kind, ids: lastRequest.ids, newRevision: true, ...options });
  });
  byId("btn-dc-continue").addEventListener("click", () => void resume());
  byId("btn-dc-all").addEventListener("click", () => {
    if (isRunning() || !listed) return;
    for (const c of listed.candidates) chosen.add(c.id);
    renderList();
  });
  byId("btn-dc-none").addEventListener("click", () => {
    if (isRunning()) return;
    chosen.clear();
    renderList();
  });
  const body = byId<HTMLDetailsElement>("dc-body");
  body.addEventListener("toggle", () => {
    if (body.open) void loadState();
  });
  renderAbout();
  renderList();
}
