// The sidebar section «Мониторинг и итоги года»: the key figures of the programme, «Обновить
// показатели» (the sheet «Мониторинг», the regional export and the charts), the top of the mentor
// ranking with its inputs, and «Завершить учебный год» — a preview, the curator's choice of who
// joins the mentor base, a confirmation, the result. Closed until opened: opening it is the
// section's first call. Every value goes on the page as text.

import type { CloseYearPreview } from "../app/close-year";
import type { CloseYearResponse, MonitoringRefreshResponse } from "../app/contract-monitoring";
import type { MonitoringSummary } from "../app/monitoring";
// A cycle (client.ts mounts this section): only called after both modules have loaded.
import { renderOverview } from "./client";
import { byId, call, dateTimeRu, el, errorText, isRunning, plural, run, setStatus } from "./common";

let summary: MonitoringSummary | null = null;
let preview: CloseYearPreview | null = null;
/** Mentees the curator ticked for the mentor base (all the willing ones at first). */
const promote = new Set<string>();

/** 57.14 → «57,1»; null → «—». */
function num(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const factor = 10 ** digits;
  return String(Math.round(value * factor) / factor)
    .replace(".", ",")
    .replace("-", "−");
}

function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${num(value)} %`;
}

function signed(value: number | null): string {
  if (value === null) return "";
  return value > 0 ? ` (+${num(value)})` : value < 0 ? ` (${num(value)})` : " (без изменений)";
}

/** «1 балл», «12 баллов», «12,5 балла». */
function points(score: number): string {
  const rounded = Math.round(score * 10) / 10;
  return Number.isInteger(rounded) ? plural(rounded, "балл", "балла", "баллов") : `${num(rounded)} балла`;
}

function button(id: string, text: string, className = ""): HTMLButtonElement {
  const b = el("button", text, className);
  b.id = id;
  b.type = "button";
  b.dataset.action = "";
  return b;
}

function row(label: string, value: string, className = ""): HTMLTableRowElement {
  const tr = el("tr", undefined, className);
  tr.append(el("td", label), el("td", value, "num"));
  return tr;
}

// ---------------------------------------------------------------------------------------------
// Figures

function renderCoverage(s: MonitoringSummary): void {
  const c = s.coverage;
  const students = c.studentsParticipants > 0;
  const value = students ? c.studentsPct : c.pct;
  byId("mn-coverage-label").textContent = students ? "Охват обучающихся" : "Охват наставляемых";
  byId("mn-coverage-value").textContent = pct(value);
  const bar = byId("mn-coverage-bar");
  const fill = bar.firstElementChild as HTMLElement | null;
  const width = Math.max(0, Math.min(100, value ?? 0));
  if (fill) fill.style.width = `${width}%`;
  bar.setAttribute("aria-valuenow", String(Math.round(width)));
  const target = students ? c.target : null;
  const mark = byId("mn-coverage-target");
  mark.hidden = target === null;
  if (target !== null) mark.style.left = `${Math.max(0, Math.min(100, target))}%`;
  const below = target !== null && value !== null && value < target;
  byId("mn-coverage").className = `mn-coverage ${below ? "below" : value === null ? "" : "reached"}`;
  const notes: string[] = [];
  if (students) {
    notes.push(`в паре ${c.studentsCovered} из ${c.studentsBase}`);
    if (target !== null) notes.push(below ? `цель ${num(target)} % не достигнута` : `цель ${num(target)} %`);
  } else {
    notes.push(`в паре ${c.covered} из ${c.participants}`);
  }
  byId("mn-coverage-note").textContent = notes.join(" · ");
}

function renderFacts(s: MonitoringSummary): void {
  const rows: HTMLTableRowElement[] = [];
  if (s.coverage.studentsParticipants > 0)
    rows.push(
      row(
        "Все наставляемые в паре",
        `${s.coverage.covered} из ${s.coverage.participants} (${pct(s.coverage.pct)})`,
      ),
    );
  rows.push(row("Пар и групп этого года", String(s.pairsOfYear)));
  for (const p of s.pairsByStatus) if (p.count > 0) rows.push(row(p.status, String(p.count), "sub"));
  const u = s.unmatched;
  rows.push(
    row(
      "Ожидают пары",
      u.count > 0 && u.maxDays !== null
        ? `${u.count} (до ${plural(u.maxDays, "дня", "дней", "дней")})`
        : String(u.count),
      u.count > 0 ? "attention" : "",
    ),
  );
  rows.push(
    row(
      `Пары без встреч ${plural(s.meetings.inactivityDays, "день", "дня", "дней")} и дольше`,
      String(s.meetings.inactivePairs),
      s.meetings.inactivePairs > 0 ? "attention" : "",
    ),
  );
  rows.push(
    row(
      "Встреч на пару: проведено / в плане",
      `${num(s.meetings.heldPerPair)} / ${num(s.meetings.plannedPerPair)}`,
    ),
  );
  const r = s.roadmap;
  rows.push(row("Дорожная карта: выполнено", `${r.done} из ${r.total} (${pct(r.donePct)})`));
  rows.push(row("в срок / с опозданием", `${r.doneOnTime} / ${r.doneLate}`, "sub"));
  rows.push(row("просрочено", String(r.overdue), r.overdue > 0 ? "sub attention" : "sub"));
  for (const [who, label] of [
    ["mentees", "Удовлетворённость наставляемых"],
    ["mentors", "Удовлетворённость наставников"],
  ] as const) {
    const x = s.satisfaction[who];
    const value =
      x.entry === null && x.final === null
        ? "нет анкет"
        : `${num(x.entry)} → ${num(x.final)}${signed(x.change)}`;
    const tr = row(label, value);
    tr.title = "Средняя оценка из 10: входная анкета → итоговая";
    rows.push(tr);
  }
  rows.push(row("Хотят стать наставниками", `${s.wantToMentor.count} (${pct(s.wantToMentor.pct)})`));
  byId("mn-facts").replaceChildren(...rows);
  byId("mn-problems").replaceChildren(...s.problems.map((p) => el("li", p, "warn")));
  byId("mn-updated").textContent = s.sheetUpdatedAt
    ? `Учебный год ${s.year}. На листе «Мониторинг» — расчёт от ${dateTimeRu(s.sheetUpdatedAt)}.`
    : `Учебный год ${s.year}. Лист «Мониторинг» ещё не заполнен: нажмите «Обновить показатели».`;
}

function renderRanking(s: MonitoringSummary): void {
  const list = byId("mn-ranking");
  list.replaceChildren(
    ...s.ranking.map((m) => {
      const li = el("li");
      li.dataset.id = m.mentorId;
      li.title = m.formula;
      const head = el("div", undefined, "head");
      head.append(
        el("span", `${m.place}.`, "place"),
        el("span", m.name || m.mentorId, "name"),
        el("span", points(m.score), "score"),
      );
      const inputs = [
        `встреч ${m.meetingsHeld}`,
        `завершено пар ${m.completedPairs}`,
        `идёт пар ${m.activePairs}`,
        m.menteeScore === null
          ? "оценок наставляемых нет"
          : `оценка наставляемых ${num(m.menteeScore)} (${plural(m.menteeAnswers, "ответ", "ответа", "ответов")})`,
      ];
      li.append(head, el("div", inputs.join(" · "), "inputs"));
      return li;
    }),
  );
  list.hidden = s.ranking.length === 0;
  byId("mn-ranking-note").textContent =
    s.ranking.length === 0
      ? "В рейтинге пока никого: нужны пары, которые работали."
      : s.rankedMentors > s.ranking.length
        ? `Первые ${s.ranking.length} из ${s.rankedMentors}; весь рейтинг — на листе «Мониторинг» после «Обновить показатели». Наведите на строку, чтобы увидеть расчёт.`
        : "Баллы: встречи ×1, завершённые пары ×5, идущие пары ×2, оценка наставляемых ×2. Наведите на строку, чтобы увидеть расчёт.";
}

function renderSummary(s: MonitoringSummary): void {
  summary = s;
  byId("mn-hint").hidden = true;
  byId("mn-figures").hidden = false;
  renderCoverage(s);
  renderFacts(s);
  renderRanking(s);
}

// ---------------------------------------------------------------------------------------------
// Closing the year

function renderPreview(): void {
  const box = byId("cy-preview");
  box.hidden = !preview;
  byId("cy-confirm").hidden = true;
  if (!preview) return;
  const p = preview;
  byId("cy-year").textContent = p.alreadyClosed
    ? `Учебный год ${p.year} уже завершён`
    : `Завершение учебного года ${p.year}`;
  byId("cy-year").className = p.alreadyClosed ? "cy-closed" : "";

  const pairs = byId<HTMLDetailsElement>("cy-pairs-box");
  pairs.hidden = p.pairsToComplete.length === 0;
  byId("cy-pairs-summary").textContent = `Пары к завершению: ${p.pairsToComplete.length}`;
  byId("cy-pairs").replaceChildren(
    ...p.pairsToComplete.map((x) => {
      const li = el("li");
      li.dataset.id = x.id;
      li.append(el("span", x.label || x.id, "name"));
      li.append(
        el("span", x.hasResults ? "итоги куратора сохранятся" : "итоги — по встречам и анкетам", "detail"),
      );
      return li;
    }),
  );

  const willing = byId("cy-willing-box");
  willing.hidden = p.willingMentees.length === 0;
  byId("cy-willing").replaceChildren(
    ...p.willingMentees.map((m) => {
      const li = el("li");
      li.dataset.id = m.id;
      const label = el("label");
      const box = el("input");
      box.type = "checkbox";
      box.value = m.id;
      box.checked = promote.has(m.id);
      box.dataset.lock = "";
      box.disabled = isRunning();
      box.addEventListener("change", () => {
        if (box.checked) promote.add(m.id);
        else promote.delete(m.id);
        renderPromoteCount();
      });
      const text = el("span", undefined, "text");
      text.append(el("span", m.name || m.id, "name"));
      if (m.reason) text.append(el("span", m.reason, "detail"));
      label.title = [m.name, m.reason].filter(Boolean).join("\n");
      label.append(box, text);
      li.append(label);
      return li;
    }),
  );
  renderPromoteCount();

  byId("cy-lines").replaceChildren(
    ...p.lines.map((l) => el("li", l)),
    ...p.warnings.map((w) => el("li", w, "warn")),
  );
  const start = byId<HTMLButtonElement>("btn-cy-start");
  start.hidden = p.alreadyClosed;
  const add = byId<HTMLButtonElement>("btn-cy-promote");
  add.hidden = !(p.alreadyClosed && p.willingMentees.length > 0);
}

function renderPromoteCount(): void {
  const n = preview?.willingMentees.filter((m) => promote.has(m.id)).length ?? 0;
  byId("cy-willing-count").textContent =
    `Добавить в базу наставников: отмечено ${n} из ${preview?.willingMentees.length ?? 0}`;
  const add = byId<HTMLButtonElement>("btn-cy-promote");
  if (n === 0) add.dataset.off = "1";
  else delete add.dataset.off;
  add.disabled = isRunning() || n === 0;
}

function chosen(): string[] {
  return (preview?.willingMentees ?? []).filter((m) => promote.has(m.id)).map((m) => m.id);
}

function showConfirm(): void {
  if (!preview || preview.alreadyClosed || isRunning()) return;
  const p = preview;
  const n = chosen().length;
  const parts = [
    `Пары (${p.pairsToComplete.length}) получат статус «Завершена» и итоги`,
    `листы года будут скопированы в архив (${p.archiveSheets.length})`,
    `дорожная карта перенесена на следующий год (${p.roadmapItems})`,
  ];
  if (n > 0) parts.push(`в базу наставников добавятся ${plural(n, "человек", "человека", "человек")}`);
  byId("cy-confirm-text").textContent =
    `Завершить учебный год ${p.year}? ${parts.join("; ")}. Ничего не удаляется без копии в архиве, но вернуть всё назад можно только вручную.`;
  byId("cy-confirm").hidden = false;
  byId<HTMLButtonElement>("btn-cy-confirm").focus();
}

function loadPreview(): Promise<void> {
  return run("Проверяю, что будет сделано…", async () => {
    const view = await call("apiCloseYearPreview");
    preview = view;
    promote.clear();
    for (const m of view.willingMentees) promote.add(m.id);
    byId("cy-result-box").hidden = true;
    renderPreview();
    setStatus(
      view.alreadyClosed
        ? `Учебный год ${view.year} уже завершён.`
        : `Проверьте, что будет сделано, и нажмите «Завершить учебный год».`,
      "ok",
    );
  });
}

function absorbClose(response: CloseYearResponse): void {
  const r = response.result;
  byId("cy-result-box").hidden = false;
  byId("cy-result").replaceChildren(...r.lines.map((l) => el("li", l, /^Внимание:/.test(l) ? "warn" : "")));
  preview = null;
  promote.clear();
  renderPreview();
  renderSummary(response.summary);
  renderOverview(response.overview);
  if (r.alreadyClosed) {
    setStatus(
      r.promoted.length > 0
        ? `Учебный год ${r.year} уже был завершён; в базу наставников добавлено: ${r.promoted.length}.`
        : `Учебный год ${r.year} уже был завершён — повторно ничего не сделано.`,
      "",
    );
  } else {
    setStatus(
      `Учебный год ${r.year} завершён: пар завершено ${r.completedPairs}, в архиве листов ${r.archived.length}, в базу наставников добавлено ${r.promoted.length}.`,
      "ok",
    );
  }
}

function closeYear(): Promise<void> {
  const request = { promote: chosen() };
  return run("Завершаю учебный год…", async () => {
    byId("cy-confirm").hidden = true;
    absorbClose(await call("apiCloseYear", request));
  });
}

// ---------------------------------------------------------------------------------------------
// Loading and refreshing

let loading: Promise<void> | null = null;

/** Reads the figures once the section is opened; a failure stays in the section, not the status. */
function loadSummary(): Promise<void> {
  if (summary) return Promise.resolve();
  if (!loading) {
    byId("mn-hint").textContent = "Считаю показатели…";
    byId("mn-hint").hidden = false;
    loading = call("apiMonitoringSummary")
      .then((s) => renderSummary(s))
      .catch((error: unknown) => {
        const hint = byId("mn-hint");
        hint.textContent = errorText(error);
        hint.hidden = false;
      })
      .finally(() => {
        loading = null;
      });
  }
  return loading;
}

function refresh(): Promise<void> {
  return run("Пересчитываю показатели и диаграммы…", async () => {
    const response: MonitoringRefreshResponse = await call("apiRefreshMonitoring");
    renderSummary(response.summary);
    renderOverview(response.overview);
    byId("mn-lines").replaceChildren(...response.lines.map((l) => el("li", l)));
    byId("mn-lines").hidden = false;
    const charts = response.charts;
    const drawn = charts ? ` Диаграммы: новых ${charts.created}, обновлено ${charts.updated}.` : "";
    setStatus(
      response.changedCells > 0
        ? `Лист «Мониторинг» обновлён: изменено ячеек ${response.changedCells}.${drawn}`
        : `Показатели не изменились.${drawn}`,
      "ok",
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Building the section

function build(root: HTMLElement): void {
  const hint = el("p", undefined, "small mn-hint");
  hint.id = "mn-hint";
  hint.hidden = true;

  const figures = el("div", undefined, "mn-figures");
  figures.id = "mn-figures";
  figures.hidden = true;
  const coverage = el("div", undefined, "mn-coverage");
  coverage.id = "mn-coverage";
  const head = el("div", undefined, "mn-coverage-head");
  const label = el("span");
  label.id = "mn-coverage-label";
  const value = el("strong");
  value.id = "mn-coverage-value";
  head.append(label, value);
  const bar = el("div", undefined, "bar mn-bar");
  bar.id = "mn-coverage-bar";
  bar.setAttribute("role", "progressbar");
  bar.setAttribute("aria-valuemin", "0");
  bar.setAttribute("aria-valuemax", "100");
  bar.setAttribute("aria-labelledby", "mn-coverage-label");
  const target = el("span", undefined, "target");
  target.id = "mn-coverage-target";
  target.title = "Целевой охват («Настройки»)";
  bar.append(el("div"), target);
  const note = el("div", undefined, "small");
  note.id = "mn-coverage-note";
  coverage.append(head, bar, note);
  const facts = el("table", undefined, "mn-facts");
  const body = el("tbody");
  body.id = "mn-facts";
  facts.append(body);
  const problems = el("ul", undefined, "log");
  problems.id = "mn-problems";
  const updated = el("p", undefined, "small");
  updated.id = "mn-updated";
  const actions = el("div", undefined, "actions");
  actions.append(button("btn-mn-refresh", "Обновить показатели", "primary"));
  const refreshNote = el("p", undefined, "small");
  refreshNote.textContent =
    "Запишет показатели на лист «Мониторинг» и «Выгрузка в регион» и обновит диаграммы.";
  const lines = el("ul", undefined, "log");
  lines.id = "mn-lines";
  lines.hidden = true;

  const ranking = el("ol", undefined, "mn-ranking");
  ranking.id = "mn-ranking";
  const rankingNote = el("p", undefined, "small");
  rankingNote.id = "mn-ranking-note";

  figures.append(
    coverage,
    facts,
    problems,
    updated,
    actions,
    refreshNote,
    lines,
    el("h3", "Рейтинг наставников"),
    ranking,
    rankingNote,
  );

  // Closing the year.
  const year = el("div", undefined, "cy");
  const yearAbout = el(
    "p",
    "Пары получат статус «Завершена» и итоги, желающие — место в базе наставников, листы года — копию в архиве, дорожная карта — сроки следующего года.",
    "small",
  );
  const yearActions = el("div", undefined, "actions");
  yearActions.append(button("btn-cy-preview", "Подготовить завершение"));

  const previewBox = el("div", undefined, "cy-preview");
  previewBox.id = "cy-preview";
  previewBox.hidden = true;
  const yearTitle = el("p");
  yearTitle.id = "cy-year";
  const pairs = el("details", undefined, "cy-pairs");
  pairs.id = "cy-pairs-box";
  const pairsSummary = el("summary");
  pairsSummary.id = "cy-pairs-summary";
  const pairsList = el("ul");
  pairsList.id = "cy-pairs";
  pairs.append(pairsSummary, pairsList);
  const willing = el("div", undefined, "cy-willing");
  willing.id = "cy-willing-box";
  const willingCount = el("div", undefined, "cy-count");
  willingCount.id = "cy-willing-count";
  const willingList = el("ul");
  willingList.id = "cy-willing";
  willingList.setAttribute("aria-labelledby", "cy-willing-count");
  const promoteActions = el("div", undefined, "actions");
  const promoteButton = button("btn-cy-promote", "Добавить в базу наставников");
  promoteButton.hidden = true;
  promoteActions.append(promoteButton);
  willing.append(willingCount, willingList, promoteActions);
  const previewLines = el("ul", undefined, "log cy-lines");
  previewLines.id = "cy-lines";
  const startActions = el("div", undefined, "actions");
  startActions.append(button("btn-cy-start", "Завершить учебный год…", "danger"));
  previewBox.append(yearTitle, pairs, willing, previewLines, startActions);

  const confirm = el("div", undefined, "decision danger");
  confirm.id = "cy-confirm";
  confirm.hidden = true;
  confirm.setAttribute("role", "alertdialog");
  confirm.setAttribute("aria-labelledby", "cy-confirm-text");
  const confirmText = el("p");
  confirmText.id = "cy-confirm-text";
  const confirmActions = el("div", undefined, "actions");
  confirmActions.append(
    button("btn-cy-confirm", "Да, завершить", "danger"),
    button("btn-cy-cancel", "Отмена"),
  );
  confirm.append(confirmText, confirmActions);

  const result = el("div", undefined, "cy-result");
  result.id = "cy-result-box";
  result.hidden = true;
  const resultLines = el("ul", undefined, "log");
  resultLines.id = "cy-result";
  result.append(el("h3", "Итог"), resultLines);
  year.append(el("h3", "Завершить учебный год"), yearAbout, yearActions, previewBox, confirm, result);

  // Closed until the curator needs it: opening it reads the figures (one call).
  const details = el("details", undefined, "mn-body");
  details.id = "mn-body";
  const summaryNode = el("summary", "Показатели, рейтинг, итоги года");
  summaryNode.id = "mn-summary";
  details.append(summaryNode, hint, figures, year);
  root.replaceChildren(el("h2", "Мониторинг и итоги года"), details);
}

/** Builds the section into its container and wires its buttons. */
export function mountMonitoring(): void {
  build(byId("monitoring"));
  byId("btn-mn-refresh").addEventListener("click", () => void refresh());
  byId("btn-cy-preview").addEventListener("click", () => void loadPreview());
  byId("btn-cy-start").addEventListener("click", showConfirm);
  byId("btn-cy-cancel").addEventListener("click", () => {
    byId("cy-confirm").hidden = true;
    setStatus("Учебный год не завершён.");
  });
  byId("btn-cy-confirm").addEventListener("click", () => void closeYear());
  byId("btn-cy-promote").addEventListener("click", () => void closeYear());
  const details = byId<HTMLDetailsElement>("mn-body");
  details.addEventListener("toggle", () => {
    if (details.open) void loadSummary();
  });
}
