"""Model-selection runs for the spectral classifier, on training and validation data only (the held-out sets are
never loaded here). Used to choose 1.1.0's changes; see README.md beside this file for the runs and their results.

  /usr/bin/python3 models/training/experiments/spectral_selection.py NAME [--epochs N] [--width K]
      [--moisture-aug PCT] [--train-max-moisture CUT --dev-min-moisture M]

Without --train-max-moisture: trains on train.csv + train-rare.csv and reports on validation.csv.
With it (the moisture-extrapolation proxy): trains only on rows with ore moisture <= CUT, takes the threshold from
validation rows <= CUT, and reports on validation rows wetter than M - a shift like the held-out wet set's, made
inside the training range. Data: DATA_DIR (default /tmp/sc-spectral-data, written by train_spectral.sh).
"""
import argparse
import os
import sys
import time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import spectral_model as sm  # noqa: E402
import train_spectral as ts  # noqa: E402


def moisture_direction(data: ts.Dataset, rows: np.ndarray) -> np.ndarray:
    """Change of log reflectance per 1 % ore moisture on clean ore, within brand (least squares)."""
    ore = rows & (data.label == "ore")
    log_x = np.log(np.clip(data.x[ore].astype(np.float64), 1e-3, None))
    moisture = data.moisture[ore].copy()
    brand = data.brand[ore]
    for b in set(brand):
        same = brand == b
        log_x[same] -= log_x[same].mean(axis=0)
        moisture[same] -= moisture[same].mean()
    return -(log_x * moisture[:, None]).sum(axis=0) / (moisture ** 2).sum()


def with_moisture_augmentation(direction: np.ndarray, max_extra_pct: float):
    """Half the rows of each batch get up to max_extra_pct more moisture (Beer-Lambert along the fitted direction)."""
    water = torch.tensor(direction, dtype=torch.float32)
    base = ts.augment

    def augment(x: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        n = x.shape[0]
        extra = max_extra_pct * torch.rand(n, 1, generator=generator) * (torch.rand(n, 1, generator=generator) < 0.5)
        return base(x * torch.exp(-extra * water), generator)

    return augment


class WideNet(sm.SpectralNet):
    """SpectralNet with every layer k times wider."""

    def __init__(self, n_classes: int, k: int) -> None:
        super().__init__(n_classes, 64 * k)
        self.conv = nn.Sequential(
            nn.Conv1d(2, 16 * k, 7), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(16 * k, 32 * k, 5), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(32 * k, 32 * k, 5), nn.ReLU(), nn.MaxPool1d(2))
        self.head = nn.Sequential(nn.Linear(32 * k * 15 + 2, 64 * k), nn.ReLU())
        self.classifier = nn.Linear(64 * k, n_classes)


def report(name: str, part: str, contaminant: np.ndarray, y: np.ndarray, material: np.ndarray, threshold: float) -> None:
    cont = y >= len(ts.ORE_CLASSES)
    metal = material == "scrap_metal"
    print(f"RESULT {name} {part}: rows {len(y)}, contaminant recall {(contaminant[cont] > threshold).mean():.4f}, "
          f"metal recall {(contaminant[metal] > threshold).mean():.4f} (of {metal.sum()}), "
          f"clean-ore FP {(contaminant[~cont] > threshold).mean():.4f}, threshold {threshold:.4f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("--epochs", type=int, default=ts.EPOCHS)
    parser.add_argument("--width", type=int, default=1)
    parser.add_argument("--moisture-aug", type=float, default=0.0, help="extra moisture, %% (0 = off)")
    parser.add_argument("--train-max-moisture", type=float)
    parser.add_argument("--dev-min-moisture", type=float)
    args = parser.parse_args()
    data_dir = os.environ.get("DATA_DIR", "/tmp/sc-spectral-data")
    ts.EPOCHS = args.epochs
    ts.set_determinism()
    train_set = ts.Dataset.concatenate("train", [ts.Dataset("train", os.path.join(data_dir, f)) for f in ["train.csv", "train-rare.csv"]])
    val_set = ts.Dataset("validation", os.path.join(data_dir, "validation.csv"))

    proxy = args.train_max_moisture is not None
    cut = args.train_max_moisture if proxy else np.inf
    train_rows = train_set.usable & (train_set.moisture <= cut)
    fit_rows = val_set.usable & (val_set.moisture <= cut)
    if args.moisture_aug > 0:
        ts.augment = with_moisture_augmentation(moisture_direction(train_set, train_set.moisture <= cut), args.moisture_aug)

    x, y = train_set.x[train_rows], train_set.y[train_rows]
    net = WideNet(len(ts.CLASSES), args.width) if args.width > 1 else sm.SpectralNet(len(ts.CLASSES))
    started = time.time()
    ts.train(net, x, y, val_set.x[fit_rows], val_set.y[fit_rows])
    net.eval()
    means, cholesky = ts.fit_ood(net, x, y)
    mask = np.array([1.0 if c in ts.CONTAMINANT_CLASSES else 0.0 for c in ts.CLASSES])
    exported = sm.ExportedClassifier(net, means, cholesky, mask).eval()
    contaminant = ts.run_exported(exported, val_set.x)[1]
    threshold = ts.choose_contaminant_threshold(contaminant[fit_rows], val_set.y[fit_rows])
    print(f"trained in {time.time() - started:.0f} s")
    parts = [("validation", fit_rows)]
    if proxy:
        parts.append((f"validation wetter than {args.dev_min_moisture} %", val_set.usable & (val_set.moisture > (args.dev_min_moisture or cut))))
    for part, rows in parts:
        report(args.name, part, contaminant[rows], val_set.y[rows], val_set.material[rows], threshold)


if __name__ == "__main__":
    main()
