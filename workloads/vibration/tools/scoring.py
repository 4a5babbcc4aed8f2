"""Anomaly scores and ROC AUC for the vibration workload, computed the way the harness does:
per window the mean squared reconstruction error, per file the mean over its windows, and
ROC AUC over files (Mann-Whitney statistic, ties counted one half)."""
import numpy as np


def roc_auc(scores, labels):
    """P(score of a random anomaly > score of a random normal file), ties count 1/2."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels)
    pos, neg = s[y == 1], s[y == 0]
    if len(pos) == 0 or len(neg) == 0:
        raise ValueError("ROC AUC needs both normal and anomalous files")
    greater = (pos[:, None] > neg[None, :]).sum()
    ties = (pos[:, None] == neg[None, :]).sum()
    return float((greater + 0.5 * ties) / (len(pos) * len(neg)))


def file_scores(inputs, recon):
    """inputs, recon: [files, windows, features] -> per-file mean over windows of the MSE."""
    return np.mean((np.asarray(recon, np.float64) - np.asarray(inputs, np.float64)) ** 2,
                   axis=-1).mean(axis=-1)


def breakdown(scores, meta):
    """AUC of all files, and of the normal files against each fault type / severity class."""
    labels = np.array([m["label"] for m in meta])
    out = {"all": round(roc_auc(scores, labels), 4), "fault": {}, "severity": {}}
    normal = labels == 0
    for key, field in (("fault", "fault"), ("severity", "severity_class")):
        for value in sorted({m[field] for m in meta if m["label"] == 1}):
            sel = normal | np.array([m[field] == value for m in meta])
            out[key][value] = round(roc_auc(scores[sel], labels[sel]), 4)
    return out


class PcaBaseline:
    """Linear autoencoder: projection on the top-k principal components of healthy windows."""

    def __init__(self, windows, k):
        x = np.asarray(windows, np.float64)
        self.mean = x.mean(axis=0)
        _, _, vt = np.linalg.svd(x - self.mean, full_matrices=False)
        self.basis = vt[:k]

    def reconstruct(self, x):
        z = (np.asarray(x, np.float64) - self.mean) @ self.basis.T
        return z @ self.basis + self.mean
