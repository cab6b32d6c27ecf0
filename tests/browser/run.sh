#!/usr/bin/env bash
# Builds the Sanjiang site (both audiences), the `init` skeleton, the
# plans of other places and a generated ledger long enough for its list
# to be cut into pages, then runs the browser gates on them and the gates'
# own self-test, then the search gate (search.mjs) on Sanjiang.
# Needs: chromium, fonts-noto-cjk, java, node (see .ci/run, which installs them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$here"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --ignore-scripts
fi

taizhang="$repo/target/release/taizhang"
(cd "$repo" && cargo build --release --locked --quiet)
# The gates serve each site at the server's root, so build for that path
# (404.html links from the base path, which may be a sub-path in content).
root_url=https://example.org/
"$taizhang" build --quiet --root "$repo" --out "$work/public" --base-url "$root_url"
"$taizhang" build --quiet --root "$repo" --audience internal --out "$work/internal" --base-url "$root_url"
"$taizhang" init "$work/init" > /dev/null
"$taizhang" build --quiet --root "$work/init" --out "$work/init-public" --base-url "$root_url"

# The plans of other places under tests/plans/ (reports, notices, plans
# without dates or tasks) exercise the empty states and report pages.
# (tests/plans/import/ holds plans as published, to import: not sites.)
plans=()
for plan in "$repo"/tests/plans/*/; do
  [ -f "$plan/content/site.yaml" ] || continue
  name="$(basename "$plan")"
  "$taizhang" build --quiet --root "$plan" --out "$work/plan-$name" --base-url "$root_url"
  plans+=("$name=$work/plan-$name")
done

# A county's list is cut into pages of 100 issues, and its overview shows
# the 24 villages furthest behind: a generated ledger of 120 issues in 30
# villages has two of each list, with their pagination, and a cut overview.
(cd "$repo" && cargo build --release --locked --quiet --example gen_ledger)
"$repo/target/release/examples/gen_ledger" --issues 120 --villages 30 --notes 2 --out "$work/paged" > /dev/null
"$taizhang" build --quiet --root "$work/paged" --out "$work/paged-public" --base-url "$root_url"

node gates.mjs --self-test
node gates.mjs public="$work/public" internal="$work/internal" init="$work/init-public" \
  --sample=paged paged="$work/paged-public" "${plans[@]}"
# Search as a reader types it, on both audiences' builds and on the
# portable build opened from disk.
"$taizhang" build --quiet --root "$repo" --portable --out "$work/portable"
node search.mjs public="$work/public" internal="$work/internal" portable="$work/portable"
