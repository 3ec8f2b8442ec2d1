#!/usr/bin/env bash
# Installs the PyTorch CPU baseline of `pnpm bench:train` (Debian): python3-torch, and OpenBLAS with threads —
# without libopenblas0-pthread Debian's torch uses the reference BLAS and runs ~12x slower, no fair baseline.
# (bench:tsne's scikit-learn comes from python3-sklearn.)
set -euo pipefail
packages=(python3-torch libopenblas0-pthread python3-sklearn)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "bench:setup: ${packages[*]} already installed"; exit 0; fi
if ! command -v apt-get >/dev/null; then echo "bench:setup: no apt-get here; install PyTorch with OpenBLAS yourself (${missing[*]})"; exit 1; fi
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}"
