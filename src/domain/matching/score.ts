// Compatibility of mentor–mentee pairs («Подбор пар»): the hard rules a pair must pass, and a
// score that is a weighted sum of criteria with a Russian breakdown adding up exactly to it.
// A whole cohort (10,000 mentees × 2,000 mentors) is scored in one pass over precomputed
// integer features, keeping the best K mentors of each mentee. Pure TypeScript.

import { ADULT_AGE_BAND } from "../forms";
import { cleanText, type DateOnly, matchKey } from "../normalize";
import { listValues, SETTINGS } from "../schema";
import {
  CRITERIA,
  type LockedPair,
  type MenteeProfile,
  type MentorProfile,
  type PairScore,
  type Preferences,
  type ScorePart,
  type Weights,
} from "./types";

// ---------------------------------------------------------------------------------------
// Settings

/** What scoring needs besides the two bases. */
export interface MatchContext {
  /** The day ages are counted on. */
  today: DateOnly;
  weights: Weights;
  /** Pairs scoring below this (0–100) are not proposed. */
  minScore: number;
  /** Ranked choices from «Выбор наставника после встречи». */
  preferences?: Preferences;
  /** Pairs the curator has excluded. */
  excluded?: readonly LockedPair[];
  /** Pairs the curator has fixed: always scored and kept, whatever the rules say. */
  locked?: readonly LockedPair[];
}

function settingDefault(key: string): number {
  const s = SETTINGS.find((x) => x.key === key);
  return s && typeof s.value === "number" ? s.value : 0;
}

/** The weights written by set-up into «Настройки». */
export const DEFAULT_WEIGHTS: Weights = Object.fromEntries(
  CRITERIA.map((c) => [c.key, settingDefault(c.setting)]),
) as Weights;

export const DEFAULT_MIN_SCORE = settingDefault("minMatchScore");

/** Mentors kept per mentee after scoring a cohort (the rest are counted as pruned). */
export const DEFAULT_TOP_K = 20;

/** Mentees kept per mentor besides its places (see ScoreCohortOptions.mentorTopK). */
export const DEFAULT_MENTOR_TOP_K = 20;

function readNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string") {
    const t = value.replace(/\s/g, "").replace(",", ".");
    if (/^[-+]?\d+(\.\d+)?$/.test(t)) return Number(t);
  }
  return null;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Weights from the values of «Настройки» (numbers or text); missing or unreadable ones take defaults. */
export function weightsFromSettings(values: Readonly<Record<string, unknown>>): Weights {
  const out = { ...DEFAULT_WEIGHTS };
  for (const c of CRITERIA) {
    const n = readNumber(values[c.setting]);
    if (n !== null) out[c.key] = clamp(n, 0, 100);
  }
  return out;
}

/** «Минимальная оценка совместимости» from «Настройки», 0–100. */
export function minScoreFromSettings(values: Readonly<Record<string, unknown>>): number {
  const n = readNumber(values.minMatchScore);
  return n === null ? DEFAULT_MIN_SCORE : clamp(n, 0, 100);
}

// ---------------------------------------------------------------------------------------
// Categories and forms of mentorship

const E_OTHER = 0;
const E_TEACHER = 1;
const E_PUPIL = 2;
const E_STUDENT = 3;

function menteeKind(category: string): number {
  const k = matchKey(category);
  if (/обучающ|ученик|школьник|воспитанник/.test(k)) return E_PUPIL;
  if (k.includes("студент")) return E_STUDENT;
  if (/педагог|учител|преподават|специалист|воспитател|молод/.test(k)) return E_TEACHER;
  return E_OTHER;
}

const R_OTHER = 0;
const R_TEACHER = 1;
const R_HEAD = 2;
const R_PUPIL = 3;
const R_STUDENT = 4;
const R_ALUMNUS = 5;
const R_EXTERNAL = 6;

function mentorKind(category: string): number {
  const k = matchKey(category);
  if (/руковод|директор|заместител|завуч/.test(k)) return R_HEAD;
  if (/обучающ|ученик|школьник/.test(k)) return R_PUPIL;
  if (k.includes("студент")) return R_STUDENT;
  if (k.includes("выпускник")) return R_ALUMNUS;
  if (/педагог|учител|преподават|воспитател|методист/.test(k)) return R_TEACHER;
  if (
    /сотрудник|предприят|предприним|работодател|нко|партнер|родител|организац|волонтер|представител/.test(k)
  )
    return R_EXTERNAL;
  return R_OTHER;
}

function formFor(e: number, r: number): string | null {
  switch (e) {
    case E_TEACHER:
      if (r === R_TEACHER) return "Учитель – учитель";
      if (r === R_HEAD) return "Руководитель – педагог";
      return null;
    case E_PUPIL:
      if (r === R_PUPIL) return "Ученик – ученик";
      if (r === R_STUDENT || r === R_ALUMNUS) return "Студент – ученик";
      if (r === R_EXTERNAL) return "Работодатель – ученик";
      return null;
    case E_STUDENT:
      if (r === R_STUDENT) return "Студент – студент";
      if (r === R_TEACHER || r === R_HEAD) return "Педагог – студент";
      if (r === R_EXTERNAL || r === R_ALUMNUS) return "Работодатель – студент";
      return null;
    default:
      return null;
  }
}

/**
 * The form of mentorship («наставник – наставляемый») the two categories imply, from the list
 * «Формы наставничества»; null when the combination makes no sense (a hard rule).
 */
export function impliedForm(menteeCategory: string, mentorCategory: string): string | null {
  return formFor(menteeKind(menteeCategory), mentorKind(mentorCategory));
}

// ---------------------------------------------------------------------------------------
// Ages, audience, time

/** Full years at `today`; null without a birth date. */
export function ageOf(birthDate: DateOnly | null, today: DateOnly): number | null {
  if (!birthDate) return null;
  let age = today.year - birthDate.year;
  if (today.month < birthDate.month || (today.month === birthDate.month && today.day < birthDate.day)) age--;
  return age;
}

const A_TEACHER = 1;
const A_YOUNG = 2;
const A_NEWPOST = 4;
const A_PUPIL = 8;
const A_STUDENT = 16;

interface AudienceSpec {
  /** Empty: anyone. */
  any: boolean;
  /** Something in the text was understood. */
  recognised: boolean;
  cats: number;
  /** Bit n: class n (1–11); 0: no classes named. */
  classes: number;
  /** Bit n: course n (1–6); 0: no courses named. */
  courses: number;
  ageMin: number;
  ageMax: number;
}

function rangeBits(text: string, lo: number, hi: number): number {
  let bits = 0;
  for (const m of text.matchAll(/(\d{1,2})(?:-(\d{1,2}))?/g)) {
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let x = Math.max(lo, Math.min(a, b)); x <= Math.min(hi, Math.max(a, b)); x++) bits |= 1 << x;
  }
  return bits;
}

