#!/usr/bin/env bash
# The Review page's scheduler, from npm: ts-fsrs's browser build (UMD, which sets
# window.FSRS), minified by terser, both at the versions package-lock.json pins.
# Writes the minified file to $1 and the package's licence beside it. `make vendor`
# writes them into docs/assets/javascripts/vendor/, which is committed, so that
# building the site needs no Node; tests/test_vendor.py runs this again into a
# scratch folder and fails if the committed copy differs.
set -euo pipefail
out=$1
package=node_modules/ts-fsrs
version=$(node -p "require('./$package/package.json').version")
mkdir -p "$(dirname "$out")"
node_modules/.bin/terser "$package/dist/index.umd.js" --compress --mangle --comments false \
  --format "preamble='/*! ts-fsrs $version, MIT licence: see ts-fsrs.LICENSE.txt */'" -o "$out"
cp "$package/LICENSE" "$(dirname "$out")/ts-fsrs.LICENSE.txt"
