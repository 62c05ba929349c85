// The local edition's configuration: `nastavnik.config.json` next to the workbook, or `--config
// FILE` on any command that works on a workbook.
//
//   {
//     "docs": "ПАПКА",      where documents (.docx, .pdf) go          (default: «документы» next to the workbook)
//     "outbox": "ПАПКА",    where e-mails (.eml) go when not sent by SMTP (default: «outbox» next to the workbook)
//     "exports": "ПАПКА",   where exports for the regional centre go   (default: «выгрузки» next to the workbook)
//     "smtp": { "host", "port", "secure", "user", "from", "dailyLimit" }
//   }
//
// Relative folders are resolved against the configuration file's own folder. Passwords are taken
// only from the environment (NASTAVNIK_SMTP_PASSWORD): a configuration holding anything that looks
// like a password, secret or token is refused, and nothing here ever writes one.

import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";

export const CONFIG_FILE = "nastavnik.config.json";
export const PASSWORD_ENV = "NASTAVNIK_SMTP_PASSWORD";
/** Recipients a day through SMTP when the configuration does not say (a typical provider limit). */
export const DEFAULT_SMTP_DAILY_LIMIT = 300;

/** Folders next to the workbook when neither an option nor the configuration names one. */
export const DEFAULT_FOLDERS = { docs: "документы", outbox: "outbox", exports: "выгрузки" } as const;
export type FolderKind = keyof typeof DEFAULT_FOLDERS;

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  from: string;
  dailyLimit: number;
}

export interface NastavnikConfig {
  /** Where the configuration came from (null: none found, defaults). */
  file: string | null;
  /** Absolute folders, or null when not set. */
  docs: string | null;
  outbox: string | null;
  exports: string | null;
  smtp: SmtpConfig | null;
}

const TOP_FIELDS = ["docs", "outbox", "exports", "smtp"] as const;
const SMTP_FIELDS = ["host", "port", "secure", "user", "from", "dailyLimit"] as const;
const FOLDER_TEXT: Record<FolderKind, string> = {
  docs: "папка для документов",
  outbox: "папка для писем .eml",
  exports: "папка для выгрузок в региональный центр",
};

const ADDRESS = /^[^\s@,;<>()"]+@[^\s@,;<>()"]+\.[^\s@,;<>()"]+$/;
/** A key that names a password, a secret, a token or another credential. */
const SECRET_KEY =
  /pass(word|wd)?|pwd|secret|token|пароль|парол|секрет|токен|credential|api[-_]?key|private[-_]?key/i;

export const EMPTY_CONFIG: NastavnikConfig = {
  file: null,
  docs: null,
  outbox: null,
  exports: null,
  smtp: null,
};

/** Any key naming a password or a secret, at any depth (dotted paths). */
export function secretKeys(value: unknown, path = ""): string[] {
  if (value === null || typeof value !== "object") return [];
  const out: string[] = [];
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const here = path ? (Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`) : key;
    if (!Array.isArray(value) && SECRET_KEY.test(key)) out.push(here);
    out.push(...secretKeys(inner, here));
  }
  return out;
}

/** Edit distance (case-insensitive), for «did you mean». */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** The known name closest to `name`, when it is close enough to be a typo. */
export function closestName(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(best.length / 2)) ? best : null;
}

function unknownFields(keys: readonly string[], known: readonly string[], where: string): Error | null {
  const unknown = keys.filter((k) => !known.includes(k));
  if (unknown.length === 0) return null;
  const hints = unknown.map((k) => {
    const near = closestName(k, known);
    return near ? `«${k}» (возможно, имелось в виду «${near}»)` : `«${k}»`;
  });
  return new Error(
    `${where}: неизвестные поля ${hints.join(", ")}; допустимы ${known.map((k) => `«${k}»`).join(", ")}.`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Parses and checks a configuration; every problem is a Russian message naming the file and field. */
export function parseConfig(text: string, file: string): NastavnikConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`Файл настроек «${file}» — не JSON: ${why}`);
  }
  if (!isObject(raw)) {
    throw new Error(
      `Файл настроек «${file}»: ожидается объект вида { "docs": "…", "outbox": "…", "exports": "…", "smtp": { … } }`,
    );
  }
  const secrets = secretKeys(raw);
  if (secrets.length > 0) {
    throw new Error(
      `Файл настроек «${file}» содержит пароль (${secrets.map((k) => `«${k}»`).join(", ")}). ` +
        "Пароли, секреты и токены в файле хранить нельзя: удалите поле из файла; пароль SMTP задайте " +
        `в переменной окружения ${PASSWORD_ENV}.`,
    );
  }
  const unknown = unknownFields(Object.keys(raw), TOP_FIELDS, `Файл настроек «${file}»`);
  if (unknown) throw unknown;
  const base = dirname(resolve(file));
  const folder = (kind: FolderKind): string | null => {
    const value = raw[kind];
    if (value === undefined) return null;
    if (typeof value !== "string" || value.trim() === "")
      throw new Error(`Файл настроек «${file}»: «${kind}» — ${FOLDER_TEXT[kind]} (строка с путём).`);
    return isAbsolute(value) ? resolve(value) : resolve(base, value);
  };
  const docs = folder("docs");
  const outbox = folder("outbox");
  const exports = folder("exports");
  const smtp = raw.smtp === undefined ? null : parseSmtp(raw.smtp, file);
  if (outbox && smtp) {
    throw new Error(
      `Файл настроек «${file}»: укажите что-то одно — «outbox» (писать письма в папку) или «smtp» (отправлять через сервер).`,
    );
  }
  return { file, docs, outbox, exports, smtp };
}

function parseSmtp(value: unknown, file: string): SmtpConfig {
  const where = `Файл настроек «${file}», раздел «smtp»`;
  if (!isObject(value))
    throw new Error(`${where}: ожидается объект { "host", "port", "secure", "user", "from" }.`);
  const s = value;
  const unknown = unknownFields(Object.keys(s), SMTP_FIELDS, where);
  if (unknown) throw unknown;
  if (typeof s.host !== "string" || s.host.trim() === "")
    throw new Error(`${where}: «host» — имя сервера, например "smtp.yandex.ru".`);
  const port = s.port === undefined ? (s.secure === true ? 465 : 587) : s.port;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${where}: «port» — номер порта от 1 до 65535, например 465 или 587.`);
  if (s.secure !== undefined && typeof s.secure !== "boolean")
    throw new Error(`${where}: «secure» — true (TLS сразу, порт 465) или false (STARTTLS, порт 587).`);
  if (s.user !== undefined && (typeof s.user !== "string" || s.user.trim() === ""))
    throw new Error(`${where}: «user» — имя пользователя на сервере (строка).`);
  if (typeof s.from !== "string" || !ADDRESS.test(s.from.trim()))
    throw new Error(`${where}: «from» — адрес отправителя, например "nastavnik@school.ru".`);
  const limit = s.dailyLimit ?? DEFAULT_SMTP_DAILY_LIMIT;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1)
    throw new Error(`${where}: «dailyLimit» — сколько писем в день разрешает сервер (целое число).`);
  return {
    host: s.host.trim(),
    port,
    secure: s.secure === true,
    user: typeof s.user === "string" ? s.user.trim() : null,
    from: s.from.trim(),
    dailyLimit: limit,
  };
}

