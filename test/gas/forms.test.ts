// The Google Forms adapter against the FormApp fake: every questionnaire of src/domain/forms.ts
// built from a FormSpec, updates in place that keep the URL and the collected answers, the
// responses sheet, prefilled links, and service calls that do not grow with the responses.

import { describe, expect, it } from "vitest";
import { UserError } from "../../src/app/errors";
import type { FormQuestionSpec, FormSpec, MetaStore } from "../../src/app/ports";
import {
  FORM_NAMES,
  FORMS,
  type FormKind,
  formDef,
  type QuestionType,
  staticChoices,
} from "../../src/domain/forms";
import {
  CONFIRMATION_MESSAGE,
  CONSENT_CHOICE,
  configKey,
  EMPTY_CHOICES_PLACEHOLDER,
  GasForms,
  isFormUrlOf,
  itemsKey,
  PHONE_PATTERN,
  RESPONSES_SHEET_PREFIX,
  responsesSheetName,
  SCALE_LABELS,
} from "../../src/gas/forms";
import { GasTriggers } from "../../src/gas/triggers";
import { createGasEnvironment, type FakeSheet } from "../fakes/gas";
import {
  FakeFormApp,
  FORM_MESSAGES,
  type FormItemState,
  type ItemSnapshot,
  type ItemTypeName,
  TIMESTAMP_HEADER,
} from "../fakes/gas-forms";

