// The part of the sidebar contract that serves «Документы». Plain JSON only.

/** Server functions of «Документы». */
export type DocumentsApi = Record<never, never>;

export const DOCUMENTS_SERVER_FUNCTIONS = [] as const satisfies readonly (keyof DocumentsApi)[];
