// `nastavnik monitoring` on an .xlsx file of the fixture school: the sheets filled and saved, the
// CSV for the regional centre written (BOM, `;`, decimal comma), a second run changes nothing.

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Command } from "../../src/local/command";
import { withWorkbookFile } from "../../src/local/env";
import { monitoringCommand } from "../../src/local/monitoring-command";
import { seedMonitoringSchool, TODAY } from "../fixtures/monitoring-school";

async function run(command: Command, args: string[]): Promise<{ code: number; stdout: string }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    const code = await command.run(args);
    return { code, stdout: chunks.join("") };
  } finally {
    spy.mockRestore();
  }
}

describe("nastavnik monitoring", () => {
  const dir = mkdtempSync(join(tmpdir(), "nastavnik-monitoring-"));
  const book = join(dir, "школа.xlsx");
  const csv = join(dir, "выгрузка", "школа-7.csv");

  beforeAll(async () => {
    await withWorkbookFile(book, { create: true, save: () => true, now: () => TODAY }, (env) =>
      seedMonitoringSchool(env),
    );
  });

  it("fills the sheets, prints the figures and writes the CSV", async () => {
    const { code, stdout } = await run(monitoringCommand, [book, "--csv", csv, "--date", "2026-03-16"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Охват обучающихся: 57,1 % (цель 70 %)");
    expect(stdout).toContain("1. Галкин Евгений Петрович (НР-0004): встречи 4 × 1");
    expect(stdout).toContain(`Выгрузка для регионального центра: ${csv} (строк — 85).`);

    const text = readFileSync(csv, "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines).toHaveLength(87); // header, 85 rows, the empty tail after the last CRLF
    expect(lines[0]).toBe(
      "Организация;Код организации;Учебный год;Код показателя;Показатель;Значение;Единица",
    );
    expect(lines[1]).toBe("МБОУ СОШ № 7;5401007;2025/2026;mentees.total;Наставляемых в базе;13;чел.");
    expect(lines).toContain(
      "МБОУ СОШ № 7;5401007;2025/2026;coverage.students_base;Обучающихся — база расчёта охвата;7;чел.",
    );
    expect(lines).toContain("МБОУ СОШ № 7;5401007;2025/2026;coverage.students_pct;Охват обучающихся;57,1;%");
    expect(lines).toContain(
      "МБОУ СОШ № 7;5401007;2025/2026;satisfaction.mentees.final;Удовлетворённость наставляемых: итоговая анкета;9,33;балл",
    );

    const saved = await withWorkbookFile(book, { create: false, save: () => false }, (env) => ({
      monitoring: env.workbook.read("Мониторинг") ?? [],
      region: env.workbook.read("Выгрузка в регион") ?? [],
    }));
    expect(saved.monitoring[1]?.slice(1, 4)).toEqual(["mentees.total", "Наставляемых в базе, чел.", 13]);
    // Row 0 the header, rows 1…85 the 85 indicators, row 86 empty, row 87 the ranking's title.
    expect(saved.monitoring[87]?.[0]).toBe("Рейтинг наставников");
    expect(saved.region).toHaveLength(86); // the header and 85 rows
  });

  it("changes nothing on a second run (JSON output)", async () => {
    const { code, stdout } = await run(monitoringCommand, [book, "--json", "--date", "2026-03-16"]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { changedCells: number; ranking: { mentorId: string }[] };
    expect(json.changedCells).toBe(0);
    expect(json.ranking.map((r) => r.mentorId)).toEqual(["НР-0004", "НР-0001", "НР-0003", "НР-0002"]);
  });

  it("refuses a CSV name without .csv and a missing book, in Russian", async () => {
    await expect(run(monitoringCommand, [book, "--csv", join(dir, "x.txt")])).rejects.toThrow(
      "для --csv укажите файл с расширением .csv",
    );
    await expect(run(monitoringCommand, [join(dir, "нет.xlsx")])).rejects.toThrow("не найден");
  });
});
