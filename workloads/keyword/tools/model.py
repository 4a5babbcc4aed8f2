"""The keyword model: a DS-CNN in the shape of MLPerf Tiny's kws01 reference (Zhang et al.,
"Hello Edge", arXiv:1711.07128; DS-CNN small: 64 channels, ~24k parameters), written in the
tinyrack layer vocabulary so it exports to int8 TFLite."""
import torch
from torch import nn

from tinyrack_ml.nn import ConvBN, Dense, DepthwiseConvBN, GlobalAvgPool, Softmax

INPUT_SCALE = 0.5847029089927673  # kws01's int8 input quantization (dut-protocol.md §11)
INPUT_ZERO_POINT = 83


class DSCNN(nn.Module):
    """[N, 1, 49, 10] float MFCC -> [N, 12] class probabilities.

    The stem is the reference's 10x4 stride-2 convolution with VALID padding (TFLite SAME with
    stride 2 pads asymmetrically, which torch cannot mirror): 49x10 -> 20x4, then four
    depthwise-separable blocks at 20x4x64, global average pooling and a 12-way dense layer."""

    def __init__(self, channels=64, blocks=4, classes=12):
        super().__init__()
        self.stem = ConvBN(1, channels, kernel=(10, 4), stride=(2, 2), padding="valid")
        layers = []
        for _ in range(blocks):
            layers.append(DepthwiseConvBN(channels, kernel=(3, 3), padding="same"))
            layers.append(ConvBN(channels, channels, kernel=(1, 1), padding="same"))
        self.blocks = nn.Sequential(*layers)
        self.pool = GlobalAvgPool()
        self.fc = Dense(channels, classes)
        self.softmax = Softmax()

    def logits(self, x):
        """What training optimises (cross-entropy on logits)."""
        return self.fc(self.pool(self.blocks(self.stem(x))))

    def forward(self, x):
        """What is exported: probabilities, like kws01 (output scale 1/256, zero point -128)."""
        return self.softmax(self.logits(x))


def dequantize_inputs(q):
    """int8 MFCC (any shape) -> float32 tensor, the values the int8 model sees."""
    return (torch.as_tensor(q, dtype=torch.float32) - INPUT_ZERO_POINT) * INPUT_SCALE
