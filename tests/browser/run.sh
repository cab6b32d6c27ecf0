#!/usr/bin/env bash
# Builds the Sanjiang site (both audiences) and the `init` skeleton, then
# runs the browser gates on them and the gates' own self-test.
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
"$taizhang" build --quiet --root "$repo" --out "$work/public"
"$taizhang" build --quiet --root "$repo" --audience internal --out "$work/internal"
"$taizhang" init "$work/init" > /dev/null
"$taizhang" build --quiet --root "$work/init" --out "$work/init-public"

node gates.mjs --self-test
node gates.mjs public="$work/public" internal="$work/internal" init="$work/init-public"
