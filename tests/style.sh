#!/bin/sh
# style.sh — the house rules a quick look can check, over every C source,
# UI file and script: no tabs in C, no trailing white space, a final
# newline, lines ≤ 120 columns in C (but for long messages), G_LOG_DOMAIN before config.h in app/,
# no GTK in core/, no SQL in views/.
set -u
cd "$NK_SOURCE_ROOT" || exit 1
bad=0
say() { echo "style: $*"; bad=$((bad + 1)); }

files=$(git ls-files 'app/*.c' 'app/*.h' 'tests/*.c' 'tests/*.h' 'ui/*.ui' 'tests/*.sh' 2>/dev/null)
[ -n "$files" ] || files=$(find app tests ui -name '*.[ch]' -o -name '*.ui' -o -name '*.sh')

for f in $files; do
  [ -f "$f" ] || continue
  grep -n '[[:space:]]$' "$f" | head -n 3 | while IFS= read -r l; do echo "style: $f:${l%%:*}: trailing white space"; done
  grep -q '[[:space:]]$' "$f" && bad=$((bad + 1))
  [ -s "$f" ] && [ "$(tail -c 1 "$f" | od -An -c | tr -d ' ')" != '\n' ] && say "$f: no newline at the end"
  case "$f" in
    *.c|*.h)
      grep -n "$(printf '\t')" "$f" | head -n 1 | grep -q . && say "$f: tab characters (indent with spaces)"
      # a long message or test datum stays whole so it can be found with grep
      awk -v f="$f" '
        length($0) > 120 {
          s = $0; msg = 0
          while (match(s, /"([^"\\]|\\.)*"/)) { if (RLENGTH > 50) msg = 1; s = substr(s, RSTART + RLENGTH) }
          if (!msg) { printf "style: %s:%d: line longer than 120 columns\n", f, NR; n++ }
        }
        END { exit n > 0 }' "$f" || bad=$((bad + 1))
      ;;
  esac
  case "$f" in
    app/*.c|app/*.h|ui/*.ui)
      # U+2019 is a full-width glyph in Noto Sans CJK, the kiosk's font: "Today' s"
      grep -n "’" "$f" | head -n 1 | grep -q . && say "$f: a curly apostrophe (’): write ' (it renders full-width)"
      ;;
  esac
  case "$f" in
    app/*.c)
      first=$(grep -n -m 1 -E '^#(define G_LOG_DOMAIN|include)' "$f")
      case "$first" in
        *G_LOG_DOMAIN*) ;;
        *) say "$f: G_LOG_DOMAIN must be defined before the first #include" ;;
      esac
      ;;
  esac
  case "$f" in
    app/core/*) grep -qE '#include <(gtk|adwaita)' "$f" && say "$f: core/ must not include GTK" ;;
    app/views/*) grep -qE 'sqlite3_|nk-store-private\.h' "$f" && say "$f: views/ must not run SQL" ;;
  esac
done

if [ $bad -gt 0 ]; then
  echo "style: $bad problem(s)"
  exit 1
fi
echo "style: $(echo "$files" | wc -w) files checked"
