// OtiiConnection: one TCP connection to an Otii app or otii_server, strictly one request at a
// time (the official client raises "Transaction id mismatch" on anything unsolicited, so this
// one does too). Progress messages are skipped; error messages become OtiiCommandError.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "power/otii/otii_message.h"

namespace tr::power::otii {

class OtiiConnection {
 public:
  using duration = std::chrono::steady_clock::duration;
  static constexpr std::size_t kMaxLine = 64u << 20;  // a 40000-value chunk is about 1 MB

  explicit OtiiConnection(boost::asio::any_io_executor executor);

  // Resolves and connects, then reads the server's information greeting and returns its data.
  // Unreachable -> PowerError(disconnected); silent -> PowerError(timeout); a first message
  // that is not information -> PowerError(protocol).
  boost::asio::awaitable<nlohmann::json> connect(std::string host, std::uint16_t port,
                                                 duration timeout);

  // Sends `cmd` with `data` and returns the response's data ({} when it has none). Errors:
  // OtiiCommandError (the server's errorcode), PowerError(disconnected) when the server goes
  // away, PowerError(timeout) after `timeout` (the connection is then unusable, because a late
  // answer would break the strict request/response pairing), PowerError(protocol).
  boost::asio::awaitable<nlohmann::json> request(std::string cmd, nlohmann::json data,
                                                 duration timeout);

  void close();
  bool usable() const { return socket_.is_open() && broken_.empty(); }
  const std::string& where() const { return where_; }  // "otii at 127.0.0.1:1905"

 private:
  boost::asio::awaitable<nlohmann::json> connect_unbounded(std::string host, std::uint16_t port);
  boost::asio::awaitable<OtiiMessage> read_message(std::string doing);
  boost::asio::awaitable<nlohmann::json> exchange(std::string cmd, std::string trans_id,
                                                  std::string line);
  [[noreturn]] void lost(const std::string& doing, const std::string& why);

  boost::asio::ip::tcp::socket socket_;
  std::string where_;
  std::string buffer_;  // bytes received but not yet consumed
  std::string broken_;  // why the connection can no longer be used
  std::uint64_t next_trans_id_ = 1;
};

}  // namespace tr::power::otii
