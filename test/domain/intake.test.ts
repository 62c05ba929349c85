import { describe, expect, it } from "vitest";
import { formDef } from "../../src/domain/forms";
import {
  ageAt,
  assessPerson,
  intakeOwnsStatus,
  listsFromSheet,
  mapResponseHeader,
  parseResponse,
  parseTimestamp,
  personFields,
  personKeys,
  readAnswer,
  readConsent,
  resolvePersonChoice,
  STATUS_NEW,
  STATUS_NO_CONSENT,
  STATUS_REVIEW,
  splitChoices,
} from "../../src/domain/intake";
import { LISTS, sheetDef } from "../../src/domain/schema";

const q = (kind: Parameters<typeof formDef>[0], key: string) => {
  const found = formDef(kind).questions.find((x) => x.key === key);
  if (!found) throw new Error(key);
  return found;
};

describe("header mapping", () => {
  it("finds every question of a Google Forms export by its title, and «Отметка времени»", () => {
    for (const kind of ["mentee", "mentor", "preference", "feedback"] as const) {
      const titles = formDef(kind).questions.map((x) => x.title);
      const h = mapResponseHeader(kind, ["Отметка времени", ...titles]);
      expect(h.timestamp).toEqual({ index: 0, header: "Отметка времени" });
      expect([...h.columns.keys()].sort()).toEqual(
        formDef(kind)
          .questions.map((x) => x.key)
          .sort(),
      );
      expect(h.columns.get(formDef(kind).questions[0]?.key ?? "")?.index).toBe(1);
      expect(h.ignored).toEqual([]);
      expect(h.missingRequired).toEqual([]);
    }
  });

  it("ignores case, ё, stars and colons, knows «Timestamp» and aliases, lists unknown columns", () => {
    const h = mapResponseHeader("mentee", [
      "Timestamp",
      "фамилия, имя, отчество *",
      "E-mail:",
      "Номер телефона",
      "Кто Вы?",
      "Балл за тест",
      "ФИО",
    ]);
    expect(h.timestamp?.header).toBe("Timestamp");
    expect(h.columns.get("fullName")).toEqual({ index: 1, header: "фамилия, имя, отчество *" });
    expect(h.columns.get("email")?.index).toBe(2);
    expect(h.columns.get("phone")?.index).toBe(3);
    expect(h.columns.get("category")?.index).toBe(4);
    // Unknown columns and a second column for the same question are not loaded, and said so.
    expect(h.ignored).toEqual(["Балл за тест", "ФИО"]);
    expect(h.missingRequired.map((x) => x.key)).toEqual(["position", "requests", "consent"]);
  });

  it("reads a list with the headers of the base sheet itself", () => {
    const headers = sheetDef("mentees").columns.map((c) => c.header);
    const h = mapResponseHeader("mentee", headers);
    const col = (key: string) => headers[h.columns.get(key)?.index ?? -1];
    expect(col("fullName")).toBe("ФИО");
    expect(col("email")).toBe("Email");
    expect(col("position")).toBe("Должность / класс, группа");
    expect(col("requests")).toBe("Запросы");
    expect(col("consent")).toBe("Согласие на обработку ПДн");
    expect(col("guardianName")).toBe("Законный представитель (ФИО)");
    expect(col("guardianConsent")).toBe("Согласие законного представителя");
    expect(col("consentDate")).toBe("Дата согласия");
    // «Обновлено» tells when the record was last updated: it is the time of the response.
    expect(h.timestamp?.header).toBe("Обновлено");
    expect(h.ignored).toEqual([
      "ID",
      "Статус",
      "Хочет стать наставником",
      "Не присылать письма",
      "Что проверить",
      "Источник",
      "Итоги наставничества",
      "Добавлено",
      "Комментарий куратора",
    ]);
    expect(h.missingRequired).toEqual([]);

    const mentor = sheetDef("mentors").columns.map((c) => c.header);
    const m = mapResponseHeader("mentor", mentor);
    expect(mentor[m.columns.get("competences")?.index ?? -1]).toBe("Компетенции");
    expect(mentor[m.columns.get("hoursPerMonth")?.index ?? -1]).toBe("Ресурс времени, ч/мес");
    expect(mentor[m.columns.get("capacity")?.index ?? -1]).toBe("Сколько наставляемых может взять");
    expect(m.missingRequired).toEqual([]);

    const pref = mapResponseHeader(
      "preference",
      sheetDef("preferences").columns.map((c) => c.header),
    );
    expect([...pref.columns.keys()]).toEqual(["participantId", "role", "choice1", "choice2", "choice3"]);
    expect(pref.timestamp?.header).toBe("Дата");
    // The preference and feedback forms need no consent column (consent is in the bases), and
    // «ID участника» stands for the e-mail and the name.
    expect(pref.missingRequired).toEqual([]);
    expect(
      mapResponseHeader("preference", ["Роль", "Выбор 1 (ID)"]).missingRequired.map((x) => x.key),
    ).toEqual(["email", "fullName"]);

    const fb = mapResponseHeader(
      "feedback",
      sheetDef("feedback").columns.map((c) => c.header),
    );
    expect(fb.missingRequired).toEqual([]);
    expect(fb.columns.has("participantId")).toBe(true);
  });
});

