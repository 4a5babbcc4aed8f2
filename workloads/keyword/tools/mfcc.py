#!/usr/bin/python3
"""The keyword-spotting front end: 1 s of 16 kHz audio -> 49x10 MFCC -> kws01's int8 input.

This is the reference the C++ front end (firmware-runner/engine/frontend/) is checked against,
and the feature extractor of the keyword workload generator. numpy only.

What MLPerf Tiny's KWS front end does (mlcommons/tiny, benchmark/training/keyword_spotting/
get_dataset.py, get_preprocess_audio_func, feature_type 'mfcc'; TensorFlow's
tf.signal.stft / linear_to_mel_weight_matrix / mfccs_from_log_mel_spectrograms; read through
the project's search tool in 2026-11) and what this module implements:

 1. Input: the tfds speech_commands clip as int16 values cast to float32.
 2. Peak normalisation: audio / max(audio) -- the signed maximum, not max |audio|. A clip whose
    negative peak is larger than its positive one therefore goes below -1; the test/validation
    path does not clip it (only the training path clips, after mixing in background noise).
    Because of this step the input scale does not matter: int16 counts and floats in [-1, 1]
    give the same features. Undefined in MLPerf for max(audio) <= 0 (0/0 for silence); here
    such a clip is left unscaled (so digital silence gives the log floor everywhere).
 3. Clips shorter than 16000 samples are zero-padded at the end (tf.pad after normalising).
    The time-shift step of the evaluation path pads 2 samples each side and slices from offset
    2, i.e. it is the identity.
 4. tf.signal.stft(frame_length=480 (30 ms), frame_step=320 (20 ms), fft_length=None -> 512,
    the smallest power of two >= 480, window_fn=hann_window (periodic: 0.5 - 0.5 cos(2 pi n /
    480)), pad_end=False). Frames are not padded: 1 + (16000 - 480) // 320 = 49 frames; the last
    160 samples are unused. Each 480-sample windowed frame is zero-extended to 512 for the FFT.
 5. Magnitude |X| (not power), 257 bins.
 6. Mel weights (linear_to_mel_weight_matrix(40, 257, 16000, 20.0, 4000.0)): HTK mel scale
    mel(f) = 1127 ln(1 + f / 700); bin k has frequency k * 8000 / 256; 42 band edges equally
    spaced in mel from mel(20) to mel(4000); band m's weight for bin k is
    max(0, min((mel_k - lo_m) / (c_m - lo_m), (hi_m - mel_k) / (hi_m - c_m))) -- triangles in
    the mel domain, not normalised; the DC bin (k = 0) gets weight 0 ("HTK excludes DC").
 7. log(mel + 1e-6) (natural log).
 8. mfccs_from_log_mel_spectrograms: the unnormalised DCT-II (2 sum x_n cos(pi k (2n+1) / 2N))
    times 1/sqrt(2N), N = 40. So every coefficient, including c0, is scaled by sqrt(2/N): this
    is HTK's scaling, *not* the orthonormal one (which would scale c0 by sqrt(1/N)).
    (Computed so that a constant frame gives exact zeros for k >= 1; see dct().)
 9. The first 10 coefficients -> [49, 10] float32 (row = frame, column = coefficient).
10. int8 input of kws_ref_model.tflite: scale 0.5847029089927673, zero point 83
    (shared facts, dut-protocol.md section 11). MLPerf's make_bin_files.py writes
    np.array(x / scale + zero_point, dtype=np.int8): float32 arithmetic, truncation toward
    zero, and numpy's out-of-range cast wraps. Here: the same float32 arithmetic and truncation,
    but clamped to [-128, 127] instead of wrapping (loud noise can exceed the top of c0's range).

TensorFlow computes steps 4-8 in float32; this module computes the FFT and matrices in float64
and rounds to float32 between steps, which differs from TF by float rounding only.
"""
import argparse
import sys
import wave

import numpy as np

SAMPLE_RATE = 16000
NUM_SAMPLES = 16000
FRAME_LENGTH = 480
FRAME_STEP = 320
FFT_LENGTH = 512
NUM_FRAMES = 1 + (NUM_SAMPLES - FRAME_LENGTH) // FRAME_STEP  # 49
NUM_SPECTROGRAM_BINS = FFT_LENGTH // 2 + 1  # 257
NUM_MEL_BINS = 40
NUM_COEFFICIENTS = 10
LOWER_EDGE_HZ = 20.0
UPPER_EDGE_HZ = 4000.0
LOG_OFFSET = 1e-6
INPUT_SCALE = np.float32(0.5847029089927673)  # float32 value stored in kws_ref_model.tflite
INPUT_ZERO_POINT = 83


def hann_window():
    """Periodic Hann window of FRAME_LENGTH points, float32."""
    n = np.arange(FRAME_LENGTH, dtype=np.float64)
    return (0.5 - 0.5 * np.cos(2.0 * np.pi * n / FRAME_LENGTH)).astype(np.float32)


def hertz_to_mel(f):
    """HTK mel scale."""
    return 1127.0 * np.log(1.0 + np.asarray(f, dtype=np.float64) / 700.0)


def mel_weight_matrix():
    """[257, 40] float32 weights mapping FFT magnitudes to mel bands (step 6 above)."""
    freqs = np.linspace(0.0, SAMPLE_RATE / 2.0, NUM_SPECTROGRAM_BINS)
    bins_mel = hertz_to_mel(freqs)[:, np.newaxis]
    edges = np.linspace(hertz_to_mel(LOWER_EDGE_HZ), hertz_to_mel(UPPER_EDGE_HZ), NUM_MEL_BINS + 2)
    lo, center, hi = edges[np.newaxis, :-2], edges[np.newaxis, 1:-1], edges[np.newaxis, 2:]
    rising = (bins_mel - lo) / (center - lo)
    falling = (hi - bins_mel) / (hi - center)
    weights = np.maximum(0.0, np.minimum(rising, falling))
    weights[0, :] = 0.0  # the DC bin never contributes
    return weights.astype(np.float32)


