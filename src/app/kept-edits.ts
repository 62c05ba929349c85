// Writes that leave what the curator typed while the action ran: the workbook checks each cell
// of recordChanges against the value the action read (and follows a row that moved), and the
// cells it left are logged to «Журнал», so the curator knows which values the action did not set.

import { columnLetter } from "../domain/cells";
import { writeJournal } from "./journal";
import type { CellWrite, ClockPort, UserPort, WorkbookPort } from "./ports";

/** Journal details of the cells a write left, one clause per cell (the first 20 named). */
export function describeKept(sheet: string, skipped: readonly CellWrite[]): string {
  const shown = skipped.slice(0, 20).map((c) => {
    const where = `лист «${sheet}», строка ${c.row}, столбец ${columnLetter(c.col)}`;
    return c.rowKey ? `${where} (запись ${String(c.rowKey.value)})` : where;
  });
  const more = skipped.length > shown.length ? `; и ещё ${skipped.length - shown.length}` : "";
  return (
    `Оставлено значение, введённое во время действия: ${shown.join("; ")}${more}. ` +
    "Надстройка не стала его перезаписывать (или строки записи уже нет на месте); проверьте эти ячейки и при необходимости повторите действие."
  );
}

/**
 * Writes cells (conditional ones from recordChanges) and logs to «Журнал» those the workbook
 * left because the curator changed them, or moved or deleted their row, meanwhile. Returns them.
 */
export function writeKeepingEdits(
  env: { workbook: WorkbookPort; clock: ClockPort; user: UserPort },
  sheet: string,
  cells: CellWrite[],
  action: string,
): CellWrite[] {
  if (cells.length === 0) return [];
  const skipped = env.workbook.write(sheet, cells)?.skipped ?? [];
  if (skipped.length > 0) {
    writeJournal(env, [{ action, outcome: "с предупреждениями", details: describeKept(sheet, skipped) }]);
  }
  return skipped;
}
