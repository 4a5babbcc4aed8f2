// RspClient watchpoints (Z2/Z3/Z4, z2/z3/z4) and "run until the target stops": what a test
// needs to see every store to a memory-mapped register, e.g. the energy-mode timestamp pin.
#include <algorithm>
#include <optional>

#include "debug/probe_error.h"
#include "debug/rsp_client.h"
#include "debug/rsp_packet.h"
#include "debug/with_timeout.h"

namespace tr::probe {
namespace asio = boost::asio;
using asio::awaitable;

namespace {

const char* kind_name(WatchpointKind kind) {
  switch (kind) {
    case WatchpointKind::write:
      return "write";
    case WatchpointKind::read:
      return "read";
    case WatchpointKind::access:
      return "access";
  }
  return "?";
}

}  // namespace

awaitable<void> RspClient::send_watchpoint(char verb, Watchpoint w) {
  const std::string packet = std::string(1, verb) + std::to_string(static_cast<int>(w.kind)) + "," +
                             rsp::hex_number(w.address) + "," + rsp::hex_number(w.length);
  const std::string reply = co_await transact(packet, options_.timeouts.packet);
  if (reply == "OK") co_return;
  const std::string at = " at 0x" + rsp::hex_number(w.address);
  const std::string what =
      verb == 'Z' ? std::string("setting a ") + kind_name(w.kind) + " watchpoint on " +
                        std::to_string(w.length) + " bytes" + at
                  : std::string("removing the ") + kind_name(w.kind) + " watchpoint" + at;
  throw ProbeError(rsp::is_error_reply(reply) ? ProbeErrc::target : ProbeErrc::protocol,
                   target_error(reply, packet, what));
}

awaitable<void> RspClient::insert_watchpoint(WatchpointKind kind, std::uint32_t address,
                                             std::uint32_t length) {
  const Watchpoint w{kind, address, length};
  co_await send_watchpoint('Z', w);
  watchpoints_.push_back(w);
}

awaitable<void> RspClient::remove_watchpoint(WatchpointKind kind, std::uint32_t address,
                                             std::uint32_t length) {
  co_await send_watchpoint('z', Watchpoint{kind, address, length});
  std::erase_if(watchpoints_, [&](const Watchpoint& w) {
    return w.kind == kind && w.address == address && w.length == length;
  });
}

awaitable<void> RspClient::step_over_watchpoints() {
  // With a watchpoint still set, the step would stop before the same access again.
  for (const Watchpoint& w : watchpoints_) co_await send_watchpoint('z', w);
  const std::string reply = co_await transact("s", options_.timeouts.packet);
  const rsp::StopReply stop = rsp::parse_stop_reply(reply);
  if (!stop.halted()) {
    throw ProbeError(
        ProbeErrc::target,
        "stepping over a watched access: the target stopped with '" + rsp::describe(reply) + "'");
  }
  for (const Watchpoint& w : watchpoints_) co_await send_watchpoint('Z', w);
  on_watchpoint_ = false;
}

awaitable<rsp::StopReply> RspClient::run_until_stop(duration timeout) {
  if (!running_) {
    if (on_watchpoint_) co_await step_over_watchpoints();
    co_await resume();
  }
  std::optional<rsp::StopReply> stop;
  try {
    stop = co_await with_timeout(wait_for_stop(), timeout,
                                 "a stop of the target at the GDB stub at " + peer_);
  } catch (const TimeoutError&) {
    // Still running: halt it below; a stop reply racing the deadline is picked up by
    // interrupt() without sending 0x03.
  }
  if (!stop) stop = co_await interrupt(options_.timeouts.packet);
  on_watchpoint_ = stop->watchpoint();
  co_return *stop;
}

}  // namespace tr::probe
