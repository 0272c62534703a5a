#!/usr/bin/env bash
# RPA Insights demo: builds if needed, runs the sample RPA engine under the agent (zero code: one JVM
# flag and a config file), then analyses what the agent recorded.
#
#   ./demo.sh                 about a minute of recording, then statistics, top insights,
#                             degradation, anomalies and an HTML report
#   DEMO_RUNS=2000 ./demo.sh  a longer recording
#
# Writes demo/rpa-insights.db (the SQLite store) and demo/report.html (git-ignored).
set -euo pipefail
cd "$(dirname "$0")"

AGENT=agent/target/rpa-insights-agent.jar
SAMPLE=sample-workflow/target/sample-workflow.jar
ANALYTICS=analytics/target/rpa-insights.jar
CONFIG=sample-workflow/rpa-insights.yaml
DB=demo/rpa-insights.db
REPORT=demo/report.html
RUNS=${DEMO_RUNS:-800}

say() { printf '\n== %s\n' "$*"; }

needs_build() {
  for jar in "$AGENT" "$SAMPLE" "$ANALYTICS"; do
    [[ -f $jar ]] || return 0
  done
  # Rebuild when a source or pom is newer than the jars (e.g. after a git pull).
  [[ -n $(find pom.xml store-schema agent sample-workflow analytics \
            \( -name target -prune \) -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.yaml' \) \
            -newer "$AGENT" -print 2>/dev/null | head -1) ]]
}

if needs_build; then
  say "Building (mvn -B -q -DskipTests package) ..."
  mvn -B -q -DskipTests package
fi

mkdir -p demo
rm -f "$DB" "$DB-wal" "$DB-shm" "$REPORT"

say "Running the sample engine under the agent: $RUNS runs, 4 threads, scenario 'demo'"
echo "   java -javaagent:$AGENT=config=$CONFIG,store.path=$DB -jar $SAMPLE --scenario demo ..."
echo "   (one step of invoice-processing degrades after 60 % of the runs; rare spikes; flaky selectors)"
java -javaagent:"$AGENT=config=$CONFIG,store.path=$DB" \
  -jar "$SAMPLE" --scenario demo --runs "$RUNS" --threads 4 --pause-ms 200 --seed 42

# The run is about a minute long: anomalies are those of its last 30 s, scored against the minute
# before, and the summary and the report look at the same instants.
ANOMALIES_SINCE="$(date -u -d '-30 sec' +%Y-%m-%dT%H:%M:%SZ)"

say "What the agent recorded"
java -jar "$ANALYTICS" summary --db "$DB" --since 1h --baseline 35s --current 15s \
  --anomalies-since "$ANOMALIES_SINCE" --anomaly-baseline 1m --days 1 --top 5

say "Writing the HTML report"
java -jar "$ANALYTICS" report --db "$DB" --format html --out "$REPORT" --since 1h --current 15s \
  --anomalies-since "$ANOMALIES_SINCE" --anomaly-baseline 1m --days 1

say "Done"
echo "   store:  $(pwd)/$DB"
echo "   report: $(pwd)/$REPORT"
echo "   more:   java -jar $ANALYTICS --help   (stats, bottlenecks, degradation, anomalies, insights,"
echo "           success, live, report, archive ...)"
