#!/usr/bin/env bash
# Same input, same bytes: builds a generated 1,000-issue ledger with one
# thread and with all threads and compares the trees byte for byte.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${BENCH_TMP:-/dev/shm}/taizhang-determinism.XXXXXX")"
trap 'rm -rf "$work"' EXIT
(cd "$repo" && cargo build --release --locked --quiet && cargo build --release --locked --quiet --example gen_ledger)
"$repo/target/release/examples/gen_ledger" --issues 1000 --villages 200 --notes 2000 --out "$work/site" > /dev/null
RAYON_NUM_THREADS=1 "$repo/target/release/taizhang" build --quiet --root "$work/site" --out "$work/one"
"$repo/target/release/taizhang" build --quiet --root "$work/site" --out "$work/all"
files=$(find "$work/one" -type f | wc -l)
if diff -r -q "$work/one" "$work/all" > "$work/diff.txt"; then
  echo "determinism: $files files identical with 1 thread and with $(nproc) threads"
  echo "determinism: 1 passed, 0 failed"
else
  head -20 "$work/diff.txt"
  echo "determinism: 0 passed, 1 failed"
  exit 1
fi
