// Server functions of the sidebar section «Документы» (see src/app/contract-documents.ts).
// Every export here becomes a top-level Apps Script function through src/gas/main.ts.

import { plain } from "../app/contract";
import type { DocumentsApi, DocumentsResponse, DocumentsView } from "../app/contract-documents";
import {
  checkGenerateRequest,
  continueDocumentsJob,
  documentCandidates,
  documentsState,
  type GenerateRequest,
  type GenerateResult,
  generateDocuments,
} from "../app/documents";
import { buildOverview } from "../app/overview";
import type { Env } from "../app/ports";
import { readSettings } from "../app/settings";
import { KINDS } from "../domain/docs/kinds";
import { DOC_KINDS, type DocKind } from "../domain/docs/model";
import { sidebarArgs } from "./args";
import { gasDocuments, gasEnv } from "./env";
import { guarded } from "./guarded";

// Not exported: every export of this module becomes a top-level Apps Script function.

/** Time one call may spend creating documents: Apps Script stops an execution at 6 minutes. */
const DOCUMENTS_BUDGET_MS = 240_000;
/**
 * A document property (under the add-on's prefix) that shortens the budget, so that tests can
 * see a job continue; it can never lengthen it.
 */
const DOCUMENTS_BUDGET_KEY = "documentsBudgetMs";

/** Pairs «П-0001», groups «Г-НР-0001», mentors «НР-0001», mentees «НЯ-0001». */
const ID = /^(П|Г|НР|НЯ)-[0-9A-Za-zА-ЯЁа-яё-]{1,20}$/;
const MAX_IDS = 5000;

function budget(env: Env): number {
  const raw = env.meta.get(DOCUMENTS_BUDGET_KEY);
  const n = raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n > 0 && n < DOCUMENTS_BUDGET_MS ? n : DOCUMENTS_BUDGET_MS;
}

function checkKind(kind: unknown): DocKind {
  if (typeof kind === "string" && (DOC_KINDS as readonly string[]).includes(kind)) return kind as DocKind;
  throw new Error(`Выберите вид документа: ${DOC_KINDS.map((k) => `«${KINDS[k].title}»`).join(", ")}.`);
}

/** The sidebar's request, checked field by field before anything is read or written. */
function checkRequest(input: unknown): GenerateRequest {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw new Error("Неверный запрос на создание документов.");
  const o = input as Record<string, unknown>;
  const kind = checkKind(o.kind);
  if (!Array.isArray(o.ids) || o.ids.length > MAX_IDS)
    throw new Error(`Неверный список: отметьте от 0 до ${MAX_IDS} строк.`);
  for (const id of o.ids) {
    if (typeof id !== "string" || !ID.test(id.trim()))
      throw new Error(
        `Неверный ID в списке: «${String(id).slice(0, 40)}». Нажмите «Показать список» и отметьте строки заново.`,
      );
  }
  if (o.date !== null && o.date !== undefined && o.date !== "") {
    if (typeof o.date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(o.date))
      throw new Error("Дата документа должна быть в виде ГГГГ-ММ-ДД.");
  }
  if (o.newRevision !== undefined && typeof o.newRevision !== "boolean")
    throw new Error("Неверный признак новой редакции.");
  if (o.pdf !== undefined && o.pdf !== null && typeof o.pdf !== "boolean")
    throw new Error("Неверный признак «Также PDF».");
  // The use case checks the rest (its own rules of what a request may hold).
  return checkGenerateRequest({
    kind,
    ids: o.ids.map((id: string) => id.trim()),
    date: typeof o.date === "string" && o.date !== "" ? o.date : null,
    newRevision: o.newRevision === true,
    pdf: typeof o.pdf === "boolean" ? o.pdf : null,
  });
}

function view(env: Env): DocumentsView {
  const exportPdf = readSettings(env.workbook.read("Настройки")).values.exportPdf === true;
  return { ...documentsState(env), exportPdf };
}

function respond(env: Env, result: GenerateResult): DocumentsResponse {
  return plain({ result, state: view(env), overview: buildOverview(env.workbook) });
}

export const apiDocumentsState: DocumentsApi["apiDocumentsState"] = () =>
  guarded("Документы", () => plain(view(gasEnv())));

export const apiDocumentCandidates: DocumentsApi["apiDocumentCandidates"] = (...raw) => {
  const [kind] = sidebarArgs(...raw);
  const checked = checkKind(kind);
  return guarded("Список для документа", () => plain(documentCandidates(gasEnv(), checked)));
};

export const apiGenerateDocuments: DocumentsApi["apiGenerateDocuments"] = (...raw) => {
  const [request] = sidebarArgs(...raw);
  const checked = checkRequest(request);
  return guarded(`Создать: ${KINDS[checked.kind].title}`, () => {
    const env = gasEnv();
    const result = generateDocuments(env, gasDocuments(), checked, { budgetMs: budget(env) });
    return respond(env, result);
  });
};

export const apiContinueDocuments: DocumentsApi["apiContinueDocuments"] = () =>
  guarded("Продолжить создание документов", () => {
    const env = gasEnv();
    const result = continueDocumentsJob(env, gasDocuments(), { budgetMs: budget(env) });
    return respond(env, result);
  });
