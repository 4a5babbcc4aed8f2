#include "power/otii/otii_connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/system_error.hpp>

#include "debug/with_timeout.h"

namespace tr::power::otii {
namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using nlohmann::json;

namespace {

std::string millis(std::chrono::steady_clock::duration d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()) + " ms";
}

}  // namespace

OtiiConnection::OtiiConnection(asio::any_io_executor executor) : socket_(std::move(executor)) {}

awaitable<json> OtiiConnection::connect(std::string host, std::uint16_t port, duration timeout) {
  close();
  where_ = "otii at " + host + ":" + std::to_string(port);
  buffer_.clear();
  broken_.clear();
  try {
    co_return co_await probe::with_timeout(connect_unbounded(host, port), timeout, "greeting");
  } catch (const probe::TimeoutError&) {
    close();
    throw PowerError(PowerErrc::timeout, "no connection and greeting from the " + where_ +
                                             " within " + millis(timeout) +
                                             "; is the port an Otii TCP server, and is it busy?");
  } catch (...) {
    close();
    throw;
  }
}

awaitable<json> OtiiConnection::request(std::string cmd, json data, duration timeout) {
  if (!socket_.is_open()) {
    throw PowerError(PowerErrc::disconnected,
                     "the " + where_ + " is not connected (" + cmd + "); open the monitor first");
  }
  if (!broken_.empty()) {
    throw PowerError(PowerErrc::disconnected, "the connection to the " + where_ + " is unusable (" +
                                                  broken_ + "); close and reopen the monitor");
  }
  std::string trans_id = std::to_string(next_trans_id_++);
  std::string line = encode_otii_request(cmd, trans_id, data);
  try {
    co_return co_await probe::with_timeout(exchange(cmd, trans_id, std::move(line)), timeout, cmd);
  } catch (const probe::TimeoutError&) {
    broken_ = cmd + " timed out";
    throw PowerError(PowerErrc::timeout, "the " + where_ + " did not answer " + cmd + " within " +
                                             millis(timeout) +
                                             "; is the Otii app busy or hung? Reopen to retry");
  }
}

awaitable<json> OtiiConnection::connect_unbounded(std::string host, std::uint16_t port) {
  asio::ip::tcp::resolver resolver(socket_.get_executor());
  try {
    auto endpoints = co_await resolver.async_resolve(host, std::to_string(port), use_awaitable);
    co_await asio::async_connect(socket_, endpoints, use_awaitable);
  } catch (const boost::system::system_error& e) {
    if (e.code() == asio::error::operation_aborted) throw;  // our own deadline
    throw PowerError(PowerErrc::disconnected,
                     "cannot reach the " + where_ + ": " + e.code().message() +
                         "; is the Otii app (TCP server enabled) or otii_server running there?");
  }
  socket_.set_option(asio::ip::tcp::no_delay(true));
  OtiiMessage greeting = co_await read_message("waiting for the greeting");
  if (greeting.type != OtiiMessage::Type::information) {
    throw PowerError(PowerErrc::protocol,
                     "the " + where_ + " did not greet with an 'information' message (got '" +
                         greeting.cmd + "'); is this port really an Otii TCP server?");
  }
  co_return greeting.data;
}

void OtiiConnection::close() {
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

awaitable<json> OtiiConnection::exchange(std::string cmd, std::string trans_id, std::string line) {
  const std::string doing = "sending " + cmd;
  try {
    co_await asio::async_write(socket_, asio::buffer(line), use_awaitable);
  } catch (const boost::system::system_error& e) {
    lost(doing, e.code().message());
  }
  for (;;) {
    OtiiMessage m = co_await read_message("waiting for the answer to " + cmd);
    if (m.type == OtiiMessage::Type::progress || m.type == OtiiMessage::Type::information) {
      continue;  // progress of this request, or a notice: neither answers it
    }
    if (m.trans_id != trans_id || m.cmd != cmd) {
      broken_ = "unexpected answer";
      throw PowerError(PowerErrc::protocol,
                       "the " + where_ + " answered " + cmd + " (trans_id " + trans_id +
                           ") with a message for '" + m.cmd + "' (trans_id '" + m.trans_id +
                           "'); another client on the same connection? Reopen to retry");
    }
    if (m.type == OtiiMessage::Type::error) {
      throw OtiiCommandError("the " + where_ + " refused " + cmd + ": " + describe_otii_error(m),
                             cmd, m.errorcode);
    }
    co_return std::move(m.data);
  }
}

awaitable<OtiiMessage> OtiiConnection::read_message(std::string doing) {
  std::size_t n = 0;
  try {
    n = co_await asio::async_read_until(socket_, asio::dynamic_buffer(buffer_, kMaxLine),
                                        std::string(kLineEnd), use_awaitable);
  } catch (const boost::system::system_error& e) {
    if (e.code() == asio::error::operation_aborted) throw;  // our own deadline
    if (e.code() == asio::error::not_found) {
      broken_ = "oversized message";
      throw PowerError(PowerErrc::protocol, "the " + where_ + " sent a message over " +
                                                std::to_string(kMaxLine) + " bytes while " + doing +
                                                "; ask for smaller chunks");
    }
    lost(doing,
         e.code() == asio::error::eof ? "the server closed the connection" : e.code().message());
  }
  std::string line = buffer_.substr(0, n - kLineEnd.size());
  buffer_.erase(0, n);
  try {
    co_return parse_otii_message(line, "the " + where_);
  } catch (const PowerError&) {
    broken_ = "unparsable message";
    throw;
  }
}

void OtiiConnection::lost(const std::string& doing, const std::string& why) {
  broken_ = why;
  throw PowerError(PowerErrc::disconnected,
                   "lost the " + where_ + " while " + doing + ": " + why +
                       "; was the Otii app closed, the network dropped or the Arc unplugged?");
}

}  // namespace tr::power::otii
