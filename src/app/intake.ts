// Intake of questionnaire responses («Анкеты»): a table of responses (a form's responses sheet,
// or a CSV/XLSX file the curator loads) lands in the bases, deduplicated and validated, with
// consent recorded; preferences and feedback land keyed by IDs. Also the withdrawal of consent.
// One read and one batch of writes per sheet, under the document lock; re-running the intake
// over the same responses writes nothing.

import type { CellValue } from "../domain/cells";
import { FORM_NAMES, type FormKind, formDef, MINIMAL_DROPPED } from "../domain/forms";
import {
  type Answer,
  assessPerson,
  formatDateTime,
  identityOfRecord,
  intakeOwnsStatus,
  intakeQuestions,
  isBlankRow,
  isPersonKind,
  listsFromSheet,
  mapResponseHeader,
  minimalFields,
  type ParsedResponse,
  type PersonIdentity,
  type PersonKind,
  type PersonRef,
  parseResponse,
  personFields,
  personKeys,
  questionName,
  type ResponseHeader,
  resolvePersonChoice,
  STATUS_NO_CONSENT,
  STATUS_REVIEW,
  withdrawalOf,
} from "../domain/intake";
import { cleanText, type DateOnly, formatDate, matchKey } from "../domain/normalize";
import { type SheetKey, sheetDef } from "../domain/schema";
import { type RecordOf, recordChanges, type TableRead } from "../domain/table";
import { UserError } from "./errors";
import { writeJournal } from "./journal";
import { writeKeepingEdits } from "./kept-edits";
import type { CellWrite, Env } from "./ports";
import { insertRecords, readRecords } from "./records";
import { readSettings } from "./settings";
import { readWithdrawals } from "./withdraw";

export interface IntakeOptions {
  /** Where the table comes from: a form's responses sheet (default) or a file the curator loads. */
  origin?: "form" | "file";
}

export interface IntakeRejected {
  /** 1-based row of the table (the header is row 1). */
  line: number;
  reason: string;
}

export interface IntakeHeld {
  line: number;
  /** The record the row landed in. */
  id: string;
  /** Its status after the intake («Требует проверки», «Нет согласия»); "" for preferences and feedback. */
  status: string;
  /** All reasons, joined with «; ». */
  reason: string;
  reasons: string[];
}

export interface IntakeReport {
  kind: FormKind;
  /** The form's Russian name. */
  form: string;
  /** The table's name: the file name or the responses sheet. */
  source: string;
  /** «Файл «ответы.csv»» or «Лист «Ответы на форму (1)»», for messages. */
  where: string;
  /** The sheet the responses land in. */
  sheet: string;
  /** Rows with any content. total = created + updated + unchanged + duplicates + rejected. */
  total: number;
  /** New records. */
  created: number;
  /** Existing records changed. */
  updated: number;
  /** Existing records the rows matched without changing them (same or older responses). */
  unchanged: number;
  /** Further rows of a person (pair, participant) another row of this table already landed in. */
  duplicates: number;
  /** Records that need the curator's check (for preferences and feedback: rows stored with remarks). */
  needsReview: number;
  /** Records held without consent (for preferences and feedback: rows not stored for lack of consent). */
  withoutConsent: number;
  /** Rows that could not be stored, with why. */
  rejected: IntakeRejected[];
  /** Rows stored but held or with remarks, with why. */
  held: IntakeHeld[];
  /** IDs of the records the rows landed in, in the order of the table. */
  ids: string[];
  /** Columns of the table that are not loaded. */
  ignoredColumns: string[];
  /** Problems of the table as a whole (missing columns, unreadable timestamps). */
  warnings: string[];
  /**
   * Minimal mode of personal data: columns of the table whose answers were not stored (phone,
   * date of birth — replaced by the age band —, free text about oneself). Empty otherwise.
   */
  notStored: string[];
}

/** Seconds since the epoch: submission times are compared to the second (cells may lose milliseconds). */
function seconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

