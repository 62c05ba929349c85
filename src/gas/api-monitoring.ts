// Server functions of the sidebar section «Мониторинг и итоги года» (see src/app/contract-monitoring.ts).
// Every export here becomes a top-level Apps Script function through src/gas/main.ts.

import { checkCloseYearRequest, closeYear, closeYearPreview } from "../app/close-year";
import { plain } from "../app/contract";
import type { MonitoringApi } from "../app/contract-monitoring";
import { monitoringSummary, refreshMonitoring } from "../app/monitoring";
import { buildOverview } from "../app/overview";
import { sidebarArgs } from "./args";
import { gasCharts, gasEnv } from "./env";
import { guarded } from "./guarded";

export const apiMonitoringSummary: MonitoringApi["apiMonitoringSummary"] = () =>
  guarded("Мониторинг", () => plain(monitoringSummary(gasEnv())));

export const apiRefreshMonitoring: MonitoringApi["apiRefreshMonitoring"] = () =>
  guarded("Обновить показатели", () => {
    const env = gasEnv();
    const refresh = refreshMonitoring(env, gasCharts());
    return plain({
      lines: refresh.lines,
      changedCells: refresh.changedCells,
      charts: refresh.charts,
      summary: monitoringSummary(env),
      overview: buildOverview(env.workbook),
    });
  });

export const apiCloseYearPreview: MonitoringApi["apiCloseYearPreview"] = () =>
  guarded("Завершение учебного года: проверка", () => plain(closeYearPreview(gasEnv())));

export const apiCloseYear: MonitoringApi["apiCloseYear"] = (...raw) => {
  const [request] = sidebarArgs(...raw);
  // Checked before anything is read or written; a wrong request is the sidebar's, not the workbook's.
  const checked = checkCloseYearRequest(request);
  return guarded("Завершить учебный год", () => {
    const env = gasEnv();
    const result = closeYear(env, checked);
    return plain({ result, summary: monitoringSummary(env), overview: buildOverview(env.workbook) });
  });
};
