"""The layer vocabulary the standard workloads' models are written in.

Every layer here maps onto one int8 TFLite operator the tinyrack engine runs, so a model built
only from these layers (plus plain Python control flow in forward) can be exported by
tinyrack_ml.export. Convolutions carry their batch norm, which export folds into the weights.
Tensors are NCHW in torch; export converts to TFLite's NHWC.
"""
import torch
from torch import nn

ACTIVATIONS = ("none", "relu", "relu6")


def _activate(x, act):
    if act == "relu":
        return torch.relu(x)
    if act == "relu6":
        return torch.clamp(x, 0.0, 6.0)
    return x


def _check_act(act):
    if act not in ACTIVATIONS:
        raise ValueError(f"activation {act!r} is not one of {ACTIVATIONS}")
    return act


def _same_padding(kernel, dilation):
    # Odd kernels only: TFLite SAME padding equals symmetric padding then.
    if kernel % 2 == 0:
        raise ValueError(f"SAME padding needs an odd kernel, got {kernel}")
    return dilation * (kernel - 1) // 2


class ConvBN(nn.Module):
    """CONV_2D with folded batch norm and a fused activation. padding: 'same' or 'valid'.
    SAME with stride 2 pads asymmetrically in TFLite, so stride > 1 needs padding='valid' or an
    input of odd size for 'same' to agree with torch's symmetric padding; export checks this."""

    def __init__(self, in_ch, out_ch, kernel=(3, 3), stride=(1, 1), padding="same", act="relu",
                 bn=True):
        super().__init__()
        kernel = tuple(kernel) if isinstance(kernel, (tuple, list)) else (kernel, kernel)
        stride = tuple(stride) if isinstance(stride, (tuple, list)) else (stride, stride)
        pad = (0, 0) if padding == "valid" else tuple(_same_padding(k, 1) for k in kernel)
        self.padding_mode = padding
        self.act = _check_act(act)
        self.conv = nn.Conv2d(in_ch, out_ch, kernel, stride, pad, bias=not bn)
        self.bn = nn.BatchNorm2d(out_ch) if bn else None

    def forward(self, x):
        x = self.conv(x)
        if self.bn is not None:
            x = self.bn(x)
        return _activate(x, self.act)


class DepthwiseConvBN(ConvBN):
    """DEPTHWISE_CONV_2D (depth multiplier 1) with folded batch norm and a fused activation."""

    def __init__(self, channels, kernel=(3, 3), stride=(1, 1), padding="same", act="relu",
                 bn=True):
        super().__init__(channels, channels, kernel, stride, padding, act, bn)
        c = self.conv
        self.conv = nn.Conv2d(channels, channels, c.kernel_size, c.stride, c.padding,
                              groups=channels, bias=not bn)


class Dense(nn.Module):
    """FULLY_CONNECTED with a fused activation (no batch norm)."""

    def __init__(self, in_features, out_features, act="none"):
        super().__init__()
        self.act = _check_act(act)
        self.linear = nn.Linear(in_features, out_features)

    def forward(self, x):
        return _activate(self.linear(x), self.act)


class Add(nn.Module):
    """ADD of two tensors of the same shape, with a fused activation."""

    def __init__(self, act="none"):
        super().__init__()
        self.act = _check_act(act)

    def forward(self, a, b):
        return _activate(a + b, self.act)


class AvgPool(nn.Module):
    """AVERAGE_POOL_2D, VALID padding."""

    def __init__(self, kernel, stride=None):
        super().__init__()
        self.kernel = tuple(kernel) if isinstance(kernel, (tuple, list)) else (kernel, kernel)
        self.stride = self.kernel if stride is None else (
            tuple(stride) if isinstance(stride, (tuple, list)) else (stride, stride))

    def forward(self, x):
        return nn.functional.avg_pool2d(x, self.kernel, self.stride)


class MaxPool(AvgPool):
    """MAX_POOL_2D, VALID padding."""

    def forward(self, x):
        return nn.functional.max_pool2d(x, self.kernel, self.stride)


class GlobalAvgPool(nn.Module):
    """AVERAGE_POOL_2D over the whole feature map, then RESHAPE to [N, C]."""

    def forward(self, x):
        return x.mean(dim=(2, 3))


class Flatten(nn.Module):
    """RESHAPE to [N, features]; export reorders the next Dense layer's weights from torch's
    C,H,W order to TFLite's H,W,C order."""

    def forward(self, x):
        return torch.flatten(x, 1)


class Softmax(nn.Module):
    """SOFTMAX over the last axis (beta 1). Train on the logits before it; export keeps it."""

    def forward(self, x):
        return torch.softmax(x, dim=-1)


LEAF_TYPES = (ConvBN, Dense, Add, AvgPool, GlobalAvgPool, Flatten, Softmax)
