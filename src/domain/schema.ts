// The workbook schema: every sheet, column, setting and list the add-on knows.
// Adding a sheet, a column, a setting or a list is a change in this file only:
// set-up, reading, writing, the template workbook and the sidebar overview follow it.

export type ColumnType =
  | "id"
  | "text"
  | "longtext"
  | "email"
  | "phone"
  | "date"
  | "datetime"
  | "number"
  | "checkbox"
  | "list"
  | "multi-list"
  | "link";

/** Who fills a column: the add-on (protected, warning-only) or the curator. */
export type ColumnOwner = "addon" | "curator";

export interface ColumnDef {
  /** Stable key used by code; never shown. */
  readonly key: string;
  /** Russian header text written by set-up. */
  readonly header: string;
  /** Other headers recognised as this column (older names, Google Forms question titles). */
  readonly aliases?: readonly string[];
  readonly type: ColumnType;
  /**
   * The column must be present in the sheet to read it (its header missing is an error);
   * for record sheets it also means a record needs a value here.
   */
  readonly required?: boolean;
  /** For list and multi-list columns: the key of the list in «Справочники». */
  readonly list?: ListKey;
  /** Width in pixels. */
  readonly width?: number;
  /** Note on the header cell, shown to the curator. */
  readonly note?: string;
  readonly owner: ColumnOwner;
  /** Holds personal data (erased when consent is withdrawn, dropped in minimal mode). */
  readonly personal?: boolean;
  readonly min?: number;
  readonly max?: number;
}

export interface ListDef {
  readonly key: string;
  readonly header: string;
  readonly values: readonly string[];
}

export interface SettingDef {
  readonly key: string;
  readonly label: string;
  /** Default value written by set-up; "" leaves it for the curator to fill. */
  readonly value: string | number | boolean;
  readonly note: string;
  /** Must be filled before documents and reminders can work. */
  readonly required?: boolean;
}

export type SheetKind = "records" | "settings" | "lists" | "log";

export interface SheetDef {
  readonly key: string;
  readonly name: string;
  /** Older names of the sheet, recognised when reading. */
  readonly aliases?: readonly string[];
  readonly kind: SheetKind;
  /** Records sheets: prefix of the stable IDs in the first column, e.g. «НР» → НР-0001. */
  readonly idPrefix?: string;
  readonly columns: readonly ColumnDef[];
  readonly tabColor?: string;
  /** One line for the sidebar overview and the template. */
  readonly purpose: string;
}

// ---------------------------------------------------------------------------------------
// Lists («Справочники»)

export const LISTS = [
  {
    key: "forms",
    header: "Формы наставничества",
    values: [
      "Учитель – учитель",
      "Руководитель – педагог",
      "Педагог – студент",
      "Ученик – ученик",
      "Студент – ученик",
      "Студент – студент",
      "Работодатель – ученик",
      "Работодатель – студент",
    ],
  },
  {
    key: "kinds",
    header: "Виды наставничества",
    values: [
      "Традиционное (один на один)",
      "Групповое",
      "Краткосрочное",
      "Реверсивное",
      "Ситуационное",
      "Скоростное",
      "Виртуальное",
    ],
  },
  {
    key: "menteeCategories",
    header: "Категории наставляемых",
    values: ["Педагог", "Молодой специалист", "Педагог, новый в должности", "Обучающийся", "Студент"],
  },
  {
    key: "mentorCategories",
    header: "Категории наставников",
    values: [
      "Педагог",
      "Руководитель",
      "Обучающийся",
      "Студент",
      "Родитель",
      "Выпускник",
      "Сотрудник предприятия",
      "Предприниматель",
      "Представитель НКО",
      "Представитель организации-партнёра",
    ],
  },
  { key: "contours", header: "Контур", values: ["Внутренний", "Внешний"] },
  {
    key: "topics",
    header: "Темы запросов и компетенции",
    values: [
      "Адаптация в коллективе",
      "Методика преподавания предмета",
      "Современные образовательные технологии",
      "Цифровые инструменты и дистанционное обучение",
      "Управление классом и дисциплина",
      "Классное руководство и воспитательная работа",
      "Работа с родителями",
      "Работа с детьми с ОВЗ",
      "Работа с одарёнными детьми",
      "Подготовка к ОГЭ и ЕГЭ",
      "Проектная и исследовательская деятельность",
      "Олимпиады и конкурсы",
      "Профессиональные конкурсы и аттестация",
      "Документация и отчётность",
      "Профориентация и выбор профессии",
      "Учебная успеваемость",
      "Трудности в общении",
      "Лидерство и самоорганизация",
      "Предпринимательство",
      "Практика и трудоустройство",
    ],
  },
  { key: "formats", header: "Формат встреч", values: ["Очно", "Дистанционно", "Смешанный"] },
  {
    key: "menteeStatuses",
    header: "Статусы наставляемых",
    values: [
      "Новый",
      "Требует проверки",
      "Нет согласия",
      "Ожидает пары",
      "В паре",
      "Завершил программу",
      "Выбыл",
      "Согласие отозвано",
    ],
  },
  {
    key: "mentorStatuses",
    header: "Статусы наставников",
    values: [
      "Новый",
      "Требует проверки",
      "Нет согласия",
      "Кандидат",
      "Отобран",
      "Обучен",
      "Наставник",
      "Не отобран",
      "Выбыл",
      "Согласие отозвано",
    ],
  },
  {
    key: "pairStatuses",
    header: "Статусы пар",
    values: [
      "Предложена",
      "Утверждена",
      "Работает",
      "Приостановлена",
      "Завершена",
      "Расторгнута",
      "Отклонена",
    ],
  },
  {
    key: "roadmapStatuses",
    header: "Статусы мероприятий",
    values: ["Не начато", "В работе", "Выполнено", "Отменено"],
  },
  { key: "meetingStatuses", header: "Статусы встреч", values: ["Запланирована", "Проведена", "Отменена"] },
  { key: "feedbackStages", header: "Этапы обратной связи", values: ["Входная", "Промежуточная", "Итоговая"] },
  { key: "participantRoles", header: "Роли участников", values: ["Наставник", "Наставляемый"] },
  {
    key: "documentTypes",
    header: "Виды документов",
    values: [
      "Приказ о закреплении наставнических пар (групп)",
      "Приказ о назначении куратора",
      "Приказ о назначении наставников",
      "Приказ о завершении программы и поощрении наставников",
      "Персонализированная программа наставничества",
      "Согласие наставника и соглашение о наставничестве",
      "Отчёт о реализации программы наставничества",
      "Текст для сайта об итогах года",
    ],
  },
  {
    key: "teamRoles",
    header: "Роли в команде",
    values: [
      "Директор",
      "Куратор",
      "Заместитель директора",
      "Рабочая группа",
      "Системный администратор",
      "Педагог-психолог",
      "Классный руководитель",
      "Ответственный",
    ],
  },
  { key: "orgTypes", header: "Тип организации", values: ["Школа", "Колледж (техникум)"] },
] as const satisfies readonly ListDef[];

