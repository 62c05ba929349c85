// The sidebar client. It talks to the server only through the typed contract, and puts
// every value on the page as text (names come from forms: never as HTML).

import type { ServerApi } from "../app/contract";
import type { Overview } from "../app/overview";

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

export function renderOverview(o: Overview): void {
  byId("org").textContent = o.organisation || "Организация не указана в «Настройки»";
  const next = byId<HTMLUListElement>("next");
  next.replaceChildren(
    ...(o.nextSteps.length ? o.nextSteps : ["Всё готово к работе."]).map((s) => el("li", s)),
  );
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

async function refresh(): Promise<void> {
  setStatus("Загрузка…");
  try {
    renderOverview(await call("apiGetOverview"));
    setStatus("");
  } catch (error) {
    setStatus(errorText(error), "error");
  }
}

async function setup(button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  setStatus("Настраиваю книгу…");
  try {
    const result = await call("apiSetupWorkbook");
    byId("result-section").hidden = false;
    byId("result").replaceChildren(...result.lines.map((l) => el("li", l)));
    renderOverview(result.overview);
    setStatus(result.report.warnings.length ? "Готово, есть предупреждения." : "Готово.", "ok");
  } catch (error) {
    setStatus(errorText(error), "error");
  } finally {
    button.disabled = false;
  }
}

function start(): void {
  const setupButton = byId<HTMLButtonElement>("btn-setup");
  setupButton.addEventListener("click", () => void setup(setupButton));
  byId("btn-refresh").addEventListener("click", () => void refresh());
  void refresh();
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
