// «Журнал»: one line per action (time, action, who, outcome, details), written in one batch.

import { sheetDef } from "../domain/schema";
import { mapColumns, recordToRow } from "../domain/table";
import type { ClockPort, UserPort, WorkbookPort } from "./ports";

export type Outcome = "успешно" | "с предупреждениями" | "ошибка";

export interface JournalEntry {
  action: string;
  outcome: Outcome;
  details: string;
}

/** Journal details are capped so one line never becomes a wall of text in the sheet. */
const MAX_DETAILS = 5000;

/**
 * Appends entries to «Журнал» in one write. Creates the sheet (with its header) when it is
 * missing, so a failure is logged even in a workbook that was never set up.
 */
export function writeJournal(
  env: { workbook: WorkbookPort; clock: ClockPort; user: UserPort },
  entries: readonly JournalEntry[],
): void {
  if (entries.length === 0) return;
  const def = sheetDef("journal");
  let values = env.workbook.read(def.name);
  if (values === null) {
    env.workbook.createSheet(def.name);
    values = [];
  }
  if (values.length === 0) {
    const headers = def.columns.map((c) => c.header);
    env.workbook.write(
      def.name,
      headers.map((h, i) => ({ row: 1, col: i + 1, value: h })),
    );
    values = [headers];
  }
  const columns = mapColumns(def.columns, values[0] ?? []);
  const time = env.clock.now();
  const user = env.user.current();
  const rows = entries.map((e) =>
    recordToRow(
      "journal",
      {
        time,
        action: e.action,
        user,
        outcome: e.outcome,
        details: e.details.length > MAX_DETAILS ? `${e.details.slice(0, MAX_DETAILS)}…` : e.details,
      },
      columns,
    ),
  );
  env.workbook.append(def.name, rows);
}
