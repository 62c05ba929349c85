// Use case «Создать / обновить анкеты»: builds every questionnaire from its definition, the
// texts in «Настройки» and the current bases, creates or updates the Google Forms, and keeps
// the register in «Анкеты» and the links in «Настройки».

import {
  FORM_NAMES,
  FORMS,
  type FormDef,
  type FormKind,
  formDef,
  formQuestions,
  personChoice,
  type QuestionDef,
  staticChoices,
} from "../domain/forms";
import { cleanText } from "../domain/normalize";
import { listValues, type SettingKey } from "../domain/schema";
import type { RecordOf } from "../domain/table";
import { writeJournal } from "./journal";
import type { Env, FormQuestionSpec, FormSpec, FormSyncResult, FormsPort, WorkbookPort } from "./ports";
import { insertRecords, readRecords } from "./records";
import { readSettings, type SettingsValues, writeSettings } from "./settings";

const URL_SETTING: Record<FormKind, SettingKey> = {
  mentee: "formUrlMentee",
  mentor: "formUrlMentor",
  preference: "formUrlPreference",
  feedback: "formUrlFeedback",
};

/** People who may be chosen after the group meeting: consent given, not withdrawn or gone. */
function choosable<K extends "mentors" | "mentees">(workbook: WorkbookPort, base: K): string[] {
  const closed = new Set(["Нет согласия", "Согласие отозвано", "Выбыл", "Не отобран", "Завершил программу"]);
  return readRecords(workbook, base)
    .rows.map((r) => r.record as RecordOf<"mentors"> | RecordOf<"mentees">)
    .filter((p) => p.consent && !closed.has(p.status) && p.fullName.trim() !== "")
    .map((p) => personChoice(p.fullName, p.id))
    .sort((a, b) => a.localeCompare(b, "ru"));
}

function questionSpec(
  q: QuestionDef,
  settings: SettingsValues,
  people: (base: "mentors" | "mentees") => string[],
): FormQuestionSpec {
  const choices = q.choices?.kind === "people" ? people(q.choices.base) : [...staticChoices(q)];
  const help = q.helpSetting ? cleanText(settings[q.helpSetting]) : (q.help ?? "");
  return {
    key: q.key,
    title: q.title,
    help,
    type: q.type,
    required: q.required,
    choices,
    other: q.other === true,
    ...(q.min !== undefined ? { min: q.min } : {}),
    ...(q.max !== undefined ? { max: q.max } : {}),
    ...(q.page ? { page: q.page } : {}),
  };
}

/**
 * The spec of one form: its definition with today's texts and bases. `had`: keys of the items
 * the form already has — in minimal mode of personal data an item no longer asked is kept (not
 * required, «Не заполняйте»), since a Google Form never loses an item (see formQuestions).
 */
export function buildFormSpec(
  def: FormDef,
  settings: SettingsValues,
  workbook: WorkbookPort,
  had: ReadonlySet<string> = new Set(),
): FormSpec {
  const cache = new Map<string, string[]>();
  const people = (base: "mentors" | "mentees") => {
    const hit = cache.get(base);
    if (hit) return hit;
    const list = choosable(workbook, base);
    cache.set(base, list);
    return list;
  };
  return {
    kind: def.kind,
    title: cleanText(settings[def.titleSetting]) || FORM_NAMES[def.kind],
    description: String(settings[def.descriptionSetting] ?? "").trim(),
    questions: formQuestions(def, { minimal: settings.minimalMode === true, had }).map((q) =>
      questionSpec(q, settings, people),
    ),
  };
}

export interface FormsSyncReport {
  forms: {
    kind: FormKind;
    name: string;
    title: string;
    publishedUrl: string;
    editUrl: string;
    responsesSheet: string;
    created: boolean;
    added: number;
    updated: number;
    foreignItems: string[];
  }[];
  lines: string[];
}

const itemsKey = (kind: FormKind) => `forms:items:${kind}`;

/**
 * Keys of the items a form has: remembered at each sync; a form made before they were remembered
 * was built from the whole definition (apart from the questions of minimal mode).
 */
function formItems(env: Env, kind: FormKind, exists: boolean): Set<string> {
  if (!exists) return new Set();
  const text = env.meta.get(itemsKey(kind));
  if (text) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed)) return new Set(parsed.filter((k): k is string => typeof k === "string"));
    } catch {
      // fall through: rebuilt from the definition
    }
  }
  return new Set(formQuestions(formDef(kind), { minimal: false }).map((q) => q.key));
}

