"""Renders one inspection image: a part on a conveyor, lit, photographed, 32x32x3 uint8.

Pipeline (linear light until the last step): background texture and the part's drop shadow;
part geometry, material and defect (parts.py, defects.py); Lambert diffuse plus Blinn-Phong
specular from a height-map normal under one directional light and ambient; vignetting, lens
blur, 2x2 box down-sampling (supersampled anti-aliasing), exposure and white balance, shot and
read noise, sRGB-like gamma, 8-bit quantisation.
"""
import numpy as np

import defects
import parts

OUT = 32
SUPER = 2
S = OUT * SUPER
_c = (np.arange(S) + 0.5) / S * 2.0 - 1.0
GX = np.tile(_c, S)          # image x (right), flattened row-major
GY = np.repeat(_c, S)        # image y (down)

# Conveyor belts and tables: linear albedo of the base colour.
BACKGROUNDS = ((0.05, 0.05, 0.05), (0.09, 0.09, 0.10), (0.07, 0.16, 0.09), (0.06, 0.09, 0.20),
               (0.30, 0.30, 0.30), (0.45, 0.45, 0.42), (0.20, 0.17, 0.12))


def _lerp_matrix(cells):
    """(S, cells + 1) bilinear interpolation weights from a lattice to the grid."""
    f = (_c + 1) / 2 * cells
    i = np.minimum(f.astype(np.int64), cells - 1)
    w = np.zeros((S, cells + 1))
    w[np.arange(S), i] = 1 - (f - i)
    w[np.arange(S), i + 1] = f - i
    return w


_LERP = {cells: _lerp_matrix(cells) for cells in range(2, 9)}


def value_noise(rng, cells):
    """Smooth random field on the supersampled grid (bilinear over a cells x cells lattice)."""
    lattice = rng.normal(0.0, 1.0, (cells + 1, cells + 1))
    w = _LERP[cells]
    return (w @ lattice @ w.T).ravel()


def gaussian_blur(img, sigma):
    """Separable Gaussian blur of an (S, S, C) image, edges extended (as two matrix products)."""
    if sigma < 0.3:
        return img
    r = int(np.ceil(3 * sigma))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    n = img.shape[0]
    m = np.zeros((n, n))
    rows = np.arange(n)
    for j in range(2 * r + 1):
        m[rows, np.clip(rows + j - r, 0, n - 1)] += k[j]
    return np.stack([m @ img[:, :, c] @ m.T for c in range(img.shape[2])], axis=2)


def shift(img, dy, dx):
    """Moves an (S, S, C) image by whole pixels, filling with zeros."""
    out = np.zeros_like(img)
    n = img.shape[0]
    ys, yd = (slice(0, n - dy), slice(dy, n)) if dy >= 0 else (slice(-dy, n), slice(0, n + dy))
    xs, xd = (slice(0, n - dx), slice(dx, n)) if dx >= 0 else (slice(-dx, n), slice(0, n + dx))
    out[yd, xd] = img[ys, xs]
    return out


def background(rng):
    base = np.array(BACKGROUNDS[rng.integers(len(BACKGROUNDS))]) * rng.normal(1.0, 0.1, 3)
    a = rng.uniform(0, np.pi)
    f = rng.uniform(5.0, 14.0)
    p = GX * np.cos(a) + GY * np.sin(a)
    q = -GX * np.sin(a) + GY * np.cos(a)
    weave = np.sin(np.pi * f * p) * np.sin(np.pi * f * q) * rng.uniform(0.0, 0.15)
    ramp = (GX * np.cos(a * 2) + GY * np.sin(a * 2)) * rng.uniform(0.0, 0.25)
    blotch = value_noise(rng, int(rng.integers(3, 7))) * rng.uniform(0.0, 0.12)
    shade = 1.0 + weave + ramp + blotch
    if rng.random() < 0.25:  # belt seam or table joint crossing the frame
        off = rng.uniform(-0.9, 0.9)
        shade *= 1.0 - rng.uniform(0.2, 0.5) * (np.abs(p - off) < rng.uniform(0.01, 0.03))
    return np.clip(base[None, :] * shade[:, None], 0.0, 1.0)


class Pose:
    """Part placement: rotation, scale (image units per local unit) and translation."""

    def __init__(self, rng, part):
        self.s = rng.uniform(0.65, 0.88) / part.bound
        room = max(0.0, min(0.12, 0.97 - self.s * part.bound))
        self.t = rng.uniform(-room, room, 2)
        self.theta = rng.uniform(0, 2 * np.pi)
        self.c, self.sn = np.cos(self.theta), np.sin(self.theta)

    def to_local(self, x, y):
        dx, dy = x - self.t[0], y - self.t[1]
        return (self.c * dx + self.sn * dy) / self.s, (-self.sn * dx + self.c * dy) / self.s

    def to_image(self, u, v):
        return (self.c * u - self.sn * v) * self.s + self.t[0], \
               (self.sn * u + self.c * v) * self.s + self.t[1]


