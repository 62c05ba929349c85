// An in-memory DocumentsPort: templates are document models, a created document is the template
// with its fill, and `text` renders it the way a shell fills a Doc (repeating rows copied per
// item, placeholders replaced in body, tables, header and footer), so tests read real output.

import type { DocumentRef, DocumentsPort } from "../../src/app/ports";
import { placeholdersIn, scanModel, scanTableRow } from "../../src/domain/docs/fill";
import {
  type Block,
  type DocKind,
  type DocModel,
  type DocumentFill,
  type Paragraph,
  PLACEHOLDER,
  splitPlaceholder,
  type TemplateScan,
} from "../../src/domain/docs/model";

export interface MemoryDoc {
  id: string;
  url: string;
  folder: string;
  name: string;
  templateId: string;
  fill: DocumentFill;
  pdf: boolean;
}

export class MemoryDocuments implements DocumentsPort {
  readonly templates = new Map<string, { kind: DocKind; model: DocModel; url: string }>();
  readonly docs: MemoryDoc[] = [];
  /** Calls per method, to check a use case does not call more than it should. */
  readonly calls = { ensureTemplates: 0, scan: 0, existing: 0, create: 0 };
  /** Throws on this create call (1-based) before anything is made. */
  failOnCreate: number | null = null;
  /** Makes the document on this create call, then throws: a crash after the document exists. */
  crashAfterCreate: number | null = null;
  private next = 1;

  ensureTemplates(
    defaults: readonly { kind: DocKind; title: string; model: DocModel }[],
    known: Partial<Record<DocKind, string>>,
  ): Record<DocKind, DocumentRef & { created: boolean }> {
    this.calls.ensureTemplates++;
    const out = {} as Record<DocKind, DocumentRef & { created: boolean }>;
    for (const d of defaults) {
      const ref = known[d.kind];
      const found = ref ? this.findTemplate(ref) : null;
      if (found) {
        out[d.kind] = { id: found, url: this.templates.get(found)?.url ?? "", created: false };
        continue;
      }
      const id = `tpl-${this.next++}`;
      const url = `https://docs.example/${id}`;
      this.templates.set(id, { kind: d.kind, model: d.model, url });
      out[d.kind] = { id, url, created: true };
    }
    return out;
  }

  private findTemplate(ref: string): string | null {
    if (this.templates.has(ref)) return ref;
    for (const [id, t] of this.templates) if (t.url === ref) return id;
    return null;
  }

  /** Replaces a template's content, as a curator editing it would. */
  edit(kind: DocKind, change: (model: DocModel) => DocModel): void {
    for (const [id, t] of this.templates)
      if (t.kind === kind) this.templates.set(id, { ...t, model: change(t.model) });
  }

  scan(templateId: string): TemplateScan {
    this.calls.scan++;
    const t = this.templates.get(templateId);
    if (!t) throw new Error(`Шаблон ${templateId} не открывается`);
    return scanModel(t.model);
  }

  existing(folder: string, name: string): DocumentRef | null {
    this.calls.existing++;
    const d = this.docs.find((x) => x.folder === folder && x.name === name);
    return d ? { id: d.id, url: d.url } : null;
  }

  create(
    templateId: string,
    fill: DocumentFill,
    target: { folder: string; name: string; pdf: boolean },
  ): DocumentRef & { pdfUrl: string | null } {
    this.calls.create++;
    if (this.failOnCreate === this.calls.create) throw new Error("Сбой сервиса Документов");
    if (!this.templates.has(templateId)) throw new Error(`Шаблон ${templateId} не найден`);
    const id = `doc-${this.next++}`;
    const url = `https://docs.example/${id}`;
    this.docs.push({ id, url, folder: target.folder, name: target.name, templateId, fill, pdf: target.pdf });
    if (this.crashAfterCreate === this.calls.create) throw new Error("Exceeded maximum execution time");
    return { id, url, pdfUrl: target.pdf ? `${url}.pdf` : null };
  }

  /** The filled document as lines of text, by part. */
  text(doc: MemoryDoc): { header: string[]; body: string[]; footer: string[] } {
    const model = this.templates.get(doc.templateId)?.model;
    if (!model) throw new Error("no template");
    return {
      header: renderBlocks(model.header, doc.fill),
      body: renderBlocks(model.body, doc.fill),
      footer: renderBlocks(model.footer, doc.fill),
    };
  }
}

function replace(text: string, values: (name: string) => string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => values(name.trim()));
}

function paragraphText(p: Paragraph): string {
  return p.runs.map((r) => r.text).join("");
}

/** Fills blocks like a shell: repeating rows once per item (none — the row goes), then fields. */
export function renderBlocks(blocks: readonly Block[], fill: DocumentFill): string[] {
  const field = (name: string) => {
    if (!(name in fill.fields)) throw new Error(`no value for {{${name}}}`);
    return fill.fields[name] as string;
  };
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.type === "p") {
      lines.push(replace(paragraphText(block), field));
      continue;
    }
    for (const row of block.rows) {
      const texts = row.cells.map((c) => c.paragraphs.map(paragraphText).join(" / "));
      const { row: repeating } = scanTableRow(texts.flatMap(placeholdersIn));
      if (!repeating) {
        lines.push(`| ${texts.map((t) => replace(t, field)).join(" | ")} |`);
        continue;
      }
      for (const item of fill.collections[repeating.collection] ?? []) {
        lines.push(
          `| ${texts
            .map((t) =>
              replace(t, (name) => {
                const { collection, field: f } = splitPlaceholder(name);
                if (collection === null) return field(name);
                if (!(f in item)) throw new Error(`no value for {{${name}}}`);
                return item[f] as string;
              }),
            )
            .join(" | ")} |`,
        );
      }
    }
  }
  return lines;
}
