// `nastavnik monitoring`: the monitoring of the add-on on a workbook file — recomputes the
// indicators and the mentor ranking into «Мониторинг» and the regional export into «Выгрузка в
// регион», prints them, and with --csv writes the export as a CSV file for the regional centre.

import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { type MonitoringRefresh, refreshMonitoring } from "../app/monitoring";
import { exportCsv } from "../domain/monitoring/export";
import { type Indicator, ruNumber } from "../domain/monitoring/indicators";
import {
  CONFIG_OPTION,
  type Command,
  JSON_OPTION,
  out,
  outJson,
  parseOptions,
  UsageError,
  workbookPath,
} from "./command";
import { outputFolder, readWorkbookConfig } from "./config";
import { withWorkbookFile } from "./env";
import { parseRunDate } from "./remind";

function csvArg(value: unknown): string | null {
  if (value === undefined) return null;
  const file = String(value);
  if (!/\.csv$/i.test(file)) throw new UsageError(`«${file}» — для --csv укажите файл с расширением .csv`);
  return resolve(file);
}

function isoDay(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

const MONITORING_OPTIONS = {
  csv: { type: "string" },
  export: { type: "boolean" },
  date: { type: "string" },
  ...JSON_OPTION,
  ...CONFIG_OPTION,
} as const;

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
  usage:
    "nastavnik monitoring КНИГА.xlsx [--csv ФАЙЛ.csv | --export] [--date ГГГГ-ММ-ДД] [--json] [--config ФАЙЛ]",
  options: MONITORING_OPTIONS,
  summary: "показатели программы, рейтинг наставников и выгрузка в регион",
  help: [
    "Пересчитывает показатели программы (охват, пары, ожидающие пары, встречи, дорожная карта,",
    "удовлетворённость) и рейтинг наставников в листе «Мониторинг», а показатели в едином",
    "формате — в листе «Выгрузка в регион». Повторный запуск ничего не меняет, если данные те же.",
    "Диаграммы строятся только в Google Таблицах; их данные — справа от показателей.",
    "  --csv ФАЙЛ.csv     записать выгрузку для регионального центра в CSV (UTF-8, разделитель «;»,",
    "                     десятичная запятая — открывается в Excel);",
    "  --export           то же в папку выгрузок: «exports» из файла настроек, а без него — папка",
    "                     «выгрузки» рядом с книгой; имя файла — выгрузка-в-регион-ГГГГ-ММ-ДД.csv;",
    "  --date ГГГГ-ММ-ДД  считать сегодняшним днём эту дату;",
    "  --json             вывести показатели и рейтинг в формате JSON.",
  ].join("\n"),
  async run(args) {
    const { values, positionals } = parseOptions("monitoring", args, MONITORING_OPTIONS);
    const file = workbookPath(positionals, "monitoring");
    const config = await readWorkbookConfig(file, values.config);
    if (values.csv !== undefined && values.export)
      throw new UsageError("Укажите что-то одно: --csv ФАЙЛ.csv или --export.");
    const now = parseRunDate(values.date);
    const csv = values.export
      ? join(
          outputFolder("exports", config, file),
          `выгрузка-в-регион-${isoDay((now ?? (() => new Date()))())}.csv`,
        )
      : csvArg(values.csv);
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
      outJson({
        file,
        csv,
        changedCells: result.changedCells,
        indicators: result.indicators,
        ranking: result.ranking,
        exportRows: result.exportRows.length,
        lines: result.lines,
      });
    } else print(result, csv);
    return 0;
  },
};