export type ListKey = (typeof LISTS)[number]["key"];

/** Values of a default list, for code that needs the canonical spelling. */
/** The status withdrawal of consent leaves on a person (one of the base statuses above). */
export const STATUS_WITHDRAWN = "Согласие отозвано";

export function listValues(key: ListKey): readonly string[] {
  const list = LISTS.find((l) => l.key === key);
  if (!list) throw new Error(`Нет справочника «${key}»`);
  return list.values;
}

// ---------------------------------------------------------------------------------------
// Settings («Настройки»)

export const SETTINGS = [
  {
    key: "orgFullName",
    label: "Полное наименование организации",
    value: "",
    note: "Как в уставе; идёт в шапку приказов.",
    required: true,
  },
  {
    key: "orgShortName",
    label: "Краткое наименование",
    value: "",
    note: "Например: МБОУ СОШ № 1; имя отправителя писем.",
    required: true,
  },
  { key: "orgType", label: "Тип организации", value: "Школа", note: "Школа или колледж (техникум)." },
  {
    key: "city",
    label: "Населённый пункт",
    value: "",
    note: "Пишется в приказах под заголовком.",
    required: true,
  },
  {
    key: "directorName",
    label: "Руководитель (ФИО)",
    value: "",
    note: "Подписывает приказы.",
    required: true,
  },
  { key: "directorPost", label: "Должность руководителя", value: "Директор", note: "" },
  {
    key: "curatorName",
    label: "Куратор программы (ФИО)",
    value: "",
    note: "Назначается приказом.",
    required: true,
  },
  {
    key: "curatorEmail",
    label: "Email куратора",
    value: "",
    note: "Сюда приходит ежедневная сводка.",
    required: true,
  },
  {
    key: "academicYearStart",
    label: "Начало учебного года",
    value: "",
    note: "Дата, например 01.09.2025. Сроки дорожной карты считаются от неё. Пусто — 1 сентября текущего учебного года.",
  },
  {
    key: "orderNumberPrefix",
    label: "Префикс номера приказа",
    value: "",
    note: "Например: «01-05/». Может быть пустым.",
  },
  {
    key: "orderNumberNext",
    label: "Следующий номер приказа",
    value: 1,
    note: "Увеличивается при каждом новом приказе.",
  },
  {
    key: "exportPdf",
    label: "Сохранять приказы также в PDF",
    value: false,
    note: "Да — рядом с каждым приказом появится его PDF-копия.",
  },
  {
    key: "templatePairsOrder",
    label: "Шаблон: приказ о закреплении пар (групп)",
    value: "",
    note: "Ссылка на Google Документ. Заполняется надстройкой; шаблон можно править — бланк, формулировки, поля {{…}}.",
  },
  {
    key: "templateCuratorOrder",
    label: "Шаблон: приказ о назначении куратора",
    value: "",
    note: "Ссылка на Google Документ; заполняется надстройкой.",
  },
  {
    key: "templateMentorsOrder",
    label: "Шаблон: приказ о назначении наставников",
    value: "",
    note: "Ссылка на Google Документ; заполняется надстройкой.",
  },
  {
    key: "templateCompletionOrder",
    label: "Шаблон: приказ о завершении программы и поощрении",
    value: "",
    note: "Ссылка на Google Документ; заполняется надстройкой.",
  },
  {
    key: "templateProgram",
    label: "Шаблон: персонализированная программа наставничества",
    value: "",
    note: "Ссылка на Google Документ; заполняется надстройкой.",
  },
  {
    key: "templateConsent",
    label: "Шаблон: согласие наставника и соглашение о наставничестве",
    value: "",
    note: "Ссылка на Google Документ; заполняется надстройкой.",
  },
  {
    key: "reminderDaysBefore",
    label: "Напоминать о сроке за (дней)",
    value: 7,
    note: "Для ответственных за мероприятия.",
  },
  {
    key: "inactivityDays",
    label: "Пара без встреч, дней",
    value: 30,
    note: "После этого наставнику уходит напоминание.",
  },
  {
    key: "meetingEveryDays",
    label: "Встречи пар, раз в (дней)",
    value: 14,
    note: "Ритм встреч при планировании.",
  },
  {
    key: "templateReport",
    label: "Шаблон: отчёт о реализации программы наставничества",
    value: "",
    note: "Ссылка на Google Документ; заполняется надстройкой.",
  },
  {
    key: "templateSiteText",
    label: "Шаблон: текст для сайта об итогах года",
    value: "",
    note: "Ссылка на Google Документ; заполняется надстройкой.",
  },
  {
    key: "regionCode",
    label: "Код организации для выгрузки в регион",
    value: "",
    note: "Код, под которым региональный центр учитывает организацию (например, ИНН или код ОО).",
  },
  {
    key: "bestPractices",
    label: "Лучшие практики года (для отчёта)",
    value: "",
    note: "Каждая практика с новой строки; попадает в отчёт о реализации программы и в текст для сайта.",
  },
  {
    key: "feedbackEntryDays",
    label: "Входная анкета обратной связи через (дней)",
    value: 14,
    note: "Считается от даты начала работы пары.",
  },
  {
    key: "feedbackFinalDaysBefore",
    label: "Итоговая анкета обратной связи за (дней) до окончания",
    value: 14,
    note: "Промежуточная — в середине срока пары.",
  },
  {
    key: "formReminderEveryDays",
    label: "Повторять напоминание об анкете раз в (дней)",
    value: 7,
    note: "Пока анкета не заполнена; не больше трёх напоминаний.",
  },
  {
    key: "dailyRunHour",
    label: "Час ежедневной рассылки",
    value: 8,
    note: "От 0 до 23, по часовому поясу таблицы.",
  },
  {
    key: "coverageTarget",
    label: "Целевой охват обучающихся, %",
    value: 70,
    note: "Федеральный показатель — не менее 70 %.",
  },
  {
    key: "studentsTotal",
    label: "Всего обучающихся в организации",
    value: 0,
    note: "Для охвата по целевой модели: доля обучающихся в активных парах от всех обучающихся. 0 — считать от обучающихся в базе.",
  },
  {
    key: "dataEditors",
    label: "Кто ещё может изменять базы (e-mail через запятую)",
    value: "",
    note:
      "Листы с персональными данными защищены: менять их могут только куратор (владелец) и люди из " +
      "этого списка. «Настроить книгу» предупредит, если доступ к таблице шире.",
  },
  {
    key: "minMatchScore",
    label: "Минимальная оценка совместимости",
    value: 20,
    note: "Пары ниже порога не предлагаются (0–100).",
  },
  {
    key: "weightRequests",
    label: "Вес: запросы закрыты компетенциями",
    value: 30,
    note: "Подбор пар. 0 — критерий выключен.",
  },
  {
    key: "weightSubject",
    label: "Вес: один предмет или специальность",
    value: 15,
    note: "Подбор пар. 0 — критерий выключен.",
  },
  {
    key: "weightInterests",
    label: "Вес: общие интересы",
    value: 5,
    note: "Подбор пар. 0 — критерий выключен.",
  },
  {
    key: "weightAudience",
    label: "Вес: наставляемый подходит наставнику по возрасту и категории",
    value: 10,
    note: "Подбор пар. 0 — критерий выключен.",
  },
  {
    key: "weightForm",
    label: "Вес: подходящая форма наставничества",
    value: 10,
    note: "Подбор пар. 0 — критерий выключен.",
  },
  {
    key: "weightFormat",
    label: "Вес: формат и время встреч",
    value: 5,
    note: "Подбор пар. 0 — критерий выключен.",
  },
  {
    key: "weightExperience",
    label: "Вес: у наставника больше опыта",
    value: 5,
    note: "Подбор пар. 0 — критерий выключен.",
  },
  {
    key: "weightPreference",
    label: "Вес: взаимный выбор после встречи",
    value: 20,
    note: "Подбор пар. 0 — критерий выключен.",
  },
  {
    key: "weightDepartment",
    label: "Вес: из разных подразделений",
    value: 0,
    note: "Подбор пар. Включите, если наставник должен быть из другого подразделения.",
  },
  {
    key: "minimalMode",
    label: "Минимальный режим персональных данных",
    value: false,
    note:
      "Да — в базах хранится только нужное для подбора, документов и рассылок: без телефона, " +
      "без даты рождения (только возрастная группа) и без свободного текста о себе.",
  },
  {
    key: "consentText",
    label: "Текст согласия на обработку персональных данных",
    value:
      "Я даю согласие на обработку моих персональных данных, указанных в анкете (фамилия, имя, отчество, контакты, сведения об образовании и работе, интересы и запросы), " +
      "организации, проводящей программу наставничества, для подбора наставника или наставляемого, организации встреч, оформления приказов и отчётности по программе " +
      "в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных». Согласие действует до окончания программы наставничества и может быть отозвано " +
      "письменным заявлением куратору программы.",
    note: "Показывается в каждой анкете у обязательной отметки «Даю согласие».",
  },
  {
    key: "guardianConsentText",
    label: "Текст согласия законного представителя",
    value:
      "Я, родитель (законный представитель), даю согласие на участие моего ребёнка в программе наставничества и на обработку его персональных данных, указанных в анкете, " +
      "для целей программы в соответствии с Федеральным законом № 152-ФЗ «О персональных данных».",
    note: "Для обучающихся младше 18 лет.",
  },
  { key: "formTitleMentee", label: "Название анкеты наставляемого", value: "Анкета наставляемого", note: "" },
  {
    key: "formDescriptionMentee",
    label: "Вступление анкеты наставляемого",
    value:
      "Расскажите о себе и о том, в чём вам нужна помощь, — по ответам мы подберём вам наставника. Заполнение займёт 5–7 минут.",
    note: "",
  },
  { key: "formTitleMentor", label: "Название анкеты наставника", value: "Анкета наставника", note: "" },
  {
    key: "formDescriptionMentor",
    label: "Вступление анкеты наставника",
    value:
      "Спасибо, что готовы делиться опытом! Ответы помогут подобрать вам наставляемых по вашим компетенциям и возможностям.",
    note: "",
  },
  {
    key: "formTitlePreference",
    label: "Название анкеты выбора",
    value: "Выбор наставника после встречи",
    note: "",
  },
  {
    key: "formDescriptionPreference",
    label: "Вступление анкеты выбора",
    value: "После общей встречи отметьте, с кем вам хотелось бы работать. Мы постараемся учесть ваш выбор.",
    note: "",
  },
  {
    key: "formTitleFeedback",
    label: "Название анкеты обратной связи",
    value: "Обратная связь участника программы наставничества",
    note: "",
  },
  {
    key: "formDescriptionFeedback",
    label: "Вступление анкеты обратной связи",
    value: "Оцените работу в паре: ваши ответы видит только куратор программы.",
    note: "",
  },
  {
    key: "formUrlMentee",
    label: "Ссылка на анкету наставляемого",
    value: "",
    note: "Заполняется надстройкой при создании анкеты.",
  },
  {
    key: "formUrlMentor",
    label: "Ссылка на анкету наставника",
    value: "",
    note: "Заполняется надстройкой при создании анкеты.",
  },
  {
    key: "formUrlPreference",
    label: "Ссылка на анкету выбора",
    value: "",
    note: "Заполняется надстройкой при создании анкеты.",
  },
  {
    key: "formUrlFeedback",
    label: "Ссылка на анкету обратной связи",
    value: "",
    note: "Заполняется надстройкой при создании анкеты.",
  },
] as const satisfies readonly SettingDef[];

