// The sheets with personal data are protected by «Настроить книгу» (src/gas/protection.ts),
// through the built bundle over the fakes: one sheet protection per personal sheet, marked by its
// description, editors = the curator + «Кто ещё может изменять базы»; idempotent; the curator's
// own protections untouched; a bad e-mail in the setting named in Russian; wider sharing and link
// sharing reported. The fake enforces sheet protections on setValues, so the last tests show that
// another editor of the file cannot write a base while the triggers the curator installed can.

import vm from "node:vm";
import { describe, expect, it } from "vitest";
import type { SetupResult } from "../../src/app/contract";
import { LISTS, SETTINGS } from "../../src/domain/schema";
import { PROTECTION_DESCRIPTION, parseDataEditors, personalSheets } from "../../src/gas/protection";
import { loadBundle } from "../bundle/load";
import {
  CURATOR,
  expectedRecipients,
  mailLog,
  seedSchool,
  setSettings,
  settableClock,
} from "../bundle/reminders-school";
import { createGasEnvironment, type GasEnvironment, PROTECTED_MESSAGE } from "../fakes/gas";

const topics = LISTS.find((l) => l.key === "topics")?.values ?? [];
const SETTING = SETTINGS.find((s) => s.key === "dataEditors")?.label ?? "";
const PERSONAL = personalSheets().map((s) => s.name);

function start(options: { domain?: string } = {}) {
  const gas = createGasEnvironment({ userEmail: CURATOR });
  if (options.domain) gas.spreadsheet.state.domain = options.domain;
  const ctx = loadBundle({ ...gas.globals });
  const setNow = settableClock(ctx, "2025-09-15T07:55:00");
  gas.useDateConstructor(vm.runInContext("Date", ctx) as DateConstructor);
  const call = <T>(name: string, ...args: unknown[]): T => (ctx[name] as (...a: unknown[]) => T)(...args);
  return { gas, ctx, call, setNow };
}

/** The sheet protections of a sheet as plain values. */
function sheetProtections(gas: GasEnvironment, name: string) {
  return gas.spreadsheet.state.protections
    .filter((p) => p.sheet.name === name && p.type === "sheet")
    .map((p) => ({
      description: p.description,
      warningOnly: p.warningOnly,
      editors: [...(p.editors ?? [])].sort(),
      domainEdit: p.domainEdit ?? false,
    }));
}

const ours = (editors: string[]) => [
  {
    description: PROTECTION_DESCRIPTION,
    warningOnly: false,
    editors: [...editors].sort(),
    domainEdit: false,
  },
];

function as(gas: GasEnvironment, email: string): void {
  gas.spreadsheet.state.currentUser = email;
}

describe("the setting «Кто ещё может изменять базы»", () => {
  it("reads e-mails separated by commas, semicolons or spaces, in lower case, once each", () => {
    expect(parseDataEditors("")).toEqual([]);
    expect(parseDataEditors(" Zam@School.ru, metodist@school.ru;zam@school.ru\nit@school.ru ")).toEqual([
      "zam@school.ru",
      "metodist@school.ru",
      "it@school.ru",
    ]);
  });

  it("refuses what is not an e-mail, naming the setting and the value", () => {
    expect(() => parseDataEditors("zam@school.ru, Иванова И.И.")).toThrow(
      `Лист «Настройки», «${SETTING}»: «Иванова», «И.И.» — не адрес электронной почты.`,
    );
    expect(() => parseDataEditors("zam@school")).toThrow(/«zam@school» — не адрес/);
  });
});

