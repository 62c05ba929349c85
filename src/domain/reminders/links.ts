// Personal form links without a service call per person: the app asks the forms service once
// per template (form, role, stage) with a placeholder for the pair, and each message gets the
// template with its own pair number put in.

import type { FormLinks, PlannedMessage, PrefillSpec } from "./types";

/** Stands for the pair ID in a prefilled template; only URL-safe characters. */
export const PAIR_PLACEHOLDER = "__PAIR__";

export function templateKey(spec: PrefillSpec): string {
  return `${spec.form}|${spec.role}|${spec.stage ?? ""}`;
}

/** The answers to prefill for a template, by question key of the form. */
export function prefillAnswers(spec: PrefillSpec): Record<string, string> {
  if (spec.form === "feedback") return { pairId: PAIR_PLACEHOLDER, role: spec.role, stage: spec.stage ?? "" };
  return { role: spec.role };
}

/** The link for one person: the template with their pair in it, or the form's plain link. */
export function personalLink(forms: FormLinks, spec: PrefillSpec, pairId = ""): string {
  const template = forms.prefilled[templateKey(spec)];
  if (template) return template.split(PAIR_PLACEHOLDER).join(encodeURIComponent(pairId));
  return forms.published[spec.form] ?? "";
}

/** The distinct templates the messages want (at most six for feedback and two for preferences). */
export function neededTemplates(messages: readonly PlannedMessage[]): PrefillSpec[] {
  const out = new Map<string, PrefillSpec>();
  for (const m of messages) {
    if (m.prefill && !out.has(templateKey(m.prefill))) out.set(templateKey(m.prefill), m.prefill);
  }
  return [...out.values()];
}
