// Russian deadline phrases of a roadmap («Сроки») to concrete date windows.
//
// Pure TypeScript (bundled for Apps Script): no Node or Google API.
//
// Rules chosen for phrases a person would read loosely:
// - The academic year `academicYearStart` (2021 for 2021/22) places month names without a year:
//   September–December fall in its first calendar year, January–August in the second.
// - The *school year* window, used by «в течение года», «постоянно», «по мере необходимости»,
//   «по графику», «ежемесячно» …, is 1 September of the first year to 31 May of the second:
//   the teaching period; June–August hold exams and holidays and only appear when named.
// - «I полугодие» is 1 September – 31 December, «II полугодие» 1 January – 31 May (school halves).
//   A half-year with a calendar year («II полугодие 2022») is reported as not recognised: a school
//   may mean its own half or the calendar half, and the two differ.
// - Quarters («2 квартал 2022», «IV квартал») are calendar quarters; without a year, IV falls in the
//   first calendar year of the academic year and I–II in the second; III (July–September) straddles
//   two academic years and is reported as not recognised.
// - «до X» (also «к X», «по X», «не позднее X») is the window from 1 September of the academic year
//   to X, or X alone when X is earlier. X must be a day («до 05.11.2021», «до 15 сентября»), or
//   «конца …» / «начала …» of a period (its last / first day). «до сентября» is not recognised:
//   whether September itself is included is unclear.
// - «начало / середина / конец мая» are days 1–10 / 11–20 / 21–31; «первая … четвертая неделя
//   сентября» are days 1–7, 8–14, 15–21, 22–28, «последняя неделя» the last 7 days; «первая …
//   третья декада» are days 1–10, 11–20, 21–end of month.
// - A range of months without years («Ноябрь - июнь») starts in the academic year and runs
//   forward, into the next calendar year if needed; if it then leaves the academic year
//   («август - сентябрь») it is not recognised. A year written only at the end («август–сентябрь
//   2022», «Апрель –май 2022») belongs to both ends, the start moving one year back if it would
//   otherwise come after the end.
// - «ежемесячно» gives one occurrence per month of the window (the school year unless another
//   window is written); «ежеквартально» one per calendar quarter, clipped to the window;
//   «еженедельно», «по мере необходимости», «по графику» one occurrence: the whole window.
// - «Ежегодно в мае» gives the occurrence in this academic year only; the recurrence carries
//   the repetition.
// - Several phrases in one cell («Май 2022 Май 2023 Май 2024», «сентябрь, декабрь») give one
//   occurrence each, in the written order.
// - Anything else — impossible dates, a range ending before it starts, open ranges, words such as
//   «своевременно» — is returned unrecognised with a reason, never guessed.

export interface Occurrence {
  start: string; // ISO yyyy-mm-dd
  end: string; // ISO yyyy-mm-dd, start <= end
}

export type RecurrenceKind =
  | "yearly"
  | "monthly"
  | "weekly"
  | "quarterly"
  | "continuous"
  | "as-needed"
  | "by-schedule";

export type Recurrence = null | { kind: RecurrenceKind; text: string };

export interface Deadline {
  raw: string;
  recognised: boolean;
  occurrences: Occurrence[];
  recurrence: Recurrence;
  /** Russian, when not recognised: why. */
  problem?: string;
}

// ---------------------------------------------------------------------------------------------
// Dates

interface Ymd {
  y: number;
  m: number; // 1..12
  d: number;
}

