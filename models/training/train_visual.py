"""Trains, exports and evaluates the visual debris detector.

Run through models/training/train_visual.sh (which first renders the frames with the simulator CLI).
Everything written here - the ONNX file, metrics.json, the model card, the C# parity data - comes from
this run: no number is typed by hand.
"""
import argparse
import csv
import hashlib
import json
import os
import random
import shutil
import sys
import time

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import visual_model as vm  # noqa: E402
import visual_model_card  # noqa: E402

MODEL_ID = "sc-visual-centernet"
SEED = 20261127
STEPS = int(os.environ.get("SC_STEPS", "6000"))   # 6000: ~20-35 min on the shared box (1.1.0: 1500); SC_STEPS: pilot runs only
BATCH = 16
CROP_H, CROP_W = 112, 192         # model pixels (multiples of 16, the coarsest stage): crops make CPU training affordable
LEARNING_RATE = 4e-3
FULL_PX_PER_CELL = 16.0            # 1280 / 80 and 720 / 45
NMS_IOU = 0.5
# Photometric augmentation (training crops only; the rendered training sets have gain 0.85-1.15 in white light and
# 3-5 px of blur): lamp ageing, dirt on the housing, sun through the shed door and coloured lamps change the light
# far more than that. Gain is drawn log-uniform, the colour cast per channel; extra vertical blur stands for a
# faster belt. SC_AUGMENT_LIGHT=0 turns it off (for comparison runs).
AUGMENT_LIGHT = os.environ.get("SC_AUGMENT_LIGHT", "1") == "1"
AUGMENT_PROBABILITY = 0.85
AUGMENT_GAIN = (0.55, 1.5)
AUGMENT_CAST = 0.15
AUGMENT_BLUR_PROBABILITY = 0.3
AUGMENT_BLUR_PX = (2, 3)           # extra vertical box blur in model pixels (x4 in frame pixels)
# Hard negatives: at these fractions of training the model scores clean training frames; the crops that follow
# are centred on their strongest false peaks this often (on top of the random crops).
HARD_NEGATIVE_AT = tuple(float(f) for f in os.environ.get("SC_HN_AT", "0.3,0.5,0.7,0.85").split(","))
HARD_NEGATIVE_FRAMES = int(os.environ.get("SC_HN_FRAMES", "1000"))
# Clean frames are scored re-lit (the augmentation's light range): the held-out false alarms came under light the
# rendered training frames lack. SC_HN_RELIT=0: as rendered (the 1.1.0 way). 1.1.0: at 0.4, 0.7 of training, 400 frames.
HARD_NEGATIVE_RELIT = os.environ.get("SC_HN_RELIT", "1") == "1"
HARD_NEGATIVE_SHARE = 0.15
HARD_NEGATIVE_MIN_SCORE = 0.05
ITEM_CROP_SHARE = 0.65
MIN_THRESHOLD = 0.3
CLEAN_QUANTILE = 0.999             # of per-frame maximum scores on clean validation frames (and their re-lit copies)
THRESHOLD_RELIT_COPIES = 2         # each clean validation frame is also scored under this many random lights (augmentation range)
MAX_DETECTIONS = 50
COUNTED_VISIBLE = 0.5              # items less visible than this (cut by the frame edge) are neither required nor false
SIZE_BINS = [(0, 5), (5, 10), (10, 20), (20, 61)]
LANE_BARS = (0.4, 0.7)             # the lane's default VisualSuspectScore and VisualContaminatedScore (edge/SmartCustoms.Edge.Core)
CLASSES = vm.CLASSES


def set_determinism() -> None:
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    # One thread: on a shared, oversubscribed machine two OpenMP threads wait for each other at every
    # barrier (measured: 20x slower per step than one thread while other builds ran).
    torch.set_num_threads(1)


