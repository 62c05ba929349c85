import { DOMParser } from "@xmldom/xmldom";
import PizZip from "pizzip";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/app/errors";
import { scanModel } from "../../src/domain/docs/fill";
import type { DocModel, DocumentFill, Paragraph, Run, Table } from "../../src/domain/docs/model";
import { docxText, fillDocx, modelText, renderDocx, scaleWidths, scanDocx } from "../../src/local/docx";

const p = (text: string, extra: Partial<Paragraph> = {}): Paragraph => ({
  type: "p",
  runs: [{ text }],
  ...extra,
});
const runs = (...list: Run[]): Paragraph => ({ type: "p", runs: list });
/** `{{Организация}}` in three runs with different formatting, as Word leaves it after editing. */
const split = (prefix = ""): Paragraph =>
  runs(
    { text: `${prefix}{{Орга`, bold: true },
    { text: "низа", italic: true },
    { text: "ция}} — конец", underline: true },
  );

function annex(): Table {
  return {
    type: "table",
    borders: true,
    widths: [1, 6, 6, 3],
    rows: [
      {
        header: true,
        cells: [
          { paragraphs: [p("№")] },
          { paragraphs: [p("Наставник")] },
          { paragraphs: [p("Наставляемый")] },
          { paragraphs: [p("Форма")] },
        ],
      },
      {
        cells: [
          { paragraphs: [p("{{Пары.№}}", { align: "center" })] },
          { paragraphs: [p("{{Пары.Наставник}}"), p("{{Пары.Должность наставника}}")] },
          { paragraphs: [runs({ text: "{{ Пары." }, { text: "Наставляемый", bold: true }, { text: " }}" })] },
          { paragraphs: [p("{{Пары.Форма}} ({{Дата приказа кратко}})")] },
        ],
      },
    ],
  };
}

function model(): DocModel {
  return {
    font: { family: "Times New Roman", size: 14 },
    margins: { top: 20, right: 15, bottom: 20, left: 30 },
    header: [split("Шапка: ")],
    footer: [p("{{Организация кратко}}", { size: 10 }), split()],
    body: [
      split(),
      p("ПРИКАЗ", { align: "center", spaceAfter: 12 }),
      p("Назначить куратором {{Куратор|вин}}.", { indent: true, align: "justify" }),
      {
        type: "table",
        borders: false,
        widths: [1, 1],
        rows: [
          {
            cells: [
              { paragraphs: [split()] },
              { paragraphs: [p("№ {{Номер приказа}}", { align: "right" })] },
            ],
          },
        ],
      },
      annex(),
      p("Директор {{Директор подпись}}"),
    ],
  };
}

const FIELDS: Record<string, string> = {
  Организация: "МБОУ «СОШ № 7»",
  "Организация кратко": "СОШ № 7",
  "Куратор|вин": "Иванову Марию Петровну",
  "Номер приказа": "01-05/12",
  "Дата приказа кратко": "01.09.2025",
  "Директор подпись": "А. Б. Сидоров",
};

function pairs(n: number): Record<string, string>[] {
  return Array.from({ length: n }, (_, i) => ({
    "№": String(i + 1),
    Наставник: `Наставник ${i + 1}`,
    "Должность наставника": "учитель",
    Наставляемый: `Наставляемый ${i + 1}`,
    Форма: "учитель – учитель",
  }));
}

const fill = (n: number, fields = FIELDS): DocumentFill => ({ fields, collections: { Пары: pairs(n) } });

/** Edits one XML part of a .docx (to imitate what Word writes). */
function editPart(bytes: Buffer, path: string, edit: (xml: string) => string): Buffer {
  const zip = new PizZip(bytes);
  zip.file(path, edit(zip.file(path)?.asText() ?? ""));
  return zip.generate({ type: "nodebuffer" });
}

function partXml(bytes: Buffer, pattern: RegExp): string {
  const zip = new PizZip(bytes);
  const name = Object.keys(zip.files).find((n) => pattern.test(n));
  return name ? (zip.file(name)?.asText() ?? "") : "";
}

