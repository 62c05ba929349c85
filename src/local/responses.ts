// `nastavnik responses import КНИГА.xlsx ФАЙЛ --kind …`: the intake of questionnaire responses
// from a CSV/TSV/XLSX export (Google Forms, or a list the school already keeps with the headers
// of the base sheet) into a local workbook — the same use case the add-on runs on form submit.

import { existsSync, statSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import { describeIntake, type IntakeReport, intakeResponses } from "../app/intake";
import type { CellValue } from "../domain/cells";
import { FORM_KINDS, FORM_NAMES, type FormKind } from "../domain/forms";
import {
  CONFIG_OPTION,
  type Command,
  EXIT_ERROR,
  EXIT_OK,
  EXIT_USAGE,
  JSON_OPTION,
  out,
  outJson,
  parseOptions,
  reportError,
  UsageError,
} from "./command";
import { readWorkbookConfig } from "./config";
import { withWorkbookFile } from "./env";
import { readDelimitedTable } from "./roadmap-readers";
import { XlsxWorkbook } from "./xlsx-workbook";

export type { Command };

/** Exit codes: everything stored / a file or workbook error / wrong parameters / rows not stored. */
export { EXIT_ERROR, EXIT_OK, EXIT_USAGE };
export const EXIT_REJECTED = 3;

const RESPONSES_OPTIONS = { kind: { type: "string" }, ...JSON_OPTION, ...CONFIG_OPTION } as const;

const KIND_LIST = FORM_KINDS.map((k) => `${k} («${FORM_NAMES[k]}»)`).join(", ");

function parseKind(value: unknown): FormKind {
  if (value === undefined) throw new UsageError(`Укажите анкету: --kind ${FORM_KINDS.join("|")}.`);
  const kind = FORM_KINDS.find((k) => k === String(value).trim().toLowerCase());
  if (!kind)
    throw new UsageError(`«${String(value)}» — нет такой анкеты. Параметр --kind принимает: ${KIND_LIST}.`);
  return kind;
}

/** The responses table of a file: .csv/.tsv/.txt (delimited) or .xlsx (its first sheet). */
export async function readResponsesFile(path: string): Promise<{ name: string; values: CellValue[][] }> {
  const name = basename(path);
  const ext = extname(path).toLowerCase();
  if (!existsSync(path)) throw new Error(`Файл «${path}» не найден. Проверьте путь и имя файла с ответами.`);
  if (statSync(path).isDirectory())
    throw new Error(`«${path}» — это папка, а не файл с ответами. Укажите файл .csv, .tsv или .xlsx.`);
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") {
    const doc = await readDelimitedTable(path);
    const rows = doc.tables[0]?.rows ?? [];
    return { name, values: rows.map((r) => r.cells as CellValue[]) };
  }
  if (ext === ".xlsx") {
    const book = await XlsxWorkbook.open(path);
    const first = book.sheetNames()[0];
    const values = first ? book.read(first) : null;
    if (!values || values.length === 0) {
      throw new Error(
        `В файле «${name}» первый лист${first ? ` «${first}»` : ""} пуст: нет ни заголовков, ни ответов.`,
      );
    }
    return { name, values };
  }
  throw new Error(
    `Формат файла «${name}» не поддерживается. Нужна выгрузка ответов в CSV (Google Формы: «Ответы» → «Скачать ответы (.csv)») ` +
      "или книга Excel .xlsx (ответы на первом листе).",
  );
}

async function importResponses(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions("responses", args, RESPONSES_OPTIONS);
  const [book, file] = positionals;
  if (!book || !file) {
    throw new UsageError(
      "Укажите книгу и файл с ответами. Пример: nastavnik responses import школа.xlsx ответы.csv --kind mentee",
    );
  }
  if (!/\.xlsx$/i.test(book))
    throw new UsageError(`«${book}» — ожидается файл книги Excel с расширением .xlsx`);
  const kind = parseKind(values.kind);
  const workbook = resolve(book);
  await readWorkbookConfig(workbook, values.config);
  const table = await readResponsesFile(resolve(file));
  const report = await withWorkbookFile<IntakeReport>(
    workbook,
    { create: false, save: (r) => r.created + r.updated > 0 },
    (env) => intakeResponses(env, kind, table, { origin: "file" }),
  );
  if (values.json) outJson({ workbook, file: resolve(file), ...report });
  else for (const line of describeIntake(report)) out(line);
  return report.rejected.length > 0 ? EXIT_REJECTED : EXIT_OK;
}

export const responsesCommand: Command = {
  name: "responses",
  usage:
    "nastavnik responses import КНИГА.xlsx ФАЙЛ --kind mentee|mentor|preference|feedback [--json] [--config ФАЙЛ]",
  options: RESPONSES_OPTIONS,
  subcommands: ["import"],
  summary: "анкеты: загрузить ответы из выгрузки Google Форм или своего списка (CSV, XLSX)",
  help: [
    "nastavnik responses import КНИГА.xlsx ФАЙЛ --kind mentee|mentor|preference|feedback [--json]",
    "    Загружает ответы анкеты из файла .csv, .tsv или .xlsx (первый лист) в книгу — так же, как",
    "    надстройка загружает ответы Google Форм:",
    `      mentee — «${FORM_NAMES.mentee}» → лист «Наставляемые»;`,
    `      mentor — «${FORM_NAMES.mentor}» → лист «Наставники»;`,
    `      preference — «${FORM_NAMES.preference}» → лист «Предпочтения»;`,
    `      feedback — «${FORM_NAMES.feedback}» → лист «Обратная связь».`,
    "    Заголовки — вопросы анкеты (выгрузка Google Форм, со столбцом «Отметка времени») или",
    "    заголовки листа базы: так можно загрузить список, который школа уже ведёт.",
    "    Один и тот же человек (тот же адрес почты, а без него — ФИО и дата рождения) не дублируется:",
    "    его запись обновляет более новый ответ. Ответы с ошибками сохраняются со статусом",
    "    «Требует проверки» и причинами в столбце «Что проверить», без согласия — со статусом",
    "    «Нет согласия». Повторная загрузка того же файла ничего не меняет.",
    "    Печатает итог: новые, обновлённые, без изменений, требующие проверки, без согласия, и каждую",
    "    незагруженную или задержанную строку файла с причиной.",
    "    --json — вывести отчёт в формате JSON.",
    "    Код завершения: 0 — все строки сохранены (в том числе требующие проверки); 3 — часть строк",
    "    не загружена (они перечислены); 1 — ошибка файла или книги; 2 — неверные параметры.",
  ].join("\n"),
  async run(args) {
    const [sub, ...rest] = args;
    try {
      if (sub !== "import") {
        throw new UsageError(
          `Неизвестная подкоманда «${sub ?? ""}». Доступна: import. Пример: nastavnik responses import школа.xlsx ответы.csv --kind mentee`,
        );
      }
      return await importResponses(rest);
    } catch (error) {
      return reportError(error, rest.includes("--json"));
    }
  },
};
