// `nastavnik monitoring`: the monitoring of the add-on on a workbook file — recomputes the
// indicators and the mentor ranking into «Мониторинг» and the regional export into «Выгрузка в
// регион», prints them, and with --csv writes the export as a CSV file for the regional centre.

import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type MonitoringRefresh, refreshMonitoring } from "../app/monitoring";
import { exportCsv } from "../domain/monitoring/export";
import { type Indicator, ruNumber } from "../domain/monitoring/indicators";
import { type Command, parseOptions } from "./command";
import { withWorkbookFile } from "./env";
import { parseRunDate } from "./remind";

function out(line = ""): void {
  process.stdout.write(`${line}\n`);
}

function workbookArg(positionals: string[]): string {
  const file = positionals[0];
  if (!file) throw new Error("Не указан файл книги. Пример: nastavnik monitoring школа.xlsx");
  if (!/\.xlsx$/i.test(file)) throw new Error(`«${file}» — ожидается файл книги Excel с расширением .xlsx`);
  if (positionals.length > 1) throw new Error(`Лишние параметры: ${positionals.slice(1).join(" ")}`);
  return resolve(file);
}

function csvArg(value: unknown): string | null {
  if (value === undefined) return null;
  const file = String(value);
  if (!/\.csv$/i.test(file)) throw new Error(`«${file}» — для --csv укажите файл с расширением .csv`);
  return resolve(file);
}

function valueText(i: Indicator): string {
  const v = i.value === null ? "нет данных" : `${ruNumber(i.value)} ${i.unit}`;
  return i.target === null ? v : `${v} (цель ${ruNumber(i.target)} ${i.unit})`;
}

function print(result: MonitoringRefresh, csv: string | null): void {
  for (const line of result.lines) out(line);
  let section = "";
  for (const i of result.indicators) {
    if (i.section !== section) {
      section = i.section;
      out();
      out(`${section}:`);
    }
    out(`  ${i.label}: ${valueText(i)}`);
  }
  out();
  out(result.ranking.length > 0 ? "Рейтинг наставников (первые 10):" : "Рейтинг наставников: пока пуст.");
  for (const r of result.ranking.slice(0, 10)) {
    out(`  ${r.place}. ${r.name} (${r.mentorId}): ${r.formula}`);
  }
  if (csv) {
    out();
    out(`Выгрузка для регионального центра: ${csv} (строк — ${result.exportRows.length}).`);
  }
}

export const monitoringCommand: Command = {
  name: "monitoring",
  usage: "nastavnik monitoring КНИГА.xlsx [--csv ФАЙЛ.csv] [--date ГГГГ-ММ-ДД] [--json]",
  summary: "показатели программы, рейтинг наставников и выгрузка в регион",
  help: [
    "Пересчитывает показатели программы (охват, пары, ожидающие пары, встречи, дорожная карта,",
    "удовлетворённость) и рейтинг наставников в листе «Мониторинг», а показатели в едином",
    "формате — в листе «Выгрузка в регион». Повторный запуск ничего не меняет, если данные те же.",
    "Диаграммы строятся только в Google Таблицах; их данные — справа от показателей.",
    "  --csv ФАЙЛ.csv     записать выгрузку для регионального центра в CSV (UTF-8, разделитель «;»,",
    "                     десятичная запятая — открывается в Excel);",
    "  --date ГГГГ-ММ-ДД  считать сегодняшним днём эту дату;",
    "  --json             вывести показатели и рейтинг в формате JSON.",
  ].join("\n"),
  async run(args) {
    const { values, positionals } = parseOptions("monitoring", args, {
      csv: { type: "string" },
      date: { type: "string" },
      json: { type: "boolean" },
    });
    const file = workbookArg(positionals);
    const csv = csvArg(values.csv);
    const now = parseRunDate(values.date);
    const result = await withWorkbookFile<MonitoringRefresh>(
      file,
      { create: false, save: () => true, now },
      (env) => refreshMonitoring(env, null),
    );
    if (csv) {
      await mkdir(dirname(csv), { recursive: true });
      await writeFile(csv, exportCsv(result.exportRows), "utf8");
    }
    if (values.json) {
      out(
        JSON.stringify(
          {
            file,
            csv,
            changedCells: result.changedCells,
            indicators: result.indicators,
            ranking: result.ranking,
            exportRows: result.exportRows.length,
            lines: result.lines,
          },
          null,
          2,
        ),
      );
    } else print(result, csv);
    return 0;
  },
};
