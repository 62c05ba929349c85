// The indicators of the fixture school (test/fixtures/monitoring-school.ts), every one counted by
// hand from the fixture's comments — the arithmetic is written next to each value.

import { describe, expect, it } from "vitest";
import {
  chartBlocks,
  combineRule,
  computeIndicators,
  type Indicator,
  slug,
} from "../../../src/domain/monitoring/indicators";
import { schoolInput, TODAY } from "../../fixtures/monitoring-school";

/** Every indicator of the school, in order: [code, value]. */
const EXPECTED: [string, number | null][] = [
  // Наставляемые: 13 rows in the base.
  ["mentees.total", 13],
  ["mentees.by_category.pedagog", 1], // НЯ-0012
  ["mentees.by_category.molodoy_spetsialist", 2], // НЯ-0001, НЯ-0011
  ["mentees.by_category.pedagog_novyy_v_dolzhnosti", 1], // НЯ-0002
  ["mentees.by_category.obuchayushchiysya", 9], // НЯ-0003…0010, НЯ-0013
  // Pairs of the year: П-0001 (Т), П-0002 (Р), П-0003/0004 (У), П-0005/0006 (Е).
  ["mentees.by_form.uchitel_uchitel", 1],
  ["mentees.by_form.rukovoditel_pedagog", 1],
  ["mentees.by_form.uchenik_uchenik", 2],
  ["mentees.by_form.rabotodatel_uchenik", 2],
  // НЯ-0006 (base) and НЯ-0003 (mid feedback); НЯ-0011 finished last year — not counted.
  ["mentees.want_to_mentor", 2],
  ["mentees.want_to_mentor_pct", 20], // 2 of 10
  // Наставники
  ["mentors.total", 6],
  ["mentors.in_pairs", 4], // НР-0001…0004
  ["mentors.by_category.pedagog", 3], // НР-0001, 0002, 0005
  ["mentors.by_category.obuchayushchiysya", 1],
  ["mentors.by_category.vypusknik", 1],
  ["mentors.by_category.sotrudnik_predpriyatiya", 1],
  ["mentors.by_contour.vnutrenniy", 4],
  ["mentors.by_contour.vneshniy", 2],
  ["mentors.by_form.uchitel_uchitel", 1],
  ["mentors.by_form.rukovoditel_pedagog", 1],
  ["mentors.by_form.uchenik_uchenik", 1], // the group of НР-0003 counts once
  ["mentors.by_form.rabotodatel_uchenik", 1], // НР-0004 in two pairs
  // Охват: covered НЯ-0001…0006; waiting НЯ-0007, 0008, 0009, 0012; НЯ-0010, 0011, 0013 left.
  ["coverage.participants", 10],
  ["coverage.covered", 6],
  ["coverage.pct", 60],
  ["coverage.students_participants", 7], // НЯ-0003…0009
  ["coverage.students_covered", 4], // НЯ-0003…0006
  ["coverage.students_base", 7], // «Всего обучающихся в организации» not set: the 7 students in the base
  ["coverage.students_pct", 57.1], // 4 / 7 = 57.14…
  // Пары и группы
  ["pairs.total", 9],
  ["pairs.by_status.predlozhena", 1],
  ["pairs.by_status.utverzhdena", 1],
  ["pairs.by_status.rabotaet", 3],
  ["pairs.by_status.priostanovlena", 1],
  ["pairs.by_status.zavershena", 2],
  ["pairs.by_status.rastorgnuta", 1],
  ["pairs.by_status.otklonena", 0],
  ["pairs.of_year", 6],
  ["pairs.groups", 1],
  ["pairs.by_form.uchitel_uchitel", 1],
  ["pairs.by_form.rukovoditel_pedagog", 1],
  ["pairs.by_form.uchenik_uchenik", 2],
  ["pairs.by_form.rabotodatel_uchenik", 2],
  // Ожидают пары: 30 (14.02), 90 (16.12), 10 (06.03) days; НЯ-0012 without a date.
  ["unmatched.count", 4],
  ["unmatched.days_max", 90],
  ["unmatched.days_median", 30],
  // Встречи: 21 rows, 2 cancelled; 15 «Проведена», one of them dated 01.04.2026.
  ["meetings.scheduled", 19],
  ["meetings.held", 14],
  ["meetings.cancelled", 2],
  ["meetings.unmarked", 1], // П-0002, 03.12.2025
  ["meetings.planned_per_pair", 3.5], // (5 + 2 + 4 + 5 + 1 + 4) / 6
  ["meetings.held_per_pair", 2.5], // (3 + 1 + 3 + 4 + 0 + 4) / 6
  // Working pairs: П-0001 19 days since 25.02; П-0003, П-0004 49 days since 26.01; П-0005 63 days since its start.
  ["meetings.pairs_inactive", 3],
  // Дорожная карта
  ["roadmap.total", 7],
  ["roadmap.active", 6],
  ["roadmap.done", 3],
  ["roadmap.done_on_time", 2], // ДК-0001, ДК-0003
  ["roadmap.done_late", 1], // ДК-0002
  ["roadmap.overdue", 1], // ДК-0004
  ["roadmap.not_due", 1], // ДК-0005
  ["roadmap.no_deadline", 1], // ДК-0007
  ["roadmap.cancelled", 1], // ДК-0006
  ["roadmap.done_pct", 50],
  // Удовлетворённость: 15 answers, one without any score.
  ["satisfaction.answers", 14],
  ["satisfaction.mentors.answers.entry", 2],
  ["satisfaction.mentors.entry", 6.67], // (22/3 + 6) / 2 = 20/3
  ["satisfaction.mentors.answers.mid", 2],
  ["satisfaction.mentors.mid", 6.42], // (25/3 + 4.5) / 2 = 77/12
  ["satisfaction.mentors.answers.final", 1],
  ["satisfaction.mentors.final", 9],
  ["satisfaction.mentors.change", 2.33], // 9 − 20/3
  ["satisfaction.mentors.by_form.uchitel_uchitel", 7.83], // (22/3 + 25/3) / 2
  ["satisfaction.mentors.by_form.rukovoditel_pedagog", 4.5],
  ["satisfaction.mentors.by_form.rabotodatel_uchenik", 7.5], // (6 + 9) / 2
  ["satisfaction.mentees.answers.entry", 6],
  ["satisfaction.mentees.entry", 6], // (6 + 7 + 5 + 8 + 7 + 3) / 6
  ["satisfaction.mentees.answers.mid", 2],
  ["satisfaction.mentees.mid", 8], // (23/3 + 25/3) / 2
  ["satisfaction.mentees.answers.final", 1],
  ["satisfaction.mentees.final", 9.33], // 28/3
  ["satisfaction.mentees.change", 3.33], // 28/3 − 6
  ["satisfaction.mentees.by_form.uchitel_uchitel", 5.56], // (6 + 23/3 + 3) / 3
  ["satisfaction.mentees.by_form.uchenik_uchenik", 7.78], // (7 + 25/3 + 8) / 3
  ["satisfaction.mentees.by_form.rabotodatel_uchenik", 7.11], // (5 + 28/3 + 7) / 3
];

