// Normalisation helpers every import uses. Pure functions, no Google or Node API.

import type { CellValue } from "./cells";

/** Trims and collapses every run of whitespace (incl. non-breaking spaces) into one space. */
export function cleanText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value)
    .replace(/[\s\u00a0\u2007\u202f\ufeff]+/g, " ")
    .trim();
}

/**
 * A key for matching text the way a person would: case-insensitive, `ё` matched as `е`,
 * spaces collapsed, dashes unified. The text itself keeps its `ё`; only the key folds it.
 */
export function matchKey(value: unknown): string {
  return cleanText(value)
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[‐‑‒–—―]/g, "-")
    .replace(/\s*-\s*/g, "-");
}

/** Matching key for a header: like matchKey, also ignores punctuation such as `*`, `:`, `№`, quotes. */
export function headerKey(value: unknown): string {
  return matchKey(value)
    .replace(/[«»"'`*:;.,!?()[\]№#]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const EMAIL_RE =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export type Normalized<T> = { ok: true; value: T } | { ok: false; error: string };

/** Lower-cases and validates an email. Empty input is ok with value "". */
export function normalizeEmail(value: unknown): Normalized<string> {
  const text = cleanText(value)
    .replace(/^mailto:/i, "")
    .toLowerCase();
  if (text === "") return { ok: true, value: "" };
  if (text.includes("..") || !EMAIL_RE.test(text) || !/\.[a-z]{2,}$/.test(text)) {
    return { ok: false, error: `«${cleanText(value)}» — не похоже на адрес электронной почты` };
  }
  return { ok: true, value: text };
}

/**
 * Russian phone numbers to `+7 XXX XXX-XX-XX`. Accepts 8XXXXXXXXXX, +7…, 7…, and a
 * ten-digit number without the country code, with any spaces, dashes, dots and brackets.
 */
export function normalizePhone(value: unknown): Normalized<string> {
  const text = cleanText(value);
  if (text === "") return { ok: true, value: "" };
  if (/[^\d\s+().-]/.test(text.replace(/доб\.?\s*\d+$/i, ""))) {
    return { ok: false, error: `«${text}» — в номере телефона есть лишние символы` };
  }
  let digits = text.replace(/доб\.?\s*\d+$/i, "").replace(/\D/g, "");
  // «+7…» names the country code explicitly: then eleven digits are needed.
  const explicitCode = text.startsWith("+");
  if (digits.length === 11 && (digits.startsWith("7") || (!explicitCode && digits.startsWith("8"))))
    digits = digits.slice(1);
  else if (explicitCode) digits = "";
  if (digits.length !== 10) {
    return { ok: false, error: `«${text}» — номер телефона должен содержать 10 цифр после +7` };
  }
  return {
    ok: true,
    value: `+7 ${digits.slice(0, 3)} ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8, 10)}`,
  };
}

/** A calendar date without time, as the domain keeps it. */
export interface DateOnly {
  year: number;
  month: number; // 1..12
  day: number;
}

function validDate(year: number, month: number, day: number): DateOnly | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

/**
 * Dates from Date cells, `dd.mm.yyyy` (also `d.m.yy`, with `/` or `-`, with «г.»), and ISO
 * `yyyy-mm-dd` (optionally with a time). Date cells are read in the spreadsheet's local time,
 * which is what the curator typed. Empty input is ok with value null.
 */
export function normalizeDate(value: CellValue | null | undefined): Normalized<DateOnly | null> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, error: "некорректная дата" };
    return {
      ok: true,
      value: { year: value.getFullYear(), month: value.getMonth() + 1, day: value.getDate() },
    };
  }
  if (typeof value === "number") return excelSerialDate(value);
  const text = cleanText(value)
    .replace(/\s*(г\.?|года?)$/i, "")
    .trim();
  if (text === "") return { ok: true, value: null };
  const named = /^(\d{1,2})\s+([а-яё]+)\.?\s+(\d{4})$/i.exec(text);
  if (named) {
    const month = monthOfName(named[2] ?? "");
    if (month !== null) {
      const d = validDate(Number(named[3]), month, Number(named[1]));
      return d ? { ok: true, value: d } : { ok: false, error: `«${text}» — такой даты нет` };
    }
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (m) {
    const d = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { ok: true, value: d } : { ok: false, error: `«${text}» — такой даты нет` };
  }
  m = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2}|\d{4})$/.exec(text);
  if (m) {
    let year = Number(m[3]);
    if (m[3]?.length === 2) year += 2000;
    const d = validDate(year, Number(m[2]), Number(m[1]));
    return d ? { ok: true, value: d } : { ok: false, error: `«${text}» — такой даты нет` };
  }
  return { ok: false, error: `«${text}» — не удалось прочитать дату, ожидается ДД.ММ.ГГГГ` };
}

