#!/usr/bin/env bash
# Whole-process timings of the release binary: startup, bank commands, and
# the reading commands on a data dir of 200 check-ins.
# Uses hyperfine when installed (apt-get install hyperfine), else a loop.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/motive
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MOTIVE_DATA_DIR=$work/data MOTIVE_CONFIG_DIR=$work/config NO_COLOR=1

# 200 quarterly check-ins, through the same import a user would run.
python3 - "$work/export.json" <<'PY'
import json, sys, datetime
bank = {"id": "core", "version": "1", "title": "Autonomy, mastery and purpose"}
scale = {"min": 1, "max": 5, "labels": ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]}
dims = [{"id": d, "name": d.title(), "description": "", "sd": 18.0, "reliability": 0.8} for d in ("autonomy", "mastery", "purpose")]
start = datetime.datetime(2000, 1, 3, 9, 0, tzinfo=datetime.timezone.utc)
snaps = []
for i in range(200):
    t = start + datetime.timedelta(days=91 * i)
    answers = [{"question": f"{d}-{k}", "dimension": d, "text": f"Statement {k} on {d}", "reverse": k == 3,
                "weight": 1.0, "value": 1 + (i + k) % 5} for d in ("autonomy", "mastery", "purpose") for k in range(4)]
    snaps.append({"format": 1, "id": t.strftime("%Y%m%d-%H%M%S"), "started_at": (t - datetime.timedelta(minutes=15)).isoformat(),
                  "finished_at": t.isoformat(), "commitment": "One thing", "bank": bank, "scale": scale,
                  "dimensions": dims, "answers": answers, "reflections": []})
json.dump({"format": 1, "snapshots": snaps}, open(sys.argv[1], "w"))
PY
"$bin" import "$work/export.json" >/dev/null
"$bin" bank init "$work/team.toml" >/dev/null

commands=(
  "$bin --help"
  "$bin bank list"
  "$bin bank validate $work/team.toml"
  "$bin list --json"
  "$bin compare --json"
  "$bin chart --width 100 --height 25"
  "$bin export --format md"
)
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 3 --runs 30 --shell=none --output=null "${commands[@]}"
else
  runs=30
  for cmd in "${commands[@]}"; do
    times=()
    for _ in $(seq $runs); do
      t0=$(date +%s%N); $cmd >/dev/null; t1=$(date +%s%N)
      times+=($(( (t1 - t0) / 1000 )))
    done
    sorted=($(printf '%s\n' "${times[@]}" | sort -n))
    awk -v cmd="${cmd#"$PWD"/}" -v runs="$runs" -v med="${sorted[$((runs / 2))]}" \
        -v lo="${sorted[0]}" -v hi="${sorted[$((runs - 1))]}" \
        'BEGIN { printf "%-45s median %6.2f ms  min %6.2f ms  max %6.2f ms  (%d runs)\n", cmd, med / 1000, lo / 1000, hi / 1000, runs }'
  done
fi
