#!/usr/bin/env python3
"""Regenerate the administrative-unit YAML files of the province tenants.

Writes, for each tenant listed in TENANTS below:

* ``config-tenants/<tenant>/units.yaml``: the units in force since the
  1 July 2025 reform (two tiers: the province and its communes, wards and
  special zones; ``valid_from: 2025-07-01``).  The province unit itself has no
  ``valid_from``: it existed before and after the reform, so both eras hang
  off it.
* ``config-tenants/<tenant>/units-history.yaml`` (only where the tenant asks
  for it): the pre-reform three-tier units below the province (districts and
  their communes, wards and towns; ``valid_to: 2025-06-30``).  Each old
  commune carries ``merged_into``: the codes of the post-reform commune(s) it
  was merged into.  A ``parent``/``merged_into`` code refers to the unit of
  that code whose validity covers the relevant date (2025-07-01 for
  ``merged_into``), so a new commune that kept an old commune's code is fine.

Sources (nothing is typed by hand; every name and code comes from these PyPI
packages, installed by this script into private ``pip --target`` folders
under ``~/.cache/ansinh-gen`` or ``$ANSINH_GEN_CACHE``, one per version,
since the two vietnam-provinces versions share a module name):

* ``vietnam-provinces==2025.10.1``: post-reform provinces and communes with
  their official codes (``data/nested-divisions.json`` in the wheel).
* ``vietnam-provinces==0.6.0``: pre-reform provinces, districts and communes
  (``data/nested-divisions.json``).  Its ``division_type`` field is "huyện" or
  "xã" for every district and commune, so the kind is read from the official
  name's prefix instead ("Thành phố", "Thị trấn", ...).
* ``vietnamadminunits==1.0.4``: the old-to-new conversion.  Its bundled
  ``data/converter_2025.json`` lists, per new commune, every old commune
  merged into it (and, for old communes split between several new ones, all
  the new ones); ``data/dataset.db`` turns its name keys into official codes.
  Its public API (``convert_address``) is also run on every old commune as a
  cross-check.  Network geocoding inside that package is disabled here.

Cross-checks between the packages (printed to stderr):

* Names are compared after folding the position of tone marks ("Thuỷ" ==
  "Thủy"); spelling-only differences keep the vietnam-provinces spelling.
* If the two packages give the same unit different codes (a permutation of
  codes within a province), the code that vietnamadminunits gives is used
  only when the merge map supports it (the new unit kept the code of one of
  the old communes merged into it, and the other code is not such a code);
  otherwise the script stops.  vietnam-provinces 2025.10.1 has such a
  permutation in Cao Bằng (01537/01558/01561), fixed upstream in 2026.1.0
  (official data; needs Python >= 3.12).
* Old communes that cannot be mapped keep an empty ``merged_into`` (the key
  is omitted) and are counted on stderr; new communes that no old commune
  maps to are listed on stderr.

Rerun from the repository root (Python >= 3.11, PyPI reachable on first run):

    python3 scripts/gen-units.py

The output is deterministic: a rerun writes byte-identical files.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("ANSINH_GEN_CACHE", "~/.cache/ansinh-gen")).expanduser()

VP_NEW = ("vietnam-provinces", "2025.10.1")
VP_OLD = ("vietnam-provinces", "0.6.0")
VAU = ("vietnamadminunits", "1.0.4")

VALID_FROM = "2025-07-01"  # two-tier local government (no districts) in force from this day
VALID_TO = "2025-06-30"

# Tenants: folder under config-tenants/, province code, whether to write units-history.yaml.
TENANTS = [
    ("04-cao-bang", 4, True),
    ("12-lai-chau", 12, False),
]

# Official unit types, read from the start of official names (longest first).
DISTRICT_KINDS = ("thành phố", "thị xã", "quận", "huyện")
COMMUNE_KINDS_OLD = ("thị trấn", "phường", "xã")
LEVEL_RANK = {"province": 0, "district": 1, "commune": 2}
CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}


def warn(msg: str) -> None:
    print(msg, file=sys.stderr)


# --------------------------------------------------------------------------
# Package installation (private pip --target folders)
# --------------------------------------------------------------------------


def installed_version(target: Path, dist: str) -> str | None:
    norm = dist.replace("-", "_").lower()
    for info in target.glob("*.dist-info"):
        name, _, version = info.name[: -len(".dist-info")].rpartition("-")
        if name.replace("-", "_").lower() == norm:
            return version
    return None


def ensure_package(dist: str, version: str, with_deps: bool) -> Path:
    target = CACHE / f"{dist}-{version}"
    if installed_version(target, dist) == version:
        return target
    tmp = CACHE / f".{dist}-{version}.tmp"
    if tmp.exists():
        subprocess.run(["rm", "-rf", str(tmp)], check=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    warn(f"installing {dist}=={version} into {target}")
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
           "--no-input", "--target", str(tmp), f"{dist}=={version}"]
    if not with_deps:
        cmd.insert(-1, "--no-deps")
    subprocess.run(cmd, check=True, env={**os.environ, "PIP_ROOT_USER_ACTION": "ignore"})
    if target.exists():
        subprocess.run(["rm", "-rf", str(target)], check=True)
    tmp.rename(target)
    if installed_version(target, dist) != version:
        sys.exit(f"error: {dist}=={version} did not install into {target}")
    return target


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def fold(name: str) -> str:
    """Case-fold and move each word's tone mark to its end ("Thuỷ" == "Thủy")."""
    words = []
    for word in unicodedata.normalize("NFD", name).casefold().split():
        tones = "".join(sorted(c for c in word if c in TONE_MARKS))
        words.append("".join(c for c in word if c not in TONE_MARKS) + tones)
    return " ".join(words)