describe("«Настроить книгу» protects the sheets with personal data", () => {
  it("protects every personal sheet for the curator alone, and no other sheet", () => {
    const { gas, call } = start();
    const result = call<SetupResult>("apiSetupWorkbook");
    expect(PERSONAL).toEqual(
      expect.arrayContaining(["Наставляемые", "Наставники", "Пары и группы", "Команда"]),
    );
    for (const name of PERSONAL) expect(sheetProtections(gas, name), name).toEqual(ours([CURATOR]));
    for (const name of ["Настройки", "Дорожная карта", "Журнал", "Справочники"])
      expect(sheetProtections(gas, name), name).toEqual([]);
    // The warning-only column protections of the layout are still there, still warning-only.
    const columns = gas.spreadsheet.state.protections.filter((p) => p.type !== "sheet");
    expect(columns.length).toBeGreaterThan(0);
    expect(columns.every((p) => p.warningOnly)).toBe(true);
    expect(result.lines).toContain(
      `Защищены листы с персональными данными: ${PERSONAL.map((s) => `«${s}»`).join(", ")}. Изменять их могут: ${CURATOR} и владелец файла.`,
    );
    // The fake Drive does not let the add-on read the sharing of a file it did not create.
    expect(
      result.lines.some((l) => /Доступ по ссылке проверить не удалось.*«Доступ ограничен»/.test(l)),
    ).toBe(true);
  });

  it("a second run changes nothing and says nothing more", () => {
    const { gas, call } = start();
    call("apiSetupWorkbook");
    const before = JSON.stringify(PERSONAL.map((n) => sheetProtections(gas, n)));
    const second = call<SetupResult>("apiSetupWorkbook");
    expect(second.lines).toEqual(["Книга уже настроена: ничего не изменено."]);
    expect(JSON.stringify(PERSONAL.map((n) => sheetProtections(gas, n)))).toBe(before);
    expect(gas.spreadsheet.state.protections.filter((p) => p.type === "sheet")).toHaveLength(PERSONAL.length);
  });

  it("the menu item does the same and shows the lines", () => {
    const { gas, call } = start();
    call("menuSetupWorkbook");
    expect(sheetProtections(gas, "Наставники")).toEqual(ours([CURATOR]));
    expect(gas.ui.alerts.at(-1)?.prompt ?? "").toContain("Защищены листы с персональными данными");
  });

  it("follows the setting: editors added, then removed when the setting changes", () => {
    const { gas, call } = start();
    call("apiSetupWorkbook");
    setSettings(gas, { dataEditors: "Zam@School.ru, metodist@school.ru" });
    const added = call<SetupResult>("apiSetupWorkbook");
    for (const name of PERSONAL)
      expect(sheetProtections(gas, name)).toEqual(ours([CURATOR, "zam@school.ru", "metodist@school.ru"]));
    expect(added.lines).toContain(
      `Обновлён список тех, кто может изменять ${PERSONAL.map((s) => `«${s}»`).join(", ")}: ${CURATOR}, zam@school.ru, metodist@school.ru и владелец файла.`,
    );
    setSettings(gas, { dataEditors: "zam@school.ru" });
    call("apiSetupWorkbook");
    for (const name of PERSONAL)
      expect(sheetProtections(gas, name)).toEqual(ours([CURATOR, "zam@school.ru"]));
    setSettings(gas, { dataEditors: "" });
    call("apiSetupWorkbook");
    for (const name of PERSONAL) expect(sheetProtections(gas, name)).toEqual(ours([CURATOR]));
  });

  it("a bad e-mail in the setting is named in Russian and the protections stay as they were", () => {
    const { gas, call } = start();
    call("apiSetupWorkbook");
    setSettings(gas, { dataEditors: "zam@school.ru" });
    call("apiSetupWorkbook");
    setSettings(gas, { dataEditors: "zam@school.ru, завуч" });
    const result = call<SetupResult>("apiSetupWorkbook");
    expect(result.lines).toContain(
      `Внимание: Лист «Настройки», «${SETTING}»: «завуч» — не адрес электронной почты. Впишите адреса через запятую (например, zam@school.ru, metodist@school.ru) или очистите ячейку, затем снова нажмите «Настроить книгу». Пока защита листов не изменена.`,
    );
    for (const name of PERSONAL)
      expect(sheetProtections(gas, name)).toEqual(ours([CURATOR, "zam@school.ru"]));
  });

  it("a bad setting on a new workbook still protects the sheets, for the curator alone", () => {
    const { gas, call } = start();
    call("apiSetupWorkbook");
    // The protections are removed by hand, and the setting is wrong.
    gas.spreadsheet.state.protections.splice(
      0,
      gas.spreadsheet.state.protections.length,
      ...gas.spreadsheet.state.protections.filter((p) => p.type !== "sheet"),
    );
    setSettings(gas, { dataEditors: "не знаю" });
    call("apiSetupWorkbook");
    for (const name of PERSONAL) expect(sheetProtections(gas, name)).toEqual(ours([CURATOR]));
  });

  it("leaves a sheet the curator protected themselves as it is", () => {
    const { gas, call } = start();
    call("apiSetupWorkbook");
    const team = gas.spreadsheet.state.protections.find(
      (p) => p.sheet.name === "Команда" && p.type === "sheet",
    );
    if (!team) throw new Error("no protection of «Команда»");
    team.description = "Моя защита";
    team.editors = [CURATOR, "director@school.ru"];
    setSettings(gas, { dataEditors: "zam@school.ru" });
    const result = call<SetupResult>("apiSetupWorkbook");
    expect(sheetProtections(gas, "Команда")).toEqual([
      {
        description: "Моя защита",
        warningOnly: false,
        editors: ["director@school.ru", CURATOR].sort(),
        domainEdit: false,
      },
    ]);
    expect(sheetProtections(gas, "Наставники")).toEqual(ours([CURATOR, "zam@school.ru"]));
    expect(result.lines).toContain("Лист «Команда» уже защищён вами — защита оставлена как есть.");
  });

  it("in a Workspace domain, everyone in the domain loses edit access to the bases", () => {
    const { gas, call } = start({ domain: "school.ru" });
    call("apiSetupWorkbook");
    for (const name of PERSONAL) expect(sheetProtections(gas, name)).toEqual(ours([CURATOR]));
    as(gas, "teacher@school.ru");
    const sheet = gas.spreadsheet.getSheetByName("Наставники");
    expect(() => sheet?.getRange(5, 2).setValues([["Иванов"]])).toThrow(PROTECTED_MESSAGE);
  });
});

