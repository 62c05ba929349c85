// `nastavnik responses import КНИГА.xlsx ФАЙЛ --kind …`: the intake of questionnaire responses
// from a CSV/TSV/XLSX export (Google Forms, or a list the school already keeps with the headers
// of the base sheet) into a local workbook — the same use case the add-on runs on form submit.

import { basename, extname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { userMessage } from "../app/errors";
import { describeIntake, type IntakeReport, intakeResponses } from "../app/intake";
import type { CellValue } from "../domain/cells";
import { FORM_KINDS, FORM_NAMES, type FormKind } from "../domain/forms";
/** The shape of a command of the command line (the same as in cli.ts). */
import type { Command } from "./command";
import { withWorkbookFile } from "./env";
import { readDelimitedTable } from "./roadmap-readers";
import { XlsxWorkbook } from "./xlsx-workbook";

export type { Command };

/** Exit codes: everything stored / a file or workbook error / wrong parameters / rows not stored. */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_REJECTED = 3;

class UsageError extends Error {}

function out(line = ""): void {
  process.stdout.write(`${line}\n`);
}

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

function parseImportArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { kind: { type: "string" }, json: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    const m = /Unknown option '([^']+)'/.exec(text);
    throw new UsageError(
      m ? `Неизвестный параметр «${m[1]}». Справка: nastavnik help responses` : `Неверные параметры: ${text}`,
    );
  }
}

async function importResponses(args: string[]): Promise<number> {
  const { values, positionals } = parseImportArgs(args);
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
  const table = await readResponsesFile(resolve(file));
  const report = await withWorkbookFile<IntakeReport>(
    workbook,
    { create: false, save: (r) => r.created + r.updated > 0 },
    (env) => intakeResponses(env, kind, table, { origin: "file" }),
  );
  if (values.json) out(JSON.stringify({ workbook, file: resolve(file), ...report }, null, 2));
  else for (const line of describeIntake(report)) out(line);
  return report.rejected.length > 0 ? EXIT_REJECTED : EXIT_OK;
}

export const responsesCommand: Command = {
  name: "responses",
  usage: "nastavnik responses import КНИГА.xlsx ФАЙЛ --kind mentee|mentor|preference|feedback [--json]",
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
      process.stderr.write(`Ошибка: ${userMessage(error)}\n`);
      return error instanceof UsageError ? EXIT_USAGE : EXIT_ERROR;
    }
  },
};
