#!/bin/sh
# admin-cli.sh — nursery-kiosk-admin end to end on temporary data
# directories: usage and exit codes, a roster import, a bad roster (exit 1,
# line numbers on stderr, nothing imported), cards, status, and the
# attendance export compared byte for byte.
set -eu

. "$(dirname "$0")/admin-lib.sh"

sql () {  # DATA_DIR SQL
  sqlite3 "$1/kiosk.db" "$2"
}

crlf () {  # turns LF into CRLF
  sed 's/$/\r/'
}

# Dates of birth relative to today, so the age rules (under 3 years 6
# months) hold whenever this runs; in the centre's time zone (the default,
# Asia/Shanghai), which is the tool's "today".
dob_toddler=$(TZ=Asia/Shanghai date -d '-14 months' +%F)
dob_senior=$(TZ=Asia/Shanghai date -d '-30 months' +%F)
dob_infant=$(TZ=Asia/Shanghai date -d '-8 months' +%F)
dob_too_old=$(TZ=Asia/Shanghai date -d '-4 years' +%F)
tomorrow=$(TZ=Asia/Shanghai date -d '+1 day' +%F)

# ---- usage ------------------------------------------------------------------

run 2
expect_in "$tmp/err" "import-roster"
run 2 frobnicate
expect_in "$tmp/err" "frobnicate"
run 0 --help
expect_in "$tmp/out" "export-attendance"
expect_in "$tmp/out" "report-lost"
run 0 import-roster --help
expect_in "$tmp/out" "guardian_card_uid"
expect_in "$tmp/out" "--data-dir"
run 0 --version
expect_in "$tmp/out" "nursery-kiosk-admin"
run 2 --data-dir "$tmp/none" status --bogus
run 2 --data-dir "$tmp/none" import-roster
run 1 --data-dir "$tmp/none" status
expect_in "$tmp/err" "$tmp/none/kiosk.db"
[ ! -e "$tmp/none" ] || fail "status made a data directory"
run 1 --data-dir "$tmp/none" import-roster "$tmp/missing.csv"

# ---- a good roster (byte order mark, CRLF, quotes, siblings, two guardians) --

data="$tmp/data"
{
  printf '\357\273\277'
  crlf <<EOF
child_id,child_name,date_of_birth,room,room_kind,child_card_uid,guardian_name,guardian_relation,guardian_phone,guardian_card_uid,can_pickup,allergies
C001,王小明,$dob_toddler,托小班,toddler,04A1B2C3,李娜,妈妈,138 0013 8000,04D5E6F7,yes,花生
C001,王小明,$dob_toddler,托小班,toddler,04A1B2C3,王建国,爸爸,13900139000,04d5e6f8,yes,花生
C002,王小红,$dob_senior,托大班,senior,04A1B2C4,李娜,妈妈,13800138000,04D5E6F7,yes,

C003,"Chen, Lily",$dob_infant,乳儿班,,04A1B2C5,Grace Chen,mother,(021) 5555-0101,,yes,"milk, egg"
C003,"Chen, Lily",$dob_infant,乳儿班,,,"Zhang ""Ayi""",nanny,021-5555-0199,,no,
EOF
} >"$tmp/roster.csv"

run 0 --data-dir "$data" import-roster --dry-run "$tmp/roster.csv"
expect_in "$tmp/out" "no problems"
[ ! -e "$data/kiosk.db" ] || fail "--dry-run made a database"

run 0 --data-dir "$data" import-roster "$tmp/roster.csv"
expect_in "$tmp/out" "Imported 3 children, 4 guardians, 5 cards, 3 rooms."
[ "$(sql "$data" 'SELECT count(*) FROM children')" = 3 ] || fail "children not imported"
[ "$(sql "$data" "SELECT count(*) FROM guardian_children gc JOIN guardians g ON g.id = gc.guardian_id WHERE g.phone = '13800138000'")" = 2 ] \
  || fail "siblings do not share their mother"
[ "$(sql "$data" "SELECT name FROM guardians WHERE phone = '02155550199'")" = 'Zhang "Ayi"' ] \
  || fail "doubled quotes not read"
[ "$(sql "$data" "SELECT can_pickup FROM guardian_children gc JOIN guardians g ON g.id = gc.guardian_id WHERE g.phone = '02155550199'")" = 0 ] \
  || fail "can_pickup=no not kept"