function dayOf(d: Date): DateOnly {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

function compareDays(a: DateOnly, b: DateOnly): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function whereOf(name: string, origin: "form" | "file"): string {
  return origin === "file" ? `Файл «${name}»` : `Лист «${name}»`;
}

/** «Файл «x», строка 7, вопрос «Телефон»: …» or «Файл «x», строка 7: …». */
export function atLine(where: string, line: number, reason: string): string {
  const m = /^Вопрос («[^»]*»)(:.*)$/s.exec(reason);
  return m ? `${where}, строка ${line}, вопрос ${m[1]}${m[2]}` : `${where}, строка ${line}: ${reason}`;
}

interface Row {
  parsed: ParsedResponse;
  /** The submission time, or the time of the intake when the table has none. */
  ts: Date;
}

interface Outcome {
  created: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  needsReview: number;
  withoutConsent: number;
  rejected: IntakeRejected[];
  held: IntakeHeld[];
  ids: string[];
  /** Something was written. */
  wrote: boolean;
}

function emptyOutcome(): Outcome {
  return {
    created: 0,
    updated: 0,
    unchanged: 0,
    duplicates: 0,
    needsReview: 0,
    withoutConsent: 0,
    rejected: [],
    held: [],
    ids: [],
    wrote: false,
  };
}

interface Context {
  env: Env;
  kind: FormKind;
  header: ResponseHeader;
  where: string;
  origin: "form" | "file";
  name: string;
  now: Date;
  lists: ReturnType<typeof listsFromSheet>;
  /** «Минимальный режим персональных данных» is on. */
  minimal: boolean;
  /** Question keys whose answers minimal mode did not store. */
  notStored: Set<string>;
}

/**
 * Lands a table of responses of one form in the workbook. Row 0 of `table.values` is the header
 * (the form's question titles, or the headers of the base sheet). Returns what happened to every
 * row: each is a record (new, updated, unchanged, a repeated answer) or is listed as rejected.
 */
export function intakeResponses(
  env: Env,
  kind: FormKind,
  table: { name: string; values: CellValue[][] },
  options: IntakeOptions = {},
): IntakeReport {
  const origin = options.origin ?? "form";
  const where = whereOf(table.name, origin);
  const def = formDef(kind);
  const sheet = sheetDef(def.target as SheetKey).name;
  const headerRow = table.values[0] ?? [];
  if (isBlankRow(headerRow)) {
    throw new UserError(`${where}: таблица пуста — нет строки заголовков с вопросами анкеты.`);
  }
  const header = mapResponseHeader(kind, headerRow);
  if (header.columns.size === 0) {
    const examples = def.questions
      .filter((q) => q.required)
      .slice(0, 3)
      .map((q) => `«${q.title}»`)
      .join(", ");
    const seen = headerRow
      .map((h) => cleanText(h))
      .filter((h) => h !== "")
      .slice(0, 6)
      .map((h) => `«${h}»`)
      .join(", ");
    throw new UserError(
      `${where}: в первой строке не найдено ни одного вопроса анкеты «${FORM_NAMES[kind]}». ` +
        `Ожидаются вопросы анкеты (например, ${examples}) или заголовки листа «${sheet}»; сейчас там: ${seen}. ` +
        "Проверьте, что выбрана нужная анкета и что заголовки — в первой строке.",
    );
  }
  return env.lock.withLock(() => {
    const now = env.clock.now();
    const lists = listsFromSheet(env.workbook.read(sheetDef("lists").name));
    const minimal =
      isPersonKind(kind) &&
      readSettings(env.workbook.read(sheetDef("settings").name)).values.minimalMode === true;
    const warnings: string[] = [];
    for (const q of header.missingRequired) {
      const effect = !isPersonKind(kind)
        ? ""
        : q.type === "consent"
          ? " — без него записи получат статус «Нет согласия»"
          : " — у записей он будет отмечен в «Что проверить»";
      warnings.push(`${where}: нет столбца обязательного вопроса «${q.title}»${effect}.`);
    }
    const rows: Row[] = [];
    let total = 0;
    table.values.forEach((cells, i) => {
      if (i === 0 || isBlankRow(cells)) return;
      total++;
      const parsed = parseResponse(header, cells, i + 1, lists);
      if (parsed.timestampIssue && header.timestamp) {
        warnings.push(
          `${where}, строка ${i + 1}, столбец «${header.timestamp.header}»: ${parsed.timestampIssue}; ответ считается полученным сейчас.`,
        );
      }
      rows.push({ parsed, ts: parsed.timestamp ?? now });
    });
    // Oldest first, so that the newest response of a person is applied last.
    rows.sort((a, b) => seconds(a.ts) - seconds(b.ts) || a.parsed.line - b.parsed.line);
    const ctx: Context = {
      env,
      kind,
      header,
      where,
      origin,
      name: table.name,
      now,
      lists,
      minimal,
      notStored: new Set(),
    };
    const outcome = isPersonKind(kind)
      ? intakePeople(ctx, kind, rows)
      : kind === "preference"
        ? intakePreferences(ctx, rows)
        : intakeFeedback(ctx, rows);
    const report: IntakeReport = {
      kind,
      form: FORM_NAMES[kind],
      source: table.name,
      where,
      sheet,
      total,
      created: outcome.created,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      duplicates: outcome.duplicates,
      needsReview: outcome.needsReview,
      withoutConsent: outcome.withoutConsent,
      rejected: outcome.rejected.sort((a, b) => a.line - b.line),
      held: outcome.held.sort((a, b) => a.line - b.line),
      ids: outcome.ids,
      ignoredColumns: header.ignored,
      warnings,
      notStored: def.questions.filter((q) => ctx.notStored.has(q.key)).map((q) => questionName(header, q)),
    };
    if (outcome.wrote) {
      writeJournal(env, [
        {
          action: `Загрузка ответов: ${FORM_NAMES[kind]}`,
          outcome: report.rejected.length > 0 || report.held.length > 0 ? "с предупреждениями" : "успешно",
          details: describeIntake(report).join("\n"),
        },
      ]);
    }
    return report;
  });
}

// ---------------------------------------------------------------------------------------
// Mentees and mentors

interface PersonSlot {
  existing: { row: number; record: Record<string, unknown> } | null;
  current: Record<string, unknown>;
  lines: number[];
  applied: number;
  firstTs: Date | null;
  lastTs: Date | null;
  /** Problems of the answers that gave the current values, by question key. */
  issues: Map<string, string>;
}

function identityOf(answers: Map<string, Answer>): PersonIdentity {
  const v = (key: string) => answers.get(key)?.value ?? null;
  return {
    email: v("email"),
    fullName: v("fullName"),
    birthDate: (v("birthDate") as DateOnly | null) ?? null,
    phone: v("phone"),
  };
}

/** Mentees and mentors are handled alike, by column key; the typed view is for table helpers. */
function asRecord(r: Readonly<Record<string, unknown>>): RecordOf<"mentees"> {
  return r as unknown as RecordOf<"mentees">;
}

function intakePeople(ctx: Context, kind: PersonKind, rows: Row[]): Outcome {
  const target = formDef(kind).target as "mentees" | "mentors";
  const def = sheetDef(target);
  const base = readRecords(ctx.env.workbook, target) as unknown as TableRead<"mentees">;
  const out = emptyOutcome();
  const slots: PersonSlot[] = [];
  const index = new Map<string, PersonSlot>();
  const register = (keys: string[], slot: PersonSlot) => {
    for (const k of keys) if (!index.has(k)) index.set(k, slot);
  };
  for (const { row, record } of base.rows) {
    const rec = record as unknown as Record<string, unknown>;
    const slot: PersonSlot = {
      existing: { row, record: rec },
      current: { ...rec },
      lines: [],
      applied: 0,
      firstTs: null,
      lastTs: null,
      issues: new Map(),
    };
    slots.push(slot);
    register(personKeys(identityOfRecord(rec)), slot);
  }
  const withdrawals = readWithdrawals(ctx.env.meta);
  for (const { parsed, ts } of rows) {
    // In minimal mode the record keeps no date of birth and no phone: the answer is matched to it
    // without them too (else a re-import would not find the record it made).
    const identity = identityOf(parsed.answers);
    const keys = personKeys(ctx.minimal ? { ...identity, birthDate: null, phone: null } : identity);
    const withdrawn = withdrawalOf(keys, parsed.timestamp, withdrawals);
    if (withdrawn) {
      out.rejected.push({
        line: parsed.line,
        reason:
          `ответ человека, отозвавшего согласие на обработку персональных данных (запись ${withdrawn.id}, ` +
          `${formatDate(dayOf(new Date(withdrawn.at)))}), не загружен; если он снова даёт согласие, нужна новая анкета`,
      });
      continue;
    }
    if (keys.length === 0) {
      const names = ["fullName", "email", "phone"]
        .map((k) => formDef(kind).questions.find((q) => q.key === k))
        .map((q) => (q ? `«${questionName(ctx.header, q)}»` : ""))
        .filter((s) => s !== "")
        .join(", ");
      out.rejected.push({
        line: parsed.line,
        reason: `нет ни ФИО, ни адреса электронной почты, ни телефона (${names}) — ответ не с кем связать`,
      });
      continue;
    }
    let slot = keys.map((k) => index.get(k)).find((s) => s !== undefined);
    if (!slot) {
      slot = {
        existing: null,
        current: {},
        lines: [],
        applied: 0,
        firstTs: null,
        lastTs: null,
        issues: new Map(),
      };
      slots.push(slot);
    }
    register(keys, slot);
    slot.lines.push(parsed.line);
    const stored = slot.existing?.record.updatedAt;
    // A response already applied (or older than the record) never overwrites it.
    if (slot.applied === 0 && stored instanceof Date && seconds(ts) <= seconds(stored)) continue;
    const fields = personFields(kind, parsed);
    // Minimal mode: the phone, the date of birth (kept as the age band) and free text about
    // oneself are not stored; the report names the columns.
    const kept = ctx.minimal ? minimalFields(kind, fields, ts) : null;
    for (const key of kept?.dropped ?? []) ctx.notStored.add(key);
    Object.assign(slot.current, kept ? kept.fields : fields);
    if (slot.current.consent === true && !slot.current.consentDate) slot.current.consentDate = dayOf(ts);
    for (const [key, answer] of parsed.answers) {
      if (answer.blank) continue;
      if (ctx.minimal && MINIMAL_DROPPED[kind].includes(key)) continue;
      if (answer.issue) slot.issues.set(key, answer.issue);
      else slot.issues.delete(key);
    }
    slot.applied++;
    slot.firstTs ??= ts;
    slot.lastTs = ts;
    register(personKeys(identityOfRecord(slot.current)), slot);
  }

  const touched = slots
    .filter((s) => s.lines.length > 0)
    .sort((a, b) => Math.min(...a.lines) - Math.min(...b.lines));
  const cells: CellWrite[] = [];
  const fresh: { slot: PersonSlot; record: Record<string, unknown> }[] = [];
  const finals = new Map<PersonSlot, { status: string; reasons: string[] }>();
  for (const slot of touched) {
    out.duplicates += slot.lines.length - 1;
    const prev = slot.existing?.record ?? null;
    if (slot.applied === 0) {
      out.unchanged++;
      finals.set(slot, {
        status: cleanText(prev?.status),
        reasons: String(prev?.reviewReasons ?? "")
          .split("\n")
          .map((r) => r.trim())
          .filter((r) => r !== ""),
      });
      continue;
    }
    const at = slot.lastTs ?? ctx.now;
    const a = assessPerson(kind, slot.current, {
      at,
      issues: slot.issues,
      header: ctx.header,
      lists: ctx.lists,
    });
    const after: Record<string, unknown> = { ...slot.current, reviewReasons: a.reasons.join("\n") };
    after.status = !prev || intakeOwnsStatus(cleanText(prev.status)) ? a.status : prev.status;
    finals.set(slot, { status: cleanText(after.status), reasons: a.reasons });
    if (!prev) {
      const first = slot.firstTs ?? ctx.now;
      fresh.push({
        slot,
        record: {
          ...after,
          source: ctx.origin === "file" ? `Файл «${ctx.name}»` : `Анкета ${formatDateTime(first)}`,
          createdAt: first,
          updatedAt: at,
        },
      });
      continue;
    }
    const row = slot.existing?.row ?? 0;
    const changes = recordChanges(target as "mentees", row, asRecord(prev), asRecord(after), base.columns);
    if (changes.length === 0) {
      out.unchanged++;
      continue;
    }
    out.updated++;
    cells.push(
      ...recordChanges(
        target as "mentees",
        row,
        asRecord(prev),
        asRecord({ ...after, updatedAt: at }),
        base.columns,
      ),
    );
  }
  if (cells.length > 0) {
    writeKeepingEdits(ctx.env, def.name, cells, `Загрузка ответов: ${FORM_NAMES[kind]}`);
    out.wrote = true;
  }
  const newIds = insertRecords(
    ctx.env,
    target as "mentees",
    fresh.map((f) => asRecord(f.record)),
    base,
  );
  out.created = fresh.length;
  if (fresh.length > 0) out.wrote = true;
  const idOf = new Map<PersonSlot, string>();
  fresh.forEach((f, i) => {
    idOf.set(f.slot, newIds[i] ?? "");
  });
  for (const slot of touched) {
    const id = idOf.get(slot) ?? cleanText(slot.existing?.record.id);
    out.ids.push(id);
    const final = finals.get(slot);
    if (!final) continue;
    const held = final.status === STATUS_REVIEW || final.status === STATUS_NO_CONSENT;
    if (!held) continue;
    if (final.status === STATUS_REVIEW) out.needsReview++;
    else out.withoutConsent++;
    out.held.push({
      line: Math.max(...slot.lines),
      id,
      status: final.status,
      reason: final.reasons.join("; "),
      reasons: final.reasons,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Preferences

function answerText(answers: Map<string, Answer>, key: string): string {
  const v = answers.get(key)?.value;
  return typeof v === "string" ? v : "";
}

/** True when the table has a consent column and this response did not give consent. */
function lacksConsent(answers: Map<string, Answer>): boolean {
  const a = answers.get("consent");
  return a !== undefined && a.value !== true;
}

function consentRejection(ctx: Context, what: string): string {
  const q = formDef(ctx.kind).questions.find((x) => x.key === "consent");
  return `Вопрос «${q ? questionName(ctx.header, q) : "Согласие"}»: нет согласия на обработку персональных данных — ${what} не ${what === "выбор" ? "учтён" : "загружен"}`;
}

interface Participant {
  id: string;
  role: "Наставник" | "Наставляемый";
  email: string;
  fullName: string;
}

const MENTOR_ROLE = "Наставник" as const;
const MENTEE_ROLE = "Наставляемый" as const;

function intakePreferences(ctx: Context, rows: Row[]): Outcome {
  const out = emptyOutcome();
  const mentees = readRecords(ctx.env.workbook, "mentees");
  const mentors = readRecords(ctx.env.workbook, "mentors");
  const prefs = readRecords(ctx.env.workbook, "preferences");
  const menteeNames = sheetDef("mentees").name;
  const mentorNames = sheetDef("mentors").name;
  const people: Participant[] = [
    ...mentees.rows.map((r) => ({
      id: r.record.id,
      role: MENTEE_ROLE,
      email: r.record.email,
      fullName: r.record.fullName,
    })),
    ...mentors.rows.map((r) => ({
      id: r.record.id,
      role: MENTOR_ROLE,
      email: r.record.email,
      fullName: r.record.fullName,
    })),
  ].filter((p) => p.id !== "");
  const refs = (role: string): PersonRef[] => people.filter((p) => p.role === role);
  const q = (key: string) => intakeQuestions("preference").find((x) => x.key === key);
  const name = (key: string) => {
    const question = q(key);
    return question ? questionName(ctx.header, question) : key;
  };

  interface Slot {
    existing: { row: number; record: RecordOf<"preferences"> } | null;
    current: Partial<RecordOf<"preferences">>;
    lines: number[];
    applied: boolean;
    issues: string[];
  }
  const slots = new Map<string, Slot>();
  for (const { row, record } of prefs.rows) {
    const key = matchKey(record.participantId);
    if (key === "" || slots.has(key)) continue;
    slots.set(key, {
      existing: { row, record },
      current: { ...record },
      lines: [],
      applied: false,
      issues: [],
    });
  }
  const order: Slot[] = [];

  for (const { parsed, ts } of rows) {
    const a = parsed.answers;
    if (lacksConsent(a)) {
      out.withoutConsent++;
      out.rejected.push({ line: parsed.line, reason: consentRejection(ctx, "выбор") });
      continue;
    }
    const issues: string[] = [];
    const role = answerText(a, "role");
    const roleIssue = a.get("role")?.issue;
    if (roleIssue) issues.push(`Вопрос «${name("role")}»: ${roleIssue}`);
    const wanted = role === MENTOR_ROLE || role === MENTEE_ROLE ? role : null;
    const byRole = (list: Participant[]) =>
      wanted ? [...list.filter((p) => p.role === wanted), ...list.filter((p) => p.role !== wanted)] : list;
    let who: Participant | null = null;
    let failure = "";
    const givenId = answerText(a, "participantId");
    const email = answerText(a, "email").toLowerCase();
    const fullName = answerText(a, "fullName");
    if (givenId !== "") {
      who = people.find((p) => matchKey(p.id) === matchKey(givenId)) ?? null;
      if (!who)
        failure = `Вопрос «${name("participantId")}»: нет записи «${givenId}» ни в «${menteeNames}», ни в «${mentorNames}»`;
    } else if (email !== "") {
      const found = byRole(people.filter((p) => p.email !== "" && p.email.toLowerCase() === email));
      if (!wanted && new Set(found.map((p) => p.role)).size > 1) {
        failure = `Вопрос «${name("role")}»: адрес «${email}» есть и в «${menteeNames}», и в «${mentorNames}», а роль не указана`;
      } else who = found[0] ?? null;
      if (!who && !failure) {
        failure = `Вопрос «${name("email")}»: участника с адресом «${email}» нет ни в «${menteeNames}», ни в «${mentorNames}» — сначала загрузите его анкету`;
      }
    } else if (fullName !== "") {
      const found = byRole(people.filter((p) => matchKey(p.fullName) === matchKey(fullName)));
      const first = found[0];
      if (first && found.filter((p) => p.role === first.role).length === 1) who = first;
      else
        failure = `Вопрос «${name("fullName")}»: ${
          found.length > 1
            ? `несколько участников с ФИО «${fullName}»`
            : `участника «${fullName}» нет в базах`
        }, а адрес электронной почты не указан`;
    } else {
      failure = `нет ни адреса электронной почты, ни ФИО (вопросы «${name("email")}», «${name("fullName")}») — не понять, чей это выбор`;
    }
    if (!who) {
      out.rejected.push({ line: parsed.line, reason: failure });
      continue;
    }
    if (wanted && wanted !== who.role) {
      issues.push(
        `Вопрос «${name("role")}»: указано «${wanted}», но участник найден в «${who.role === MENTOR_ROLE ? mentorNames : menteeNames}» — выбор записан как для роли «${who.role}»`,
      );
    }
    const chooseMentors = who.role === MENTEE_ROLE;
    const prefix = chooseMentors ? "mentorChoice" : "menteeChoice";
    const candidates = refs(chooseMentors ? MENTOR_ROLE : MENTEE_ROLE);
    const otherBase = chooseMentors ? mentorNames : menteeNames;
    const choices: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const key = a.has(`${prefix}${i}`) ? `${prefix}${i}` : `choice${i}`;
      const label = answerText(a, key);
      if (label === "") continue;
      const r = resolvePersonChoice(label, candidates, otherBase);
      if (r.issue) issues.push(`Вопрос «${name(key)}»: ${r.issue}`);
      else if (r.id && choices.includes(r.id))
        issues.push(`Вопрос «${name(key)}»: ${r.id} уже выбран выше, повтор не учтён`);
      else if (r.id) choices.push(r.id);
    }
    const key = matchKey(who.id);
    let slot = slots.get(key);
    if (!slot) {
      slot = { existing: null, current: {}, lines: [], applied: false, issues: [] };
      slots.set(key, slot);
    }
    if (slot.lines.length === 0) order.push(slot);
    slot.lines.push(parsed.line);
    const stored = slot.existing?.record.submittedAt;
    if (!slot.applied && stored instanceof Date && seconds(ts) <= seconds(stored)) continue;
    slot.current = {
      ...slot.current,
      participantId: who.id,
      role: who.role,
      choice1: choices[0] ?? "",
      choice2: choices[1] ?? "",
      choice3: choices[2] ?? "",
      submittedAt: ts,
    };
    slot.applied = true;
    slot.issues = issues;
  }
  finishRecords(ctx, "preferences", prefs, order, "submittedAt", out);
  return out;
}

/**
 * Writes preference or feedback slots: new ones appended, changed ones written cell by cell
 * (the date of submission only when something else changed), and fills the outcome.
 */
function finishRecords<K extends "preferences" | "feedback">(
  ctx: Context,
  key: K,
  table: TableRead<K>,
  order: {
    existing: { row: number; record: RecordOf<K> } | null;
    current: Partial<RecordOf<K>>;
    lines: number[];
    applied: boolean;
    issues: string[];
  }[],
  dateKey: string,
  out: Outcome,
): void {
  const cells: CellWrite[] = [];
  const fresh: Partial<RecordOf<K>>[] = [];
  const freshIndex = new Map<number, number>();
  order.forEach((slot, i) => {
    out.duplicates += slot.lines.length - 1;
    if (!slot.existing) {
      freshIndex.set(i, fresh.length);
      fresh.push(slot.current);
      return;
    }
    if (!slot.applied) {
      out.unchanged++;
      return;
    }
    const { row, record } = slot.existing;
    const withoutDate = { ...slot.current } as Record<string, unknown>;
    delete withoutDate[dateKey];
    if (recordChanges(key, row, record, withoutDate as Partial<RecordOf<K>>, table.columns).length === 0) {
      out.unchanged++;
      return;
    }
    out.updated++;
    cells.push(...recordChanges(key, row, record, slot.current, table.columns));
  });
  if (cells.length > 0) {
    writeKeepingEdits(ctx.env, sheetDef(key as SheetKey).name, cells, "Загрузка ответов");
    out.wrote = true;
  }
  const ids = insertRecords(ctx.env, key, fresh, table);
  out.created = fresh.length;
  if (fresh.length > 0) out.wrote = true;
  order.forEach((slot, i) => {
    const fi = freshIndex.get(i);
    const id =
      fi !== undefined
        ? (ids[fi] ?? "")
        : cleanText((slot.existing?.record as { id?: string } | undefined)?.id);
    out.ids.push(id);
    if (slot.applied && slot.issues.length > 0) {
      out.needsReview++;
      out.held.push({
        line: Math.max(...slot.lines),
        id,
        status: "",
        reason: slot.issues.join("; "),
        reasons: slot.issues,
      });
    }
  });
}

// ---------------------------------------------------------------------------------------
// Feedback

function intakeFeedback(ctx: Context, rows: Row[]): Outcome {
  const out = emptyOutcome();
  const pairs = readRecords(ctx.env.workbook, "pairs");
  const feedback = readRecords(ctx.env.workbook, "feedback");
  const pairsName = sheetDef("pairs").name;
  const q = (key: string) => intakeQuestions("feedback").find((x) => x.key === key);
  const name = (key: string) => {
    const question = q(key);
    return question ? questionName(ctx.header, question) : key;
  };
  const slotKey = (pairId: string, who: string, stage: string) =>
    `${matchKey(pairId)}|${matchKey(who)}|${matchKey(stage)}`;

  interface Slot {
    existing: { row: number; record: RecordOf<"feedback"> } | null;
    current: Partial<RecordOf<"feedback">>;
    lines: number[];
    applied: boolean;
    issues: string[];
  }
  const slots = new Map<string, Slot>();
  for (const { row, record } of feedback.rows) {
    const key = slotKey(record.pairId, record.participantId || record.role, record.stage);
    if (!slots.has(key))
      slots.set(key, {
        existing: { row, record },
        current: { ...record },
        lines: [],
        applied: false,
        issues: [],
      });
  }
  const order: Slot[] = [];

  for (const { parsed, ts } of rows) {
    const a = parsed.answers;
    if (lacksConsent(a)) {
      out.withoutConsent++;
      out.rejected.push({ line: parsed.line, reason: consentRejection(ctx, "отзыв") });
      continue;
    }
    const pairText = answerText(a, "pairId");
    if (pairText === "") {
      out.rejected.push({ line: parsed.line, reason: `Вопрос «${name("pairId")}»: не указан номер пары` });
      continue;
    }
    const pair = pairs.rows.find((r) => matchKey(r.record.id) === matchKey(pairText))?.record;
    if (!pair) {
      out.rejected.push({
        line: parsed.line,
        reason: `Вопрос «${name("pairId")}»: пары «${pairText}» нет в листе «${pairsName}»`,
      });
      continue;
    }
    const issues: string[] = [];
    for (const [key, answer] of a) {
      if (answer.issue && key !== "consent") issues.push(`Вопрос «${name(key)}»: ${answer.issue}`);
    }
    let role = answerText(a, "role");
    const given = answerText(a, "participantId");
    let participantId = "";
    if (given !== "") {
      const side =
        matchKey(given) === matchKey(pair.mentorId)
          ? MENTOR_ROLE
          : matchKey(given) === matchKey(pair.menteeId)
            ? MENTEE_ROLE
            : null;
      if (!side) issues.push(`Вопрос «${name("participantId")}»: «${given}» не участник пары ${pair.id}`);
      else {
        participantId = side === MENTOR_ROLE ? pair.mentorId : pair.menteeId;
        if (role === "") role = side;
      }
    } else if (role === MENTOR_ROLE) participantId = pair.mentorId;
    else if (role === MENTEE_ROLE) participantId = pair.menteeId;
    if (role === "" && !a.get("role")?.issue)
      issues.push(`Вопрос «${name("role")}»: не указано, кто заполнил анкету — наставник или наставляемый`);
    const num = (key: string): number | null => {
      const v = a.get(key)?.value;
      return typeof v === "number" ? v : null;
    };
    const yes = (key: string): boolean | null => {
      const v = a.get(key)?.value;
      return typeof v === "boolean" ? v : null;
    };
    for (const question of formDef("feedback").questions) {
      if (!question.required || question.type === "consent" || question.key === "role") continue;
      const answer = a.get(question.key);
      if (!answer || (answer.blank && !answer.issue)) {
        issues.push(`Вопрос «${name(question.key)}»: нет ответа, а вопрос обязательный`);
      }
    }
    const stage = answerText(a, "stage");
    const key = slotKey(pair.id, participantId || role, stage);
    let slot = slots.get(key);
    if (!slot) {
      slot = { existing: null, current: {}, lines: [], applied: false, issues: [] };
      slots.set(key, slot);
    }
    if (slot.lines.length === 0) order.push(slot);
    slot.lines.push(parsed.line);
    const stored = slot.existing?.record.date;
    // «Дата» keeps only the day: a response of an earlier day never overwrites a later one.
    if (!slot.applied && stored && compareDays(dayOf(ts), stored) < 0) continue;
    slot.current = {
      ...slot.current,
      pairId: pair.id,
      participantId,
      role,
      stage,
      date: dayOf(ts),
      comfort: num("comfort"),
      usefulness: num("usefulness"),
      expectationsMet: num("expectationsMet"),
      wantsToContinue: yes("wantsToContinue") === true,
      wantsToMentor: yes("wantsToMentor") === true,
      comment: answerText(a, "comment"),
    };
    slot.applied = true;
    slot.issues = issues;
  }
  finishRecords(ctx, "feedback", feedback, order, "date", out);
  return out;
}

// ---------------------------------------------------------------------------------------
// Report

export function describeIntake(r: IntakeReport): string[] {
  const lines = [`${r.form}: ${r.where} → лист «${r.sheet}».`];
  lines.push(
    `Ответов: ${r.total}. Новых записей: ${r.created}, обновлено: ${r.updated}, без изменений: ${r.unchanged}` +
      (r.duplicates > 0 ? `, повторные ответы тех же людей: ${r.duplicates}` : "") +
      `, не загружено: ${r.rejected.length}.`,
  );
  if (isPersonKind(r.kind))
    lines.push(`Требуют проверки: ${r.needsReview}, без согласия: ${r.withoutConsent}.`);
  else
    lines.push(
      `Сохранены с замечаниями: ${r.needsReview}, не загружены из-за отсутствия согласия: ${r.withoutConsent}.`,
    );
  if (r.ignoredColumns.length > 0)
    lines.push(
      `Не загружаются столбцы: ${r.ignoredColumns.map((c) => `«${c}»`).join(", ")}. ` +
        `Если они нужны, переименуйте их как вопросы анкеты или заголовки листа «${r.sheet}».`,
    );
  if (r.notStored.length > 0)
    lines.push(
      `Минимальный режим персональных данных: ответы в столбцах ${r.notStored.map((c) => `«${c}»`).join(", ")} не сохранены в базе ` +
        "(дата рождения заменена возрастной группой); они остаются только в исходной таблице.",
    );
  lines.push(...r.warnings);
  if (r.rejected.length > 0) {
    lines.push("Не загружены (ответы остаются в исходной таблице):");
    for (const x of r.rejected) lines.push(`  ${atLine(r.where, x.line, x.reason)}`);
    lines.push("Исправьте эти ответы и загрузите таблицу ещё раз: уже загруженные не задвоятся.");
  }
  if (r.held.length > 0) {
    lines.push(
      isPersonKind(r.kind)
        ? `Сохранены, но требуют внимания (лист «${r.sheet}», столбец «Что проверить»):`
        : "Сохранены с замечаниями:",
    );
    for (const h of r.held) {
      const tag = h.status ? ` [${h.id}, «${h.status}»]` : ` [${h.id}]`;
      for (const reason of h.reasons) lines.push(`  ${atLine(r.where, h.line, reason)}${tag}`);
    }
    lines.push(
      isPersonKind(r.kind)
        ? `Проверьте и исправьте эти записи в листе «${r.sheet}», затем поменяйте их статус.`
        : `Проверьте эти строки в листе «${r.sheet}» и исправьте их.`,
    );
  }
  return lines;
}

// ---------------------------------------------------------------------------------------
// Withdrawal of consent: erased everywhere the data was copied (src/app/withdraw.ts).

export { type MentioningDocument, type WithdrawalResult, withdrawPerson } from "./withdraw";
