#!/usr/bin/env bash
# The summary cache (issue 19) measured from outside, an older and a newer
# binary side by side: `list` warm and cold, `list` in a copy made with
# `cp -a`, `list` right after one new check-in, peak memory of `list` and
# `export`, and the size of the cache file. Each binary has its own copy of
# the data dir (their caches are different formats); each timing row is one
# hyperfine run of both binaries, printed as "before → after".
#
# Usage: scripts/bench-cache.sh OLD_MOTIVE NEW_MOTIVE SYNTH [SIZES...]
#        (SYNTH: target/release/examples/synth; default sizes: 1000 10000)
set -euo pipefail
old=$(realpath "$1") new=$(realpath "$2") synth=$(realpath "$3")
shift 3
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MOTIVE_CONFIG_DIR=$work/config NO_COLOR=1

# Medians of one hyperfine run of both commands: "old → new".
both() {
  hyperfine --shell=none --output=null --warmup "${WARMUP:-3}" --runs "${RUNS:-20}" \
    --export-csv "$work/hf.csv" "$@" >/dev/null 2>&1
  awk -F, 'NR == 2 { a = $4 } NR == 3 { b = $4 }
    END { printf "%.1f ms → %.1f ms", a * 1000, b * 1000 }' "$work/hf.csv"
}
peak() {
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1
  awk '{ printf "%.1f MB", $1 / 1024 }' "$work/rss"
}
size() { du -b "$1"/cache/*.json | awk '{ printf "%.2f MB", $1 / 1e6 }'; }

for n in "${sizes[@]}"; do
  echo "generating $n check-ins ..." >&2
  "$synth" "$n" "$work/data-$n" >/dev/null
  sleep 3
  newest=$(ls "$work/data-$n/snapshots" | tail -n 1)
  o=$work/old-$n w=$work/new-$n
  cp -a "$work/data-$n" "$o"
  cp -a "$work/data-$n" "$w"
  # Older builds cache a file only once its change time is 2 s old.
  sleep 3
  warm() { "$old" --data-dir "$o" list >/dev/null; "$new" --data-dir "$w" list >/dev/null; }
  warm
  echo "$n list warm: $(both "$old --data-dir $o list" "$new --data-dir $w list")"
  echo "$n list cold: $(RUNS=${RUNS_COLD:-10} WARMUP=1 both \
    --prepare "rm -rf $o/cache" --prepare "rm -rf $w/cache" \
    "$old --data-dir $o list" "$new --data-dir $w list")"
  warm
  echo "$n list after cp -a: $(RUNS=${RUNS_COLD:-10} WARMUP=1 both \
    --prepare "bash -c 'rm -rf $o.copy && cp -a $o $o.copy'" \
    --prepare "bash -c 'rm -rf $w.copy && cp -a $w $w.copy'" \
    "$old --data-dir $o.copy list" "$new --data-dir $w.copy list")"
  rm -rf "$o.copy" "$w.copy"
  # The newest check-in moved out, the cache brought up to date without
  # it, and moved back 3 s before the timed run (so that either build
  # caches it, as when a check-in was saved a moment before).
  one_new() {
    echo "bash -c 'mv $1/snapshots/$newest $1.spare && $2 --data-dir $1 list >/dev/null && mv $1.spare $1/snapshots/$newest && sleep 3'"
  }
  echo "$n list after one new check-in: $(RUNS=${RUNS_COLD:-10} WARMUP=1 both \
    --prepare "$(one_new "$o" "$old")" --prepare "$(one_new "$w" "$new")" \
    "$old --data-dir $o list" "$new --data-dir $w list")"
  warm
  echo "$n cache file: $(size "$o") → $(size "$w")"
  echo "$n peak list: $(peak "$old" --data-dir "$o" list) → $(peak "$new" --data-dir "$w" list)"
  for f in json md csv; do
    echo "$n peak export $f: $(peak "$old" --data-dir "$o" export --format $f) → $(peak "$new" --data-dir "$w" export --format $f)"
  done
  for args in "list --json" "export --format json" "export --format csv" "export --format md"; do
    if cmp -s <("$old" --data-dir "$o" $args 2>&1) <("$new" --data-dir "$w" $args 2>&1); then
      echo "$n outputs identical: motive $args"
    else
      echo "$n outputs DIFFER: motive $args"
    fi
  done
done
