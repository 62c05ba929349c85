// A command of the `nastavnik` command line.

import { type ParseArgsConfig, parseArgs } from "node:util";

export interface Command {
  name: string;
  usage: string;
  summary: string;
  help: string;
  /** Runs the command; resolves with the process exit code. */
  run(args: string[]): Promise<number>;
}

/**
 * Parses a command's options strictly; an unknown or malformed option becomes a Russian error
 * pointing at the command's help.
 */
export function parseOptions<O extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  args: string[],
  options: O,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    const m = /Unknown option '([^']+)'/.exec(text);
    throw new Error(
      m
        ? `Неизвестный параметр «${m[1]}». Справка: nastavnik ${command} --help`
        : `Неверные параметры: ${text}. Справка: nastavnik ${command} --help`,
    );
  }
}

/** The workbook file named first on the command line: present, and an .xlsx. */
export function workbookFile(positionals: readonly string[], command: string, example = ""): string {
  const file = positionals[0];
  if (!file)
    throw new Error(
      `Не указан файл книги. Пример: nastavnik ${command} школа.xlsx${example ? ` ${example}` : ""}`,
    );
  if (!/\.xlsx$/i.test(file)) throw new Error(`«${file}» — ожидается файл книги Excel с расширением .xlsx`);
  return file;
}
