// «Документы»: orders, personalised programmes (ППН) and mentors' consents from templates.
//
// An order is one document for many pairs (or mentors) and is made in one step. Programmes and
// consents are one document per pair / mentor: they run as a resumable job whose pending IDs
// are kept in env.meta, each finished document registered at once, so a crash or the time
// limit leaves everything done registered and the rest still to do.
//
// Safe to repeat: the same kind for the same set of pairs (mentors) returns the document
// registered in «Приказы» unless a new revision is asked for; a document created just before a
// crash is found by its name (docs.existing) and registered instead of being made twice; the
// number and date of an order being made are kept in env.meta until it is registered.
//
// The year's report and the site text are one document per academic year (of the document's
// date, as the curator order): made from the monitoring indicators and the mentor ranking
// (computeIndicators, rankMentors) over the sheets read once; a new revision on request.

import type { CellValue } from "../domain/cells";
import {
  buildFill,
  checkTemplate,
  type DocContext,
  declinedNames,
  type MenteeRef,
  type MentorRef,
  type PairRef,
} from "../domain/docs/fill";
import { academicYear, orderNumber, shortDate, surnameInitials } from "../domain/docs/format";
import { type DocSubject, KINDS } from "../domain/docs/kinds";
import { DOC_KINDS, type DocKind, type TemplateScan } from "../domain/docs/model";
import { type NameForms, nameFormsRow, nameKey, nameOverrides } from "../domain/docs/names";
import { parsePractices, rewardedMentors } from "../domain/docs/report";
import { defaultTemplate } from "../domain/docs/templates";
import { computeIndicators, type MonitoringInput } from "../domain/monitoring/indicators";
import { rankMentors } from "../domain/monitoring/ranking";
import { cleanText, type DateOnly, isoDate, matchKey, normalizeDate } from "../domain/normalize";
import { type SettingKey, type SheetKey, sheetDef } from "../domain/schema";
import {
  describeIssue,
  type RecordOf,
  type RowRecord,
  readTable,
  recordChanges,
  type TableRead,
} from "../domain/table";
import { UserError, userMessage } from "./errors";
import { writeJournal } from "./journal";
import { writeKeepingEdits } from "./kept-edits";
import { monitoringSettings } from "./monitoring";
import type { CellWrite, DocumentRef, DocumentsPort, Env } from "./ports";
import { insertRecords, readRecords } from "./records";
import {
  academicYearStart,
  readSettings,
  type SettingsRead,
  type SettingsValues,
  writeSettings,
} from "./settings";

export interface DocCandidate {
  id: string;
  label: string;
  detail: string;
  preselected: boolean;
  inDocument: string | null;
}

export interface JobProgress {
  kind: DocKind;
  total: number;
  done: number;
  failed: { id: string; reason: string }[];
}

export interface DocumentsState {
  kinds: {
    kind: DocKind;
    title: string;
    isOrder: boolean;
    subject: DocSubject;
    templateUrl: string | null;
  }[];
  nextOrderNumber: string;
  job: JobProgress | null;
  /** The last 10 documents registered in «Приказы», newest first. */
  recent: { title: string; url: string; date: string; kind: DocKind }[];
}

export interface GenerateRequest {
  kind: DocKind;
  /** Pair IDs, group numbers (Г-…) or mentor IDs as the candidates list gives them. */
  ids: string[];
  /** The date of the document, ГГГГ-ММ-ДД (or ДД.ММ.ГГГГ); null — today. */
  date: string | null;
  newRevision: boolean;
  /** Also a PDF copy; null — as «Сохранять приказы также в PDF» says (for orders). */
  pdf: boolean | null;
}

export interface GeneratedDoc {
  /** The subject: the pair (group) or mentor of a per-document kind; "" for an order. */
  id: string;
  title: string;
  url: string;
  number: string;
  pdfUrl: string | null;
  existing: boolean;
  revision: number;
}

export interface GenerateResult {
  documents: GeneratedDoc[];
  /** What prevented the documents (a broken template, empty settings…): nothing was made. */
  problems: string[];
  /** Gaps filled with nothing (a position, a date of a pair…): the documents were made. */
  warnings: string[];
  job: JobProgress | null;
  lines: string[];
}

/** Folders the documents go to (names; each shell finds or creates them). */
export const ORDERS_FOLDER = "Наставничество — приказы";
export const PROGRAMS_FOLDER = "Наставничество — программы и соглашения";
export const REPORTS_FOLDER = "Наставничество — отчёты";

const JOB_KEY = "documents:job";
const ORDER_KEY = "documents:order";
const DEFAULT_BUDGET_MS = 240_000;
/** How many « (2)», « (3)»… a per-subject file name may get when its name is taken. */
const MAX_NAME_VARIANTS = 20;
const RECENT = 10;
const EMPTY_DOC: RecordOf<"documents"> = {
  id: "",
  docType: "",
  number: "",
  date: null,
  title: "",
  link: "",
  pairIds: "",
  revision: null,
  createdAt: null,
};
/** How to ask for a new revision, in the sidebar and on the command line alike. */
export const NEW_REVISION_HINT =
  "Нужна новая редакция — создайте её (кнопка «Создать новую редакцию» на панели или --revision в командной строке).";
const FOUND_BEFORE_CRASH = "Документ был создан до сбоя — он найден в папке и зарегистрирован.";

const ORDER_PAIR_STATUSES = ["Утверждена", "Работает"];
const ACTIVE_STATUSES = ["Утверждена", "Работает", "Приостановлена"];
const COMPLETED_STATUS = "Завершена";
const MENTOR_ORDER_STATUSES = ["Отобран", "Обучен", "Наставник"];
const CANCELLED_MEETING = "Отменена";
const HELD_MEETING = "Проведена";

// ---------------------------------------------------------------------------------------
// Reading the workbook once

interface Data {
  settings: SettingsRead;
  /** «Настройки» as read (a value with line breaks, such as the best practices, stays whole). */
  settingsSheet: CellValue[][] | null;
  pairs: TableRead<"pairs">;
  mentors: TableRead<"mentors">;
  mentees: TableRead<"mentees">;
  documents: TableRead<"documents">;
  team: TableRead<"team"> | null;
  nameForms: TableRead<"nameForms"> | null;
  meetings: TableRead<"meetings"> | null;
  /** Read for the year's report and site text only. */
  roadmap: TableRead<"roadmap"> | null;
  feedback: TableRead<"feedback"> | null;
}

/** A sheet added in a later version may be missing in an older book: then it reads as absent. */
function readOptional<K extends SheetKey>(env: Env, key: K): TableRead<K> | null {
  const values = env.workbook.read(sheetDef(key).name);
  if (values === null || values.length === 0) return null;
  return readTable(key, values);
}

function readData(env: Env, year = false): Data {
  const settingsSheet = env.workbook.read("Настройки");
  return {
    settings: readSettings(settingsSheet),
    settingsSheet,
    pairs: readRecords(env.workbook, "pairs"),
    mentors: readRecords(env.workbook, "mentors"),
    mentees: readRecords(env.workbook, "mentees"),
    documents: readRecords(env.workbook, "documents"),
    team: readOptional(env, "team"),
    nameForms: readOptional(env, "nameForms"),
    meetings: readOptional(env, "meetings"),
    roadmap: year ? readOptional(env, "roadmap") : null,
    feedback: year ? readOptional(env, "feedback") : null,
  };
}

