#!/usr/bin/env bash
# Same input, same bytes, across a change: builds the repository's site
# (public and internal), the `init` example site and a generated
# 1,000-issue ledger with an older taizhang binary and with this checkout's,
# and compares every file of each output.
#
#   scripts/same-output.sh /path/to/old/taizhang
#
# Build the old binary from the commit before the change, e.g.
#   git worktree add /tmp/old <commit> && cargo build --release --manifest-path /tmp/old/Cargo.toml
set -euo pipefail
old="${1:?usage: same-output.sh OLD_TAIZHANG_BINARY}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${BENCH_TMP:-/dev/shm}/taizhang-same.XXXXXX")"
trap 'rm -rf "$work"' EXIT
(cd "$repo" && cargo build --release --locked --quiet && cargo build --release --locked --quiet --example gen_ledger)
new="$repo/target/release/taizhang"

# The example site's comments follow --lang (Chinese by default); older
# binaries wrote them in English, so the English skeleton is compared.
"$new" init "$work/init-new" --lang en > /dev/null
"$old" init "$work/init-old" --lang en > /dev/null 2>&1 || "$old" init "$work/init-old" > /dev/null
"$repo/target/release/examples/gen_ledger" --issues 1000 --villages 200 --notes 2000 --out "$work/ledger" > /dev/null

passed=0
failed=0
compare() {
  local name="$1" a="$2" b="$3"
  local files
  files=$(find "$a" -type f | wc -l)
  if diff -r -q "$a" "$b" > "$work/diff.txt"; then
    echo "same-output: $name: $files files identical"
    passed=$((passed + 1))
  else
    echo "same-output: $name differs:"
    head -20 "$work/diff.txt"
    failed=$((failed + 1))
  fi
}

compare "init skeleton" "$work/init-old" "$work/init-new"
for site in repo init ledger; do
  case $site in
    repo) root="$repo" ;;
    init) root="$work/init-new" ;;
    ledger) root="$work/ledger" ;;
  esac
  for audience in public internal; do
    "$old" build --quiet --root "$root" --audience "$audience" --out "$work/$site-$audience-old" > /dev/null
    "$new" build --quiet --root "$root" --audience "$audience" --out "$work/$site-$audience-new" > /dev/null
    compare "$site ($audience)" "$work/$site-$audience-old" "$work/$site-$audience-new"
  done
done
echo "same-output: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
