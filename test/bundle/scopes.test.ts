// The OAuth scopes of the built manifest and the README's table «Какие разрешения нужны и зачем»
// agree both ways: a scope added to the manifest without a row in the table fails, and so does a
// row for a scope the manifest no longer asks for. The check is a plain function, so the test
// also proves it fails on a manifest or a README mutated in memory.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DIST } from "./load";

const TABLE_TITLE = "### Какие разрешения нужны и зачем";

/** The scopes of the README's table, each with its explanation (empty if the cell is blank). */
function readmeScopes(readme: string): Map<string, string> {
  const start = readme.indexOf(TABLE_TITLE);
  if (start < 0) throw new Error(`README has no section «${TABLE_TITLE}»`);
  const rows = new Map<string, string>();
  const lines = readme.slice(start + TABLE_TITLE.length).split("\n");
  let inTable = false;
  for (const line of lines) {
    if (line.startsWith("|")) {
      inTable = true;
      const cells = line.split("|").map((c) => c.trim());
      const scope = /^`(https:\/\/www\.googleapis\.com\/auth\/[\w.]+)`$/.exec(cells[1] ?? "")?.[1];
      if (scope) rows.set(scope, cells[2] ?? "");
    } else if (inTable && line.trim() !== "") break;
    else if (line.startsWith("#")) break;
  }
  return rows;
}

/** What is wrong between the manifest's scopes and the README's table; empty when they agree. */
function scopeProblems(scopes: readonly string[], readme: string): string[] {
  const table = readmeScopes(readme);
  const problems: string[] = [];
  for (const scope of scopes) {
    if (!table.has(scope)) problems.push(`not explained in the README: ${scope}`);
    else if ((table.get(scope) ?? "").length < 10) problems.push(`explanation too short: ${scope}`);
  }
  for (const scope of table.keys()) {
    if (!scopes.includes(scope)) problems.push(`in the README but not in the manifest: ${scope}`);
  }
  if (new Set(scopes).size !== scopes.length) problems.push("a scope is listed twice in the manifest");
  return problems;
}

const README = readFileSync(resolve(__dirname, "../../README.md"), "utf8");
const SCOPES = (
  JSON.parse(readFileSync(resolve(DIST, "appsscript.json"), "utf8")) as { oauthScopes: string[] }
).oauthScopes;
const SOURCE_SCOPES = (
  JSON.parse(readFileSync(resolve(__dirname, "../../appsscript.json"), "utf8")) as { oauthScopes: string[] }
).oauthScopes;

describe("OAuth scopes and the README", () => {
  it("the built manifest is the source manifest, and every scope has a row in the table and no row more", () => {
    expect(SCOPES).toEqual(SOURCE_SCOPES);
    expect(SCOPES.length).toBeGreaterThan(0);
    expect(scopeProblems(SCOPES, README)).toEqual([]);
    expect([...readmeScopes(README).keys()].sort()).toEqual([...SCOPES].sort());
  });

  it("fails when a scope is added to the manifest without a row in the README", () => {
    const added = [...SCOPES, "https://www.googleapis.com/auth/drive"];
    expect(scopeProblems(added, README)).toEqual([
      "not explained in the README: https://www.googleapis.com/auth/drive",
    ]);
    // Mentioned elsewhere in the README (not in the table) is not explained.
    const mentioned = `${README}\nСм. также \`https://www.googleapis.com/auth/gmail.send\`.\n`;
    expect(scopeProblems([...SCOPES, "https://www.googleapis.com/auth/gmail.send"], mentioned)).toEqual([
      "not explained in the README: https://www.googleapis.com/auth/gmail.send",
    ]);
  });

  it("fails when the README explains a scope the manifest does not ask for", () => {
    const removed = SCOPES.filter((s) => !s.endsWith("/forms"));
    expect(scopeProblems(removed, README)).toEqual([
      "in the README but not in the manifest: https://www.googleapis.com/auth/forms",
    ]);
  });

  it("fails when a row of the table is deleted or left without an explanation", () => {
    const scope = "https://www.googleapis.com/auth/script.send_mail";
    const withoutRow = README.split("\n")
      .filter((l) => !l.includes(`\`${scope}\``))
      .join("\n");
    expect(scopeProblems(SCOPES, withoutRow)).toEqual([`not explained in the README: ${scope}`]);
    const blank = README.split("\n")
      .map((l) => (l.includes(`\`${scope}\``) ? `| \`${scope}\` |  |` : l))
      .join("\n");
    expect(scopeProblems(SCOPES, blank)).toEqual([`explanation too short: ${scope}`]);
  });
});
