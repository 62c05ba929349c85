// The sidebar section «Рассылки»: the daily trigger (on / off, at the hour of «Настройки»), a
// preview of exactly what would go to whom today, «Отправить сейчас» after a confirmation that
// says how many emails, the result of a run, and «Запланировать встречи пар». Every value goes
// on the page as text.

import type { PreviewResponse, RemindersState, SendNowResponse } from "../app/contract-reminders";
import type { ReminderEmailView, ReminderRunResult } from "../app/reminders";
import { byId, call, dateTimeRu, el, errorText, isRunning, plural, run, setStatus } from "./common";

/** The preview the confirmation was asked for (how many emails it said). */
let pendingSend: PreviewResponse | null = null;

function emails(n: number): string {
  return plural(n, "письмо", "письма", "писем");
}

function button(id: string, text: string, title: string, primary = false): HTMLButtonElement {
  const b = el("button", text, primary ? "primary" : "");
  b.id = id;
  b.type = "button";
  b.title = title;
  b.dataset.action = "";
  return b;
}

function section(id: string, title: string): HTMLElement {
  const s = el("section");
  s.id = id;
  s.hidden = true;
  s.append(el("h3", title));
  return s;
}

function build(root: HTMLElement): void {
  const stateLine = el("p", "Ежедневная рассылка: …", "rs-state");
  stateLine.id = "rs-state";
  const info = el("ul", undefined, "rs-info");
  info.id = "rs-info";
  const hint = el("p", "", "small warn");
  hint.id = "rs-hint";
  hint.hidden = true;

  const triggerRow = el("div", undefined, "actions");
  triggerRow.append(
    button(
      "btn-rs-on",
      "Включить",
      "Каждый день в час из «Настройки» обновлять сроки и встречи и рассылать напоминания",
      true,
    ),
    button("btn-rs-off", "Выключить", "Удалить ежедневный триггер; «Отправить сейчас» останется"),
  );
  const sendRow = el("div", undefined, "actions");
  sendRow.append(
    button("btn-rs-preview", "Предпросмотр", "Показать, кому и что уйдёт сегодня; ничего не отправляется"),
    button(
      "btn-rs-send",
      "Отправить сейчас…",
      "Отправить сегодняшние напоминания, не дожидаясь ежедневного запуска",
    ),
  );

  const confirm = el("div", undefined, "decision");
  confirm.id = "rs-confirm";
  confirm.hidden = true;
  confirm.setAttribute("role", "alertdialog");
  const confirmText = el("p");
  confirmText.id = "rs-confirm-text";
  confirm.setAttribute("aria-labelledby", confirmText.id);
  const confirmRow = el("div", undefined, "actions");
  const cancel = el("button", "Отмена");
  cancel.id = "btn-rs-cancel";
  cancel.type = "button";
  confirmRow.append(button("btn-rs-confirm", "Отправить", "Отправить письма сейчас", true), cancel);
  confirm.append(confirmText, confirmRow);

  const preview = section("rs-preview", "Предпросмотр");
  const previewSummary = el("ul", undefined, "log");
  previewSummary.id = "rs-preview-summary";
  const previewList = el("ul", undefined, "rs-emails");
  previewList.id = "rs-preview-list";
  preview.append(previewSummary, previewList);

  const result = section("rs-result", "Результат рассылки");
  const resultList = el("ul", undefined, "log");
  resultList.id = "rs-result-list";
  const details = el("details");
  const detailsList = el("ul", undefined, "log");
  detailsList.id = "rs-result-details";
  details.append(el("summary", "Подробности"), detailsList);
  result.append(resultList, details);

  const meetings = el("details");
  meetings.id = "rs-meetings";
  const meetingsRow = el("div", undefined, "actions");
  meetingsRow.append(
    button(
      "btn-rs-meetings",
      "Запланировать встречи пар",
      "Внести в «Встречи» план встреч для утверждённых пар, у которых встреч ещё нет",
    ),
  );
  const meetingsReport = el("ul", undefined, "log");
  meetingsReport.id = "rs-meetings-report";
  meetingsReport.hidden = true;
  meetings.append(
    el("summary", "Встречи пар"),
    el(
      "p",
      "Для утверждённых пар без встреч — план с ритмом из «Настройки» и темами из запросов наставляемого. " +
        "Повторный запуск ничего не дублирует.",
      "small",
    ),
    meetingsRow,
    meetingsReport,
  );

  // Closed until the curator needs it: opening it reads the section's state (one call).
  const body = el("details", undefined, "rs-body");
  body.id = "rs-body";
  const summary = el("summary", "Ежедневная рассылка, предпросмотр, отправка");
  summary.id = "rs-summary";
  body.append(summary, stateLine, info, hint, triggerRow, sendRow, confirm, preview, result, meetings);
  root.replaceChildren(el("h2", "Рассылки"), body);
}

