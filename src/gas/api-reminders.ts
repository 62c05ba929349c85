// Server functions of the sidebar section «Рассылки» (see src/app/contract-reminders.ts).
// Every export here becomes a top-level Apps Script function through src/gas/main.ts.

export {};
