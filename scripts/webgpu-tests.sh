#!/usr/bin/env bash
# The WebGPU parity suites: kg4rec's WGSL kernels (core), one training step of every registered
# model (models) and `kg4rec train/evaluate/recommend/explain --backend webgpu` (cli), each
# against cpu, then `kg4rec backends --check`. A backend that cannot load fails the run
# (KG4REC_REQUIRE_WEBGPU=1) instead of skipping.
#
#   scripts/webgpu-tests.sh             # no GPU here: unpack lavapipe (scripts/lavapipe.sh) first
#   KG4REC_VULKAN=system scripts/webgpu-tests.sh   # use the machine's own Vulkan driver (a GPU)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${KG4REC_VULKAN:-lavapipe}" = lavapipe ]; then
  bash scripts/lavapipe.sh
  # shellcheck disable=SC1091
  source .cache/lavapipe/env.sh
fi
export KG4REC_REQUIRE_WEBGPU=1

pnpm --filter @kg4rec/core exec vitest run src/kernels/webgpu-parity.test.ts
pnpm --filter @kg4rec/models exec vitest run src/webgpu-parity.test.ts
pnpm --filter @kg4rec/cli exec vitest run src/webgpu-cli.test.ts
pnpm kg4rec backends --check
