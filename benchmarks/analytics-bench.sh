#!/usr/bin/env bash
# Analytics at scale (issue 7, point 3): every figure of BENCHMARKS.md's "Analytics at scale".
#
# Builds analytics and the benchmark, generates the store once (1,000,000 executions, ~5.4 M steps,
# 30 days, 20 workflows, ending at a fixed instant so that every run asks the same questions) and
# caches it under benchmarks/target/analytics-bench/, then runs the benchmark on a fresh copy of
# it: warm JVM, query cache off, median of 10 interleaved rounds, each question next to the time
# plain JDBC takes to read the rows it needs. Results: stdout and
# benchmarks/target/analytics-bench/<mode>/results.{md,json}.
#
#   benchmarks/analytics-bench.sh           the full run (~1 min to generate once, ~3 min to run)
#   benchmarks/analytics-bench.sh --quick   20,000 executions, 3 rounds: checks the plumbing
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
case "${1:-}" in
  "") ;;
  --quick) mode=quick ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac
if [[ $mode == quick ]]; then
  executions=20000 runs=3 warmup=1 commits=1
else
  executions=1000000 runs=10 warmup=3 commits=5
fi

dir=benchmarks/target/analytics-bench
store="$dir/store-${executions}x30d-20w.db"
mkdir -p "$dir"

echo "analytics-bench: building analytics and the benchmark" >&2
mvn -B -q -pl benchmarks/analytics-bench -am package -DskipTests

if [[ ! -f "$store" ]]; then
  echo "analytics-bench: generating $store (once; later runs reuse it)" >&2
  rm -f "$store.partial" "$store.partial-wal" "$store.partial-shm"
  java -jar analytics/target/rpa-insights.jar generate --executions "$executions" --days 30 \
    --workflows 20 --end 2026-11-20T15:17:00Z --db "$store.partial"
  mv "$store.partial" "$store"
fi

java -Xms512m -Xmx3g -jar benchmarks/analytics-bench/target/analytics-bench.jar \
  --store "$store" --work "$dir/work.db" --runs "$runs" --warmup "$warmup" \
  --after-commit "$commits" --out "$dir/$mode"
