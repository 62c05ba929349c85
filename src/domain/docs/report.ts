// The year's report for the municipal authority / regional centre («Отчёт о реализации программы
// наставничества», seed 003 stage 9) and the news text for the school website (seed 000 stage 8).
// Pure: the figures are the monitoring indicators (computeIndicators) and the mentor ranking
// (rankMentors) as they are — here they are only chosen, formatted and put into sentences.
//
// Personal data: the only names either document carries are those of the rewarded mentors (with
// their positions); everything else is counts, shares and averages. The director and the curator
// sign the report by their office.

import type { CellValue } from "../cells";
import { labelWithUnit } from "../monitoring/export";
import {
  COMPLETED_PAIR,
  type Indicator,
  isPairOfYear,
  type PairRow,
  ruNumber,
} from "../monitoring/indicators";
import type { MentorRank } from "../monitoring/ranking";
import { cleanText, type DateOnly, matchKey, normalizeDate } from "../normalize";
import { academicYear, NBSP, shortDate } from "./format";
import { declineName, type NameOverrides } from "./names";

/** A mentor named in the report and the site text, with why. */
export interface RewardedMentor {
  id: string;
  fullName: string;
  position: string;
  /** «пар, завершивших программу: 1; проведено встреч: 4; оценка наставляемых: 7,11 из 10; 1-е место в рейтинге». */
  basis: string;
}

/** What the report and the site text are made from (read by the use case, computed by monitoring). */
export interface ReportFacts {
  indicators: readonly Indicator[];
  rewarded: readonly RewardedMentor[];
  /** «Лучшие практики года», one per line as the curator typed them. */
  practices: readonly string[];
}

// ---------------------------------------------------------------------------------------
// Small helpers

export function plural(n: number, one: string, few: string, many: string): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (!Number.isInteger(n)) return few;
  if (a > 10 && a < 20) return many;
  if (b === 1) return one;
  if (b >= 2 && b <= 4) return few;
  return many;
}

const count = (n: number, one: string, few: string, many: string) => `${n} ${plural(n, one, few, many)}`;

/** «9 баллов», «9,33 балла», «1 балл». */
function points(n: number): string {
  return `${ruNumber(n)} ${plural(n, "балл", "балла", "баллов")}`;
}

/** The value of an indicator by code; null when absent or not computable. */
function figure(indicators: readonly Indicator[], code: string): number | null {
  const found = indicators.find((i) => i.code === code);
  return found && typeof found.value === "number" && Number.isFinite(found.value) ? found.value : null;
}

function indicatorOf(indicators: readonly Indicator[], code: string): Indicator | undefined {
  return indicators.find((i) => i.code === code);
}

/** «Учитель – учитель» and the like, quoted. */
const quoted = (text: string) => `«${text}»`;

/** «A», «A и B», «A, B и C». */
function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} и ${items[items.length - 1]}`;
}

/** «Квест …» → «квест …» inside a sentence; «ИКТ-…», «VR-…» stay. */
function lowerFirst(text: string): string {
  const t = cleanText(text);
  const second = t.charAt(1);
  if (second !== "" && second === second.toUpperCase() && second !== second.toLowerCase()) return t;
  return t.charAt(0).toLowerCase() + t.slice(1);
}

/** «довести …» → «Довести ….» */
function sentence(text: string): string {
  const t = cleanText(text);
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? "" : "."}`;
}

// ---------------------------------------------------------------------------------------
// Inputs

/**
 * The best practices of «Настройки», one per line (a single line with «;» is split at them);
 * list marks («1.», «-», «•») are dropped.
 */
export function parsePractices(raw: unknown): string[] {
  const text = raw === null || raw === undefined ? "" : String(raw);
  const lines = /[\r\n]/.test(text) ? text.split(/\r?\n|\r/) : text.split(";");
  return lines
    .map((l) =>
      cleanText(l)
        .replace(/^(\d+[.)]|[-–—•*·])\s*/, "")
        .replace(/[;.,]+$/, "")
        .trim(),
    )
    .filter((l) => l !== "");
}

/**
 * The reporting period: from the start of the academic year («Начало учебного года», or
 * 1 September) to the date of the document, at most 31 August of the year's end.
 */
