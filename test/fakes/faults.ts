// Fault injection over the Apps Script fakes: makes chosen service calls throw the messages Apps
// Script really throws, deterministically, and runs other code (a curator's edit, another
// execution) at a chosen call. Built on CallCounter.onCall (test/fakes/gas.ts): every call of
// every fake goes through it, before the call does anything — a failing call changes nothing.
//
// Rules:
// - `at(pattern, k, fault)`: the k-th call (1-based) whose method matches `pattern` throws;
// - `every(pattern, fault)`: every matching call throws;
// - `afterCalls(n, fault)`: the (n + 1)-th call of the action throws, whatever it is;
// - `run(pattern, k, fn)`: at the k-th matching call, `fn` runs first (with the plan suspended,
//   so its own calls are neither faulted nor counted as the action's), then the call goes on.
// A fault of kind "timeout" kills the execution as Apps Script does: that call and every call
// after it throw, until `endExecution()` (which also releases the locks the dead execution held,
// as Apps Script does when an execution ends).

import type { CallCounter, GasEnvironment } from "./gas";
import { GAS_MESSAGES } from "./gas";
import { MAIL_MESSAGES } from "./gas-mail";

export type FaultKind = "dailyQuota" | "rateLimit" | "timeout" | "lock" | "document" | "drive" | "mail";

export const FAULT_KINDS: readonly FaultKind[] = [
  "dailyQuota",
  "rateLimit",
  "timeout",
  "lock",
  "document",
  "drive",
  "mail",
];

/** The service name Apps Script puts into its quota messages, from a fake's method name. */
function serviceOf(method: string): string {
  if (method.startsWith("MailApp.")) return "email";
  if (/^(DocumentApp|Document|Body|Paragraph|Table|Text)\b/.test(method)) return "document";
  if (/^(DriveApp|File|Folder|Blob)/.test(method)) return "driveapp";
  if (/^(FormApp|Form)/.test(method)) return "forms";
  if (/^(PropertiesService|Properties)/.test(method)) return "properties";
  return "spreadsheets";
}

/** The message Apps Script throws for a fault of this kind at this call. */
export function faultMessage(kind: FaultKind, method: string): string {
  switch (kind) {
    case "dailyQuota":
      return method.startsWith("MailApp.")
        ? MAIL_MESSAGES.quota
        : `Service invoked too many times for one day: ${serviceOf(method)}.`;
    case "rateLimit":
      return `Service invoked too many times in a short time: ${serviceOf(method)}. Try Utilities.sleep(1000) between calls.`;
    case "timeout":
      return "Exceeded maximum execution time";
    case "lock":
      return GAS_MESSAGES.lockTimeout;
    case "document":
      return "Document is missing (perhaps it was deleted, or you don't have read access?)";
    case "drive":
      return "We're sorry, a server error occurred. Please wait a bit and try again.";
    case "mail":
      return "Failed to send email: Service unavailable. Try again later.";
  }
}

/** The calls a fault of this kind can hit (what the real service throws it from). */
export const FAULT_TARGETS: Record<FaultKind, RegExp> = {
  dailyQuota: /./,
  rateLimit: /^(Range|Sheet|Spreadsheet|SpreadsheetApp)\./,
  timeout: /./,
  lock: /^Lock\.(waitLock|tryLock)$/,
  document: /^(DocumentApp|Document|Body|Paragraph|Table|TableRow|TableCell|Text)\./,
  drive: /^(DriveApp|File|Folder|FileIterator|FolderIterator)\./,
  mail: /^MailApp\.sendEmail$/,
};

export interface InjectedFault {
  kind: FaultKind;
  method: string;
  /** The call's number within the action (1-based). */
  call: number;
  message: string;
}

type Rule =
  | { type: "at"; pattern: RegExp; k: number; seen: number; kind: FaultKind; fired: boolean }
  | { type: "every"; pattern: RegExp; kind: FaultKind }
  | { type: "after"; n: number; kind: FaultKind; fired: boolean }
  | { type: "run"; pattern: RegExp; k: number; seen: number; fn: () => void; fired: boolean };

