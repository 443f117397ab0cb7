"""What the differential tests share: running the binary, known_differences.yaml, the report.

Imported by lunar_vs_lunarvn.py and holidays_vs_holidays_lib.py from their own folder (the
folder of the script being run is on sys.path).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any, Callable

import yaml

KNOWN_DIFFERENCES = Path(__file__).resolve().parent / "known_differences.yaml"


def iso(value) -> str:
    """A YAML date (parsed or quoted) as YYYY-MM-DD."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(str(value)).isoformat()


def parser(doc: str) -> argparse.ArgumentParser:
    """The command line of a script whose docstring is doc, with its `binary` argument."""
    out = argparse.ArgumentParser(description=doc.splitlines()[0])
    out.add_argument("binary", help="path of the ansinh binary")
    return out


def read_records(
    cmd: list[str],
    what: str,
    parse: Callable[[Any], Any],
    add: Callable[[int, Any], list[str]],
) -> tuple[bool, list[str]]:
    """Runs cmd, which prints one JSON object a line, and hands add(line number, parse(object))
    each of them; add keeps the record and returns the problems it finds in it. A line that is not
    JSON or that parse rejects (ValueError, KeyError, TypeError) is a problem: not a `what` record.
    Returns whether cmd ran and exited 0, and the problems in the order of the lines."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        return False, [f"cannot run {' '.join(cmd)}: {err}"]
    if proc.returncode != 0:
        return False, [f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()[:2000]}"]
    problems = []
    for number, line in enumerate(proc.stdout.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = parse(json.loads(line))
        except (ValueError, KeyError, TypeError) as err:
            problems.append(f"line {number}: not a {what} record ({err}): {line[:200]}")
            continue
        problems += add(number, record)
    return True, problems


def load_known(
    path: Path,
    section: str,
    needs: str,
    parse: Callable[[int, dict], dict],
    key: str,
    allowed: tuple[str, ...],
    check: Callable[[dict, dict, str], list[str]] | None = None,
) -> tuple[list[dict], list[str]]:
    """The entries of `section` in the known-differences file at path, each parse(index, entry),
    and the problems found: an entry parse rejects (it needs `needs`), item[key] not in allowed,
    no explanation or no source, then check(item, entry, where)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries, problems = [], []
    for index, entry in enumerate(data.get(section) or []):
        where = f"{path.name}: {section}[{index}]"
        try:
            item = parse(index, entry)
        except (KeyError, ValueError, TypeError) as err:
            problems.append(f"{where}: needs {needs} ({err})")
            continue
        if item[key] not in allowed:
            problems.append(f"{where}: {key} must be one of {allowed}")
        if not str(entry.get("explanation", "")).strip() or not entry.get("sources"):
            problems.append(f"{where}: an explanation and at least one source are required")
        if check is not None:
            problems += check(item, entry, where)
        entries.append(item)
    return entries, problems


def print_errors(problems: list[str]) -> int:
    """Prints the problems; returns how many checks they fail (one each)."""
    for problem in problems:
        print(f"ERROR {problem}")
    return len(problems)


def give_up(name: str, problems: list[str]) -> int:
    """The report when the binary gave nothing to compare; returns the exit status."""
    print_errors(problems)
    print(f"{name}: 0 passed, 1 failed")
    return 1


def print_stale(lines: list[str]) -> int:
    """Prints the known differences that no longer occur; returns how many checks they fail."""
    for line in lines:
        print(line)
    return len(lines)


def close(name: str, passed: int, failed: int, explained: str, known: Path) -> int:
    """The closing lines, `explained` being e.g. "3 mismatches"; returns the exit status."""
    print(f"{explained} explained by {known.name}")
    print(f"{name}: {passed} passed, {failed} failed")
    return 1 if failed else 0
