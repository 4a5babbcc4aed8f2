#include "power/ppk2/ppk2_sample_source.h"

#include "power/ppk2/ppk2_codec.h"

namespace tr::power::ppk2 {

Ppk2SampleSource::Ppk2SampleSource(sim::Waveform waveform, Ppk2Metadata metadata, int marker_pin,
                                   double pulse_s)
    : waveform_(waveform),
      metadata_(std::move(metadata)),
      marker_pin_(marker_pin),
      pulse_s_(pulse_s) {}

void Ppk2SampleSource::generate(std::uint64_t from, std::uint64_t to, bool dut_on, double vdd_mv,
                                std::vector<std::uint32_t>& out) const {
  constexpr double dt = 1.0 / kSampleRateHz;
  const auto idle_logic = static_cast<std::uint8_t>(1u << marker_pin_);
  const double t_from = static_cast<double>(from) * dt;
  const double t_to = static_cast<double>(to) * dt;
  // Edges whose low pulse overlaps this block; the pin is sampled at each sample's start.
  const std::vector<double> edges =
      dut_on ? waveform_.marker_times(t_from - pulse_s_, t_to) : std::vector<double>{};
  std::size_t next_edge = 0;
  for (std::uint64_t i = from; i < to; ++i) {
    const double t = static_cast<double>(i) * dt;
    Ppk2Word w;
    const double amps = dut_on ? waveform_.mean_current(t, t + dt) : 0.0;
    w.range = static_cast<std::uint8_t>(auto_range(amps));
    w.adc = to_adc(amps, w.range, metadata_, vdd_mv);
    w.counter = static_cast<std::uint8_t>(i & kCounterMask);
    while (next_edge < edges.size() && edges[next_edge] + pulse_s_ <= t) ++next_edge;
    const bool low = next_edge < edges.size() && edges[next_edge] <= t + 1e-12;
    w.logic = low ? 0 : idle_logic;
    out.push_back(w.encode());
  }
}

}  // namespace tr::power::ppk2
