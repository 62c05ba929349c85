// The local edition's ports: a workbook file through exceljs, a lock file, the OS user.

import { existsSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
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
  options: {
    create: boolean;
    save: (result: T) => boolean;
    now?: () => Date;
    /** The command only reads: a workbook open in Excel or LibreOffice is no obstacle. */
    readOnly?: boolean;
  },
  fn: (env: LocalEnv) => T | Promise<T>,
): Promise<T> {
  checkPath(path, options.create);
  // A file not there yet cannot be open in another program.
  if (!options.readOnly && existsSync(path)) assertNotOpenElsewhere(path);
  const lock = new FileLock(path);
  return lock.withLock(async () => {
    const exists = existsSync(path);
    if (!exists && !options.create)
      throw new UserError(`Файл «${path}» не найден. Создайте книгу командой: nastavnik init ${path}`);
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

/** The path names a file (or, for init, nothing yet) in an existing folder. */
export function checkPath(path: string, create: boolean): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    if (!create)
      throw new UserError(`Файл «${path}» не найден. Создайте книгу командой: nastavnik init ${path}`);
    if (!existsSync(dirname(path)))
      throw new UserError(`Папки «${dirname(path)}» нет: создайте её или укажите другой путь к книге.`);
    return;
  }
  if (isDirectory)
    throw new UserError(
      `«${path}» — это папка, а не файл книги. Укажите файл .xlsx, например ${join(path, "школа.xlsx")}`,
    );
}

/**
 * The owner files Excel (`~$name.xlsx`; for long names the first two letters are dropped) and
 * LibreOffice (`.~lock.name.xlsx#`) keep next to a workbook they have open.
 */
export function officeLockFiles(path: string): { file: string; program: string }[] {
  const dir = dirname(path);
  const name = basename(path);
  const candidates = [
    { file: join(dir, `~$${name}`), program: "Excel" },
    ...(name.length >= 8 ? [{ file: join(dir, `~$${name.slice(2)}`), program: "Excel" }] : []),
    { file: join(dir, `.~lock.${name}#`), program: "LibreOffice" },
  ];
  return candidates.filter(
    (c, i) => candidates.findIndex((d) => d.file === c.file) === i && existsSync(c.file),
  );
}

/** A workbook open in Excel or LibreOffice is not written: its program would overwrite our changes. */
export function assertNotOpenElsewhere(path: string): void {
  const held = officeLockFiles(path)[0];
  if (!held) return;
  throw new UserError(
    `Книга «${basename(path)}» открыта в ${held.program} (рядом с ней файл «${basename(held.file)}»). ` +
      `Закройте её в ${held.program} и повторите — иначе ${held.program} при сохранении затрёт изменения. ` +
      `Книга не изменена. Если программа уже закрыта, удалите файл «${held.file}».`,
  );
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
