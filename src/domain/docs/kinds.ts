// The catalogue of documents: for each kind, its title, whom it is about, the setting that
// holds its template, and the placeholders a template of this kind may use. The default
// templates (templates.ts) use only these; a curator's template using any other placeholder is
// reported (fill.ts), naming it.

import type { SettingKey } from "../schema";
import type { DocKind } from "./model";

/** Grammatical cases a name placeholder may ask for: {{Куратор|вин}}. */
export const CASES = ["им", "род", "дат", "вин", "твор", "пред"] as const;
export type CaseKey = (typeof CASES)[number];

export interface FieldInfo {
  name: string;
  /** What goes there, for the curator (sidebar help and error messages). */
  about: string;
  /** A person's full name: may take a case modifier. */
  person?: boolean;
}

export interface CollectionInfo {
  /** The prefix in `{{Пары.Наставник}}`. */
  name: string;
  about: string;
  /** The template must have a repeating row for it. */
  required: boolean;
  fields: FieldInfo[];
}

/**
 * Whom one document is about:
 * - "pairs": one document for the chosen pairs (the order on pairs, the completion order);
 * - "pair": one document per chosen pair (the personalised programme);
 * - "mentors": one document for the chosen mentors (the appointment order);
 * - "mentor": one document per chosen mentor (consent and agreement);
 * - "none": about no one chosen (the curator's appointment, the year's report and site text).
 */
export type DocSubject = "pairs" | "pair" | "mentors" | "mentor" | "none";

export interface KindInfo {
  kind: DocKind;
  /** As in «Справочники» → «Виды документов» and the register «Приказы». */
  title: string;
  /** For the file name: «Приказ № 12 от 01.09.2025 — О закреплении наставнических пар (групп)». */
  about: string;
  /** An order: numbered from «Следующий номер приказа» and registered with its number. */
  isOrder: boolean;
  subject: DocSubject;
  /** The setting in «Настройки» that holds the template's link. */
  setting: SettingKey;
  /** Document-level fields beyond the common ones. */
  fields: FieldInfo[];
  collections: CollectionInfo[];
}

/** Fields every document may use. */
export const COMMON_FIELDS: FieldInfo[] = [
  { name: "Организация", about: "полное наименование организации («Настройки»)" },
  { name: "Организация кратко", about: "краткое наименование организации" },
  { name: "Город", about: "населённый пункт" },
  { name: "Директор", about: "ФИО руководителя", person: true },
  { name: "Директор подпись", about: "руководитель для подписи: «И. О. Фамилия»" },
  { name: "Должность директора", about: "должность руководителя" },
  { name: "Куратор", about: "ФИО куратора программы", person: true },
  { name: "Куратор подпись", about: "куратор для подписи: «И. О. Фамилия»" },
  { name: "Должность куратора", about: "должность куратора (из листа «Команда»)" },
  { name: "Учебный год", about: "например, «2025/2026»" },
  { name: "Дата", about: "дата документа: «01» сентября 2025 г." },
  { name: "Дата кратко", about: "дата документа: 01.09.2025" },
];

/** Fields of numbered orders. */
export const ORDER_FIELDS: FieldInfo[] = [
  { name: "Номер приказа", about: "номер из «Префикс номера приказа» и «Следующий номер приказа»" },
  { name: "Дата приказа", about: "«01» сентября 2025 г." },
  { name: "Дата приказа кратко", about: "01.09.2025" },
];

const PAIR_FIELDS: FieldInfo[] = [
  { name: "№", about: "номер строки" },
  { name: "Наставник", about: "ФИО наставника", person: true },
  { name: "Должность наставника", about: "должность наставника (или место работы)" },
  { name: "Наставляемый", about: "ФИО наставляемого (в группе — все через запятую)", person: true },
  { name: "Должность наставляемого", about: "должность или класс / группа наставляемого" },
  { name: "Форма", about: "форма наставничества" },
  { name: "Срок", about: "«с 15.09.2025 по 31.05.2026»" },
  { name: "ID пары", about: "ID пары или группы в реестре" },
];

const MENTOR_FIELDS: FieldInfo[] = [
  { name: "№", about: "номер строки" },
  { name: "ФИО", about: "ФИО наставника", person: true },
  { name: "Должность", about: "должность наставника (или место работы)" },
  { name: "Наставляемые", about: "ФИО наставляемых через запятую" },
  { name: "Форма", about: "формы наставничества его пар" },
];

/** Figures of the year, for the report and the site text (from the monitoring indicators). */
const YEAR_FIELDS: FieldInfo[] = [
  { name: "Период", about: "отчётный период: «с 01.09.2025 по 31.05.2026»" },
  { name: "Начало периода", about: "начало учебного года: 01.09.2025" },
  { name: "Конец периода", about: "дата, на которую собраны сведения: 31.05.2026" },
  { name: "Число пар", about: "наставнических пар этого учебного года (пара группы считается)" },
  { name: "Число наставников", about: "наставников, работающих с парами" },
  { name: "Число наставляемых", about: "наставляемых в паре или группе" },
  { name: "Охват обучающихся", about: "«57,1 %» (или «нет данных»)" },
  { name: "Целевой охват", about: "«70 %» — «Целевой охват обучающихся, %» в «Настройках»" },
];