describe("reading answers", () => {
  it("normalises e-mail and phone, and keeps an invalid one as written with the reason", () => {
    expect(readAnswer(q("mentee", "email"), " Ivanova@School.RU ")).toEqual({
      value: "ivanova@school.ru",
      blank: false,
      issue: null,
    });
    const bad = readAnswer(q("mentee", "email"), "ivanova@school");
    expect(bad.value).toBe("ivanova@school");
    expect(bad.issue).toMatch(/не похоже на адрес электронной почты/);
    for (const phone of [
      "8 (912) 345-67-89",
      "+7 912 345 67 89",
      "9123456789",
      "7-912-345-67-89",
      89123456789,
    ]) {
      expect(readAnswer(q("mentee", "phone"), phone).value).toBe("+7 912 345-67-89");
    }
    const shortPhone = readAnswer(q("mentee", "phone"), "345-67-89");
    expect(shortPhone).toMatchObject({ value: "345-67-89", issue: expect.stringMatching(/10 цифр/) });
  });

  it("reads dates as text and as Date cells; an impossible date is a reason", () => {
    expect(readAnswer(q("mentee", "birthDate"), "05.03.2010").value).toEqual({
      year: 2010,
      month: 3,
      day: 5,
    });
    expect(readAnswer(q("mentee", "birthDate"), new Date(2011, 4, 12)).value).toEqual({
      year: 2011,
      month: 5,
      day: 12,
    });
    expect(readAnswer(q("mentee", "birthDate"), "31.02.2010")).toMatchObject({
      value: null,
      issue: expect.stringMatching(/такой даты нет/),
    });
  });

  it("checks numbers and their range", () => {
    expect(readAnswer(q("mentor", "hoursPerMonth"), "7,5")).toMatchObject({ value: 7.5, issue: null });
    expect(readAnswer(q("mentor", "capacity"), "0")).toMatchObject({
      value: 0,
      issue: "0 — вне допустимых пределов 1–30",
    });
    expect(readAnswer(q("mentor", "capacity"), "двое")).toMatchObject({
      value: null,
      issue: expect.stringMatching(/ожидается число/),
    });
    expect(readAnswer(q("feedback", "comfort"), 11).issue).toBe("11 — вне допустимых пределов 1–10");
  });

  it("matches choices loosely, keeps unknown values as written with a reason, keeps «Другое»", () => {
    expect(readAnswer(q("mentee", "category"), "молодой  специалист").value).toBe("Молодой специалист");
    expect(readAnswer(q("mentee", "preferredForm"), "Учитель - учитель").value).toBe("Учитель – учитель");
    const unknown = readAnswer(q("mentee", "category"), "Завуч");
    expect(unknown).toEqual({
      value: "Завуч",
      blank: false,
      issue: "«Завуч» — нет в списке «Категории наставляемых»",
    });
    const requests = readAnswer(
      q("mentee", "requests"),
      "Адаптация в коллективе, Работа с родителями, Другое: тьюторство",
    );
    expect(requests).toEqual({
      value: ["Адаптация в коллективе", "Работа с родителями", "Другое: тьюторство"],
      blank: false,
      issue: null,
    });
    const forms = readAnswer(q("mentor", "preferredForms"), "Учитель – учитель; Космос");
    expect(forms.value).toEqual(["Учитель – учитель", "Космос"]);
    expect(forms.issue).toBe("«Космос» — нет в списке «Формы наставничества»");
  });

  it("recognises choices that contain commas", () => {
    expect(
      splitChoices("Педагог, новый в должности, Студент", [
        "Педагог",
        "Педагог, новый в должности",
        "Студент",
      ]),
    ).toEqual({
      known: ["Педагог, новый в должности", "Студент"],
      other: [],
    });
  });

  it("reads consent ticks in their many spellings", () => {
    for (const yes of [
      "Да",
      "TRUE",
      true,
      "Даю согласие",
      "Согласен(а)",
      "Я согласна на обработку персональных данных",
    ]) {
      expect(readConsent(yes).value).toBe(true);
    }
    for (const no of ["Нет", "Не согласен", "Не даю согласия", false])
      expect(readConsent(no).value).toBe(false);
    expect(readConsent("")).toEqual({ value: null, issue: null });
    expect(readConsent("Ознакомлен").issue).toMatch(/не понятно, дано ли согласие/);
  });

  it("keeps long answers whole and formula-like text as text", () => {
    const long = `Начало${"ж".repeat(49_990)}конец`;
    expect(readAnswer(q("mentee", "requestText"), long).value).toBe(long);
    expect(readAnswer(q("mentee", "interests"), '=HYPERLINK("http://x")').value).toBe(
      '=HYPERLINK("http://x")',
    );
  });

  it("reads submission times in Russian, ISO and US forms", () => {
    expect(parseTimestamp("05.09.2025 14:03:27").value).toEqual(new Date(2025, 8, 5, 14, 3, 27));
    expect(parseTimestamp("2025-09-05 14:03").value).toEqual(new Date(2025, 8, 5, 14, 3));
    expect(parseTimestamp("9/25/2025 8:03:27").value).toEqual(new Date(2025, 8, 25, 8, 3, 27));
    expect(parseTimestamp("2025-09-05T11:03:27Z").value?.getTime()).toBe(Date.UTC(2025, 8, 5, 11, 3, 27));
    expect(parseTimestamp(new Date(2025, 0, 1)).value).toEqual(new Date(2025, 0, 1));
    expect(parseTimestamp("").value).toBeNull();
    expect(parseTimestamp("вчера").issue).toMatch(/не удалось прочитать дату и время/);
  });
});

