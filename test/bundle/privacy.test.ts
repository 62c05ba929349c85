// The personal-data actions through the built bundle: «Применить минимальный режим» from the menu
// (preview, confirmation, action) and the consent withdrawal, over the typed Apps Script fakes.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import type { MinimalPreview } from "../../src/app/contract-privacy";
import type { WithdrawalResult } from "../../src/app/intake";
import { createGasEnvironment } from "../fakes/gas";
import { DIST, loadBundle } from "./load";

function start() {
  const env = createGasEnvironment({
    htmlFiles: { Sidebar: readFileSync(resolve(DIST, "Sidebar.html"), "utf8") },
  });
  const ctx = loadBundle({ ...env.globals });
  env.useDateConstructor(vm.runInContext("Date", ctx) as DateConstructor);
  const call = <T>(name: string, ...args: unknown[]): T => (ctx[name] as (...a: unknown[]) => T)(...args);
  return { env, call };
}

/** Fills a row of a sheet by header. */
function fillRow(
  env: ReturnType<typeof start>["env"],
  sheet: string,
  row: number,
  values: Record<string, string>,
) {
  const s = env.spreadsheet.getSheetByName(sheet);
  if (!s) throw new Error(sheet);
  const header = s.getRange(1, 1, 1, s.getLastColumn()).getValues()[0] ?? [];
  for (const [h, v] of Object.entries(values)) {
    const col = header.indexOf(h);
    if (col < 0) throw new Error(`${sheet}: ${h}`);
    s.getRange(row, col + 1, 1, 1).setValues([[v]]);
  }
}

describe("personal data through the bundle", () => {
  it("«Применить минимальный режим»: the menu previews, asks, applies; withdrawal reports the documents", () => {
    const { env, call } = start();
    call("apiSetupWorkbook");
    fillRow(env, "Наставляемые", 2, {
      ID: "НЯ-0001",
      Статус: "Новый",
      Категория: "Обучающийся",
      ФИО: "Орлова Анна Сергеевна",
      "Дата рождения": "12.03.2011",
      Email: "orlova@school.ru",
      Телефон: "+7 912 000-11-22",
      Интересы: "Театр",
    });
    const preview = call<MinimalPreview>("apiMinimalModePreview");
    expect(preview).toMatchObject({ minimalMode: false, ageBands: 1 });
    expect(preview.cells).toBeGreaterThan(0);

    const asked: string[] = [];
    env.ui.alert = ((title: string, prompt?: string, buttons?: number) => {
      asked.push(`${title}\n${prompt ?? ""}`);
      return buttons === env.ui.ButtonSet.YES_NO ? env.ui.Button.YES : env.ui.Button.OK;
    }) as typeof env.ui.alert;
    call("menuApplyMinimalMode");
    expect(asked[0]).toMatch(/^Применить минимальный режим\?/);
    expect(asked[0]).toContain("«Телефон» — 1");
    expect(asked[1]).toMatch(/^Минимальный режим применён/);
    const base = env.spreadsheet.getSheetByName("Наставляемые");
    const header = base?.getRange(1, 1, 1, base.getLastColumn()).getValues()[0] ?? [];
    const row = base?.getRange(2, 1, 1, header.length).getValues()[0] ?? [];
    const cell = (h: string) => row[header.indexOf(h)];
    expect([cell("Телефон"), cell("Дата рождения"), cell("Интересы")]).toEqual(["", "", ""]);
    expect(cell("Возрастная группа")).toBe("14–17 лет");
    expect(cell("ФИО")).toBe("Орлова Анна Сергеевна");

    // Nothing left to do: the menu says so without asking.
    asked.length = 0;
    call("menuApplyMinimalMode");
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain("очищать нечего");

    const withdrawn = call<{ result: WithdrawalResult }>("apiWithdrawPerson", "НЯ-0001", "заявление");
    expect(withdrawn.result).toMatchObject({ id: "НЯ-0001", documents: [] });
    const after = base?.getRange(2, 1, 1, header.length).getValues()[0] ?? [];
    expect(JSON.stringify(after)).not.toMatch(/Орлова|orlova/);
  });
});
