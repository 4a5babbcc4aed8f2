// TclRpcClient: OpenOCD's Tcl RPC server over loopback TCP (openocd-pyocd.md §2), with Asio
// coroutines. Scripts and replies are 0x1A-terminated frames; every command is wrapped so its
// reply says OK or ERR (tcl_script.h), and an ERR becomes a ProbeError naming the command and
// OpenOCD's message. Notification frames ("type target_event ...", after
// enable_notifications()) are set aside for take_notifications(), never taken for replies.
//
// One command at a time; each has a deadline. A reply that misses its deadline still arrives
// later: it is counted and skipped, so the next command gets its own reply (OpenOCD answers in
// order). Coroutine parameters are taken by value.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "openocd/tcl_frame_decoder.h"

namespace tr::probe {

class TclRpcClient {
 public:
  using duration = std::chrono::steady_clock::duration;

  // `max_reply`: longer replies are errors (OpenOCD's own limit is 4 MiB).
  explicit TclRpcClient(boost::asio::any_io_executor executor,
                        std::size_t max_reply = tcl::kMaxFrame);

  // TCP connect with TCP_NODELAY. Refused / unreachable -> ProbeError(connection).
  boost::asio::awaitable<void> connect(boost::asio::ip::tcp::endpoint endpoint, duration timeout);

  // Runs `script` (wrapped) and returns OpenOCD's result. Errors: the script failed in OpenOCD
  // -> ProbeError(target) "OpenOCD command '<script>' failed: <message>"; a script that cannot
  // be wrapped or a malformed / oversize reply -> ProbeError(protocol); the connection closed
  // -> ProbeError(connection); no reply within `timeout` -> TimeoutError.
  boost::asio::awaitable<std::string> command(std::string script, duration timeout);

  // `tcl_notifications on`: OpenOCD then sends target events and state changes on its own.
  boost::asio::awaitable<void> enable_notifications(duration timeout);
  // The notification frames received so far ("type target_state state halted"), oldest first;
  // clears them.
  std::vector<std::string> take_notifications();

  // Sends `shutdown` (OpenOCD exits) and waits for its bare reply or the connection to close.
  boost::asio::awaitable<void> shutdown(duration timeout);
  void close();

  bool connected() const { return socket_.is_open() && !broken_; }
  const std::string& peer() const { return peer_; }  // "127.0.0.1:6666"
  // Replies of timed-out commands not yet received (they are skipped when they come).
  std::size_t stale_replies() const { return stale_replies_; }

 private:
  boost::asio::awaitable<std::string> exchange(std::string frame);
  boost::asio::awaitable<tcl::TclFrame> next_frame();
  boost::asio::awaitable<void> write_frame(std::string frame);
  void require_usable(const std::string& script) const;
  [[noreturn]] void connection_lost(const std::string& why);

  boost::asio::ip::tcp::socket socket_;
  tcl::TclFrameDecoder decoder_;
  std::vector<std::string> notifications_;
  std::string doing_;  // the command in progress, for error messages
  std::string peer_;
  std::size_t stale_replies_ = 0;
  bool writing_ = false;   // a frame is partly written
  bool awaiting_ = false;  // a frame was sent and its reply has not come
  bool broken_ = false;
};

}  // namespace tr::probe
