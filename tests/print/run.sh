#!/usr/bin/env bash
# The print gate: `taizhang pdf` on the Sanjiang content, checked with real
# PDF tools. Needs chromium, poppler-utils, zbar-tools and the CJK fonts
# (.ci/run installs them). Prints one line per check and "N passed, M failed".
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pngs="${PRINT_PNG_DIR:-$repo/target/print-pngs}"
mkdir -p "$pngs"
taizhang="$repo/target/release/taizhang"
(cd "$repo" && cargo build --release --locked --quiet)

passed=0 failed=0
check() { # check NAME COMMAND...
  local name="$1"; shift
  if out=$("$@" 2>&1); then
    echo "print: ok     $name"; passed=$((passed + 1))
  else
    echo "print: FAILED $name"; echo "$out" | sed 's/^/  /' | head -20; failed=$((failed + 1))
  fi
}

started=$(date +%s)
"$taizhang" pdf --root "$repo" --out "$work/public" --lang en || exit 1
"$taizhang" pdf --root "$repo" --out "$work/internal" --audience internal --lang en || exit 1
echo "print: pdf took $(( $(date +%s) - started )) s for both audiences"

notices=$(ls "$work"/public/notice-*.pdf | wc -l)
check "the pack and 8+ notices ($notices)" test "$notices" -ge 8 -a -f "$work/public/briefing-pack.pdf"

a4_everywhere() {
  for pdf in "$work"/public/*.pdf "$work"/internal/*.pdf; do
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
    a4=$(pdfinfo -f 1 -l "$pages" "$pdf" | grep -c 'size: *595\(\.[0-9]*\)\? x 842\(\.[0-9]*\)\? pts\|size: *594\.96 x 841\.92 pts')
    [ "$a4" -eq "$pages" ] || { echo "$pdf: $a4 of $pages pages are A4"; return 1; }
  done
}
check "every page of every PDF is A4 (595 x 842 pt)" a4_everywhere

cjk_font() { pdffonts "$work/public/briefing-pack.pdf" | awk 'NR > 2 && $0 !~ /Type 3/ && / yes +yes +yes/' | grep -E 'GB|CJK|Song|Kai|Hei|Fang' ; }
check "an embedded CJK font ($(cjk_font | awk '{print $1}' | head -1))" cjk_font

# Every face is embedded as the font it is (TrueType/OpenType, named and
# searchable), none as Type 3 outlines: Chromium draws CFF CJK faces and
# synthesised bold that way, and such a PDF prints thin and copies badly.
no_type3() {
  local found=0
  for pdf in "$work"/public/*.pdf; do
    local n; n=$(pdffonts "$pdf" | awk 'NR > 2' | grep -c 'Type 3')
    [ "$n" -eq 0 ] || { echo "$(basename "$pdf"): $n Type 3 fonts"; found=1; }
  done
  return $found
}
check "no Type 3 fonts in the pack or the notices" no_type3

# Text as the content types it: the pages set , : ; ( ) ! ? full-width
# beside Chinese (Chinese typography); the content and these checks do not.
as_typed() { sed -e 's/（/(/g' -e 's/）/)/g' -e 's/，/,/g' -e 's/：/:/g' -e 's/；/;/g' -e 's/！/!/g' -e 's/？/?/g'; }

titles_in_pack() {
  local text; text=$(pdftotext "$work/public/briefing-pack.pdf" - | as_typed | tr -d '[:space:]')
  local missing=0
  while IFS= read -r title; do
    case "$text" in *"$(printf %s "$title" | tr -d '[:space:]')"*) ;; *) echo "missing: $title"; missing=1 ;; esac
  done < <(grep -h '^title: ' "$repo"/content/issues/*.yaml | sed 's/^title: //')
  return $missing
}
check "all 14 issue titles in the pack" titles_in_pack

notice_text() {
  # -raw: in drawing order, so the seal's column beside the contact line
  # does not cut into it.
  local text; text=$(pdftotext -raw "$work/public/notice-bajing.pdf" - | as_typed | tr -d '[:space:]')
  local contact; contact=$(grep '^contact:' "$repo/content/site.yaml" | sed 's/^contact: //' | tr -d '[:space:]')
  case "$text" in *八景村整改情况公示*) ;; *) echo "no village title"; return 1 ;; esac
  case "$text" in *"$contact"*) ;; *) echo "no contact line"; return 1 ;; esac
}
check "the notice names its village and the contact line" notice_text

# A notice for the bulletin board: one sheet, its posting period and
# supervision phone, and nothing a resident reads below 14 pt (words'
# boxes in pdftotext -bbox are as tall as their type; only the QR code's
# caption, its address and the seal's hint are smaller).
notice_one_sheet() {
  local pdf="$work/public/notice-bajing.pdf"
  local pages; pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  [ "$pages" -eq 1 ] || { echo "notice-bajing.pdf has $pages pages"; return 1; }
  local text; text=$(pdftotext "$pdf" - | tr -d '[:space:]')
  case "$text" in *公示期*) ;; *) echo "no 公示期"; return 1 ;; esac
  case "$text" in *监督电话*) ;; *) echo "no 监督电话"; return 1 ;; esac
}
check "the 八景村 notice is one A4 sheet with 公示期 and 监督电话" notice_one_sheet

notice_type_size() {
  pdftotext -bbox "$work/public/notice-bajing.pdf" - \
    | sed -n 's/.*yMin="\([0-9.]*\)" xMax="[0-9.]*" yMax="\([0-9.]*\)">\([^<]*\)<.*/\1 \2 \3/p' \
    | awk '$3 !~ /^(https?:|扫码查看详情|（盖章）)/ { size = $2 - $1; n++; if (size < 13.9) { small++; if (!shown++) print "below 14 pt: " $3 " (" size ")" } }
           END { print n " words measured"; exit (n < 50 || small > 0) }'
}
check "the notice's text is 14 pt or larger" notice_type_size

