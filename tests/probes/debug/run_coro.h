// Runs one coroutine to completion on an io_context and returns its result (or rethrows).
// Other coroutines on the context (fake servers) are abandoned when it finishes.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <optional>
#include <type_traits>

namespace tr::probe::test {

template <class T>
T run_coro(boost::asio::io_context& ctx, boost::asio::awaitable<T> op) {
  std::exception_ptr error;
  bool done = false;
  if constexpr (std::is_void_v<T>) {
    boost::asio::co_spawn(ctx, std::move(op), [&](std::exception_ptr e) {
      error = e;
      done = true;
      ctx.stop();
    });
    ctx.restart();
    ctx.run();
    if (error) std::rethrow_exception(error);
  } else {
    std::optional<T> result;
    boost::asio::co_spawn(ctx, std::move(op), [&](std::exception_ptr e, T value) {
      error = e;
      if (!e) result.emplace(std::move(value));
      done = true;
      ctx.stop();
    });
    ctx.restart();
    ctx.run();
    if (error) std::rethrow_exception(error);
    return std::move(*result);
  }
}

}  // namespace tr::probe::test
