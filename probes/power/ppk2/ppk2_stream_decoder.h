// Ppk2StreamDecoder: the PPK2's sample stream (little-endian u32 words at 100 kS/s after 06)
// to amperes and logic levels, robust to what USB does to it (power-monitors.md §1.4):
// - reads split words anywhere: the caller keeps the unused tail and passes it again;
// - lost samples: the 6-bit counter jumps; the decoder inserts that many gap samples so later
//   samples keep their time (a gap holds the previous value and logic level);
// - a dropped byte shifts the framing: at a counter mismatch the decoder scores the four byte
//   offsets on counter continuity over the next words and re-aligns to the consistent one;
// - range 5-7 is clamped to 4 and counted; ADC 0x3FFF (clipped) is counted.
// Losses of whole multiples of 64 samples are invisible to the counter (the monitor compares the
// sample count with the wall clock for those).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "power/ppk2/ppk2_codec.h"
#include "power/ppk2/ppk2_metadata.h"
#include "power/ppk2/ppk2_spike_filter.h"

namespace tr::power::ppk2 {

struct Ppk2Sample {
  float amps = 0.0f;
  std::uint8_t logic = 0;  // bit N = DN
  bool gap = false;        // stands in for a lost sample
};

struct Ppk2StreamStats {
  std::uint64_t words = 0;            // words decoded into samples
  std::uint64_t lost_samples = 0;     // gap samples inserted
  std::uint64_t loss_events = 0;      // counter discontinuities
  std::uint64_t realigned_bytes = 0;  // bytes skipped to recover the word framing
  std::uint64_t invalid_range = 0;    // words with range 5-7 (clamped to 4)
  std::uint64_t clipped = 0;          // words with ADC 0x3FFF
};

class Ppk2StreamDecoder {
 public:
  // Words checked for counter continuity before a discontinuity is believed.
  static constexpr std::size_t kCheckWords = 4;

  Ppk2StreamDecoder(Ppk2Metadata metadata, double vdd_mv, bool spike_filter);

  // Forget counter, filter and statistics: a new stream (after 06) starts.
  void reset();
  // The VDD the conversion uses (source mode: the regulator setting).
  void set_vdd(double millivolts) { vdd_mv_ = millivolts; }

  // Decodes from the front of `bytes`, appending to `out`; returns the bytes used. The unused
  // tail (0-3 bytes, or up to kCheckWords * 4 + 3 while a discontinuity awaits the words that
  // explain it) must be passed again in front of the next bytes.
  std::size_t feed(std::span<const std::uint8_t> bytes, std::vector<Ppk2Sample>& out);

  const Ppk2StreamStats& stats() const { return stats_; }
  const Ppk2Metadata& metadata() const { return metadata_; }

 private:
  bool continuous_run(const std::uint8_t* p) const;
  void emit(const Ppk2Word& w, std::vector<Ppk2Sample>& out);
  void insert_gaps(std::size_t n, std::vector<Ppk2Sample>& out);

  Ppk2Metadata metadata_;
  double vdd_mv_;
  bool spike_filter_on_;
  Ppk2SpikeFilter filter_;
  int expected_ = -1;  // next counter value, -1 before the first word
  Ppk2Sample last_;
  Ppk2StreamStats stats_;
};

}  // namespace tr::power::ppk2
