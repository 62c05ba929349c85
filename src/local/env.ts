// The local edition's ports: a workbook file through exceljs, a lock file, the OS user.

import { existsSync } from "node:fs";
import type { Env } from "../app/ports";
import { FileLock, OsUser, XlsxMeta, XlsxWorkbook } from "./xlsx-workbook";

export interface LocalEnv extends Env {
  workbook: XlsxWorkbook;
  path: string;
}

/**
 * Opens the workbook file (or starts a new one when `create` and the file is missing),
 * runs `fn` holding the file lock, and saves atomically when `fn` says it changed something.
 */
export async function withWorkbookFile<T>(
  path: string,
  options: { create: boolean; save: (result: T) => boolean; now?: () => Date },
  fn: (env: LocalEnv) => T | Promise<T>,
): Promise<T> {
  const lock = new FileLock(path);
  return lock.withLock(async () => {
    const exists = existsSync(path);
    if (!exists && !options.create)
      throw new Error(`Файл «${path}» не найден. Создайте книгу командой: nastavnik init ${path}`);
    const workbook = exists ? await XlsxWorkbook.open(path) : XlsxWorkbook.create();
    const env: LocalEnv = {
      path,
      workbook,
      meta: new XlsxMeta(workbook),
      // The file lock is already held for the whole command; the use case's own lock nests in it.
      lock,
      clock: { now: options.now ?? (() => new Date()) },
      user: new OsUser(),
    };
    const result = await fn(env);
    if (!exists || options.save(result)) await workbook.save(path);
    return result;
  });
}
