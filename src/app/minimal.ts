// «Применить минимальный режим»: switches an existing workbook to the minimal mode of personal
// data (setting minimalMode). The bases keep only what matching, documents and reminders need:
// the phone is cleared, the date of birth is replaced by the age band (which still tells whether
// a student is a minor and needs a legal representative's consent), the free text about oneself
// is cleared. First a preview of what will be cleared (writes nothing), then the action: one read
// and one batched write per base, the setting switched on, one journal line (counts, no names).
// Running it again changes nothing.

import { MINIMAL_DROPPED } from "../domain/forms";
import { minimalFields, type PersonKind } from "../domain/intake";
import { type ColumnDef, sheetDef } from "../domain/schema";
import { type RecordOf, readTable, recordChanges } from "../domain/table";
import { UserError } from "./errors";
import { writeJournal } from "./journal";
import { writeKeepingEdits } from "./kept-edits";
import type { CellWrite, Env } from "./ports";
import { readSettings, writeSettings } from "./settings";

export interface MinimalSheetPlan {
  sheet: string;
  /** Rows that change. */
  rows: number;
  /** Per column: how many filled cells are cleared (or, for the date of birth, replaced by the band). */
  columns: { header: string; cells: number }[];
}

export interface MinimalPreview {
  /** The setting is on already. */
  minimalMode: boolean;
  sheets: MinimalSheetPlan[];
  /** Dates of birth replaced by an age band. */
  ageBands: number;
  /** Cells that change in all. */
  cells: number;
  lines: string[];
}

export interface MinimalResult extends MinimalPreview {
  /** The setting was switched on now. */
  settingChanged: boolean;
}

const BASES: readonly { key: "mentees" | "mentors"; kind: PersonKind }[] = [
  { key: "mentees", kind: "mentee" },
  { key: "mentors", kind: "mentor" },
];

interface Plan {
  minimalMode: boolean;
  writes: { sheet: string; cells: CellWrite[] }[];
  sheets: MinimalSheetPlan[];
  ageBands: number;
}

function plan(env: Env): Plan {
  const now = env.clock.now();
  const minimalMode = readSettings(env.workbook.read(sheetDef("settings").name)).values.minimalMode === true;
  const writes: Plan["writes"] = [];
  const sheets: MinimalSheetPlan[] = [];
  let ageBands = 0;
  for (const { key, kind } of BASES) {
    const def = sheetDef(key);
    const values = env.workbook.read(def.name);
    if (!values || values.length === 0) continue;
    const table = readTable(key as "mentees", values);
    const counts = new Map<string, number>();
    const cells: CellWrite[] = [];
    let rows = 0;
    for (const { row, record } of table.rows) {
      const kept = minimalFields(kind, record as unknown as Record<string, unknown>, now);
      if (kept.dropped.length === 0) continue;
      if (kept.ageBand !== null && !table.columns.index.has("ageBand")) {
        throw new UserError(
          `В листе «${def.name}» нет столбца «Возрастная группа» — дату рождения не на что заменить. ` +
            "Запустите «Настроить книгу» (столбец добавится, данные не пострадают) и повторите.",
        );
      }
      const change = recordChanges(
        key as "mentees",
        row,
        record as RecordOf<"mentees">,
        kept.fields as Partial<RecordOf<"mentees">>,
        table.columns,
      );
      if (change.length === 0) continue;
      rows++;
      cells.push(...change);
      if (kept.ageBand !== null) ageBands++;
      for (const k of kept.dropped) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    if (cells.length === 0) continue;
    writes.push({ sheet: def.name, cells });
    const columns = (def.columns as readonly ColumnDef[])
      .filter((c) => MINIMAL_DROPPED[kind].includes(c.key) && counts.has(c.key))
      .map((c) => ({ header: c.header, cells: counts.get(c.key) ?? 0 }));
    sheets.push({ sheet: def.name, rows, columns });
  }
  return { minimalMode, writes, sheets, ageBands };
}

function describe(p: Plan, done: boolean): string[] {
  const lines: string[] = [];
  if (p.sheets.length === 0) {
    lines.push("В базах нет данных, которые минимальный режим не хранит: очищать нечего.");
  } else {
    lines.push(
      done ? "Очищено:" : "Будет очищено (действие не отменить — сохранится только история версий таблицы):",
    );
    for (const s of p.sheets) {
      const what = s.columns
        .map((c) =>
          c.header === sheetDef("mentees").columns.find((x) => x.key === "birthDate")?.header
            ? `«${c.header}» — ${c.cells} (заменена возрастной группой)`
            : `«${c.header}» — ${c.cells}`,
        )
        .join(", ");
      lines.push(`  лист «${s.sheet}», записей: ${s.rows}; ${what}.`);
    }
  }
  if (!p.minimalMode)
    lines.push(
      done
        ? "Настройка «Минимальный режим персональных данных» включена."
        : "Настройка «Минимальный режим персональных данных» будет включена.",
    );
  lines.push(
    "Обновите анкеты (меню «Наставничество» → «Создать / обновить анкеты»): они перестанут спрашивать телефон, дату рождения " +
      "(вместо неё — возрастная группа) и рассказ о себе; уже полученные ответы остаются в листах ответов форм.",
  );
  return lines;
}

function cellsOf(p: Plan): number {
  return p.writes.reduce((n, w) => n + w.cells.length, 0);
}

/** What «Применить минимальный режим» would clear; writes nothing. */
export function previewMinimalMode(env: Env): MinimalPreview {
  const p = plan(env);
  return {
    minimalMode: p.minimalMode,
    sheets: p.sheets,
    ageBands: p.ageBands,
    cells: cellsOf(p),
    lines: describe(p, false),
  };
}

/** Clears what minimal mode does not keep and switches the setting on. Idempotent. */
export function applyMinimalMode(env: Env): MinimalResult {
  return env.lock.withLock(() => {
    const p = plan(env);
    for (const w of p.writes) writeKeepingEdits(env, w.sheet, w.cells, "Применить минимальный режим");
    const settingChanged = !p.minimalMode && writeSettings(env.workbook, { minimalMode: true }).length > 0;
    const lines = describe(p, true);
    if (p.writes.length > 0 || settingChanged) {
      writeJournal(env, [
        { action: "Применить минимальный режим", outcome: "успешно", details: lines.join("\n") },
      ]);
    }
    return {
      minimalMode: true,
      settingChanged,
      sheets: p.sheets,
      ageBands: p.ageBands,
      cells: cellsOf(p),
      lines,
    };
  });
}
