// The Apps Script entry module. Its exports — and nothing else — become top-level
// functions of dist/Code.js: the menu callbacks, the simple triggers and the server side of
// the sidebar contract (src/app/contract.ts). All logic lives in the modules it calls.

import { plain, type RoadmapImportResponse, type ServerApi, type SetupResult } from "../app/contract";
import { UserError } from "../app/errors";
import { formKindOfSheet, recordIntakeRun, syncForms } from "../app/forms";
import { describeIntake, type IntakeReport, intakeResponses, withdrawPerson } from "../app/intake";
import { checkProposalRequest, proposePairs } from "../app/matching";
import { buildOverview, type Overview } from "../app/overview";
import { confirmPairs, type PairDecision } from "../app/pairs";
import {
  describeProgress,
  type ImportMode,
  importRoadmap,
  refreshRoadmap,
  templateDrafts,
} from "../app/roadmap";
import { describeSetup, setupWorkbook } from "../app/setup";
import { FORM_KINDS, type FormKind } from "../domain/forms";
import { importRoadmapDocument, type RoadmapImport } from "../domain/roadmap/import";
import { ROADMAP_TEMPLATES, roadmapTemplate } from "../domain/roadmap/templates";
import { sidebarArgs } from "./args";
import { type DocsServiceLike, readGoogleDoc } from "./docs";
import { gasEnv, gasForms, gasTriggers } from "./env";
import type { SheetsFormSubmitEventLike } from "./forms-surface";
import { guarded } from "./guarded";
import { protectAfterSetup } from "./protection";
import { runDaily } from "./reminders-run";

// The sidebar sections «Документы» and «Рассылки» have their server functions in their own modules.
export * from "./api-documents";
export * from "./api-monitoring";
export * from "./api-privacy";
export * from "./api-reminders";
export * from "./region";

import { FORM_SUBMIT_HANDLER, MENU_ITEMS, MENU_TITLE } from "./menu";

const SIDEBAR_FILE = "Sidebar";
const SIDEBAR_TITLE = "Наставничество";

/** Simple trigger: adds the menu when the spreadsheet opens, then brings roadmap deadlines up to date. */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) menu.addItem(item.label, item.fn);
  menu.addToUi();
  // Without authorisation (an add-on not yet enabled in this file) the sheet cannot be touched.
  if (e && String(e.authMode) === "NONE") return;
  try {
    refreshRoadmap(gasEnv());
  } catch {
    // Opening the file must never fail: the daily run and «Обновить сроки» report problems.
  }
}

/** Runs when the add-on is installed from the Marketplace: same as opening. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function menuOpenSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function menuSetupWorkbook(): void {
  const ui = SpreadsheetApp.getUi();
  try {
    const result = apiSetupWorkbook();
    ui.alert("Настройка книги", result.lines.join("\n"), ui.ButtonSet.OK);
  } catch (error) {
    ui.alert(
      "Настройка книги не выполнена",
      error instanceof Error ? error.message : String(error),
      ui.ButtonSet.OK,
    );
  }
}

export function menuRefreshRoadmap(): void {
  const ui = SpreadsheetApp.getUi();
  try {
    const response = apiRefreshRoadmap();
    const lines = describeProgress(response.refresh.progress);
    ui.alert(
      "Дорожная карта",
      [`Обновлено ячеек: ${response.refresh.changedCells}.`, ...lines].join("\n"),
      ui.ButtonSet.OK,
    );
  } catch (error) {
    ui.alert(
      "Дорожная карта не обновлена",
      error instanceof Error ? error.message : String(error),
      ui.ButtonSet.OK,
    );
  }
}

export function menuSyncForms(): void {
  const ui = SpreadsheetApp.getUi();
  try {
    const response = apiSyncForms();
    const lines = [...response.report.lines];
    if (response.triggerInstalled) lines.push("Ответы будут загружаться в базы сами, как только их пришлют.");
    ui.alert("Анкеты", lines.join("\n"), ui.ButtonSet.OK);
  } catch (error) {
    ui.alert("Анкеты не созданы", error instanceof Error ? error.message : String(error), ui.ButtonSet.OK);
  }
}

/**
 * The daily run (installable time-driven trigger): roadmap deadlines, meeting figures, then the
 * day's reminders; each step guarded and logged, one failing step does not stop the others.
 */
