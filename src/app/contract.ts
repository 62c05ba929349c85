// The one typed call contract between the sidebar (src/ui) and the server (src/gas).
// Every value crossing it is plain JSON: no Date, no functions, no class instances.

import { DOCUMENTS_SERVER_FUNCTIONS, type DocumentsApi } from "./contract-documents";
import { MONITORING_SERVER_FUNCTIONS, type MonitoringApi } from "./contract-monitoring";
import { PRIVACY_SERVER_FUNCTIONS, type PrivacyApi } from "./contract-privacy";
import { REMINDERS_SERVER_FUNCTIONS, type RemindersApi } from "./contract-reminders";
import type { FormsSyncReport } from "./forms";
import type { IntakeReport, WithdrawalResult } from "./intake";
import type { Overview } from "./overview";
import type { ConfirmResult, PairDecision } from "./pairs";
import type { ProposalRequest, ProposalView } from "./proposal-types";
import type { ImportMode, RoadmapImportResult, RoadmapRefresh } from "./roadmap";
import type { SetupReport } from "./setup";

export interface SetupResult {
  report: SetupReport;
  /** The report as Russian lines, ready to show. */
  lines: string[];
  overview: Overview;
}

export interface RoadmapImportResponse {
  result: RoadmapImportResult;
  overview: Overview;
}

export interface RoadmapRefreshResponse {
  refresh: RoadmapRefresh;
  overview: Overview;
}

export interface FormsSyncResponse {
  report: FormsSyncReport;
  /** The trigger that loads each submission was installed just now (false: it already was). */
  triggerInstalled: boolean;
  overview: Overview;
}

export interface IntakeResponse {
  report: IntakeReport;
  lines: string[];
  overview: Overview;
}

export interface WithdrawResponse {
  result: WithdrawalResult;
  overview: Overview;
}

export interface ConfirmPairsResponse {
  result: ConfirmResult;
  overview: Overview;
}

/** Server functions the sidebar calls through google.script.run. */
export interface ServerApi extends DocumentsApi, RemindersApi, MonitoringApi, PrivacyApi {
  apiGetOverview(): Overview;
  apiSetupWorkbook(): SetupResult;
  /** Loads a default roadmap; `mode` is null until the curator has chosen for a non-empty roadmap. */
  apiLoadRoadmapTemplate(key: string, mode: ImportMode | null): RoadmapImportResponse;
  /** Imports the roadmap table of a Google Doc given by its link. */
  apiImportRoadmapFromDoc(url: string, mode: ImportMode | null): RoadmapImportResponse;
  apiRefreshRoadmap(): RoadmapRefreshResponse;
  /** Creates or updates the four questionnaires and installs the submission trigger once. */
  apiSyncForms(): FormsSyncResponse;
  /** Loads answers from a sheet of this workbook (a responses sheet or an imported export). */
  apiImportResponsesFromSheet(sheet: string, kind: string): IntakeResponse;
  /** Consent withdrawn: erases the person's personal data, keeps the ID for statistics. */
  apiWithdrawPerson(id: string, reason: string): WithdrawResponse;
  /** «Подбор пар»: proposes a whole assignment with reasons and alternatives; writes nothing. */
  apiProposePairs(request: ProposalRequest): ProposalView;
  /** Writes the accepted pairs (and remembers the rejected ones) in one batch, under the lock. */
  apiConfirmPairs(
    accepted: PairDecision[],
    rejected: { menteeId: string; mentorId: string }[],
  ): ConfirmPairsResponse;
}

/** Their names, checked against the built bundle by a test. */
export const SERVER_FUNCTIONS = [
  "apiGetOverview",
  "apiSetupWorkbook",
  "apiLoadRoadmapTemplate",
  "apiImportRoadmapFromDoc",
  "apiRefreshRoadmap",
  "apiSyncForms",
  "apiImportResponsesFromSheet",
  "apiWithdrawPerson",
  "apiProposePairs",
  "apiConfirmPairs",
  ...DOCUMENTS_SERVER_FUNCTIONS,
  ...REMINDERS_SERVER_FUNCTIONS,
  ...MONITORING_SERVER_FUNCTIONS,
  ...PRIVACY_SERVER_FUNCTIONS,
] as const satisfies readonly (keyof ServerApi)[];

/** Turns a value into plain JSON (what google.script.run would deliver anyway). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
