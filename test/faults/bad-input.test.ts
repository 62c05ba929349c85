// Runs every entry of the bad-input catalogue through the same three checks (issue 10, «Bad
// input»): (a) no crash of an unexpected kind, (b) a Russian message that names where the problem
// is and says what to do — or, for an unusual but right input, the value read as it was meant,
// (c) nothing lost: the curator's cells unchanged, every input row stored or listed as rejected.

import { describe, expect, it } from "vitest";
import { UserError } from "../../src/app/errors";
import { SchemaError } from "../../src/domain/table";
import { type BadInput, catalogue, type Outcome, type Where } from "./bad-input-catalogue";
import { recordFigure } from "./figures";

const CYRILLIC = /[а-яё]/i;
/** Words that tell the user what to do (or what is expected instead). */
const WHAT_TO_DO =
  /ожидает|нужн|должн|укажите|впишите|исправьте|проверьте|запустите|верните|выберите|заполните|сохраните|повторите|создайте|обновите|удалите|добавьте|замените|допишите|откройте|используйте|сообщите|подождите|закройте|справка|пример|доступн|принимает|переименуйте|выгрузите|загрузите|поправьте|уточните|nastavnik help/i;
/** JS runtime errors: a bug, whatever their text. */
const JS_ERRORS = new Set([
  "TypeError",
  "RangeError",
  "ReferenceError",
  "SyntaxError",
  "EvalError",
  "URIError",
]);

/** (a) Every error is one written for the user: Russian, not a JS runtime error, not «unexpected». */
function expectNoUnexpectedCrash(entry: BadInput, outcome: Outcome): void {
  for (const error of outcome.errors) {
    const name = error instanceof Error ? error.name : typeof error;
    const text = error instanceof Error ? error.message : String(error);
    const known = error instanceof UserError || error instanceof SchemaError;
    expect(JS_ERRORS.has(name), `${entry.id}: ${name}: ${text}`).toBe(false);
    expect(known || CYRILLIC.test(text), `${entry.id}: not a Russian error: ${name}: ${text}`).toBe(true);
  }
  if (outcome.exitCode !== undefined) {
    expect([0, 1, 2, 3], `${entry.id}: exit code`).toContain(outcome.exitCode);
    const stderr = outcome.stderr ?? "";
    expect(stderr, `${entry.id}: a stack trace on stderr`).not.toMatch(/^\s+at\s/m);
    expect(stderr, `${entry.id}: stderr`).not.toMatch(/Непредвиденная ошибка|Error:|undefined|\[object/);
  }
  for (const m of outcome.messages)
    expect(m, `${entry.id}: an untranslated error reached the user`).not.toMatch(/Непредвиденная ошибка/);
}

function pointsAt(message: string, where: Where): boolean {
  const has = (s: string) => message.includes(s);
  const row = (n: number) => new RegExp(`строк[аеи]\\s+${n}(?!\\d)`).test(message);
  return (
    (!where.sheet || has(`«${where.sheet}»`)) &&
    (where.row === undefined || row(where.row)) &&
    (where.line === undefined || row(where.line)) &&
    (!where.column || has(`«${where.column}`) || has(where.column))
  );
}

/**
 * (b) A Russian message names the place (sheet/row/column, file/line) and says what to do: the
 * line that points at the place, or a line of the same message that is about no single row (the
 * heading or closing line of a list of problems).
 */
function expectMessageAt(entry: BadInput, outcome: Outcome, where: Where): void {
  const messages = outcome.messages.filter((m) => CYRILLIC.test(m));
  expect(messages.length, `${entry.id}: no Russian message at all`).toBeGreaterThan(0);
  if (outcome.exitCode !== undefined)
    expect(outcome.exitCode, `${entry.id}: exit code of a refused input`).not.toBe(0);
  if (where.file) {
    const name = where.file.split("/").at(-1) ?? where.file;
    expect(
      messages.some((m) => m.includes(name)),
      `${entry.id}: no message names the file «${name}»:\n${messages.join("\n")}`,
    ).toBe(true);
  }
  const { file: _file, ...place } = where;
  const pointing = messages.flatMap((m) => {
    const lines = m.split("\n");
    const general = lines.filter((l) => !/строк[аеи]\s+\d/.test(l) && WHAT_TO_DO.test(l));
    return lines
      .filter((l) => pointsAt(l, place))
      .map((line) => ({ line, advised: WHAT_TO_DO.test(line) || general.length > 0 }));
  });
  expect(
    pointing.length,
    `${entry.id}: no message points at ${JSON.stringify(where)}:\n${messages.join("\n").slice(0, 3000)}`,
  ).toBeGreaterThan(0);
  expect(
    pointing.some((p) => p.advised),
    `${entry.id}: the message does not say what to do:\n${pointing
      .map((p) => p.line)
      .join("\n")
      .slice(0, 2000)}`,
  ).toBe(true);
}

/** (b') An unusual but right input is read as meant, without errors. */
function expectReadAs(entry: BadInput, outcome: Outcome, value: unknown): void {
  expect(outcome.errors.map(String), `${entry.id}: errors`).toEqual([]);
  expect(outcome.value, `${entry.id}: read back`).toEqual(value);
}

/** (c) Nothing lost: the curator's cells unchanged; every input row stored or listed as rejected. */
function expectNothingLost(entry: BadInput, outcome: Outcome): void {
  expect(outcome.lost, `${entry.id}: lost or changed`).toEqual([]);
  if (outcome.accounted) {
    const { rows, stored, rejected } = outcome.accounted;
    expect(stored + rejected, `${entry.id}: rows neither stored nor rejected`).toBe(rows);
  }
}

describe("the bad-input catalogue", () => {
  it("holds at least 60 malformed inputs over the workbook, the roadmap, the responses and the command line", () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(60);
    expect(new Set(catalogue.map((e) => e.id)).size).toBe(catalogue.length);
    const areas = new Set(catalogue.map((e) => e.area));
    expect([...areas].sort()).toEqual(["дорожная карта", "книга", "командная строка", "ответы анкет"]);
    recordFigure("malformedInputs", catalogue.length);
  });

  for (const entry of catalogue) {
    it(`${entry.id} ${entry.area}: ${entry.input.slice(0, 90)}`, { timeout: 60_000 }, async () => {
      const outcome = await entry.run();
      expectNoUnexpectedCrash(entry, outcome);
      if (entry.expect.kind === "message") expectMessageAt(entry, outcome, entry.expect.where);
      else expectReadAs(entry, outcome, entry.expect.value);
      expectNothingLost(entry, outcome);
    });
  }
});
