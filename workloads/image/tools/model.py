"""The inspection model: a small residual CNN in the spirit of MLPerf Tiny's ic01 ResNet-8.

With width w (default 32): 32x32x3 -> stem 3x3 conv, VALID, stride 2 (w ch, 15x15) -> residual
stage (w, 15x15) -> residual stage down to 8x8 (2w) -> residual stage (4w, 8x8) -> global max
pool -> dense (6) -> softmax. At w = 32: about 308k parameters and 22.7M MACs.
Padding is chosen so TFLite's equals torch's: the stem uses VALID (32 -> 15); the down stage
works on the odd 15x15 map with SAME stride 2 (3x3 main path, 1x1 shortcut), whose TFLite
padding is symmetric. The early stride keeps CPU training within budget; a 3x3 stride-2 stem
still sees every pixel, so one-pixel-wide scratches and cracks reach the first feature map.
"""
from torch import nn

from tinyrack_ml.nn import Add, ConvBN, Dense, Flatten, MaxPool, Softmax


class Residual(nn.Module):
    """Two 3x3 convolutions and a shortcut (1x1 projection when the shape changes); `down`
    halves the (odd) map with SAME stride 2."""

    def __init__(self, cin, cout, down=False):
        super().__init__()
        stride = 2 if down else 1
        self.a = ConvBN(cin, cout, 3, stride, "same", "relu")
        self.b = ConvBN(cout, cout, 3, 1, "same", "none")
        if down or cin != cout:
            self.skip = ConvBN(cin, cout, 1, stride, "same", "none")
        else:
            self.skip = None
        self.add = Add("relu")

    def forward(self, x):
        y = self.b(self.a(x))
        return self.add(y, x if self.skip is None else self.skip(x))


class InspectionNet(nn.Module):
    def __init__(self, n_classes=6, width=32):
        super().__init__()
        self.stem = ConvBN(3, width, 3, 2, "valid", "relu")
        self.s1 = Residual(width, width)
        self.s2 = Residual(width, 2 * width, down=True)
        self.s3 = Residual(2 * width, 4 * width)
        # Global max pool: a defect is a small local feature anywhere on the part; averaging
        # over the whole 8x8 map would dilute it.
        self.pool = MaxPool(8)
        self.flat = Flatten()
        self.fc = Dense(4 * width, n_classes)
        self.softmax = Softmax()

    def logits(self, x):
        return self.fc(self.flat(self.pool(self.s3(self.s2(self.s1(self.stem(x)))))))

    def forward(self, x):
        """Class probabilities (what the exported model outputs); train on logits()."""
        return self.softmax(self.logits(x))
