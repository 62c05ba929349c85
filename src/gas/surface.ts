// The narrow part of the Apps Script API the adapters use. Every interface here is a
// structural subset of the real `GoogleAppsScript.*` type, so the real services can be
// passed where these are expected (checked at the bottom of this file), and the test fakes
// (test/fakes/gas.ts) implement exactly these interfaces.
//
// Methods that return primitives are picked from the real types, so their names and
// signatures cannot drift; methods that return other Apps Script objects are re-declared to
// return the narrow type instead.

import type { CellValue } from "../domain/cells";

type GRange = GoogleAppsScript.Spreadsheet.Range;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GProtection = GoogleAppsScript.Spreadsheet.Protection;
type GDataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GBooleanCondition = GoogleAppsScript.Spreadsheet.BooleanCondition;
type GConditionalFormatRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type GConditionalFormatRuleBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;

/** `SpreadsheetApp.ProtectionType.*` values (opaque enum objects in Apps Script). */
export type ProtectionTypeValue = GoogleAppsScript.Spreadsheet.ProtectionType;
/** `SpreadsheetApp.DataValidationCriteria.*` values. */
export type CriteriaTypeValue = GoogleAppsScript.Spreadsheet.DataValidationCriteria;
export type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;
/** `SpreadsheetApp.BooleanCriteria.*` values (criteria of conditional format rules). */
export type BooleanCriteriaValue = GoogleAppsScript.Spreadsheet.BooleanCriteria;

export interface ProtectionLike extends Pick<GProtection, "getDescription" | "isWarningOnly" | "remove"> {
  setDescription(description: string): ProtectionLike;
  setWarningOnly(warningOnly: boolean): ProtectionLike;
  getRange(): RangeLike;
}

export interface DataValidationLike
  extends Pick<GDataValidation, "getCriteriaType" | "getAllowInvalid" | "getHelpText"> {
  getCriteriaValues(): unknown[];
}

export interface DataValidationBuilderLike {
  requireValueInRange(range: RangeLike, showDropdown?: boolean): DataValidationBuilderLike;
  requireValueInList(values: string[], showDropdown?: boolean): DataValidationBuilderLike;
  requireCheckbox(): DataValidationBuilderLike;
  requireDate(): DataValidationBuilderLike;
  requireNumberBetween(start: number, end: number): DataValidationBuilderLike;
  requireNumberGreaterThanOrEqualTo(number: number): DataValidationBuilderLike;
  requireNumberLessThanOrEqualTo(number: number): DataValidationBuilderLike;
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilderLike;
  setHelpText(helpText: string): DataValidationBuilderLike;
  build(): DataValidationLike;
}

/**
 * The condition of a conditional format rule. getBackground / getFontColor are the string
 * getters of the typings (deprecated in the reference in favour of getBackgroundObject /
 * getFontColorObject, which return Color objects); null when the rule does not set them.
 */
export interface BooleanConditionLike
  extends Pick<GBooleanCondition, "getCriteriaType" | "getBackground" | "getFontColor"> {
  /** For CUSTOM_FORMULA: [formula], the formula as given to whenFormulaSatisfied. */
  getCriteriaValues(): unknown[];
}

export interface ConditionalFormatRuleLike {
  /** null for a rule that is not a boolean one (a colour scale). */
  getBooleanCondition(): BooleanConditionLike | null;
  getRanges(): RangeLike[];
}

export interface ConditionalFormatRuleBuilderLike {
  whenFormulaSatisfied(formula: string): ConditionalFormatRuleBuilderLike;
  setBackground(color: string | null): ConditionalFormatRuleBuilderLike;
  setFontColor(color: string | null): ConditionalFormatRuleBuilderLike;
  setRanges(ranges: RangeLike[]): ConditionalFormatRuleBuilderLike;
  build(): ConditionalFormatRuleLike;
}

export interface RangeLike
  extends Pick<
    GRange,
    | "getRow"
    | "getColumn"
    | "getNumRows"
    | "getNumColumns"
    | "getA1Notation"
    | "getFormulas"
    | "getNumberFormat"
    | "getNumberFormats"
    | "getNote"
    | "getFontWeight"
    | "getBackground"
    | "getWrap"
  > {
  /** Numbers, booleans, Dates and strings; empty cells are "". */
  getValues(): CellValue[][];
  setValues(values: CellValue[][]): RangeLike;
  setNumberFormat(numberFormat: string): RangeLike;
  setDataValidation(rule: DataValidationLike | null): RangeLike;
  getDataValidation(): DataValidationLike | null;
  getDataValidations(): (DataValidationLike | null)[][];
  setNote(note: string | null): RangeLike;
  setFontWeight(fontWeight: FontWeight | null): RangeLike;
  setBackground(color: string | null): RangeLike;
  setWrap(isWrapEnabled: boolean): RangeLike;
  protect(): ProtectionLike;
  getSheet(): SheetLike;
}

