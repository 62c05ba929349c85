import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ageOf,
  audienceFits,
  DEFAULT_MIN_SCORE,
  DEFAULT_WEIGHTS,
  eligibility,
  impliedForm,
  type MatchContext,
  minScoreFromSettings,
  scoreCohort,
  scorePair,
  weightsFromSettings,
} from "../../../src/domain/matching/score";
import { CRITERIA, type CriterionKey, type Weights } from "../../../src/domain/matching/types";
import { listValues } from "../../../src/domain/schema";
import { mentee, mentor, randomCohort, TODAY } from "./cohort";

const ctx: MatchContext = { today: TODAY, weights: DEFAULT_WEIGHTS, minScore: DEFAULT_MIN_SCORE };

/** Only one criterion on, so its points are the whole score. */
function only(key: CriterionKey, over: Partial<MatchContext> = {}): MatchContext {
  const weights = Object.fromEntries(CRITERIA.map((c) => [c.key, c.key === key ? 10 : 0])) as Weights;
  return { ...ctx, weights, ...over };
}

function part(score: ReturnType<typeof scorePair>, key: CriterionKey) {
  const p = score.parts.find((x) => x.criterion === key);
  if (!p) throw new Error(`нет критерия ${key}`);
  return p;
}

describe("impliedForm", () => {
  it.each([
    ["Молодой специалист", "Педагог", "Учитель – учитель"],
    ["Педагог", "Педагог", "Учитель – учитель"],
    ["Педагог, новый в должности", "Руководитель", "Руководитель – педагог"],
    ["Педагог", "Руководитель", "Руководитель – педагог"],
    ["Обучающийся", "Обучающийся", "Ученик – ученик"],
    ["Обучающийся", "Студент", "Студент – ученик"],
    ["Обучающийся", "Выпускник", "Студент – ученик"],
    ["Обучающийся", "Сотрудник предприятия", "Работодатель – ученик"],
    ["Обучающийся", "Предприниматель", "Работодатель – ученик"],
    ["Обучающийся", "Представитель НКО", "Работодатель – ученик"],
    ["Студент", "Сотрудник предприятия", "Работодатель – студент"],
    ["Студент", "Представитель организации-партнёра", "Работодатель – студент"],
    ["Студент", "Студент", "Студент – студент"],
    ["Студент", "Педагог", "Педагог – студент"],
    ["студент", "  педагог ", "Педагог – студент"],
  ])("%s + %s → %s", (e, r, form) => {
    expect(impliedForm(e, r)).toBe(form);
  });

  it.each([
    ["Молодой специалист", "Обучающийся"],
    ["Педагог", "Студент"],
    ["Педагог", "Сотрудник предприятия"],
    ["Студент", "Обучающийся"],
    ["Обучающийся", "Педагог"],
    ["", "Педагог"],
    ["Молодой специалист", "Кто-то"],
  ])("%s + %s makes no sense", (e, r) => {
    expect(impliedForm(e, r)).toBeNull();
  });

  it("every form comes from the list «Формы наставничества»", () => {
    const forms = new Set(listValues("forms"));
    for (const e of listValues("menteeCategories"))
      for (const r of listValues("mentorCategories")) {
        const f = impliedForm(e, r);
        if (f !== null) expect(forms.has(f)).toBe(true);
      }
  });
});

describe("ageOf", () => {
  it("counts full years", () => {
    expect(ageOf({ year: 2010, month: 10, day: 1 }, TODAY)).toBe(15);
    expect(ageOf({ year: 2010, month: 10, day: 2 }, TODAY)).toBe(14);
    expect(ageOf({ year: 2010, month: 9, day: 30 }, TODAY)).toBe(15);
    expect(ageOf(null, TODAY)).toBeNull();
  });
});