/** A setting's cell as it is in «Настройки» (readSettings folds line breaks into spaces). */
function rawSetting(data: Data, key: SettingKey): CellValue {
  const values = data.settingsSheet;
  if (!values || values.length === 0) return "";
  const table = readTable("settings", values);
  const col = table.columns.index.get("value");
  const found = table.rows.find((r) => r.record.key === key);
  return found && col !== undefined ? (values[found.row - 1]?.[col] ?? "") : "";
}

function today(env: Env): DateOnly {
  const d = env.clock.now();
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

function kindOfTitle(title: string): DocKind | null {
  const key = matchKey(title);
  return DOC_KINDS.find((k) => matchKey(KINDS[k].title) === key) ?? null;
}

function splitIds(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The identity of a registered document: its kind and the set of IDs it is about. */
function setKey(ids: readonly string[]): string {
  return [...new Set(ids.map((i) => i.trim().toUpperCase()))].sort().join(",");
}

interface Registered {
  row: number;
  record: RecordOf<"documents">;
  kind: DocKind;
  ids: string[];
}

function registered(data: Data): Registered[] {
  const out: Registered[] = [];
  for (const r of data.documents.rows) {
    const kind = kindOfTitle(r.record.docType);
    if (kind) out.push({ row: r.row, record: r.record, kind, ids: splitIds(r.record.pairIds) });
  }
  return out;
}

function describeDoc(r: RecordOf<"documents">): string {
  const date = r.date ? ` от ${shortDate(r.date)}` : "";
  return r.number ? `№ ${r.number}${date}` : cleanText(r.title) || `документ${date}`;
}

// ---------------------------------------------------------------------------------------
// Pairs as lines of a document

type PairRow = RowRecord<"pairs">;

interface Line {
  /** The group number, or the pair's ID. */
  id: string;
  rows: PairRow[];
}

/** Pairs grouped into lines: the pairs of one group together, in the order of the sheet. */
function toLines(rows: readonly PairRow[]): Line[] {
  const lines: Line[] = [];
  const byGroup = new Map<string, Line>();
  for (const r of rows) {
    const group = cleanText(r.record.groupId);
    if (group !== "") {
      const line = byGroup.get(group);
      if (line) {
        line.rows.push(r);
        continue;
      }
      const fresh = { id: group, rows: [r] };
      byGroup.set(group, fresh);
      lines.push(fresh);
    } else lines.push({ id: r.record.id, rows: [r] });
  }
  return lines;
}

function eligiblePairs(data: Data, kind: DocKind): PairRow[] {
  const statuses =
    kind === "pairs-order"
      ? ORDER_PAIR_STATUSES
      : kind === "completion-order"
        ? [COMPLETED_STATUS]
        : ACTIVE_STATUSES;
  return data.pairs.rows.filter((r) => statuses.includes(r.record.status));
}

/** The pairs-order each pair is in: its «№ приказа», or a registered order naming it. */
function pairOrders(data: Data, regs: readonly Registered[], kind: DocKind): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of regs) {
    if (r.kind !== kind) continue;
    for (const id of r.ids) map.set(id.toUpperCase(), describeDoc(r.record));
  }
  if (kind === "pairs-order")
    for (const p of data.pairs.rows) {
      const no = cleanText(p.record.orderNo);
      if (no !== "" && !map.has(p.record.id.toUpperCase()))
        map.set(
          p.record.id.toUpperCase(),
          `№ ${no}${p.record.orderDate ? ` от ${shortDate(p.record.orderDate)}` : ""}`,
        );
    }
  return map;
}

/**
 * Lines of pairs for an orders-on-pairs kind: pairs not yet in a document of the kind form
 * their lines (a group together); pairs already in one are listed apart, each group's pairs
 * under the group's number unless that number is taken by a line still to do.
 */
function pairCandidateLines(
  data: Data,
  kind: DocKind,
  regs: readonly Registered[],
): { line: Line; doc: string | null }[] {
  const rows = eligiblePairs(data, kind);
  const docs = kind === "program" ? programDocs(data, regs) : pairOrders(data, regs, kind);
  const inDoc = (r: PairRow) => docs.get(r.record.id.toUpperCase()) ?? null;
  const todo = toLines(rows.filter((r) => inDoc(r) === null));
  const taken = new Set(todo.map((l) => l.id));
  const done = toLines(rows.filter((r) => inDoc(r) !== null)).flatMap((l) =>
    taken.has(l.id) ? l.rows.map((r) => ({ id: r.record.id, rows: [r] })) : [l],
  );
  return [
    ...todo.map((line) => ({ line, doc: null })),
    ...done.map((line) => ({ line, doc: inDoc(line.rows[0] as PairRow) })),
  ];
}

/** The programme of each pair: its «ППН» link or a registered programme naming it. */
function programDocs(data: Data, regs: readonly Registered[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of regs)
    if (r.kind === "program")
      for (const id of r.ids) map.set(id.toUpperCase(), cleanText(r.record.title) || "ППН");
  for (const p of data.pairs.rows)
    if (cleanText(p.record.programLink) !== "" && !map.has(p.record.id.toUpperCase()))
      map.set(p.record.id.toUpperCase(), "ППН есть (ссылка в «Пары и группы»)");
  return map;
}

/** The pairs a request's IDs stand for: pair IDs as they are, a group number for its pairs. */
function expandPairIds(
  data: Data,
  kind: DocKind,
  ids: readonly string[],
): { lines: Line[]; unknown: string[] } {
  const regs = registered(data);
  const candidates = pairCandidateLines(data, kind, regs);
  const eligible = new Map(eligiblePairs(data, kind).map((r) => [r.record.id.toUpperCase(), r]));
  const chosen: PairRow[] = [];
  const seen = new Set<string>();
  const unknown: string[] = [];
  for (const raw of ids) {
    const id = raw.trim().toUpperCase();
    const line = candidates.find((c) => c.line.id.toUpperCase() === id)?.line;
    const rows = line ? line.rows : eligible.has(id) ? [eligible.get(id) as PairRow] : [];
    if (rows.length === 0) unknown.push(raw);
    for (const r of rows) {
      if (seen.has(r.record.id)) continue;
      seen.add(r.record.id);
      chosen.push(r);
    }
  }
  return { lines: toLines(chosen), unknown };
}

// ---------------------------------------------------------------------------------------
// The context of a document

function mentorRef(data: Data, id: string, fallbackName: string): MentorRef {
  const row = data.mentors.rows.find((r) => r.record.id === id);
  if (!row) return { id, fullName: fallbackName, position: "", row: 0, format: "", forms: [] };
  const m = row.record;
  return {
    id,
    fullName: m.fullName || fallbackName,
    position: cleanText(m.position) || cleanText(m.workplace),
    row: row.row,
    format: m.format,
    forms: m.preferredForms,
  };
}

function menteeRef(data: Data, id: string, fallbackName: string): MenteeRef {
  const row = data.mentees.rows.find((r) => r.record.id === id);
  if (!row)
    return {
      id,
      fullName: fallbackName,
      position: "",
      row: 0,
      requests: [],
      requestText: "",
      category: "",
      format: "",
    };
  const m = row.record;
  return {
    id,
    fullName: m.fullName || fallbackName,
    position: cleanText(m.position),
    row: row.row,
    requests: m.requests,
    requestText: m.requestText,
    category: m.category,
    format: m.format,
  };
}

