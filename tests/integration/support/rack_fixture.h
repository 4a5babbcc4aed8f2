// Shared pieces of the integration tests: the committed emulated rack, a builder workload that
// needs no outside files, and a way to run one coroutine to completion.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <filesystem>
#include <string>

#include "config/rack_spec.h"
#include "config/workload_spec.h"

namespace tr::test {

config::RackSpec emulated_rack();
const config::BoardSpec& board(const config::RackSpec& rack, const std::string& name);
// A small fully-connected model from the project's builder and three inputs.
config::WorkloadSpec builder_workload(uint32_t iterations = 2);
// True once `pid` neither runs nor lingers as a zombie.
bool process_gone(int pid);

template <class T>
T run_sync(boost::asio::awaitable<T> op) {
  boost::asio::io_context io;
  auto future = boost::asio::co_spawn(io, std::move(op), boost::asio::use_future);
  io.run();
  return future.get();
}

}  // namespace tr::test