# The same file again changes nothing.
run 0 --data-dir "$data" import-roster "$tmp/roster.csv"
[ "$(sql "$data" 'SELECT count(*) FROM guardians')" = 4 ] || fail "re-import duplicated guardians"

# ---- a bad roster: every problem by line, nothing imported ------------------

bad="$tmp/bad"
cat >"$tmp/bad.csv" <<EOF
child_id,child_name,date_of_birth,room,child_card_uid,guardian_name,guardian_phone,guardian_card_uid
C101,好孩子,$dob_toddler,托小班,04000001,好妈妈,13800000001,
C102,坏日期,2023-02-30,托小班,04000002,妈妈二,13800000002,
C103,未来,$tomorrow,托小班,,妈妈三,13800000003,
C104,太大,$dob_too_old,托大班,,妈妈四,13800000004,
C105,坏卡,$dob_toddler,托小班,04XYZ,妈妈五,13800000005,
C106,重卡,$dob_toddler,托小班,04000001,妈妈六,13800000006,
C107,坏电话,$dob_toddler,托小班,,妈妈七,call me,
EOF
run 1 --data-dir "$bad" import-roster "$tmp/bad.csv"
for line in 3 4 5 6 7 8; do
  expect_in "$tmp/err" "bad.csv, line $line:"
done
expect_not_in "$tmp/err" "line 2:"
expect_in "$tmp/err" "6 problems in the roster file; nothing was imported."
[ ! -s "$tmp/out" ] || fail "a failed import printed on stdout"
[ "$(sql "$bad" 'SELECT count(*) FROM children') $(sql "$bad" 'SELECT count(*) FROM guardians') $(sql "$bad" 'SELECT count(*) FROM cards') $(sql "$bad" 'SELECT count(*) FROM rooms')" = "0 0 0 0" ] \
  || fail "a bad roster was partly imported"

# The same report in Chinese (a zh_CN message catalogue, C.UTF-8 locale).
if [ -n "${NK_LOCALEDIR:-}" ] && [ -f "$NK_LOCALEDIR/zh_CN/LC_MESSAGES/nursery-kiosk.mo" ]; then
  LANGUAGE=zh_CN LC_ALL=C.UTF-8 run 1 --data-dir "$bad" import-roster "$tmp/bad.csv"
  expect_in "$tmp/err" "bad.csv，第 3 行："
  expect_in "$tmp/err" "没有导入任何内容"
else
  echo "note: no zh_CN catalogue under NK_LOCALEDIR; Chinese output not checked" >&2
fi

# A quote that never closes.
printf 'child_id,child_name,date_of_birth,room,child_card_uid,guardian_name,guardian_phone,guardian_card_uid\nC1,"open,%s,R,,M,13800000001,\n' "$dob_toddler" >"$tmp/quote.csv"
run 1 --data-dir "$bad" import-roster "$tmp/quote.csv"
expect_in "$tmp/err" "quote.csv, line 2:"

# ---- cards ------------------------------------------------------------------

run 0 --data-dir "$data" add-card "04:11:22:33" --child C001
expect_in "$tmp/out" "04112233"
[ "$(sql "$data" "SELECT holder_kind || ':' || holder_id FROM cards WHERE uid = '04112233'")" = "child:C001" ] \
  || fail "add-card did not add"
run 1 --data-dir "$data" add-card 04112234 --staff NOBODY
run 2 --data-dir "$data" add-card 04112235
run 2 --data-dir "$data" add-card 04112235 --child C001 --staff S1
run 2 --data-dir "$data" add-card 04XYZ --child C001
run 0 --data-dir "$data" report-lost 04112233
[ "$(sql "$data" "SELECT status FROM cards WHERE uid = '04112233'")" = lost ] || fail "report-lost did not block"
run 1 --data-dir "$data" report-lost 04999999
expect_in "$tmp/err" "04999999"

# ---- staff PINs ---------------------------------------------------------------

