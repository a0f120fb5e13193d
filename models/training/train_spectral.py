"""Trains, exports and evaluates the spectral solid-waste classifier.

Run through models/training/train_spectral.sh (which first generates the data with the simulator CLI).
Everything written here - the ONNX file, metrics.json, the model card, the C# parity data - comes from
this run: no number is typed by hand.
"""
import argparse
import csv
import hashlib
import json
import os
import random
import sys
import time

import numpy as np
import onnx
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spectral_model as sm  # noqa: E402
import model_card  # noqa: E402

MODEL_ID = "sc-spectral-cnn"
SEED = 20261127
EPOCHS = int(os.environ.get("SC_EPOCHS", "60"))
BATCH = 256
LEARNING_RATE = 2e-3
# Validation targets for the thresholds (held-out numbers are measured, not targeted).
ORE_FP_TARGET_ON_VALIDATION = 0.004  # the 0.5 % budget less a margin for brands/moisture not seen
OOD_QUANTILE = 0.995                  # 0.5 % of in-distribution validation spectra flagged unknown
MIN_CONTAMINANT_THRESHOLD = 0.5

ORE_CLASSES = ["ore_hematite", "ore_hematite_goethite", "ore_goethite", "ore_magnetite"]
CONTAMINANT_CLASSES = ["plastic", "cellulose", "other_organic", "metal"]
CLASSES = ORE_CLASSES + CONTAMINANT_CLASSES
ORE_FAMILIES = {"hematite", "hematite_goethite", "goethite", "magnetite"}


def set_determinism() -> None:
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)


