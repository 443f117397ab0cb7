#!/usr/bin/env python3
"""Differential test: our Vietnamese holidays 2000-2030 against the `holidays` package (VN).

Usage: holidays_vs_holidays_lib.py ANSINH_BINARY [--config-tenants DIR] [--from Y] [--to Y]
                                   [--known-differences FILE] [--suggest]

Runs `ANSINH_BINARY calendar holidays --from 2000 --to 2030 --config-tenants DIR`, which prints
one JSON object per date, e.g.
  {"date": "2025-01-01", "kind": "holiday", "name": "Tết Dương lịch", "source": "rules"}
with kind holiday | observed | day_off | make_up and source rules | official.

Per year, three comparisons (a check each):
  statutory    our kind=holiday dates  vs  holidays.country_holidays("VN", observed=False)
               without its substituted days (the statutory dates themselves, weekends included)
  weekday_off  our holiday/observed/day_off dates on Monday-Friday  vs  every date the library
               lists (observed=True) on Monday-Friday: the working-day effect of both calendars
  make_up      our make_up dates  vs  the worked Saturdays ("substituted from" dates) of the
               library's VietnamStaticHolidays.special_public_holidays
and, for each year of national/calendar.yaml, a `config` check: our output for that year has
every weekday of its days_off, nothing outside its days_off (weekend days inside a break may be
left out), exactly its working_days, and source "official" ("rules" in the other years).

A mismatch passes only when known_differences.yaml (section `holidays`) lists its date on the
right side (ours_only / theirs_only) of an entry for that check and a range holding its year;
a listed date that no longer mismatches fails too. --suggest prints YAML stubs for the
unexplained ones. Closes with `holidays: N passed, M failed`; exits 1 when M > 0.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict
from pathlib import Path

import common
import holidays
import yaml
from common import iso
from holidays.countries.vietnam import VietnamStaticHolidays

REPO = Path(__file__).resolve().parent.parent.parent
KINDS = ("holiday", "observed", "day_off", "make_up")
OFF_KINDS = ("holiday", "observed", "day_off")
CHECKS = ("statutory", "weekday_off", "make_up")
SIDES = ("ours_only", "theirs_only")


def weekday(day: str) -> bool:
    return dt.date.fromisoformat(day).weekday() < 5


# ---- the library's side -------------------------------------------------------------------


def substitutions() -> dict[str, str]:
    """Day off -> worked day, from the library's table of official swaps."""
    out = {}
    for year, value in VietnamStaticHolidays.special_public_holidays.items():
        rows = value if isinstance(value[0], tuple) else (value,)
        for row in rows:
            month, day, from_month, from_day = row[:4]
            from_year = row[4] if len(row) > 4 else year
            off = dt.date(year, month, day)
            out[off.isoformat()] = dt.date(from_year, from_month, from_day).isoformat()
    return out


SUBST = substitutions()


def theirs(year: int) -> dict:
    full = holidays.country_holidays("VN", years=year, language="vi")
    plain = holidays.country_holidays("VN", years=year, observed=False, language="vi")
    names = {d.isoformat(): name for d, name in full.items() if d.year == year}
    statutory = {d.isoformat() for d in plain if d.year == year} - set(SUBST)
    return {
        "names": names,
        "statutory": statutory,
        "weekday_off": {d for d in names if weekday(d)},
        "make_up": {mu for mu in SUBST.values() if mu.startswith(f"{year}-")},
    }


# ---- our side -----------------------------------------------------------------------------


def run_binary(binary: str, first: int, last: int, config: Path):
    cmd = [binary, "calendar", "holidays", "--from", str(first), "--to", str(last)]
    cmd += ["--config-tenants", str(config)]
    rows: dict[str, dict] = {}

    def parse(obj) -> dict:
        return {
            "date": dt.date.fromisoformat(obj["date"]).isoformat(),
            "kind": obj["kind"],
            "name": str(obj.get("name", "")),
            "source": obj["source"],
        }

    def add(number: int, row: dict) -> list[str]:
        problems = []
        if row["kind"] not in KINDS:
            problems.append(f"line {number}: unknown kind {row['kind']!r}")
        if row["source"] not in ("rules", "official"):
            problems.append(f"line {number}: unknown source {row['source']!r}")
        if not first <= int(row["date"][:4]) <= last:
            problems.append(f"line {number}: {row['date']} outside {first}-{last}")
        if row["date"] in rows:
            problems.append(f"line {number}: {row['date']} printed twice")
        rows[row["date"]] = row
        return problems

    ran, problems = common.read_records(cmd, "holiday", parse, add)
    return (rows if ran else {}), problems


def ours(rows: dict[str, dict], year: int) -> dict:
    mine = [r for d, r in rows.items() if d.startswith(f"{year}-")]
    return {
        "names": {r["date"]: f"{r['name']} [{r['kind']}]" for r in mine},
        "statutory": {r["date"] for r in mine if r["kind"] == "holiday"},
        "weekday_off": {r["date"] for r in mine if r["kind"] in OFF_KINDS and weekday(r["date"])},
        "make_up": {r["date"] for r in mine if r["kind"] == "make_up"},
        "all_off": {r["date"] for r in mine if r["kind"] in OFF_KINDS},
        "sources": {r["source"] for r in mine},
    }


