// `--help` in Russian for every command and subcommand, mentioning every option the command
// parses — taken from the command's own option spec (the object its run() parses with), so the
// help cannot drift from the parser.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/local/commands";
import { run } from "./cli-harness";

const CYRILLIC = /[А-Яа-яЁё]{4,}/;

describe("--help of every command", () => {
  for (const command of COMMANDS) {
    const invocations = [
      [command.name, "--help"],
      [command.name, "-h"],
      ["help", command.name],
      ...(command.subcommands ?? []).map((sub) => [command.name, sub, "--help"]),
    ];
    it(`${command.name}: Russian help naming every option it parses`, async () => {
      const options = Object.keys(command.options);
      expect(options.length).toBeGreaterThan(0);
      for (const argv of invocations) {
        const r = await run(...argv);
        expect(r.code, argv.join(" ")).toBe(0);
        expect(r.stderr).toBe("");
        expect(r.stdout).toMatch(CYRILLIC);
        expect(r.stdout.startsWith(`Использование: ${command.usage}`)).toBe(true);
        for (const option of options) expect(r.stdout, `--${option}`).toContain(`--${option}`);
        expect(r.stdout).toMatch(/Коды выхода: 0 — выполнено; 1 — ошибка .*; 2 — неверные параметры/s);
      }
    });

    it(`${command.name}: every option of its spec is accepted by the parser`, async () => {
      // All the options at once (string values: a path under a regular file, so nothing can be
      // written and no command runs long): an option in the spec the parser did not take would
      // be «Неизвестный параметр».
      const dir = mkdtempSync(join(tmpdir(), "cli-help-"));
      const file = join(dir, "файл");
      writeFileSync(file, "");
      const argv = [command.name, ...(command.subcommands?.slice(0, 1) ?? [])];
      for (const [name, spec] of Object.entries(command.options))
        argv.push(`--${name}`, ...(spec.type === "string" ? [join(file, "x")] : []));
      const r = await run(...argv);
      expect(r.code, argv.join(" ")).not.toBe(0);
      expect(r.stderr, argv.join(" ")).toMatch(/^Ошибка: /);
      expect(r.stderr, argv.join(" ")).not.toMatch(/Неизвестный параметр|Неверные параметры/);
    });
  }

  it("the list of commands and the configuration help are Russian", async () => {
    const all = await run("--help");
    expect(all.code).toBe(0);
    for (const c of COMMANDS) expect(all.stdout).toMatch(new RegExp(`^  ${c.name}\\s+\\S`, "m"));
    const config = await run("help", "config");
    expect(config.code).toBe(0);
    for (const field of ['"docs"', '"outbox"', '"exports"', '"smtp"', "NASTAVNIK_SMTP_PASSWORD"])
      expect(config.stdout).toContain(field);
  });
});
