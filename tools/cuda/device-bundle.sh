#!/usr/bin/env bash
# Builds artifacts/device/mrsnode-device.tar.xz: mrsnode and MRSNode.DeviceTestRunner (the GPU tests, run without
# vstest), published self-contained for linux-x64 into one folder (they share the .NET runtime files), with config/
# beside mrsnode. It is for a GPU machine without .NET that receives files only as a carried folder of at most
# 64 MiB: carry artifacts/device, unpack, run (docs/gpu.md, "Running on a GPU machine").
#   tools/cuda/device-bundle.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

limit_mib=60 # the carry limit is 64 MiB; keep headroom
out=artifacts/device
stage="$out/stage"
tarball="$out/mrsnode-device.tar.xz"
start=$SECONDS

rm -rf "$stage" "$tarball"
mkdir -p "$stage"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for project in src/MRSNode.Cli tools/DeviceTestRunner; do
    echo "publishing $project"
    dotnet publish "$project" -c Release -r linux-x64 --self-contained -o "$stage/mrsnode" -v quiet -nologo
done
# The RID-specific build output beside each project holds a copy of the runtime; the stage has what is needed.
rm -rf src/*/bin/Release/*/linux-x64 tests/*/bin/Release/*/linux-x64 tools/*/bin/Release/*/linux-x64

if [[ ! -d "$stage/mrsnode/config/basis-sets" ]]; then
    echo "device-bundle: config/ is missing beside mrsnode in $stage/mrsnode" >&2
    exit 1
fi

echo "packing $(find "$stage/mrsnode" -type f | wc -l) files, $(du -sm "$stage/mrsnode" | cut -f1) MiB"
# -9 (-9e measured no smaller here); the ~120 MiB fit in one xz block, so threads would not help.
XZ_OPT=-9 tar -cJf "$tarball" -C "$stage" mrsnode
rm -rf "$stage"

bytes=$(stat -c %s "$tarball")
mib=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "$tarball: $mib MiB ($bytes bytes) in $((SECONDS - start)) s"
if ((bytes > limit_mib * 1048576)); then
    echo "device-bundle: $tarball is $mib MiB, over the $limit_mib MiB budget (64 MiB carry limit)" >&2
    exit 1
fi
