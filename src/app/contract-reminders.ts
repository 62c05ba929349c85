// The part of the sidebar contract that serves «Рассылки». Plain JSON only.

/** Server functions of «Рассылки». */
export type RemindersApi = Record<never, never>;

export const REMINDERS_SERVER_FUNCTIONS = [] as const satisfies readonly (keyof RemindersApi)[];
