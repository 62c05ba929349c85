// `nastavnik report`: the year's report for the municipal authority / regional centre, or with
// --site the news text for the school website, as .docx from the templates — the same use case
// as the kinds «Отчёт о реализации программы наставничества» and «Текст для сайта об итогах года»
// of the sidebar section «Документы». One document per academic year; --revision makes a new one.

import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type GeneratedDoc, type GenerateResult, generateDocuments } from "../app/documents";
import { KINDS } from "../domain/docs/kinds";
import type { DocKind } from "../domain/docs/model";
import { type DateOnly, formatDate, normalizeDate } from "../domain/normalize";
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
import { LocalDocuments } from "./documents";
import { withWorkbookFile } from "./env";

/** --date: ДД.ММ.ГГГГ (or ГГГГ-ММ-ДД); null — today. */
function parseDate(value: unknown): DateOnly | null {
  if (value === undefined) return null;
  const d = normalizeDate(String(value));
  if (!d.ok || !d.value) {
    throw new UsageError(`«${String(value)}» — ${d.ok ? "пустая дата" : d.error}. Пример: --date 31.05.2026`);
  }
  return d.value;
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || rel === "" ? path : rel;
}

function localPath(url: string): string {
  try {
    return url.startsWith("file:") ? fileURLToPath(url) : url;
  } catch {
    return url;
  }
}

interface ReportRun {
  result: GenerateResult;
  pdfProblem: string | null;
}

const REPORT_OPTIONS = {
  site: { type: "boolean" },
  date: { type: "string" },
  revision: { type: "boolean" },
  pdf: { type: "boolean" },
  out: { type: "string" },
  templates: { type: "string" },
  ...JSON_OPTION,
  ...CONFIG_OPTION,
} as const;

export const reportCommand: Command = {
  name: "report",
  options: REPORT_OPTIONS,
  usage:
    "nastavnik report КНИГА.xlsx [--site] [--date ДД.ММ.ГГГГ] [--revision] [--pdf] [--out ПАПКА] [--templates ПАПКА] [--json] [--config ФАЙЛ]",
  summary: "отчёт о реализации программы за учебный год (или --site: текст для сайта) в .docx",
  help: [
    `Составляет «${KINDS.report.title}» для органа управления образованием и регионального`,
    "центра наставничества: показатели мониторинга за учебный год, формы наставничества и число пар,",
    "лучшие практики («Лучшие практики года» в «Настройки», каждая с новой строки), наставников,",
    "отмеченных по итогам года, выводы и задачи на следующий год, подписи директора и куратора.",
    "Из персональных данных в отчёт попадают только ФИО и должности отмеченных наставников.",
    "Документ регистрируется в листе «Приказы»; за учебный год создаётся один отчёт.",
    `  --site            вместо отчёта — «${KINDS["site-text"].title}»: черновик новости`,
    "                    (итоги, отзывы, благодарность наставникам, приглашение в программу);",
    "  --date ДД.ММ.ГГГГ дата документа; показатели считаются на эту дату (по умолчанию — сегодня);",
    "  --revision        новая редакция, если документ за этот учебный год уже создан;",
    "  --pdf             также сохранить PDF (нужен LibreOffice);",
    "  --out ПАПКА       куда записать документ (по умолчанию — «docs» из файла настроек, а без него —",
    "                    папка «документы» рядом с книгой);",
    "  --templates ПАПКА папка ваших шаблонов .docx (недостающие копируются туда из стандартных);",
    "  --json            вывести результат в формате JSON.",
    "Повторный запуск не создаёт второй документ за тот же учебный год.",
  ].join("\n"),
  async run(args) {
    const { values, positionals } = parseOptions("report", args, REPORT_OPTIONS);
    const book = workbookPath(positionals, "report");
    const config = await readWorkbookConfig(book, values.config);
    const kind: DocKind = values.site ? "site-text" : "report";
    const date = parseDate(values.date);
    // The figures are counted as of the document's date (noon, so no time zone moves the day).
    const now = date ? () => new Date(date.year, date.month - 1, date.day, 12, 0) : undefined;
    const outDir = outputFolder("docs", config, book, values.out);
    const docs = new LocalDocuments({
      outDir,
      baseDir: dirname(book),
      templatesDir: values.templates !== undefined ? resolve(String(values.templates)) : undefined,
    });
    let run: ReportRun;
    try {
      run = await withWorkbookFile<ReportRun>(
        book,
        { create: false, save: (r) => r.result.documents.some((d) => !d.existing), now },
        (env) => ({
          result: generateDocuments(env, docs, {
            kind,
            ids: [],
            date: date ? formatDate(date) : null,
            newRevision: values.revision === true,
            pdf: values.pdf ? true : null,
          }),
          pdfProblem: docs.pdfProblem,
        }),
      );
    } finally {
      docs.close();
    }

    const { result } = run;
    const file = (d: GeneratedDoc) => localPath(d.url);
    if (values.json) {
      outJson({
        kind,
        outDir,
        documents: result.documents.map((d) => ({ ...d, file: file(d) })),
        problems: result.problems,
        warnings: result.warnings,
        lines: result.lines,
        ...(run.pdfProblem ? { pdfProblem: run.pdfProblem } : {}),
      });
      return result.problems.length > 0 ? 1 : 0;
    }
    if (result.problems.length > 0) {
      process.stderr.write(
        `«${KINDS[kind].title}» не создан:\n${result.problems.map((p) => `  • ${p}`).join("\n")}\n`,
      );
      return 1;
    }
    for (const line of result.lines) out(line);
    for (const d of result.documents) {
      out(`Файл: ${shown(file(d))}${d.existing ? " (создан раньше)" : ""}`);
      if (d.pdfUrl) out(`PDF: ${shown(localPath(d.pdfUrl))}`);
    }
    if (values.pdf && result.documents.some((d) => !d.existing && !d.pdfUrl))
      out(run.pdfProblem ?? "PDF не создан.");
    const created = result.documents.some((d) => !d.existing);
    out(created ? "Книга сохранена: документ зарегистрирован в «Приказы»." : "Книга не изменена.");
    return 0;
  },
};
