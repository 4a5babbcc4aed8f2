// BinHexaDecoder: the PowerShield's bin_hexa capture stream. Each sample is a big-endian u16,
// exponent in the top nibble, I = (v & 0xFFF) * 16^-(v >> 12) A (0x52A0 -> 640.87 uA). A top
// nibble of 0xF is never a sample: F0 Fx starts a metadata record ending FF FF. Fact sheet §2.4.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "power/lpm01a/lpm01a_item.h"

namespace tr::power::lpm01a {

// The current a sample word stands for, amperes.
double bin_hexa_current(std::uint16_t word);
// The word the board would send for `amperes` (largest exponent whose mantissa fits 12 bits).
std::uint16_t bin_hexa_word(double amperes);

class BinHexaDecoder {
 public:
  // Feeds one byte; appends a finished item to `out`. Returns true right after the end of
  // acquisition record (F0 F4 FF FF): the stream is ASCII again from the next byte.
  bool feed(std::uint8_t byte, std::vector<Lpm01aItem>& out);
  void reset();

 private:
  enum class State { first, second, payload, trailer_1, trailer_2 };

  void begin_record(std::uint8_t tag);
  bool finish_record(std::vector<Lpm01aItem>& out);

  State state_ = State::first;
  std::uint8_t first_ = 0;
  std::uint8_t tag_ = 0;
  std::optional<std::size_t> payload_size_;  // nullopt: text up to FF FF
  std::string payload_;
};

}  // namespace tr::power::lpm01a
