// RspClient's flash-loader path (gdb-rsp.md §3, §4.1): memory map, vFlashErase / vFlashWrite /
// vFlashDone, read-back verify.
#include <algorithm>

#include "debug/probe_error.h"
#include "debug/rsp_client.h"
#include "debug/rsp_packet.h"

namespace tr::probe {
namespace asio = boost::asio;
using asio::awaitable;
using rsp::MemoryRegion;

namespace {

constexpr std::size_t kFraming = 4;            // '$' + '#' + two checksum digits
constexpr std::size_t kMapChunk = 0xfff;       // bytes of XML asked for per qXfer request
constexpr std::size_t kMaxMapSize = 1u << 20;  // a sane memory map is a few hundred bytes

struct Range {
  std::uint64_t start = 0;
  std::uint64_t end = 0;  // one past the last byte
};

struct Piece {
  std::uint64_t address = 0;
  std::span<const std::uint8_t> bytes;
};

struct FlashPlan {
  std::vector<Range> erase;  // block-aligned, merged, ascending
  std::vector<Piece> flash;  // ascending
  std::vector<Piece> ram;
};

std::string hex_address(std::uint64_t address) {
  return "0x" + rsp::hex_number(address);
}

std::string hex_byte(std::uint8_t b) {
  static constexpr char kDigits[] = "0123456789abcdef";
  return std::string("0x") + kDigits[b >> 4] + kDigits[b & 0xf];
}

// Splits every segment along the map's regions; flash parts get whole erase blocks.
FlashPlan plan(const ElfImage& image, const std::vector<MemoryRegion>& map) {
  FlashPlan out;
  for (const auto& segment : image.segments()) {
    std::size_t done = 0;
    while (done < segment.bytes.size()) {
      const std::uint64_t at = segment.address + static_cast<std::uint64_t>(done);
      const MemoryRegion* region = rsp::find_region(map, at);
      const std::string where = "segment at " + hex_address(segment.address) + " of " +
                                image.source() + ": " + hex_address(at);
      if (region == nullptr) {
        throw ProbeError(ProbeErrc::image, where +
                                               " is outside the target's memory map; is the "
                                               "ELF linked for this target?");
      }
      if (region->type == MemoryRegion::Type::rom) {
        throw ProbeError(ProbeErrc::image, where + " is in ROM (" + hex_address(region->start) +
                                               ".." + hex_address(region->end()) +
                                               "), which cannot be written");
      }
      const auto n = static_cast<std::size_t>(
          std::min<std::uint64_t>(segment.bytes.size() - done, region->end() - at));
      const Piece piece{at, std::span(segment.bytes).subspan(done, n)};
      if (region->type == MemoryRegion::Type::ram) {
        out.ram.push_back(piece);
      } else {
        const std::uint64_t bs = region->blocksize;
        const std::uint64_t first = region->start + (at - region->start) / bs * bs;
        const std::uint64_t last = region->start + (at + n - region->start + bs - 1) / bs * bs;
        out.erase.push_back({first, std::min(last, region->end())});
        out.flash.push_back(piece);
      }
      done += n;
    }
  }
  std::sort(out.erase.begin(), out.erase.end(),
            [](const Range& a, const Range& b) { return a.start < b.start; });
  std::vector<Range> merged;
  for (const Range& r : out.erase) {
    if (!merged.empty() && r.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, r.end);
    } else {
      merged.push_back(r);
    }
  }
  out.erase = std::move(merged);
  std::sort(out.flash.begin(), out.flash.end(),
            [](const Piece& a, const Piece& b) { return a.address < b.address; });
  return out;
}

}  // namespace