export type SettingKey = (typeof SETTINGS)[number]["key"];

// ---------------------------------------------------------------------------------------
// Sheets

const W = { id: 90, short: 110, mid: 160, name: 220, long: 280, date: 100, flag: 80 } as const;

const PERSON_TAIL = [
  {
    key: "consent",
    header: "Согласие на обработку ПДн",
    type: "checkbox",
    owner: "curator",
    width: W.flag,
    aliases: ["Согласие"],
  },
  { key: "consentDate", header: "Дата согласия", type: "date", owner: "curator", width: W.date },
  { key: "noEmail", header: "Не присылать письма", type: "checkbox", owner: "curator", width: W.flag },
  {
    key: "reviewReasons",
    header: "Что проверить",
    type: "longtext",
    owner: "addon",
    width: W.long,
    note: "Почему запись требует проверки. Заполняется надстройкой.",
  },
  {
    key: "source",
    header: "Источник",
    type: "text",
    owner: "addon",
    width: W.short,
    note: "Откуда пришла запись: анкета, загрузка файла, вручную.",
  },
  {
    key: "yearResults",
    header: "Итоги наставничества",
    type: "longtext",
    owner: "addon",
    width: W.long,
    note: "Строка за каждый завершённый учебный год; пишется при «Завершить учебный год».",
  },
  { key: "createdAt", header: "Добавлено", type: "datetime", owner: "addon", width: W.date },
  { key: "updatedAt", header: "Обновлено", type: "datetime", owner: "addon", width: W.date },
  { key: "comment", header: "Комментарий куратора", type: "longtext", owner: "curator", width: W.long },
] as const satisfies readonly ColumnDef[];