export interface SheetLike
  extends Pick<
    GSheet,
    | "getName"
    | "getLastRow"
    | "getLastColumn"
    | "getMaxRows"
    | "getMaxColumns"
    | "getFrozenRows"
    | "setFrozenRows"
    | "getColumnWidth"
    | "getTabColor"
  > {
  insertRowsAfter(afterPosition: number, howMany: number): SheetLike;
  deleteRows(rowPosition: number, howMany: number): void;
  insertColumnsAfter(afterPosition: number, howMany: number): SheetLike;
  /** 1-based, like Apps Script. */
  getRange(row: number, column: number, numRows?: number, numColumns?: number): RangeLike;
  getDataRange(): RangeLike;
  setColumnWidth(columnPosition: number, width: number): SheetLike;
  getProtections(type: ProtectionTypeValue): ProtectionLike[];
  setTabColor(color: string | null): SheetLike;
  /** Every conditional format rule of the sheet, in priority order. */
  getConditionalFormatRules(): ConditionalFormatRuleLike[];
  /** Replaces all the conditional format rules of the sheet with these. */
  setConditionalFormatRules(rules: ConditionalFormatRuleLike[]): void;
}

export interface SpreadsheetLike
  extends Pick<GSpreadsheet, "getId" | "getName" | "getSpreadsheetTimeZone" | "getNumSheets"> {
  getSheetByName(name: string): SheetLike | null;
  getSheets(): SheetLike[];
  insertSheet(sheetName: string, sheetIndex?: number): SheetLike;
}

export interface SpreadsheetAppLike {
  readonly ProtectionType: { readonly RANGE: ProtectionTypeValue; readonly SHEET: ProtectionTypeValue };
  readonly BooleanCriteria: { readonly CUSTOM_FORMULA: BooleanCriteriaValue };
  getActiveSpreadsheet(): SpreadsheetLike;
  newDataValidation(): DataValidationBuilderLike;
  newConditionalFormatRule(): ConditionalFormatRuleBuilderLike;
  /** Commits pending changes; Apps Script asks for it before releasing a lock. */
  flush(): void;
}

export interface PropertiesLike
  extends Pick<GoogleAppsScript.Properties.Properties, "getProperty" | "getProperties"> {
  setProperty(key: string, value: string): PropertiesLike;
  deleteProperty(key: string): PropertiesLike;
}

export interface PropertiesServiceLike {
  /** null outside a container-bound context (standalone script, web app). */
  getDocumentProperties(): PropertiesLike | null;
}

export type LockLike = Pick<GoogleAppsScript.Lock.Lock, "tryLock" | "waitLock" | "releaseLock" | "hasLock">;

export interface LockServiceLike {
  /** null outside a container-bound context (documented, though the typings say Lock). */
  getDocumentLock(): LockLike | null;
  getScriptLock(): LockLike;
}

export type UserLike = Pick<GoogleAppsScript.Base.User, "getEmail">;

export interface SessionLike {
  getActiveUser(): UserLike;
  getScriptTimeZone(): string;
}

/** The Apps Script globals the adapters need; later issues add FormApp, DocumentApp, MailApp… */
export interface GasGlobals {
  SpreadsheetApp: SpreadsheetAppLike;
  PropertiesService: PropertiesServiceLike;
  LockService: LockServiceLike;
  Session: SessionLike;
}

// Compile-time proof that the real services fit the narrow surface: if a declaration above
// drifts from @types/google-apps-script, type-checking fails here.
type Fits<Narrow, Real extends Narrow> = [Narrow, Real];
export type SurfaceMatchesAppsScript = [
  Fits<RangeLike, GRange>,
  Fits<SheetLike, GSheet>,
  Fits<SpreadsheetLike, GSpreadsheet>,
  Fits<ProtectionLike, GProtection>,
  Fits<DataValidationLike, GDataValidation>,
  Fits<DataValidationBuilderLike, GoogleAppsScript.Spreadsheet.DataValidationBuilder>,
  Fits<BooleanConditionLike, GBooleanCondition>,
  Fits<ConditionalFormatRuleLike, GConditionalFormatRule>,
  Fits<ConditionalFormatRuleBuilderLike, GConditionalFormatRuleBuilder>,
  Fits<SpreadsheetAppLike, GoogleAppsScript.Spreadsheet.SpreadsheetApp>,
  Fits<PropertiesLike, GoogleAppsScript.Properties.Properties>,
  Fits<PropertiesServiceLike, GoogleAppsScript.Properties.PropertiesService>,
  Fits<LockServiceLike, GoogleAppsScript.Lock.LockService>,
  Fits<SessionLike, GoogleAppsScript.Base.Session>,
  Fits<
    GasGlobals,
    {
      SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
      PropertiesService: GoogleAppsScript.Properties.PropertiesService;
      LockService: GoogleAppsScript.Lock.LockService;
      Session: GoogleAppsScript.Base.Session;
    }
  >,
];