describe("who runs the set-up", () => {
  it("another editor of the file cannot change the protections; they are told who can", () => {
    const { gas, call } = start();
    gas.spreadsheet.state.editors = ["teacher@school.ru"];
    call("apiSetupWorkbook");
    const before = JSON.stringify(PERSONAL.map((n) => sheetProtections(gas, n)));
    as(gas, "teacher@school.ru");
    gas.session.email = "teacher@school.ru";
    const result = call<SetupResult>("apiSetupWorkbook");
    expect(JSON.stringify(PERSONAL.map((n) => sheetProtections(gas, n)))).toBe(before);
    expect(result.lines).toContain(
      `Внимание: Защиту листов ${PERSONAL.map((s) => `«${s}»`).join(", ")} вы изменить не можете: это делают куратор или люди из «${SETTING}». Чтобы изменить, кто может править базы, попросите куратора нажать «Настроить книгу».`,
    );
    // Nor behind the add-on's back: the protection refuses them.
    const p = gas.spreadsheet
      .getSheetByName("Наставники")
      ?.getProtections(gas.globals.SpreadsheetApp.ProtectionType.SHEET)[0];
    expect(() => p?.addEditor("teacher@school.ru")).toThrow(PROTECTED_MESSAGE);
  });

  it("a named editor running the set-up keeps the curator of «Настройки», who does not own the file", () => {
    const { gas, call } = start();
    const s = gas.spreadsheet.state;
    s.owner = "director@school.ru";
    s.editors = [CURATOR, "zam@school.ru"];
    call("apiSetupWorkbook");
    setSettings(gas, { curatorEmail: CURATOR, dataEditors: "zam@school.ru" });
    call("apiSetupWorkbook");
    const three = ours([CURATOR, "director@school.ru", "zam@school.ru"]);
    for (const name of PERSONAL) expect(sheetProtections(gas, name)).toEqual(three);
    as(gas, "zam@school.ru");
    gas.session.email = "zam@school.ru";
    setSettings(gas, { dataEditors: "zam@school.ru, metodist@school.ru" });
    call("apiSetupWorkbook");
    for (const name of PERSONAL)
      expect(sheetProtections(gas, name)).toEqual(
        ours([CURATOR, "director@school.ru", "zam@school.ru", "metodist@school.ru"]),
      );
  });
});

