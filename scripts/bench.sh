#!/usr/bin/env bash
# Build-speed benchmark: generates ledgers of 100, 1,000 and 10,000 issues
# (200 villages, 2 notes per issue) and prints, per size, the full build's
# median wall time over 3 runs, pages per second, peak RSS, output size,
# the `cp -r` floor of the same output, and `check` alone (the median of 5
# runs: a second long, its median of 3 moved by a fifth when the shared
# machine was busy for a moment; the floor is a median of 5 copies for
# the same reason, each removed once timed). Each timed build
# writes into an empty folder, as `cp -r` and Hugo's runs do; a rebuild
# over the site already there (which also removes the old one) is timed
# once beside them. Output goes to tmpfs (/dev/shm) so that disk noise
# does not drown the figures; one disk build per size is shown too.
#
# Then Hugo (the distribution's package, installed here when missing and
# the script runs as root) builds a site of plain Markdown pages with as
# many HTML pages as taizhang wrote, made of the same ledger's notes, in
# the same run, and the ratio taizhang / Hugo is printed. BENCH_HUGO=0
# skips it. Prints figures only: never asserts.
#
#   scripts/bench.sh            # all three sizes
#   scripts/bench.sh 1000       # one size (CI's smoke run)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -gt 0 ] && sizes=("$@") || sizes=(100 1000 10000)
runs=3
check_runs=5
floor_runs=5
shm="${BENCH_TMP:-/dev/shm}/taizhang-bench"
disk="$repo/target/bench"
(cd "$repo" && cargo build --release --locked --quiet && cargo build --release --locked --quiet --example gen_ledger)
taizhang="$repo/target/release/taizhang"
gen="$repo/target/release/examples/gen_ledger"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time)"; exit 1; }
hugo_wanted="${BENCH_HUGO:-1}"
if [ "$hugo_wanted" = 1 ] && ! command -v hugo >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hugo) >/dev/null 2>&1 || true
  fi
  command -v hugo >/dev/null || { echo "Hugo is not installed (apt-get install hugo): no comparison"; hugo_wanted=0; }
fi

