// Russian formatting for official documents: dates as orders write them, order numbers, the
// signature form of a name, the academic year.

import { cleanText, type DateOnly, formatDate } from "../normalize";

/** Non-breaking space: keeps «И. О.» and the surname together on one line. */
export const NBSP = "\u00a0";

const MONTHS_GENITIVE = [
  "января",
  "февраля",
  "марта",
  "апреля",
  "мая",
  "июня",
  "июля",
  "августа",
  "сентября",
  "октября",
  "ноября",
  "декабря",
] as const;

/** «01» сентября 2025 г. */
export function longDate(d: DateOnly): string {
  return `«${String(d.day).padStart(2, "0")}» ${MONTHS_GENITIVE[d.month - 1] ?? ""} ${d.year} г.`;
}

/** 01.09.2025 */
export function shortDate(d: DateOnly): string {
  return formatDate(d);
}

/** «с 15.09.2025 по 31.05.2026»; with one end unknown, only the known one; "" with none. */
export function term(start: DateOnly | null, end: DateOnly | null): string {
  if (start && end) return `с ${shortDate(start)} по ${shortDate(end)}`;
  if (start) return `с ${shortDate(start)}`;
  if (end) return `по ${shortDate(end)}`;
  return "";
}

/** The prefix as the curator typed it, followed by the number: ("01-05/", 12) → "01-05/12". */
export function orderNumber(prefix: string, n: number): string {
  return `${cleanText(prefix)}${Math.max(1, Math.floor(n))}`;
}

/** The first letter of a name part with a dot; hyphenated names keep both: Анна-Мария → А.-М. */
function initial(part: string): string {
  return part
    .split("-")
    .filter((p) => p !== "")
    .map((p) => `${p.charAt(0).toUpperCase()}.`)
    .join("-");
}

/**
 * «Фамилия Имя Отчество» → «И. О. Фамилия» (initials before the surname, as under a signature;
 * non-breaking spaces so it never breaks across lines). Patronymics with «оглы/кызы» keep only
 * the initial of the patronymic. A single word is returned as it is.
 */
export function signature(fullName: string): string {
  const words = cleanText(fullName)
    .split(" ")
    .filter((w) => w !== "");
  if (words.length <= 1) return words[0] ?? "";
  const [surname, ...rest] = words as [string, ...string[]];
  const initials = rest
    .filter((w) => !/^(оглы|кызы|угли|улы|гызы)$/i.test(w))
    .map(initial)
    .filter((w) => w !== "");
  return [...initials, surname].join(NBSP);
}

/** «Петров И. С.» — the short form used in file names and lists. */
export function surnameInitials(fullName: string): string {
  const words = cleanText(fullName)
    .split(" ")
    .filter((w) => w !== "");
  if (words.length <= 1) return words[0] ?? "";
  const [surname, ...rest] = words as [string, ...string[]];
  const initials = rest
    .filter((w) => !/^(оглы|кызы|угли|улы|гызы)$/i.test(w))
    .map(initial)
    .filter((w) => w !== "");
  return `${surname} ${initials.join(" ")}`;
}

/** 2025 → «2025/2026». */
export function academicYear(startYear: number): string {
  return `${startYear}/${startYear + 1}`;
}