function minDate(ds: (DateOnly | null)[]): DateOnly | null {
  return ds.reduce<DateOnly | null>(
    (best, d) => (d && (!best || isoDate(d) < isoDate(best)) ? d : best),
    null,
  );
}

function maxDate(ds: (DateOnly | null)[]): DateOnly | null {
  return ds.reduce<DateOnly | null>(
    (best, d) => (d && (!best || isoDate(d) > isoDate(best)) ? d : best),
    null,
  );
}

function pairRef(data: Data, line: Line): PairRef {
  const first = line.rows[0] as PairRow;
  const ids = new Set(line.rows.map((r) => r.record.id));
  const meetings = (data.meetings?.rows ?? [])
    .map((r) => r.record)
    .filter((m) => ids.has(m.pairId) && m.status !== CANCELLED_MEETING && m.date !== null);
  const held = meetings.filter((m) => m.status === HELD_MEETING).length;
  const recorded = line.rows.reduce((s, r) => s + (r.record.meetingsHeld ?? 0), 0);
  // A group meets together: one meeting per date, whichever of its pairs it was recorded for.
  const byDate = new Map<string, (typeof meetings)[number]>();
  for (const m of meetings) if (m.date && !byDate.has(isoDate(m.date))) byDate.set(isoDate(m.date), m);
  return {
    id: line.id,
    pairIds: line.rows.map((r) => r.record.id),
    row: first.row,
    mentor: mentorRef(data, first.record.mentorId, first.record.mentorName),
    mentees: line.rows.map((r) => menteeRef(data, r.record.menteeId, r.record.menteeName)),
    form: line.rows.map((r) => cleanText(r.record.form)).find((f) => f !== "") ?? "",
    kind: line.rows.map((r) => cleanText(r.record.kind)).find((f) => f !== "") ?? "",
    start: minDate(line.rows.map((r) => r.record.startDate)),
    end: maxDate(line.rows.map((r) => r.record.endDate)),
    meetings: [...byDate.values()].map((m) => ({
      date: m.date as DateOnly,
      topic: m.topic,
      format: m.format,
    })),
    meetingsHeld: Math.max(held, recorded),
    programLink: line.rows.map((r) => cleanText(r.record.programLink)).find((l) => l !== "") ?? "",
    orderNo: line.rows.map((r) => cleanText(r.record.orderNo)).find((l) => l !== "") ?? "",
  };
}

function contextOf(
  data: Data,
  env: Env,
  date: DateOnly,
  order: DocContext["order"],
  pairs: PairRef[],
  mentors: DocContext["mentors"],
): DocContext {
  return {
    settings: data.settings.values,
    order,
    date,
    academicYearStart: academicYearStart(data.settings.values, env.clock.now()),
    team: (data.team?.rows ?? []).map((r) => ({
      fullName: r.record.fullName,
      role: r.record.role,
      position: r.record.position,
    })),
    pairs,
    mentors,
    overrides: nameOverrides(overrideRows(data)),
  };
}

function overrideRows(data: Data): NameForms[] {
  return (data.nameForms?.rows ?? []).map((r) => ({
    fullName: r.record.fullName,
    gender: r.record.gender,
    genitive: r.record.genitive,
    dative: r.record.dative,
    accusative: r.record.accusative,
    instrumental: r.record.instrumental,
    prepositional: r.record.prepositional,
  }));
}

/** A mentor with the active pairs they lead (for consents and the mentors order). */
function mentorEntry(data: Data, mentorId: string): DocContext["mentors"][number] {
  const rows = data.pairs.rows.filter(
    (r) => r.record.mentorId === mentorId && ACTIVE_STATUSES.includes(r.record.status),
  );
  return {
    mentor: mentorRef(data, mentorId, rows[0]?.record.mentorName ?? ""),
    pairs: toLines(rows).map((l) => pairRef(data, l)),
  };
}

// ---------------------------------------------------------------------------------------
// State and candidates

function templateSetting(kind: DocKind, settings: SettingsValues): string {
  return cleanText(settings[KINDS[kind].setting]);
}

function readJob(env: Env): StoredJob | null {
  const raw = env.meta.get(JOB_KEY);
  if (!raw) return null;
  try {
    const job = JSON.parse(raw) as StoredJob;
    if (!job || !(DOC_KINDS as readonly string[]).includes(job.kind) || !Array.isArray(job.pending))
      return null;
    return job;
  } catch {
    return null;
  }
}

function progress(job: StoredJob): JobProgress {
  return { kind: job.kind, total: job.total, done: job.done, failed: [...job.failed] };
}

export function documentsState(env: Env): DocumentsState {
  const settings = readSettings(env.workbook.read("Настройки")).values;
  const docs = readOptional(env, "documents");
  const recent = (docs?.rows ?? [])
    .map((r) => ({ r: r.record, kind: kindOfTitle(r.record.docType) }))
    .filter(
      (x): x is { r: RecordOf<"documents">; kind: DocKind } => x.kind !== null && cleanText(x.r.link) !== "",
    )
    .slice(-RECENT)
    .reverse()
    .map(({ r, kind }) => ({
      title: cleanText(r.title) || KINDS[kind].title,
      url: cleanText(r.link),
      date: r.date ? shortDate(r.date) : "",
      kind,
    }));
  const job = readJob(env);
  return {
    kinds: DOC_KINDS.map((kind) => ({
      kind,
      title: KINDS[kind].title,
      isOrder: KINDS[kind].isOrder,
      subject: KINDS[kind].subject,
      templateUrl: templateSetting(kind, settings) || null,
    })),
    nextOrderNumber: orderNumber(String(settings.orderNumberPrefix), Number(settings.orderNumberNext) || 1),
    job: job ? progress(job) : null,
    recent,
  };
}

function pairLabel(line: Line): string {
  const first = line.rows[0] as PairRow;
  const mentees = line.rows.map((r) => surnameInitials(r.record.menteeName)).join(", ");
  return `${surnameInitials(first.record.mentorName)} — ${mentees}`;
}

function pairDetail(line: Line): string {
  const first = line.rows[0] as PairRow;
  const ids = line.rows.map((r) => r.record.id).join(", ");
  const group = line.rows.length > 1 ? `группа ${line.id}: ${ids}` : ids;
  return [group, first.record.status, cleanText(first.record.form)].filter((x) => x !== "").join(" · ");
}

