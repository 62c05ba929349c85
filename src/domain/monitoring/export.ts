// The export for the regional centre: the indicators in one fixed layout, the same in every school,
// so the centre can combine many files (see combine.ts). Pure.
//
// Layout — one row per indicator that has a value (indicators without one, e.g. satisfaction before
// any feedback, are left out: the file holds numbers only, and no personal data at all):
//   Организация | Код организации | Учебный год | Код показателя | Показатель | Значение | Единица
// The header texts are those of the sheet «Выгрузка в регион» in the schema (EXPORT_HEADERS).
// «Учебный год» is written «2025/2026». Codes: see indicators.ts; combineRule(code) there tells how a
// code adds up over schools.
//
// CSV: UTF-8 with a byte order mark, `;` between fields and a decimal comma — what Excel in a
// Russian locale opens directly; lines end with CRLF; a field holding `;`, `"` or a line break is
// quoted with `"` doubled. Readers should accept `,` as the separator too (and a decimal point).

import type { CellValue } from "../cells";
import { sheetDef } from "../schema";
import type { Indicator } from "./indicators";

export interface ExportRow {
  org: string;
  orgCode: string;
  year: string;
  code: string;
  indicator: string;
  value: number;
  unit: string;
}

/** The columns in their order: keys of ExportRow and the headers of «Выгрузка в регион». */
export const EXPORT_COLUMNS = sheetDef("regionExport").columns.map((c) => ({
  key: c.key as keyof ExportRow,
  header: c.header,
}));
export const EXPORT_HEADERS: readonly string[] = EXPORT_COLUMNS.map((c) => c.header);
export const CSV_SEPARATOR = ";";
export const CSV_BOM = "\uFEFF";

export interface ExportSettings {
  orgShortName: string;
  orgFullName: string;
  regionCode: string;
}

/** «2025/2026» for the academic year starting in 2025. */
export function academicYearText(firstYear: number): string {
  return `${firstYear}/${firstYear + 1}`;
}

/** The indicator as the region sees it: its label with the unit («Охват обучающихся, %»). */
export function labelWithUnit(i: Pick<Indicator, "label" | "unit">): string {
  return `${i.label}, ${i.unit}`;
}

export function exportRows(
  settings: ExportSettings,
  year: string,
  indicators: readonly Indicator[],
): ExportRow[] {
  const org = settings.orgShortName.trim() || settings.orgFullName.trim();
  const orgCode = settings.regionCode.trim();
  return indicators
    .filter(
      (i): i is Indicator & { value: number } => typeof i.value === "number" && Number.isFinite(i.value),
    )
    .map((i) => ({ org, orgCode, year, code: i.code, indicator: i.label, value: i.value, unit: i.unit }));
}

/** The rows as cells, in EXPORT_COLUMNS order. */
export function exportCells(rows: readonly ExportRow[]): CellValue[][] {
  return rows.map((r) => EXPORT_COLUMNS.map((c) => r[c.key]));
}

function csvField(value: string | number): string {
  const text = typeof value === "number" ? String(value).replace(".", ",") : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The export as CSV text, BOM included (write it as UTF-8). */
export function exportCsv(rows: readonly ExportRow[]): string {
  const lines = [EXPORT_HEADERS, ...rows.map((r) => EXPORT_COLUMNS.map((c) => r[c.key]))].map((line) =>
    line.map(csvField).join(CSV_SEPARATOR),
  );
  return `${CSV_BOM}${lines.join("\r\n")}\r\n`;
}
