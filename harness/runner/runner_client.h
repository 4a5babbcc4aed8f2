// RunnerClient: the MLPerf Tiny / tinyrack command protocol over a byte stream to the runner's
// console (QEMU's console socket today; a serial port or RTT later). One command in flight at
// a time, a deadline on every wait, and a transcript of everything said on the link.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/streambuf.hpp>
#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "runner/runner_reply.h"

namespace tr::harness {

// The runner answered with an e- line, or said something the protocol does not allow.
class RunnerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class RunnerClient {
 public:
  RunnerClient(boost::asio::ip::tcp::socket socket, const std::filesystem::path& transcript);

  // Everything the runner printed from reset up to the banner's m-ready.
  boost::asio::awaitable<RunnerReply> read_banner(std::chrono::milliseconds timeout);
  // Send `cmd` followed by '%' and collect the reply up to m-ready. An `e-` line in the reply
  // throws RunnerError naming the command, unless `allow_error` is set.
  boost::asio::awaitable<RunnerReply> command(std::string cmd, std::chrono::milliseconds timeout,
                                              bool allow_error = false);
  // The last lines received, for error messages.
  std::string recent_lines() const;
  void close();

 private:
  boost::asio::awaitable<RunnerReply> read_reply();
  boost::asio::awaitable<std::string> read_line();
  void note(std::string_view prefix, std::string_view text);

  boost::asio::ip::tcp::socket socket_;
  boost::asio::streambuf buffer_;
  std::ofstream transcript_;
  std::deque<std::string> recent_;
};

}  // namespace tr::harness
