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
EPOCHS = int(os.environ.get("SC_EPOCHS", "24"))
BATCH = 256
LEARNING_RATE = 2e-3
# Threshold targets (held-out numbers are measured, not targeted). The contaminant threshold is set on a
# 20,000-row clean-ore calibration set at 0.1 %, a fifth of the 0.5 % budget: held-out brands (drier kumba)
# ran at twice the validation rate, and the lane's segment rules count single false calls.
ORE_FP_TARGET_ON_CALIBRATION = 0.001
OOD_QUANTILE = 0.995                  # 0.5 % of in-distribution validation spectra flagged unknown
MIN_CONTAMINANT_THRESHOLD = 0.5
# The recall target covers NIR-visible contaminants: materials with C-H, O-H or N-H overtone bands.
# Carbon-black items (black_*) absorb across the NIR, and scrap metal has no band of its own in 1050-1850 nm
# (bare steel is flat grey; rust is iron oxide, the ore's own mineral): both are the camera's job and are
# reported separately, never dropped from the tables.
NOT_NIR_VISIBLE_MATERIALS = ("scrap_metal",)

ORE_CLASSES = ["ore_hematite", "ore_hematite_goethite", "ore_goethite", "ore_magnetite"]
CONTAMINANT_CLASSES = ["plastic", "cellulose", "other_organic", "metal"]
CLASSES = ORE_CLASSES + CONTAMINANT_CLASSES
ORE_FAMILIES = {"hematite", "hematite_goethite", "goethite", "magnetite"}


def set_determinism() -> None:
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    # One thread: on the shared 2-core machine two OpenMP threads made an epoch 7x slower (16 s vs 122 s at load
    # average ~30), as they wait for each other at every barrier while other processes run. Results depend on the
    # thread count (reduction order), so it is fixed here.
    torch.set_num_threads(1)
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


def choose_contaminant_threshold(clean_ore_contaminant: np.ndarray) -> float:
    quantile = float(np.quantile(clean_ore_contaminant, 1.0 - ORE_FP_TARGET_ON_CALIBRATION))
    return max(MIN_CONTAMINANT_THRESHOLD, quantile)


def rate(mask: np.ndarray):
    return float(mask.mean()) if mask.size else None


def iron_oxide_wing(x: np.ndarray) -> np.ndarray:
    """R(1300 nm) / R(1050 nm): the long-wavelength wing of the Fe3+ band climbs to ~1300 nm (hematite, goethite,
    and rust); flat bare steel stays near 1."""
    grid = sm.model_grid()
    return x[:, int(np.searchsorted(grid, 1300.0))] / np.maximum(x[:, 0], 1e-4)


