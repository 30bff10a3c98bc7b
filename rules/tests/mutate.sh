#!/usr/bin/env bash
# Mutation check of the seed campaigns' tests: each mutation below changes one line of a rules
# file so that it breaks a fact of rules/FACTS.md that a test pins (drops an `after`, moves a
# `due`, drops an `only` or an `except`, raises a `require`, swaps a step's performer, shortens a
# window). Each is applied to a copy of rules/ in a temporary directory, never to the tree, and
# `lockstep test` runs the copied tests: the mutation is caught when the run fails (exit 1) and
# names the fact's test (by its title) as failing. Exit 0 when every mutation is caught, 1 when
# one is not (or no longer applies to its file), 2 on a usage error.
#
#   rules/tests/mutate.sh LOCKSTEP [RULES_DIR]
#
# LOCKSTEP is the built `lockstep` program; RULES_DIR defaults to the rules/ this script is in.
# Needs bash and coreutils only.
set -uo pipefail

if (($# < 1 || $# > 2)); then
  echo "usage: $0 LOCKSTEP [RULES_DIR]" >&2
  exit 2
fi
lockstep=$1
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rules_dir=$(cd "${2:-$script_dir/..}" && pwd)
if [[ ! -x $lockstep ]]; then
  echo "$0: $lockstep is not an executable" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/lockstep-mutate.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The tests name the rules as ../X.lock and the sample rosters as ../../samples/rosters/X: keep
# that layout in the copy.
mkdir -p "$work/samples"
cp -R "$rules_dir" "$work/rules"
cp -R "$rules_dir/../samples/rosters" "$work/samples/rosters"

# The copy must pass before any mutation, or a failure would say nothing.
if ! "$lockstep" test "$work/rules/tests" --coverage none >"$work/baseline.out" 2>&1; then
  echo "the unmutated copy of the tests does not pass:" >&2
  cat "$work/baseline.out" >&2
  exit 1
fi

total=0
missed=0

# mutate ID FILE OLD NEW TITLE: in FILE (relative to rules/), replace OLD by NEW on the one line
# that contains OLD, run the tests, and expect the test named TITLE to fail.
mutate() {
  local id=$1 file=$2 old=$3 new=$4 title=$5
  local path="$work/rules/$file"
  total=$((total + 1))
  cp "$path" "$work/original"

  local -a lines
  mapfile -t lines <"$path"
  local i hits=0 at=-1
  for i in "${!lines[@]}"; do
    if [[ ${lines[$i]} == *"$old"* ]]; then
      hits=$((hits + 1))
      at=$i
    fi
  done
  if ((hits != 1)); then
    echo "NOT APPLIED  $id: '$old' is on $hits lines of $file, not 1"
    missed=$((missed + 1))
    return
  fi
  lines[$at]=${lines[$at]/"$old"/"$new"}
  printf '%s\n' "${lines[@]}" >"$path"

  local out rc
  out=$("$lockstep" test "$work/rules/tests" --coverage none 2>&1)
  rc=$?
  cp "$work/original" "$path"

  local where="$file:$((at + 1))"
  if ((rc == 1)) && grep -q -F -e "  $title" <<<"$(grep '^FAIL ' <<<"$out")"; then
    echo "caught       $id ($where: $old -> $new) by \"$title\""
  else
    echo "NOT CAUGHT   $id ($where: $old -> $new): exit $rc; \"$title\" did not fail"
    grep -E '^(FAIL|ERROR)' <<<"$out" | sed 's/^/             /'
    missed=$((missed + 1))
  fi
}

# Seed 000: a deadline moved (双找, 000-48).
mutate "000-48 due" baoxian_2005_township.lock \
  'due phase.start + 14d' 'due phase.start + 21d' \
  '双找 after the first two weeks is missed, then late'
# Seed 000: the mobilization's first week (000-14).
mutate "000-14 due" baoxian_base.lock \
  'by organization due phase.start + 7d' 'by organization due phase.start + 8d' \
  '000-01 000-09 000-14 动员大会 by each organization in the first week from 1 July'
# Seed 000: the study plan no longer after the mobilization (000-15).
mutate "000-15 after" baoxian_base.lock \
  'step plan "学习计划" by branch after mobilize of parent' 'step plan "学习计划" by branch' \
  "000-15 学习计划 before the organization's 动员大会 is out of order"
# Seed 000: the 专题组织生活会 no longer waits for every member's analysis (000-30).
mutate "000-30 after" baoxian_base.lock \
  'after solicit, analysis of all members' 'after solicit' \
  "000-30 专题组织生活会 waits for every member's 党性分析材料"
# Seed 000: the 专题民主生活会 owed by every team, the township's clinic's too (000-31).
mutate "000-31 only" baoxian_2005_township.lock \
  'only township_organ, district_hospital, district_school, finance' '' \
  "000-31 专题民主生活会 of the 镇领导班子 and the 区直属 units' teams, not the township clinic's"
# Seed 000: 干部群众评班子 by the organizations instead of the township's team (000-23).
mutate "000-23 performer" baoxian_2005_township.lock \
  'step review_team "干部群众评班子" by leadership' 'step review_team "干部群众评班子" by organization' \
  '000-23 干部群众评班子 of the 镇领导班子 only'
# Seed 000: the in-service members' 1500 characters lowered (000-29).
mutate "000-29 require" baoxian_2005_township.lock \
  'in_service: chars >= 1500 advisory' 'in_service: chars >= 1000 advisory' \
  '000-29 党性分析材料 of an in-service member about 1500 characters'
# Seed 000: the revision's week after the meeting lengthened (000-32).
mutate "000-32 within" baoxian_2005_township.lock \
  'within 7d after meeting of parent' 'within 10d after meeting of parent' \
  '000-32 修改党性分析材料 within a week of the 专题组织生活会'
# Seed 000: 便民为民服务 owed by every organization (000-45).
mutate "000-45 only" baoxian_2005_township.lock \
  'only hospital, school, district_hospital, district_school' '' \
  "000-45 便民为民服务 by the clinics' and schools' organizations"
# Seed 000: two months of consolidation instead of three (000-12).
mutate "000-12 window" baoxian_2005_township.lock \
  'phase consolidate after rectify, 3m {}' 'phase consolidate after rectify, 2m {}' \
  '000-12 000-47 three months of consolidation, to 13 January 2006'
# Seed 001: the retired and away members owe the concentrated study (001-30).
mutate "001-30 except" baoxian_2005_bureau.lock \
  'step learn "集中学习" by member after plan of parent except retired, away, early_leave' \
  'step learn "集中学习" by member after plan of parent' \
  '001-30 001-29 集中学习 of the members at work; the retired and away members'"'"' study is advisory'
# Seed 001: the attendance register's count made a minimum above the seed's 392 (001-06).
mutate "001-06 require" baoxian_2005_bureau.lock \
  'after study_inspection require count >= 1' 'after study_inspection require count >= 393' \
  '001-24 学习督查小组 after the plan, 考勤登记 after the group, with the attendances counted'
# Seed 001: the 征求意见座谈会 no longer after the letters (001-40).
mutate "001-40 after" baoxian_2005_bureau.lock \
  'by organization after letters only organ' 'by organization only organ' \
  '001-40 征求意见座谈会 after the letters'
# Seed 002: training after the survey instead of the scheme (002-13).
mutate "002-13 after" baoxian_2005_district.lock \
  'step train "培训支部书记和工作骨干" by organization after scheme' \
  'step train "培训支部书记和工作骨干" by organization after survey' \
  '002-13 培训支部书记和工作骨干 after the 实施方案'
# Seed 002: the retired and infirm members owe the concentrated study (002-27).
mutate "002-27 except" baoxian_2005_district.lock \
  'except retired, infirm, two_new, unemployed, mobile, away' 'except two_new, unemployed, mobile, away' \
  '002-27 集中学习 not required of the retired and infirm: their study is advisory'
# Seed 002: the public supervision by every organization instead of the committees (002-35).
mutate "002-35 performer" baoxian_2005_district.lock \
  'step public_supervision "落实群众监督评价制度" by committee' \
  'step public_supervision "落实群众监督评价制度" by organization' \
  '002-35 群众监督评价制度 of every committee, through the whole activity'
# Seed 004: 五争一树 no longer after 党徽闪耀 (004-15).
mutate "004-15 after" xuexi_2008_batch3_village.lock \
  'by organization after 党徽闪耀 only enterprise' 'by organization only enterprise' \
  '004-15 五争一树 in enterprises, 讲奉献、比贡献、促和谐 in social organizations, after 党徽闪耀'
# Seed 004: the first reference phase's window binds instead of advising (004-23).
mutate "004-23 advisory window" xuexi_2008_batch3.lock \
  'phase 学习调研 "学习调研" from start, 2m advisory {' 'phase 学习调研 "学习调研" from start, 2m {' \
  "004-23 004-24 004-26 behind the city's reference dates but inside the six months: advised, not in breach"

echo "$((total - missed)) of $total mutations caught"
((missed == 0))
