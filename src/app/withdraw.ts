// Withdrawal of consent («Отзыв согласия»): the person's personal data is erased everywhere the
// add-on (or the curator) copied it — the base row, «Пары и группы», «Обратная связь»,
// «Предпочтения», «Встречи», «Приказы», «Склонение ФИО», «Журнал рассылок», «Журнал», the year
// archives, the forms' response sheets and any other sheet of the workbook — while IDs, statuses,
// dates, counts and scores stay for the anonymous statistics. In free text the name (in every
// case, with initials), the e-mail and the phone are replaced by the person's ID.
//
// One read per sheet, one batched write per sheet, under the document lock. The base row is
// written last: if the run stops half-way, the name is still there to find and a re-run finishes
// the job; a run after a complete one changes nothing. Generated Google Docs / .docx files are
// legal documents and are not edited: the result lists the registered documents that mention the
// person, for the curator to decide. The journal line names the ID only.

import type { CellValue } from "../domain/cells";
import { nameFormsRow } from "../domain/docs/names";
import {
  identityOfRecord,
  keyToken,
  nameKey,
  personKeys,
  STATUS_WITHDRAWN,
  type Withdrawal,
} from "../domain/intake";
import { cleanText, type DateOnly, formatDate, matchKey } from "../domain/normalize";
import { type ColumnDef, SHEETS, type SheetKey, sheetDef } from "../domain/schema";
import { mapColumns, type RecordOf, readTable, recordChanges, type TableRead } from "../domain/table";
import { UserError } from "./errors";
import { writeJournal } from "./journal";
import { writeKeepingEdits } from "./kept-edits";
import type { CellWrite, Env, MetaStore } from "./ports";

/** Where the intake remembers withdrawals (tokens only, no personal data). */
export const WITHDRAWN_META = "intake:withdrawn";

export function readWithdrawals(meta: MetaStore): Withdrawal[] {
  const text = meta.get(WITHDRAWN_META);
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed)
      ? parsed.filter(
          (w): w is Withdrawal =>
            typeof w === "object" && w !== null && Array.isArray(w.tokens) && typeof w.at === "string",
        )
      : [];
  } catch {
    return [];
  }
}

/** Free-text columns about the person, erased with the personal ones on withdrawal. */
const ABOUT_PERSON = new Set(["position", "workplace", "convenientTime", "preferredMentees"]);

/** A registered document that mentions the person (not edited: the curator decides). */
export interface MentioningDocument {
  /** The sheet of the register: «Приказы» or its archive. */
  sheet: string;
  docType: string;
  number: string;
  date: string;
  /** The title with the name replaced by the ID. */
  title: string;
  link: string;
  /** Why it is listed: «в названии», «пара П-0001», «приказ о наставниках». */
  why: string;
}

export interface WithdrawalResult {
  id: string;
  /** The base the person is in. */
  sheet: string;
  /** Headers of the columns erased in the base row. */
  erased: string[];
  /** Rows of «Пары и группы» where the name was erased. */
  pairs: number;
  /** Rows of «Обратная связь» whose comment by the person was erased. */
  feedback: number;
  /** Cells written in all. */
  changedCells: number;
  /** Cells changed per sheet (only sheets where something changed). */
  sheets: { sheet: string; cells: number }[];
  /** Generated documents that mention the person: not edited, listed for the curator. */
  documents: MentioningDocument[];
  /** Sheets the person is also in but that are left alone («Команда», «Настройки»). */
  leftAlone: string[];
  /** Everything above as Russian lines (no name, ID only). */
  lines: string[];
}

// ---------------------------------------------------------------------------------------
// Finding the person's data in text

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** A word as a pattern that ignores case and «е»/«ё». */
function wordPattern(word: string): string {
  return [...word].map((ch) => (/[её]/i.test(ch) ? "[её]" : escapeRe(ch))).join("");
}

const WS = "[\\s\\u00a0]+";
const WS0 = "[\\s\\u00a0]*";

/**
 * Patterns of one full name in one case: in full, «Фамилия И. О.», «И. О. Фамилия», «Фамилия Имя»,
 * «Имя Фамилия», «Имя Отчество».
 */