describe("who the person is", () => {
  it("is the e-mail, else the name with the date of birth (ё = е)", () => {
    expect(personKeys({ email: "Fedorova@School.ru", fullName: "Фёдорова Алёна" })).toEqual([
      "email:fedorova@school.ru",
    ]);
    const dob = { year: 2010, month: 3, day: 5 };
    expect(personKeys({ email: "", fullName: "Фёдорова  Алёна", birthDate: dob })).toEqual([
      "person:федорова алена|2010-03-05",
    ]);
    expect(personKeys({ email: "a@b.ru", fullName: "Федорова Алена", birthDate: dob })).toEqual([
      "email:a@b.ru",
      "person:федорова алена|2010-03-05",
    ]);
    expect(personKeys({ fullName: "Иванов Иван" })).toEqual(["name:иванов иван"]);
    expect(personKeys({ phone: "+7 912 345-67-89" })).toEqual(["phone:9123456789"]);
    expect(personKeys({})).toEqual([]);
  });
});

describe("assessment", () => {
  const at = new Date(2025, 8, 10);
  const adult = {
    category: "Молодой специалист",
    fullName: "Петрова Анна",
    email: "petrova@school.ru",
    position: "Учитель",
    requests: ["Адаптация в коллективе"],
    consent: true,
  };

  it("passes a complete adult response as «Новый»", () => {
    expect(assessPerson("mentee", adult, { at })).toEqual({
      status: STATUS_NEW,
      reasons: [],
      minor: false,
      age: null,
    });
  });

  it("lists blank required answers and invalid stored values, naming the question", () => {
    const a = assessPerson(
      "mentee",
      { ...adult, position: "", requests: [], email: "petrova@", phone: "123" },
      { at },
    );
    expect(a.status).toBe(STATUS_REVIEW);
    expect(a.reasons).toEqual([
      "Вопрос «Адрес электронной почты»: «petrova@» — не похоже на адрес электронной почты",
      "Вопрос «Телефон»: «123» — номер телефона должен содержать 10 цифр после +7",
      "Вопрос «Должность или класс (группа)»: нет ответа, а вопрос обязательный",
      "Вопрос «С чем вам нужна помощь наставника»: нет ответа, а вопрос обязательный",
    ]);
  });

  it("names the question as the table's header, and prefers the answer's own problem", () => {
    const header = mapResponseHeader("mentee", ["ФИО", "Email", "Дата рождения"]);
    const issues = new Map([["birthDate", "«31.02.2010» — такой даты нет"]]);
    const a = assessPerson("mentee", { ...adult, email: "x@" }, { at, header, issues });
    expect(a.reasons).toContain("Вопрос «Email»: «x@» — не похоже на адрес электронной почты");
    expect(a.reasons).toContain("Вопрос «Дата рождения»: «31.02.2010» — такой даты нет");
  });

  it("holds a response without consent", () => {
    const a = assessPerson("mentee", { ...adult, consent: false }, { at });
    expect(a.status).toBe(STATUS_NO_CONSENT);
    expect(a.reasons).toEqual([
      "Нет согласия на обработку персональных данных (вопрос «Согласие на обработку персональных данных»)",
    ]);
  });

  it("holds a minor without the legal representative's name and consent", () => {
    const student = {
      ...adult,
      category: "Обучающийся",
      position: "8Б",
      birthDate: { year: 2010, month: 9, day: 11 },
    };
    expect(ageAt(student.birthDate, at)).toBe(14);
    const a = assessPerson("mentee", student, { at });
    expect(a).toMatchObject({ status: STATUS_NO_CONSENT, minor: true, age: 14 });
    expect(a.reasons[0]).toMatch(/^Нет согласия законного представителя: наставляемому 14 лет/);
    expect(a.reasons[0]).toMatch(/не заполнено: ФИО законного представителя и его отметка согласия/);
    const named = assessPerson("mentee", { ...student, guardianName: "Петров П. П." }, { at });
    expect(named.reasons[0]).toMatch(/не заполнено: его отметка согласия$/);
    expect(
      assessPerson("mentee", { ...student, guardianName: "Петров П. П.", guardianConsent: true }, { at })
        .status,
    ).toBe(STATUS_NEW);
    // Eighteen on the day of the response: an adult.
    expect(
      assessPerson("mentee", { ...student, birthDate: { year: 2007, month: 9, day: 10 } }, { at }).status,
    ).toBe(STATUS_NEW);
    // A student with no date of birth counts as a minor.
    const noDate = assessPerson("mentee", { ...student, birthDate: null }, { at });
    expect(noDate.status).toBe(STATUS_NO_CONSENT);
    expect(noDate.reasons[0]).toMatch(/категория «Обучающийся» без даты рождения/);
  });

  it("flags an implausible date of birth, unknown list values and a student mentor", () => {
    // A typo in the year: checked, and meanwhile the person counts as a minor.
    expect(
      assessPerson("mentee", { ...adult, birthDate: { year: 2024, month: 1, day: 1 } }, { at }).reasons,
    ).toEqual([
      expect.stringMatching(/^Нет согласия законного представителя: наставляемому 1 год/),
      "Вопрос «Дата рождения»: «01.01.2024» — проверьте дату рождения: получается возраст 1",
    ]);
    expect(assessPerson("mentee", { ...adult, format: "Ночью" }, { at }).reasons).toEqual([
      "Вопрос «Удобный формат встреч»: «Ночью» — нет в списке «Формат встреч»",
    ]);
    const mentor = {
      category: "Обучающийся",
      contour: "Внутренний",
      fullName: "Сидоров Пётр",
      email: "s@school.ru",
      workplace: "Школа № 1",
      competences: ["Олимпиады и конкурсы"],
      hoursPerMonth: 4,
      capacity: 1,
      consent: true,
    };
    const m = assessPerson("mentor", mentor, { at });
    expect(m.status).toBe(STATUS_REVIEW);
    expect(m.reasons[0]).toMatch(/Наставник — обучающийся/);
  });

  it("accepts list values the curator added in «Справочники»", () => {
    const values = [LISTS.map((l) => l.header), ...[["Педагог"], ["Наставник-ветеран"]]];
    const lists = listsFromSheet(values);
    expect(lists.forms).toEqual(["Педагог", "Наставник-ветеран"]);
    expect(lists.formats).toEqual(["Очно", "Дистанционно", "Смешанный"]);
  });
});

