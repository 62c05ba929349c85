// A plain in-memory FormsPort for use-case tests (the Apps Script fake is test/fakes/gas-forms.ts).
import type { FormSpec, FormSyncResult, FormsPort } from "../../src/app/ports";

export class MemoryForms implements FormsPort {
  readonly forms = new Map<string, FormSpec>();
  syncs = 0;
  private next = 1;

  sync(spec: FormSpec, formId: string | null): FormSyncResult {
    this.syncs++;
    const known = formId ? this.forms.get(formId) : undefined;
    const id = known && formId ? formId : `form-${this.next++}`;
    const before = new Map((known?.questions ?? []).map((q) => [q.key, JSON.stringify(q)]));
    const added = spec.questions.filter((q) => !before.has(q.key)).map((q) => q.key);
    const updated = spec.questions
      .filter((q) => before.has(q.key) && before.get(q.key) !== JSON.stringify(q))
      .map((q) => q.key);
    this.forms.set(id, spec);
    return {
      formId: id,
      publishedUrl: `https://docs.google.com/forms/d/e/${id}/viewform`,
      editUrl: `https://docs.google.com/forms/d/${id}/edit`,
      responsesSheet: `Ответы — ${spec.title}`,
      created: !known,
      added: known ? added : [],
      updated,
      foreignItems: [],
    };
  }

  prefilledUrl(formId: string, answers: Record<string, string>): string {
    const query = Object.entries(answers)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join("&");
    return `https://docs.google.com/forms/d/e/${formId}/viewform?${query}`;
  }
}
