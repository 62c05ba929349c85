// The Google Docs adapter of the DocumentsPort against the DocumentApp / DriveApp fakes: default
// templates rendered once into «Наставничество — шаблоны», scans that agree with the domain's
// scanModel, documents copied and filled (body, header, footer, repeating rows), PDF copies,
// Russian errors, and service calls that do not grow with the number of rows. Then the fakes'
// own documented behaviour.

import { describe, expect, it } from "vitest";
import { UserError } from "../../src/app/errors";
import { scanModel } from "../../src/domain/docs/fill";
import { KINDS } from "../../src/domain/docs/kinds";
import {
  DOC_KINDS,
  type DocKind,
  type DocModel,
  type DocumentFill,
  type Paragraph,
  type TableRow,
} from "../../src/domain/docs/model";
import { defaultTemplate } from "../../src/domain/docs/templates";
import {
  A4,
  DRAFT_SUFFIX,
  docUrl,
  escapeRe2,
  FIRST_LINE_INDENT,
  folderKey,
  GasDocuments,
  placeholderPattern,
  TEMPLATES_FOLDER,
} from "../../src/gas/documents";
import { gasDocuments } from "../../src/gas/env";
import { META_PREFIX } from "../../src/gas/workbook";
import { createGasEnvironment, type GasEnvironment } from "../fakes/gas";
import {
  type DescribedBlock,
  type DescribedParagraph,
  type DescribedTable,
  DOC_MESSAGES,
  DOC_MIME,
  HORIZONTAL_ALIGNMENT,
  PDF_MIME,
} from "../fakes/gas-documents";

const ORDERS = "Наставничество — приказы";
const PT = 72 / 25.4;

function setup() {
  const gas = createGasEnvironment();
  const docs = gasDocuments(gas.globals.DocumentApp, gas.globals.DriveApp, gas.globals);
  return { gas, docs, app: gas.globals.DocumentApp, drive: gas.globals.DriveApp };
}

type POptions = Omit<Paragraph, "type" | "runs"> & { bold?: boolean };
function p(text: string, o: POptions = {}): Paragraph {
  const { bold, ...rest } = o;
  return { type: "p", runs: [{ text, ...(bold ? { bold: true } : {}) }], ...rest };
}
function row(cells: (string | Paragraph)[], header = false): TableRow {
  return {
    cells: cells.map((c) => ({ paragraphs: [typeof c === "string" ? p(c) : c] })),
    ...(header ? { header } : {}),
  };
}

/**
 * A small order: header and footer fields, a mixed-format line, an annex with a repeating row, a
 * paragraph on a new page (and one in the header, where a page break cannot be, so none is made).
 */
const ORDER: DocModel = {
  header: [p("{{Организация кратко}}", { align: "right", size: 10, pageBreakBefore: true })],
  body: [
    p("{{Организация}}", { align: "center", bold: true, spaceAfter: 12 }),
    p("ПРИКАЗ", { align: "center", bold: true, size: 16 }),
    {
      type: "p",
      runs: [{ text: "Назначить куратором " }, { text: "{{Куратор|вин}}", bold: true }, { text: "." }],
      align: "justify",
      indent: true,
    },
    {
      type: "table",
      widths: [1, 6, 4],
      borders: true,
      rows: [
        row(["№", "Наставник", "Срок"], true),
        row(["{{Пары.№}}", "{{Пары.Наставник}}", "{{Пары.Срок}} ({{Учебный год}})"]),
        row(["Итого", "{{Число пар}}", ""]),
      ],
    },
    p("Сумма: {{Сумма (руб.)}}; дата: {{ Дата }}", { pageBreakBefore: true }),
    {
      type: "table",
      widths: [3, 2],
      borders: false,
      rows: [row(["{{Должность директора}}", p("{{Директор подпись}}", { align: "right" })])],
    },
  ],
  footer: [p("Приказ № {{Номер приказа}}", { size: 9 })],
  font: { family: "Times New Roman", size: 14 },
  margins: { top: 20, right: 15, bottom: 20, left: 30 },
};

/** A template whose only table is the repeating row. */
const PLAN: DocModel = {
  header: [],
  body: [
    p("План встреч"),
    { type: "table", widths: [1, 3], borders: true, rows: [row(["{{План.№}}", "{{План.Тема}}"])] },
    p("Конец"),
  ],
  footer: [],
  font: { family: "Times New Roman", size: 12 },
  margins: { top: 20, right: 15, bottom: 20, left: 30 },
};

function render(
  docs: ReturnType<typeof gasDocuments>,
  model: DocModel,
  kind: DocKind = "pairs-order",
): string {
  return docs.ensureTemplates([{ kind, title: `Шаблон ${kind}`, model }], {})[kind].id;
}

function pairs(n: number): Record<string, string>[] {
  return Array.from({ length: n }, (_, i) => ({
    "№": String(i + 1),
    Наставник: `Наставник ${i + 1}`,
    Срок: `с 01.09.2025 по 31.05.2026 (${i + 1})`,
  }));
}

