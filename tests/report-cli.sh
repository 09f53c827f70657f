#!/bin/sh
# report-cli.sh — nursery-kiosk-admin report end to end: usage errors
# (exit 2 and what to write), the monthly attendance CSV with English and
# Chinese headers (byte order mark, CRLF), the other reports, and the PDF
# read back with pdftotext: the children's names in Chinese, the centre's
# name, the month and the page number on every page, the fonts embedded.
set -eu

. "$(dirname "$0")/admin-lib.sh"

# The last month and the next, in the centre's time zone (the tool's).
this=$(TZ=Asia/Shanghai date +%Y-%m)
month=$(TZ=Asia/Shanghai date -d "$this-15 -1 month" +%Y-%m)
next=$(TZ=Asia/Shanghai date -d "$this-15 +1 month" +%Y-%m)
dob=$(TZ=Asia/Shanghai date -d '-30 months' +%F)

# ---- a centre: 70 children in four rooms, five days each last month -------

data="$tmp/data"
conf="$tmp/kiosk.conf"
printf '[kiosk]\ncentre-name=阳光托育中心\n' >"$conf"
{
  printf '\357\273\277child_id,child_name,date_of_birth,room,room_kind,room_places,child_card_uid,'
  printf 'guardian_name,guardian_relation,guardian_phone,guardian_card_uid,can_pickup,allergies\r\n'
  n=0
  for surname in 王 李 张 刘 陈 杨 赵 黄 周 吴; do
    for given in 子涵 欣怡 梓萱 宇轩 浩然 一诺 思远; do
      n=$((n + 1))
      room=$(( (n - 1) / 20 + 1 ))
      printf 'C%03d,%s%s,%s,托大班%d班,senior,20,04%06X,家长%d,妈妈,1380000%04d,,yes,\r\n' \
        "$n" "$surname" "$given" "$dob" "$room" "$n" "$n" "$n"
    done
  done
} >"$tmp/roster.csv"
run 0 --data-dir "$data" import-roster "$tmp/roster.csv"

# In at 08:00, out at 17:00 (UTC+8) on the 2nd to the 6th.
sqlite3 "$data/kiosk.db" "
  WITH RECURSIVE d(n) AS (SELECT 2 UNION ALL SELECT n + 1 FROM d WHERE n < 6)
  INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, device_id, method, room_id)
  SELECT c.id || '-' || d.n || '-' || k.kind, c.id, k.kind,
         (CAST (strftime ('%s', printf ('$month-%02d', d.n)) AS INTEGER) + k.h * 3600) * 1000000,
         printf ('$month-%02d', d.n), 'child', 'test', 'card', c.room_id
    FROM children c CROSS JOIN d CROSS JOIN (SELECT 'in' AS kind, 0 AS h UNION ALL SELECT 'out', 9) k"

# ---- usage: exit 2 and what to write -----------------------------------------

run 2 --data-dir "$data" report attendance
expect_in "$tmp/err" "--month"
run 2 --data-dir "$data" report attendance --month 2026-13
expect_in "$tmp/err" "YYYY-MM"
run 2 --data-dir "$data" report attendance --month "$month-01"
expect_in "$tmp/err" "YYYY-MM"
run 2 --data-dir "$data" report attendance --month "$next"
expect_in "$tmp/err" "$next"
run 2 --data-dir "$data" report attendence --month "$month"
expect_in "$tmp/err" "utilisation"
run 2 --data-dir "$data" report attendance --month "$month" --format xls
expect_in "$tmp/err" "--format pdf"
run 2 --data-dir "$data" report --month "$month"
run 2 --data-dir "$data" report attendance staff --month "$month"
run 0 report --help
expect_in "$tmp/out" "--month"

# ---- the attendance CSV ---------------------------------------------------------

run 0 --data-dir "$data" --config "$conf" report attendance --month "$month"
cp "$tmp/out" "$tmp/en.csv"
head -c 3 "$tmp/en.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "the CSV has no byte order mark"
expect_in "$tmp/en.csv" "$(printf 'Child ID,Name,Room,Days present,Hours in care,Stays not measured\r')"
expect_in "$tmp/en.csv" "$(printf 'C001,王子涵,托大班1班,5,45.0,0\r')"
expect_in "$tmp/en.csv" "$(printf 'Centre total,80,70,350,3150.0,0\r')"
if grep -q "$(printf '[^\r]$')" "$tmp/en.csv"; then fail "a line of the CSV does not end in CRLF"; fi
# the same to a file, readable by its owner only
run 0 --data-dir "$data" --config "$conf" report attendance --month "$month" --output "$tmp/out.csv"
cmp -s "$tmp/en.csv" "$tmp/out.csv" || fail "--output wrote another CSV than standard output"
[ "$(stat -c %a "$tmp/out.csv")" = 600 ] || fail "the CSV is readable by others"
expect_in "$tmp/out" "out.csv"

# Chinese under a Chinese locale
if locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$'; then zh="LC_ALL=zh_CN.UTF-8"; else zh="LANGUAGE=zh_CN LC_ALL=C.UTF-8"; fi
if [ -n "${NK_LOCALEDIR:-}" ] && [ -f "$NK_LOCALEDIR/zh_CN/LC_MESSAGES/nursery-kiosk.mo" ]; then
  env $zh "$NK_ADMIN" --data-dir "$data" report attendance --month "$month" >"$tmp/zh.csv" \
    || fail "the report in Chinese failed"
  expect_in "$tmp/zh.csv" "$(printf '幼儿编号,姓名,班级,出勤天数,在园小时,未计时次数\r')"
  expect_in "$tmp/zh.csv" "$(printf '全园合计,80,70,350,3150.0,0\r')"
  set +e
  env $zh "$NK_ADMIN" --data-dir "$data" report attendance --month "$next" >/dev/null 2>"$tmp/zh.err"
  status=$?
  set -e
  [ "$status" -eq 2 ] || fail "a month to come in Chinese exited $status"
  expect_in "$tmp/zh.err" "还没有到"
