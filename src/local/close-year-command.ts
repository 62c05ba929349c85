// `nastavnik close-year`: «Завершить учебный год» on a workbook file — the same use case as the
// sidebar. Without --yes it only shows what would be done; the book is not changed.

import {
  type CloseYearPreview,
  type CloseYearResult,
  checkCloseYearRequest,
  closeYear,
  closeYearPreview,
} from "../app/close-year";
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
import { readWorkbookConfig } from "./config";
import { withWorkbookFile } from "./env";
import { parseRunDate } from "./remind";

/** «НЯ-0003,НЯ-0007» (commas or spaces) → the IDs; --promote may be given several times. */
export function parsePromote(values: readonly string[] | undefined): string[] {
  const ids = (values ?? []).flatMap((v) => v.split(/[,;\s]+/)).filter((v) => v.trim() !== "");
  try {
    return checkCloseYearRequest({ promote: ids }).promote;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

function printPreview(p: CloseYearPreview): void {
  for (const line of p.lines) out(line);
  if (p.pairsToComplete.length > 0) {
    out();
    out("Пары, которые завершаются:");
    for (const pair of p.pairsToComplete)
      out(`  ${pair.label}${pair.hasResults ? " (итоги внесены куратором)" : ""}`);
  }
  if (p.willingMentees.length > 0) {
    out();
    out("Хотят стать наставниками:");
    for (const w of p.willingMentees) out(`  ${w.id} ${w.name} — ${w.reason}`);
    out(`Добавить в базу наставников: --promote ${p.willingMentees.map((w) => w.id).join(",")}`);
  }
  if (p.warnings.length > 0) {
    out();
    out("Обратите внимание:");
    for (const w of p.warnings) out(`  • ${w}`);
  }
}

const CLOSE_YEAR_OPTIONS = {
  promote: { type: "string", multiple: true },
  yes: { type: "boolean" },
  date: { type: "string" },
  ...JSON_OPTION,
  ...CONFIG_OPTION,
} as const;

export const closeYearCommand: Command = {
  name: "close-year",
  usage:
    "nastavnik close-year КНИГА.xlsx [--promote ID,ID] [--yes] [--date ГГГГ-ММ-ДД] [--json] [--config ФАЙЛ]",
  options: CLOSE_YEAR_OPTIONS,
  summary: "завершить учебный год: итоги пар, базы, архив, дорожная карта на новый год",
  help: [
    "Без --yes показывает, что будет сделано, и ничего не меняет:",
    "  • работающие пары («Утверждена», «Работает») получают статус «Завершена», дату окончания и итоги",
    "    (по встречам и итоговой анкете; итоги, внесённые куратором, не меняются);",
    "  • наставляемые завершённых пар — статус «Завершил программу»; итоги года — в столбец",
    "    «Итоги наставничества» обеих баз;",
    "  • листы года копируются в архивные листы «Архив 2025–26 — …»; из «Встречи» и «Обратная связь»",
    "    убираются строки завершённых пар (только уже скопированные в архив);",
    "  • дорожная карта переносится на следующий год, «Начало учебного года» — на год вперёд.",
    "С --yes выполняет это. Повторный запуск для завершённого года ничего не меняет.",
    "  --promote ID,ID   наставляемые, которых добавить в базу наставников (статус «Кандидат»);",
    "                    для уже завершённого года добавляет только их;",
    "  --date ДАТА       считать сегодняшней датой ДАТА (ГГГГ-ММ-ДД) — дата закрытия;",
    "  --json            вывести результат в формате JSON.",
  ].join("\n"),
  async run(args) {
    const { values, positionals } = parseOptions("close-year", args, CLOSE_YEAR_OPTIONS);
    const file = workbookPath(positionals, "close-year");
    await readWorkbookConfig(file, values.config);
    const promote = parsePromote(values.promote);
    const now = parseRunDate(values.date);
    if (!values.yes) {
      const preview = await withWorkbookFile<CloseYearPreview>(
        file,
        { create: false, save: () => false, now, readOnly: true },
        (env) => closeYearPreview(env),
      );
      if (values.json) outJson({ preview, promote });
      else {
        printPreview(preview);
        out();
        out(
          preview.alreadyClosed && promote.length === 0
            ? "Книга не изменена."
            : `Книга не изменена. Чтобы выполнить, повторите с --yes${promote.length > 0 ? ` (в базу наставников: ${promote.join(", ")})` : ""}.`,
        );
      }
      return 0;
    }
    const result = await withWorkbookFile<CloseYearResult>(
      file,
      { create: false, save: () => true, now },
      (env) => closeYear(env, { promote }),
    );
    if (values.json) outJson(result);
    else for (const line of result.lines) out(line);
    return 0;
  },
};
