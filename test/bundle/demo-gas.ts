// The demo school's year (src/local/demo-scenario.ts) through the built Apps Script bundle: the
// bundle loaded into a vm with the typed fakes, every «action» step a call of a top-level
// function the menu, a trigger or the sidebar calls, every «curator» step typed into the fake
// sheets through their Range API. Used by test/bundle/demo-year-cycle.test.ts and by the fault
// injection tests (keep the API of startGasDemo / gasDemoSteps / runGasDemo as it is).

import vm from "node:vm";
import type { CloseYearPreview, CloseYearResult } from "../../src/app/close-year";
import type { IntakeResponse, RoadmapImportResponse } from "../../src/app/contract";
import type { CandidatesView, DocumentsResponse } from "../../src/app/contract-documents";
import type { ScheduleMeetingsResponse } from "../../src/app/contract-reminders";
import type { ConfirmResult } from "../../src/app/pairs";
import type { ProposalView } from "../../src/app/proposal-types";
import type { CellValue } from "../../src/domain/cells";
import {
  DEMO_SEED,
  type DemoDriver,
  type DemoStep,
  demoSteps,
  demoYear,
} from "../../src/local/demo-scenario";
import { createGasEnvironment, type GasEnvironment } from "../fakes/gas";
import { loadBundle } from "./load";
import { settableClock } from "./reminders-school";

export type { DemoStep };

export interface GasDemo {
  gas: GasEnvironment;
  ctx: vm.Context;
  call<T>(fn: string, ...args: unknown[]): T;
  setNow(d: Date): void;
}

/** Recipients a day on a Workspace account: the demo school never reaches it (the outbox has no limit). */
export const DEMO_MAIL_QUOTA = 1500;

/** The bundle over fresh fakes, its clock at 1 September of the demo year, 9:00. */
export function startGasDemo(options: { seed?: number; year?: number } = {}): GasDemo {
  const year = options.year ?? demoYear();
  const gas = createGasEnvironment();
  const ctx = loadBundle({ ...gas.globals });
  const set = settableClock(ctx, new Date(year, 8, 1, 9, 0).toISOString());
  gas.useDateConstructor(vm.runInContext("Date", ctx) as DateConstructor);
  const call = <T>(fn: string, ...args: unknown[]): T => {
    const f = ctx[fn];
    if (typeof f !== "function") throw new Error(`dist/Code.js has no top-level function ${fn}`);
    return (f as (...a: unknown[]) => T)(...args);
  };
  return { gas, ctx, call, setNow: (d) => set(d.toISOString()) };
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

/** The Apps Script edition as the scenario's driver. */
function gasDriver(demo: GasDemo): DemoDriver {
  const { gas, call } = demo;
  const sheet = (name: string) => {
    const s = gas.spreadsheet.getSheetByName(name);
    if (!s) throw new Error(`no sheet «${name}»`);
    return s;
  };
  return {
    setNow: (at) => demo.setNow(at),
    read(name) {
      const s = gas.spreadsheet.getSheetByName(name);
      if (!s) return null;
      // Dates of the vm come back as this realm's, as the scenario's domain code expects.
      return s
        .getDataRange()
        .getValues()
        .map((row) => row.map((v) => (isDate(v) ? new Date(v.getTime()) : v) as CellValue));
    },
    type(name, cells) {
      const s = sheet(name);
      for (const c of cells) s.getRange(c.row, c.col).setValues([[c.value]]);
    },
    setup: () => {
      call("apiSetupWorkbook");
    },
    loadRoadmapTemplate: (key) => call<RoadmapImportResponse>("apiLoadRoadmapTemplate", key, "append").result,
    importResponses(kind, source, values) {
      // As a form would: the responses land in their own sheet (the whole table so far), then
      // the curator takes them in from the sidebar.
      // A form writes its answers as they were typed: a phone «+7 …» stays text, never a formula.
      const target = gas.seed(source, []);
      const width = Math.max(1, ...values.map((r) => r.length));
      target.getRange(1, 1, Math.max(1, values.length), width).setNumberFormat("@");
      gas.seed(source, values);
      return call<IntakeResponse>("apiImportResponsesFromSheet", source, kind).report;
    },
    propose: (request) => call<ProposalView>("apiProposePairs", request),
    confirm: (accepted) => call<{ result: ConfirmResult }>("apiConfirmPairs", accepted, []).result,
    candidates: (kind) =>
      call<CandidatesView>("apiDocumentCandidates", kind)
        .candidates.filter((c) => c.preselected)
        .map((c) => c.id),
    documents(kind, ids, date) {
      let response = call<DocumentsResponse>("apiGenerateDocuments", {
        kind,
        ids,
        date,
        newRevision: false,
        pdf: false,
      });
      let made = response.result.documents.filter((d) => !d.existing).length;
      for (let guard = 0; ; guard++) {
        const { result } = response;
        if (result.problems.length > 0) throw new Error(result.problems.join(" "));
        if (!result.job || result.job.done + result.job.failed.length >= result.job.total || guard > 1000)
          break;
        response = call<DocumentsResponse>("apiContinueDocuments");
        made += response.result.documents.filter((d) => !d.existing).length;
      }
      return made;
    },
    scheduleMeetings: () => call<ScheduleMeetingsResponse>("apiScheduleMeetings").result,
    installDaily() {
      call("apiInstallDailyTrigger");
    },
    daily() {
      // What the time-driven trigger does at its hour: call the handler ScriptApp holds.
      const triggers = gas.globals.ScriptApp.triggersFor("CLOCK");
      const handler = triggers[0]?.handler;
      if (triggers.length !== 1 || !handler)
        throw new Error(`expected one daily trigger, found ${triggers.length}`);
      gas.globals.MailApp.quota = DEMO_MAIL_QUOTA;
      call(handler);
    },
    monitoring() {
      call("apiRefreshMonitoring");
    },
    closeYearPreview: () => call<CloseYearPreview>("apiCloseYearPreview"),
    closeYear: (promote) => call<{ result: CloseYearResult }>("apiCloseYear", { promote }).result,
  };
}

/** The scenario's steps bound to the Apps Script driver. */
export function gasDemoSteps(
  demo: GasDemo,
  options: { seed?: number; year?: number; note?: (line: string) => void } = {},
): DemoStep[] {
  return demoSteps(gasDriver(demo), {
    seed: options.seed ?? DEMO_SEED,
    year: options.year ?? demoYear(),
    ...(options.note ? { note: options.note } : {}),
    mailSent: () => demo.gas.globals.MailApp.sent.length,
  });
}

/** Runs the whole demo year through the bundle and returns it. */
export async function runGasDemo(
  options: { seed?: number; year?: number; note?: (line: string) => void } = {},
): Promise<GasDemo> {
  const demo = startGasDemo(options);
  for (const step of gasDemoSteps(demo, options)) await step.run();
  return demo;
}
