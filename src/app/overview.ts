// The state of the workbook for the sidebar and the command line: what is set up,
// how many records each base holds, and what the curator should do next.

import { isEmptyCell } from "../domain/cells";
import { cleanText, matchKey } from "../domain/normalize";
import { ROADMAP_TEMPLATES } from "../domain/roadmap/templates";
import type { RoadmapProgress } from "../domain/roadmap/track";
import { SHEETS, type SheetKey } from "../domain/schema";
import { mapColumns, SchemaError } from "../domain/table";
import { type FormState, readFormStates } from "./forms";
import type { WorkbookPort } from "./ports";
import { readRoadmapProgress } from "./roadmap";
import { readSettings } from "./settings";

export interface SheetState {
  key: SheetKey;
  name: string;
  purpose: string;
  present: boolean;
  /** Records in the sheet; only record sheets are counted (see `counted`). */
  rows: number;
  counted: boolean;
  /** Count per value of the «Статус» column, when the sheet has one. */
  byStatus: Record<string, number>;
  /** A Russian problem that stops the sheet from being read, if any. */
  problem?: string;
}

export interface Overview {
  organisation: string;
  setUp: boolean;
  sheets: SheetState[];
  missingSettings: string[];
  nextSteps: string[];
  /** Progress of «Дорожная карта» today; null when it cannot be read. */
  roadmap: RoadmapProgress | null;
  /** Default roadmaps the curator can load. */
  roadmapTemplates: { key: string; title: string; description: string; items: number }[];
  /** Questionnaires created for this workbook, with their links and last intake. */
  forms: FormState[];
  /** Sheets that are not part of the schema (candidates for «Загрузить ответы из листа»). */
  otherSheets: string[];
}

function countStatuses(
  values: readonly (readonly unknown[])[],
  statusCol: number | undefined,
): Record<string, number> {
  const out: Record<string, number> = {};
  if (statusCol === undefined) return out;
  for (const row of values.slice(1)) {
    const s = cleanText(row[statusCol]) || "без статуса";
    out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}

export function buildOverview(workbook: WorkbookPort, today: Date = new Date()): Overview {
  const names = workbook.sheetNames();
  const sheets: SheetState[] = [];
  let settingsValues: ReturnType<typeof workbook.read> = null;
  for (const def of SHEETS) {
    const name = names.find((n) => matchKey(n) === matchKey(def.name));
    const state: SheetState = {
      key: def.key,
      name: def.name,
      purpose: def.purpose,
      present: !!name,
      rows: 0,
      counted: def.kind === "records",
      byStatus: {},
    };
    // Only bases and settings are read: logs grow without end, lists are not news.
    if (name && (def.kind === "records" || def.kind === "settings")) {
      const values = (workbook.read(name) ?? []).filter((r, i) => i === 0 || r.some((c) => !isEmptyCell(c)));
      if (def.key === "settings") settingsValues = values;
      state.rows = Math.max(0, values.length - 1);
      if (values.length > 0) {
        const map = mapColumns(def.columns, values[0] ?? []);
        const missing = map.missing.filter((c) => c.required);
        if (missing.length > 0) {
          state.problem = `нет столбца ${missing.map((c) => `«${c.header}»`).join(", ")}`;
        }
        state.byStatus = countStatuses(values, map.index.get("status"));
      }
    }
    sheets.push(state);
  }
  const setUp = sheets.every((s) => s.present);
  let missingSettings: string[] = [];
  let organisation = "";
  try {
    const settings = readSettings(settingsValues);
    missingSettings = settingsValues ? settings.missing : [];
    organisation = cleanText(settings.values.orgShortName) || cleanText(settings.values.orgFullName);
  } catch (e) {
    if (!(e instanceof SchemaError)) throw e;
    missingSettings = [e.message];
  }
  const count = (key: SheetKey) => sheets.find((s) => s.key === key)?.rows ?? 0;
  const nextSteps: string[] = [];
  if (!setUp) nextSteps.push("Запустите «Настроить книгу»: не хватает листов.");
  for (const s of sheets) if (s.problem) nextSteps.push(`Лист «${s.name}»: ${s.problem}.`);
  if (setUp && missingSettings.length > 0) {
    nextSteps.push(`Заполните в «Настройки»: ${missingSettings.join(", ")}.`);
  }
  if (setUp && count("team") === 0)
    nextSteps.push("Внесите куратора и рабочую группу в «Команда» — им будут приходить напоминания.");
  if (setUp && count("roadmap") === 0)
    nextSteps.push("Загрузите дорожную карту: шаблон или таблицу вашей организации.");
  if (setUp && count("mentees") === 0) nextSteps.push("Соберите анкеты наставляемых.");
  if (setUp && count("mentors") === 0) nextSteps.push("Соберите анкеты наставников.");
  if (setUp && count("mentees") > 0 && count("mentors") > 0 && count("pairs") === 0) {
    nextSteps.push("Подберите пары на вкладке «Подбор пар».");
  }
  const roadmap = sheets.find((s) => s.key === "roadmap")?.present
    ? readRoadmapProgress(workbook, today)
    : null;
  if (roadmap && roadmap.overdue > 0)
    nextSteps.unshift(`Просрочено мероприятий дорожной карты: ${roadmap.overdue}.`);
  const roadmapTemplates = ROADMAP_TEMPLATES.map((t) => ({
    key: t.key,
    title: t.title,
    description: t.description,
    items: t.items.length,
  }));
  const forms = sheets.find((s) => s.key === "forms")?.present ? readFormStates(workbook) : [];
  const known = new Set(SHEETS.map((d) => matchKey(d.name)));
  const otherSheets = names.filter((n) => !known.has(matchKey(n)));
  if (setUp && forms.length === 0)
    nextSteps.push("Создайте анкеты кнопкой «Создать / обновить анкеты» и разошлите ссылки.");
  return {
    organisation,
    setUp,
    sheets,
    missingSettings,
    nextSteps,
    roadmap,
    roadmapTemplates,
    forms,
    otherSheets,
  };
}