awaitable<std::vector<MemoryRegion>> RspClient::read_memory_map() {
  if (features_.find("qXfer:memory-map:read+") == std::string::npos) {
    throw ProbeError(ProbeErrc::protocol,
                     "the GDB stub at " + peer_ +
                         " offers no memory map (qXfer:memory-map:read+ is not in its qSupported "
                         "reply); it cannot flash through vFlash — use write_memory instead");
  }
  std::string xml;
  for (;;) {
    const std::string packet =
        "qXfer:memory-map:read::" + rsp::hex_number(xml.size()) + "," + rsp::hex_number(kMapChunk);
    const std::string reply = co_await transact(packet, options_.timeouts.packet);
    if (reply.empty() || (reply[0] != 'm' && reply[0] != 'l')) {
      throw ProbeError(
          reply.empty() || !rsp::is_error_reply(reply) ? ProbeErrc::protocol : ProbeErrc::target,
          target_error(reply, packet, "reading the memory map"));
    }
    const auto bytes = rsp::unescape_binary(std::string_view(reply).substr(1));
    xml.append(bytes.begin(), bytes.end());
    if (reply[0] == 'l') break;
    if (bytes.empty() || xml.size() > kMaxMapSize) {
      throw ProbeError(ProbeErrc::protocol, "the GDB stub at " + peer_ +
                                                " sent a memory map that never ends ('m' with " +
                                                std::to_string(bytes.size()) + " bytes after " +
                                                std::to_string(xml.size()) + ")");
    }
  }
  co_return rsp::parse_memory_map(xml);
}

awaitable<void> RspClient::flash_packet(std::string payload, duration timeout,
                                        const std::string& what) {
  const std::string shown = rsp::describe(payload);
  const std::string reply = co_await transact(std::move(payload), timeout);
  if (reply == "OK") co_return;
  std::string text = target_error(reply, shown, what);
  if (reply == "E.memtype") text += " (the address is not in a flash region)";
  throw ProbeError(rsp::is_error_reply(reply) ? ProbeErrc::target : ProbeErrc::protocol, text);
}

awaitable<FlashReport> RspClient::flash_via_gdb(const ElfImage& image, RspFlashTimeouts timeouts) {
  const auto map = co_await read_memory_map();
  const FlashPlan flash_plan = plan(image, map);
  for (const Range& r : flash_plan.erase) {
    co_await flash_packet(
        "vFlashErase:" + rsp::hex_number(r.start) + "," + rsp::hex_number(r.end - r.start),
        timeouts.erase, "erasing flash " + hex_address(r.start) + ".." + hex_address(r.end));
  }
  for (const Piece& piece : flash_plan.flash) {
    for (std::size_t done = 0; done < piece.bytes.size();) {
      const std::uint64_t at = piece.address + done;
      const std::string header = "vFlashWrite:" + rsp::hex_number(at) + ":";
      // Escaping grows the data unpredictably: take bytes while the packet still fits.
      const std::size_t budget = packet_size_ - kFraming - header.size();
      std::string data;
      std::size_t n = 0;
      for (; done + n < piece.bytes.size(); ++n) {
        const std::uint8_t b = piece.bytes[done + n];
        const std::string escaped = rsp::escape_binary(std::span(&b, 1));
        if (data.size() + escaped.size() > budget) break;
        data += escaped;
      }
      if (n == 0) {
        throw ProbeError(ProbeErrc::protocol, "the GDB stub at " + peer_ + "'s PacketSize " +
                                                  std::to_string(packet_size_) +
                                                  " leaves no room for vFlashWrite data");
      }
      co_await flash_packet(header + data, timeouts.write,
                            "writing " + std::to_string(n) + " flash bytes at " + hex_address(at));
      done += n;
    }
  }
  if (!flash_plan.erase.empty()) {
    co_await flash_packet("vFlashDone", timeouts.done, "committing flash writes (vFlashDone)");
  }
  for (const Piece& piece : flash_plan.ram) {
    co_await write_memory(static_cast<std::uint32_t>(piece.address), piece.bytes);
  }
  co_await verify_image(image);
  co_return FlashReport{image.segments().size(), image.loadable_bytes(), image.sha256()};
}

awaitable<void> RspClient::verify_image(const ElfImage& image) {
  for (const auto& segment : image.segments()) {
    const auto back = co_await read_memory(segment.address, segment.bytes.size());
    for (std::size_t i = 0; i < back.size(); ++i) {
      if (back[i] == segment.bytes[i]) continue;
      throw ProbeError(ProbeErrc::target,
                       "verify of " + image.source() + " after vFlash failed at " +
                           hex_address(segment.address + i) + ": wrote " +
                           hex_byte(segment.bytes[i]) + ", read back " + hex_byte(back[i]) +
                           "; the flash loader of the GDB stub at " + peer_ +
                           " did not program it (wrong flash bank or write-protected?)");
    }
  }
}

}  // namespace tr::probe