function namePatterns(form: string): string[] {
  const words = cleanText(form)
    .split(/\s+/)
    .filter((w) => w !== "");
  const [last, first, middle] = words;
  if (!last) return [];
  if (!first) return [wordPattern(last)];
  const out = [words.map(wordPattern).join(WS)];
  const i = wordPattern(first.slice(0, 1));
  const o = middle ? wordPattern(middle.slice(0, 1)) : "";
  const initials = o ? `${i}\\.${WS0}${o}\\.` : `${i}\\.`;
  out.push(`${wordPattern(last)}${WS}${initials}`);
  out.push(`${initials}${WS0}${wordPattern(last)}`);
  out.push(`${wordPattern(last)}${WS}${wordPattern(first)}`);
  out.push(`${wordPattern(first)}${WS}${wordPattern(last)}`);
  // «Мария Петровна, здравствуйте» — how letters and notes address a person.
  if (middle) out.push(`${wordPattern(first)}${WS}${wordPattern(middle)}`);
  return out;
}

export interface PersonNeedles {
  id: string;
  /** The name in every case and short form; null when there is no name any more. */
  names: RegExp | null;
  email: string;
  /** The last 10 digits of the phone, or "". */
  phone: string;
  /** nameKey of the full names (the person's and the guardian's), for whole-cell matches. */
  nameKeys: Set<string>;
}

