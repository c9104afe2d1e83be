#!/usr/bin/env bash
# Whole-process timings of the release binary at 100, 1,000 and 10,000
# check-ins, printed as the table in BENCHMARKS.md:
#
#   * `motive --version` (the floor: starting a process at all),
#   * `motive list` and `motive chart`, with the summary cache warm and cold,
#   * the TUI from start to the first complete frame of home, and from a key
#     press to its redrawn frame, measured from outside in a pseudo-terminal
#     (examples/tui_timing.rs),
#   * peak memory (maximum resident set size);
#   * `search` for a word the synthetic notes hold, and for one no check-in
#     holds, and `thread`, from the text cache warm and cold, within
#     `list`'s budget;
#   * `show`, `compare` and `due` (one or two check-ins), `list --json`, and
#     `export --format json|md` (every check-in, streamed), with their peak
#     memory; `motive check` to its first screen and the CPU time of an idle
#     history screen (examples/tui_timing.rs).
#
# With BASELINE=path/to/an/older/motive, every row is measured for both
# binaries, one right after the other, and shown as "before → after"; their
# outputs are compared as well (the lines "outputs ... identical").
#
# Installs hyperfine and GNU time with apt-get when they are missing.
# Usage: [BASELINE=old-motive] scripts/bench-processes.sh [SIZES...]
#        (default sizes: 100 1000 10000)
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
bins=("$bin")
if [ -n "${BASELINE:-}" ]; then bins=("$(realpath "$BASELINE")" "$bin"); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MOTIVE_CONFIG_DIR=$work/config NO_COLOR=1

