// The part of the sidebar contract that serves «Мониторинг и итоги года». Plain JSON only.

import type { CloseYearPreview, CloseYearRequest, CloseYearResult } from "./close-year";
import type { MonitoringSummary } from "./monitoring";
import type { Overview } from "./overview";

export interface MonitoringRefreshResponse {
  /** What was recomputed and written, as Russian lines. */
  lines: string[];
  /** Cells written in «Мониторинг» and «Выгрузка в регион». */
  changedCells: number;
  /** Charts of «Мониторинг» drawn now and updated. */
  charts: { created: number; updated: number } | null;
  /** The section's figures after the refresh. */
  summary: MonitoringSummary;
  overview: Overview;
}

export interface CloseYearResponse {
  result: CloseYearResult;
  /** The figures of the new year (the closed one is in the archive sheets). */
  summary: MonitoringSummary;
  overview: Overview;
}

/** Server functions of «Мониторинг и итоги года». */
export interface MonitoringApi {
  /** Key figures and the top of the mentor ranking, computed now; writes nothing. */
  apiMonitoringSummary(): MonitoringSummary;
  /** Writes «Мониторинг» and «Выгрузка в регион» and draws (or updates) the four charts. */
  apiRefreshMonitoring(): MonitoringRefreshResponse;
  /** What closing the year would do; writes nothing. */
  apiCloseYearPreview(): CloseYearPreview;
  /** Closes the year: pairs completed, willing mentees promoted, the year archived. Once. */
  apiCloseYear(request: CloseYearRequest): CloseYearResponse;
}

export const MONITORING_SERVER_FUNCTIONS = [
  "apiMonitoringSummary",
  "apiRefreshMonitoring",
  "apiCloseYearPreview",
  "apiCloseYear",
] as const satisfies readonly (keyof MonitoringApi)[];
