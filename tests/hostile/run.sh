#!/usr/bin/env bash
# The hostile-input corpus (docs/reliability.md, "Hostile inputs and failing outputs"): every way
# an input can be hostile or an output can fail, run through the built `lockstep` as a user runs
# it. Each case states the command, the exit code the documentation promises, a fragment of the
# message it must print, and checks that every input file is unchanged afterwards (SHA-256
# before and after) and, in the normal build, that the peak memory stayed under MAX_RSS_MB.
# Inputs larger than a few KB are generated here (at most 20 MB each), never committed.
#
# Usage: run.sh GROUP LOCKSTEP RUN_CASE SOURCE_DIR [SANITIZED]
#   GROUP: outputs, oversized, special_files, encodings, json_xml, dates_numbers, or all.
#   SANITIZED=1 (the ASan build): exit codes, messages and files only; memory is not bounded
#   and the time limit is longer.
set -uo pipefail
GROUP=$1 L=$2 RUN=$3 SRC=$4 SANITIZED=${5:-0}
MAX_RSS_MB=256
TIMEOUT=20
[ "$SANITIZED" = 1 ] && TIMEOUT=180
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
IN=$T/in    # inputs: every file here must be unchanged after every case
WORK=$T/work  # what cases may change: journals, outputs
mkdir -p "$IN" "$WORK"

RULES=$SRC/rules/baoxian_2005_bureau.lock
ROSTER=$SRC/samples/rosters/bureau_001.csv
EVENTS=$SRC/samples/events/bureau_001.csv
SCENARIO=$SRC/samples/scenarios/bureau_2005.scenario
SOURCES=("$RULES" "$SRC/rules/baoxian_base.lock" "$ROSTER" "$EVENTS" "$SCENARIO")
failures=0 cases=0