describe("response to base fields", () => {
  it("fills only answered questions and never takes back a consent", () => {
    const header = mapResponseHeader("mentee", ["ФИО", "Email", "Телефон", "Интересы", "Согласие"]);
    const r = parseResponse(header, ["Иванов Иван", "IVANOV@school.ru", "", "Шахматы", "Нет"], 2);
    expect(personFields("mentee", r)).toEqual({
      fullName: "Иванов Иван",
      email: "ivanov@school.ru",
      interests: "Шахматы",
    });
  });

  it("leaves curator statuses alone", () => {
    expect(intakeOwnsStatus("")).toBe(true);
    expect(intakeOwnsStatus("требует проверки")).toBe(true);
    expect(intakeOwnsStatus("В паре")).toBe(false);
    expect(intakeOwnsStatus("Согласие отозвано")).toBe(false);
  });
});

describe("people choices", () => {
  const mentors = [
    { id: "НР-0001", fullName: "Фёдорова Алёна Игоревна" },
    { id: "НР-0002", fullName: "Иванов Иван" },
    { id: "НР-0003", fullName: "Иванов Иван" },
  ];
  it("reads «ФИО (ID)» labels, bare IDs and unique names", () => {
    expect(resolvePersonChoice("Фёдорова Алёна Игоревна (НР-0001)", mentors, "Наставники").id).toBe(
      "НР-0001",
    );
    expect(resolvePersonChoice("нр-0002", mentors, "Наставники").id).toBe("НР-0002");
    expect(resolvePersonChoice("Федорова Алена Игоревна", mentors, "Наставники").id).toBe("НР-0001");
    expect(resolvePersonChoice("Кто-то (НР-0099)", mentors, "Наставники").issue).toBe(
      "«Кто-то (НР-0099)» — нет записи НР-0099 в «Наставники»",
    );
    expect(resolvePersonChoice("Иванов Иван", mentors, "Наставники").issue).toMatch(/несколько человек/);
  });
});