describe("renderDocx", () => {
  it("renders the model's text, placeholders and layout", async () => {
    const bytes = await renderDocx(model());
    expect(docxText(bytes)).toBe(modelText(model()));
    const xml = partXml(bytes, /^word\/document\.xml$/);
    // Margins 30/15/20/20 mm in twips, A4.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    // First-line indent 1.25 cm, justified text.
    expect(xml).toMatch(/<w:ind w:firstLine="709"\/>/);
    expect(xml).toMatch(/<w:jc w:val="both"\/>/);
    // The annex repeats its header row; the layout table has no borders, the annex has them.
    expect(xml).toMatch(/<w:tblHeader\/>/);
    expect(xml).toMatch(/<w:top w:val="none"/);
    expect(xml).toMatch(/<w:top w:val="single" w:color="000000" w:sz="4"/);
    // Widths 1:6:6:3 of the text width (11906 − 1701 − 850 = 9355 twips).
    expect(xml).toContain(
      '<w:gridCol w:w="585"/><w:gridCol w:w="3508"/><w:gridCol w:w="3508"/><w:gridCol w:w="1754"/>',
    );
    const styles = partXml(bytes, /^word\/styles\.xml$/);
    expect(styles).toMatch(/w:ascii="Times New Roman"/);
    expect(styles).toMatch(/<w:sz w:val="28"\/>/);
    // The footer's small print: 10 pt.
    expect(partXml(bytes, /^word\/footer\d*\.xml$/)).toMatch(/<w:sz w:val="20"\/>/);
  });

  it("scales relative widths to integers that add up to the text width", () => {
    expect(scaleWidths([1, 1, 1], 100)).toEqual([34, 33, 33]);
    expect(scaleWidths([0, 0], 10)).toEqual([5, 5]);
    expect(scaleWidths([2, 6, 6, 3, 3], 9355).reduce((a, b) => a + b, 0)).toBe(9355);
  });
});

describe("scanDocx", () => {
  it("finds placeholders in body, tables, header and footer, and the repeating row", async () => {
    const scan = scanDocx(await renderDocx(model()));
    expect(scan).toEqual(scanModel(model()));
    expect(scan.fields).toEqual([
      { name: "Организация", where: "header" },
      { name: "Организация", where: "body" },
      { name: "Куратор|вин", where: "body" },
      { name: "Номер приказа", where: "body" },
      { name: "Дата приказа кратко", where: "body" },
      { name: "Директор подпись", where: "body" },
      { name: "Организация кратко", where: "footer" },
      { name: "Организация", where: "footer" },
    ]);
    expect(scan.rows).toEqual([
      { collection: "Пары", fields: ["№", "Наставник", "Должность наставника", "Наставляемый", "Форма"] },
    ]);
  });

  it("joins runs split by Word's proofing marks and bookmarks", async () => {
    const bytes = editPart(await renderDocx(model()), "word/document.xml", (xml) =>
      xml.replace(
        /<w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:t xml:space="preserve">низа/g,
        (m) => `<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="x"/>${m}`,
      ),
    );
    expect(partXml(bytes, /document\.xml$/)).toContain("proofErr");
    expect(scanDocx(bytes).fields.map((f) => f.name)).toContain("Организация");
  });

  it("reports a second collection in a row with its prefix, and collection fields outside rows", async () => {
    const m = model();
    m.body.push(p("{{Пары.Наставник}} вне таблицы"));
    const row = (m.body[4] as Table).rows[1];
    row?.cells.push({ paragraphs: [p("{{Совет.ФИО}}")] });
    const bytes = await renderDocx(m);
    const scan = scanDocx(bytes);
    expect(scan.fields).toContainEqual({ name: "Пары.Наставник", where: "body" });
    expect(scan.rows).toEqual([
      {
        collection: "Пары",
        fields: ["№", "Наставник", "Должность наставника", "Наставляемый", "Форма"],
        others: ["Совет"],
      },
    ]);
    expect(scan).toEqual(scanModel(m));
    expect(() => fillDocx(bytes, fill(1))).toThrow(/в одной строке таблицы поля двух коллекций/);
  });

  it("refuses a file that is not a .docx, in Russian", () => {
    expect(() => scanDocx(Buffer.from("не документ"), "Шаблон «x.docx»")).toThrow(
      /Шаблон «x\.docx» — не документ Word/,
    );
  });
});

