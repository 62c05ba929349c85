// Personal-data actions of the add-on: the minimal mode of personal data («Применить
// минимальный режим»: a preview, then the action). Consent withdrawal is apiWithdrawPerson in
// main.ts. Every export here becomes a top-level Apps Script function through src/gas/main.ts.

import { plain } from "../app/contract";
import type { PrivacyApi } from "../app/contract-privacy";
import { userMessage } from "../app/errors";
import { applyMinimalMode, previewMinimalMode } from "../app/minimal";
import { gasEnv } from "./env";
import { guarded } from "./guarded";

/** What «Применить минимальный режим» would clear; writes nothing. */
export const apiMinimalModePreview: PrivacyApi["apiMinimalModePreview"] = () =>
  guarded("Минимальный режим: проверка", () => plain(previewMinimalMode(gasEnv())));

/** Clears the phone, the date of birth (kept as the age band), free text; switches the setting on. */
export const apiApplyMinimalMode: PrivacyApi["apiApplyMinimalMode"] = () =>
  guarded("Применить минимальный режим", () => plain(applyMinimalMode(gasEnv())));

/** Menu «Наставничество» → «Применить минимальный режим»: shows the preview, asks, applies. */
export function menuApplyMinimalMode(): void {
  const ui = SpreadsheetApp.getUi();
  try {
    const preview = apiMinimalModePreview();
    if (preview.cells === 0 && preview.minimalMode) {
      ui.alert("Минимальный режим", preview.lines.join("\n"), ui.ButtonSet.OK);
      return;
    }
    const answer = ui.alert(
      "Применить минимальный режим?",
      [...preview.lines, "", "Применить сейчас?"].join("\n"),
      ui.ButtonSet.YES_NO,
    );
    if (answer !== ui.Button.YES) return;
    const result = apiApplyMinimalMode();
    ui.alert("Минимальный режим применён", result.lines.join("\n"), ui.ButtonSet.OK);
  } catch (error) {
    ui.alert("Минимальный режим не применён", userMessage(error), ui.ButtonSet.OK);
  }
}