function orderFill(n: number): DocumentFill {
  return {
    fields: {
      "Организация кратко": "Школа № 1",
      Организация: "МБОУ «Средняя школа № 1»",
      "Куратор|вин": "Иванову Марию Петровну",
      "Учебный год": "2025/2026",
      "Число пар": String(n),
      "Сумма (руб.)": "1 000",
      Дата: "«01» сентября 2025 г.",
      "Должность директора": "Директор",
      "Директор подпись": "А. Б. Петров",
      "Номер приказа": "01-05/3",
    },
    collections: { Пары: pairs(n) },
  };
}

function paragraphs(blocks: readonly DescribedBlock[]): DescribedParagraph[] {
  return blocks.filter((b): b is DescribedParagraph => b.type === "p");
}
function tables(blocks: readonly DescribedBlock[]): DescribedTable[] {
  return blocks.filter((b): b is DescribedTable => b.type === "table");
}
function cellTexts(t: DescribedTable): string[][] {
  return t.rows.map((r) =>
    r.cells.map((c) => c.blocks.map((b) => (b.type === "p" ? b.text : "[table]")).join("\n")),
  );
}
function docFiles(gas: GasEnvironment, folder?: string) {
  return gas.globals.DriveApp.peekFiles().filter(
    (f) => f.mimeType === DOC_MIME && (folder === undefined || f.folder === folder),
  );
}

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

const DEFAULTS = DOC_KINDS.map((kind) => ({ kind, title: KINDS[kind].title, model: defaultTemplate(kind) }));

// ---------------------------------------------------------------------------------------------

describe("GasDocuments.ensureTemplates", () => {
  it("renders every default template once into «Наставничество — шаблоны»; a second call creates none", () => {
    const { gas, docs, drive } = setup();
    const first = docs.ensureTemplates(DEFAULTS, {});
    expect(Object.keys(first).sort()).toEqual([...DOC_KINDS].sort());
    expect(DOC_KINDS.every((k) => first[k].created)).toBe(true);
    const ids = DOC_KINDS.map((k) => first[k].id);
    expect(new Set(ids).size).toBe(DOC_KINDS.length);
    const made = docFiles(gas, TEMPLATES_FOLDER);
    expect(made.map((f) => f.name).sort()).toEqual(DOC_KINDS.map((k) => KINDS[k].title).sort());
    expect(drive.peekFolders().filter((f) => f.name === TEMPLATES_FOLDER)).toHaveLength(1);
    for (const k of DOC_KINDS) expect(first[k].url).toContain(first[k].id);

    const known = Object.fromEntries(DOC_KINDS.map((k) => [k, first[k].id]));
    const second = docs.ensureTemplates(DEFAULTS, known);
    expect(DOC_KINDS.map((k) => second[k])).toEqual(DOC_KINDS.map((k) => ({ ...first[k], created: false })));
    // Another run (a new adapter over the same workbook) finds the folder and the templates.
    const third = gasDocuments(gas.globals.DocumentApp, drive, gas.globals).ensureTemplates(DEFAULTS, known);
    expect(DOC_KINDS.every((k) => !third[k].created && third[k].id === first[k].id)).toBe(true);
    expect(docFiles(gas)).toHaveLength(DOC_KINDS.length);
    expect(drive.peekFolders()).toHaveLength(1);
  });

  it("re-creates a template deleted for good or moved to the trash, keeps the others", () => {
    const { gas, docs, drive } = setup();
    const first = docs.ensureTemplates(DEFAULTS, {});
    const known = Object.fromEntries(DOC_KINDS.map((k) => [k, first[k].id]));
    docs.ensureTemplates(DEFAULTS, known);
    drive.deleteForever(first.program.id);
    drive.trash(first.consent.id);
    const again = docs.ensureTemplates(DEFAULTS, known);
    expect(again.program.created).toBe(true);
    expect(again.consent.created).toBe(true);
    expect(again.program.id).not.toBe(first.program.id);
    expect(again.consent.id).not.toBe(first.consent.id);
    for (const k of DOC_KINDS.filter((k) => k !== "program" && k !== "consent")) {
      expect(again[k]).toEqual({ ...first[k], created: false });
    }
    expect(docFiles(gas, TEMPLATES_FOLDER).filter((f) => !f.trashed)).toHaveLength(DOC_KINDS.length);
  });

  it("a template rendered but not yet recorded (the run died) is used, not rendered again; a link cleared later gets a fresh one", () => {
    const { gas, docs } = setup();
    const first = docs.ensureTemplates(DEFAULTS, {});
    const retry = docs.ensureTemplates(DEFAULTS, {});
    expect(DOC_KINDS.map((k) => retry[k])).toEqual(DOC_KINDS.map((k) => first[k]));
    expect(docFiles(gas)).toHaveLength(DOC_KINDS.length);
    // Recorded in «Настройки» now…
    const known = Object.fromEntries(DOC_KINDS.map((k) => [k, first[k].id]));
    docs.ensureTemplates(DEFAULTS, known);
    // …then the curator clears the link of the programme: a new default template.
    const { program: _dropped, ...rest } = known;
    const reset = docs.ensureTemplates(DEFAULTS, rest);
    expect(reset.program.created).toBe(true);
    expect(reset.program.id).not.toBe(first.program.id);
    expect(docFiles(gas)).toHaveLength(DOC_KINDS.length + 1);
  });

  it("takes links as well as IDs, and keeps a template the curator made that DriveApp cannot see", () => {
    const { gas, docs, drive } = setup();
    const own = drive.seedDocument("Мой приказ", { body: ["{{Организация}}"] });
    expect(() => drive.getFileById(own)).toThrow(DOC_MESSAGES.notFound);
    const first = docs.ensureTemplates(DEFAULTS, { consent: own });
    const known = { ...Object.fromEntries(DOC_KINDS.map((k) => [k, docUrl(first[k].id)])), consent: own };
    const again = docs.ensureTemplates(DEFAULTS, known);
    expect(again.consent).toEqual({ id: own, url: docUrl(own), created: false });
    expect(again["pairs-order"]).toEqual({ ...first["pairs-order"], created: false });
    expect(docFiles(gas, TEMPLATES_FOLDER)).toHaveLength(DOC_KINDS.length - 1);
  });
});