sql "$data" "INSERT INTO staff (id, name, role) VALUES ('S1', '张老师', 'caregiver'), ('S2', '陈园长', 'director')"
pin () {  # EXPECTED_STATUS PIN ARGS…: the PIN on standard input (a pipe)
  want=$1 p=$2
  shift 2
  set +e
  printf '%s\n' "$p" | "$NK_ADMIN" "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  set -e
  [ "$got" -eq "$want" ] || { fail "set-pin $* exited $got, expected $want"; sed 's/^/  | /' "$tmp/err" >&2; }
}
pin 0 482913 --data-dir "$data" set-pin S1
expect_in "$tmp/out" "S1 can now open staff mode"
[ "$(sql "$data" "SELECT hash LIKE '\$argon2id\$%' AND instr (hash, '482913') = 0 FROM staff_pins WHERE staff_id = 'S1'")" = 1 ] \
  || fail "set-pin did not store an Argon2id hash"
[ "$(sql "$data" "SELECT count(*) FROM audit WHERE kind = 'staff-pin-set' AND detail = 'staff S1'")" = 1 ] \
  || fail "set-pin wrote no audit row"
pin 1 482913 --data-dir "$data" set-pin S2
expect_in "$tmp/err" "Another member of staff already has this PIN"
pin 1 123456 --data-dir "$data" set-pin S2
expect_in "$tmp/err" "too easy to guess"
pin 1 000000 --data-dir "$data" set-pin S2
expect_in "$tmp/err" "too easy to guess"
pin 1 12345 --data-dir "$data" set-pin S2
expect_in "$tmp/err" "exactly 6 digits"
pin 1 4829137 --data-dir "$data" set-pin S2
expect_in "$tmp/err" "exactly 6 digits"
pin 1 "" --data-dir "$data" set-pin S2
pin 1 730516 --data-dir "$data" set-pin NOBODY
expect_in "$tmp/err" "NOBODY"
run 2 --data-dir "$data" set-pin
run 2 --data-dir "$data" set-pin S1 S2
[ "$(sql "$data" "SELECT count(*) FROM staff_pins")" = 1 ] || fail "a refused PIN was stored"
run 0 --data-dir "$data" set-pin S1 --clear </dev/null
expect_in "$tmp/out" "The PIN of S1 is removed"
run 0 --data-dir "$data" set-pin S1 --clear </dev/null
expect_in "$tmp/out" "S1 had no PIN"
[ "$(sql "$data" "SELECT count(*) FROM staff_pins")" = 0 ] || fail "--clear left the PIN"
[ "$(sql "$data" "SELECT count(*) FROM audit WHERE kind = 'staff-pin-cleared'")" = 1 ] || fail "--clear wrote no audit row"
[ "$(sql "$data" "SELECT count(*) FROM outbox")" = 0 ] || fail "a PIN made an outbox row"
sql "$data" "DELETE FROM staff"

# ---- status, through a configuration file -------------------------------------

cat >"$tmp/kiosk.conf" <<EOF
[kiosk]
centre-name=阳光托育中心
data-dir=$data
EOF
run 0 --config "$tmp/kiosk.conf" status
expect_in "$tmp/out" "阳光托育中心"
expect_in "$tmp/out" "Children: 3"
expect_in "$tmp/out" "Cards: 5 active, 1 reported lost"
expect_in "$tmp/out" "Schema version:"
expect_in "$tmp/out" "$(sql "$data" "SELECT value FROM meta WHERE key = 'device_id'")"
# --data-dir wins over the configuration file.
run 1 --config "$tmp/kiosk.conf" --data-dir "$tmp/none" status
run 1 --config "$tmp/missing.conf" status

# ---- export ---------------------------------------------------------------------

# at_us for a local time in Asia/Shanghai (UTC+8, no daylight saving).
at () { echo $(( $(TZ=Asia/Shanghai date -d "$1" +%s) * 1000000 )); }
event () {  # CHILD KIND DATE TIME
  sql "$data" "INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, device_id, method)
               VALUES ('$1-$2-$3-$4', '$1', '$2', $(at "$3 $4"), '$3', 'child', 'test', 'card')"
}
event C001 in 2025-03-03 08:05
event C001 out 2025-03-03 17:45
event C002 in 2025-03-03 07:59
event C002 not_out 2025-03-03 23:59
event C003 in 2025-03-04 09:00
event C003 out 2025-03-04 16:10
event C001 in 2025-04-01 08:00