/** Reads the mentor's free text «7–9 классы», «14–16 лет», «молодые педагоги», «студенты 1 курса». */
function parseAudience(text: string): AudienceSpec {
  const spec: AudienceSpec = {
    any: false,
    recognised: false,
    cats: 0,
    classes: 0,
    courses: 0,
    ageMin: -1,
    ageMax: -1,
  };
  const all = matchKey(text);
  if (all === "" || /^(любы[ех]|любой|все|всех|без разницы|не важно|неважно|-)$/.test(all)) {
    spec.any = true;
    return spec;
  }
  let ageSeen = false;
  for (const raw of all.split(/[;\n]|,(?=\s*[^\d\s])/)) {
    const seg = raw
      .replace(/(\d)\s*-\s*(?:х|й|го|ые|ых|ой|ом|ти|ми|и|е)(?![а-я])/g, "$1")
      .replace(/(\d)\s*(?:-|по|до)\s*(\d)/g, "$1-$2")
      .trim();
    if (seg === "") continue;
    if (/(^|[^а-я])(любы[ех]|любой|любого|все|всех)([^а-я]|$)/.test(seg) && !/\d/.test(seg)) {
      spec.any = true;
      return spec;
    }
    if (/молод/.test(seg)) spec.cats |= A_YOUNG;
    else if (/нов[а-я]* в должност|новичк|пришедш/.test(seg)) spec.cats |= A_NEWPOST;
    else if (/педагог|учител|коллег|преподават|воспитател/.test(seg)) spec.cats |= A_TEACHER;
    if (/студент|курс/.test(seg)) spec.cats |= A_STUDENT;
    if (/ученик|школьник|обучающ|подрост|дет[еиья]|класс|старшекласс/.test(seg)) spec.cats |= A_PUPIL;
    if (/класс/.test(seg)) {
      let bits = rangeBits(seg.replace(/\d+\s*(лет|год)/g, ""), 1, 11);
      if (bits === 0) {
        if (/начальн|младш/.test(seg)) bits = rangeBits("1-4", 1, 11);
        else if (/средн/.test(seg)) bits = rangeBits("5-9", 1, 11);
        else if (/старш/.test(seg)) bits = rangeBits("9-11", 1, 11);
      }
      spec.classes |= bits;
    } else if (/старшекласс/.test(seg)) spec.classes |= rangeBits("9-11", 1, 11);
    else if (/младш[а-я]* школьник/.test(seg)) spec.classes |= rangeBits("1-4", 1, 11);
    if (/курс/.test(seg)) spec.courses |= rangeBits(seg, 1, 6);
    if (/лет|год|возраст/.test(seg)) {
      let lo = -1;
      let hi = -1;
      const range = /(\d{1,2})-(\d{1,2})/.exec(seg);
      const from = /(?:от|с)\s*(\d{1,2})/.exec(seg);
      const to = /до\s*(\d{1,2})/.exec(seg);
      const older = /старше\s*(\d{1,2})/.exec(seg);
      const younger = /младше\s*(\d{1,2})/.exec(seg);
      const plus = /(\d{1,2})\s*\+/.exec(seg);
      if (range) {
        lo = Number(range[1]);
        hi = Number(range[2]);
      } else {
        if (from) lo = Number(from[1]);
        if (older) lo = Number(older[1]) + 1;
        if (plus) lo = Number(plus[1]);
        if (to) hi = Number(to[1]);
        if (younger) hi = Number(younger[1]) - 1;
        if (lo < 0 && hi < 0) {
          const one = /(\d{1,2})/.exec(seg);
          if (one) lo = hi = Number(one[1]);
        }
      }
      if (lo >= 0 || hi >= 0) {
        spec.ageMin = ageSeen ? (lo < 0 || spec.ageMin < 0 ? -1 : Math.min(spec.ageMin, lo)) : lo;
        spec.ageMax = ageSeen ? (hi < 0 || spec.ageMax < 0 ? -1 : Math.max(spec.ageMax, hi)) : hi;
        ageSeen = true;
      }
    }
  }
  spec.recognised = spec.cats !== 0 || spec.classes !== 0 || spec.courses !== 0 || ageSeen;
  return spec;
}

/** Class number (1–11) from «7Б», «7 «А» класс», «ученик 8 класса»; 0 when unknown. */
function classOf(position: string): number {
  const k = matchKey(position);
  let n = 0;
  if (k.includes("класс")) n = Number(/(\d{1,2})/.exec(k)?.[1] ?? 0);
  else {
    const m = /^(\d{1,2})\s*-?\s*["«]?[а-яa-z]?["»]?$/.exec(k);
    if (m) n = Number(m[1]);
  }
  return n >= 1 && n <= 11 ? n : 0;
}

/** Course (1–6) from «2 курс», «студент 3-го курса»; 0 when unknown. */
function courseOf(position: string): number {
  const m = /(\d)\s*(?:-?\s*[а-я]{1,2})?\s*курс/.exec(matchKey(position));
  const n = m ? Number(m[1]) : 0;
  return n >= 1 && n <= 6 ? n : 0;
}

interface MenteeAudience {
  kind: number;
  bits: number;
  /** Bits that may apply but the data cannot tell (young specialist without experience). */
  maybe: number;
  classNo: number;
  courseNo: number;
  age: number;
}

function menteeAudience(mentee: MenteeProfile, today: DateOnly): MenteeAudience {
  const kind = menteeKind(mentee.category);
  const cat = matchKey(mentee.category);
  let bits = 0;
  let maybe = 0;
  if (kind === E_TEACHER) {
    bits |= A_TEACHER;
    const exp = mentee.experienceYears;
    if (cat.includes("молод") || (exp !== null && exp <= 3)) bits |= A_YOUNG;
    else if (exp === null) maybe |= A_YOUNG;
    if (/нов[а-я]* в должност/.test(cat)) bits |= A_NEWPOST;
  } else if (kind === E_PUPIL) bits |= A_PUPIL;
  else if (kind === E_STUDENT) bits |= A_STUDENT;
  return {
    kind,
    bits,
    maybe,
    classNo: kind === E_PUPIL ? classOf(mentee.position) : 0,
    courseNo: kind === E_STUDENT ? courseOf(mentee.position) : 0,
    age: ageOf(mentee.birthDate, today) ?? -1,
  };
}

/** 1: fits, 0: does not, 0.5: cannot tell. */
function audienceFraction(a: MenteeAudience, s: AudienceSpec): number {
  if (s.any) return 1;
  if (!s.recognised) return 0.5;
  let unknown = false;
  if (s.cats !== 0 && (a.bits & s.cats) === 0) {
    if ((a.maybe & s.cats) === 0) return 0;
    unknown = true;
  }
  if (s.classes !== 0 && a.kind === E_PUPIL) {
    if (a.classNo === 0) unknown = true;
    else if ((s.classes & (1 << a.classNo)) === 0) return 0;
  }
  if (s.courses !== 0 && a.kind === E_STUDENT) {
    if (a.courseNo === 0) unknown = true;
    else if ((s.courses & (1 << a.courseNo)) === 0) return 0;
  }
  if (s.ageMin >= 0 || s.ageMax >= 0) {
    if (a.age < 0) unknown = true;
    else if ((s.ageMin >= 0 && a.age < s.ageMin) || (s.ageMax >= 0 && a.age > s.ageMax)) return 0;
  }
  return unknown ? 0.5 : 1;
}

/**
 * Whether the mentee fits the mentor's preferred mentees (free text: classes «5–7 классы»,
 * ages «14–16 лет», categories «молодые педагоги», «студенты»; empty = anyone).
 * null when the text or the mentee's data do not tell.
 */
export function audienceFits(mentee: MenteeProfile, mentor: MentorProfile, today: DateOnly): boolean | null {
  const f = audienceFraction(menteeAudience(mentee, today), parseAudience(mentor.preferredMentees));
  return f === 1 ? true : f === 0 ? false : null;
}

const DAY_PATTERNS: readonly RegExp[] = [
  /понедельн|(^|[^а-я])пн([^а-я]|$)/,
  /вторник|(^|[^а-я])вт([^а-я]|$)/,
  /сред[ауы]|(^|[^а-я])ср([^а-я]|$)/,
  /четверг|(^|[^а-я])чт([^а-я]|$)/,
  /пятниц|(^|[^а-я])пт([^а-я]|$)/,
  /суббот|(^|[^а-я])сб([^а-я]|$)/,
  /воскресен|(^|[^а-я])вс([^а-я]|$)/,
];

/** Bit 3·day + part (day 0 = Monday; part 0 morning, 1 afternoon, 2 evening); 0 when unknown. */
function timeMask(text: string): number {
  const k = matchKey(text);
  if (k === "") return 0;
  let days = 0;
  DAY_PATTERNS.forEach((re, d) => {
    if (re.test(k)) days |= 1 << d;
  });
  if (/будн/.test(k)) days |= 0b0011111;
  if (/выходн/.test(k)) days |= 0b1100000;
  if (/любо[йе] день|ежедневн|каждый день/.test(k)) days = 0b1111111;
  let parts = 0;
  if (/утр/.test(k)) parts |= 1;
  if (/днем|в течение дня|обед|после урок|после занят|после пар/.test(k)) parts |= 2;
  if (/вечер/.test(k)) parts |= 4;
  for (const m of k.matchAll(/(?:(\d{1,2})[:.]\d{2}|(?:с|после|от|в)\s*(\d{1,2})(?![\d.:]))/g)) {
    const h = Number(m[1] ?? m[2]);
    if (h >= 6 && h < 12) parts |= 1;
    else if (h >= 12 && h < 17) parts |= 2;
    else if (h >= 17 && h <= 23) parts |= 4;
  }
  if (/любое время|в любое/.test(k)) parts = 7;
  if (days === 0 && parts === 0) return 0;
  if (days === 0) days = 0b1111111;
  if (parts === 0) parts = 7;
  let mask = 0;
  for (let d = 0; d < 7; d++) if (days & (1 << d)) mask |= parts << (3 * d);
  return mask;
}

