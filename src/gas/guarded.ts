// Every server action runs guarded: a failure is logged to «Журнал» and reaches the curator as
// a Russian message.

import { userMessage } from "../app/errors";
import { writeJournal } from "../app/journal";
import { gasEnv } from "./env";

/** Runs an action; a failure is logged to «Журнал» and rethrown with a Russian message. */
export function guarded<T>(action: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const message = userMessage(error);
    try {
      writeJournal(gasEnv(), [{ action, outcome: "ошибка", details: message }]);
    } catch {
      // The journal itself may be what fails (quota, lock); the user still gets the message.
    }
    throw new Error(message);
  }
}