/** Whom a document of this kind may be about, with the default choice preselected. Writes nothing. */
export function documentCandidates(
  env: Env,
  kind: DocKind,
): { kind: DocKind; candidates: DocCandidate[]; lines: string[] } {
  const data = readData(env);
  const regs = registered(data);
  const candidates: DocCandidate[] = [];
  const lines: string[] = [];
  const subject = KINDS[kind].subject;
  if (subject === "pairs" || subject === "pair") {
    for (const { line, doc } of pairCandidateLines(data, kind, regs)) {
      const first = line.rows[0] as PairRow;
      candidates.push({
        id: line.id,
        label: pairLabel(line),
        detail: pairDetail(line),
        preselected: doc === null && (kind !== "program" || cleanText(first.record.programLink) === ""),
        inDocument: doc,
      });
    }
    const todo = candidates.filter((c) => c.preselected).length;
    const what = kind === "completion-order" ? "завершённых пар (групп)" : "пар (групп)";
    lines.push(
      candidates.length === 0
        ? kind === "completion-order"
          ? "Нет пар со статусом «Завершена»."
          : kind === "pairs-order"
            ? "Нет пар со статусом «Утверждена» или «Работает»."
            : "Нет работающих пар."
        : `Всего ${what}: ${candidates.length}; отмечены ещё без документа: ${todo}.`,
    );
  } else if (kind === "mentors-order") {
    const inOrder = new Map<string, string>();
    for (const r of regs)
      if (r.kind === "mentors-order")
        for (const id of r.ids) inOrder.set(id.toUpperCase(), describeDoc(r.record));
    for (const r of data.mentors.rows) {
      if (!MENTOR_ORDER_STATUSES.includes(r.record.status)) continue;
      const doc = inOrder.get(r.record.id.toUpperCase()) ?? null;
      candidates.push({
        id: r.record.id,
        label: surnameInitials(r.record.fullName),
        detail: [r.record.id, r.record.status, cleanText(r.record.position) || cleanText(r.record.workplace)]
          .filter((x) => x !== "")
          .join(" · "),
        preselected: doc === null,
        inDocument: doc,
      });
    }
    lines.push(
      candidates.length === 0
        ? "Нет наставников со статусом «Отобран», «Обучен» или «Наставник»."
        : `Наставников: ${candidates.length}; ещё не в приказе: ${candidates.filter((c) => c.preselected).length}.`,
    );
  } else if (kind === "consent") {
    const consentOf = new Map<string, string>();
    for (const r of regs)
      if (r.kind === "consent")
        for (const id of r.ids) consentOf.set(id.toUpperCase(), cleanText(r.record.title));
    const seen = new Set<string>();
    for (const p of data.pairs.rows) {
      if (!ACTIVE_STATUSES.includes(p.record.status) || seen.has(p.record.mentorId)) continue;
      seen.add(p.record.mentorId);
      const entry = mentorEntry(data, p.record.mentorId);
      const doc = consentOf.get(p.record.mentorId.toUpperCase()) ?? null;
      candidates.push({
        id: p.record.mentorId,
        label: surnameInitials(entry.mentor.fullName),
        detail: `${p.record.mentorId} · наставляемых: ${entry.pairs.reduce((s, l) => s + l.mentees.length, 0)}`,
        preselected: doc === null,
        inDocument: doc,
      });
    }
    lines.push(
      candidates.length === 0
        ? "Нет наставников в работающих парах."
        : `Наставников в работающих парах: ${candidates.length}; без согласия-соглашения: ${candidates.filter((c) => c.preselected).length}.`,
    );
  } else {
    const year = academicYearStart(data.settings.values, env.clock.now());
    const existing = regs.find((r) => r.kind === kind && r.record.date && yearOf(r.record.date) === year);
    if (kind === "curator-order")
      lines.push(
        existing
          ? `Приказ о назначении куратора на этот учебный год уже есть: ${describeDoc(existing.record)}.`
          : `Приказ о назначении куратора: ${cleanText(data.settings.values.curatorName) || "куратор не указан в «Настройках»"}.`,
      );
    else {
      const made = yearDocuments(regs, kind, year).at(-1);
      lines.push(
        made
          ? `«${KINDS[kind].title}» за ${academicYear(year)} учебный год уже есть: ${describeDoc(made.record)}.`
          : `«${KINDS[kind].title}» будет составлен за ${academicYear(year)} учебный год по показателям мониторинга ` +
              "(пары, охват, встречи, удовлетворённость, рейтинг наставников).",
      );
    }
  }
  return { kind, candidates, lines };
}

function yearOf(d: DateOnly): number {
  return d.month >= 7 ? d.year : d.year - 1;
}

// ---------------------------------------------------------------------------------------
// Checking the request

/** Checks the sidebar's (or the command line's) request; Russian errors. */
export function checkGenerateRequest(input: unknown): GenerateRequest {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw new UserError("Неверный запрос на создание документов.");
  const o = input as Record<string, unknown>;
  if (typeof o.kind !== "string" || !(DOC_KINDS as readonly string[]).includes(o.kind))
    throw new UserError(
      `Неизвестный вид документа «${String(o.kind ?? "")}». Выберите один из: ${DOC_KINDS.map((k) => `«${KINDS[k].title}»`).join(", ")}.`,
    );
  const kind = o.kind as DocKind;
  const rawIds = o.ids ?? [];
  if (!Array.isArray(rawIds) || rawIds.some((i) => typeof i !== "string"))
    throw new UserError("Список пар (наставников) должен быть списком ID.");
  const ids = [...new Set((rawIds as string[]).map((i) => cleanText(i)).filter((i) => i !== ""))];
  if (KINDS[kind].subject !== "none" && ids.length === 0)
    throw new UserError(
      KINDS[kind].subject === "mentors" || KINDS[kind].subject === "mentor"
        ? "Не выбран ни один наставник: отметьте наставников в списке."
        : "Не выбрана ни одна пара: отметьте пары (группы) в списке.",
    );
  let date: string | null = null;
  if (o.date !== null && o.date !== undefined && cleanText(o.date) !== "") {
    const parsed = typeof o.date === "string" ? normalizeDate(o.date) : null;
    if (!parsed?.ok || !parsed.value)
      throw new UserError(`Дата документа «${String(o.date)}» не читается: укажите её как ДД.ММ.ГГГГ.`);
    date = isoDate(parsed.value);
  }
  if (o.newRevision !== undefined && typeof o.newRevision !== "boolean")
    throw new UserError("Признак «новая редакция» должен быть да или нет.");
  if (o.pdf !== undefined && o.pdf !== null && typeof o.pdf !== "boolean")
    throw new UserError("Признак «также PDF» должен быть да, нет или не указан.");
  return {
    kind,
    ids: KINDS[kind].subject === "none" ? [] : ids,
    date,
    newRevision: o.newRevision === true,
    pdf: typeof o.pdf === "boolean" ? o.pdf : null,
  };
}

// ---------------------------------------------------------------------------------------
// Templates

interface Prepared {
  templateId: string;
  scan: TemplateScan;
  problems: string[];
  lines: string[];
}

function prepareTemplate(env: Env, docs: DocumentsPort, data: Data, kind: DocKind): Prepared {
  const known: Partial<Record<DocKind, string>> = {};
  for (const k of DOC_KINDS) {
    const v = templateSetting(k, data.settings.values);
    if (v !== "") known[k] = v;
  }
  const refs = docs.ensureTemplates(
    DOC_KINDS.map((k) => ({ kind: k, title: `Шаблон — ${KINDS[k].title}`, model: defaultTemplate(k) })),
    known,
  );
  const lines: string[] = [];
  const changes: Partial<SettingsValues> = {};
  for (const k of DOC_KINDS) {
    const ref = refs[k];
    if (ref?.created) changes[KINDS[k].setting] = ref.url;
  }
  if (Object.keys(changes).length > 0) {
    env.lock.withLock(() => writeSettings(env.workbook, changes));
    lines.push(
      `Созданы шаблоны по умолчанию (${Object.keys(changes).length}); ссылки на них — в «Настройках», шаблоны можно править.`,
    );
  }
  const ref = refs[kind];
  if (!ref) throw new UserError(`Не удалось найти шаблон «${KINDS[kind].title}».`);
  const scan = docs.scan(ref.id);
  return { templateId: ref.id, scan, problems: checkTemplate(kind, scan), lines };
}