def shade(surf, roi, cov, pw, light, intensity, ambient, light_col):
    """Lambert + Blinn-Phong on the height field (heights converted to supersampled pixels);
    surf holds the part's fields on the pixels `roi` only."""
    h = np.zeros(S * S)
    h[roi] = surf["height"] * cov / pw
    gy, gx = np.gradient(h.reshape(S, S))
    gx, gy = gx.ravel()[roi], gy.ravel()[roi]
    norm = np.sqrt(gx * gx + gy * gy + 1.0)
    half = light + np.array([0.0, 0.0, 1.0])
    half /= np.linalg.norm(half)
    diffuse = np.maximum((-gx * light[0] - gy * light[1] + light[2]) / norm, 0.0)
    cos_h = np.maximum((-gx * half[0] - gy * half[1] + half[2]) / norm, 1e-6)
    spec = surf["ks"] * np.exp(surf["shin"] * np.log(cos_h))
    albedo = np.clip(surf["albedo"], 0.0, 1.0)
    tint = albedo / np.maximum(albedo.max(axis=1, keepdims=True), 1e-3)
    spec_col = np.where(surf["tinted_spec"][:, None], tint, 1.0)
    return (albedo * (ambient + intensity * diffuse)[:, None]
            + intensity * spec[:, None] * spec_col) * light_col


def camera(rng, img):
    """Optics and sensor: (S*S, 3) linear radiance -> (32, 32, 3) uint8."""
    cx, cy = rng.uniform(-0.2, 0.2, 2)
    vignette = 1.0 - rng.uniform(0.0, 0.35) * ((GX - cx) ** 2 + (GY - cy) ** 2) / 2
    img = (img * vignette[:, None]).reshape(S, S, 3)
    img = gaussian_blur(img, rng.uniform(0.0, 0.5) * SUPER)
    img = img.reshape(OUT, SUPER, OUT, SUPER, 3).mean(axis=(1, 3))
    img = img * rng.uniform(0.6, 1.1) * rng.normal(1.0, 0.06, 3)
    full_well = rng.uniform(600.0, 4000.0)  # signal 1.0 = full well, in electrons
    read = rng.uniform(0.002, 0.012)
    noise = rng.normal(0.0, 1.0, img.shape) * np.sqrt(np.maximum(img, 0) / full_well + read ** 2)
    img = np.clip(img + noise, 0.0, 1.0) ** (1 / 2.2)
    return np.round(img * 255.0).astype(np.uint8)


def render(rng, label):
    """One image of class index `label` (defects.CLASSES order) and its part kind."""
    name = defects.CLASSES[label]
    part = parts.KINDS[rng.integers(len(parts.KINDS))](rng, name == "missing_feature")
    pose = Pose(rng, part)
    pw = (2.0 / S) / pose.s        # one supersampled pixel in local units
    px = SUPER * pw                # one output pixel in local units
    # Only pixels near the part are evaluated.
    roi = np.flatnonzero(np.hypot(GX - pose.t[0], GY - pose.t[1])
                         < pose.s * (part.bound + 2 * pw))
    u, v = pose.to_local(GX[roi], GY[roi])
    surf = part.evaluate(u, v)
    if name in defects.PAINTERS:
        placer = defects.Placer(rng, part, pose.to_image)
        defects.PAINTERS[name](rng, placer, u, v, surf, px, rng.uniform(0.0, 1.0))
    cov = np.clip(0.5 - surf["sdf"] / pw, 0.0, 1.0)

    az = rng.uniform(0, 2 * np.pi)
    el = np.radians(rng.uniform(25.0, 75.0))
    light = np.array([np.cos(el) * np.cos(az), np.cos(el) * np.sin(az), np.sin(el)])
    intensity = rng.uniform(0.5, 1.0)
    ambient = rng.uniform(0.08, 0.25)
    light_col = rng.normal(1.0, 0.04, 3)

    # Drop shadow: the part's silhouette displaced away from the light, softened.
    cov_full = np.zeros(S * S)
    cov_full[roi] = cov
    lift = rng.uniform(0.03, 0.09) / np.tan(el) / (2.0 / S)
    shadow = shift(cov_full.reshape(S, S, 1), int(round(-light[1] * lift)),
                   int(round(-light[0] * lift)))
    shadow = gaussian_blur(shadow, rng.uniform(0.4, 1.3) * SUPER).ravel()
    img = background(rng) * (ambient + intensity * np.sin(el) * (1.0 - 0.85 * shadow))[:, None]
    img *= light_col
    fg = shade(surf, roi, cov, pw, light, intensity, ambient, light_col)
    if rng.random() < 0.5:
        # Benign: a soft reflection of a strip light across the (glossy) part.
        b = rng.uniform(0, np.pi)
        band = np.exp(-0.5 * ((GX[roi] * np.cos(b) + GY[roi] * np.sin(b)
                               - rng.uniform(-0.5, 0.5)) / rng.uniform(0.08, 0.25)) ** 2)
        fg += (rng.uniform(0.05, 0.3) * surf["ks"] * band)[:, None]
    img[roi] = cov[:, None] * fg + (1.0 - cov[:, None]) * img[roi]
    return camera(rng, img), part.kind
