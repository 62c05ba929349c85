// Reading «Настройки»: a key/value sheet the curator fills.

import type { CellValue } from "../domain/cells";
import { cleanText, normalizeBoolean, normalizeDate, normalizeNumber } from "../domain/normalize";
import { SETTINGS, type SettingKey } from "../domain/schema";
import { readTable } from "../domain/table";
import type { CellWrite, WorkbookPort } from "./ports";

export type SettingsValues = { [K in SettingKey]: string | number | boolean };

export interface SettingsRead {
  values: SettingsValues;
  /** Required settings that are empty (their Russian labels). */
  missing: string[];
  /** Values that could not be read, with the row to look at. */
  problems: string[];
}

/** Reads «Настройки»; unknown keys are ignored, absent keys take their defaults. */
export function readSettings(values: readonly (readonly CellValue[])[] | null): SettingsRead {
  const out = Object.fromEntries(SETTINGS.map((s) => [s.key, s.value])) as SettingsValues;
  const missing: string[] = [];
  const problems: string[] = [];
  const byKey = new Map<string, { value: CellValue; row: number }>();
  if (values && values.length > 0) {
    const table = readTable("settings", values);
    const valueCol = table.columns.index.get("value") ?? -1;
    for (const { row, record } of table.rows) {
      byKey.set(record.key, { value: values[row - 1]?.[valueCol] ?? "", row });
    }
  }
  for (const s of SETTINGS) {
    const found = byKey.get(s.key);
    const raw = found?.value ?? "";
    const where = found ? `Лист «Настройки», строка ${found.row}, «${s.label}»` : `«${s.label}»`;
    if (typeof s.value === "number") {
      const n = normalizeNumber(raw);
      if (!n.ok) problems.push(`${where}: ${n.error}`);
      out[s.key] = n.ok && n.value !== null ? n.value : s.value;
    } else if (typeof s.value === "boolean") {
      const b = normalizeBoolean(raw);
      if (!b.ok) problems.push(`${where}: ${b.error}`);
      out[s.key] = b.ok ? b.value : s.value;
    } else if (raw instanceof Date) {
      out[s.key] = cleanText(raw.toLocaleDateString("ru-RU"));
    } else {
      out[s.key] = found ? cleanText(raw) : s.value;
    }
    if ("required" in s && s.required && cleanText(out[s.key]) === "") missing.push(s.label);
  }
  return { values: out, missing, problems };
}

/**
 * The first calendar year of the academic year: from «Начало учебного года», or, when it is
 * empty, the year of the last 1 September before `today`.
 */
export function academicYearStart(settings: SettingsValues, today: Date): number {
  const parsed = normalizeDate(settings.academicYearStart as CellValue);
  if (parsed.ok && parsed.value) return parsed.value.month >= 7 ? parsed.value.year : parsed.value.year - 1;
  return today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
}

/**
 * Writes the given settings into «Настройки», touching only the «Значение» cells that
 * change. Returns the labels of the settings written.
 */
export function writeSettings(workbook: WorkbookPort, changes: Partial<SettingsValues>): string[] {
  const values = workbook.read("Настройки");
  if (!values || values.length === 0)
    throw new Error("В книге нет листа «Настройки». Запустите «Настроить книгу».");
  const table = readTable("settings", values);
  const valueCol = table.columns.index.get("value");
  if (valueCol === undefined) throw new Error("На листе «Настройки» нет столбца «Значение».");
  const cells: CellWrite[] = [];
  const written: string[] = [];
  for (const { row, record } of table.rows) {
    if (!(record.key in changes)) continue;
    const next = changes[record.key as SettingKey];
    if (next === undefined) continue;
    const cell = typeof next === "boolean" ? (next ? "да" : "нет") : next;
    if (values[row - 1]?.[valueCol] === cell) continue;
    cells.push({ row, col: valueCol + 1, value: cell });
    written.push(SETTINGS.find((s) => s.key === record.key)?.label ?? record.key);
  }
  if (cells.length > 0) workbook.write("Настройки", cells);
  return written;
}
