import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/app/errors";
import { scanModel } from "../../src/domain/docs/fill";
import { KINDS } from "../../src/domain/docs/kinds";
import { DOC_KINDS, type DocModel } from "../../src/domain/docs/model";
import { defaultTemplate } from "../../src/domain/docs/templates";
import { LocalDocuments, SHIPPED_TEMPLATES, safeFileName } from "../../src/local/documents";
import { docxText, renderDocx } from "../../src/local/docx";

const DEFAULTS = DOC_KINDS.map((kind) => ({ kind, title: KINDS[kind].title, model: defaultTemplate(kind) }));

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

const SMALL: DocModel = {
  font: { family: "Times New Roman", size: 14 },
  margins: { top: 20, right: 15, bottom: 20, left: 30 },
  header: [],
  footer: [{ type: "p", runs: [{ text: "{{Организация}}" }] }],
  body: [
    { type: "p", runs: [{ text: "Приказ № {{Номер приказа}}" }] },
    {
      type: "table",
      borders: true,
      widths: [1, 4],
      rows: [
        {
          cells: [
            { paragraphs: [{ type: "p", runs: [{ text: "{{Пары.№}}" }] }] },
            { paragraphs: [{ type: "p", runs: [{ text: "{{Пары.Наставник}}" }] }] },
          ],
        },
      ],
    },
  ],
};

const FILL = {
  fields: { "Номер приказа": "01-05/7", Организация: "СОШ № 1" },
  collections: { Пары: [{ "№": "1", Наставник: "Петров Иван Сергеевич" }] },
};

describe("safeFileName", () => {
  it("keeps Cyrillic, «№» and dashes, and replaces what file systems refuse", () => {
    expect(safeFileName("Приказ № 01-05/12 от 01.09.2025 — О закреплении наставнических пар (групп)")).toBe(
      "Приказ № 01-05-12 от 01.09.2025 — О закреплении наставнических пар (групп)",
    );
    expect(safeFileName('ППН: "Петров" <И.С.> | a*b?c\\d\te')).toBe("ППН. 'Петров' _И.С._ _ a_b_c-d e");
    expect(safeFileName("ППН — Петров И. С. — Иванова М. П.")).toBe("ППН — Петров И. С. — Иванова М. П");
    expect(safeFileName(" .. ")).toBe("документ");
    expect(safeFileName("я".repeat(300))).toHaveLength(150);
  });
});

describe("LocalDocuments.ensureTemplates", () => {
  it("copies the shipped templates into the curator's folder once", () => {
    const templatesDir = join(temp("tpl-"), "шаблоны");
    const docs = new LocalDocuments({ outDir: temp("out-"), templatesDir });
    const first = docs.ensureTemplates(DEFAULTS, {});
    for (const kind of DOC_KINDS) {
      const path = join(templatesDir, `${kind}.docx`);
      expect(first[kind]).toEqual({ id: path, url: pathToFileURL(path).href, created: true });
      expect(readFileSync(path)).toEqual(readFileSync(join(SHIPPED_TEMPLATES, `${kind}.docx`)));
    }
    const second = docs.ensureTemplates(DEFAULTS, {});
    expect(Object.values(second).every((r) => !r.created)).toBe(true);
  });

  it("uses the shipped templates in place when no folder is given", () => {
    const docs = new LocalDocuments({ outDir: temp("out-") });
    const refs = docs.ensureTemplates(DEFAULTS, {});
    expect(refs["pairs-order"]).toEqual({
      id: join(SHIPPED_TEMPLATES, "pairs-order.docx"),
      url: pathToFileURL(join(SHIPPED_TEMPLATES, "pairs-order.docx")).href,
      created: false,
    });
  });

  it("prefers a template recorded in «Настройки» (path, relative path or file URL) when the file exists", () => {
    const base = temp("book-");
    const mine = join(base, "мой приказ.docx");
    writeFileSync(mine, readFileSync(join(SHIPPED_TEMPLATES, "pairs-order.docx")));
    const docs = new LocalDocuments({
      outDir: join(base, "документы"),
      baseDir: base,
      templatesDir: join(base, "t"),
    });
    expect(docs.ensureTemplates(DEFAULTS, { "pairs-order": mine })["pairs-order"]?.id).toBe(mine);
    expect(docs.ensureTemplates(DEFAULTS, { "pairs-order": "мой приказ.docx" })["pairs-order"]?.id).toBe(
      mine,
    );
    expect(
      docs.ensureTemplates(DEFAULTS, { "pairs-order": pathToFileURL(mine).href })["pairs-order"],
    ).toMatchObject({
      id: mine,
      created: false,
    });
    // A deleted file or a Google Docs link falls back to the folder's template.
    for (const known of [join(base, "удалён.docx"), "https://docs.google.com/document/d/abc/edit"]) {
      expect(docs.ensureTemplates(DEFAULTS, { "pairs-order": known })["pairs-order"]?.id).toBe(
        join(base, "t", "pairs-order.docx"),
      );
    }
  });

  it("says in Russian when a shipped template is missing", () => {
    const docs = new LocalDocuments({
      outDir: temp("out-"),
      shippedDir: temp("empty-"),
      templatesDir: temp("t-"),
    });
    expect(() => docs.ensureTemplates(DEFAULTS, {})).toThrow(
      /Нет шаблона «Приказ о закреплении наставнических пар \(групп\)»: файла .*pairs-order\.docx нет в пакете/,
    );
  });
});

