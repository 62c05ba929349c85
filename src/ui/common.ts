// What every part of the sidebar shares: the server call, DOM helpers, the status line, and
// running one action at a time with the buttons disabled.

import type { ServerApi } from "../app/contract";

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

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`Нет элемента ${id}`);
  return node as T;
}

export function setStatus(text: string, kind: "" | "error" | "ok" = ""): void {
  const node = byId("status");
  node.textContent = text;
  node.className = `status ${kind}`;
}

export function errorText(error: unknown): string {
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

/** «2025-09-15T11:30:00.000Z» → «15.09.2025 14:30» in the curator's time zone. */
export function dateTimeRu(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Only web links become a link (never «javascript:» from a cell). */
export function safeUrl(url: string): string | null {
  return /^https:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : null;
}

/** Report lines; the indented ones are the rows held or not loaded, shown as problems. */
export function reportItems(lines: readonly string[]): HTMLLIElement[] {
  return lines.map((line) => {
    const indented = /^\s+/.test(line);
    return el("li", line.trim(), indented ? "warn indent" : "");
  });
}

// ---------------------------------------------------------------------------------------------
// Actions. One call at a time: every action button is disabled while a call runs.

let running = false;

/** A server call is under way (its buttons are disabled). */
export function isRunning(): boolean {
  return running;
}

export function setBusy(busy: boolean): void {
  running = busy;
  // A button that is off for its own reason (data-off) stays off after the call.
  document.querySelectorAll<HTMLButtonElement>("button[data-action]").forEach((b) => {
    b.disabled = busy || b.dataset.off === "1";
  });
  // Fields stay readable while a call runs, but cannot change under it.
  document.querySelectorAll<HTMLSelectElement>("select[data-lock]").forEach((s) => {
    s.disabled = busy;
  });
  document.querySelectorAll<HTMLInputElement>("input[data-lock]").forEach((i) => {
    if (i.type === "radio" || i.type === "checkbox") i.disabled = busy;
    else i.readOnly = busy;
  });
  document.body.setAttribute("aria-busy", String(busy));
}

/** Runs a server call with the buttons disabled; an error ends in the status line, in Russian. */
export async function run(progress: string, action: () => Promise<void>): Promise<void> {
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
