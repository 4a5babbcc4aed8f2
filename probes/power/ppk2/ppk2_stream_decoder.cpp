#include "power/ppk2/ppk2_stream_decoder.h"

#include <algorithm>

namespace tr::power::ppk2 {
namespace {

constexpr std::size_t kWord = 4;
constexpr std::size_t kRunBytes = Ppk2StreamDecoder::kCheckWords * kWord;

}  // namespace

Ppk2StreamDecoder::Ppk2StreamDecoder(Ppk2Metadata metadata, double vdd_mv, bool spike_filter)
    : metadata_(std::move(metadata)), vdd_mv_(vdd_mv), spike_filter_on_(spike_filter) {}

void Ppk2StreamDecoder::reset() {
  filter_.reset();
  expected_ = -1;
  last_ = {};
  stats_ = {};
}

// True when the kCheckWords words at p carry consecutive counters.
bool Ppk2StreamDecoder::continuous_run(const std::uint8_t* p) const {
  int prev = Ppk2Word::decode(p).counter;
  for (std::size_t k = 1; k < kCheckWords; ++k) {
    const int c = Ppk2Word::decode(p + k * kWord).counter;
    if (c != ((prev + 1) & kCounterMask)) return false;
    prev = c;
  }
  return true;
}

void Ppk2StreamDecoder::emit(const Ppk2Word& w, std::vector<Ppk2Sample>& out) {
  int range = w.range;
  if (range >= kRanges) {
    ++stats_.invalid_range;
    range = kRanges - 1;
  }
  if (w.clipped()) ++stats_.clipped;
  double amps = to_amperes(w.adc, range, metadata_, vdd_mv_);
  if (spike_filter_on_) amps = filter_.apply(amps, range);
  last_ = {static_cast<float>(amps), w.logic, false};
  out.push_back(last_);
  ++stats_.words;
  expected_ = (w.counter + 1) & kCounterMask;
}

void Ppk2StreamDecoder::insert_gaps(std::size_t n, std::vector<Ppk2Sample>& out) {
  if (n == 0) return;
  Ppk2Sample gap = last_;
  gap.gap = true;
  out.insert(out.end(), n, gap);
  stats_.lost_samples += n;
  ++stats_.loss_events;
}

std::size_t Ppk2StreamDecoder::feed(std::span<const std::uint8_t> bytes,
                                    std::vector<Ppk2Sample>& out) {
  std::size_t pos = 0;
  while (bytes.size() - pos >= kWord) {
    const std::uint8_t* p = bytes.data() + pos;
    const Ppk2Word w = Ppk2Word::decode(p);
    if (expected_ < 0 || w.counter == expected_) {
      emit(w, out);
      pos += kWord;
      continue;
    }
    // A discontinuity: lost samples (the next words continue from this one), or a lost byte
    // (the framing is off and another offset gives a continuous run). Wait for enough words.
    const std::size_t avail = bytes.size() - pos;
    if (avail < kRunBytes) break;
    std::size_t shift = 0;
    if (!continuous_run(p)) {
      if (avail < kRunBytes + kWord - 1) break;
      for (std::size_t o = 1; o < kWord && shift == 0; ++o) {
        if (continuous_run(p + o)) shift = o;
      }
      if (shift == 0) {
        // Noise without a consistent framing: count the word as lost and move on.
        insert_gaps(1, out);
        expected_ = (expected_ + 1) & kCounterMask;
        pos += kWord;
        continue;
      }
      stats_.realigned_bytes += shift;
      pos += shift;
    }
    const Ppk2Word first = Ppk2Word::decode(bytes.data() + pos);
    insert_gaps(static_cast<std::size_t>((first.counter - expected_) & kCounterMask), out);
    emit(first, out);
    pos += kWord;
  }
  return pos;
}

}  // namespace tr::power::ppk2