interface Span {
  start: Ymd;
  end: Ymd;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function ord(a: Ymd): number {
  return a.y * 10000 + a.m * 100 + a.d;
}

function minYmd(a: Ymd, b: Ymd): Ymd {
  return ord(a) <= ord(b) ? a : b;
}

function maxYmd(a: Ymd, b: Ymd): Ymd {
  return ord(a) >= ord(b) ? a : b;
}

function iso(a: Ymd): string {
  return `${a.y}-${String(a.m).padStart(2, "0")}-${String(a.d).padStart(2, "0")}`;
}

function ru(a: Ymd): string {
  return `${String(a.d).padStart(2, "0")}.${String(a.m).padStart(2, "0")}.${a.y}`;
}

function monthSpan(y: number, m: number): Span {
  return { start: { y, m, d: 1 }, end: { y, m, d: daysInMonth(y, m) } };
}

/** The school year: 1 September of `ay` to 31 May of `ay + 1`. */
function schoolYear(ay: number): Span {
  return { start: { y: ay, m: 9, d: 1 }, end: { y: ay + 1, m: 5, d: 31 } };
}

function calendarYear(y: number): Span {
  return { start: { y, m: 1, d: 1 }, end: { y, m: 12, d: 31 } };
}

// ---------------------------------------------------------------------------------------------
// Tokens

type Tok = { kind: "num" | "word" | "punct"; text: string; value: number; at: number };

/**
 * Lower case, `ё` as `е`, every dash as «-». Character for character, so that token offsets point
 * into the raw text (for quoting it in problems).
 */
function normalizeText(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[‐‑‒–—―−]/g, "-");
}

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  for (const m of text.matchAll(/\d+|[a-z]+|[а-я]+|[^\s\u00a0\u2007\u202f\ufeff]/g)) {
    const s = m[0];
    const kind = /^\d/.test(s) ? "num" : /^[a-zа-я]/.test(s) ? "word" : "punct";
    toks.push({ kind, text: s, value: kind === "num" ? Number(s) : Number.NaN, at: m.index ?? 0 });
  }
  while (toks.length > 0 && toks[toks.length - 1]?.kind === "punct" && toks[toks.length - 1]?.text === ".") {
    toks.pop();
  }
  return toks;
}

/** A definite reason to reject the phrase (an impossible date, an ambiguous period…). */
class DeadlineProblem extends Error {}

// ---------------------------------------------------------------------------------------------
// Words

const MONTH_PATTERNS: Array<[RegExp, number]> = [
  [/^январ(ь|я|е|ю|ем)$/, 1],
  [/^феврал(ь|я|е|ю|ем)$/, 2],
  [/^март(а|е|у|ом)?$/, 3],
  [/^апрел(ь|я|е|ю|ем)$/, 4],
  [/^ма(й|я|е|ю|ем)$/, 5],
  [/^июн(ь|я|е|ю|ем)$/, 6],
  [/^июл(ь|я|е|ю|ем)$/, 7],
  [/^август(а|е|у|ом)?$/, 8],
  [/^сентябр(ь|я|е|ю|ем)$/, 9],
  [/^октябр(ь|я|е|ю|ем)$/, 10],
  [/^ноябр(ь|я|е|ю|ем)$/, 11],
  [/^декабр(ь|я|е|ю|ем)$/, 12],
];

const MONTH_ABBREVIATIONS: Record<string, number> = {
  янв: 1,
  фев: 2,
  февр: 2,
  мар: 3,
  апр: 4,
  июн: 6,
  июл: 7,
  авг: 8,
  сен: 9,
  сент: 9,
  окт: 10,
  ноя: 11,
  нояб: 11,
  дек: 12,
};

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

const YEAR_WORDS = ["г", "год", "года", "году"];
const SCHOOL_WORDS = ["учебный", "учебного", "учебном", "уч"];

// ---------------------------------------------------------------------------------------------
// Parser

/**
 * A period as written. `month` points may lack a year (it is inferred from the academic year or
 * from the other end of a range). `from`/`to` are days of the month; values <= 0 count from the
 * month's last day (0 = last day, -6 = a week before it).
 */
type Point =
  | {
      kind: "month";
      year: number | null;
      month: number;
      from: number;
      to: number;
      day: boolean;
      text: string;
    }
  | { kind: "span"; span: Span; text: string };

class Parser {
  pos = 0;

  constructor(
    private readonly toks: Tok[],
    private readonly ay: number,
    /** The raw text, same length as the normalised one the tokens were read from. */
    private readonly source: string,
  ) {}

  get done(): boolean {
    return this.pos >= this.toks.length;
  }

  peek(offset = 0): Tok | undefined {
    return this.toks[this.pos + offset];
  }

  /** The source text of tokens `start`..`pos - 1`, as the person wrote it. */
  private textFrom(start: number): string {
    const first = this.toks[start];
    const last = this.toks[this.pos - 1];
    if (!first || !last) return "";
    return cleanRaw(this.source.slice(first.at, last.at + last.text.length));
  }

  attempt<T>(fn: () => T | null): T | null {
    const save = this.pos;
    const r = fn();
    if (r === null) this.pos = save;
    return r;
  }

  word(...words: string[]): string | null {
    const t = this.peek();
    if (t?.kind === "word" && words.includes(t.text)) {
      this.pos++;
      return t.text;
    }
    return null;
  }

  wordLike(re: RegExp): string | null {
    const t = this.peek();
    if (t?.kind === "word" && re.test(t.text)) {
      this.pos++;
      return t.text;
    }
    return null;
  }

