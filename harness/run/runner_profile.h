// The runner's `tr-prof` answer as plain data (docs/protocol.md, tr-prof): raw timer ticks per
// operator of one hooked inference, their sum, the hooked and the un-hooked totals.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <vector>

#include "runner/runner_client.h"
#include "runner/runner_reply.h"

namespace tr::harness {

struct RunnerProfile {
  std::vector<uint64_t> op_ticks;  // in execution order
  uint64_t sum_ticks = 0;          // as the runner summed them
  uint64_t hooked_ticks = 0;       // the whole hooked inference
  uint64_t plain_ticks = 0;        // an inference without hooks
  bool operator==(const RunnerProfile&) const = default;
};

// Throws RunnerError naming the line or field at fault: a missing or repeated line, operator
// lines out of order or not matching prof_ops, a sum that is not the operators' sum, or
// operators adding up to more than the hooked inference.
RunnerProfile parse_runner_profile(const RunnerReply& reply);

// Sends `tr-prof%` (the model and input must be loaded) and parses the answer.
boost::asio::awaitable<RunnerProfile> read_profile(RunnerClient& runner,
                                                   std::chrono::milliseconds timeout);

}  // namespace tr::harness
