"""Surface defects painted onto a part's albedo, specular and height fields.

All sizes are in output pixels (the 32x32 image) and converted to the part's local units, so a
defect's visibility does not depend on the part's scale. `severity` in [0, 1] runs from subtle
to obvious. Defects are masked by the part's material afterwards, so they never reach the
background or the inside of a hole. 'missing_feature' is drawn by the part itself (parts.py).
"""
import numpy as np

CLASSES = ("ok", "scratch", "crack", "missing_feature", "discoloration", "contamination")

# Heat tint, corrosion and burn colours (linear albedo) for discoloration.
TINTS = ((0.70, 0.55, 0.25), (0.25, 0.28, 0.60), (0.40, 0.26, 0.15), (0.80, 0.80, 0.72),
         (0.55, 0.35, 0.45), (0.20, 0.35, 0.20))


class Placer:
    """Finds points on the visible material of a part, for defect centres."""

    def __init__(self, rng, part, to_image):
        self.rng = rng
        self.part = part
        self.to_image = to_image

    def inside(self, margin, count=1):
        b = self.part.bound
        pts = []
        for _ in range(40):
            cand = self.rng.uniform(-b, b, (64, 2))
            sdf = self.part.evaluate(cand[:, 0], cand[:, 1])["sdf"]
            x, y = self.to_image(cand[:, 0], cand[:, 1])
            ok = (sdf < -margin) & (np.abs(x) < 0.88) & (np.abs(y) < 0.88)
            pts.extend(cand[ok])
            if len(pts) >= count:
                return np.array(pts[:count])
        raise RuntimeError(f"no visible material found on a {self.part.kind}")

    def edge_start(self):
        """A point on an outer edge or a hole rim, and the unit direction into the material."""
        holes = self.part.holes
        if holes and self.rng.random() < 0.35:
            cx, cy = holes[self.rng.integers(len(holes))]
            outward = True
        else:
            cx, cy, outward = 0.0, 0.0, False
        for _ in range(20):
            a = self.rng.uniform(0, 2 * np.pi)
            d = np.array([np.cos(a), np.sin(a)])
            t = np.linspace(0.0, self.part.bound * 1.1, 200)
            pu, pv = cx + t * d[0], cy + t * d[1]
            solid = self.part.evaluate(pu, pv)["sdf"] < 0
            if not solid.any():
                continue
            if outward:
                i = int(np.argmax(solid))
                direction = d
            else:
                i = len(solid) - 1 - int(np.argmax(solid[::-1]))
                direction = -d
            x, y = self.to_image(pu[i:i + 1], pv[i:i + 1])
            if abs(x[0]) < 0.9 and abs(y[0]) < 0.9:
                return np.array([pu[i], pv[i]]), direction
        return self.inside(0.05)[0], -d


def _segment_distance(u, v, a, b):
    ab = b - a
    t = np.clip(((u - a[0]) * ab[0] + (v - a[1]) * ab[1]) / max(ab @ ab, 1e-12), 0.0, 1.0)
    return np.hypot(u - a[0] - t * ab[0], v - a[1] - t * ab[1]), t


def _polyline_profile(u, v, pts, width, taper):
    """Gaussian cross-section around a polyline; width tapers towards the last point."""
    seg_len = np.hypot(*np.diff(pts, axis=0).T)
    cum = np.concatenate([[0.0], np.cumsum(seg_len)])
    best = np.full(u.shape, np.inf)
    along = np.zeros(u.shape)
    for k in range(len(pts) - 1):
        d, t = _segment_distance(u, v, pts[k], pts[k + 1])
        closer = d < best
        best = np.where(closer, d, best)
        along = np.where(closer, (cum[k] + t * seg_len[k]) / cum[-1], along)
    w = width * (1.0 - taper * along)
    return np.exp(-0.5 * (best / w) ** 2)


def _lightness(surf):
    """Mean luminance of the part's albedo: decides which way a mark contrasts with it."""
    return float(np.clip((surf["albedo"] @ np.array([0.2126, 0.7152, 0.0722])).mean(), 0, 1))


