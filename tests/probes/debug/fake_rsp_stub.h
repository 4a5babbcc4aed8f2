// A scripted GDB stub on loopback for RspClient tests: accepts one connection and runs a
// coroutine script against it. The script sees decoded client events and sends raw bytes, so
// it can misbehave on purpose (naks, bad checksums, RLE, silence).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "debug/rsp_decoder.h"

namespace tr::probe::test {

class FakeStubLink {
 public:
  explicit FakeStubLink(boost::asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}

  // The next event from the client (ack, nak, 0x03, packet...); throws on EOF.
  boost::asio::awaitable<rsp::RspEvent> next();
  // The next event, which must be a packet with a good checksum; returns its payload.
  boost::asio::awaitable<std::string> packet();
  // The next event, which must be an ack.
  boost::asio::awaitable<void> expect_ack();
  // Raw bytes / a framed payload.
  boost::asio::awaitable<void> send(std::string raw);
  boost::asio::awaitable<void> reply(std::string payload);  // "+" then the framed payload
  void close() { socket_.close(); }

 private:
  boost::asio::ip::tcp::socket socket_;
  rsp::RspDecoder decoder_;
};

struct FakeStubResult {
  bool finished = false;
  std::exception_ptr error;  // an exception thrown by the script
};

using StubScript = std::function<boost::asio::awaitable<void>(FakeStubLink&)>;

// Listens on 127.0.0.1:<free port>, serves one connection with `script`, and returns the
// endpoint to connect to. The outcome lands in *result.
boost::asio::ip::tcp::endpoint start_fake_stub(boost::asio::io_context& ctx, StubScript script,
                                               std::shared_ptr<FakeStubResult> result);

}  // namespace tr::probe::test
