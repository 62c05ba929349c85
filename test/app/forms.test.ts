import { describe, expect, it } from "vitest";
import { buildFormSpec, feedbackLink, syncForms } from "../../src/app/forms";
import { readRecords } from "../../src/app/records";
import { readSettings, writeSettings } from "../../src/app/settings";
import { setupWorkbook } from "../../src/app/setup";
import { FORMS, formDef } from "../../src/domain/forms";
import { LISTS } from "../../src/domain/schema";
import { memoryEnv } from "../fakes/memory";
import { MemoryForms } from "../fakes/memory-forms";

function ready() {
  const env = memoryEnv();
  setupWorkbook(env);
  return env;
}

describe("«Создать / обновить анкеты»", () => {
  it("creates the four forms, registers them in «Анкеты» and puts their links in «Настройки»", () => {
    const env = ready();
    const forms = new MemoryForms();
    const report = syncForms(env, forms);
    expect(report.forms.map((f) => [f.kind, f.created])).toEqual([
      ["mentee", true],
      ["mentor", true],
      ["preference", true],
      ["feedback", true],
    ]);
    const register = readRecords(env.workbook, "forms").rows.map((r) => r.record);
    expect(register.map((r) => [r.formKind, r.formId])).toEqual([
      ["mentee", "form-1"],
      ["mentor", "form-2"],
      ["preference", "form-3"],
      ["feedback", "form-4"],
    ]);
    const settings = readSettings(env.workbook.read("Настройки")).values;
    expect(settings.formUrlMentee).toBe("https://docs.google.com/forms/d/e/form-1/viewform");
    expect(report.lines[0]).toMatch(/^«Анкета наставляемого» — создана: https:/);
  });

  it("a second run updates the same forms: same IDs and links, no new forms, no new register rows", () => {
    const env = ready();
    const forms = new MemoryForms();
    syncForms(env, forms);
    writeSettings(env.workbook, { formTitleMentee: "Анкета молодого педагога" });
    const again = syncForms(env, forms);
    expect(forms.forms.size).toBe(4);
    expect(again.forms.every((f) => !f.created)).toBe(true);
    expect(again.forms[0]?.title).toBe("Анкета молодого педагога");
    expect(readRecords(env.workbook, "forms").rows).toHaveLength(4);
    expect(readRecords(env.workbook, "forms").rows[0]?.record.title).toBe("Анкета молодого педагога");
  });

  it("builds choices from «Справочники» defaults and people from the bases, consent text from «Настройки»", () => {
    const env = ready();
    env.workbook.append("Наставники", [
      ["НР-0001", "Отобран", "Педагог", "Внутренний", "Иванова Мария Петровна"],
    ]);
    const table = readRecords(env.workbook, "mentors");
    const consentCol = (table.columns.index.get("consent") ?? 0) + 1;
    env.workbook.write("Наставники", [{ row: 2, col: consentCol, value: true }]);
    writeSettings(env.workbook, { consentText: "Мой текст согласия" });
    const settings = readSettings(env.workbook.read("Настройки")).values;
    const mentee = buildFormSpec(formDef("mentee"), settings, env.workbook);
    const requests = mentee.questions.find((q) => q.key === "requests");
    expect(requests?.choices).toEqual([...(LISTS.find((l) => l.key === "topics")?.values ?? [])]);
    expect(requests?.other).toBe(true);
    expect(mentee.questions.find((q) => q.key === "consent")).toMatchObject({
      type: "consent",
      required: true,
      help: "Мой текст согласия",
    });
    const pref = buildFormSpec(formDef("preference"), settings, env.workbook);
    expect(pref.questions.find((q) => q.key === "mentorChoice1")?.choices).toEqual([
      "Иванова Мария Петровна (НР-0001)",
    ]);
    expect(pref.questions.find((q) => q.key === "menteeChoice1")?.choices).toEqual([]);
  });

  it("every form has a required consent question", () => {
    for (const def of FORMS) {
      expect(
        def.questions.some((q) => q.key === "consent" && q.type === "consent" && q.required),
        def.kind,
      ).toBe(true);
    }
  });

  it("personal feedback links carry the pair, role and stage", () => {
    const forms = new MemoryForms();
    const link = feedbackLink(forms, "form-4", "П-0007", "Наставляемый", "Итоговая");
    expect(link).toContain("pairId=%D0%9F-0007");
    expect(() => feedbackLink(forms, "form-4", "П-0007", "Наставник", "Финальная")).toThrow(
      /Неизвестный этап/,
    );
  });
});
