#!/usr/bin/env bash
# Packs, here, everything scripts/gpu-check.sh needs on a borrowed GPU machine that has no network
# and perhaps no Node, into .gpu-check/ (git-ignored; the device tool carries it, 64 MiB at most):
#   gpu-check.mjs + node_modules/   the check (apps/experiments/scripts/gpu-check.ts) in one bundle,
#                                   tfjs-backend-wasm's .wasm files, Dawn (the `webgpu` package,
#                                   linux-x64 only; its dawn.node as dawn.node.xz) and a stub
#                                   for sharp (never called there); the trainer's configs/
#   node.xz                         this machine's Node binary
#   libvulkan1_*.deb                the Vulkan loader (from scripts/lavapipe.sh's download)
#   data.tar.xz                     movielens-1m-kgat, the movielens-1m text and metadata it reads,
#                                   and its stored hash features (encoded here first if missing)
# The data leave this machine only for the borrowed one and are never committed.
#
#   pnpm install && scripts/gpu-check-prepare.sh
#   then, with the device tool: run(command: 'bash scripts/gpu-check.sh', carry: ['.gpu-check'])
set -euo pipefail
cd "$(dirname "$0")/.."
out=.gpu-check
rm -rf "$out"
mkdir -p "$out/node_modules"

fail() {
  echo "gpu-check-prepare: $*" >&2
  exit 1
}

echo "gpu-check-prepare: bundling apps/experiments/scripts/gpu-check.ts"
banner="import { createRequire as kgRequire } from 'node:module'; import { dirname as kgDirname } from 'node:path';"
banner+=" import { fileURLToPath as kgPath } from 'node:url'; const require = kgRequire(import.meta.url);"
banner+=" const __filename = kgPath(import.meta.url); const __dirname = kgDirname(__filename);"
apps/experiments/node_modules/.bin/esbuild apps/experiments/scripts/gpu-check.ts --bundle --platform=node --format=esm \
  --target=node20 --conditions=@kg4rec/source --external:webgpu --external:sharp --external:onnxruntime-node \
  --banner:js="$banner" --log-level=warning --outfile="$out/gpu-check.mjs"

cp -r packages/trainer/configs "$out/configs" # found at ../configs from the bundle
wasm=$(dirname "$(node -p "require.resolve('@tensorflow/tfjs-backend-wasm', { paths: ['packages/core'] })")")
cp "$wasm"/*.wasm "$out/"
webgpu=$(dirname "$(node -p "require.resolve('webgpu/package.json', { paths: ['packages/core'] })")")
mkdir -p "$out/node_modules/webgpu/dist/linux-x64" "$out/node_modules/sharp"
cp "$webgpu/index.js" "$webgpu/package.json" "$out/node_modules/webgpu/"
xz -T0 -6 -c "$webgpu/dist/linux-x64/dawn.node" >"$out/dawn.node.xz"
cat >"$out/node_modules/sharp/package.json" <<'EOF'
{ "name": "sharp", "version": "0.0.0-gpu-check-stub", "main": "index.js" }
EOF
cat >"$out/node_modules/sharp/index.js" <<'EOF'
module.exports = () => {
  throw new Error('sharp is not carried to the GPU check: images are read from the stored features');
};
EOF

echo "gpu-check-prepare: compressing $(command -v node) ($(node --version))"
xz -T0 -6 -c "$(command -v node)" >"$out/node.xz"

bash scripts/lavapipe.sh >/dev/null
cp .cache/lavapipe/apt/debs/libvulkan1_*.deb "$out/"

data=${KG4REC_DATA:-$(cd .. && pwd)/shared/data}
features=${KG4REC_FEATURES:-$PWD/features}
[ -d "$data/movielens-1m-kgat" ] || fail "no $data/movielens-1m-kgat (set KG4REC_DATA)"
if [ ! -d "$features/movielens-1m-kgat/image" ] || [ ! -d "$features/movielens-1m-kgat/text" ]; then
  echo "gpu-check-prepare: encoding movielens-1m-kgat's features (hash) into $features"
  KG4REC_FEATURES=$features pnpm kg4rec encode --dataset movielens-1m-kgat --encoder hash
fi
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/data/movielens-1m" "$stage/features"
cp -r "$data/movielens-1m-kgat" "$stage/data/"
cp -r "$data/movielens-1m/text" "$data/movielens-1m/meta" "$data/movielens-1m/MANIFEST.md" "$stage/data/movielens-1m/"
cp -r "$features/movielens-1m-kgat" "$stage/features/"
tar -C "$stage" -cJf "$out/data.tar.xz" data features

size=$(du -sm "$out" | cut -f1)
[ "$size" -le 60 ] || fail "$out/ is ${size} MiB: over what the device tool carries (64 MiB with the working tree)"
echo "gpu-check-prepare: $out/ ready (${size} MiB)"
