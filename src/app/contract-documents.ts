// The part of the sidebar contract that serves «Документы». Plain JSON only.

import type { DocKind } from "../domain/docs/model";
import type { DocCandidate, DocumentsState, GenerateRequest, GenerateResult } from "./documents";
import type { Overview } from "./overview";

export interface CandidatesView {
  kind: DocKind;
  candidates: DocCandidate[];
  /** Counts and notes as Russian lines, ready to show. */
  lines: string[];
}

/** What the section shows: the use case's state and whether «Также PDF» is on in «Настройки». */
export interface DocumentsView extends DocumentsState {
  exportPdf: boolean;
}

export interface DocumentsResponse {
  result: GenerateResult;
  /** The section after the run: recent documents, the next order number, the job left. */
  state: DocumentsView;
  overview: Overview;
}

/** Server functions of «Документы». */
export interface DocumentsApi {
  /** Kinds with their templates, the next order number, a job left unfinished, recent documents. */
  apiDocumentsState(): DocumentsView;
  /** Whom a document of this kind may be about; the default choice is preselected. Writes nothing. */
  apiDocumentCandidates(kind: DocKind): CandidatesView;
  /** Creates the document(s); the same set again returns the registered one unless `newRevision`. */
  apiGenerateDocuments(request: GenerateRequest): DocumentsResponse;
  /** Goes on with a job of per-pair / per-mentor documents left unfinished. */
  apiContinueDocuments(): DocumentsResponse;
}

export const DOCUMENTS_SERVER_FUNCTIONS = [
  "apiDocumentsState",
  "apiDocumentCandidates",
  "apiGenerateDocuments",
  "apiContinueDocuments",
] as const satisfies readonly (keyof DocumentsApi)[];