class MapMeta implements MetaStore {
  readonly map = new Map<string, string>();
  get(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  set(key: string, value: string): void {
    this.map.set(key, value);
  }
}

const CONSENT_TEXT = "Я даю согласие на обработку моих персональных данных (152-ФЗ).";

/** The spec of a form as the use case builds it: titles from the definition, static choices. */
function specOf(kind: FormKind, people: readonly string[] = []): FormSpec {
  const def = formDef(kind);
  return {
    kind,
    title: FORM_NAMES[kind],
    description: `Анкета программы наставничества: ${FORM_NAMES[kind].toLowerCase()}.`,
    questions: def.questions.map(
      (q): FormQuestionSpec => ({
        key: q.key,
        title: q.title,
        help: q.helpSetting ? `${CONSENT_TEXT} (${q.key})` : (q.help ?? ""),
        type: q.type,
        required: q.required,
        choices: q.choices?.kind === "people" ? [...people] : [...staticChoices(q)],
        other: q.other === true,
        ...(q.min !== undefined ? { min: q.min } : {}),
        ...(q.max !== undefined ? { max: q.max } : {}),
        ...(q.page ? { page: q.page } : {}),
      }),
    ),
  };
}

function withQuestion(spec: FormSpec, key: string, change: Partial<FormQuestionSpec>): FormSpec {
  return { ...spec, questions: spec.questions.map((q) => (q.key === key ? { ...q, ...change } : q)) };
}

function setup() {
  const env = createGasEnvironment({ sheetNames: ["Настройки", "Наставляемые", "Наставники"] });
  const meta = new MapMeta();
  const app = env.globals.FormApp;
  const forms = new GasForms(app, env.spreadsheet, meta);
  return { env, meta, app, forms };
}

function itemMap(meta: MapMeta, kind: FormKind): Record<string, number> {
  return JSON.parse(meta.get(itemsKey(kind)) ?? "{}") as Record<string, number>;
}

function itemOf(app: FakeFormApp, formId: string, meta: MapMeta, kind: FormKind, key: string): ItemSnapshot {
  const id = itemMap(meta, kind)[key];
  const item = app
    .peek(formId)
    .describe()
    .find((s) => s.id === id);
  if (!item) throw new Error(`no item for ${key}`);
  return item;
}

function sheetValues(sheet: FakeSheet): unknown[][] {
  const s = sheet.state;
  return s.values(1, 1, Math.max(1, s.lastRow()), Math.max(1, s.lastColumn()));
}

function sheetNamed(env: ReturnType<typeof setup>["env"], name: string): FakeSheet {
  const sheet = env.spreadsheet.state.sheets.find((s) => s.state.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

const ITEM_TYPE_OF: Record<QuestionType, ItemTypeName> = {
  text: "TEXT",
  paragraph: "PARAGRAPH_TEXT",
  email: "TEXT",
  phone: "TEXT",
  date: "DATE",
  number: "TEXT",
  choice: "MULTIPLE_CHOICE",
  dropdown: "LIST",
  checkboxes: "CHECKBOX",
  scale: "SCALE",
  consent: "CHECKBOX",
  yesno: "MULTIPLE_CHOICE",
};

/** The fixed choices of a question of the mentee form. */
function menteeChoices(key: string): readonly string[] {
  const q = formDef("mentee").questions.find((x) => x.key === key);
  if (!q) throw new Error(key);
  return staticChoices(q);
}

/** Valid answers to the required questions of the mentee form, by title. */
function menteeAnswers(
  name: string,
  extra: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  const choice = (key: string, i = 0) => menteeChoices(key)[i] as string;
  return {
    "Кто вы": choice("category"),
    "Фамилия, имя, отчество": name,
    "Адрес электронной почты": `${name.split(" ")[0]?.toLowerCase() ?? "x"}@school.ru`,
    "Должность или класс (группа)": "8 «Б»",
    "С чем вам нужна помощь наставника": [choice("requests", 0), choice("requests", 1)],
    "Согласие на обработку персональных данных": [CONSENT_CHOICE],
    ...extra,
  };
}

describe("each questionnaire built from its FormSpec", () => {
  for (const def of FORMS) {
    it(`«${FORM_NAMES[def.kind]}»: item types, choices, required flags, validations, pages, order`, () => {
      const { env, meta, app, forms } = setup();
      const spec = specOf(def.kind);
      const result = forms.sync(spec, null);

      expect(result.created).toBe(true);
      expect(result.added).toEqual(spec.questions.map((q) => q.key));
      expect(result.updated).toEqual([]);
      expect(result.foreignItems).toEqual([]);
      expect(result.mismatched).toEqual([]);
      expect(result.formId).toBe(app.peek(result.formId).state.id);
      expect(result.publishedUrl).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform$/);
      expect(result.editUrl).toBe(`https://docs.google.com/forms/d/${result.formId}/edit`);

      const form = app.peek(result.formId).state;
      expect(form.title).toBe(spec.title);
      expect(form.description).toBe(spec.description);
      expect(form.confirmationMessage).toBe(CONFIRMATION_MESSAGE);
      expect(form.requireLogin).toBe(false);
      expect(form.collectEmail).toBe(false);
      expect(form.published).toBe(true);

      const items = app.peek(result.formId).describe();
      const questionItems = items.filter((i) => i.type !== "PAGE_BREAK");
      expect(questionItems.map((i) => i.title)).toEqual(spec.questions.map((q) => q.title));
      expect(items.filter((i) => i.type === "PAGE_BREAK").map((i) => i.title)).toEqual(
        spec.questions.filter((q) => q.page).map((q) => q.page),
      );

      for (const q of spec.questions) {
        const item = itemOf(app, result.formId, meta, def.kind, q.key);
        expect(item.type, q.key).toBe(ITEM_TYPE_OF[q.type]);
        expect(item.title).toBe(q.title);
        expect(item.help).toBe(q.help);
        expect(item.required, q.key).toBe(q.required);
        const index = items.findIndex((i) => i.id === item.id);
        if (q.page) expect(items[index - 1]).toMatchObject({ type: "PAGE_BREAK", title: q.page });
        switch (q.type) {
          case "choice":
          case "checkboxes":
            expect(item.choices).toEqual(q.choices.length > 0 ? q.choices : [EMPTY_CHOICES_PLACEHOLDER]);
            expect(item.other).toBe(q.other);
            break;
          case "dropdown":
            expect(item.choices).toEqual(q.choices.length > 0 ? q.choices : [EMPTY_CHOICES_PLACEHOLDER]);
            break;
          case "consent":
            expect(item.choices).toEqual([CONSENT_CHOICE]);
            expect(item.other).toBe(false);
            expect(item.help).toContain(CONSENT_TEXT);
            break;
          case "yesno":
            expect(item.choices).toEqual(["Да", "Нет"]);
            expect(item.other).toBe(false);
            break;
          case "scale":
            expect(item.bounds).toEqual([q.min ?? 1, q.max ?? 5]);
            expect(item.labels).toEqual([...SCALE_LABELS]);
            break;
          case "date":
            expect(item.includesYear).toBe(true);
            break;
          case "email":
            expect(item.validation).toMatchObject({ kind: "email" });
            break;
          case "phone":
            expect(item.validation).toMatchObject({ kind: "pattern", pattern: PHONE_PATTERN });
            break;
          case "number":
            expect(item.validation).toMatchObject({ kind: "numberBetween", start: q.min, end: q.max });
            expect(item.validation?.helpText).toBe(`Введите число от ${q.min} до ${q.max}`);
            break;
          case "text":
            expect(item.validation).toBeNull();
            break;
          default:
            break;
        }
      }

      // Linked to the workbook: a responses sheet named after the form, in front, header in order.
      expect(result.responsesSheet).toBe(`${RESPONSES_SHEET_PREFIX}${spec.title}`);
      const sheet = sheetNamed(env, result.responsesSheet);
      expect(env.spreadsheet.state.sheets[0]).toBe(sheet);
      expect(sheetValues(sheet)[0]).toEqual([TIMESTAMP_HEADER, ...spec.questions.map((q) => q.title)]);
      expect(form.destination?.spreadsheet.state.id).toBe(env.spreadsheet.state.id);
    });
  }

  it("the validations accept what people type and refuse the rest", () => {
    const { app, meta, forms } = setup();
    const { formId } = forms.sync(specOf("mentee"), null);
    const state = (key: string): FormItemState => {
      const id = itemMap(meta, "mentee")[key];
      const found = app.peek(formId).state.items.find((i) => i.id === id);
      if (!found?.validation) throw new Error(key);
      return found;
    };
    const phone = state("phone").validation;
    for (const ok of [
      "+7 (912) 345-67-89",
      "8 912 345 67 89",
      "89123456789",
      "+79123456789",
      "(3452) 12-34-56",
    ]) {
      expect(phone?.accepts(ok), ok).toBe(true);
    }
    for (const bad of ["12345", "+1 555 123 4567", "8 912 345 67", "телефон", "+7 912 345 67 89 0"]) {
      expect(phone?.accepts(bad), bad).toBe(false);
    }
    const email = state("email").validation;
    expect(email?.accepts("ivanova@school.ru")).toBe(true);
    expect(email?.accepts("ivanova school.ru")).toBe(false);
    const years = state("experienceYears").validation;
    expect(years?.accepts("0")).toBe(true);
    expect(years?.accepts("70")).toBe(true);
    expect(years?.accepts("71")).toBe(false);
    expect(years?.accepts("много")).toBe(false);

    // The respondent meets the same refusals.
    const form = app.peek(formId);
    expect(() => form.submit(menteeAnswers("Петров Пётр", { Телефон: "12345" }))).toThrow(/Телефон/);
    expect(() => form.submit(menteeAnswers("Петров Пётр", { "Педагогический стаж, лет": "100" }))).toThrow(
      /стаж/,
    );
    const { "Фамилия, имя, отчество": _name, ...withoutName } = menteeAnswers("Петров Пётр");
    expect(() => form.submit(withoutName)).toThrow(/required/);
    expect(() => form.submit(menteeAnswers("Петров Пётр", { "Кто вы": "Космонавт" }))).toThrow(
      /not a choice/,
    );
    // «Другое» takes free text on the requests question.
    expect(() =>
      form.submit(menteeAnswers("Петров Пётр", { "С чем вам нужна помощь наставника": ["Своё"] })),
    ).not.toThrow();
  });
});

describe("updating a form", () => {
  it("syncing twice changes nothing, creates nothing and sets nothing", () => {
    const { env, app, forms } = setup();
    const spec = specOf("mentor");
    const first = forms.sync(spec, null);
    const items = app.peek(first.formId).describe();
    const sheets = env.spreadsheet.state.sheets.map((s) => s.state.name);
    env.calls.reset();

    const second = forms.sync(spec, first.formId);

    expect(second).toEqual({ ...first, created: false, added: [] });
    expect(app.peek(first.formId).describe()).toEqual(items);
    expect(env.spreadsheet.state.sheets.map((s) => s.state.name)).toEqual(sheets);
    expect(app.forms.size).toBe(1);
    const writes = Object.keys(env.calls.byMethod).filter((m) =>
      /\.(set|add|move|delete|show|clear|create|insert)/.test(m),
    );
    expect(writes).toEqual([]);
  });

  it("a changed title and choice update the same item: URL, entry IDs, responses and columns stay", () => {
    const { env, meta, app, forms } = setup();
    const spec = specOf("mentee");
    const first = forms.sync(spec, null);
    const form = app.peek(first.formId);
    const before = form.describe();
    form.submit(menteeAnswers("Иванова Мария Петровна"), { timestamp: new Date(2025, 8, 1, 10, 0, 0) });

    const categories = spec.questions.find((q) => q.key === "category")?.choices ?? [];
    let changed = withQuestion(spec, "fullName", { title: "ФИО полностью" });
    changed = withQuestion(changed, "category", { choices: [...categories, "Родитель"] });
    changed = withQuestion(changed, "position", { help: "Класс или должность" });
    const second = forms.sync(changed, first.formId);

    expect(second.created).toBe(false);
    expect(second.formId).toBe(first.formId);
    expect(second.publishedUrl).toBe(first.publishedUrl);
    expect(second.added).toEqual([]);
    expect(second.updated.sort()).toEqual(["category", "fullName", "position"]);
    const after = form.describe();
    expect(after.map((i) => [i.id, i.entryId])).toEqual(before.map((i) => [i.id, i.entryId]));
    expect(itemOf(app, first.formId, meta, "mentee", "fullName").title).toBe("ФИО полностью");
    expect(itemOf(app, first.formId, meta, "mentee", "category").choices).toEqual([
      ...categories,
      "Родитель",
    ]);

    const { "Фамилия, имя, отчество": _old, ...rest } = menteeAnswers("Сидоров Олег", {
      "Кто вы": "Родитель",
    });
    form.submit({ ...rest, "ФИО полностью": "Сидоров Олег" }, { timestamp: new Date(2025, 8, 2, 11, 30, 0) });
    const sheet = sheetNamed(env, first.responsesSheet);
    const rows = sheetValues(sheet);
    expect(rows[0]).toEqual([TIMESTAMP_HEADER, ...changed.questions.map((q) => q.title)]);
    expect(rows).toHaveLength(3);
    const col = changed.questions.findIndex((q) => q.key === "fullName") + 1;
    expect(rows[1]?.[col]).toBe("Иванова Мария Петровна");
    expect(rows[2]?.[col]).toBe("Сидоров Олег");
    expect(rows[1]?.[0]).toEqual(new Date(2025, 8, 1, 10, 0, 0));
    expect(rows[2]?.[1]).toBe("Родитель");
  });

  it("a question added to the definition gets a new item in its place and a column at the end", () => {
    const { env, app, meta, forms } = setup();
    const spec = specOf("mentee");
    const first = forms.sync(spec, null);
    const form = app.peek(first.formId);
    form.submit(menteeAnswers("Иванова Мария"));
    const school: FormQuestionSpec = {
      key: "school",
      title: "Образовательная организация",
      help: "",
      type: "text",
      required: false,
      choices: [],
      other: false,
    };
    const questions = [...spec.questions];
    questions.splice(2, 0, school);
    const withoutInterests = { ...spec, questions: questions.filter((q) => q.key !== "interests") };

    const second = forms.sync(withoutInterests, first.formId);

    expect(second.added).toEqual(["school"]);
    expect(second.updated).toEqual([]);
    // The question no longer in the definition stays in the form (it may hold answers).
    expect(second.foreignItems).toEqual(["Ваши интересы и увлечения"]);
    const titles = form
      .describe()
      .filter((i) => i.type !== "PAGE_BREAK")
      .map((i) => i.title);
    expect(titles.slice(0, 4)).toEqual([
      "Кто вы",
      "Фамилия, имя, отчество",
      school.title,
      "Адрес электронной почты",
    ]);
    expect(titles).toContain("Ваши интересы и увлечения");
    expect(itemOf(app, first.formId, meta, "mentee", "school").type).toBe("TEXT");
    const rows = sheetValues(sheetNamed(env, first.responsesSheet));
    expect(rows[0]?.at(-1)).toBe(school.title);
    expect(rows[0]).toHaveLength(spec.questions.length + 2);
    expect(rows[1]?.[2]).toBe("Иванова Мария");
  });

  it("order follows the definition with few moves; the curator's own items are left where they are", () => {
    const { env, app, forms } = setup();
    const spec = specOf("feedback");
    const first = forms.sync(spec, null);
    const form = app.peek(first.formId);
    form.addTextItem().setTitle("Вопрос куратора");
    form.moveItem(form.state.items.length - 1, 3);
    form.moveItem(0, 5); // the curator drags «Номер пары» down
    env.calls.reset();

    const second = forms.sync(spec, first.formId);

    expect(second.foreignItems).toEqual(["Вопрос куратора"]);
    expect(env.calls.byMethod["Form.moveItem"]).toBe(1);
    const titles = form.describe().map((i) => i.title);
    expect(titles.filter((t) => t !== "Вопрос куратора")).toEqual(spec.questions.map((q) => q.title));
    expect(titles).toContain("Вопрос куратора");
  });

  it("an item whose type was changed by hand is reported and left alone, not replaced", () => {
    const { app, meta, forms } = setup();
    const spec = specOf("mentor");
    const first = forms.sync(spec, null);
    const id = itemMap(meta, "mentor").format;
    const state = app.peek(first.formId).state.items.find((i) => i.id === id) as FormItemState;
    Object.assign(state, { type: "LIST" }); // the curator turned the radio buttons into a drop-down
    const count = app.peek(first.formId).state.items.length;

    const second = forms.sync(withQuestion(spec, "format", { title: "Формат встреч" }), first.formId);

    expect(second.mismatched).toEqual(["format"]);
    expect(second.foreignItems).toEqual(["Удобный формат встреч"]);
    expect(second.added).toEqual([]);
    expect(app.peek(first.formId).state.items).toHaveLength(count);
    expect(state.title).toBe("Удобный формат встреч");
  });

  it("a question deleted by hand is added again; its old column and answers stay in the sheet", () => {
    const { env, app, forms } = setup();
    const spec = specOf("feedback");
    const first = forms.sync(spec, null);
    const form = app.peek(first.formId);
    const answers = {
      "Номер пары": "ПР-0002",
      "Вы участвуете как": "Наставляемый",
      "Этап программы": "Промежуточная",
      "Насколько вам комфортно работать в паре": "6",
      "Насколько полезны встречи": "7",
      "Насколько оправдались ваши ожидания": "8",
      "Хотите ли вы продолжить работу в паре": "Нет",
      "Согласие на обработку персональных данных": [CONSENT_CHOICE],
    };
    form.submit({ ...answers, "Что стоит изменить или что особенно помогло": "Больше встреч" });
    const comment = form.state.items.findIndex((i) => i.title.startsWith("Что стоит изменить"));
    form.deleteItem(comment);

    const second = forms.sync(spec, first.formId);

    expect(second.added).toEqual(["comment"]);
    const title = "Что стоит изменить или что особенно помогло";
    const rows = sheetValues(sheetNamed(env, first.responsesSheet));
    expect(rows[0]?.filter((h) => h === title)).toHaveLength(2);
    expect(rows[1]).toContain("Больше встреч");
    // Two columns with one header: namedValues holds both, which is why its values are arrays.
    const e = form.submit({ ...answers, [title]: "Всё хорошо" });
    expect(e.namedValues[title]).toEqual(["", "Всё хорошо"]);
  });

  it("a lost item map is rebuilt by adopting the items by title and type", () => {
    const { env, app, forms } = setup();
    const spec = specOf("feedback");
    const first = forms.sync(spec, null);
    const items = app.peek(first.formId).describe();
    const again = new GasForms(app, env.spreadsheet, new MapMeta());

    const second = again.sync(spec, first.formId);

    expect(second.created).toBe(false);
    expect(second.added).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(second.foreignItems).toEqual([]);
    expect(app.peek(first.formId).describe()).toEqual(items);
  });

  it("a deleted form is recreated and reported; its old responses sheet is kept", () => {
    const { env, app, meta, forms } = setup();
    const spec = specOf("feedback");
    const first = forms.sync(spec, null);
    app.peek(first.formId).submit({
      "Номер пары": "ПР-0001",
      "Вы участвуете как": "Наставник",
      "Этап программы": "Входная",
      "Насколько вам комфортно работать в паре": "8",
      "Насколько полезны встречи": "9",
      "Насколько оправдались ваши ожидания": "7",
      "Хотите ли вы продолжить работу в паре": "Да",
      "Согласие на обработку персональных данных": [CONSENT_CHOICE],
    });
    app.deleteForm(first.formId);
    expect(() => app.openById(first.formId)).toThrow(FORM_MESSAGES.notFound);

    const second = forms.sync(spec, first.formId);

    expect(second.created).toBe(true);
    expect(second.formId).not.toBe(first.formId);
    expect(second.publishedUrl).not.toBe(first.publishedUrl);
    expect(second.added).toHaveLength(spec.questions.length);
    expect(second.responsesSheet).toBe(`${RESPONSES_SHEET_PREFIX}${spec.title} (2)`);
    expect(sheetValues(sheetNamed(env, first.responsesSheet))).toHaveLength(2);
    expect(itemMap(meta, "feedback").pairId).toBe(app.peek(second.formId).describe()[0]?.id);
  });

  it("a new form that starts unpublished is published; an existing one is left as the curator set it", () => {
    const env = createGasEnvironment();
    const app = new FakeFormApp(env.calls, {
      spreadsheet: (id) => (id === env.spreadsheet.state.id ? env.spreadsheet : undefined),
      publishedByDefault: false,
    });
    const forms = new GasForms(app, env.spreadsheet, new MapMeta());
    const first = forms.sync(specOf("preference"), null);
    expect(app.peek(first.formId).state.published).toBe(true);
    app.peek(first.formId).state.published = false;
    forms.sync(specOf("preference"), first.formId);
    expect(app.peek(first.formId).state.published).toBe(false);
  });
});

describe("the responses sheet", () => {
  it("is linked once, found by the form's URL, renamed from Google's default name only", () => {
    const { env, app, forms } = setup();
    // Another form already writes into the workbook, under Google's default name.
    const other = app.create("Чужая форма");
    other.addTextItem().setTitle("Вопрос");
    other.setDestination(app.DestinationType.SPREADSHEET, env.spreadsheet.state.id);
    expect(env.spreadsheet.state.sheets[0]?.state.name).toBe("Ответы на форму (1)");

    const spec = specOf("mentor");
    const first = forms.sync(spec, null);
    expect(first.responsesSheet).toBe(`Ответы — ${spec.title}`);
    const names = env.spreadsheet.state.sheets.map((s) => s.state.name);
    expect(names.slice(0, 2)).toEqual([first.responsesSheet, "Ответы на форму (1)"]);
    const sheet = sheetNamed(env, first.responsesSheet);
    expect(sheet.state.formUrl).not.toBe(first.publishedUrl);
    expect(sheet.state.formUrl).not.toBe(first.editUrl);
    expect(isFormUrlOf(sheet.state.formUrl, first.formId, first.publishedUrl)).toBe(true);
    expect(app.peek(first.formId).getDestinationId()).toBe(env.spreadsheet.state.id);

    // The curator renames it: the name stays, nothing is linked again.
    sheet.setName("Анкеты наставников 2025");
    env.calls.reset();
    const second = forms.sync(spec, first.formId);
    expect(second.responsesSheet).toBe("Анкеты наставников 2025");
    expect(env.calls.byMethod["Form.setDestination"]).toBeUndefined();
    expect(env.spreadsheet.state.sheets.map((s) => s.state.name)).toContain("Ответы на форму (1)");
  });

  it("the submit event has the shape of the spreadsheet's «on form submit» event", () => {
    const { env, app, forms } = setup();
    const spec = specOf("mentee");
    const { formId, responsesSheet } = forms.sync(spec, null);
    const triggers = new GasTriggers(env.globals.ScriptApp, env.spreadsheet);
    triggers.ensure("onFormSubmit", "formSubmit");
    const uid = env.globals.ScriptApp.triggers[0]?.uniqueId;

    const e = app.peek(formId).submit(menteeAnswers("Иванова Мария", { "Дата рождения": "2010-05-31" }), {
      timestamp: new Date(2025, 8, 1, 9, 5, 7),
    });

    expect(e.triggerUid).toBe(uid);
    expect(e.range.getSheet().getName()).toBe(responsesSheet);
    expect([e.range.getRow(), e.range.getColumn(), e.range.getNumRows()]).toEqual([2, 1, 1]);
    expect(e.range.getNumColumns()).toBe(spec.questions.length + 1);
    expect(e.values).toHaveLength(spec.questions.length + 1);
    expect(e.values[0]).toBe("01.09.2025 9:05:07");
    expect(e.namedValues[TIMESTAMP_HEADER]).toEqual(["01.09.2025 9:05:07"]);
    expect(e.namedValues["Фамилия, имя, отчество"]).toEqual(["Иванова Мария"]);
    const topics = menteeChoices("requests");
    expect(e.namedValues["С чем вам нужна помощь наставника"]).toEqual([`${topics[0]}, ${topics[1]}`]);
    expect(e.namedValues["Дата рождения"]).toEqual(["31.05.2010"]);
    expect(e.namedValues.Телефон).toEqual([""]);
    const row = e.range.getValues()[0] ?? [];
    expect(row[0]).toEqual(new Date(2025, 8, 1, 9, 5, 7));
    expect(row[spec.questions.findIndex((q) => q.key === "birthDate") + 1]).toEqual(new Date(2010, 4, 31));
  });
});

describe("prefilled links", () => {
  it("carry the entry IDs of the items, not their item IDs", () => {
    const { app, meta, forms } = setup();
    const { formId, publishedUrl } = forms.sync(specOf("feedback"), null);
    const url = forms.prefilledUrl(formId, {
      pairId: "ПР-0007",
      role: "Наставник",
      stage: "Итоговая",
      comfort: "8",
    });

    expect(url.startsWith(`${publishedUrl}?`)).toBe(true);
    const params = new URL(url).searchParams;
    expect(params.get("usp")).toBe("pp_url");
    const entry = (key: string) => `entry.${itemOf(app, formId, meta, "feedback", key).entryId}`;
    expect(params.get(entry("pairId"))).toBe("ПР-0007");
    expect(params.get(entry("role"))).toBe("Наставник");
    expect(params.get(entry("stage"))).toBe("Итоговая");
    expect(params.get(entry("comfort"))).toBe("8");
    const pairItem = itemOf(app, formId, meta, "feedback", "pairId");
    expect(params.has(`entry.${pairItem.id}`)).toBe(false);
  });

  it("dates, «Другое» and unknown questions", () => {
    const { app, meta, forms } = setup();
    const { formId } = forms.sync(specOf("mentee"), null);
    const url = new URL(forms.prefilledUrl(formId, { birthDate: "31.05.2010", requests: "Своя тема" }));
    const entry = (key: string) => `entry.${itemOf(app, formId, meta, "mentee", key).entryId}`;
    expect(url.searchParams.get(entry("birthDate"))).toBe("2010-05-31");
    expect(url.searchParams.get(entry("requests"))).toBe("__other_option__");
    expect(url.searchParams.get(`${entry("requests")}.other_option_response`)).toBe("Своя тема");
    expect(() => forms.prefilledUrl(formId, { nosuch: "x" })).toThrow(UserError);
    expect(() => forms.prefilledUrl(formId, { birthDate: "вчера" })).toThrow(UserError);
    // A drop-down value that is not a choice is refused by Forms itself.
    expect(() => forms.prefilledUrl(formId, { preferredForm: "Нет такой" })).toThrow(/not one of/);
  });
});

describe("choices from the bases", () => {
  it("an empty list of people gets the placeholder choice, filled in on the next update", () => {
    const { env, app, meta, forms } = setup();
    const first = forms.sync(specOf("preference"), null);
    for (const key of ["mentorChoice1", "mentorChoice2", "menteeChoice3"]) {
      expect(itemOf(app, first.formId, meta, "preference", key).choices).toEqual([EMPTY_CHOICES_PLACEHOLDER]);
    }
    const people = ["Иванова Мария Петровна (НР-0001)", "Петров Пётр (НР-0002)"];
    const second = forms.sync(specOf("preference", people), first.formId);
    expect(second.updated).toEqual([
      "mentorChoice1",
      "mentorChoice2",
      "mentorChoice3",
      "menteeChoice1",
      "menteeChoice2",
      "menteeChoice3",
    ]);
    expect(itemOf(app, first.formId, meta, "preference", "mentorChoice1").choices).toEqual(people);

    // Hundreds of people: one call per list, and the stored state stays far below the 9 KB a
    // document property may hold.
    const many = Array.from(
      { length: 400 },
      (_, i) => `Участник программы № ${i} (НР-${String(i).padStart(4, "0")})`,
    );
    env.calls.reset();
    const third = forms.sync(specOf("preference", many), first.formId);
    expect(third.updated).toHaveLength(6);
    expect(itemOf(app, first.formId, meta, "preference", "menteeChoice2").choices).toEqual(many);
    expect(env.calls.byMethod["ListItem.setChoiceValues"]).toBe(6);
    expect(env.calls.byMethod["Choice.getValue"]).toBeUndefined();
    expect(meta.get(configKey("preference"))?.length).toBeLessThan(2000);
    expect(meta.get(itemsKey("preference"))?.length).toBeLessThan(2000);
  });

  it("Forms refuses an empty list of choices, which is why the placeholder exists", () => {
    const { app } = setup();
    const item = app.create("Проба").addListItem();
    expect(() => item.setChoiceValues([])).toThrow(FORM_MESSAGES.emptyArray("values"));
  });
});

describe("service calls", () => {
  it("do not depend on the number of responses", () => {
    const measure = (responses: number) => {
      const { env, app, forms } = setup();
      const spec = specOf("mentee");
      const first = forms.sync(spec, null);
      for (let i = 0; i < responses; i++) app.peek(first.formId).submit(menteeAnswers(`Ученик ${i}`));
      env.calls.reset();
      forms.sync(withQuestion(spec, "fullName", { title: "ФИО" }), first.formId);
      const sync = env.calls.snapshot();
      env.calls.reset();
      forms.prefilledUrl(first.formId, { fullName: "Ученик", email: "u@school.ru" });
      const prefill = env.calls.snapshot();
      const sheet = sheetNamed(env, first.responsesSheet);
      return { sync, prefill, rows: sheet.state.lastRow() };
    };
    const small = measure(2);
    const large = measure(300);
    expect(small.rows).toBe(3);
    expect(large.rows).toBe(301);
    expect(large.sync).toEqual(small.sync);
    expect(large.prefill).toEqual(small.prefill);
    // Proportional to the questions: a handful of calls per question.
    expect(small.sync.total).toBeLessThan(specOf("mentee").questions.length * 8 + 30);
    expect(Object.keys(small.sync.byMethod).some((m) => /getValues|getDataRange/.test(m))).toBe(false);
  });
});

describe("the FormApp fake", () => {
  it("answers like Google for unknown forms, unlinked forms and wrong item conversions", () => {
    const { app } = setup();
    expect(() => app.openById("nope")).toThrow(FORM_MESSAGES.notFound);
    const form = app.create("Проба");
    expect(() => form.getDestinationId()).toThrow("The form currently has no response destination.");
    const page = form.addPageBreakItem();
    const item = form.getItemById(page.state.id);
    expect(() => item?.asListItem()).toThrow("Invalid conversion for item type: PAGE_BREAK");
    expect(form.getItemById(123)).toBeNull();
    expect(() => form.addScaleItem().setBounds(2, 10)).toThrow();
  });

  it("sheet names of the responses sheets and of the add-on's renaming never clash", () => {
    expect(responsesSheetName("Анкета", ["ответы — анкета"])).toBe("Ответы — Анкета (2)");
    expect(responsesSheetName("А".repeat(200), [])).toHaveLength(100);
  });
});