# The pack: each indicator chart opens with its title and how to read it.
chart_captions() {
  local text; text=$(pdftotext "$work/public/briefing-pack.pdf" - | as_typed | tr -d '[:space:]')
  local missing=0 n=0
  while IFS= read -r name; do
    n=$((n + 1))
    case "$text" in *"${name}实线为各次读数"*) ;; *) echo "no caption for: $name"; missing=1 ;; esac
  done < <(grep -h -A3 '^indicators:' "$repo"/content/issues/*.yaml | sed -n 's/^ *- *name: //p; s/^ *name: //p')
  [ "$n" -ge 4 ] || { echo "only $n indicators found"; missing=1; }
  return $missing
}
check "every indicator chart in the pack has its caption" chart_captions

# The contents' page numbers: each entry's title is on the page it names.
contents_pages() {
  local pdf="$work/public/briefing-pack.pdf" entries=0 wrong=0
  while IFS=$'\t' read -r title page; do
    entries=$((entries + 1))
    local start; start=$(printf %s "$title" | cut -c1-24)
    pdftotext -f "$page" -l "$page" "$pdf" - | tr -d '[:space:]' | grep -qF "$start" \
      || { echo "\"$title\" is not on page $page"; wrong=1; }
  done < <(pdftotext -f 2 -l 3 -layout "$pdf" - \
    | sed -n 's/^ *\(.*[^ ]\)  \+\([0-9]\+\)$/\1\t\2/p' | sed 's/^（[0-9]*）//' | tr -d ' ')
  echo "$entries entries checked"
  [ "$entries" -ge 15 ] && [ "$wrong" -eq 0 ]
}
check "the pack's contents give the pages its headings are on" contents_pages

qr_decodes() {
  pdftoppm -r 200 -png -f 1 -l 2 "$work/public/notice-bajing.pdf" "$work/qr"
  local found; found=$(zbarimg --quiet --raw "$work"/qr-*.png 2>/dev/null | head -1)
  [ "$found" = "https://example.org/sanjiang/villages/bajing/" ] || { echo "decoded: '$found'"; return 1; }
}
check "the notice's QR code decodes to the village's page" qr_decodes

internal_mark_every_page() {
  local pdf="$work/internal/briefing-pack.pdf"
  local pages; pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  for p in $(seq 1 "$pages"); do
    pdftotext -f "$p" -l "$p" "$pdf" - | tr -d '[:space:]' | grep -q '内部资料注意保密' || { echo "page $p has no mark"; return 1; }
  done
}
check "the internal pack carries 内部资料 on every page" internal_mark_every_page

no_names_in_public() {
  local text; text=$(for pdf in "$work"/public/*.pdf; do pdftotext "$pdf" -; done)
  local leaked=0
  for name in $(grep -o 'name: [^,}]*' "$repo/content/people.yaml" | sed 's/name: //'); do
    case "$text" in *"$name"*) echo "leaked: $name"; leaked=1 ;; esac
  done
  grep -q '兰东风' < <(for pdf in "$work"/internal/*.pdf; do pdftotext "$pdf" -; done) || { echo "internal pack lacks names?"; leaked=1; }
  return $leaked
}
check "no registered name in the public pack or notices" no_names_in_public

pdftoppm -r 60 -png -f 1 -l 2 "$work/public/briefing-pack.pdf" "$pngs/pack-cover"
pdftoppm -r 60 -png -f 4 -l 5 "$work/public/briefing-pack.pdf" "$pngs/pack-page"
pdftoppm -r 60 -png "$work/public/notice-bajing.pdf" "$pngs/notice-bajing"
echo "print: page images in $pngs"
echo "print: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
