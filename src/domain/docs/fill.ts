// Templates and their values: what a template holds (scanModel, scanTableRow), whether it is
// sound for its kind of document (checkTemplate), and the values for exactly its placeholders
// (buildFill). Pure code: the shells scan and fill the actual Google Doc or .docx.
//
// Which empty inputs block a document (buildFill → `blocking`): for orders, the organisation,
// the city, the director and the curator — an order without them cannot be signed. Everything
// else that is empty (a position, a form, a date of a pair, the curator's position) is a
// warning: the document is made with the gap and the curator is told where to fill it in.

import { planMeetings } from "../meetings";
import { cleanText, type DateOnly, matchKey } from "../normalize";
import { listValues, type SettingKey } from "../schema";
import { academicYear, longDate, shortDate, signature, term } from "./format";
import { CASES, type CaseKey, type CollectionInfo, documentFields, type FieldInfo, KINDS } from "./kinds";
import {
  type Block,
  type DocKind,
  type DocModel,
  type DocumentFill,
  type Paragraph,
  PLACEHOLDER,
  splitPlaceholder,
  type TemplateScan,
} from "./model";
import { declineName, type NameOverrides } from "./names";
import {
  percentText,
  periodText,
  type ReportFacts,
  reportConclusions,
  reportIndicators,
  reportPeriod,
  reportPlans,
  siteTexts,
  yearFigures,
} from "./report";

// ---------------------------------------------------------------------------------------
// Scanning

type ScanRow = TemplateScan["rows"][number];
type Where = TemplateScan["fields"][number]["where"];

/** The placeholder names in a text, in order (the text inside the braces, trimmed). */
export function placeholdersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) if (m[1]) out.push(m[1].trim());
  return out;
}

/**
 * Sorts the placeholders of one table row: fields of a collection make it a repeating row
 * (the first collection named is the row's; others are kept in `others` to be reported);
 * the rest are plain document fields. Every shell builds its scan with this function.
 */
export function scanTableRow(names: readonly string[]): { row: ScanRow | null; plain: string[] } {
  const plain: string[] = [];
  let row: ScanRow | null = null;
  for (const name of names) {
    const { collection, field } = splitPlaceholder(name);
    if (collection === null) {
      plain.push(name);
      continue;
    }
    if (row === null) row = { collection, fields: [] };
    if (matchKey(collection) === matchKey(row.collection)) {
      if (!row.fields.includes(field)) row.fields.push(field);
    } else {
      row.others = row.others ?? [];
      if (!row.others.includes(collection)) row.others.push(collection);
    }
  }
  return { row, plain };
}

function paragraphText(p: Paragraph): string {
  return p.runs.map((r) => r.text).join("");
}

