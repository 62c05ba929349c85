// Use case «Настроить книгу»: creates or repairs every sheet of the schema.
// Running it again changes nothing that exists, adds what is missing and reports what it
// did. A sheet the curator renamed, or a column they deleted, is reported — never
// recreated over their data.

import { type CellValue, isEmptyCell } from "../domain/cells";
import { type ListColumns, listsLayout, sheetLayout } from "../domain/layout";
import { cleanText, headerKey, matchKey } from "../domain/normalize";
import { type ColumnDef, LISTS, SCHEMA_VERSION, SETTINGS, SHEETS, type SheetDef } from "../domain/schema";
import { mapColumns } from "../domain/table";
import { UserError } from "./errors";
import { writeJournal } from "./journal";
import type { CellWrite, Env, MetaStore } from "./ports";

export interface SetupReport {
  createdSheets: string[];
  addedColumns: { sheet: string; headers: string[] }[];
  addedLists: string[];
  addedSettings: string[];
  /** Things the curator should look at: renamed sheets, deleted columns… */
  warnings: string[];
  /** True when anything was written (besides the journal line). */
  changed: boolean;
}

/** What set-up has created before, kept in the workbook's meta store. */
interface SetupMemory {
  version: number;
  /** Column keys (or list keys for «Справочники») set up per sheet key. */
  sheets: Record<string, string[]>;
}

const MEMORY_KEY = "setup";

function loadMemory(env: Pick<Env, "meta">): SetupMemory {
  const raw = env.meta.get(MEMORY_KEY);
  if (!raw) return { version: SCHEMA_VERSION, sheets: {} };
  try {
    const parsed = JSON.parse(raw) as SetupMemory;
    return { version: parsed.version ?? SCHEMA_VERSION, sheets: parsed.sheets ?? {} };
  } catch {
    return { version: SCHEMA_VERSION, sheets: {} };
  }
}

/**
 * The schema version set-up last wrote into this workbook, or null when set-up never ran on it
 * (a new file, or a workbook that is not Nastavnik's at all).
 */
export function storedSchemaVersion(meta: MetaStore): number | null {
  const raw = meta.get(MEMORY_KEY);
  if (!raw) return null;
  try {
    const version = (JSON.parse(raw) as Partial<SetupMemory>).version;
    return typeof version === "number" && Number.isFinite(version) ? version : null;
  } catch {
    return null;
  }
}

/** Refuses a workbook made by a newer program: its sheets may hold what this one would spoil. */
export function assertKnownSchema(meta: MetaStore): void {
  const version = storedSchemaVersion(meta);
  if (version !== null && version > SCHEMA_VERSION)
    throw new UserError(
      `Книга создана более новой версией Наставника (схема ${version}), а эта программа знает схему ${SCHEMA_VERSION}: обновите программу.`,
    );
}

/** Columns of a sheet as set-up writes them: for «Справочники» the lists are the columns. */
function headersOf(def: SheetDef): { key: string; header: string; aliases: readonly string[] }[] {
  if (def.kind === "lists") return LISTS.map((l) => ({ key: l.key, header: l.header, aliases: [] }));
  return def.columns.map((c) => ({ key: c.key, header: c.header, aliases: c.aliases ?? [] }));
}

/** Finds the sheet of a schema entry: exact name, alias, or the same name in another case. */
function findSheet(def: SheetDef, names: readonly string[]): string | undefined {
  if (names.includes(def.name)) return def.name;
  const keys = [def.name, ...(def.aliases ?? [])].map(matchKey);
  return names.find((n) => keys.includes(matchKey(n)));
}

/** Share of a schema sheet's headers present in a header row. */
function headerLikeness(def: SheetDef, header: readonly CellValue[]): number {
  const cols = headersOf(def);
  if (cols.length === 0) return 0;
  const present = new Set(header.map((h) => headerKey(h)));
  const found = cols.filter((c) => [c.header, ...c.aliases].some((h) => present.has(headerKey(h)))).length;
  return found >= 3 ? found / cols.length : 0;
}

function headerWrites(headers: readonly string[], firstCol: number): CellWrite[] {
  return headers.map((h, i) => ({ row: 1, col: firstCol + i, value: h }));
}

export interface SetupOptions {
  /** Write the action to «Журнал» (default true; the template workbook is generated without). */
  journal?: boolean;
}

