import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { Document, Packer, Paragraph } from "docx";
import JSZip from "jszip";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { delimitedText, FIXTURES_DIR, fixtureFiles } from "../../scripts/make-roadmap-fixtures";
import { readDelimitedTable, readDocxTables, readRoadmapFile } from "../../src/local/roadmap-readers";
import {
  DELIMITED_FIXTURES,
  EXPECTED,
  EXPECTED_DELIMITED,
  SEED_IDS,
  TRANSCRIPTIONS,
  tablesOf,
} from "../fixtures/roadmaps/expected";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(os.tmpdir(), "nastavnik-roadmap-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const fixture = (name: string) => join(FIXTURES_DIR, name);

function write(name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** Windows-1251 bytes of a text (every character must exist in the code page). */
function cp1251(text: string): Uint8Array {
  const decoder = new TextDecoder("windows-1251");
  const byChar = new Map<string, number>();
  for (let b = 0; b < 256; b++) byChar.set(decoder.decode(Uint8Array.of(b)), b);
  return Uint8Array.from(
    [...text].map((ch) => {
      const b = byChar.get(ch);
      if (b === undefined) throw new Error(`not in windows-1251: ${ch}`);
      return b;
    }),
  );
}

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** A minimal .docx package around a body; `main` renames the main part (found through _rels). */
async function docxOf(body: string, main = "word/document.xml"): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
      "</Types>",
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/>` +
      "</Relationships>",
  );
  zip.file(
    main,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W_NS}"><w:body>${body}<w:sectPr/></w:body></w:document>`,
  );
  return zip.generateAsync({ type: "uint8array" });
}

const p = (...runs: string[]) =>
  `<w:p>${runs.map((t) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`).join("")}</w:p>`;
const tc = (content: string, tcPr = "") => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ""}${content}</w:tc>`;
const grid = (n: number) => `<w:tblGrid>${'<w:gridCol w:w="2000"/>'.repeat(n)}</w:tblGrid>`;

describe("the seed roadmaps as Word documents", () => {
  it("the transcription has the seeds' tables and rows", () => {
    const shape = Object.fromEntries(
      SEED_IDS.map((id) => [id, tablesOf(TRANSCRIPTIONS[id]).map((t) => t.rows.length)]),
    );
    expect(shape).toEqual({ "000": [9], "002": [33], "003": [10], "004": [8, 41] });
  });

  for (const id of SEED_IDS) {
    it(`seed-${id}.docx reads back to exactly the transcribed tables`, async () => {
      const doc = await readDocxTables(fixture(`seed-${id}.docx`));
      expect(doc).toEqual(EXPECTED[id]);
      expect(await readRoadmapFile(fixture(`seed-${id}.docx`))).toEqual(EXPECTED[id]);
    });
  }

  it("the committed fixtures are what the script writes", async () => {
    for (const [name, fresh] of await fixtureFiles()) {
      const stale = `${name} differs from what the script writes: npx tsx scripts/make-roadmap-fixtures.ts`;
      expect(Buffer.compare(fresh, readFileSync(fixture(name))), stale).toBe(0);
    }
  });

  it("keeps what the seeds hold: section rows, multi-line cells, trailing spaces, typos", async () => {
    const plan = (await readDocxTables(fixture("seed-004.docx"))).tables[1];
    expect(plan?.rows[1]).toEqual({
      cells: ["Подготовка условий для запуска программы наставничества"],
      spanning: true,
    });
    expect(plan?.rows.filter((r) => r.spanning).length).toBe(7);
    // Word's empty paragraphs at the end of a cell are dropped, those inside kept.
    expect(plan?.rows[4]?.cells[1]).toBe("Определены задачи, формы наставничества, ожидаемые результаты");
    expect(plan?.rows[7]?.cells[3]).toBe("Гапончикова Л.В.");
    expect(plan?.rows[11]?.cells[3]).toBe("Кельчина Т.С.\n\nПяткова С.И.");
    expect(plan?.rows[14]?.cells[1]).toBe("Согласие на на обработку персональных данных.");

    const college = (await readDocxTables(fixture("seed-000.docx"))).tables[0];
    expect(college?.rows[1]?.cells[2]).toMatch(
      /^1\.Подготовка .*:\n- разработка .*\n- приказ .*администратора\. {2}$/s,
    );
    expect(college?.rows[6]?.cells[4]).toBe("Дианова Н.В.\nЛитовченко Л.И.\nНаставники и наставляемые");

    const school = (await readDocxTables(fixture("seed-002.docx"))).tables[0];
    expect(school?.rows[22]).toEqual({
      cells: ["Регулярные встречи наставника и наставляемого.", "01.12.2021- 25.05.2024", ""],
      spanning: false,
    });

    // Seed 003's stage 5, split by a page break in the seed, is one row again.
    const centre = (await readDocxTables(fixture("seed-003.docx"))).tables[0];
    expect(centre?.rows[5]?.cells.slice(0, 2)).toEqual([
      "5.",
      "Организация и осуществление работы наставнических пар/групп",
    ]);
    expect(centre?.rows[5]?.cells[2]).toMatch(/^1\) Формирование наставнических пар\/групп\. 2\) Разработка/);
  });
});