/**
 * The configuration of a command: `explicit` (--config) must exist; otherwise
 * `nastavnik.config.json` in `folder` (the workbook's folder) is used when present, and no file
 * means the defaults.
 */
export async function readConfig(folder: string, explicit?: string | null): Promise<NastavnikConfig> {
  const file = explicit ? resolve(explicit) : join(resolve(folder), CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicit)
      throw new Error(
        `Файл настроек «${file}» не найден. Проверьте путь в --config или создайте файл (пример — nastavnik help config).`,
      );
    return { ...EMPTY_CONFIG };
  }
  if (statSync(file).isDirectory())
    throw new Error(`«${file}» — это папка, а --config ожидает файл настроек .json.`);
  return parseConfig(await readFile(file, "utf8"), file);
}

/** The configuration for a workbook file: next to it, or --config. */
export function readWorkbookConfig(workbook: string, explicit?: unknown): Promise<NastavnikConfig> {
  return readConfig(dirname(resolve(workbook)), typeof explicit === "string" ? explicit : null);
}

/**
 * The folder a command writes into: the explicit option (relative to the current folder), else the
 * configuration's folder, else the default folder next to the workbook.
 */
export function outputFolder(
  kind: FolderKind,
  config: NastavnikConfig,
  workbook: string,
  explicit?: unknown,
): string {
  if (typeof explicit === "string" && explicit.trim() !== "") return resolve(explicit);
  return config[kind] ?? join(dirname(resolve(workbook)), DEFAULT_FOLDERS[kind]);
}

/** The Russian help about the configuration file (nastavnik help config). */
export const CONFIG_HELP = [
  `Файл настроек ${CONFIG_FILE} лежит рядом с книгой (или указывается параметром --config ФАЙЛ`,
  "у любой команды, работающей с книгой). Все поля необязательны:",
  "  {",
  `    "docs": "документы",        папка для документов .docx/.pdf (по умолчанию «${DEFAULT_FOLDERS.docs}» рядом с книгой)`,
  `    "outbox": "outbox",         папка для писем .eml (по умолчанию «${DEFAULT_FOLDERS.outbox}» рядом с книгой)`,
  `    "exports": "выгрузки",      папка для выгрузок в регион (по умолчанию «${DEFAULT_FOLDERS.exports}» рядом с книгой)`,
  '    "smtp": { "host": "smtp.school.ru", "port": 465, "secure": true,',
  '              "user": "nastavnik@school.ru", "from": "nastavnik@school.ru", "dailyLimit": 300 }',
  "  }",
  "Относительные пути считаются от папки файла настроек. «outbox» и «smtp» вместе не указываются:",
  "письма либо пишутся в папку, либо отправляются через сервер.",
  `Пароль SMTP задаётся только в переменной окружения ${PASSWORD_ENV}; файл с паролем, секретом`,
  "или токеном не принимается, и программа нигде пароль не записывает.",
  "Параметр команды (--out, --csv) важнее файла настроек.",
].join("\n");