else
  echo "note: no zh_CN catalogue under NK_LOCALEDIR; Chinese headers not checked" >&2
fi

# The spreadsheet readers: LibreOffice when it is there (WPS and Excel read
# the same byte order mark and CRLF).
if command -v soffice >/dev/null 2>&1; then
  (cd "$tmp" && soffice --headless --convert-to xlsx en.csv >/dev/null 2>&1) || fail "soffice cannot read the CSV"
  [ -s "$tmp/en.xlsx" ] || fail "soffice made no xlsx"
else
  echo "note: no LibreOffice (soffice); the CSV was not opened in a spreadsheet" >&2
fi
# Python's csv module in Excel's dialect, as a spreadsheet splits it: the
# byte order mark taken off, a header and 70 children of six cells, an
# empty line, the rooms' header, four rooms and the total.
python3 - "$tmp/en.csv" <<'PY' || fail "the CSV does not read as Excel's dialect"
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f, dialect="excel"))
assert rows[0] == ["Child ID", "Name", "Room", "Days present", "Hours in care", "Stays not measured"], rows[0]
assert all(len(r) == 6 for r in rows[1:71]), "a child's row is not six cells"
assert rows[71] == [], rows[71]
assert rows[72][0] == "Room" and len(rows) == 78 and rows[77][0] == "Centre total", rows[72:]
PY

# ---- the other reports ------------------------------------------------------------

run 0 --data-dir "$data" report utilisation --month "$month"
expect_in "$tmp/out" "$(printf '%s-02,托大班1班,20,20,100.0\r' "$month")"
expect_in "$tmp/out" "$(printf '托大班4班,20,5,10.0,50.0\r')"
run 0 --data-dir "$data" report staff --month "$month"
expect_in "$tmp/out" "$(printf 'Caregivers,Certified,Certificate share (%%),Target (%%),Meets the target\r')"
expect_in "$tmp/out" "$(printf '0,0,,90,no\r')"
# an illness absence of C001 on the 9th, recorded by staff
sqlite3 "$data/kiosk.db" "
  INSERT INTO absences (id, at_us, local_date, device_id, by_kind, child_id, room_id, absent_date, reason,
                        fever, cough, diarrhoea, vomiting, rash, hfmd, other)
  SELECT 'a1', 0, '$month-09', 'test', 'staff', id, room_id, '$month-09', 'illness', 1, 0, 0, 0, 0, 0, 0
    FROM children WHERE id = 'C001'"
run 0 --data-dir "$data" report health --month "$month"
expect_in "$tmp/out" "Children on the roster,Up to date,Coverage (%)"
expect_in "$tmp/out" "$(printf 'Child ID,Name,Room,Away from,Until,Days this month,Symptoms\r')"
expect_in "$tmp/out" "C001,王子涵,托大班1班,$month-09,$month-09,"
expect_in "$tmp/out" "Scope,Room,Symptom,Children counted,From,To,Acknowledged"

# ---- the attendance PDF -------------------------------------------------------------

if ! command -v pdftotext >/dev/null 2>&1; then
  fail "pdftotext is missing (Debian package poppler-utils, in the Makefile's PACKAGES)"
else
  pdf="$tmp/attendance.pdf"
  env $zh "$NK_ADMIN" --data-dir "$data" --config "$conf" report attendance --month "$month" --format pdf \
    --output "$pdf" >"$tmp/out" 2>"$tmp/err" || fail "the PDF was not written: $(cat "$tmp/err")"
  [ "$(stat -c %a "$pdf")" = 600 ] || fail "the PDF is readable by others"
  head -c 5 "$pdf" | grep -q '%PDF-' || fail "not a PDF"
  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  pdfinfo "$pdf" | grep -q 'A4' || fail "the PDF is not A4"
  [ "${pages:-0}" -ge 2 ] || fail "70 children and the room totals should take two pages, not ${pages:-0}"
  label=$(echo "$month" | sed 's/-/年/; s/$/月/')
  i=1
  while [ "$i" -le "${pages:-0}" ]; do
    pdftotext -f "$i" -l "$i" -layout "$pdf" "$tmp/page.txt"
    expect_in "$tmp/page.txt" "阳光托育中心"
    expect_in "$tmp/page.txt" "月度考勤"
    expect_in "$tmp/page.txt" "$label"
    expect_in "$tmp/page.txt" "第 $i 页，共 $pages 页"
    expect_in "$tmp/page.txt" "幼儿编号"      # the header, repeated on every page
    i=$((i + 1))
  done
  pdftotext "$pdf" "$tmp/all.txt"
  expect_in "$tmp/all.txt" "王子涵"
  expect_in "$tmp/all.txt" "吴思远"
  expect_in "$tmp/all.txt" "全园合计"
  pdffonts "$pdf" | grep -q 'NotoSansCJK.* yes *yes' || fail "the Chinese font is not embedded: $(pdffonts "$pdf")"
fi

finish report-cli
