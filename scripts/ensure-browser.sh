#!/usr/bin/env bash
# Make sure Debian's Chromium is there for the browser test (tests/test_served_selftest.py).
#
# The test drives /usr/bin/chromium with Playwright; it never downloads a browser. As root (CI runs
# as root on a clean machine) a missing Chromium is installed with apt-get, and a CJK font with it so
# that screenshots show the Chinese text. Not root: a note, and the test skips (except in CI, where
# it fails). A failed install is reported and `make test` goes on; the test then says what is missing.
set -uo pipefail

CHROMIUM="${QQTEXT_CHROMIUM:-/usr/bin/chromium}"   # the test reads the same variable

apt_install() {
    # apt-get install, after an `apt-get update` if the first try fails (stale or empty package lists)
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
        || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
             && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
}

if [ -x "$CHROMIUM" ]; then
    echo "ensure-browser: $("$CHROMIUM" --version 2>/dev/null || echo chromium) at $CHROMIUM"
elif [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-browser: $CHROMIUM is missing; installing Debian's chromium with apt-get"
    if apt_install chromium && [ -x "$CHROMIUM" ]; then
        echo "ensure-browser: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
    else
        echo "ensure-browser: could not install chromium; the browser test will say so" >&2
    fi
else
    echo "ensure-browser: note: $CHROMIUM is missing and this is not root, so it is not installed;" \
         "the browser test is skipped (as root: apt-get install chromium)"
fi

has_cjk_font() {
    if command -v fc-list >/dev/null 2>&1; then
        [ -n "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]
    else
        ls /usr/share/fonts/*/*/*CJK* /usr/share/fonts/*/*/*wqy* >/dev/null 2>&1
    fi
}

# Chinese glyphs for the screenshots (the test reads the page's text, so it passes without them)
if [ -x "$CHROMIUM" ] && ! has_cjk_font; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "ensure-browser: no CJK font; installing fonts-noto-cjk"
        apt_install fonts-noto-cjk || echo "ensure-browser: could not install fonts-noto-cjk" >&2
    else
        echo "ensure-browser: note: no CJK font, screenshots will show boxes for Chinese text (fonts-noto-cjk)"
    fi
fi
exit 0
