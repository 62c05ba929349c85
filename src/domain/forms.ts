// The questionnaires («анкеты») the add-on creates as Google Forms, declared once:
// the Forms adapter builds the forms from these definitions, and the intake maps answers
// back to the bases by the same keys. A question's title is also the header of its column in
// the form's responses sheet and in a CSV export of it.

import { type ListKey, listValues, type SettingKey, type SheetKey } from "./schema";

export type FormKind = "mentee" | "mentor" | "preference" | "feedback";

export type QuestionType =
  /** One line of text. */
  | "text"
  /** Several lines of text. */
  | "paragraph"
  | "email"
  | "phone"
  | "date"
  | "number"
  /** One choice (radio buttons). */
  | "choice"
  /** One choice from a drop-down list. */
  | "dropdown"
  /** Several choices (checkboxes). */
  | "checkboxes"
  /** A linear scale min..max. */
  | "scale"
  /** A required «I agree» checkbox carrying the consent text. */
  | "consent"
  /** Yes / No. */
  | "yesno";

/** Where the choices of a choice question come from. */
export type ChoiceSource =
  | { kind: "list"; list: ListKey }
  | { kind: "values"; values: readonly string[] }
  /** Rebuilt from the current bases whenever the form is updated («ФИО (НР-0001)»). */
  | { kind: "people"; base: "mentors" | "mentees" };

export interface QuestionDef {
  /** Stable key; the column key of the target base when `column` is omitted. */
  readonly key: string;
  readonly title: string;
  readonly help?: string;
  readonly type: QuestionType;
  readonly required: boolean;
  /** Column of the target sheet the answer goes to (defaults to `key`); null: not stored there. */
  readonly column?: string | null;
  readonly choices?: ChoiceSource;
  /** Offer «Другое» with free text (choice/checkboxes). */
  readonly other?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** The help text comes from this setting (consent wording the curator edits). */
  readonly helpSetting?: SettingKey;
  /** Other titles seen for this question in exports and spreadsheets a school already keeps. */
  readonly aliases?: readonly string[];
  /** Starts a new page of the form with this title. */
  readonly page?: string;
}

export interface FormDef {
  readonly kind: FormKind;
  /** Title and description come from these settings (editable in «Настройки»). */
  readonly titleSetting: SettingKey;
  readonly descriptionSetting: SettingKey;
  /** The sheet the answers land in. */
  readonly target: SheetKey;
  readonly questions: readonly QuestionDef[];
}

const CONSENT: QuestionDef = {
  key: "consent",
  title: "Согласие на обработку персональных данных",
  type: "consent",
  required: true,
  helpSetting: "consentText",
  aliases: ["Согласие", "Согласие на обработку ПДн", "Даю согласие на обработку персональных данных"],
};

const FULL_NAME: QuestionDef = {
  key: "fullName",
  title: "Фамилия, имя, отчество",
  type: "text",
  required: true,
  aliases: ["ФИО", "Фамилия Имя Отчество", "Ваши ФИО"],
};

const EMAIL: QuestionDef = {
  key: "email",
  title: "Адрес электронной почты",
  help: "На него придут напоминания и ссылки на анкеты обратной связи.",
  type: "email",
  required: true,
  aliases: ["Email", "E-mail", "Электронная почта", "Адрес электронной почты (email)"],
};

const PHONE: QuestionDef = {
  key: "phone",
  title: "Телефон",
  type: "phone",
  required: false,
  aliases: ["Номер телефона", "Контактный телефон"],
};

const FORMAT: QuestionDef = {
  key: "format",
  title: "Удобный формат встреч",
  type: "choice",
  required: false,
  choices: { kind: "list", list: "formats" },
  aliases: ["Формат", "Формат встреч"],
};

const DEPARTMENT: QuestionDef = {
  key: "department",
  title: "Подразделение (кафедра, методическое объединение, отделение)",
  type: "text",
  required: false,
  aliases: ["Подразделение", "Кафедра", "Методическое объединение"],
};

// ---------------------------------------------------------------------------------------
// Minimal mode of personal data («Минимальный режим персональных данных», setting minimalMode):
// the bases keep only what matching, documents and reminders need. The forms stop asking for the
// phone, the date of birth (the age band is asked instead: it tells whether a student is a minor,
// and so whether a legal representative's consent is needed) and free-text details about oneself.

/** The age bands asked instead of the date of birth; the first two are minors. */
export const AGE_BANDS = ["младше 14 лет", "14–17 лет", "18 лет и старше"] as const;
export const ADULT_AGE_BAND = "18 лет и старше";