export function reportPeriod(
  startSetting: CellValue | undefined,
  firstYear: number,
  date: DateOnly,
): { start: DateOnly; end: DateOnly } {
  const parsed = normalizeDate(startSetting ?? "");
  const given = parsed.ok ? parsed.value : null;
  const start =
    given && (given.month >= 7 ? given.year : given.year - 1) === firstYear
      ? given
      : { year: firstYear, month: 9, day: 1 };
  const last = { year: firstYear + 1, month: 8, day: 31 };
  const key = (d: DateOnly) => d.year * 10000 + d.month * 100 + d.day;
  const end = key(date) > key(last) ? last : key(date) < key(start) ? start : date;
  return { start, end };
}

/**
 * Who is named as rewarded: the mentors of pairs completed in this academic year (the same
 * mentors the completion order rewards), in the order of the ranking; when no pair has been
 * completed yet, the first `top` places of the ranking with a score above zero. The ranking
 * already leaves out mentors who withdrew their consent.
 */
export function rewardedMentors(input: {
  ranking: readonly MentorRank[];
  pairs: readonly Pick<PairRow, "mentorId" | "status" | "endDate">[];
  academicYear: number;
  positionOf: (mentorId: string) => string;
  top?: number;
}): RewardedMentor[] {
  const completed = new Map<string, number>();
  for (const p of input.pairs) {
    if (p.status !== COMPLETED_PAIR || !isPairOfYear(p, input.academicYear)) continue;
    const key = matchKey(p.mentorId);
    if (key !== "") completed.set(key, (completed.get(key) ?? 0) + 1);
  }
  const top = input.top ?? 3;
  const chosen =
    completed.size > 0
      ? input.ranking.filter((r) => completed.has(matchKey(r.mentorId)))
      : input.ranking.filter((r) => r.place <= top && r.score > 0);
  return chosen.map((r) => {
    const done = completed.get(matchKey(r.mentorId)) ?? 0;
    const basis = [
      ...(done > 0 ? [`пар, завершивших программу: ${done}`] : []),
      `проведено встреч: ${r.meetingsHeld}`,
      ...(r.menteeScore !== null ? [`оценка наставляемых: ${ruNumber(r.menteeScore)} из 10`] : []),
      `${r.place}-е место в рейтинге наставников`,
    ].join("; ");
    return {
      id: r.mentorId,
      fullName: cleanText(r.name),
      position: cleanText(input.positionOf(r.mentorId)),
      basis,
    };
  });
}

// ---------------------------------------------------------------------------------------
// The report's tables

/** Codes the report's table leaves out: the forms go to their own table, answer counts into the values. */
function inReport(i: Indicator): boolean {
  if (/\.by_form\./.test(i.code)) return false;
  if (/^satisfaction\.(mentors|mentees)\.answers\./.test(i.code)) return false;
  if (i.code === "meetings.unmarked") return false;
  // Breakdowns (by category, status, contour) only with something in them.
  if (i.item !== undefined && (i.value === 0 || i.value === null)) return false;
  return true;
}

export interface IndicatorLine {
  section: string;
  code: string;
  label: string;
  value: string;
  target: string;
}

/** «6,67 (анкет: 2)», «+2,33», «57,1», «нет данных». */
function shownValue(i: Indicator, all: readonly Indicator[]): string {
  if (i.value === null || !Number.isFinite(i.value)) return "нет данных";
  const stage = /^satisfaction\.(mentors|mentees)\.(entry|mid|final)$/.exec(i.code);
  if (stage) {
    const answers = figure(all, `satisfaction.${stage[1]}.answers.${stage[2]}`);
    return answers !== null ? `${ruNumber(i.value)} (анкет: ${answers})` : ruNumber(i.value);
  }
  if (/\.change$/.test(i.code) && i.value > 0) return `+${ruNumber(i.value)}`;
  return ruNumber(i.value);
}

/** The indicators of the report's table, the section named on the first row of each. */
export function reportIndicators(indicators: readonly Indicator[]): IndicatorLine[] {
  let section = "";
  return indicators.filter(inReport).map((i) => {
    const first = i.section !== section;
    section = i.section;
    return {
      section: first ? i.section : "",
      code: i.code,
      label: labelWithUnit(i),
      value: shownValue(i, indicators),
      target: i.target !== null && Number.isFinite(i.target) ? `не менее ${ruNumber(i.target)}` : "",
    };
  });
}

export interface FormLine {
  form: string;
  pairs: number;
  mentors: number;
  mentees: number;
  menteeScore: string;
  mentorScore: string;
}