class FrameSet:
    """One rendered set: frames.u8 (N x 180 x 320 x 3, BGR), frames.csv, boxes.csv (full-frame pixels)."""

    def __init__(self, name: str, directory: str) -> None:
        self.name = name
        self.directory = directory
        with open(os.path.join(directory, "frames.csv"), newline="") as handle:
            self.frames = list(csv.DictReader(handle))
        raw = np.fromfile(os.path.join(directory, "frames.u8"), dtype=np.uint8)
        self.pixels = raw.reshape(-1, vm.INPUT_HEIGHT, vm.INPUT_WIDTH, 3)
        if len(self.pixels) != len(self.frames):
            raise SystemExit(f"{directory}: {len(self.pixels)} frames in frames.u8 but {len(self.frames)} rows in frames.csv")
        self.boxes = [[] for _ in self.frames]
        with open(os.path.join(directory, "boxes.csv"), newline="") as handle:
            for row in csv.DictReader(handle):
                self.boxes[int(row["frame"])].append({
                    "cls": CLASSES.index(row["class"]), "material": row["material"], "colour": row["colour"],
                    "size_cm": float(row["size_cm"]),
                    "box": [float(row["x0"]), float(row["y0"]), float(row["x1"]), float(row["y1"])],
                    "visible": float(row["visible_fraction"]),
                })
        self.brands = sorted({f["brand"] for f in self.frames})

    def __len__(self) -> int:
        return len(self.frames)

    def extend(self, other: "FrameSet") -> None:
        """Appends another rendered set (more training seeds)."""
        self.name = f"{self.name}+{other.name}"
        self.frames = self.frames + other.frames
        self.pixels = np.concatenate([self.pixels, other.pixels])
        self.boxes = self.boxes + other.boxes
        self.brands = sorted(set(self.brands) | set(other.brands))

    def conditions(self) -> dict:
        gains = [float(f["gain"]) for f in self.frames]
        speeds = [float(f["speed_mps"]) for f in self.frames]
        blur = [int(f["blur_px"]) for f in self.frames]
        return {"frames": len(self.frames), "brands": self.brands, "items": sum(len(b) for b in self.boxes),
                "clean_frames": sum(1 for b in self.boxes if not b),
                "gain": [round(min(gains), 3), round(max(gains), 3)], "speed_mps": [round(min(speeds), 2), round(max(speeds), 2)],
                "blur_px": [min(blur), max(blur)]}


# ---------------------------------------------------------------- targets and loss

def gaussian_targets(boxes, gy0: int, gx0: int, gh: int, gw: int):
    """CenterNet targets for a crop whose top-left cell is (gy0, gx0): heatmap, box regression, positives, ignore weight."""
    heat = np.zeros((len(CLASSES), gh, gw), np.float32)
    reg = np.zeros((4, gh, gw), np.float32)
    pos = np.zeros((gh, gw), np.float32)
    weight = np.ones((gh, gw), np.float32)
    ys = np.arange(gh, dtype=np.float32)[:, None] + gy0 + 0.5
    xs = np.arange(gw, dtype=np.float32)[None, :] + gx0 + 0.5
    for b in boxes:
        x0, y0, x1, y1 = (v / FULL_PX_PER_CELL for v in b["box"])
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        w, h = max(x1 - x0, 0.25), max(y1 - y0, 0.25)
        ix, iy = int(np.floor(cx)) - gx0, int(np.floor(cy)) - gy0
        if not (0 <= ix < gw and 0 <= iy < gh):
            # Centre outside the crop: what shows of the item is neither object nor background.
            ax0, ax1 = max(0, int(np.floor(x0)) - gx0), min(gw, int(np.ceil(x1)) - gx0)
            ay0, ay1 = max(0, int(np.floor(y0)) - gy0), min(gh, int(np.ceil(y1)) - gy0)
            if ax0 < ax1 and ay0 < ay1:
                weight[ay0:ay1, ax0:ax1] = 0
            continue
        sx, sy = max(0.5, w / 6), max(0.5, h / 6)
        g = np.exp(-((xs - (np.floor(cx) + 0.5)) ** 2) / (2 * sx * sx) - ((ys - (np.floor(cy) + 0.5)) ** 2) / (2 * sy * sy))
        heat[b["cls"]] = np.maximum(heat[b["cls"]], g)
        heat[b["cls"], iy, ix] = 1.0
        reg[:, iy, ix] = [cx - np.floor(cx), cy - np.floor(cy), np.log(w), np.log(h)]
        pos[iy, ix] = 1.0
    return heat, reg, pos, weight


def focal_loss(logits, target, weight):
    p = torch.sigmoid(logits).clamp(1e-4, 1 - 1e-4)
    positive = target.eq(1).float()
    negative = (1 - positive) * weight.unsqueeze(1)
    pos_loss = -torch.log(p) * (1 - p) ** 2 * positive
    neg_loss = -torch.log(1 - p) * p ** 2 * (1 - target) ** 4 * negative
    return (pos_loss.sum() + neg_loss.sum()) / positive.sum().clamp(min=1)


