// The sidebar/server contract of the personal-data actions (minimal mode of personal data).
// Consent withdrawal is apiWithdrawPerson in ServerApi (src/app/contract.ts).

import type { MinimalPreview, MinimalResult } from "./minimal";

export type { MinimalPreview, MinimalResult } from "./minimal";

/** Server functions of «Минимальный режим персональных данных». */
export interface PrivacyApi {
  /** What «Применить минимальный режим» would clear; writes nothing. */
  apiMinimalModePreview(): MinimalPreview;
  /** Clears what minimal mode does not keep and switches the setting on. Idempotent. */
  apiApplyMinimalMode(): MinimalResult;
}

export const PRIVACY_SERVER_FUNCTIONS = [
  "apiMinimalModePreview",
  "apiApplyMinimalMode",
] as const satisfies readonly (keyof PrivacyApi)[];
