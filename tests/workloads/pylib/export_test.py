"""tinyrack_ml.export on small models: the int8 model the host engine runs agrees with the
float model within a few output quantization steps, and unsupported models fail by name.
Run by ctest (workloads_pylib_export_test); needs tr-model ($TINYRACK_TR_MODEL)."""
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "workloads" / "pylib"))
from tinyrack_ml import export, nn as trnn  # noqa: E402


class ResidualNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = trnn.ConvBN(3, 8, 3, 1, "same")
        self.dw = trnn.DepthwiseConvBN(8, 3)
        self.pw = trnn.ConvBN(8, 8, 1, act="none")
        self.add = trnn.Add("relu")
        self.down = trnn.ConvBN(8, 16, 3, 2, "same")
        self.gap = trnn.GlobalAvgPool()
        self.fc = trnn.Dense(16, 5)
        self.softmax = trnn.Softmax()

    def forward(self, x):
        a = self.stem(x)
        x = self.add(a, self.pw(self.dw(a)))
        return self.softmax(self.fc(self.gap(self.down(x))))


class FlattenNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = trnn.ConvBN(1, 6, (5, 3), (2, 2), "valid", act="relu6")
        self.pool = trnn.MaxPool(2)
        self.avg = trnn.AvgPool((1, 2), (1, 1))
        self.flat = trnn.Flatten()
        self.fc = trnn.Dense(30, 7, act="relu")
        self.out = trnn.Dense(7, 3)

    def forward(self, x):
        return self.out(self.fc(self.flat(self.avg(self.pool(self.conv(x))))))


def settle(model, shape):
    """Gives batch norm non-trivial statistics, then freezes them."""
    model.train()
    with torch.no_grad():
        for _ in range(5):
            model(torch.randn(64, *shape))
    return model.eval()


def int8_vs_float(model, x, input_quant=None):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.tflite"
        info = export.export_tflite(model, x, path, input_quant=input_quant)
        nhwc = x.permute(0, 2, 3, 1).numpy()
        q = export.quantize(nhwc, *info["input"])
        out = export.dequantize(export.run_host_engine(path, q), *info["output"])
    with torch.no_grad():
        ref = model(x).numpy()
    return out, ref, info


class ExportTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)

    def test_residual_model_matches_float(self):
        model = settle(ResidualNet(), (3, 15, 15))
        out, ref, info = int8_vs_float(model, torch.rand(300, 3, 15, 15), (1 / 255, -128))
        self.assertEqual(info["output"], (1 / 256, -128))
        self.assertLessEqual(np.abs(out - ref).max(), 3 / 256)
        self.assertGreaterEqual((out.argmax(1) == ref.argmax(1)).mean(), 0.97)

    def test_flatten_reorders_dense_weights_to_hwc(self):
        model = settle(FlattenNet(), (1, 25, 10))
        out, ref, info = int8_vs_float(model, torch.randn(300, 1, 25, 10))
        err = np.abs(out - ref)
        # A wrong C,H,W -> H,W,C reordering gives errors of the size of the outputs.
        self.assertLess(err.mean(), 0.1 * np.abs(ref).mean())
        self.assertLessEqual(err.max(), 8 * info["output"][0])

    def test_rounding_is_half_away_from_zero(self):
        q = export.quantize(np.array([0.5, -0.5, 1.5, -2.5, 1000.0, -1000.0]), 1.0, 0)
        self.assertEqual(q.tolist(), [1, -1, 2, -3, 127, -128])

    def test_activation_range_always_holds_zero(self):
        scale, zp = export.activation_quant(2.0, 6.0)
        self.assertEqual(zp, -128)
        self.assertAlmostEqual(scale, 6.0 / 255, places=6)

    def test_layers_outside_the_vocabulary_are_named(self):
        class Raw(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.plain = torch.nn.Conv2d(1, 2, 3)

            def forward(self, x):
                return self.plain(x)

        with self.assertRaisesRegex(export.ExportError, "plain"):
            export.build_spec(Raw(), torch.randn(4, 1, 5, 5))

        class Functional(torch.nn.Module):
            def forward(self, x):
                return torch.relu(x)

        with self.assertRaisesRegex(export.ExportError, "relu"):
            export.build_spec(Functional(), torch.randn(4, 3))

    def test_percentile_ranges_ignore_outliers(self):
        model = settle(ResidualNet(), (3, 15, 15))
        x = torch.rand(512, 3, 15, 15)
        x[0] *= 40.0  # one outlier input stretches min/max, barely moves the 99.9th percentile
        gm = export._trace(model)
        full = export._calibrate(gm, x).ranges["stem"]
        clipped = export._calibrate(gm, x, percentile=99.9).ranges["stem"]
        self.assertLess(clipped[1], full[1] / 4)
        self.assertGreaterEqual(clipped[0], full[0])

    def test_best_calibration_is_chosen_on_validation_agreement(self):
        model = settle(ResidualNet(), (3, 15, 15))
        calib = torch.rand(64, 3, 15, 15)
        val = torch.rand(96, 3, 15, 15)
        quant_in = (1.0 / 255.0, -128)
        val_int8 = np.clip(np.round(val.permute(0, 2, 3, 1).numpy() * 255.0) - 128, -128, 127)
        with torch.no_grad():
            float_pred = model(torch.from_numpy((val_int8 + 128) / 255.0).float()
                               .permute(0, 3, 1, 2)).argmax(1).numpy()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "m.tflite"
            _, record = export.export_best_calibration(
                model, [("small", calib[:16]), ("all", calib)], path, val_int8, float_pred,
                input_quant=quant_in)
            self.assertTrue(path.stat().st_size > 0)
            agreement = export.run_host_engine(path, val_int8).argmax(1) == float_pred
        self.assertEqual(len(record["tried"]), 2 * len(export.CALIBRATION_CANDIDATES))
        best = max(t["val_agreement_with_float"] for t in record["tried"])
        self.assertAlmostEqual(float(np.mean(agreement)), best, places=4)
        chosen = [t for t in record["tried"] if t["calibration"] == record["chosen"]]
        self.assertEqual(chosen[0]["val_agreement_with_float"], best)

    def test_same_padding_that_differs_from_torch_is_refused(self):
        model = settle(torch.nn.Sequential(trnn.ConvBN(1, 2, 3, 2, "same")), (1, 8, 8))
        with self.assertRaisesRegex(export.ExportError, "SAME padding with stride 2"):
            export.build_spec(model, torch.randn(4, 1, 8, 8))


if __name__ == "__main__":
    unittest.main()