describe("audienceFits", () => {
  const pupil = (position: string, birthYear = 2012) =>
    mentee({
      category: "Обучающийся",
      position,
      birthDate: { year: birthYear, month: 3, day: 1 },
      guardianConsent: true,
    });
  it.each([
    ["", pupil("6Б"), true],
    ["5–7 классы", pupil("6Б"), true],
    ["5-7 классы", pupil("7 «А» класс"), true],
    ["с 5 по 7 класс", pupil("5В"), true],
    ["5–7 классы", pupil("9А"), false],
    ["5–7 классы", pupil(""), null],
    ["5, 6 и 8 классы", pupil("8Б"), true],
    ["5, 6 и 8 классы", pupil("7Б"), false],
    ["5–7 классы", mentee({ category: "Молодой специалист" }), false],
    ["старшеклассники", pupil("10А"), true],
    ["14–16 лет", pupil("8Б", 2010), true],
    ["14–16 лет", pupil("8Б", 2013), false],
    ["от 14 лет", pupil("8Б", 2009), true],
    ["молодые педагоги", mentee({ category: "Молодой специалист" }), true],
    ["молодые педагоги", mentee({ category: "Педагог", experienceYears: 2 }), true],
    ["молодые педагоги", mentee({ category: "Педагог", experienceYears: 15 }), false],
    ["молодые педагоги", mentee({ category: "Педагог", experienceYears: null }), null],
    ["педагоги, новые в должности", mentee({ category: "Педагог, новый в должности" }), true],
    ["студенты", mentee({ category: "Студент", position: "2 курс" }), true],
    ["студенты", pupil("6Б"), false],
    ["студенты 1 курса", mentee({ category: "Студент", position: "2 курс" }), false],
    ["студенты 1–2 курса", mentee({ category: "Студент", position: "2 курс" }), true],
    ["ученики 5–7 классов, студенты", mentee({ category: "Студент", position: "1 курс" }), true],
    ["кто угодно, лишь бы с мотивацией", pupil("6Б"), null],
  ])("«%s»", (wish, who, fits) => {
    expect(audienceFits(who, mentor({ preferredMentees: wish }), TODAY)).toBe(fits);
  });
});

