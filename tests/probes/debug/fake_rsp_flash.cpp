#include "fake_rsp_flash.h"

#include <boost/system/system_error.hpp>

#include "debug/rsp_packet.h"

namespace tr::probe::test {
namespace asio = boost::asio;
using asio::awaitable;

namespace {

std::uint32_t hex32(std::string_view text) {
  return static_cast<std::uint32_t>(rsp::parse_hex_number(text));
}

const FakeRegion* region_of(const FakeFlashTarget& t, std::uint64_t address) {
  for (const auto& r : t.regions) {
    if (address >= r.start && address < static_cast<std::uint64_t>(r.start) + r.length) return &r;
  }
  return nullptr;
}

std::string erase(FakeFlashTarget& t, std::string_view args) {
  const auto comma = args.find(',');
  const std::uint32_t address = hex32(args.substr(0, comma));
  const std::uint32_t length = hex32(args.substr(comma + 1));
  const FakeRegion* r = region_of(t, address);
  if (r == nullptr || r->type != "flash") {
    t.violations.push_back("erase outside flash at " + rsp::hex_number(address));
    return "E01";
  }
  if ((address - r->start) % r->blocksize != 0 || length % r->blocksize != 0 ||
      address + static_cast<std::uint64_t>(length) >
          static_cast<std::uint64_t>(r->start) + r->length) {
    t.violations.push_back("unaligned erase " + rsp::hex_number(address) + "," +
                           rsp::hex_number(length));
    return "E01";
  }
  t.erases.emplace_back(address, length);
  for (std::uint32_t i = 0; i < length; ++i) t.memory[address + i] = 0xff;
  return "OK";
}

std::string flash_write(FakeFlashTarget& t, std::string_view payload) {
  const std::string_view args = payload.substr(12);  // after "vFlashWrite:"
  const auto colon = args.find(':');
  const std::uint32_t address = hex32(args.substr(0, colon));
  const std::string_view raw = args.substr(colon + 1);
  t.write_packets.push_back(payload.size() + 4);
  if (payload.size() + 4 > t.packet_size) t.violations.push_back("vFlashWrite over PacketSize");
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '*') t.violations.push_back("unescaped '*' in vFlashWrite data");
    if (raw[i] == '}') {
      ++t.escapes;
      ++i;
    }
  }
  const auto bytes = rsp::unescape_binary(raw);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const std::uint32_t at = address + static_cast<std::uint32_t>(i);
    const FakeRegion* r = region_of(t, at);
    if (r == nullptr || r->type != "flash") return "E.memtype";
    const auto it = t.memory.find(at);
    if (it == t.memory.end() || it->second != 0xff) {
      t.violations.push_back("write to unerased flash at " + rsp::hex_number(at));
      return "E02";
    }
    it->second = t.stuck_byte == at ? 0xff : bytes[i];
  }
  return "OK";
}

std::string memory_map_chunk(FakeFlashTarget& t, std::string_view args) {
  ++t.map_requests;
  const auto comma = args.find(',');
  const std::size_t offset = static_cast<std::size_t>(rsp::parse_hex_number(args.substr(0, comma)));
  const std::size_t length =
      static_cast<std::size_t>(rsp::parse_hex_number(args.substr(comma + 1)));
  const std::string xml = t.memory_map();
  const std::string part = xml.substr(std::min(offset, xml.size()), std::min(length, t.map_chunk));
  const bool last = offset + part.size() >= xml.size();
  const std::vector<std::uint8_t> bytes(part.begin(), part.end());
  return (last ? "l" : "m") + rsp::escape_binary(bytes);
}

std::string answer(FakeFlashTarget& t, const std::string& p, bool& no_ack) {
  if (p.starts_with("qSupported")) {
    return "PacketSize=" + rsp::hex_number(t.packet_size) + ";qXfer:memory-map:read+" +
           (t.offer_no_ack ? ";QStartNoAckMode+" : "");
  }
  if (p == "QStartNoAckMode") {
    no_ack = true;
    return "OK";
  }
  if (p.starts_with("qXfer:memory-map:read::"))
    return memory_map_chunk(t, std::string_view(p).substr(23));
  if (p.starts_with("vFlashErase:")) return erase(t, std::string_view(p).substr(12));
  if (p.starts_with("vFlashWrite:")) return flash_write(t, p);
  if (p == "vFlashDone") {
    t.flash_done = true;
    return "OK";
  }
  if (p[0] == 'm') {
    const auto comma = p.find(',');
    const std::uint32_t address = hex32(std::string_view(p).substr(1, comma - 1));
    const std::uint32_t length = hex32(std::string_view(p).substr(comma + 1));
    std::vector<std::uint8_t> out;
    for (std::uint32_t i = 0; i < length; ++i) {
      const auto it = t.memory.find(address + i);
      out.push_back(it == t.memory.end() ? 0 : it->second);
    }
    return rsp::hex_encode(out);
  }
  if (p[0] == 'M') {
    const auto comma = p.find(','), colon = p.find(':');
    const std::uint32_t address = hex32(std::string_view(p).substr(1, comma - 1));
    const auto bytes = rsp::hex_decode(std::string_view(p).substr(colon + 1));
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      t.memory[address + static_cast<std::uint32_t>(i)] = bytes[i];
    }
    return "OK";
  }
  return "";  // not supported
}

}  // namespace

std::string FakeFlashTarget::memory_map() const {
  std::string xml =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE memory-map PUBLIC \"+//IDN gnu.org//DTD GDB Memory "
      "Map V1.0//EN\" \"http://sourceware.org/gdb/gdb-memory-map.dtd\">\n<memory-map>\n";
  for (const auto& r : regions) {
    xml += "<memory type=\"" + r.type + "\" start=\"0x" + rsp::hex_number(r.start) +
           "\" length=\"0x" + rsp::hex_number(r.length) + "\"";
    if (r.type == "flash") {
      xml += ">\n  <property name=\"blocksize\">0x" + rsp::hex_number(r.blocksize) +
             "</property>\n</memory>\n";
    } else {
      xml += "/>\n";
    }
  }
  return xml + "</memory-map>\n";
}

awaitable<void> serve_flash_target(FakeStubLink& link, FakeFlashTarget& target) {
  bool no_ack = false;
  for (;;) {
    rsp::RspEvent event;
    try {
      event = co_await link.next();
    } catch (const boost::system::system_error&) {
      co_return;  // the client disconnected
    }
    if (event.kind != rsp::RspEvent::Kind::packet) continue;  // acks
    if (event.payload == "D") {
      co_await link.send((no_ack ? "" : "+") + rsp::frame("OK"));
      co_return;
    }
    const bool was_no_ack = no_ack;
    const std::string reply = answer(target, event.payload, no_ack);
    co_await link.send((was_no_ack ? "" : "+") + rsp::frame(reply));
  }
}

}  // namespace tr::probe::test
