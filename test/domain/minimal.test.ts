import { describe, expect, it } from "vitest";
import { AGE_BANDS, formDef, formQuestions, MINIMAL_DROPPED, MINIMAL_HELP } from "../../src/domain/forms";
import { ageBandOf, assessPerson, isMinorBand, minimalFields } from "../../src/domain/intake";
import { sheetDef } from "../../src/domain/schema";

const AT = new Date(2025, 8, 20, 12, 0);

describe("minimal mode: which questions a form asks", () => {
  const keys = (kind: "mentee" | "mentor", minimal: boolean, had?: string[]) =>
    formQuestions(formDef(kind), { minimal, ...(had ? { had: new Set(had) } : {}) }).map((q) => q.key);

  it("the full mode asks everything but the age band (a date of birth is asked instead)", () => {
    expect(keys("mentee", false)).toEqual(
      formDef("mentee")
        .questions.map((q) => q.key)
        .filter((k) => k !== "ageBand"),
    );
    expect(keys("mentor", false)).toEqual(formDef("mentor").questions.map((q) => q.key));
  });

  it("a new form in minimal mode asks neither the phone, nor the date of birth, nor free text about oneself", () => {
    const mentee = keys("mentee", true);
    for (const k of MINIMAL_DROPPED.mentee) expect(mentee).not.toContain(k);
    expect(mentee).toEqual(
      expect.arrayContaining(["ageBand", "guardianName", "guardianConsent", "requestText", "consent"]),
    );
    const mentor = keys("mentor", true);
    for (const k of ["phone", "lifeExperience", "interests", "motivation", "expectations", "strengths"])
      expect(mentor).not.toContain(k);
    // What matching, documents and reminders need stays.
    expect(mentor).toEqual(
      expect.arrayContaining([
        "fullName",
        "email",
        "competences",
        "subjects",
        "capacity",
        "preferredMentees",
        "consent",
      ]),
    );
  });

  it("a form that has the items keeps them, not required, with «Не заполняйте»", () => {
    const had = formDef("mentee").questions.map((q) => q.key);
    const qs = formQuestions(formDef("mentee"), { minimal: true, had: new Set(had) });
    for (const k of MINIMAL_DROPPED.mentee) {
      const q = qs.find((x) => x.key === k);
      expect(q, k).toMatchObject({ required: false, help: MINIMAL_HELP });
    }
    // Order of the items is the definition's (the Forms adapter keeps items in place).
    expect(qs.map((q) => q.key)).toEqual(had);
  });

  it("the age band question offers the three bands", () => {
    const q = formDef("mentee").questions.find((x) => x.key === "ageBand");
    expect(q).toMatchObject({
      type: "choice",
      required: false,
      choices: { kind: "values", values: AGE_BANDS },
    });
    expect(sheetDef("mentees").columns.find((c) => c.key === "ageBand")).toMatchObject({
      header: "Возрастная группа",
    });
    expect(sheetDef("mentees").columns.find((c) => c.key === "ageBand")).not.toHaveProperty("personal");
  });
});

describe("minimal mode: age bands", () => {
  it("bands by full years on the day", () => {
    expect(ageBandOf({ year: 2011, month: 9, day: 21 }, AT)).toBe("младше 14 лет"); // 13, birthday tomorrow
    expect(ageBandOf({ year: 2011, month: 9, day: 20 }, AT)).toBe("14–17 лет");
    expect(ageBandOf({ year: 2007, month: 9, day: 21 }, AT)).toBe("14–17 лет"); // 17
    expect(ageBandOf({ year: 2007, month: 9, day: 20 }, AT)).toBe("18 лет и старше");
  });

  it("tells a minor by the band; unknown or blank: null", () => {
    expect(isMinorBand("младше 14 лет")).toBe(true);
    expect(isMinorBand("14-17 лет")).toBe(true);
    expect(isMinorBand(" 18 лет и старше ")).toBe(false);
    expect(isMinorBand("")).toBeNull();
    expect(isMinorBand("взрослый")).toBeNull();
  });
});

describe("minimal mode: what a record keeps", () => {
  it("clears the phone, the date of birth (kept as the band) and free text; keeps the rest", () => {
    const r = minimalFields(
      "mentee",
      {
        fullName: "Орлова Анна",
        phone: "+7 912 000-11-22",
        birthDate: { year: 2011, month: 3, day: 12 },
        interests: "Театр",
        requestText: "Алгебра",
        ageBand: "",
      },
      AT,
    );
    expect(r.fields).toEqual({
      fullName: "Орлова Анна",
      phone: "",
      birthDate: null,
      interests: "",
      requestText: "Алгебра",
      ageBand: "14–17 лет",
    });
    expect(r.dropped).toEqual(["phone", "birthDate", "interests"]);
    expect(r.ageBand).toBe("14–17 лет");
  });

  it("keeps a band already given, touches nothing absent, and is stable when applied twice", () => {
    const once = minimalFields(
      "mentee",
      { birthDate: { year: 2000, month: 1, day: 1 }, ageBand: "14–17 лет" },
      AT,
    );
    expect(once.fields).toEqual({ birthDate: null, ageBand: "14–17 лет" });
    expect(minimalFields("mentee", { fullName: "X" }, AT)).toEqual({
      fields: { fullName: "X" },
      dropped: [],
      ageBand: null,
    });
    const twice = minimalFields("mentee", once.fields, AT);
    expect(twice).toEqual({ fields: once.fields, dropped: [], ageBand: null });
    const mentor = minimalFields("mentor", { lifeExperience: "Много", strengths: "", capacity: 2 }, AT);
    expect(mentor).toEqual({
      fields: { lifeExperience: "", strengths: "", capacity: 2 },
      dropped: ["lifeExperience"],
      ageBand: null,
    });
  });

  it("a student's age band decides whether the legal representative's consent is needed", () => {
    const base = {
      category: "Обучающийся",
      fullName: "Кузнецов Пётр",
      email: "k@school.ru",
      position: "9 «Б»",
      requests: ["Учебная успеваемость"],
      consent: true,
    };
    const minor = assessPerson("mentee", { ...base, ageBand: "14–17 лет" }, { at: AT });
    expect(minor.minor).toBe(true);
    expect(minor.status).toBe("Нет согласия");
    expect(minor.reasons[0]).toContain("возраст «14–17 лет»");
    const adult = assessPerson("mentee", { ...base, ageBand: "18 лет и старше" }, { at: AT });
    expect(adult).toMatchObject({ minor: false, status: "Новый" });
    // A date of birth, when there is one, wins over the band.
    const dated = assessPerson(
      "mentee",
      { ...base, ageBand: "18 лет и старше", birthDate: { year: 2011, month: 1, day: 1 } },
      { at: AT },
    );
    expect(dated.minor).toBe(true);
  });
});