  /** A sequence of words, all or nothing. */
  words(...words: string[]): boolean {
    const save = this.pos;
    for (const w of words) {
      if (this.word(w) === null) {
        this.pos = save;
        return false;
      }
    }
    return true;
  }

  /** Tokens with exactly these texts, whatever their kind («1 раз в месяц»); all or nothing. */
  sequence(...texts: string[]): boolean {
    const n = texts.length;
    for (let i = 0; i < n; i++) {
      if (this.peek(i)?.text !== texts[i]) return false;
    }
    this.pos += n;
    return true;
  }

  punct(...ps: string[]): string | null {
    const t = this.peek();
    if (t?.kind === "punct" && ps.includes(t.text)) {
      this.pos++;
      return t.text;
    }
    return null;
  }

  num(minLen: number, maxLen: number): number | null {
    const t = this.peek();
    if (t?.kind === "num" && t.text.length >= minLen && t.text.length <= maxLen) {
      this.pos++;
      return t.value;
    }
    return null;
  }

  yearSuffix(): void {
    if (this.word(...YEAR_WORDS)) this.punct(".");
  }

  /** A four-digit year, with an optional «г.», «года». */
  year(): number | null {
    return this.attempt(() => {
      const y = this.num(4, 4);
      if (y === null || y < 1990 || y > 2100) return null;
      this.yearSuffix();
      return y;
    });
  }

  month(): number | null {
    const t = this.peek();
    if (t?.kind !== "word") return null;
    for (const [re, m] of MONTH_PATTERNS) {
      if (re.test(t.text)) {
        this.pos++;
        return m;
      }
    }
    const abbr = MONTH_ABBREVIATIONS[t.text];
    if (abbr !== undefined) {
      this.pos++;
      this.punct(".");
      return abbr;
    }
    return null;
  }

  /** 1..4 as «1», «1-е», «I», «первое», «первая»… */
  ordinal(): number | null {
    return this.attempt(() => {
      const t = this.peek();
      if (t?.kind === "num" && t.text.length === 1 && t.value >= 1 && t.value <= 4) {
        this.pos++;
        this.attempt(() =>
          this.punct("-") && this.wordLike(/^(е|й|я|го|ое|ый|ий|ая|м|ом|ой|ю)$/) ? true : null,
        );
        return t.value;
      }
      if (t?.kind === "word") {
        const roman = ROMAN[t.text];
        if (roman !== undefined) {
          this.pos++;
          return roman;
        }
        const n = /^перв/.test(t.text)
          ? 1
          : /^втор/.test(t.text)
            ? 2
            : /^трет/.test(t.text)
              ? 3
              : /^четверт/.test(t.text)
                ? 4
                : null;
        if (n !== null) this.pos++;
        return n;
      }
      return null;
    });
  }

  private monthPoint(
    start: number,
    year: number | null,
    month: number,
    from: number,
    to: number,
    day: boolean,
  ): Point {
    const maxDays = year === null ? (month === 2 ? 29 : daysInMonth(2000, month)) : daysInMonth(year, month);
    if (month < 1 || month > 12 || from > maxDays || to > maxDays || (day && from < 1)) {
      throw new DeadlineProblem(`несуществующая дата «${this.textFrom(start)}»`);
    }
    return { kind: "month", year, month, from, to, day, text: this.textFrom(start) };
  }

  /** «1.10.2021», «25.05.2024г.», «01.09», «1/10/21». */
  numericDate(): Point | null {
    const start = this.pos;
    const d = this.num(1, 2);
    if (d === null || !this.punct(".", "/")) return null;
    const m = this.num(1, 2);
    if (m === null) return null;
    let year: number | null = null;
    const save = this.pos;
    if (this.punct(".", "/")) {
      const t = this.peek();
      if (t?.kind === "num" && (t.text.length === 4 || t.text.length === 2)) {
        this.pos++;
        year = t.text.length === 2 ? 2000 + t.value : t.value;
        if (year < 1990 || year > 2100)
          throw new DeadlineProblem(`неверный год в дате «${this.textFrom(start)}»`);
        this.yearSuffix();
      } else {
        this.pos = save;
      }
    }
    if (d < 1) throw new DeadlineProblem(`несуществующая дата «${this.textFrom(start)}»`);
    return this.monthPoint(start, year, m, d, d, true);
  }

