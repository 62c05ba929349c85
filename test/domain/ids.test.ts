import { describe, expect, it } from "vitest";
import { allocateIds, compareIds, formatId, parseId } from "../../src/domain/ids";

describe("IDs", () => {
  it("formats readable zero-padded IDs", () => {
    expect(formatId("НР", 1)).toBe("НР-0001");
    expect(formatId("П", 12345)).toBe("П-12345");
  });
  it("parses only IDs of its own prefix", () => {
    expect(parseId("НЯ", "НЯ-0042")).toBe(42);
    expect(parseId("НЯ", " ня-0042 ")).toBe(42);
    expect(parseId("НЯ", "НР-0042")).toBeNull();
    expect(parseId("НЯ", "Иванов")).toBeNull();
  });
  it("sorts numerically beyond four digits", () => {
    expect(["НЯ-10000", "НЯ-9999", "НЯ-0002"].sort(compareIds)).toEqual(["НЯ-0002", "НЯ-9999", "НЯ-10000"]);
  });
  it("never reuses an ID: above the counter and above every ID in the sheet", () => {
    expect(allocateIds("НР", ["НР-0001", "НР-0002"], 0, 2)).toEqual({
      ids: ["НР-0003", "НР-0004"],
      counter: 4,
    });
    // The last row was deleted, but the counter remembers 4 was issued.
    expect(allocateIds("НР", ["НР-0001"], 4, 1)).toEqual({ ids: ["НР-0005"], counter: 5 });
    // An ID typed by hand above the counter is respected.
    expect(allocateIds("НР", ["НР-0100", "мусор", ""], 4, 1)).toEqual({ ids: ["НР-0101"], counter: 101 });
  });
});