// ---------------------------------------------------------------------------------------
// Registering

function newNameRows(
  env: Env,
  kind: DocKind,
  scan: TemplateScan,
  ctx: DocContext,
  data: Data,
  known = new Set((data.nameForms?.rows ?? []).map((r) => nameKey(r.record.fullName))),
): Partial<RecordOf<"nameForms">>[] {
  if (!data.nameForms) return [];
  const rows: Partial<RecordOf<"nameForms">>[] = [];
  for (const name of declinedNames(kind, scan, ctx)) {
    const key = nameKey(name);
    if (known.has(key)) continue;
    known.add(key);
    rows.push({ ...nameFormsRow(name), createdAt: env.clock.now() });
  }
  return rows;
}

interface Registration {
  kind: DocKind;
  number: string;
  date: DateOnly;
  title: string;
  ref: DocumentRef;
  ids: string[];
  revision: number;
  /** Pairs to mark: the order (pairs-order) or the programme link (program). */
  pairIds: string[];
  usedNumber: number | null;
  names: Partial<RecordOf<"nameForms">>[];
}

/** Writes one document into the workbook, under the lock: register, pairs, number, names. */
function register(env: Env, reg: Registration): void {
  env.lock.withLock(() => {
    const documents = readRecords(env.workbook, "documents");
    insertRecords(
      env,
      "documents",
      [
        {
          docType: KINDS[reg.kind].title,
          number: reg.number,
          date: reg.date,
          title: reg.title,
          link: reg.ref.url,
          pairIds: reg.ids.join(", "),
          revision: reg.revision,
          createdAt: env.clock.now(),
        },
      ],
      documents,
    );
    if (reg.kind === "pairs-order" || reg.kind === "program") {
      const pairs = readRecords(env.workbook, "pairs");
      const mark = new Set(reg.pairIds);
      const cells: CellWrite[] = [];
      for (const r of pairs.rows) {
        if (!mark.has(r.record.id)) continue;
        const change: Partial<RecordOf<"pairs">> =
          reg.kind === "pairs-order"
            ? { orderNo: reg.number, orderDate: reg.date }
            : { programLink: reg.ref.url };
        cells.push(...recordChanges("pairs", r.row, r.record, change, pairs.columns));
      }
      writeKeepingEdits(env, sheetDef("pairs").name, cells, "Документы");
    }
    if (reg.usedNumber !== null) {
      const current = Number(readSettings(env.workbook.read("Настройки")).values.orderNumberNext) || 1;
      if (current <= reg.usedNumber) writeSettings(env.workbook, { orderNumberNext: reg.usedNumber + 1 });
    }
    if (reg.names.length > 0 && env.workbook.read(sheetDef("nameForms").name) !== null) {
      // Another document may have added the same name since: never a second row for it.
      const forms = readRecords(env.workbook, "nameForms");
      const known = new Set(forms.rows.map((r) => nameKey(r.record.fullName)));
      const fresh = reg.names.filter((n) => !known.has(nameKey(n.fullName ?? "")));
      insertRecords(env, "nameForms", fresh, forms);
    }
  });
}

function docName(kind: DocKind, number: string, date: DateOnly, revision: number, subject: string): string {
  const info = KINDS[kind];
  const base = info.isOrder ? `Приказ № ${number} от ${shortDate(date)} — ${info.about}` : `${subject}`;
  return revision > 1 ? `${base} (редакция ${revision})` : base;
}

function existingResult(reg: Registered, subject: string): GeneratedDoc {
  return {
    id: subject,
    title: cleanText(reg.record.title),
    url: cleanText(reg.record.link),
    number: cleanText(reg.record.number),
    pdfUrl: null,
    existing: true,
    revision: reg.record.revision ?? 1,
  };
}

function requestDate(env: Env, request: { date: string | null }): DateOnly {
  if (request.date) {
    const d = normalizeDate(request.date);
    if (d.ok && d.value) return d.value;
  }
  return today(env);
}

function parseIso(text: string): DateOnly | null {
  const d = normalizeDate(text);
  return d.ok ? d.value : null;
}

// ---------------------------------------------------------------------------------------
// Orders: one document, one step

interface PendingOrder {
  kind: DocKind;
  key: string;
  revision: number;
  n: number;
  date: string;
}