describe("readDocxTables", () => {
  it("reads runs, tabs, breaks, no-break spaces, spans, merges, nested tables and wrapped tables", async () => {
    const body =
      p("Заголовок перед таблицей") +
      "<w:tbl>" +
      grid(3) +
      `<w:tr>${tc(p("№"))}${tc(p("Мероп", "риятие"))}${tc(p("Сроки"))}</w:tr>` +
      `<w:tr>${tc(p("Раздел\u00a0первый"), '<w:gridSpan w:val="3"/>')}</w:tr>` +
      "<w:tr>" +
      tc(p("1."), '<w:vMerge w:val="restart"/>') +
      tc(
        "<w:p><w:r><w:t>Анкета</w:t><w:tab/><w:t>наставника</w:t><w:br/><w:t>и наставляемого</w:t></w:r>" +
          '<w:hyperlink><w:r><w:t xml:space="preserve"> (ссылка)</w:t></w:r></w:hyperlink>' +
          "<w:del><w:r><w:delText>удалено</w:delText></w:r></w:del></w:p>" +
          p("вторая строка") +
          "<w:p/><w:p/>",
      ) +
      tc(p("Сентябрь - октябрь")) +
      "</w:tr>" +
      `<w:tr>${tc("<w:p/>", "<w:vMerge/>")}${tc(p("Итоги"), '<w:gridSpan w:val="2"/>')}</w:tr>` +
      "<w:tr>" +
      tc(p("2.")) +
      tc(
        p("Таблица в ячейке:") +
          `<w:tbl>${grid(2)}<w:tr>${tc(p("а"))}${tc(p("б"))}</w:tr><w:tr>${tc(p("в"))}${tc("<w:p/>")}</w:tr></w:tbl>` +
          "<w:p/>",
      ) +
      tc(`<w:sdt><w:sdtContent>${p("До 05.11.2021")}</w:sdtContent></w:sdt>`) +
      "</w:tr>" +
      "</w:tbl>" +
      p("Между таблицами") +
      `<w:sdt><w:sdtContent><w:tbl>${grid(2)}<w:tr>${tc(p("вторая"))}${tc(p("таблица"))}</w:tr></w:tbl></w:sdtContent></w:sdt>`;
    const path = write("features.docx", await docxOf(body));
    expect(await readDocxTables(path)).toEqual({
      name: "features.docx",
      tables: [
        {
          rows: [
            { cells: ["№", "Мероприятие", "Сроки"], spanning: false },
            { cells: ["Раздел первый"], spanning: true },
            {
              cells: [
                "1.",
                "Анкета наставника\nи наставляемого (ссылка)\nвторая строка",
                "Сентябрь - октябрь",
              ],
              spanning: false,
            },
            { cells: ["", "Итоги"], spanning: false },
            { cells: ["2.", "Таблица в ячейке:\nа\nб\nв", "До 05.11.2021"], spanning: false },
          ],
        },
        { rows: [{ cells: ["вторая", "таблица"], spanning: false }] },
      ],
    });
  });

  it("finds the main part through the package relationships", async () => {
    const path = write(
      "renamed.docx",
      await docxOf(`<w:tbl>${grid(1)}<w:tr>${tc(p("x"))}</w:tr></w:tbl>`, "word/main.xml"),
    );
    expect((await readDocxTables(path)).tables).toEqual([{ rows: [{ cells: ["x"], spanning: false }] }]);
  });

  it("a row with one cell spanning only part of the grid is not a section row", async () => {
    const body = `<w:tbl>${grid(3)}<w:tr>${tc(p("a"), '<w:gridSpan w:val="2"/>')}</w:tr><w:tr>${tc(p("b"))}${tc(p("c"))}${tc(p("d"))}</w:tr></w:tbl>`;
    const doc = await readDocxTables(write("partial.docx", await docxOf(body)));
    expect(doc.tables[0]?.rows[0]).toEqual({ cells: ["a"], spanning: false });
  });
});

