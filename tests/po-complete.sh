#!/bin/sh
# po-complete.sh — every file with user-visible strings is in
# po/POTFILES.in, and po/zh_CN.po translates every string they hold.
set -u
cd "$NK_SOURCE_ROOT" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0

for f in $(grep -lE '(^|[^A-Za-z_])N?_\("' app/*.c app/*/*.c) $(grep -l 'translatable="yes"' ui/*.ui); do
  grep -qx "$f" po/POTFILES.in || { echo "po: $f has strings but is not in po/POTFILES.in"; bad=1; }
done

xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --directory="$NK_SOURCE_ROOT" --files-from=po/POTFILES.in -o "$tmp/nk.pot" || exit 1
msgmerge --quiet --no-fuzzy-matching -o "$tmp/zh_CN.po" po/zh_CN.po "$tmp/nk.pot" || exit 1
msgfmt --check -o /dev/null "$tmp/zh_CN.po" || exit 1
missing=$(msgattrib --untranslated --no-obsolete "$tmp/zh_CN.po" | grep -c '^msgid' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/zh_CN.po" | grep -c '^msgid' || true)
# msgattrib prints the header entry too when anything is listed
[ "$missing" -gt 1 ] && { echo "po: zh_CN.po lacks $((missing - 1)) translation(s):"; msgattrib --untranslated --no-obsolete --no-wrap "$tmp/zh_CN.po" | grep '^msgid "' | tail -n +2 | head -20; bad=1; }
[ "$fuzzy" -gt 1 ] && { echo "po: zh_CN.po has $((fuzzy - 1)) fuzzy translation(s)"; bad=1; }
[ $bad -eq 0 ] && echo "po: zh_CN.po complete ($(msgfmt --statistics -o /dev/null "$tmp/zh_CN.po" 2>&1))"
exit $bad
