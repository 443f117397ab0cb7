import { describe, expect, it } from "vitest";
import { idNumberProblem, normaliseIdNumber } from "./idNumber";

describe("ID numbers, as the server checks them", () => {
  it("accepts 12 digits (CCCD) and 9 digits (CMND)", () => {
    expect(idNumberProblem("004123456789")).toBeNull();
    expect(idNumberProblem("012345678")).toBeNull();
  });
  it("refuses every other length and any non-digit", () => {
    for (const bad of ["", "12345678", "0041234567890", "00412345678", "00412345678a", "０１２３４５６７８"]) {
      expect(idNumberProblem(bad)).toBe("số định danh cá nhân phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND cũ)");
    }
  });
  it("drops the spaces and dots officers type between groups", () => {
    expect(normaliseIdNumber("004 123 456 789")).toBe("004123456789");
    expect(normaliseIdNumber("012.345.678")).toBe("012345678");
  });
});