/** One line per form of the year's pairs, in the order of the indicators. */
export function reportForms(indicators: readonly Indicator[]): FormLine[] {
  const score = (code: string) => {
    const v = figure(indicators, code);
    return v === null ? "—" : ruNumber(v);
  };
  return indicators
    .filter((i) => i.code.startsWith("pairs.by_form."))
    .map((i) => {
      const slug = i.code.slice("pairs.by_form.".length);
      return {
        form: cleanText(i.item) || "не указана",
        pairs: i.value ?? 0,
        mentors: figure(indicators, `mentors.by_form.${slug}`) ?? 0,
        mentees: figure(indicators, `mentees.by_form.${slug}`) ?? 0,
        menteeScore: score(`satisfaction.mentees.by_form.${slug}`),
        mentorScore: score(`satisfaction.mentors.by_form.${slug}`),
      };
    });
}

/** The figures of the year used in both documents and their scalar fields. */
export function yearFigures(indicators: readonly Indicator[]) {
  const v = (code: string) => figure(indicators, code);
  const coverage = indicatorOf(indicators, "coverage.students_pct");
  return {
    pairs: v("pairs.of_year") ?? 0,
    groups: v("pairs.groups") ?? 0,
    mentors: v("mentors.in_pairs") ?? 0,
    mentees: v("coverage.covered") ?? 0,
    participants: v("coverage.participants") ?? 0,
    coveragePct: v("coverage.pct"),
    students: v("coverage.students_participants") ?? 0,
    studentsPct: v("coverage.students_pct"),
    target: coverage && coverage.target !== null && Number.isFinite(coverage.target) ? coverage.target : null,
    unmatched: v("unmatched.count") ?? 0,
    held: v("meetings.held") ?? 0,
    heldPerPair: v("meetings.held_per_pair"),
    inactive: v("meetings.pairs_inactive") ?? 0,
    roadmapActive: v("roadmap.active") ?? 0,
    roadmapDone: v("roadmap.done") ?? 0,
    roadmapPct: v("roadmap.done_pct"),
    roadmapOverdue: v("roadmap.overdue") ?? 0,
    wantToMentor: v("mentees.want_to_mentor") ?? 0,
    wantToMentorPct: v("mentees.want_to_mentor_pct"),
    forms: reportForms(indicators),
    satisfaction: (["mentees", "mentors"] as const).map((who) => ({
      who,
      entry: v(`satisfaction.${who}.entry`),
      mid: v(`satisfaction.${who}.mid`),
      final: v(`satisfaction.${who}.final`),
      change: v(`satisfaction.${who}.change`),
    })),
  };
}

type Figures = ReturnType<typeof yearFigures>;

const WHOSE = { mentees: "наставляемых", mentors: "наставников" } as const;

/** «57,1 %» or «нет данных». */
export function percentText(n: number | null): string {
  return n === null ? "нет данных" : `${ruNumber(n)}${NBSP}%`;
}

// ---------------------------------------------------------------------------------------
// The report's conclusions and plans

