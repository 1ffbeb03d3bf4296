#!/usr/bin/env bash
# Turbo must not report a stale pass: in a scratch copy of the repository, fill the cache with a
# passing `typecheck` of @kg4rec/metrics, break an export of @kg4rec/core that metrics imports,
# and check that the same command now runs again and fails (a cache hit would pass).
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1 NO_COLOR=1
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# The working tree without build outputs and caches; node_modules as links into the original.
tar -C "$root" --exclude=node_modules --exclude=.turbo --exclude=dist --exclude=runs --exclude=features \
  --exclude=.cache --exclude=.gpu-check -cf - . | tar -C "$scratch" -xf -
(cd "$root" && find . -name node_modules -prune -type d -not -path './node_modules/*' -path '*node_modules') |
  while read -r dir; do ln -s "$root/${dir#./}" "$scratch/${dir#./}"; done
cd "$scratch"
npx turbo run typecheck --filter @kg4rec/metrics > first.log 2>&1 || { cat first.log; echo "check-turbo-inputs: the clean typecheck failed"; exit 1; }
sed -i 's/export function createRegistry/export function createRegistryRenamed/' packages/core/src/registry.ts
grep -q createRegistryRenamed packages/core/src/registry.ts || { echo "check-turbo-inputs: could not rename createRegistry"; exit 1; }
if npx turbo run typecheck --filter @kg4rec/metrics > second.log 2>&1; then
  tail -20 second.log
  echo "check-turbo-inputs: FAILED: typecheck of @kg4rec/metrics passed after core's export was renamed (a stale cache hit)"
  exit 1
fi
grep -q "TS2305\|TS2724" second.log || { tail -20 second.log; echo "check-turbo-inputs: typecheck failed, but not on the renamed export"; exit 1; }
echo "check-turbo-inputs: a change to @kg4rec/core re-ran and failed the typecheck of @kg4rec/metrics, as it must"