# Median of a hyperfine run, in milliseconds with two decimals.
median() {
  local csv=$work/hf.csv
  # `due` exits 1 when no check-in is due yet: IGNORE=1 lets it.
  hyperfine --shell=none --output=null --warmup "${WARMUP:-3}" --runs "${RUNS:-30}" \
    ${IGNORE:+--ignore-failure} --export-csv "$csv" "$@" >/dev/null 2>&1
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

# One cell per binary: "before → after" with a baseline.
declare -A row
put() {
  local key=$1 value=$2
  if [ -n "${row[$key]:-}" ]; then row[$key]="${row[$key]} → $value"; else row[$key]=$value; fi
}

for n in "${sizes[@]}"; do
  dir=$work/data-$n
  echo "generating $n check-ins ..." >&2
  target/release/examples/synth "$n" "$dir" >/dev/null
  # The cache keeps only files older than two seconds.
  sleep 3
  "$bin" --data-dir "$dir" list >/dev/null
  "$bin" --data-dir "$dir" search manager >/dev/null
  # A check-in in the middle, named by its full id.
  middle=$(ls "$dir/snapshots" | sed -n "$((n / 2))p" | sed 's/\.toml$//')
  echo "timing $n ..." >&2
  for b in "${bins[@]}"; do
    d="--data-dir $dir"
    put "version,$n" "$(median "$b --version")"
    put "list,$n" "$(median "$b $d list")"
    put "list_json,$n" "$(median "$b $d list --json")"
    put "list_cold,$n" "$(median_cold "$dir" "$b $d list")"
    "$b" $d list >/dev/null
    put "chart,$n" "$(median "$b $d chart")"
    put "chart_cold,$n" "$(median_cold "$dir" "$b $d chart")"
    "$b" $d list >/dev/null
    put "show_latest,$n" "$(median "$b $d show latest")"
    put "show_id,$n" "$(median "$b $d show $middle")"
    put "compare,$n" "$(median "$b $d compare")"
    put "due,$n" "$(IGNORE=1 median "$b $d due")"
    put "search,$n" "$(median "$b $d search manager")"
    put "search_none,$n" "$(median "$b $d search xylophone")"
    # What a shell prompt runs every time, and the other newer commands.
    put "due_short,$n" "$(IGNORE=1 median "$b $d due --short")"
    put "event_list,$n" "$(median "$b $d event list")"
    put "thread,$n" "$(median "$b $d thread want-changed")"
    put "search_cold,$n" "$(median_cold "$dir" "$b $d search manager")"
    put "thread_cold,$n" "$(median_cold "$dir" "$b $d thread want-changed")"
    "$b" $d list >/dev/null
    "$b" $d search manager >/dev/null
    put "brief,$n" "$(median "$b $d brief")"
    put "export_json,$n" "$(RUNS=${RUNS_EXPORT:-10} WARMUP=1 median "$b $d export --format json")"
    put "export_md,$n" "$(RUNS=${RUNS_EXPORT:-10} WARMUP=1 median "$b $d export --format md")"
    put "rss_list,$n" "$(peak "$b" --data-dir "$dir" list)"
    put "rss_chart,$n" "$(peak "$b" --data-dir "$dir" chart)"
    put "rss_export_json,$n" "$(peak "$b" --data-dir "$dir" export --format json)"
    put "rss_export_md,$n" "$(peak "$b" --data-dir "$dir" export --format md)"
    tui=$(target/release/examples/tui_timing "$b" "$dir" "${RUNS_TUI:-15}")
    pick() {
      awk -v what="$1" 'index($0, what) == 1 {
        for (i = 1; i < NF; i++) if ($i == "median") printf "%s %s", $(i + 1), $(i + 2)
      }' <<<"$tui"
    }
    put "frame,$n" "$(pick "first frame of home")"
    put "check,$n" "$(pick "first frame of check")"
    put "history,$n" "$(pick "history scroll key")"
    put "question,$n" "$(pick "check-in highlight key")"
    put "idle,$n" "$(awk '/idle on history/ { print $4, $5 }' <<<"$tui")"
    put "rss_tui,$n" "$(awk '/peak memory/ { print $(NF-1), $NF }' <<<"$tui")"
  done
  if [ ${#bins[@]} -eq 2 ]; then
    for args in "list --json" "show latest --json" "show $middle" "compare --json" "due" \
      "export --format json" "export --format md" "export --format csv"; do
      if cmp -s <("${bins[0]}" --data-dir "$dir" $args 2>&1) <("${bins[1]}" --data-dir "$dir" $args 2>&1); then
        echo "outputs at $n identical: motive $args" >&2
      else
        echo "outputs at $n DIFFER: motive $args" >&2
      fi
    done
  fi
done

line() {
  local label=$1 key=$2
  printf '| %s |' "$label"
  for n in "${sizes[@]}"; do printf ' %s |' "${row[$key,$n]}"; done
  printf '\n'
}
printf '| work (median) |'; for n in "${sizes[@]}"; do printf ' %s check-ins |' "$n"; done; printf '\n'
printf '|---|'; for _ in "${sizes[@]}"; do printf -- '---:|'; done; printf '\n'
line '`motive --version` (the floor: starting a process)' version
line '`motive list`' list
line '`motive list --json`' list_json
line '`motive list`, cache cold (first run after an upgrade)' list_cold
line '`motive chart`' chart
line '`motive chart`, cache cold' chart_cold
line '`motive show latest`' show_latest
line '`motive show ID` (a full id)' show_id
line '`motive compare` (latest two)' compare
line '`motive due`' due
line '`motive search manager`' search
line '`motive search xylophone` (no match)' search_none
line '`motive due --short`' due_short
line '`motive event list`' event_list
line '`motive thread want-changed`' thread
line '`motive search manager`, cache cold' search_cold
line '`motive thread want-changed`, cache cold' thread_cold
line '`motive brief`' brief
line '`motive export --format json`' export_json
line '`motive export --format md`' export_md
line 'TUI start to first complete frame of home' frame
line '`motive check` to its first complete frame' check
line 'key press to redrawn frame: history scroll' history
line 'key press to redrawn frame: check-in statement' question
line 'CPU time of 10 s idle on history' idle
line 'peak memory: `motive list`' rss_list
line 'peak memory: `motive chart`' rss_chart
line 'peak memory: `motive export --format json`' rss_export_json
line 'peak memory: `motive export --format md`' rss_export_md
line 'peak memory: TUI (home, history, check-in)' rss_tui