  /** «2021-10-01». */
  isoDate(): Point | null {
    const start = this.pos;
    const y = this.num(4, 4);
    if (y === null || !this.punct("-")) return null;
    const m = this.num(1, 2);
    if (m === null || !this.punct("-")) return null;
    const d = this.num(1, 2);
    if (d === null) return null;
    if (d < 1) throw new DeadlineProblem(`несуществующая дата «${this.textFrom(start)}»`);
    return this.monthPoint(start, y, m, d, d, true);
  }

  /** «20 декабря 2020 года», «15 сентября». */
  dayMonth(): Point | null {
    const start = this.pos;
    const d = this.num(1, 2);
    if (d === null) return null;
    const m = this.month();
    if (m === null) return null;
    const y = this.year();
    if (d < 1) throw new DeadlineProblem(`несуществующая дата «${this.textFrom(start)}»`);
    return this.monthPoint(start, y, m, d, d, true);
  }

  /** «Сентябрь», «декабрь 2020 года», «мае». */
  monthOnly(): Point | null {
    const start = this.pos;
    const m = this.month();
    if (m === null) return null;
    const y = this.year();
    return this.monthPoint(start, y, m, 1, 0, false);
  }

  /** «конец мая», «начало сентября», «первая неделя сентября», «третья декада мая». */
  partOfMonth(): Point | null {
    const start = this.pos;
    let from: number;
    let to: number;
    if (this.word("начало", "начале", "начала")) [from, to] = [1, 10];
    else if (this.word("середина", "середине", "середины", "середину")) [from, to] = [11, 20];
    else if (this.word("конец", "конце", "конца", "окончание")) [from, to] = [21, 0];
    else if (this.word("последняя", "последней", "последнюю")) {
      if (!this.wordLike(/^недел(я|е|и|ю)$/)) return null;
      [from, to] = [-6, 0];
    } else {
      const n = this.ordinal();
      if (n === null) return null;
      if (this.wordLike(/^недел(я|е|и|ю)$/)) [from, to] = [(n - 1) * 7 + 1, n * 7];
      else if (n <= 3 && this.wordLike(/^декад(а|е|ы|у)$/))
        [from, to] = n === 3 ? [21, 0] : [(n - 1) * 10 + 1, n * 10];
      else return null;
    }
    const m = this.month();
    if (m === null) return null;
    const y = this.year();
    return this.monthPoint(start, y, m, from, to, false);
  }

  /**
   * A reference to an academic year: «учебный год», «текущего учебного года», «2022-2023 учебный
   * год», «2022/2023 уч. год», «2022/23 уч.г.». Returns its first calendar year and, for «2021-2024
   * учебные годы», the last one.
   */
  schoolYearRef(): { first: number; last: number } | null {
    return this.attempt(() => {
      if (this.word("текущий", "текущего", "текущем", "этот", "этого", "этом") !== null) {
        if (!this.word(...SCHOOL_WORDS)) return null;
        this.punct(".");
        if (!this.word("год", "года", "году", "г")) return null;
        this.punct(".");
        return { first: this.ay, last: this.ay + 1 };
      }
      if (this.word("учебный", "учебного", "учебном")) {
        return this.word("год", "года", "году") ? { first: this.ay, last: this.ay + 1 } : null;
      }
      const start = this.pos;
      const y1 = this.num(4, 4);
      if (y1 === null || !this.punct("-", "/")) return null;
      const t = this.peek();
      if (t?.kind !== "num" || (t.text.length !== 4 && t.text.length !== 2)) return null;
      this.pos++;
      const y2 = t.text.length === 2 ? Math.floor(y1 / 100) * 100 + t.value : t.value;
      if (this.word("учебные", "учебных")) {
        if (!this.word("годы", "года", "годов", "годах")) return null;
        if (y2 <= y1) throw new DeadlineProblem(`неверный период учебных лет «${this.textFrom(start)}»`);
        return { first: y1, last: y2 };
      }
      if (!this.word(...SCHOOL_WORDS)) return null;
      this.punct(".");
      if (this.word("год", "года", "году", "г")) this.punct(".");
      if (y2 !== y1 + 1) {
        throw new DeadlineProblem(
          `учебный год «${this.textFrom(start)}» должен охватывать два соседних календарных года`,
        );
      }
      return { first: y1, last: y2 };
    });
  }