// ---------------------------------------------------------------------------------------------
// State

function stateText(s: RemindersState): string {
  if (s.trigger.installed) {
    return `Ежедневная рассылка: включена, в ${hourText(s.trigger.hour ?? s.hour)}`;
  }
  if (s.trigger.byOther) {
    return `Ежедневная рассылка: включена (${s.trigger.by}), в ${hourText(s.trigger.hour ?? s.hour)}`;
  }
  return "Ежедневная рассылка: выключена";
}

function hourText(hour: number): string {
  return `${hour}:00`;
}

function renderState(s: RemindersState): void {
  byId("rs-state").textContent = stateText(s);
  byId("rs-state").className = `rs-state ${s.trigger.installed || s.trigger.byOther ? "on" : "off"}`;
  const info = byId<HTMLUListElement>("rs-info");
  const items: string[] = [];
  if (s.lastRun) items.push(`Последний запуск: ${dateTimeRu(s.lastRun.time)} — ${s.lastRun.outcome}`);
  if (s.lastSent) items.push(`Последнее письмо: ${dateTimeRu(s.lastSent)}`);
  items.push(`Можно отправить сегодня: ${emails(s.quota)}`);
  const c = s.counts;
  const waiting = [
    c.sentToday ? `отправлено сегодня ${c.sentToday}` : "",
    c.postponed ? `отложено ${c.postponed}` : "",
    c.failed ? `ошибок ${c.failed}` : "",
    c.uncertain ? `неизвестно ${c.uncertain}` : "",
  ].filter(Boolean);
  if (waiting.length) items.push(`«Журнал рассылок»: ${waiting.join(", ")}`);
  if (s.sender) items.push(`Отправитель: ${s.sender}`);
  info.replaceChildren(...items.map((t) => el("li", t)));

  const hints: string[] = [];
  if (!s.setUp) hints.push("Сначала нажмите «Настроить книгу»: нужны листы «Настройки» и «Журнал рассылок».");
  if (s.hourProblem) hints.push(s.hourProblem);
  else if (s.trigger.installed && s.trigger.hour !== null && s.trigger.hour !== s.hour) {
    hints.push(
      `В «Настройки» теперь ${hourText(s.hour)}, а рассылка включена на ${hourText(s.trigger.hour)}: ` +
        `нажмите «Перенести на ${hourText(s.hour)}».`,
    );
  }
  if (s.trigger.byOther) {
    hints.push(`Письма уходят от имени ${s.trigger.by}; выключить рассылку может только он (она).`);
  }
  if (s.setUp && !s.curatorEmail)
    hints.push("Не заполнен «Email куратора» в «Настройки»: сводка куратору не уйдёт.");
  const hint = byId("rs-hint");
  hint.textContent = hints.join(" ");
  hint.hidden = hints.length === 0;

  const on = byId<HTMLButtonElement>("btn-rs-on");
  const moved = s.trigger.installed && s.trigger.hour !== s.hour;
  on.textContent = moved ? `Перенести на ${hourText(s.hour)}` : "Включить";
  on.hidden = s.trigger.installed && !moved;
  byId<HTMLButtonElement>("btn-rs-off").hidden = !s.trigger.installed;
  for (const id of ["btn-rs-on", "btn-rs-preview", "btn-rs-send", "btn-rs-meetings"]) {
    const b = byId<HTMLButtonElement>(id);
    b.dataset.off = s.setUp ? "" : "1";
    if (!isRunning()) b.disabled = !s.setUp;
  }
}