/** What a template in the document model holds: the same scan the shells make of a Doc or .docx. */
export function scanModel(model: DocModel): TemplateScan {
  const scan: TemplateScan = { fields: [], rows: [] };
  const seen = new Set<string>();
  const addField = (name: string, where: Where) => {
    const key = `${where}\u0000${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    scan.fields.push({ name, where });
  };
  const visit = (blocks: readonly Block[], where: Where) => {
    for (const block of blocks) {
      if (block.type === "p") {
        for (const name of placeholdersIn(paragraphText(block))) addField(name, where);
        continue;
      }
      for (const tableRow of block.rows) {
        const names = tableRow.cells.flatMap((c) =>
          c.paragraphs.flatMap((p) => placeholdersIn(paragraphText(p))),
        );
        const { row, plain } = scanTableRow(names);
        if (row) scan.rows.push(row);
        for (const name of plain) addField(name, where);
      }
    }
  };
  visit(model.header, "header");
  visit(model.body, "body");
  visit(model.footer, "footer");
  return scan;
}

// ---------------------------------------------------------------------------------------
// Checking a template

/** Levenshtein distance, for suggesting the name the curator meant. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** The known name closest to `name`, when it is close enough to be a typo. */
function closest(name: string, known: readonly string[]): string | null {
  const key = matchKey(name);
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const kk = matchKey(k);
    const d =
      kk.startsWith(key) || key.startsWith(kk) ? Math.abs(kk.length - key.length) * 0.5 : distance(key, kk);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  const limit = Math.max(2, Math.floor(key.length / 3));
  return best !== null && bestD <= limit ? best : null;
}

/** «Куратор|вин» → Куратор and the case; the case is read leniently («дательный», «Дат.»). */
export function splitCase(name: string): { base: string; caseText: string | null; caseKey: CaseKey | null } {
  const bar = name.indexOf("|");
  if (bar < 0) return { base: name.trim(), caseText: null, caseKey: null };
  const base = name.slice(0, bar).trim();
  const caseText = name.slice(bar + 1).trim();
  const folded = caseText.toLowerCase().replace(/\.$/, "");
  const caseKey = CASES.find((c) => folded.startsWith(c)) ?? null;
  return { base, caseText, caseKey };
}

function findField(fields: readonly FieldInfo[], name: string): FieldInfo | undefined {
  const key = matchKey(name);
  return fields.find((f) => matchKey(f.name) === key);
}

function findCollection(kind: DocKind, name: string): CollectionInfo | undefined {
  const key = matchKey(name);
  return KINDS[kind].collections.find((c) => matchKey(c.name) === key);
}

/** What the repeating row of a collection is copied for, for messages: «некуда вписать пары». */
const COLLECTION_ITEMS: Record<string, string> = {
  Пары: "пары",
  Наставники: "наставников",
  Совет: "членов совета наставников",
  Поощрить: "наставников к поощрению",
  План: "встречи плана",
  Показатели: "показатели мониторинга",
  Выводы: "выводы",
  Задачи: "задачи на следующий год",
};

const whereText = (where: Where) =>
  where === "header" ? " (в верхнем колонтитуле)" : where === "footer" ? " (в нижнем колонтитуле)" : "";

/** Problems with one placeholder name against the fields it may use; [] when it is sound. */
function checkName(
  prefix: string,
  shown: string,
  name: string,
  fields: readonly FieldInfo[],
  where: string,
): string[] {
  const { base, caseText, caseKey } = splitCase(name);
  const field = findField(fields, base);
  if (!field) {
    const guess = closest(
      base,
      fields.map((f) => f.name),
    );
    const shownGuess = guess ? shown.replace(name, caseText ? `${guess}|${caseText}` : guess) : null;
    return [
      `${prefix} неизвестное поле {{${shown}}}${where}: ` +
        (shownGuess
          ? `возможно, имелось в виду {{${shownGuess}}}.`
          : `такого поля нет. Доступные поля: ${fields.map((f) => `{{${shown.replace(name, f.name)}}}`).join(", ")}.`),
    ];
  }
  if (caseText !== null && !field.person) {
    return [
      `${prefix} поле {{${shown}}}${where}: падеж указывают только у ФИО (например, {{Куратор|вин}}); ` +
        `у поля «${field.name}» уберите «|${caseText}».`,
    ];
  }
  if (caseText !== null && caseKey === null) {
    return [
      `${prefix} поле {{${shown}}}${where}: неизвестный падеж «${caseText}». Допустимы: ${CASES.join(", ")}.`,
    ];
  }
  return [];
}

/**
 * Problems of a template for its kind, in Russian, each naming the placeholder: unknown
 * fields (with the closest known name), a case on a field that is not a name or an unknown
 * case, collection fields outside a table row, rows of unknown collections, two collections
 * in one row, and a required collection without its repeating row.
 */
export function checkTemplate(kind: DocKind, scan: TemplateScan): string[] {
  const info = KINDS[kind];
  const prefix = `В шаблоне «${info.title}»`;
  const fields = documentFields(kind);
  const problems: string[] = [];
  const collectionNames = info.collections.map((c) => c.name);
  for (const { name, where } of scan.fields) {
    const { collection } = splitPlaceholder(name);
    if (collection !== null) {
      const known = findCollection(kind, collection);
      problems.push(
        known
          ? `${prefix} поле {{${name}}}${whereText(where)} стоит вне строки таблицы. Поля «${known.name}.…» работают только в строке таблицы, ` +
              `которая повторяется для каждого элемента: перенесите его в такую строку.`
          : `${prefix} неизвестное поле {{${name}}}${whereText(where)}: ` +
              (collectionNames.length > 0
                ? `в этом документе есть только ${collectionNames.map((c) => `«${c}.…»`).join(", ")}, и они работают только в строке таблицы.`
                : "в этом документе нет повторяющихся строк; уберите поле."),
      );
      continue;
    }
    problems.push(...checkName(prefix, name, name, fields, whereText(where)));
  }
  const present = new Set<string>();
  for (const row of scan.rows) {
    const collection = findCollection(kind, row.collection);
    const others = row.others ?? [];
    if (others.length > 0) {
      problems.push(
        `${prefix} в одной строке таблицы поля разных коллекций: ${[row.collection, ...others]
          .map((c) => `{{${c}.…}}`)
          .join(" и ")}. В строке может быть только одна коллекция — разнесите их по разным таблицам.`,
      );
    }
    if (!collection) {
      const guess = closest(row.collection, collectionNames);
      problems.push(
        `${prefix} строка таблицы с полями {{${row.collection}.…}}: неизвестная коллекция «${row.collection}»` +
          (guess
            ? `; возможно, имелось в виду «${guess}».`
            : collectionNames.length > 0
              ? `. В этом документе есть: ${collectionNames.map((c) => `«${c}»`).join(", ")}.`
              : ". В этом документе нет повторяющихся строк."),
      );
      continue;
    }
    present.add(collection.name);
    for (const f of row.fields) {
      problems.push(...checkName(prefix, `${row.collection}.${f}`, f, collection.fields, ""));
    }
  }
  for (const c of info.collections) {
    if (!c.required || present.has(c.name)) continue;
    const items = COLLECTION_ITEMS[c.name] ?? "элементы";
    problems.push(
      `${prefix} нет строки таблицы с полями {{${c.name}.…}} — без неё некуда вписать ${items}. ` +
        `Добавьте в таблицу строку с полями ${c.fields
          .slice(0, 4)
          .map((f) => `{{${c.name}.${f.name}}}`)
          .join(", ")}.`,
    );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// The context of a document

/** A person of a base, with where to correct them. */
export interface PersonRef {
  id: string;
  fullName: string;
  /** Position (mentors: or the workplace; mentees: position or class / group). */
  position: string;
  /** 1-based row in its sheet, for messages. */
  row: number;
}

export interface MenteeRef extends PersonRef {
  /** Requests from the questionnaire, as chosen from «Темы запросов и компетенции». */
  requests: string[];
  /** The request in the mentee's own words. */
  requestText: string;
  category: string;
  format: string;
}

export interface MentorRef extends PersonRef {
  format: string;
  /** Forms of mentoring the mentor chose («Формы наставничества»), when they lead no pair yet. */
  forms: string[];
}

export interface MeetingRef {
  date: DateOnly;
  topic: string;
  format: string;
}

/** A pair, or a group (one mentor, several mentees) as one line of a document. */
export interface PairRef {
  /** The pair's ID, or the group's number for a group. */
  id: string;
  /** The pairs of the register it stands for. */
  pairIds: string[];
  /** Row of the (first) pair in «Пары и группы». */
  row: number;
  mentor: MentorRef;
  mentees: MenteeRef[];
  form: string;
  kind: string;
  start: DateOnly | null;
  end: DateOnly | null;
  /** Meetings from «Встречи», not cancelled, in date order; empty — the plan is made from the settings. */
  meetings: MeetingRef[];
  /** Meetings held (for the rewards table of the completion order). */
  meetingsHeld: number;
  /** The «ППН» link of the (first) pair, "" when none. */
  programLink: string;
  /** The «№ приказа» of the (first) pair already in an order, "" when none. */
  orderNo: string;
}

export interface TeamMemberRef {
  fullName: string;
  role: string;
  position: string;
}

/** The values of «Настройки» (the same shape as DocSettings of src/app/settings.ts). */
export type DocSettings = { [K in SettingKey]: string | number | boolean };

/** Everything a document needs, as plain values read by the use case. */
export interface DocContext {
  settings: DocSettings;
  /** The number and date of an order; null for other documents. */
  order: { number: string; date: DateOnly } | null;
  /** The date of the document. */
  date: DateOnly;
  /** First calendar year of the academic year. */
  academicYearStart: number;
  /** «Команда»: the curator's position and the council of mentors. */
  team: TeamMemberRef[];
  /** The pairs (groups) of the document: all of an order, the one of a programme. */
  pairs: PairRef[];
  /** The mentors of a mentors order, or the one of a consent, with their pairs. */
  mentors: { mentor: MentorRef; pairs: PairRef[] }[];
  overrides: NameOverrides;
  /** The year's figures, for the report and the site text (absent for other documents). */
  report?: ReportFacts;
}

// ---------------------------------------------------------------------------------------
// Generated text of the programme: goals, tasks and expected results

interface TopicText {
  goal: string;
  task: string;
  result: string;
}

const TOPIC_TEXT: Record<string, TopicText> = {
  "адаптация в коллективе": {
    goal: "успешная адаптация в коллективе и в образовательной организации",
    task: "познакомить с традициями, локальными актами и коллегами, включить в работу методического объединения",
    result: "наставляемый уверенно ориентируется в организации и включён в работу коллектива",
  },
  "методика преподавания предмета": {
    goal: "совершенствование методики преподавания предмета",
    task: "разобрать построение урока, приёмы объяснения и закрепления материала, провести взаимопосещение уроков",
    result: "уроки наставляемого построены методически грамотно, отобраны эффективные приёмы обучения",
  },
  "современные образовательные технологии": {
    goal: "освоение современных образовательных технологий",
    task: "освоить и применить на уроках не менее двух современных образовательных технологий",
    result: "современные образовательные технологии применяются в повседневной работе",
  },
  "цифровые инструменты и дистанционное обучение": {
    goal: "уверенное владение цифровыми инструментами и дистанционными формами обучения",
    task: "освоить цифровые образовательные платформы и сервисы, провести занятие с их использованием",
    result: "наставляемый самостоятельно использует цифровые инструменты в работе",
  },
  "управление классом и дисциплина": {
    goal: "умение управлять классом и поддерживать рабочую дисциплину",
    task: "разобрать приёмы организации класса и профилактики нарушений дисциплины, отработать их на уроках",
    result: "на уроках наставляемого поддерживается рабочая атмосфера",
  },
  "классное руководство и воспитательная работа": {
    goal: "освоение классного руководства и воспитательной работы",
    task: "спланировать воспитательную работу с классом, подготовить и провести классный час",
    result: "наставляемый самостоятельно планирует и ведёт воспитательную работу с классом",
  },
  "работа с родителями": {
    goal: "выстраивание конструктивного взаимодействия с родителями обучающихся",
    task: "подготовить и провести родительское собрание, разобрать трудные ситуации общения с родителями",
    result: "взаимодействие с родителями выстроено и проходит конструктивно",
  },
  "работа с детьми с овз": {
    goal: "освоение подходов к обучению детей с ОВЗ",
    task: "изучить требования адаптированных программ, подобрать приёмы работы с детьми с ОВЗ",
    result: "наставляемый учитывает особые образовательные потребности обучающихся",
  },
  "работа с одарёнными детьми": {
    goal: "развитие работы с одарёнными и мотивированными обучающимися",
    task: "спланировать индивидуальную работу с одарёнными обучающимися",
    result: "выстроена система работы с мотивированными обучающимися",
  },
  "подготовка к огэ и егэ": {
    goal: "качественная подготовка к государственной итоговой аттестации (ОГЭ, ЕГЭ)",
    task: "разобрать структуру и критерии оценивания экзаменационных работ, составить план подготовки",
    result: "подготовка к ОГЭ и ЕГЭ ведётся по плану, результаты пробных работ улучшаются",
  },
  "проектная и исследовательская деятельность": {
    goal: "развитие навыков проектной и исследовательской деятельности",
    task: "выбрать тему, спланировать и выполнить проект (исследование), подготовить его защиту",
    result: "проект (исследование) выполнен и представлен",
  },
  "олимпиады и конкурсы": {
    goal: "успешное участие в олимпиадах и конкурсах",
    task: "подобрать олимпиады и конкурсы, составить план подготовки и участия",
    result: "наставляемый принял участие в олимпиадах и конкурсах по плану",
  },
  "профессиональные конкурсы и аттестация": {
    goal: "подготовка к профессиональным конкурсам и аттестации",
    task: "разобрать требования аттестации и конкурсов, подготовить необходимые материалы",
    result: "материалы для аттестации (конкурса) подготовлены",
  },
  "документация и отчётность": {
    goal: "уверенное ведение документации и отчётности",
    task: "разобрать порядок ведения рабочей документации и отчётности, проверить её заполнение",
    result: "документация ведётся своевременно и без ошибок",
  },
  "профориентация и выбор профессии": {
    goal: "осознанный выбор профессии и образовательной траектории",
    task: "познакомиться с профессиями и требованиями к ним, определить свои интересы и сильные стороны",
    result: "наставляемый сделал осознанный выбор профессионального направления",
  },
  "учебная успеваемость": {
    goal: "повышение учебной успеваемости",
    task: "выявить пробелы в знаниях и составить план их устранения, контролировать его выполнение",
    result: "успеваемость наставляемого повысилась",
  },
  "трудности в общении": {
    goal: "развитие коммуникативных навыков и преодоление трудностей в общении",
    task: "разобрать трудные ситуации общения, отработать навыки взаимодействия в группе",
    result: "наставляемый увереннее общается со сверстниками и взрослыми",
  },
  "лидерство и самоорганизация": {
    goal: "развитие лидерских качеств и навыков самоорганизации",
    task: "освоить приёмы планирования времени, принять участие в организации общего дела",
    result: "наставляемый самостоятельно планирует свою работу и проявляет инициативу",
  },
  предпринимательство: {
    goal: "развитие предпринимательских компетенций",
    task: "разобрать основы предпринимательской деятельности, подготовить собственную бизнес-идею",
    result: "подготовлена и представлена бизнес-идея",
  },
  "практика и трудоустройство": {
    goal: "подготовка к практике и трудоустройству",
    task: "подготовить резюме, познакомиться с требованиями работодателей, пройти практику",
    result: "наставляемый готов к трудоустройству, практика пройдена",
  },
};

const TOPIC_BY_KEY = new Map(Object.entries(TOPIC_TEXT).map(([k, v]) => [matchKey(k), v]));

function topicText(request: string): TopicText {
  const known = TOPIC_BY_KEY.get(matchKey(request));
  if (known) return known;
  const r = cleanText(request).replace(/[.;]+$/, "");
  const lower = r.charAt(0).toLowerCase() + r.slice(1);
  return {
    goal: `развитие по запросу наставляемого: «${r}»`,
    task: `составить и выполнить план работы по запросу «${lower}»`,
    result: `запрос «${lower}» проработан, достигнут результат, согласованный наставником и наставляемым`,
  };
}

/** The main goal by the form of mentoring. */
function formGoal(form: string, group: boolean): string {
  const f = matchKey(form);
  const who = group ? "наставляемых" : "наставляемого";
  if (/^работодатель/.test(f))
    return `Профессиональное самоопределение ${who} и подготовка к осознанному выбору профессии и трудоустройству`;
  if (/^(ученик|студент)-ученик/.test(f) || /^студент-студент/.test(f))
    return `Раскрытие потенциала ${who}, повышение образовательных результатов и успешная адаптация в образовательной среде`;
  if (/^педагог-студент/.test(f))
    return `Успешное освоение образовательной программы и профессиональное становление ${who}`;
  return `Профессиональное становление и развитие ${who}, повышение профессиональной компетентности и закрепление в профессии`;
}

/** Goals, tasks and expected results of a programme from the mentees' requests and the form. */
export function programTexts(pair: PairRef): {
  requests: string;
  goals: string;
  tasks: string;
  results: string;
} {
  const seen = new Set<string>();
  const requests: string[] = [];
  const own: string[] = [];
  for (const m of pair.mentees) {
    for (const r of m.requests) {
      const t = cleanText(r);
      if (t !== "" && !seen.has(matchKey(t))) {
        seen.add(matchKey(t));
        requests.push(t);
      }
    }
    const text = cleanText(m.requestText);
    if (text !== "" && !seen.has(matchKey(text))) {
      seen.add(matchKey(text));
      own.push(text);
    }
  }
  const texts = requests.map(topicText);
  const group = pair.mentees.length > 1;
  // The texts speak of one mentee; in a group, of each of them («уроки наставляемых»).
  const who = (t: string) =>
    group ? t.replace(/^наставляемый /, "каждый наставляемый ").replace(/наставляемого/g, "наставляемых") : t;
  const goal = formGoal(pair.form, group);
  const goals = texts.length > 0 ? `${goal}: ${texts.map((t) => t.goal).join("; ")}.` : `${goal}.`;
  const tasks = [
    "провести входную диагностику, уточнить запросы и ожидания, составить план встреч",
    ...texts.map((t) => t.task),
    ...own.map((o) => `проработать запрос наставляемого: «${o.replace(/[.;]+$/, "")}»`),
    "подвести итоги программы, провести рефлексию и определить дальнейшие шаги",
  ];
  const results = [
    ...texts.map((t) => t.result),
    "наставляемый удовлетворён участием в программе (по итоговой анкете обратной связи)",
    `достигнутые результаты отражены в итоговом отчёте ${group ? "группы" : "пары"}`,
  ].map(who);
  const numbered = (items: string[]) => `${items.map((t, i) => `${i + 1}) ${t}`).join("; ")}.`;
  const allRequests = [...requests, ...own];
  return {
    requests: allRequests.length > 0 ? allRequests.join("; ") : "не указаны",
    goals,
    tasks: numbered(tasks),
    results: numbered(results),
  };
}

// ---------------------------------------------------------------------------------------
// Building the fill

export interface FillResult {
  fill: DocumentFill;
  /** Every empty input the used placeholders needed, in Russian, naming where to fill it. */
  missing: string[];
  /** The part of `missing` that prevents the document (see the top of the file). */
  blocking: string[];
}

const SETTINGS_SHEET = "«Настройках»";

function endOfYear(startYear: number): DateOnly {
  return { year: startYear + 1, month: 5, day: 31 };
}

function pairTerm(pair: PairRef, ctx: DocContext): { start: DateOnly; end: DateOnly } {
  return { start: pair.start ?? ctx.date, end: pair.end ?? endOfYear(ctx.academicYearStart) };
}

function uniqueJoin(values: readonly string[], sep = ", "): string {
  const out: string[] = [];
  for (const v of values) {
    const t = cleanText(v);
    if (t !== "" && !out.includes(t)) out.push(t);
  }
  return out.join(sep);
}

function minDate(dates: (DateOnly | null)[]): DateOnly | null {
  let best: DateOnly | null = null;
  for (const d of dates) if (d && (!best || cmp(d, best) < 0)) best = d;
  return best;
}

function maxDate(dates: (DateOnly | null)[]): DateOnly | null {
  let best: DateOnly | null = null;
  for (const d of dates) if (d && (!best || cmp(d, best) > 0)) best = d;
  return best;
}

function cmp(a: DateOnly, b: DateOnly): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** A value that may be a person's name: the raw name(s), declined on demand. */
type Value = { text: string } | { names: string[] };

class Notes {
  readonly missing: string[] = [];
  readonly blocking: string[] = [];
  add(text: string, blocks = false): void {
    if (this.missing.includes(text)) return;
    this.missing.push(text);
    if (blocks) this.blocking.push(text);
  }
}

function render(value: Value | undefined, caseKey: CaseKey | null, overrides: NameOverrides): string {
  if (!value) return "";
  if ("text" in value) return value.text;
  return value.names.map((n) => (caseKey ? declineName(n, caseKey, overrides) : cleanText(n))).join(", ");
}

const POST_DATIVE: [RegExp, string][] = [
  [/^директор(?=\s|$)/i, "иректору"],
  [/^ректор(?=\s|$)/i, "ектору"],
  [/^руководитель(?=\s|$)/i, "уководителю"],
  [/^начальник(?=\s|$)/i, "ачальнику"],
  [/^заведующий(?=\s|$)/i, "аведующему"],
  [/^заведующая(?=\s|$)/i, "аведующей"],
  [/^исполняющий обязанности(?=\s|$)/i, "сполняющему обязанности"],
  [/^исполняющая обязанности(?=\s|$)/i, "сполняющей обязанности"],
];

/**
 * The director's post in the dative, for the heading of an application («Директору»): the
 * first word of the usual posts is declined, the rest («директора», «МБОУ …») is already in
 * the genitive; an unusual post is kept as it is.
 */
export function postDative(post: string): string {
  const text = cleanText(post);
  for (const [re, rest] of POST_DATIVE) {
    const m = re.exec(text);
    if (m) return `${text.charAt(0)}${rest}${text.slice(m[0].length)}`;
  }
  return text;
}

function curatorPosition(ctx: DocContext): string {
  const curator = matchKey(ctx.settings.curatorName);
  const byName = ctx.team.find((m) => curator !== "" && matchKey(m.fullName) === curator);
  if (byName && cleanText(byName.position) !== "") return cleanText(byName.position);
  const byRole = ctx.team.find((m) => matchKey(m.role) === "куратор" && cleanText(m.position) !== "");
  return byRole ? cleanText(byRole.position) : "";
}

function mentorWarning(m: MentorRef): string {
  return `У наставника ${m.id} (${m.fullName}) не указана должность (лист «Наставники», строка ${m.row})`;
}

function menteeWarning(m: MenteeRef): string {
  return `У наставляемого ${m.id} (${m.fullName}) не указаны должность или класс (лист «Наставляемые», строка ${m.row})`;
}

/** Mentee categories that are pupils: the order is signed for them by the mentors and the curator. */
const PUPIL_CATEGORIES = ["Обучающийся"];

/**
 * Who signs «С приказом ознакомлены» of the pairs order, pair by pair: the mentor (once, however
 * many pairs they lead), then the pair's mentees who are not pupils.
 */
function acknowledging(pairs: readonly PairRef[]): Map<string, Value>[] {
  const out: Map<string, Value>[] = [];
  const seen = new Set<string>();
  const add = (fullName: string, role: string, position: string) => {
    const key = matchKey(fullName);
    if (key === "" || seen.has(key)) return;
    seen.add(key);
    out.push(
      new Map<string, Value>([
        ["№", { text: String(out.length + 1) }],
        ["ФИО", { names: [fullName] }],
        ["Роль", { text: role }],
        ["Должность", { text: cleanText(position) }],
      ]),
    );
  };
  const pupil = (category: string) => PUPIL_CATEGORIES.some((c) => matchKey(c) === matchKey(category));
  for (const pair of pairs) {
    add(pair.mentor.fullName, "наставник", pair.mentor.position);
    for (const m of pair.mentees) if (!pupil(m.category)) add(m.fullName, "наставляемый", m.position);
  }
  return out;
}

/** «Адаптация в коллективе» → «адаптация в коллективе» inside a sentence; «ИКТ-…» stays. */
function lowerFirst(text: string): string {
  const t = cleanText(text);
  if (t.length > 1 && t.charAt(1) === t.charAt(1).toUpperCase() && t.charAt(1) !== t.charAt(1).toLowerCase())
    return t;
  return t.charAt(0).toLowerCase() + t.slice(1);
}

/** Values of one line about a pair (group): the «Пары» collection and the programme's fields. */
function pairValues(
  pair: PairRef,
  ctx: DocContext,
  notes: Notes,
  used: (field: string) => boolean,
): Map<string, Value> {
  const v = new Map<string, Value>();
  const where = `(лист «Пары и группы», строка ${pair.row})`;
  v.set("ID пары", { text: pair.id });
  v.set("Наставник", { names: [pair.mentor.fullName] });
  v.set("Должность наставника", { text: cleanText(pair.mentor.position) });
  if (used("Должность наставника") && cleanText(pair.mentor.position) === "")
    notes.add(mentorWarning(pair.mentor));
  v.set("Наставляемый", { names: pair.mentees.map((m) => m.fullName) });
  v.set("Должность наставляемого", { text: uniqueJoin(pair.mentees.map((m) => m.position)) });
  if (used("Должность наставляемого"))
    for (const m of pair.mentees) if (cleanText(m.position) === "") notes.add(menteeWarning(m));
  v.set("Форма", { text: cleanText(pair.form) });
  if (used("Форма") && cleanText(pair.form) === "")
    notes.add(`У пары ${pair.id} не указана форма наставничества ${where}`);
  const t = pairTerm(pair, ctx);
  v.set("Срок", { text: term(t.start, t.end) });
  v.set("Дата начала", { text: shortDate(t.start) });
  v.set("Дата окончания", { text: shortDate(t.end) });
  if (used("Срок") || used("Дата начала") || used("Дата окончания")) {
    if (!pair.start)
      notes.add(
        `У пары ${pair.id} не указана дата начала ${where} — в документе дата документа ${shortDate(t.start)}`,
      );
    if (!pair.end)
      notes.add(
        `У пары ${pair.id} не указана дата окончания ${where} — в документе конец учебного года ${shortDate(t.end)}`,
      );
  }
  v.set("Формат встреч", { text: meetingFormat(pair) });
  if (used("Запросы") || used("Цели") || used("Задачи") || used("Ожидаемые результаты")) {
    const texts = programTexts(pair);
    v.set("Запросы", { text: texts.requests });
    v.set("Цели", { text: texts.goals });
    v.set("Задачи", { text: texts.tasks });
    v.set("Ожидаемые результаты", { text: texts.results });
  }
  return v;
}

const MEETING_FORMATS = listValues("formats");

/** A format of meetings as the list «Формат встреч» spells it («очно» → «Очно»). */
export function formatText(format: string): string {
  const t = cleanText(format);
  const known = MEETING_FORMATS.find((f) => matchKey(f) === matchKey(t));
  return known ?? (t === "" ? "" : t.charAt(0).toUpperCase() + t.slice(1));
}

/** How a pair (group) meets: the first mentee's format, else the mentor's, else «Очно». */
export function meetingFormat(pair: PairRef): string {
  const given = [...pair.mentees.map((m) => m.format), pair.mentor.format].map(formatText);
  return given.find((f) => f !== "") ?? "Очно";
}

/** The meeting plan of a pair: its meetings from «Встречи», or one planned from the settings. */
export function meetingPlan(
  pair: PairRef,
  ctx: DocContext,
): { no: number; date: DateOnly; topic: string; format: string }[] {
  const format = meetingFormat(pair);
  if (pair.meetings.length > 0) {
    return [...pair.meetings]
      .sort((a, b) => cmp(a.date, b.date))
      .map((m, i) => ({
        no: i + 1,
        date: m.date,
        topic: cleanText(m.topic) || "Встреча по плану",
        format: formatText(m.format) || format,
      }));
  }
  const t = pairTerm(pair, ctx);
  const every = Number(ctx.settings.meetingEveryDays) || 14;
  const requests = pair.mentees.flatMap((m) => m.requests);
  return planMeetings({ start: t.start, end: t.end, everyDays: every, requests }).map((m) => ({
    ...m,
    format,
  }));
}

function fillItems(
  names: readonly string[],
  items: readonly Map<string, Value>[],
  overrides: NameOverrides,
): Record<string, string>[] {
  return items.map((item) => {
    const out: Record<string, string> = {};
    for (const name of names) {
      const { base, caseKey } = splitCase(name);
      const value = [...item.entries()].find(([k]) => matchKey(k) === matchKey(base))?.[1];
      out[name] = render(value, caseKey, overrides);
    }
    return out;
  });
}

/**
 * The values for exactly the placeholders of a scan (names as the scan has them, «Куратор|вин»
 * declined), and what was empty. Unknown placeholders get "" (checkTemplate reports them).
 */
export function buildFill(kind: DocKind, scan: TemplateScan, ctx: DocContext): FillResult {
  const info = KINDS[kind];
  const notes = new Notes();
  const s = ctx.settings;
  const usedNames = new Set(scan.fields.map((f) => matchKey(splitCase(f.name).base)));
  const used = (field: string) => usedNames.has(matchKey(field));
  const values = new Map<string, Value>();
  const setting = (key: keyof DocSettings) => cleanText(s[key]);
  const needSetting = (field: string, label: string, value: string) => {
    if (used(field) && value === "") notes.add(`В ${SETTINGS_SHEET} не заполнено «${label}»`, info.isOrder);
  };

  const org = setting("orgFullName");
  const orgShort = setting("orgShortName") || org;
  values.set("Организация", { text: org });
  values.set("Организация кратко", { text: orgShort });
  needSetting("Организация", "Полное наименование организации", org);
  needSetting("Организация кратко", "Краткое наименование", orgShort);
  values.set("Город", { text: setting("city") });
  needSetting("Город", "Населённый пункт", setting("city"));
  const director = setting("directorName");
  values.set("Директор", { names: director ? [director] : [] });
  values.set("Директор подпись", { text: signature(director) });
  needSetting("Директор", "Руководитель (ФИО)", director);
  needSetting("Директор подпись", "Руководитель (ФИО)", director);
  values.set("Должность директора", { text: setting("directorPost") || "Директор" });
  values.set("Должность директора кому", { text: postDative(setting("directorPost") || "Директор") });
  const curator = setting("curatorName");
  values.set("Куратор", { names: curator ? [curator] : [] });
  values.set("Куратор подпись", { text: signature(curator) });
  needSetting("Куратор", "Куратор программы (ФИО)", curator);
  needSetting("Куратор подпись", "Куратор программы (ФИО)", curator);
  const curatorPost = curatorPosition(ctx);
  values.set("Должность куратора", { text: curatorPost });
  if (used("Должность куратора") && curatorPost === "")
    notes.add(
      curator === ""
        ? "Не указана должность куратора: заполните «Куратор программы (ФИО)» в «Настройках» и его должность в листе «Команда»"
        : `В листе «Команда» не указана должность куратора ${curator} (добавьте строку с ролью «Куратор» и должностью)`,
    );
  values.set("Учебный год", { text: academicYear(ctx.academicYearStart) });
  values.set("Дата", { text: longDate(ctx.date) });
  values.set("Дата кратко", { text: shortDate(ctx.date) });
  if (info.isOrder) {
    values.set("Номер приказа", { text: ctx.order?.number ?? "" });
    values.set("Дата приказа", { text: ctx.order ? longDate(ctx.order.date) : "" });
    values.set("Дата приказа кратко", { text: ctx.order ? shortDate(ctx.order.date) : "" });
    if (!ctx.order) notes.add("Приказу не назначены номер и дата", true);
  }

  const collections: Record<string, Map<string, Value>[]> = {};
  const rowFields = (collection: string) =>
    scan.rows
      .filter((r) => matchKey(r.collection) === matchKey(collection))
      .flatMap((r) => r.fields.map((f) => splitCase(f).base));
  const rowUses = (collection: string) => (field: string) =>
    rowFields(collection).some((f) => matchKey(f) === matchKey(field));

  if (kind === "pairs-order" || kind === "completion-order") {
    values.set("Число пар", { text: String(ctx.pairs.length) });
    const uses = rowUses("Пары");
    collections.Пары = ctx.pairs.map((pair, i) => {
      const v = pairValues(pair, ctx, notes, uses);
      v.set("№", { text: String(i + 1) });
      return v;
    });
    if (kind === "pairs-order") collections.Ознакомлены = acknowledging(ctx.pairs);
    if (kind === "completion-order") {
      const byMentor = new Map<string, { mentor: MentorRef; mentees: number; meetings: number }>();
      for (const pair of ctx.pairs) {
        const entry = byMentor.get(pair.mentor.id) ?? { mentor: pair.mentor, mentees: 0, meetings: 0 };
        entry.mentees += pair.mentees.length;
        entry.meetings += pair.meetingsHeld;
        byMentor.set(pair.mentor.id, entry);
      }
      const usesReward = rowUses("Поощрить");
      collections.Поощрить = [...byMentor.values()].map((e, i) => {
        if (usesReward("Должность") && cleanText(e.mentor.position) === "")
          notes.add(mentorWarning(e.mentor));
        return new Map<string, Value>([
          ["№", { text: String(i + 1) }],
          ["ФИО", { names: [e.mentor.fullName] }],
          ["Должность", { text: cleanText(e.mentor.position) }],
          ["Пар", { text: String(e.mentees) }],
          ["Встреч", { text: String(e.meetings) }],
        ]);
      });
    }
  }

  if (kind === "mentors-order") {
    values.set("Число наставников", { text: String(ctx.mentors.length) });
    const uses = rowUses("Наставники");
    collections.Наставники = ctx.mentors.map((m, i) => {
      if (uses("Должность") && cleanText(m.mentor.position) === "") notes.add(mentorWarning(m.mentor));
      return new Map<string, Value>([
        ["№", { text: String(i + 1) }],
        ["ФИО", { names: [m.mentor.fullName] }],
        ["Должность", { text: cleanText(m.mentor.position) }],
        ["Наставляемые", { text: uniqueJoin(m.pairs.flatMap((p) => p.mentees.map((x) => x.fullName))) }],
        ["Форма", { text: uniqueJoin(m.pairs.length > 0 ? m.pairs.map((p) => p.form) : m.mentor.forms) }],
      ]);
    });
    const council: Map<string, Value>[] = [];
    const seen = new Set<string>();
    const addMember = (fullName: string, position: string, role: string) => {
      const key = matchKey(fullName);
      if (key === "" || seen.has(key)) return;
      seen.add(key);
      council.push(
        new Map<string, Value>([
          ["№", { text: String(council.length + 1) }],
          ["ФИО", { names: [fullName] }],
          ["Должность", { text: cleanText(position) }],
          ["Роль", { text: role }],
        ]),
      );
    };
    if (curator !== "") addMember(curator, curatorPost, "председатель");
    for (const m of ctx.team)
      if (matchKey(m.role) === "рабочая группа") addMember(m.fullName, m.position, "член совета");
    collections.Совет = council;
  }

  if (kind === "program") {
    const pair = ctx.pairs[0];
    if (!pair) notes.add("Не выбрана пара для программы", true);
    else {
      const v = pairValues(pair, ctx, notes, used);
      for (const [k, val] of v) values.set(k, val);
      collections.План = meetingPlan(pair, ctx).map(
        (m) =>
          new Map<string, Value>([
            ["№", { text: String(m.no) }],
            ["Дата", { text: shortDate(m.date) }],
            ["Тема", { text: m.topic }],
            ["Формат", { text: m.format }],
          ]),
      );
      collections.Наставляемые = pair.mentees.map(
        (m, i) =>
          new Map<string, Value>([
            ["№", { text: String(i + 1) }],
            ["ФИО", { names: [m.fullName] }],
            ["Должность", { text: cleanText(m.position) }],
          ]),
      );
    }
  }

  if (kind === "consent") {
    const entry = ctx.mentors[0];
    if (!entry) notes.add("Не выбран наставник для согласия", true);
    else {
      const m = entry.mentor;
      const mentees = entry.pairs.flatMap((p) => p.mentees);
      values.set("Наставник", { names: [m.fullName] });
      values.set("Должность наставника", { text: cleanText(m.position) });
      if (used("Должность наставника") && cleanText(m.position) === "") notes.add(mentorWarning(m));
      values.set("Наставляемые", { names: mentees.map((x) => x.fullName) });
      values.set("Число наставляемых", { text: String(mentees.length) });
      values.set("Форма", { text: uniqueJoin(entry.pairs.map((p) => p.form)) });
      const starts = entry.pairs.map((p) => pairTerm(p, ctx).start);
      const ends = entry.pairs.map((p) => pairTerm(p, ctx).end);
      values.set("Срок", { text: term(minDate(starts), maxDate(ends)) });
      const requests = uniqueJoin(
        mentees.flatMap((x) => [...x.requests, x.requestText]).map(lowerFirst),
        "; ",
      );
      values.set("Содержание", {
        text:
          requests !== ""
            ? `оказание помощи наставляемым в профессиональном и личностном развитии по их запросам: ${requests}`
            : "оказание помощи наставляемым в профессиональном и личностном развитии, адаптации и достижении образовательных результатов",
      });
    }
  }

  if (kind === "report" || kind === "site-text") {
    reportValues(kind, ctx, values, collections, notes, used, rowFields);
  }

  const fill: DocumentFill = { fields: {}, collections: {} };
  for (const { name } of scan.fields) {
    const { base, caseKey } = splitCase(name);
    const value = [...values.entries()].find(([k]) => matchKey(k) === matchKey(base))?.[1];
    fill.fields[name] = render(value, caseKey, ctx.overrides);
  }
  for (const row of scan.rows) {
    const info = Object.entries(collections).find(([k]) => matchKey(k) === matchKey(row.collection));
    const items = info?.[1] ?? [];
    const names = scan.rows
      .filter((r) => matchKey(r.collection) === matchKey(row.collection))
      .flatMap((r) => r.fields);
    fill.collections[row.collection] = fillItems([...new Set(names)], items, ctx.overrides);
  }
  return { fill, missing: notes.missing, blocking: notes.blocking };
}

/** The person names a document puts into the text, for «Склонение ФИО» (only those used with a case). */
export function declinedNames(kind: DocKind, scan: TemplateScan, ctx: DocContext): string[] {
  const names: string[] = [];
  const add = (n: string) => {
    const t = cleanText(n);
    if (t !== "" && !names.some((x) => matchKey(x) === matchKey(t))) names.push(t);
  };
  const cased = (name: string) => splitCase(name).caseKey !== null && splitCase(name).caseKey !== "им";
  const fieldCased = (field: string, always = false) =>
    scan.fields.some(
      (f) => (always || cased(f.name)) && matchKey(splitCase(f.name).base) === matchKey(field),
    );
  const rowCased = (collection: string, field: string) =>
    scan.rows.some(
      (r) =>
        matchKey(r.collection) === matchKey(collection) &&
        r.fields.some((f) => cased(f) && matchKey(splitCase(f).base) === matchKey(field)),
    );
  if (fieldCased("Директор")) add(String(ctx.settings.directorName));
  if (fieldCased("Куратор")) add(String(ctx.settings.curatorName));
  const pairs = kind === "consent" ? (ctx.mentors[0]?.pairs ?? []) : ctx.pairs;
  for (const p of pairs) {
    if (fieldCased("Наставник") || rowCased("Пары", "Наставник")) add(p.mentor.fullName);
    if (fieldCased("Наставляемый") || fieldCased("Наставляемые") || rowCased("Пары", "Наставляемый"))
      for (const m of p.mentees) add(m.fullName);
  }
  if (kind === "mentors-order" || kind === "consent")
    for (const m of ctx.mentors)
      if (rowCased("Наставники", "ФИО") || fieldCased("Наставник")) add(m.mentor.fullName);
  if (kind === "completion-order")
    for (const p of ctx.pairs) if (rowCased("Поощрить", "ФИО")) add(p.mentor.fullName);
  if (kind === "pairs-order" && rowCased("Ознакомлены", "ФИО"))
    for (const item of acknowledging(ctx.pairs)) {
      const name = item.get("ФИО");
      if (name && "names" in name) for (const n of name.names) add(n);
    }
  if (kind === "program" && rowCased("Наставляемые", "ФИО"))
    for (const p of ctx.pairs) for (const m of p.mentees) add(m.fullName);
  if (kind === "report" && rowCased("Поощрены", "ФИО"))
    for (const r of ctx.report?.rewarded ?? []) add(r.fullName);
  // The site text thanks the rewarded mentors by name, in the accusative.
  if (kind === "site-text" && fieldCased("Практики и благодарность", true))
    for (const r of ctx.report?.rewarded ?? []) add(r.fullName);
  if (kind === "mentors-order" && rowCased("Совет", "ФИО")) {
    add(String(ctx.settings.curatorName));
    for (const m of ctx.team) if (matchKey(m.role) === "рабочая группа") add(m.fullName);
  }
  return names;
}

// ---------------------------------------------------------------------------------------
// The report and the site text

const PRACTICES_SETTING = "«Лучшие практики года (для отчёта)»";

function reportValues(
  kind: "report" | "site-text",
  ctx: DocContext,
  values: Map<string, Value>,
  collections: Record<string, Map<string, Value>[]>,
  notes: Notes,
  used: (field: string) => boolean,
  rowFields: (collection: string) => string[],
): void {
  const facts = ctx.report;
  if (!facts) {
    notes.add("Нет показателей мониторинга для документа", true);
    return;
  }
  const f = yearFigures(facts.indicators);
  const period = reportPeriod(ctx.settings.academicYearStart, ctx.academicYearStart, ctx.date);
  const inactivity = Math.max(1, Math.round(Number(ctx.settings.inactivityDays) || 30));
  values.set("Период", { text: periodText(period) });
  values.set("Начало периода", { text: shortDate(period.start) });
  values.set("Конец периода", { text: shortDate(period.end) });
  values.set("Число пар", { text: String(f.pairs) });
  values.set("Число наставников", { text: String(f.mentors) });
  values.set("Число наставляемых", { text: String(f.mentees) });
  values.set("Охват обучающихся", { text: percentText(f.studentsPct) });
  values.set("Целевой охват", { text: percentText(f.target) });
  const usesRow = (collection: string) => rowFields(collection).length > 0;
  const practicesUsed = usesRow("Практики") || used("Практики и благодарность");
  if (practicesUsed && facts.practices.length === 0)
    notes.add(
      `В «Настройках» не заполнено ${PRACTICES_SETTING} — в документе практик нет; впишите их, каждую с новой строки`,
    );

  if (kind === "report") {
    collections.Выводы = reportConclusions(f, ctx.academicYearStart, inactivity).map(
      (t, i) =>
        new Map<string, Value>([
          ["№", { text: String(i + 1) }],
          ["Текст", { text: t }],
        ]),
    );
    collections.Задачи = reportPlans(f, facts.practices.length, inactivity).map(
      (t, i) =>
        new Map<string, Value>([
          ["№", { text: String(i + 1) }],
          ["Текст", { text: t }],
        ]),
    );
    collections.Показатели = reportIndicators(facts.indicators).map(
      (line) =>
        new Map<string, Value>([
          ["Раздел", { text: line.section }],
          ["Показатель", { text: line.label }],
          ["Значение", { text: line.value }],
          ["Цель", { text: line.target }],
          ["Код", { text: line.code }],
        ]),
    );
    collections.Формы = f.forms.map(
      (line, i) =>
        new Map<string, Value>([
          ["№", { text: String(i + 1) }],
          ["Форма", { text: line.form }],
          ["Пар", { text: String(line.pairs) }],
          ["Наставников", { text: String(line.mentors) }],
          ["Наставляемых", { text: String(line.mentees) }],
          ["Оценка наставляемых", { text: line.menteeScore }],
          ["Оценка наставников", { text: line.mentorScore }],
        ]),
    );
    collections.Практики =
      facts.practices.length > 0
        ? facts.practices.map(
            (practice, i) =>
              new Map<string, Value>([
                ["№", { text: String(i + 1) }],
                ["Практика", { text: practice }],
              ]),
          )
        : [
            new Map<string, Value>([
              ["№", { text: "—" }],
              ["Практика", { text: "сведения не представлены" }],
            ]),
          ];
    if (usesRow("Поощрены") && facts.rewarded.length === 0)
      notes.add(
        "Некого назвать среди поощрённых наставников: нет пар, завершивших программу в этом году, и наставников с баллами рейтинга",
      );
    collections.Поощрены =
      facts.rewarded.length > 0
        ? facts.rewarded.map((r, i) => {
            if (cleanText(r.position) === "" && usesRow("Поощрены"))
              notes.add(`У наставника ${r.id} (${r.fullName}) не указана должность (лист «Наставники»)`);
            return new Map<string, Value>([
              ["№", { text: String(i + 1) }],
              ["ФИО", { names: [r.fullName] }],
              ["Должность", { text: cleanText(r.position) }],
              ["Основание", { text: r.basis }],
            ]);
          })
        : [
            new Map<string, Value>([
              ["№", { text: "—" }],
              ["ФИО", { text: "не определены" }],
              ["Должность", { text: "" }],
              ["Основание", { text: "наставники к поощрению не определены" }],
            ]),
          ];
    return;
  }

  const texts = siteTexts(
    f,
    facts,
    ctx.academicYearStart,
    { shortName: cleanText(ctx.settings.orgShortName), type: cleanText(ctx.settings.orgType) },
    ctx.overrides,
  );
  values.set("Заголовок", { text: texts.title });
  values.set("О программе", { text: texts.about });
  values.set("Итоги года", { text: texts.results });
  values.set("Отзывы участников", { text: texts.feedback });
  values.set("Практики и благодарность", { text: texts.thanks });
  values.set("Приглашение", { text: texts.invitation });
}
