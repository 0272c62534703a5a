#!/usr/bin/env bash
# Every figure of BENCHMARKS.md in one command: the agent comparison (compare-agents.sh, ~11 min),
# then analytics at scale (analytics-bench.sh, ~1.5 min plus ~1 min once to generate its store).
# They run one after the other, never side by side, so neither disturbs the other's timings.
#
#   benchmarks/all.sh           full runs of both
#   benchmarks/all.sh --quick   the smoke-test modes of both (numbers, not measurements)
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  "") quick=() ;;
  --quick) quick=(--quick) ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac

benchmarks/compare-agents.sh "${quick[@]}"
benchmarks/analytics-bench.sh "${quick[@]}"