const MONTH_STEMS = ["янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"];

/** 1..12 for a Russian month name in any case form («сентября», «Сент», «мая»), else null. */
function monthOfName(word: string): number | null {
  const w = word.toLowerCase();
  if (w === "май" || w === "мая" || w === "мае") return 5;
  const i = MONTH_STEMS.findIndex((stem, n) => n !== 4 && w.startsWith(stem));
  return i < 0 ? null : i + 1;
}

/**
 * A number in a date column: the serial day number Excel and Sheets keep dates as (days since
 * 30.12.1899), which is what a date cell formatted as a number shows. Only 1954–2119 is taken
 * as a date; anything else is a mistake the curator should see.
 */
function excelSerialDate(serial: number): Normalized<DateOnly | null> {
  if (!Number.isInteger(serial) || serial < 20000 || serial > 80000)
    return { ok: false, error: `${serial} — не похоже на дату, ожидается ДД.ММ.ГГГГ` };
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return { ok: true, value: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() } };
}

export function formatDate(d: DateOnly): string {
  return `${String(d.day).padStart(2, "0")}.${String(d.month).padStart(2, "0")}.${d.year}`;
}

export function isoDate(d: DateOnly): string {
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/** A local-midnight Date for writing a date cell. */
export function toCellDate(d: DateOnly): Date {
  return new Date(d.year, d.month - 1, d.day);
}

/** Numbers from number cells or text with a decimal comma; "" is ok with value null. */
export function normalizeNumber(value: CellValue | null | undefined): Normalized<number | null> {
  if (typeof value === "number")
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, error: "не число" };
  const text = cleanText(value).replace(/\s/g, "").replace(",", ".");
  if (text === "") return { ok: true, value: null };
  if (!/^[-+]?\d+(\.\d+)?$/.test(text))
    return { ok: false, error: `«${cleanText(value)}» — ожидается число` };
  return { ok: true, value: Number(text) };
}

const TRUE_WORDS = new Set([
  "да",
  "true",
  "истина",
  "1",
  "+",
  "v",
  "✓",
  "✔",
  "согласен",
  "согласна",
  "yes",
  "x",
  "х",
]);
const FALSE_WORDS = new Set(["нет", "false", "ложь", "0", "-", "no", ""]);

/** Checkbox values from booleans or words («да», «нет», «согласен»…). */
export function normalizeBoolean(value: CellValue | null | undefined): Normalized<boolean> {
  if (typeof value === "boolean") return { ok: true, value };
  if (typeof value === "number") return { ok: true, value: value !== 0 };
  const key = matchKey(value);
  if (
    TRUE_WORDS.has(key) ||
    key.startsWith("да,") ||
    key.startsWith("согласен") ||
    key.startsWith("даю согласие")
  )
    return { ok: true, value: true };
  if (FALSE_WORDS.has(key) || key.startsWith("не согласен") || key.startsWith("не даю"))
    return { ok: true, value: false };
  return { ok: false, error: `«${cleanText(value)}» — ожидается «да» или «нет»` };
}

const FORMULA_START = /^[=+\-@]/;

/**
 * Text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@` at the start) gets a
 * leading apostrophe, which Google Sheets treats as "this is text" and does not display.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** True when the text would be taken for a formula if written as is. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Splits a multi-value cell («a, b; c» or one per line) into clean values. */
export function splitList(value: unknown): string[] {
  return cleanText(String(value ?? "").replace(/\r?\n/g, ";"))
    .split(/\s*[;,]\s*/)
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

const TRANSLIT: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};

/** Lower-case Russian letters in Latin (щ → shch, ь → ""); every other character is kept. */
export function transliterate(text: string): string {
  return [...text].map((ch) => TRANSLIT[ch] ?? ch).join("");
}