const AGE_BAND: QuestionDef = {
  key: "ageBand",
  title: "Ваш возраст",
  help: "Для обучающихся и студентов: нужен, чтобы понять, требуется ли согласие родителя (законного представителя).",
  type: "choice",
  required: false,
  choices: { kind: "values", values: AGE_BANDS },
  aliases: ["Возрастная группа", "Возраст"],
};

/** Questions whose answers are not stored in minimal mode, by form (column keys of the base). */
export const MINIMAL_DROPPED: Readonly<Record<FormKind, readonly string[]>> = {
  mentee: ["phone", "birthDate", "interests"],
  mentor: ["phone", "lifeExperience", "interests", "motivation", "expectations", "strengths"],
  preference: [],
  feedback: [],
};

/** Questions asked only in minimal mode (a form that already has them keeps them afterwards). */
const MINIMAL_ONLY: ReadonlySet<string> = new Set(["ageBand"]);

/** Help text of a question a form keeps (items are never deleted: answers would be lost) but no longer asks. */
export const MINIMAL_HELP =
  "Не заполняйте: в организации включён минимальный режим персональных данных, этот ответ не сохраняется.";

/**
 * The questions a form asks. `minimal`: the setting «Минимальный режим персональных данных».
 * `had`: keys of the items the form already has (a Google Form never loses an item: a question
 * no longer asked stays, not required, with the help «Не заполняйте»; one it never had is not added).
 */
export function formQuestions(
  def: FormDef,
  options: { minimal: boolean; had?: ReadonlySet<string> },
): QuestionDef[] {
  const had = options.had ?? new Set<string>();
  const dropped = new Set(MINIMAL_DROPPED[def.kind]);
  const out: QuestionDef[] = [];
  for (const q of def.questions) {
    if (options.minimal && dropped.has(q.key)) {
      if (had.has(q.key)) out.push({ ...q, required: false, help: MINIMAL_HELP });
      continue;
    }
    if (!options.minimal && MINIMAL_ONLY.has(q.key) && !had.has(q.key)) continue;
    out.push(q);
  }
  return out;
}