const F_NONE = 0;
const F_FACE = 1;
const F_REMOTE = 2;
const F_MIXED = 3;
const FORMAT_NAMES = ["не указан", "очно", "дистанционно", "смешанный"];

function formatCode(text: string): number {
  const k = matchKey(text);
  if (k === "") return F_NONE;
  if (/смешан|комбинир|гибрид/.test(k)) return F_MIXED;
  const face = /(^|[^а-я])очн/.test(k);
  const remote = /дистанц|онлайн|online|удален|видео/.test(k);
  if (face && remote) return F_MIXED;
  if (face) return F_FACE;
  if (remote) return F_REMOTE;
  return F_NONE;
}

// ---------------------------------------------------------------------------------------
// Words

const STOP = new Set(
  "для при как что это так или его все всё мой моя мои мне меня очень также хочу хотел хотела люблю нравится интересуюсь увлекаюсь занимаюсь нужна нужно помощь научиться работа работы работе работать вопросы вопрос".split(
    " ",
  ),
);
const SUBJECT_STOP = new Set(["учител", "препод", "педаго", "предме", "язык", "дисцип", "курс", "класс"]);

/** Longest first. */
const ENDINGS =
  "иями ями ами ого его ому ему ыми ими иях ях ах ов ев ей ой ий ый ая яя ое ее ые ие ую юю ом ем ам ям ых их ым им ию ия ь а я ы и е у ю о".split(
    " ",
  );

/** A crude Russian stem: common endings off, at most six letters. */
function stem(word: string): string {
  for (const end of ENDINGS) {
    if (word.length - end.length >= 3 && word.endsWith(end)) {
      word = word.slice(0, -end.length);
      break;
    }
  }
  return word.slice(0, 6);
}

/** The significant words of a text with their stems, in order. */
function words(text: string): { word: string; stem: string }[] {
  const out: { word: string; stem: string }[] = [];
  for (const w of matchKey(text).split(/[^a-zа-я0-9]+/)) {
    if (w.length < 3 || STOP.has(w) || /^\d+$/.test(w)) continue;
    out.push({ word: w, stem: stem(w) });
  }
  return out;
}

