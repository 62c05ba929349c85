// Server functions of the sidebar section «Рассылки» (see src/app/contract-reminders.ts).
// Every export here becomes a top-level Apps Script function through src/gas/main.ts: the
// helpers they use live in src/gas/reminders-run.ts.

import { plain } from "../app/contract";
import type { RemindersApi } from "../app/contract-reminders";
import { scheduleMeetings } from "../app/meetings";
import { previewReminders } from "../app/reminders";
import { gasEnv, gasMail, gasTriggers } from "./env";
import { guarded } from "./guarded";
import {
  formsIfAny,
  installDailyTrigger,
  remindersState,
  removeDailyTrigger,
  runReminders,
} from "./reminders-run";

/** The sidebar calls these without arguments: anything passed is a mistake, not silently used. */
function noArguments(name: string, args: readonly unknown[]): void {
  if (args.some((a) => a !== undefined && a !== null)) {
    throw new Error(`«${name}» вызывается без параметров.`);
  }
}

export const apiRemindersState: RemindersApi["apiRemindersState"] = (...args: unknown[]) => {
  noArguments("Состояние рассылок", args);
  return guarded("Состояние рассылок", () => plain(remindersState(gasEnv(), gasTriggers(), gasMail())));
};

export const apiPreviewReminders: RemindersApi["apiPreviewReminders"] = (...args: unknown[]) => {
  noArguments("Предпросмотр рассылки", args);
  return guarded("Предпросмотр рассылки", () => {
    const env = gasEnv();
    const preview = previewReminders(env, formsIfAny(env));
    return plain({ preview, quota: gasMail().remainingQuota() });
  });
};

export const apiSendRemindersNow: RemindersApi["apiSendRemindersNow"] = (...args: unknown[]) => {
  noArguments("Отправить напоминания сейчас", args);
  return guarded("Отправить напоминания сейчас", () => {
    const env = gasEnv();
    const mail = gasMail();
    const result = runReminders(env, mail);
    return plain({ result, state: remindersState(env, gasTriggers(), mail) });
  });
};

export const apiInstallDailyTrigger: RemindersApi["apiInstallDailyTrigger"] = (...args: unknown[]) => {
  noArguments("Включить ежедневную рассылку", args);
  return guarded("Включить ежедневную рассылку", () => {
    const env = gasEnv();
    const triggers = gasTriggers();
    const lines = installDailyTrigger(env, triggers);
    return plain({ lines, state: remindersState(env, triggers, gasMail()) });
  });
};

export const apiRemoveDailyTrigger: RemindersApi["apiRemoveDailyTrigger"] = (...args: unknown[]) => {
  noArguments("Выключить ежедневную рассылку", args);
  return guarded("Выключить ежедневную рассылку", () => {
    const env = gasEnv();
    const triggers = gasTriggers();
    const lines = removeDailyTrigger(env, triggers);
    return plain({ lines, state: remindersState(env, triggers, gasMail()) });
  });
};

export const apiScheduleMeetings: RemindersApi["apiScheduleMeetings"] = (...args: unknown[]) => {
  noArguments("Запланировать встречи пар", args);
  return guarded("Запланировать встречи пар", () => plain({ result: scheduleMeetings(gasEnv()) }));
};