describe("rendering a DocModel into a Google Doc", () => {
  it("A4 page and margins, fonts, alignment, indent, bold runs, tables with borders and widths, header and footer", () => {
    const { docs, app } = setup();
    const d = app.describe(render(docs, ORDER));
    expect(d.name).toBe("Шаблон pairs-order");
    expect(d.folder).toBe(TEMPLATES_FOLDER);
    expect(d.page.PAGE_WIDTH).toBeCloseTo(A4.width);
    expect(d.page.PAGE_HEIGHT).toBeCloseTo(A4.height);
    expect(d.page.MARGIN_LEFT).toBeCloseTo(30 * PT);
    expect(d.page.MARGIN_RIGHT).toBeCloseTo(15 * PT);
    expect(d.page.MARGIN_TOP).toBeCloseTo(20 * PT);

    // Blocks in order, no stray empty paragraph before the first; a paragraph closes the body.
    expect(d.body.map((b) => (b.type === "p" ? b.text : "[table]"))).toEqual([
      "{{Организация}}",
      "ПРИКАЗ",
      "Назначить куратором {{Куратор|вин}}.",
      "[table]",
      "Сумма: {{Сумма (руб.)}}; дата: {{ Дата }}",
      "[table]",
      "",
    ]);
    const [org, title, line] = paragraphs(d.body);
    // A page break before the paragraph that asks for one, and only there.
    expect(paragraphs(d.body).map((x) => [x.text, x.pageBreakBefore ?? false])).toEqual([
      ["{{Организация}}", false],
      ["ПРИКАЗ", false],
      ["Назначить куратором {{Куратор|вин}}.", false],
      ["Сумма: {{Сумма (руб.)}}; дата: {{ Дата }}", true],
      ["", false],
    ]);
    expect(paragraphs(d.header ?? []).some((x) => x.pageBreakBefore)).toBe(false);
    expect(org?.attrs).toMatchObject({
      HORIZONTAL_ALIGNMENT: HORIZONTAL_ALIGNMENT.CENTER,
      BOLD: true,
      FONT_FAMILY: "Times New Roman",
      FONT_SIZE: 14,
      SPACING_AFTER: 12,
    });
    expect(title?.attrs).toMatchObject({ FONT_SIZE: 16, BOLD: true });
    expect(line?.attrs).toMatchObject({ HORIZONTAL_ALIGNMENT: HORIZONTAL_ALIGNMENT.JUSTIFY });
    expect(line?.attrs.INDENT_FIRST_LINE).toBeCloseTo(FIRST_LINE_INDENT);
    expect(line?.runs).toEqual([
      { text: "Назначить куратором ", bold: false, italic: false, underline: false },
      { text: "{{Куратор|вин}}", bold: true, italic: false, underline: false },
      { text: ".", bold: false, italic: false, underline: false },
    ]);

    const [annex, signature] = tables(d.body);
    if (!annex || !signature) throw new Error("tables missing");
    expect(annex.attrs.BORDER_WIDTH).toBe(1);
    expect(signature.attrs.BORDER_WIDTH).toBe(0);
    const content = A4.width - 45 * PT;
    expect(annex.widths.map((w) => w / content)).toEqual(
      [1 / 11, 6 / 11, 4 / 11].map((x) => expect.closeTo(x, 6)),
    );
    expect(cellTexts(annex)).toEqual([
      ["№", "Наставник", "Срок"],
      ["{{Пары.№}}", "{{Пары.Наставник}}", "{{Пары.Срок}} ({{Учебный год}})"],
      ["Итого", "{{Число пар}}", ""],
    ]);
    expect(annex.rows[0]?.attrs.BOLD).toBe(true);
    expect(annex.rows[1]?.attrs.BOLD).toBeUndefined();
    expect(annex.attrs.FONT_FAMILY).toBe("Times New Roman");
    const right = signature.rows[0]?.cells[1]?.blocks[0];
    expect(right?.type === "p" && right.attrs.HORIZONTAL_ALIGNMENT).toBe(HORIZONTAL_ALIGNMENT.RIGHT);

    expect(
      paragraphs(d.header ?? []).map((x) => [x.text, x.attrs.HORIZONTAL_ALIGNMENT, x.attrs.FONT_SIZE]),
    ).toEqual([["{{Организация кратко}}", HORIZONTAL_ALIGNMENT.RIGHT, 10]]);
    expect(paragraphs(d.footer ?? []).map((x) => [x.text, x.attrs.FONT_SIZE])).toEqual([
      ["Приказ № {{Номер приказа}}", 9],
    ]);
  });

  it("a scan of every rendered default template equals scanModel of its model", () => {
    const { docs, app } = setup();
    const made = docs.ensureTemplates(DEFAULTS, {});
    for (const kind of DOC_KINDS) {
      const scan = docs.scan(made[kind].id);
      expect(scan, kind).toEqual(scanModel(defaultTemplate(kind)));
      expect(scan.fields.length, kind).toBeGreaterThan(0);
    }
    const rows = docs.scan(made["pairs-order"].id).rows;
    expect(rows.map((r) => r.collection)).toEqual(["Ознакомлены", "Пары"]);
    // The annex of an order starts on a new page.
    const annex = app
      .describe(made["pairs-order"].id)
      .body.find((b): b is DescribedParagraph => b.type === "p" && b.text === "Приложение");
    expect(annex?.pageBreakBefore).toBe(true);
  });
});

