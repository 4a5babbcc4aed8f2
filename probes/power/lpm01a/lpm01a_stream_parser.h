// Lpm01aStreamParser: everything the PowerShield sends -> items, fed in whatever chunks the
// port delivers. ASCII lines end "\r\n" (a lone '\r' or '\n' also ends one); stray NUL bytes
// are noise. A bin_hexa capture switches to 16-bit words after "ack start" and back to ASCII
// after the end-of-acquisition record.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "power/lpm01a/lpm01a_bin_hexa.h"
#include "power/lpm01a/lpm01a_item.h"

namespace tr::power::lpm01a {

class Lpm01aStreamParser {
 public:
  static constexpr std::size_t kMaxLine = 4096;  // longer: a runaway line, dropped

  // Appends the items completed by `bytes` to `out`.
  void feed(std::string_view bytes, std::vector<Lpm01aItem>& out);

  // When on, the next "ack start" switches to bin_hexa decoding (the capture's format).
  void set_binary_capture(bool on) { binary_capture_ = on; }
  bool in_binary() const { return binary_; }

  // Forgets a partial line or record and returns to ASCII (after draining stale output).
  void reset();

  std::size_t nul_bytes() const { return nul_bytes_; }  // stray NULs skipped so far

 private:
  void end_line(std::vector<Lpm01aItem>& out);

  std::string line_;
  bool binary_capture_ = false;
  bool binary_ = false;
  bool skip_lf_ = false;
  BinHexaDecoder binary_decoder_;
  std::size_t nul_bytes_ = 0;
};

}  // namespace tr::power::lpm01a