# hugo_row ISSUES PAGES TAIZHANG_S TAIZHANG_KB NOTES_DIR: builds with Hugo a
# site of plain Markdown pages (the ledger's notes, front matter and all,
# repeated as needed) with PAGES HTML pages, and prints its figures and
# the ratios to taizhang's.
hugo_row() {
  local n=$1 pages=$2 ours=$3 our_kb=$4 notes=$5 site="$shm/hugo"
  rm -rf "$site" "$shm/hugo-public"
  mkdir -p "$site/content/notes" "$site/layouts/_default"
  cat > "$site/config.toml" <<'TOML'
baseURL = "http://localhost/"
languageCode = "zh-cn"
title = "台账"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
TOML
  local page='<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>'
  printf '%s{{ .Content }}</main></body></html>\n' "$page" > "$site/layouts/_default/single.html"
  printf '%s<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>\n' "$page" > "$site/layouts/_default/list.html"
  cp "$site/layouts/_default/list.html" "$site/layouts/index.html"
  # The home page and the notes section are pages too.
  local want=$((pages - 2)) have round=0
  have=$(find "$notes" -name '*.md' | wc -l)
  while [ "$want" -ge "$have" ]; do
    cp -r "$notes" "$site/content/notes/r$round"
    want=$((want - have)); round=$((round + 1))
  done
  mkdir -p "$site/content/notes/r$round"
  find "$notes" -name '*.md' | sort | head -n "$want" | xargs -r cp -t "$site/content/notes/r$round"
  local times=() rss=()
  for _ in $(seq $runs); do
    rm -rf "$shm/hugo-public"
    read -r s m < <(timed hugo --quiet --source "$site" --destination "$shm/hugo-public")
    times+=("$s"); rss+=("$m")
  done
  local took peak count size floor
  took=$(printf '%s\n' "${times[@]}" | median)
  peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
  count=$(find "$shm/hugo-public" -name '*.html' | wc -l)
  size=$(du -sm "$shm/hugo-public" | cut -f1)
  local copies=()
  for _ in $(seq $floor_runs); do
    read -r s _ < <(timed cp -r "$shm/hugo-public" "$shm/hugo-copy")
    copies+=("$s")
    rm -rf "$shm/hugo-copy"
  done
  floor=$(printf '%s\n' "${copies[@]}" | median)
  rm -rf "$site" "$shm/hugo-public"
  awk -v n="$n" -v p="$count" -v h="$took" -v r="$peak" -v s="$size" -v f="$floor" -v t="$ours" -v tr="$our_kb" 'BEGIN {
    printf "%-7d %7d %9.2f %8.0f %9d %9.2f %7.1f %11.2f %9.2f\n", n, p, h, r / 1024, s, f, (f > 0 ? h / f : 0), (h > 0 ? t / h : 0), (r > 0 ? tr / r : 0) }'
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# timed COMMAND… → prints "seconds max_rss_kb"
timed() { /usr/bin/time -f "%e %M" -o "$shm/time.txt" "$@" > /dev/null 2>&1; cat "$shm/time.txt"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); taizhang $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
[ "$hugo_wanted" = 1 ] && echo "hugo: $(hugo version | cut -d' ' -f1-2)"
printf '%-7s %7s %9s %9s %8s %9s %9s %7s %9s %9s %9s\n' issues pages "build s" "pages/s" "RSS MB" "out MB" "cp -r s" "x floor" "check s" "disk s" "replace s"
hugo_rows=()
for n in "${sizes[@]}"; do
  rm -rf "$shm"; mkdir -p "$shm"
  site="$shm/site"
  "$gen" --issues "$n" --villages 200 --notes $((2 * n)) --out "$site" > /dev/null
  builds=() rss=()
  for _ in $(seq $runs); do
    rm -rf "$shm/public"
    read -r s m < <(timed "$taizhang" build --quiet --root "$site" --out "$shm/public")
    builds+=("$s"); rss+=("$m")
  done
  read -r replace _ < <(timed "$taizhang" build --quiet --root "$site" --out "$shm/public")
  build=$(printf '%s\n' "${builds[@]}" | median)
  peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
  pages=$(find "$shm/public" -name '*.html' | wc -l)
  size=$(du -sm "$shm/public" | cut -f1)
  copies=()
  for _ in $(seq $floor_runs); do
    read -r s _ < <(timed cp -r "$shm/public" "$shm/copy")
    copies+=("$s")
    rm -rf "$shm/copy"
  done
  floor=$(printf '%s\n' "${copies[@]}" | median)
  checks=()
  for _ in $(seq $check_runs); do
    read -r s _ < <(timed "$taizhang" check --quiet --root "$site")
    checks+=("$s")
  done
  check=$(printf '%s\n' "${checks[@]}" | median)
  rm -rf "$disk"; mkdir -p "$disk"
  read -r on_disk _ < <(timed "$taizhang" build --quiet --root "$site" --out "$disk/public")
  awk -v n="$n" -v p="$pages" -v b="$build" -v r="$peak" -v s="$size" -v f="$floor" -v c="$check" -v d="$on_disk" -v x="$replace" 'BEGIN {
    printf "%-7d %7d %9.2f %9.0f %8.0f %9d %9.2f %7.1f %9.2f %9.2f %9.2f\n", n, p, b, (b > 0 ? p / b : 0), r / 1024, s, f, (f > 0 ? b / f : 0), c, d, x }'
  if [ "$hugo_wanted" = 1 ]; then
    hugo_rows+=("$(hugo_row "$n" "$pages" "$build" "$peak" "$site/content/notes")")
  fi
done
if [ "$hugo_wanted" = 1 ]; then
  echo
  printf '%-7s %7s %9s %8s %9s %9s %7s %11s %9s\n' issues pages "hugo s" "RSS MB" "out MB" "cp -r s" "x floor" "taizhang/h" "RSS t/h"
  printf '%s\n' "${hugo_rows[@]}"
fi
rm -rf "$shm" "$disk"
