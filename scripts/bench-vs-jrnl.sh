#!/usr/bin/env bash
# motive beside jrnl 4.6, given the same history: for 1,000 and 10,000
# synthetic check-ins (examples/synth), the same notes, reflections and
# commitments are written as a jrnl journal, one entry per check-in. Then,
# alternating one run of each, it times
#
#   * `motive list`                   against `jrnl -n N --format short`,
#   * `motive export --format json`   against `jrnl --format json`,
#   * `motive chart`                  against `jrnl --format calendar`,
#
# and prints the medians and the motive/jrnl ratio (below 1: motive is
# faster), and the peak memory of both exports. jrnl is installed with pip
# in a throwaway virtual environment. Not for CI: it needs the network.
# Usage: scripts/bench-vs-jrnl.sh [SIZES...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
runs=${RUNS:-10}

cargo build --release --quiet --bin motive --example synth
bin=$PWD/target/release/motive
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MOTIVE_CONFIG_DIR=$work/config NO_COLOR=1

echo "installing jrnl 4.6 ..." >&2
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet 'jrnl==4.6' >&2
jrnl=$work/venv/bin/jrnl

# Milliseconds of one run of "$@", output discarded.
once() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  local end=$EPOCHREALTIME
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

peak() {
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true
  awk '{ printf "%.0f MB", $1 / 1024 }' "$work/rss"
}

printf '| work | check-ins | motive | jrnl 4.6 | motive / jrnl |\n|---|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  dir=$work/data-$n
  echo "generating $n check-ins and their journal ..." >&2
  target/release/examples/synth "$n" "$dir" >/dev/null
  "$bin" --data-dir "$dir" export --format json | python3 -c '
import json, sys
doc = json.load(sys.stdin)
out = open(sys.argv[1], "w")
for s in doc["snapshots"]:
    when = s["finished_at"][:16].replace("T", " ")
    title = s.get("label") or "Check-in " + s["id"]
    body = [a["note"] for a in s["answers"] if a.get("note")]
    body += [r["text"] for r in s["reflections"] if r["text"].strip()]
    body += [f["note"] for f in s.get("follow_ups", []) if f.get("note")]
    body += ["Before the next check-in I will: " + c for c in s.get("commitments", [])]
    out.write("[%s] %s.\n%s\n\n" % (when, title, "\n".join(body)))
' "$work/journal-$n.txt"
  cat >"$work/jrnl-$n.yaml" <<YAML
colors: {body: none, date: none, tags: none, title: none}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals: {default: {journal: $work/journal-$n.txt}}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
YAML
  j=("$jrnl" --config-file "$work/jrnl-$n.yaml")
  sleep 3 # the summary cache keeps only files older than two seconds
  "$bin" --data-dir "$dir" list >/dev/null
  "${j[@]}" -n 1 --format short >/dev/null 2>&1 || true
  compare() {
    local label=$1; shift
    local motive_cmd=() jrnl_cmd=()
    while [ "$1" != "--" ]; do motive_cmd+=("$1"); shift; done
    shift
    jrnl_cmd=("$@")
    local m=() r=()
    for _ in $(seq "$runs"); do
      m+=("$(once "$bin" --data-dir "$dir" "${motive_cmd[@]}")")
      r+=("$(once "${j[@]}" "${jrnl_cmd[@]}")")
    done
    local mm jm
    mm=$(printf '%s\n' "${m[@]}" | median)
    jm=$(printf '%s\n' "${r[@]}" | median)
    printf '| %s | %s | %s ms | %s ms | %s |\n' "$label" "$n" "$mm" "$jm" \
      "$(awk -v a="$mm" -v b="$jm" 'BEGIN { printf "%.3f", a / b }')"
  }
  compare '`list` / `-n N --format short`' list -- -n "$n" --format short
  compare '`export --format json` / `--format json`' export --format json -- --format json
  compare '`chart` / `--format calendar`' chart -- --format calendar
  printf '| peak memory of the JSON export | %s | %s | %s | |\n' "$n" \
    "$(peak "$bin" --data-dir "$dir" export --format json)" \
    "$(peak "${j[@]}" --format json)"
done