export const KINDS: Record<DocKind, KindInfo> = {
  "pairs-order": {
    kind: "pairs-order",
    title: "Приказ о закреплении наставнических пар (групп)",
    about: "О закреплении наставнических пар (групп)",
    isOrder: true,
    subject: "pairs",
    setting: "templatePairsOrder",
    fields: [{ name: "Число пар", about: "сколько пар (групп) закрепляется" }],
    collections: [
      { name: "Пары", about: "строка приложения на каждую пару", required: true, fields: PAIR_FIELDS },
      {
        name: "Ознакомлены",
        about:
          "лист ознакомления: наставники (каждый один раз) и наставляемые, кроме обучающихся (за них — наставники и куратор)",
        required: false,
        fields: [
          { name: "№", about: "номер строки" },
          { name: "ФИО", about: "ФИО наставника или наставляемого", person: true },
          { name: "Роль", about: "«наставник» или «наставляемый»" },
          { name: "Должность", about: "должность (или класс / группа)" },
        ],
      },
    ],
  },
  "curator-order": {
    kind: "curator-order",
    title: "Приказ о назначении куратора",
    about: "О назначении куратора программы наставничества",
    isOrder: true,
    subject: "none",
    setting: "templateCuratorOrder",
    fields: [],
    collections: [],
  },
  "mentors-order": {
    kind: "mentors-order",
    title: "Приказ о назначении наставников",
    about: "О назначении наставников и совета наставников",
    isOrder: true,
    subject: "mentors",
    setting: "templateMentorsOrder",
    fields: [{ name: "Число наставников", about: "сколько наставников назначается" }],
    collections: [
      { name: "Наставники", about: "строка на каждого наставника", required: true, fields: MENTOR_FIELDS },
      {
        name: "Совет",
        about: "совет наставников: куратор (председатель) и рабочая группа из листа «Команда»",
        required: false,
        fields: [
          { name: "№", about: "номер строки" },
          { name: "ФИО", about: "ФИО члена совета", person: true },
          { name: "Должность", about: "должность" },
          { name: "Роль", about: "«председатель» или «член совета»" },
        ],
      },
    ],
  },
  "completion-order": {
    kind: "completion-order",
    title: "Приказ о завершении программы и поощрении наставников",
    about: "О завершении программы наставничества и поощрении наставников",
    isOrder: true,
    subject: "pairs",
    setting: "templateCompletionOrder",
    fields: [{ name: "Число пар", about: "сколько пар завершили программу" }],
    collections: [
      { name: "Пары", about: "строка на каждую завершённую пару", required: true, fields: PAIR_FIELDS },
      {
        name: "Поощрить",
        about: "наставники завершённых пар — к поощрению",
        required: false,
        fields: [
          { name: "№", about: "номер строки" },
          { name: "ФИО", about: "ФИО наставника", person: true },
          { name: "Должность", about: "должность наставника" },
          { name: "Пар", about: "сколько пар (наставляемых) завершили программу" },
          { name: "Встреч", about: "сколько встреч проведено" },
        ],
      },
    ],
  },
  program: {
    kind: "program",
    title: "Персонализированная программа наставничества",
    about: "Персонализированная программа наставничества",
    isOrder: false,
    subject: "pair",
    setting: "templateProgram",
    fields: [
      { name: "ID пары", about: "ID пары или группы" },
      { name: "Наставник", about: "ФИО наставника", person: true },
      { name: "Должность наставника", about: "должность наставника (или место работы)" },
      { name: "Наставляемый", about: "ФИО наставляемого", person: true },
      { name: "Должность наставляемого", about: "должность или класс / группа" },
      { name: "Форма", about: "форма наставничества" },
      { name: "Формат встреч", about: "очно, дистанционно, смешанный" },
      { name: "Срок", about: "«с 15.09.2025 по 31.05.2026»" },
      { name: "Дата начала", about: "01.09.2025" },
      { name: "Дата окончания", about: "31.05.2026" },
      { name: "Запросы", about: "запросы наставляемого из анкеты" },
      { name: "Цели", about: "цели программы, по запросам наставляемого" },
      { name: "Задачи", about: "задачи программы" },
      { name: "Ожидаемые результаты", about: "ожидаемые результаты" },
    ],
    collections: [
      {
        name: "План",
        about: "план встреч: строка на каждую встречу",
        required: true,
        fields: [
          { name: "№", about: "номер встречи" },
          { name: "Дата", about: "дата встречи" },
          { name: "Тема", about: "тема встречи" },
          { name: "Формат", about: "формат встречи" },
        ],
      },
      {
        name: "Наставляемые",
        about: "наставляемые пары или группы: строка на каждого (например, для подписей)",
        required: false,
        fields: [
          { name: "№", about: "номер строки" },
          { name: "ФИО", about: "ФИО наставляемого", person: true },
          { name: "Должность", about: "должность или класс / группа" },
        ],
      },
    ],
  },
  consent: {
    kind: "consent",
    title: "Согласие наставника и соглашение о наставничестве",
    about: "Согласие и соглашение о наставничестве",
    isOrder: false,
    subject: "mentor",
    setting: "templateConsent",
    fields: [
      { name: "Наставник", about: "ФИО наставника", person: true },
      { name: "Должность наставника", about: "должность наставника (или место работы)" },
      { name: "Должность директора кому", about: "кому адресовано: «Директору», «Заведующему»" },
      { name: "Наставляемые", about: "ФИО наставляемых через запятую" },
      { name: "Число наставляемых", about: "сколько наставляемых" },
      { name: "Форма", about: "форма наставничества" },
      { name: "Срок", about: "«с 15.09.2025 по 31.05.2026»" },
      { name: "Содержание", about: "содержание наставничества: запросы наставляемых" },
    ],
    collections: [],
  },
  report: {
    kind: "report",
    title: "Отчёт о реализации программы наставничества",
    about: "Отчёт о реализации программы наставничества",
    isOrder: false,
    subject: "none",
    setting: "templateReport",
    fields: YEAR_FIELDS,
    collections: [
      {
        name: "Показатели",
        about: "показатели мониторинга: строка на каждый показатель",
        required: true,
        fields: [
          { name: "Раздел", about: "раздел мониторинга (пишется в первой строке раздела)" },
          { name: "Показатель", about: "показатель с единицей измерения: «Охват обучающихся, %»" },
          { name: "Значение", about: "значение: «57,1»; «нет данных», если считать не из чего" },
          { name: "Цель", about: "целевое значение, если оно есть: «не менее 70»" },
          { name: "Код", about: "код показателя, как в «Выгрузке в регион»" },
        ],
      },
      {
        name: "Формы",
        about: "формы наставничества этого года: строка на каждую",
        required: false,
        fields: [
          { name: "№", about: "номер строки" },
          { name: "Форма", about: "форма наставничества" },
          { name: "Пар", about: "сколько пар в этой форме (пара группы считается)" },
          { name: "Наставников", about: "сколько наставников" },
          { name: "Наставляемых", about: "сколько наставляемых" },
          { name: "Оценка наставляемых", about: "средняя оценка наставляемых (1–10) или «—»" },
          { name: "Оценка наставников", about: "средняя оценка наставников (1–10) или «—»" },
        ],
      },
      {
        name: "Практики",
        about: "лучшие практики года из «Настроек» («Лучшие практики года»), по строке на каждую",
        required: false,
        fields: [
          { name: "№", about: "номер строки" },
          { name: "Практика", about: "практика, как она записана в «Настройках»" },
        ],
      },
      {
        name: "Поощрены",
        about:
          "наставники, отмеченные по итогам года: наставники пар, завершивших программу в этом году, " +
          "а если таких нет — первые места рейтинга наставников (единственные персональные данные отчёта)",
        required: false,
        fields: [
          { name: "№", about: "номер строки" },
          { name: "ФИО", about: "ФИО наставника", person: true },
          { name: "Должность", about: "должность наставника (или место работы)" },
          {
            name: "Основание",
            about: "за что: завершённые пары, встречи, оценка наставляемых, место в рейтинге",
          },
        ],
      },
      {
        name: "Выводы",
        about: "выводы по показателям года: абзац на каждый (участники, охват, встречи, удовлетворённость…)",
        required: false,
        fields: [
          { name: "№", about: "номер вывода" },
          { name: "Текст", about: "текст вывода, составленный по цифрам мониторинга" },
        ],
      },
      {
        name: "Задачи",
        about: "задачи на следующий учебный год, которые следуют из цифр: строка на каждую",
        required: false,
        fields: [
          { name: "№", about: "номер задачи" },
          { name: "Текст", about: "текст задачи" },
        ],
      },
    ],
  },
  "site-text": {
    kind: "site-text",
    title: "Текст для сайта об итогах года",
    about: "Текст для сайта об итогах года",
    isOrder: false,
    subject: "none",
    setting: "templateSiteText",
    fields: [
      ...YEAR_FIELDS,
      { name: "Заголовок", about: "заголовок новости" },
      { name: "О программе", about: "абзац: что такое программа наставничества и кто в ней участвовал" },
      { name: "Итоги года", about: "абзац: пары, формы, встречи, охват" },
      { name: "Отзывы участников", about: "абзац: удовлетворённость участников и её изменение" },
      {
        name: "Практики и благодарность",
        about: "абзац: лучшие практики и благодарность наставникам (по имени — только отмеченным)",
      },
      { name: "Приглашение", about: "абзац: приглашение в программу следующего учебного года" },
    ],
    collections: [],
  },
};

/** All document-level fields a template of this kind may use. */
export function documentFields(kind: DocKind): FieldInfo[] {
  const info = KINDS[kind];
  return [...COMMON_FIELDS, ...(info.isOrder ? ORDER_FIELDS : []), ...info.fields];
}
