#!/usr/bin/env bash
# The GPU check, on a borrowed NVIDIA machine (no network; Node and the Vulkan loader perhaps
# absent), from what scripts/gpu-check-prepare.sh packed into .gpu-check/ here:
#
#   scripts/gpu-check-prepare.sh
#   device tool: run(command: 'bash scripts/gpu-check.sh', carry: ['.gpu-check'], timeout_s: 540)
#
# Runs the WebGPU parity suite on the GPU (every kernel; every model's losses, one Adam step and
# scores against cpu), then times one KGAT and one Multi-KG4Rec epoch on movielens-1m-kgat on
# webgpu and on wasm, and prints the tables (also to $OUT/gpu-check.log). Fails loudly (exit 2)
# if WebGPU lands on a software adapter instead of the GPU. Budget: under 8 minutes.
# A dry run here, on lavapipe: source .cache/lavapipe/env.sh, then KG4REC_GPU_CHECK_ALLOW_SOFTWARE=1
# (and KG4REC_GPU_CHECK_TIMING=0, KG4REC_GPU_CHECK_CARRIED_NODE=1 to use the packed Node).
set -euo pipefail
cd "$(dirname "$0")/.."
pack=$PWD/.gpu-check
work=${TMPDIR:-/tmp}/kg4rec-gpu-check
log=${OUT:-$work}/gpu-check.log

fail() {
  echo "gpu-check: $*" >&2
  exit 3
}

# Decompresses an .xz file to stdout, with xz or else Python's lzma.
unxz_to_stdout() {
  if command -v xz >/dev/null; then xz -dc "$1"; else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), sys.stdout.buffer)' "$1"; fi
}

[ -f "$pack/gpu-check.mjs" ] || fail "$pack is missing or incomplete: run scripts/gpu-check-prepare.sh here and carry .gpu-check"
rm -rf "$work"
mkdir -p "$work"

node=$(command -v node || true)
if [ -z "$node" ] || [ "${KG4REC_GPU_CHECK_CARRIED_NODE:-0}" = 1 ] || [ "$("$node" -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  unxz_to_stdout "$pack/node.xz" >"$work/node"
  chmod +x "$work/node"
  node=$work/node
fi

if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1 '; then
  dpkg -x "$pack"/libvulkan1_*.deb "$work/vulkan"
  export LD_LIBRARY_PATH="$work/vulkan/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ]; then
  for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
    if [ -f "$icd" ]; then
      export VK_DRIVER_FILES=$icd
      break
    fi
  done
fi

mkdir -p "$work/app"
cp -r "$pack/node_modules" "$pack/gpu-check.mjs" "$pack"/*.wasm "$work/app/"
cp -r "$pack/configs" "$work/configs"
unxz_to_stdout "$pack/dawn.node.xz" >"$work/app/node_modules/webgpu/dist/linux-x64/dawn.node"
unxz_to_stdout "$pack/data.tar.xz" | tar -C "$work" -x
export KG4REC_DATA=$work/data KG4REC_FEATURES=$work/features

{
  echo "gpu-check: $(date -u +%FT%TZ), node $("$node" --version), VK_DRIVER_FILES=${VK_DRIVER_FILES:-${VK_ICD_FILENAMES:-unset}}"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 || echo "(no nvidia-smi)"
} | tee "$log"
set +e
"$node" "$work/app/gpu-check.mjs" 2>&1 | grep --line-buffered -v '^Warning: max' | tee -a "$log"
status=${PIPESTATUS[0]}
exit "$status"
