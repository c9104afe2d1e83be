#!/usr/bin/env bash
# Regenerate the screen captures in README.md from the real binary, driven in
# a pseudo-terminal by tests/readme_captures.rs. CI runs the same test without
# MOTIVE_UPDATE_README and fails when a capture is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
MOTIVE_UPDATE_README=1 cargo test --quiet --test readme_captures
git --no-pager diff --stat -- README.md
