#include "power/ppk2/ppk2_stream_decoder.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

namespace {
using namespace tr::power::ppk2;

// A stream of `n` words in range 2 whose ADC code encodes the sample index, counter i & 63.
std::vector<std::uint8_t> stream(std::uint64_t first, std::uint64_t n, std::uint8_t logic = 1,
                                 std::uint8_t range = 2) {
  std::vector<std::uint8_t> out;
  for (std::uint64_t i = first; i < first + n; ++i) {
    Ppk2Word w;
    w.adc = static_cast<std::uint16_t>(100 + (i % 1000));
    w.range = range;
    w.counter = static_cast<std::uint8_t>(i & 63);
    w.logic = logic;
    const std::uint32_t v = w.encode();
    for (int b = 0; b < 4; ++b) out.push_back(static_cast<std::uint8_t>(v >> (8 * b)));
  }
  return out;
}

float amps_of(std::uint64_t i) {
  return static_cast<float>(
      to_amperes(static_cast<std::uint16_t>(100 + (i % 1000)), 2, Ppk2Metadata{}, 3000));
}

// Feeds `bytes` in pieces of `piece` bytes, keeping the unused tail as a driver does.
std::vector<Ppk2Sample> decode(Ppk2StreamDecoder& d, const std::vector<std::uint8_t>& bytes,
                               std::size_t piece) {
  std::vector<Ppk2Sample> out;
  std::vector<std::uint8_t> pending;
  for (std::size_t at = 0; at < bytes.size(); at += piece) {
    pending.insert(pending.end(), bytes.begin() + static_cast<long>(at),
                   bytes.begin() + static_cast<long>(std::min(bytes.size(), at + piece)));
    const std::size_t used = d.feed(pending, out);
    pending.erase(pending.begin(), pending.begin() + static_cast<long>(used));
  }
  return out;
}

}  // namespace

TEST_CASE("PPK2 stream: words split anywhere are reassembled", "[power][ppk2]") {
  for (std::size_t piece : {1u, 3u, 5u, 4096u}) {
    Ppk2StreamDecoder d(Ppk2Metadata{}, 3000, false);
    const auto out = decode(d, stream(0, 300), piece);
    INFO("piece " << piece);
    REQUIRE(out.size() == 300);
    CHECK(out[0].amps == amps_of(0));
    CHECK(out[299].amps == amps_of(299));
    CHECK(out[17].logic == 1);
    CHECK(d.stats().lost_samples == 0);
    CHECK(d.stats().words == 300);
  }
}

TEST_CASE("PPK2 stream: a counter jump inserts that many gap samples", "[power][ppk2]") {
  Ppk2StreamDecoder d(Ppk2Metadata{}, 3000, false);
  auto bytes = stream(0, 100);
  const auto after = stream(137, 100);  // samples 100..136 lost (37, not a multiple of 64)
  bytes.insert(bytes.end(), after.begin(), after.end());
  const auto out = decode(d, bytes, 7);
  REQUIRE(out.size() == 237);
  CHECK(d.stats().lost_samples == 37);
  CHECK(d.stats().loss_events == 1);
  CHECK(out[100].gap);
  CHECK(out[136].gap);
  CHECK(out[100].amps == out[99].amps);  // a gap holds the previous value
  CHECK_FALSE(out[137].gap);
  CHECK(out[137].amps == amps_of(137));  // later samples keep their time
  CHECK(out[236].amps == amps_of(236));
}

TEST_CASE("PPK2 stream: a dropped byte is re-framed by counter continuity", "[power][ppk2]") {
  Ppk2StreamDecoder d(Ppk2Metadata{}, 3000, false);
  auto bytes = stream(0, 200);
  bytes.erase(bytes.begin() + 50 * 4);  // first byte of sample 50
  const auto out = decode(d, bytes, 64);
  REQUIRE(out.size() == 200);
  CHECK(d.stats().realigned_bytes == 3);
  CHECK(d.stats().lost_samples == 1);
  CHECK(out[50].gap);
  CHECK(out[49].amps == amps_of(49));
  CHECK(out[51].amps == amps_of(51));
  CHECK(out[199].amps == amps_of(199));
}

TEST_CASE("PPK2 stream: invalid ranges are clamped and counted, clipping counted",
          "[power][ppk2]") {
  Ppk2StreamDecoder d(Ppk2Metadata{}, 3000, false);
  auto bytes = stream(0, 4, 0, 6);
  Ppk2Word clip;
  clip.adc = kAdcMax;
  clip.range = 4;
  clip.counter = 4;
  const std::uint32_t v = clip.encode();
  for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<std::uint8_t>(v >> (8 * b)));
  const auto out = decode(d, bytes, 100);
  REQUIRE(out.size() == 5);
  CHECK(d.stats().invalid_range == 4);
  CHECK(d.stats().clipped == 1);
  CHECK(out[0].amps == static_cast<float>(to_amperes(100, 4, Ppk2Metadata{}, 3000)));
}

TEST_CASE("PPK2 spike filter: averages 3 samples after a range switch", "[power][ppk2]") {
  Ppk2SpikeFilter f;
  CHECK(f.apply(2e-3, 2) == 2e-3);  // first sample passes
  CHECK(f.apply(2e-3, 2) == 2e-3);
  // Switch to range 3 with an overshoot: the rolling average (alpha 0.18) replaces it.
  const double a1 = 0.18 * 30e-3 + 0.82 * 2e-3;
  CHECK(f.apply(30e-3, 3) == Approx(a1));
  const double a2 = 0.18 * 25e-3 + 0.82 * a1;
  CHECK(f.apply(25e-3, 3) == Approx(a2));
  const double a3 = 0.18 * 25e-3 + 0.82 * a2;
  CHECK(f.apply(25e-3, 3) == Approx(a3));
  CHECK(f.apply(25e-3, 3) == 25e-3);  // three samples later: pass-through again
  f.reset();
  CHECK(f.apply(7e-3, 2) == 7e-3);
}

TEST_CASE("PPK2 spike filter: range 4 keeps the averages of before for 2 samples",
          "[power][ppk2]") {
  Ppk2SpikeFilter f;
  f.apply(10e-3, 3);
  // First two range-4 samples: output the slow average of before the switch (10 mA).
  CHECK(f.apply(500e-3, 4) == Approx(10e-3));
  CHECK(f.apply(400e-3, 4) == Approx(10e-3));
  // Third: the slow average (alpha 0.06) now moves.
  CHECK(f.apply(200e-3, 4) == Approx(0.06 * 200e-3 + 0.94 * 10e-3));
  CHECK(f.apply(200e-3, 4) == 200e-3);
}