/** Items of a list cell: «Математика, физика; информатика». */
function items(text: string): string[] {
  return cleanText(text)
    .split(/\s*[,;/\n]\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Normalised full name: words sorted, so «Анна Иванова» = «Иванова Анна». */
function nameKey(fullName: string): string {
  return matchKey(fullName)
    .replace(/[^a-zа-я0-9 ]/g, " ")
    .split(" ")
    .filter((w) => w !== "")
    .sort()
    .join(" ");
}

class Dict {
  private readonly map = new Map<string, number>();
  readonly names: string[] = [];
  id(key: string): number {
    let id = this.map.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.map.set(key, id);
      this.names.push(key);
    }
    return id;
  }
  get(key: string): number {
    return this.map.get(key) ?? -1;
  }
}

/** Lists of integers, one per person, in one array. */
class Flat {
  readonly data: Int32Array;
  readonly start: Int32Array;
  constructor(lists: readonly (readonly number[])[], sortUnique: boolean) {
    this.start = new Int32Array(lists.length + 1);
    let total = 0;
    const prepared = lists.map((l) => {
      const v = sortUnique ? [...new Set(l)].sort((a, b) => a - b) : [...l];
      total += v.length;
      return v;
    });
    this.data = new Int32Array(total);
    let at = 0;
    prepared.forEach((v, i) => {
      this.start[i] = at;
      this.data.set(v, at);
      at += v.length;
    });
    this.start[lists.length] = at;
  }
  size(i: number): number {
    return (this.start[i + 1] as number) - (this.start[i] as number);
  }
  has(i: number, x: number): boolean {
    const end = this.start[i + 1] as number;
    for (let k = this.start[i] as number; k < end; k++) if (this.data[k] === x) return true;
    return false;
  }
  indexOf(i: number, x: number): number {
    const from = this.start[i] as number;
    const end = this.start[i + 1] as number;
    for (let k = from; k < end; k++) if (this.data[k] === x) return k - from;
    return -1;
  }
  list(i: number): Int32Array {
    return this.data.subarray(this.start[i] as number, this.start[i + 1] as number);
  }
}

/** Size of the intersection of two sorted runs. */
function common(a: Flat, i: number, b: Flat, j: number): number {
  let p = a.start[i] as number;
  const pe = a.start[i + 1] as number;
  let q = b.start[j] as number;
  const qe = b.start[j + 1] as number;
  if (p === pe || q === qe) return 0;
  const ad = a.data;
  const bd = b.data;
  let n = 0;
  while (p < pe && q < qe) {
    const x = ad[p] as number;
    const y = bd[q] as number;
    if (x === y) {
      n++;
      p++;
      q++;
    } else if (x < y) p++;
    else q++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------
// Hard rules

const BLOCKED_MENTEE = new Set([
  // A questionnaire held for checking takes part only once the curator has checked it.
  "требует проверки",
  "нет согласия",
  "выбыл",
  "согласие отозвано",
  "завершил программу",
  "в паре",
]);
const SELECTED_MENTOR = new Set(["отобран", "обучен", "наставник"]);

/** Kinds of hard-rule reasons, counted per mentee. */
const K_NONE = 0;
const K_MENTOR_CONSENT = 1;
const K_MENTOR_STATUS = 2;
const K_MENTOR_CAPACITY = 3;
const K_SAME = 4;
const K_EXCLUDED = 5;
const K_FORM = 6;
const KIND_COUNT = 7;
const KIND_LABELS = [
  "",
  "нет согласия наставника",
  "наставник не отобран",
  "у наставника нет мест",
  "один и тот же человек",
  "пара исключена куратором",
  "нет подходящей формы наставничества",
];

function menteeRule(mentee: MenteeProfile, today: DateOnly): string | null {
  const status = matchKey(mentee.status);
  if (BLOCKED_MENTEE.has(status))
    return `наставляемый не участвует в подборе: статус «${cleanText(mentee.status)}»`;
  if (!mentee.consent) return "нет согласия наставляемого на обработку персональных данных";
  const age = ageOf(mentee.birthDate, today);
  // Without a date of birth (minimal mode keeps only the age band) the band decides; failing
  // both, a schoolchild is taken for a minor.
  const band = matchKey(mentee.ageBand ?? "");
  const minor =
    age !== null
      ? age < 18
      : band !== ""
        ? band !== matchKey(ADULT_AGE_BAND)
        : menteeKind(mentee.category) === E_PUPIL;
  if (minor && !mentee.guardianConsent)
    return age !== null
      ? `нет согласия законного представителя (наставляемому ${age} ${plural(age, "год", "года", "лет")})`
      : "нет согласия законного представителя несовершеннолетнего";
  return null;
}

function mentorRule(mentor: MentorProfile): { kind: number; reason: string } | null {
  if (!mentor.consent)
    return { kind: K_MENTOR_CONSENT, reason: "нет согласия наставника на обработку персональных данных" };
  const status = cleanText(mentor.status);
  if (!SELECTED_MENTOR.has(matchKey(status)))
    return {
      kind: K_MENTOR_STATUS,
      reason:
        status === "" ? "наставник не отобран: статус не указан" : `наставник не отобран: статус «${status}»`,
    };
  if (mentor.capacity <= 0)
    return { kind: K_MENTOR_CAPACITY, reason: "наставник не может взять наставляемых: мест 0" };
  return null;
}

// ---------------------------------------------------------------------------------------
// Text helpers

export function plural(n: number, one: string, few: string, many: string): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return many;
  if (b === 1) return one;
  if (b >= 2 && b <= 4) return few;
  return many;
}

function years(n: number): string {
  const r = Math.round(n * 10) / 10;
  return `${String(r).replace(".", ",")} ${Number.isInteger(r) ? plural(r, "год", "года", "лет") : "года"}`;
}

const ORDINALS = ["первым", "вторым", "третьим", "четвёртым", "пятым"];
const ordinal = (rank: number) => ORDINALS[rank] ?? `${rank + 1}-м`;
const lower = (s: string) => cleanText(s).toLowerCase();

// ---------------------------------------------------------------------------------------
// Scores

const C_REQ = 0;
const C_SUBJ = 1;
const C_INT = 2;
const C_AUD = 3;
const C_FORM = 4;
const C_FMT = 5;
const C_EXP = 6;
const C_PREF = 7;
const C_DEPT = 8;
const ORDER = [
  "requests",
  "subject",
  "interests",
  "audience",
  "form",
  "format",
  "experience",
  "preference",
  "department",
];
if (CRITERIA.some((c, i) => c.key !== ORDER[i])) throw new Error("Порядок критериев подбора изменился");
const NC = CRITERIA.length;
const EPS = 1e-9;

/**
 * Splits `total` points over the criteria by largest remainder, so that the integer parts add
 * up exactly to the total. Ties go to the criterion listed first.
 */
function splitPoints(raw: Float64Array, active: readonly number[], total: number): number[] {
  const pts = active.map((c) => Math.floor((raw[c] as number) + EPS));
  let diff = total - pts.reduce((a, b) => a + b, 0);
  const rem = active.map((c, k) => (raw[c] as number) - (pts[k] as number));
  const order = active.map((_, k) => k);
  if (diff > 0) {
    order.sort((a, b) => (rem[b] as number) - (rem[a] as number) || a - b);
    for (let k = 0; diff > 0; k = (k + 1) % order.length, diff--) {
      const at = order[k] as number;
      pts[at] = (pts[at] as number) + 1;
    }
  } else if (diff < 0) {
    order.sort((a, b) => (rem[a] as number) - (rem[b] as number) || b - a);
    for (let k = 0; diff < 0; k = (k + 1) % order.length) {
      const at = order[k] as number;
      if ((pts[at] as number) > 0) {
        pts[at] = (pts[at] as number) - 1;
        diff++;
      }
    }
  }
  return pts;
}

/**
 * A cohort with every profile turned into integer features once, so that a pair is scored
 * without allocating. Indices are positions in the given arrays.
 */
export class PreparedCohort {
  readonly n: number;
  readonly m: number;
  /** Weight of each criterion scaled so that all of them add up to 100. */
  private readonly nw = new Float64Array(NC);
  private readonly active: number[] = [];
  private readonly fr = new Float64Array(NC);
  private readonly raw = new Float64Array(NC);

  private readonly menteeIndex = new Map<string, number>();
  private readonly mentorIndex = new Map<string, number>();
  private readonly eRule: (string | null)[];
  private readonly eKind: Uint8Array;
  private readonly eCat: Int32Array;
  private readonly eReq: Flat;
  private readonly eReqText: Flat;
  private readonly eSubjItems: Flat;
  private readonly eSubjStems: Flat;
  private readonly eInt: Flat;
  private readonly eAud: MenteeAudience[];
  private readonly eExp: Float64Array;
  private readonly eFormat: Uint8Array;
  private readonly eTime: Int32Array;
  private readonly ePrefForm: Int32Array;
  private readonly eDept: Int32Array;
  private readonly eName: Int32Array;
  private readonly eEmail: Int32Array;
  private readonly ePrefs: Flat;
  private readonly eExcluded: Flat;
  private readonly eLocked: Flat;

  private readonly rRule: ({ kind: number; reason: string } | null)[];
  private readonly rRuleKind: Uint8Array;
  private readonly rCat: Int32Array;
  private readonly topics: number;
  private readonly rComp: Uint8Array;
  private readonly rCompStems: Flat;
  private readonly rSubjItems: Flat;
  private readonly rSubjStems: Flat;
  private readonly rInt: Flat;
  private readonly rAud: AudienceSpec[];
  private readonly rExp: Float64Array;
  private readonly rFormat: Uint8Array;
  private readonly rTime: Int32Array;
  private readonly rForms: Flat;
  private readonly rDept: Int32Array;
  private readonly rName: Int32Array;
  private readonly rEmail: Int32Array;
  private readonly rPrefs: Flat;

  private readonly nCatR: number;
  /** Form id per (mentee category, mentor category); −1: no form. */
  private readonly formTable: Int32Array;
  private readonly forms = new Dict();
  private readonly stems = new Dict();
  private readonly topicDict = new Dict();

  constructor(
    readonly mentees: readonly MenteeProfile[],
    readonly mentors: readonly MentorProfile[],
    readonly ctx: MatchContext,
  ) {
    const n = mentees.length;
    const m = mentors.length;
    this.n = n;
    this.m = m;
    let wsum = 0;
    CRITERIA.forEach((c) => {
      wsum += Math.max(0, ctx.weights[c.key] || 0);
    });
    CRITERIA.forEach((c, k) => {
      const w = Math.max(0, ctx.weights[c.key] || 0);
      if (w > 0 && wsum > 0) {
        this.nw[k] = (100 * w) / wsum;
        this.active.push(k);
      }
    });
    mentees.forEach((e, i) => {
      if (!this.menteeIndex.has(e.id)) this.menteeIndex.set(e.id, i);
    });
    mentors.forEach((r, j) => {
      if (!this.mentorIndex.has(r.id)) this.mentorIndex.set(r.id, j);
    });

    const stems = this.stems;
    const topicDict = this.topicDict;
    const catsE = new Dict();
    const catsR = new Dict();
    const depts = new Dict();
    const names = new Dict();
    const emails = new Dict();
    const idOrNone = (d: Dict, key: string) => (key === "" ? -1 : d.id(key));
    const stemIds = (text: string, stop?: ReadonlySet<string>) =>
      words(text)
        .filter((w) => !stop?.has(w.stem))
        .map((w) => stems.id(w.stem));

    // Mentees
    this.eRule = mentees.map((e) => menteeRule(e, ctx.today));
    this.eKind = Uint8Array.from(mentees, (e) => menteeKind(e.category));
    this.eCat = Int32Array.from(mentees, (e) => catsE.id(matchKey(e.category)));
    this.eReq = new Flat(
      mentees.map((e) =>
        e.requests
          .map((t) => matchKey(t))
          .filter((t) => t !== "")
          .map((t) => topicDict.id(t)),
      ),
      true,
    );
    this.eReqText = new Flat(
      mentees.map((e) => stemIds(e.requestText)),
      true,
    );
    this.eSubjItems = new Flat(
      mentees.map((e) => items(e.subject).map((s) => stems.id(`#${matchKey(s)}`))),
      true,
    );
    this.eSubjStems = new Flat(
      mentees.map((e) => stemIds(e.subject, SUBJECT_STOP)),
      true,
    );
    this.eInt = new Flat(
      mentees.map((e) => stemIds(e.interests)),
      true,
    );
    this.eAud = mentees.map((e) => menteeAudience(e, ctx.today));
    this.eExp = Float64Array.from(mentees, (e) =>
      e.experienceYears === null ? Number.NaN : e.experienceYears,
    );
    this.eFormat = Uint8Array.from(mentees, (e) => formatCode(e.format));
    this.eTime = Int32Array.from(mentees, (e) => timeMask(e.convenientTime));
    this.ePrefForm = Int32Array.from(mentees, (e) => idOrNone(this.forms, matchKey(e.preferredForm)));
    this.eDept = Int32Array.from(mentees, (e) => idOrNone(depts, matchKey(e.department)));
    this.eName = Int32Array.from(mentees, (e) => idOrNone(names, nameKey(e.fullName)));
    this.eEmail = Int32Array.from(mentees, (e) => idOrNone(emails, matchKey(e.email ?? "")));

    // Mentors
    this.rRule = mentors.map((r) => mentorRule(r));
    this.rRuleKind = Uint8Array.from(this.rRule, (x) => x?.kind ?? K_NONE);
    this.rCat = Int32Array.from(mentors, (r) => catsR.id(matchKey(r.category)));
    const compIds = mentors.map((r) =>
      r.competences
        .map((t) => matchKey(t))
        .filter((t) => t !== "")
        .map((t) => topicDict.id(t)),
    );
    this.topics = Math.max(1, topicDict.names.length);
    this.rComp = new Uint8Array(m * this.topics);
    compIds.forEach((ids, j) => {
      for (const t of ids) this.rComp[j * this.topics + t] = 1;
    });
    this.rCompStems = new Flat(
      mentors.map((r) => r.competences.flatMap((c) => stemIds(c))),
      true,
    );
    this.rSubjItems = new Flat(
      mentors.map((r) => items(r.subjects).map((s) => stems.id(`#${matchKey(s)}`))),
      true,
    );
    this.rSubjStems = new Flat(
      mentors.map((r) => stemIds(r.subjects, SUBJECT_STOP)),
      true,
    );
    this.rInt = new Flat(
      mentors.map((r) => stemIds(r.interests)),
      true,
    );
    this.rAud = mentors.map((r) => parseAudience(r.preferredMentees));
    this.rExp = Float64Array.from(mentors, (r) =>
      r.experienceYears === null ? Number.NaN : r.experienceYears,
    );
    this.rFormat = Uint8Array.from(mentors, (r) => formatCode(r.format));
    this.rTime = Int32Array.from(mentors, (r) => timeMask(r.convenientTime ?? ""));
    this.rForms = new Flat(
      mentors.map((r) =>
        r.preferredForms
          .map((f) => matchKey(f))
          .filter((f) => f !== "")
          .map((f) => this.forms.id(f)),
      ),
      true,
    );
    this.rDept = Int32Array.from(mentors, (r) => idOrNone(depts, matchKey(r.department)));
    this.rName = Int32Array.from(mentors, (r) => idOrNone(names, nameKey(r.fullName)));
    this.rEmail = Int32Array.from(mentors, (r) => idOrNone(emails, matchKey(r.email ?? "")));

    // Forms per pair of categories
    const nCatE = catsE.names.length;
    this.nCatR = catsR.names.length;
    this.formTable = new Int32Array(Math.max(1, nCatE * this.nCatR)).fill(-1);
    for (let a = 0; a < nCatE; a++)
      for (let b = 0; b < this.nCatR; b++) {
        const f = formFor(menteeKind(catsE.names[a] as string), mentorKind(catsR.names[b] as string));
        if (f !== null) this.formTable[a * this.nCatR + b] = this.forms.id(matchKey(f));
      }
    this.formNames = new Map();

    // Preferences, exclusions, locks
    const prefs = ctx.preferences;
    this.ePrefs = new Flat(
      mentees.map((e) => indices(prefs?.mentee.get(e.id), this.mentorIndex)),
      false,
    );
    this.rPrefs = new Flat(
      mentors.map((r) => indices(prefs?.mentor.get(r.id), this.menteeIndex)),
      false,
    );
    const pairLists = (pairs: readonly LockedPair[] | undefined) => {
      const lists: number[][] = mentees.map(() => []);
      for (const p of pairs ?? []) {
        const i = this.menteeIndex.get(p.menteeId);
        const j = this.mentorIndex.get(p.mentorId);
        if (i !== undefined && j !== undefined) lists[i]?.push(j);
      }
      return new Flat(lists, true);
    };
    this.eExcluded = pairLists(ctx.excluded);
    this.eLocked = pairLists(ctx.locked);
  }

  private readonly formNames: Map<number, string>;

  indexOfMentee(id: string): number {
    return this.menteeIndex.get(id) ?? -1;
  }
  indexOfMentor(id: string): number {
    return this.mentorIndex.get(id) ?? -1;
  }

  isLocked(i: number, j: number): boolean {
    return this.eLocked.size(i) > 0 && this.eLocked.has(i, j);
  }
  lockedOf(i: number): Int32Array {
    return this.eLocked.list(i);
  }

  /** Kind of the mentor-level hard rule (consent, status, places), K_NONE when none. */
  ruleKindOfMentor(j: number): number {
    return this.rRuleKind[j] as number;
  }

  /** The mentee-level hard rule (consent, guardian, status), or null. */
  menteeRule(i: number): string | null {
    return this.eRule[i] ?? null;
  }

  /** Kind of the hard rule that forbids the pair (K_NONE when allowed); locks are not looked at. */
  ruleKind(i: number, j: number): number {
    const k = this.rRuleKind[j] as number;
    if (k !== K_NONE) return k;
    const nm = this.eName[i] as number;
    const em = this.eEmail[i] as number;
    if ((nm >= 0 && nm === this.rName[j]) || (em >= 0 && em === this.rEmail[j])) return K_SAME;
    if (this.eExcluded.size(i) > 0 && this.eExcluded.has(i, j)) return K_EXCLUDED;
    if ((this.formTable[(this.eCat[i] as number) * this.nCatR + (this.rCat[j] as number)] as number) < 0)
      return K_FORM;
    return K_NONE;
  }

  /** The hard-rule reason in Russian, or null when the pair may be proposed (locked pairs always may). */
  rule(i: number, j: number): string | null {
    if (this.isLocked(i, j)) return null;
    const own = this.eRule[i];
    if (own) return own;
    const kind = this.ruleKind(i, j);
    switch (kind) {
      case K_NONE:
        return null;
      case K_SAME:
        return "наставник и наставляемый — один и тот же человек";
      case K_EXCLUDED:
        return "пара исключена куратором";
      case K_FORM: {
        const e = this.mentees[i] as MenteeProfile;
        const r = this.mentors[j] as MentorProfile;
        return `нет формы наставничества для наставляемого «${cleanText(e.category)}» и наставника «${cleanText(r.category)}»`;
      }
      default:
        return this.rRule[j]?.reason ?? (KIND_LABELS[kind] as string);
    }
  }

  /** Fills `fr` with the fraction (0..1) of each criterion and returns the score 0..100. */
  private evaluate(i: number, j: number): number {
    const fr = this.fr;
    const raw = this.raw;
    const nw = this.nw;
    let sum = 0;
    const active = this.active;
    for (let k = 0; k < active.length; k++) {
      const c = active[k] as number;
      let f = 0;
      switch (c) {
        case C_REQ:
          f = this.fRequests(i, j);
          break;
        case C_SUBJ:
          f = this.fSubject(i, j);
          break;
        case C_INT:
          f = this.fInterests(i, j);
          break;
        case C_AUD:
          f = audienceFraction(this.eAud[i] as MenteeAudience, this.rAud[j] as AudienceSpec);
          break;
        case C_FORM:
          f = this.fForm(i, j);
          break;
        case C_FMT:
          f = this.fFormat(i, j);
          break;
        case C_EXP:
          f = this.fExperience(i, j);
          break;
        case C_PREF:
          f = this.fPreference(i, j);
          break;
        case C_DEPT:
          f = this.fDepartment(i, j);
          break;
      }
      fr[c] = f;
      const r = (nw[c] as number) * f;
      raw[c] = r;
      sum += r;
    }
    const s = Math.round(sum + EPS);
    return s < 0 ? 0 : s > 100 ? 100 : s;
  }

  /** The score of a pair, whatever the hard rules say. */
  score(i: number, j: number): number {
    return this.evaluate(i, j);
  }

  /** The score, or −1 when a hard rule forbids the pair (locked pairs are always scored). */
  quickScore(i: number, j: number): number {
    if (!this.isLocked(i, j) && (this.eRule[i] || this.ruleKind(i, j) !== K_NONE)) return -1;
    return this.evaluate(i, j);
  }

  // --- criteria: fractions -------------------------------------------------------------

  private covered(i: number, j: number): number {
    const req = this.eReq;
    const end = req.start[i + 1] as number;
    const base = j * this.topics;
    let n = 0;
    for (let k = req.start[i] as number; k < end; k++)
      n += this.rComp[base + (req.data[k] as number)] as number;
    return n;
  }

  private fRequests(i: number, j: number): number {
    const total = this.eReq.size(i);
    if (total > 0) return this.covered(i, j) / total;
    return common(this.eReqText, i, this.rCompStems, j) > 0 ? 0.5 : 0;
  }

  private fSubject(i: number, j: number): number {
    return common(this.eSubjItems, i, this.rSubjItems, j) > 0 ||
      common(this.eSubjStems, i, this.rSubjStems, j) > 0
      ? 1
      : 0;
  }

  private fInterests(i: number, j: number): number {
    const a = this.eInt.size(i);
    const b = this.rInt.size(j);
    if (a === 0 || b === 0) return 0;
    const c = common(this.eInt, i, this.rInt, j);
    return c === 0 ? 0 : Math.min(1, c / Math.min(a, b, 3));
  }

  private formId(i: number, j: number): number {
    return this.formTable[(this.eCat[i] as number) * this.nCatR + (this.rCat[j] as number)] as number;
  }

  /** Of the sides that stated a form, the share that accept the implied one (1 when none did). */
  private fForm(i: number, j: number): number {
    const f = this.formId(i, j);
    if (f < 0) return 0;
    let stated = 0;
    let ok = 0;
    if (this.rForms.size(j) > 0) {
      stated++;
      if (this.rForms.has(j, f)) ok++;
    }
    const pf = this.ePrefForm[i] as number;
    if (pf >= 0) {
      stated++;
      if (pf === f) ok++;
    }
    return stated === 0 ? 1 : ok / stated;
  }

  private formatOk(i: number, j: number): boolean {
    const a = this.eFormat[i] as number;
    const b = this.rFormat[j] as number;
    return a === F_NONE || b === F_NONE || a === b || a === F_MIXED || b === F_MIXED;
  }

  private fFormat(i: number, j: number): number {
    const fmt = this.formatOk(i, j) ? 1 : 0;
    const ta = this.eTime[i] as number;
    const tb = this.rTime[j] as number;
    if (ta === 0 || tb === 0) return fmt;
    return (fmt + ((ta & tb) !== 0 ? 1 : 0)) / 2;
  }

  private fExperience(i: number, j: number): number {
    const a = this.eExp[i] as number;
    const b = this.rExp[j] as number;
    const kind = this.eKind[i] as number;
    if (!Number.isNaN(a) && !Number.isNaN(b)) return b > a ? 1 : 0;
    if ((kind === E_PUPIL || kind === E_STUDENT) && !Number.isNaN(b) && b > 0) return 1;
    return 0.5;
  }

  private menteeRank(i: number, j: number): number {
    return this.ePrefs.size(i) === 0 ? -1 : this.ePrefs.indexOf(i, j);
  }

  private mentorRank(i: number, j: number): number {
    return this.rPrefs.size(j) === 0 ? -1 : this.rPrefs.indexOf(j, i);
  }

  /** Whether either side named the other in «Выбор наставника после встречи». */
  chosen(i: number, j: number): boolean {
    return this.menteeRank(i, j) >= 0 || this.mentorRank(i, j) >= 0;
  }

  private fPreference(i: number, j: number): number {
    const a = this.menteeRank(i, j);
    const b = this.mentorRank(i, j);
    const va = a < 0 ? 0 : Math.max(0.25, 1 - 0.25 * a);
    const vb = b < 0 ? 0 : Math.max(0.25, 1 - 0.25 * b);
    return (va + vb) / 2;
  }

  private fDepartment(i: number, j: number): number {
    const a = this.eDept[i] as number;
    const b = this.rDept[j] as number;
    if (a < 0 || b < 0) return 0.5;
    return a === b ? 0 : 1;
  }

  // --- criteria: reasons ---------------------------------------------------------------

  private reason(c: number, i: number, j: number, f: number): string {
    const e = this.mentees[i] as MenteeProfile;
    const r = this.mentors[j] as MentorProfile;
    switch (c) {
      case C_REQ: {
        const total = this.eReq.size(i);
        if (total > 0) return `запросы закрыты: ${this.covered(i, j)} из ${total}`;
        if (this.eReqText.size(i) === 0) return "запросы не указаны";
        if (f > 0) {
          const mine = new Set(this.eReqText.list(i));
          const comp = r.competences.find((x) => words(x).some((w) => mine.has(this.stems.get(w.stem))));
          return `запрос своими словами перекликается с компетенцией «${cleanText(comp ?? "")}»`;
        }
        return "запрос своими словами не совпал с компетенциями наставника";
      }
      case C_SUBJ: {
        if (cleanText(e.subject) === "") return "у наставляемого не указан предмет";
        if (cleanText(r.subjects) === "") return "у наставника не указан предмет";
        if (f === 0) return `разные предметы: ${lower(e.subject)} и ${lower(r.subjects)}`;
        const theirs = new Set(items(r.subjects).map((s) => matchKey(s)));
        const same = items(e.subject).find((s) => theirs.has(matchKey(s)));
        return same !== undefined
          ? `один предмет: ${lower(same)}`
          : `близкие предметы: ${lower(e.subject)} и ${lower(r.subjects)}`;
      }
      case C_INT: {
        if (this.eInt.size(i) === 0 || this.rInt.size(j) === 0) return "интересы не указаны";
        if (f === 0) return "общих интересов нет";
        const theirs = new Set(this.rInt.list(j));
        const seen = new Set<string>();
        const shared: string[] = [];
        for (const w of words(e.interests)) {
          if (seen.has(w.stem) || !theirs.has(this.stems.get(w.stem))) continue;
          seen.add(w.stem);
          shared.push(w.word);
        }
        return `общие интересы: ${shared.slice(0, 3).join(", ")}${shared.length > 3 ? "…" : ""}`;
      }
      case C_AUD: {
        const spec = this.rAud[j] as AudienceSpec;
        const wish = cleanText(r.preferredMentees);
        if (spec.any) return "наставник готов взять любого наставляемого";
        if (!spec.recognised) return `пожелание наставника не распознано: «${wish}»`;
        if (f === 1) return `подходит наставнику: «${wish}»`;
        if (f === 0) return `не подходит под пожелание наставника: «${wish}»`;
        return `не хватает данных, чтобы сверить с пожеланием наставника: «${wish}»`;
      }
      case C_FORM: {
        const id = this.formId(i, j);
        if (id < 0) return "форма наставничества не определяется по категориям";
        const form = this.formName(id);
        const notes: string[] = [];
        const mentorStated = this.rForms.size(j) > 0;
        const mentorOk = this.rForms.has(j, id);
        const pf = this.ePrefForm[i] as number;
        if (mentorStated && !mentorOk) notes.push("наставник её не выбирал");
        if (pf >= 0 && pf !== id) notes.push(`наставляемый хотел «${cleanText(e.preferredForm)}»`);
        if (notes.length > 0) return `форма «${form}»: ${notes.join(", ")}`;
        if (mentorStated && pf >= 0) return `форма «${form}» подходит обоим`;
        if (mentorStated) return `форма «${form}» — в списке наставника`;
        if (pf >= 0) return `форма «${form}» — её выбрал наставляемый`;
        return `форма «${form}»`;
      }
      case C_FMT: {
        const a = this.eFormat[i] as number;
        const b = this.rFormat[j] as number;
        let text: string;
        if (a === F_NONE && b === F_NONE) text = "формат встреч не указан: подойдёт любой";
        else if (a === F_NONE || b === F_NONE)
          text = `формат: ${FORMAT_NAMES[a === F_NONE ? b : a]}, у второго не указан`;
        else if (a === b) text = `формат: ${FORMAT_NAMES[a]} у обоих`;
        else if (this.formatOk(i, j)) text = `формат совместим: ${FORMAT_NAMES[a]} и ${FORMAT_NAMES[b]}`;
        else text = `формат не совпадает: ${FORMAT_NAMES[a]} и ${FORMAT_NAMES[b]}`;
        const ta = this.eTime[i] as number;
        const tb = this.rTime[j] as number;
        if (ta !== 0 && tb !== 0)
          text += (ta & tb) !== 0 ? "; удобное время совпадает" : "; удобное время не совпадает";
        return text;
      }
      case C_EXP: {
        const a = this.eExp[i] as number;
        const b = this.rExp[j] as number;
        if (!Number.isNaN(a) && !Number.isNaN(b))
          return b > a
            ? `стаж наставника больше на ${years(b - a)}`
            : `у наставника не больше опыта: стаж ${years(b)} против ${years(a)}`;
        if (f === 1) return `стаж наставника: ${years(b)}`;
        return "стаж не указан";
      }
      case C_PREF: {
        const a = this.menteeRank(i, j);
        const b = this.mentorRank(i, j);
        if (a >= 0 && b >= 0)
          return a === b
            ? `взаимный выбор: оба выбрали друг друга ${ordinal(a)}`
            : `взаимный выбор: наставляемый выбрал наставника ${ordinal(a)}, наставник наставляемого — ${ordinal(b)}`;
        if (a >= 0) return `наставляемый выбрал этого наставника ${ordinal(a)}`;
        if (b >= 0) return `наставник выбрал этого наставляемого ${ordinal(b)}`;
        return "выбора друг друга после встречи нет";
      }
      default: {
        const a = this.eDept[i] as number;
        const b = this.rDept[j] as number;
        if (a < 0 || b < 0) return "подразделение не указано";
        return a === b
          ? `одно подразделение: ${cleanText(e.department)}`
          : `из разных подразделений: ${cleanText(e.department)} и ${cleanText(r.department)}`;
      }
    }
  }

  private formName(id: number): string {
    let name = this.formNames.get(id);
    if (name === undefined) {
      const key = this.forms.names[id] ?? "";
      const known = FORM_LIST.find((f) => matchKey(f) === key);
      name =
        known ??
        this.mentors.flatMap((r) => r.preferredForms).find((f) => matchKey(f) === key) ??
        cleanText(this.mentees.find((e) => matchKey(e.preferredForm) === key)?.preferredForm ?? key);
      this.formNames.set(id, name);
    }
    return name;
  }

  /** The full score with its breakdown (parts add up exactly to the score). */
  explain(i: number, j: number): PairScore {
    const score = this.evaluate(i, j);
    const points = splitPoints(this.raw, this.active, score);
    const fr = Float64Array.from(this.fr);
    const parts: ScorePart[] = this.active.map((c, k) => ({
      criterion: (CRITERIA[c] as (typeof CRITERIA)[number]).key,
      points: points[k] as number,
      reason: this.reason(c, i, j, fr[c] as number),
    }));
    const id = this.formId(i, j);
    return {
      menteeId: (this.mentees[i] as MenteeProfile).id,
      mentorId: (this.mentors[j] as MentorProfile).id,
      score,
      parts,
      form: id < 0 ? "" : this.formName(id),
    };
  }

  /**
   * The same PairScore with the breakdown built on first read of `parts` (an own enumerable
   * property, so spreading and JSON see it): a cohort keeps hundreds of thousands of pairs,
   * and only the few shown to the curator need their reasons. The objects share one shape and
   * one getter (added as a new property, which keeps V8's fast shape): ~100 bytes each.
   */
  lazy(i: number, j: number, score: number): PairScore {
    const id = this.formId(i, j);
    const out = {
      menteeId: (this.mentees[i] as MenteeProfile).id,
      mentorId: (this.mentors[j] as MentorProfile).id,
      score,
    } as PairScore;
    Object.defineProperty(out, "parts", this.partsDescriptor);
    out.form = id < 0 ? "" : this.formName(id);
    return out;
  }

  private readonly partsDescriptor: PropertyDescriptor = ((cohort: PreparedCohort) => ({
    enumerable: true,
    configurable: true,
    get(this: PairScore): ScorePart[] {
      const i = cohort.indexOfMentee(this.menteeId);
      const j = cohort.indexOfMentor(this.mentorId);
      const parts = i < 0 || j < 0 ? [] : cohort.explain(i, j).parts;
      Object.defineProperty(this, "parts", {
        value: parts,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return parts;
    },
    set(this: PairScore, value: ScorePart[]) {
      Object.defineProperty(this, "parts", { value, enumerable: true, writable: true, configurable: true });
    },
  }))(this);
}

/** The forms of mentorship as «Справочники» lists them by default. */
const FORM_LIST = listValues("forms");

/** Positions of the chosen IDs, −1 for those not in the cohort, so that ranks stay as chosen. */
function indices(ids: readonly string[] | undefined, index: ReadonlyMap<string, number>): number[] {
  const out: number[] = [];
  for (const id of ids ?? []) {
    const k = index.get(id);
    out.push(k === undefined || out.includes(k) ? -1 : k);
  }
  return out;
}

/** Prepares a cohort for scoring many pairs (see PreparedCohort). */
export function prepareCohort(
  mentees: readonly MenteeProfile[],
  mentors: readonly MentorProfile[],
  ctx: MatchContext,
): PreparedCohort {
  return new PreparedCohort(mentees, mentors, ctx);
}

/** The hard-rule reason why the pair cannot be proposed, in Russian; null when it can. */
export function eligibility(mentee: MenteeProfile, mentor: MentorProfile, ctx: MatchContext): string | null {
  return new PreparedCohort([mentee], [mentor], ctx).rule(0, 0);
}

/** The score of one pair with its breakdown, whatever the hard rules say. */
export function scorePair(mentee: MenteeProfile, mentor: MentorProfile, ctx: MatchContext): PairScore {
  return new PreparedCohort([mentee], [mentor], ctx).explain(0, 0);
}

// ---------------------------------------------------------------------------------------
// A whole cohort

export interface MenteeCandidates {
  menteeId: string;
  /** Pairs that pass the hard rules and reach the minimum score (before pruning). */
  eligible: number;
  /** Of them, kept in `scores`: the best K, and any pair either side chose after the meeting. */
  kept: number;
  /** Eligible pairs left out by pruning, and a bound on their scores: the best score outside the
   * mentee's best K (−1 when none is pruned). */
  pruned: number;
  bestPruned: number;
  /** Pairs that pass the hard rules but score below the minimum, and the best such score (−1). */
  belowMin: number;
  bestBelowMin: number;
  /** Hard-rule reasons with the number of mentors each one ruled out, most frequent first. */
  ineligible: { reason: string; count: number }[];
  /** Why this mentee has no eligible mentor, in Russian; null when there is one. */
  reason: string | null;
}

export interface CohortScores {
  /** Eligible pairs (the best `topK` of each mentee) and locked pairs, mentee by mentee, best first. */
  scores: PairScore[];
  mentees: MenteeCandidates[];
  topK: number;
  /** Pairs whose score was computed. */
  pairsScored: number;
  /** Eligible pairs left out by pruning. */
  prunedPairs: number;
  /** Mentee ID → why there is no eligible mentor (for AssignmentInput.noCandidateReasons). */
  noCandidateReasons: Map<string, string>;
  /**
   * Every eligible pair, pruned ones included, as mentor index (in `mentors`) and score, mentee by
   * mentee (`start[i]`..`start[i + 1]`); null when nothing is pruned. A few bytes a pair: it lets
   * assignCohort prove that pruning changed nothing without scoring again.
   */
  eligiblePairs: { start: Int32Array; mentor: Uint16Array | Int32Array; score: Uint8Array } | null;
  /** The prepared cohort, to explain any pair (see PreparedCohort.explain). */
  prepared: PreparedCohort;
}

export interface ScoreCohortOptions {
  /** Mentors kept per mentee (default DEFAULT_TOP_K); 0 or Infinity keeps every eligible pair. */
  topK?: number;
  /**
   * Mentees kept per mentor besides (default DEFAULT_MENTOR_TOP_K, plus the mentor's places), so
   * that a mentor whom nobody ranks high still has candidates for its free places.
   */
  mentorTopK?: number;
}

function noCandidateReason(
  c: Omit<MenteeCandidates, "reason">,
  minScore: number,
  mentors: number,
  anySelected: boolean,
): string {
  if (mentors === 0) return "нет наставников в базе";
  if (c.belowMin > 0)
    return `оценка совместимости ниже порога ${minScore} у всех подходящих наставников (лучшая — ${c.bestBelowMin})`;
  if (!anySelected) return "нет отобранных наставников (статус «Отобран», «Обучен» или «Наставник»)";
  const list = c.ineligible
    .slice(0, 3)
    .map((x) => `${x.reason} — ${x.count}`)
    .join(", ");
  return `нет подходящего наставника: ${list}`;
}

/** Fixed-size lists of the best (score, index) entries: a min-heap per owner, worst on top. */
class BestOf {
  readonly s: Int32Array;
  readonly x: Int32Array;
  readonly size: Int32Array;
  constructor(
    owners: number,
    readonly cap: Int32Array,
    readonly stride: number,
  ) {
    this.s = new Int32Array(owners * stride);
    this.x = new Int32Array(owners * stride);
    this.size = new Int32Array(owners);
  }
  /** Worse: lower score, or equal score and a later index. */
  private worse(a: number, b: number): boolean {
    const sa = this.s[a] as number;
    const sb = this.s[b] as number;
    return sa !== sb ? sa < sb : (this.x[a] as number) > (this.x[b] as number);
  }
  private swap(a: number, b: number): void {
    const s = this.s[a] as number;
    const x = this.x[a] as number;
    this.s[a] = this.s[b] as number;
    this.x[a] = this.x[b] as number;
    this.s[b] = s;
    this.x[b] = x;
  }
  offer(owner: number, score: number, index: number): void {
    const cap = this.cap[owner] as number;
    if (cap <= 0) return;
    const base = owner * this.stride;
    let size = this.size[owner] as number;
    if (size === cap) {
      // Indices come in increasing order: an equal score never replaces an earlier one.
      if (score <= (this.s[base] as number)) return;
      this.s[base] = score;
      this.x[base] = index;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && this.worse(base + r, base + l) ? r : l;
        if (!this.worse(base + c, base + k)) break;
        this.swap(base + c, base + k);
        k = c;
      }
      return;
    }
    let k = size++;
    this.size[owner] = size;
    this.s[base + k] = score;
    this.x[base + k] = index;
    while (k > 0) {
      const up = (k - 1) >> 1;
      if (!this.worse(base + k, base + up)) break;
      this.swap(base + k, base + up);
      k = up;
    }
  }
}

/**
 * Scores every mentor–mentee pair of a cohort: hard rules first, then the score of the pairs
 * that pass. Keeps the eligible pairs at or above the minimum score that are among the best
 * `topK` of the mentee, or the best `mentorTopK` (+ places) of the mentor, or chosen by either
 * side after the meeting; the others are counted as pruned (assignCohort proves they would not
 * change the assignment, or adds them back). Pairs carry their breakdown lazily.
 */
export function scoreCohort(
  mentees: readonly MenteeProfile[],
  mentors: readonly MentorProfile[],
  ctx: MatchContext,
  options: ScoreCohortOptions = {},
): CohortScores {
  const p = new PreparedCohort(mentees, mentors, ctx);
  const n = mentees.length;
  const m = mentors.length;
  const wantK = options.topK ?? DEFAULT_TOP_K;
  const all = !Number.isFinite(wantK) || wantK <= 0;
  const K = all ? m : Math.min(m, Math.floor(wantK));
  const L = all ? 0 : Math.max(0, Math.floor(options.mentorTopK ?? DEFAULT_MENTOR_TOP_K));
  const minScore = ctx.minScore;
  const counts = new Int32Array(KIND_COUNT);
  const byMentee = new BestOf(1, Int32Array.of(K), K);
  const mentorCap = Int32Array.from(mentors, (r) => (L === 0 ? 0 : Math.min(n, L + Math.max(0, r.capacity))));
  const byMentor = new BestOf(
    m,
    mentorCap,
    mentorCap.reduce((a, b) => Math.max(a, b), 1),
  );
  /** Per mentee: kept mentors (best K and chosen), then mentor-side additions. */
  const keptOf: number[][] = [];
  const summary: Omit<MenteeCandidates, "kept" | "pruned" | "reason">[] = [];
  const own: (string | null)[] = [];
  let anySelected = false;
  for (let j = 0; j < m; j++) {
    const kind = p.ruleKindOfMentor(j);
    if (kind !== K_MENTOR_CONSENT && kind !== K_MENTOR_STATUS) anySelected = true;
  }
  let pairsScored = 0;
  // Every eligible pair (mentor index and score, mentee by mentee) when some are pruned.
  const allStart = new Int32Array(n + 1);
  let allMentor: Uint16Array | Int32Array =
    m <= 0xffff ? new Uint16Array(Math.max(16, n * K * 2)) : new Int32Array(Math.max(16, n * K * 2));
  let allScore = new Uint8Array(allMentor.length);
  let allCount = 0;

  for (let i = 0; i < n; i++) {
    allStart[i] = allCount;
    const mentee = mentees[i] as MenteeProfile;
    const locked = p.lockedOf(i);
    const rule = p.menteeRule(i);
    const kept: number[] = [];
    let eligible = 0;
    let bestPruned = -1;
    let belowMin = 0;
    let bestBelowMin = -1;
    counts.fill(0);
    byMentee.size[0] = 0;
    // A mentee with a locked pair keeps it: no other mentor is looked for.
    if (rule === null && locked.length === 0) {
      for (let j = 0; j < m; j++) {
        const kind = p.ruleKind(i, j);
        if (kind !== K_NONE) {
          counts[kind] = (counts[kind] as number) + 1;
          continue;
        }
        const s = p.score(i, j);
        pairsScored++;
        if (s < minScore) {
          belowMin++;
          if (s > bestBelowMin) bestBelowMin = s;
          continue;
        }
        eligible++;
        if (!all) {
          if (allCount === allMentor.length) {
            const biggerM =
              allMentor instanceof Uint16Array ? new Uint16Array(allCount * 2) : new Int32Array(allCount * 2);
            biggerM.set(allMentor);
            allMentor = biggerM;
            const biggerS = new Uint8Array(allCount * 2);
            biggerS.set(allScore);
            allScore = biggerS;
          }
          allMentor[allCount] = j;
          allScore[allCount] = s;
          allCount++;
        }
        if (L > 0) byMentor.offer(j, s, i);
        // Pairs named in «Выбор наставника после встречи» are always kept.
        if (p.chosen(i, j)) kept.push(j);
        else if (!all) {
          // The worst of the best K is on top of the heap: what it pushes out is pruned.
          if (byMentee.size[0] === K && s <= (byMentee.s[0] as number)) {
            if (s > bestPruned) bestPruned = s;
          } else {
            if (byMentee.size[0] === K && (byMentee.s[0] as number) > bestPruned)
              bestPruned = byMentee.s[0] as number;
            byMentee.offer(0, s, j);
          }
        } else kept.push(j);
      }
      for (let k = 0; k < (byMentee.size[0] as number); k++) kept.push(byMentee.x[k] as number);
    }
    for (const j of locked) if (!kept.includes(j)) kept.push(j);
    keptOf.push(kept);
    own.push(rule);
    const ineligible: { reason: string; count: number }[] = [];
    if (rule !== null) ineligible.push({ reason: rule, count: m });
    else
      for (let k = 1; k < KIND_COUNT; k++)
        if ((counts[k] as number) > 0)
          ineligible.push({ reason: KIND_LABELS[k] as string, count: counts[k] as number });
    ineligible.sort((a, b) => b.count - a.count);
    summary.push({ menteeId: mentee.id, eligible, bestPruned, belowMin, bestBelowMin, ineligible });
  }

  allStart[n] = allCount;

  // Mentor-side additions.
  for (let j = 0; j < m; j++) {
    const base = j * byMentor.stride;
    for (let k = 0; k < (byMentor.size[j] as number); k++) {
      const list = keptOf[byMentor.x[base + k] as number] as number[];
      if (!list.includes(j)) list.push(j);
    }
  }

  const scores: PairScore[] = [];
  const out: MenteeCandidates[] = [];
  const noCandidate = new Map<string, string>();
  let prunedPairs = 0;
  for (let i = 0; i < n; i++) {
    const kept = (keptOf[i] as number[]).map((j) => ({ j, s: p.score(i, j) }));
    kept.sort((a, b) => b.s - a.s || a.j - b.j);
    for (const k of kept) scores.push(p.lazy(i, k.j, k.s));
    const base = summary[i] as Omit<MenteeCandidates, "kept" | "pruned" | "reason">;
    const locked = p.lockedOf(i).length;
    const keptEligible = kept.length - locked;
    const pruned = base.eligible - keptEligible;
    prunedPairs += pruned;
    let reason: string | null = null;
    if (base.eligible === 0 && locked === 0) {
      reason = own[i] ?? noCandidateReason({ ...base, kept: 0, pruned: 0 }, minScore, m, anySelected);
      noCandidate.set(base.menteeId, reason);
    }
    out.push({ ...base, kept: kept.length, pruned, bestPruned: pruned > 0 ? base.bestPruned : -1, reason });
  }
  return {
    scores,
    mentees: out,
    topK: K,
    pairsScored,
    prunedPairs,
    noCandidateReasons: noCandidate,
    eligiblePairs: all
      ? null
      : { start: allStart, mentor: allMentor.subarray(0, allCount), score: allScore.subarray(0, allCount) },
    prepared: p,
  };
}