export const SHEETS = [
  {
    key: "settings",
    name: "Настройки",
    kind: "settings",
    purpose: "Реквизиты организации, куратор, параметры напоминаний и подбора",
    tabColor: "#607d8b",
    columns: [
      {
        key: "key",
        header: "Ключ",
        type: "text",
        owner: "addon",
        required: true,
        width: W.mid,
        note: "Служебное имя параметра. Не изменяйте.",
      },
      { key: "label", header: "Параметр", type: "text", owner: "addon", required: true, width: W.long },
      { key: "value", header: "Значение", type: "longtext", owner: "curator", required: true, width: W.long },
      { key: "note", header: "Пояснение", type: "longtext", owner: "addon", width: 360 },
    ],
  },
  {
    key: "roadmap",
    name: "Дорожная карта",
    kind: "records",
    idPrefix: "ДК",
    purpose: "Мероприятия программы со сроками, ответственными и статусом",
    tabColor: "#1e88e5",
    columns: [
      { key: "id", header: "ID", type: "id", owner: "addon", required: true, width: W.id },
      {
        key: "stageNo",
        header: "№ этапа",
        type: "text",
        owner: "curator",
        width: 70,
        aliases: ["№ п/п", "№"],
      },
      {
        key: "stage",
        header: "Этап",
        type: "text",
        owner: "curator",
        width: W.mid,
        aliases: ["Наименование этапа", "Этапы"],
      },
      {
        key: "event",
        header: "Мероприятие",
        type: "longtext",
        owner: "curator",
        required: true,
        width: W.long,
        aliases: ["Наименование мероприятия", "Содержание деятельности"],
      },
      {
        key: "expectedResult",
        header: "Ожидаемый результат",
        type: "longtext",
        owner: "curator",
        width: W.mid,
        aliases: ["Результат"],
      },
      {
        key: "document",
        header: "Документ",
        type: "text",
        owner: "curator",
        width: W.mid,
        aliases: ["Вид документа", "Результат. Вид документа"],
      },
      { key: "start", header: "Начало", type: "date", owner: "curator", width: W.date },
      { key: "deadline", header: "Срок", type: "date", owner: "curator", width: W.date },
      {
        key: "deadlineText",
        header: "Срок (как в документе)",
        type: "text",
        owner: "curator",
        width: W.mid,
        aliases: ["Сроки", "Срок реализации"],
      },
      {
        key: "owners",
        header: "Ответственные",
        type: "text",
        owner: "curator",
        width: W.mid,
        aliases: ["Ответственный", "Ответственный исполнитель"],
      },
      {
        key: "status",
        header: "Статус",
        type: "list",
        list: "roadmapStatuses",
        owner: "curator",
        width: W.short,
      },
      { key: "doneDate", header: "Дата выполнения", type: "date", owner: "curator", width: W.date },
      { key: "comment", header: "Комментарий", type: "longtext", owner: "curator", width: W.mid },
      { key: "overdue", header: "Просрочено", type: "checkbox", owner: "addon", width: W.flag },
      { key: "daysLeft", header: "Дней до срока", type: "number", owner: "addon", width: W.flag },
    ],
  },
  {
    key: "mentees",
    name: "Наставляемые",
    kind: "records",
    idPrefix: "НЯ",
    purpose: "База наставляемых: запросы, согласия, статус",
    tabColor: "#43a047",
    columns: [
      { key: "id", header: "ID", type: "id", owner: "addon", required: true, width: W.id },
      {
        key: "status",
        header: "Статус",
        type: "list",
        list: "menteeStatuses",
        owner: "curator",
        required: true,
        width: W.short,
      },
      {
        key: "category",
        header: "Категория",
        type: "list",
        list: "menteeCategories",
        owner: "curator",
        required: true,
        width: W.mid,
      },
      {
        key: "fullName",
        header: "ФИО",
        type: "text",
        owner: "curator",
        required: true,
        personal: true,
        width: W.name,
        aliases: ["Фамилия, имя, отчество", "Фамилия Имя Отчество"],
      },
      {
        key: "birthDate",
        header: "Дата рождения",
        type: "date",
        owner: "curator",
        personal: true,
        width: W.date,
      },
      {
        key: "ageBand",
        header: "Возрастная группа",
        type: "text",
        owner: "curator",
        width: W.short,
        note: "«младше 14 лет», «14–17 лет» или «18 лет и старше». В минимальном режиме хранится вместо даты рождения: по ней видно, нужно ли согласие законного представителя.",
      },
      {
        key: "email",
        header: "Email",
        type: "email",
        owner: "curator",
        personal: true,
        width: W.mid,
        aliases: ["Электронная почта", "Адрес электронной почты", "E-mail"],
      },
      { key: "phone", header: "Телефон", type: "phone", owner: "curator", personal: true, width: W.short },
      {
        key: "position",
        header: "Должность / класс, группа",
        type: "text",
        owner: "curator",
        width: W.mid,
        aliases: ["Должность", "Класс", "Группа"],
      },
      {
        key: "subject",
        header: "Предмет / специальность",
        type: "text",
        owner: "curator",
        width: W.mid,
        aliases: ["Предмет", "Специальность"],
      },
      {
        key: "department",
        header: "Подразделение",
        type: "text",
        owner: "curator",
        width: W.mid,
        note: "Кафедра, методическое объединение, отделение. Для подбора «из разных подразделений».",
      },
      {
        key: "experienceYears",
        header: "Стаж, лет",
        type: "number",
        owner: "curator",
        width: W.flag,
        min: 0,
        max: 70,
        aliases: ["Стаж"],
      },
      {
        key: "requests",
        header: "Запросы",
        type: "multi-list",
        list: "topics",
        owner: "curator",
        width: W.long,
      },
      {
        key: "requestText",
        header: "Запрос своими словами",
        type: "longtext",
        owner: "curator",
        width: W.long,
      },
      { key: "interests", header: "Интересы", type: "longtext", owner: "curator", width: W.mid },
      {
        key: "preferredForm",
        header: "Желаемая форма наставничества",
        type: "list",
        list: "forms",
        owner: "curator",
        width: W.mid,
      },
      { key: "format", header: "Формат", type: "list", list: "formats", owner: "curator", width: W.short },
      { key: "convenientTime", header: "Удобное время", type: "text", owner: "curator", width: W.short },
      {
        key: "guardianName",
        header: "Законный представитель (ФИО)",
        type: "text",
        owner: "curator",
        personal: true,
        width: W.name,
      },
      {
        key: "guardianConsent",
        header: "Согласие законного представителя",
        type: "checkbox",
        owner: "curator",
        width: W.flag,
      },
      {
        key: "wantsToMentor",
        header: "Хочет стать наставником",
        type: "checkbox",
        owner: "curator",
        width: W.flag,
      },
      ...PERSON_TAIL,
    ],
  },
  {
    key: "mentors",
    name: "Наставники",
    kind: "records",
    idPrefix: "НР",
    purpose: "База наставников: компетенции, ресурс времени, отбор и обучение",
    tabColor: "#fb8c00",
    columns: [
      { key: "id", header: "ID", type: "id", owner: "addon", required: true, width: W.id },
      {
        key: "status",
        header: "Статус",
        type: "list",
        list: "mentorStatuses",
        owner: "curator",
        required: true,
        width: W.short,
      },
      {
        key: "category",
        header: "Категория",
        type: "list",
        list: "mentorCategories",
        owner: "curator",
        required: true,
        width: W.mid,
      },
      { key: "contour", header: "Контур", type: "list", list: "contours", owner: "curator", width: W.short },
      {
        key: "fullName",
        header: "ФИО",
        type: "text",
        owner: "curator",
        required: true,
        personal: true,
        width: W.name,
        aliases: ["Фамилия, имя, отчество", "Фамилия Имя Отчество"],
      },
      {
        key: "email",
        header: "Email",
        type: "email",
        owner: "curator",
        personal: true,
        width: W.mid,
        aliases: ["Электронная почта", "Адрес электронной почты", "E-mail"],
      },
      { key: "phone", header: "Телефон", type: "phone", owner: "curator", personal: true, width: W.short },
      {
        key: "workplace",
        header: "Место работы / учёбы",
        type: "text",
        owner: "curator",
        width: W.mid,
        aliases: ["Место работы"],
      },
      { key: "position", header: "Должность", type: "text", owner: "curator", width: W.mid },
      {
        key: "experienceYears",
        header: "Стаж, лет",
        type: "number",
        owner: "curator",
        width: W.flag,
        min: 0,
        max: 70,
        aliases: ["Стаж"],
      },
      {
        key: "competences",
        header: "Компетенции",
        type: "multi-list",
        list: "topics",
        owner: "curator",
        width: W.long,
      },
      {
        key: "subjects",
        header: "Предметы / специальность",
        type: "text",
        owner: "curator",
        width: W.mid,
        aliases: ["Предметы", "Предмет"],
      },
      {
        key: "department",
        header: "Подразделение",
        type: "text",
        owner: "curator",
        width: W.mid,
        note: "Кафедра, методическое объединение, отделение. Для подбора «из разных подразделений».",
      },
      { key: "lifeExperience", header: "Жизненный опыт", type: "longtext", owner: "curator", width: W.mid },
      {
        key: "interests",
        header: "Сфера интересов",
        type: "longtext",
        owner: "curator",
        width: W.mid,
        aliases: ["Интересы"],
      },
      {
        key: "preferredMentees",
        header: "Предпочитаемые наставляемые (возраст, категория)",
        type: "text",
        owner: "curator",
        width: W.mid,
      },
      {
        key: "hoursPerMonth",
        header: "Ресурс времени, ч/мес",
        type: "number",
        owner: "curator",
        width: W.flag,
        min: 0,
        max: 200,
      },
      {
        key: "capacity",
        header: "Сколько наставляемых может взять",
        type: "number",
        owner: "curator",
        width: W.flag,
        min: 0,
        max: 30,
      },
      {
        key: "preferredForms",
        header: "Формы наставничества",
        type: "multi-list",
        list: "forms",
        owner: "curator",
        width: W.mid,
      },
      { key: "format", header: "Формат", type: "list", list: "formats", owner: "curator", width: W.short },
      { key: "motivation", header: "Мотивация", type: "longtext", owner: "curator", width: W.mid },
      { key: "expectations", header: "Ожидания", type: "longtext", owner: "curator", width: W.mid },
      { key: "strengths", header: "Сильные стороны", type: "longtext", owner: "curator", width: W.mid },
      {
        key: "mentoringConsent",
        header: "Письменное согласие на наставничество (ст. 351.8 ТК РФ)",
        type: "checkbox",
        owner: "curator",
        width: W.flag,
      },
      { key: "trained", header: "Обучение пройдено", type: "checkbox", owner: "curator", width: W.flag },
      ...PERSON_TAIL,
    ],
  },
  {
    key: "pairs",
    name: "Пары и группы",
    kind: "records",
    idPrefix: "П",
    purpose: "Реестр наставнических пар и групп",
    tabColor: "#8e24aa",
    columns: [
      { key: "id", header: "ID", type: "id", owner: "addon", required: true, width: W.id },
      {
        key: "status",
        header: "Статус",
        type: "list",
        list: "pairStatuses",
        owner: "curator",
        required: true,
        width: W.short,
      },
      {
        key: "groupId",
        header: "Группа",
        type: "text",
        owner: "addon",
        width: W.short,
        note: "Общий номер для наставляемых одного наставника в групповой форме.",
      },
      { key: "mentorId", header: "ID наставника", type: "text", owner: "addon", required: true, width: W.id },
      { key: "mentorName", header: "Наставник", type: "text", owner: "addon", personal: true, width: W.name },
      {
        key: "menteeId",
        header: "ID наставляемого",
        type: "text",
        owner: "addon",
        required: true,
        width: W.id,
      },
      {
        key: "menteeName",
        header: "Наставляемый",
        type: "text",
        owner: "addon",
        personal: true,
        width: W.name,
      },
      {
        key: "form",
        header: "Форма наставничества",
        type: "list",
        list: "forms",
        owner: "curator",
        width: W.mid,
      },
      {
        key: "kind",
        header: "Вид наставничества",
        type: "list",
        list: "kinds",
        owner: "curator",
        width: W.mid,
      },
      { key: "startDate", header: "Дата начала", type: "date", owner: "curator", width: W.date },
      { key: "endDate", header: "Дата окончания", type: "date", owner: "curator", width: W.date },
      { key: "score", header: "Оценка совместимости", type: "number", owner: "addon", width: W.flag },
      { key: "reasons", header: "Почему предложена", type: "longtext", owner: "addon", width: W.long },
      { key: "locked", header: "Закреплена вручную", type: "checkbox", owner: "curator", width: W.flag },
      { key: "orderNo", header: "№ приказа", type: "text", owner: "addon", width: W.short },
      { key: "orderDate", header: "Дата приказа", type: "date", owner: "addon", width: W.date },
      {
        key: "programLink",
        header: "ППН",
        type: "link",
        owner: "addon",
        width: W.mid,
        note: "Персонализированная программа наставничества.",
      },
      { key: "meetingsHeld", header: "Встреч проведено", type: "number", owner: "addon", width: W.flag },
      { key: "lastMeeting", header: "Последняя встреча", type: "date", owner: "addon", width: W.date },
      { key: "results", header: "Итоги", type: "longtext", owner: "curator", width: W.long },
      { key: "comment", header: "Комментарий куратора", type: "longtext", owner: "curator", width: W.mid },
    ],
  },
  {
    key: "meetings",
    name: "Встречи",
    kind: "records",
    idPrefix: "ВС",
    purpose: "Встречи пар: план и факт",
    tabColor: "#00897b",
    columns: [
      { key: "id", header: "ID", type: "id", owner: "addon", required: true, width: W.id },
      { key: "pairId", header: "ID пары", type: "text", owner: "curator", required: true, width: W.id },
      { key: "date", header: "Дата", type: "date", owner: "curator", required: true, width: W.date },
      { key: "topic", header: "Тема", type: "text", owner: "curator", width: W.long },
      { key: "format", header: "Формат", type: "list", list: "formats", owner: "curator", width: W.short },
      {
        key: "status",
        header: "Статус",
        type: "list",
        list: "meetingStatuses",
        owner: "curator",
        required: true,
        width: W.short,
      },
      { key: "outcome", header: "Итог встречи", type: "longtext", owner: "curator", width: W.long },
    ],
  },
  {
    key: "forms",
    name: "Анкеты",
    kind: "records",
    idPrefix: "АН",
    purpose: "Созданные анкеты, ссылки на них и последняя загрузка ответов",
    tabColor: "#3949ab",
    columns: [
      { key: "id", header: "ID", type: "id", owner: "addon", required: true, width: W.id },
      { key: "formKind", header: "Анкета", type: "text", owner: "addon", required: true, width: W.mid },
      { key: "title", header: "Название", type: "text", owner: "addon", width: W.long },
      { key: "publishedUrl", header: "Ссылка для заполнения", type: "link", owner: "addon", width: W.long },
      { key: "editUrl", header: "Ссылка для редактирования", type: "link", owner: "addon", width: W.long },
      { key: "formId", header: "ID формы", type: "text", owner: "addon", width: W.mid },
      { key: "responsesSheet", header: "Лист ответов", type: "text", owner: "addon", width: W.mid },
      { key: "updatedAt", header: "Обновлена", type: "datetime", owner: "addon", width: W.date },
      { key: "lastIntake", header: "Последняя загрузка", type: "datetime", owner: "addon", width: W.date },
      { key: "intakeSummary", header: "Итог загрузки", type: "text", owner: "addon", width: W.long },
    ],
  },
  {
    key: "preferences",
    name: "Предпочтения",
    kind: "records",
    idPrefix: "ВБ",
    purpose: "Выбор наставников и наставляемых после общей встречи",
    tabColor: "#5e35b1",
    columns: [
      { key: "id", header: "ID", type: "id", owner: "addon", required: true, width: W.id },
      {
        key: "participantId",
        header: "ID участника",
        type: "text",
        owner: "addon",
        required: true,
        width: W.id,
      },
      {
        key: "role",
        header: "Роль",
        type: "list",
        list: "participantRoles",
        owner: "addon",
        required: true,
        width: W.short,
      },
      { key: "choice1", header: "Выбор 1 (ID)", type: "text", owner: "addon", width: W.id },
      { key: "choice2", header: "Выбор 2 (ID)", type: "text", owner: "addon", width: W.id },
      { key: "choice3", header: "Выбор 3 (ID)", type: "text", owner: "addon", width: W.id },
      { key: "submittedAt", header: "Дата", type: "datetime", owner: "addon", width: W.date },
    ],
  },
  {
    key: "feedback",
    name: "Обратная связь",
    kind: "records",
    idPrefix: "ОС",
    purpose: "Анкеты удовлетворённости участников на трёх этапах",
    tabColor: "#c0ca33",
    columns: [
      { key: "id", header: "ID", type: "id", owner: "addon", required: true, width: W.id },
      { key: "pairId", header: "ID пары", type: "text", owner: "addon", required: true, width: W.id },
      { key: "participantId", header: "ID участника", type: "text", owner: "addon", width: W.id },
      { key: "role", header: "Роль", type: "list", list: "participantRoles", owner: "addon", width: W.short },
      {
        key: "stage",
        header: "Этап",
        type: "list",
        list: "feedbackStages",
        owner: "addon",
        required: true,
        width: W.short,
      },
      { key: "date", header: "Дата", type: "date", owner: "addon", width: W.date },
      {
        key: "comfort",
        header: "Комфорт (1–10)",
        type: "number",
        owner: "addon",
        width: W.flag,
        min: 1,
        max: 10,
      },
      {
        key: "usefulness",
        header: "Польза (1–10)",
        type: "number",
        owner: "addon",
        width: W.flag,
        min: 1,
        max: 10,
      },
      {
        key: "expectationsMet",
        header: "Ожидания оправдались (1–10)",
        type: "number",
        owner: "addon",
        width: W.flag,
        min: 1,
        max: 10,
      },
      { key: "wantsToContinue", header: "Хочет продолжить", type: "checkbox", owner: "addon", width: W.flag },
      {
        key: "wantsToMentor",
        header: "Хочет стать наставником",
        type: "checkbox",
        owner: "addon",
        width: W.flag,
      },
      { key: "comment", header: "Комментарий", type: "longtext", owner: "addon", width: W.long },
    ],
  },
  {
    key: "documents",
    name: "Приказы",
    kind: "records",
    idPrefix: "ДОК",
    purpose: "Реестр созданных приказов и программ",
    tabColor: "#6d4c41",
    columns: [
      { key: "id", header: "ID", type: "id", owner: "addon", required: true, width: W.id },
      {
        key: "docType",
        header: "Вид документа",
        type: "list",
        list: "documentTypes",
        owner: "addon",
        required: true,
        width: W.long,
      },
      { key: "number", header: "Номер", type: "text", owner: "addon", width: W.short },
      { key: "date", header: "Дата", type: "date", owner: "addon", width: W.date },
      { key: "title", header: "Название", type: "text", owner: "addon", width: W.long },
      { key: "link", header: "Ссылка", type: "link", owner: "addon", width: W.mid },
      { key: "pairIds", header: "Пары", type: "text", owner: "addon", width: W.mid },
      { key: "revision", header: "Редакция", type: "number", owner: "addon", width: W.flag },
      { key: "createdAt", header: "Создан", type: "datetime", owner: "addon", width: W.date },
    ],
  },
  {
    key: "team",
    name: "Команда",
    kind: "records",
    idPrefix: "К",
    purpose: "Куратор, рабочая группа и ответственные — с адресами для напоминаний",
    tabColor: "#546e7a",
    columns: [
      { key: "id", header: "ID", type: "id", owner: "addon", required: true, width: W.id },
      {
        key: "fullName",
        header: "ФИО",
        type: "text",
        owner: "curator",
        required: true,
        personal: true,
        width: W.name,
      },
      { key: "role", header: "Роль", type: "list", list: "teamRoles", owner: "curator", width: W.mid },
      { key: "position", header: "Должность", type: "text", owner: "curator", width: W.mid },
      { key: "email", header: "Email", type: "email", owner: "curator", personal: true, width: W.mid },
      { key: "phone", header: "Телефон", type: "phone", owner: "curator", personal: true, width: W.short },
      { key: "reminders", header: "Получать напоминания", type: "checkbox", owner: "curator", width: W.flag },
    ],
  },
  {
    key: "nameForms",
    name: "Склонение ФИО",
    kind: "records",
    idPrefix: "СК",
    purpose: "Падежные формы ФИО для приказов: надстройка дописывает их сама, куратор может исправить",
    tabColor: "#8d6e63",
    columns: [
      { key: "id", header: "ID", type: "id", owner: "addon", required: true, width: W.id },
      {
        key: "fullName",
        header: "ФИО (именительный падеж)",
        type: "text",
        owner: "curator",
        required: true,
        personal: true,
        width: W.name,
      },
      {
        key: "gender",
        header: "Пол",
        type: "text",
        owner: "curator",
        width: W.flag,
        note: "«м» или «ж»; определяется по отчеству, исправьте при ошибке.",
      },
      {
        key: "genitive",
        header: "Родительный (кого?)",
        type: "text",
        owner: "curator",
        personal: true,
        width: W.name,
      },
      {
        key: "dative",
        header: "Дательный (кому?)",
        type: "text",
        owner: "curator",
        personal: true,
        width: W.name,
      },
      {
        key: "accusative",
        header: "Винительный (кого?)",
        type: "text",
        owner: "curator",
        personal: true,
        width: W.name,
      },
      {
        key: "instrumental",
        header: "Творительный (кем?)",
        type: "text",
        owner: "curator",
        personal: true,
        width: W.name,
      },
      {
        key: "prepositional",
        header: "Предложный (о ком?)",
        type: "text",
        owner: "curator",
        personal: true,
        width: W.name,
      },
      { key: "createdAt", header: "Добавлено", type: "datetime", owner: "addon", width: W.date },
    ],
  },
  {
    key: "lists",
    name: "Справочники",
    kind: "lists",
    purpose: "Списки для выпадающих меню; дополняйте их своими значениями",
    tabColor: "#9e9e9e",
    // Columns of «Справочники» are the lists themselves (see LISTS).
    columns: [],
  },
  {
    key: "monitoring",
    name: "Мониторинг",
    kind: "log",
    purpose: "Показатели программы и диаграммы",
    tabColor: "#e53935",
    columns: [
      { key: "section", header: "Раздел", type: "text", owner: "addon", width: W.mid },
      { key: "code", header: "Код", type: "text", owner: "addon", width: W.short },
      { key: "indicator", header: "Показатель", type: "text", owner: "addon", required: true, width: W.long },
      { key: "value", header: "Значение", type: "text", owner: "addon", width: W.short },
      { key: "target", header: "Цель", type: "text", owner: "addon", width: W.short },
      { key: "note", header: "Пояснение", type: "longtext", owner: "addon", width: W.long },
      { key: "updatedAt", header: "Рассчитано", type: "datetime", owner: "addon", width: W.date },
    ],
  },
  {
    key: "regionExport",
    name: "Выгрузка в регион",
    kind: "log",
    purpose: "Показатели в едином формате для регионального центра (CSV — «Файл → Скачать»)",
    tabColor: "#c62828",
    columns: [
      { key: "org", header: "Организация", type: "text", owner: "addon", required: true, width: W.name },
      { key: "orgCode", header: "Код организации", type: "text", owner: "addon", width: W.short },
      { key: "year", header: "Учебный год", type: "text", owner: "addon", required: true, width: W.short },
      { key: "code", header: "Код показателя", type: "text", owner: "addon", required: true, width: W.mid },
      { key: "indicator", header: "Показатель", type: "text", owner: "addon", width: W.long },
      { key: "value", header: "Значение", type: "number", owner: "addon", width: W.short },
      { key: "unit", header: "Единица", type: "text", owner: "addon", width: W.flag },
    ],
  },
  {
    key: "mailLog",
    name: "Журнал рассылок",
    kind: "log",
    purpose: "Каждое отправленное письмо — чтобы ничего не ушло дважды",
    tabColor: "#757575",
    columns: [
      { key: "key", header: "Ключ письма", type: "text", owner: "addon", required: true, width: W.long },
      { key: "time", header: "Время", type: "datetime", owner: "addon", width: W.mid },
      { key: "recipient", header: "Получатель", type: "email", owner: "addon", personal: true, width: W.mid },
      { key: "subject", header: "Тема", type: "text", owner: "addon", width: W.long },
      { key: "status", header: "Статус", type: "text", owner: "addon", width: W.short },
      { key: "reason", header: "Причина", type: "text", owner: "addon", width: W.long },
    ],
  },
  {
    key: "journal",
    name: "Журнал",
    kind: "log",
    purpose: "Кто, когда и что сделал надстройкой",
    tabColor: "#424242",
    columns: [
      { key: "time", header: "Время", type: "datetime", owner: "addon", required: true, width: W.mid },
      { key: "action", header: "Действие", type: "text", owner: "addon", required: true, width: W.mid },
      { key: "user", header: "Пользователь", type: "text", owner: "addon", width: W.mid },
      { key: "outcome", header: "Результат", type: "text", owner: "addon", width: W.short },
      { key: "details", header: "Подробности", type: "longtext", owner: "addon", width: 420 },
    ],
  },
] as const satisfies readonly SheetDef[];

export type SheetKey = (typeof SHEETS)[number]["key"];
export type SheetDefOf<K extends SheetKey> = Extract<(typeof SHEETS)[number], { key: K }>;

export function sheetDef<K extends SheetKey>(key: K): SheetDefOf<K> {
  const def = SHEETS.find((s) => s.key === key);
  if (!def) throw new Error(`Нет листа «${key}» в схеме`);
  return def as SheetDefOf<K>;
}

/** The version of the schema, stored with the workbook so a newer add-on can tell an older book. */
export const SCHEMA_VERSION = 1;
