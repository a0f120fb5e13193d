"""The visual debris detector: a small fully-convolutional CenterNet-style network.

Input: camera frames already shrunk to 320x180 (area interpolation), uint8, NHWC, BGR - exactly the bytes
of an OpenCV Mat, so the C# side copies the Mat and nothing else. Normalisation happens inside the graph.
Outputs on a grid of stride 4 (80x45 cells, one cell = 16x16 pixels of a 1280x720 frame):
  heatmap [B, C, 45, 80]: per class, probability that an item's centre lies in the cell (sigmoid);
  box     [B, 4, 45, 80]: sub-cell offset of the centre (x, y, 0-1) and log of the box width and height
                           in cells. Decoding (3x3 peak, threshold, NMS) happens in C#.
"""
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


class VisualDetector(nn.Module):
    def __init__(self, classes: int = len(CLASSES)) -> None:
        super().__init__()
        # A 4x4 stride-4 patch stem: the cheapest way to the output resolution (a 5 cm item is ~8 px here).
        self.stem = nn.Sequential(
            nn.Conv2d(3, 16, 4, stride=4, bias=False), nn.BatchNorm2d(16), nn.ReLU(inplace=True),
            conv(16, 16))                                                                   # stride 4
        self.down8 = nn.Sequential(conv(16, 32, 2), conv(32, 32))                           # stride 8
        self.down16 = nn.Sequential(conv(32, 48, 2), conv(48, 48, dilation=2), conv(48, 48))  # stride 16: sees 60 cm sheets
        self.lateral16 = nn.Conv2d(48, 32, 1)
        self.up8 = conv(32, 32)
        self.lateral8 = nn.Conv2d(32, 16, 1)
        self.up4 = conv(16, 16)
        self.heat = nn.Conv2d(16, classes, 1)
        self.box = nn.Conv2d(16, 4, 1)
        # Start with a low centre probability everywhere (focal-loss practice): training is stable from step 1.
        nn.init.constant_(self.heat.bias, -4.0)
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
        f = self.features(frames_u8)
        return self.heat(f), self.box(f)

    def forward(self, frames_u8: torch.Tensor):
        heat, box = self.forward_logits(frames_u8)
        offset = torch.sigmoid(box[:, 0:2])
        return torch.sigmoid(heat), torch.cat([offset, box[:, 2:4]], dim=1)