/** «Выводы»: what the figures of the year say, a paragraph each. */
export function reportConclusions(f: Figures, firstYear: number, inactivityDays: number): string[] {
  const year = academicYear(firstYear);
  const out: string[] = [];
  const forms = f.forms.length;
  out.push(
    `В ${year} учебном году в программе наставничества участвовали: наставников — ${f.mentors}, ` +
      `наставляемых — ${f.mentees}; работали наставнических пар — ${f.pairs}` +
      (f.groups > 0 ? ` (в том числе групп: ${f.groups})` : "") +
      (forms > 0 ? ` в ${forms} ${plural(forms, "форме", "формах", "формах")} наставничества` : "") +
      ".",
  );
  if (f.studentsPct !== null && f.target !== null) {
    const reached = f.studentsPct >= f.target;
    const gap = Math.round((f.target - f.studentsPct) * 10) / 10;
    out.push(
      `Охват обучающихся наставничеством составил ${ruNumber(f.studentsPct)}${NBSP}% при целевом значении ${ruNumber(f.target)}${NBSP}%: ` +
        (reached
          ? "целевой показатель достигнут."
          : `целевой показатель не достигнут (ниже на ${ruNumber(gap)} п. п.).`),
    );
  } else if (f.studentsPct !== null) {
    out.push(`Охват обучающихся наставничеством составил ${ruNumber(f.studentsPct)}${NBSP}%.`);
  }
  if (f.coveragePct !== null)
    out.push(
      `Охват всех наставляемых — ${ruNumber(f.coveragePct)}${NBSP}% (в паре или группе ${f.mentees} из ${f.participants})` +
        (f.unmatched > 0 ? `; ожидают подбора наставника: ${f.unmatched} чел.` : "."),
    );
  if (f.pairs > 0)
    out.push(
      `Проведено встреч наставников с наставляемыми: ${f.held}` +
        (f.heldPerPair !== null ? `, в среднем ${ruNumber(f.heldPerPair)} на пару` : "") +
        (f.inactive > 0 ? `; пар без встреч ${inactivityDays} дн. и дольше: ${f.inactive}` : "") +
        ".",
    );
  const satisfaction: string[] = [];
  for (const s of f.satisfaction) {
    if (s.change !== null && s.entry !== null && s.final !== null) {
      const how = s.change > 0 ? "выросла" : s.change < 0 ? "снизилась" : "не изменилась";
      satisfaction.push(
        s.change === 0
          ? `удовлетворённость ${WHOSE[s.who]} не изменилась (${points(s.final)} из 10)`
          : `удовлетворённость ${WHOSE[s.who]} ${how} с ${ruNumber(s.entry)} до ${points(s.final)} из 10`,
      );
    } else {
      const last = s.final ?? s.mid ?? s.entry;
      if (last !== null) satisfaction.push(`средняя оценка ${WHOSE[s.who]} — ${points(last)} из 10`);
    }
  }
  out.push(
    satisfaction.length > 0
      ? `По анкетам обратной связи ${satisfaction.join("; ")}.`
      : "Анкетирование участников для оценки удовлетворённости программой в этом году не проводилось.",
  );
  if (f.roadmapActive > 0 && f.roadmapPct !== null)
    out.push(
      `Дорожная карта выполнена на ${ruNumber(f.roadmapPct)}${NBSP}% (${f.roadmapDone} из ${count(f.roadmapActive, "мероприятия", "мероприятий", "мероприятий")}` +
        (f.roadmapOverdue > 0 ? `, просрочено: ${f.roadmapOverdue}` : "") +
        ").",
    );
  if (f.wantToMentor > 0)
    out.push(
      `Наставляемых, желающих стать наставниками: ${f.wantToMentor}` +
        (f.wantToMentorPct !== null ? ` (${ruNumber(f.wantToMentorPct)}${NBSP}%)` : "") +
        ".",
    );
  return out;
}

/** «Задачи»: the tasks for the next academic year that follow from the figures, as sentences. */
export function reportPlans(f: Figures, practices: number, inactivityDays: number): string[] {
  const items: string[] = [];
  if (f.studentsPct !== null && f.target !== null && f.studentsPct < f.target)
    items.push(`довести охват обучающихся наставничеством до ${ruNumber(f.target)}${NBSP}% и выше`);
  if (f.unmatched > 0) items.push(`подобрать наставников наставляемым, ожидающим пары (${f.unmatched} чел.)`);
  if (f.inactive > 0)
    items.push(
      `возобновить регулярные встречи в парах, где их не было ${inactivityDays} дн. и дольше (${f.inactive})`,
    );
  if (f.roadmapOverdue > 0)
    items.push(`выполнить просроченные мероприятия дорожной карты (${f.roadmapOverdue})`);
  if (f.wantToMentor > 0)
    items.push(
      `включить в базу наставников наставляемых, желающих стать наставниками (${f.wantToMentor} чел.), и организовать их обучение`,
    );
  if (f.satisfaction.some((s) => s.change !== null && s.change < 0))
    items.push(
      "выяснить причины снижения удовлетворённости участников и скорректировать персонализированные программы",
    );
  items.push(
    practices > 0
      ? "обобщить лучшие практики года и пополнить ими методическую копилку наставничества"
      : "провести круглый стол по выявлению лучших практик наставничества",
  );
  items.push(
    "продолжить реализацию программы наставничества, сформировать наставнические пары (группы) на новый учебный год",
  );
  return items.map(sentence);
}

// ---------------------------------------------------------------------------------------
// The site text

export interface SiteOrg {
  /** «МБОУ СОШ № 7», or "" — then «нашей школе». */
  shortName: string;
  /** «Школа» or «Колледж (техникум)». */
  type: string;
}

function isCollege(org: SiteOrg): boolean {
  return /^колледж|^техникум/.test(matchKey(org.type));
}

