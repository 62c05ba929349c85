// Protection of the sheets that hold personal data, run by «Настроить книгу» after the set-up.
//
// Every sheet of the schema with a `personal: true` column gets one sheet protection of its own
// (not warning-only), marked by its description so that protections the curator made stay
// untouched. Its editors are the user running the set-up (the curator) and the e-mails of the
// setting «Кто ещё может изменять базы»; running again brings the editors in line with the
// setting and changes nothing else. The owner of the file can always edit (Sheets does not let a
// protection exclude them), and so can the triggers the curator installed: they run as the
// curator. Then the sharing of the file is checked: editors and viewers beyond those people, and
// link sharing when Drive lets the add-on read it (with the drive.file scope it may refuse for a
// file the add-on did not create: the report then says how to check by hand).
//
// Nothing here is exported from main.ts: these are not top-level Apps Script functions.

import { UserError, userMessage } from "../app/errors";
import { readSettings } from "../app/settings";
import type { CellValue } from "../domain/cells";
import { type ColumnDef, SETTINGS, SHEETS, type SheetDef } from "../domain/schema";

/** The mark of the add-on's own protections (the curator sees it in «Защищённые листы и диапазоны»). */
export const PROTECTION_DESCRIPTION = "Наставник: персональные данные (куратор и редакторы из «Настроек»)";

const SETTING_LABEL = SETTINGS.find((s) => s.key === "dataEditors")?.label ?? "dataEditors";

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

type GProtection = GoogleAppsScript.Spreadsheet.Protection;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

interface UserLike {
  getEmail(): string;
}

/** The part of Protection this module uses (Apps Script reference, class Protection). */
export interface SheetProtectionLike {
  getDescription(): string;
  setDescription(description: string): SheetProtectionLike;
  isWarningOnly(): boolean;
  setWarningOnly(warningOnly: boolean): SheetProtectionLike;
  getEditors(): UserLike[];
  addEditor(emailAddress: string): SheetProtectionLike;
  addEditors(emailAddresses: string[]): SheetProtectionLike;
  removeEditors(emailAddresses: string[]): SheetProtectionLike;
  canDomainEdit(): boolean;
  setDomainEdit(editable: boolean): SheetProtectionLike;
  /** Whether the user running the script may change this protection. */
  canEdit(): boolean;
}

export interface ProtectableSheetLike {
  getName(): string;
  protect(): SheetProtectionLike;
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): SheetProtectionLike[];
}

export interface SharedSpreadsheetLike {
  getId(): string;
  getSheetByName(name: string): ProtectableSheetLike | null;
  getEditors(): UserLike[];
  getViewers(): UserLike[];
  getOwner(): UserLike | null;
}

export interface ProtectionServices {
  SpreadsheetApp: {
    readonly ProtectionType: { readonly SHEET: GoogleAppsScript.Spreadsheet.ProtectionType };
    getActiveSpreadsheet(): SharedSpreadsheetLike;
  };
  Session: { getEffectiveUser(): UserLike; getActiveUser(): UserLike };
  /** Only getFileById(id).getSharingAccess() / getSharingPermission(); may be refused. */
  DriveApp?: { getFileById(id: string): { getSharingAccess(): unknown; getSharingPermission(): unknown } };
}

type Fits<Narrow, Real extends Narrow> = [Narrow, Real];
export type ProtectionSurfaceMatchesAppsScript = [
  Fits<SheetProtectionLike, GProtection>,
  Fits<ProtectableSheetLike, GSheet>,
  Fits<SharedSpreadsheetLike, GSpreadsheet>,
];

export interface ProtectionReport {
  /** Sheets protected just now. */
  protectedSheets: string[];
  /** Sheets whose editors were brought in line with the setting. */
  updatedSheets: string[];
  /** Who may edit the bases: the user running the set-up, the curator of «Настройки», the setting's e-mails. */
  editors: string[];
  /** Sheets whose protection the user running the set-up may not change (only its editors may). */
  notAllowed: string[];
  /** Sheets with a protection of the curator's own, left as they are. */
  curatorProtected: string[];
  /** Things the curator should know: wider sharing, the link sharing not checked, a bad setting. */
  warnings: string[];
  /** True when a protection was created or its editors changed. */
  changed: boolean;
}

/** The schema sheets holding a personal column. */
export function personalSheets(): { name: string; aliases: readonly string[] }[] {
  const defs: readonly SheetDef[] = SHEETS;
  return defs
    .filter((def) => def.kind !== "lists" && def.columns.some((c: ColumnDef) => c.personal === true))
    .map((def) => ({ name: def.name, aliases: def.aliases ?? [] }));
}

/** The setting «Кто ещё может изменять базы»: e-mails separated by commas, semicolons or spaces. */
export function parseDataEditors(raw: string): string[] {
  const parts = raw
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const bad = parts.filter((p) => !EMAIL.test(p) || p.length > 254);
  if (bad.length > 0)
    throw new UserError(
      `Лист «Настройки», «${SETTING_LABEL}»: ${bad
        .slice(0, 3)
        .map((b) => `«${b.slice(0, 60)}»`)
        .join(", ")} — не адрес электронной почты. Впишите адреса через запятую (например, ` +
        "zam@school.ru, metodist@school.ru) или очистите ячейку, затем снова нажмите «Настроить книгу».",
    );
  return [...new Set(parts.map((p) => p.toLowerCase()))];
}