describe("LocalDocuments: scan, existing, create", () => {
  it("scans a template file, and reports a missing one in Russian", () => {
    const docs = new LocalDocuments({ outDir: temp("out-") });
    const path = join(SHIPPED_TEMPLATES, "program.docx");
    expect(docs.scan(path)).toEqual(scanModel(defaultTemplate("program")));
    expect(() => docs.scan(join(SHIPPED_TEMPLATES, "нет.docx"))).toThrow(UserError);
    expect(() => docs.scan(join(SHIPPED_TEMPLATES, "нет.docx"))).toThrow(/Шаблон «нет\.docx» не найден/);
  });

  it("writes the filled document under a safe name and finds it again", async () => {
    const base = temp("docs-");
    const template = join(base, "шаблон.docx");
    writeFileSync(template, await renderDocx(SMALL));
    const docs = new LocalDocuments({ outDir: join(base, "документы"), soffice: null });
    const folder = "Наставничество — приказы";
    const name = "Приказ № 01-05/7 от 01.09.2025 — О закреплении";
    expect(docs.existing(folder, name)).toBeNull();
    const made = docs.create(template, FILL, { folder, name, pdf: false });
    const path = join(base, "документы", folder, "Приказ № 01-05-7 от 01.09.2025 — О закреплении.docx");
    expect(made).toEqual({ id: path, url: pathToFileURL(path).href, pdfUrl: null });
    expect(docxText(readFileSync(path))).toBe("Приказ № 01-05/7\n1 | Петров Иван Сергеевич\nСОШ № 1");
    expect(docs.existing(folder, name)).toEqual({ id: path, url: pathToFileURL(path).href });
    expect(readdirSync(join(base, "документы", folder))).toEqual([
      "Приказ № 01-05-7 от 01.09.2025 — О закреплении.docx",
    ]);
    expect(docs.written).toEqual([path]);
  });

  it("leaves no file behind when the fill is incomplete", async () => {
    const base = temp("docs-");
    const template = join(base, "шаблон.docx");
    writeFileSync(template, await renderDocx(SMALL));
    const docs = new LocalDocuments({ outDir: join(base, "out"), soffice: null });
    expect(() =>
      docs.create(
        template,
        { fields: { Организация: "x" }, collections: { Пары: [] } },
        { folder: "f", name: "n", pdf: false },
      ),
    ).toThrow("Шаблон «шаблон.docx»: нет значения для поля {{Номер приказа}}.");
    expect(existsSync(join(base, "out", "f"))).toBe(false);
  });

  it("skips the PDF with a reason when LibreOffice is missing or fails", async () => {
    const base = temp("docs-");
    const template = join(base, "шаблон.docx");
    writeFileSync(template, await renderDocx(SMALL));
    const none = new LocalDocuments({ outDir: join(base, "a"), soffice: null });
    expect(none.create(template, FILL, { folder: "", name: "Приказ", pdf: true }).pdfUrl).toBeNull();
    expect(none.pdfProblem).toBe("PDF не создан: не установлен LibreOffice (https://ru.libreoffice.org).");
    expect(readdirSync(join(base, "a"))).toEqual(["Приказ.docx"]);
    const broken = new LocalDocuments({ outDir: join(base, "b"), soffice: "/bin/false" });
    expect(broken.create(template, FILL, { folder: "", name: "Приказ", pdf: true }).pdfUrl).toBeNull();
    expect(broken.pdfProblem).toMatch(/^PDF не создан: LibreOffice не смог преобразовать «Приказ\.docx»/);
    broken.close();
  });
});
