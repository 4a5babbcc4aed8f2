// A scripted stand-in for OpenOCD's Tcl RPC server on loopback, for TclRpcClient and
// OpenOcdProbe unit tests: accepts one connection and runs a coroutine script against it. The
// script reads the client's 0x1A-terminated frames and writes raw bytes, so it can split,
// coalesce, interleave notifications or misbehave on purpose.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <exception>
#include <functional>
#include <memory>
#include <string>

namespace tr::probe::test {

class FakeTclLink {
 public:
  explicit FakeTclLink(boost::asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}

  // The next frame from the client, without its 0x1A; throws on EOF.
  boost::asio::awaitable<std::string> frame();
  // The next frame, which must be a wrapped command; returns the script inside the wrapper.
  boost::asio::awaitable<std::string> command();
  // Raw bytes, sent as one write.
  boost::asio::awaitable<void> send(std::string raw);
  // "OK:<result>" / "ERR:<message>" plus 0x1A.
  boost::asio::awaitable<void> ok(std::string result) { return send("OK:" + result + "\x1a"); }
  boost::asio::awaitable<void> err(std::string message) { return send("ERR:" + message + "\x1a"); }
  void close() { socket_.close(); }

 private:
  boost::asio::ip::tcp::socket socket_;
  std::string buffer_;
};

// The script inside `if {[catch {SCRIPT} r]} ...`; throws std::runtime_error if `frame` is not
// exactly that wrapper.
std::string unwrap(const std::string& frame);

struct FakeTclResult {
  bool finished = false;
  std::exception_ptr error;  // an exception thrown by the script
};

using TclScript = std::function<boost::asio::awaitable<void>(FakeTclLink&)>;

// Listens on 127.0.0.1:<free port>, serves one connection with `script`, returns the endpoint.
boost::asio::ip::tcp::endpoint start_fake_tcl_server(boost::asio::io_context& ctx, TclScript script,
                                                     std::shared_ptr<FakeTclResult> result);

// Lets a started fake server's script run to its end; rethrows its failure.
void finish_fake_tcl_server(boost::asio::io_context& ctx, const FakeTclResult& result);

}  // namespace tr::probe::test
