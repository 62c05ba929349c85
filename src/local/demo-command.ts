// `nastavnik demo` (= `npm start`): the built-in demo school's whole programme year into a
// fresh folder (out/demo by default): workbook, orders and ППН, the outbox, the report.

import { mkdir, readdir, rm } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { type Command, JSON_OPTION, outJson, parseOptions } from "./command";
import { type DemoProgress, runDemoYear } from "./demo-year";

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || rel === "" ? path : rel;
}

/** A text bar updated in place on a terminal; plain lines (start and end) otherwise. */
export function textProgress(
  stream: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): unknown },
): DemoProgress {
  const tty = stream.isTTY === true;
  let title = "";
  let total = 0;
  return {
    step(t, n) {
      title = t;
      total = n;
      if (!tty) stream.write(`${title}…\n`);
    },
    tick(done) {
      if (!tty || total === 0) return;
      const width = 30;
      const filled = Math.round((Math.min(done, total) / total) * width);
      stream.write(`\r${title}: [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`);
    },
    done(line) {
      if (tty && total > 0) stream.write("\r\x1b[K");
      total = 0;
      stream.write(`${line}\n`);
    },
  };
}

async function count(dir: string, ext: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith(ext)) found.push(p);
    }
  };
  await walk(dir);
  return found.sort();
}

const DEMO_OPTIONS = { out: { type: "string" }, ...JSON_OPTION } as const;

export const demoCommand: Command = {
  name: "demo",
  usage: "nastavnik demo [--out ПАПКА] [--json]",
  options: DEMO_OPTIONS,
  summary: "демонстрационная школа: весь учебный год программы наставничества",
  help:
    "Проводит вымышленную школу через весь учебный год: книга со всеми листами и настройками,\n" +
    "дорожная карта, анкеты наставляемых и наставников (с повторами, без согласия, с ошибками),\n" +
    "подбор и утверждение пар, приказы и ППН, план встреч, год по дням с напоминаниями в папку\n" +
    "outbox, обратная связь на трёх этапах, мониторинг, отчёт за год и завершение года.\n" +
    "Папка создаётся заново при каждом запуске (прежнее содержимое удаляется).\n" +
    "  --out ПАПКА   куда записать результат (по умолчанию out/demo);\n" +
    "  --json        вывести пути записанного в формате JSON (ход работы — в поток ошибок)",
  async run(args) {
    const { values } = parseOptions("demo", args, DEMO_OPTIONS);
    const dir = resolve(String(values.out ?? join("out", "demo")));
    // With --json only the JSON goes to stdout; the progress and the summary go to stderr.
    const stream = values.json ? process.stderr : process.stdout;
    const out = (line = "") => stream.write(`${line}\n`);
    const started = Date.now();
    // A fresh folder every time: the demo is generated, so a second run repeats the first.
    try {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw new Error(
        `Не удалось создать папку «${dir}» для демонстрации (${e instanceof Error ? e.message : String(e)}). Укажите другую: --out ПАПКА`,
      );
    }
    out("Наставник — демонстрационная школа, учебный год целиком");
    const result = await runDemoYear(dir, textProgress(stream));
    const docx = await count(join(dir, "docs"), ".docx");
    const eml = await count(result.outboxDir, ".eml");
    out();
    out("Записано:");
    out(`  книга: ${shown(result.workbook)}`);
    out(`  документы (.docx): ${docx.length} — ${shown(join(dir, "docs"))}`);
    out(`  письма (.eml): ${eml.length} — ${shown(result.outboxDir)}`);
    if (result.report) out(`  отчёт за год: ${shown(result.report)}`);
    out();
    out(`Готово за ${((Date.now() - started) / 1000).toFixed(1)} с. Откройте книгу в Excel или LibreOffice,`);
    out("или импортируйте в Google Таблицы (Файл → Импортировать).");
    if (values.json) {
      outJson({
        dir,
        workbook: result.workbook,
        docs: { folder: join(dir, "docs"), files: docx },
        outbox: { folder: result.outboxDir, files: eml },
        report: result.report ?? null,
        seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
      });
    }
    return 0;
  },
};
