// Conditional-format rules of the add-on carry their id inside the formula, so both workbook
// adapters can tell their own rules from the curator's and replace only theirs.
// `N("nastavnik:<id>")` is 0 in Google Sheets, Excel and LibreOffice, so the rule colours
// exactly the same cells as the formula without it.

import type { ConditionalRule } from "./cells";

/** What marks a conditional format formula as the add-on's (inside a string literal). */
export const CONDITIONAL_MARK = "nastavnik:";

/** The formula of the add-on's rule, with its id embedded; starts with "=" (drop it for Excel). */
export function markedFormula(rule: Pick<ConditionalRule, "id" | "formula">): string {
  const body = rule.formula.trim().replace(/^=/, "");
  return `=AND(${body},N("${CONDITIONAL_MARK}${rule.id.replace(/"/g, '""')}")=0)`;
}

const MARK_RE = /N\(\s*"nastavnik:((?:[^"]|"")*)"\s*\)/i;

/** The id embedded by markedFormula, or null for a formula that is not the add-on's. */
export function markedRuleId(formula: string): string | null {
  const m = MARK_RE.exec(formula);
  return m?.[1] === undefined ? null : m[1].replace(/""/g, '"');
}

export function checkConditional(rule: ConditionalRule): void {
  const ok = (n: number) => Number.isInteger(n) && n >= 1;
  if (!ok(rule.fromCol) || !ok(rule.toCol) || rule.fromCol > rule.toCol) {
    throw new Error(
      `Некорректные столбцы условного форматирования «${rule.id}»: с ${rule.fromCol} по ${rule.toCol}`,
    );
  }
}
