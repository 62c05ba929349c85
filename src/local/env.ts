// The local edition's ports: a workbook file through exceljs, a lock file, the OS user.

import { existsSync } from "node:fs";
import { UserError } from "../app/errors";
import type { Env } from "../app/ports";
import { assertKnownSchema, storedSchemaVersion } from "../app/setup";
import { sheetDef } from "../domain/schema";
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
    const meta = new XlsxMeta(workbook);
    if (exists) checkWorkbook(path, workbook, meta, options.create);
    const env: LocalEnv = {
      path,
      workbook,
      meta,
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

/**
 * An existing file must be a workbook this program understands: not one made by a newer version,
 * and — unless the command sets it up (init) — one that Nastavnik has set up at all.
 */
function checkWorkbook(path: string, workbook: XlsxWorkbook, meta: XlsxMeta, setsUp: boolean): void {
  assertKnownSchema(meta);
  if (setsUp || storedSchemaVersion(meta) !== null) return;
  const settings = sheetDef("settings").name;
  if (workbook.sheetNames().includes(settings)) return;
  throw new UserError(
    `Файл «${path}» не похож на книгу Наставника: нет листа «${settings}». Создайте книгу: nastavnik init ${path}`,
  );
}