export const FORMS: readonly FormDef[] = [
  {
    kind: "mentee",
    titleSetting: "formTitleMentee",
    descriptionSetting: "formDescriptionMentee",
    target: "mentees",
    questions: [
      {
        key: "category",
        title: "Кто вы",
        type: "choice",
        required: true,
        choices: { kind: "list", list: "menteeCategories" },
        aliases: ["Категория"],
      },
      FULL_NAME,
      EMAIL,
      PHONE,
      {
        key: "position",
        title: "Должность или класс (группа)",
        help: "Педагогам — должность; обучающимся — класс или учебная группа.",
        type: "text",
        required: true,
        aliases: ["Должность / класс, группа", "Должность", "Класс", "Группа"],
      },
      {
        key: "subject",
        title: "Предмет или специальность",
        type: "text",
        required: false,
        aliases: ["Предмет / специальность", "Предмет", "Специальность"],
      },
      DEPARTMENT,
      {
        key: "experienceYears",
        title: "Педагогический стаж, лет",
        help: "Для педагогов. 0 — если вы начинаете работать в этом году.",
        type: "number",
        required: false,
        min: 0,
        max: 70,
        aliases: ["Стаж, лет", "Стаж"],
      },
      {
        key: "birthDate",
        title: "Дата рождения",
        help: "Для обучающихся и студентов: нужна, чтобы понять, требуется ли согласие родителя.",
        type: "date",
        required: false,
      },
      AGE_BAND,
      {
        key: "requests",
        title: "С чем вам нужна помощь наставника",
        type: "checkboxes",
        required: true,
        choices: { kind: "list", list: "topics" },
        other: true,
        aliases: ["Запросы"],
      },
      {
        key: "requestText",
        title: "Опишите ваш запрос своими словами",
        type: "paragraph",
        required: false,
        aliases: ["Запрос своими словами", "Запрос"],
      },
      {
        key: "interests",
        title: "Ваши интересы и увлечения",
        type: "paragraph",
        required: false,
        aliases: ["Интересы"],
      },
      {
        key: "preferredForm",
        title: "Желаемая форма наставничества",
        type: "dropdown",
        required: false,
        choices: { kind: "list", list: "forms" },
        aliases: ["Форма наставничества"],
      },
      FORMAT,
      {
        key: "convenientTime",
        title: "Удобное время для встреч",
        type: "text",
        required: false,
        aliases: ["Удобное время"],
      },
      {
        key: "guardianName",
        title: "ФИО родителя (законного представителя)",
        help: "Заполняется, если вам нет 18 лет.",
        type: "text",
        required: false,
        page: "Для обучающихся младше 18 лет",
        aliases: ["Законный представитель (ФИО)", "ФИО законного представителя"],
      },
      {
        key: "guardianConsent",
        title: "Согласие родителя (законного представителя)",
        type: "consent",
        required: false,
        helpSetting: "guardianConsentText",
        aliases: ["Согласие законного представителя"],
      },
      { ...CONSENT, page: "Согласие" },
    ],
  },
  {
    kind: "mentor",
    titleSetting: "formTitleMentor",
    descriptionSetting: "formDescriptionMentor",
    target: "mentors",
    questions: [
      {
        key: "category",
        title: "Кто вы",
        type: "choice",
        required: true,
        choices: { kind: "list", list: "mentorCategories" },
        aliases: ["Категория"],
      },
      {
        key: "contour",
        title: "Вы работаете или учитесь в нашей организации?",
        help: "Внутренний контур — педагоги, обучающиеся, родители; внешний — выпускники, предприятия, НКО, партнёры.",
        type: "choice",
        required: true,
        choices: { kind: "list", list: "contours" },
        aliases: ["Контур"],
      },
      FULL_NAME,
      EMAIL,
      PHONE,
      {
        key: "workplace",
        title: "Место работы или учёбы",
        type: "text",
        required: true,
        aliases: ["Место работы / учёбы", "Место работы"],
      },
      { key: "position", title: "Должность", type: "text", required: false },
      {
        key: "experienceYears",
        title: "Стаж работы, лет",
        type: "number",
        required: false,
        min: 0,
        max: 70,
        aliases: ["Стаж, лет", "Стаж"],
      },
      {
        key: "competences",
        title: "В чём вы можете помочь наставляемому",
        type: "checkboxes",
        required: true,
        choices: { kind: "list", list: "topics" },
        other: true,
        aliases: ["Компетенции"],
      },
      {
        key: "subjects",
        title: "Предметы или специальность",
        type: "text",
        required: false,
        aliases: ["Предметы / специальность", "Предметы", "Предмет"],
      },
      DEPARTMENT,
      {
        key: "lifeExperience",
        title: "Ваш жизненный и профессиональный опыт",
        type: "paragraph",
        required: false,
        aliases: ["Жизненный опыт"],
      },
      {
        key: "interests",
        title: "Сфера ваших интересов",
        type: "paragraph",
        required: false,
        aliases: ["Сфера интересов", "Интересы"],
      },
      {
        key: "preferredMentees",
        title: "С кем вам было бы интереснее работать (возраст, категория)",
        type: "text",
        required: false,
        aliases: ["Предпочитаемые наставляемые (возраст, категория)"],
      },
      {
        key: "hoursPerMonth",
        title: "Сколько часов в месяц вы готовы уделять наставничеству",
        type: "number",
        required: true,
        min: 0,
        max: 200,
        aliases: ["Ресурс времени, ч/мес"],
      },
      {
        key: "capacity",
        title: "Сколько наставляемых вы можете взять",
        type: "number",
        required: true,
        min: 1,
        max: 30,
        aliases: ["Сколько наставляемых может взять"],
      },
      {
        key: "preferredForms",
        title: "Предпочтительные формы наставничества",
        type: "checkboxes",
        required: false,
        choices: { kind: "list", list: "forms" },
        aliases: ["Формы наставничества"],
      },
      FORMAT,
      {
        key: "motivation",
        title: "Почему вы хотите стать наставником",
        type: "paragraph",
        required: false,
        aliases: ["Мотивация"],
      },
      {
        key: "expectations",
        title: "Чего вы ждёте от программы",
        type: "paragraph",
        required: false,
        aliases: ["Ожидания"],
      },
      {
        key: "strengths",
        title: "Ваши сильные стороны",
        type: "paragraph",
        required: false,
        aliases: ["Сильные стороны"],
      },
      { ...CONSENT, page: "Согласие" },
    ],
  },
  {
    kind: "preference",
    titleSetting: "formTitlePreference",
    descriptionSetting: "formDescriptionPreference",
    target: "preferences",
    questions: [
      {
        key: "role",
        title: "Вы участвуете как",
        type: "choice",
        required: true,
        choices: { kind: "list", list: "participantRoles" },
        aliases: ["Роль"],
      },
      { ...EMAIL, help: "Тот же адрес, что вы указали в анкете участника." },
      FULL_NAME,
      {
        key: "mentorChoice1",
        title: "С кем из наставников вы хотели бы работать — первый выбор",
        type: "dropdown",
        required: false,
        choices: { kind: "people", base: "mentors" },
        page: "Для наставляемых",
        column: null,
      },
      {
        key: "mentorChoice2",
        title: "Второй выбор наставника",
        type: "dropdown",
        required: false,
        choices: { kind: "people", base: "mentors" },
        column: null,
      },
      {
        key: "mentorChoice3",
        title: "Третий выбор наставника",
        type: "dropdown",
        required: false,
        choices: { kind: "people", base: "mentors" },
        column: null,
      },
      {
        key: "menteeChoice1",
        title: "С кем из наставляемых вы хотели бы работать — первый выбор",
        type: "dropdown",
        required: false,
        choices: { kind: "people", base: "mentees" },
        page: "Для наставников",
        column: null,
      },
      {
        key: "menteeChoice2",
        title: "Второй выбор наставляемого",
        type: "dropdown",
        required: false,
        choices: { kind: "people", base: "mentees" },
        column: null,
      },
      {
        key: "menteeChoice3",
        title: "Третий выбор наставляемого",
        type: "dropdown",
        required: false,
        choices: { kind: "people", base: "mentees" },
        column: null,
      },
      { ...CONSENT, page: "Согласие" },
    ],
  },
  {
    kind: "feedback",
    titleSetting: "formTitleFeedback",
    descriptionSetting: "formDescriptionFeedback",
    target: "feedback",
    questions: [
      {
        key: "pairId",
        title: "Номер пары",
        help: "Заполнен автоматически в вашей личной ссылке. Не изменяйте его.",
        type: "text",
        required: true,
        aliases: ["ID пары"],
      },
      {
        key: "role",
        title: "Вы участвуете как",
        type: "choice",
        required: true,
        choices: { kind: "list", list: "participantRoles" },
        aliases: ["Роль"],
      },
      {
        key: "stage",
        title: "Этап программы",
        type: "choice",
        required: true,
        choices: { kind: "list", list: "feedbackStages" },
        aliases: ["Этап"],
      },
      {
        key: "comfort",
        title: "Насколько вам комфортно работать в паре",
        type: "scale",
        required: true,
        min: 1,
        max: 10,
        aliases: ["Комфорт (1–10)"],
      },
      {
        key: "usefulness",
        title: "Насколько полезны встречи",
        type: "scale",
        required: true,
        min: 1,
        max: 10,
        aliases: ["Польза (1–10)"],
      },
      {
        key: "expectationsMet",
        title: "Насколько оправдались ваши ожидания",
        type: "scale",
        required: true,
        min: 1,
        max: 10,
        aliases: ["Ожидания оправдались (1–10)"],
      },
      {
        key: "wantsToContinue",
        title: "Хотите ли вы продолжить работу в паре",
        type: "yesno",
        required: true,
        aliases: ["Хочет продолжить"],
      },
      {
        key: "wantsToMentor",
        title: "Хотели бы вы сами стать наставником",
        help: "Для наставляемых на итоговом этапе.",
        type: "yesno",
        required: false,
        aliases: ["Хочет стать наставником"],
      },
      {
        key: "comment",
        title: "Что стоит изменить или что особенно помогло",
        type: "paragraph",
        required: false,
        aliases: ["Комментарий"],
      },
      CONSENT,
    ],
  },
];