function emails(users: readonly UserLike[]): string[] {
  return users.map((u) => u.getEmail().trim().toLowerCase()).filter((e) => e !== "");
}

function currentUser(services: ProtectionServices): string {
  for (const get of [() => services.Session.getEffectiveUser(), () => services.Session.getActiveUser()]) {
    try {
      const email = get().getEmail().trim().toLowerCase();
      if (email) return email;
    } catch {
      // Not revealed in this context: try the next source.
    }
  }
  return "";
}

function findSheet(
  ss: SharedSpreadsheetLike,
  sheet: { name: string; aliases: readonly string[] },
): ProtectableSheetLike | null {
  const exact = ss.getSheetByName(sheet.name);
  if (exact) return exact;
  for (const alias of sheet.aliases) {
    const found = ss.getSheetByName(alias);
    if (found) return found;
  }
  return null;
}

/** Brings one protection's editors to exactly `wanted` (the owner and the current user stay, as Sheets keeps them). */
function alignEditors(p: SheetProtectionLike, wanted: readonly string[], me: string): boolean {
  let changed = false;
  // The reference's advice: make sure the current user is an editor before removing others.
  const before = emails(p.getEditors());
  if (me && !before.includes(me)) {
    p.addEditor(me);
    changed = true;
  }
  const extra = before.filter((e) => !wanted.includes(e) && e !== me);
  if (extra.length > 0) {
    p.removeEditors(extra);
    changed = true;
  }
  const missing = wanted.filter((e) => !before.includes(e) && e !== me);
  if (missing.length > 0) {
    p.addEditors(missing);
    changed = true;
  }
  if (p.canDomainEdit()) {
    try {
      p.setDomainEdit(false);
      changed = true;
    } catch {
      // Outside a Workspace domain there is nothing to switch off.
    }
  }
  if (p.isWarningOnly()) {
    p.setWarningOnly(false);
    changed = true;
  }
  return changed;
}

const LINK_ACCESS: Record<string, string> = {
  ANYONE: "открыта в интернете: её может найти и открыть кто угодно",
  ANYONE_WITH_LINK: "открыта всем, у кого есть ссылка",
  DOMAIN: "открыта всем в вашей организации",
  DOMAIN_WITH_LINK: "открыта всем в вашей организации, у кого есть ссылка",
};

const CHECK_BY_HAND =
  "Проверьте вручную: «Файл → Поделиться → Открыть доступ», в разделе «Общий доступ» должно быть «Доступ ограничен».";

function sharingWarnings(
  ss: SharedSpreadsheetLike,
  services: ProtectionServices,
  allowed: readonly string[],
): { warnings: string[]; linkUnchecked: string | null } {
  const warnings: string[] = [];
  try {
    const owner = ss.getOwner();
    const all = new Set([...allowed, ...(owner ? emails([owner]) : [])]);
    const editors = emails(ss.getEditors()).filter((e) => !all.has(e));
    const viewers = emails(ss.getViewers()).filter((e) => !all.has(e) && !editors.includes(e));
    const list = (xs: string[]) =>
      `${xs.slice(0, 10).join(", ")}${xs.length > 10 ? ` и ещё ${xs.length - 10}` : ""}`;
    if (editors.length > 0)
      warnings.push(
        `Таблицу могут изменять не только куратор и редакторы баз: ${list(editors)}. Листы с персональными ` +
          `данными они изменить не смогут, но видят их. Если доступ им не нужен, закройте его («Файл → Поделиться»), ` +
          `а кому нужно менять базы — впишите в «${SETTING_LABEL}».`,
      );
    if (viewers.length > 0)
      warnings.push(
        `Таблицу могут просматривать или комментировать: ${list(viewers)} — они видят персональные данные. ` +
          "Если это не нужно, закройте им доступ («Файл → Поделиться»).",
      );
  } catch {
    warnings.push(`Не удалось проверить, с кем открыт доступ к таблице. ${CHECK_BY_HAND}`);
  }
  let linkUnchecked: string | null = null;
  try {
    if (!services.DriveApp) throw new Error("no DriveApp");
    const file = services.DriveApp.getFileById(ss.getId());
    const access = String(file.getSharingAccess());
    const what = LINK_ACCESS[access];
    if (what) {
      const permission = String(file.getSharingPermission());
      const edit = permission === "EDIT" || permission === "ORGANIZER" || permission === "OWNER";
      warnings.push(
        `Таблица ${what}${edit ? " (с правом редактирования)" : ""}, а в ней персональные данные. ` +
          "Закройте доступ по ссылке: «Файл → Поделиться → Открыть доступ», «Общий доступ» → «Доступ ограничен».",
      );
    }
  } catch {
    linkUnchecked = `Доступ по ссылке проверить не удалось: надстройке не разрешено читать настройки доступа этого файла. ${CHECK_BY_HAND}`;
  }
  return { warnings, linkUnchecked };
}