def scratch(rng, placer, u, v, surf, px, severity):
    c = placer.inside(0.1)[0]
    length = rng.uniform(10.0, 19.0) * px
    width = (1.1 + 0.8 * severity) * px * rng.uniform(0.85, 1.15)
    a = rng.uniform(0, 2 * np.pi)
    if rng.random() < 0.65:
        d = np.array([np.cos(a), np.sin(a)]) * length / 2
        pts = np.array([c - d, c + d])
    else:
        radius = rng.uniform(1.0, 2.5) * length
        span = length / radius
        phi = a + np.linspace(-span / 2, span / 2, 8)
        centre = c - radius * np.array([np.cos(a), np.sin(a)])
        pts = centre + radius * np.stack([np.cos(phi), np.sin(phi)], axis=1)
    prof = _polyline_profile(u, v, pts, width, 0.3)
    contrast = 0.6 + 0.35 * severity
    # A scratch through a dark coating or oxide reads bright; on bright bare metal the groove
    # collects dirt and shadow and reads dark.
    if rng.random() < np.clip(1.0 - _lightness(surf), 0.15, 0.85):
        surf["albedo"] += (contrast * (1.0 - surf["albedo"]) * 0.8) * prof[:, None]
        surf["ks"] += 0.4 * prof
    else:  # ...or dark where dirt collects in the groove
        surf["albedo"] *= (1.0 - contrast * 0.8 * prof)[:, None]
    surf["height"] -= 0.5 * width * prof


def crack(rng, placer, u, v, surf, px, severity):
    start, direction = placer.edge_start()
    n = int(rng.integers(5, 10))
    total = rng.uniform(9.0, 16.0) * px
    heading = np.arctan2(direction[1], direction[0]) + rng.normal(0, 0.3)
    pts = [start - direction * px]  # begin just outside so the crack opens at the edge
    p = start.copy()
    for _ in range(n):
        heading += rng.normal(0, 0.55)
        p = p + total / n * np.array([np.cos(heading), np.sin(heading)])
        pts.append(p.copy())
    pts = np.array(pts)
    width = (0.8 + 0.6 * severity) * px * rng.uniform(0.85, 1.15)
    prof = _polyline_profile(u, v, pts, width, 0.6)
    if rng.random() < 0.3:  # a side branch
        k = int(rng.integers(2, n))
        b = pts[k] + 0.4 * total * np.array([np.cos(heading + 0.9), np.sin(heading + 0.9)])
        prof = np.maximum(prof, _polyline_profile(u, v, np.array([pts[k], b]), width * 0.7, 0.8))
    darkness = 0.8 + 0.18 * severity
    surf["albedo"] *= (1.0 - darkness * prof)[:, None]
    surf["ks"] *= 1.0 - 0.8 * prof
    surf["height"] -= 1.0 * width * prof


def discoloration(rng, placer, u, v, surf, px, severity):
    for c in placer.inside(0.0, 1 if rng.random() < 0.75 else 2):
        ra = rng.uniform(5.0, 9.0) * px
        rb = ra * rng.uniform(0.5, 1.0)
        a = rng.uniform(0, np.pi)
        du, dv = u - c[0], v - c[1]
        p = (du * np.cos(a) + dv * np.sin(a)) / ra
        q = (-du * np.sin(a) + dv * np.cos(a)) / rb
        w = (0.7 + 0.3 * severity) * np.exp(-0.5 * (p * p + q * q) ** 1.5)
        tint = np.array(TINTS[rng.integers(len(TINTS))]) * rng.normal(1.0, 0.1, 3)
        surf["albedo"] += (tint - surf["albedo"]) * w[:, None]
        surf["ks"] *= 1.0 - 0.6 * w


def contamination(rng, placer, u, v, surf, px, severity):
    count = int(rng.integers(3, 7))
    light = _lightness(surf)
    oily = rng.random() < np.clip(light, 0.15, 0.6)  # an oil film shows on bright metal only
    # Dust and chips show against the surface: dark ones on bright parts, light ones on dark.
    dark = rng.random() < np.clip(light * 1.4, 0.15, 0.85)
    colour = np.array((0.04, 0.035, 0.03)) if dark else np.array((0.85, 0.82, 0.7))
    for c in placer.inside(0.05, count):
        w = np.zeros(u.shape)
        for _ in range(int(rng.integers(1, 4))):
            off = rng.normal(0, 0.5, 2) * px
            r = rng.uniform(1.3, 1.8 + 0.8 * severity) * px
            w = np.maximum(w, np.exp(-0.5 * ((u - c[0] - off[0]) ** 2 + (v - c[1] - off[1]) ** 2)
                                     / r ** 2))
        strength = 0.75 + 0.23 * severity
        if oily:  # oil film: darker, glossier
            surf["albedo"] *= (1.0 - strength * 0.85 * w)[:, None]
            surf["ks"] += 0.5 * w
            surf["shin"] = np.where(w > 0.3, 80.0, surf["shin"])
        else:  # a particle sitting on the surface
            surf["albedo"] += (colour - surf["albedo"]) * (strength * w)[:, None]
            surf["height"] += 0.8 * px * w


PAINTERS = {
    "scratch": scratch,
    "crack": crack,
    "discoloration": discoloration,
    "contamination": contamination,
}