describe("GasDocuments.scan", () => {
  it("fields by place (a plain field inside a repeating row included), repeating rows with their fields", () => {
    const { docs } = setup();
    const scan = docs.scan(render(docs, ORDER));
    expect(scan).toEqual({
      fields: [
        { name: "Организация кратко", where: "header" },
        { name: "Организация", where: "body" },
        { name: "Куратор|вин", where: "body" },
        { name: "Учебный год", where: "body" },
        { name: "Число пар", where: "body" },
        { name: "Сумма (руб.)", where: "body" },
        { name: "Дата", where: "body" },
        { name: "Должность директора", where: "body" },
        { name: "Директор подпись", where: "body" },
        { name: "Номер приказа", where: "footer" },
      ],
      rows: [{ collection: "Пары", fields: ["№", "Наставник", "Срок"] }],
    });
    expect(scan).toEqual(scanModel(ORDER));
  });

  it("a collection field outside a table stays a field; a row naming two lists keeps the others for checkTemplate", () => {
    const { docs } = setup();
    const model: DocModel = {
      ...PLAN,
      body: [
        p("{{План.Тема}} {{Дата}}"),
        {
          type: "table",
          widths: [1, 1],
          borders: true,
          rows: [row(["{{План.№}}", "{{Пары.Наставник}} {{План.Тема}}"])],
        },
      ],
    };
    const scan = docs.scan(render(docs, model, "program"));
    expect(scan).toEqual({
      fields: [
        { name: "План.Тема", where: "body" },
        { name: "Дата", where: "body" },
      ],
      rows: [{ collection: "План", fields: ["№", "Тема"], others: ["Пары"] }],
    });
    expect(scan).toEqual(scanModel(model));
  });

  it("a template deleted for good: a Russian error naming its link", () => {
    const { docs, drive } = setup();
    const id = render(docs, ORDER);
    drive.deleteForever(id);
    const error = catchError(() => docs.scan(id));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(
      `Шаблон ${docUrl(id)} не открывается: его удалили или у вас нет доступа. Очистите ссылку в «Настройках» — надстройка создаст шаблон заново.`,
    );
  });
});

