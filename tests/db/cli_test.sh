#!/usr/bin/env bash
# The journal's commands end to end: exit codes, acknowledgements, all-or-nothing batches from
# arguments, files and stdin, the hash binding, `status DB` equal to `status` on the same events,
# migration, the chain head and --expect-head, read-only storage, and damaged files.
# Usage: cli_test.sh LOCKSTEP SOURCE_DIR
set -uo pipefail
L=$1 SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
RULES=$SRC/rules/baoxian_2005_bureau.lock ROSTER=$SRC/samples/rosters/bureau_001.csv
fail=0
expect() {  # expect CODE DESCRIPTION -- command...
  local want=$1 what=$2; shift 3
  "$@" >"$T/out" 2>"$T/err"; local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $what: exit $got, expected $want"; cat "$T/out" "$T/err"; fail=1
  fi
}
has() {  # has FILE TEXT DESCRIPTION
  grep -qF -- "$2" "$T/$1" || { echo "FAIL: $3: '$2' not in $1:"; cat "$T/$1"; fail=1; }
}

expect 0 "init" -- "$L" db init "$T/j.db" --rules "$RULES" --org "$ROSTER" --start 2005-01-10
has out "enforce mode" "init says its mode"
expect 2 "init never overwrites" -- "$L" db init "$T/j.db" --rules "$RULES" --org "$ROSTER" --start 2005-01-10
has err "already exists" "init refuses an existing file"

expect 0 "record arguments" -- "$L" record "$T/j.db" 2005-01-11,ldj,complete,mobilize,,,,,,,m \
  '{"time":"2005-01-12","who":"ldj","step":"plan","key":"p"}'
has out "ok batch 1: 2 event(s) recorded at 1..2" "one acknowledgement for the batch"
expect 1 "enforce refuses out of order" -- "$L" record "$T/j.db" 2005-01-13,ld0006,complete,learn \
  2005-01-13,ld0007,complete,analysis
has err "nothing of this batch was written" "a refusal says nothing was written"
printf 'time,who,kind,step,key\n2005-01-13,ld0006,complete,learn,a\n2005-01-14,ld0008,complete,learn,b\n' >"$T/log.csv"
expect 0 "record --file" -- "$L" record "$T/j.db" --file "$T/log.csv"
has out "ok batch 2: 2 event(s) recorded at 3..4" "a file is one batch"
expect 0 "a retried file is recorded once" -- "$L" record "$T/j.db" --file "$T/log.csv"
has out "ok: nothing new, 2 already recorded" "idempotency keys"
printf '{"time":"2005-01-15","who":"ld0007","step":"learn"}\n{"time":"2005-01-15","who":"nobody","step":"learn"}\n' |
  expect 2 "stdin stops at a bad batch" -- "$L" record "$T/j.db"
has out "ok batch 3: 1 event(s) recorded at 5..5" "stdin: one batch per line, acknowledged"
has err "unknown member 'nobody'" "stdin: the bad record is named"

expect 0 "status DB" -- "$L" status "$T/j.db" --at 2005-01-20 --format json --rules "$RULES" --org "$ROSTER"
grep -v '"source"' "$T/out" >"$T/db.json"
printf 'time,who,kind,step\n2005-01-11,ldj,complete,mobilize\n2005-01-12,ldj,complete,plan\n2005-01-13,ld0006,complete,learn\n2005-01-14,ld0008,complete,learn\n2005-01-15,ld0007,complete,learn\n' >"$T/all.csv"
expect 0 "status RULES" -- "$L" status "$RULES" --org "$ROSTER" --events "$T/all.csv" --at 2005-01-20 --start 2005-01-10 --format json
grep -v '"source"' "$T/out" >"$T/log.json"
cmp -s "$T/db.json" "$T/log.json" || { echo "FAIL: status DB differs from status on the same events"; diff "$T/db.json" "$T/log.json" | head; fail=1; }

# The whole sample log in an audit journal: the same report as status of the log, in JSON and in
# text, on a day when cells are finished (completion days) and at the end (the burn-down).
expect 0 "db init audit" -- "$L" db init "$T/audit.db" --rules "$RULES" --org "$ROSTER" --mode audit --start 2005-01-10
expect 0 "record the sample log" -- "$L" record "$T/audit.db" --file "$SRC/samples/events/bureau_001.csv"
for at in 2005-03-31 2005-09-30; do
  for format in json text; do
    "$L" status "$T/audit.db" --at $at --format $format >"$T/db.out" 2>&1
    "$L" status "$RULES" --org "$ROSTER" --events "$SRC/samples/events/bureau_001.csv" --start 2005-01-10 \
      --at $at --format $format >"$T/log.out" 2>&1
    grep -v 'source\|^as of' "$T/db.out" >"$T/db.cmp"
    grep -v 'source\|^as of' "$T/log.out" >"$T/log.cmp"
    cmp -s "$T/db.cmp" "$T/log.cmp" ||
      { echo "FAIL: status DB differs from status of the log at $at ($format)"; diff "$T/db.cmp" "$T/log.cmp" | head; fail=1; }
  done