describe("the set-up warns when the workbook is shared more widely than its editors", () => {
  function shared() {
    const env = start();
    const s = env.gas.spreadsheet.state;
    s.editors = ["zam@school.ru", "Teacher@School.ru"];
    s.viewers = ["parent@gmail.com", "zam@school.ru"];
    return env;
  }

  it("names the editors and viewers beyond the curator and the setting", () => {
    const { gas, call } = shared();
    call("apiSetupWorkbook");
    setSettings(gas, { dataEditors: "zam@school.ru" });
    const result = call<SetupResult>("apiSetupWorkbook");
    const warnings = result.lines.filter((l) => l.startsWith("Внимание:"));
    expect(warnings[0]).toMatch(
      /^Внимание: Таблицу могут изменять не только куратор и редакторы баз: teacher@school\.ru\. Листы с персональными данными они изменить не смогут/,
    );
    expect(warnings[1]).toMatch(
      /^Внимание: Таблицу могут просматривать или комментировать: parent@gmail\.com — они видят персональные данные/,
    );
    expect(result.lines.join("\n")).not.toMatch(/zam@school\.ru\. Листы|kurator@school\.ru\. Листы/);
  });

  it("says nothing about sharing when only the curator and the named editors have access", () => {
    const { gas, call } = start();
    gas.spreadsheet.state.editors = ["zam@school.ru"];
    call("apiSetupWorkbook");
    setSettings(gas, { dataEditors: "zam@school.ru" });
    const result = call<SetupResult>("apiSetupWorkbook");
    expect(result.lines.filter((l) => /Таблицу могут/.test(l))).toEqual([]);
  });

  it("reports link sharing when Drive lets it be read, and nothing when access is restricted", () => {
    const { gas, call } = start();
    let access = "ANYONE_WITH_LINK";
    let permission = "EDIT";
    const drive = gas.globals.DriveApp;
    const original = drive.getFileById.bind(drive);
    drive.getFileById = ((id: string) =>
      id === gas.spreadsheet.getId()
        ? { getSharingAccess: () => access, getSharingPermission: () => permission }
        : original(id)) as typeof drive.getFileById;
    const first = call<SetupResult>("apiSetupWorkbook");
    expect(first.lines).toContain(
      "Внимание: Таблица открыта всем, у кого есть ссылка (с правом редактирования), а в ней персональные данные. Закройте доступ по ссылке: «Файл → Поделиться → Открыть доступ», «Общий доступ» → «Доступ ограничен».",
    );
    expect(first.lines.some((l) => /проверить не удалось/.test(l))).toBe(false);
    access = "DOMAIN";
    permission = "VIEW";
    expect(call<SetupResult>("apiSetupWorkbook").lines).toContain(
      "Внимание: Таблица открыта всем в вашей организации, а в ней персональные данные. Закройте доступ по ссылке: «Файл → Поделиться → Открыть доступ», «Общий доступ» → «Доступ ограничен».",
    );
    access = "PRIVATE";
    expect(call<SetupResult>("apiSetupWorkbook").lines).toEqual(["Книга уже настроена: ничего не изменено."]);
  });
});

