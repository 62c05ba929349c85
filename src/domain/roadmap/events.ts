// The «Содержание деятельности / мероприятия» cell of a roadmap, split into separate events.
//
// Pure TypeScript (bundled for Apps Script): no Node or Google API.
//
// Rules:
// - Numbered items «1.…», «2)…», also several on one line («…программе. 2.Сбор согласий…»), become
//   one event each. A number is an item marker only at the start of the cell or after a space,
//   followed by «.» or «)» and then a capital letter, and only when the numbers run 1, 2, 3…
//   (the first may be another number at the very start of the cell, for a cell continuing a list).
//   So dates («01.09.2021»), «ст. 351.8», «2.5 часа», «п. 3.1» and «№ 1. Положение» never split.
// - Bullet lines starting with «-», «–», «—», «•», «·», «▪», «*» become one event each; «•»/«·»
//   split also in the middle of a line. Dashes in the middle of a line split only in a list
//   introduced by a colon and a dash («…актов: – Приказ … – Подготовка …»), and only before a
//   capital letter, so «психолого – педагогической» and «– при наличии …» stay whole.
// - A heading before the items that ends with a colon («1.Подготовка и принятие локальных актов…:»)
//   is kept as a prefix of each of its items: «Подготовка и принятие …: разработка положения…».
//   Text before the items that is not such a heading becomes an event of its own, and so does text
//   after a bullet list that follows an empty line.
// - A cell without items is one event: its lines joined with spaces, its paragraphs with «. » when
//   needed («…программы наставничества\n\nРазработка Положения…» → «…наставничества. Разработка…»).
// - Each event is cleaned: spaces collapsed, list punctuation («;», «,») and a final full stop
//   removed (not the dot of an abbreviation such as «т.д.»), first letter capitalised.

import { cleanText } from "../normalize";

