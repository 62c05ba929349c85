import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  buildTemplate,
  DOC_TEMPLATES_DIR,
  ROADMAPS_DIR,
  roadmapCsv,
  TEMPLATE_PATH,
} from "../scripts/template";
import { templateDrafts } from "../src/app/roadmap";
import { checkTemplate, scanModel } from "../src/domain/docs/fill";
import { DOC_KINDS } from "../src/domain/docs/model";
import { defaultTemplate } from "../src/domain/docs/templates";
import { importRoadmapDocument } from "../src/domain/roadmap/import";
import { ROADMAP_TEMPLATES } from "../src/domain/roadmap/templates";
import { LISTS, SHEETS } from "../src/domain/schema";
import { docxText, modelText, scanDocx } from "../src/local/docx";
import { readRoadmapFile } from "../src/local/roadmap-readers";
import { XlsxWorkbook } from "../src/local/xlsx-workbook";

/** What matters of a workbook: sheets, values, widths, frozen rows, drop-downs, notes. */
function fingerprint(wb: XlsxWorkbook): unknown {
  return wb.sheetNames().map((name) => {
    const ws = wb.excel.getWorksheet(name) as ExcelJS.Worksheet;
    const validations = (ws as unknown as { dataValidations: { model: Record<string, unknown> } })
      .dataValidations.model;
    const header = ws.getRow(1);
    const notes: Record<string, unknown> = {};
    header.eachCell((cell, col) => {
      if (cell.note) notes[col] = cell.note;
    });
    return {
      name,
      values: wb.read(name),
      widths: ws.columns?.map((c) => c.width ?? null) ?? [],
      views: ws.views,
      validations,
      notes,
    };
  });
}

async function roundTrip(wb: XlsxWorkbook): Promise<XlsxWorkbook> {
  const dir = mkdtempSync(join(tmpdir(), "template-"));
  const file = join(dir, "t.xlsx");
  writeFileSync(file, await wb.toBuffer());
  return XlsxWorkbook.open(file);
}

describe("sheets-template/workbook.xlsx", () => {
  it("matches the schema (regenerate with `npm run template` after changing src/domain/schema.ts)", async () => {
    const committed = await XlsxWorkbook.open(TEMPLATE_PATH);
    const fresh = await roundTrip(buildTemplate());
    expect(fingerprint(committed)).toEqual(fingerprint(fresh));
  });

  it("has every sheet with headers, the default lists and drop-downs", async () => {
    const wb = await XlsxWorkbook.open(TEMPLATE_PATH);
    expect(new Set(wb.sheetNames())).toEqual(new Set(SHEETS.map((s) => s.name)));
    expect(wb.read("Справочники")?.[0]).toEqual(LISTS.map((l) => l.header));
    const ws = wb.excel.getWorksheet("Наставляемые") as ExcelJS.Worksheet;
    const validations = Object.values(
      (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } })
        .dataValidations.model,
    );
    expect(validations.some((v) => v.type === "list" && v.formulae[0]?.includes("Справочники"))).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    // The template carries no journal line and no hidden service sheet.
    expect(wb.read("Журнал")?.length).toBe(1);
    expect(wb.excel.worksheets.map((w) => w.name)).not.toContain("_nastavnik");
  });
});

describe("sheets-template/roadmaps", () => {
  it.each(ROADMAP_TEMPLATES.map((t) => [t.key, t] as const))(
    "%s.csv matches the template and imports to the same items",
    async (key, t) => {
      const file = join(ROADMAPS_DIR, `${key}.csv`);
      expect(readFileSync(file, "utf8")).toBe(roadmapCsv(t));
      const fromCsv = importRoadmapDocument(await readRoadmapFile(file), 2025);
      const direct = templateDrafts(t, 2025);
      const strip = (items: typeof direct.items) =>
        items.map((i) => [i.stageNo, i.stage, i.event, i.window, i.owners.roles]);
      expect(strip(fromCsv.items)).toEqual(strip(direct.items));
      expect(fromCsv.report.ignoredColumns).toEqual([]);
    },
  );
});

describe("sheets-template/templates", () => {
  // The .docx files carry timestamps, so they are compared by what they hold, not byte by byte.
  it.each(DOC_KINDS.map((k) => [k] as const))(
    "%s.docx holds the default template (regenerate with `npm run template` after changing templates.ts)",
    (kind) => {
      const bytes = readFileSync(join(DOC_TEMPLATES_DIR, `${kind}.docx`));
      const model = defaultTemplate(kind);
      const scan = scanDocx(bytes);
      expect(scan).toEqual(scanModel(model));
      expect(checkTemplate(kind, scan)).toEqual([]);
      expect(docxText(bytes)).toBe(modelText(model));
    },
  );
});
