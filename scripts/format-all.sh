#!/usr/bin/env bash
# Formats the whole tree with Prettier once, in its own commit, so that `pnpm format:check` (run by .ci/run)
# passes from then on. Meant to be run ONCE, on main, after the branches of issue #15 are merged: formatting
# earlier would have made every branch conflict. The commit is added to .git-blame-ignore-revs so that
# `git blame` (with blame.ignoreRevsFile set, as GitHub does by default) skips it.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! git diff --quiet || ! git diff --cached --quiet; then
  echo "Commit or stash your changes first: this script commits the formatting on its own." >&2
  exit 1
fi

# Twice: Prettier 3 settles some member chains only on its second pass.
pnpm format >/dev/null
pnpm format >/dev/null
pnpm format:check
pnpm typecheck
pnpm lint

echo "Lines still over 160 characters outside generated code (strings and comments Prettier cannot wrap):"
# shellcheck disable=SC2046 # the folders that exist, word-split on purpose
grep -rn '.\{161,\}' --include='*.ts' --include='*.tsx' $(ls -d server/src admin/src portal/src packages 2>/dev/null) |
  grep -v -e '/gql/' -e '/node_modules/' || echo "  none"

if git diff --quiet; then
  echo "Already formatted: nothing to commit."
  exit 0
fi
git commit -q -am 'Format the whole tree with Prettier (pnpm format), once, after issue #15: layout only, no code change'
git rev-parse HEAD >> .git-blame-ignore-revs
git add .git-blame-ignore-revs
git commit -q -m 'git blame skips the one-time Prettier commit (.git-blame-ignore-revs)'
git log --oneline -2
