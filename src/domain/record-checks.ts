// Checks of a records sheet that no single cell can make: an empty cell of a required column
// (a merged cell reads as empty below its first row), an ID typed twice, a status nobody defined.
// They become CellIssues like the unreadable cells: the rows are still read, the curator is told
// where to look and what to write.

import type { CellValue } from "./cells";
import { formatId, parseId } from "./ids";
import { cleanText, matchKey } from "./normalize";
import { type ColumnDef, type ListKey, listValues, STATUS_WITHDRAWN, sheetDef } from "./schema";

/** A problem of one cell (the shape of CellIssue in table.ts). */
export interface RecordIssue {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

/**
 * Lists whose values the add-on acts on (statuses, stages, roles): a value outside them is a typo
 * the actions would silently ignore. The other lists (forms, topics, categories) may be extended
 * by the curator in «Справочники», so their values are not checked here.
 */
const FIXED_LISTS: ReadonlySet<ListKey> = new Set<ListKey>([
  "menteeStatuses",
  "mentorStatuses",
  "pairStatuses",
  "roadmapStatuses",
  "meetingStatuses",
  "feedbackStages",
  "participantRoles",
]);

const WITHDRAWN = matchKey(STATUS_WITHDRAWN);

function withdrawn(record: Readonly<Record<string, unknown>>): boolean {
  return matchKey(record.status) === WITHDRAWN;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "string" && value.trim() === "";
}

/**
 * Issues of the rows of a records sheet with IDs: required cells left empty, IDs that repeat,
 * values outside a fixed list. `rows` are the records as read (1-based sheet rows).
 */
export function recordIssues(
  sheet: string,
  idPrefix: string,
  columns: readonly ColumnDef[],
  header: readonly CellValue[],
  index: ReadonlyMap<string, number>,
  rows: readonly { row: number; record: Readonly<Record<string, unknown>> }[],
): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const headerOf = (col: ColumnDef) =>
    cleanText(header[index.get(col.key) ?? -1] ?? col.header) || col.header;
  let next = 0;
  for (const { record } of rows) next = Math.max(next, parseId(idPrefix, record.id) ?? 0);
  const seenIds = new Map<string, number>();
  const fixed = new Map<string, { values: readonly string[]; keys: Set<string> }>();
  for (const col of columns) {
    if (col.type !== "list" || !col.list || !FIXED_LISTS.has(col.list)) continue;
    const values = listValues(col.list);
    fixed.set(col.key, { values, keys: new Set(values.map((v) => matchKey(v))) });
  }
  for (const { row, record } of rows) {
    for (const col of columns) {
      if (!index.has(col.key)) continue;
      const value = record[col.key];
      const push = (message: string) => issues.push({ sheet, row, column: headerOf(col), message });
      if (col.key === "id") {
        const id = cleanText(value);
        if (id === "") {
          next++;
          push(
            `нет ID — впишите новый, например «${formatId(idPrefix, next)}» (ID не должен повторяться), иначе строку не найти по ссылкам`,
          );
          continue;
        }
        const first = seenIds.get(matchKey(id));
        if (first !== undefined) {
          next++;
          push(
            `ID «${id}» уже есть в строке ${first} — у каждой записи свой ID: впишите здесь новый, например «${formatId(idPrefix, next)}», и поправьте ссылки на эту запись`,
          );
        } else seenIds.set(matchKey(id), row);
        continue;
      }
      // A person who withdrew consent has their personal cells erased on purpose.
      if (col.required && isEmpty(value) && !(col.personal && withdrawn(record))) {
        const choices = col.list ? `: выберите из списка (${listValues(col.list).join(", ")})` : "";
        push(`пустая ячейка обязательного столбца — заполните её${choices}`);
        continue;
      }
      const list = fixed.get(col.key);
      if (list && !isEmpty(value) && !list.keys.has(matchKey(value))) {
        push(
          `«${cleanText(value)}» — такого значения нет в списке; выберите одно из: ${list.values.join(", ")}`,
        );
      }
    }
  }
  return issues;
}

/** «нр-1», «НР 0001», «нр_01» → «НР-0001» when the letters are the prefix; null otherwise. */
export function looseId(prefix: string, text: unknown): string | null {
  const m = /^([а-яёa-z]+)[\s\-‐‑–—_.]*0*(\d+)$/i.exec(cleanText(text));
  if (!m || (m[1] ?? "").toUpperCase() !== prefix.toUpperCase()) return null;
  const n = Number(m[2]);
  return Number.isSafeInteger(n) && n > 0 ? formatId(prefix, n) : null;
}

