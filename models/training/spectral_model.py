"""The spectral classifier network with its preprocessing built into the graph.

Everything between "reflectance on the model grid" and "class probabilities" lives in this module, so the
ONNX file the C# side loads is the complete model: the C# code only resamples the instrument's spectrum
onto the model grid. SNV, the Savitzky-Golay derivative, clipping and the out-of-distribution score are
graph operations with fixed weights; Python and C# cannot drift apart.
"""
import numpy as np
import torch
from torch import nn

GRID_START_NM = 1050.0
GRID_STEP_NM = 5.0
GRID_COUNT = 161  # 1050..1850 nm
SG_WINDOW = 11
SG_HALF = SG_WINDOW // 2
# Reflectance outside this range is physically meaningless (noise, a bad white reference, a glint);
# clipping keeps one bad pixel from dominating SNV.
CLIP_MIN = 1e-3
CLIP_MAX = 1.5
# Absolute floor on the SNV divisor: a nearly flat spectrum (magnetite, a white tile) must not have its
# noise blown up to unit variance.
SNV_STD_FLOOR = 1e-3
DERIVATIVE_GAIN = 10.0


def model_grid() -> np.ndarray:
    return GRID_START_NM + GRID_STEP_NM * np.arange(GRID_COUNT, dtype=np.float64)


def savgol_first_derivative(window: int, polyorder: int) -> np.ndarray:
    """Savitzky-Golay first-derivative coefficients (per grid step), by least squares; no scipy here."""
    half = window // 2
    offsets = np.arange(-half, half + 1, dtype=np.float64)
    vander = np.vander(offsets, polyorder + 1, increasing=True)  # columns 1, t, t^2, ...
    pinv = np.linalg.pinv(vander)
    # Row 1 of the pseudo-inverse gives the fitted linear coefficient = derivative at the centre.
    # conv1d is a correlation, so the kernel is applied as written.
    return pinv[1]


class Preprocess(nn.Module):
    """Clip -> SNV -> [SNV, SG first derivative] channels + absolute-level scalars."""

    def __init__(self) -> None:
        super().__init__()
        kernel = torch.tensor(savgol_first_derivative(SG_WINDOW, 2), dtype=torch.float32).view(1, 1, SG_WINDOW)
        self.register_buffer("sg_kernel", kernel)

    def forward(self, reflectance: torch.Tensor):
        x = torch.clamp(reflectance, CLIP_MIN, CLIP_MAX)
        mean = x.mean(dim=1, keepdim=True)
        std = torch.sqrt(((x - mean) ** 2).mean(dim=1, keepdim=True))
        snv = (x - mean) / (std + SNV_STD_FLOOR)
        d1 = nn.functional.conv1d(snv.unsqueeze(1), self.sg_kernel) * DERIVATIVE_GAIN  # N,1,151
        centre = snv[:, SG_HALF:GRID_COUNT - SG_HALF].unsqueeze(1)  # N,1,151
        channels = torch.cat([centre, d1], dim=1)
        # SNV removes the albedo; the albedo still tells a bright plastic from dark ore, so it goes in
        # as two log-scaled scalars.
        levels = torch.cat([torch.log(mean), torch.log(std + 1e-4)], dim=1)
        return channels, levels


class SpectralNet(nn.Module):
    def __init__(self, n_classes: int, feature_dim: int = 64) -> None:
        super().__init__()
        self.pre = Preprocess()
        self.conv = nn.Sequential(
            nn.Conv1d(2, 16, 7), nn.ReLU(), nn.MaxPool1d(2),   # 151 -> 145 -> 72
            nn.Conv1d(16, 32, 5), nn.ReLU(), nn.MaxPool1d(2),  # 72 -> 68 -> 34
            nn.Conv1d(32, 32, 5), nn.ReLU(), nn.MaxPool1d(2),  # 34 -> 30 -> 15
        )
        self.head = nn.Sequential(nn.Linear(32 * 15 + 2, feature_dim), nn.ReLU())
        self.dropout = nn.Dropout(0.1)
        self.classifier = nn.Linear(feature_dim, n_classes)

    def features_and_levels(self, reflectance: torch.Tensor):
        channels, levels = self.pre(reflectance)
        conv = self.conv(channels).flatten(1)
        return self.head(torch.cat([conv, levels], dim=1)), levels

    def features(self, reflectance: torch.Tensor) -> torch.Tensor:
        return self.features_and_levels(reflectance)[0]

    def ood_features(self, reflectance: torch.Tensor) -> torch.Tensor:
        """Penultimate features plus the albedo scalars: ReLU features alone can miss a spectrum that is
        absurd only in level or flatness (a flat white tile gives SNV = 0 and unremarkable features)."""
        feats, levels = self.features_and_levels(reflectance)
        return torch.cat([feats, levels], dim=1)

    def forward(self, reflectance: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.dropout(self.features(reflectance)))


class ExportedClassifier(nn.Module):
    """What goes into the ONNX file: probabilities, contaminant score and the OOD score.

    OOD score: class-conditional Mahalanobis distance (tied covariance) of the penultimate features (plus the
    two albedo scalars) to the
    nearest class mean seen in training (Lee et al., 2018). Means and the Cholesky factor of the
    precision matrix are graph constants.
    """

    def __init__(self, net: SpectralNet, class_means: np.ndarray, precision_cholesky: np.ndarray,
                 contaminant_mask: np.ndarray) -> None:
        super().__init__()
        self.net = net
        self.register_buffer("class_means", torch.tensor(class_means, dtype=torch.float32))
        self.register_buffer("precision_l", torch.tensor(precision_cholesky, dtype=torch.float32))
        self.register_buffer("contaminant_mask", torch.tensor(contaminant_mask, dtype=torch.float32))

    def forward(self, spectrum: torch.Tensor):
        feats, levels = self.net.features_and_levels(spectrum)
        probabilities = torch.softmax(self.net.classifier(feats), dim=1)
        feats = torch.cat([feats, levels], dim=1)
        contaminant = (probabilities * self.contaminant_mask).sum(dim=1)
        diff = feats.unsqueeze(1) - self.class_means.unsqueeze(0)  # N,C,D
        z = torch.matmul(diff, self.precision_l)                    # N,C,D
        distances = (z * z).sum(dim=2)                              # N,C
        ood = torch.sqrt(distances.min(dim=1).values)
        return probabilities, contaminant, ood
