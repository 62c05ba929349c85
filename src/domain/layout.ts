// Formatting of the sheets, computed from the schema: widths, formats, drop-downs,
// checkboxes, notes and protection of the columns the add-on owns.

import type { ColumnLayout, ColumnValidation, SheetLayout } from "./cells";
import { type ColumnDef, LISTS, type ListKey, type SheetDef } from "./schema";

/** Rows of «Справочники» a drop-down looks at (room for the curator's own values). */
export const LIST_ROWS = 300;

export const HEADER_BACKGROUND = "#e8eaf6";
const DATE_FORMAT = "dd.mm.yyyy";
const DATETIME_FORMAT = "dd.mm.yyyy hh:mm";

/** 1-based column of each list in «Справочники», by list key. */
export type ListColumns = ReadonlyMap<string, number>;

export const LISTS_SHEET_NAME = "Справочники";

export function protectionDescription(sheetName: string, header: string): string {
  return `Наставник: «${sheetName}» / «${header}» заполняет надстройка`;
}

function listHeader(key: ListKey | undefined): string {
  return LISTS.find((l) => l.key === key)?.header ?? "";
}

function validationFor(col: ColumnDef, lists: ListColumns): ColumnValidation | undefined {
  switch (col.type) {
    case "checkbox":
      return { kind: "checkbox" };
    case "date":
      return { kind: "date" };
    case "number":
      return col.min !== undefined || col.max !== undefined
        ? { kind: "number", min: col.min, max: col.max }
        : undefined;
    case "list": {
      const c = col.list ? lists.get(col.list) : undefined;
      if (!c) return undefined;
      // Statuses drive the add-on's logic: only values from the list. Other lists accept
      // the curator's own words with a warning mark.
      const strict = /Statuses$/.test(col.list ?? "");
      return { kind: "range", sheet: LISTS_SHEET_NAME, column: c, firstRow: 2, lastRow: LIST_ROWS, strict };
    }
    default:
      return undefined;
  }
}

function numberFormatFor(col: ColumnDef): string | undefined {
  switch (col.type) {
    case "date":
      return DATE_FORMAT;
    case "datetime":
      return DATETIME_FORMAT;
    default:
      // Text columns keep the automatic format: the Apps Script adapter writes every string
      // with a leading apostrophe, which Sheets documents as "literal text" and never shows.
      // (A plain-text "@" format is not promised to stop setValues from parsing formulas.)
      return undefined;
  }
}

function noteFor(col: ColumnDef): string | undefined {
  const parts: string[] = [];
  if (col.note) parts.push(col.note);
  if (col.type === "multi-list") {
    parts.push(
      `Несколько значений через запятую из листа «${LISTS_SHEET_NAME}», столбец «${listHeader(col.list)}».`,
    );
  }
  if (col.type === "email") parts.push("Адрес электронной почты.");
  if (col.type === "phone") parts.push("Телефон в формате +7 XXX XXX-XX-XX.");
  if (col.required && col.owner === "curator") parts.push("Обязательное поле.");
  return parts.length > 0 ? parts.join(" ") : undefined;
}

/**
 * Layout of the given columns of a sheet.
 * @param index 0-based position of each schema column in the sheet as it is now
 * @param only  keys of the columns to format (those set-up has just added); all when omitted
 */
export function sheetLayout(
  def: SheetDef,
  index: ReadonlyMap<string, number>,
  headerWidth: number,
  lists: ListColumns,
  only?: ReadonlySet<string>,
): SheetLayout {
  const columns: ColumnLayout[] = [];
  for (const col of def.columns) {
    const i = index.get(col.key);
    if (i === undefined || (only && !only.has(col.key))) continue;
    const layout: ColumnLayout = { col: i + 1, width: col.width };
    const format = numberFormatFor(col);
    if (format) layout.numberFormat = format;
    const validation = validationFor(col, lists);
    if (validation) layout.validation = validation;
    const note = noteFor(col);
    if (note) layout.note = note;
    if (col.type === "longtext") layout.wrap = true;
    if (col.owner === "addon") layout.protect = { description: protectionDescription(def.name, col.header) };
    columns.push(layout);
  }
  return {
    frozenRows: 1,
    headerWidth,
    headerBackground: HEADER_BACKGROUND,
    columns,
    tabColor: def.tabColor,
  };
}

/** Layout of «Справочники»: each list column as wide as its longest value allows, as text. */
export function listsLayout(
  listColumns: ListColumns,
  headerWidth: number,
  only?: ReadonlySet<string>,
): SheetLayout {
  const columns: ColumnLayout[] = [];
  for (const list of LISTS) {
    const c = listColumns.get(list.key);
    if (c === undefined || (only && !only.has(list.key))) continue;
    const longest = Math.max(list.header.length, ...list.values.map((v) => v.length));
    columns.push({ col: c, width: Math.min(360, Math.max(120, longest * 7)) });
  }
  return { frozenRows: 1, headerWidth, headerBackground: HEADER_BACKGROUND, columns, tabColor: "#9e9e9e" };
}
