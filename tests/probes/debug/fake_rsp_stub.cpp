#include "fake_rsp_stub.h"

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <stdexcept>

#include "debug/rsp_packet.h"

namespace tr::probe::test {
namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

awaitable<rsp::RspEvent> FakeStubLink::next() {
  for (;;) {
    if (auto e = decoder_.next()) co_return std::move(*e);
    std::array<char, 4096> buffer;
    const std::size_t n = co_await socket_.async_read_some(asio::buffer(buffer), use_awaitable);
    decoder_.feed(std::string_view(buffer.data(), n));
  }
}

awaitable<std::string> FakeStubLink::packet() {
  const auto e = co_await next();
  if (e.kind != rsp::RspEvent::Kind::packet) {
    throw std::runtime_error("fake stub: expected a packet, got event kind " +
                             std::to_string(static_cast<int>(e.kind)));
  }
  co_return e.payload;
}

awaitable<void> FakeStubLink::expect_ack() {
  const auto e = co_await next();
  if (e.kind != rsp::RspEvent::Kind::ack) {
    throw std::runtime_error("fake stub: expected '+', got event kind " +
                             std::to_string(static_cast<int>(e.kind)) + " " + e.payload);
  }
}

awaitable<void> FakeStubLink::send(std::string raw) {
  co_await asio::async_write(socket_, asio::buffer(raw), use_awaitable);
}

awaitable<void> FakeStubLink::reply(std::string payload) {
  co_await send("+" + rsp::frame(payload));
}

asio::ip::tcp::endpoint start_fake_stub(asio::io_context& ctx, StubScript script,
                                        std::shared_ptr<FakeStubResult> result) {
  asio::ip::tcp::acceptor acceptor(ctx, {asio::ip::address_v4::loopback(), 0});
  const auto endpoint = acceptor.local_endpoint();
  auto serve = [](asio::ip::tcp::acceptor a, StubScript s) -> awaitable<void> {
    FakeStubLink link(co_await a.async_accept(use_awaitable));
    co_await s(link);
  };
  asio::co_spawn(ctx, serve(std::move(acceptor), std::move(script)),
                 [result](std::exception_ptr e) {
                   result->finished = true;
                   result->error = e;
                 });
  return endpoint;
}

}  // namespace tr::probe::test