{
  printf '\357\273\277'
  crlf <<'EOF'
child_id,child_name,room,date,check_in,check_out,status
C002,王小红,托大班,2025-03-03,07:59,,not_checked_out
C001,王小明,托小班,2025-03-03,08:05,17:45,present
C003,"Chen, Lily",乳儿班,2025-03-04,09:00,16:10,present
EOF
} >"$tmp/expected.csv"

run 0 --data-dir "$data" export-attendance --from 2025-03-01 --to 2025-03-31 --output "$tmp/march.csv"
expect_in "$tmp/out" "3 rows"
cmp "$tmp/expected.csv" "$tmp/march.csv" || { fail "export differs"; od -c "$tmp/march.csv" | head -20 >&2; }
[ "$(stat -c %a "$tmp/march.csv")" = 600 ] || fail "the export is readable by others"

run 0 --data-dir "$data" export-attendance --from 2025-03-01 --to 2025-03-31
cmp "$tmp/expected.csv" "$tmp/out" || fail "export to standard output differs"

run 2 --data-dir "$data" export-attendance --from 2025-03-01
run 2 --data-dir "$data" export-attendance --from 2025-3-1 --to 2025-03-31
run 2 --data-dir "$data" export-attendance --from 2025-03-31 --to 2025-03-01
run 1 --data-dir "$data" export-attendance --from 2025-03-01 --to 2025-03-31 --output "$tmp/no/such/dir/x.csv"

# ---- checkups --due-by ---------------------------------------------------------
# Wang Xiaoming is 14 months old: his 12-month check-up (due two months ago)
# is overdue; nothing was recorded, so every row is due or overdue.
today=$(TZ=Asia/Shanghai date +%F)
due12=$(TZ=Asia/Shanghai date -d "$dob_toddler +12 months" +%F)
run 0 --data-dir "$data" checkups --due-by "$today"
[ "$(head -n 1 "$tmp/out")" = "child_id,child_name,date_of_birth,due_date,age_months,status" ] \
  || fail "checkups: not the CSV header"
expect_in "$tmp/out" "C001,王小明,$dob_toddler,$due12,12,overdue"
expect_in "$tmp/out" "C001,王小明,$dob_toddler,2025-03-03,0,overdue"
[ "$(tail -n +2 "$tmp/out" | grep -cv ',due$\|,overdue$')" = 0 ] || fail "checkups: a row neither due nor overdue"
run 2 --data-dir "$data" checkups --due-by 2026-02-30
expect_in "$tmp/err" "not a date"
run 2 --data-dir "$data" checkups --due-by tomorrow
expect_in "$tmp/err" "--due-by YYYY-MM-DD"
run 2 --data-dir "$data" checkups

# ---- check-config: the kiosk's reading of its file, no database ---------------
mkdir -p "$tmp/cc"
printf '[sync]\nplatform-url=https://platform.example.cn\n' > "$tmp/cc/kiosk.conf"
run 0 --config "$tmp/cc/kiosk.conf" --data-dir "$tmp/cc/data" check-config
expect_in "$tmp/out" "Platform: https://platform.example.cn"
expect_in "$tmp/out" "Data directory: $tmp/cc/data"
[ ! -e "$tmp/cc/data" ] || fail "check-config made a data directory"
printf '[sync]\nplatform-url=ftp://platform.example.cn/x\n' > "$tmp/cc/kiosk.conf"
run 1 --config "$tmp/cc/kiosk.conf" check-config
expect_in "$tmp/err" "sync.platform-url"
printf '[sync]\nplatform-url=https://platform.example.cn\nca-file=%s\n' "$tmp/cc/none.pem" > "$tmp/cc/kiosk.conf"
run 1 --config "$tmp/cc/kiosk.conf" check-config
expect_in "$tmp/err" "sync.ca-file"
echo "not a certificate" > "$tmp/cc/bad.pem"
printf '[sync]\nplatform-url=https://platform.example.cn\nca-file=%s\n' "$tmp/cc/bad.pem" > "$tmp/cc/kiosk.conf"
run 1 --config "$tmp/cc/kiosk.conf" check-config
expect_in "$tmp/err" "no PEM certificate"
run 2 --config "$tmp/cc/kiosk.conf" check-config extra

finish admin-cli
