#!/bin/sh
# Runs fuzz targets for a while each, two at a time, at low priority, and prints their final figures.
#
#   fuzz/run.sh BUILD_DIR SECONDS TARGET...     e.g. fuzz/run.sh build-fuzz 600 roster events_csv
#
# Targets: rules roster events_csv events_jsonl events_xes state. Each grows its corpus in
# fuzz/corpus-<target>/ (ignored by git) from the seeds in fuzz/corpus/<target>/, runs in an empty
# folder of its own, fuzz/corpus-<target>-cwd/ (rules may `import` relative paths), and logs to
# fuzz.log there.
# Findings (crash-*, timeout-*, leak-*, oom-*) are written in that folder. See docs/fuzzing.md.
set -eu
[ $# -ge 3 ] || { sed -n 4p "$0"; exit 2; }
build=$(cd "$1" && pwd)
seconds=$2
shift 2
fuzz=$(cd "$(dirname "$0")" && pwd)

# The dictionary option of a target; none for saved states, whose inputs are edit scripts.
dict_for() {
  case $1 in
    rules) echo "-dict=$fuzz/rules.dict" ;;
    roster) echo "-dict=$fuzz/roster.dict" ;;
    state) ;;
    *) echo "-dict=$fuzz/events.dict" ;;
  esac
}

run_one() {
  target=$1
  corpus="$fuzz/corpus-$target"
  mkdir -p "$corpus" "$corpus-cwd"
  (cd "$corpus-cwd" && nice -n 10 "$build/fuzz/fuzz_$target" $(dict_for "$target") \
    -max_len=4096 -timeout=10 -rss_limit_mb=2048 -max_total_time="$seconds" \
    -print_final_stats=1 "$corpus" "$fuzz/corpus/$target" >"$corpus-cwd/fuzz.log" 2>&1) || true
  # The last status line gives coverage and corpus, the "Done" line executions and seconds.
  status=$(grep -E '^#[0-9]+.* cov: ' "$corpus-cwd/fuzz.log" | tail -1 |
    sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [^ ]+).*/\1/')
  done_line=$(grep -E '^Done [0-9]+ runs' "$corpus-cwd/fuzz.log" | tail -1)
  figures=${done_line:+$done_line, $status}
  findings=$(ls "$corpus-cwd" | grep -cE '^(crash|timeout|leak|oom|slow-unit)-' || true)
  echo "$target: ${figures:-no final figures, see $corpus-cwd/fuzz.log}; findings: $findings"
}

while [ $# -gt 0 ]; do
  run_one "$1" &
  first=$!
  second=""
  if [ $# -ge 2 ]; then
    run_one "$2" &
    second=$!
    shift
  fi
  shift
  wait $first
  [ -z "$second" ] || wait $second
done
