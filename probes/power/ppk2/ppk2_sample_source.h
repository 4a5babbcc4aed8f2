// Ppk2SampleSource: what the simulated PPK2 measures. Turns a known Waveform into the words a
// real PPK2 would send: the mean current of each 10 us sample, the range its auto-ranging
// would pick, the ADC code found by inverting the conversion with the device's calibration,
// the rolling counter, and the logic port with the marker pin held LOW for `pulse_s` at each
// of the waveform's marker edges (MLPerf Tiny energy mode: the line idles high).
#pragma once

#include <cstdint>
#include <vector>

#include "power/ppk2/ppk2_metadata.h"
#include "power/sim/waveform.h"

namespace tr::power::ppk2 {

class Ppk2SampleSource {
 public:
  Ppk2SampleSource(sim::Waveform waveform, Ppk2Metadata metadata, int marker_pin, double pulse_s);

  // Words for samples [from, to) of a stream that started at sample 0 (t = i * 10 us). With
  // the DUT off the current is 0 and the marker line stays high.
  void generate(std::uint64_t from, std::uint64_t to, bool dut_on, double vdd_mv,
                std::vector<std::uint32_t>& out) const;

  const sim::Waveform& waveform() const { return waveform_; }
  Ppk2Metadata& metadata() { return metadata_; }

 private:
  sim::Waveform waveform_;
  Ppk2Metadata metadata_;
  int marker_pin_;
  double pulse_s_;
};

}  // namespace tr::power::ppk2
