#!/usr/bin/env bash
# Differential tests of the working calendar against independent PyPI libraries:
#   lunar_vs_lunarvn.py          Tết and Hùng Kings dates 1900-2100 against lunar-vn
#   holidays_vs_holidays_lib.py  Vietnam's holidays 2000-2030 against holidays (country VN)
# Usage: tests/differential/run.sh PATH/TO/ansinh
# The venv lives in ${ANSINH_DIFF_VENV:-$HOME/.cache/ansinh/diff-venv} and is reused; the pinned
# packages are installed only when missing or at another version.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 PATH/TO/ansinh" >&2
  exit 2
fi
bin=$1
if [[ $bin != */* ]]; then
  bin=$(command -v "$bin") || { echo "not found: $1" >&2; exit 2; }
fi
[[ -x $bin ]] || { echo "not an executable: $bin" >&2; exit 2; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${ANSINH_DIFF_VENV:-$HOME/.cache/ansinh/diff-venv}"
py="$venv/bin/python"
# Keep in step with the versions named in README.md and known_differences.yaml.
pins=(lunar-vn==1.4.0 holidays==0.109 PyYAML==6.0.3)

if ! python3 -c 'import ensurepip' 2>/dev/null; then
  # Debian splits venv support out of python3.
  echo "installing python3-venv" >&2
  export DEBIAN_FRONTEND=noninteractive
  if [[ $EUID -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq python3-venv >&2
  else sudo apt-get update -qq && sudo apt-get install -y -qq python3-venv >&2; fi
fi
if ! "$py" -c 'import sys' 2>/dev/null; then
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
fi
if ! "$py" - "${pins[@]}" <<'EOF' 2>/dev/null; then
import sys
from importlib.metadata import version
for pin in sys.argv[1:]:
    name, wanted = pin.split("==")
    if version(name) != wanted:
        sys.exit(1)
EOF
  "$py" -m pip install --quiet --disable-pip-version-check "${pins[@]}"
fi

cd "$repo"
status=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$py" "$here/lunar_vs_lunarvn.py" "$bin" | tee -a "$out" || status=1
"$py" "$here/holidays_vs_holidays_lib.py" "$bin" --config-tenants "$repo/config-tenants" \
  | tee -a "$out" || status=1
awk '/^(lunar|holidays): [0-9]+ passed, [0-9]+ failed$/ { p += $2; f += $4; n++ }
     END { if (n != 2) f += 1; printf "differential: %d passed, %d failed\n", p, f }' "$out"
exit "$status"