def binned(mask: np.ndarray, values: np.ndarray, hit: np.ndarray, edges: list, fmt: str) -> dict:
    out = {}
    for low, high in zip(edges[:-1], edges[1:]):
        rows = mask & (values >= low) & (values < high)
        if rows.any():
            out[fmt.format(low, high)] = {"count": int(rows.sum()), "rate": float(hit[rows].mean())}
    return out


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
    contaminant_rows = (data.label != "ore") & ~data.black
    metal = np.isin(data.material, NOT_NIR_VISIBLE_MATERIALS)
    visible = contaminant_rows & ~metal
    all_pred = decide(probs, contaminant, contaminant_threshold)
    fp_rows = ore_rows & flagged
    fp_classes = {CLASSES[c]: int(n) for c, n in zip(*np.unique(all_pred[fp_rows], return_counts=True))}
    per_material = {}
    for material in sorted(set(data.material[contaminant_rows | data.black])):
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
    wing = iron_oxide_wing(data.x)
    metal_analysis = None
    if metal.any():
        metal_analysis = {
            "recall": rate(flagged[metal]),
            "count": int(metal.sum()),
            "by_area_fraction": binned(metal, data.fraction, flagged, [0.3, 0.5, 0.7, 0.9, 1.0001], "{:.1f}-{:.1f}"),
            "by_moisture": binned(metal, data.moisture, flagged, [0, 4, 8, 11, 14], "{:.0f}-{:.0f} %"),
            "by_iron_oxide_wing": binned(metal, wing, flagged, [0, 1.1, 1.3, 100], "{:.1f}-{:.1f}"),
            "missed_decided_as": {CLASSES[c]: int(n) for c, n in zip(*np.unique(all_pred[metal & ~flagged], return_counts=True))},
        }
    return {
        "name": name,
        "file": os.path.basename(data.path),
        "rows": int(len(data.y)),
        "brands": sorted(set(data.brand)),
        "moisture_range": [float(data.moisture.min()), float(data.moisture.max())],
        "accuracy": rate(pred == y),
        "contaminant_recall_target": rate(flagged[visible]),
        "contaminant_count_target": int(visible.sum()),
        "contaminant_missed_target": int(missed.sum()),
        "contaminant_recall_with_metal": rate(flagged[contaminant_rows]),
        "metal_recall": rate(flagged[metal]),
        "metal_analysis": metal_analysis,
        "ore_false_positive_rate": rate(flagged[ore_rows]),
        "ore_false_positives": int(fp_rows.sum()),
        "ore_count": int(ore_rows.sum()),
        "ore_false_positive_classes": fp_classes,
        "ore_false_positive_by_moisture": binned(ore_rows, data.moisture, flagged, [0, 2, 4, 6, 8, 10, 12, 14], "{:.0f}-{:.0f} %"),
        "ore_iron_oxide_wing_quantiles_1_50_99": [float(v) for v in np.quantile(wing[ore_rows], [0.01, 0.5, 0.99])] if ore_rows.any() else None,
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


# Foreign materials the simulator does not have (DOMAIN.md's returned cargo held stone, coal, lime, rubber and
# electronic parts): continuum level at 1500 nm, slope per 1000 nm, Gaussian absorbance bands (centre, sigma,
# depth ranges) - the simulator's recipe form, with band positions from the NIR literature. Approximate on purpose:
# they test whether an unseen shape is flagged, not how real coal looks.
FOREIGN_RECIPES = {
    "coal": ((0.04, 0.09), (0.02, 0.06), [(1680, 15, 0.01, 0.03), (1730, 12, 0.01, 0.03)]),
    "stone_quartz": ((0.30, 0.60), (-0.02, 0.02), [(1410, 12, 0.01, 0.04), (1910, 40, 0.05, 0.15)]),
    "lime_hydrated": ((0.60, 0.90), (-0.05, 0.0), [(1412, 8, 0.05, 0.15), (1950, 40, 0.05, 0.15)]),
    "gypsum": ((0.60, 0.85), (-0.05, 0.0), [(1445, 12, 0.15, 0.30), (1490, 12, 0.20, 0.35), (1535, 12, 0.15, 0.30),
                                            (1750, 10, 0.05, 0.10), (1940, 30, 0.30, 0.50)]),
    "light_rubber": ((0.30, 0.60), (-0.05, 0.0), [(1195, 10, 0.05, 0.10), (1390, 12, 0.04, 0.08), (1640, 10, 0.10, 0.20),
                                                  (1715, 10, 0.20, 0.35), (1730, 10, 0.15, 0.30)]),
    "circuit_board": ((0.20, 0.40), (0.0, 0.05), [(1130, 10, 0.02, 0.05), (1430, 20, 0.03, 0.08), (1680, 10, 0.10, 0.20),
                                                   (2150, 40, 0.20, 0.40)]),
    "silicone": ((0.50, 0.80), (-0.03, 0.0), [(1190, 8, 0.06, 0.12), (1395, 10, 0.03, 0.06), (1700, 8, 0.20, 0.35)]),
}
FOREIGN_PER_MATERIAL = 500


def foreign_spectra(ore_x: np.ndarray, seed: int):
    """Held-out clean-ore spectra (model grid) mixed linearly with a foreign item covering 30-100 % of the spot."""
    rng = np.random.default_rng(seed)
    grid = sm.model_grid()
    names, rows = [], []
    for name, ((lmin, lmax), (smin, smax), bands) in FOREIGN_RECIPES.items():
        for _ in range(FOREIGN_PER_MATERIAL):
            absorbance = np.zeros_like(grid)
            for centre, sigma, dmin, dmax in bands:
                c = centre + rng.uniform(-5, 5)
                absorbance += rng.uniform(dmin, dmax) * np.exp(-0.5 * ((grid - c) / (sigma * rng.uniform(0.8, 1.2))) ** 2)
            continuum = np.maximum(0.002, rng.uniform(lmin, lmax) + rng.uniform(smin, smax) * (grid - 1500.0) / 1000.0)
            item = continuum * np.exp(-absorbance) + rng.normal(0, 0.002, len(grid))
            area = rng.uniform(0.3, 1.0)
            rows.append((1 - area) * ore_x[rng.integers(len(ore_x))] + area * item)
            names.append(name)
    return np.array(names), np.maximum(np.array(rows), 0.001).astype(np.float32)


def outcomes(true_label: np.ndarray, outputs, contaminant_threshold: float, ood_threshold: float) -> dict:
    """How spectra of materials the network never saw are answered. Acceptable: the alarm (any contaminant class:
    the lane raises it whatever the kind) or `unknown`. Not acceptable: a confident `ore` - a silent miss."""
    probs, contaminant, ood = outputs
    flagged = contaminant > contaminant_threshold
    unknown = ood > ood_threshold
    pred = decide(probs, contaminant, contaminant_threshold)
    decided = np.array([CLASSES[c] for c in pred])
    return {
        "count": int(len(pred)),
        "alarm_right_kind": rate(flagged & (decided == true_label)),
        "alarm_other_kind": rate(flagged & (decided != true_label)),
        "unknown_without_alarm": rate(~flagged & unknown),
        "silent_ore": rate(~flagged & ~unknown),
        "flagged_unknown": rate(unknown),
        "decided_as": {c: int(n) for c, n in zip(*np.unique(decided, return_counts=True))},
        "median_contaminant_score": float(np.median(contaminant)),
        "median_ood_score": float(np.median(ood)),
    }


def train_probe(args, train_set: "Dataset", val_set: "Dataset", calibration: "Dataset", holdout: list) -> dict:
    """Same recipe, without the held-out materials; its answers on those materials (seed 401) measure the
    out-of-distribution behaviour on materials never seen in training. Not shipped."""
    set_determinism()
    keep = train_set.usable & ~np.isin(train_set.material, holdout)
    keep_val = val_set.usable & ~np.isin(val_set.material, holdout)
    x, y = train_set.x[keep], train_set.y[keep]
    net = sm.SpectralNet(len(CLASSES))
    checkpoint = args.checkpoint.replace(".pt", "-probe.pt") if args.checkpoint else None
    if checkpoint and args.reuse_checkpoint and os.path.exists(checkpoint):
        saved = torch.load(checkpoint)
        net.load_state_dict(saved["state"])
        seconds = saved["seconds"]
    else:
        started = time.time()
        train(net, x, y, val_set.x[keep_val], val_set.y[keep_val])
        seconds = time.time() - started
        if checkpoint:
            torch.save({"state": net.state_dict(), "seconds": seconds}, checkpoint)
    net.eval()
    means, cholesky = fit_ood(net, x, y)
    mask = np.array([1.0 if c in CONTAMINANT_CLASSES else 0.0 for c in CLASSES])
    probe = sm.ExportedClassifier(net, means, cholesky, mask).eval()
    contaminant_threshold = choose_contaminant_threshold(run_exported(probe, calibration.x)[1])
    val_out = run_exported(probe, val_set.x[keep_val])
    ood_threshold = float(np.quantile(val_out[2], OOD_QUANTILE))
    test = Dataset("heldout-materials", args.probe_test)
    test_rows = test.usable & (test.label != "ore")
    test_out = [o[test_rows] for o in run_exported(probe, test.x)]
    per_material = {}
    for material in sorted(set(test.material[test_rows])):
        rows = test.material[test_rows] == material
        per_material[material] = outcomes(test.label[test_rows][rows], [o[rows] for o in test_out],
                                          contaminant_threshold, ood_threshold)
        per_material[material]["label"] = str(test.label[test_rows][rows][0])
    seen = keep_val & (val_set.label != "ore") & ~np.isin(val_set.material, NOT_NIR_VISIBLE_MATERIALS)
    return {
        "held_out_materials": holdout,
        "test_file": os.path.basename(args.probe_test),
        "test_seed_note": "seed 401, all brands at their own moisture, every row a held-out material (30-100 % of the spot)",
        "training_rows": int(keep.sum()),
        "training_seconds": seconds,
        "contaminant_threshold": contaminant_threshold,
        "ood_threshold": ood_threshold,
        "seen_materials_validation_recall": rate(val_out[1][seen[keep_val]] > contaminant_threshold),
        "per_material": per_material,
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
    parser.add_argument("--calibration", required=True, help="clean-ore CSV the contaminant threshold is set on")
    parser.add_argument("--probe-holdout", default="", help="materials the probe network is trained without (comma-separated)")
    parser.add_argument("--probe-test", help="CSV of the probe's held-out materials")
    parser.add_argument("--checkpoint", help="where to save the trained weights")
    parser.add_argument("--reuse-checkpoint", action="store_true", help="skip training when the checkpoint exists")
    args = parser.parse_args()
    set_determinism()
    started = time.time()
    load_start = os.getloadavg()

    train_set = Dataset.concatenate("train", [Dataset("train", p) for p in args.train])
    val_set = Dataset("validation", args.validation)
    heldout = [Dataset(*spec.split("=", 1)) for spec in args.heldout]
    calibration = Dataset("calibration", args.calibration)
    if (calibration.label != "ore").any():
        raise SystemExit(f"{args.calibration}: the calibration set must be clean ore only")
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
    contaminant_threshold = choose_contaminant_threshold(run_exported(exported, calibration.x)[1])
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

    clean_heldout = [d for d in heldout if (d.label == "ore").all()] or [val_set]
    ore_pool = np.concatenate([d.x[d.label == "ore"] for d in clean_heldout])
    foreign_names, foreign_x = foreign_spectra(ore_pool, SEED + 1)
    foreign_out = run_exported(exported, foreign_x)
    foreign = {name: outcomes(np.full((foreign_names == name).sum(), "foreign"), [o[foreign_names == name] for o in foreign_out],
                              contaminant_threshold, ood_threshold)
               for name in FOREIGN_RECIPES}

    holdout = [m for m in args.probe_holdout.split(",") if m]
    probe = train_probe(args, train_set, val_set, calibration, holdout) if holdout and args.probe_test else None

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
            "contaminant": f"max({MIN_CONTAMINANT_THRESHOLD}, the {100 * (1 - ORE_FP_TARGET_ON_CALIBRATION):.1f}th percentile of contaminant scores on the {len(calibration.y):,}-row clean-ore calibration set)",
            "ood": f"{100 * OOD_QUANTILE:.1f}th percentile of OOD scores of NIR-visible validation spectra",
        },
        "data": {
            name: {"file": " + ".join(os.path.basename(x) for x in d.path.split(" + ")), "rows": int(len(d.y)), "rows_used": int(d.usable.sum()),
                   "brands": sorted(set(d.brand)), "moisture_range": [float(d.moisture.min()), float(d.moisture.max())],
                   "class_counts": {c: int((d.y == i).sum()) for i, c in enumerate(CLASSES)},
                   "black_rows_excluded": int(d.black.sum())}
            for name, d in [("train", train_set), ("validation", val_set), ("calibration", calibration)] + [(d.name, d) for d in heldout]
        },
        "target_definition": {
            "recall": "contaminant rows whose material has NIR overtone bands: every material except black_* (carbon black) "
                      f"and {', '.join(NOT_NIR_VISIBLE_MATERIALS)}; those are reported separately",
            "not_nir_visible": ["black_*"] + list(NOT_NIR_VISIBLE_MATERIALS),
        },
        "probe_heldout_materials": probe,
        "foreign_shapes": {"seed": SEED + 1, "per_material_rows": FOREIGN_PER_MATERIAL,
                           "ore_source": ", ".join(d.name for d in clean_heldout), "per_material": foreign},
        "run": {"python_seconds": time.time() - started, "load_average_start": list(load_start),
                "load_average_end": list(os.getloadavg()), "utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime())},
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
        print(f"{e['name']:20s} recall {e['contaminant_recall_target']} metal {e['metal_recall']} "
              f"ore FP {e['ore_false_positive_rate']} ({e['ore_false_positives']} of {e['ore_count']}) unknown {e['unknown_rate_nir_visible_rows']:.4f}")
    if probe:
        for material, o in probe["per_material"].items():
            print(f"probe, held-out {material}: {o}")
    for material, o in foreign.items():
        print(f"foreign {material}: alarm {o['alarm_other_kind']:.3f} unknown-only {o['unknown_without_alarm']:.3f} silent ore {o['silent_ore']:.3f}")
    print(f"thresholds: contaminant {contaminant_threshold:.4f}, ood {ood_threshold:.3f}; total {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
