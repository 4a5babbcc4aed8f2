// RspClient run control: resume, and halting with 0x03 (the only byte ever sent to a running
// target: QEMU halts on any byte and drops the packet).
#include <algorithm>
#include <array>

#include "debug/probe_error.h"
#include "debug/rsp_client.h"
#include "debug/rsp_packet.h"
#include "debug/with_timeout.h"

namespace tr::probe {
namespace asio = boost::asio;
using asio::awaitable;
using rsp::RspEvent;

namespace {

constexpr std::size_t kReadChunk = 4096;

}  // namespace

awaitable<void> RspClient::resume() {
  if (running_) co_return;
  require_usable("c");
  decoder_.clear_events();
  has_pending_reply_ = false;
  doing_ = "'c' (resume)";
  co_await with_timeout(send_packet("c"), options_.timeouts.packet,
                        "acknowledgement of 'c' from the GDB stub at " + peer_);
  running_ = true;
}

awaitable<rsp::StopReply> RspClient::interrupt(duration timeout) {
  if (!running_) co_return co_await stop_reason();
  if (broken_ || !socket_.is_open()) {
    throw ProbeError(ProbeErrc::connection,
                     "cannot halt the target: the connection to the GDB stub at " + peer_ +
                         " is closed; reopen the probe");
  }
  doing_ = "halting the target (0x03)";
  co_return co_await with_timeout(interrupt_unbounded(), timeout,
                                  "halting the target through the GDB stub at " + peer_);
}

awaitable<rsp::StopReply> RspClient::interrupt_unbounded() {
  // The target may have stopped on its own (breakpoint, exit): then its stop reply is already
  // here and no 0x03 is needed.
  if (has_pending_reply_) {  // it came with the ack of 'c': the oldest news
    has_pending_reply_ = false;
    if (!no_ack_) co_await write_raw("+");
    const std::string payload = rsp::expand_rle(pending_reply_);
    if (rsp::is_stop_reply(payload)) {
      running_ = false;
      co_return rsp::parse_stop_reply(payload);
    }
  }
  read_available();
  bool garbled = false;
  while (auto event = decoder_.next()) {
    if (event->kind == RspEvent::Kind::bad_checksum) {
      garbled = true;  // probably a stop reply: ask again instead of interrupting
      co_await write_raw("-");
    } else if (event->kind == RspEvent::Kind::packet) {
      if (!no_ack_) co_await write_raw("+");
      const std::string payload = rsp::expand_rle(event->payload);
      if (rsp::is_stop_reply(payload)) {
        running_ = false;
        co_return rsp::parse_stop_reply(payload);
      }
    }
  }
  if (!garbled) co_await write_raw(std::string(1, '\x03'));
  co_return co_await wait_for_stop();
}

awaitable<rsp::StopReply> RspClient::wait_for_stop() {
  for (;;) {
    const std::string payload = co_await receive_packet();
    if (rsp::is_stop_reply(payload)) {
      running_ = false;
      co_return rsp::parse_stop_reply(payload);
    }
    if (payload.size() > 1 && payload[0] == 'O') continue;  // console output while running
    throw ProbeError(ProbeErrc::protocol, "while waiting for the target to stop, the GDB stub at " +
                                              peer_ + " sent '" + rsp::describe(payload) + "'");
  }
}

void RspClient::read_available() {
  boost::system::error_code ec;
  std::array<char, kReadChunk> buffer;
  for (;;) {
    const std::size_t ready = socket_.available(ec);
    if (ec || ready == 0) return;  // a broken link surfaces on the next async read
    const std::size_t n =
        socket_.read_some(asio::buffer(buffer.data(), std::min(ready, buffer.size())), ec);
    if (ec) return;
    decoder_.feed(std::string_view(buffer.data(), n));
  }
}

}  // namespace tr::probe
