#!/usr/bin/env bash
# Retrains the spectral solid-waste classifier end to end (one command, from anywhere):
#   models/training/train_spectral.sh
# 1. generates simulated spectra with the simulator CLI (scsim): training and validation seeds, and
#    held-out seeds under conditions the training set lacks (other ore brands, wetter ore);
# 2. trains the network (models/training/train_spectral.py, CPU, 1 thread, a few minutes);
# 3. exports models/onnx/spectral-classifier.onnx with its metadata, evaluates it on the held-out sets,
#    and writes models/onnx/spectral-classifier.metrics.json, the model card, and the C# parity data in
#    tests/SmartCustoms.Models.Tests/TestData/;
# 4. trains a second, throw-away "probe" network with the same recipe but without three materials
#    (PROBE_HOLDOUT) and measures what it answers for those materials (out-of-distribution behaviour on
#    materials never seen in training); also scores foreign shapes (coal, stone, lime, ...) on the shipped model.
# Prints the wall time and load average at the end (the card records the training seconds).
# Environment: REUSE_WEIGHTS=1 re-evaluates the weights of the last run without retraining; MODEL_VERSION (default below), DATA_DIR (default /tmp/sc-spectral-data),
#   PROBE_HOLDOUT (materials kept out of the probe network, default pvc,nylon,wood),
#   SCSIM (command that runs the simulator CLI; default: dotnet run of simulators/SmartCustoms.Simulators.Cli).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODEL_VERSION="${MODEL_VERSION:-1.1.0}"
DATA_DIR="${DATA_DIR:-/tmp/sc-spectral-data}"
PYTHON="${PYTHON:-/usr/bin/python3}"   # the Debian python with torch and onnx
mkdir -p "$DATA_DIR"
echo "train_spectral.sh: start $(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"

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
# Clean ore only, training brands and moisture, its own seed: the contaminant threshold is set on it (20,000
# rows, so the 99.9th percentile rests on 20 rows rather than on a handful of validation rows).
generate calibration-clean 104 20000 --brands "$TRAIN_BRANDS" "${TRAIN_MOISTURE[@]}" --contaminant-fraction 0
# Held out, clean ore only (24,000 rows): the per-spectrum false-positive rate the lane rules rely on,
# on held-out brands at their own (drier) moisture and on every brand wetter than training.
generate heldout-clean-brands 301 12000 --brands "$HELDOUT_BRANDS" --contaminant-fraction 0
generate heldout-clean-wet 302 12000 --brands "$ALL_BRANDS" --moisture-min 11 --moisture-max 13.5 --contaminant-fraction 0
# Held-out materials for the probe network (never in its training): one plastic with weak Cl-shifted bands
# (pvc), one with amide N-H bands no other plastic has (nylon), the cellulose type with lignin (wood).
PROBE_HOLDOUT="${PROBE_HOLDOUT:-pvc,nylon,wood}"
generate heldout-materials 401 3000 --brands "$ALL_BRANDS" --materials "$PROBE_HOLDOUT" --contaminant-fraction 1

"$PYTHON" "$REPO/models/training/train_spectral.py" \
    --repo "$REPO" --version "$MODEL_VERSION" \
    --train "$DATA_DIR/train.csv" --train "$DATA_DIR/train-rare.csv" --validation "$DATA_DIR/validation.csv" \
    --heldout "heldout-brands=$DATA_DIR/heldout-brands.csv" \
    --heldout "heldout-wet=$DATA_DIR/heldout-wet.csv" \
    --heldout "heldout-clean-brands=$DATA_DIR/heldout-clean-brands.csv" \
    --heldout "heldout-clean-wet=$DATA_DIR/heldout-clean-wet.csv" \
    --calibration "$DATA_DIR/calibration-clean.csv" \
    --probe-holdout "$PROBE_HOLDOUT" --probe-test "$DATA_DIR/heldout-materials.csv" \
    --checkpoint "$DATA_DIR/spectral-weights.pt" ${REUSE_WEIGHTS:+--reuse-checkpoint}
echo "train_spectral.sh: done in ${SECONDS} s wall time, load average $(cut -d' ' -f1-3 /proc/loadavg)"