let loading: Promise<void> | null = null;

/** Reads the state; a failure stays in the section, not in the status line. */
function loadState(): Promise<void> {
  if (!loading) {
    loading = call("apiRemindersState")
      .then((s) => renderState(s))
      .catch((error: unknown) => {
        byId("rs-state").textContent = `Рассылки: ${errorText(error)}`;
      })
      .finally(() => {
        loading = null;
      });
  }
  return loading;
}

function isOpen(): boolean {
  return byId<HTMLDetailsElement>("rs-body").open;
}

/** After another section's action (set-up, refresh) the state may have changed. */
function reloadWhenIdle(): void {
  if (!isOpen()) return;
  const wait = () => {
    if (isRunning()) window.setTimeout(wait, 150);
    else void loadState();
  };
  window.setTimeout(wait, 150);
}

// ---------------------------------------------------------------------------------------------
// Preview and send

function emailItem(e: ReminderEmailView): HTMLLIElement {
  const li = el("li");
  const who = el("div", e.name ? `${e.name} <${e.to}>` : e.to, "to");
  const subject = el("div", e.subject, "subject");
  const items = el("ul", undefined, "items");
  items.append(...e.items.map((i) => el("li", i.summary)));
  li.append(who, subject, items);
  return li;
}

function renderPreview(p: PreviewResponse): void {
  const summary = byId<HTMLUListElement>("rs-preview-summary");
  const n = p.preview.emails.length;
  // The core's lines say how many emails there are, what was already sent, who has no address.
  const lines = [...p.preview.lines];
  if (lines.length === 0) lines.push(n === 0 ? "Сегодня отправлять нечего." : `К отправке: ${emails(n)}.`);
  if (n > p.quota) {
    lines.splice(1, 0, `Сегодня можно отправить ${emails(p.quota)}: остальные уйдут со следующей рассылкой.`);
  }
  summary.replaceChildren(...lines.map((t) => el("li", t)));
  byId("rs-preview-list").replaceChildren(...p.preview.emails.map(emailItem));
  byId("rs-preview").hidden = false;
}

function hideConfirm(): void {
  byId("rs-confirm").hidden = true;
  pendingSend = null;
}

async function preview(): Promise<void> {
  hideConfirm();
  await run("Готовлю предпросмотр…", async () => {
    const p = await call("apiPreviewReminders");
    renderPreview(p);
    setStatus(`Предпросмотр: ${emails(p.preview.emails.length)}; ничего не отправлено.`, "ok");
  });
}

async function askSend(): Promise<void> {
  hideConfirm();
  await run("Считаю письма…", async () => {
    const p = await call("apiPreviewReminders");
    renderPreview(p);
    const n = p.preview.emails.length;
    if (n === 0) {
      setStatus("Сегодня отправлять нечего.", "ok");
      return;
    }
    const now = Math.min(n, p.quota);
    byId("rs-confirm-text").textContent =
      now < n
        ? `Отправить ${emails(now)} сейчас? Ещё ${n - now} не помещаются в квоту и уйдут со следующей рассылкой.`
        : `Отправить ${emails(n)} сейчас? Кому и что — в предпросмотре ниже.`;
    pendingSend = p;
    byId("rs-confirm").hidden = false;
    setStatus(`Подтвердите отправку: ${emails(now)}.`);
  });
}

