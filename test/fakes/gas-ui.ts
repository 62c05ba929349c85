// Fakes of the Apps Script UI surface: SpreadsheetApp.getUi() (menus, alerts, sidebar) and
// HtmlService (HTML files of the project). Calls are counted like every other fake.

import type { CallCounter } from "./gas";

type GUi = GoogleAppsScript.Base.Ui;

export const BUTTON_SET = { OK: 0, OK_CANCEL: 1, YES_NO: 2, YES_NO_CANCEL: 3 } as const;
export const BUTTON = { CLOSE: 0, OK: 1, CANCEL: 2, YES: 3, NO: 4 } as const;

export class FakeHtmlOutput {
  private title = "";
  private width = 300;

  constructor(
    private readonly calls: CallCounter,
    private readonly content: string,
  ) {}

  setTitle(title: string): FakeHtmlOutput {
    this.calls.count("HtmlOutput.setTitle");
    this.title = title;
    return this;
  }

  getTitle(): string {
    return this.title;
  }

  setWidth(width: number): FakeHtmlOutput {
    this.calls.count("HtmlOutput.setWidth");
    this.width = width;
    return this;
  }

  getWidth(): number {
    return this.width;
  }

  getContent(): string {
    return this.content;
  }
}

export class FakeHtmlService {
  constructor(
    private readonly calls: CallCounter,
    private readonly files: (name: string) => string | undefined,
  ) {}

  createHtmlOutputFromFile(name: string): FakeHtmlOutput {
    this.calls.count("HtmlService.createHtmlOutputFromFile");
    const content = this.files(name);
    // Apps Script: "No HTML file named X was found."
    if (content === undefined) throw new Error(`No HTML file named ${name} was found.`);
    return new FakeHtmlOutput(this.calls, content);
  }

  createHtmlOutput(html = ""): FakeHtmlOutput {
    this.calls.count("HtmlService.createHtmlOutput");
    return new FakeHtmlOutput(this.calls, html);
  }
}

export interface MenuRecord {
  title: string;
  items: { label: string; fn: string }[];
}

export class FakeMenu {
  readonly record: MenuRecord;

  constructor(
    private readonly calls: CallCounter,
    private readonly ui: FakeUi,
    title: string,
  ) {
    this.record = { title, items: [] };
  }

  addItem(label: string, fn: string): FakeMenu {
    this.calls.count("Menu.addItem");
    this.record.items.push({ label, fn });
    return this;
  }

  addSeparator(): FakeMenu {
    this.calls.count("Menu.addSeparator");
    this.record.items.push({ label: "—", fn: "" });
    return this;
  }

  addToUi(): void {
    this.calls.count("Menu.addToUi");
    const others = this.ui.menus.filter((m) => m.title !== this.record.title);
    this.ui.menus.splice(0, this.ui.menus.length, ...others, this.record);
  }
}

export interface AlertRecord {
  title: string;
  prompt: string;
}

/** SpreadsheetApp.getUi(): what the curator would see, recorded for tests. */
export class FakeUi {
  readonly ButtonSet = BUTTON_SET;
  readonly Button = BUTTON;
  readonly menus: MenuRecord[] = [];
  readonly alerts: AlertRecord[] = [];
  sidebar: FakeHtmlOutput | null = null;

  constructor(private readonly calls: CallCounter) {}

  createMenu(title: string): FakeMenu {
    this.calls.count("Ui.createMenu");
    return new FakeMenu(this.calls, this, title);
  }

  createAddonMenu(): FakeMenu {
    this.calls.count("Ui.createAddonMenu");
    return new FakeMenu(this.calls, this, "Надстройки");
  }

  alert(titleOrPrompt: string, prompt?: string, _buttons?: number): number {
    this.calls.count("Ui.alert");
    this.alerts.push(
      prompt === undefined ? { title: "", prompt: titleOrPrompt } : { title: titleOrPrompt, prompt },
    );
    return BUTTON.OK;
  }

  showSidebar(output: FakeHtmlOutput): void {
    this.calls.count("Ui.showSidebar");
    this.sidebar = output;
  }
}

// The fakes cover the part of Ui the add-on uses; this keeps their names in step with the typings.
export type UiMethodsUsed = Pick<GUi, "createMenu" | "alert" | "showSidebar">;