describe("fillDocx", () => {
  it("fills placeholders split over three runs in body, table, header and footer, keeping the formatting", async () => {
    const filled = fillDocx(await renderDocx(model()), fill(2));
    const text = docxText(filled);
    expect(text).not.toContain("{{");
    expect(text).not.toContain("}}");
    expect(text.split("\n")).toEqual([
      "Шапка: МБОУ «СОШ № 7» — конец",
      "МБОУ «СОШ № 7» — конец",
      "ПРИКАЗ",
      "Назначить куратором Иванову Марию Петровну.",
      "МБОУ «СОШ № 7» — конец | № 01-05/12",
      "№ | Наставник | Наставляемый | Форма",
      "1 | Наставник 1 учитель | Наставляемый 1 | учитель – учитель (01.09.2025)",
      "2 | Наставник 2 учитель | Наставляемый 2 | учитель – учитель (01.09.2025)",
      "Директор А. Б. Сидоров",
      "СОШ № 7",
      "МБОУ «СОШ № 7» — конец",
    ]);
    // The value takes the formatting of the run the placeholder started in (bold); the rest of
    // the paragraph keeps its own (the underlined « — конец»).
    const body = partXml(filled, /document\.xml$/);
    expect(body).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*<w:t[^>]*>МБОУ «СОШ № 7»<\/w:t>/);
    expect(body).toMatch(/<w:u w:val="single"\/>(?:(?!<\/w:r>).)*<w:t[^>]*> — конец<\/w:t>/);
    expect(partXml(filled, /header\d*\.xml$/)).toContain("МБОУ «СОШ № 7»");
  });

  it("fills placeholders Word split with proofing marks between the runs", async () => {
    const bytes = editPart(await renderDocx(model()), "word/document.xml", (xml) =>
      xml.replace(
        /<w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:t xml:space="preserve">низа/g,
        (m) => `<w:proofErr w:type="spellStart"/>${m}`,
      ),
    );
    expect(docxText(fillDocx(bytes, fill(1)), "body").split("\n")[0]).toBe("МБОУ «СОШ № 7» — конец");
  });

  it.each([0, 1, 30])("copies the repeating row once per item: %i", async (n) => {
    const filled = fillDocx(await renderDocx(model()), fill(n));
    const lines = docxText(filled, "body").split("\n");
    const rows = lines.filter((l) => /^\d+ \| Наставник \d+/.test(l));
    expect(rows).toHaveLength(n);
    expect(rows.map((l) => l.split(" | ")[0])).toEqual(Array.from({ length: n }, (_, i) => String(i + 1)));
    // The header row stays, the template row never does, and no row is left empty.
    expect(lines).toContain("№ | Наставник | Наставляемый | Форма");
    expect(lines.some((l) => l.includes("{{") || /^[\s|]*$/.test(l))).toBe(false);
    const xml = partXml(filled, /document\.xml$/);
    expect(xml.match(/<w:tr[ >]/g)).toHaveLength(1 + 1 + n);
    // A well-formed document.
    let errors = 0;
    new DOMParser({ onError: () => void errors++ }).parseFromString(xml, "text/xml");
    expect(errors).toBe(0);
  });

  it("copies a one-cell repeating row as rows, not the text inside its paragraph", async () => {
    const m: DocModel = {
      ...model(),
      body: [
        p("Выводы"),
        {
          type: "table",
          borders: false,
          widths: [1],
          rows: [{ cells: [{ paragraphs: [p("{{Выводы.№}}. {{Выводы.Текст}}", { indent: true })] }] }],
        },
        p("Конец"),
      ],
    };
    const items = ["Первый.", "Второй.", "Третий."].map((t, i) => ({ "№": String(i + 1), Текст: t }));
    const filled = fillDocx(await renderDocx(m), { fields: FIELDS, collections: { Выводы: items } });
    expect(docxText(filled, "body").split("\n")).toEqual([
      "Выводы",
      "1. Первый.",
      "2. Второй.",
      "3. Третий.",
      "Конец",
    ]);
    const xml = partXml(filled, /document\.xml$/);
    expect(xml.match(/<w:tr[ >]/g)).toHaveLength(3);
    // Each row keeps the paragraph's look.
    expect(xml.match(/<w:ind w:firstLine=/g)).toHaveLength(3);
  });

  it("puts values in as plain text, escaped", async () => {
    const fields = { ...FIELDS, Организация: "<script>&amp;</script> & «кавычки»" };
    const filled = fillDocx(await renderDocx(model()), fill(1, fields));
    expect(docxText(filled, "body").split("\n")[0]).toBe("<script>&amp;</script> & «кавычки» — конец");
    expect(partXml(filled, /document\.xml$/)).toContain(
      "&lt;script&gt;&amp;amp;&lt;/script&gt; &amp; «кавычки»",
    );
  });

  it("keeps line breaks of multi-line values", async () => {
    const filled = fillDocx(await renderDocx(model()), {
      fields: { ...FIELDS, "Директор подпись": "первая\nвторая" },
      collections: { Пары: pairs(1) },
    });
    expect(docxText(filled, "body")).toContain("Директор первая\nвторая");
    expect(partXml(filled, /document\.xml$/)).toMatch(/первая<\/w:t>(?:(?!<w:t).)*<w:br\/>/);
  });

  it("fails loudly, in Russian, naming every placeholder it has no value for", async () => {
    const bytes = await renderDocx(model());
    const { "Куратор|вин": _, ...fields } = FIELDS;
    const noPosition = pairs(2).map(({ Форма: _f, ...rest }, i) =>
      i === 1 ? rest : { ...rest, Форма: "x" },
    );
    let error: unknown;
    try {
      fillDocx(bytes, { fields, collections: { Пары: noPosition } }, "Шаблон «pairs-order.docx»");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      "Шаблон «pairs-order.docx»: нет значения для поля {{Куратор|вин}}; нет значения для поля {{Пары.Форма}} (строка 2).",
    );
    expect(() => fillDocx(bytes, { fields: FIELDS, collections: {} })).toThrow(
      /нет данных для строки таблицы с полями \{\{Пары\.…\}\}/,
    );
  });

  it("reports a broken placeholder by its text", async () => {
    const m = model();
    m.body.push(p("Текст {{Дата приказа без конца"));
    const bytes = await renderDocx(m);
    expect(() => fillDocx(bytes, fill(1))).toThrow("не закрыто поле «{{Дата приказа без конца» — нет «}}»");
    const extra = model();
    extra.footer.push(p("Дата}} лишнее"));
    const extraBytes = await renderDocx(extra);
    expect(() => fillDocx(extraBytes, fill(1))).toThrow("лишние «}}» в «Дата}}» — нет «{{»");
  });
});

describe("docxText", () => {
  it("gives paragraphs and table rows with cells joined by « | »", async () => {
    const bytes = await renderDocx(model());
    const body = docxText(bytes, "body").split("\n");
    expect(body[2]).toBe("Назначить куратором {{Куратор|вин}}.");
    expect(body[5]).toBe(
      "{{Пары.№}} | {{Пары.Наставник}} {{Пары.Должность наставника}} | {{ Пары.Наставляемый }} | {{Пары.Форма}} ({{Дата приказа кратко}})",
    );
    expect(docxText(bytes).split("\n")[0]).toBe("Шапка: {{Организация}} — конец");
  });
});
