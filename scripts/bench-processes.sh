#!/usr/bin/env bash
# Whole-process timings of the release binary at 100, 1,000 and 10,000
# check-ins, printed as the table in BENCHMARKS.md:
#
#   * `motive --version` (the floor: starting a process at all),
#   * `motive list` and `motive chart`, with the summary cache warm and cold,
#   * the TUI from start to the first complete frame of home, and from a key
#     press to its redrawn frame, measured from outside in a pseudo-terminal
#     (examples/tui_timing.rs),
#   * peak memory (maximum resident set size).
#
# Installs hyperfine and GNU time with apt-get when they are missing.
# Usage: scripts/bench-processes.sh [SIZES...]   (default: 100 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
  if ! command -v "$1" >/dev/null 2>&1 && ! [ -x "$1" ]; then
    echo "installing $2 ..." >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq "$2" >/dev/null
    else sudo apt-get update -qq && sudo apt-get install -y -qq "$2" >/dev/null; fi
  fi
}
need hyperfine hyperfine
need /usr/bin/time time

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)

cargo build --release --quiet --bin motive --example synth --example tui_timing
bin=$PWD/target/release/motive
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MOTIVE_CONFIG_DIR=$work/config NO_COLOR=1

# Median of a hyperfine run, in milliseconds with two decimals.
median() {
  local csv=$work/hf.csv
  hyperfine --shell=none --output=null --warmup 3 --runs "${RUNS:-30}" \
    --export-csv "$csv" "$@" >/dev/null 2>&1
  awk -F, 'NR == 2 { printf "%.2f ms", $4 * 1000 }' "$csv"
}

# Median of a hyperfine run that deletes the cache before each run.
median_cold() {
  local dir=$1; shift
  local csv=$work/hf.csv
  hyperfine --shell=none --output=null --warmup 1 --runs "${RUNS_COLD:-10}" \
    --prepare "rm -rf $dir/cache" --export-csv "$csv" "$@" >/dev/null 2>&1
  awk -F, 'NR == 2 { printf "%.2f ms", $4 * 1000 }' "$csv"
}

# Peak RSS of one run, in MB.
peak() {
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1
  awk '{ printf "%.1f MB", $1 / 1024 }' "$work/rss"
}

declare -A row
for n in "${sizes[@]}"; do
  dir=$work/data-$n
  echo "generating $n check-ins ..." >&2
  target/release/examples/synth "$n" "$dir" >/dev/null
  # The cache keeps only files older than two seconds.
  sleep 3
  "$bin" --data-dir "$dir" list >/dev/null
  echo "timing $n ..." >&2
  row[version,$n]=$(median "$bin --version")
  row[list,$n]=$(median "$bin --data-dir $dir list")
  row[list_cold,$n]=$(median_cold "$dir" "$bin --data-dir $dir list")
  row[chart,$n]=$(median "$bin --data-dir $dir chart")
  row[chart_cold,$n]=$(median_cold "$dir" "$bin --data-dir $dir chart")
  "$bin" --data-dir "$dir" list >/dev/null
  row[rss_list,$n]=$(peak "$bin" --data-dir "$dir" list)
  row[rss_chart,$n]=$(peak "$bin" --data-dir "$dir" chart)
  tui=$(target/release/examples/tui_timing "$bin" "$dir" "${RUNS_TUI:-15}")
  pick() {
    awk -v what="$1" 'index($0, what) == 1 {
      for (i = 1; i < NF; i++) if ($i == "median") printf "%s %s", $(i + 1), $(i + 2)
    }' <<<"$tui"
  }
  row[frame,$n]=$(pick "first frame of home")
  row[history,$n]=$(pick "history scroll key")
  row[question,$n]=$(pick "check-in highlight key")
  row[rss_tui,$n]=$(awk '/peak memory/ { print $(NF-1), $NF }' <<<"$tui")
done

line() {
  local label=$1 key=$2
  printf '| %s |' "$label"
  for n in "${sizes[@]}"; do printf ' %s |' "${row[$key,$n]}"; done
  printf '\n'
}
printf '| work (median) |'; for n in "${sizes[@]}"; do printf ' %s check-ins |' "$n"; done; printf '\n'
printf '|---|'; for _ in "${sizes[@]}"; do printf -- '---:|'; done; printf '\n'
line '`motive --version`, whole process (the floor)' version
line '`motive list`, whole process' list
line '`motive list`, cache cold (first run after an upgrade)' list_cold
line '`motive chart`, whole process' chart
line '`motive chart`, cache cold' chart_cold
line 'TUI start to first complete frame of home' frame
line 'key press to redrawn frame: history scroll' history
line 'key press to redrawn frame: check-in statement' question
line 'peak memory: `motive list`' rss_list
line 'peak memory: `motive chart`' rss_chart
line 'peak memory: TUI (home, history, check-in)' rss_tui
