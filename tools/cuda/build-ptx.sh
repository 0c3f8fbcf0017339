#!/usr/bin/env bash
# Compiles the CUDA backend's kernels (src/MRSNode.Quantification.Cuda/Kernels/*.cu) to PTX for compute_70
# (Volta and every later GPU: the driver JIT-compiles PTX forward). The .ptx files are committed and embedded in
# the assembly; the build itself never needs nvcc. Run after editing a .cu file:
#   tools/cuda/build-ptx.sh            (needs nvcc on PATH, any CUDA >= 11)
#   CUDA_HOST_COMPILER=clang-14 tools/cuda/build-ptx.sh   (Debian's nvcc 11.8 refuses gcc 12: name a host compiler)
# Also the check that every kernel is valid CUDA: warnings are errors.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kernels="$here/../../src/MRSNode.Quantification.Cuda/Kernels"
arch="${CUDA_PTX_ARCH:-compute_70}"
ccbin=()
if [[ -n "${CUDA_HOST_COMPILER:-}" ]]; then ccbin=(-ccbin "$CUDA_HOST_COMPILER"); fi
nvcc --version | tail -1
cd "$kernels"
for cu in *.cu; do
    out="${cu%.cu}.ptx"
    # -lineinfo: kernel faults name a source line in compute-sanitizer; no -use_fast_math: parity with the CPU.
    nvcc "${ccbin[@]}" -ptx -arch="$arch" -lineinfo -Werror all-warnings -o "$out.tmp" "$cu"
    # -lineinfo records the source's absolute path; keep the bare file name so the PTX is the same on every checkout.
    sed -e "s#^\(\s*\.file\s\+[0-9]\+\s\+\)\"[^\"]*/\($cu\)\"#\1\"\2\"#" "$out.tmp" > "$out"
    rm -f "$out.tmp"
    echo "$out: $(grep -c '^\.visible \.entry' "$out") kernels"
done
