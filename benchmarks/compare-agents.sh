#!/usr/bin/env bash
# Issue 7, the agent half, in one command: the plain-Java workload (benchmarks/agent-bench,
# WorkflowLoop: workflows of 100 nodes, ~225 ns of work per node) with no agent, with RPA Insights
# (every step stored), with the OpenTelemetry Java agent 2.21.0 and with the Elastic APM agent
# 1.52.0, in alternating rounds (A B C D A B C D ...); then the ingest test (bare-insert ceiling and
# the agent's sustained rate, 60 s each), the store size, and the JMH benchmarks. It prints the
# Markdown tables of BENCHMARKS.md and keeps every raw line under the output directory.
#
#   benchmarks/compare-agents.sh                 # everything (about 11 minutes on 2 cores)
#   benchmarks/compare-agents.sh --quick         # smoke test: tiny counts, a minute or so
#   options: --rounds N  --work N (Spin rounds per node; 140: ~225-275 ns here)  --out DIR
#            --no-other-agents (no download; RPA Insights vs no agent only)  --no-jmh  --no-ingest
#            --no-build (use what target/ holds)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/benchmarks/agent-bench"
AGENT_JAR="$ROOT/agent/target/rpa-insights-agent.jar"
CONFIG="$ROOT/benchmarks/workload-rpa-insights.yaml"
AGENTS_DIR="$ROOT/benchmarks/target/agents"
OTEL_VERSION=2.21.0
ELASTIC_VERSION=1.52.0
OTEL_JAR="$AGENTS_DIR/opentelemetry-javaagent-$OTEL_VERSION.jar"
ELASTIC_JAR="$AGENTS_DIR/elastic-apm-agent-$ELASTIC_VERSION.jar"
TRACED_TYPE=io.rpainsights.bench.workload.WorkflowEngine

quick=false; others=true; jmh=true; ingest=true; build=true
rounds=""; work=140; out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=true ;;
    --no-other-agents) others=false ;;
    --no-jmh) jmh=false ;;
    --no-ingest) ingest=false ;;
    --no-build) build=false ;;
    --rounds) rounds="${2:?--rounds needs a number}"; shift ;;
    --work) work="${2:?--work needs a number}"; shift ;;
    --out) out="${2:?--out needs a directory}"; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "compare-agents: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ "$rounds" =~ ^[0-9]*$ && "$work" =~ ^[0-9]+$ ]] || { echo "compare-agents: --rounds and --work take whole numbers" >&2; exit 2; }

if $quick; then
  rounds="${rounds:-1}"
  workload_args=(--work "$work" --warmup-rounds 1 --rounds 2 --workflows-per-round 20 --pause-ms 20 --idle-ms 100)
  ceiling_args=(--seconds 0.3 --rounds 1); long_seconds=""; pipeline_seconds=1; paced_seconds=1
  size_executions=300
else
  rounds="${rounds:-5}"
  # Bursts of 200 workflows x 100 steps, each followed by a 160 ms pause: ~115,000 steps/s on
  # average, and a burst fills only a third of the default queue (65,536), so the queue can absorb
  # the store falling behind for a while (other processes on this machine) without dropping. The
  # warm-up bursts get 400 ms pauses: the agent's flusher and SQLite code is JIT-compiled then.
  workload_args=(--work "$work" --warmup-rounds 8 --rounds 20 --workflows-per-round 200 --pause-ms 160 --warmup-pause-ms 400 --idle-ms 1000)
  ceiling_args=(--seconds 3 --rounds 2); long_seconds=60; pipeline_seconds=60; paced_seconds=60
  size_executions=10000
fi
[[ "$rounds" -ge 1 ]] || { echo "compare-agents: --rounds must be at least 1" >&2; exit 2; }

out="${out:-$ROOT/benchmarks/target/compare-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out/logs" "$out/stores"
results="$out/results.txt"
: > "$results"
log() { echo "[compare-agents $(date +%H:%M:%S)] $*" >&2; }

if $build; then
  log "building the agent and the benchmarks"
  (cd "$ROOT" && mvn -B -q -pl benchmarks/agent-bench -am package -DskipTests -Dspotless.check.skip=true)
fi
WORKLOAD_JAR="$(ls "$BENCH"/target/agent-bench-*-workload.jar 2>/dev/null | head -1)"
[[ -f "$AGENT_JAR" && -n "$WORKLOAD_JAR" && -f "$BENCH/target/classpath.txt" ]] || {
  echo "compare-agents: build first (mvn -B -pl benchmarks/agent-bench -am package), or drop --no-build" >&2; exit 2; }
CP="$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")"

