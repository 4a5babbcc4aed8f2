// Lpm01aItem: one thing the PowerShield said, as decoded from its byte stream (ASCII lines in
// ascii_dec and between captures, 16-bit words and F0 Fx records in bin_hexa captures).
#pragma once

#include <cstdint>
#include <string>

namespace tr::power::lpm01a {

struct Lpm01aItem {
  enum class Kind {
    sample,        // value: amperes (output current) or joules in this sample (output energy)
    lost_sample,   // text: a cut or garbled value; the board did send a sample here
    timestamp,     // number: ms since the capture started; buff: board TX buffer load, %
    event,         // number: the event counter of a D7 edge (eventsrc d7 fal)
    ack,           // text: what follows "ack " (the command as sent, then any result)
    error,         // text: the whole line after the prompt ("error ...", "err ...")
    error_detail,  // text: what follows "Error detail:"
    completed,     // "Acquisition completed" (the only answer to `stop`)
    text,          // any other line: help, "PowerShield present ...", summaries
    // bin_hexa records F0 Fx ... FF FF
    board_error,         // F0 F1, text
    board_info,          // F0 F2, text
    end_of_acquisition,  // F0 F4 (an ASCII summary follows)
    overcurrent,         // F0 F5
    power_down,          // F0 F6 (unverified meaning)
    voltage,             // F0 F7, value: volts (unverified)
    garbage,             // text: bytes that fit no record (bin_hexa framing lost)
  };
  Lpm01aItem() = default;
  explicit Lpm01aItem(Kind k) : kind(k) {}

  Kind kind = Kind::text;
  double value = 0.0;
  std::uint32_t number = 0;
  unsigned buff = 0;
  std::string text;
};

}  // namespace tr::power::lpm01a
