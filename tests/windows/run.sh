#!/usr/bin/env bash
# The Windows gate: taizhang cross-built for 64-bit Windows (MinGW-w64),
# its unit and end-to-end tests run under Wine, and the Sanjiang site
# built by the Windows binary compared file by file with the Linux
# build's. Town offices run Windows; this is where a Unix-only call, a
# path written with `/` by hand or a line end would show.
#
# Installs gcc-mingw-w64-x86-64 and wine64 from the distribution when
# missing, and the Rust standard library for the target through rustup;
# where that library cannot be fetched, says so and skips (exit 0).
# Prints "windows: ok|FAILED …" per check and "N passed, M failed".
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
target=x86_64-pc-windows-gnu
work="$(mktemp -d)"
trap 'stop_wine; rm -rf "$work"' EXIT
stop_wine() { [ -n "${wine:-}" ] && WINEPREFIX="$work/prefix" "$(dirname "$wine")/wineserver" -k 2>/dev/null; true; }

need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
[ -x /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null || need+=(wine64)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || exit 1
fi
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || wine="$(command -v wine64)"
if ! rustup target list --installed | grep -qx "$target"; then
  if ! rustup target add "$target" >/dev/null 2>&1; then
    echo "windows: SKIPPED: the Rust standard library for $target cannot be fetched here"
    exit 0
  fi
fi

# A Unix path as Windows programs under Wine see it (drive Z: is `/`).
windows_path() { printf 'Z:%s' "$(printf '%s' "$1" | tr '/' '\\')"; }
export WINEPREFIX="$work/prefix" WINEDEBUG=-all
# One wine server for the whole gate, started before anything else in the
# prefix: left to itself, each program starts a server that exits a few
# seconds after its last client, and a test binary that starts just then
# can lose it ("recvmsg: Connection reset by peer"). `stop_wine` ends it.
mkdir -p "$WINEPREFIX"
"$(dirname "$wine")/wineserver" -p >/dev/null 2>&1 || true
"$wine" wineboot --init >/dev/null 2>&1

passed=0 failed=0
check() { # check NAME COMMAND...
  local name="$1"; shift
  if out=$("$@" 2>&1); then
    echo "windows: ok     $name"; passed=$((passed + 1))
  else
    echo "windows: FAILED $name"; echo "$out" | tail -40 | sed 's/^/  /'; failed=$((failed + 1))
  fi
}

started=$(date +%s)
cd "$repo" || exit 1
# The README's `cargo test` (a debug build), as the Linux tests run.
cargo build --locked --quiet || exit 1
# Builds the Windows binary too: the end-to-end tests run it.
cargo test --locked --quiet --target "$target" --no-run || exit 1
# Wine 8 has no bcryptprimitives.dll, which Rust's standard library loads
# for random numbers: a stand-in beside the binaries, where Windows looks
# first (a test runs the binary with an empty PATH).
built="$repo/target/$target/debug"
x86_64-w64-mingw32-gcc -shared -O2 -o "$built/bcryptprimitives.dll" \
  "$repo/tests/windows/bcryptprimitives.c" "$repo/tests/windows/bcryptprimitives.def" || exit 1
cp "$built/bcryptprimitives.dll" "$built/deps/"
# Each test binary's summary is shown; the whole log when one fails.
if env CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$wine" \
  cargo test --locked --target "$target" > "$work/tests.log" 2>&1; then
  echo "windows: ok     cargo test, built for $target and run under Wine"; passed=$((passed + 1))
else
  echo "windows: FAILED cargo test, built for $target and run under Wine"; failed=$((failed + 1))
  grep -v '^test .* ok$' "$work/tests.log" | tail -80 | sed 's/^/  /'
fi
grep '^test result' "$work/tests.log" | sed 's/^/windows:   /'
echo "windows: built and tested in $(( $(date +%s) - started )) s"

# The same site from both binaries: every file the same, but for the
# workbook's zip headers, which name the system that wrote them (Unix or
# FAT) and its file modes; the workbook's parts must be the same.
"$repo/target/debug/taizhang" build --quiet --root "$repo" --out "$work/linux" || exit 1
"$wine" "$built/taizhang.exe" build --quiet \
  --root "$(windows_path "$repo")" --out "$(windows_path "$work/windows")" || exit 1
check "Sanjiang built on Windows: the same files as on Linux" \
  diff -r -x ledger.xlsx "$work/linux" "$work/windows"
same_workbook() {
  python3 - "$work/linux/data/ledger.xlsx" "$work/windows/data/ledger.xlsx" <<'EOF'
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:])
assert a.namelist() == b.namelist(), (a.namelist(), b.namelist())
for name in a.namelist():
    assert a.read(name) == b.read(name), name
EOF
}
check "Sanjiang built on Windows: the same workbook parts as on Linux" same_workbook

echo "windows: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