function generateOrder(env: Env, docs: DocumentsPort, request: GenerateRequest): GenerateResult {
  const kind = request.kind;
  const info = KINDS[kind];
  const result: GenerateResult = { documents: [], problems: [], warnings: [], job: null, lines: [] };
  const data = readData(env);
  result.warnings.push(...data.settings.problems);
  let date = requestDate(env, request);

  // Whom the order is about.
  let pairs: PairRef[] = [];
  let mentors: DocContext["mentors"] = [];
  const replaced: string[] = [];
  let ids: string[];
  if (info.subject === "pairs") {
    const { lines, unknown } = expandPairIds(data, kind, request.ids);
    for (const u of unknown)
      result.problems.push(
        `Пара (группа) ${u} не найдена среди пар со статусом ${kind === "completion-order" ? "«Завершена»" : "«Утверждена» или «Работает»"} в листе «Пары и группы».`,
      );
    pairs = lines.map((l) => pairRef(data, l));
    ids = pairs.flatMap((p) => p.pairIds);
    if (kind === "pairs-order")
      for (const l of lines)
        for (const r of l.rows)
          if (cleanText(r.record.orderNo) !== "")
            replaced.push(
              `Пара ${r.record.id} уже была закреплена приказом № ${cleanText(r.record.orderNo)} — в «Пары и группы» будет записан номер нового приказа`,
            );
  } else if (info.subject === "mentors") {
    const known = new Set(data.mentors.rows.map((r) => r.record.id.toUpperCase()));
    ids = [];
    for (const raw of request.ids) {
      const id = raw.trim().toUpperCase();
      if (!known.has(id)) result.problems.push(`Наставник ${raw} не найден в листе «Наставники».`);
      else if (!ids.includes(id)) ids.push(id);
    }
    mentors = ids.map((id) => mentorEntry(data, id));
  } else {
    ids = [];
  }
  if (info.subject !== "none" && ids.length === 0 && result.problems.length === 0)
    result.problems.push("Не выбрано ни одной строки для приказа.");
  if (result.problems.length > 0) return finish(env, kind, result);

  // Already made? The same kind for the same set (the curator order: the same academic year).
  const regs = registered(data).filter((r) => r.kind === kind);
  const key = info.subject === "none" ? `год:${yearOf(date)}` : setKey(ids);
  const keyOf = (r: Registered) =>
    info.subject === "none" ? (r.record.date ? `год:${yearOf(r.record.date)}` : "") : setKey(r.ids);
  const same = regs.filter((r) => keyOf(r) === key);
  if (same.length > 0 && !request.newRevision) {
    const last = same[same.length - 1] as Registered;
    result.documents.push(existingResult(last, ""));
    result.lines.push(
      `Приказ ${describeDoc(last.record)} для этого состава уже создан — открыт имеющийся. ${NEW_REVISION_HINT}`,
    );
    return result;
  }
  const revision = same.length > 0 ? Math.max(...same.map((r) => r.record.revision ?? 1)) + 1 : 1;
  // Pairs taken from another order into this one (not a revision of the same order).
  if (same.length === 0) result.warnings.push(...replaced);

  // The number and date: kept in env.meta until registered, so a retry after a crash uses them.
  const s = data.settings.values;
  const n = Math.max(1, Math.floor(Number(s.orderNumberNext) || 1));
  const pendingRaw = env.meta.get(ORDER_KEY);
  let pending: PendingOrder | null = null;
  try {
    pending = pendingRaw ? (JSON.parse(pendingRaw) as PendingOrder) : null;
  } catch {
    pending = null;
  }
  // The same order interrupted after it was begun (its number not yet taken): the same date,
  // so the document made before the interruption is found by its name.
  if (
    pending &&
    pending.kind === kind &&
    pending.key === key &&
    pending.revision === revision &&
    pending.n === n
  )
    date = parseIso(pending.date) ?? date;
  const number = orderNumber(String(s.orderNumberPrefix), n);

  const prepared = prepareTemplate(env, docs, data, kind);
  result.lines.push(...prepared.lines);
  if (prepared.problems.length > 0) {
    result.problems.push(...prepared.problems);
    return finish(env, kind, result);
  }
  const ctx = contextOf(data, env, date, { number, date }, pairs, mentors);
  const built = buildFill(kind, prepared.scan, ctx);
  if (built.blocking.length > 0) {
    result.problems.push(...built.blocking.map((b) => `${b}: без этого приказ не может быть подписан.`));
    return finish(env, kind, result);
  }
  result.warnings.push(...built.missing.filter((m) => !built.blocking.includes(m)));
  const title = docName(kind, number, date, revision, "");
  const pdf = request.pdf ?? s.exportPdf === true;
  const begun: PendingOrder = { kind, key, revision, n, date: isoDate(date) };
  env.meta.set(ORDER_KEY, JSON.stringify(begun));
  const found = docs.existing(ORDERS_FOLDER, title);
  const taken = registered(data).find(
    (r) =>
      (r.kind === kind && cleanText(r.record.title) === title) ||
      (found !== null && [found.url, found.id].includes(cleanText(r.record.link))),
  );
  if (taken) {
    // Another order already has this number and date (the sequence was set back): never reuse it.
    env.meta.set(ORDER_KEY, "");
    result.problems.push(
      `Приказ № ${number} от ${shortDate(date)} уже зарегистрирован в «Приказы» (${taken.kind === kind ? "для другого состава" : KINDS[taken.kind].title}) — ` +
        "проверьте «Следующий номер приказа» в «Настройках».",
    );
    return finish(env, kind, result);
  }
  const made = found
    ? { ...found, pdfUrl: null }
    : docs.create(prepared.templateId, built.fill, { folder: ORDERS_FOLDER, name: title, pdf });
  register(env, {
    kind,
    number,
    date,
    title,
    ref: made,
    ids,
    revision,
    pairIds: kind === "pairs-order" ? ids : [],
    usedNumber: n,
    names: newNameRows(env, kind, prepared.scan, ctx, data),
  });
  env.meta.set(ORDER_KEY, "");
  result.documents.push({
    id: "",
    title,
    url: made.url,
    number,
    pdfUrl: made.pdfUrl,
    existing: false,
    revision,
  });
  result.lines.push(`Создан ${title}.`);
  if (pairs.length > 0) result.lines.push(`Пар (групп) в приказе: ${pairs.length}.`);
  if (mentors.length > 0) result.lines.push(`Наставников в приказе: ${mentors.length}.`);
  if (found) result.lines.push(FOUND_BEFORE_CRASH);
  return finish(env, kind, result);
}

function finish(env: Env, kind: DocKind, result: GenerateResult): GenerateResult {
  for (const w of result.warnings) result.lines.push(`Внимание: ${w}.`);
  if (result.problems.length > 0)
    result.lines.push("Документ не создан: исправьте перечисленное и повторите.");
  env.lock.withLock(() =>
    writeJournal(env, [
      {
        action: `Документы: ${KINDS[kind].title}`,
        outcome:
          result.problems.length > 0
            ? "ошибка"
            : result.warnings.length > 0
              ? "с предупреждениями"
              : "успешно",
        details: [...result.problems, ...result.lines].join("\n"),
      },
    ]),
  );
  return result;
}

// ---------------------------------------------------------------------------------------
// Programmes and consents: a resumable job

interface StoredJob {
  kind: DocKind;
  pending: string[];
  total: number;
  done: number;
  failed: { id: string; reason: string }[];
  date: string;
  newRevision: boolean;
  pdf: boolean | null;
}

function saveJob(env: Env, job: StoredJob | null): void {
  env.meta.set(JOB_KEY, job && job.pending.length > 0 ? JSON.stringify(job) : "");
}

/** The subject of one document of a job: its context pieces, identity and file name. */
function jobSubject(
  data: Data,
  kind: DocKind,
  id: string,
): { pairs: PairRef[]; mentors: DocContext["mentors"]; ids: string[]; label: string } | string {
  if (kind === "program") {
    const { lines, unknown } = expandPairIds(data, kind, [id]);
    if (unknown.length > 0 || lines.length === 0)
      return `пара (группа) ${id} не найдена среди работающих пар`;
    const pair = pairRef(data, lines[0] as Line);
    const mentees = pair.mentees.map((m) => surnameInitials(m.fullName)).join(", ");
    return {
      pairs: [pair],
      mentors: [],
      ids: pair.pairIds,
      label: `ППН — ${pair.id} — ${surnameInitials(pair.mentor.fullName)} — ${mentees}`,
    };
  }
  const entry = mentorEntry(data, id);
  if (entry.pairs.length === 0) return `у наставника ${id} нет работающих пар`;
  return {
    pairs: [],
    mentors: [entry],
    ids: [id, ...entry.pairs.flatMap((p) => p.pairIds)],
    label: `Согласие — ${entry.mentor.id} — ${surnameInitials(entry.mentor.fullName)}`,
  };
}

