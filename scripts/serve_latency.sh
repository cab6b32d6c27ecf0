#!/usr/bin/env bash
# Authoring-loop benchmark: generates a ledger of N issues (1,000 by
# default; 200 villages, 2 notes per issue) on tmpfs and prints the time
# from saving a note, then an issue, to the changed page being served by
# `taizhang serve`, and from adding a new note (then removing it) to its
# page being served (then gone) — median, min and max over 20 edits each —
# and where one rebuild's time goes. Prints figures only: never asserts.
#
#   scripts/serve_latency.sh          # 1,000 issues (CI's run)
#   scripts/serve_latency.sh 10000
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-1000}"
site="${BENCH_TMP:-/dev/shm}/taizhang-serve-latency"
# Only the examples it runs: each is linked with whole-program optimisation.
(cd "$repo" && cargo build --release --locked --quiet --example gen_ledger --example serve_latency --example rebuild_stages)
examples="$repo/target/release/examples"
rm -rf "$site"
"$examples/gen_ledger" --issues "$n" --villages 200 --notes $((2 * n)) --out "$site" > /dev/null
echo "machine: $(nproc) cores; $n issues; taizhang $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
"$examples/serve_latency" --root "$site" --edits 20
"$examples/serve_latency" --root "$site" --edits 20 --issue
"$examples/serve_latency" --root "$site" --edits 20 --new
"$examples/rebuild_stages" --root "$site" --edits 20
rm -rf "$site"
