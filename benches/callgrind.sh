#!/usr/bin/env bash
# Instructions per request of each client under 64 requests in flight,
# counted by callgrind (repeatable on a busy machine, unlike wall-clock
# time): the example `load` is run with two request counts, and the
# difference of the client thread's counts is divided by the difference
# of the counts, which removes start-up and the first connections.
#
#   bash benches/callgrind.sh [N1 N2 [IN_FLIGHT]]   (default 1000 3000 64)
#
# With IN_FLIGHT 1 the count repeats within about 0.3 %; with 64 in
# flight, how requests batch on the connections varies from run to run
# (about 5 % between runs of the same code, see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
n1="${1:-1000}"
n2="${2:-3000}"
in_flight="${3:-64}"
cargo build --quiet --release -p benchmarks --example load
target="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
load="$target/release/examples/load"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# The instructions of the main thread (the client) for `side` and `n` requests.
count() {
  local side="$1" n="$2"
  valgrind --tool=callgrind --separate-threads=yes \
    --callgrind-out-file="$out/$side-$n" "$load" "$side" "$n" "$in_flight" 2>/dev/null
  # Thread 1 is the main thread; callgrind suffixes its file with -01.
  sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$out/$side-$n-01"
}

declare -A per_request
for side in generated handwritten; do
  a="$(count "$side" "$n1")"
  b="$(count "$side" "$n2")"
  per_request[$side]=$(( (b - a) / (n2 - n1) ))
  echo "$side: $a instructions for $n1 requests, $b for $n2: ${per_request[$side]} per request"
done
awk -v g="${per_request[generated]}" -v h="${per_request[handwritten]}" \
  'BEGIN { printf "generated / hand-written instructions per request: %.3f\n", g / h }'
