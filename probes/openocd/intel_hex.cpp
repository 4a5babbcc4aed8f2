#include "openocd/intel_hex.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include "debug/probe_error.h"

namespace tr::probe {
namespace {

constexpr std::size_t kBytesPerRecord = 16;
constexpr std::uint8_t kData = 0x00, kEnd = 0x01, kExtendedLinear = 0x04, kStartLinear = 0x05;

// ":LLAAAATT<data>CC" where CC makes the sum of all bytes zero modulo 256.
std::string record(std::uint8_t type, std::uint16_t offset, const std::vector<std::uint8_t>& data) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::vector<std::uint8_t> bytes = {static_cast<std::uint8_t>(data.size()),
                                     static_cast<std::uint8_t>(offset >> 8),
                                     static_cast<std::uint8_t>(offset & 0xff), type};
  bytes.insert(bytes.end(), data.begin(), data.end());
  unsigned sum = 0;
  for (std::uint8_t b : bytes) sum += b;
  bytes.push_back(static_cast<std::uint8_t>((0x100 - (sum & 0xff)) & 0xff));
  std::string out = ":";
  for (std::uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xf];
  }
  return out + "\n";
}

std::vector<std::uint8_t> big_endian(std::uint32_t value, std::size_t bytes) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = bytes; i-- > 0;) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
  return out;
}

}  // namespace

std::string intel_hex(const ElfImage& image) {
  std::string out;
  bool have_upper = false;
  std::uint32_t upper = 0;
  for (const auto& segment : image.segments()) {
    for (std::size_t done = 0; done < segment.bytes.size();) {
      const auto address = static_cast<std::uint32_t>(segment.address + done);
      if (!have_upper || address >> 16 != upper) {
        upper = address >> 16;
        have_upper = true;
        out += record(kExtendedLinear, 0, big_endian(upper, 2));
      }
      // A data record must not run past the end of its 64 KiB window.
      const std::size_t to_window = 0x10000 - (address & 0xffff);
      const std::size_t n = std::min({kBytesPerRecord, segment.bytes.size() - done, to_window});
      const auto first = segment.bytes.begin() + static_cast<std::ptrdiff_t>(done);
      out += record(kData, static_cast<std::uint16_t>(address & 0xffff),
                    std::vector<std::uint8_t>(first, first + static_cast<std::ptrdiff_t>(n)));
      done += n;
    }
  }
  out += record(kStartLinear, 0, big_endian(image.entry(), 4));
  out += record(kEnd, 0, {});
  return out;
}

void write_intel_hex(const ElfImage& image, const std::filesystem::path& path) {
  const std::string text = intel_hex(image);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    throw ProbeError(ProbeErrc::image, "cannot write the HEX file " + path.string() + " for " +
                                           image.source() + ": " + std::strerror(errno));
  }
}

}  // namespace tr::probe
