"""The visual debris detector: a small fully-convolutional CenterNet-style network.

Input: camera frames already shrunk to 320x180 (area interpolation), uint8, NHWC, BGR - exactly the bytes
of an OpenCV Mat, so the C# side copies the Mat and nothing else. Normalisation happens inside the graph.
Outputs on a grid of stride 4 (80x45 cells, one cell = 16x16 pixels of a 1280x720 frame):
  heatmap [B, C, 45, 80]: per class, probability that an item's centre lies in the cell (sigmoid);
  box     [B, 4, 45, 80]: sub-cell offset of the centre (x, y, 0-1) and log of the box width and height
                           in cells. Decoding (3x3 peak, threshold, NMS) happens in C#.
"""
import os

import torch
from torch import nn
import torch.nn.functional as F

CLASSES = ["plastic", "rubber", "cellulose", "other_organic", "metal"]
INPUT_WIDTH = 320
INPUT_HEIGHT = 180
STRIDE = 4  # model pixels per output cell
GRID_WIDTH = INPUT_WIDTH // STRIDE
GRID_HEIGHT = INPUT_HEIGHT // STRIDE


def conv(cin: int, cout: int, stride: int = 1, dilation: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride=stride, padding=dilation, dilation=dilation, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True))


# Channel widths at stride 4, 8 and 16. 1.0.0 had (16, 32, 48); 1.1.0 is wider (the latency target leaves room:
# 1.0.0 took ~2 ms per frame of model time) so dark items on dark ore and the rare classes get more capacity.
WIDTHS = tuple(int(w) for w in os.environ.get("SC_WIDTHS", "24,48,96").split(","))  # SC_WIDTHS: comparison runs only
# 1.2.0: a class-agnostic objectness head scores "an item's centre is here"; the class head only shares it out. In 1.1.0
# the per-class scores at an item's centre summed to ~1.2 but their maximum was ~0.4 (the classes hedged), so an item the
# network had clearly found was often below the threshold. SC_OBJECTNESS=0: the 1.1.0 design (comparison runs only).
OBJECTNESS = os.environ.get("SC_OBJECTNESS", "1") == "1"


class VisualDetector(nn.Module):
    def __init__(self, classes: int = len(CLASSES), widths: tuple = WIDTHS) -> None:
        super().__init__()
        c4, c8, c16 = widths
        # A 4x4 stride-4 patch stem: the cheapest way to the output resolution (a 5 cm item is ~8 px here).
        self.stem = nn.Sequential(
            nn.Conv2d(3, c4, 4, stride=4, bias=False), nn.BatchNorm2d(c4), nn.ReLU(inplace=True),
            conv(c4, c4))                                                                   # stride 4
        self.down8 = nn.Sequential(conv(c4, c8, 2), conv(c8, c8))                           # stride 8
        self.down16 = nn.Sequential(conv(c8, c16, 2), conv(c16, c16, dilation=2), conv(c16, c16))  # stride 16: sees 60 cm sheets
        self.lateral16 = nn.Conv2d(c16, c8, 1)
        self.up8 = conv(c8, c8)
        self.lateral8 = nn.Conv2d(c8, c4, 1)
        self.up4 = conv(c4, c4)
        self.heat = nn.Conv2d(c4, classes, 1)
        self.box = nn.Conv2d(c4, 4, 1)
        self.objectness = nn.Conv2d(c4, 1, 1) if OBJECTNESS else None
        # Start with a low centre probability everywhere (focal-loss practice): training is stable from step 1.
        nn.init.constant_(self.heat.bias, -4.0)
        if self.objectness is not None:
            nn.init.constant_(self.objectness.bias, -4.0)
        self.register_buffer("mean", torch.tensor([0.5, 0.5, 0.5]).view(1, 3, 1, 1) * 255)
        self.register_buffer("scale", torch.tensor([1 / (0.25 * 255)] * 3).view(1, 3, 1, 1))

    def features(self, frames_u8: torch.Tensor) -> torch.Tensor:
        x = (frames_u8.permute(0, 3, 1, 2).float() - self.mean) * self.scale
        s4 = self.stem(x)
        s8 = self.down8(s4)
        s16 = self.down16(s8)
        u8 = self.up8(s8 + F.interpolate(self.lateral16(s16), size=s8.shape[-2:], mode="nearest"))
        return self.up4(s4 + F.interpolate(self.lateral8(u8), size=s4.shape[-2:], mode="nearest"))

    def forward_logits(self, frames_u8: torch.Tensor):
        """Class heatmap, box and objectness logits (objectness None in the 1.1.0 design)."""
        f = self.features(frames_u8)
        return self.heat(f), self.box(f), (self.objectness(f) if self.objectness is not None else None)

    def forward(self, frames_u8: torch.Tensor):
        heat, box, objectness = self.forward_logits(frames_u8)
        offset = torch.sigmoid(box[:, 0:2])
        classes = torch.sigmoid(heat)
        if objectness is not None:
            # Same output as 1.1.0 ([B, C, H, W], the C# decoder takes the best class per cell): the best class gets the
            # objectness score, the others the same fraction of it as their class score is of the best one's.
            classes = torch.sigmoid(objectness) * classes / classes.max(dim=1, keepdim=True).values.clamp(min=1e-6)
        return classes, torch.cat([offset, box[:, 2:4]], dim=1)


class FlipAveraged(nn.Module):
    """Test-time augmentation in the graph: the frame and its mirror image (the belt looks the same either way) are both
    scored and the outputs averaged, which steadies the scores (measured on 1.1.0's weights: the clean-frame threshold came
    down and recall >= 5 cm rose 5-10 points at about the same false-alarm rate) at twice the network cost. Same inputs
    and outputs as the wrapped detector."""

    def __init__(self, detector: VisualDetector) -> None:
        super().__init__()
        self.detector = detector

    def forward(self, frames_u8: torch.Tensor):
        # Two calls rather than one on a doubled batch: slicing the batch apart again would hide the output shapes from
        # ONNX shape inference (ModelRegistry checks them).
        heat, box = self.detector(frames_u8)
        mirrored_heat, mirrored_box = self.detector(torch.flip(frames_u8, dims=[2]))
        mirrored_heat = torch.flip(mirrored_heat, dims=[3])
        mirrored_box = torch.flip(mirrored_box, dims=[3])
        mirrored_box = torch.cat([1 - mirrored_box[:, 0:1], mirrored_box[:, 1:4]], dim=1)
        return (heat + mirrored_heat) / 2, (box + mirrored_box) / 2
