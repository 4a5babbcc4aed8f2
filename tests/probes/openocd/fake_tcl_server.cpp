#include "fake_tcl_server.h"

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <stdexcept>

namespace tr::probe::test {
namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

namespace {

const std::string kHead = "if {[catch {";
const std::string kTail = "} r]} {set r \"ERR:$r\"} else {set r \"OK:$r\"}";

}  // namespace

std::string unwrap(const std::string& frame) {
  if (frame.size() < kHead.size() + kTail.size() || !frame.starts_with(kHead) ||
      !frame.ends_with(kTail)) {
    throw std::runtime_error("fake Tcl server: not a wrapped command: '" + frame + "'");
  }
  return frame.substr(kHead.size(), frame.size() - kHead.size() - kTail.size());
}

awaitable<std::string> FakeTclLink::frame() {
  for (;;) {
    const auto end = buffer_.find('\x1a');
    if (end != std::string::npos) {
      std::string out = buffer_.substr(0, end);
      buffer_.erase(0, end + 1);
      co_return out;
    }
    std::array<char, 16384> chunk;
    const std::size_t n = co_await socket_.async_read_some(asio::buffer(chunk), use_awaitable);
    buffer_.append(chunk.data(), n);
  }
}

awaitable<std::string> FakeTclLink::command() {
  co_return unwrap(co_await frame());
}

awaitable<void> FakeTclLink::send(std::string raw) {
  co_await asio::async_write(socket_, asio::buffer(raw), use_awaitable);
}

asio::ip::tcp::endpoint start_fake_tcl_server(asio::io_context& ctx, TclScript script,
                                              std::shared_ptr<FakeTclResult> result) {
  asio::ip::tcp::acceptor acceptor(ctx, {asio::ip::address_v4::loopback(), 0});
  const auto endpoint = acceptor.local_endpoint();
  auto serve = [](asio::ip::tcp::acceptor a, TclScript s) -> awaitable<void> {
    FakeTclLink link(co_await a.async_accept(use_awaitable));
    co_await s(link);
  };
  asio::co_spawn(ctx, serve(std::move(acceptor), std::move(script)),
                 [result](std::exception_ptr e) {
                   result->finished = true;
                   result->error = e;
                 });
  return endpoint;
}

void finish_fake_tcl_server(asio::io_context& ctx, const FakeTclResult& result) {
  for (int i = 0; i < 1000 && !result.finished; ++i) {
    ctx.restart();
    ctx.run_one_for(std::chrono::milliseconds(10));
  }
  if (!result.finished) throw std::runtime_error("fake Tcl server script did not finish");
  if (result.error) std::rethrow_exception(result.error);
}

}  // namespace tr::probe::test