def regression_loss(box_logits, reg, pos):
    offset = torch.sigmoid(box_logits[:, 0:2])
    predicted = torch.cat([offset, box_logits[:, 2:4]], dim=1)
    mask = pos.unsqueeze(1)
    return (torch.abs(predicted - reg) * mask).sum() / mask.sum().clamp(min=1)


class ItemIndex:
    """Every item of the training set with a sampling weight 1/(items of its class): the rare classes (wool = other_organic,
    scrap metal = metal) are centred in crops as often as plastics, so the network learns to name them."""

    def __init__(self, data: FrameSet) -> None:
        self.items = [(i, k) for i, boxes in enumerate(data.boxes) for k in range(len(boxes))]
        counts = np.bincount([data.boxes[i][k]["cls"] for i, k in self.items], minlength=len(CLASSES)).astype(np.float64)
        weights = np.array([1.0 / counts[data.boxes[i][k]["cls"]] for i, k in self.items])
        self.cumulative = np.cumsum(weights / weights.sum())

    def draw(self, rng: np.random.Generator) -> tuple[int, int]:
        return self.items[min(int(np.searchsorted(self.cumulative, rng.random())), len(self.items) - 1)]


def relight(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Photometric augmentation of one uint8 BGR image (see AUGMENT_*)."""
    if rng.random() < AUGMENT_PROBABILITY:
        gain = np.exp(rng.uniform(np.log(AUGMENT_GAIN[0]), np.log(AUGMENT_GAIN[1])))
        light = (gain * (1 + rng.uniform(-AUGMENT_CAST, AUGMENT_CAST, 3))).astype(np.float32)
        image = np.clip(image.astype(np.float32) * light + 0.5, 0, 255).astype(np.uint8)
    if rng.random() < AUGMENT_BLUR_PROBABILITY:
        k = int(rng.integers(AUGMENT_BLUR_PX[0], AUGMENT_BLUR_PX[1] + 1))
        padded = np.pad(image.astype(np.float32), ((k // 2, k - 1 - k // 2), (0, 0), (0, 0)), mode="edge")
        image = (sum(padded[j:j + image.shape[0]] for j in range(k)) / k + 0.5).astype(np.uint8)
    return image


def sample_batch(data: FrameSet, rng: np.random.Generator, items: ItemIndex, hard_negatives: list):
    gh, gw = CROP_H // vm.STRIDE, CROP_W // vm.STRIDE
    images, heats, regs, poss, weights = [], [], [], [], []
    for _ in range(BATCH):
        draw = rng.random()
        if draw < ITEM_CROP_SHARE:
            # Crop around an item (most frames are ore): plenty of positives per step, rare classes as often as common ones.
            i, k = items.draw(rng)
            b = data.boxes[i][k]["box"]
            cx = (b[0] + b[2]) / 2 / FULL_PX_PER_CELL + rng.uniform(-gw / 3, gw / 3)
            cy = (b[1] + b[3]) / 2 / FULL_PX_PER_CELL + rng.uniform(-gh / 3, gh / 3)
            gx0, gy0 = int(cx - gw / 2), int(cy - gh / 2)
        elif hard_negatives and draw < ITEM_CROP_SHARE + HARD_NEGATIVE_SHARE:
            # Around a spot of a clean frame that an earlier state of this model took for an item.
            i, y, x = hard_negatives[int(rng.integers(len(hard_negatives)))]
            gx0 = int(x + rng.uniform(-gw / 3, gw / 3) - gw / 2)
            gy0 = int(y + rng.uniform(-gh / 3, gh / 3) - gh / 2)
        else:
            i = int(rng.integers(len(data)))
            gx0, gy0 = int(rng.integers(vm.GRID_WIDTH - gw + 1)), int(rng.integers(vm.GRID_HEIGHT - gh + 1))
        boxes = data.boxes[i]
        gx0 = min(max(gx0, 0), vm.GRID_WIDTH - gw)
        gy0 = min(max(gy0, 0), vm.GRID_HEIGHT - gh)
        image = data.pixels[i, gy0 * vm.STRIDE:gy0 * vm.STRIDE + CROP_H, gx0 * vm.STRIDE:gx0 * vm.STRIDE + CROP_W]
        heat, reg, pos, weight = gaussian_targets(boxes, gy0, gx0, gh, gw)
        # The belt looks the same mirrored either way: flips are free data.
        if rng.random() < 0.5:
            image, heat, reg, pos, weight = image[:, ::-1], heat[:, :, ::-1], reg[:, :, ::-1].copy(), pos[:, ::-1], weight[:, ::-1]
            reg[0] = np.where(pos > 0, 1 - reg[0], 0)
        if rng.random() < 0.5:
            image, heat, reg, pos, weight = image[::-1], heat[:, ::-1], reg[:, ::-1].copy(), pos[::-1], weight[::-1]
            reg[1] = np.where(pos > 0, 1 - reg[1], 0)
        if AUGMENT_LIGHT:
            image = relight(image, rng)
        images.append(np.ascontiguousarray(image))
        heats.append(np.ascontiguousarray(heat))
        regs.append(np.ascontiguousarray(reg))
        poss.append(np.ascontiguousarray(pos))
        weights.append(np.ascontiguousarray(weight))
    return (torch.from_numpy(np.stack(images)), torch.from_numpy(np.stack(heats)), torch.from_numpy(np.stack(regs)),
            torch.from_numpy(np.stack(poss)), torch.from_numpy(np.stack(weights)))


def mine_hard_negatives(model: nn.Module, data: FrameSet, rng: np.random.Generator) -> list:
    """Strongest peaks (>= HARD_NEGATIVE_MIN_SCORE) on clean training frames: (frame, cell y, cell x)."""
    clean = [i for i, b in enumerate(data.boxes) if not b]
    chosen = sorted(rng.choice(clean, size=min(HARD_NEGATIVE_FRAMES, len(clean)), replace=False).tolist())
    found = []
    model.eval()
    with torch.no_grad():
        for start in range(0, len(chosen), 50):
            idx = chosen[start:start + 50]
            pixels = data.pixels[idx]
            if HARD_NEGATIVE_RELIT and AUGMENT_LIGHT:
                pixels = np.stack([relight(p, rng) for p in pixels])
            heat, _ = model(torch.from_numpy(np.ascontiguousarray(pixels)))
            score = heat.max(dim=1).values.numpy()
            for j, i in enumerate(idx):
                for y, x in zip(*np.nonzero(score[j] >= HARD_NEGATIVE_MIN_SCORE)):
                    found.append((float(score[j, y, x]), i, int(y), int(x)))
    model.train()
    found.sort(reverse=True)
    return [(i, y, x) for _, i, y, x in found[:2000]]


def train(data: FrameSet) -> tuple[nn.Module, dict]:
    set_determinism()
    model = vm.VisualDetector()
    items = ItemIndex(data)
    hard_negatives: list = []
    mined = []
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=1e-4)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=LEARNING_RATE, total_steps=STEPS, pct_start=0.15)
    rng = np.random.default_rng(SEED)
    started = time.time()
    model.train()
    running = 0.0
    for step in range(1, STEPS + 1):
        if any(step == int(f * STEPS) for f in HARD_NEGATIVE_AT):
            hard_negatives = mine_hard_negatives(model, data, rng)
            mined.append(len(hard_negatives))
            print(f"step {step}: {len(hard_negatives)} hard-negative spots on clean training frames", flush=True)
        images, heat, reg, pos, weight = sample_batch(data, rng, items, hard_negatives)
        heat_logits, box_logits, objectness_logits = model.forward_logits(images)
        loss = focal_loss(heat_logits, heat, weight) + regression_loss(box_logits, reg, pos)
        if objectness_logits is not None:
            # Class-agnostic target: an item of any class has its centre here.
            loss = loss + focal_loss(objectness_logits, heat.max(dim=1, keepdim=True).values, weight)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
        if step % 50 == 0 or step == STEPS:
            print(f"step {step}/{STEPS} loss {running:.3f} ({time.time() - started:.0f} s)", flush=True)
    model.eval()
    return model, {"steps": STEPS, "batch": BATCH, "crop": [CROP_H, CROP_W], "seconds": round(time.time() - started, 1),
                   "widths": list(vm.WIDTHS), "item_crop_share": ITEM_CROP_SHARE, "class_balanced_items": True,
                   **({"augment_gain": list(AUGMENT_GAIN), "augment_cast": AUGMENT_CAST, "augment_probability": AUGMENT_PROBABILITY,
                       "augment_blur_px": list(AUGMENT_BLUR_PX), "augment_blur_probability": AUGMENT_BLUR_PROBABILITY} if AUGMENT_LIGHT else {}),
                   "hard_negative_at": list(HARD_NEGATIVE_AT), "hard_negative_share": HARD_NEGATIVE_SHARE, "hard_negative_spots": mined,
                   "hard_negative_frames": HARD_NEGATIVE_FRAMES, "hard_negative_relit": HARD_NEGATIVE_RELIT and AUGMENT_LIGHT,
                   "objectness": vm.OBJECTNESS, "learning_rate": LEARNING_RATE, "seed": SEED,
                   "torch_threads": torch.get_num_threads(), "load_average_end": open("/proc/loadavg").read().strip(),
                   "parameters": sum(p.numel() for p in model.parameters())}


# ---------------------------------------------------------------- decoding (the C# VisualDetector does the same)

def decode(heat: np.ndarray, box: np.ndarray, threshold: float):
    """One frame's outputs -> detections [(cls, score, x0, y0, x1, y1)] in full-frame pixels (1280x720 reference).

    Per cell the best class; a cell is a candidate when its score is the maximum of its 3x3 neighbourhood
    and at least the threshold; best MAX_DETECTIONS candidates; greedy class-agnostic NMS at NMS_IOU.
    """
    cls = heat.argmax(axis=0)
    score = heat.max(axis=0)
    padded = np.pad(score, 1, constant_values=-1)
    neighbourhood = np.max(np.stack([padded[dy:dy + score.shape[0], dx:dx + score.shape[1]] for dy in range(3) for dx in range(3)]), axis=0)
    ys, xs = np.nonzero((score >= neighbourhood) & (score >= threshold))
    order = np.argsort(-score[ys, xs], kind="stable")[:MAX_DETECTIONS]
    candidates = []
    for k in order:
        y, x = ys[k], xs[k]
        cx = (x + box[0, y, x]) * FULL_PX_PER_CELL
        cy = (y + box[1, y, x]) * FULL_PX_PER_CELL
        w = np.exp(box[2, y, x]) * FULL_PX_PER_CELL
        h = np.exp(box[3, y, x]) * FULL_PX_PER_CELL
        candidates.append((int(cls[y, x]), float(score[y, x]), cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
    kept = []
    for c in candidates:
        if all(iou(c[2:], k[2:]) < NMS_IOU for k in kept):
            kept.append(c)
    return kept


def iou(a, b) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def predict(model: nn.Module, data: FrameSet, batch: int = 50, pixels=None):
    pixels = data.pixels if pixels is None else pixels
    heats, boxes = [], []
    with torch.no_grad():
        for start in range(0, len(pixels), batch):
            h, b = model(torch.from_numpy(np.ascontiguousarray(pixels[start:start + batch])))
            heats.append(h.numpy())
            boxes.append(b.numpy())
    return np.concatenate(heats), np.concatenate(boxes)


# ---------------------------------------------------------------- evaluation

def average_precision(scored: list, positives: int) -> float:
    if positives == 0:
        return float("nan")
    scored.sort(key=lambda s: -s[0])
    tp = np.cumsum([1 if s[1] else 0 for s in scored])
    fp = np.cumsum([0 if s[1] else 1 for s in scored])
    if len(scored) == 0:
        return 0.0
    recall = tp / positives
    precision = tp / np.maximum(tp + fp, 1)
    # All-point interpolation (VOC 2010+).
    mrec = np.concatenate([[0], recall, [1]])
    mpre = np.concatenate([[0], precision, [0]])
    for i in range(len(mpre) - 2, -1, -1):
        mpre[i] = max(mpre[i], mpre[i + 1])
    idx = np.nonzero(mrec[1:] != mrec[:-1])[0]
    return float(np.sum((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1]))


def size_bin(size_cm: float) -> str:
    for lo, hi in SIZE_BINS:
        if lo <= size_cm < hi:
            return f"{lo}-{hi - 1 if hi == 61 else hi} cm" if hi != 61 else f">= {lo} cm"
    return f">= {SIZE_BINS[-1][0]} cm"


def evaluate(data: FrameSet, heat: np.ndarray, box: np.ndarray, threshold: float) -> dict:
    # mAP@0.5: per class, class-aware greedy matching of all detections >= 0.05.
    per_class_scored = {c: [] for c in range(len(CLASSES))}
    per_class_positives = {c: 0 for c in range(len(CLASSES))}
    items = []
    false_detections = 0
    for i in range(len(data)):
        truth = data.boxes[i]
        counted = [t for t in truth if t["visible"] >= COUNTED_VISIBLE]
        for t in counted:
            per_class_positives[t["cls"]] += 1
        low = decode(heat[i], box[i], 0.05)
        for c in range(len(CLASSES)):
            used = set()
            for d in (d for d in low if d[0] == c):
                best, best_j = 0.0, -1
                for j, t in enumerate(truth):
                    if t["cls"] != c or j in used:
                        continue
                    o = iou(d[2:], t["box"])
                    if o > best:
                        best, best_j = o, j
                if best >= 0.5:
                    used.add(best_j)
                    if truth[best_j]["visible"] >= COUNTED_VISIBLE:
                        per_class_scored[c].append((d[1], True))
                else:
                    per_class_scored[c].append((d[1], False))
        # Operating point: class-agnostic (an item found is an alarm whatever class it is given).
        detections = decode(heat[i], box[i], threshold)
        matched = set()
        for t in truth:
            best, best_d = 0.0, None
            for k, d in enumerate(detections):
                o = iou(d[2:], t["box"])
                if o > best:
                    best, best_d = o, k
            if best_d is not None and best >= 0.3:
                matched.add(best_d)
            if t["visible"] >= COUNTED_VISIBLE:
                items.append({"cls": CLASSES[t["cls"]], "material": t["material"], "colour": t["colour"], "size_cm": t["size_cm"],
                              "found_iou50": best >= 0.5, "found_iou30": best >= 0.3,
                              "score_iou50": detections[best_d][1] if best >= 0.5 else 0.0,
                              "class_right": best >= 0.3 and CLASSES[detections[best_d][0]] == CLASSES[t["cls"]]})
        false_detections += len(detections) - len(matched)
    ap = {CLASSES[c]: average_precision(per_class_scored[c], per_class_positives[c]) for c in range(len(CLASSES))}
    valid_ap = [v for v in ap.values() if not np.isnan(v)]

    def recall(selection):
        n = len(selection)
        return {"items": n,
                "found_iou50": sum(s["found_iou50"] for s in selection), "found_iou30": sum(s["found_iou30"] for s in selection),
                "recall_iou50": (sum(s["found_iou50"] for s in selection) / n) if n else None,
                "recall_iou30": (sum(s["found_iou30"] for s in selection) / n) if n else None,
                "class_right": sum(s["class_right"] for s in selection)}

    big = [s for s in items if s["size_cm"] >= 5]
    return {
        "frames": len(data), "brands": data.brands, "items": len(items),
        "map50": float(np.mean(valid_ap)) if valid_ap else None, "ap50": ap,
        "recall_ge5cm": recall(big),
        "recall_ge5cm_not_black": recall([s for s in big if s["colour"] != "black"]),
        "recall_all_sizes": recall(items),
        "by_size": {size_bin(lo + 0.01): recall([s for s in items if lo <= s["size_cm"] < hi]) for lo, hi in SIZE_BINS},
        "by_material_ge5cm": {m: recall([s for s in big if s["material"] == m]) for m in sorted({s["material"] for s in items})},
        "by_class_ge5cm": {c: recall([s for s in big if s["cls"] == c]) for c in CLASSES},
        "false_detections": false_detections,
        "false_detections_per_1000_frames": 1000 * false_detections / len(data),
        # The lane judges visual detections by score (Lane:Verdicts:VisualSuspectScore, VisualContaminatedScore): share of
        # the items >= 5 cm found (IoU 0.5) with at least each bar.
        "recall_ge5cm_by_score": {str(bar): (sum(s["score_iou50"] >= bar for s in big) / len(big)) if big else None for bar in LANE_BARS},
    }


def clean_frame_scores(heat: np.ndarray) -> np.ndarray:
    return heat.reshape(len(heat), -1).max(axis=1)


# ---------------------------------------------------------------- export and parity data

def export(model: nn.Module, path: str, metadata: dict) -> None:
    example = torch.zeros(1, vm.INPUT_HEIGHT, vm.INPUT_WIDTH, 3, dtype=torch.uint8)
    torch.onnx.export(
        model, example, path, input_names=["frames"], output_names=["heatmap", "box"],
        dynamic_axes={name: {0: "batch"} for name in ["frames", "heatmap", "box"]},
        opset_version=17, do_constant_folding=True)
    proto = onnx.load(path)
    onnx.checker.check_model(proto)
    del proto.metadata_props[:]
    for key, value in metadata.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, str(value)
    proto.doc_string = "SmartCustoms visual debris detector; see visual-detector.md"
    onnx.save(proto, path)


def export_mismatched(path: str, metadata: dict) -> None:
    """Right names and metadata, but a 4-class heatmap: the registry must refuse it."""

    class Tiny(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 8, 4, stride=4)

        def forward(self, frames):
            y = self.conv(frames.permute(0, 3, 1, 2).float())
            return torch.sigmoid(y[:, 0:4]), y[:, 4:8]

    torch.manual_seed(0)
    torch.onnx.export(
        Tiny().eval(), torch.zeros(1, vm.INPUT_HEIGHT, vm.INPUT_WIDTH, 3, dtype=torch.uint8), path,
        input_names=["frames"], output_names=["heatmap", "box"],
        dynamic_axes={name: {0: "batch"} for name in ["frames", "heatmap", "box"]}, opset_version=17)
    proto = onnx.load(path)
    for key, value in metadata.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, str(value)
    onnx.save(proto, path)


def write_reference(test_dir: str, data: FrameSet, model: nn.Module, threshold: float) -> None:
    """JPEGs as the camera sends them, the model input the simulator made from them, and what the model answers."""
    os.makedirs(test_dir, exist_ok=True)
    jpegs = sorted(f for f in os.listdir(os.path.join(data.directory, "jpeg")) if f.endswith(".jpg"))
    frames = []
    outputs = []
    for name in jpegs:
        index = int(name.split(".")[0])
        shutil.copyfile(os.path.join(data.directory, "jpeg", name), os.path.join(test_dir, f"frame-{index}.jpg"))
        pixels = np.ascontiguousarray(data.pixels[index])
        with torch.no_grad():
            heat, box = model(torch.from_numpy(pixels[None]))
        heat, box = heat.numpy()[0], box.numpy()[0]
        outputs.append(np.concatenate([heat.ravel(), box.ravel()]).astype("<f4"))
        frames.append({
            "jpeg": f"frame-{index}.jpg",
            "input_sha256": hashlib.sha256(pixels.tobytes()).hexdigest(),
            "truth": [{"class": CLASSES[t["cls"]], "box": t["box"], "size_cm": t["size_cm"]} for t in data.boxes[index]],
            "detections": [{"class": CLASSES[d[0]], "score": d[1], "box": list(d[2:])} for d in decode(heat, box, threshold)],
        })
    np.concatenate(outputs).tofile(os.path.join(test_dir, "reference-outputs.f32"))
    with open(os.path.join(test_dir, "reference-outputs.json"), "w") as handle:
        json.dump({"threshold": threshold, "nms_iou": NMS_IOU, "outputs_file": "reference-outputs.f32",
                   "outputs_layout": "per frame: heatmap [classes,45,80] then box [4,45,80], float32 little-endian",
                   "frames": frames}, handle, indent=1)


def sha256_of(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--train", action="append", required=True, help="rendered training set (repeat for more seeds)")
    parser.add_argument("--validation", required=True)
    parser.add_argument("--validation-clean", required=True)
    parser.add_argument("--heldout", action="append", default=[])
    parser.add_argument("--clean", required=True)
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--reuse-checkpoint", action="store_true")
    args = parser.parse_args()

    load = lambda name: FrameSet(name, os.path.join(args.data, name))  # noqa: E731
    train_set = load(args.train[0])
    train_parts = {name: load(name) for name in args.train}
    for name in args.train[1:]:
        train_set.extend(train_parts[name])
    if args.reuse_checkpoint and os.path.exists(args.checkpoint):
        saved = torch.load(args.checkpoint)
        model = vm.VisualDetector()
        model.load_state_dict(saved["weights"])
        model.eval()
        training = saved["training"]
    else:
        model, training = train(train_set)
        torch.save({"weights": model.state_dict(), "training": training}, args.checkpoint)
    set_determinism()
    if os.environ.get("SC_FLIP_AVERAGE", "1") == "1":   # mirrored test-time average (vm.FlipAveraged); 0 = plain network
        model = vm.FlipAveraged(model).eval()
        training = {**training, "flip_averaged": True}

    # Threshold: no clean validation frame may produce a detection, up to CLEAN_QUANTILE - the frames as rendered
    # (training conditions) and re-lit copies within the augmentation range (the light the model was trained for).
    validation_clean = load(args.validation_clean)
    clean_scores = [clean_frame_scores(predict(model, validation_clean)[0])]
    relight_rng = np.random.default_rng(SEED + 1)
    for _ in range(THRESHOLD_RELIT_COPIES if AUGMENT_LIGHT else 0):
        relit = np.stack([relight(p, relight_rng) for p in validation_clean.pixels])
        clean_scores.append(clean_frame_scores(predict(model, validation_clean, pixels=relit)[0]))
    clean_scores = np.concatenate(clean_scores)
    threshold = float(max(MIN_THRESHOLD, np.quantile(clean_scores, CLEAN_QUANTILE) + 0.01))
    threshold = round(threshold, 4)
    print(f"threshold {threshold} (clean validation frame maxima: p99 {np.quantile(clean_scores, 0.99):.3f}, max {clean_scores.max():.3f})")

    data_conditions = {**{name: part.conditions() for name, part in train_parts.items()}, args.validation_clean: validation_clean.conditions()}
    results = {}
    for name in [args.validation] + args.heldout:
        data = load(name)
        data_conditions[name] = data.conditions()
        heat, box = predict(model, data)
        results[name] = evaluate(data, heat, box, threshold)
        r = results[name]
        print(f"{name}: mAP50 {r['map50']:.3f}, recall >=5cm {r['recall_ge5cm']['recall_iou50']:.4f} (IoU .3: {r['recall_ge5cm']['recall_iou30']:.4f}), "
              f"false/1000 frames {r['false_detections_per_1000_frames']:.1f}", flush=True)
    clean = {}
    for name in [args.validation_clean, args.clean]:
        data = load(name)
        data_conditions[name] = data.conditions()
        heat, box = predict(model, data)
        false = sum(len(decode(heat[i], box[i], threshold)) for i in range(len(data)))
        frames_with = sum(1 for i in range(len(data)) if decode(heat[i], box[i], threshold))
        false_scores = [d[1] for i in range(len(data)) for d in decode(heat[i], box[i], threshold)]
        clean[name] = {"frames": len(data), "brands": data.brands, "false_detections": false, "frames_with_false_detection": frames_with,
                       "false_detections_by_score": {str(bar): sum(x >= bar for x in false_scores) for bar in LANE_BARS},
                       "per_1000_frames": 1000 * false / len(data), "max_score": float(clean_frame_scores(heat).max())}
        print(f"{name}: {false} false detections in {len(data)} clean frames", flush=True)

    onnx_dir = os.path.join(args.repo, "models", "onnx")
    path = os.path.join(onnx_dir, "visual-detector.onnx")
    metadata = {
        "model_id": MODEL_ID, "model_version": args.version, "class_names": ",".join(CLASSES),
        "input_width": vm.INPUT_WIDTH, "input_height": vm.INPUT_HEIGHT, "input_format": "uint8 NHWC BGR",
        "stride": vm.STRIDE, "score_threshold": threshold, "nms_iou": NMS_IOU, "max_detections": MAX_DETECTIONS,
        "preprocessing": "JPEG decoded at half size (IMREAD_REDUCED_COLOR_2), INTER_AREA resize to 320x180",
        "trained": time.strftime("%Y-%m-%d"),
    }
    export(model, path, metadata)
    test_dir = os.path.join(args.repo, "tests", "SmartCustoms.Models.Tests", "TestData", "visual")
    write_reference(test_dir, load(args.validation), model, threshold)
    export_mismatched(os.path.join(test_dir, "mismatched-detector.onnx"), metadata)

    metrics = {
        "model": {"id": MODEL_ID, "version": args.version, "file": "models/onnx/visual-detector.onnx", "sha256": sha256_of(path)},
        "classes": CLASSES, "threshold": threshold, "nms_iou": NMS_IOU, "counted_visible_fraction": COUNTED_VISIBLE,
        "threshold_rule": {"quantile": CLEAN_QUANTILE, "min": MIN_THRESHOLD, "relit_copies": THRESHOLD_RELIT_COPIES if AUGMENT_LIGHT else 0,
                           "clean_frames_scored": int(len(clean_scores))},
        "train_sets": args.train,
        "training": training, "data": data_conditions,
        "sets": results, "clean": clean, "heldout_sets": args.heldout, "validation_set": args.validation, "clean_heldout_set": args.clean,
        "validation_clean_set": args.validation_clean,
    }
    with open(os.path.join(onnx_dir, "visual-detector.metrics.json"), "w") as handle:
        json.dump(metrics, handle, indent=1, default=lambda o: o.item() if hasattr(o, "item") else str(o))
    visual_model_card.write(args.repo)
    print(f"wrote {path} (sha256 {metrics['model']['sha256']})")


if __name__ == "__main__":
    main()
