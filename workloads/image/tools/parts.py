"""Part geometry and materials for the inspection renderer.

Each part kind draws its parameters from a Generator and evaluates, on arbitrary local
coordinates (u, v) (part centred at 0, outer radius about 1), a signed distance to its solid
material (negative inside), a height field in local units and its surface albedo, specular
strength and shininess. The 'missing_feature' defect is a parameter change (a hole, pad, chip,
tooth or keyway left out), so it is drawn here with the part.
"""
import numpy as np

# Linear-light albedos of common finishes; spec_tint says whether highlights take the metal's
# colour (conductors) or stay white.
METALS = {
    "steel": ((0.52, 0.53, 0.55), 0.55, (18, 45)),
    "aluminium": ((0.72, 0.73, 0.75), 0.45, (12, 35)),
    "zinc_plated": ((0.66, 0.67, 0.62), 0.5, (20, 50)),
    "brass": ((0.68, 0.52, 0.25), 0.6, (20, 50)),
    "copper": ((0.66, 0.40, 0.27), 0.55, (15, 40)),
    "black_oxide": ((0.10, 0.10, 0.11), 0.35, (10, 30)),
}
SOLDER_MASKS = {
    "green": (0.07, 0.30, 0.10),
    "blue": (0.05, 0.12, 0.38),
    "black": (0.05, 0.05, 0.05),
    "red": (0.42, 0.06, 0.05),
}
PAD_FINISHES = {"gold": (0.80, 0.58, 0.24), "hasl": (0.72, 0.72, 0.72)}


def box_sdf(u, v, hx, hy, rc=0.0):
    """Signed distance to an axis-aligned rounded rectangle with half sizes hx, hy."""
    qx = np.abs(u) - (hx - rc)
    qy = np.abs(v) - (hy - rc)
    outside = np.hypot(np.maximum(qx, 0.0), np.maximum(qy, 0.0))
    return outside + np.minimum(np.maximum(qx, qy), 0.0) - rc


def bevel_height(sdf, width, height):
    """Rounded edge: rises smoothly from 0 at the edge to `height` at `width` inside."""
    t = np.clip(-sdf / width, 0.0, 1.0)
    return height * t * t * (3.0 - 2.0 * t)


def _metal(rng):
    names = sorted(METALS)
    name = names[rng.integers(len(names))]
    albedo, ks, shin = METALS[name]
    jitter = rng.normal(1.0, 0.05, 3)
    return {
        "albedo": np.clip(np.array(albedo) * jitter, 0.02, 0.95),
        "ks": ks * rng.uniform(0.7, 1.3),
        "shin": rng.uniform(*shin),
        "tinted_spec": name in ("brass", "copper"),
    }


class Part:
    """Base: subclasses set `bound` (max radius of the part) and implement draw/evaluate."""
    kind = ""
    bound = 1.0

    def __init__(self, rng, missing):
        self.mat = _metal(rng)
        self.bevel = rng.uniform(0.06, 0.12)
        self.draw(rng, missing)
        # Textures are drawn once so every evaluation (shadow, defect placement) agrees.
        self.tex = rng.normal(0.0, 1.0, 257)
        self.tex_amp = rng.uniform(0.01, 0.06)

    def texture(self, coord):
        idx = np.clip((coord + 1.5) / 3.0 * 256, 0, 255.999)
        i = idx.astype(np.int64)
        f = idx - i
        return self.tex_amp * (self.tex[i] * (1 - f) + self.tex[i + 1] * f)

    def surface(self, u, v, sdf, extra_height=0.0, texture_coord=None):
        n = u.shape[0]
        albedo = np.tile(self.mat["albedo"], (n, 1))
        if texture_coord is not None:
            albedo *= (1.0 + self.texture(texture_coord))[:, None]
        return {
            "sdf": sdf,
            "height": bevel_height(sdf, self.bevel, 0.6 * self.bevel) + extra_height,
            "albedo": albedo,
            "ks": np.full(n, self.mat["ks"]),
            "shin": np.full(n, self.mat["shin"]),
            "tinted_spec": np.full(n, self.mat["tinted_spec"]),
        }