/** Creates or updates the forms (all, or the given kinds), in one pass each. */
export function syncForms(
  env: Env,
  forms: FormsPort,
  kinds: readonly FormKind[] = FORMS.map((f) => f.kind),
): FormsSyncReport {
  return env.lock.withLock(() => {
    const settings = readSettings(env.workbook.read("Настройки")).values;
    const register = readRecords(env.workbook, "forms");
    const byKind = new Map(register.rows.map((r) => [r.record.formKind, r]));
    const report: FormsSyncReport = { forms: [], lines: [] };
    const cellWrites: { row: number; col: number; value: string | Date }[] = [];
    const newRows: Partial<RecordOf<"forms">>[] = [];
    const urls: Partial<SettingsValues> = {};
    const now = env.clock.now();
    for (const kind of kinds) {
      const def = formDef(kind);
      const existing = byKind.get(kind);
      const had = formItems(env, kind, Boolean(existing?.record.formId));
      const spec = buildFormSpec(def, settings, env.workbook, had);
      const result: FormSyncResult = forms.sync(spec, existing?.record.formId || null);
      const items = [...new Set([...(result.created ? [] : had), ...spec.questions.map((q) => q.key)])];
      if (JSON.stringify(items) !== JSON.stringify([...had]))
        env.meta.set(itemsKey(kind), JSON.stringify(items));
      const entry = {
        kind,
        name: FORM_NAMES[kind],
        title: spec.title,
        publishedUrl: result.publishedUrl,
        editUrl: result.editUrl,
        responsesSheet: result.responsesSheet,
        created: result.created,
        added: result.added.length,
        updated: result.updated.length,
        foreignItems: result.foreignItems,
      };
      report.forms.push(entry);
      urls[URL_SETTING[kind]] = result.publishedUrl;
      const record: Partial<RecordOf<"forms">> = {
        formKind: kind,
        title: spec.title,
        publishedUrl: result.publishedUrl,
        editUrl: result.editUrl,
        formId: result.formId,
        responsesSheet: result.responsesSheet,
        updatedAt: now,
      };
      if (existing) {
        const index = register.columns.index;
        for (const [key, value] of Object.entries(record)) {
          const col = index.get(key);
          const before = (existing.record as Record<string, unknown>)[key];
          if (col === undefined || value === undefined) continue;
          const same = value instanceof Date ? false : before === value;
          if (!same) cellWrites.push({ row: existing.row, col: col + 1, value: value as string | Date });
        }
      } else {
        newRows.push(record);
      }
      const what = result.created
        ? "создана"
        : result.added.length + result.updated.length > 0
          ? `обновлена (добавлено вопросов: ${result.added.length}, изменено: ${result.updated.length})`
          : "без изменений";
      report.lines.push(`«${spec.title}» — ${what}: ${result.publishedUrl}`);
      if (result.foreignItems.length > 0) {
        report.lines.push(
          `  В форме есть вопросы, которых нет в описании анкеты (оставлены как есть, ответы на них не переносятся): ${result.foreignItems.map((t) => `«${t}»`).join(", ")}.`,
        );
      }
    }
    if (cellWrites.length > 0) env.workbook.write("Анкеты", cellWrites);
    if (newRows.length > 0) insertRecords(env, "forms", newRows, register);
    writeSettings(env.workbook, urls);
    writeJournal(env, [
      { action: "Создать / обновить анкеты", outcome: "успешно", details: report.lines.join("\n") },
    ]);
    return report;
  });
}

/** Personal link to the feedback form with the pair, role and stage filled in. */
export function feedbackLink(
  forms: FormsPort,
  formId: string,
  pairId: string,
  role: "Наставник" | "Наставляемый",
  stage: string,
): string {
  if (!listValues("feedbackStages").includes(stage))
    throw new Error(`Неизвестный этап обратной связи «${stage}»`);
  return forms.prefilledUrl(formId, { pairId, role, stage });
}

/** Which form writes into this responses sheet, by the register in «Анкеты». */
export function formKindOfSheet(workbook: WorkbookPort, sheet: string): FormKind | null {
  const register = readRecords(workbook, "forms");
  const row = register.rows.find((r) => r.record.responsesSheet === sheet);
  const kind = row?.record.formKind;
  return FORMS.some((f) => f.kind === kind) ? (kind as FormKind) : null;
}

/** Notes the last intake of a form in «Анкеты» (time and counts), for the sidebar. */
export function recordIntakeRun(
  env: Pick<Env, "workbook" | "clock">,
  kind: FormKind,
  summary: {
    created: number;
    updated: number;
    needsReview: number;
    withoutConsent: number;
    rejected: number;
  },
): void {
  const register = readRecords(env.workbook, "forms");
  const row = register.rows.find((r) => r.record.formKind === kind);
  if (!row) return;
  const text =
    `новых ${summary.created}, обновлено ${summary.updated}, на проверке ${summary.needsReview}, ` +
    `без согласия ${summary.withoutConsent}${summary.rejected ? `, не загружено ${summary.rejected}` : ""}`;
  const cells = [
    { key: "lastIntake", value: env.clock.now() as string | Date },
    { key: "intakeSummary", value: text },
  ].flatMap(({ key, value }) => {
    const col = register.columns.index.get(key);
    return col === undefined ? [] : [{ row: row.row, col: col + 1, value }];
  });
  if (cells.length > 0) env.workbook.write("Анкеты", cells);
}

export interface FormState {
  kind: FormKind;
  name: string;
  title: string;
  publishedUrl: string;
  responsesSheet: string;
  lastIntake: string | null;
  intakeSummary: string;
}

/** The forms of the register, for the overview (plain JSON). */
export function readFormStates(workbook: WorkbookPort): FormState[] {
  try {
    return readRecords(workbook, "forms")
      .rows.filter((r) => FORMS.some((f) => f.kind === r.record.formKind))
      .map((r) => ({
        kind: r.record.formKind as FormKind,
        name: FORM_NAMES[r.record.formKind as FormKind],
        title: r.record.title,
        publishedUrl: r.record.publishedUrl,
        responsesSheet: r.record.responsesSheet,
        lastIntake: r.record.lastIntake ? r.record.lastIntake.toISOString() : null,
        intakeSummary: r.record.intakeSummary,
      }));
  } catch {
    return [];
  }
}
