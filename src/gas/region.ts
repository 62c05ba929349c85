// The regional side in Google Sheets: «Свести выгрузки школ» in a regional workbook.
//
// Each school sends its «Выгрузка в регион» (a CSV downloaded with «Файл → Скачать → CSV», or the
// sheet copied into the regional workbook). A CSV is brought into the regional workbook with
// «Файл → Импортировать → Загрузить → Вставить новые листы»: every school becomes a sheet. The
// action takes every sheet whose header row is the export layout as a source (one read per
// sheet), combines them (src/domain/monitoring/combine.ts) and writes the table to «Свод по
// школам» (created, or rewritten in one write that also clears what the previous run left
// beyond the new table), then shows the summary and the problems and logs a line to «Журнал».

import { combineRegion, REGION_ACTION, regionAlertText } from "../app/region";
import { gasEnv } from "./env";
import { guarded } from "./guarded";

// Only the menu function is exported: every export of this module becomes a top-level Apps
// Script function (src/gas/main.ts re-exports it). The use case is src/app/region.ts.

/** Menu «Свести выгрузки школ»: combines the export sheets into «Свод по школам» and shows the summary. */
export function menuCombineRegion(): void {
  const ui = SpreadsheetApp.getUi();
  try {
    const combined = guarded(REGION_ACTION, () => combineRegion(gasEnv()));
    ui.alert("Свод по школам", regionAlertText(combined), ui.ButtonSet.OK);
  } catch (error) {
    ui.alert("Свод не выполнен", error instanceof Error ? error.message : String(error), ui.ButtonSet.OK);
  }
}