class Flange(Part):
    """Washer / flange: central bore and a bolt circle; turning marks are concentric."""
    kind = "flange"

    def draw(self, rng, missing):
        self.ri = rng.uniform(0.22, 0.38)
        self.nb = int(rng.choice([4, 5, 6, 8]))
        self.rh = rng.uniform(0.08, 0.12)
        self.rb = (1.0 + self.ri) / 2 + rng.uniform(-0.03, 0.05)
        self.hub = rng.uniform(0.0, 0.06) if rng.random() < 0.6 else 0.0
        self.gone = set()
        if missing:
            k = 1 if rng.random() < 0.75 else 2
            self.gone = set(int(i) for i in rng.choice(self.nb, k, replace=False))
        self.holes = [(0.0, 0.0)] + [self._bolt(i) for i in range(self.nb) if i not in self.gone]

    def _bolt(self, i):
        a = 2 * np.pi * i / self.nb
        return (self.rb * np.cos(a), self.rb * np.sin(a))

    def evaluate(self, u, v):
        r = np.hypot(u, v)
        sdf = np.maximum(r - 1.0, -(r - self.ri))
        for cx, cy in self.holes[1:]:
            sdf = np.maximum(sdf, self.rh - np.hypot(u - cx, v - cy))
        hub = self.hub * np.clip((self.ri + 0.2 - r) / 0.03, 0.0, 1.0)
        return self.surface(u, v, sdf, hub, texture_coord=r)


class HexNut(Part):
    """Hex nut: chamfered corners, tapped bore (dark thread ring); optional grade marks."""
    kind = "hexnut"

    def draw(self, rng, missing):
        self.ri = rng.uniform(0.36, 0.46)
        self.chamfer = rng.uniform(0.93, 0.99)
        self.marks = rng.random() < 0.4
        self.mark_angle = rng.uniform(0, 2 * np.pi)
        self.mark_dark = rng.uniform(0.1, 0.3)
        if missing:
            # Untapped blank, or only a pilot hole drilled.
            self.ri = 0.0 if rng.random() < 0.5 else rng.uniform(0.12, 0.22)
            self.thread = False
        else:
            self.thread = True
        self.holes = [(0.0, 0.0)] if self.ri > 0 else []

    def evaluate(self, u, v):
        r = np.hypot(u, v)
        hexd = np.maximum.reduce([np.abs(u * np.cos(a) + v * np.sin(a))
                                  for a in (0.0, np.pi / 3, 2 * np.pi / 3)]) - 0.866
        sdf = np.maximum(hexd, r - self.chamfer)
        if self.ri > 0:
            sdf = np.maximum(sdf, self.ri - r)
        # The chamfer cone lowers the corners.
        cone = -0.15 * np.clip((r - 0.8) / 0.2, 0.0, 1.0)
        out = self.surface(u, v, sdf, cone, texture_coord=u * 0.7 + v * 0.7)
        if self.thread:
            ring = np.clip(1.0 - (r - self.ri) / 0.07, 0.0, 1.0) * (r >= self.ri)
            out["albedo"] *= (1.0 - 0.55 * ring)[:, None]
        if self.marks:
            # Three embossed radial dashes (property-class marks): benign, not defects.
            for k in range(3):
                a = self.mark_angle + 2 * np.pi * k / 3
                along = u * np.cos(a) + v * np.sin(a)
                across = -u * np.sin(a) + v * np.cos(a)
                dash = (np.abs(across) < 0.03) & (along > 0.55) & (along < 0.75)
                out["albedo"] *= (1.0 - self.mark_dark * dash)[:, None]
        return out


