#include "debug/rsp_client.h"

#include <algorithm>
#include <array>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/system_error.hpp>

#include "debug/probe_error.h"
#include "debug/rsp_packet.h"
#include "debug/with_timeout.h"

namespace tr::probe {
namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using rsp::RspEvent;

namespace {

constexpr std::size_t kMinPacketSize = 64;
constexpr std::size_t kReadChunk = 4096;

}  // namespace

RspClient::RspClient(asio::any_io_executor executor, RspOptions options)
    : socket_(std::move(executor)), options_(options) {}

awaitable<void> RspClient::connect(asio::ip::tcp::endpoint endpoint, duration timeout) {
  peer_ = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  // A fresh session: forget what the previous stub said.
  decoder_ = rsp::RspDecoder();
  features_.clear();
  has_pending_reply_ = false;
  packet_size_ = kDefaultPacketSize;
  no_ack_ = false;
  try {
    co_await with_timeout(socket_.async_connect(endpoint, use_awaitable), timeout,
                          "connecting to the GDB stub at " + peer_);
  } catch (const boost::system::system_error& e) {
    throw ProbeError(ProbeErrc::connection, "could not connect to the GDB stub at " + peer_ + ": " +
                                                e.code().message() +
                                                "; is the probe server running and listening?");
  }
  socket_.set_option(asio::ip::tcp::no_delay(true));
  broken_ = false;
  running_ = false;
}

awaitable<void> RspClient::handshake() {
  // No multiprocess+: with it QEMU insists on "D;pid" for detach.
  features_ =
      co_await transact("qSupported:swbreak+;hwbreak+;vContSupported+", options_.timeouts.packet);
  bool offers_no_ack = false;
  std::string_view rest = features_;
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    const std::string_view item = rest.substr(0, semi);
    if (item.starts_with("PacketSize=")) {
      const std::uint64_t size = rsp::parse_hex_number(item.substr(11));  // hex, not decimal
      if (size < kMinPacketSize) {
        throw ProbeError(ProbeErrc::protocol, "the GDB stub at " + peer_ + " announced " +
                                                  std::string(item) + ", below the " +
                                                  std::to_string(kMinPacketSize) +
                                                  " bytes this client needs");
      }
      packet_size_ = static_cast<std::size_t>(size);
    } else if (item == "QStartNoAckMode+") {
      offers_no_ack = true;
    }
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  if (offers_no_ack) {
    // Our ack of this OK is the last one either side sends (gdb-rsp.md §1.4).
    const std::string reply = co_await transact("QStartNoAckMode", options_.timeouts.packet);
    no_ack_ = reply == "OK";
  }
}

awaitable<std::string> RspClient::transact(std::string payload, duration timeout) {
  require_usable(payload);
  const std::string what =
      "reply to '" + rsp::describe(payload) + "' from the GDB stub at " + peer_;
  co_return co_await with_timeout(exchange(std::move(payload)), timeout, what);
}

awaitable<std::string> RspClient::exchange(std::string payload) {
  // Anything decoded but unread belongs to an earlier exchange that timed out.
  decoder_.clear_events();
  has_pending_reply_ = false;
  doing_ = "'" + rsp::describe(payload) + "'";
  co_await send_packet(std::move(payload));
  co_return co_await receive_packet();
}

awaitable<rsp::StopReply> RspClient::stop_reason() {
  co_return rsp::parse_stop_reply(co_await transact("?", options_.timeouts.packet));
}

awaitable<void> RspClient::detach() {
  const std::string reply = co_await transact("D", options_.timeouts.packet);
  if (reply != "OK") {
    throw ProbeError(ProbeErrc::protocol, target_error(reply, "D", "detaching from the target"));
  }
  close();
}

void RspClient::close() {
  boost::system::error_code ignored;
  socket_.close(ignored);
  running_ = false;
}

// --- the link: events in, bytes out, acks and retransmits ---

awaitable<RspEvent> RspClient::next_event() {
  for (;;) {
    if (auto event = decoder_.next()) co_return std::move(*event);
    std::array<char, kReadChunk> buffer;
    std::size_t n = 0;
    try {
      n = co_await socket_.async_read_some(asio::buffer(buffer), use_awaitable);
    } catch (const boost::system::system_error& e) {
      if (e.code() == asio::error::operation_aborted) throw;  // deadline or cancellation
      connection_lost(e.code().message());
    }
    decoder_.feed(std::string_view(buffer.data(), n));
  }
}

awaitable<void> RspClient::write_raw(std::string bytes) {
  try {
    co_await asio::async_write(socket_, asio::buffer(bytes), use_awaitable);
  } catch (const boost::system::system_error& e) {
    if (e.code() == asio::error::operation_aborted) throw;
    connection_lost(e.code().message());
  }
}

awaitable<void> RspClient::send_packet(std::string payload) {
  const std::string framed = rsp::frame(payload);
  for (int attempt = 0; attempt <= options_.max_retransmits; ++attempt) {
    co_await write_raw(framed);
    if (no_ack_) co_return;
    for (bool resend = false; !resend;) {
      RspEvent event = co_await next_event();
      switch (event.kind) {
        case RspEvent::Kind::ack:
          co_return;
        case RspEvent::Kind::nak:
          resend = true;
          break;
        case RspEvent::Kind::packet:  // the reply came without '+': it implies one
          pending_reply_ = std::move(event.payload);
          has_pending_reply_ = true;
          co_return;
        case RspEvent::Kind::bad_checksum:
          co_await write_raw("-");
          break;
        case RspEvent::Kind::oversize:
          throw ProbeError(ProbeErrc::protocol, "the GDB stub at " + peer_ +
                                                    " sent an oversized packet during " + doing_);
        case RspEvent::Kind::interrupt:
          break;
      }
    }
  }
  throw ProbeError(ProbeErrc::protocol, "the GDB stub at " + peer_ + " rejected " + doing_ + " " +
                                            std::to_string(options_.max_retransmits + 1) +
                                            " times ('-'); the link is corrupting data");
}

awaitable<std::string> RspClient::receive_packet() {
  if (has_pending_reply_) {
    has_pending_reply_ = false;
    if (!no_ack_) co_await write_raw("+");
    co_return rsp::expand_rle(pending_reply_);
  }
  int bad = 0;
  for (;;) {
    RspEvent event = co_await next_event();
    if (event.kind == RspEvent::Kind::packet) {
      if (!no_ack_) co_await write_raw("+");
      co_return rsp::expand_rle(event.payload);
    }
    if (event.kind == RspEvent::Kind::oversize) {
      throw ProbeError(ProbeErrc::protocol,
                       "the GDB stub at " + peer_ + " sent an oversized reply to " + doing_);
    }
    if (event.kind == RspEvent::Kind::bad_checksum) {
      if (no_ack_ || ++bad > options_.max_retransmits) {
        throw ProbeError(ProbeErrc::protocol, "the reply to " + doing_ + " from the GDB stub at " +
                                                  peer_ + " had a bad checksum " +
                                                  std::to_string(bad) + " times");
      }
      co_await write_raw("-");
    }
    // Stray '+', '-' or 0x03 outside an exchange carry no information here.
  }
}

void RspClient::require_usable(std::string_view payload) const {
  if (broken_) {
    throw ProbeError(ProbeErrc::connection, "cannot send '" + rsp::describe(payload) +
                                                "': the connection to the GDB stub at " + peer_ +
                                                " was lost earlier; reopen the probe");
  }
  if (!socket_.is_open()) {
    throw ProbeError(ProbeErrc::connection,
                     "cannot send '" + rsp::describe(payload) + "': not connected; call connect()");
  }
  if (running_) {
    throw ProbeError(ProbeErrc::protocol,
                     "cannot send '" + rsp::describe(payload) +
                         "' while the target runs (QEMU would halt and drop it); call "
                         "interrupt() first");
  }
}

void RspClient::connection_lost(const std::string& why) {
  broken_ = true;
  throw ProbeError(ProbeErrc::connection,
                   "lost the connection to the GDB stub at " + peer_ + " during " + doing_ + " (" +
                       why + "); the probe server probably exited — check its log");
}

}  // namespace tr::probe
