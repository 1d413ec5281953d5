import { describe, expect, it } from "vitest";
import { formatAgo, formatAudience, formatDaysAgo, formatCount, formatPercent, humanize } from "./format";

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [950, "950"],
    [999, "999"],
    [1000, "1K"],
    [12_345, "12.3K"],
    [12_000, "12K"],
    [999_949, "999.9K"],
    [999_950, "1M"],
    [1_234_567, "1.2M"],
    [2_500_000_000, "2.5B"],
    [-12_345, "-12.3K"],
  ])("%d → %s", (n, expected) => {
    expect(formatCount(n)).toBe(expected);
  });

  it("shows missing values as a dash", () => {
    expect(formatCount(null)).toBe("—");
    expect(formatCount(Number.NaN)).toBe("—");
  });
});

describe("formatPercent", () => {
  it("shows a fraction as a percent with two decimals", () => {
    expect(formatPercent(0.0345)).toBe("3.45%");
    expect(formatPercent(0.1)).toBe("10.00%");
    expect(formatPercent(0)).toBe("0.00%");
    expect(formatPercent(null)).toBe("—");
  });
});

describe("formatAudience", () => {
  it("uses the platform's own word", () => {
    expect(formatAudience(1_200_000, "subscribers")).toBe("1.2M subscribers");
    expect(formatAudience(null, "followers")).toBe("—");
  });
});

describe("formatAgo", () => {
  const now = new Date("2026-11-20T12:00:00Z");
  it.each([
    ["2026-11-20T11:59:30Z", "just now"],
    ["2026-11-20T11:15:00Z", "45 min ago"],
    ["2026-11-20T07:00:00Z", "5 h ago"],
    ["2026-11-19T10:00:00Z", "yesterday"],
    ["2026-11-10T12:00:00Z", "10 days ago"],
    ["2026-08-01T12:00:00Z", "1 Aug 2026"],
  ])("%s → %s", (iso, expected) => {
    expect(formatAgo(iso, now)).toBe(expected);
  });
});

describe("formatDaysAgo", () => {
  it("counts calendar days, so a post from last evening is yesterday, not today", () => {
    const now = new Date(2026, 11, 3, 9, 0);
    expect(formatDaysAgo(new Date(2026, 11, 3, 1, 0).toISOString(), now)).toBe("today");
    expect(formatDaysAgo(new Date(2026, 11, 2, 22, 0).toISOString(), now)).toBe("yesterday");
    expect(formatDaysAgo(new Date(2026, 10, 28, 23, 0).toISOString(), now)).toBe("5 d ago");
    expect(formatDaysAgo(null, now)).toBe("—");
  });
});

describe("humanize", () => {
  it("turns keys into words", () => {
    expect(humanize("not_enough_data")).toBe("Not enough data");
  });
});