/** The paragraphs of the news text, each a field of the template. */
export function siteTexts(
  f: Figures,
  facts: ReportFacts,
  firstYear: number,
  org: SiteOrg,
  overrides: NameOverrides,
): {
  title: string;
  about: string;
  results: string;
  feedback: string;
  thanks: string;
  invitation: string;
} {
  const year = academicYear(firstYear);
  const next = academicYear(firstYear + 1);
  const college = isCollege(org);
  const where = cleanText(org.shortName) || (college ? "нашем колледже" : "нашей школе");
  const title = `Итоги программы наставничества ${year} учебного года`;

  const about =
    `В ${year} учебном году в ${where} работала программа наставничества. Наставничество помогает ` +
    (college
      ? "молодым преподавателям быстрее освоиться в профессии, а студентам — раскрыть свои способности, получить поддержку опытных наставников и подготовиться к будущей работе. "
      : "молодым педагогам быстрее освоиться в профессии, а обучающимся — раскрыть свои способности, получить поддержку старших и определиться с будущей профессией. ") +
    `В программе участвовали ${count(f.mentors, "наставник", "наставника", "наставников")} и ` +
    `${count(f.mentees, "наставляемый", "наставляемых", "наставляемых")}.`;

  const results: string[] = [];
  if (f.pairs > 0) {
    const forms = f.forms.map((x) => `${quoted(x.form)} (${x.pairs})`);
    results.push(
      `За год ${plural(f.pairs, "работала", "работали", "работали")} ${count(f.pairs, "наставническая пара", "наставнические пары", "наставнических пар")}` +
        (forms.length > 0
          ? `, в ${plural(forms.length, "форме", "формах", "формах")} ${forms.join(", ")}`
          : "") +
        ".",
    );
    if (f.held > 0)
      results.push(`Наставники и наставляемые провели ${count(f.held, "встречу", "встречи", "встреч")}.`);
  } else {
    results.push("Наставнические пары только формируются.");
  }
  if (f.studentsPct !== null) {
    results.push(
      `Охват ${college ? "студентов" : "обучающихся"} наставничеством составил ${ruNumber(f.studentsPct)}${NBSP}%` +
        (f.target !== null
          ? f.studentsPct >= f.target
            ? `: целевой показатель ${ruNumber(f.target)}${NBSP}% достигнут.`
            : ` при целевом показателе ${ruNumber(f.target)}${NBSP}%.`
          : "."),
    );
  } else if (f.coveragePct !== null) {
    results.push(`В паре или группе — ${ruNumber(f.coveragePct)}${NBSP}% наставляемых.`);
  }

  const feedback: string[] = [];
  const said: string[] = [];
  for (const s of f.satisfaction) {
    if (s.change !== null && s.entry !== null && s.final !== null && s.change !== 0) {
      said.push(
        `удовлетворённость ${WHOSE[s.who]} ${s.change > 0 ? "выросла" : "снизилась"} с ${ruNumber(s.entry)} до ${points(s.final)} из 10`,
      );
    } else {
      const last = s.final ?? s.mid ?? s.entry;
      if (last !== null) said.push(`${WHOSE[s.who]} оценили программу в среднем на ${points(last)} из 10`);
    }
  }
  feedback.push(
    said.length > 0
      ? `По анкетам обратной связи ${said.join(", а ")}.`
      : "Мнение участников о программе мы изучаем с помощью анкет обратной связи.",
  );
  if (f.wantToMentor > 0)
    feedback.push(
      `Стать наставниками в будущем ${plural(f.wantToMentor, "захотел", "захотели", "захотели")} ` +
        `${count(f.wantToMentor, "наставляемый", "наставляемых", "наставляемых")}.`,
    );

  const thanks: string[] = [];
  if (facts.practices.length > 0)
    thanks.push(`Лучшими практиками года стали: ${facts.practices.map(lowerFirst).join("; ")}.`);
  if (facts.rewarded.length > 0) {
    const names = facts.rewarded.map((r) => declineName(r.fullName, "вин", overrides));
    thanks.push(
      `Благодарим за вклад в наставничество ${joinAnd(names)}, а также всех наставников программы.`,
    );
  } else {
    thanks.push("Благодарим всех наставников за их труд, время и внимание к наставляемым.");
  }

  const invitation =
    `В ${next} учебном году программа наставничества продолжится. Приглашаем ` +
    (college
      ? "преподавателей, студентов, выпускников, работодателей и партнёров колледжа"
      : "педагогов, обучающихся, выпускников, родителей и партнёров школы") +
    " стать наставниками или наставляемыми: обращайтесь к куратору программы наставничества.";

  return {
    title,
    about,
    results: results.join(" "),
    feedback: feedback.join(" "),
    thanks: thanks.join(" "),
    invitation,
  };
}

/** The period as the report writes it: «с 01.09.2025 по 16.03.2026». */
export function periodText(period: { start: DateOnly; end: DateOnly }): string {
  return `с ${shortDate(period.start)} по ${shortDate(period.end)}`;
}
