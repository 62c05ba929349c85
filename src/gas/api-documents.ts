// Server functions of the sidebar section «Документы» (see src/app/contract-documents.ts).
// Every export here becomes a top-level Apps Script function through src/gas/main.ts.

export {};