describe("GasDocuments.create", () => {
  it("fills body, header and footer; one row per item in order; heading and total rows keep their look; the template stays as it was", () => {
    const { gas, docs, app } = setup();
    const template = render(docs, ORDER);
    const before = app.peekText(template);
    const name = "Приказ № 01-05/3 от 01.09.2025 — О закреплении наставнических пар (групп)";
    const made = docs.create(template, orderFill(3), { folder: ORDERS, name, pdf: false });
    expect(made.pdfUrl).toBeNull();
    expect(made.url).toContain(made.id);
    expect(app.peekText(template)).toBe(before);

    const d = app.describe(made.id);
    expect(d.name).toBe(name);
    expect(d.folder).toBe(ORDERS);
    expect(app.peekText(made.id)).not.toMatch(/\{\{|\}\}/);
    expect(paragraphs(d.header ?? []).map((x) => x.text)).toEqual(["Школа № 1"]);
    expect(paragraphs(d.footer ?? []).map((x) => x.text)).toEqual(["Приказ № 01-05/3"]);
    expect(paragraphs(d.body).map((x) => x.text)).toEqual([
      "МБОУ «Средняя школа № 1»",
      "ПРИКАЗ",
      "Назначить куратором Иванову Марию Петровну.",
      "Сумма: 1 000; дата: «01» сентября 2025 г.",
      "",
    ]);
    // The filled name keeps the bold of its placeholder.
    expect(
      paragraphs(d.body)[2]
        ?.runs.filter((r) => r.bold)
        .map((r) => r.text),
    ).toEqual(["Иванову Марию Петровну"]);

    const [annex, signature] = tables(d.body);
    if (!annex || !signature) throw new Error("tables missing");
    expect(cellTexts(annex)).toEqual([
      ["№", "Наставник", "Срок"],
      ["1", "Наставник 1", "с 01.09.2025 по 31.05.2026 (1) (2025/2026)"],
      ["2", "Наставник 2", "с 01.09.2025 по 31.05.2026 (2) (2025/2026)"],
      ["3", "Наставник 3", "с 01.09.2025 по 31.05.2026 (3) (2025/2026)"],
      ["Итого", "3", ""],
    ]);
    // Heading: still bold (a copy of the template's row); item rows: the repeating row's look.
    expect(annex.rows[0]?.attrs.BOLD).toBe(true);
    for (const r of annex.rows.slice(1)) {
      expect(r.attrs).toMatchObject({ FONT_FAMILY: "Times New Roman", FONT_SIZE: 14 });
      expect(r.attrs.BOLD).not.toBe(true);
    }
    const templateAnnex = tables(app.describe(template).body)[0];
    expect(annex.widths).toEqual(templateAnnex?.widths);
    expect(annex.attrs.BORDER_WIDTH).toBe(1);
    expect(cellTexts(signature)).toEqual([["Директор", "А. Б. Петров"]]);
    expect(docFiles(gas, ORDERS).map((f) => f.name)).toEqual([name]);
  });

  it("the year's report: a row per indicator, per conclusion and per task; an empty list keeps its heading row", () => {
    const { app, docs } = setup();
    const id = render(docs, defaultTemplate("report"), "report");
    const scan = docs.scan(id);
    const fields = Object.fromEntries(scan.fields.map((f) => [f.name, `[${f.name}]`]));
    const texts = (name: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ "№": String(i + 1), Текст: `${name} ${i + 1}.` }));
    const made = docs.create(
      id,
      {
        fields,
        collections: {
          Показатели: [
            { Раздел: "Охват", Показатель: "Охват обучающихся, %", Значение: "57,1", Цель: "не менее 70" },
            { Раздел: "", Показатель: "Наставляемых без пары, чел.", Значение: "4", Цель: "" },
          ],
          Формы: [],
          Практики: [{ "№": "1", Практика: "Клуб «Старт»" }],
          Поощрены: [
            { "№": "1", ФИО: "Галкин Евгений Петрович", Должность: "инженер", Основание: "встречи: 4" },
          ],
          Выводы: texts("Вывод", 3),
          Задачи: texts("Задача", 2),
        },
      },
      { folder: "Наставничество — отчёты", name: "Отчёт", pdf: false },
    );
    const body = tables(app.describe(made.id).body).map(cellTexts);
    const find = (first: string) => body.find((t) => t[0]?.[0] === first);
    expect(find("Раздел")).toEqual([
      ["Раздел", "Показатель", "Значение", "Целевое значение"],
      ["Охват", "Охват обучающихся, %", "57,1", "не менее 70"],
      ["", "Наставляемых без пары, чел.", "4", ""],
    ]);
    expect(find("№")?.[0]).toEqual([
      "№",
      "Форма наставничества",
      "Пар",
      "Наставников",
      "Наставляемых",
      "Оценка наставляемых (1–10)",
    ]);
    expect(find("№")).toHaveLength(1);
    expect(find("Вывод 1.")).toEqual([["Вывод 1."], ["Вывод 2."], ["Вывод 3."]]);
    expect(find("1. Задача 1.")).toEqual([["1. Задача 1."], ["2. Задача 2."]]);
    expect(JSON.stringify(body)).not.toContain("{{");
  });

  it("repeating rows with 0, 1 and 50 items; a table holding only the repeating row goes when there are none", () => {
    const { app, docs } = setup();
    const template = render(docs, ORDER);
    const annexOf = (n: number) => {
      const made = docs.create(template, orderFill(n), { folder: ORDERS, name: `Приказ ${n}`, pdf: false });
      const annex = tables(app.describe(made.id).body)[0];
      if (!annex) throw new Error("no annex");
      return cellTexts(annex);
    };
    expect(annexOf(0)).toEqual([
      ["№", "Наставник", "Срок"],
      ["Итого", "0", ""],
    ]);
    expect(annexOf(1)).toEqual([
      ["№", "Наставник", "Срок"],
      ["1", "Наставник 1", "с 01.09.2025 по 31.05.2026 (1) (2025/2026)"],
      ["Итого", "1", ""],
    ]);
    const fifty = annexOf(50);
    expect(fifty).toHaveLength(52);
    expect(fifty.slice(1, 51).map((r) => r[0])).toEqual(Array.from({ length: 50 }, (_, i) => String(i + 1)));
    expect(fifty[50]).toEqual(["50", "Наставник 50", "с 01.09.2025 по 31.05.2026 (50) (2025/2026)"]);

    const plan = render(docs, PLAN, "program");
    const none = docs.create(
      plan,
      { fields: {}, collections: { План: [] } },
      { folder: ORDERS, name: "ППН 0", pdf: false },
    );
    expect(app.describe(none.id).body.map((b) => (b.type === "p" ? b.text : "[table]"))).toEqual([
      "План встреч",
      "Конец",
    ]);
    const two = docs.create(
      plan,
      {
        fields: {},
        collections: {
          План: [
            { "№": "1", Тема: "Знакомство" },
            { "№": "2", Тема: "Цели" },
          ],
        },
      },
      { folder: ORDERS, name: "ППН 2", pdf: false },
    );
    const planTable = tables(app.describe(two.id).body)[0];
    expect(planTable && cellTexts(planTable)).toEqual([
      ["1", "Знакомство"],
      ["2", "Цели"],
    ]);
  });

  it("`$`, backslashes and regex characters in values and placeholder names go in literally", () => {
    const { app, docs, gas } = setup();
    const template = render(docs, ORDER);
    const fill = orderFill(2);
    fill.fields["Куратор|вин"] = "Иванову $1 Марию $& \\n";
    fill.fields["Сумма (руб.)"] = "$$ 5.00 (a+b)*";
    fill.fields["Организация кратко"] = "Школа $0";
    fill.collections.Пары = [
      { "№": "1", Наставник: "$1 Петров \\ $", Срок: "a.b*c" },
      { "№": "2", Наставник: "Сидоров", Срок: "{1} [x] ^" },
    ];
    gas.calls.reset();
    const made = docs.create(template, fill, { folder: ORDERS, name: "Приказ $", pdf: false });
    // `$` values never went through replaceText (the fake reads a replacement as Java does).
    expect(gas.calls.byMethod["Body.findText"]).toBeGreaterThan(0);
    const d = app.describe(made.id);
    expect(paragraphs(d.header ?? [])[0]?.text).toBe("Школа $0");
    const texts = paragraphs(d.body).map((x) => x.text);
    expect(texts[2]).toBe("Назначить куратором Иванову $1 Марию $& \\n.");
    expect(texts[3]).toBe("Сумма: $$ 5.00 (a+b)*; дата: «01» сентября 2025 г.");
    const annex = tables(d.body)[0];
    expect(annex && cellTexts(annex).slice(1, 3)).toEqual([
      ["1", "$1 Петров \\ $", "a.b*c (2025/2026)"],
      ["2", "Сидоров", "{1} [x] ^ (2025/2026)"],
    ]);
    expect(app.peekText(made.id)).not.toContain("{{");
  });

  it("puts a PDF copy next to the document, once", () => {
    const { app, docs, drive } = setup();
    const template = render(docs, ORDER);
    const made = docs.create(template, orderFill(2), { folder: ORDERS, name: "Приказ № 7", pdf: true });
    const pdfs = drive.peekFiles().filter((f) => f.mimeType === PDF_MIME);
    expect(pdfs).toEqual([
      expect.objectContaining({ name: "Приказ № 7.pdf", folder: ORDERS, trashed: false }),
    ]);
    expect(made.pdfUrl).toContain(pdfs[0]?.id);
    expect(drive.peekData(pdfs[0]?.id ?? "")).toBe(app.peekText(made.id));
    expect(drive.peekData(pdfs[0]?.id ?? "")).toContain("Наставник 2");
  });

  it("existing: the finished document by name — not a draft, not one in the trash — and no folder made to look", () => {
    const { drive, docs, gas } = setup();
    expect(docs.existing(ORDERS, "Приказ № 1")).toBeNull();
    expect(drive.peekFolders()).toEqual([]);
    const template = render(docs, ORDER);
    const made = docs.create(template, orderFill(1), { folder: ORDERS, name: "Приказ № 1", pdf: false });
    expect(docs.existing(ORDERS, "Приказ № 1")).toEqual({ id: made.id, url: made.url });
    expect(docs.existing(ORDERS, `Приказ № 1${DRAFT_SUFFIX}`)).toBeNull();
    expect(docs.existing(ORDERS, "Приказ № 2")).toBeNull();
    drive.trash(made.id);
    expect(docs.existing(ORDERS, "Приказ № 1")).toBeNull();
    // Folders are looked up once and kept with the workbook.
    const folder = drive.peekFolders().find((f) => f.name === ORDERS);
    expect(gas.documentProperties.map.get(META_PREFIX + folderKey(ORDERS))).toBe(folder?.id);
  });

  it("a fill that fails leaves no document of the final name; a draft left behind is cleared by the next run", () => {
    const { gas, docs, drive } = setup();
    const template = render(docs, ORDER);
    const name = "Приказ № 3";
    drive.failNext(
      "Body.insertTable",
      "We're sorry, a server error occurred. Please wait a bit and try again.",
    );
    const error = catchError(() => docs.create(template, orderFill(2), { folder: ORDERS, name, pdf: false }));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(
      /^Не удалось заполнить документ «Приказ № 3» по шаблону https:\/\/docs\.google\.com\//,
    );
    expect(error.message).toContain("сервис Google Документов или Диска временно недоступен");
    expect(error.message).toContain("Черновик удалён в корзину");
    expect(docs.existing(ORDERS, name)).toBeNull();
    expect(docFiles(gas, ORDERS)).toEqual([
      expect.objectContaining({ name: name + DRAFT_SUFFIX, trashed: true }),
    ]);

    // The run dies before it can even trash the draft.
    drive.failNext("Body.insertTable", "Service Documents failed while accessing document.");
    drive.failNext("File.setTrashed", "Service error: Drive");
    catchError(() => docs.create(template, orderFill(2), { folder: ORDERS, name, pdf: false }));
    expect(
      docFiles(gas, ORDERS)
        .filter((f) => !f.trashed)
        .map((f) => f.name),
    ).toEqual([name + DRAFT_SUFFIX]);
    expect(docs.existing(ORDERS, name)).toBeNull();

    const made = docs.create(template, orderFill(2), { folder: ORDERS, name, pdf: false });
    expect(docFiles(gas, ORDERS).filter((f) => !f.trashed)).toEqual([
      expect.objectContaining({ id: made.id, name }),
    ]);
  });

  it("a template deleted or trashed: a Russian error, nothing created", () => {
    const { gas, docs, drive } = setup();
    const deleted = render(docs, ORDER);
    const trashed = render(docs, PLAN, "program");
    drive.deleteForever(deleted);
    drive.trash(trashed);
    for (const id of [deleted, trashed]) {
      const error = catchError(() =>
        docs.create(id, orderFill(1), { folder: ORDERS, name: "Приказ", pdf: false }),
      );
      expect(error).toBeInstanceOf(UserError);
      expect(error.message).toContain(
        `Шаблон ${docUrl(id)} не открывается: его удалили или у вас нет доступа.`,
      );
    }
    expect(docFiles(gas, ORDERS)).toEqual([]);
  });

  it("copies a template the curator made (invisible to DriveApp) element by element, then fills it", () => {
    const { app, docs, drive } = setup();
    const own = drive.seedDocument("Мой шаблон приказа", {
      header: ["{{Организация кратко}}"],
      body: [
        "Приказ № {{Номер приказа}}",
        [
          ["№", "Наставник"],
          ["{{Пары.№}}", "{{Пары.Наставник}}"],
        ],
        "Директор {{Директор подпись}}",
      ],
      footer: ["стр. 1"],
    });
    const fill: DocumentFill = {
      fields: {
        "Номер приказа": "12",
        "Директор подпись": "А. Б. Петров",
        "Организация кратко": "Школа № 1",
      },
      collections: { Пары: pairs(2) },
    };
    const made = docs.create(own, fill, { folder: ORDERS, name: "Приказ № 12", pdf: false });
    const d = app.describe(made.id);
    expect(d.folder).toBe(ORDERS);
    expect(d.body.map((b) => (b.type === "p" ? b.text : cellTexts(b)))).toEqual([
      "Приказ № 12",
      [
        ["№", "Наставник"],
        ["1", "Наставник 1"],
        ["2", "Наставник 2"],
      ],
      "",
      "Директор А. Б. Петров",
    ]);
    // The same blocks as the template: no empty paragraph added or lost on the way.
    expect(app.describe(own).body.map((b) => b.type)).toEqual(d.body.map((b) => b.type));
    expect(paragraphs(d.header ?? []).map((x) => x.text)).toEqual(["Школа № 1"]);
    expect(paragraphs(d.footer ?? []).map((x) => x.text)).toEqual(["стр. 1"]);
    expect(app.peekText(own)).toContain("{{Пары.Наставник}}");
  });

  it("service calls do not grow with the rows: 10 and 200 pairs of the default order cost the same", () => {
    const { gas, docs } = setup();
    const made = docs.ensureTemplates(DEFAULTS, {});
    const id = made["pairs-order"].id;
    const scan = docs.scan(id);
    const fillFor = (n: number): DocumentFill => ({
      fields: Object.fromEntries(scan.fields.map((f) => [f.name, `значение ${f.name}`])),
      // Every repeating row (the pairs, those to sign the order) with n items.
      collections: Object.fromEntries(
        scan.rows.map((row) => [
          row.collection,
          Array.from({ length: n }, (_, i) =>
            Object.fromEntries(row.fields.map((f) => [f, `${f} ${i + 1}`])),
          ),
        ]),
      ),
    });
    const measure = (n: number) => {
      gas.calls.reset();
      docs.create(id, fillFor(n), { folder: ORDERS, name: `Приказ на ${n} пар`, pdf: true });
      return gas.calls.snapshot();
    };
    measure(1); // the orders folder is found and cached by the first document
    const ten = measure(10);
    const many = measure(200);
    expect(many.total - ten.total).toBeLessThanOrEqual(190);
    expect(many.total).toBe(ten.total);
    expect(many.byMethod).toEqual(ten.byMethod);
    // One table built per repeating row, whatever the number of pairs.
    expect(ten.byMethod["Body.insertTable"]).toBe(scan.rows.length);
  });
});

