// RspClient's memory, register and monitor commands, built on transact().
#include <algorithm>

#include "debug/probe_error.h"
#include "debug/rsp_client.h"
#include "debug/rsp_packet.h"
#include "debug/with_timeout.h"

namespace tr::probe {
namespace asio = boost::asio;
using asio::awaitable;

namespace {

constexpr std::size_t kFraming = 4;  // '$' + '#' + two checksum digits
// "M" + 8 address digits + "," + 8 length digits + ":" : the longest M header we build.
constexpr std::size_t kMaxWriteHeader = 19;
constexpr std::uint64_t kAddressSpace = 1ull << 32;

constexpr unsigned kCoreRegisters = 16;  // r0-r15

std::string hex_address(std::uint64_t address) {
  return "0x" + rsp::hex_number(address);
}

std::uint32_t little_endian_word(const std::uint8_t* b) {
  return static_cast<std::uint32_t>(b[0]) | static_cast<std::uint32_t>(b[1]) << 8 |
         static_cast<std::uint32_t>(b[2]) << 16 | static_cast<std::uint32_t>(b[3]) << 24;
}

}  // namespace

awaitable<std::vector<std::uint8_t>> RspClient::read_memory(std::uint32_t address,
                                                            std::size_t length) {
  if (address + static_cast<std::uint64_t>(length) > kAddressSpace) {
    throw ProbeError(ProbeErrc::target, "cannot read " + std::to_string(length) + " bytes at " +
                                            hex_address(address) +
                                            ": the range passes the end of the address space");
  }
  const std::size_t max_chunk = std::max<std::size_t>(1, (packet_size_ - kFraming) / 2);
  std::vector<std::uint8_t> out;
  out.reserve(length);
  while (out.size() < length) {
    const std::uint64_t at = address + static_cast<std::uint64_t>(out.size());
    const std::size_t want = std::min(max_chunk, length - out.size());
    const std::string packet = "m" + rsp::hex_number(at) + "," + rsp::hex_number(want);
    const std::string reply = co_await transact(packet, options_.timeouts.packet);
    const std::string what = "reading " + std::to_string(want) + " bytes at " + hex_address(at);
    if (reply.empty() || rsp::is_error_reply(reply)) {
      throw ProbeError(reply.empty() ? ProbeErrc::protocol : ProbeErrc::target,
                       target_error(reply, packet, what));
    }
    std::vector<std::uint8_t> bytes;
    try {
      bytes = rsp::hex_decode(reply);
    } catch (const ProbeError& e) {
      throw ProbeError(ProbeErrc::protocol, what + ": bad reply to '" + packet + "': " + e.what());
    }
    if (bytes.size() > want) {
      throw ProbeError(ProbeErrc::protocol,
                       what + ": the stub returned " + std::to_string(bytes.size()) + " bytes");
    }
    out.insert(out.end(), bytes.begin(), bytes.end());
  }
  co_return out;
}

awaitable<void> RspClient::write_memory(std::uint32_t address,
                                        std::span<const std::uint8_t> bytes) {
  if (address + static_cast<std::uint64_t>(bytes.size()) > kAddressSpace) {
    throw ProbeError(ProbeErrc::target, "cannot write " + std::to_string(bytes.size()) +
                                            " bytes at " + hex_address(address) +
                                            ": the range passes the end of the address space");
  }
  const std::size_t max_chunk =
      std::max<std::size_t>(1, (packet_size_ - kFraming - kMaxWriteHeader) / 2);
  for (std::size_t done = 0; done < bytes.size();) {
    const std::uint64_t at = address + static_cast<std::uint64_t>(done);
    const auto chunk = bytes.subspan(done, std::min(max_chunk, bytes.size() - done));
    const std::string header = "M" + rsp::hex_number(at) + "," + rsp::hex_number(chunk.size());
    const std::string reply =
        co_await transact(header + ":" + rsp::hex_encode(chunk), options_.timeouts.packet);
    if (reply != "OK") {
      const std::string what =
          "writing " + std::to_string(chunk.size()) + " bytes at " + hex_address(at);
      throw ProbeError(rsp::is_error_reply(reply) ? ProbeErrc::target : ProbeErrc::protocol,
                       target_error(reply, header + ":...", what));
    }
    done += chunk.size();
  }
}

awaitable<std::vector<std::uint32_t>> RspClient::read_registers() {
  const std::string reply = co_await transact("g", options_.timeouts.packet);
  if (reply.empty() || rsp::is_error_reply(reply)) {
    throw ProbeError(reply.empty() ? ProbeErrc::protocol : ProbeErrc::target,
                     target_error(reply, "g", "reading the registers"));
  }
  const auto bytes = rsp::hex_decode(reply);
  std::vector<std::uint32_t> words(bytes.size() / 4);
  for (std::size_t i = 0; i < words.size(); ++i) words[i] = little_endian_word(&bytes[4 * i]);
  co_return words;
}

awaitable<std::uint32_t> RspClient::read_register(unsigned number) {
  const std::string packet = "p" + rsp::hex_number(number);
  const std::string reply = co_await transact(packet, options_.timeouts.packet);
  const std::string what = "reading register " + std::to_string(number);
  if (reply.empty() && number < kCoreRegisters) {
    const auto words = co_await read_registers();  // r0-r15 lead g on every ARM layout
    if (number < words.size()) co_return words[number];
  }
  if (reply.empty() || rsp::is_error_reply(reply)) {
    throw ProbeError(reply.empty() ? ProbeErrc::protocol : ProbeErrc::target,
                     target_error(reply, packet, what));
  }
  const auto bytes = rsp::hex_decode(reply);
  if (bytes.size() != 4) {
    throw ProbeError(ProbeErrc::protocol,
                     what + ": expected 4 bytes, the stub sent '" + rsp::describe(reply) + "'");
  }
  co_return little_endian_word(bytes.data());
}

std::string RspClient::target_error(std::string_view reply, std::string_view packet,
                                    const std::string& what) const {
  std::string text = what + " failed: the GDB stub at " + peer_;
  if (reply.empty()) {
    return text + " does not support '" + std::string(packet.substr(0, 1)) +
           "' packets (empty reply)";
  }
  text += " answered '" + rsp::describe(reply) + "' to '" + rsp::describe(packet) + "'";
  if (rsp::is_error_reply(reply)) {
    text += "; the address is probably not accessible on this target — check its memory map";
  }
  return text;
}

awaitable<std::string> RspClient::monitor(std::string command) {
  const std::string packet = "qRcmd," + rsp::hex_encode(command);
  require_usable(packet);
  const std::string what = "monitor command '" + command + "' on the GDB stub at " + peer_;
  co_return co_await with_timeout(monitor_unbounded(std::move(command)), options_.timeouts.monitor,
                                  what);
}

awaitable<std::string> RspClient::monitor_unbounded(std::string command) {
  decoder_.clear_events();
  has_pending_reply_ = false;
  doing_ = "monitor command '" + command + "'";
  co_await send_packet("qRcmd," + rsp::hex_encode(command));
  std::string output;
  for (;;) {
    const std::string reply = co_await receive_packet();
    if (reply == "OK") co_return output;  // "O" + hex never spells OK: this is the end
    if (reply.size() > 1 && reply[0] == 'O') {
      output += rsp::hex_decode_text(std::string_view(reply).substr(1));
      continue;
    }
    if (reply.empty() || rsp::is_error_reply(reply)) {
      throw ProbeError(reply.empty() ? ProbeErrc::protocol : ProbeErrc::target,
                       target_error(reply, "qRcmd," + rsp::hex_encode(command),
                                    "monitor command '" + command + "'"));
    }
    co_return output + rsp::hex_decode_text(reply);  // a hex result instead of OK
  }
}

}  // namespace tr::probe