def dct_matrix():
    """[40, 10] float32: column k is sqrt(2/N) cos(pi k (2n+1) / 2N) (step 8 above)."""
    n = np.arange(NUM_MEL_BINS, dtype=np.float64)[:, np.newaxis]
    k = np.arange(NUM_COEFFICIENTS, dtype=np.float64)[np.newaxis, :]
    basis = np.cos(np.pi * k * (2.0 * n + 1.0) / (2.0 * NUM_MEL_BINS))
    return (basis * np.sqrt(2.0 / NUM_MEL_BINS)).astype(np.float32)


def normalize_audio(audio, pad=False):
    """Steps 1-3: a 1-D int16 or float array -> float32 [16000] divided by its signed peak.

    int16 input is taken as counts; float input may have any scale (typically [-1, 1]); the
    peak normalisation makes the two equivalent. Exactly 16000 samples are required unless
    pad=True, which zero-pads shorter clips at the end as MLPerf does. Longer clips are an error.
    """
    a = np.asarray(audio)
    if a.ndim != 1:
        raise ValueError(f"mfcc: audio must be 1-D, got shape {a.shape}")
    if not (a.dtype == np.int16 or np.issubdtype(a.dtype, np.floating)):
        raise ValueError(f"mfcc: audio must be int16 or float, got dtype {a.dtype}")
    if a.size > NUM_SAMPLES or (a.size < NUM_SAMPLES and not pad):
        raise ValueError(
            f"mfcc: audio has {a.size} samples, expected {NUM_SAMPLES} (1 s at 16 kHz)"
            + ("" if pad or a.size > NUM_SAMPLES else "; pass pad=True to zero-pad"))
    x = a.astype(np.float32)
    if not np.all(np.isfinite(x)):
        raise ValueError("mfcc: audio contains NaN or infinity")
    peak = np.max(x) if x.size else np.float32(0.0)
    if peak > 0.0:
        x = x / peak
    out = np.zeros(NUM_SAMPLES, dtype=np.float32)
    out[:x.size] = x
    return out


def log_mel_spectrogram(x):
    """Steps 4-7 on normalised audio: float32 [49, 40]."""
    window = hann_window()
    starts = np.arange(NUM_FRAMES) * FRAME_STEP
    frames = np.stack([x[s:s + FRAME_LENGTH] for s in starts]) * window
    spectrum = np.abs(np.fft.rfft(frames.astype(np.float64), n=FFT_LENGTH, axis=1))
    mel = spectrum.astype(np.float32) @ mel_weight_matrix()
    return np.log(mel + np.float32(LOG_OFFSET)).astype(np.float32)


def dct(log_mel):
    """Step 8-9: [frames, 40] -> [frames, 10]. Coefficients k >= 1 are taken of log_mel minus its
    first band: the same value (those basis vectors sum to zero), but a constant frame -- every
    band at the log floor, as in zero-padded audio -- gives exactly 0 instead of float noise
    whose sign would decide the truncated int8 value (82 or 83)."""
    basis = dct_matrix()
    out = ((log_mel - log_mel[:, :1]) @ basis).astype(np.float32)
    out[:, 0] = log_mel @ basis[:, 0]
    return out


def mfcc(audio, pad=False):
    """1 s of 16 kHz audio (see normalize_audio) -> float32 [49, 10] MFCC."""
    return dct(log_mel_spectrogram(normalize_audio(audio, pad=pad)))


def quantize_features(m):
    """float MFCC [49, 10] -> int8 [49, 10] with kws01's input quantization (step 10)."""
    f = np.asarray(m, dtype=np.float32)
    if f.shape != (NUM_FRAMES, NUM_COEFFICIENTS):
        raise ValueError(f"quantize_features: expected shape (49, 10), got {f.shape}")
    q = np.trunc(f / INPUT_SCALE + np.float32(INPUT_ZERO_POINT))
    return np.clip(q, -128, 127).astype(np.int8)


def mfcc_int8(audio, pad=False):
    """mfcc() then quantize_features(): the 490 bytes a kws01 .bin file holds."""
    return quantize_features(mfcc(audio, pad=pad))


def read_wav(path):
    """A 16 kHz mono 16-bit PCM wav -> int16 array. Anything else is rejected."""
    with wave.open(str(path), "rb") as w:
        if w.getnchannels() != 1 or w.getsampwidth() != 2 or w.getframerate() != SAMPLE_RATE:
            raise ValueError(
                f"{path}: need 16 kHz mono 16-bit PCM, got {w.getframerate()} Hz, "
                f"{w.getnchannels()} channel(s), {8 * w.getsampwidth()}-bit")
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.int16)


def main(argv=None):
    p = argparse.ArgumentParser(description="Print the kws01 MFCC features of a wav file: "
                                "49 lines (frames) of 10 coefficients.")
    p.add_argument("--wav", required=True, help="16 kHz mono 16-bit PCM, at most 1 s")
    p.add_argument("--float", action="store_true", help="print float MFCC instead of int8")
    p.add_argument("--no-pad", action="store_true", help="reject clips shorter than 1 s")
    args = p.parse_args(argv)
    try:
        audio = read_wav(args.wav)
        m = mfcc(audio, pad=not args.no_pad)
    except (ValueError, OSError, wave.Error) as e:
        print(f"mfcc.py: {e}", file=sys.stderr)
        return 2
    rows = m if args.float else quantize_features(m)
    for row in rows:
        print(" ".join(f"{v:.6f}" if args.float else str(int(v)) for v in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