describe("protected bases and who can still write them", () => {
  it("another editor of the file cannot write a base; a named editor can", () => {
    const { gas, call } = start();
    gas.spreadsheet.state.editors = ["teacher@school.ru", "zam@school.ru"];
    call("apiSetupWorkbook");
    setSettings(gas, { dataEditors: "zam@school.ru" });
    call("apiSetupWorkbook");
    const sheet = gas.spreadsheet.getSheetByName("Наставляемые");
    as(gas, "teacher@school.ru");
    expect(() => sheet?.getRange(2, 2).setValues([["Иванов"]])).toThrow(PROTECTED_MESSAGE);
    // An unprotected sheet is still theirs to edit.
    expect(() =>
      gas.spreadsheet
        .getSheetByName("Дорожная карта")
        ?.getRange(50, 2)
        .setValues([["x"]]),
    ).not.toThrow();
    as(gas, "zam@school.ru");
    expect(() => sheet?.getRange(2, 2).setValues([["Иванов"]])).not.toThrow();
  });

  it.each([
    ["the curator owns the file", CURATOR],
    ["the director owns the file, the curator is an editor", "director@school.ru"],
  ])(
    "the form-submit trigger and the daily trigger, running as the curator, still write the protected sheets (%s)",
    (_, owner) => {
      const { gas, call, setNow } = start();
      gas.spreadsheet.state.owner = owner;
      gas.spreadsheet.state.editors = [CURATOR, "teacher@school.ru"].filter((e) => e !== owner);
      call("apiSetupWorkbook");
      seedSchool(gas, 2);
      call("apiInstallDailyTrigger");
      call("apiSyncForms");
      // The owner stays an editor whatever the add-on does (Sheets keeps them).
      const editors = [...new Set([CURATOR, owner])];
      expect(sheetProtections(gas, "Наставляемые")).toEqual(ours(editors));
      expect(sheetProtections(gas, "Журнал рассылок")).toEqual(ours(editors));
      // A respondent (not an editor) submits: the trigger runs as the curator who installed it.
      const register = gas.spreadsheet.getSheetByName("Анкеты")?.getDataRange().getValues() ?? [];
      const header = register[0] ?? [];
      const row = register.find((r) => r[header.indexOf("Анкета")] === "mentee") ?? [];
      const form = gas.globals.FormApp.peek(String(row[header.indexOf("ID формы")]));
      const before = gas.spreadsheet.getSheetByName("Наставляемые")?.getLastRow() ?? 0;
      const event = form.submit({
        "Кто вы": "Молодой специалист",
        "Фамилия, имя, отчество": "Новикова Дарья Олеговна",
        "Адрес электронной почты": "novikova@school.ru",
        "Должность или класс (группа)": "Учитель химии",
        "С чем вам нужна помощь наставника": [topics[1] ?? ""],
        "Согласие на обработку персональных данных": ["Даю согласие"],
      });
      call("onFormSubmitHandler", event);
      expect(gas.spreadsheet.getSheetByName("Наставляемые")?.getLastRow()).toBe(before + 1);
      // The daily trigger at its hour writes «Журнал рассылок».
      setNow("2025-09-15T08:00:00");
      const handler = gas.globals.ScriptApp.triggersFor("CLOCK")[0]?.handler ?? "";
      (call as (n: string) => void)(handler);
      expect(mailLog(gas).map((r) => r.Получатель)).toEqual(expect.arrayContaining(expectedRecipients(2)));
      expect(mailLog(gas).every((r) => r.Статус !== "Ошибка")).toBe(true);
      const journal = gas.spreadsheet.getSheetByName("Журнал")?.getDataRange().getValues() ?? [];
      expect(journal.filter((r) => r[3] === "ошибка")).toEqual([]);
      // And the same trigger run by someone who may not edit the bases would have failed.
      as(gas, "teacher@school.ru");
      expect(() =>
        gas.spreadsheet
          .getSheetByName("Журнал рассылок")
          ?.getRange(50, 1)
          .setValues([["x"]]),
      ).toThrow(PROTECTED_MESSAGE);
    },
  );
});
