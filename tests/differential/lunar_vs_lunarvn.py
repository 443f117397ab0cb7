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

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import yaml
from lunar_vn import LunarDate, lunar_to_solar

FIRST, LAST = 1900, 2100
FIELDS = ("tet", "hung_kings")
HERE = Path(__file__).resolve().parent


def theirs(year: int) -> dict[str, str]:
    return {
        "tet": lunar_to_solar(LunarDate(1, 1, year)).isoformat(),
        "hung_kings": lunar_to_solar(LunarDate(10, 3, year, False)).isoformat(),
    }


def iso(value) -> str:
    """A YAML date (parsed or quoted) as YYYY-MM-DD."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(str(value)).isoformat()


def run_binary(binary: str) -> tuple[dict[int, dict[str, str]], list[str]]:
    """Our values by year, and the problems found in the binary's output."""
    cmd = [binary, "calendar", "lunar", "--from", str(FIRST), "--to", str(LAST)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        return {}, [f"cannot run {' '.join(cmd)}: {err}"]
    if proc.returncode != 0:
        return {}, [f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()[:2000]}"]
    ours: dict[int, dict[str, str]] = {}
    problems = []
    for number, line in enumerate(proc.stdout.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            year = int(obj["year"])
            values = {field: dt.date.fromisoformat(obj[field]).isoformat() for field in FIELDS}
        except (ValueError, KeyError, TypeError) as err:
            problems.append(f"line {number}: not a lunar record ({err}): {line[:200]}")
            continue
        if year in ours:
            problems.append(f"line {number}: year {year} printed twice")
        elif not FIRST <= year <= LAST:
            problems.append(f"line {number}: year {year} outside {FIRST}-{LAST}")
        else:
            ours[year] = values
    missing = [year for year in range(FIRST, LAST + 1) if year not in ours]
    if missing:
        problems.append(f"{len(missing)} years missing from the output, e.g. {missing[:10]}")
    return ours, problems


def load_known(path: Path) -> tuple[list[dict], list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries, problems = [], []
    for index, entry in enumerate(data.get("lunar") or []):
        where = f"{path.name}: lunar[{index}]"
        try:
            item = {
                "year": int(entry["year"]),
                "field": str(entry["field"]),
                "ours": iso(entry["ours"]),
                "theirs": iso(entry["theirs"]),
            }
        except (KeyError, ValueError, TypeError) as err:
            problems.append(f"{where}: needs year, field, ours, theirs ({err})")
            continue
        if item["field"] not in FIELDS:
            problems.append(f"{where}: field must be one of {FIELDS}")
        if not str(entry.get("explanation", "")).strip() or not entry.get("sources"):
            problems.append(f"{where}: an explanation and at least one source are required")
        entries.append(item)
    return entries, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", help="path of the ansinh binary")
    parser.add_argument("--known-differences", type=Path, default=HERE / "known_differences.yaml")
    args = parser.parse_args()

    known, problems = load_known(args.known_differences)
    ours, output_problems = run_binary(args.binary)
    problems += output_problems
    if not ours:
        for problem in problems:
            print(f"ERROR {problem}")
        print("lunar: 0 passed, 1 failed")
        return 1

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
    for i, entry in enumerate(known):
        if i not in used:
            failed += 1
            print(
                f"STALE known difference {entry['year']} {entry['field']} "
                f"(ours {entry['ours']}, theirs {entry['theirs']}) no longer occurs: remove it"
            )
    for problem in problems:
        failed += 1
        print(f"ERROR {problem}")
    print(f"{explained} mismatches explained by {args.known_differences.name}")
    print(f"lunar: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