const byCode = (list: readonly Indicator[], code: string) => {
  const found = list.find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
};

describe("computeIndicators on the fixture school", () => {
  const indicators = computeIndicators(schoolInput(), TODAY);

  it("gives every hand-counted indicator, in order, and nothing else", () => {
    expect(indicators.map((i) => [i.code, i.value])).toEqual(EXPECTED);
  });

  it("labels breakdowns with the Russian value and keeps codes ASCII", () => {
    expect(byCode(indicators, "pairs.by_form.rukovoditel_pedagog").item).toBe("Руководитель – педагог");
    expect(byCode(indicators, "pairs.by_form.rukovoditel_pedagog").label).toBe(
      "Пар в форме «Руководитель – педагог»",
    );
    for (const i of indicators) expect(i.code).toMatch(/^[a-z0-9_.]+$/);
    expect(new Set(indicators.map((i) => i.code)).size).toBe(indicators.length);
  });

  it("sets the students' coverage target from the settings and says how far below it is", () => {
    const students = byCode(indicators, "coverage.students_pct");
    expect(students.target).toBe(70);
    expect(students.unit).toBe("%");
    expect(students.note).toContain("Ниже цели на 12,9 п. п.");
    expect(indicators.filter((i) => i.target !== null).map((i) => i.code)).toEqual(["coverage.students_pct"]);
  });

  it("takes «Всего обучающихся в организации» as the base of the students' coverage when it is set", () => {
    const input = schoolInput();
    const total = computeIndicators({ ...input, settings: { ...input.settings, studentsTotal: 20 } }, TODAY);
    // Covered students НЯ-0003…0006 = 4; base 20 from the settings; 4 / 20 = 20 %.
    expect(byCode(total, "coverage.students_covered").value).toBe(4);
    expect(byCode(total, "coverage.students_base").value).toBe(20);
    expect(byCode(total, "coverage.students_base").unit).toBe("чел.");
    expect(byCode(total, "coverage.students_base").label).toBe("Обучающихся — база расчёта охвата");
    expect(byCode(total, "coverage.students_base").note).toContain("«Всего обучающихся в организации»");
    expect(byCode(total, "coverage.students_pct").value).toBe(20);
    // Target 70 − 20 = 50 п. п. below.
    expect(byCode(total, "coverage.students_pct").note).toContain("Ниже цели на 50 п. п.");
    // The students in the base stay 7 (НЯ-0003…0009): only the base changes.
    expect(byCode(total, "coverage.students_participants").value).toBe(7);
    // Without the setting the note says it is not set and the base is the 7 students.
    expect(byCode(indicators, "coverage.students_base").note).toContain(
      "«Всего обучающихся в организации» в «Настройки» не указано",
    );
  });

  it("never takes a base smaller than the covered students", () => {
    const input = schoolInput();
    const small = computeIndicators({ ...input, settings: { ...input.settings, studentsTotal: 3 } }, TODAY);
    // 3 < 4 covered (НЯ-0003…0006): base = 4, coverage 4 / 4 = 100 %, the target 70 is met.
    expect(byCode(small, "coverage.students_base").value).toBe(4);
    expect(byCode(small, "coverage.students_pct").value).toBe(100);
    expect(byCode(small, "coverage.students_pct").note).toContain("Цель достигнута.");
  });

  it("tells in the note how many waiting mentees have no date", () => {
    expect(byCode(indicators, "unmatched.days_max").note).toContain("Без даты добавления: 1");
  });

  it("never names a person", () => {
    const text = JSON.stringify(indicators);
    for (const name of ["Абрамова", "Жданова", "Мухин", "Тихонова", "Галкин"])
      expect(text).not.toContain(name);
  });

  it("moves with the academic year: last year's completed pair counts when the year is 2024", () => {
    const input = schoolInput();
    const last = computeIndicators({ ...input, settings: { ...input.settings, academicYear: 2024 } }, TODAY);
    // П-0007 (ended 30.05.2025) and П-0006 both count; НЯ-0011 is covered again.
    expect(byCode(last, "pairs.of_year").value).toBe(7);
    expect(byCode(last, "coverage.participants").value).toBe(11);
    expect(byCode(last, "coverage.covered").value).toBe(7);
  });

  it("reports nothing to compute as null, not as zero", () => {
    const input = schoolInput();
    const empty = computeIndicators(
      { ...input, mentees: [], pairs: [], meetings: [], feedback: [], roadmap: [] },
      TODAY,
    );
    expect(byCode(empty, "coverage.pct").value).toBeNull();
    expect(byCode(empty, "coverage.students_pct").note).toContain("Обучающихся в базе нет");
    expect(byCode(empty, "satisfaction.mentees.entry").value).toBeNull();
    expect(byCode(empty, "satisfaction.mentees.change").value).toBeNull();
    expect(byCode(empty, "unmatched.days_median").value).toBeNull();
    expect(byCode(empty, "meetings.held_per_pair").value).toBeNull();
    expect(byCode(empty, "roadmap.done_pct").value).toBeNull();
    expect(byCode(empty, "pairs.by_status.rabotaet").value).toBe(0);
    expect(empty.some((i) => i.code.startsWith("pairs.by_form."))).toBe(false);
  });

  it("gives the median of an even number of waits as the mean of the middle two", () => {
    const input = schoolInput();
    const four = computeIndicators(
      {
        ...input,
        mentees: [
          ...input.mentees,
          {
            id: "НЯ-0099",
            status: "Ожидает пары",
            category: "Обучающийся",
            createdAt: new Date(2026, 2, 1, 12),
            wantsToMentor: false,
          },
        ],
      },
      TODAY,
    );
    // Waits 30, 90, 10, 15 → sorted 10, 15, 30, 90 → (15 + 30) / 2.
    expect(byCode(four, "unmatched.days_median").value).toBe(22.5);
    expect(byCode(four, "unmatched.count").value).toBe(5);
  });
});

