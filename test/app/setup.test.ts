import { describe, expect, it } from "vitest";
import { buildOverview } from "../../src/app/overview";
import { readSettings } from "../../src/app/settings";
import { describeSetup, setupWorkbook } from "../../src/app/setup";
import { LISTS, SETTINGS, SHEETS, sheetDef } from "../../src/domain/schema";
import { readTable } from "../../src/domain/table";
import { type MemoryWorkbook, memoryEnv } from "../fakes/memory";

function snapshot(wb: MemoryWorkbook): Record<string, unknown> {
  return Object.fromEntries(wb.sheetNames().map((n) => [n, JSON.stringify(wb.read(n))]));
}

describe("«Настроить книгу» on an empty workbook", () => {
  it("creates every sheet with its headers, lists, settings and layouts, and logs it", () => {
    const env = memoryEnv();
    const report = setupWorkbook(env);
    // Tabs in schema order: «Настройки» first, as a curator expects.
    expect(report.createdSheets).toEqual(SHEETS.map((s) => s.name));
    expect(env.workbook.sheetNames()[0]).toBe("Настройки");
    expect(new Set(env.workbook.sheetNames())).toEqual(new Set(SHEETS.map((s) => s.name)));
    for (const def of SHEETS) {
      const header = env.workbook.read(def.name)?.[0] ?? [];
      if (def.kind === "lists") expect(header).toEqual(LISTS.map((l) => l.header));
      else expect(header).toEqual(def.columns.map((c) => c.header));
    }
    // Lists are filled with the defaults.
    const lists = env.workbook.read("Справочники") ?? [];
    expect(
      lists
        .slice(1)
        .map((r) => r[0])
        .filter(Boolean),
    ).toEqual([...LISTS[0].values]);
    // Settings have every key.
    const settings = readTable("settings", env.workbook.read("Настройки") ?? []);
    expect(settings.rows.map((r) => r.record.key)).toEqual(SETTINGS.map((s) => s.key));
    // Layout: frozen header, drop-downs pointing at «Справочники», protected add-on columns.
    const menteeLayout = env.workbook.layouts.get("Наставляемые")?.[0];
    expect(menteeLayout?.frozenRows).toBe(1);
    const statusCol = sheetDef("mentees").columns.findIndex((c) => c.key === "status") + 1;
    const statusLayout = menteeLayout?.columns.find((c) => c.col === statusCol);
    const listCol = LISTS.findIndex((l) => l.key === "menteeStatuses") + 1;
    expect(statusLayout?.validation).toMatchObject({
      kind: "range",
      sheet: "Справочники",
      column: listCol,
      strict: true,
    });
    expect(menteeLayout?.columns.find((c) => c.col === 1)?.protect?.description).toMatch(/Наставляемые/);
    const consentCol = sheetDef("mentees").columns.findIndex((c) => c.key === "consent") + 1;
    expect(menteeLayout?.columns.find((c) => c.col === consentCol)?.validation).toEqual({ kind: "checkbox" });
    // The journal has one line for the action.
    const journal = readTable("journal", env.workbook.read("Журнал") ?? []);
    expect(journal.rows).toHaveLength(1);
    expect(journal.rows[0]?.record).toMatchObject({
      action: "Настроить книгу",
      outcome: "успешно",
      user: "kurator@school.ru",
    });
    expect(describeSetup(report)[0]).toMatch(/^Созданы листы: /);
  });

  it("changes nothing the second time, and says so", () => {
    const env = memoryEnv();
    setupWorkbook(env);
    const before = snapshot(env.workbook);
    const layoutsBefore = [...env.workbook.layouts.values()].flat().length;
    const report = setupWorkbook(env);
    expect(report).toMatchObject({
      createdSheets: [],
      addedColumns: [],
      addedLists: [],
      addedSettings: [],
      warnings: [],
      changed: false,
    });
    const after = snapshot(env.workbook);
    delete before.Журнал;
    delete after.Журнал;
    expect(after).toEqual(before);
    expect([...env.workbook.layouts.values()].flat().length).toBe(layoutsBefore);
    expect(describeSetup(report)).toEqual(["Книга уже настроена: ничего не изменено."]);
    expect(readTable("journal", env.workbook.read("Журнал") ?? []).rows).toHaveLength(2);
  });
});

