// A command of the `nastavnik` command line, and what every command shares: strict option
// parsing with Russian errors, the workbook argument, usage errors (exit code 2).

import { resolve } from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { userMessage } from "../app/errors";

/** The options a command parses (node:util parseArgs spec). */
export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface Command {
  name: string;
  usage: string;
  summary: string;
  help: string;
  /**
   * Every option the command (any of its subcommands) parses — the same object its run() hands
   * to parseOptions, so the help and the tests cannot drift from what is parsed.
   */
  options: OptionSpec;
  /** Subcommands (nastavnik roadmap import …), when the command has them. */
  subcommands?: readonly string[];
  /** Runs the command; resolves with the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
/** A user error: a missing or locked file, a workbook of another version, bad data. */
export const EXIT_ERROR = 1;
/** A usage error: an unknown option or subcommand, a missing or malformed parameter. */
export const EXIT_USAGE = 2;

/** Wrong parameters on the command line (exit code 2); the message is Russian. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** `--json`: the result as JSON on stdout. */
export const JSON_OPTION = { json: { type: "boolean" } } as const satisfies OptionSpec;
/** `--config FILE`: the configuration file (default: nastavnik.config.json next to the workbook). */
export const CONFIG_OPTION = { config: { type: "string" } } as const satisfies OptionSpec;

/**
 * Parses a command's options strictly; an unknown or malformed option becomes a Russian usage
 * error pointing at the command's help.
 */
export function parseOptions<O extends OptionSpec>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    const unknown = /Unknown option '([^']+)'/.exec(text);
    const missing = /Option '(?:-\w, )?(--[^ ']+)[^']*' argument missing/.exec(text);
    const noValue = /Option '(--[^ ']+)' does not take an argument/.exec(text);
    throw new UsageError(
      unknown
        ? `Неизвестный параметр «${unknown[1]}». Справка: nastavnik ${command} --help`
        : missing
          ? `После ${missing[1]} нужно значение. Справка: nastavnik ${command} --help`
          : noValue
            ? `Параметр ${noValue[1]} указывается без значения. Справка: nastavnik ${command} --help`
            : `Неверные параметры: ${text}. Справка: nastavnik ${command} --help`,
    );
  }
}

/**
 * The workbook file named first on the command line: present, an .xlsx, and (with `only`) no
 * further positional arguments. Returned as given; resolve() it for an absolute path.
 */
export function workbookFile(
  positionals: readonly string[],
  command: string,
  example = "",
  only = false,
): string {
  const file = positionals[0];
  if (!file)
    throw new UsageError(
      `Не указан файл книги. Пример: nastavnik ${command} школа.xlsx${example ? ` ${example}` : ""}`,
    );
  if (!/\.xlsx$/i.test(file))
    throw new UsageError(`«${file}» — ожидается файл книги Excel с расширением .xlsx`);
  if (only && positionals.length > 1)
    throw new UsageError(
      `Лишние параметры: ${positionals.slice(1).join(" ")}. Справка: nastavnik ${command} --help`,
    );
  return file;
}

/** The workbook argument as an absolute path (see workbookFile). */
export function workbookPath(positionals: readonly string[], command: string, example = ""): string {
  return resolve(workbookFile(positionals, command, example, true));
}

/** Prints one line to stdout. */
export function out(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** Prints a value as JSON on stdout (the only thing a command prints there with --json). */
export function outJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Reports a failed command: the Russian message on stderr, and with --json also
 * `{ "error": "…" }` on stdout. Resolves the exit code: 2 for a usage error, else 1.
 */
export function reportError(error: unknown, json: boolean): number {
  const message = userMessage(error);
  process.stderr.write(`Ошибка: ${message}\n`);
  if (json) outJson({ error: message });
  return error instanceof UsageError ? EXIT_USAGE : EXIT_ERROR;
}
