import { describe, expect, it } from "vitest";
import { parseDeadline } from "../../../src/domain/roadmap/deadline";
import { parseOwners } from "../../../src/domain/roadmap/owners";
import { ROADMAP_TEMPLATES, roadmapTemplate } from "../../../src/domain/roadmap/templates";
import { listValues } from "../../../src/domain/schema";

const YEARS = [2024, 2025];

/** Roles a template may name besides the team roles of «Справочники». */
const OTHER_ROLES = ["Наставники и наставляемые", "Классные руководители"];

const YEAR_RE = /(?<!\d)(?:19|20)\d\d(?!\d)/;

const TEXT_FIELDS = ["stage", "event", "expectedResult", "document", "deadline", "owners"] as const;

describe("roadmap templates", () => {
  it("has unique keys and titles, and finds templates by key", () => {
    const keys = ROADMAP_TEMPLATES.map((t) => t.key);
    const titles = ROADMAP_TEMPLATES.map((t) => t.title);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(titles).size).toBe(titles.length);
    expect(keys.sort()).toEqual(["students", "teachers"]);
    expect(roadmapTemplate("teachers")?.title).toBe("Наставничество педагогических работников");
    expect(roadmapTemplate("students")?.title).toBe("Целевая модель наставничества обучающихся");
    expect(roadmapTemplate("parents")).toBeUndefined();
    expect(roadmapTemplate("")).toBeUndefined();
  });

  for (const template of ROADMAP_TEMPLATES) {
    describe(template.key, () => {
      it("has a description and roughly 25–45 items", () => {
        expect(template.description.trim()).not.toBe("");
        expect(template.items.length).toBeGreaterThanOrEqual(25);
        expect(template.items.length).toBeLessThanOrEqual(45);
      });

      it("has stage, event and owners in every item", () => {
        for (const item of template.items) {
          expect(item.stage.trim(), item.event).not.toBe("");
          expect(item.event.trim(), item.event).not.toBe("");
          expect(item.owners.trim(), item.event).not.toBe("");
          expect(item.deadline.trim(), item.event).not.toBe("");
        }
      });

      it("numbers stages 1, 2, … consecutively, each stage in one block with one title", () => {
        const blocks: Array<{ no: string; stage: string }> = [];
        for (const item of template.items) {
          const last = blocks[blocks.length - 1];
          if (last?.no === item.stageNo) {
            expect(item.stage).toBe(last.stage);
          } else {
            blocks.push({ no: item.stageNo, stage: item.stage });
          }
        }
        expect(blocks.map((b) => b.no)).toEqual(blocks.map((_, i) => String(i + 1)));
        expect(new Set(blocks.map((b) => b.stage)).size).toBe(blocks.length);
      });

      it("has no year in any text", () => {
        for (const item of template.items) {
          for (const field of TEXT_FIELDS) {
            expect(YEAR_RE.test(item[field]), `${field}: ${item[field]}`).toBe(false);
          }
        }
        expect(YEAR_RE.test(template.title)).toBe(false);
        expect(YEAR_RE.test(template.description)).toBe(false);
      });

      it("names roles only, no people", () => {
        const allowed = new Set<string>([...listValues("teamRoles"), ...OTHER_ROLES]);
        for (const item of template.items) {
          const owners = parseOwners(item.owners);
          expect(owners.people, item.owners).toEqual([]);
          expect(owners.roles.length, item.owners).toBeGreaterThan(0);
          for (const role of owners.roles) expect(allowed.has(role), role).toBe(true);
        }
      });

      it("has no repeated events", () => {
        const events = template.items.map((i) => i.event.toLowerCase());
        expect(new Set(events).size).toBe(events.length);
      });

      for (const ay of YEARS) {
        it(`has deadlines recognised within 1 August ${ay} – 30 June ${ay + 1}`, () => {
          const from = `${ay}-08-01`;
          const to = `${ay + 1}-06-30`;
          for (const item of template.items) {
            const d = parseDeadline(item.deadline, ay);
            expect(d.recognised, `${item.deadline}: ${d.problem}`).toBe(true);
            expect(d.occurrences.length, item.deadline).toBeGreaterThan(0);
            for (const o of d.occurrences) {
              expect(o.start >= from, `${item.deadline}: ${o.start}`).toBe(true);
              expect(o.end <= to, `${item.deadline}: ${o.end}`).toBe(true);
            }
          }
        });

        it(`has stages in the order of their deadlines (${ay})`, () => {
          // The start of a stage is the earliest start of its first item.
          const starts: Array<{ no: string; start: string }> = [];
          for (const item of template.items) {
            if (starts[starts.length - 1]?.no === item.stageNo) continue;
            const d = parseDeadline(item.deadline, ay);
            const start = d.occurrences.map((o) => o.start).sort()[0] ?? "";
            starts.push({ no: item.stageNo, start });
          }
          for (let i = 1; i < starts.length; i++) {
            const prev = starts[i - 1];
            const cur = starts[i];
            expect(
              cur && prev && cur.start >= prev.start,
              `stage ${cur?.no} starts before stage ${prev?.no}`,
            ).toBe(true);
          }
        });
      }
    });
  }

  it("keeps the stages of the seeds", () => {
    const stages = (key: string) => [...new Set(roadmapTemplate(key)?.items.map((i) => i.stage))];
    expect(stages("teachers")).toEqual([
      "Подготовка условий для реализации системы наставничества",
      "Формирование банка наставляемых",
      "Формирование банка наставников",
      "Отбор и обучение наставников",
      "Формирование наставнических пар/групп",
      "Организация и осуществление работы наставнических пар/групп",
      "Завершение персонализированных программ наставничества",
      "Информационная поддержка системы наставничества",
      "Формирование информационной базы наставников, информационной базы наставляемых",
      "Сбор информации о реализации программы наставничества педагогических работников и представление информации в орган управления образованием / региональный центр наставничества",
    ]);
    expect(stages("students")).toEqual([
      "Подготовка условий для запуска программы наставничества",
      "Формирование базы наставляемых",
      "Формирование базы наставников",
      "Отбор и обучение наставников",
      "Формирование наставнических пар или групп",
      "Организация работы наставнических пар или групп",
      "Завершение наставничества",
    ]);
  });

  it("covers both contours and the key documents", () => {
    const students = roadmapTemplate("students")?.items ?? [];
    expect(students.some((i) => i.event.startsWith("Внутренний контур"))).toBe(true);
    expect(students.some((i) => i.event.startsWith("Внешний контур"))).toBe(true);
    for (const template of ROADMAP_TEMPLATES) {
      const docs = template.items.map((i) => i.document);
      expect(docs, template.key).toContain("Приказ о закреплении наставнических пар/групп");
      expect(docs, template.key).toContain("Согласие на обработку персональных данных");
      expect(docs, template.key).toContain("Персонализированная программа наставничества");
    }
  });
});
