#include "run/runner_profile.h"

#include <optional>
#include <string>

#include "runner/runner_commands.h"

namespace tr::harness {
namespace {

void set_once(std::optional<uint64_t>& slot, const std::string& key, const std::string& value) {
  if (slot) throw RunnerError("tr-prof reply has more than one m-tr-" + key + " line");
  slot = parse_number(value, "tr-prof " + key);
}

uint64_t required(const std::optional<uint64_t>& v, const std::string& key) {
  if (!v) throw RunnerError("tr-prof reply has no m-tr-" + key + " line");
  return *v;
}

}  // namespace

RunnerProfile parse_runner_profile(const RunnerReply& reply) {
  if (auto e = reply.error()) throw RunnerError("tr-prof failed: " + *e);
  RunnerProfile p;
  std::optional<uint64_t> ops, sum, hooked, plain;
  for (const std::string& line : reply.lines) {
    auto kv = parse_tr_line(line);
    if (!kv) continue;
    const auto& [key, value] = *kv;
    if (key == "prof_op") {
      auto fields = split_fields(value);
      if (fields.size() != 2)
        throw RunnerError("m-tr-prof_op-[" + value + "] is not [index,ticks]");
      const uint64_t index = parse_number(fields[0], "a tr-prof operator index");
      if (index != p.op_ticks.size()) {
        throw RunnerError("m-tr-prof_op-[" + value + "] arrived where operator " +
                          std::to_string(p.op_ticks.size()) + " was expected");
      }
      p.op_ticks.push_back(parse_number(fields[1], "tr-prof operator ticks"));
    } else if (key == "prof_ops") {
      set_once(ops, key, value);
    } else if (key == "prof_sum") {
      set_once(sum, key, value);
    } else if (key == "prof_hooked") {
      set_once(hooked, key, value);
    } else if (key == "prof_plain") {
      set_once(plain, key, value);
    }
  }
  if (required(ops, "prof_ops") != p.op_ticks.size()) {
    throw RunnerError("tr-prof announced " + std::to_string(*ops) + " operators but sent " +
                      std::to_string(p.op_ticks.size()));
  }
  p.sum_ticks = required(sum, "prof_sum");
  p.hooked_ticks = required(hooked, "prof_hooked");
  p.plain_ticks = required(plain, "prof_plain");
  uint64_t total = 0;
  for (uint64_t t : p.op_ticks) total += t;
  if (total != p.sum_ticks) {
    throw RunnerError("tr-prof operators add up to " + std::to_string(total) +
                      " ticks, its m-tr-prof_sum says " + std::to_string(p.sum_ticks));
  }
  if (p.sum_ticks > p.hooked_ticks) {
    throw RunnerError("tr-prof operators take " + std::to_string(p.sum_ticks) +
                      " ticks, more than the whole hooked inference (" +
                      std::to_string(p.hooked_ticks) + ")");
  }
  return p;
}

boost::asio::awaitable<RunnerProfile> read_profile(RunnerClient& runner,
                                                   std::chrono::milliseconds timeout) {
  RunnerReply reply = co_await runner.command("tr-prof", timeout);
  co_return parse_runner_profile(reply);
}

}  // namespace tr::harness