variants=(none rpa)
if $others; then
  if [[ ! -f "$OTEL_JAR" || ! -f "$ELASTIC_JAR" ]]; then
    log "fetching the OpenTelemetry and Elastic agents from Maven Central"
    mkdir -p "$AGENTS_DIR"
    for artifact in "io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_VERSION" \
                    "co.elastic.apm:elastic-apm-agent:$ELASTIC_VERSION"; do
      (cd "$ROOT" && mvn -B -q -N dependency:copy -Dartifact="$artifact" -DoutputDirectory="$AGENTS_DIR")
    done
  fi
  variants+=(otel elastic)
fi

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs | tr ' ' '_')"
java_version="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}')"
echo "MACHINE nproc=$(nproc) cpu=${cpu:-unknown} java=$java_version load_before=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/') mode=$($quick && echo quick || echo full) work=$work" >> "$results"

otel_flags=(-Dotel.instrumentation.methods.include="$TRACED_TYPE[runWorkflow,executeNode]"
            -Dotel.metrics.exporter=none -Dotel.logs.exporter=none)
elastic_flags=(-Delastic.apm.service_name=rpa-bench -Delastic.apm.disable_send=true
               -Delastic.apm.trace_methods="$TRACED_TYPE#runWorkflow,$TRACED_TYPE#executeNode")

# The JVM flags of one variant; a store path for RPA Insights.
agent_flags() {
  case "$1" in
    none) ;;
    rpa*) echo "-javaagent:$AGENT_JAR=config=$CONFIG,store.path=$2" ;;
    otel) printf '%s\n' "-javaagent:$OTEL_JAR" "${otel_flags[@]}" -Dotel.traces.exporter=none ;;
    elastic) printf '%s\n' "-javaagent:$ELASTIC_JAR" "${elastic_flags[@]}" ;;
  esac
}

# Runs the workload once under a variant; appends its RESULT line (and STORE line for RPA).
run_workload() {
  local variant="$1" round="$2"; shift 2
  local db="$out/stores/$variant-$round.db" name="$variant-$round"
  local flags=()
  mapfile -t flags < <(agent_flags "$variant" "$db")
  local launch
  launch=$(date +%s%3N)
  if ! java "${flags[@]}" -jar "$WORKLOAD_JAR" "$@" > "$out/logs/$name.out" 2> "$out/logs/$name.err"; then
    echo "compare-agents: the $variant run $round failed; see $out/logs/$name.err" >&2; exit 1
  fi
  local line
  line="$(grep -m1 '^RESULT' "$out/logs/$name.out")" || { echo "compare-agents: no RESULT from $name" >&2; exit 1; }
  echo "RESULT variant=$variant round=$round launch_ms=$launch ${line#RESULT }" >> "$results"
  if [[ "$variant" == rpa* ]]; then
    java -cp "$CP" io.rpainsights.bench.probe.StoreCheck "$db" | sed "s/^STORE/STORE variant=$variant round=$round/" >> "$results"
    rm -f "$db" "$db-wal" "$db-shm"
  fi
}

if $others; then
  log "checking that OpenTelemetry and Elastic trace both methods (2 workflows of 100 nodes)"
  tiny=(--work "$work" --warmup-rounds 0 --rounds 1 --workflows-per-round 2 --idle-ms 0 --pause-ms 0)
  java "-javaagent:$OTEL_JAR" "${otel_flags[@]}" -Dotel.traces.exporter=logging -jar "$WORKLOAD_JAR" "${tiny[@]}" \
    > "$out/logs/otel-trace-check.out" 2> "$out/logs/otel-trace-check.err"
  seen=$(( $(grep -c "'WorkflowEngine.executeNode'" "$out/logs/otel-trace-check.err" || true) + $(grep -c "'WorkflowEngine.runWorkflow'" "$out/logs/otel-trace-check.err" || true) ))
  echo "TRACE_CHECK variant=otel seen=$seen expected=202 how=otel.traces.exporter=logging_spans_named_WorkflowEngine.executeNode/runWorkflow" >> "$results"
  java "-javaagent:$ELASTIC_JAR" "${elastic_flags[@]}" -Delastic.apm.log_level=DEBUG -jar "$WORKLOAD_JAR" "${tiny[@]}" \
    > "$out/logs/elastic-trace-check.out" 2> "$out/logs/elastic-trace-check.err"
  seen=$(( $(grep -c "endSpan 'WorkflowEngine#executeNode'" "$out/logs/elastic-trace-check.out" || true) + $(grep -c "endTransaction 'WorkflowEngine#runWorkflow'" "$out/logs/elastic-trace-check.out" || true) ))
  echo "TRACE_CHECK variant=elastic seen=$seen expected=202 how=log_level=DEBUG_endSpan/endTransaction_lines_for_WorkflowEngine#executeNode/runWorkflow" >> "$results"
fi

log "workload: ${#variants[@]} variants x $rounds round(s), alternating"
for round in $(seq 1 "$rounds"); do
  for variant in "${variants[@]}"; do
    run_workload "$variant" "$round" "${workload_args[@]}"
  done
  log "round $round done"
