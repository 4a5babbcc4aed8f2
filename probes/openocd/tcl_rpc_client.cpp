#include "openocd/tcl_rpc_client.h"

#include <array>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/system_error.hpp>
#include <utility>

#include "debug/probe_error.h"
#include "debug/with_timeout.h"
#include "openocd/tcl_script.h"

namespace tr::probe {
namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

namespace {

constexpr std::size_t kReadChunk = 16384;

}  // namespace

TclRpcClient::TclRpcClient(asio::any_io_executor executor, std::size_t max_reply)
    : socket_(std::move(executor)), decoder_(max_reply) {}

awaitable<void> TclRpcClient::connect(asio::ip::tcp::endpoint endpoint, duration timeout) {
  close();
  peer_ = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  decoder_ = tcl::TclFrameDecoder(decoder_.max_frame());
  notifications_.clear();
  stale_replies_ = 0;
  writing_ = awaiting_ = false;
  try {
    co_await with_timeout(socket_.async_connect(endpoint, use_awaitable), timeout,
                          "connecting to OpenOCD's Tcl server at " + peer_);
  } catch (const boost::system::system_error& e) {
    throw ProbeError(ProbeErrc::connection, "could not connect to OpenOCD's Tcl server at " +
                                                peer_ + ": " + e.code().message() +
                                                "; is OpenOCD running with this tcl_port?");
  }
  socket_.set_option(asio::ip::tcp::no_delay(true));
  broken_ = false;
}

awaitable<std::string> TclRpcClient::command(std::string script, duration timeout) {
  require_usable(script);
  std::string frame = tcl::wrap(script) + tcl::kTerminator;
  doing_ = "'" + tcl::describe(script) + "'";
  const std::string what = "OpenOCD's reply to " + doing_ + " (Tcl " + peer_ + ")";
  std::string reply;
  try {
    reply = co_await with_timeout(exchange(std::move(frame)), timeout, what);
  } catch (const TimeoutError&) {
    if (writing_) broken_ = true;  // a torn frame: OpenOCD would read garbage next
    if (awaiting_) ++stale_replies_;
    writing_ = awaiting_ = false;
    throw;
  }
  const tcl::WrappedReply parsed = tcl::parse_reply(reply, script);
  if (!parsed.ok) {
    throw ProbeError(ProbeErrc::target,
                     "OpenOCD command '" + tcl::describe(script) + "' failed: " + parsed.result);
  }
  co_return parsed.result;
}

awaitable<std::string> TclRpcClient::exchange(std::string frame) {
  co_await write_frame(std::move(frame));
  awaiting_ = true;
  for (;;) {
    tcl::TclFrame reply = co_await next_frame();
    if (reply.kind == tcl::TclFrame::Kind::notification) {
      notifications_.push_back(std::move(reply.text));
      continue;
    }
    if (stale_replies_ > 0) {  // the late reply of an earlier, timed-out command
      --stale_replies_;
      continue;
    }
    awaiting_ = false;
    if (reply.kind == tcl::TclFrame::Kind::oversize) {
      throw ProbeError(ProbeErrc::protocol, "OpenOCD's reply to " + doing_ + " is over " +
                                                std::to_string(decoder_.max_frame()) +
                                                " bytes (it starts '" + tcl::describe(reply.text) +
                                                "'); ask for less at a time");
    }
    co_return std::move(reply.text);
  }
}

awaitable<void> TclRpcClient::enable_notifications(duration timeout) {
  co_await command("tcl_notifications on", timeout);
}

std::vector<std::string> TclRpcClient::take_notifications() {
  return std::exchange(notifications_, {});
}

awaitable<void> TclRpcClient::shutdown(duration timeout) {
  require_usable("shutdown");
  doing_ = "'shutdown'";
  auto send_and_wait = [this]() -> awaitable<void> {
    co_await write_frame(std::string("shutdown") + tcl::kTerminator);
    try {
      for (;;) {  // skip late replies and notifications up to the bare 0x1A
        tcl::TclFrame frame = co_await next_frame();
        if (frame.kind == tcl::TclFrame::Kind::reply && frame.text.empty()) break;
      }
    } catch (const ProbeError& e) {
      if (e.code() != ProbeErrc::connection) throw;  // a closed connection is the goal
    }
  };
  co_await with_timeout(send_and_wait(), timeout, "OpenOCD's shutdown (Tcl " + peer_ + ")");
  close();
}

void TclRpcClient::close() {
  boost::system::error_code ignored;
  socket_.close(ignored);
}

awaitable<tcl::TclFrame> TclRpcClient::next_frame() {
  for (;;) {
    if (auto frame = decoder_.next()) co_return std::move(*frame);
    std::array<char, kReadChunk> buffer;
    std::size_t n = 0;
    try {
      n = co_await socket_.async_read_some(asio::buffer(buffer), use_awaitable);
    } catch (const boost::system::system_error& e) {
      if (e.code() == asio::error::operation_aborted) throw;  // deadline or cancellation
      connection_lost(e.code() == asio::error::eof ? "OpenOCD closed the connection"
                                                   : e.code().message());
    }
    decoder_.feed(std::string_view(buffer.data(), n));
  }
}

awaitable<void> TclRpcClient::write_frame(std::string frame) {
  writing_ = true;
  try {
    co_await asio::async_write(socket_, asio::buffer(frame), use_awaitable);
  } catch (const boost::system::system_error& e) {
    if (e.code() == asio::error::operation_aborted) throw;
    connection_lost(e.code().message());
  }
  writing_ = false;
}

void TclRpcClient::require_usable(const std::string& script) const {
  if (broken_) {
    throw ProbeError(ProbeErrc::connection, "cannot send '" + tcl::describe(script) +
                                                "': the connection to OpenOCD's Tcl server at " +
                                                peer_ + " was lost earlier; reopen the probe");
  }
  if (!socket_.is_open()) {
    throw ProbeError(ProbeErrc::connection,
                     "cannot send '" + tcl::describe(script) + "': not connected; call connect()");
  }
}

void TclRpcClient::connection_lost(const std::string& why) {
  broken_ = true;
  throw ProbeError(ProbeErrc::connection, "lost the connection to OpenOCD's Tcl server at " +
                                              peer_ + " during " + doing_ + " (" + why +
                                              "); OpenOCD probably exited — check its log");
}

}  // namespace tr::probe
