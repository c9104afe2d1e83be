#!/usr/bin/env bash
# Regenerate the example brief in docs/ (Markdown, HTML and the SVG chart)
# from the synthetic check-ins of tests/brief_fixture, through the real binary.
# CI runs the same test without MOTIVE_UPDATE_DOCS and fails when an example
# is out of date.
#
# With a Chromium on the PATH (chromium, chromium-browser, google-chrome or
# chromium-headless-shell; or the one CHROMIUM names), it also prints the
# HTML brief to docs/brief-example.pdf, as a browser's Print to PDF would (a
# check by eye that the print stylesheet gives a clean page), and captures
# its top as docs/brief-example.png for the README. That step stays out of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
MOTIVE_UPDATE_DOCS=1 cargo test --quiet --test brief_example
browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
    for candidate in chromium chromium-browser google-chrome chromium-headless-shell; do
        if command -v "$candidate" >/dev/null; then
            browser=$candidate
            break
        fi
    done
fi
if [ -n "$browser" ]; then
    flags=(--headless --disable-gpu --hide-scrollbars)
    # Chromium will not run as root inside its sandbox (containers, CI).
    if [ "$(id -u)" = 0 ]; then
        flags+=(--no-sandbox)
    fi
    page="file://$PWD/docs/brief-example.html"
    "$browser" "${flags[@]}" --no-pdf-header-footer \
        --print-to-pdf="$PWD/docs/brief-example.pdf" "$page" 2>/dev/null
    "$browser" "${flags[@]}" --window-size=820,1100 \
        --screenshot="$PWD/docs/brief-example.png" "$page" 2>/dev/null
    echo "printed docs/brief-example.pdf and captured docs/brief-example.png with $browser"
else
    echo "no Chromium found (set CHROMIUM): the PDF and PNG are not remade" >&2
fi
git --no-pager diff --stat -- docs/