describe("readDelimitedTable", () => {
  it("the CSV fixture (Excel: comma, BOM, CRLF) reads back to seed 000's table", async () => {
    const bytes = readFileSync(fixture(DELIMITED_FIXTURES["000"]));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("\r\n");
    expect(await readDelimitedTable(fixture("seed-000.csv"))).toEqual(EXPECTED_DELIMITED["000"]);
    expect(await readRoadmapFile(fixture("seed-000.csv"))).toEqual(EXPECTED_DELIMITED["000"]);
  });

  it("the TSV fixture reads back to seed 002's table", async () => {
    expect(await readDelimitedTable(fixture("seed-002.tsv"))).toEqual(EXPECTED_DELIMITED["002"]);
    expect(await readRoadmapFile(fixture("seed-002.tsv"))).toEqual(EXPECTED_DELIMITED["002"]);
  });

  it("reads a semicolon CSV as Russian Excel writes it, commas inside cells included", async () => {
    const text =
      "Мероприятие;Сроки;Ответственные\r\n" +
      "Подготовка условий для запуска программы наставничества;;\r\n" +
      "Сбор согласий, анкетирование;Сентябрь - октябрь;Дианова Н.В., Литовченко Л.И.\r\n" +
      '"Встреча; общий сбор";До 05.11.2021;Администрация школы\r\n';
    const doc = await readDelimitedTable(write("карта.csv", `\uFEFF${text}`));
    expect(doc).toEqual({
      name: "карта.csv",
      tables: [
        {
          rows: [
            { cells: ["Мероприятие", "Сроки", "Ответственные"] },
            { cells: ["Подготовка условий для запуска программы наставничества", "", ""] },
            {
              cells: ["Сбор согласий, анкетирование", "Сентябрь - октябрь", "Дианова Н.В., Литовченко Л.И."],
            },
            { cells: ["Встреча; общий сбор", "До 05.11.2021", "Администрация школы"] },
          ],
        },
      ],
    });
  });

  it("reads a Windows-1251 CSV (Excel's «CSV (разделители — точка с запятой)»)", async () => {
    const rows = [
      ["№", "Наименование этапа", "Сроки"],
      ["1.", "Формирование базы наставляемых «РКЭ» – этап", "Ежегодно в мае"],
      ["2.", "Отбор и обучение\nнаставников", "1.10.2021- 20.10.2021"],
    ];
    const path = write("cp1251.csv", cp1251(delimitedText(rows, ";", "\r\n")));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path))).toThrow();
    expect(await readRoadmapFile(path)).toEqual({
      name: "cp1251.csv",
      tables: [{ rows: rows.map((cells) => ({ cells })) }],
    });
  });

  it("keeps quoted cells with line breaks, commas and quotes", async () => {
    const text =
      "Мероприятие,Сроки,Ответственные\r\n" +
      '"Проведение анкетирования среди обучающихся/педагогов,\r\nсбор согласий","Апрель –май 2022\nАпрель –май 2023","Колпакова С.Б., ""куратор"""\r\n' +
      'Обучение наставников.,До 15.11.2021,""\r\n';
    expect((await readDelimitedTable(write("quoted.csv", text))).tables[0]?.rows).toEqual([
      { cells: ["Мероприятие", "Сроки", "Ответственные"] },
      {
        cells: [
          "Проведение анкетирования среди обучающихся/педагогов,\nсбор согласий",
          "Апрель –май 2022\nАпрель –май 2023",
          'Колпакова С.Б., "куратор"',
        ],
      },
      { cells: ["Обучение наставников.", "До 15.11.2021", ""] },
    ]);
  });

  it("honours Excel's «sep=» line and skips empty lines", async () => {
    const doc = await readDelimitedTable(write("sep.csv", "sep=;\r\nа;б,в\r\n\r\nг;д\r\n;\r\n"));
    expect(doc.tables[0]?.rows).toEqual([{ cells: ["а", "б,в"] }, { cells: ["г", "д"] }]);
  });

  it("reads unquoted tab-separated text with quotes in it as written", async () => {
    const text = 'Мероприятие\tОтветственные\n"Ромашка" клуб\tКлассные руководители\nВстреча «"Старт"\t"\n';
    expect((await readDelimitedTable(write("quotes.tsv", text))).tables[0]?.rows).toEqual([
      { cells: ["Мероприятие", "Ответственные"] },
      { cells: ['"Ромашка" клуб', "Классные руководители"] },
      { cells: ['Встреча «"Старт"', '"'] },
    ]);
  });

  it("reads .txt as tab-separated, also as Excel's UTF-16 «Текст Юникод»", async () => {
    const text = "Мероприятие\tСроки\r\nОбучение наставников.\tДо 15.11.2021\r\n";
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const expected = [
      { cells: ["Мероприятие", "Сроки"] },
      { cells: ["Обучение наставников.", "До 15.11.2021"] },
    ];
    expect((await readRoadmapFile(write("unicode.txt", utf16))).tables[0]?.rows).toEqual(expected);
    expect((await readRoadmapFile(write("plain.txt", text))).tables[0]?.rows).toEqual(expected);
  });
});

