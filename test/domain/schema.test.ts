import { describe, expect, it } from "vitest";
import { headerKey } from "../../src/domain/normalize";
import { LISTS, SETTINGS, SHEETS } from "../../src/domain/schema";

describe("the schema is consistent", () => {
  it("has unique sheet names and keys, and unique ID prefixes", () => {
    expect(new Set(SHEETS.map((s) => s.key)).size).toBe(SHEETS.length);
    expect(new Set(SHEETS.map((s) => s.name)).size).toBe(SHEETS.length);
    const prefixes = SHEETS.flatMap((s) => ("idPrefix" in s ? [s.idPrefix] : []));
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it.each(SHEETS.map((s) => [s.name, s] as const))(
    "«%s»: headers and aliases never collide",
    (_name, def) => {
      const seen = new Map<string, string>();
      for (const col of def.columns) {
        for (const h of [col.header, ...("aliases" in col ? (col.aliases ?? []) : [])]) {
          const k = headerKey(h);
          if (k === "") continue;
          expect(seen.get(k) ?? col.key, `«${h}» of ${col.key}`).toBe(col.key);
          seen.set(k, col.key);
        }
      }
      expect(new Set(def.columns.map((c) => c.key)).size).toBe(def.columns.length);
    },
  );

  it("records sheets start with an ID column the add-on owns", () => {
    for (const def of SHEETS.filter((s) => s.kind === "records")) {
      expect(def.columns[0]).toMatchObject({ key: "id", type: "id", owner: "addon", required: true });
      expect("idPrefix" in def && def.idPrefix).toBeTruthy();
    }
  });

  it("list columns point at existing lists", () => {
    const keys = new Set<string>(LISTS.map((l) => l.key));
    for (const def of SHEETS) {
      for (const col of def.columns) {
        if (col.type === "list" || col.type === "multi-list")
          expect(keys.has(("list" in col && col.list) || "")).toBe(true);
      }
    }
  });

  it("lists and settings have unique keys and headers, all in Russian", () => {
    expect(new Set(LISTS.map((l) => headerKey(l.header))).size).toBe(LISTS.length);
    expect(new Set(SETTINGS.map((s) => s.key)).size).toBe(SETTINGS.length);
    for (const text of [
      ...LISTS.map((l) => l.header),
      ...SETTINGS.map((s) => s.label),
      ...SHEETS.map((s) => s.name),
    ]) {
      expect(text).toMatch(/[А-Яа-яЁё]/);
    }
  });
});
