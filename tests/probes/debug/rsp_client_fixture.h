// An RspClient connected to the scripted fake stub, for the RspClient unit tests: start() runs
// the stub and connects, run() drives one client call, finish_stub() lets the script end and
// rethrows its failure.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <exception>
#include <memory>
#include <utility>

#include "debug/rsp_client.h"
#include "fake_rsp_stub.h"
#include "run_coro.h"

namespace tr::probe::test {

inline constexpr std::chrono::seconds kGenerous{5};  // deadlines that must not fire

struct RspClientFixture {
  boost::asio::io_context ctx;
  std::shared_ptr<FakeStubResult> stub = std::make_shared<FakeStubResult>();
  RspClient client{
      ctx.get_executor(),
      RspOptions{{std::chrono::milliseconds(1000), std::chrono::milliseconds(1000)}, 3}};

  void start(StubScript script) {
    const auto endpoint = start_fake_stub(ctx, std::move(script), stub);
    run_coro(ctx, client.connect(endpoint, kGenerous));
  }
  template <class T>
  T run(boost::asio::awaitable<T> op) {
    return run_coro(ctx, std::move(op));
  }
  void finish_stub() {
    for (int i = 0; i < 1000 && !stub->finished; ++i) {
      ctx.restart();
      ctx.run_one_for(std::chrono::milliseconds(10));
    }
    REQUIRE(stub->finished);
    if (stub->error) std::rethrow_exception(stub->error);
  }
};

}  // namespace tr::probe::test