describe("slug", () => {
  it("transliterates list values to stable ASCII codes", () => {
    expect(slug("Учитель – учитель")).toBe("uchitel_uchitel");
    expect(slug("Учитель-учитель")).toBe("uchitel_uchitel");
    expect(slug("учитель — Учитель")).toBe("uchitel_uchitel");
    expect(slug("Педагог, новый в должности")).toBe("pedagog_novyy_v_dolzhnosti");
    expect(slug("Представитель НКО")).toBe("predstavitel_nko");
    expect(slug("Щёлково-2")).toBe("shchelkovo_2");
    expect(slug("  ")).toBe("ne_ukazano");
  });
});

describe("combineRule", () => {
  it("sums counts, recomputes shares from counts and weights averages", () => {
    expect(combineRule("mentees.total")).toEqual({ kind: "sum" });
    expect(combineRule("coverage.students_pct")).toEqual({
      kind: "ratio",
      numerator: "coverage.students_covered",
      denominator: "coverage.students_base",
    });
    expect(combineRule("satisfaction.mentees.final")).toEqual({
      kind: "mean",
      weight: "satisfaction.mentees.answers.final",
    });
    expect(combineRule("unmatched.days_max")).toEqual({ kind: "max" });
  });

  it("names only codes that exist as weights and ratio parts", () => {
    const codes = new Set(computeIndicators(schoolInput(), TODAY).map((i) => i.code));
    for (const code of codes) {
      const rule = combineRule(code);
      if (rule.kind === "ratio") {
        expect(codes.has(rule.numerator)).toBe(true);
        expect(codes.has(rule.denominator)).toBe(true);
      }
      if (rule.kind === "mean" && rule.weight) expect(codes.has(rule.weight)).toBe(true);
    }
  });
});