export function formDef(kind: FormKind): FormDef {
  const def = FORMS.find((f) => f.kind === kind);
  if (!def) throw new Error(`Нет анкеты «${kind}»`);
  return def;
}

export const FORM_KINDS: readonly FormKind[] = FORMS.map((f) => f.kind);

/** Russian names of the forms, for messages and the «Анкеты» sheet. */
export const FORM_NAMES: Record<FormKind, string> = {
  mentee: "Анкета наставляемого",
  mentor: "Анкета наставника",
  preference: "Выбор наставника после встречи",
  feedback: "Обратная связь",
};

/** The fixed choices of a question (people choices come from the bases). */
export function staticChoices(q: QuestionDef): readonly string[] {
  if (!q.choices) return q.type === "yesno" ? ["Да", "Нет"] : [];
  if (q.choices.kind === "list") return listValues(q.choices.list);
  if (q.choices.kind === "values") return q.choices.values;
  return [];
}

/** The label of a person in a people choice: «Иванова Мария Петровна (НР-0001)». */
export function personChoice(fullName: string, id: string): string {
  return `${fullName} (${id})`;
}

/** The ID in a people choice, or null. */
export function idOfPersonChoice(text: string): string | null {
  const m = /\(([^()]+-\d+)\)\s*$/.exec(text.trim());
  return m?.[1] ?? null;
}
