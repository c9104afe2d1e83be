#!/usr/bin/env bash
# Kill the real motive binary, many times, where a crash used to cost a
# check-in, and report what each kill left:
#
#   * a check-in killed just after Enter on its review (half the kills at a
#     random moment of the save, half aimed at the moment its snapshot
#     appears): rounds, kills in the save window (snapshot written, draft
#     still there), duplicates and losses after the next start;
#   * an import of 1,000 check-ins killed at random points (anywhere, while
#     staging, or after the commit while moving): rounds, imports rolled
#     back and rolled forward by the next start, and any partial import.
#
# Any duplicate, loss or partial import fails the run. These are the tests
# `kill_loops` in tests/crash.rs, which `cargo test` runs with a few rounds.
#
# Usage: scripts/crash-loop.sh [SAVE_ROUNDS [IMPORT_ROUNDS [SEED]]]
#        (default: 300 200, and a seed from the clock)
set -euo pipefail
cd "$(dirname "$0")/.."

save_rounds=${1:-300}
import_rounds=${2:-200}
seed=${3:-$(date +%s)}

export MOTIVE_CRASH_SAVE_ROUNDS=$save_rounds
export MOTIVE_CRASH_IMPORT_ROUNDS=$import_rounds
export MOTIVE_CRASH_SEED=$seed

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# One test at a time: a loaded machine stretches the windows being aimed at.
if cargo test --test crash -- kill_loops --nocapture --test-threads=1 >"$log" 2>&1; then
  status=0
else
  status=$?
fi
echo "seed $seed"
grep -oE '(save|import) kill loop: .*|panicked.*|^test result.*' "$log" || true
if [ "$status" -ne 0 ]; then
  echo "FAILED; the whole log follows" >&2
  cat "$log" >&2
fi
exit "$status"
