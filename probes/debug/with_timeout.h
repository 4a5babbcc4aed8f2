// with_timeout(): every wait in tinyrack has a deadline. The operation races a steady_timer;
// whichever completes first wins and the other is cancelled. An expired timer becomes a
// TimeoutError; the operation's own exception passes through at once.
//
// Built on parallel_group with wait_for_one() rather than awaitable operator ||: in Boost 1.81
// `||` waits for the first *successful* completion, so a failing operation (connection
// refused) would sit out the whole deadline and then be misreported as a timeout.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <exception>
#include <string>
#include <type_traits>
#include <utility>

#include "debug/probe_error.h"

namespace tr::probe {

// Runs `op`; if it has not finished after `d`, cancels it and throws
// TimeoutError("<what> timed out after <ms> ms"). Works for awaitable<void> too.
// `op` must react to cancellation (Asio sockets, timers and pipes do).
template <class T>
boost::asio::awaitable<T> with_timeout(boost::asio::awaitable<T> op,
                                       std::chrono::steady_clock::duration d, std::string what) {
  namespace asio = boost::asio;
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor, d);
  auto result =
      co_await asio::experimental::make_parallel_group(
          asio::co_spawn(executor, std::move(op), asio::deferred), timer.async_wait(asio::deferred))
          .async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
  // result = (completion order, op's exception_ptr, [op's value,] timer's error_code)
  if (std::get<0>(result)[0] == 1) throw TimeoutError(what, d);
  if (std::get<1>(result)) std::rethrow_exception(std::get<1>(result));
  if constexpr (!std::is_void_v<T>) co_return std::move(std::get<2>(result));
}

}  // namespace tr::probe