class Board(Part):
    """PCB-like plate: solder mask, two rows of pads, a chip, corner mounting holes."""
    kind = "board"
    bound = 1.25

    def draw(self, rng, missing):
        names = sorted(SOLDER_MASKS)
        self.mask = np.array(SOLDER_MASKS[names[rng.integers(len(names))]]) * rng.normal(1, 0.06, 3)
        pads = sorted(PAD_FINISHES)
        self.pad_col = np.array(PAD_FINISHES[pads[rng.integers(len(pads))]])
        self.hy = rng.uniform(0.6, 0.75)
        self.npad = int(rng.integers(3, 6))
        self.pad_h = rng.uniform(0.09, 0.12)
        self.chip = (rng.uniform(0.28, 0.42), rng.uniform(0.12, 0.2))
        self.mount = rng.random() < 0.7
        self.silk = rng.random() < 0.5
        self.gone_pads = set()
        self.chip_gone = False
        self.gone_mount = -1
        if missing:
            what = rng.random()
            if what < 0.6 or (what >= 0.85 and not self.mount):
                k = 1 if rng.random() < 0.7 else 2
                self.gone_pads = set(int(i) for i in rng.choice(2 * self.npad, k, replace=False))
            elif what < 0.85:
                self.chip_gone = True
            else:
                self.gone_mount = int(rng.integers(4))
        corners = [(sx * 0.82, sy * (self.hy - 0.17)) for sx in (-1, 1) for sy in (-1, 1)]
        self.mounts = [c for i, c in enumerate(corners) if self.mount and i != self.gone_mount]
        self.holes = list(self.mounts)

    def evaluate(self, u, v):
        sdf = box_sdf(u, v, 1.0, self.hy, 0.08)
        for cx, cy in self.mounts:
            sdf = np.maximum(sdf, 0.1 - np.hypot(u - cx, v - cy))
        out = self.surface(u, v, sdf, 0.0, texture_coord=v)
        out["height"] = bevel_height(sdf, 0.04, 0.04)
        out["albedo"][:] = self.mask * (1.0 + self.texture(u))[:, None]
        out["ks"][:] = 0.25
        out["shin"][:] = 60.0
        out["tinted_spec"][:] = False
        xs = np.linspace(-0.6, 0.6, self.npad)
        for row, y in enumerate((-(self.hy - 0.25), self.hy - 0.25)):
            for i, x in enumerate(xs):
                if row * self.npad + i in self.gone_pads:
                    continue
                pad = box_sdf(u - x, v - y, self.pad_h, self.pad_h * 0.8) < 0
                out["albedo"][pad] = self.pad_col
                out["ks"][pad] = 0.7
                out["shin"][pad] = 30.0
                out["tinted_spec"][pad] = True
        if self.silk:
            ring = np.abs(box_sdf(u, v, self.chip[0] + 0.08, self.chip[1] + 0.08)) < 0.025
            out["albedo"][ring] = (0.8, 0.8, 0.78)
        if not self.chip_gone:
            body = box_sdf(u, v, *self.chip, 0.02)
            inside = body < 0
            out["albedo"][inside] = (0.04, 0.04, 0.045)
            out["ks"][inside] = 0.2
            out["shin"][inside] = 20.0
            out["tinted_spec"][inside] = False
            out["height"] += bevel_height(body, 0.03, 0.08)
        return out


class Gear(Part):
    """Spur gear: trapezoidal teeth, keyed bore, optional lightening holes."""
    kind = "gear"

    def draw(self, rng, missing):
        self.n = int(rng.integers(8, 14))
        self.root = rng.uniform(0.72, 0.80)
        self.ri = rng.uniform(0.16, 0.26)
        self.key = rng.random() < 0.7
        self.nl = int(rng.choice([0, 4, 5, 6]))
        self.rl = rng.uniform(0.09, 0.13)
        self.gone_teeth = set()
        self.gone_light = -1
        if missing:
            what = rng.random()
            if what < 0.7 or self.nl == 0:
                start = int(rng.integers(self.n))
                k = 1 if rng.random() < 0.7 else 2
                self.gone_teeth = {(start + j) % self.n for j in range(k)}
            else:
                self.gone_light = int(rng.integers(self.nl))
        self.lights = [(0.52 * np.cos(2 * np.pi * i / max(self.nl, 1) + 0.3),
                        0.52 * np.sin(2 * np.pi * i / max(self.nl, 1) + 0.3))
                       for i in range(self.nl) if i != self.gone_light]
        self.holes = [(0.0, 0.0)] + list(self.lights)

    def evaluate(self, u, v):
        r = np.hypot(u, v)
        phase = (np.arctan2(v, u) % (2 * np.pi)) * self.n / (2 * np.pi)
        tooth = np.floor(phase).astype(np.int64) % self.n
        f = phase - np.floor(phase)
        profile = np.clip((0.32 - np.abs(f - 0.5)) / 0.12, 0.0, 1.0)
        for t in self.gone_teeth:
            profile[tooth == t] = 0.0
        outer = self.root + (1.0 - self.root) * profile
        sdf = (r - outer) * 0.85
        bore = self.ri - r
        if self.key:
            bore = np.maximum(bore, -box_sdf(u - self.ri, v, 0.08, 0.06))
        sdf = np.maximum(sdf, bore)
        for cx, cy in self.lights:
            sdf = np.maximum(sdf, self.rl - np.hypot(u - cx, v - cy))
        hub = 0.05 * np.clip((self.ri + 0.15 - r) / 0.03, 0.0, 1.0)
        return self.surface(u, v, sdf, hub, texture_coord=r)


KINDS = (Flange, HexNut, Board, Gear)
