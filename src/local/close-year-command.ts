// `nastavnik close-year`: «Завершить учебный год» on a workbook file — the same use case as the
// sidebar. Without --yes it only shows what would be done; the book is not changed.

import { resolve } from "node:path";
import {
  type CloseYearPreview,
  type CloseYearResult,
  checkCloseYearRequest,
  closeYear,
  closeYearPreview,
} from "../app/close-year";
import { type Command, parseOptions } from "./command";
import { withWorkbookFile } from "./env";
import { parseRunDate } from "./remind";

function out(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** «НЯ-0003,НЯ-0007» (commas or spaces) → the IDs; --promote may be given several times. */
export function parsePromote(values: readonly string[] | undefined): string[] {
  const ids = (values ?? []).flatMap((v) => v.split(/[,;\s]+/)).filter((v) => v.trim() !== "");
  return checkCloseYearRequest({ promote: ids }).promote;
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

export const closeYearCommand: Command = {
  name: "close-year",
  usage: "nastavnik close-year КНИГА.xlsx [--promote ID,ID] [--yes] [--date ГГГГ-ММ-ДД] [--json]",
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
    const { values, positionals } = parseOptions("close-year", args, {
      promote: { type: "string", multiple: true },
      yes: { type: "boolean" },
      date: { type: "string" },
      json: { type: "boolean" },
    });
    const file = positionals[0];
    if (!file) throw new Error("Не указан файл книги. Пример: nastavnik close-year школа.xlsx");
    if (!/\.xlsx$/i.test(file)) throw new Error(`«${file}» — ожидается файл книги Excel с расширением .xlsx`);
    if (positionals.length > 1) throw new Error(`Лишние параметры: ${positionals.slice(1).join(" ")}`);
    const promote = parsePromote(values.promote);
    const now = parseRunDate(values.date);
    if (!values.yes) {
      const preview = await withWorkbookFile<CloseYearPreview>(
        resolve(file),
        { create: false, save: () => false, now },
        (env) => closeYearPreview(env),
      );
      if (values.json) out(JSON.stringify({ preview, promote }, null, 2));
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
      resolve(file),
      { create: false, save: () => true, now },
      (env) => closeYear(env, { promote }),
    );
    if (values.json) out(JSON.stringify(result, null, 2));
    else for (const line of result.lines) out(line);
    return 0;
  },
};