done
"$L" status "$T/audit.db" --at 2005-09-30 --format json >"$T/db.out" 2>&1
grep -q '"completed": "2005-' "$T/db.out" ||
  { echo "FAIL: the audit journal's report dates no completed cell"; fail=1; }

expect 2 "other rules are refused" -- "$L" status "$T/j.db" --rules "$SRC/rules/baoxian_2005_township.lock" --org "$ROSTER"
has err "bound to other rules" "the binding error names the cause"
has err "lockstep db migrate" "the binding error says how to migrate"

expect 0 "verify clean" -- "$L" db verify "$T/j.db"
has out "clean: 5 event(s) in 3 batch(es)" "verify counts"
has out "every link of the hash chain matches" "verify checks the chain"
head=$(sed -n 's/^chain head: \([0-9a-f]\{64\}\)$/\1/p' "$T/out")
[ ${#head} = 64 ] || { echo "FAIL: verify prints no chain head"; cat "$T/out"; fail=1; }
expect 0 "verify --expect-head, the same head" -- "$L" db verify "$T/j.db" --expect-head "${head^^}"
has out "chain head: $head (as expected)" "the kept head matches"
other=$(printf '0%.0s' {1..64})
expect 1 "verify --expect-head, another head" -- "$L" db verify "$T/j.db" --expect-head "$other"
has out "not the one kept ($other)" "another head is a problem"
expect 2 "verify --expect-head, not a head" -- "$L" db verify "$T/j.db" --expect-head abc
has err "64 hex digits" "a malformed head is a usage error"

# Read-only storage: a read-only bind mount, in a mount namespace of its own (root only; chmod
# means nothing to root). status and verify read the journal as it is; record says so, exit 2.
if unshare -m --propagation private true 2>/dev/null; then
  mkdir -p "$T/rw" "$T/ro" && cp "$T/j.db" "$T/rw/j.db"
  sum=$(cksum <"$T/rw/j.db")
  "$L" status "$T/rw/j.db" >"$T/rw_status.out" 2>&1; echo $? >"$T/rw_status.rc"
  T=$T L=$L unshare -m --propagation private bash -c '
    mount --bind -o ro "$T/rw" "$T/ro" || exit 1
    "$L" status "$T/ro/j.db" >"$T/ro_status.out" 2>&1; echo $? >"$T/ro_status.rc"
    "$L" db verify "$T/ro/j.db" >"$T/ro_verify.out" 2>&1; echo $? >"$T/ro_verify.rc"
    "$L" record "$T/ro/j.db" 2005-01-16,ld0015,complete,learn >"$T/ro_record.out" 2>&1
    echo $? >"$T/ro_record.rc"' || { echo "FAIL: cannot mount read-only in a mount namespace"; fail=1; }
  [ "$(cat "$T/ro_status.rc")" = "$(cat "$T/rw_status.rc")" ] &&
    cmp -s <(sed "s|$T/ro/||" "$T/ro_status.out") <(sed "s|$T/rw/||" "$T/rw_status.out") ||
    { echo "FAIL: status on read-only storage differs"; cat "$T/ro_status.out"; fail=1; }
  [ "$(cat "$T/ro_verify.rc")" = 0 ] || { echo "FAIL: verify on read-only storage"; cat "$T/ro_verify.out"; fail=1; }
  has ro_verify.out "is read-only here: read as it is, nothing written" "verify says it read only"
  has ro_verify.out "chain head: $head" "the same head on read-only storage"
  [ "$(cat "$T/ro_record.rc")" = 2 ] || { echo "FAIL: record on read-only storage: exit $(cat "$T/ro_record.rc")"; fail=1; }
  has ro_record.out "the journal is on read-only storage (or its file or folder is not writable); nothing was recorded" "record says why"
  [ "$(cksum <"$T/rw/j.db")" = "$sum" ] && [ ! -e "$T/rw/j.db-wal" ] ||
    { echo "FAIL: the read-only journal changed"; fail=1; }
else
  echo "read-only storage not tested: no mount namespace here (needs root)"
fi
expect 0 "migrate to the same rules" -- "$L" db migrate "$T/j.db" --rules "$RULES" --dry-run
has out "dry run: nothing written" "a dry run says so"

head -c 3000 "$T/j.db" >"$T/cut.db"
expect 2 "a truncated journal" -- "$L" status "$T/cut.db"
expect 1 "verify a truncated journal" -- "$L" db verify "$T/cut.db"
head -c 5000 /dev/urandom >"$T/noise.db"
expect 2 "random bytes (not taken for a journal: status of a rules file)" -- "$L" status "$T/noise.db" --org x --events y --at 2005-01-01
expect 2 "record into random bytes" -- "$L" record "$T/noise.db" 2005-01-11,ldj,complete,mobilize
has err "not a SQLite database" "random bytes are named as such"
exit $fail
