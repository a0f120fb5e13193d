#!/usr/bin/env bash
# Retrains the spectral solid-waste classifier end to end (one command, from anywhere):
#   models/training/train_spectral.sh
# 1. generates simulated spectra with the simulator CLI (scsim): training and validation seeds, and
#    held-out seeds under conditions the training set lacks (other ore brands, wetter ore);
# 2. trains the network (models/training/train_spectral.py, CPU, 2 threads, a few minutes);
# 3. exports models/onnx/spectral-classifier.onnx with its metadata, evaluates it on the held-out sets,
#    and writes models/onnx/spectral-classifier.metrics.json, the model card, and the C# parity data in
#    tests/SmartCustoms.Models.Tests/TestData/.
# Environment: REUSE_WEIGHTS=1 re-evaluates the weights of the last run without retraining; MODEL_VERSION (default below), DATA_DIR (default /tmp/sc-spectral-data),
#   SCSIM (command that runs the simulator CLI; default: dotnet run of simulators/SmartCustoms.Simulators.Cli).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODEL_VERSION="${MODEL_VERSION:-1.1.0}"
DATA_DIR="${DATA_DIR:-/tmp/sc-spectral-data}"
PYTHON="${PYTHON:-/usr/bin/python3}"   # the Debian python with torch and onnx
mkdir -p "$DATA_DIR"

if [[ -z "${SCSIM:-}" ]]; then
    dotnet build "$REPO/simulators/SmartCustoms.Simulators.Cli" -c Release --nologo -v q
    SCSIM="dotnet run --no-build --project $REPO/simulators/SmartCustoms.Simulators.Cli -c Release --"
fi

# Training brands: every mineral family, two brands where the simulator has them; kumba (hematite) and
# newman (hematite-goethite) are held out. Training moisture spans 1.5-11 % (dry lump to wet fines);
# the wet held-out set lies beyond it.
TRAIN_BRANDS="carajas,pilbara_blend,brazilian_blend,yandi,fmg_ssf,magnetite_concentrate"
HELDOUT_BRANDS="kumba,newman"
ALL_BRANDS="$TRAIN_BRANDS,$HELDOUT_BRANDS"
TRAIN_MOISTURE=(--moisture-min 1.5 --moisture-max 11)

generate() { # name seed count [options...]
    local name="$1" seed="$2" count="$3"; shift 3
    echo "scsim dataset spectra --seed $seed --count $count $* -> $DATA_DIR/$name.csv"
    $SCSIM dataset spectra --seed "$seed" --count "$count" --out "$DATA_DIR/$name.csv" "$@"
}

generate train 101 30000 --brands "$TRAIN_BRANDS" "${TRAIN_MOISTURE[@]}"
# Metal and wool are 1/15 of the contaminant draws each: extra rows so the network sees enough of them.
generate train-rare 103 10000 --brands "$TRAIN_BRANDS" "${TRAIN_MOISTURE[@]}" --materials scrap_metal,wool --contaminant-fraction 0.8
generate validation 102 8000 --brands "$TRAIN_BRANDS" "${TRAIN_MOISTURE[@]}"
# Held out: brands never seen in training, at their own moisture.
generate heldout-brands 201 8000 --brands "$HELDOUT_BRANDS"
# Held out: all brands, wetter than anything in training.
generate heldout-wet 202 8000 --brands "$ALL_BRANDS" --moisture-min 11 --moisture-max 13.5

"$PYTHON" "$REPO/models/training/train_spectral.py" \
    --repo "$REPO" --version "$MODEL_VERSION" \
    --train "$DATA_DIR/train.csv" --train "$DATA_DIR/train-rare.csv" --validation "$DATA_DIR/validation.csv" \
    --heldout "heldout-brands=$DATA_DIR/heldout-brands.csv" \
    --heldout "heldout-wet=$DATA_DIR/heldout-wet.csv" \
    --checkpoint "$DATA_DIR/spectral-weights.pt" ${REUSE_WEIGHTS:+--reuse-checkpoint}