/** Builds what identifies the person in text from their base record and «Склонение ФИО». */
export function personNeedles(
  id: string,
  record: Readonly<Record<string, unknown>>,
  nameForms: readonly Readonly<Record<string, unknown>>[] = [],
): PersonNeedles {
  const fullNames = [cleanText(record.fullName), cleanText(record.guardianName)].filter((n) => n !== "");
  const forms = new Set<string>();
  const nameKeys = new Set<string>();
  for (const name of fullNames) {
    nameKeys.add(nameKey(name));
    forms.add(name);
    const computed = nameFormsRow(name) as unknown as Record<string, unknown>;
    const own = nameForms.find((f) => nameKey(f.fullName) === nameKey(name));
    for (const c of ["genitive", "dative", "accusative", "instrumental", "prepositional"]) {
      for (const src of [computed, own]) {
        const v = cleanText(src?.[c]);
        if (v !== "") forms.add(v);
      }
    }
  }
  const patterns = [...new Set([...forms].flatMap(namePatterns))].sort((a, b) => b.length - a.length);
  const names =
    patterns.length > 0
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join("|")})(?![\\p{L}\\p{N}])`, "giu")
      : null;
  const phone = cleanText(record.phone).replace(/\D/g, "");
  return {
    id,
    names,
    email: cleanText(record.email).toLowerCase(),
    phone: phone.length >= 10 ? phone.slice(-10) : "",
    nameKeys,
  };
}

const PHONE_RE = /\+?\d[\d\s\u00a0()-]{6,}\d/g;

/** The text with the person's name, e-mail and phone replaced by their ID. */
export function scrubText(text: string, n: PersonNeedles): string {
  let out = text;
  if (n.email !== "") out = out.replace(new RegExp(escapeRe(n.email), "gi"), n.id);
  if (n.phone !== "")
    out = out.replace(PHONE_RE, (m) => {
      const digits = m.replace(/\D/g, "");
      return digits.length >= 10 && digits.slice(-10) === n.phone ? n.id : m;
    });
  if (n.names) out = out.replace(n.names, n.id);
  return out;
}

/** True when the cell is the person's e-mail, phone or name as a whole. */
function isPersonCell(value: CellValue, n: PersonNeedles): boolean {
  if (typeof value !== "string") return false;
  const text = cleanText(value);
  if (text === "") return false;
  if (n.email !== "" && text.toLowerCase() === n.email) return true;
  const digits = text.replace(/\D/g, "");
  if (n.phone !== "" && digits.length >= 10 && digits.slice(-10) === n.phone && !/\p{L}/u.test(text))
    return true;
  return n.nameKeys.has(nameKey(text));
}

/**
 * A row of a form's responses sheet is the person's when it carries their e-mail, or — with no
 * other e-mail in it (a namesake's answers stay) — their phone or name.
 */
function isPersonRow(row: readonly CellValue[], n: PersonNeedles): boolean {
  const emails = row
    .filter((v): v is string => typeof v === "string" && /^[^\s@]+@[^\s@]+$/.test(v.trim()))
    .map((v) => v.trim().toLowerCase());
  if (n.email !== "" && emails.includes(n.email)) return true;
  if (emails.length > 0) return false;
  return row.some((v) => isPersonCell(v, n));
}

// ---------------------------------------------------------------------------------------
// Sheets

/** «Архив 2025–26 — Пары и группы (2)» → the schema sheet it copies. */
function archivedKey(sheet: string): SheetKey | null {
  const m = /^Архив \d{4}[–-]\d{2} — (.+?)(?: \(\d+\))?$/.exec(sheet);
  if (!m?.[1]) return null;
  const rest = m[1];
  const def = SHEETS.find((s) => s.name === rest || (rest.length >= 5 && s.name.startsWith(rest)));
  return def ? (def.key as SheetKey) : null;
}

function schemaKey(sheet: string): SheetKey | null {
  const def = SHEETS.find((s) => s.name === sheet);
  return def ? (def.key as SheetKey) : null;
}

/** Sheets never touched: the programme's own settings and lists; staff in «Команда» are reported. */
const LEFT_ALONE: ReadonlySet<SheetKey> = new Set(["settings", "lists", "team"]);

interface SheetPlan {
  sheet: string;
  cells: CellWrite[];
}

function stringAt(row: readonly CellValue[], i: number | undefined): string {
  return i === undefined ? "" : cleanText(row[i]);
}

/**
 * The cells to change in one sheet (other than the person's own base row). `key` is the schema
 * sheet it is or archives; `responses` marks a form's responses sheet (rows of the person blanked).
 */
function planSheet(
  values: readonly (readonly CellValue[])[],
  key: SheetKey | null,
  responses: boolean,
  n: PersonNeedles,
  keepNameForms: boolean,
  skipRow: number | null,
): CellWrite[] {
  const cells: CellWrite[] = [];
  const header = values[0] ?? [];
  const def = key ? sheetDef(key) : null;
  const cols = def ? mapColumns(def.columns as readonly ColumnDef[], header) : null;
  const personalIdx = new Set<number>();
  if (def && cols) {
    for (const col of def.columns as readonly ColumnDef[]) {
      const i = cols.index.get(col.key);
      if (i !== undefined && col.personal) personalIdx.add(i);
    }
  }
  const idx = (k: string) => cols?.index.get(k);
  const same = (a: string) => a !== "" && matchKey(a) === matchKey(n.id);
  for (let r = 1; r < values.length; r++) {
    if (skipRow === r + 1) continue;
    const row = values[r] ?? [];
    const set = (c: number, value: CellValue) => {
      if (row[c] !== value) cells.push({ row: r + 1, col: c + 1, value });
    };
    if (responses) {
      if (isPersonRow(row, n)) {
        row.forEach((v, c) => {
          if (v !== "" && v !== null) set(c, "");
        });
        continue;
      }
    }
    const cleared = new Set<number>();
    if (key === "pairs") {
      for (const [idKey, nameKey_] of [
        ["mentorId", "mentorName"],
        ["menteeId", "menteeName"],
      ] as const) {
        const ni = idx(nameKey_);
        if (ni !== undefined && same(stringAt(row, idx(idKey)))) {
          set(ni, "");
          cleared.add(ni);
        }
      }
    } else if (key === "nameForms") {
      const fi = idx("fullName");
      if (!keepNameForms && fi !== undefined && n.nameKeys.has(nameKey(row[fi]))) {
        for (const i of personalIdx) {
          set(i, "");
          cleared.add(i);
        }
      }
    } else if (key === "mailLog") {
      const ri = idx("recipient");
      if (ri !== undefined && isPersonCell(row[ri] ?? "", n)) {
        set(ri, "");
        cleared.add(ri);
      }
    }
    row.forEach((v, c) => {
      if (cleared.has(c) || typeof v !== "string" || v === "") return;
      // Other people's personal columns are theirs (a namesake keeps their name), and so is a
      // name alone in someone else's row of answers.
      if (personalIdx.has(c) || (responses && isPersonCell(v, n))) return;
      const next = scrubText(v, n);
      if (next !== v) set(c, next);
    });
  }
  return cells;
}

// ---------------------------------------------------------------------------------------
// The use case

function dayOf(d: Date): DateOnly {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

function splitIds(text: unknown): string[] {
  return cleanText(text)
    .split(/[,;\s]+/)
    .map((s) => matchKey(s))
    .filter((s) => s !== "");
}

const MENTOR_DOCS = [
  "приказ о назначении наставников",
  "приказ о завершении программы и поощрении наставников",
];

/**
 * The curator withdraws a person's consent: see the head of this file. `id` is «НЯ-0001» or
 * «НР-0001» (any case); `reason` (e.g. «заявление от 16.09.2025») goes to the base comment and
 * the journal.
 */
export function withdrawPerson(env: Env, id: string, reason: string): WithdrawalResult {
  const wanted = cleanText(id);
  if (wanted === "") throw new UserError("Укажите ID участника, например НЯ-0001 или НР-0001.");
  return env.lock.withLock(() => {
    const now = env.clock.now();
    const grids = new Map<string, CellValue[][] | null>();
    const read = (sheet: string) => {
      if (!grids.has(sheet)) grids.set(sheet, env.workbook.read(sheet));
      return grids.get(sheet) ?? null;
    };
    let found: {
      key: "mentees" | "mentors";
      table: TableRead<"mentees">;
      row: number;
      record: Record<string, unknown>;
    } | null = null;
    const people: Record<string, unknown>[] = [];
    for (const key of ["mentees", "mentors"] as const) {
      const values = read(sheetDef(key).name);
      if (!values || values.length === 0) continue;
      const table = readTable(key, values) as unknown as TableRead<"mentees">;
      for (const hit of table.rows) {
        const rec = hit.record as unknown as Record<string, unknown>;
        if (!found && matchKey(rec.id) === matchKey(wanted))
          found = { key, table, row: hit.row, record: rec };
        else people.push(rec);
      }
    }
    if (!found) {
      throw new UserError(
        `Нет записи «${wanted}» ни в листе «${sheetDef("mentees").name}», ни в листе «${sheetDef("mentors").name}».`,
      );
    }
    const def = sheetDef(found.key);
    const realId = cleanText(found.record.id);
    const nameFormsValues = read(sheetDef("nameForms").name);
    const nameForms =
      nameFormsValues && nameFormsValues.length > 0
        ? readTable("nameForms", nameFormsValues).rows.map(
            (r) => r.record as unknown as Record<string, unknown>,
          )
        : [];
    const n = personNeedles(realId, found.record, nameForms);
    // A namesake still in the bases keeps the shared row of «Склонение ФИО».
    const keepNameForms = people.some(
      (p) =>
        cleanText(p.fullName) !== "" &&
        n.nameKeys.has(nameKey(p.fullName)) &&
        cleanText(p.status) !== STATUS_WITHDRAWN,
    );

    // Tokens first: from now on the person's old answers are not loaded again.
    const tokens = personKeys(identityOfRecord(found.record)).map(keyToken);
    if (tokens.length > 0) {
      const known = readWithdrawals(env.meta);
      const mine = known.find((w) => w.id === realId);
      const merged = [...new Set([...(mine?.tokens ?? []), ...tokens])];
      if (!mine || merged.length !== mine.tokens.length) {
        const others = known.filter((w) => w.id !== realId);
        env.meta.set(
          WITHDRAWN_META,
          JSON.stringify([...others, { tokens: merged, at: mine?.at ?? now.toISOString(), id: realId }]),
        );
      }
    }

    // The person's pairs (and groups), for the documents that name them.
    const pairsValues = read(sheetDef("pairs").name);
    const myPairs = new Set<string>([matchKey(realId)]);
    if (pairsValues && pairsValues.length > 0) {
      for (const { record } of readTable("pairs", pairsValues).rows) {
        if (
          matchKey(record.mentorId) === matchKey(realId) ||
          matchKey(record.menteeId) === matchKey(realId)
        ) {
          myPairs.add(matchKey(record.id));
          if (cleanText(record.groupId) !== "") myPairs.add(matchKey(record.groupId));
        }
      }
    }
    const responseSheets = new Set<string>();
    const formsValues = read(sheetDef("forms").name);
    if (formsValues && formsValues.length > 0) {
      for (const { record } of readTable("forms", formsValues).rows) {
        if (cleanText(record.responsesSheet) !== "") responseSheets.add(cleanText(record.responsesSheet));
      }
    }

    const plans: SheetPlan[] = [];
    const documents: MentioningDocument[] = [];
    const leftAlone: string[] = [];
    let pairCount = 0;
    let feedbackCount = 0;
    const baseName = def.name;
    const nameFormsName = sheetDef("nameForms").name;
    for (const sheet of env.workbook.sheetNames()) {
      const live = schemaKey(sheet);
      const key = live ?? archivedKey(sheet);
      const values = read(sheet);
      if (!values || values.length <= 1) continue;
      if (live && LEFT_ALONE.has(live)) {
        const mentioned = values.some((row) =>
          row.some((v) => isPersonCell(v, n) || (typeof v === "string" && scrubText(v, n) !== v)),
        );
        if (mentioned) leftAlone.push(sheet);
        continue;
      }
      if (key === "documents") {
        const cols = mapColumns(sheetDef("documents").columns as readonly ColumnDef[], values[0] ?? []);
        const at = (row: readonly CellValue[], k: string) => {
          const i = cols.index.get(k);
          return i === undefined ? "" : row[i];
        };
        for (const row of values.slice(1)) {
          const title = cleanText(at(row, "title"));
          const docType = cleanText(at(row, "docType"));
          const ids = splitIds(at(row, "pairIds"));
          const why: string[] = [];
          if (scrubText(title, n) !== title) why.push("названо в названии");
          const shared = ids.filter((x) => myPairs.has(x));
          if (shared.length > 0) why.push(`касается: ${shared.map((x) => x.toUpperCase()).join(", ")}`);
          if (why.length === 0 && found.key === "mentors" && MENTOR_DOCS.includes(matchKey(docType)))
            why.push("может называть наставника (приказ о наставниках)");
          if (why.length === 0) continue;
          const date = at(row, "date");
          documents.push({
            sheet,
            docType,
            number: cleanText(at(row, "number")),
            date: date instanceof Date ? formatDate(dayOf(date)) : cleanText(date),
            title: scrubText(title, n),
            link: cleanText(at(row, "link")),
            why: why.join("; "),
          });
        }
      }
      const skipRow = sheet === baseName ? found.row : null;
      const responses = !key && (responseSheets.has(sheet) || /^Ответы на форму/i.test(sheet));
      const cells = planSheet(values, key, responses, n, keepNameForms, skipRow);
      if (key === "pairs" && sheet === sheetDef("pairs").name) {
        const cols = mapColumns(sheetDef("pairs").columns as readonly ColumnDef[], values[0] ?? []);
        const nameCols = new Set([cols.index.get("mentorName"), cols.index.get("menteeName")]);
        pairCount = new Set(cells.filter((c) => nameCols.has(c.col - 1) && c.value === "").map((c) => c.row))
          .size;
      }
      if (key === "feedback" && sheet === sheetDef("feedback").name) {
        const cols = mapColumns(sheetDef("feedback").columns as readonly ColumnDef[], values[0] ?? []);
        const pi = cols.index.get("participantId");
        const ci = cols.index.get("comment");
        if (pi !== undefined && ci !== undefined) {
          for (let r = 1; r < values.length; r++) {
            const row = values[r] ?? [];
            if (matchKey(row[pi]) !== matchKey(realId) || cleanText(row[ci]) === "") continue;
            feedbackCount++;
            const i = cells.findIndex((c) => c.row === r + 1 && c.col === ci + 1);
            if (i >= 0) cells.splice(i, 1);
            cells.push({ row: r + 1, col: ci + 1, value: "" });
          }
        }
      }
      if (cells.length > 0) plans.push({ sheet, cells });
    }

    // The base row: personal data and free text about the person erased.
    const after: Record<string, unknown> = {};
    const erased: string[] = [];
    for (const col of def.columns as readonly ColumnDef[]) {
      if (col.key === "reviewReasons") {
        after[col.key] = "";
        continue;
      }
      if (col.key === "comment") continue;
      if (!(col.personal || col.type === "longtext" || ABOUT_PERSON.has(col.key))) continue;
      const value = found.record[col.key];
      after[col.key] = col.type === "date" ? null : "";
      if (!(value === null || value === "" || value === undefined)) erased.push(col.header);
    }
    after.status = STATUS_WITHDRAWN;
    after.consent = false;
    if (found.key === "mentees") after.guardianConsent = false;
    after.noEmail = true;
    const note = cleanText(reason);
    const comment = cleanText(found.record.comment);
    if (!comment.startsWith("Согласие отозвано"))
      after.comment = `Согласие отозвано ${formatDate(dayOf(now))}${note ? `: ${scrubText(note, n)}` : ""}. Персональные данные удалены.`;
    const rec = found.record as unknown as RecordOf<"mentees">;
    let baseCells: CellWrite[] = recordChanges(
      "mentees",
      found.row,
      rec,
      after as Partial<RecordOf<"mentees">>,
      found.table.columns,
    );
    if (baseCells.length > 0) {
      baseCells = recordChanges(
        "mentees",
        found.row,
        rec,
        { ...after, updatedAt: now } as Partial<RecordOf<"mentees">>,
        found.table.columns,
      );
    }
    // Order: other sheets, «Склонение ФИО» (the names are needed to find the text), the base row.
    const ordered = [
      ...plans.filter((p) => p.sheet !== nameFormsName && p.sheet !== baseName),
      ...plans.filter((p) => p.sheet === nameFormsName),
    ];
    const otherRowsOfBase = plans.find((p) => p.sheet === baseName)?.cells ?? [];
    for (const p of ordered) writeKeepingEdits(env, p.sheet, p.cells, "Отзыв согласия");
    const baseAll = [...otherRowsOfBase, ...baseCells];
    writeKeepingEdits(env, baseName, baseAll, "Отзыв согласия");

    const sheets = [...ordered.map((p) => ({ sheet: p.sheet, cells: p.cells.length }))];
    if (baseAll.length > 0) sheets.push({ sheet: baseName, cells: baseAll.length });
    const changedCells = sheets.reduce((s, x) => s + x.cells, 0);
    const lines: string[] = [];
    if (changedCells === 0) {
      lines.push(
        `Запись ${realId}: согласие уже отозвано, персональных данных в книге не осталось — ничего не изменено.`,
      );
    } else {
      lines.push(
        `Запись ${realId} (лист «${baseName}»): статус «${STATUS_WITHDRAWN}»; ` +
          `удалены: ${erased.length > 0 ? erased.map((h) => `«${h}»`).join(", ") : "нечего удалять — данных уже нет"}; ` +
          `имя удалено в «${sheetDef("pairs").name}»: ${pairCount}; комментариев удалено в «${sheetDef("feedback").name}»: ${feedbackCount}. ` +
          `ID и обезличенная история сохранены для статистики.${note ? ` Основание: ${scrubText(note, n)}.` : ""}`,
      );
      lines.push(
        `Изменено ячеек: ${changedCells} (${sheets.map((s) => `«${s.sheet}»: ${s.cells}`).join(", ")}); в тексте имя, почта и телефон заменены на ${realId}.`,
      );
    }
    if (documents.length > 0) {
      lines.push(
        `Созданные документы не изменяются (это документы организации); упоминают участника ${realId}: ${documents.length}. Решите, что с ними делать:`,
      );
      for (const d of documents)
        lines.push(
          `  ${d.docType || "Документ"}${d.number ? ` № ${d.number}` : ""}${d.date ? ` от ${d.date}` : ""} — ${d.why}${d.link ? ` (${d.link})` : ""}`,
        );
    }
    if (leftAlone.length > 0)
      lines.push(
        `Участник ${realId} есть также в листах ${leftAlone.map((s) => `«${s}»`).join(", ")} — это данные команды программы, они не изменены; удалите их вручную, если нужно.`,
      );
    if (responseSheets.size > 0 && changedCells > 0)
      lines.push(
        "Ответы в самих Google Формах не удаляются надстройкой: удалите ответы участника в форме (вкладка «Ответы»).",
      );
    if (changedCells > 0) {
      writeJournal(env, [{ action: "Отзыв согласия", outcome: "успешно", details: lines.join("\n") }]);
    }
    return {
      id: realId,
      sheet: baseName,
      erased,
      pairs: pairCount,
      feedback: feedbackCount,
      changedCells,
      sheets,
      documents,
      leftAlone,
      lines,
    };
  });
}