  /** «2022-2023 учебный год», «начало учебного года», «конец 2022/2023 уч. года». */
  schoolYearPoint(): Point | null {
    const start = this.pos;
    let part: "start" | "end" | null = null;
    if (this.word("начало", "начале", "начала")) part = "start";
    else if (this.word("конец", "конце", "конца", "окончание")) part = "end";
    const ref = this.schoolYearRef();
    if (ref === null) return null;
    const text = this.textFrom(start);
    if (part === "start")
      return {
        kind: "span",
        span: { start: { y: ref.first, m: 9, d: 1 }, end: { y: ref.first, m: 9, d: 10 } },
        text,
      };
    if (part === "end")
      return {
        kind: "span",
        span: { start: { y: ref.last, m: 5, d: 21 }, end: { y: ref.last, m: 5, d: 31 } },
        text,
      };
    return {
      kind: "span",
      span: { start: schoolYear(ref.first).start, end: schoolYear(ref.last - 1).end },
      text,
    };
  }

  /** «I полугодие», «2-е полугодие 2022/2023 учебного года». */
  half(): Point | null {
    const start = this.pos;
    const n = this.ordinal();
    if (n === null || n > 2) return null;
    if (!this.wordLike(/^полугод(ие|ия|ии|ье|ья|ьи)$/)) return null;
    let ay = this.ay;
    const ref = this.schoolYearRef();
    if (ref !== null) {
      if (ref.last !== ref.first + 1) return null;
      ay = ref.first;
    } else if (this.attempt(() => this.year()) !== null) {
      throw new DeadlineProblem(
        `«${this.textFrom(start)}» — неясно, учебное это полугодие или календарное; ` +
          "укажите учебный год («I полугодие 2022/2023 учебного года») или месяцы",
      );
    }
    const span: Span =
      n === 1
        ? { start: { y: ay, m: 9, d: 1 }, end: { y: ay, m: 12, d: 31 } }
        : { start: { y: ay + 1, m: 1, d: 1 }, end: { y: ay + 1, m: 5, d: 31 } };
    return { kind: "span", span, text: this.textFrom(start) };
  }

  /** «2 квартал 2022», «IV квартал». Calendar quarters. */
  quarter(): Point | null {
    const start = this.pos;
    const n = this.ordinal();
    if (n === null) return null;
    if (!this.wordLike(/^(квартал|квартала|квартале|кв)$/)) return null;
    this.punct(".");
    let y = this.year();
    if (y === null) {
      if (n === 3) {
        throw new DeadlineProblem(
          `«${this.textFrom(start)}» без года захватывает два учебных года (июль–сентябрь) — укажите год`,
        );
      }
      y = n === 4 ? this.ay : this.ay + 1;
    }
    const span: Span = {
      start: { y, m: n * 3 - 2, d: 1 },
      end: { y, m: n * 3, d: daysInMonth(y, n * 3) },
    };
    return { kind: "span", span, text: this.textFrom(start) };
  }

  point(): Point | null {
    return (
      this.attempt(() => this.numericDate()) ??
      this.attempt(() => this.isoDate()) ??
      this.attempt(() => this.dayMonth()) ??
      this.attempt(() => this.partOfMonth()) ??
      this.attempt(() => this.monthOnly()) ??
      this.attempt(() => this.half()) ??
      this.attempt(() => this.quarter()) ??
      this.attempt(() => this.schoolYearPoint())
    );
  }

  /** The calendar year a month without a year falls in. */
  private monthYear(month: number): number {
    return month >= 9 ? this.ay : this.ay + 1;
  }

  private monthPointSpan(p: Extract<Point, { kind: "month" }>, year: number): Span {
    const last = daysInMonth(year, p.month);
    const from = p.from <= 0 ? last + p.from : p.from;
    const to = p.to <= 0 ? last + p.to : p.to;
    if (from > last || to > last) {
      throw new DeadlineProblem(`несуществующая дата «${p.text}» (${year} год)`);
    }
    return { start: { y: year, m: p.month, d: from }, end: { y: year, m: p.month, d: to } };
  }

  resolve(p: Point): Span {
    if (p.kind === "span") return p.span;
    return this.monthPointSpan(p, p.year ?? this.monthYear(p.month));
  }

  resolveRange(a: Point, b: Point, text: string): Span {
    let sa: Span;
    let sb: Span;
    if (a.kind === "month" && b.kind === "month") {
      let ya = a.year;
      let yb = b.year;
      if (ya === null && yb !== null) ya = a.month <= b.month ? yb : yb - 1;
      else if (ya !== null && yb === null) yb = b.month >= a.month ? ya : ya + 1;
      else if (ya === null || yb === null) {
        ya = this.monthYear(a.month);
        yb = b.month >= a.month ? ya : ya + 1;
        if (yb * 12 + b.month > (this.ay + 1) * 12 + 8) {
          throw new DeadlineProblem(
            `период «${text}» без года выходит за границы учебного года — укажите год`,
          );
        }
      }
      sa = this.monthPointSpan(a, ya);
      sb = this.monthPointSpan(b, yb);
    } else {
      sa = this.resolve(a);
      sb = this.resolve(b);
    }
    if (ord(sb.end) < ord(sa.start) || ord(sb.start) < ord(sa.start)) {
      throw new DeadlineProblem(`в периоде «${text}» конец (${ru(sb.end)}) раньше начала (${ru(sa.start)})`);
    }
    return { start: sa.start, end: sb.end };
  }