describe("eligibility: the hard rules", () => {
  const e = mentee();
  const r = mentor();
  it("a usual pair is eligible", () => {
    expect(eligibility(e, r, ctx)).toBeNull();
  });
  it.each([
    [
      "mentee without consent",
      mentee({ consent: false }),
      r,
      "нет согласия наставляемого на обработку персональных данных",
    ],
    [
      "minor without the guardian's consent",
      mentee({
        category: "Обучающийся",
        birthDate: { year: 2011, month: 1, day: 1 },
        guardianConsent: false,
      }),
      mentor({ category: "Студент" }),
      "нет согласия законного представителя (наставляемому 14 лет)",
    ],
    [
      "pupil without a birth date counts as a minor",
      mentee({ category: "Обучающийся", birthDate: null, guardianConsent: false }),
      mentor({ category: "Студент" }),
      "нет согласия законного представителя несовершеннолетнего",
    ],
    [
      "mentee who left",
      mentee({ status: "Выбыл" }),
      r,
      "наставляемый не участвует в подборе: статус «Выбыл»",
    ],
    [
      "mentee whose questionnaire is held for checking",
      mentee({ status: "Требует проверки" }),
      r,
      "наставляемый не участвует в подборе: статус «Требует проверки»",
    ],
    [
      "mentor without consent",
      e,
      mentor({ consent: false }),
      "нет согласия наставника на обработку персональных данных",
    ],
    ["mentor not selected", e, mentor({ status: "Кандидат" }), "наставник не отобран: статус «Кандидат»"],
    ["mentor without status", e, mentor({ status: "" }), "наставник не отобран: статус не указан"],
    ["mentor with no places", e, mentor({ capacity: 0 }), "наставник не может взять наставляемых: мест 0"],
    [
      "the same person by name",
      mentee({ fullName: "Сидорова  Анна Пётровна" }),
      mentor({ fullName: "Анна Петровна СИДОРОВА" }),
      "наставник и наставляемый — один и тот же человек",
    ],
    [
      "the same person by e-mail",
      mentee({ email: "a.sidorova@school.ru" }),
      mentor({ email: "A.Sidorova@school.ru" }),
      "наставник и наставляемый — один и тот же человек",
    ],
    [
      "no form for the two categories",
      mentee({ category: "Молодой специалист" }),
      mentor({ category: "Обучающийся" }),
      "нет формы наставничества для наставляемого «Молодой специалист» и наставника «Обучающийся»",
    ],
  ])("%s", (_, a, b, reason) => {
    expect(eligibility(a, b, ctx)).toBe(reason);
  });

  it.each(["Отобран", "Обучен", "Наставник", "обучен"])("mentor «%s» is selected", (status) => {
    expect(eligibility(e, mentor({ status }), ctx)).toBeNull();
  });

  it("an adult pupil needs no guardian", () => {
    const adult = mentee({ category: "Обучающийся", birthDate: { year: 2006, month: 1, day: 1 } });
    expect(eligibility(adult, mentor({ category: "Студент" }), ctx)).toBeNull();
  });

  it("without a birth date the age band decides (minimal mode)", () => {
    const adult = mentee({ category: "Обучающийся", birthDate: null, ageBand: "18 лет и старше" });
    expect(eligibility(adult, mentor({ category: "Студент" }), ctx)).toBeNull();
    const teen = mentee({
      category: "Студент",
      birthDate: null,
      ageBand: "14–17 лет",
      guardianConsent: false,
    });
    expect(eligibility(teen, mentor({ category: "Студент" }), ctx)).toBe(
      "нет согласия законного представителя несовершеннолетнего",
    );
  });

  it("pairs the curator excluded", () => {
    const excluded = [{ menteeId: e.id, mentorId: r.id }];
    expect(eligibility(e, r, { ...ctx, excluded })).toBe("пара исключена куратором");
  });

  it("a locked pair is kept whatever the rules say", () => {
    const locked = [{ menteeId: e.id, mentorId: r.id }];
    expect(eligibility(e, mentor({ status: "Кандидат" }), { ...ctx, locked })).toBeNull();
  });
});

