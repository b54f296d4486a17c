#!/usr/bin/env bash
# Screenshots of the rep's email, the batch page and the scorecard at 1280 and 390 px, from the same
# leads, for two commits: artifacts/screenshots/before-after/{before,after}/ (generated, not kept in git).
#
#   scripts/before-after-screenshots.sh <before-commit> [<after-commit>]
#
# The after side defaults to the working tree. Needs what the browser tests need (Chromium, Node's
# Azurite in node_modules); .NET builds each commit in a temporary worktree.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
before="${1:?usage: $0 <before-commit> [<after-commit>]}"
after="${2:-}"
out="$root/artifacts/screenshots/before-after"
shots="$root/scripts/screenshots/BeforeAfterShots.cs.txt"

take() { # <checkout> <side>
  local checkout="$1" side="$2" status=0
  local file="$checkout/tests/LeadHandoff.BrowserTests/BeforeAfterShots.cs"
  cp "$shots" "$file"
  [ -e "$checkout/node_modules" ] || ln -s "$root/node_modules" "$checkout/node_modules"
  SHOTS_DIR="$out/$side" dotnet test "$checkout/tests/LeadHandoff.BrowserTests" --filter "FullyQualifiedName~BeforeAfterShots" || status=$?
  rm -f "$file"
  return "$status"
}

worktree() { # <commit> -> path
  local path
  path="$(mktemp -d)"
  git -C "$root" worktree add -q --detach "$path" "$1"
  echo "$path"
}

cleanup=()
trap 'for w in "${cleanup[@]}"; do git -C "$root" worktree remove --force "$w"; done' EXIT

rm -rf "$out"
b="$(worktree "$before")"; cleanup+=("$b")
take "$b" before
if [ -n "$after" ]; then
  a="$(worktree "$after")"; cleanup+=("$a")
  take "$a" after
else
  take "$root" after
fi
echo "before-after-screenshots: $out"
