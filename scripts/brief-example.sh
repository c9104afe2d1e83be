#!/usr/bin/env bash
# Regenerate the example brief in docs/ (Markdown, HTML and the SVG chart)
# from the synthetic check-ins of tests/brief_fixture, through the real binary.
# CI runs the same test without MOTIVE_UPDATE_DOCS and fails when an example
# is out of date.
#
# With a Chromium on the PATH (chromium, chromium-browser or google-chrome),
# it also prints the HTML brief to docs/brief-example.pdf, as a browser's
# Print to PDF would: a check by eye that the print stylesheet gives a
# clean page. That step stays out of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
MOTIVE_UPDATE_DOCS=1 cargo test --quiet --test brief_example
for browser in chromium chromium-browser google-chrome; do
    if command -v "$browser" >/dev/null; then
        "$browser" --headless --disable-gpu --no-pdf-header-footer \
            --print-to-pdf="$PWD/docs/brief-example.pdf" \
            "file://$PWD/docs/brief-example.html"
        echo "printed docs/brief-example.pdf with $browser"
        break
    fi
done
git --no-pager diff --stat -- docs/