describe("scorePair: criteria and readable reasons", () => {
  it("requests covered by competences", () => {
    const e = mentee({
      requests: [
        "Работа с родителями",
        "Подготовка к ОГЭ и ЕГЭ",
        "Олимпиады и конкурсы",
        "Документация и отчётность",
      ],
    });
    const r = mentor({
      competences: ["работа с родителями", "Подготовка к ОГЭ и ЕГЭ", "Олимпиады и конкурсы"],
    });
    const s = scorePair(e, r, only("requests"));
    expect(part(s, "requests")).toEqual({
      criterion: "requests",
      points: 75,
      reason: "запросы закрыты: 3 из 4",
    });
    expect(s.score).toBe(75);
    expect(part(scorePair(mentee(), r, only("requests")), "requests").reason).toBe("запросы не указаны");
    const text = mentee({ requestText: "Трудно готовить детей к олимпиадам" });
    expect(part(scorePair(text, r, only("requests")), "requests")).toEqual({
      criterion: "requests",
      points: 50,
      reason: "запрос своими словами перекликается с компетенцией «Олимпиады и конкурсы»",
    });
  });

  it("same subject or speciality", () => {
    const s = scorePair(
      mentee({ subject: "Математика" }),
      mentor({ subjects: "Математика, физика" }),
      only("subject"),
    );
    expect(part(s, "subject")).toEqual({
      criterion: "subject",
      points: 100,
      reason: "один предмет: математика",
    });
    const near = scorePair(
      mentee({ subject: "Учитель математики" }),
      mentor({ subjects: "математика" }),
      only("subject"),
    );
    expect(near.score).toBe(100);
    expect(part(near, "subject").reason).toBe("близкие предметы: учитель математики и математика");
    const other = scorePair(
      mentee({ subject: "Русский язык" }),
      mentor({ subjects: "Английский язык" }),
      only("subject"),
    );
    expect(part(other, "subject")).toEqual({
      criterion: "subject",
      points: 0,
      reason: "разные предметы: русский язык и английский язык",
    });
    expect(part(scorePair(mentee(), mentor({ subjects: "физика" }), only("subject")), "subject").reason).toBe(
      "у наставляемого не указан предмет",
    );
  });

  it("shared interests", () => {
    const s = scorePair(
      mentee({ interests: "Шахматы, туризм и чтение" }),
      mentor({ interests: "шахматами; туристические походы, туризм" }),
      only("interests"),
    );
    expect(part(s, "interests")).toEqual({
      criterion: "interests",
      points: 67,
      reason: "общие интересы: шахматы, туризм",
    });
    expect(
      part(
        scorePair(mentee({ interests: "музыка" }), mentor({ interests: "спорт" }), only("interests")),
        "interests",
      ),
    ).toEqual({ criterion: "interests", points: 0, reason: "общих интересов нет" });
  });

  it("fits the mentor's preferred mentees", () => {
    const wish = mentor({ preferredMentees: "молодые педагоги" });
    expect(part(scorePair(mentee(), wish, only("audience")), "audience")).toEqual({
      criterion: "audience",
      points: 100,
      reason: "подходит наставнику: «молодые педагоги»",
    });
    const old = mentee({ category: "Педагог", experienceYears: 20 });
    expect(
      part(
        scorePair(
          old,
          mentor({ experienceYears: 30, preferredMentees: "молодые педагоги" }),
          only("audience"),
        ),
        "audience",
      ),
    ).toEqual({
      criterion: "audience",
      points: 0,
      reason: "не подходит под пожелание наставника: «молодые педагоги»",
    });
    expect(part(scorePair(mentee(), mentor(), only("audience")), "audience").reason).toBe(
      "наставник готов взять любого наставляемого",
    );
  });

  it("compatible form of mentorship", () => {
    const s = scorePair(
      mentee({ preferredForm: "Учитель – учитель" }),
      mentor({ preferredForms: ["Учитель – учитель"] }),
      only("form"),
    );
    expect(s.form).toBe("Учитель – учитель");
    expect(part(s, "form")).toEqual({
      criterion: "form",
      points: 100,
      reason: "форма «Учитель – учитель» подходит обоим",
    });
    const notListed = scorePair(
      mentee(),
      mentor({ preferredForms: ["Руководитель – педагог"] }),
      only("form"),
    );
    expect(part(notListed, "form")).toEqual({
      criterion: "form",
      points: 0,
      reason: "форма «Учитель – учитель»: наставник её не выбирал",
    });
    const pupil = mentee({ category: "Обучающийся", guardianConsent: true });
    expect(scorePair(pupil, mentor({ category: "Сотрудник предприятия" }), only("form")).form).toBe(
      "Работодатель – ученик",
    );
  });

  it("format and time", () => {
    const same = scorePair(mentee({ format: "Очно" }), mentor({ format: "очно" }), only("format"));
    expect(part(same, "format")).toEqual({
      criterion: "format",
      points: 100,
      reason: "формат: очно у обоих",
    });
    const clash = scorePair(mentee({ format: "Очно" }), mentor({ format: "Дистанционно" }), only("format"));
    expect(part(clash, "format")).toEqual({
      criterion: "format",
      points: 0,
      reason: "формат не совпадает: очно и дистанционно",
    });
    const time = scorePair(
      mentee({ format: "Смешанный", convenientTime: "вторник после 15:00" }),
      mentor({ format: "Дистанционно", convenientTime: "по субботам утром" }),
      only("format"),
    );
    expect(part(time, "format")).toEqual({
      criterion: "format",
      points: 50,
      reason: "формат совместим: смешанный и дистанционно; удобное время не совпадает",
    });
  });

  it("experience gap", () => {
    const s = scorePair(mentee({ experienceYears: 2 }), mentor({ experienceYears: 14 }), only("experience"));
    expect(part(s, "experience")).toEqual({
      criterion: "experience",
      points: 100,
      reason: "стаж наставника больше на 12 лет",
    });
    const less = scorePair(
      mentee({ experienceYears: 5 }),
      mentor({ experienceYears: 3 }),
      only("experience"),
    );
    expect(part(less, "experience")).toEqual({
      criterion: "experience",
      points: 0,
      reason: "у наставника не больше опыта: стаж 3 года против 5 лет",
    });
    expect(
      part(
        scorePair(mentee({ experienceYears: 1 }), mentor({ experienceYears: 2 }), only("experience")),
        "experience",
      ).reason,
    ).toBe("стаж наставника больше на 1 год");
  });

  it("choices after the meeting", () => {
    const e = mentee({ id: "НЯ-1" });
    const r = mentor({ id: "НР-1" });
    const pref = (menteeSide: string[], mentorSide: string[]) =>
      only("preference", {
        preferences: { mentee: new Map([["НЯ-1", menteeSide]]), mentor: new Map([["НР-1", mentorSide]]) },
      });
    expect(part(scorePair(e, r, pref(["НР-1"], [])), "preference")).toEqual({
      criterion: "preference",
      points: 50,
      reason: "наставляемый выбрал этого наставника первым",
    });
    expect(part(scorePair(e, r, pref([], ["НЯ-9", "НЯ-1"])), "preference").reason).toBe(
      "наставник выбрал этого наставляемого вторым",
    );
    expect(part(scorePair(e, r, pref(["НР-1"], ["НЯ-1"])), "preference")).toEqual({
      criterion: "preference",
      points: 100,
      reason: "взаимный выбор: оба выбрали друг друга первым",
    });
    expect(part(scorePair(e, r, pref(["НР-9", "НР-1"], [])), "preference").reason).toBe(
      "наставляемый выбрал этого наставника вторым",
    );
    expect(part(scorePair(e, r, pref(["НР-2"], [])), "preference")).toEqual({
      criterion: "preference",
      points: 0,
      reason: "выбора друг друга после встречи нет",
    });
  });

  it("from a different department, only when switched on", () => {
    const e = mentee({ department: "МО математики" });
    const r = mentor({ department: "МО физики" });
    expect(scorePair(e, r, ctx).parts.some((p) => p.criterion === "department")).toBe(false);
    expect(part(scorePair(e, r, only("department")), "department")).toEqual({
      criterion: "department",
      points: 100,
      reason: "из разных подразделений: МО математики и МО физики",
    });
    expect(
      part(scorePair(e, mentor({ department: "мо математики" }), only("department")), "department"),
    ).toEqual({
      criterion: "department",
      points: 0,
      reason: "одно подразделение: МО математики",
    });
  });

  it("a pair meeting every criterion scores 100", () => {
    const e = mentee({
      id: "НЯ-1",
      requests: ["Работа с родителями"],
      subject: "Физика",
      interests: "шахматы",
      preferredForm: "Учитель – учитель",
      format: "Очно",
      department: "МО физики",
      experienceYears: 1,
    });
    const r = mentor({
      id: "НР-1",
      competences: ["Работа с родителями", "Олимпиады и конкурсы"],
      subjects: "физика",
      interests: "шахматы, футбол",
      preferredMentees: "молодые специалисты",
      preferredForms: ["Учитель – учитель"],
      format: "Очно",
      department: "МО математики",
      experienceYears: 20,
    });
    const weights = { ...DEFAULT_WEIGHTS, department: 7 };
    const preferences = { mentee: new Map([["НЯ-1", ["НР-1"]]]), mentor: new Map([["НР-1", ["НЯ-1"]]]) };
    const s = scorePair(e, r, { ...ctx, weights, preferences });
    expect(s.score).toBe(100);
    expect(s.parts.map((p) => p.points)).toEqual([28, 14, 5, 9, 9, 5, 5, 19, 6]);
  });

  it("the default weights give the criteria their points out of 100", () => {
    const e = mentee({ requests: ["Работа с родителями", "Олимпиады и конкурсы"] });
    const r = mentor({ competences: ["Работа с родителями"] });
    const s = scorePair(e, r, ctx);
    expect(part(s, "requests").points).toBe(15);
    expect(s.parts.map((p) => p.criterion)).toEqual([
      "requests",
      "subject",
      "interests",
      "audience",
      "form",
      "format",
      "experience",
      "preference",
    ]);
  });

  it("all weights off: score 0 and no parts", () => {
    const weights = Object.fromEntries(CRITERIA.map((c) => [c.key, 0])) as Weights;
    expect(scorePair(mentee(), mentor(), { ...ctx, weights })).toMatchObject({ score: 0, parts: [] });
  });
});