describe("«Настроить книгу» on a workbook with data", () => {
  function populated() {
    const env = memoryEnv();
    setupWorkbook(env);
    const wb = env.workbook;
    // The curator reorders columns, adds their own, fills data and settings.
    const headers = sheetDef("mentees").columns.map((c) => c.header);
    const reordered = ["Моя пометка", ...[...headers].reverse()];
    const row = reordered.map((h) =>
      h === "ID"
        ? "НЯ-0001"
        : h === "ФИО"
          ? "Смирнов Илья"
          : h === "Статус"
            ? "Ожидает пары"
            : h === "Моя пометка"
              ? "звонить"
              : "",
    );
    wb.load("Наставляемые", [reordered, row]);
    const settings = wb.read("Настройки") ?? [];
    const valueCol = settings[0]?.indexOf("Значение") ?? -1;
    const orgRow = settings.findIndex((r) => r[0] === "orgShortName");
    wb.write("Настройки", [{ row: orgRow + 1, col: valueCol + 1, value: "МБОУ СОШ № 7" }]);
    // The curator added their own topic to a list.
    const lists = wb.read("Справочники") ?? [];
    const topicsCol = (lists[0]?.indexOf("Темы запросов и компетенции") ?? -1) + 1;
    const topicsCount = lists.filter((r) => r[topicsCol - 1] !== "").length;
    wb.write("Справочники", [{ row: topicsCount + 1, col: topicsCol, value: "Шахматы" }]);
    return env;
  }

  it("keeps every value the curator typed and adds nothing twice", () => {
    const env = populated();
    const before = snapshot(env.workbook);
    const report = setupWorkbook(env);
    expect(report.changed).toBe(false);
    const after = snapshot(env.workbook);
    delete before.Журнал;
    delete after.Журнал;
    expect(after).toEqual(before);
    expect(readSettings(env.workbook.read("Настройки")).values.orgShortName).toBe("МБОУ СОШ № 7");
    expect(buildOverview(env.workbook).sheets.find((s) => s.key === "mentees")).toMatchObject({
      rows: 1,
      byStatus: { "Ожидает пары": 1 },
    });
  });

  it("adds a column the schema gained, at the end, without moving data", () => {
    const env = populated();
    // Simulate a workbook set up by an older version that had no «Удобное время» column and
    // no «Минимальный режим» setting.
    const values = env.workbook.read("Наставляемые") ?? [];
    const i = values[0]?.indexOf("Удобное время") ?? -1;
    env.workbook.load(
      "Наставляемые",
      values.map((r) => r.filter((_, c) => c !== i)),
    );
    const memory = JSON.parse(env.metaMap.get("setup") ?? "{}");
    memory.sheets.mentees = memory.sheets.mentees.filter((k: string) => k !== "convenientTime");
    env.metaMap.set("setup", JSON.stringify(memory));
    const settings = env.workbook.read("Настройки") ?? [];
    env.workbook.load(
      "Настройки",
      settings.filter((r) => r[0] !== "minimalMode"),
    );

    const report = setupWorkbook(env);
    expect(report.addedColumns).toEqual([{ sheet: "Наставляемые", headers: ["Удобное время"] }]);
    expect(report.addedSettings).toEqual(["Минимальный режим персональных данных"]);
    const after = env.workbook.read("Наставляемые") ?? [];
    expect(after[0]?.at(-1)).toBe("Удобное время");
    expect(after[1]?.[0]).toBe("звонить");
    const table = readTable("mentees", after);
    expect(table.rows[0]?.record).toMatchObject({
      id: "НЯ-0001",
      fullName: "Смирнов Илья",
      status: "Ожидает пары",
    });
    const layout = env.workbook.layouts.get("Наставляемые")?.at(-1);
    expect(layout?.columns.map((c) => c.col)).toEqual([after[0]?.length]);
  });

  it("reports a deleted column instead of recreating it", () => {
    const env = populated();
    const values = env.workbook.read("Наставляемые") ?? [];
    const i = values[0]?.indexOf("Телефон") ?? -1;
    env.workbook.load(
      "Наставляемые",
      values.map((r) => r.filter((_, c) => c !== i)),
    );
    const report = setupWorkbook(env);
    expect(report.changed).toBe(false);
    expect(report.warnings).toEqual([
      expect.stringMatching(/листе «Наставляемые» нет столбца «Телефон» — похоже, его удалили/),
    ]);
    expect(env.workbook.read("Наставляемые")?.[0]).not.toContain("Телефон");
  });

  it("reports a renamed sheet instead of creating an empty twin", () => {
    const env = populated();
    const data = env.workbook.read("Наставляемые") ?? [];
    env.workbook.sheets.delete("Наставляемые");
    env.workbook.load("Наставляемые 2025", data);
    const report = setupWorkbook(env);
    expect(report.createdSheets).toEqual([]);
    expect(report.warnings.join("\n")).toMatch(
      /Лист «Наставляемые» не найден, но лист «Наставляемые 2025» похож на него/,
    );
    expect(env.workbook.sheetNames()).not.toContain("Наставляемые");
    expect(buildOverview(env.workbook).nextSteps[0]).toMatch(/Настроить книгу/);
  });

  it("recreates a sheet the curator deleted, and says so", () => {
    const env = populated();
    env.workbook.sheets.delete("Встречи");
    const report = setupWorkbook(env);
    expect(report.createdSheets).toEqual(["Встречи"]);
    expect(report.warnings).toEqual(["Лист «Встречи» был удалён; создан заново, пустой."]);
  });

  it("does not write headers over data when the header row was cleared", () => {
    const env = populated();
    const values = env.workbook.read("Встречи") ?? [];
    env.workbook.load("Встречи", [values[0]?.map(() => "") ?? [], ["ВС-0001", "П-0001"]]);
    const report = setupWorkbook(env);
    expect(report.warnings.join("\n")).toMatch(/На листе «Встречи» пустая первая строка/);
    expect(env.workbook.read("Встречи")?.[0]?.[0]).toBe("");
  });

  it("fills the headers of an empty sheet the curator created by hand", () => {
    const env = memoryEnv();
    env.workbook.createSheet("Наставники");
    const report = setupWorkbook(env);
    expect(report.createdSheets).not.toContain("Наставники");
    expect(report.addedColumns.find((a) => a.sheet === "Наставники")?.headers[0]).toBe("ID");
  });
});

describe("overview", () => {
  it("tells what to do next on a fresh book", () => {
    const env = memoryEnv();
    expect(buildOverview(env.workbook).setUp).toBe(false);
    setupWorkbook(env);
    const o = buildOverview(env.workbook);
    expect(o.setUp).toBe(true);
    expect(o.nextSteps[0]).toMatch(/^Заполните в «Настройки»: Полное наименование организации/);
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
  });
});