function runJob(
  env: Env,
  docs: DocumentsPort,
  job: StoredJob,
  budgetMs: number,
  result: GenerateResult,
): void {
  const started = env.clock.now().getTime();
  const kind = job.kind;
  let data = readData(env);
  const prepared = prepareTemplate(env, docs, data, kind);
  result.lines.push(...prepared.lines);
  if (prepared.problems.length > 0) {
    result.problems.push(...prepared.problems);
    return;
  }
  if (prepared.lines.length > 0) data = readData(env);
  const date = parseIso(job.date) ?? today(env);
  const pdf = job.pdf ?? false;
  const allRegs = registered(data);
  const regs = allRegs.filter((r) => r.kind === kind);
  const knownNames = new Set((data.nameForms?.rows ?? []).map((r) => nameKey(r.record.fullName)));
  let attempted = 0;
  while (job.pending.length > 0) {
    // At least one document per call, whatever the preparation took.
    if (attempted > 0 && env.clock.now().getTime() - started >= budgetMs) break;
    attempted++;
    const id = job.pending[0] as string;
    try {
      const subject = jobSubject(data, kind, id);
      if (typeof subject === "string") throw new UserError(subject);
      const same = regs.filter((r) => setKey(r.ids) === setKey(subject.ids));
      const linked = kind === "program" ? (subject.pairs[0]?.programLink ?? "") : "";
      if (same.length > 0 && !job.newRevision) {
        result.documents.push(existingResult(same[same.length - 1] as Registered, id));
      } else if (linked !== "" && !job.newRevision) {
        // A programme linked in «Пары и группы» but not made here (the curator's own): kept.
        result.documents.push({
          id,
          title: subject.label,
          url: linked,
          number: "",
          pdfUrl: null,
          existing: true,
          revision: 1,
        });
        const note = `У пары ${id} уже есть ППН (ссылка в «Пары и группы») — она оставлена. ${NEW_REVISION_HINT}`;
        if (!result.lines.includes(note)) result.lines.push(note);
      } else {
        const revision = same.length > 0 ? Math.max(...same.map((r) => r.record.revision ?? 1)) + 1 : 1;
        const ctx = contextOf(data, env, date, null, subject.pairs, subject.mentors);
        const built = buildFill(kind, prepared.scan, ctx);
        if (built.blocking.length > 0) throw new UserError(built.blocking.join("; "));
        for (const w of built.missing) if (!result.warnings.includes(w)) result.warnings.push(w);
        const { title, found } = freeName(docs, allRegs, kind, date, revision, subject.label);
        const made = found
          ? { ...found, pdfUrl: null }
          : docs.create(prepared.templateId, built.fill, { folder: PROGRAMS_FOLDER, name: title, pdf });
        if (found && !result.lines.includes(FOUND_BEFORE_CRASH)) result.lines.push(FOUND_BEFORE_CRASH);
        const names = newNameRows(env, kind, prepared.scan, ctx, data, knownNames);
        register(env, {
          kind,
          number: "",
          date,
          title,
          ref: made,
          ids: subject.ids,
          revision,
          pairIds: kind === "program" ? subject.ids : [],
          usedNumber: null,
          names,
        });
        // Keep the local view of the register in step without reading it again.
        const entry: Registered = {
          row: 0,
          kind,
          ids: subject.ids,
          record: { ...EMPTY_DOC, docType: KINDS[kind].title, date, title, link: made.url, revision },
        };
        regs.push(entry);
        allRegs.push(entry);
        result.documents.push({
          id,
          title,
          url: made.url,
          number: "",
          pdfUrl: made.pdfUrl,
          existing: false,
          revision,
        });
      }
      job.done++;
    } catch (error) {
      job.failed.push({ id, reason: userMessage(error) });
    }
    job.pending.shift();
    env.lock.withLock(() => saveJob(env, job));
  }
}

/**
 * The file name of a new per-subject document and the file already under it (made just before a
 * crash). A name that the register gives to another document, or a file found under it that the
 * register links to another document, is never taken: the name gets « (2)», « (3)»… — so a pair
 * (mentor) is never linked to someone else's document, and a local file is never overwritten.
 */
function freeName(
  docs: DocumentsPort,
  regs: readonly Registered[],
  kind: DocKind,
  date: DateOnly,
  revision: number,
  label: string,
  folder = PROGRAMS_FOLDER,
): { title: string; found: DocumentRef | null } {
  const titles = new Set(regs.filter((r) => r.kind === kind).map((r) => cleanText(r.record.title)));
  const links = new Set(regs.map((r) => cleanText(r.record.link)).filter((l) => l !== ""));
  const base = docName(kind, "", date, revision, label);
  for (let n = 1; n <= MAX_NAME_VARIANTS; n++) {
    const title = n === 1 ? base : `${base} (${n})`;
    if (titles.has(title)) continue;
    const found = docs.existing(folder, title);
    if (found && (links.has(found.url) || links.has(found.id))) continue;
    return { title, found };
  }
  throw new UserError(
    `В папке «${folder}» уже много документов с именем «${base}», зарегистрированных для других пар или наставников: переименуйте или уберите лишние и повторите.`,
  );
}

function jobLines(job: StoredJob, result: GenerateResult): void {
  const made = result.documents.filter((d) => !d.existing).length;
  const old = result.documents.filter((d) => d.existing).length;
  result.lines.push(`Создано документов: ${made}${old > 0 ? `; уже были созданы раньше: ${old}` : ""}.`);
  if (job.pending.length > 0)
    result.lines.push(
      `Готово ${job.done + job.failed.length} из ${job.total}; осталось ${job.pending.length} — нажмите «Продолжить»: сделанное не повторится.`,
    );
  else result.lines.push(`Задание завершено: ${job.done} из ${job.total}.`);
  for (const f of job.failed) result.lines.push(`Не создан документ для ${f.id}: ${f.reason}`);
  if (job.failed.length > 0 && job.pending.length === 0)
    result.lines.push("Исправьте причины и запустите создание ещё раз — готовые документы не повторятся.");
}

function runAndReport(
  env: Env,
  docs: DocumentsPort,
  job: StoredJob,
  budgetMs: number,
  result: GenerateResult,
  fresh = false,
) {
  runJob(env, docs, job, budgetMs, result);
  if (fresh && result.problems.length > 0 && job.done === 0 && job.failed.length === 0) {
    // The template is broken: nothing was begun, so nothing is left pending either.
    env.lock.withLock(() => saveJob(env, null));
    return finish(env, job.kind, result);
  }
  result.job = progress(job);
  if (result.problems.length === 0) jobLines(job, result);
  return finish(env, job.kind, result);
}

export function generateDocuments(
  env: Env,
  docs: DocumentsPort,
  request: GenerateRequest,
  options: { budgetMs?: number } = {},
): GenerateResult {
  const info = KINDS[request.kind];
  if (info.isOrder) return generateOrder(env, docs, request);
  if (info.subject === "none") return generateYearDocument(env, docs, request);
  const result: GenerateResult = { documents: [], problems: [], warnings: [], job: null, lines: [] };
  const pendingJob = readJob(env);
  if (pendingJob && pendingJob.pending.length > 0) {
    result.lines.push(
      `Продолжается начатое задание «${KINDS[pendingJob.kind].title}»: осталось ${pendingJob.pending.length} из ${pendingJob.total}. Новое не начато, чтобы не создать документы дважды.`,
    );
    return runAndReport(env, docs, pendingJob, options.budgetMs ?? DEFAULT_BUDGET_MS, result);
  }
  const data = readData(env);
  let ids: string[];
  if (info.subject === "pair") {
    const { lines, unknown } = expandPairIds(data, request.kind, request.ids);
    for (const u of unknown)
      result.problems.push(`Пара (группа) ${u} не найдена среди работающих пар в листе «Пары и группы».`);
    ids = lines.map((l) => l.id);
  } else {
    ids = [];
    const active = new Set(
      data.pairs.rows
        .filter((r) => ACTIVE_STATUSES.includes(r.record.status))
        .map((r) => r.record.mentorId.toUpperCase()),
    );
    for (const raw of request.ids) {
      const id = raw.trim().toUpperCase();
      if (!active.has(id))
        result.problems.push(`У наставника ${raw} нет работающих пар (лист «Пары и группы»).`);
      else if (!ids.includes(id)) ids.push(id);
    }
  }
  if (result.problems.length > 0) return finish(env, request.kind, result);
  const job: StoredJob = {
    kind: request.kind,
    pending: ids,
    total: ids.length,
    done: 0,
    failed: [],
    date: isoDate(requestDate(env, request)),
    newRevision: request.newRevision,
    pdf: request.pdf,
  };
  env.lock.withLock(() => saveJob(env, job));
  return runAndReport(env, docs, job, options.budgetMs ?? DEFAULT_BUDGET_MS, result, true);
}