export class FaultPlan {
  private rules: Rule[] = [];
  private suspended = 0;
  private inside = 0;
  /**
   * When set, only calls made inside `within(fn)` are traced and faulted (e.g. calls of the
   * bundle's top-level functions, not the test's own reads and writes of the fakes).
   */
  scoped = false;
  private killedBy: string | null = null;
  /** Calls of the current action (since the last `clear()`), in order. */
  trace: string[] = [];
  /** Every fault injected since the plan was made (not reset by `clear()`). */
  readonly injected: InjectedFault[] = [];

  constructor(
    private readonly calls: CallCounter,
    private readonly gas?: GasEnvironment,
  ) {
    calls.onCall = (method) => this.onCall(method);
  }

  /** Removes the hook from the counter. */
  detach(): void {
    this.calls.onCall = undefined;
  }

  /** Drops the rules and the trace (a new action starts); the injected list stays. */
  clear(): this {
    this.rules = [];
    this.trace = [];
    return this;
  }

  at(pattern: RegExp, k: number, kind: FaultKind): this {
    this.rules.push({ type: "at", pattern, k, seen: 0, kind, fired: false });
    return this;
  }

  every(pattern: RegExp, kind: FaultKind): this {
    this.rules.push({ type: "every", pattern, kind });
    return this;
  }

  afterCalls(n: number, kind: FaultKind): this {
    this.rules.push({ type: "after", n, kind, fired: false });
    return this;
  }

  run(pattern: RegExp, k: number, fn: () => void): this {
    this.rules.push({ type: "run", pattern, k, seen: 0, fn, fired: false });
    return this;
  }

  /** Whether every `at`, `after` and `run` rule has fired. */
  get allFired(): boolean {
    return this.rules.every((r) => r.type === "every" || r.fired);
  }

  /** Whether a timeout killed the current execution. */
  get killed(): boolean {
    return this.killedBy !== null;
  }

  /** Runs fn with the plan off: its calls are not faulted and not part of the action's trace. */
  suspend<T>(fn: () => T): T {
    this.suspended++;
    try {
      return fn();
    } finally {
      this.suspended--;
    }
  }

  /** Runs fn as the code under test: with `scoped`, only such calls are traced and faulted. */
  within<T>(fn: () => T): T {
    this.inside++;
    try {
      return fn();
    } finally {
      this.inside--;
    }
  }

  /**
   * The execution ends (Apps Script ends a killed one): calls work again, and the locks it held
   * are released.
   */
  endExecution(): void {
    this.killedBy = null;
    if (this.gas) {
      if (this.gas.documentLock.holder === "self") this.gas.documentLock.holder = "none";
      if (this.gas.scriptLock.holder === "self") this.gas.scriptLock.holder = "none";
    }
  }

  private onCall(method: string): void {
    if (this.suspended > 0 || (this.scoped && this.inside === 0)) return;
    if (this.killedBy !== null) throw new Error(this.killedBy);
    this.trace.push(method);
    const n = this.trace.length;
    for (const rule of this.rules) {
      switch (rule.type) {
        case "run":
          if (!rule.fired && rule.pattern.test(method) && ++rule.seen === rule.k) {
            rule.fired = true;
            this.suspend(rule.fn);
          }
          break;
        case "at":
          if (!rule.fired && rule.pattern.test(method) && ++rule.seen === rule.k) {
            rule.fired = true;
            this.fail(rule.kind, method, n);
          }
          break;
        case "every":
          if (rule.pattern.test(method)) this.fail(rule.kind, method, n);
          break;
        case "after":
          if (!rule.fired && n === rule.n + 1) {
            rule.fired = true;
            this.fail(rule.kind, method, n);
          }
          break;
      }
    }
  }

  private fail(kind: FaultKind, method: string, call: number): never {
    const message = faultMessage(kind, method);
    this.injected.push({ kind, method, call, message });
    if (kind === "timeout") this.killedBy = message;
    throw new Error(message);
  }
}

/** A fault plan over a fake Apps Script environment. */
export function faultPlan(gas: GasEnvironment): FaultPlan {
  return new FaultPlan(gas.calls, gas);
}