const BULLET_LINE = /^\s*[-–—•·▪●◦*]\s*/;
const INLINE_BULLET = /\s*[•·▪●◦]\s*/g;
const CAPITAL = /[А-ЯЁA-Z«"„]/;

/** Words after which a number is a reference, not an item marker («п. 3.», «№ 1.», «ст. 2.»). */
const REFERENCE_WORD =
  /(?:^|[^А-Яа-яЁёA-Za-z])(?:№|п|пп|ст|ч|гл|стр|рис|табл|разд|прил|приложение|пункт|статья|глава|раздел)\.?\s*$/i;

function finishEvent(text: string): string {
  let event = cleanText(text)
    .replace(/^[\s\-–—•·▪●◦*]+/, "")
    .replace(/[\s,;]+$/, "")
    .replace(/\s+\.$/, ".");
  const last = /([А-Яа-яЁёA-Za-z)»"]+)\.$/.exec(event);
  if (last && ((last[1]?.length ?? 0) > 3 || /[)»"]$/.test(last[1] ?? "")))
    event = event.slice(0, -1).trimEnd();
  return event;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One event from several lines: lines of a paragraph joined with a space, paragraphs (separated by
 * an empty line) with «. » when the first does not end in punctuation and the next starts with a
 * capital letter.
 */
function joinParagraphs(text: string): string {
  let out = "";
  for (const paragraph of text.split(/\n[ \t]*\n/)) {
    const p = cleanText(paragraph);
    if (p === "") continue;
    if (out === "") out = p;
    else if (!/[.:;!?,]$/.test(out) && CAPITAL.test(p.charAt(0))) out += `. ${p}`;
    else out += ` ${p}`;
  }
  return out;
}

interface Numbered {
  before: string;
  items: string[];
}

/** Finds the numbered items of a text, or null when it has none. */
function splitNumbered(text: string): Numbered | null {
  const markers: Array<{ at: number; end: number }> = [];
  let expected: number | null = null;
  for (const m of text.matchAll(/(^|\s)(\d{1,2})[.)](?!\d)[ \t]*/g)) {
    const at = (m.index ?? 0) + (m[1]?.length ?? 0);
    const end = (m.index ?? 0) + m[0].length;
    const n = Number(m[2]);
    if (!CAPITAL.test(text.charAt(end))) continue;
    if (REFERENCE_WORD.test(text.slice(0, at))) continue;
    const atStart = text.slice(0, at).trim() === "";
    if (expected === null ? n === 1 || atStart : n === expected) {
      markers.push({ at, end });
      expected = n + 1;
    }
  }
  const first = markers[0];
  if (!first) return null;
  // One number in the middle of a text is not a list.
  if (markers.length === 1 && text.slice(0, first.at).trim() !== "") return null;
  const items = markers.map((mk, i) => text.slice(mk.end, markers[i + 1]?.at ?? text.length));
  return { before: text.slice(0, first.at), items };
}

/** Turns inline bullets into bullet lines. */
function bulletLines(text: string): string {
  let out = text.replace(INLINE_BULLET, (match, offset: number, whole: string) => {
    const lineStart = whole.lastIndexOf("\n", offset - 1) + 1;
    return whole.slice(lineStart, offset).trim() === "" ? match : "\n· ";
  });
  // «…актов: – Приказ … – Подготовка …»: a list introduced by a colon and a dash.
  out = out
    .split("\n")
    .map((line) => {
      const intro = /^(.*?:)\s*[-–—]\s+(?=[А-ЯЁA-Z«"])/.exec(line);
      if (!intro || BULLET_LINE.test(line)) return line;
      const rest = line.slice(intro[0].length);
      const items = rest.split(/\s+[-–—]\s+(?=[А-ЯЁA-Z«"])/);
      return [intro[1] ?? "", ...items.map((item) => `- ${item}`)].join("\n");
    })
    .join("\n");
  return out;
}

/**
 * Splits a block (a numbered item, or the whole cell) at its bullets. `prefix` is a heading
 * from outside («Heading: item»).
 */
function splitBullets(block: string, prefix: string): string[] {
  const text = bulletLines(block);
  const lines = text.split("\n");
  const withPrefix = (event: string): string => {
    const clean = finishEvent(event);
    if (clean === "") return "";
    return prefix === "" ? capitalise(clean) : `${prefix}: ${clean}`;
  };
  if (!lines.some((l) => BULLET_LINE.test(l) && l.replace(BULLET_LINE, "").trim() !== "")) {
    const whole = withPrefix(joinParagraphs(text));
    return whole === "" ? [] : [whole];
  }

  const out: string[] = [];
  let paragraph = "";
  let bullet: string | null = null;
  let heading = "";
  let blank = false;
  const emit = (event: string): void => {
    const full = heading === "" ? withPrefix(event) : withPrefix(`${heading}: ${finishEvent(event)}`);
    if (full !== "" && finishEvent(event) !== "") out.push(full);
  };
  for (const line of lines) {
    if (line.trim() === "") {
      blank = true;
      continue;
    }
    if (BULLET_LINE.test(line)) {
      const body = line.replace(BULLET_LINE, "");
      if (bullet !== null) emit(bullet);
      else if (paragraph.trim() !== "") {
        const p = cleanText(paragraph);
        if (p.endsWith(":")) heading = finishEvent(p.replace(/\s*:$/, ""));
        else {
          heading = "";
          out.push(withPrefix(p));
        }
        paragraph = "";
      }
      bullet = body;
    } else if (bullet !== null) {
      if (blank) {
        emit(bullet);
        bullet = null;
        heading = "";
        paragraph = line;
      } else bullet += ` ${line}`;
    } else if (blank && paragraph.trim() !== "") {
      out.push(withPrefix(paragraph));
      paragraph = line;
    } else paragraph += ` ${line}`;
    blank = false;
  }
  if (bullet !== null) emit(bullet);
  if (paragraph.trim() !== "") out.push(withPrefix(paragraph));
  return out.filter((e) => e !== "");
}

/** Splits a roadmap cell into its events; an empty cell gives none. */
export function splitEvents(cellText: string): string[] {
  const text = String(cellText ?? "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u2007\u202f\ufeff]/g, " ");
  if (cleanText(text) === "") return [];
  const numbered = splitNumbered(text);
  if (numbered === null) return splitBullets(text, "");

  const out: string[] = [];
  let prefix = "";
  const before = cleanText(numbered.before);
  if (before.endsWith(":")) prefix = finishEvent(before.replace(/\s*:$/, ""));
  else if (before !== "") out.push(...splitBullets(numbered.before, ""));
  for (const item of numbered.items) out.push(...splitBullets(item, prefix));
  return out;
}
