#!/usr/bin/env bash
# The cost of encryption at rest, whole processes of the release binary at
# 100 and 1,000 check-ins (the style of scripts/bench-processes.sh), printed
# as the table in BENCHMARKS.md:
#
#   * `list` and `show latest` on the plain data dir, and on the same check-ins
#     after `motive encrypt`, where every run unlocks the key (one scrypt at
#     work factor 18) and then reads sealed files: warm and cold cache;
#   * `list` of the encrypted data dir locked (no passphrase: dates only);
#   * `motive encrypt` and `motive decrypt` of the whole data dir;
#   * peak memory of an unlock + list.
#
# It also shows that the release build ignores MOTIVE_TEST_SCRYPT_WORK_FACTOR:
# the key file it writes with the variable set says work factor 18.
#
# Needs hyperfine and GNU time (apt-get install hyperfine time).
# Usage: scripts/bench-encryption.sh [SIZES...]   (default: 100 1000)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000)

cargo build --release --quiet --bin motive --example synth
bin=$PWD/target/release/motive
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MOTIVE_CONFIG_DIR=$work/config NO_COLOR=1
pass="a passphrase for the benchmark"

median() {
  local csv=$work/hf.csv
  hyperfine --shell=none --output=null --warmup "${WARMUP:-2}" --runs "${RUNS:-10}" \
    ${PREPARE:+--prepare "$PREPARE"} --export-csv "$csv" "$@" >/dev/null 2>&1
  awk -F, 'NR == 2 { printf "%.2f ms", $4 * 1000 }' "$csv"
}

once() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.0f ms", ns / 1e6 }'
}

peak() {
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1
  awk '{ printf "%.1f MB", $1 / 1024 }' "$work/rss"
}

declare -A row
for n in "${sizes[@]}"; do
  plain=$work/plain-$n
  sealed=$work/sealed-$n
  echo "generating $n check-ins ..." >&2
  target/release/examples/synth "$n" "$plain" >/dev/null
  cp -a "$plain" "$sealed"
  sleep 3 # the cache keeps only files older than two seconds
  "$bin" --data-dir "$plain" list >/dev/null
  echo "encrypting ..." >&2
  row[encrypt,$n]=$(once env MOTIVE_PASSPHRASE="$pass" MOTIVE_TEST_SCRYPT_WORK_FACTOR=10 \
    "$bin" --data-dir "$sealed" encrypt)
  factor=$(sed -n 's/^-> scrypt [^ ]* \([0-9]*\)$/\1/p' "$sealed/key.age")
  echo "release build, MOTIVE_TEST_SCRYPT_WORK_FACTOR=10 set: key.age has work factor $factor" >&2
  export MOTIVE_PASSPHRASE=$pass
  "$bin" --data-dir "$sealed" list >/dev/null
  sleep 3
  "$bin" --data-dir "$sealed" list >/dev/null
  echo "timing $n ..." >&2
  row[list_plain,$n]=$(median "$bin --data-dir $plain list")
  row[list_sealed,$n]=$(median "$bin --data-dir $sealed list")
  row[list_plain_cold,$n]=$(PREPARE="rm -rf $plain/cache" median "$bin --data-dir $plain list")
  row[list_sealed_cold,$n]=$(PREPARE="rm -rf $sealed/cache" median "$bin --data-dir $sealed list")
  "$bin" --data-dir "$plain" list >/dev/null
  "$bin" --data-dir "$sealed" list >/dev/null
  row[show_plain,$n]=$(median "$bin --data-dir $plain show latest")
  row[show_sealed,$n]=$(median "$bin --data-dir $sealed show latest")
  row[rss_sealed,$n]=$(peak "$bin" --data-dir "$sealed" list)
  row[rss_plain,$n]=$(peak "$bin" --data-dir "$plain" list)
  unset MOTIVE_PASSPHRASE
  row[list_locked,$n]=$(median "$bin --data-dir $sealed list")
  row[decrypt,$n]=$(once env MOTIVE_PASSPHRASE="$pass" "$bin" --data-dir "$sealed" decrypt)
done

line() {
  local label=$1 key=$2
  printf '| %s |' "$label"
  for n in "${sizes[@]}"; do printf ' %s |' "${row[$key,$n]}"; done
  printf '\n'
}
printf '| work (median) |'; for n in "${sizes[@]}"; do printf ' %s check-ins |' "$n"; done; printf '\n'
printf '|---|'; for _ in "${sizes[@]}"; do printf -- '---:|'; done; printf '\n'
line '`motive list`, plain' list_plain
line '`motive list`, encrypted (unlock + list)' list_sealed
line '`motive list`, plain, cache cold' list_plain_cold
line '`motive list`, encrypted, cache cold' list_sealed_cold
line '`motive show latest`, plain' show_plain
line '`motive show latest`, encrypted (unlock + show)' show_sealed
line '`motive list`, encrypted and locked (dates only)' list_locked
line 'peak memory, `list` plain' rss_plain
line 'peak memory, `list` encrypted (unlock + list)' rss_sealed
line '`motive encrypt` (one run, the whole data dir)' encrypt
line '`motive decrypt` (one run)' decrypt
