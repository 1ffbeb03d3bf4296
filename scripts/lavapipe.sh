#!/usr/bin/env bash
# Unpacks Mesa >= 25 lavapipe (a software Vulkan driver) into a private folder, without changing
# the system's apt sources or installing anything, so that Dawn (the `webgpu` package) finds an
# adapter on a machine with no GPU. Debian 12's own lavapipe (Mesa 22) is rejected by Dawn; the
# bookworm-backports build is not.
#
#   scripts/lavapipe.sh [folder]        # default: .cache/lavapipe in the repository
#   source <folder>/env.sh              # sets LD_LIBRARY_PATH and VK_ICD_FILENAMES
#
# Uses the Debian mirror already configured on the machine (falls back to deb.debian.org).
# Idempotent: a folder that already holds a working driver is reused. Exits non-zero, saying why,
# when the driver cannot be fetched or a library it needs is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:-$root/.cache/lavapipe}
mkdir -p "$target"
target=$(cd "$target" && pwd)
libdir=$target/usr/lib/x86_64-linux-gnu
icd=$target/usr/share/vulkan/icd.d/lvp_icd.json
packages=(
  mesa-vulkan-drivers/bookworm-backports
  libdrm2/bookworm-backports
  libdrm-amdgpu1/bookworm-backports
  libdrm-common/bookworm-backports
  libvulkan1
)

fail() {
  echo "lavapipe: $*" >&2
  exit 1
}

mirror() {
  local uri
  uri=$(grep -hoE '^(URIs:|deb) +[^ ]*debian/?( |$)' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
    grep -v security | head -n 1 | awk '{print $2}' || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

download() {
  command -v apt-get >/dev/null || fail "apt-get not found: this script needs Debian 12 (bookworm) or a derivative"
  local apt=$target/apt url keyring
  url=$(mirror)
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs"
  {
    echo "deb [signed-by=$keyring] $url bookworm main"
    echo "deb [signed-by=$keyring] $url bookworm-backports main"
  } >"$apt/sources.list"
  local options=(
    -o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o Debug::NoLocking=1 -q
  )
  echo "lavapipe: fetching Mesa's Vulkan driver from $url bookworm-backports into $target"
  apt-get "${options[@]}" update >"$apt/update.log" 2>&1 || fail "apt-get update failed (see $apt/update.log)"
  (cd "$apt/debs" && apt-get "${options[@]}" download "${packages[@]}" >"$apt/download.log" 2>&1) ||
    fail "apt-get download ${packages[*]} failed (see $apt/download.log)"
  local deb
  for deb in "$apt/debs"/*.deb; do dpkg -x "$deb" "$target"; done
}

check() {
  [ -f "$icd" ] || return 1
  local missing
  missing=$(LD_LIBRARY_PATH=$libdir ldd "$libdir/libvulkan_lvp.so" | grep 'not found' || true)
  [ -z "$missing" ] || fail "libvulkan_lvp.so needs libraries this machine lacks: $missing"
}

check || download
check || fail "no lavapipe ICD at $icd after unpacking"
cat >"$target/env.sh" <<EOF
export LD_LIBRARY_PATH="$libdir\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
export VK_ICD_FILENAMES="$icd"
EOF
echo "lavapipe: ready ($(basename "$(ls "$target"/apt/debs/mesa-vulkan-drivers_*.deb 2>/dev/null || echo mesa)")); source $target/env.sh"