// ---------------------------------------------------------------------------------------------

describe("the DocumentApp / DriveApp fakes", () => {
  function doc() {
    const { app, drive, gas } = setup();
    const d = app.create("Проба");
    const body = d.getBody();
    body.getChild(0).asParagraph().setText("{{A}} и {{B}}");
    body.appendParagraph("{{A");
    body.appendParagraph("}} {{A}}");
    return { app, drive, gas, d, body };
  }

  it("replaceText matches each paragraph on its own, with RE2 escapes; the new text takes the replaced text's look", () => {
    const { body } = doc();
    body.getChild(0).asParagraph().editAsText().setAttributes(8, 12, { BOLD: true });
    body.replaceText(placeholderPattern("A"), "один");
    body.replaceText(placeholderPattern("B"), "два");
    expect(body.getText()).toBe("один и два\n{{A\n}} один");
    const first = body.getChild(0).asParagraph();
    expect(first.getAttributes().BOLD).toBeNull();
    expect(first.editAsText().getText()).toBe("один и два");
    expect(escapeRe2("Сумма (руб.)|вин $ * [x] {y}")).toBe(
      "Сумма \\(руб\\.\\)\\|вин \\$ \\* \\[x\\] \\{y\\}",
    );
    body.replaceText("^.*два$", "целиком");
    expect(body.getText()).toBe("целиком\n{{A\n}} один");
    expect(() => body.replaceText("(?<=a)b", "x")).toThrow(DOC_MESSAGES.invalidPattern("(?<=a)b"));
  });

  it("reads a replacement as Java does: groups, `\\` escapes, errors for `$` without a group", () => {
    const { body } = doc();
    expect(() => body.replaceText(placeholderPattern("A"), "$1")).toThrow(DOC_MESSAGES.noGroup(1));
    expect(() => body.replaceText(placeholderPattern("A"), "5 $")).toThrow(
      DOC_MESSAGES.illegalGroupReference,
    );
    expect(() => body.replaceText(placeholderPattern("A"), "a\\")).toThrow(DOC_MESSAGES.escapeMissing);
    body.replaceText(placeholderPattern("A"), "\\$5 $0");
    expect(body.getText()).toBe("$5 {{A}} и {{B}}\n{{A\n}} $5 {{A}}");
  });

  it("elements: copies are detached, attached ones cannot be inserted, appendTable adds a paragraph, the last paragraph stays", () => {
    const { body } = doc();
    const table = body.appendTable([["a", "b"], ["c"]]);
    expect(body.getNumChildren()).toBe(5);
    expect(body.getChild(4).asParagraph().getText()).toBe("");
    expect(() => table.insertTableRow(0, table.getRow(1))).toThrow(DOC_MESSAGES.mustBeDetached);
    table.insertTableRow(0, table.getRow(1).copy());
    expect(table.getText()).toBe("c\na\nb\nc");
    body.insertTable(0, [["x"]]);
    expect(body.getNumChildren()).toBe(6);
    expect(() => body.getChild(4).asParagraph()).toThrow(DOC_MESSAGES.conversion("TABLE", "PARAGRAPH"));
    expect(() => body.getChild(6)).toThrow(DOC_MESSAGES.childIndex(6, 6));
    expect(() => body.getChild(5).asParagraph().removeFromParent()).toThrow(DOC_MESSAGES.lastParagraph);
    expect(() => body.appendParagraph(body.getChild(1).asParagraph())).toThrow(DOC_MESSAGES.mustBeDetached);
    const moved = body.getChild(1).asParagraph().removeFromParent();
    body.appendParagraph(moved);
    expect(body.getText().split("\n").at(-1)).toBe("{{A}} и {{B}}");
  });

  it("a document is saved by saveAndClose; Drive copies and exports the saved version; a closed document refuses changes", () => {
    const { app, drive, d, body } = doc();
    const id = d.getId();
    const file = drive.getFileById(id);
    expect(app.peekText(id)).toBe("");
    const folder = drive.createFolder("Папка");
    const early = file.makeCopy("Ранняя копия", folder);
    d.saveAndClose();
    expect(() => body.getText()).toThrow(DOC_MESSAGES.closed);
    expect(() => d.getBody()).toThrow(DOC_MESSAGES.closed);
    expect(app.peekText(early.getId())).toBe("");
    expect(app.peekText(id)).toBe("{{A}} и {{B}}\n{{A\n}} {{A}}");
    const blob = file.getAs(PDF_MIME);
    expect(blob.getName()).toBe("Проба.pdf");
    expect(blob.getDataAsString()).toBe(app.peekText(id));
    expect(app.openById(id).getBody().getText()).toBe(app.peekText(id));
  });

  it("Drive: the trash still opens, deleted files do not; drive.file hides the user's files; iterators list trashed files", () => {
    const { app, drive, d } = doc();
    const id = d.getId();
    d.saveAndClose();
    const folder = drive.createFolder("Папка");
    drive.getFileById(id).moveTo(folder);
    drive.trash(id);
    expect(app.openById(id).getName()).toBe("Проба");
    const it = folder.getFilesByName("Проба");
    expect(it.hasNext() && it.next().isTrashed()).toBe(true);
    drive.deleteForever(id);
    expect(() => app.openById(id)).toThrow(DOC_MESSAGES.missing(id));
    expect(() => drive.getFileById(id)).toThrow(DOC_MESSAGES.notFound);
    expect(folder.getFilesByName("Проба").hasNext()).toBe(false);
    const own = drive.seedDocument("Личный", { body: ["текст"] });
    expect(app.openById(own).getBody().getText()).toBe("текст");
    expect(() => drive.getFileById(own)).toThrow(DOC_MESSAGES.notFound);
    drive.createFolder("Личный");
    expect(drive.getFoldersByName("Личный").hasNext()).toBe(true);
  });
});

// The adapter class is what gasDocuments builds.
it("gasDocuments builds the adapter over the globals", () => {
  const { docs } = setup();
  expect(docs).toBeInstanceOf(GasDocuments);
});