def split_kind(full_name: str, kinds: tuple[str, ...]) -> tuple[str, str]:
    """("Thị trấn Nước Hai", kinds) -> ("thị trấn", "Nước Hai")."""
    for kind in kinds:
        head = full_name[: len(kind)]
        if head.casefold() == kind and full_name[len(kind): len(kind) + 1] == " ":
            return kind, full_name[len(kind) + 1:].strip()
    raise ValueError(f"cannot read the unit type of {full_name!r} (expected one of {kinds})")


def fmt_code(level: str, code: int | str) -> str:
    return f"{int(code):0{CODE_WIDTH[level]}d}"


@dataclass
class Unit:
    code: str
    level: str
    name: str
    full_name: str
    kind: str | None = None
    parent: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    merged_into: list[str] = field(default_factory=list)

    def sort_key(self) -> tuple[int, int]:
        return (LEVEL_RANK[self.level], int(self.code))


def q(s: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(s, ensure_ascii=False)


def render(units: list[Unit], header: list[str]) -> str:
    out = [f"# {line}" for line in header] + ["units:"]
    for u in sorted(units, key=Unit.sort_key):
        out.append(f"  - code: {q(u.code)}")
        out.append(f"    level: {u.level}")
        if u.kind:
            out.append(f"    kind: {q(u.kind)}")
        out.append(f"    name: {q(u.name)}")
        out.append(f"    full_name: {q(u.full_name)}")
        if u.parent:
            out.append(f"    parent: {q(u.parent)}")
        if u.valid_from:
            out.append(f"    valid_from: {u.valid_from}")
        if u.valid_to:
            out.append(f"    valid_to: {u.valid_to}")
        if u.merged_into:
            out.append(f"    merged_into: [{', '.join(q(c) for c in u.merged_into)}]")
    return "\n".join(out) + "\n"


def write(path: Path, text: str, summary: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.read_bytes() if path.exists() else None
    data = text.encode("utf-8")
    if old != data:
        path.write_bytes(data)
        state = "wrote" if old is None else "updated"
    else:
        state = "unchanged"
    print(f"{state} {path.relative_to(REPO_ROOT)}: {summary}")


def count_levels(units: list[Unit]) -> str:
    parts = []
    for level in LEVEL_RANK:
        sel = [u for u in units if u.level == level]
        if not sel:
            continue
        kinds: dict[str, int] = {}
        for u in sel:
            if u.kind:
                kinds[u.kind] = kinds.get(u.kind, 0) + 1
        detail = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        parts.append(f"{len(sel)} {level}" + (f" ({detail})" if detail and level != "province" else ""))
    return "; ".join(parts)


# --------------------------------------------------------------------------
# Loading the packages' data
# --------------------------------------------------------------------------


def load_new_provinces(vp_new: Path) -> dict[int, dict]:
    data = json.loads((vp_new / "vietnam_provinces/data/nested-divisions.json").read_text("utf-8"))
    return {p["code"]: p for p in data}


def load_old_provinces(vp_old: Path) -> dict[int, dict]:
    data = json.loads((vp_old / "vietnam_provinces/data/nested-divisions.json").read_text("utf-8"))
    return {p["code"]: p for p in data}


class Vau:
    """vietnamadminunits: bundled tables plus its public conversion API."""

    def __init__(self, root: Path):
        self.root = root
        pkg = root / "vietnamadminunits"
        db = sqlite3.connect(f"file:{pkg / 'data/dataset.db'}?mode=ro", uri=True)
        db.row_factory = sqlite3.Row
        self.legacy = [dict(r) for r in db.execute("SELECT * FROM admin_units_legacy")]
        self.new = [dict(r) for r in db.execute("SELECT * FROM admin_units")]
        db.close()
        self.conv = json.loads((pkg / "data/converter_2025.json").read_text("utf-8"))
        # name keys -> official codes
        self.old_key_code: dict[str, int] = {}
        for r in self.legacy:
            if r["wardCode"] is None:
                continue  # island districts without communes
            key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"
            if key in self.old_key_code and self.old_key_code[key] != int(r["wardCode"]):
                sys.exit(f"error: vietnamadminunits legacy key {key} is ambiguous")
            self.old_key_code[key] = int(r["wardCode"])
        self.new_key_code: dict[tuple[str, str], int] = {}
        for r in self.new:
            key = (r["provinceKey"], r["wardKey"])
            if key in self.new_key_code and self.new_key_code[key] != int(r["wardCode"]):
                sys.exit(f"error: vietnamadminunits key {key} is ambiguous")
            self.new_key_code[key] = int(r["wardCode"])
        self._convert = None

    def merge_map(self) -> dict[int, set[int]]:
        """Old commune code -> set of new commune codes, over the whole country."""
        result: dict[int, set[int]] = {}
        unresolved = 0

        def add(old_key: str, new_prov: str, new_ward: str) -> None:
            nonlocal unresolved
            if old_key.endswith("_"):
                return  # a district without communes (island district) -> special zone
            old = self.old_key_code.get(old_key)
            new = self.new_key_code.get((new_prov, new_ward))
            if old is None or new is None:
                unresolved += 1
                return
            result.setdefault(old, set()).add(new)

        for new_prov, wards in self.conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
            for new_ward, old_keys in wards.items():
                for old_key in old_keys:
                    add(old_key, new_prov, new_ward)
        for new_prov, olds in self.conv["DICT_PROVINCE_WARD_DIVIDED"].items():
            for old_key, targets in olds.items():
                for t in targets:
                    add(old_key, new_prov, t["newWardKey"])
        if unresolved:
            warn(f"note: {unresolved} vietnamadminunits conversion entries name units missing from its own tables")
        return result

    def convert(self, address: str):
        if self._convert is None:
            sys.path.insert(0, str(self.root))
            import vietnamadminunits  # noqa: PLC0415
            from vietnamadminunits.converter import converter_2025  # noqa: PLC0415

            def no_geocoding(*_a, **_k):
                raise RuntimeError("network geocoding is disabled in gen-units.py")

            converter_2025.get_geo_location = no_geocoding
            self._convert = vietnamadminunits.convert_address
        return self._convert(address)


# --------------------------------------------------------------------------
# Building the units
# --------------------------------------------------------------------------


def province_unit(pnew: dict, pold: dict | None, vau: Vau) -> Unit:
    code = fmt_code("province", pnew["code"])
    dtype = pnew.get("division_type")
    kind = {"tỉnh": "tỉnh", "thành phố trung ương": "thành phố"}.get(dtype) if dtype else None
    name = nfc(pnew["name"])
    prefix = {"tỉnh": "Tỉnh", "thành phố": "Thành phố"}.get(kind or "")
    if name.casefold().startswith(((kind or "~") + " ")):
        full_name, name = name, split_kind(name, (kind,))[1]
    else:
        full_name = f"{prefix} {name}" if prefix else name
    # cross-check the full name against the pre-reform dataset and vietnamadminunits
    others = [nfc(pold["name"])] if pold else []
    others += sorted({nfc(r["province"]) for r in vau.new if int(r["provinceCode"]) == pnew["code"]})
    for other in others:
        if fold(other) != fold(full_name):
            warn(f"note: province {code}: full name {full_name!r} vs {other!r} elsewhere")
    return Unit(code=code, level="province", kind=kind, name=name, full_name=full_name)


def new_communes(pnew: dict, province_code: str) -> list[Unit]:
    units = []
    for w in pnew["wards"]:
        kind = nfc(w["division_type"])
        full_name = nfc(w["name"])
        _, name = split_kind(full_name, (kind,))
        units.append(Unit(code=fmt_code("commune", w["code"]), level="commune", kind=kind, name=name,
                          full_name=full_name, parent=province_code, valid_from=VALID_FROM))
    return units


def old_units(pold: dict, province_code: str) -> list[Unit]:
    units = []
    for d in pold["districts"]:
        dcode = fmt_code("district", d["code"])
        dfull = nfc(d["name"])
        dkind, dname = split_kind(dfull, DISTRICT_KINDS)
        units.append(Unit(code=dcode, level="district", kind=dkind, name=dname, full_name=dfull,
                          parent=province_code, valid_to=VALID_TO))
        for w in d["wards"]:
            wfull = nfc(w["name"])
            wkind, wname = split_kind(wfull, COMMUNE_KINDS_OLD)
            units.append(Unit(code=fmt_code("commune", w["code"]), level="commune", kind=wkind, name=wname,
                              full_name=wfull, parent=dcode, valid_to=VALID_TO))
    return units


def reconcile_codes(label: str, units: list[Unit], other: dict[str, str],
                    evidence: dict[str, set[str]] | None) -> int:
    """Compare units (code -> full name) with another package's code -> full name.

    Spelling-only differences are reported and kept.  A unit that the other
    package lists under a different code is re-coded only if the merge map
    (evidence: new code -> old codes merged into it) supports the other code
    and not ours.  Anything else stops the script.  Returns how many units
    were re-coded.
    """
    ours = {u.code: u for u in units}
    missing = sorted(set(ours) - set(other))
    extra = sorted(set(other) - set(ours))
    if missing or extra:
        warn(f"note: {label}: codes only in vietnam-provinces {missing}, only in vietnamadminunits {extra}")
    other_by_name: dict[str, list[str]] = {}
    for code, full in other.items():
        other_by_name.setdefault(fold(full), []).append(code)
    recode: dict[str, str] = {}
    for code, u in sorted(ours.items()):
        theirs = other.get(code)
        if theirs is None or fold(theirs) == fold(u.full_name):
            if theirs is not None and theirs != u.full_name:
                warn(f"note: {label} {code}: spelling {u.full_name!r} kept (vietnamadminunits: {theirs!r})")
            continue
        alt = [c for c in other_by_name.get(fold(u.full_name), []) if c != code]
        if len(alt) != 1:
            warn(f"note: {label} {code}: name {u.full_name!r} kept (vietnamadminunits: {theirs!r})")
            continue
        new_code = alt[0]
        if evidence is None:
            sys.exit(f"error: {label}: {u.full_name!r} is {code} in vietnam-provinces but {new_code} in "
                     f"vietnamadminunits, and there is no merge map to decide")
        # old communes merged into this unit (vietnamadminunits knows it as new_code)
        sources = evidence.get(new_code, set())
        if new_code in sources and code not in sources:
            recode[code] = new_code
        else:
            sys.exit(f"error: {label}: {u.full_name!r} is {code} in vietnam-provinces but {new_code} in "
                     f"vietnamadminunits, and the merge map does not settle it")
    if recode:
        if sorted(recode) != sorted(recode.values()):
            sys.exit(f"error: {label}: code corrections {recode} are not a permutation")
        for old_code, new_code in sorted(recode.items()):
            u = ours[old_code]
            warn(f"CORRECTED {label}: {u.full_name!r} is {old_code} in vietnam-provinces but {new_code} in "
                 f"vietnamadminunits; using {new_code} (it is the code of an old commune merged into it)")
            u.code = new_code
    return len(recode)


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def main() -> int:
    vp_new = ensure_package(*VP_NEW, with_deps=False)
    vp_old = ensure_package(*VP_OLD, with_deps=False)
    vau_dir = ensure_package(*VAU, with_deps=True)
    vau = Vau(vau_dir)
    new_provinces = load_new_provinces(vp_new)
    old_provinces = load_old_provinces(vp_old)
    merge = vau.merge_map()  # old commune code -> new codes (vietnamadminunits codes)
    merged_from: dict[str, set[str]] = {}
    for old, news in merge.items():
        for n in news:
            merged_from.setdefault(fmt_code("commune", n), set()).add(fmt_code("commune", old))

    src_new = f"PyPI {VP_NEW[0]} {VP_NEW[1]}"
    src_old = f"PyPI {VP_OLD[0]} {VP_OLD[1]}"
    src_vau = f"PyPI {VAU[0]} {VAU[1]}"
    rerun = "Rerun: python3 scripts/gen-units.py (from the repository root)."

    for folder, pcode, with_history in TENANTS:
        out_dir = REPO_ROOT / "config-tenants" / folder
        pnew = new_provinces.get(pcode)
        if pnew is None:
            sys.exit(f"error: province {pcode} is not in {src_new}")
        pold = old_provinces.get(pcode)
        province = province_unit(pnew, pold, vau)
        label = f"{province.code} {province.name}"

        # ---- post-reform units ----
        communes = new_communes(pnew, province.code)
        vau_new = {r["wardCode"]: nfc(r["ward"]) for r in vau.new if int(r["provinceCode"]) == pcode}
        vau_new_types = {r["wardCode"]: r["wardType"].casefold() for r in vau.new if int(r["provinceCode"]) == pcode}
        corrected = reconcile_codes(f"{label} (2025)", communes, vau_new, merged_from)
        for u in communes:
            t = vau_new_types.get(u.code)
            if t is not None and t != u.kind:
                warn(f"note: {label} {u.code}: kind {u.kind!r} kept (vietnamadminunits: {t!r})")
        if len({u.code for u in communes}) != len(communes):
            sys.exit(f"error: {label}: duplicate commune codes")
        units = [province] + communes
        write(out_dir / "units.yaml", render(units, [
            f"Generated by scripts/gen-units.py from {src_new}; do not edit by hand.",
            f"Codes cross-checked against {src_vau}"
            + (f" ({corrected} taken from it where the two disagree, see the script's docstring)." if corrected else ".")
            + f" {rerun}",
        ]), count_levels(units))

        if not with_history:
            continue

        # ---- pre-reform units and merge map ----
        if pold is None:
            sys.exit(f"error: province {pcode} is not in {src_old}")
        history = old_units(pold, province.code)
        vau_old_rows = [r for r in vau.legacy if int(r["provinceCode"]) == pcode]
        reconcile_codes(f"{label} (pre-2025)", [u for u in history if u.level == "commune"],
                        {r["wardCode"]: nfc(r["ward"]) for r in vau_old_rows}, None)
        reconcile_codes(f"{label} (pre-2025 districts)", [u for u in history if u.level == "district"],
                        {r["districtCode"]: nfc(r["district"]) for r in vau_old_rows}, None)
        vau_parent = {r["wardCode"]: r["districtCode"] for r in vau_old_rows}
        vau_kind = {r["wardCode"]: r["wardType"].casefold() for r in vau_old_rows}
        vau_dkind = {r["districtCode"]: r["districtType"].casefold() for r in vau_old_rows}
        for u in history:
            if u.level == "commune":
                if vau_parent.get(u.code, u.parent) != u.parent:
                    warn(f"note: {label} {u.code}: district {u.parent} kept (vietnamadminunits: {vau_parent[u.code]})")
                if vau_kind.get(u.code, u.kind) != u.kind:
                    warn(f"note: {label} {u.code}: kind {u.kind!r} kept (vietnamadminunits: {vau_kind[u.code]!r})")
            elif vau_dkind.get(u.code, u.kind) != u.kind:
                warn(f"note: {label} {u.code}: kind {u.kind!r} kept (vietnamadminunits: {vau_dkind[u.code]!r})")

        new_codes = {u.code for u in communes}
        all_new_codes = {fmt_code("commune", w["code"]) for p in new_provinces.values() for w in p["wards"]}
        all_new_codes = (all_new_codes - {u.code for u in communes}) | new_codes
        old_communes = [u for u in history if u.level == "commune"]
        unmapped, api_checked, api_mismatch = [], 0, []
        for u in old_communes:
            targets = sorted(fmt_code("commune", n) for n in merge.get(int(u.code), ()))
            unknown = [t for t in targets if t not in all_new_codes]
            if unknown:
                warn(f"note: {label} {u.code} {u.full_name}: merge targets {unknown} are not post-2025 units; dropped")
                targets = [t for t in targets if t not in unknown]
            u.merged_into = targets
            if not targets:
                unmapped.append(u)
            # cross-check with the package's public API (no street -> no geocoding)
            district = next(d for d in history if d.code == u.parent)
            res = vau.convert(f"{u.full_name}, {district.full_name}, {province.full_name}")
            old_parsed = getattr(res, "OldAdminUnit", None)
            if old_parsed is None or old_parsed.ward_code != u.code:
                api_mismatch.append(f"{u.code} {u.full_name}: API parsed it as "
                                    f"{getattr(old_parsed, 'ward_code', None)} {getattr(old_parsed, 'ward', None)}")
                continue
            api_checked += 1
            if res.ward_code not in targets:
                api_mismatch.append(f"{u.code} {u.full_name}: API converts to {res.ward_code} {res.ward}, "
                                    f"not in merged_into {targets}")
        warn(f"{label}: {len(unmapped)} of {len(old_communes)} pre-2025 communes unmapped (merged_into left empty)"
             + (": " + ", ".join(f"{u.code} {u.full_name}" for u in unmapped) if unmapped else ""))
        warn(f"{label}: vietnamadminunits.convert_address agrees for {api_checked - sum('not in' in m for m in api_mismatch)}"
             f" of {len(old_communes)} old communes"
             + ("".join(f"\n  mismatch: {m}" for m in api_mismatch) if api_mismatch else ""))

        # sanity: every new commune is the target of at least one old commune
        targeted = {t for u in old_communes for t in u.merged_into}
        orphans = [u for u in communes if u.code not in targeted]
        warn(f"{label}: {len(communes) - len(orphans)} of {len(communes)} post-2025 communes are targets of an old commune"
             + "".join(f"\n  no old commune maps to {u.code} {u.full_name}" for u in orphans))
        split = [u for u in old_communes if len(u.merged_into) > 1]
        if split:
            warn(f"{label}: {len(split)} old communes split between several new ones: "
                 + ", ".join(f"{u.code}->{u.merged_into}" for u in split))
        outside = sorted({t for u in old_communes for t in u.merged_into} - new_codes)
        if outside:
            warn(f"{label}: old communes merged into units of other provinces: {outside}")
        # codes reused across eras
        old_by_code = {u.code: u for u in old_communes}
        reused = [u for u in communes if u.code in old_by_code]
        renamed = [u for u in reused if fold(u.name) != fold(old_by_code[u.code].name)]
        foreign = [u for u in reused if u.code not in {o.code for o in old_communes if u.code in o.merged_into}]
        fresh = [u for u in communes if u.code not in old_by_code]
        warn(f"{label}: {len(reused)} of {len(communes)} post-2025 codes reuse a pre-2025 commune code "
             f"({len(renamed)} of them under a different name); {len(fresh)} new codes"
             + (f"; reused codes not among the unit's own sources: {[u.code for u in foreign]}" if foreign else ""))

        write(out_dir / "units-history.yaml", render(history, [
            f"Generated by scripts/gen-units.py from {src_old} (pre-2025 units) and {src_vau} "
            f"(merge map); do not edit by hand.",
            f"merged_into codes refer to the units valid on {VALID_FROM} (units.yaml). {rerun}",
        ]), count_levels(history) + f"; {len(unmapped)} unmapped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
