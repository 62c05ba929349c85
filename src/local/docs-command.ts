// `nastavnik docs`: orders, personalised programmes and consents as .docx files from the
// templates — the same use case as the sidebar section «Документы».

import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  continueDocumentsJob,
  type DocCandidate,
  documentCandidates,
  type GeneratedDoc,
  type GenerateResult,
  generateDocuments,
} from "../app/documents";
import { KINDS } from "../domain/docs/kinds";
import { DOC_KINDS, type DocKind } from "../domain/docs/model";
import { formatDate, normalizeDate } from "../domain/normalize";
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

const KIND_HELP = DOC_KINDS.map((k) => `    ${k.padEnd(17)} ${KINDS[k].title}`);

// A value that does not fit (--type, --date, --ids) is reported with exit code 1, as its tests pin;
// unknown options and a missing workbook argument are usage errors (2) as everywhere.
function parseKind(value: unknown): DocKind {
  if (value === undefined || value === "") {
    throw new UsageError(
      `Укажите вид документа: --type ${DOC_KINDS.join("|")}. Справка: nastavnik docs --help`,
    );
  }
  const kind = DOC_KINDS.find((k) => k === String(value).trim().toLowerCase());
  if (!kind) {
    throw new UsageError(
      `«${String(value)}» — нет такого вида документа. Параметр --type принимает: ${DOC_KINDS.map((k) => `${k} («${KINDS[k].title}»)`).join(", ")}.`,
    );
  }
  return kind;
}

/** --date ДД.ММ.ГГГГ → the date as the use case takes it (ДД.ММ.ГГГГ), or null for today. */
function parseDate(value: unknown): string | null {
  if (value === undefined) return null;
  const d = normalizeDate(String(value));
  if (!d.ok || !d.value) {
    throw new UsageError(`«${String(value)}» — ${d.ok ? "пустая дата" : d.error}. Пример: --date 01.09.2025`);
  }
  return formatDate(d.value);
}

function parseIds(value: unknown): string[] | null {
  if (value === undefined) return null;
  const ids = String(value)
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (ids.length === 0) throw new UsageError("Параметр --ids пуст. Пример: --ids П-0001,П-0002");
  return [...new Set(ids)];
}

/** The IDs to generate for: as asked, all, or the preselected ones. */
function chooseIds(
  kind: DocKind,
  candidates: DocCandidate[],
  asked: string[] | null,
  all: boolean,
): string[] {
  if (KINDS[kind].subject === "none") {
    if (asked)
      throw new UsageError(`«${KINDS[kind].title}» не составляется по парам или людям: уберите --ids.`);
    return [];
  }
  // Unknown IDs are reported by the use case, naming the sheet.
  if (asked) return asked;
  return candidates.filter((c) => all || c.preselected).map((c) => c.id);
}

function candidateLine(c: DocCandidate): string {
  const mark = c.preselected ? "[x]" : "[ ]";
  const where = c.inDocument ? ` — уже в документе: ${c.inDocument}` : "";
  return `  ${mark} ${c.id}  ${c.label}${c.detail ? ` (${c.detail})` : ""}${where}`;
}

