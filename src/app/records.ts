// Reading and adding records of a schema sheet through the workbook port:
// one read per sheet, one append per batch, IDs that are never reused.

import { allocateIds } from "../domain/ids";
import { type SheetKey, sheetDef } from "../domain/schema";
import { type RecordOf, readTable, recordToRow, SchemaError, type TableRead } from "../domain/table";
import type { MetaStore, WorkbookPort } from "./ports";

/** Reads a schema sheet; a missing sheet is a Russian SchemaError telling what to do. */
export function readRecords<K extends SheetKey>(workbook: WorkbookPort, key: K): TableRead<K> {
  const def = sheetDef(key);
  const values = workbook.read(def.name);
  if (values === null) {
    throw new SchemaError(`В книге нет листа «${def.name}». Запустите «Настроить книгу».`, def.name);
  }
  if (values.length === 0) {
    throw new SchemaError(
      `Лист «${def.name}» пуст: нет строки заголовков. Запустите «Настроить книгу».`,
      def.name,
    );
  }
  return readTable(key, values);
}

const counterKey = (prefix: string) => `ids:${prefix}`;

/**
 * Appends records in one batch, giving each a new ID (when the sheet has IDs).
 * Returns the IDs in the order of the records.
 */
export function insertRecords<K extends SheetKey>(
  env: { workbook: WorkbookPort; meta: MetaStore },
  key: K,
  records: readonly Partial<RecordOf<K>>[],
  table: TableRead<K> = readRecords(env.workbook, key),
): string[] {
  if (records.length === 0) return [];
  const def = sheetDef(key);
  let ids: string[] = [];
  if ("idPrefix" in def && def.idPrefix) {
    const prefix = def.idPrefix;
    const existing = table.rows.map((r) => (r.record as { id?: string }).id ?? "");
    const counter = Number(env.meta.get(counterKey(prefix)) ?? 0) || 0;
    const allocation = allocateIds(prefix, existing, counter, records.length);
    ids = allocation.ids;
    env.meta.set(counterKey(prefix), String(allocation.counter));
  }
  const rows = records.map((rec, i) =>
    recordToRow(key, ids[i] ? ({ ...rec, id: ids[i] } as Partial<RecordOf<K>>) : rec, table.columns),
  );
  env.workbook.append(def.name, rows);
  return ids;
}