describe("chartBlocks", () => {
  it("gives the four charts' tables from the indicators", () => {
    const blocks = chartBlocks(computeIndicators(schoolInput(), TODAY));
    expect(blocks.map((b) => [b.key, b.type])).toEqual([
      ["coverage", "pie"],
      ["pairs_by_form", "column"],
      ["satisfaction", "column"],
      ["roadmap", "bar"],
    ]);
    expect(blocks[0]?.rows).toEqual([
      ["В паре или группе", 6],
      ["Без пары", 4],
    ]);
    expect(blocks[1]?.rows).toEqual([
      ["Учитель – учитель", 1],
      ["Руководитель – педагог", 1],
      ["Ученик – ученик", 2],
      ["Работодатель – ученик", 2],
    ]);
    expect(blocks[2]?.header).toEqual(["Этап", "Наставники", "Наставляемые"]);
    expect(blocks[2]?.rows).toEqual([
      ["Входная", 6.67, 6],
      ["Промежуточная", 6.42, 8],
      ["Итоговая", 9, 9.33],
    ]);
    expect(blocks[3]?.rows).toEqual([
      ["Выполнено в срок", 2],
      ["Выполнено с опозданием", 1],
      ["Просрочено", 1],
      ["Срок не наступил", 1],
      ["Без срока", 1],
    ]);
  });

  it("leaves a missing satisfaction empty and keeps the pairs table non-empty", () => {
    const blocks = chartBlocks([]);
    expect(blocks[1]?.rows).toEqual([["Пар пока нет", 0]]);
    expect(blocks[2]?.rows[0]).toEqual(["Входная", "", ""]);
    expect(blocks[0]?.rows).toEqual([
      ["В паре или группе", 0],
      ["Без пары", 0],
    ]);
  });
});