interface DocsRun {
  result: GenerateResult;
  documents: GeneratedDoc[];
  /** The workbook changed: a document registered, a job advanced. */
  changed: boolean;
  pdfProblem: string | null;
  nothingToDo: string | null;
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

const DOCS_OPTIONS = {
  type: { type: "string" },
  ids: { type: "string" },
  all: { type: "boolean" },
  date: { type: "string" },
  revision: { type: "boolean" },
  pdf: { type: "boolean" },
  out: { type: "string" },
  templates: { type: "string" },
  list: { type: "boolean" },
  ...JSON_OPTION,
  ...CONFIG_OPTION,
} as const;

export const docsCommand: Command = {
  name: "docs",
  options: DOCS_OPTIONS,
  usage:
    "nastavnik docs КНИГА.xlsx --type ВИД [--ids ID,ID] [--all] [--date ДД.ММ.ГГГГ] [--revision] [--pdf] [--out ПАПКА] [--templates ПАПКА] [--list] [--json] [--config ФАЙЛ]",
  summary: "документы: приказы, программы наставничества и согласия в .docx по шаблонам",
  help: [
    "Создаёт документы по шаблонам .docx и регистрирует их в листе «Приказы»: приказам даётся",
    "номер из «Настройки» («Префикс номера приказа», «Следующий номер приказа»), парам —",
    "номер и дата приказа, ссылки на программы записываются в «Пары и группы».",
    "  --type ВИД        вид документа:",
    ...KIND_HELP,
    "  --list            показать, для кого можно создать документ, ничего не создавая",
    "                    ([x] — выбраны по умолчанию: например, утверждённые пары не в приказе);",
    "  --ids ID,ID       для кого создать (ID пар или наставников из --list);",
    "  --all             для всех из списка, а не только выбранных по умолчанию;",
    "  --date ДД.ММ.ГГГГ дата документа (по умолчанию — сегодня);",
    "  --revision        новая редакция документа, который уже создан для тех же пар (с новым номером);",
    "  --pdf             также сохранить PDF (нужен LibreOffice; по умолчанию — как в «Настройки»);",
    "  --out ПАПКА       куда записать документы (по умолчанию — «docs» из файла настроек, а без него —",
    "                    папка «документы» рядом с книгой);",
    "  --templates ПАПКА папка ваших шаблонов: недостающие копируются туда из стандартных,",
    "                    их можно править в Word или LibreOffice (поля {{…}} — см. README);",
    "  --json            вывести результат в формате JSON.",
    "Повторный запуск для тех же пар не создаёт второй документ.",
  ].join("\n"),
  async run(args) {
    const { values, positionals } = parseOptions("docs", args, DOCS_OPTIONS);
    const book = workbookPath(positionals, "docs", "--type pairs-order");
    const config = await readWorkbookConfig(book, values.config);
    const kind = parseKind(values.type);
    const info = KINDS[kind];
    const date = parseDate(values.date);
    const asked = parseIds(values.ids);

    if (values.list) {
      const listed = await withWorkbookFile(
        book,
        { create: false, save: () => false, readOnly: true },
        (env) => documentCandidates(env, kind),
      );
      if (values.json) {
        outJson(listed);
        return 0;
      }
      out(`${info.title}:`);
      for (const line of listed.lines) out(line);
      for (const c of listed.candidates) out(candidateLine(c));
      if (listed.candidates.length === 0 && info.subject !== "none") out("  (некого включить)");
      return 0;
    }

    const outDir = outputFolder("docs", config, book, values.out);
    const docs = new LocalDocuments({
      outDir,
      baseDir: dirname(book),
      templatesDir: values.templates !== undefined ? resolve(String(values.templates)) : undefined,
    });
    let run: DocsRun;
    try {
      run = await withWorkbookFile<DocsRun>(book, { create: false, save: (r) => r.changed }, (env) => {
        const { candidates } = documentCandidates(env, kind);
        const ids = chooseIds(kind, candidates, asked, values.all === true);
        if (info.subject !== "none" && ids.length === 0) {
          const empty: GenerateResult = { documents: [], problems: [], warnings: [], job: null, lines: [] };
          const reason =
            candidates.length === 0
              ? `Не для кого создавать «${info.title}»: в книге нет подходящих записей.`
              : `Не для кого создавать «${info.title}»: все уже в документах. ` +
                `Чтобы выбрать самим: --list, затем --ids ID,ID (или --all); новая редакция — --revision.`;
          return { result: empty, documents: [], changed: false, pdfProblem: null, nothingToDo: reason };
        }
        // No time limit here (unlike Apps Script): the whole job runs in one go; the loop only
        // finishes a job a previous, interrupted run left behind.
        const budget = { budgetMs: Number.POSITIVE_INFINITY };
        let result = generateDocuments(
          env,
          docs,
          { kind, ids, date, newRevision: values.revision === true, pdf: values.pdf ? true : null },
          budget,
        );
        const documents = [...result.documents];
        const lines = [...result.lines];
        let guard = 0;
        while (result.job && result.problems.length === 0 && guard++ < 1000) {
          const before = result.job.done + result.job.failed.length;
          if (before >= result.job.total) break;
          result = continueDocumentsJob(env, docs, budget);
          documents.push(...result.documents);
          lines.push(...result.lines);
          const after = result.job ? result.job.done + result.job.failed.length : Number.POSITIVE_INFINITY;
          if (after <= before) break;
        }
        result = { ...result, documents, lines };
        const changed =
          documents.some((d) => !d.existing) || (result.job !== null && result.job.failed.length > 0);
        return { result, documents, changed, pdfProblem: docs.pdfProblem, nothingToDo: null };
      });
    } finally {
      docs.close();
    }

    const { result, documents } = run;
    const failed = result.job?.failed ?? [];
    if (values.json) {
      outJson({
        kind,
        outDir,
        documents: documents.map((d) => ({ ...d, file: localPath(d.url) })),
        problems: result.problems,
        warnings: result.warnings,
        failed,
        ...(run.pdfProblem ? { pdfProblem: run.pdfProblem } : {}),
        ...(run.nothingToDo ? { nothing: run.nothingToDo } : {}),
      });
      return result.problems.length > 0 || failed.length > 0 ? 1 : 0;
    }
    if (run.nothingToDo) {
      out(run.nothingToDo);
      return 0;
    }
    if (result.problems.length > 0) {
      process.stderr.write(`Документы не созданы:\n${result.problems.map((p) => `  • ${p}`).join("\n")}\n`);
      return 1;
    }
    for (const line of result.lines) out(line);
    const created = documents.filter((d) => !d.existing);
    if (documents.length > 0) out(documents.length === 1 ? "Файл:" : "Файлы:");
    for (const d of documents) {
      out(`  ${shown(localPath(d.url))}${d.existing ? " (создан раньше)" : ""}`);
      if (d.pdfUrl) out(`  ${shown(localPath(d.pdfUrl))}`);
    }
    if (documents.some((d) => d.existing) && !values.revision)
      out("Новая редакция (для приказа — с новым номером): добавьте --revision.");
    if (values.pdf && created.some((d) => !d.pdfUrl)) out(run.pdfProblem ?? "PDF не создан.");
    out(run.changed ? "Книга сохранена: документы зарегистрированы в «Приказы»." : "Книга не изменена.");
    return failed.length > 0 ? 1 : 0;
  },
};