function resultLines(r: ReminderRunResult): HTMLLIElement[] {
  const out: HTMLLIElement[] = [];
  out.push(el("li", `Отправлено: ${emails(r.sent.length)}.`, r.sent.length ? "ok" : ""));
  for (const s of r.sent) out.push(el("li", `${s.to}: ${s.subject}`, "indent"));
  if (r.postponed.length) {
    out.push(el("li", `Отложено до следующей рассылки: ${emails(r.postponed.length)}.`, "warn"));
    for (const p of r.postponed) out.push(el("li", `${p.to}: ${p.subject}`, "warn indent"));
  }
  if (r.failed.length) {
    out.push(el("li", `Не отправлено: ${emails(r.failed.length)}.`, "warn"));
    for (const f of r.failed) out.push(el("li", `${f.to}: ${f.reason}`, "warn indent"));
  }
  if (r.uncertain) {
    out.push(
      el(
        "li",
        `${emails(r.uncertain)} прошлого прерванного запуска могли уйти или нет: повторно не отправляются.`,
        "warn",
      ),
    );
  }
  return out;
}

async function sendNow(): Promise<void> {
  if (!pendingSend) return;
  hideConfirm();
  await run("Отправляю письма…", async () => {
    const response: SendNowResponse = await call("apiSendRemindersNow");
    const r = response.result;
    byId("rs-result-list").replaceChildren(...resultLines(r));
    // The run's full report (as written to «Журнал»): what was already sent, who has no address…
    byId("rs-result-details").replaceChildren(...r.lines.map((l) => el("li", l)));
    byId("rs-result").hidden = false;
    byId("rs-preview").hidden = true;
    renderState(response.state);
    const trouble = r.failed.length + r.postponed.length;
    setStatus(
      `Отправлено: ${emails(r.sent.length)}${trouble ? `; не отправлено или отложено: ${trouble}` : ""}.`,
      trouble ? "error" : "ok",
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Trigger and meetings

async function switchOn(): Promise<void> {
  hideConfirm();
  await run("Включаю ежедневную рассылку…", async () => {
    const response = await call("apiInstallDailyTrigger");
    renderState(response.state);
    setStatus(response.lines[0] ?? "Готово.", "ok");
  });
}

async function switchOff(): Promise<void> {
  hideConfirm();
  await run("Выключаю ежедневную рассылку…", async () => {
    const response = await call("apiRemoveDailyTrigger");
    renderState(response.state);
    setStatus(response.lines[0] ?? "Готово.", "ok");
  });
}

async function scheduleMeetings(): Promise<void> {
  await run("Планирую встречи…", async () => {
    const { result } = await call("apiScheduleMeetings");
    const report = byId<HTMLUListElement>("rs-meetings-report");
    const lines = result.lines.length
      ? result.lines
      : [result.created ? `Запланировано встреч: ${result.created}.` : "Новых встреч не запланировано."];
    report.replaceChildren(
      ...lines.map((l) => el("li", l)),
      ...result.skipped.map((s) => el("li", `${s.pairId}: ${s.reason}`, "warn indent")),
    );
    report.hidden = false;
    setStatus(
      result.created ? `Запланировано встреч: ${result.created}.` : "Новых встреч не запланировано.",
      "ok",
    );
  });
}

function on(id: string, action: () => Promise<void>): void {
  byId(id).addEventListener("click", () => void action());
}

/** Builds the section into its container and wires its buttons. */
export function mountReminders(): void {
  build(byId("reminders"));
  on("btn-rs-on", switchOn);
  on("btn-rs-off", switchOff);
  on("btn-rs-preview", preview);
  on("btn-rs-send", askSend);
  on("btn-rs-confirm", sendNow);
  on("btn-rs-meetings", scheduleMeetings);
  byId("btn-rs-cancel").addEventListener("click", () => {
    hideConfirm();
    setStatus("Отправка отменена: ничего не отправлено.");
  });
  for (const id of ["btn-setup", "btn-refresh"]) {
    document.getElementById(id)?.addEventListener("click", reloadWhenIdle);
  }
  const body = byId<HTMLDetailsElement>("rs-body");
  body.addEventListener("toggle", () => {
    if (body.open) void loadState();
  });
}