interface Ref {
  row: number;
  value: unknown;
}

/** What a reference column must point at: the IDs of one sheet (and the prefixes of the others). */
interface Target {
  /** «наставника» — for «это ID наставляемого, а здесь нужен ID наставника». */
  whose: string;
  sheet: string;
  prefix: string;
  ids: readonly unknown[];
}

const PREFIX_NAMES: Readonly<Record<string, string>> = {
  НР: "наставника",
  НЯ: "наставляемого",
  П: "пары",
  ВС: "встречи",
  ДК: "мероприятия дорожной карты",
  ОС: "ответа обратной связи",
};

/**
 * References typed into a column (`refs`) that point at no record of `target`: a hand-edited ID
 * («нр-1» for «НР-0001»), an ID of the wrong kind (a mentee's ID in the mentor column), an ID that
 * does not exist. Empty cells are left to the required-cell check.
 */
export function referenceIssues(
  sheet: string,
  column: string,
  refs: readonly Ref[],
  target: Target,
  alsoValid: readonly unknown[] = [],
): RecordIssue[] {
  const known = new Set([...target.ids, ...alsoValid].map((v) => matchKey(v)).filter((k) => k !== ""));
  const issues: RecordIssue[] = [];
  for (const { row, value } of refs) {
    const text = cleanText(value);
    if (text === "" || known.has(matchKey(text))) continue;
    const push = (message: string) => issues.push({ sheet, row, column, message });
    const other = Object.keys(PREFIX_NAMES).find((p) => p !== target.prefix && parseId(p, text) !== null);
    const loose = looseId(target.prefix, text);
    if (loose && known.has(matchKey(loose))) {
      push(`«${text}» — так ID не записывается; впишите «${loose}» (как в листе «${target.sheet}»)`);
    } else if (other) {
      push(
        `«${text}» — это ID ${PREFIX_NAMES[other]}, а здесь нужен ID ${target.whose} из листа «${target.sheet}»; впишите его`,
      );
    } else {
      push(`«${text}» — такого ID нет в листе «${target.sheet}»; впишите ID ${target.whose} из этого листа`);
    }
  }
  return issues;
}

/** The links between the sheets a programme relies on, checked all at once. */
export function crossSheetIssues(t: {
  mentors?: readonly { record: { id: string } }[];
  mentees?: readonly { record: { id: string } }[];
  pairs?: readonly {
    row: number;
    record: { id: string; groupId: string; mentorId: string; menteeId: string };
  }[];
  meetings?: readonly { row: number; record: { pairId: string } }[];
  feedback?: readonly { row: number; record: { pairId: string } }[];
}): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const pairs = t.pairs ?? [];
  if (t.mentors && t.pairs) {
    issues.push(
      ...referenceIssues(
        sheetDef("pairs").name,
        "ID наставника",
        pairs.map((p) => ({ row: p.row, value: p.record.mentorId })),
        {
          whose: "наставника",
          sheet: sheetDef("mentors").name,
          prefix: "НР",
          ids: t.mentors.map((m) => m.record.id),
        },
      ),
    );
  }
  if (t.mentees && t.pairs) {
    issues.push(
      ...referenceIssues(
        sheetDef("pairs").name,
        "ID наставляемого",
        pairs.map((p) => ({ row: p.row, value: p.record.menteeId })),
        {
          whose: "наставляемого",
          sheet: sheetDef("mentees").name,
          prefix: "НЯ",
          ids: t.mentees.map((m) => m.record.id),
        },
      ),
    );
  }
  const pairTarget: Target = {
    whose: "пары или группы",
    sheet: sheetDef("pairs").name,
    prefix: "П",
    ids: pairs.map((p) => p.record.id),
  };
  const groups = pairs.map((p) => p.record.groupId);
  if (t.pairs && t.meetings) {
    issues.push(
      ...referenceIssues(
        sheetDef("meetings").name,
        "ID пары",
        t.meetings.map((m) => ({ row: m.row, value: m.record.pairId })),
        pairTarget,
        groups,
      ),
    );
  }
  if (t.pairs && t.feedback) {
    issues.push(
      ...referenceIssues(
        sheetDef("feedback").name,
        "ID пары",
        t.feedback.map((m) => ({ row: m.row, value: m.record.pairId })),
        pairTarget,
        groups,
      ),
    );
  }
  return issues;
}