  /** «Сентябрь - октябрь», «1.10.2021- 20.10.2021», «с 1 по 15 сентября», «1–15 сентября», or one point. */
  rangeItem(): Span | null {
    return this.attempt(() => {
      const start = this.pos;
      const withFrom = this.word("с", "со") !== null;
      let a: Point | null = this.point();
      let bareDay: number | null = null;
      if (a === null) {
        bareDay = this.num(1, 2);
        if (bareDay === null || bareDay < 1 || bareDay > 31) return null;
      }
      const connector = withFrom ? (this.word("по", "до") ?? this.punct("-")) : this.punct("-");
      if (connector === null) {
        if (a === null) return null;
        if (withFrom) throw new DeadlineProblem(`у периода «${this.textFrom(start)}» не указан конец`);
        return this.resolve(a);
      }
      const b = this.point();
      if (b === null) return null;
      if (a === null) {
        if (b.kind !== "month" || !b.day || bareDay === null) return null;
        a = { ...b, from: bareDay, to: bareDay, text: String(bareDay) };
        if (bareDay > (b.month === 2 ? 29 : daysInMonth(2000, b.month))) {
          throw new DeadlineProblem(`несуществующая дата в «${this.textFrom(start)}»`);
        }
      }
      return this.resolveRange(a, b, this.textFrom(start));
    });
  }

  /** «до 05.11.2021», «к 1 сентября», «не позднее 15.11.2021», «до конца мая», «к началу учебного года». */
  byItem(): Span | null {
    return this.attempt(() => {
      const start = this.pos;
      const ok =
        this.word("до", "к", "ко", "по") !== null || this.words("не", "позднее") || this.words("не", "позже");
      if (!ok) return null;
      let end: Ymd;
      if (this.word("конца", "окончания")) {
        const p = this.point();
        if (p === null) return null;
        end = this.resolve(p).end;
      } else if (this.word("начала", "началу")) {
        const p = this.point();
        if (p === null) return null;
        end = this.resolve(p).start;
      } else {
        const p = this.point();
        if (p === null) return null;
        if (p.kind !== "month" || !p.day) {
          let hint = "";
          if (p.kind === "month" && p.from === 1 && p.to === 0) {
            const y = p.year ?? this.monthYear(p.month);
            const before = p.month === 1 ? { y: y - 1, m: 12 } : { y, m: p.month - 1 };
            hint = `, например «до ${ru({ ...before, d: daysInMonth(before.y, before.m) })}» или «до ${ru({ y, m: p.month, d: daysInMonth(y, p.month) })}»`;
          }
          throw new DeadlineProblem(
            `в сроке «${this.textFrom(start)}» неясно, входит ли сам ${hint === "" ? "период" : "месяц"} ` +
              `в срок — укажите дату${hint}`,
          );
        }
        end = this.resolve(p).end;
      }
      const ayStart: Ymd = { y: this.ay, m: 9, d: 1 };
      return { start: minYmd(ayStart, end), end };
    });
  }

  item(allowBy = true): Span | null {
    const by = allowBy ? this.byItem() : null;
    if (by !== null) return by;
    return this.attempt(() => {
      this.word("в", "во");
      return this.rangeItem();
    });
  }

  /** Items one after another, with or without «,», «;», «и» between them. */
  list(): Span[] | null {
    const first = this.item();
    if (first === null) return null;
    const out = [first];
    while (!this.done) {
      const save = this.pos;
      // «до X» only after a separator: «1.10.2021 до 20.10.2021» is not a list of two.
      const separated = this.punct(",", ";", ".") !== null || this.word("и") !== null;
      const next = this.item(separated);
      if (next === null) {
        this.pos = save;
        break;
      }
      out.push(next);
    }
    return out;
  }