def official_years(config: Path) -> tuple[dict[int, dict], list[str]]:
    path = config / "national" / "calendar.yaml"
    if not path.exists():
        return {}, []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out, problems = {}, []
    for entry in data.get("years") or []:
        try:
            year = int(entry["year"])
            off = {iso(d["date"]) for d in entry.get("days_off") or []}
            work = {iso(d["date"]) for d in entry.get("working_days") or []}
        except (KeyError, ValueError, TypeError) as err:
            problems.append(f"{path}: unreadable year entry ({err})")
            continue
        out[year] = {"days_off": off, "working_days": work}
    return out, problems


# ---- known differences --------------------------------------------------------------------


def year_range(value) -> tuple[int, int]:
    text = str(value).strip()
    if "-" in text:
        a, b = text.split("-", 1)
        return int(a), int(b)
    return int(text), int(text)


def known_entry(index: int, entry: dict) -> dict:
    first, last = year_range(entry["years"])
    return {
        "index": index,
        "first": first,
        "last": last,
        "check": str(entry["check"]),
        "ours_only": {iso(d) for d in entry.get("ours_only") or []},
        "theirs_only": {iso(d) for d in entry.get("theirs_only") or []},
    }


def known_dates_in_years(item: dict, entry: dict, where: str) -> list[str]:
    return [
        f"{where}: {d} is outside years {entry['years']}"
        for side in SIDES
        for d in item[side]
        if not item["first"] <= int(d[:4]) <= item["last"]
    ]


def main() -> int:
    parser = common.parser(__doc__)
    parser.add_argument("--config-tenants", type=Path, default=REPO / "config-tenants")
    parser.add_argument("--from", dest="first", type=int, default=2000)
    parser.add_argument("--to", dest="last", type=int, default=2030)
    parser.add_argument("--known-differences", type=Path, default=common.KNOWN_DIFFERENCES)
    parser.add_argument("--suggest", action="store_true", help="print YAML stubs for mismatches")
    args = parser.parse_args()

    known, problems = common.load_known(
        args.known_differences,
        "holidays",
        "years, check and dates",
        known_entry,
        "check",
        CHECKS,
        known_dates_in_years,
    )
    official, config_problems = official_years(args.config_tenants)
    problems += config_problems
    rows, output_problems = run_binary(args.binary, args.first, args.last, args.config_tenants)
    problems += output_problems
    if not rows:
        return common.give_up("holidays", problems)

    passed = failed = explained = 0
    used: set[tuple[int, str, str]] = set()  # (entry index, side, date)
    unexplained: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for year in range(args.first, args.last + 1):
        mine, lib = ours(rows, year), theirs(year)
        for check in CHECKS:
            bad = []
            for side, dates in (
                ("ours_only", mine[check] - lib[check]),
                ("theirs_only", lib[check] - mine[check]),
            ):
                for d in sorted(dates):
                    name = (mine if side == "ours_only" else lib)["names"].get(d, "")
                    hits = [
                        e
                        for e in known
                        if e["check"] == check and e["first"] <= year <= e["last"] and d in e[side]
                    ]
                    for e in hits:
                        used.add((e["index"], side, d))
                    if hits:
                        explained += 1
                        print(f"explained {year} {check}: {side} {d} {name}")
                    else:
                        bad.append(f"{side} {d} {name}")
                        unexplained[(check, side, year)].append(d)
            if bad:
                failed += 1
                for line in bad:
                    print(f"MISMATCH {year} {check}: {line}")
            else:
                passed += 1
        # The official schedule, where shipped, must come out exactly.
        expected_source = "official" if year in official else "rules"
        wrong = [s for s in mine["sources"] if s != expected_source]
        if wrong:
            problems.append(f"{year}: source {sorted(set(wrong))}, expected {expected_source}")
        if year in official:
            want = official[year]
            off_year = {d for d in want["days_off"] if d.startswith(f"{year}-")}
            diffs = []
            # Weekend days inside a break may be left out of the output (they are rest days
            # anyway); every weekday off must be there, and nothing that is not in the file.
            extra = mine["all_off"] - off_year
            missing = {d for d in off_year - mine["all_off"] if weekday(d)}
            if extra or missing:
                diffs.append(
                    f"days off: only in output {sorted(extra)}, "
                    f"weekdays only in calendar.yaml {sorted(missing)}"
                )
            if mine["make_up"] != want["working_days"]:
                diffs.append(
                    f"make-up days: output {sorted(mine['make_up'])}, "
                    f"calendar.yaml {sorted(want['working_days'])}"
                )
            if diffs:
                failed += 1
                for diff in diffs:
                    print(f"MISMATCH {year} config: {diff}")
            else:
                passed += 1

    stale = []
    for e in known:
        dates = [
            f"{side} {d}" for side in SIDES for d in sorted(e[side]) if (e["index"], side, d) not in used
        ]
        if dates:
            stale.append(
                f"STALE known difference holidays[{e['index']}] ({e['check']}, "
                f"{e['first']}-{e['last']}): no longer differs on {', '.join(dates)}"
            )
    failed += common.print_stale(stale)
    failed += common.print_errors(problems)

    if args.suggest and unexplained:
        print("\n# Stubs for known_differences.yaml (holidays:), to complete and justify:")
        for (check, side, year), dates in sorted(unexplained.items(), key=lambda kv: kv[0][2]):
            print(f"  - years: {year}\n    check: {check}\n    {side}: [{', '.join(dates)}]")
            print('    explanation: "TODO"\n    sources: ["TODO"]')
    return common.close(
        "holidays", passed, failed, f"{explained} mismatching dates", args.known_differences
    )


if __name__ == "__main__":
    sys.exit(main())
