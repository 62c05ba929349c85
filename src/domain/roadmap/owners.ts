// The «Ответственные» cell of a roadmap: named people and roles.
//
// Pure TypeScript (bundled for Apps Script): no Node or Google API.
//
// A person is written as «Дианова Н.В.», «Н.В. Дианова», «С.Б.Колпакова», «Иванова Мария Петровна»
// or «Мария Петровна Иванова». Two capitalised words without initials or a patronymic
// («Иванова Мария») are not taken for a person: they cannot be told from a role, so they stay
// a role, as written.

import { cleanText, matchKey } from "../normalize";

export interface Owners {
  /** People as written, whitespace cleaned, in the order of the cell, without repeats. */
  people: string[];
  /** Everything that is not a person («Администрация школы», «Классные руководители»…). */
  roles: string[];
  raw: string;
}

const UP = "А-ЯЁ";
const LOW = "а-яё";
const SURNAME = `[${UP}][${LOW}]+(?:-[${UP}][${LOW}]+)?`;
const NAME = `[${UP}][${LOW}]+`;
const PATRONYMIC = `[${UP}][${LOW}]+(?:вич|вна|ична|инична|ич|оглы|кызы)`;
/** «Н.В.», «Н. В.», «Н.В» (last dot missing), «Н.». */
const INITIALS = `[${UP}]\\.(?:[ \\t]?[${UP}](?:\\.|(?![${UP}${LOW}])))?`;

const PERSON_RE = new RegExp(
  `(?<![${UP}${LOW}])(?:` +
    [
      `${SURNAME}[ \\t]+${INITIALS}`,
      `${INITIALS}[ \\t]*${SURNAME}`,
      `${SURNAME}[ \\t]+${NAME}[ \\t]+${PATRONYMIC}`,
      `${NAME}[ \\t]+${PATRONYMIC}[ \\t]+${SURNAME}`,
    ].join("|") +
    `)(?![${UP}${LOW}])`,
  "g",
);

const PATRONYMIC_RE = /(вич|вна|ична|инична|ич|оглы|кызы)$/i;

/** Trims list punctuation and bullets around a role; keeps the dot of a final abbreviation («зам.»). */
function cleanRole(text: string): string {
  let role = cleanText(text)
    .replace(/^[\s\-–—•·*,;:]+/, "")
    .replace(/[\s,;:]+$/, "")
    .replace(/^(?:и|а также)\s+/i, "")
    .replace(/\s+(?:и|а также)$/i, "");
  const lastWord = /([А-Яа-яЁёA-Za-z]+)\.$/.exec(role);
  if (lastWord && (lastWord[1]?.length ?? 0) > 4) role = role.slice(0, -1);
  if (/^(?:и|а также|-|—|–)?$/i.test(role)) return "";
  return role;
}

/** Splits an «Ответственные» cell into people and roles. */
export function parseOwners(raw: string): Owners {
  const text = String(raw ?? "").replace(/\r\n?/g, "\n");
  const people: string[] = [];
  const roles: string[] = [];
  const seenPeople = new Set<string>();
  const seenRoles = new Set<string>();

  for (const segment of text.split(/[\n;,]+/)) {
    const line = segment.replace(/[\u00a0\u2007\u202f\ufeff]/g, " ");
    let rest = "";
    let last = 0;
    for (const m of line.matchAll(PERSON_RE)) {
      const at = m.index ?? 0;
      rest += `${line.slice(last, at)}\n`;
      last = at + m[0].length;
      const person = cleanText(m[0]);
      const key = matchKey(person);
      if (!seenPeople.has(key)) {
        seenPeople.add(key);
        people.push(person);
      }
    }
    rest += line.slice(last);
    for (const piece of rest.split("\n")) {
      const role = cleanRole(piece);
      if (role === "") continue;
      const key = matchKey(role);
      if (!seenRoles.has(key)) {
        seenRoles.add(key);
        roles.push(role);
      }
    }
  }
  return { people, roles, raw };
}

interface NameParts {
  surname: string;
  /** Given name and patronymic: the full word when written, else "" (only the initial known). */
  given: Array<{ initial: string; full: string }>;
}

function key(word: string): string {
  return word.toLowerCase().replace(/ё/g, "е");
}

function given(word: string): { initial: string; full: string } {
  const k = key(word);
  return { initial: k.charAt(0), full: k.length > 1 ? k : "" };
}

/**
 * Possible readings of a name as surname + given names. «Дианова Н.В.», «Н.В. Дианова» and
 * «Дианова Наталья Викторовна» all read as дианова + н…, в…. Two full words («Дианова Наталья»)
 * are read both ways.
 */
function nameParts(text: string): NameParts[] {
  const tokens = cleanText(text)
    .split(/[\s.]+/)
    .filter((t) => t !== "");
  const words = tokens.filter((t) => t.length > 1);
  const initials = tokens.filter((t) => t.length === 1).map(given);
  if (words.length === 0) return [];
  const [w1 = "", w2 = "", w3 = ""] = words;
  if (initials.length > 0) return words.length === 1 ? [{ surname: key(w1), given: initials }] : [];
  if (words.length === 1) return [{ surname: key(w1), given: [] }];
  if (words.length === 2) {
    return [
      { surname: key(w1), given: [given(w2)] },
      { surname: key(w2), given: [given(w1)] },
    ];
  }
  if (words.length === 3) {
    if (PATRONYMIC_RE.test(w2) && !PATRONYMIC_RE.test(w3))
      return [{ surname: key(w3), given: [given(w1), given(w2)] }];
    return [{ surname: key(w1), given: [given(w2), given(w3)] }];
  }
  return [];
}

function compatible(a: NameParts, b: NameParts): boolean {
  if (a.surname !== b.surname) return false;
  const n = Math.min(a.given.length, b.given.length);
  for (let i = 0; i < n; i++) {
    const x = a.given[i];
    const y = b.given[i];
    if (!x || !y || x.initial !== y.initial) return false;
    if (x.full !== "" && y.full !== "" && x.full !== y.full) return false;
  }
  return true;
}

/**
 * Finds the team member a roadmap name refers to: «Дианова Н.В.» matches «Дианова Наталья
 * Викторовна» (surname and initials; full given names, where both sides have them, must agree;
 * `ё` = `е`, any case). Returns the index in `team`, or -1 when nobody or more than one member
 * matches.
 */
export function matchOwner(name: string, team: { name: string }[]): number {
  const exact = matchKey(name);
  if (exact === "") return -1;
  const exactHits = team.flatMap((m, i) => (matchKey(m.name) === exact ? [i] : []));
  if (exactHits.length === 1) return exactHits[0] ?? -1;
  if (exactHits.length > 1) return -1;

  const wanted = nameParts(name);
  if (wanted.length === 0) return -1;
  const hits = team.flatMap((member, i) => {
    const parts = nameParts(member.name);
    return parts.some((p) => wanted.some((w) => compatible(w, p))) ? [i] : [];
  });
  return hits.length === 1 ? (hits[0] ?? -1) : -1;
}
