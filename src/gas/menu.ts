// The menu «Наставничество». Each item names a top-level function of the bundle.

export interface MenuItem {
  label: string;
  /** Name of the exported function in src/gas/main.ts. */
  fn: string;
}

export const MENU_TITLE = "Наставничество";

export const MENU_ITEMS: readonly MenuItem[] = [
  { label: "Открыть панель", fn: "menuOpenSidebar" },
  { label: "Настроить книгу", fn: "menuSetupWorkbook" },
  { label: "Обновить сроки дорожной карты", fn: "menuRefreshRoadmap" },
  { label: "Создать / обновить анкеты", fn: "menuSyncForms" },
  { label: "Свести выгрузки школ", fn: "menuCombineRegion" },
  { label: "Применить минимальный режим", fn: "menuApplyMinimalMode" },
];

/** Functions installable triggers call (installed by the add-on, see src/gas/main.ts). */
export const DAILY_HANDLER = "dailyRun";
/** Handler of the installable «on form submit» trigger. */
export const FORM_SUBMIT_HANDLER = "onFormSubmitHandler";
export const TRIGGER_FUNCTIONS: readonly string[] = [DAILY_HANDLER, FORM_SUBMIT_HANDLER];