export function setupWorkbook(env: Env, options: SetupOptions = {}): SetupReport {
  return env.lock.withLock(() => {
    const report: SetupReport = {
      createdSheets: [],
      addedColumns: [],
      addedLists: [],
      addedSettings: [],
      warnings: [],
      changed: false,
    };
    assertKnownSchema(env.meta);
    const memory = loadMemory(env);
    const names = env.workbook.sheetNames();
    const claimed = new Set<string>();
    const located = new Map<string, string>();
    for (const def of SHEETS) {
      const name = findSheet(def, names);
      if (name) {
        located.set(def.key, name);
        claimed.add(name);
      }
    }
    const unclaimed = names.filter((n) => !claimed.has(n));
    const unclaimedHeaders = new Map<string, CellValue[]>();
    for (const n of unclaimed) unclaimedHeaders.set(n, env.workbook.read(n)?.[0] ?? []);

    // Pass 1, in schema order (which is the tab order a curator sees): find or create each sheet.
    const targets: { def: SheetDef; sheet: string; values: CellValue[][] }[] = [];
    for (const def of SHEETS) {
      const name = located.get(def.key);
      if (name !== undefined) {
        if (name !== def.name) {
          report.warnings.push(
            `Лист «${name}» используется как «${def.name}». Лучше вернуть ему точное имя «${def.name}».`,
          );
        }
        targets.push({ def, sheet: name, values: env.workbook.read(name) ?? [] });
        continue;
      }
      const renamed = [...unclaimedHeaders.entries()].find(
        ([, header]) => headerLikeness(def, header) >= 0.5,
      );
      if (renamed) {
        report.warnings.push(
          `Лист «${def.name}» не найден, но лист «${renamed[0]}» похож на него по заголовкам. ` +
            `Если это он, верните ему имя «${def.name}» и снова запустите «Настроить книгу». Новый лист не создан, чтобы не разделять данные.`,
        );
        unclaimedHeaders.delete(renamed[0]);
        continue;
      }
      env.workbook.createSheet(def.name);
      report.createdSheets.push(def.name);
      if (memory.sheets[def.key])
        report.warnings.push(`Лист «${def.name}» был удалён; создан заново, пустой.`);
      targets.push({ def, sheet: def.name, values: [] });
    }

    // Pass 2: «Справочники» first, since the drop-downs of every other sheet point at its columns.
    targets.sort((a, b) => Number(b.def.kind === "lists") - Number(a.def.kind === "lists"));
    let listColumns: ListColumns = new Map();
    for (const { def, sheet, values } of targets) {
      if (def.kind === "lists") {
        listColumns = setupLists(env, sheet, values, memory, report);
        continue;
      }
      const index = setupTable(env, def, sheet, values, memory, listColumns, report);
      if (def.kind === "settings") setupSettings(env, sheet, index, values, report);
    }

    memory.version = SCHEMA_VERSION;
    env.meta.set(MEMORY_KEY, JSON.stringify(memory));

    if (options.journal !== false) {
      writeJournal(env, [
        {
          action: "Настроить книгу",
          outcome: report.warnings.length > 0 ? "с предупреждениями" : "успешно",
          details: describeSetup(report).join("\n"),
        },
      ]);
    }
    return report;
  });
}

function setupLists(
  env: Env,
  sheet: string,
  values: CellValue[][],
  memory: SetupMemory,
  report: SetupReport,
): ListColumns {
  const header = values[0] ?? [];
  const present = new Map<string, number>();
  header.forEach((h, i) => {
    const list = LISTS.find((l) => headerKey(l.header) === headerKey(h));
    if (list && !present.has(list.key)) present.set(list.key, i + 1);
  });
  const known = new Set(memory.sheets.lists ?? []);
  const writes: CellWrite[] = [];
  const added = new Set<string>();
  let next = header.length + 1;
  for (const list of LISTS) {
    if (present.has(list.key)) continue;
    if (known.has(list.key)) {
      report.warnings.push(
        `На листе «${sheet}» нет списка «${list.header}» — похоже, его удалили. Выпадающие списки, которые на него ссылаются, не работают; ` +
          `добавьте столбец «${list.header}» со значениями вручную.`,
      );
      continue;
    }
    const col = next++;
    present.set(list.key, col);
    added.add(list.key);
    writes.push({ row: 1, col, value: list.header });
    list.values.forEach((v, i) => {
      writes.push({ row: i + 2, col, value: v });
    });
    report.addedLists.push(list.header);
  }
  if (writes.length > 0) {
    env.workbook.write(sheet, writes);
    env.workbook.applyLayout(sheet, listsLayout(present, next - 1, added));
    report.changed = true;
  }
  memory.sheets.lists = [...new Set([...known, ...present.keys()])];
  return present;
}