class Dataset:
    """Rows of one simulator CSV, resampled onto the model grid."""

    def __init__(self, name: str, path: str) -> None:
        self.name = name
        self.path = path
        with open(path, newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            rows = list(reader)
        if header[:5] != ["label", "brand", "material", "fraction", "moisture"]:
            raise SystemExit(f"{path}: unexpected header {header[:5]}")
        # The header rounds wavelengths to 0.1 nm; the instrument grid is 1000-2000 nm in 255 equal steps.
        rounded = np.array([float(c[2:]) for c in header[5:]])
        self.source_nm = np.linspace(1000.0, 2000.0, len(rounded))
        if np.max(np.abs(rounded - self.source_nm)) > 0.051:
            raise SystemExit(f"{path}: wavelength columns are not 1000-2000 nm evenly spaced")
        self.label = np.array([r[0] for r in rows])
        self.brand = np.array([r[1] for r in rows])
        self.material = np.array([r[2] for r in rows])
        self.fraction = np.array([float(r[3]) for r in rows])
        self.moisture = np.array([float(r[4]) for r in rows])
        self.raw = np.array([[float(v) for v in r[5:]] for r in rows], dtype=np.float64)
        self.x = resample(self.source_nm, self.raw)
        self.black = np.char.startswith(self.material, "black_")
        self.y = np.array([class_index(l, m) for l, m in zip(self.label, self.material)])
        # Carbon-black items are NIR-invisible by physics: they are the camera's job, not in training.
        self.usable = ~self.black

    @staticmethod
    def concatenate(name: str, parts: list) -> "Dataset":
        if len(parts) == 1:
            return parts[0]
        merged = Dataset.__new__(Dataset)
        merged.name = name
        merged.path = " + ".join(p.path for p in parts)
        merged.source_nm = parts[0].source_nm
        for field in ["label", "brand", "material", "fraction", "moisture", "raw", "x", "black", "y", "usable"]:
            setattr(merged, field, np.concatenate([getattr(p, field) for p in parts]))
        return merged

    def subset(self, mask: np.ndarray):
        return self.x[mask], self.y[mask]


def class_index(label: str, material: str) -> int:
    if label == "ore":
        if material not in ORE_FAMILIES:
            raise SystemExit(f"unknown ore family '{material}'")
        return CLASSES.index("ore_" + material)
    if material.startswith("black_"):
        return -1
    if label not in CONTAMINANT_CLASSES:
        raise SystemExit(f"unknown label '{label}' (material {material})")
    return CLASSES.index(label)


def resample(source_nm: np.ndarray, raw: np.ndarray) -> np.ndarray:
    """Linear interpolation onto the model grid - the same plan as SpectrumResampler.cs."""
    grid = sm.model_grid()
    j = np.clip(np.searchsorted(source_nm, grid, side="left") - 1, 0, len(source_nm) - 2)
    t = np.clip((grid - source_nm[j]) / (source_nm[j + 1] - source_nm[j]), 0.0, 1.0)
    shift = t >= 1.0
    j = np.where(shift, j + 1, j)
    t = np.where(shift, 0.0, t)
    right = np.minimum(j + 1, len(source_nm) - 1)
    out = np.where(t == 0.0, raw[:, j], (1.0 - t) * raw[:, j] + t * raw[:, right])
    return out.astype(np.float32)


def augment(x: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Scatter and baseline changes an instrument sees day to day: gain x0.85-1.15, offset +-0.01."""
    n = x.shape[0]
    gain = 1.0 + 0.15 * (2 * torch.rand(n, 1, generator=generator) - 1)
    offset = 0.01 * (2 * torch.rand(n, 1, generator=generator) - 1)
    return x * gain + offset


def train(net: sm.SpectralNet, x: np.ndarray, y: np.ndarray, x_val: np.ndarray, y_val: np.ndarray) -> list:
    counts = np.bincount(y, minlength=len(CLASSES)).astype(np.float64)
    weights = torch.tensor(np.sqrt(counts.max() / np.maximum(counts, 1)), dtype=torch.float32)
    loss_fn = nn.CrossEntropyLoss(weight=weights)
    optimiser = torch.optim.Adam(net.parameters(), lr=LEARNING_RATE, weight_decay=1e-5)
    steps = EPOCHS * int(np.ceil(len(x) / BATCH))
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=LEARNING_RATE, total_steps=steps)
    generator = torch.Generator().manual_seed(SEED)
    xt, yt = torch.tensor(x), torch.tensor(y)
    history = []
    for epoch in range(EPOCHS):
        net.train()
        order = torch.randperm(len(xt), generator=generator)
        total = 0.0
        for start in range(0, len(xt), BATCH):
            idx = order[start:start + BATCH]
            batch = augment(xt[idx], generator)
            optimiser.zero_grad()
            loss = loss_fn(net(batch), yt[idx])
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(idx)
        net.eval()
        with torch.no_grad():
            accuracy = float((net(torch.tensor(x_val)).argmax(1).numpy() == y_val).mean())
        history.append({"epoch": epoch + 1, "loss": total / len(xt), "validation_accuracy": accuracy})
        print(f"epoch {epoch + 1:2d} loss {total / len(xt):.4f} validation accuracy {accuracy:.4f}", flush=True)
    return history


def fit_ood(net: sm.SpectralNet, x: np.ndarray, y: np.ndarray):
    """Class means and tied-covariance precision of the penultimate features (Mahalanobis OOD)."""
    with torch.no_grad():
        feats = net.ood_features(torch.tensor(x)).numpy().astype(np.float64)
    means = np.stack([feats[y == c].mean(axis=0) for c in range(len(CLASSES))])
    centred = feats - means[y]
    cov = centred.T @ centred / len(feats)
    cov += np.eye(cov.shape[0]) * (1e-3 * np.trace(cov) / cov.shape[0])  # ReLU features: some are rank-deficient
    precision = np.linalg.inv(cov)
    cholesky = np.linalg.cholesky(precision)  # precision = L L^T, so |diff @ L|^2 is the squared distance
    return means, cholesky


def run_exported(model: nn.Module, x: np.ndarray):
    with torch.no_grad():
        probs, contaminant, ood = model(torch.tensor(x))
    return probs.numpy(), contaminant.numpy(), ood.numpy()


def decide(probs: np.ndarray, contaminant: np.ndarray, threshold: float) -> np.ndarray:
    """Decision rule of SpectralClassifier.Decide (without the OOD override)."""
    is_cont = contaminant > threshold
    ore_best = probs[:, :len(ORE_CLASSES)].argmax(1)
    cont_best = len(ORE_CLASSES) + probs[:, len(ORE_CLASSES):].argmax(1)
    return np.where(is_cont, cont_best, ore_best)


def choose_contaminant_threshold(contaminant: np.ndarray, y: np.ndarray) -> float:
    ore = contaminant[y < len(ORE_CLASSES)]
    quantile = float(np.quantile(ore, 1.0 - ORE_FP_TARGET_ON_VALIDATION))
    return max(MIN_CONTAMINANT_THRESHOLD, quantile)


def evaluate(name: str, data: Dataset, outputs, contaminant_threshold: float, ood_threshold: float) -> dict:
    probs, contaminant, ood = outputs
    usable = data.usable
    y = data.y[usable]
    pred = decide(probs[usable], contaminant[usable], contaminant_threshold)
    is_ood = ood > ood_threshold
    n_classes = len(CLASSES)
    confusion = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y, pred):
        confusion[t, p] += 1
    per_class = {}
    for c, cname in enumerate(CLASSES):
        tp = int(confusion[c, c])
        support = int(confusion[c].sum())
        predicted = int(confusion[:, c].sum())
        per_class[cname] = {
            "support": support,
            "precision": tp / predicted if predicted else None,
            "recall": tp / support if support else None,
        }
    flagged = contaminant > contaminant_threshold
    ore_rows = data.label == "ore"
    visible = (data.label != "ore") & ~data.black
    per_material = {}
    for material in sorted(set(data.material[visible | data.black])):
        rows = data.material == material
        per_material[material] = {
            "count": int(rows.sum()),
            "flagged_contaminant": float(flagged[rows].mean()),
            "flagged_unknown": float(is_ood[rows].mean()),
        }
    by_area = {}
    for low, high in [(0.3, 0.4), (0.4, 0.5), (0.5, 0.7), (0.7, 1.0001)]:
        rows = visible & (data.fraction >= low) & (data.fraction < high)
        if rows.any():
            by_area[f"{low:.1f}-{min(high, 1.0):.1f}"] = {"count": int(rows.sum()), "recall": float(flagged[rows].mean())}
    by_brand = {}
    for brand in sorted(set(data.brand[ore_rows])):
        rows = ore_rows & (data.brand == brand)
        by_brand[brand] = {
            "ore_count": int(rows.sum()),
            "ore_false_positive_rate": float(flagged[rows].mean()),
            "ore_flagged_unknown": float(is_ood[rows].mean()),
            "family_accuracy": float((pred[(data.label[usable] == "ore") & (data.brand[usable] == brand)]
                                      == y[(data.label[usable] == "ore") & (data.brand[usable] == brand)]).mean()),
        }
    missed = visible & ~flagged
    return {
        "name": name,
        "file": os.path.basename(data.path),
        "rows": int(len(data.y)),
        "brands": sorted(set(data.brand)),
        "moisture_range": [float(data.moisture.min()), float(data.moisture.max())],
        "accuracy": float((pred == y).mean()),
        "contaminant_recall_nir_visible": float(flagged[visible].mean()),
        "contaminant_recall_nir_visible_excluding_metal": float(flagged[visible & (data.label != "metal")].mean()),
        "contaminant_count_nir_visible": int(visible.sum()),
        "contaminant_missed_nir_visible": int(missed.sum()),
        "ore_false_positive_rate": float(flagged[ore_rows].mean()),
        "ore_false_positives": int(flagged[ore_rows].sum()),
        "ore_count": int(ore_rows.sum()),
        "unknown_rate_nir_visible_rows": float(is_ood[usable].mean()),
        "black_items_flagged_contaminant": float(flagged[data.black].mean()) if data.black.any() else None,
        "per_class": per_class,
        "confusion_matrix": {"classes": CLASSES, "rows_true_columns_predicted": confusion.tolist()},
        "per_material": per_material,
        "recall_by_area_fraction": by_area,
        "ore_by_brand": by_brand,
    }


def absurd_spectra() -> dict:
    grid = sm.model_grid()
    rng = np.random.default_rng(SEED)
    return {
        "flat_0.9": np.full(sm.GRID_COUNT, 0.9),
        "flat_0.5": np.full(sm.GRID_COUNT, 0.5),
        "flat_0.02": np.full(sm.GRID_COUNT, 0.02),
        "white_tile_noise": 1.01 + 0.002 * rng.standard_normal(sm.GRID_COUNT),
        "uniform_noise_0_1": rng.uniform(0, 1, sm.GRID_COUNT),
        "ramp_0.1_to_0.9": np.linspace(0.1, 0.9, sm.GRID_COUNT),
        "sine_0.3_pm_0.2": 0.3 + 0.2 * np.sin((grid - 1050) / 40.0),
    }


def export(model: nn.Module, path: str, metadata: dict) -> None:
    example = torch.zeros(2, sm.GRID_COUNT) + 0.1
    torch.onnx.export(
        model, example, path,
        input_names=["spectrum"], output_names=["probabilities", "contaminant_score", "ood_score"],
        dynamic_axes={name: {0: "batch"} for name in ["spectrum", "probabilities", "contaminant_score", "ood_score"]},
        opset_version=17, do_constant_folding=True)
    proto = onnx.load(path)
    onnx.checker.check_model(proto)
    del proto.metadata_props[:]
    for key, value in metadata.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, str(value)
    proto.doc_string = "SmartCustoms spectral solid-waste classifier; see spectral-classifier.md"
    onnx.save(proto, path)


def export_mismatched(path: str, metadata: dict) -> None:
    """A model with the right names and metadata but a 100-point input: the registry must refuse it."""

    class Tiny(nn.Module):
        def __init__(self):
            super().__init__()
            self.linear = nn.Linear(100, len(CLASSES))

        def forward(self, spectrum):
            p = torch.softmax(self.linear(spectrum), dim=1)
            return p, p[:, 0], p[:, 1]

    torch.manual_seed(0)
    tiny = Tiny().eval()
    torch.onnx.export(
        tiny, torch.zeros(1, 100), path,
        input_names=["spectrum"], output_names=["probabilities", "contaminant_score", "ood_score"],
        dynamic_axes={name: {0: "batch"} for name in ["spectrum", "probabilities", "contaminant_score", "ood_score"]},
        opset_version=17)
    proto = onnx.load(path)
    for key, value in metadata.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, str(value)
    onnx.save(proto, path)


def write_reference(test_data: str, data: Dataset, model: nn.Module, contaminant_threshold: float, ood_threshold: float) -> None:
    """Raw instrument spectra in the contract's CSV format, plus what the model must answer for them."""
    picks = []
    for cname in CLASSES:
        rows = np.where(data.usable & (data.y == CLASSES.index(cname)))[0]
        picks.extend(rows[:2].tolist())
    names = [f"s{i + 1}" for i in range(len(picks))]
    csv_path = os.path.join(test_data, "reference-spectra.csv")
    with open(csv_path, "w", newline="") as handle:
        handle.write("wavelength_nm," + ",".join(names) + "\n")
        for k, nm in enumerate(data.source_nm):
            handle.write(repr(float(nm)) + "," + ",".join(f"{data.raw[i, k]:.5f}" for i in picks) + "\n")
    # Re-read exactly what was written, so Python and C# start from the same numbers.
    with open(csv_path) as handle:
        rows = list(csv.reader(handle))[1:]
    source_nm = np.array([float(r[0]) for r in rows])
    raw = np.array([[float(v) for v in r[1:]] for r in rows]).T
    x = resample(source_nm, raw)
    probs, contaminant, ood = run_exported(model, x)
    reference = {
        "classes": CLASSES,
        "contaminant_threshold": contaminant_threshold,
        "ood_threshold": ood_threshold,
        "spectra": [
            {
                "name": names[i],
                "true_class": CLASSES[data.y[picks[i]]],
                "brand": str(data.brand[picks[i]]),
                "material": str(data.material[picks[i]]),
                "model_grid_input": [float(v) for v in x[i]],
                "probabilities": [float(v) for v in probs[i]],
                "contaminant_score": float(contaminant[i]),
                "ood_score": float(ood[i]),
            }
            for i in range(len(picks))
        ],
    }
    with open(os.path.join(test_data, "reference-outputs.json"), "w") as handle:
        json.dump(reference, handle, indent=1)


def sha256(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--train", action="append", required=True, help="training CSV (repeatable)")
    parser.add_argument("--validation", required=True)
    parser.add_argument("--heldout", action="append", default=[], help="name=path")
    parser.add_argument("--checkpoint", help="where to save the trained weights")
    parser.add_argument("--reuse-checkpoint", action="store_true", help="skip training when the checkpoint exists")
    args = parser.parse_args()
    set_determinism()
    started = time.time()

    train_set = Dataset.concatenate("train", [Dataset("train", p) for p in args.train])
    val_set = Dataset("validation", args.validation)
    heldout = [Dataset(*spec.split("=", 1)) for spec in args.heldout]
    print(f"loaded {len(train_set.y)} training, {len(val_set.y)} validation rows in {time.time() - started:.1f} s", flush=True)

    x, y = train_set.subset(train_set.usable)
    x_val, y_val = val_set.subset(val_set.usable)
    net = sm.SpectralNet(len(CLASSES))
    if args.checkpoint and args.reuse_checkpoint and os.path.exists(args.checkpoint):
        # Re-evaluation without retraining (same data, same weights): for changes to evaluation or the card.
        saved = torch.load(args.checkpoint)
        net.load_state_dict(saved["state"])
        history, train_seconds = saved["history"], saved["seconds"]
        print(f"reusing trained weights from {args.checkpoint}", flush=True)
    else:
        train_started = time.time()
        history = train(net, x, y, x_val, y_val)
        train_seconds = time.time() - train_started
        if args.checkpoint:
            torch.save({"state": net.state_dict(), "history": history, "seconds": train_seconds}, args.checkpoint)
    net.eval()

    means, cholesky = fit_ood(net, x, y)
    mask = np.array([1.0 if c in CONTAMINANT_CLASSES else 0.0 for c in CLASSES])
    exported = sm.ExportedClassifier(net, means, cholesky, mask).eval()

    val_out = run_exported(exported, val_set.x)
    contaminant_threshold = choose_contaminant_threshold(val_out[1][val_set.usable], val_set.y[val_set.usable])
    ood_threshold = float(np.quantile(val_out[2][val_set.usable], OOD_QUANTILE))

    onnx_dir = os.path.join(args.repo, "models", "onnx")
    test_data = os.path.join(args.repo, "tests", "SmartCustoms.Models.Tests", "TestData")
    os.makedirs(onnx_dir, exist_ok=True)
    os.makedirs(test_data, exist_ok=True)
    onnx_path = os.path.join(onnx_dir, "spectral-classifier.onnx")
    metadata = {
        "model_id": MODEL_ID,
        "model_version": args.version,
        "class_names": ",".join(CLASSES),
        "contaminant_classes": ",".join(CONTAMINANT_CLASSES),
        "grid_start_nm": sm.GRID_START_NM,
        "grid_step_nm": sm.GRID_STEP_NM,
        "grid_count": sm.GRID_COUNT,
        "contaminant_threshold": repr(contaminant_threshold),
        "ood_threshold": repr(ood_threshold),
        "preprocessing": "clip 0.001-1.5; SNV (std floor 0.001); Savitzky-Golay d1 window 11 order 2; log mean/std",
        "ood_method": "min class-conditional Mahalanobis distance (tied covariance) on 64 penultimate features + log mean/std",
        "training_data": "scsim dataset spectra; see spectral-classifier.metrics.json",
    }
    export(exported, onnx_path, metadata)
    export_mismatched(os.path.join(test_data, "mismatched-input.onnx"), metadata)
    write_reference(test_data, heldout[0] if heldout else val_set, exported, contaminant_threshold, ood_threshold)

    evaluations = [evaluate("validation", val_set, val_out, contaminant_threshold, ood_threshold)]
    for data in heldout:
        evaluations.append(evaluate(data.name, data, run_exported(exported, data.x), contaminant_threshold, ood_threshold))

    absurd = absurd_spectra()
    absurd_out = run_exported(exported, np.stack(list(absurd.values())).astype(np.float32))
    ood_absurd = {
        name: {"ood_score": float(absurd_out[2][i]), "flagged_unknown": bool(absurd_out[2][i] > ood_threshold),
               "contaminant_score": float(absurd_out[1][i])}
        for i, name in enumerate(absurd)
    }

    metrics = {
        "model_id": MODEL_ID,
        "model_version": args.version,
        "onnx_sha256": sha256(onnx_path),
        "classes": CLASSES,
        "contaminant_classes": CONTAMINANT_CLASSES,
        "contaminant_threshold": contaminant_threshold,
        "ood_threshold": ood_threshold,
        "threshold_rules": {
            "contaminant": f"max({MIN_CONTAMINANT_THRESHOLD}, the {100 * (1 - ORE_FP_TARGET_ON_VALIDATION):.2f}th percentile of clean-ore contaminant scores on validation)",
            "ood": f"{100 * OOD_QUANTILE:.1f}th percentile of OOD scores of NIR-visible validation spectra",
        },
        "data": {
            name: {"file": " + ".join(os.path.basename(x) for x in d.path.split(" + ")), "rows": int(len(d.y)), "rows_used": int(d.usable.sum()),
                   "brands": sorted(set(d.brand)), "moisture_range": [float(d.moisture.min()), float(d.moisture.max())],
                   "class_counts": {c: int((d.y == i).sum()) for i, c in enumerate(CLASSES)},
                   "black_rows_excluded": int(d.black.sum())}
            for name, d in [("train", train_set), ("validation", val_set)] + [(d.name, d) for d in heldout]
        },
        "training": {"epochs": EPOCHS, "batch": BATCH, "learning_rate": LEARNING_RATE, "seed": SEED,
                     "seconds": train_seconds, "threads": torch.get_num_threads(),
                     "parameters": int(sum(p.numel() for p in net.parameters())), "history": history},
        "evaluations": evaluations,
        "ood_absurd_spectra": ood_absurd,
        "targets": {"contaminant_recall_min": 0.98, "ore_false_positive_rate_max": 0.005},
    }
    metrics_path = os.path.join(onnx_dir, "spectral-classifier.metrics.json")
    with open(metrics_path, "w") as handle:
        json.dump(metrics, handle, indent=1)
    model_card.write(args.repo)
    for e in evaluations:
        print(f"{e['name']:16s} recall {e['contaminant_recall_nir_visible']:.4f} ore FP {e['ore_false_positive_rate']:.4f} "
              f"accuracy {e['accuracy']:.4f} unknown {e['unknown_rate_nir_visible_rows']:.4f}")
    print(f"thresholds: contaminant {contaminant_threshold:.4f}, ood {ood_threshold:.3f}; total {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