describe("errors are Russian and name the file", () => {
  it("a missing file", async () => {
    const missing = join(dir, "нет-такого.docx");
    await expect(readRoadmapFile(missing)).rejects.toThrow(`Файл «${missing}» не найден.`);
    await expect(readRoadmapFile(join(dir, "нет.csv"))).rejects.toThrow(/^Файл «.*нет\.csv» не найден\.$/);
  });

  it("a folder instead of a file", async () => {
    const folder = join(dir, "папка.docx");
    mkdirSync(folder);
    await expect(readRoadmapFile(folder)).rejects.toThrow(/«.*папка\.docx» — это папка/);
  });

  it("a .docx that is not a zip", async () => {
    const path = write("текст.docx", "Дорожная карта\tСроки\n");
    await expect(readRoadmapFile(path)).rejects.toThrow(
      /^Файл «текст\.docx» не является документом Word \.docx.*Сохраните документ в Word как \.docx/,
    );
  });

  it("an old Word .doc renamed to .docx", async () => {
    const ole = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(504)]);
    await expect(readRoadmapFile(write("старый.docx", ole))).rejects.toThrow(
      /^Файл «старый\.docx» — документ Word в старом формате \(\.doc\).*Сохраните документ в Word как \.docx/,
    );
  });

  it("a zip without word/document.xml", async () => {
    const zip = new JSZip();
    zip.file("content.xml", "<office:document/>");
    const path = write("архив.docx", await zip.generateAsync({ type: "uint8array" }));
    await expect(readRoadmapFile(path)).rejects.toThrow(/^Файл «архив\.docx» — архив, но не документ Word/);
  });

  it("a broken document.xml", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", "<w:document><w:body><w:tbl>");
    const path = write("сломан.docx", await zip.generateAsync({ type: "uint8array" }));
    await expect(readRoadmapFile(path)).rejects.toThrow(/^Не удалось разобрать документ «сломан\.docx»/);
  });

  it("a .docx without tables", async () => {
    const doc = new Document({
      sections: [
        { children: [new Paragraph("Дорожная карта"), new Paragraph("1. Подготовка условий — сентябрь")] },
      ],
    });
    const path = write("без таблиц.docx", await Packer.toBuffer(doc));
    await expect(readRoadmapFile(path)).rejects.toThrow(/^В документе «без таблиц\.docx» нет таблиц\./);
  });

  it("unsupported formats say what is supported and how to get it", async () => {
    for (const name of ["карта.doc", "карта.odt", "карта.rtf"]) {
      await expect(readRoadmapFile(join(dir, name))).rejects.toThrow(
        new RegExp(
          `^Формат «\\.\\w+» файла «${name.replace(".", "\\.")}» не поддерживается\\. Поддерживаются .*\\.docx.*CSV.*Сохраните документ в Word как \\.docx`,
        ),
      );
    }
    await expect(readRoadmapFile(join(dir, "карта.pdf"))).rejects.toThrow(
      /^Формат «\.pdf» файла «карта\.pdf» не поддерживается\..*PDF.*Сохраните документ в Word как \.docx/,
    );
    await expect(readRoadmapFile(join(dir, "карта.xlsx"))).rejects.toThrow(
      /^Формат «\.xlsx» файла «карта\.xlsx» не поддерживается\..*Сохраните таблицу как CSV/,
    );
    await expect(readRoadmapFile(join(dir, "карта"))).rejects.toThrow(
      /^Формат файла «карта» не поддерживается\./,
    );
  });

  it("an empty CSV and an unclosed quote", async () => {
    await expect(readRoadmapFile(write("пусто.csv", "\uFEFF\r\n"))).rejects.toThrow(
      "Файл «пусто.csv» пуст: в нём нет ни одной строки таблицы.",
    );
    const path = write("кавычка.csv", 'Мероприятие,Сроки\r\n"Обучение наставников,До 15.11.2021\r\n');
    await expect(readRoadmapFile(path)).rejects.toThrow(
      /^В файле «кавычка\.csv» не закрыта кавычка \(строка 2\)/,
    );
  });
});