export function dailyRun(): void {
  runDaily();
}

function checkMode(mode: unknown): ImportMode | undefined {
  if (mode === null || mode === undefined || mode === "") return undefined;
  if (mode === "replace" || mode === "append") return mode;
  throw new UserError("Неизвестный способ загрузки: выберите «заменить» или «добавить».");
}

function runImport(
  action: string,
  source: (year: number) => RoadmapImport,
  mode: unknown,
): RoadmapImportResponse {
  return guarded(action, () => {
    const env = gasEnv();
    const result = importRoadmap(env, source, { mode: checkMode(mode) });
    return plain({ result, overview: buildOverview(env.workbook) });
  });
}

export const apiLoadRoadmapTemplate: ServerApi["apiLoadRoadmapTemplate"] = (...raw) => {
  const [key, mode] = sidebarArgs(...raw);
  const template = typeof key === "string" ? roadmapTemplate(key) : undefined;
  if (!template) {
    throw new Error(
      `Нет такого шаблона. Доступны: ${ROADMAP_TEMPLATES.map((t) => `«${t.title}»`).join(", ")}.`,
    );
  }
  return runImport("Шаблон дорожной карты", (year) => templateDrafts(template, year), mode);
};

export const apiImportRoadmapFromDoc: ServerApi["apiImportRoadmapFromDoc"] = (...raw) => {
  const [url, mode] = sidebarArgs(...raw);
  if (typeof url !== "string" || url.trim() === "" || url.length > 2000) {
    throw new Error("Вставьте ссылку на Google Документ с дорожной картой.");
  }
  const docs: DocsServiceLike | undefined =
    typeof Docs === "undefined" ? undefined : (Docs as unknown as DocsServiceLike);
  return guarded("Импорт дорожной карты", () => {
    const source = readGoogleDoc(docs, url);
    const env = gasEnv();
    const result = importRoadmap(env, (year) => importRoadmapDocument(source, year), {
      mode: checkMode(mode),
    });
    return plain({ result, overview: buildOverview(env.workbook) });
  });
};

export const apiRefreshRoadmap: ServerApi["apiRefreshRoadmap"] = () =>
  guarded("Обновить сроки дорожной карты", () => {
    const env = gasEnv();
    const refresh = refreshRoadmap(env);
    return plain({ refresh, overview: buildOverview(env.workbook) });
  });

function intakeSheet(
  env: ReturnType<typeof gasEnv>,
  sheet: string,
  kind: FormKind,
  origin: "form" | "file",
): IntakeReport {
  const values = env.workbook.read(sheet);
  if (values === null) throw new UserError(`В книге нет листа «${sheet}».`);
  const report = intakeResponses(env, kind, { name: sheet, values }, { origin });
  recordIntakeRun(env, kind, { ...report, rejected: report.rejected.length });
  return report;
}

/**
 * Installable trigger: a form linked to this workbook got a submission. The whole responses
 * sheet is taken in (one read): already loaded answers change nothing, and a submission whose
 * trigger was lost earlier is caught up now.
 */
export function onFormSubmitHandler(e?: SheetsFormSubmitEventLike): void {
  guarded("Загрузка ответов анкеты", () => {
    const env = gasEnv();
    const sheet = e?.range?.getSheet().getName();
    if (!sheet) throw new UserError("Триггер анкеты вызван без данных об ответе.");
    const kind = formKindOfSheet(env.workbook, sheet);
    // Another form linked to this workbook, not one of ours: nothing to do.
    if (!kind) return;
    intakeSheet(env, sheet, kind, "form");
  });
}