function setupTable(
  env: Env,
  def: SheetDef,
  sheet: string,
  values: CellValue[][],
  memory: SetupMemory,
  listColumns: ListColumns,
  report: SetupReport,
): Map<string, number> {
  const columns = def.columns as readonly ColumnDef[];
  const header = values[0] ?? [];
  const hasData = values.slice(1).some((row) => row.some((c) => !isEmptyCell(c)));
  if (header.every((h) => isEmptyCell(h)) && hasData) {
    report.warnings.push(
      `На листе «${sheet}» пустая первая строка, но ниже есть данные. Заголовки не записаны, чтобы не перепутать столбцы: ` +
        "впишите заголовки в первую строку или освободите лист.",
    );
    return new Map();
  }
  const map = mapColumns(columns, header);
  for (const dup of map.duplicates) {
    report.warnings.push(
      `На листе «${sheet}» заголовок «${dup}» встречается дважды; используется первый столбец.`,
    );
  }
  const known = new Set(memory.sheets[def.key] ?? []);
  const headerEmpty = header.every((h) => isEmptyCell(h));
  const toAdd: ColumnDef[] = [];
  for (const col of map.missing) {
    // A column set up before and now gone from a header row with content was deleted by the curator.
    if (known.has(col.key) && !headerEmpty) {
      report.warnings.push(
        `На листе «${sheet}» нет столбца «${col.header}» — похоже, его удалили. ` +
          (col.required
            ? "Без него лист не читается: верните заголовок в первую строку."
            : `Надстройка работает без него; чтобы вернуть, добавьте заголовок «${col.header}».`),
      );
    } else {
      toAdd.push(col);
    }
  }
  const index = new Map(map.index);
  if (toAdd.length > 0) {
    const firstCol = headerEmpty ? 1 : Math.max(header.length, ...values.map((r) => r.length)) + 1;
    toAdd.forEach((col, i) => {
      index.set(col.key, firstCol - 1 + i);
    });
    env.workbook.write(
      sheet,
      headerWrites(
        toAdd.map((c) => c.header),
        firstCol,
      ),
    );
    const width = firstCol - 1 + toAdd.length;
    const only = headerEmpty ? undefined : new Set(toAdd.map((c) => c.key));
    env.workbook.applyLayout(sheet, sheetLayout(def, index, width, listColumns, only));
    // Headers of a sheet created just now are not news; anything else is.
    if (!headerEmpty || !report.createdSheets.includes(sheet)) {
      report.addedColumns.push({ sheet, headers: toAdd.map((c) => c.header) });
    }
    report.changed = true;
  }
  memory.sheets[def.key] = [...new Set([...known, ...index.keys()])];
  return index;
}

function setupSettings(
  env: Env,
  sheet: string,
  index: Map<string, number>,
  values: CellValue[][],
  report: SetupReport,
): void {
  const keyCol = index.get("key");
  if (keyCol === undefined) return;
  const present = new Set(values.slice(1).map((r) => cleanText(r[keyCol])));
  const width = Math.max(...[...index.values()].map((i) => i + 1), values[0]?.length ?? 0);
  const rows: CellValue[][] = [];
  for (const s of SETTINGS) {
    if (present.has(s.key)) continue;
    const row: CellValue[] = new Array(width).fill("");
    const put = (key: string, v: CellValue) => {
      const i = index.get(key);
      if (i !== undefined) row[i] = v;
    };
    put("key", s.key);
    put("label", s.label);
    put("value", typeof s.value === "boolean" ? (s.value ? "да" : "нет") : s.value);
    put("note", s.note + ("required" in s && s.required ? " Обязательно." : ""));
    rows.push(row);
    report.addedSettings.push(s.label);
  }
  if (rows.length > 0) {
    env.workbook.append(sheet, rows);
    report.changed = true;
  }
}

/** The report as Russian lines for the sidebar, the command line and the journal. */
export function describeSetup(report: SetupReport): string[] {
  const lines: string[] = [];
  if (report.createdSheets.length > 0)
    lines.push(`Созданы листы: ${report.createdSheets.map((s) => `«${s}»`).join(", ")}.`);
  for (const a of report.addedColumns) {
    lines.push(`Лист «${a.sheet}»: добавлены столбцы ${a.headers.map((h) => `«${h}»`).join(", ")}.`);
  }
  if (report.addedLists.length > 0)
    lines.push(`В «Справочники» добавлены списки: ${report.addedLists.map((s) => `«${s}»`).join(", ")}.`);
  if (report.addedSettings.length > 0)
    lines.push(`В «Настройки» добавлены параметры: ${report.addedSettings.length}.`);
  if (!report.changed) lines.push("Книга уже настроена: ничего не изменено.");
  for (const w of report.warnings) lines.push(`Внимание: ${w}`);
  return lines;
}
