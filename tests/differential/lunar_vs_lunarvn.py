#!/usr/bin/env python3
"""Differential test: our lunar new year (Tết) and Hùng Kings dates against lunar-vn.

Usage: lunar_vs_lunarvn.py ANSINH_BINARY [--known-differences FILE]

Runs `ANSINH_BINARY calendar lunar --from 1900 --to 2100`, which prints one JSON object per
line, e.g. {"year": 2026, "tet": "2026-02-17", "hung_kings": "2026-04-26"}, and compares each
year's `tet` (solar date of lunar 1/1) and `hung_kings` (solar date of lunar 10/3, the regular
third month, never a leap one) with lunar-vn's lunar_to_solar at UTC+7.

A mismatch passes only when known_differences.yaml (section `lunar`) lists it with the same
year, field, our value and their value; a listed entry that no longer mismatches fails too.
Closes with `lunar: N passed, M failed` and exits 1 when M > 0 (2 on a usage error).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import common
from lunar_vn import LunarDate, lunar_to_solar

FIRST, LAST = 1900, 2100
FIELDS = ("tet", "hung_kings")


def theirs(year: int) -> dict[str, str]:
    return {
        "tet": lunar_to_solar(LunarDate(1, 1, year)).isoformat(),
        "hung_kings": lunar_to_solar(LunarDate(10, 3, year, False)).isoformat(),
    }


def run_binary(binary: str) -> tuple[dict[int, dict[str, str]], list[str]]:
    """Our values by year, and the problems found in the binary's output."""
    cmd = [binary, "calendar", "lunar", "--from", str(FIRST), "--to", str(LAST)]
    ours: dict[int, dict[str, str]] = {}

    def parse(obj) -> tuple[int, dict[str, str]]:
        return int(obj["year"]), {f: dt.date.fromisoformat(obj[f]).isoformat() for f in FIELDS}

    def add(number: int, record: tuple[int, dict[str, str]]) -> list[str]:
        year, values = record
        if year in ours:
            return [f"line {number}: year {year} printed twice"]
        if not FIRST <= year <= LAST:
            return [f"line {number}: year {year} outside {FIRST}-{LAST}"]
        ours[year] = values
        return []

    ran, problems = common.read_records(cmd, "lunar", parse, add)
    if not ran:
        return {}, problems
    missing = [year for year in range(FIRST, LAST + 1) if year not in ours]
    if missing:
        problems.append(f"{len(missing)} years missing from the output, e.g. {missing[:10]}")
    return ours, problems


def known_entry(index: int, entry: dict) -> dict:
    return {
        "year": int(entry["year"]),
        "field": str(entry["field"]),
        "ours": common.iso(entry["ours"]),
        "theirs": common.iso(entry["theirs"]),
    }


def main() -> int:
    parser = common.parser(__doc__)
    parser.add_argument("--known-differences", type=Path, default=common.KNOWN_DIFFERENCES)
    args = parser.parse_args()

    known, problems = common.load_known(
        args.known_differences, "lunar", "year, field, ours, theirs", known_entry, "field", FIELDS
    )
    ours, output_problems = run_binary(args.binary)
    problems += output_problems
    if not ours:
        return common.give_up("lunar", problems)

    passed = failed = explained = 0
    used = set()
    for year in range(FIRST, LAST + 1):
        expected = theirs(year)
        got = ours.get(year)
        for field in FIELDS:
            if got is None:
                failed += 1
                continue
            if got[field] == expected[field]:
                passed += 1
                continue
            match = next(
                (
                    i
                    for i, entry in enumerate(known)
                    if (entry["year"], entry["field"], entry["ours"], entry["theirs"])
                    == (year, field, got[field], expected[field])
                ),
                None,
            )
            if match is None:
                failed += 1
                print(f"MISMATCH {year} {field}: ours {got[field]}, lunar-vn {expected[field]}")
            else:
                used.add(match)
                passed += 1
                explained += 1
                print(f"explained {year} {field}: ours {got[field]}, lunar-vn {expected[field]}")
    failed += common.print_stale(
        [
            f"STALE known difference {entry['year']} {entry['field']} "
            f"(ours {entry['ours']}, theirs {entry['theirs']}) no longer occurs: remove it"
            for i, entry in enumerate(known)
            if i not in used
        ]
    )
    failed += common.print_errors(problems)
    return common.close("lunar", passed, failed, f"{explained} mismatches", args.known_differences)


if __name__ == "__main__":
    sys.exit(main())