  /** «в течение года», «в течение 2022 года», «на протяжении всего учебного года», «в течение сентября». */
  during(): Span[] | null {
    return this.attempt(() => {
      if (!(this.words("в", "течение") || this.words("в", "течении") || this.words("на", "протяжении")))
        return null;
      this.word("всего", "всей");
      if (this.word("года")) return [schoolYear(this.ay)];
      const y = this.attempt(() => {
        const v = this.num(4, 4);
        if (v === null || this.word("года", "г") === null) return null;
        this.punct(".");
        return v;
      });
      if (y !== null) return [calendarYear(y)];
      return this.list();
    });
  }

  /** Whole calendar years: «2022 год», «в 2022 году», «2021-2024 гг.». Only as the whole phrase. */
  calendarYears(): Span | null {
    return this.attempt(() => {
      const start = this.pos;
      this.word("в", "во");
      const y1 = this.num(4, 4);
      if (y1 === null || y1 < 1990 || y1 > 2100) return null;
      if (this.punct("-", "/")) {
        const y2 = this.num(4, 4);
        if (y2 === null || y2 < 1990 || y2 > 2100) return null;
        const plural = this.word("гг", "годы", "годах", "годов") !== null;
        if (plural) this.punct(".");
        if (!this.done) return null;
        if (!plural) {
          throw new DeadlineProblem(
            `«${this.textFrom(start)}» — неясно, учебный это год или календарные; ` +
              `напишите «${y1}-${y2} учебный год» или «${y1}-${y2} гг.»`,
          );
        }
        if (y2 < y1) throw new DeadlineProblem(`в периоде «${this.textFrom(start)}» конец раньше начала`);
        return { start: calendarYear(y1).start, end: calendarYear(y2).end };
      }
      this.yearSuffix();
      return this.done ? calendarYear(y1) : null;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Recurrences

const FREQUENCY_PHRASES: Array<[RecurrenceKind, string[][]]> = [
  [
    "monthly",
    [
      ["ежемесячно"],
      ["каждый", "месяц"],
      ["раз", "в", "месяц"],
      ["1", "раз", "в", "месяц"],
      ["один", "раз", "в", "месяц"],
    ],
  ],
  [
    "weekly",
    [
      ["еженедельно"],
      ["каждую", "неделю"],
      ["раз", "в", "неделю"],
      ["1", "раз", "в", "неделю"],
      ["один", "раз", "в", "неделю"],
    ],
  ],
  [
    "quarterly",
    [
      ["ежеквартально"],
      ["каждый", "квартал"],
      ["раз", "в", "квартал"],
      ["1", "раз", "в", "квартал"],
      ["один", "раз", "в", "квартал"],
    ],
  ],
  [
    "as-needed",
    [
      ["по", "мере", "необходимости"],
      ["при", "необходимости"],
      ["по", "необходимости"],
      ["по", "запросу"],
      ["по", "запросам"],
    ],
  ],
  [
    "by-schedule",
    [
      ["по", "графику"],
      ["согласно", "графику"],
      ["в", "соответствии", "с", "графиком"],
      ["по", "отдельному", "графику"],
      ["по", "утвержденному", "графику"],
      ["по", "плану"],
      ["согласно", "плану"],
      ["в", "соответствии", "с", "планом"],
    ],
  ],
];

const YEARLY_PHRASES = [
  ["ежегодно"],
  ["каждый", "год"],
  ["раз", "в", "год"],
  ["1", "раз", "в", "год"],
  ["один", "раз", "в", "год"],
];

function matchPhrase(p: Parser, phrases: string[][]): boolean {
  return phrases.some((texts) => p.sequence(...texts));
}

function monthlyOccurrences(window: Span): Span[] {
  const out: Span[] = [];
  let y = window.start.y;
  let m = window.start.m;
  while (y * 12 + m <= window.end.y * 12 + window.end.m) {
    const s = monthSpan(y, m);
    out.push({ start: maxYmd(s.start, window.start), end: minYmd(s.end, window.end) });
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

function quarterlyOccurrences(window: Span): Span[] {
  const out: Span[] = [];
  let y = window.start.y;
  let q = Math.floor((window.start.m - 1) / 3);
  while (y * 4 + q <= window.end.y * 4 + Math.floor((window.end.m - 1) / 3)) {
    const s: Span = {
      start: { y, m: q * 3 + 1, d: 1 },
      end: { y, m: q * 3 + 3, d: daysInMonth(y, q * 3 + 3) },
    };
    out.push({ start: maxYmd(s.start, window.start), end: minYmd(s.end, window.end) });
    q++;
    if (q > 3) [y, q] = [y + 1, 0];
  }
  return out;
}

function recurrenceText(raw: string): string {
  const text = cleanRaw(raw).replace(/[.\s]+$/, "");
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function cleanRaw(raw: string): string {
  return raw.replace(/[\s\u00a0\u2007\u202f\ufeff]+/g, " ").trim();
}

interface Parsed {
  spans: Span[];
  recurrence: Recurrence;
}

function parseAll(p: Parser, ay: number, raw: string): Parsed | null {
  // Frequencies: «ежемесячно», «по графику» … optionally with a window («ежемесячно в течение 2022 года»).
  for (const [kind, phrases] of FREQUENCY_PHRASES) {
    const parsed = p.attempt((): Parsed | null => {
      if (!matchPhrase(p, phrases)) return null;
      let windows: Span[] = [schoolYear(ay)];
      if (!p.done) {
        p.punct(",", ":");
        const w = p.during() ?? p.list();
        if (w === null || !p.done) return null;
        windows = w;
      }
      const rec = { kind, text: recurrenceText(raw) };
      if (kind === "monthly") return { spans: windows.flatMap(monthlyOccurrences), recurrence: rec };
      if (kind === "quarterly") return { spans: windows.flatMap(quarterlyOccurrences), recurrence: rec };
      return { spans: windows, recurrence: rec };
    });
    if (parsed !== null) return parsed;
  }

  // «Ежегодно в мае», «ежегодно»: this academic year's occurrence; the recurrence repeats it.
  const yearly = p.attempt((): Parsed | null => {
    if (!matchPhrase(p, YEARLY_PHRASES)) return null;
    let spans: Span[] = [schoolYear(ay)];
    if (!p.done) {
      p.punct(",", ":", "-");
      const inner = p.list();
      if (inner === null || !p.done) return null;
      spans = inner;
    }
    return { spans, recurrence: { kind: "yearly", text: recurrenceText(raw) } };
  });
  if (yearly !== null) return yearly;

  // «постоянно», «в течение года», «весь учебный год», «в течение 2022 года».
  const continuous = p.attempt((): Parsed | null => {
    let spans: Span[] | null = null;
    if (p.word("постоянно", "круглогодично")) {
      spans = p.done ? [schoolYear(ay)] : p.during();
    } else if (p.words("весь", "год") || p.words("весь", "учебный", "год")) {
      spans = [schoolYear(ay)];
    } else {
      spans = p.during();
    }
    if (spans === null || !p.done) return null;
    return { spans, recurrence: { kind: "continuous", text: recurrenceText(raw) } };
  });
  if (continuous !== null) return continuous;

  const years = p.calendarYears();
  if (years !== null) return { spans: [years], recurrence: null };

  const list = p.attempt(() => {
    const l = p.list();
    return l !== null && p.done ? l : null;
  });
  if (list !== null) return { spans: list, recurrence: null };
  return null;
}

const NOT_SPECIFIED = new Set(["", "-", "--", "---", "нет", "не указан", "не указано", "?"]);

/**
 * Reads a roadmap deadline («Сентябрь - октябрь», «До 05.11.2021», «Ежегодно в мае»…) for the
 * academic year that starts in September of `academicYearStart`.
 */
export function parseDeadline(raw: string, academicYearStart: number): Deadline {
  const source = String(raw ?? "");
  const text = normalizeText(source);
  // Lower-casing keeps the length for Russian and Latin; if some exotic letter changed it, quote the
  // normalised text instead of the raw one.
  const quoted = text.length === source.length ? source : text;
  const notRecognised = (problem: string): Deadline => ({
    raw,
    recognised: false,
    occurrences: [],
    recurrence: null,
    problem,
  });
  if (NOT_SPECIFIED.has(cleanRaw(text).replace(/[.\s]+$/, ""))) return notRecognised("срок не указан");

  const toks = tokenize(text);
  const parser = new Parser(toks, academicYearStart, quoted);
  let parsed: Parsed | null;
  try {
    parsed = parseAll(parser, academicYearStart, raw);
  } catch (e) {
    if (e instanceof DeadlineProblem) return notRecognised(e.message);
    throw e;
  }
  if (parsed === null || parsed.spans.length === 0) {
    return notRecognised(
      `не удалось понять срок «${cleanRaw(source)}»: укажите дату («15.11.2021»), месяц («сентябрь», ` +
        "«сентябрь - октябрь») или период («до 15.11.2021», «в течение года», «ежегодно в мае»)",
    );
  }
  return {
    raw,
    recognised: true,
    occurrences: parsed.spans.map((s) => ({ start: iso(s.start), end: iso(s.end) })),
    recurrence: parsed.recurrence,
  };
}
