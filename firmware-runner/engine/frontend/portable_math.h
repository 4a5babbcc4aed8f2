// Logarithm, cosine and sine for the MFCC front end, built only from IEEE 754 basic operations
// (+ - * / and bit fields), so the host and every board compute the same bits. The C libraries
// do not: newlib and glibc pick different polynomial paths per FPU (with or without fused
// multiply-add, float or double), and a one-ulp difference in a log is enough to flip a
// truncated int8 feature. Together with -ffp-contract=off (no compiler-made FMAs), this makes
// the front end's output a function of its input alone.
//
// Accuracy: logf_portable within 2 ulps of the true value; the double functions within a
// few double ulps, far below the float tables they fill.
#pragma once

namespace tr::engine::frontend {

// Natural log of a float, in float arithmetic (the per-frame log of the mel energies).
// x > 0; returns -infinity for 0 and NaN for negative or NaN input.
float logf_portable(float x);

// Natural log in double arithmetic (table set-up only: the mel scale). Same domain.
double log_portable(double x);

// cos and sin of a whole turn's fraction `turns` (angle = 2 pi turns), in double arithmetic
// (window, DCT and FFT tables). Taking the angle in turns keeps the reduction exact.
double cos_turns(double turns);
double sin_turns(double turns);

}  // namespace tr::engine::frontend
