#!/usr/bin/env bash
# Publishes the gateway self-contained (no .NET runtime needed on the lane PC) into artifacts/publish/<rid>/.
#   deploy/publish.sh                  # linux-x64 and linux-arm64
#   deploy/publish.sh linux-x64        # one runtime identifier
#   SC_PUBLISH_DIR=/tmp/out deploy/publish.sh linux-x64   # into /tmp/out/<rid>/ instead (the tests do this)
# Then checks that the pieces the gateway loads at run time are in the folder: the ONNX models, ONNX Runtime's
# native library and (linux-x64 only, see below) OpenCvSharp's native library.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rids=("$@")
[ "${#rids[@]}" -eq 0 ] && rids=(linux-x64 linux-arm64)

status=0
for rid in "${rids[@]}"; do
  out="${SC_PUBLISH_DIR:-artifacts/publish}/$rid"
  rm -rf "$out"
  echo "== publishing $rid -> $out"
  # Not single-file, not trimmed: OpenCvSharp, ONNX Runtime and Serilog's configuration reader use reflection
  # and native libraries that are loaded from the folder by name.
  dotnet publish edge/SmartCustoms.Edge/SmartCustoms.Edge.csproj -c Release -r "$rid" --self-contained true \
    -p:PublishTrimmed=false -p:PublishSingleFile=false -p:DebugType=none -o "$out" -v quiet -nologo

  missing=()
  [ -f "$out/SmartCustoms.Edge" ] || missing+=("SmartCustoms.Edge (the executable)")
  [ -f "$out/appsettings.json" ] || missing+=("appsettings.json")
  [ -f "$out/models/onnx/spectral-classifier.onnx" ] || missing+=("models/onnx/spectral-classifier.onnx")
  # The camera's visual detector is on by default (Models:VisualModelPath); without the file the gateway stops at start.
  [ -f "$out/models/onnx/visual-detector.onnx" ] || missing+=("models/onnx/visual-detector.onnx")
  [ -f "$out/libonnxruntime.so" ] || missing+=("libonnxruntime.so (ONNX Runtime)")
  if [ "$rid" = "linux-x64" ]; then
    [ -f "$out/libOpenCvSharpExtern.so" ] || missing+=("libOpenCvSharpExtern.so (OpenCvSharp)")
  elif [ ! -f "$out/libOpenCvSharpExtern.so" ]; then
    # OpenCvSharp4 ships an official native runtime package for linux-x64 only; none for linux-arm64 is
    # available from the package source here. The gateway runs on arm64 without cameras (camera drivers fail
    # at start with a clear error when enabled); see docs/deployment.md for building the library on the board.
    echo "   note: no libOpenCvSharpExtern.so for $rid (no official OpenCvSharp runtime package): cameras unavailable"
  fi

  if [ "${#missing[@]}" -gt 0 ]; then
    echo "error: $rid publish lacks: ${missing[*]}" >&2
    status=1
  fi
  echo "   size: $(du -sh "$out" | cut -f1) in $(find "$out" -type f | wc -l) files ($(du -sb "$out" | cut -f1) bytes)"
done
exit "$status"
