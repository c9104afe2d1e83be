#!/usr/bin/env bash
# Issue 19's one-check-in targets, before and after, in one run: at each
# size, `--version` (the floor), `show latest`, `show ID`, `compare`, `due`
# and `due --short` for both binaries in one hyperfine run each (so the
# machine's load falls on both alike), and `motive check` to its first
# complete frame (examples/tui_timing.rs). Prints the rows of the
# BENCHMARKS.md table, "before → after" in milliseconds (medians).
#
# Usage: BASELINE=path/to/older/motive scripts/bench-lookup.sh [SIZES...]
#        (default sizes: 100 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BASELINE:?set BASELINE to the older motive binary}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)

cargo build --release --quiet --bin motive --example synth --example tui_timing
before=$(realpath "$BASELINE")
after=$PWD/target/release/motive
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MOTIVE_CONFIG_DIR=$work/config NO_COLOR=1

# "before → after" medians of one hyperfine run of both binaries: before
# runs with the arguments `$db` names in place of `$d`'s.
pair() {
  local csv=$work/hf.csv
  local args_before=$*
  [ -z "${d:-}" ] || args_before=${args_before/"$d"/"$db"}
  hyperfine --shell=none --output=null --warmup 5 --runs "${RUNS:-40}" --ignore-failure \
    --export-csv "$csv" "$before $args_before" "$after $*" >/dev/null 2>&1
  awk -F, 'NR == 2 { b = $4 } NR == 3 { a = $4 } END { printf "%.2f ms → %.2f ms", b * 1000, a * 1000 }' "$csv"
}

declare -A row
for n in "${sizes[@]}"; do
  dir=$work/data-$n
  # DATA_<n>=path copies a data dir of n check-ins instead of writing one.
  source_var=DATA_$n
  if [ -n "${!source_var:-}" ]; then
    echo "copying ${!source_var} ..." >&2
    cp -a "${!source_var}" "$dir"
  else
    echo "generating $n check-ins ..." >&2
    target/release/examples/synth "$n" "$dir" >/dev/null
  fi
  # Each build its own copy: two builds whose names indexes differ in
  # format would each find the other's index foreign and list again.
  cp -a "$dir" "$dir-before"
  # The cache and the names index keep only what settled two seconds ago.
  sleep 3
  for _ in 1 2; do
    "$before" --data-dir "$dir-before" list >/dev/null
    "$after" --data-dir "$dir" list >/dev/null
  done
  middle=$(ls "$dir/snapshots" | sed -n "$((n / 2))p" | sed 's/\.toml$//')
  d="--data-dir $dir"
  db="--data-dir $dir-before"
  echo "timing $n ..." >&2
  row[version,$n]=$(pair --version)
  row[show_latest,$n]=$(pair "$d show latest")
  row[show_id,$n]=$(pair "$d show $middle")
  row[compare,$n]=$(pair "$d compare")
  row[due,$n]=$(pair "$d due")
  row[due_short,$n]=$(pair "$d due --short")
  for b in "$before" "$after"; do
    data=$dir
    [ "$b" = "$after" ] || data=$dir-before
    t=$(target/release/examples/tui_timing "$b" "$data" "${RUNS_TUI:-15}" |
      awk 'index($0, "first frame of check") == 1 {
        for (i = 1; i < NF; i++) if ($i == "median") printf "%s %s", $(i + 1), $(i + 2) }')
    row[check,$n]="${row[check,$n]:+${row[check,$n]} → }$t"
  done
  for args in "show latest --json" "show $middle" "compare --json" "due" "due --short"; do
    if cmp -s <("$before" $db $args 2>&1) <("$after" $d $args 2>&1); then
      echo "outputs at $n identical: motive $args" >&2
    else
      echo "outputs at $n DIFFER: motive $args" >&2
    fi
  done
done

printf '| work (median) |%s\n' "$(printf ' %s check-ins |' "${sizes[@]}")"
printf '|---|%s\n' "$(printf -- '---:|%.0s' "${sizes[@]}")"
for item in 'version:`motive --version` (the floor)' 'show_latest:`motive show latest`' \
  'show_id:`motive show ID` (a full id)' 'compare:`motive compare` (latest two)' \
  'due:`motive due`' 'due_short:`motive due --short`' \
  'check:`motive check` to its first complete frame'; do
  key=${item%%:*}
  cells=""
  for n in "${sizes[@]}"; do cells="$cells ${row[$key,$n]} |"; done
  printf '| %s |%s\n' "${item#*:}" "$cells"
done