/**
 * Protects the personal-data sheets and checks the sharing. Service calls grow with the number
 * of personal sheets of the schema (a constant), never with the rows.
 */
export function protectPersonalSheets(
  services: ProtectionServices,
  settingsValues: CellValue[][] | null,
): ProtectionReport {
  const report: ProtectionReport = {
    protectedSheets: [],
    updatedSheets: [],
    editors: [],
    curatorProtected: [],
    notAllowed: [],
    warnings: [],
    changed: false,
  };
  const ss = services.SpreadsheetApp.getActiveSpreadsheet();
  const me = currentUser(services);
  let named: string[] | null;
  const settings = readSettings(settingsValues).values;
  // The curator of «Настройки» keeps their access whoever runs the set-up.
  const curator = String(settings.curatorEmail ?? "")
    .trim()
    .toLowerCase();
  try {
    const raw = settings.dataEditors;
    named = parseDataEditors(typeof raw === "string" ? raw : String(raw ?? ""));
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    // A wrong setting: new protections get the curator alone (the strictest), existing ones stay.
    report.warnings.push(`${error.message} Пока защита листов не изменена.`);
    named = null;
  }
  const keep = [me, EMAIL.test(curator) ? curator : ""].filter((e) => e !== "");
  const wanted = [...new Set([...keep, ...(named ?? [])])];
  report.editors = wanted;
  const sheetType = services.SpreadsheetApp.ProtectionType.SHEET;
  for (const def of personalSheets()) {
    const sheet = findSheet(ss, def);
    if (!sheet) continue;
    const existing = sheet.getProtections(sheetType);
    const ours = existing.find((p) => p.getDescription() === PROTECTION_DESCRIPTION);
    if (!ours && existing.length > 0) {
      report.curatorProtected.push(sheet.getName());
      continue;
    }
    if (!ours) {
      const p = sheet.protect().setDescription(PROTECTION_DESCRIPTION);
      alignEditors(p, named === null ? [...new Set(keep)] : wanted, me);
      report.protectedSheets.push(sheet.getName());
      continue;
    }
    if (!ours.canEdit()) {
      report.notAllowed.push(sheet.getName());
      continue;
    }
    if (named !== null && alignEditors(ours, wanted, me)) report.updatedSheets.push(sheet.getName());
  }
  report.changed = report.protectedSheets.length > 0 || report.updatedSheets.length > 0;
  if (report.notAllowed.length > 0)
    report.warnings.push(
      `Защиту листов ${report.notAllowed.map((s) => `«${s}»`).join(", ")} вы изменить не можете: это делают куратор или ` +
        `люди из «${SETTING_LABEL}». Чтобы изменить, кто может править базы, попросите куратора нажать «Настроить книгу».`,
    );
  const sharing = sharingWarnings(ss, services, wanted);
  report.warnings.push(...sharing.warnings);
  // Said when the protection was set up or changed, not on every run that changes nothing.
  if (sharing.linkUnchecked && report.changed) report.warnings.push(sharing.linkUnchecked);
  return report;
}

/** The report as lines of the set-up report; none when nothing changed and nothing is wrong. */
export function describeProtection(report: ProtectionReport): string[] {
  const lines: string[] = [];
  const who =
    report.editors.length > 0 ? `${report.editors.join(", ")} и владелец файла` : "только владелец файла";
  if (report.protectedSheets.length > 0)
    lines.push(
      `Защищены листы с персональными данными: ${report.protectedSheets.map((s) => `«${s}»`).join(", ")}. Изменять их могут: ${who}.`,
    );
  if (report.updatedSheets.length > 0)
    lines.push(
      `Обновлён список тех, кто может изменять ${report.updatedSheets.map((s) => `«${s}»`).join(", ")}: ${who}.`,
    );
  if (report.curatorProtected.length > 0 && report.changed) {
    const names = report.curatorProtected.map((s) => `«${s}»`).join(", ");
    lines.push(
      report.curatorProtected.length === 1
        ? `Лист ${names} уже защищён вами — защита оставлена как есть.`
        : `Листы ${names} уже защищены вами — защита оставлена как есть.`,
    );
  }
  for (const w of report.warnings) lines.push(`Внимание: ${w}`);
  return lines;
}

/** «Настроить книгу», after the set-up: protects the sheets and returns the report lines. */
export function protectAfterSetup(settingsValues: CellValue[][] | null): string[] {
  const services = {
    SpreadsheetApp,
    Session,
    DriveApp: typeof DriveApp === "undefined" ? undefined : DriveApp,
  } as unknown as ProtectionServices;
  try {
    return describeProtection(protectPersonalSheets(services, settingsValues));
  } catch (error) {
    return [`Внимание: листы с персональными данными защитить не удалось: ${userMessage(error)}`];
  }
}
