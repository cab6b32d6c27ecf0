#!/usr/bin/env bash
# Build-speed benchmark: generates ledgers of 100, 1,000 and 10,000 issues
# (200 villages, 2 notes per issue) and prints, per size, the full build's
# median wall time over 3 runs, pages per second, peak RSS, output size,
# the `cp -r` floor of the same output, and `check` alone. Output goes to
# tmpfs (/dev/shm) so that disk noise does not drown the figures; one disk
# build per size is shown beside them. Prints figures only: never asserts.
#
#   scripts/bench.sh            # all three sizes
#   scripts/bench.sh 1000       # one size (CI's smoke run)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -gt 0 ] && sizes=("$@") || sizes=(100 1000 10000)
runs=3
shm="${BENCH_TMP:-/dev/shm}/taizhang-bench"
disk="$repo/target/bench"
(cd "$repo" && cargo build --release --locked --quiet && cargo build --release --locked --quiet --example gen_ledger)
taizhang="$repo/target/release/taizhang"
gen="$repo/target/release/examples/gen_ledger"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time)"; exit 1; }

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# timed COMMAND… → prints "seconds max_rss_kb"
timed() { /usr/bin/time -f "%e %M" -o "$shm/time.txt" "$@" > /dev/null 2>&1; cat "$shm/time.txt"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); taizhang $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
printf '%-7s %7s %9s %9s %8s %9s %9s %7s %9s %9s\n' issues pages "build s" "pages/s" "RSS MB" "out MB" "cp -r s" "x floor" "check s" "disk s"
for n in "${sizes[@]}"; do
  rm -rf "$shm"; mkdir -p "$shm"
  site="$shm/site"
  "$gen" --issues "$n" --villages 200 --notes $((2 * n)) --out "$site" > /dev/null
  builds=() rss=()
  for _ in $(seq $runs); do
    read -r s m < <(timed "$taizhang" build --quiet --root "$site" --out "$shm/public")
    builds+=("$s"); rss+=("$m")
  done
  build=$(printf '%s\n' "${builds[@]}" | median)
  peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
  pages=$(find "$shm/public" -name '*.html' | wc -l)
  size=$(du -sm "$shm/public" | cut -f1)
  copies=()
  for k in $(seq $runs); do
    read -r s _ < <(timed cp -r "$shm/public" "$shm/copy-$k")
    copies+=("$s")
  done
  floor=$(printf '%s\n' "${copies[@]}" | median)
  checks=()
  for _ in $(seq $runs); do
    read -r s _ < <(timed "$taizhang" check --quiet --root "$site")
    checks+=("$s")
  done
  check=$(printf '%s\n' "${checks[@]}" | median)
  rm -rf "$disk"; mkdir -p "$disk"
  read -r on_disk _ < <(timed "$taizhang" build --quiet --root "$site" --out "$disk/public")
  awk -v n="$n" -v p="$pages" -v b="$build" -v r="$peak" -v s="$size" -v f="$floor" -v c="$check" -v d="$on_disk" 'BEGIN {
    printf "%-7d %7d %9.2f %9.0f %8.0f %9d %9.2f %7.1f %9.2f %9.2f\n", n, p, b, (b > 0 ? p / b : 0), r / 1024, s, f, (f > 0 ? b / f : 0), c, d }'
done
rm -rf "$shm" "$disk"
