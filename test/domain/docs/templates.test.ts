import { describe, expect, it } from "vitest";
import { checkTemplate, scanModel } from "../../../src/domain/docs/fill";
import { documentFields, KINDS } from "../../../src/domain/docs/kinds";
import { type Block, DOC_KINDS, type Paragraph, splitPlaceholder } from "../../../src/domain/docs/model";
import { defaultTemplate } from "../../../src/domain/docs/templates";

const text = (p: Paragraph) => p.runs.map((r) => r.text).join("");
const paragraphs = (blocks: readonly Block[]): Paragraph[] =>
  blocks.flatMap((b) => (b.type === "p" ? [b] : b.rows.flatMap((r) => r.cells.flatMap((c) => c.paragraphs))));

describe("default templates", () => {
  it.each(DOC_KINDS)("%s uses only placeholders of its kind and has every required repeating row", (kind) => {
    const scan = scanModel(defaultTemplate(kind));
    expect(checkTemplate(kind, scan)).toEqual([]);
    const known = new Set(documentFields(kind).map((f) => f.name));
    for (const f of scan.fields) expect(known.has(f.name.split("|")[0] as string)).toBe(true);
    for (const row of scan.rows) {
      const collection = KINDS[kind].collections.find((c) => c.name === row.collection);
      expect(collection).toBeDefined();
      for (const f of row.fields) expect(collection?.fields.map((x) => x.name)).toContain(f);
    }
    for (const c of KINDS[kind].collections.filter((x) => x.required))
      expect(scan.rows.map((r) => r.collection)).toContain(c.name);
  });

  it.each(DOC_KINDS)(
    "%s is in official layout: Times New Roman 14, margins 30/15/20/20, placeholders in a colontitle",
    (kind) => {
      const model = defaultTemplate(kind);
      expect(model.font).toEqual({ family: "Times New Roman", size: 14 });
      expect(model.margins).toEqual({ top: 20, right: 15, bottom: 20, left: 30 });
      const scan = scanModel(model);
      expect(scan.fields.some((f) => f.where === "footer" || f.where === "header")).toBe(true);
    },
  );

  it.each(DOC_KINDS.filter((k) => KINDS[k].isOrder))(
    "%s has the parts of an order in their order",
    (kind) => {
      const body = paragraphs(defaultTemplate(kind).body);
      const lines = body.map(text);
      const at = (t: string) => lines.findIndex((l) => l === t || l.startsWith(t));
      const org = body[at("{{Организация}}")];
      expect(org?.align).toBe("center");
      expect(org?.runs[0]?.bold).toBe(true);
      const title = body[at("ПРИКАЗ")];
      expect(title?.align).toBe("center");
      expect(title?.runs[0]?.bold).toBe(true);
      const order = [
        "{{Организация}}",
        "ПРИКАЗ",
        "{{Дата приказа}}",
        "№ {{Номер приказа}}",
        "{{Город}}",
        "В соответствии с распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145",
        "ПРИКАЗЫВАЮ:",
        "1. ",
        "2. ",
        "{{Должность директора}}",
        "{{Директор подпись}}",
      ].map(at);
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(lines.join("\n")).toContain("Положением о наставничестве {{Организация кратко}}");
      // The preamble ends with a full stop; «ПРИКАЗЫВАЮ:» is a paragraph of its own, flush left.
      const orders = at("ПРИКАЗЫВАЮ:");
      expect(lines[orders - 1]).toMatch(/[а-я»]\.$/);
      expect(body[orders]).toMatchObject({ align: "left" });
      expect(body[orders]?.indent).toBeFalsy();
      // Each annex starts on a new page; nothing else breaks the page.
      const annexes = body.filter((x) => /^Приложение( \d)?$/.test(text(x)));
      expect(annexes.length).toBe(kind === "curator-order" ? 0 : kind === "pairs-order" ? 1 : 2);
      expect(annexes.every((x) => x.pageBreakBefore === true)).toBe(true);
      expect(body.filter((x) => x.pageBreakBefore).length).toBe(annexes.length);
    },
  );

  it.each(["pairs-order", "curator-order", "mentors-order"] as const)(
    "%s: «С приказом ознакомлены» with a line for the signature and the date of each",
    (kind) => {
      const model = defaultTemplate(kind);
      const ack = model.body.find(
        (b) =>
          b.type === "table" &&
          b.rows[0]?.cells.map((c) => c.paragraphs.map(text).join("")).join("|") === "ФИО|Подпись|Дата",
      );
      if (ack?.type !== "table") throw new Error("no acknowledgement table");
      // The heading row in the document's size, then the curator and the people of the order.
      expect(ack.rows[0]?.cells.every((c) => c.paragraphs.every((x) => x.size === undefined))).toBe(true);
      const rows = ack.rows.slice(1).map((r) => r.cells.map((c) => c.paragraphs.map(text).join("")));
      expect(rows[0]).toEqual(["{{Куратор}}", "__________", "__________"]);
      const people = {
        "pairs-order": "{{Ознакомлены.ФИО}}",
        "mentors-order": "{{Наставники.ФИО}}",
      } as Record<string, string>;
      expect(rows.slice(1)).toEqual(people[kind] ? [[people[kind], "__________", "__________"]] : []);
    },
  );

  it("the pairs order: the points of the brief, the acknowledgement and the annex table", () => {
    const model = defaultTemplate("pairs-order");
    const lines = paragraphs(model.body).map(text);
    expect(lines).toContain("О закреплении наставнических пар (групп)");
    expect(
      lines.some((l) =>
        l.startsWith("1. Закрепить наставнические пары (группы) с письменного согласия их участников"),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.startsWith("2. Куратору программы наставничества {{Куратор|дат}}"))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith("4. Контроль исполнения настоящего приказа возложить на"))).toBe(
      true,
    );
    expect(lines).toContain("С приказом ознакомлены:");
    expect(lines).toContain("к приказу от {{Дата приказа кратко}} № {{Номер приказа}}");
    const annex = model.body.filter((b) => b.type === "table" && b.borders);
    expect(annex).toHaveLength(1);
    const table = annex[0];
    if (table?.type !== "table") throw new Error("no table");
    expect(table.rows[0]?.header).toBe(true);
    // A heading in 12 pt, so «наставничества» fits its column without a break inside the word.
    expect(table.rows[0]?.cells.every((c) => c.paragraphs.every((x) => x.size === 12))).toBe(true);
    expect(table.rows[0]?.cells.map((c) => c.paragraphs.map(text).join(" "))).toEqual([
      "№",
      "Наставник (ФИО, должность)",
      "Наставляемый(е) (ФИО, должность / класс)",
      "Форма наставничества",
      "Срок",
    ]);
    expect(table.rows).toHaveLength(2);
    const repeating = table.rows[1]?.cells.flatMap((c) => c.paragraphs.map(text)) ?? [];
    expect(repeating.every((t) => t === "" || splitPlaceholder(t.slice(2, -2)).collection === "Пары")).toBe(
      true,
    );
    // Layout tables (date/number, signature) are borderless.
    expect(model.body.filter((b) => b.type === "table" && !b.borders).length).toBeGreaterThanOrEqual(2);
  });

  it("the curator, mentors and completion orders say what they order", () => {
    const lines = (k: (typeof DOC_KINDS)[number]) => paragraphs(defaultTemplate(k).body).map(text).join("\n");
    expect(lines("curator-order")).toContain(
      "1. Назначить куратором программы наставничества на {{Учебный год}} учебный год {{Куратор|вин}}, {{Должность куратора}}.",
    );
    expect(lines("mentors-order")).toContain("{{Наставники.ФИО}}");
    expect(lines("mentors-order")).toContain("{{Совет.Роль}}");
    expect(lines("completion-order")).toContain("объявить благодарность");
    expect(lines("completion-order")).toContain("{{Поощрить.Встреч}}");
  });

  it("the programme has its sections, a plan with an empty mark column, signatures and «УТВЕРЖДАЮ»", () => {
    const model = defaultTemplate("program");
    const all = paragraphs(model.body).map(text);
    for (const t of [
      "УТВЕРЖДАЮ",
      "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА",
      "2. Цель программы",
      "3. Задачи программы",
      "4. План встреч",
      "5. Ожидаемые результаты",
      "{{Цели}}",
      "{{Задачи}}",
      "{{Ожидаемые результаты}}",
      "Отметка о проведении",
      "__________ {{Директор подпись}}",
      "{{Куратор}}",
      "{{Наставляемые.ФИО}}",
    ])
      expect(all).toContain(t);
    const plan = model.body.find(
      (b) =>
        b.type === "table" &&
        b.rows.some((r) => r.cells.some((c) => c.paragraphs.some((p) => text(p) === "{{План.Тема}}"))),
    );
    if (plan?.type !== "table") throw new Error("no plan");
    expect(plan.rows[1]?.cells.map((c) => c.paragraphs.map(text).join(""))).toEqual([
      "{{План.№}}",
      "{{План.Дата}}",
      "{{План.Тема}}",
      "{{План.Формат}}",
      "",
    ]);
  });

  it("the consent names art. 351.8, content, term and form, voluntariness and ending by either side", () => {
    const all = paragraphs(defaultTemplate("consent").body).map(text).join("\n");
    expect(all).toContain("статьёй 351.8 Трудового кодекса Российской Федерации");
    expect(all).toContain("Содержание наставничества: {{Содержание}}");
    expect(all).toContain("Срок наставничества: {{Срок}}");
    expect(all).toContain("Форма наставничества: {{Форма}}");
    expect(all).toContain("добровольно");
    expect(all).toContain("по инициативе любой из сторон");
  });

  it("gives a fresh model each time", () => {
    const a = defaultTemplate("program");
    a.body.length = 0;
    expect(defaultTemplate("program").body.length).toBeGreaterThan(10);
  });
});
