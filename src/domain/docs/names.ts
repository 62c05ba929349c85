// Russian names in the grammatical case a sentence needs («назначить куратором Иванову Марию
// Петровну»). The forms come from the lvovich library; the curator can correct any of them in
// «Склонение ФИО», and the curator's forms always win. Pure code: lvovich is plain JS and is
// bundled into the Apps Script file.

import {
  getFirstnameGender,
  getGender,
  getLastnameGender,
  getMiddlenameGender,
  inclineFirstname,
  inclineLastname,
  inclineMiddlename,
} from "lvovich";
import { cleanText, matchKey } from "../normalize";
import type { CaseKey } from "./kinds";

export type Gender = "м" | "ж";
type GenderStrT = "male" | "female" | "androgynous";

/** One row of «Склонение ФИО»: the name in the nominative and its forms. */
export interface NameForms {
  fullName: string;
  /** «м», «ж», or "" when neither the curator nor the name tells. */
  gender: string;
  genitive: string;
  dative: string;
  accusative: string;
  instrumental: string;
  prepositional: string;
}

/** The curator's forms, by nameKey of the nominative. */
export type NameOverrides = ReadonlyMap<string, NameForms>;

const CASE_FIELD: Record<Exclude<CaseKey, "им">, Exclude<keyof NameForms, "fullName" | "gender">> = {
  род: "genitive",
  дат: "dative",
  вин: "accusative",
  твор: "instrumental",
  пред: "prepositional",
};

const LVOVICH_CASE = {
  род: "genitive",
  дат: "dative",
  вин: "accusative",
  твор: "instrumental",
  пред: "prepositional",
} as const;

/** The key a name is looked up by: case-insensitive, ё = е, spaces collapsed. */
export function nameKey(fullName: string): string {
  return matchKey(fullName);
}

/** Builds the lookup of the curator's forms from «Склонение ФИО» rows (the first row of a name wins). */
export function nameOverrides(rows: readonly NameForms[]): Map<string, NameForms> {
  const map = new Map<string, NameForms>();
  for (const row of rows) {
    const key = nameKey(row.fullName);
    if (key !== "" && !map.has(key)) map.set(key, row);
  }
  return map;
}

export interface NameParts {
  last: string;
  first: string;
  /** The patronymic, with «оглы/кызы» kept as part of it («Рашид оглы»). */
  middle: string;
}

/** «Фамилия Имя Отчество» (or two words, or only the surname) split into its parts. */
export function parseName(fullName: string): NameParts {
  const words = cleanText(fullName)
    .split(" ")
    .filter((w) => w !== "");
  return { last: words[0] ?? "", first: words[1] ?? "", middle: words.slice(2).join(" ") };
}

function fromLvovich(g: GenderStrT | null): Gender | null {
  if (g === "male") return "м";
  if (g === "female") return "ж";
  return null;
}

function parseGender(text: string): Gender | null {
  const t = cleanText(text).toLowerCase();
  if (t === "м" || t.startsWith("муж")) return "м";
  if (t === "ж" || t.startsWith("жен")) return "ж";
  return null;
}

/**
 * The gender of a name: the curator's «Пол» in «Склонение ФИО» first, then the patronymic,
 * then the whole name as lvovich reads it, then the first name, then the surname.
 */
export function genderOf(fullName: string, overrides?: NameOverrides): Gender | null {
  const own = overrides?.get(nameKey(fullName));
  const fixed = own ? parseGender(own.gender) : null;
  if (fixed) return fixed;
  const p = parseName(fullName);
  if (p.middle) {
    const byMiddle = fromLvovich(getMiddlenameGender(p.middle));
    if (byMiddle) return byMiddle;
  }
  const whole = fromLvovich(getGender({ last: p.last, first: p.first || null, middle: p.middle || null }));
  if (whole) return whole;
  if (p.first) {
    const byFirst = fromLvovich(getFirstnameGender(p.first));
    if (byFirst) return byFirst;
  }
  return fromLvovich(getLastnameGender(p.last));
}

/** Feminine first names of the third declension that lvovich leaves as they are (Любовь, Нинель). */
function thirdDeclension(first: string, c: Exclude<CaseKey, "им">): string {
  if (c === "вин") return first;
  if (c === "твор") return `${first}ю`;
  return `${first.slice(0, -1)}и`;
}

function declinePart(
  part: string,
  c: Exclude<CaseKey, "им">,
  gender: Gender | null,
  fn: typeof inclineFirstname,
): string {
  if (part === "") return "";
  const g: GenderStrT | null = gender === "м" ? "male" : gender === "ж" ? "female" : null;
  return fn(part, LVOVICH_CASE[c], g);
}

/** The name in a case by the rules alone (no curator's forms). */
function computeCase(fullName: string, c: Exclude<CaseKey, "им">, gender: Gender | null): string {
  const p = parseName(fullName);
  if (p.last === "") return "";
  const last = declinePart(p.last, c, gender, inclineLastname);
  let first = declinePart(p.first, c, gender, inclineFirstname);
  if (gender === "ж" && /ь$/.test(p.first) && first === p.first) first = thirdDeclension(p.first, c);
  // «Рашид оглы», «Алиевна кызы»: the particle does not change, and neither does a
  // patronymic made of the father's name.
  const middle = /\s(оглы|кызы|угли|улы|гызы)$/i.test(p.middle)
    ? p.middle
    : declinePart(p.middle, c, gender, inclineMiddlename);
  return [last, first, middle].filter((w) => w !== "").join(" ");
}

/**
 * The full name in a grammatical case. The curator's form from «Склонение ФИО» wins; with
 * only the curator's «Пол» filled there, the rules decline by that gender.
 */
export function declineName(fullName: string, c: CaseKey, overrides?: NameOverrides): string {
  const name = cleanText(fullName);
  if (name === "" || c === "им") return name;
  const own = overrides?.get(nameKey(name));
  if (own) {
    const form = cleanText(own[CASE_FIELD[c]]);
    if (form !== "") return form;
  }
  return computeCase(name, c, genderOf(name, overrides));
}

/** The computed forms of a name, for a new row of «Склонение ФИО» the curator may correct. */
export function nameFormsRow(fullName: string): NameForms {
  const name = cleanText(fullName);
  const gender = genderOf(name);
  return {
    fullName: name,
    gender: gender ?? "",
    genitive: computeCase(name, "род", gender),
    dative: computeCase(name, "дат", gender),
    accusative: computeCase(name, "вин", gender),
    instrumental: computeCase(name, "твор", gender),
    prepositional: computeCase(name, "пред", gender),
  };
}