# The checksums of the input files a command names (regular files only: a FIFO has no content to
# read and reading it would block), the committed sources every case may read, and its stdin.
# What lies under $WORK (journals, outputs) is the command's to change.
# The sparse files of the size limits (over 100 MB, no data) are compared by size and modification
# time: hashing a gigabyte of zeros twice would cost seconds for nothing.
checksums() {
  local files=("${SOURCES[@]}")
  for arg in "$@"; do
    [ "$arg" != "$L" ] && [ -f "$arg" ] && [ "${arg#"$WORK"/}" = "$arg" ] && files+=("$arg")
  done
  local sizes small=() big=() i
  mapfile -t sizes < <(stat -c %s "${files[@]}")
  for i in "${!files[@]}"; do
    if [ "${sizes[$i]}" -gt 100000000 ]; then big+=("${files[$i]}"); else small+=("${files[$i]}"); fi
  done
  sha256sum "${small[@]}"
  [ ${#big[@]} -eq 0 ] || stat -c '%n %s %y' "${big[@]}"
}

# N copies of the character C, for big fields without a big file in the repository.
repeat() { head -c "$1" /dev/zero | tr '\0' "$2"; }

# expect NAME EXIT FRAGMENT [--stdin F] [--stdout F] [--stderr F] [--max-output BYTES]
#        [--absent TEXT] -- COMMAND...
# FRAGMENT must appear in what the command printed (stdout and stderr); empty: not checked (its
# stderr is /dev/full). --absent TEXT must not appear. --max-output bounds the bytes printed.
# Every input file the command names and its stdin must be unchanged afterwards.
expect() {
  local name=$1 want=$2 fragment=$3
  shift 3
  local stdin=/dev/null stdout=$T/out stderr=$T/err max_output=0 absent=()
  while [ "$1" != "--" ]; do
    case $1 in
      --stdin) stdin=$2 ;;
      --stdout) stdout=$2 ;;
      --stderr) stderr=$2 ;;
      --max-output) max_output=$2 ;;
      --absent) absent+=("$2") ;;
    esac
    shift 2
  done
  shift
  cases=$((cases + 1))
  : >"$T/out" && : >"$T/err"
  local before after result code rss seconds problems=()
  before=$(checksums "$stdin" "$@")
  result=$("$RUN" "$TIMEOUT" "$stdin" "$stdout" "$stderr" -- "$@")
  after=$(checksums "$stdin" "$@")
  read -r code rss seconds <<<"$result"  # "exit=2 rss_kb=7000 seconds=0.01"
  code=${code#exit=} rss=${rss#rss_kb=} seconds=${seconds#seconds=}
  cat "$T/out" "$T/err" >"$T/printed" 2>/dev/null
  [ "$code" = "$want" ] || problems+=("exit $code, expected $want")
  if [ -n "$fragment" ] && ! grep -qF -- "$fragment" "$T/printed"; then
    problems+=("'$fragment' not printed")
  fi
  for text in "${absent[@]}"; do
    grep -qF -- "$text" "$T/printed" && problems+=("'$text' printed")
  done
  local printed
  printed=$(stat -c %s "$T/printed")
  if [ "$max_output" -gt 0 ] && [ "$printed" -gt "$max_output" ]; then
    problems+=("printed $printed bytes, more than $max_output")
  fi
  [ "$before" = "$after" ] || problems+=("an input file changed")
  if [ "$SANITIZED" != 1 ] && [ "${rss:-0}" -gt $((MAX_RSS_MB * 1024)) ]; then
    problems+=("peak memory $((rss / 1024)) MB, more than $MAX_RSS_MB MB")
  fi
  if [ ${#problems[@]} -eq 0 ]; then
    printf 'ok    %-58s exit %-3s %6d KB %6ss\n' "$name" "$code" "$rss" "$seconds"
  else
    failures=$((failures + 1))
    printf 'FAIL  %-58s exit %-3s %6d KB %6ss: %s\n' "$name" "$code" "$rss" "$seconds" \
      "$(IFS=';'; echo "${problems[*]}")"
    { head -c 2000 "$T/printed"; echo; } | sed 's/^/      | /'
  fi
}

# A fresh audit journal of the bureau campaign, bound to the sample rules and roster.
journal() {
  rm -f "$WORK/j.db" "$WORK/j.db-wal" "$WORK/j.db-shm"
  "$L" db init "$WORK/j.db" --rules "$RULES" --org "$ROSTER" --mode audit --start 2005-01-10 \
    >/dev/null || { echo "FAIL: cannot make a journal"; exit 1; }
}

outputs() {
  expect "check to a full disk" 2 "cannot write the output: No space left on device" \
    --stdout /dev/full -- "$L" check "$RULES"
  expect "graph to a full disk" 2 "No space left on device" --stdout /dev/full -- "$L" graph "$RULES"
  expect "status to a full disk" 2 "No space left on device" --stdout /dev/full -- \
    "$L" status "$RULES" --org "$ROSTER" --events "$EVENTS" --at 2005-03-01 --start 2005-01-10
  expect "simulate --format json to a full disk" 2 "No space left on device" --stdout /dev/full -- \
    "$L" simulate "$RULES" --org "$ROSTER" --start 2005-01-10 --format json
  expect "--help to a full disk" 2 "No space left on device" --stdout /dev/full -- "$L" check --help
  expect "a closed stdout" 2 "cannot write the output" --stdout - -- "$L" check "$RULES"
  journal
  expect "record to a full disk: recorded, acknowledgement lost" 2 \
    "batch 1 was recorded (committed), but its acknowledgement could not be written" \
    --stdout /dev/full -- "$L" record "$WORK/j.db" 2005-01-11,ldj,complete,mobilize,,,,,,,k1
  expect "record: the resent batch is recorded once" 0 "ok: nothing new, 1 already recorded" -- \
    "$L" record "$WORK/j.db" 2005-01-11,ldj,complete,mobilize,,,,,,,k1
  expect "db verify to a full disk" 2 "No space left on device" --stdout /dev/full -- \
    "$L" db verify "$WORK/j.db"
  expect "status DB to a full disk" 2 "No space left on device" --stdout /dev/full -- \
    "$L" status "$WORK/j.db"
  expect "db migrate to a full disk: migrated, report lost" 2 \
    "the migration was written (committed), but the report of the migration could not be written" \
    --stdout /dev/full -- "$L" db migrate "$WORK/j.db" --rules "$RULES"
  expect "db init to a full disk: made, confirmation lost" 2 "was made, but its confirmation" \
    --stdout /dev/full -- "$L" db init "$WORK/k.db" --rules "$RULES" --org "$ROSTER" --start 2005-01-10
  # A failing stderr is not a crash (it was SIGABRT from a throwing print): exit 2, nothing said.
  expect "an unreadable log with stderr full" 2 "" --stderr /dev/full -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/missing.csv"
  expect "an unknown command with stderr full" 2 "" --stderr /dev/full -- "$L" frobnicate
  expect "bad usage with both full" 2 "" --stdout /dev/full --stderr /dev/full -- \
    "$L" simulate "$RULES" --seed x
  expect "--html onto a device is refused" 2 "cannot write /dev/full: it exists and is not a" -- \
    "$L" simulate "$RULES" --org "$ROSTER" --start 2005-01-10 --html /dev/full
  expect "--export-log into a missing folder leaves nothing" 2 "cannot write $WORK/no/run.csv" -- \
    "$L" simulate "$RULES" --org "$ROSTER" --start 2005-01-10 --export-log "$WORK/no/run.csv"
  # As root every folder is writable, so this case runs only for other users.
  if [ "$ro_ok" = 1 ]; then
    expect "fmt into a read-only folder changes nothing" 2 "cannot write the formatted file" \
      -- "$L" fmt "$IN/ro/unformatted.lock"
  fi
}

oversized() {
  local big=20000000
  { printf '{"time":"2005-01-11","who":"ldj","step":"'; repeat $big x; printf '"}\n'; } >"$IN/step.jsonl"
  expect "JSON Lines: a 20 MB step id" 2 "the line is longer than 65536 bytes" --max-output 2000 -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/step.jsonl"
  { printf '{"time":"2005-01-11","who":"ldj","kind":"excuse","step":"learn","reason":"'
    repeat $big x; printf '"}\n'; } >"$IN/reason.jsonl"
  expect "JSON Lines: a 20 MB reason" 2 "the line is longer than 65536 bytes" --max-output 2000 -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/reason.jsonl"
  { printf '<log><trace><string key="concept:name" value="ldj"/><event><string key="concept:name" value="'
    repeat $big x; printf '"/></event></trace></log>\n'; } >"$IN/step.xes"
  expect "XES: a 20 MB step id" 2 "an attribute value longer than 65536 bytes" --max-output 2000 -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/step.xes"
  { printf '<log><'; repeat $big a; printf '/></log>\n'; } >"$IN/name.xes"
  expect "XES: a 20 MB element name" 2 "a name longer than 1024 bytes" --max-output 2000 -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/name.xes"
  { printf '<log><trace'; for i in $(seq 1 300); do printf ' a%d=""' "$i"; done; printf '/></log>\n'; } >"$IN/attributes.xes"
  expect "XES: 300 attributes on one element" 2 "more than 256 attributes on one element" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/attributes.xes"
  { printf 'time,who,step\n2005-01-11,ldj,'; repeat $big x; printf '\n'; } >"$IN/field.csv"
  expect "CSV log: a 20 MB field" 2 "a field longer than 65536 bytes" --max-output 2000 -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/field.csv"
  { printf 'time,who,step\n2005-01-11,ldj,"'; repeat $big x; printf '"\n'; } >"$IN/quoted.csv"
  expect "CSV log: a 20 MB quoted field" 2 "a field longer than 65536 bytes" --max-output 2000 -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/quoted.csv"
  { repeat $big y; } >"$IN/one_line.csv"
  expect "CSV log: one 20 MB line, no line break" 2 "a field longer than 65536 bytes" \
    --max-output 2000 -- "$L" replay "$RULES" --org "$ROSTER" --events "$IN/one_line.csv"
  { head -n 4 "$ROSTER"; printf 'member,ld9999,ldj,,'; repeat $big x; printf ',\n'; } >"$IN/name.csv"
  expect "CSV roster: a 20 MB display name" 2 "a field longer than 65536 bytes" --max-output 2000 -- \
    "$L" replay "$RULES" --org "$IN/name.csv" --events "$EVENTS"
  { printf '{"units":[{"id":"quwei","level":"top","org_type":"organ","display_name":"'
    repeat $big x; printf '"}]}\n'; } >"$IN/name.json"
  expect "JSON roster: a 20 MB string" 2 "a string longer than 65536 bytes" --max-output 2000 -- \
    "$L" replay "$RULES" --org "$IN/name.json" --events "$EVENTS"
  { printf '{"units":[{"id":"quwei","level":"top","org_type":"organ","leadership":'
    repeat $big 9; printf '}]}\n'; } >"$IN/number.json"
  expect "JSON roster: a 20 MB number" 2 "a number longer than 65536 bytes" --max-output 2000 -- \
    "$L" replay "$RULES" --org "$IN/number.json" --events "$EVENTS"
  { printf 'campaign '; repeat $big n; printf ' "x" {\n}\n'; } >"$IN/name.lock"
  expect "rules: a 20 MB name" 1 "names are limited to 128 bytes" --max-output 2000 -- \
    "$L" check "$IN/name.lock"
  { printf 'campaign c "'; repeat $big s; printf '" {\n}\n'; } >"$IN/string.lock"
  expect "rules: a 20 MB string" 1 "strings are limited to 1024 bytes" --max-output 2000 -- \
    "$L" check "$IN/string.lock"
  expect "rules: a 20 MB name, as JSON" 1 '"code":"E0003"' --max-output 3000 -- \
    "$L" check --format json "$IN/name.lock"
  { repeat 2000000 '#'; } >"$IN/big.scenario"
  expect "scenario: larger than 1 MiB" 2 "larger than 1048576 bytes" -- \
    "$L" simulate "$RULES" --org "$ROSTER" --start 2005-01-10 --scenario "$IN/big.scenario"
  cp "$SRC/rules/baoxian_base.lock" "$IN/"
  { printf '# '; repeat $big c; printf '\n'; cat "$RULES"; } >"$IN/comment.lock"
  expect "rules: a 20 MB comment line is read" 0 "ok (campaign" -- "$L" check "$IN/comment.lock"
  { printf 'time,who,step\n'; for i in $(seq 1 2000); do repeat 10000 z; printf '\n'; done; } >"$IN/bad_lines.csv"
  expect "CSV log: 2,000 bad records stop at 100 errors" 2 "V099" --max-output 60000 -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/bad_lines.csv"
  # Sparse: larger than the limits on paper, no data on disk. Refused from their size, unread.
  truncate -s 1100M "$IN/huge.jsonl"
  expect "a 1.1 GB log is refused unread" 2 "V002" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/huge.jsonl"
  truncate -s 40M "$IN/huge.lock"
  expect "a 40 MB rules file is refused unread" 1 "rules files are limited to 33554432 bytes" -- \
    "$L" check "$IN/huge.lock"
  journal
  { printf '{"time":"2005-01-11","who":"ldj","step":"'; repeat $big x; printf '"}\n'; } >"$IN/stdin.jsonl"
  expect "record: a 20 MB line on stdin" 2 "the line is longer than 65536 bytes" --stdin "$IN/stdin.jsonl" \
    -- "$L" record "$WORK/j.db"
}

special_files() {
  mkfifo "$IN/fifo.lock" "$IN/fifo.csv" "$IN/fifo.jsonl" "$IN/fifo.scenario" "$IN/fifo.locktest"
  mkdir -p "$IN/folder.lock" "$IN/folder.csv" "$IN/tests"
  expect "check: a FIFO" 2 "it is a named pipe (FIFO), not a regular file" -- "$L" check "$IN/fifo.lock"
  expect "--org: a FIFO" 2 "cannot read the roster" -- \
    "$L" replay "$RULES" --org "$IN/fifo.csv" --events "$EVENTS"
  expect "--events: a FIFO" 2 "cannot read the log" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/fifo.csv"
  expect "--scenario: a FIFO" 2 "named pipe (FIFO)" -- \
    "$L" simulate "$RULES" --org "$ROSTER" --start 2005-01-10 --scenario "$IN/fifo.scenario"
  expect "test: a FIFO" 2 "named pipe (FIFO)" -- "$L" test "$IN/fifo.locktest"
  expect "status: a FIFO where the journal or rules go" 2 "named pipe (FIFO)" -- \
    "$L" status "$IN/fifo.lock" --org "$ROSTER" --events "$EVENTS" --at 2005-02-01
  journal
  expect "record --file: a FIFO" 2 "named pipe (FIFO)" -- "$L" record "$WORK/j.db" --file "$IN/fifo.jsonl"
  expect "record: a FIFO as the journal" 2 "not a regular file" -- "$L" record "$IN/fifo.lock" x
  expect "check: a folder" 2 "it is a folder" -- "$L" check "$IN/folder.lock"
  expect "--events: a folder" 2 "it is a folder" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/folder.csv"
  expect "--org: a device" 2 "it is a device, not a regular file" -- \
    "$L" replay "$RULES" --org /dev/zero --events "$EVENTS"
  expect "check: a missing file" 2 "no such file" -- "$L" check "$IN/missing.lock"
  : >"$IN/empty.lock"
  : >"$IN/empty.csv"
  : >"$IN/empty.jsonl"
  expect "check: an empty rules file" 0 "procedures only" -- "$L" check "$IN/empty.lock"
  expect "--org: an empty roster" 2 "R013" -- "$L" replay "$RULES" --org "$IN/empty.csv" --events "$EVENTS"
  expect "--events: an empty log" 1 "violations" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/empty.jsonl" --start 2005-01-10
  expect "test: a folder with no tests" 0 "no *.locktest file" -- "$L" test "$IN/tests"
}

encodings() {
  printf 'campaign c "\xd6\xd0\xb9\xfa" {\n}\n' >"$IN/gbk.lock"
  expect "rules in GBK" 1 "E0001" -- "$L" check "$IN/gbk.lock"
  { head -n 3 "$ROSTER"; printf 'unit,quwei,,top,organ,\xd6\xd0\xb9\xfa,no\n'; } >"$IN/gbk.csv"
  expect "roster in GBK" 2 "R003" -- "$L" replay "$RULES" --org "$IN/gbk.csv" --events "$EVENTS"
  printf 'time,who,step,reason\n2005-01-11,ldj,mobilize,\xcd\xe2\xb3\xf6\n' >"$IN/gbk_log.csv"
  expect "event log in GBK" 2 "V003" -- "$L" replay "$RULES" --org "$ROSTER" --events "$IN/gbk_log.csv"
  printf '[default]\nlate = 0.1 # \xcd\xe2\n' >"$IN/gbk.scenario"
  expect "scenario in GBK" 2 "invalid UTF-8" -- \
    "$L" simulate "$RULES" --org "$ROSTER" --start 2005-01-10 --scenario "$IN/gbk.scenario"
  printf 'campaign c "x" {\0}\n' >"$IN/nul.lock"
  expect "rules with a NUL byte" 1 "found the control character U+0000" -- "$L" check "$IN/nul.lock"
  printf 'time,who,step\n2005-01-11,ld\0j,mobilize\n' >"$IN/nul.csv"
  expect "event log with a NUL byte in an id" 2 "is not an id" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/nul.csv"
  printf 'time,who,step\n2005-01-11,ld\033[2Jj,mobilize\n' >"$IN/escape.csv"
  expect "an escape sequence in an id reaches no terminal" 2 "is not an id" --absent $'\033[2J' -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/escape.csv"
  { printf '\xef\xbb\xbf'; sed 's/$/\r/' "$ROSTER"; } >"$IN/bom_crlf.csv"
  { printf '\xef\xbb\xbf'; sed 's/$/\r/' "$EVENTS"; } >"$IN/bom_crlf_log.csv"
  expect "a byte order mark and CRLF are read" 1 "violations" -- \
    "$L" replay "$RULES" --org "$IN/bom_crlf.csv" --events "$IN/bom_crlf_log.csv" --start 2005-01-10
  sed 's/$/\r/' "$SRC/samples/events/bureau_001.jsonl" >"$IN/crlf.jsonl"
  expect "JSON Lines with CRLF are read" 1 "violations" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/crlf.jsonl" --start 2005-01-10
  : >"$IN/empty.xes"
  expect "an empty XES file" 2 "no root element" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/empty.xes"
  head -c 300 "$SRC/samples/events/bureau_001.xes" >"$IN/truncated.xes"
  expect "a truncated XES file" 2 "V009" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/truncated.xes"
  { printf '\xef\xbb\xbf'; cat "$SCENARIO"; } >"$IN/bom.scenario"
  expect "a scenario with a byte order mark is read" 1 "violations" -- \
    "$L" simulate "$RULES" --org "$ROSTER" --start 2005-01-10 --scenario "$IN/bom.scenario"
}

json_xml() {
  repeat 100000 x | sed 's/x/{"a":/g' >"$IN/deep.json"
  expect "JSON roster: 100,000 nested objects" 2 "JSON nested more than 16 levels deep" -- \
    "$L" replay "$RULES" --org "$IN/deep.json" --events "$EVENTS"
  { printf '{"units":'; repeat 100000 '['; printf '\n'; } >"$IN/deep_brackets.json"
  expect "JSON roster: 100,000 nested brackets" 2 "JSON nested more than 16 levels deep" -- \
    "$L" replay "$RULES" --org "$IN/deep_brackets.json" --events "$EVENTS"
  { repeat 30000 '['; printf '\n'; } >"$IN/deep.jsonl"
  expect "JSON Lines: 30,000 nested brackets" 2 "JSON nested more than 4 levels deep" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/deep.jsonl"
  printf '{"time":"2005-01-11","who":"ldj","who":"ld0001","step":"mobilize"}\n' >"$IN/dup.jsonl"
  expect "JSON Lines: a key given twice" 2 'dup.jsonl:1:34: error[V008]: the key "who" is given twice' -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/dup.jsonl"
  printf '{"units":[{"id":"quwei","level":"top","org_type":"organ","id":"x"}]}\n' >"$IN/dup.json"
  expect "JSON roster: a key given twice" 2 'dup.json:1:58: error[R008]: the key "id" is given twice' -- \
    "$L" replay "$RULES" --org "$IN/dup.json" --events "$EVENTS"
  printf '{"time":"2005-01-11","who":"ldj","step":"mobilize","hours":1e500}\n' >"$IN/overflow.jsonl"
  expect "JSON Lines: a number overflowing" 2 "a number too large to be represented" \
    --absent "json.exception" -- "$L" replay "$RULES" --org "$ROSTER" --events "$IN/overflow.jsonl"
  printf '{"time":"2005-01-11","who":"ldj",step:"mobilize"}\n' >"$IN/syntax.jsonl"
  expect "JSON Lines: a key without quotes" 2 "invalid JSON: invalid literal in object key" \
    --absent "json.exception" -- "$L" replay "$RULES" --org "$ROSTER" --events "$IN/syntax.jsonl"
  cat >"$IN/laughs.xes" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE log [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<log><trace><string key="concept:name" value="&lol3;"/></trace></log>
EOF
  expect "XES: billion laughs" 2 "DTDs, entity declarations and CDATA sections are not accepted" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/laughs.xes"
  cat >"$IN/external.xes" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE log [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<log><trace><string key="concept:name" value="&secret;"/></trace></log>
EOF
  expect "XES: an external entity" 2 "DTDs, entity declarations" --absent "root:" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/external.xes"
  printf '<log><trace><string key="concept:name" value="&secret;"/></trace></log>\n' >"$IN/entity.xes"
  expect "XES: an undeclared entity" 2 "unknown entity '&secret;'" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/entity.xes"
  { printf '<log>'; for i in $(seq 1 100); do printf '<list key="k">'; done; printf '\n'; } >"$IN/deep.xes"
  expect "XES: 100 nested elements" 2 "elements nested more than 64 deep" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/deep.xes"
}

dates_numbers() {
  printf 'time,who,step\n0000-01-01,ldj,mobilize\n1800-01-01,ldj,plan\n9999-12-31,ld0001,learn\n' >"$IN/dates.csv"
  expect "events dated 0000, 1800 and 9999" 2 "the date 9999-12-31 is out of range" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/dates.csv" --start 2005-01-10
  printf '{"time":"1899-12-31T23:59:59","who":"ldj","step":"mobilize"}\n' >"$IN/dates.jsonl"
  expect "an event dated the day before the range" 2 "dates run from 1900-01-01 to 2199-12-31" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/dates.jsonl" --start 2005-01-10
  printf '<log><trace><string key="concept:name" value="ldj"/><event><string key="concept:name" value="mobilize"/><date key="time:timestamp" value="2200-01-01"/></event></trace></log>\n' >"$IN/dates.xes"
  expect "XES: an event dated 2200" 2 "the date 2200-01-01 is out of range" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/dates.xes" --start 2005-01-10
  expect "--start 0000-01-01" 2 "--start 0000-01-01 is out of range" -- \
    "$L" simulate "$RULES" --org "$ROSTER" --start 0000-01-01
  expect "--at 1800-01-01" 2 "--at 1800-01-01 is out of range" -- \
    "$L" status "$RULES" --org "$ROSTER" --events "$EVENTS" --at 1800-01-01 --start 2005-01-10
  expect "--until 2200-01-01" 2 "--until 2200-01-01 is out of range" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$EVENTS" --start 2005-01-10 --until 2200-01-01
  expect "db init --start 1899-12-31" 2 "--start 1899-12-31 is out of range" -- \
    "$L" db init "$WORK/dates.db" --rules "$RULES" --org "$ROSTER" --start 1899-12-31
  printf '[org_type organ]\nseason = 1800-01-01 1800-02-01 2\n' >"$IN/season.scenario"
  expect "scenario: a season in 1800" 2 "the date is out of range" -- \
    "$L" simulate "$RULES" --org "$ROSTER" --start 2005-01-10 --scenario "$IN/season.scenario"
  printf 'rules %s\nroster %s\nstart 1800-01-01\n' "$RULES" "$ROSTER" >"$IN/dates.locktest"
  expect "rules test: start 1800-01-01" 2 "the date 1800-01-01 is out of range" -- \
    "$L" test "$IN/dates.locktest"
  expect "--seed -1" 2 "--seed: expected a whole number from 0 to 18446744073709551615, got '-1'" -- \
    "$L" simulate "$RULES" --org "$ROSTER" --start 2005-01-10 --seed -1
  expect "--seed 2^64" 2 "got '18446744073709551616'" -- \
    "$L" simulate "$RULES" --org "$ROSTER" --start 2005-01-10 --seed 18446744073709551616
  expect "--runs 0" 2 "--runs: expected a whole number from 1 to 100000" -- \
    "$L" simulate "$RULES" --org "$ROSTER" --start 2005-01-10 --runs 0
  expect "--runs 1e3" 2 "got '1e3'" -- "$L" simulate "$RULES" --org "$ROSTER" --start 2005-01-10 --runs 1e3
  expect "--synthetic -5" 2 "--synthetic: expected a whole number from 1 to 4000000000" -- \
    "$L" simulate "$RULES" --synthetic -5 --start 2005-01-10
  expect "record --batch -1" 2 "--batch: expected a whole number" -- "$L" record "$WORK/j.db" --batch -1
  expect "record --timeout -1" 2 "--timeout: expected a whole number" -- "$L" record "$WORK/j.db" --timeout -1
  printf 'time,who,step,hours\n2005-01-11,ldj,mobilize,-1\n2005-01-11,ldj,plan,99999999999\n' >"$IN/hours.csv"
  expect "evidence: hours -1 and 99999999999" 2 "hours must be a whole number from 0 to 2147483647, not '-1'" -- \
    "$L" replay "$RULES" --org "$ROSTER" --events "$IN/hours.csv" --start 2005-01-10
  { head -n 3 "$ROSTER"; printf 'unit,quwei,,top,,中共青湖区委员会,no\n'; tail -n +5 "$ROSTER"; } >"$IN/top.csv"
  expect "a top unit with no org type" 2 "the top unit 'quwei' has no org type" -- \
    "$L" replay "$RULES" --org "$IN/top.csv" --events "$EVENTS" --start 2005-01-10
}

# A folder the program cannot write into, for fmt (root ignores permissions: the case is skipped).
mkdir -p "$IN/ro"
printf 'campaign c "x" { }\n' >"$IN/ro/unformatted.lock"
chmod a-w "$IN/ro"
ro_ok=1
if touch "$IN/ro/probe" 2>/dev/null; then rm -f "$IN/ro/probe"; ro_ok=0; fi

if [ "$GROUP" = all ]; then
  for g in outputs oversized special_files encodings json_xml dates_numbers; do echo "== $g"; $g; done
else
  "$GROUP"
fi
chmod u+w "$IN/ro"
echo "$cases case(s), $failures failed"
[ "$failures" -eq 0 ]