describe("weights and minimum from «Настройки»", () => {
  it("reads numbers and text, keeps defaults, clamps", () => {
    const w = weightsFromSettings({
      weightRequests: "40",
      weightSubject: 12.5,
      weightDepartment: "7,5",
      weightForm: -3,
      weightFormat: 400,
      weightInterests: "много",
    });
    expect(w).toEqual({
      ...DEFAULT_WEIGHTS,
      requests: 40,
      subject: 12.5,
      department: 7.5,
      form: 0,
      format: 100,
    });
    expect(weightsFromSettings({})).toEqual(DEFAULT_WEIGHTS);
    expect(DEFAULT_WEIGHTS).toEqual({
      requests: 30,
      subject: 15,
      interests: 5,
      audience: 10,
      form: 10,
      format: 5,
      experience: 5,
      preference: 20,
      department: 0,
    });
    expect(minScoreFromSettings({ minMatchScore: "35" })).toBe(35);
    expect(minScoreFromSettings({})).toBe(20);
  });
});

// ---------------------------------------------------------------------------------------
// Property: the breakdown adds up exactly to the score

const TOPICS = listValues("topics");
const words = ["шахматы", "туризм", "музыка", "спорт", "театр", "чтение", "кино", "математика", "физика", ""];
const text = fc.array(fc.constantFrom(...words), { maxLength: 4 }).map((w) => w.join(", "));
const date = fc.record({
  year: fc.integer({ min: 1960, max: 2018 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
});
const menteeArb = fc.record({
  id: fc.constantFrom("НЯ-1", "НЯ-2"),
  category: fc.constantFrom(...listValues("menteeCategories"), "нечто"),
  consent: fc.boolean(),
  guardianConsent: fc.boolean(),
  birthDate: fc.option(date, { nil: null }),
  experienceYears: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
  requests: fc.subarray([...TOPICS], { maxLength: 5 }),
  requestText: text,
  subject: fc.constantFrom("", "Математика", "Физика", "Русский язык", "математика и физика"),
  department: fc.constantFrom("", "МО-1", "МО-2"),
  interests: text,
  preferredForm: fc.constantFrom("", ...listValues("forms")),
  format: fc.constantFrom("", ...listValues("formats")),
  convenientTime: fc.constantFrom("", "будни", "вторник утром", "после 15:00", "выходные"),
  position: fc.constantFrom("", "7Б", "10 класс", "2 курс", "Учитель"),
});
const mentorArb = fc.record({
  id: fc.constantFrom("НР-1", "НР-2"),
  category: fc.constantFrom(...listValues("mentorCategories")),
  status: fc.constantFrom("Отобран", "Обучен", "Наставник", "Кандидат"),
  consent: fc.boolean(),
  competences: fc.subarray([...TOPICS], { maxLength: 8 }),
  subjects: fc.constantFrom("", "Математика", "Физика, математика", "Английский язык"),
  department: fc.constantFrom("", "МО-1", "МО-2"),
  interests: text,
  preferredMentees: fc.constantFrom("", "5–7 классы", "молодые педагоги", "студенты", "14–16 лет", "что-то"),
  preferredForms: fc.subarray([...listValues("forms")], { maxLength: 3 }),
  format: fc.constantFrom("", ...listValues("formats")),
  convenientTime: fc.constantFrom("", "будни", "суббота", "вечером"),
  experienceYears: fc.option(fc.integer({ min: 0, max: 45 }), { nil: null }),
  capacity: fc.integer({ min: 0, max: 5 }),
});
const weightsArb = fc
  .tuple(
    ...CRITERIA.map(() =>
      fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
      ),
    ),
  )
  .map((ws) => Object.fromEntries(CRITERIA.map((c, k) => [c.key, ws[k] as number])) as Weights);

describe("property: parts add up exactly to the score", () => {
  it("over thousands of random pairs and weights", () => {
    fc.assert(
      fc.property(menteeArb, mentorArb, weightsArb, fc.boolean(), fc.boolean(), (e, r, weights, p1, p2) => {
        const preferences = {
          mentee: new Map([[e.id, p1 ? [r.id] : ["НР-3", r.id]]]),
          mentor: new Map([[r.id, p2 ? [e.id] : []]]),
        };
        const s = scorePair(mentee(e), mentor(r), { ...ctx, weights, preferences });
        expect(Number.isInteger(s.score)).toBe(true);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
        expect(s.parts.reduce((a, p) => a + p.points, 0)).toBe(s.score);
        for (const p of s.parts) {
          expect(Number.isInteger(p.points)).toBe(true);
          expect(p.points).toBeGreaterThanOrEqual(0);
          expect(p.reason).toMatch(/[а-яё]/);
          expect(weights[p.criterion]).toBeGreaterThan(0);
        }
        expect(s.parts.length).toBe(CRITERIA.filter((c) => weights[c.key] > 0).length);
      }),
      { numRuns: 5000 },
    );
  });
});

// ---------------------------------------------------------------------------------------
// A cohort

describe("scoreCohort", () => {
  const { mentees, mentors } = randomCohort({ mentees: 120, mentors: 30, seed: 11 });

  it("keeps eligible pairs at or above the minimum, the same as scorePair", () => {
    const all = scoreCohort(mentees, mentors, ctx, { topK: Number.POSITIVE_INFINITY });
    expect(all.prunedPairs).toBe(0);
    expect(all.eligiblePairs).toBeNull();
    const byId = new Map([...mentees, ...mentors].map((x) => [x.id, x]));
    for (const s of all.scores) {
      expect(s.score).toBeGreaterThanOrEqual(ctx.minScore);
      const e = mentees.find((x) => x.id === s.menteeId);
      const r = mentors.find((x) => x.id === s.mentorId);
      if (!e || !r) throw new Error("нет профиля");
      expect(eligibility(e, r, ctx)).toBeNull();
      expect(JSON.parse(JSON.stringify(s))).toEqual(scorePair(e, r, ctx));
    }
    // Every eligible pair is there.
    let eligible = 0;
    for (const e of mentees)
      for (const r of mentors)
        if (eligibility(e, r, ctx) === null && scorePair(e, r, ctx).score >= ctx.minScore) eligible++;
    expect(all.scores.length).toBe(eligible);
    expect(byId.size).toBe(150);
  });

  it("prunes to the best K of each mentee (plus the best of each mentor) and says what it pruned", () => {
    const full = scoreCohort(mentees, mentors, ctx, { topK: 0 });
    const pruned = scoreCohort(mentees, mentors, ctx, { topK: 3, mentorTopK: 0 });
    for (const c of pruned.mentees) {
      const mine = full.scores.filter((s) => s.menteeId === c.menteeId).map((s) => s.score);
      const kept = pruned.scores.filter((s) => s.menteeId === c.menteeId).map((s) => s.score);
      expect(kept).toEqual(mine.slice(0, 3));
      expect(c.eligible).toBe(mine.length);
      expect(c.kept).toBe(kept.length);
      expect(c.pruned).toBe(mine.length - kept.length);
      expect(c.bestPruned).toBe(c.pruned > 0 ? mine[3] : -1);
    }
    expect(pruned.prunedPairs).toBe(full.scores.length - pruned.scores.length);
    // The compact list holds every eligible pair with its score.
    const list = pruned.eligiblePairs;
    if (!list) throw new Error("нет списка");
    expect(list.mentor.length).toBe(full.scores.length);
    const both = scoreCohort(mentees, mentors, ctx, { topK: 3, mentorTopK: 2 });
    expect(both.scores.length).toBeGreaterThan(pruned.scores.length);
  });

  it("always keeps the pairs chosen after the meeting", () => {
    const full = scoreCohort(mentees, mentors, ctx, { topK: 0 });
    const last = full.scores.filter((s) => s.menteeId === "НЯ-00001").at(-1);
    if (!last) throw new Error("нет пары");
    const preferences = { mentee: new Map([["НЯ-00001", [last.mentorId]]]), mentor: new Map() };
    const pruned = scoreCohort(mentees, mentors, { ...ctx, preferences }, { topK: 1, mentorTopK: 0 });
    expect(pruned.scores.filter((s) => s.menteeId === "НЯ-00001").map((s) => s.mentorId)).toContain(
      last.mentorId,
    );
  });

  it("says why a mentee has no eligible mentor", () => {
    const es = [
      mentee({ id: "A", consent: false }),
      mentee({
        id: "B",
        category: "Обучающийся",
        birthDate: { year: 2012, month: 1, day: 1 },
        guardianConsent: true,
      }),
      mentee({ id: "C" }),
      mentee({ id: "D" }),
    ];
    const rs = [
      mentor({ id: "R1", status: "Кандидат" }),
      mentor({ id: "R2", category: "Педагог", preferredMentees: "студенты" }),
    ];
    const weights = { ...DEFAULT_WEIGHTS, audience: 60 };
    const res = scoreCohort(es, rs, {
      ...ctx,
      weights,
      minScore: 30,
      excluded: [{ menteeId: "D", mentorId: "R2" }],
    });
    const why = new Map(res.mentees.map((c) => [c.menteeId, c.reason]));
    expect(why.get("A")).toBe("нет согласия наставляемого на обработку персональных данных");
    expect(why.get("B")).toBe(
      "нет подходящего наставника: наставник не отобран — 1, нет подходящей формы наставничества — 1",
    );
    expect(why.get("C")).toMatch(
      /^оценка совместимости ниже порога 30 у всех подходящих наставников \(лучшая — \d+\)$/,
    );
    expect(why.get("D")).toBe(
      "нет подходящего наставника: наставник не отобран — 1, пара исключена куратором — 1",
    );
    expect(res.noCandidateReasons.get("A")).toBe(why.get("A"));
    const none = scoreCohort([mentee()], [mentor({ status: "Кандидат" })], ctx);
    expect(none.mentees[0]?.reason).toBe(
      "нет отобранных наставников (статус «Отобран», «Обучен» или «Наставник»)",
    );
    expect(scoreCohort([mentee()], [], ctx).mentees[0]?.reason).toBe("нет наставников в базе");
  });

  it("scores locked pairs whatever the rules, and nothing else for that mentee", () => {
    const locked = [{ menteeId: "НЯ-00002", mentorId: "НР-00003" }];
    const res = scoreCohort(mentees, mentors, { ...ctx, locked });
    const mine = res.scores.filter((s) => s.menteeId === "НЯ-00002");
    expect(mine.map((s) => s.mentorId)).toEqual(["НР-00003"]);
    expect(res.mentees[1]?.reason).toBeNull();
  });

  it("is deterministic", () => {
    const a = scoreCohort(mentees, mentors, ctx, { topK: 5 });
    const b = scoreCohort(mentees, mentors, ctx, { topK: 5 });
    expect(JSON.stringify(a.scores)).toBe(JSON.stringify(b.scores));
  });
});
