import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDay, formatVnd, formatWorkingHours, parseDay } from "./format";

describe("dates in Vietnam's zone", () => {
  it("writes an instant as dd/MM/yyyy HH:mm at UTC+7", () => {
    expect(formatDateTime("2026-12-01T17:30:00Z")).toBe("02/12/2026 00:30");
    expect(formatDate("2026-12-01T16:59:59Z")).toBe("01/12/2026");
    expect(formatDate("2026-12-01T17:00:00Z")).toBe("02/12/2026");
  });
  it("writes and reads calendar days without a zone", () => {
    expect(formatDay("2026-02-17")).toBe("17/02/2026");
    expect(parseDay("17/2/2026")).toBe("2026-02-17");
    expect(parseDay("29/02/2025")).toBeNull();
    expect(parseDay("2026-02-17")).toBeNull();
  });
});

describe("money", () => {
  it("groups whole đồng with dots", () => {
    expect(formatVnd(1_500_000)).toBe("1.500.000 ₫");
    expect(formatVnd(0)).toBe("0 ₫");
    expect(formatVnd(999)).toBe("999 ₫");
    expect(formatVnd(-360_000)).toBe("-360.000 ₫");
    expect(formatVnd(12_345_678_901_234n)).toBe("12.345.678.901.234 ₫");
  });
  it("counts working hours in days of eight", () => {
    expect(formatWorkingHours(20)).toBe("2 ngày 4 giờ");
    expect(formatWorkingHours(8)).toBe("1 ngày");
    expect(formatWorkingHours(0)).toBe("0 giờ");
  });
});