export function continueDocumentsJob(
  env: Env,
  docs: DocumentsPort,
  options: { budgetMs?: number } = {},
): GenerateResult {
  const job = readJob(env);
  if (!job || job.pending.length === 0)
    return {
      documents: [],
      problems: [],
      warnings: [],
      job: null,
      lines: ["Нет начатого задания: все документы созданы."],
    };
  const result: GenerateResult = { documents: [], problems: [], warnings: [], job: null, lines: [] };
  return runAndReport(env, docs, job, options.budgetMs ?? DEFAULT_BUDGET_MS, result);
}

// ---------------------------------------------------------------------------------------
// The year's report and the site text: one document per academic year, one step

/** The records as monitoring takes them, with its defaults for empty settings (as «Обновить мониторинг»). */
function monitoringInput(data: Data, firstYear: number): MonitoringInput {
  const records = <K extends SheetKey>(table: TableRead<K> | null) =>
    (table?.rows ?? []).map((r) => r.record);
  return {
    mentees: records(data.mentees),
    mentors: records(data.mentors),
    pairs: records(data.pairs),
    meetings: records(data.meetings),
    roadmap: records(data.roadmap),
    feedback: records(data.feedback),
    settings: monitoringSettings(data.settings.values, firstYear),
  };
}

/** Cells of the sheets the figures come from that could not be read: they are left out, say so. */
function unreadable(data: Data): string[] {
  const issues = [data.mentees, data.mentors, data.pairs, data.meetings, data.roadmap, data.feedback].flatMap(
    (t) => t?.issues ?? [],
  );
  if (issues.length === 0) return [];
  const shown = issues.slice(0, 3).map(describeIssue).join("; ");
  return [
    `Ячеек, которые не удалось прочитать и которые не вошли в расчёт, — ${issues.length}: ${shown}${issues.length > 3 ? "; …" : ""}`,
  ];
}

/** The file name (and register title) of the year's document: «… за 2025/2026 учебный год». */
function yearLabel(kind: DocKind, firstYear: number): string {
  const year = academicYear(firstYear);
  return kind === "report"
    ? `${KINDS[kind].about} за ${year} учебный год`
    : `Текст для сайта об итогах ${year} учебного года`;
}

/**
 * The registered documents of the kind for the academic year: by the title they were made under
 * (its revisions and « (2)» variants too); one whose title names no academic year (renamed in
 * «Приказы») by the year of its date.
 */
function yearDocuments(regs: readonly Registered[], kind: DocKind, firstYear: number): Registered[] {
  const label = yearLabel(kind, firstYear);
  return regs.filter((r) => {
    if (r.kind !== kind) return false;
    const title = cleanText(r.record.title);
    if (title === label || title.startsWith(`${label} (`)) return true;
    return !/\d{4}\/\d{4}/.test(title) && r.record.date !== null && yearOf(r.record.date) === firstYear;
  });
}

function generateYearDocument(env: Env, docs: DocumentsPort, request: GenerateRequest): GenerateResult {
  const kind = request.kind;
  const info = KINDS[kind];
  const result: GenerateResult = { documents: [], problems: [], warnings: [], job: null, lines: [] };
  const data = readData(env, true);
  result.warnings.push(...data.settings.problems);
  const date = requestDate(env, request);
  const now = env.clock.now();
  const first = academicYearStart(data.settings.values, now);
  const year = academicYear(first);

  // Already made for this academic year?
  const label = yearLabel(kind, first);
  const same = yearDocuments(registered(data), kind, first);
  if (same.length > 0 && !request.newRevision) {
    const last = same[same.length - 1] as Registered;
    result.documents.push(existingResult(last, ""));
    result.lines.push(
      `«${cleanText(last.record.title) || info.title}» уже создан — открыт имеющийся. ${NEW_REVISION_HINT}`,
    );
    return result;
  }
  const revision = same.length > 0 ? Math.max(...same.map((r) => r.record.revision ?? 1)) + 1 : 1;
  if (yearOf(date) !== first)
    result.warnings.push(
      `Дата документа ${shortDate(date)} относится к ${academicYear(yearOf(date))} учебному году, а показатели — к ${year} ` +
        "(«Начало учебного года» в «Настройках»)",
    );

  const prepared = prepareTemplate(env, docs, data, kind);
  result.lines.push(...prepared.lines);
  if (prepared.problems.length > 0) {
    result.problems.push(...prepared.problems);
    return finish(env, kind, result);
  }
  const input = monitoringInput(data, first);
  const indicators = computeIndicators(input, now);
  const ranking = rankMentors(input, now);
  const mentors = new Map(data.mentors.rows.map((r) => [matchKey(r.record.id), r.record]));
  const rewarded = rewardedMentors({
    ranking,
    pairs: input.pairs,
    academicYear: first,
    positionOf: (id) => {
      const m = mentors.get(matchKey(id));
      return m ? cleanText(m.position) || cleanText(m.workplace) : "";
    },
  });
  const ctx: DocContext = {
    ...contextOf(data, env, date, null, [], []),
    report: { indicators, rewarded, practices: parsePractices(rawSetting(data, "bestPractices")) },
  };
  const built = buildFill(kind, prepared.scan, ctx);
  if (built.blocking.length > 0) {
    result.problems.push(...built.blocking);
    return finish(env, kind, result);
  }
  result.warnings.push(...built.missing, ...unreadable(data));
  const regs = registered(data);
  const { title, found } = freeName(docs, regs, kind, date, revision, label, REPORTS_FOLDER);
  const made = found
    ? { ...found, pdfUrl: null }
    : docs.create(prepared.templateId, built.fill, {
        folder: REPORTS_FOLDER,
        name: title,
        pdf: request.pdf ?? false,
      });
  register(env, {
    kind,
    number: "",
    date,
    title,
    ref: made,
    ids: [],
    revision,
    pairIds: [],
    usedNumber: null,
    names: newNameRows(env, kind, prepared.scan, ctx, data),
  });
  result.documents.push({
    id: "",
    title,
    url: made.url,
    number: "",
    pdfUrl: made.pdfUrl,
    existing: false,
    revision,
  });
  result.lines.push(`Создан документ «${title}».`);
  const pairs = indicators.find((i) => i.code === "pairs.of_year")?.value ?? 0;
  result.lines.push(
    kind === "report"
      ? `В отчёте: показатели ${year} учебного года (пар — ${pairs}), формы наставничества, лучшие практики; ` +
          `отмечено наставников — ${rewarded.length}. Других персональных данных в отчёте нет.`
      : "Текст составлен по показателям года — проверьте, дополните и опубликуйте его на сайте.",
  );
  if (found) result.lines.push(FOUND_BEFORE_CRASH);
  return finish(env, kind, result);
}