export const apiSyncForms: ServerApi["apiSyncForms"] = () =>
  guarded("Создать / обновить анкеты", () => {
    const env = gasEnv();
    const report = syncForms(env, gasForms());
    const triggerInstalled = gasTriggers().ensure(FORM_SUBMIT_HANDLER, "formSubmit");
    return plain({ report, triggerInstalled, overview: buildOverview(env.workbook) });
  });

export const apiImportResponsesFromSheet: ServerApi["apiImportResponsesFromSheet"] = (...raw) => {
  const [sheet, kind] = sidebarArgs(...raw);
  if (typeof sheet !== "string" || sheet.trim() === "" || sheet.length > 200)
    throw new Error("Выберите лист с ответами.");
  if (typeof kind !== "string" || !(FORM_KINDS as readonly string[]).includes(kind)) {
    throw new Error("Выберите, какой анкете принадлежат ответы.");
  }
  return guarded("Загрузить ответы", () => {
    const env = gasEnv();
    const report = intakeSheet(env, sheet, kind as FormKind, "file");
    return plain({ report, lines: describeIntake(report), overview: buildOverview(env.workbook) });
  });
};

export const apiWithdrawPerson: ServerApi["apiWithdrawPerson"] = (...raw) => {
  const [id, reason] = sidebarArgs(...raw);
  if (typeof id !== "string" || !/^(НР|НЯ)-\d{1,6}$/i.test(id.trim())) {
    throw new Error("Укажите ID наставника (НР-…) или наставляемого (НЯ-…).");
  }
  const why = typeof reason === "string" ? reason.slice(0, 500) : "";
  return guarded("Отзыв согласия", () => {
    const env = gasEnv();
    const result = withdrawPerson(env, id.trim().toUpperCase(), why);
    return plain({ result, overview: buildOverview(env.workbook) });
  });
};

export const apiProposePairs: ServerApi["apiProposePairs"] = (...raw) => {
  const [request] = sidebarArgs(...raw);
  const checked = checkProposalRequest(request);
  return guarded("Подбор пар", () => plain(proposePairs(gasEnv(), checked)));
};

function checkDecisions(input: unknown): PairDecision[] {
  if (!Array.isArray(input) || input.length > 20000) throw new Error("Неверный список принятых пар.");
  return input.map((d) => {
    const o = (d ?? {}) as Record<string, unknown>;
    if (typeof o.menteeId !== "string" || typeof o.mentorId !== "string")
      throw new Error("Неверная пара в списке принятых.");
    return {
      menteeId: o.menteeId,
      mentorId: o.mentorId,
      score: typeof o.score === "number" && Number.isFinite(o.score) ? o.score : null,
      reasons: typeof o.reasons === "string" ? o.reasons.slice(0, 2000) : "",
      form: typeof o.form === "string" ? o.form.slice(0, 100) : "",
      locked: o.locked === true,
    };
  });
}

export const apiConfirmPairs: ServerApi["apiConfirmPairs"] = (...raw) => {
  const [accepted, rejected] = sidebarArgs(...raw);
  const decisions = checkDecisions(accepted);
  const refusals = checkDecisions(
    (Array.isArray(rejected) ? rejected : []).map((r) => ({ ...(r as object), reasons: "", form: "" })),
  ).map((d) => ({ menteeId: d.menteeId, mentorId: d.mentorId }));
  return guarded("Утвердить пары", () => {
    const env = gasEnv();
    const result = confirmPairs(env, decisions, refusals);
    return plain({ result, overview: buildOverview(env.workbook) });
  });
};

export const apiGetOverview: ServerApi["apiGetOverview"] = (): Overview =>
  guarded("Обзор книги", () => plain(buildOverview(gasEnv().workbook)));

export const apiSetupWorkbook: ServerApi["apiSetupWorkbook"] = (): SetupResult =>
  guarded("Настроить книгу", () => {
    const env = gasEnv();
    const report = setupWorkbook(env);
    // Then the sheets with personal data are protected and the sharing of the file checked.
    const lines = [...describeSetup(report), ...protectAfterSetup(env.workbook.read("Настройки"))];
    return plain({ report, lines, overview: buildOverview(env.workbook) });
  });