done

if $ingest; then
  log "ingest: bare-insert ceiling (short runs of each variant)"
  java -cp "$CP" io.rpainsights.bench.probe.CeilingProbe "${ceiling_args[@]}" --dir "$out/stores" >> "$results"
  best="$(grep '^CEILING best=' "$results" | tail -1 | sed 's/.*best=\([^ ]*\).*/\1/')"
  # The ceiling's long runs bracket the agent's: the mean of the two is what it is compared with.
  long_ceiling() {
    java -cp "$CP" io.rpainsights.bench.probe.CeilingProbe --seconds "$long_seconds" --rounds 1 --only "$best" --dir "$out/stores" \
      | grep "variant=$best" | sed "s/^CEILING/CEILING_LONG run=$1 seconds=$long_seconds/" >> "$results"
  }
  if [[ -n "$long_seconds" ]]; then
    log "ingest: the ceiling ($best) for ${long_seconds} s, the agent's pipeline for ${pipeline_seconds} s, the ceiling again"
    long_ceiling 1
  fi
  java -cp "$CP" io.rpainsights.bench.probe.PipelineProbe --config "$CONFIG" --seconds "$pipeline_seconds" --work "$work" --dir "$out/stores" >> "$results"
  if [[ -n "$long_seconds" ]]; then
    long_ceiling 2
    ceiling_rate="$(grep '^CEILING_LONG' "$results" | sed 's/.*rows_per_s=\([0-9]*\).*/\1/' | awk '{s += $1} END {printf "%d", s / NR}')"
  else
    ceiling_rate="$(grep '^CEILING best=' "$results" | tail -1 | sed 's/.*rows_per_s=\([0-9]*\).*/\1/')"
  fi
  if $quick; then paced_rate=20000; else paced_rate=$(( ceiling_rate * 8 / 10 )); fi
  log "ingest: the real agent, workload paced at $paced_rate steps/s (80 % of the ceiling) for ${paced_seconds} s"
  launch=$(date +%s%3N)
  db="$out/stores/rpa-paced.db"
  java "-javaagent:$AGENT_JAR=config=$CONFIG,store.path=$db" -jar "$WORKLOAD_JAR" --mode paced --work "$work" \
    --rate "$paced_rate" --seconds "$paced_seconds" --idle-ms 0 > "$out/logs/rpa-paced.out" 2> "$out/logs/rpa-paced.err"
  line="$(grep -m1 '^RESULT' "$out/logs/rpa-paced.out")"
  echo "RESULT variant=rpa-paced round=1 launch_ms=$launch target_rate=$paced_rate ${line#RESULT }" >> "$results"
  java -cp "$CP" io.rpainsights.bench.probe.StoreCheck "$db" | sed "s/^STORE/STORE variant=rpa-paced round=1/" >> "$results"
  rm -f "$db" "$db-wal" "$db-shm"
fi

log "store size: $size_executions executions of 10 steps"
java -cp "$CP" io.rpainsights.bench.probe.StoreSizeProbe --executions "$size_executions" --steps 10 --dir "$out/stores" >> "$results"

if $jmh; then
  log "JMH: hot path and store inserts"
  jmh_args=(--agent-jar "$AGENT_JAR" --config "$CONFIG" --dir "$out/stores")
  $quick && jmh_args+=(--quick)
  java -cp "$CP" io.rpainsights.bench.jmh.RunBenchmarks "${jmh_args[@]}" --part in-process > "$out/logs/jmh.out" 2>&1 \
    || { echo "compare-agents: JMH failed; see $out/logs/jmh.out" >&2; exit 1; }
  # The forked JVM gets the agent from -javaagent only: no agent module classes on its class path.
  cp_without_agent="$(tr ':' '\n' <<< "$CP" | grep -v -E '/agent/target/|/io/rpainsights/agent/' | paste -sd: -)"
  java -cp "$cp_without_agent" io.rpainsights.bench.jmh.RunBenchmarks "${jmh_args[@]}" --part instrumented > "$out/logs/jmh-instrumented.out" 2>&1 \
    || { echo "compare-agents: JMH failed; see $out/logs/jmh-instrumented.out" >&2; exit 1; }
  if grep -q '\[rpa-insights\].*could not start' "$out/logs/jmh-instrumented.out"; then
    echo "compare-agents: the agent did not start in the JMH fork; see $out/logs/jmh-instrumented.out" >&2; exit 1
  fi
  grep -h '^JMH ' "$out/logs/jmh.out" "$out/logs/jmh-instrumented.out" >> "$results"
fi

echo "MACHINE_END load_after=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" >> "$results"
java -cp "$CP" io.rpainsights.bench.report.Report "$results" "$out/report.md"
log "raw lines: $results; report: $out/report.md"
