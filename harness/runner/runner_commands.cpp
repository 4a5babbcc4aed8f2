#include "runner/runner_commands.h"

#include <cstdio>

namespace tr::harness {
namespace asio = boost::asio;

namespace {

std::string require(const RunnerReply& reply, const std::string& key, const std::string& cmd) {
  if (auto v = reply.tr_value(key)) return *v;
  throw RunnerError("runner's reply to '" + cmd + "%' has no m-tr-" + key + " line");
}

std::string hex32(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

}  // namespace

uint64_t parse_number(const std::string& text, const std::string& what) {
  try {
    size_t used = 0;
    int base = (text.rfind("0x", 0) == 0) ? 16 : 10;
    uint64_t v = std::stoull(text, &used, base);
    if (used != text.size()) throw std::invalid_argument(text);
    return v;
  } catch (const std::exception&) {
    throw RunnerError("runner sent '" + text + "' where " + what + " (a number) was expected");
  }
}

TensorDescription parse_tensor_description(const std::string& value) {
  // <type>,<d0>x<d1>...,<bytes>,<scale>,<zero_point>
  auto fields = split_fields(value);
  if (fields.size() != 5) {
    throw RunnerError("tensor description '" + value + "' does not have 5 fields");
  }
  TensorDescription t;
  t.type = fields[0];
  for (const std::string& d : split_fields(fields[1], 'x')) {
    t.shape.push_back(static_cast<int32_t>(parse_number(d, "a tensor dimension")));
  }
  t.bytes = static_cast<uint32_t>(parse_number(fields[2], "a tensor byte count"));
  try {
    t.scale = std::stod(fields[3]);
    t.zero_point = std::stoi(fields[4]);
  } catch (const std::exception&) {
    throw RunnerError("tensor description '" + value + "' has a bad scale or zero point");
  }
  return t;
}

std::vector<uint8_t> parse_hex_bytes(const std::string& hex) {
  if (hex.size() % 2 != 0) throw RunnerError("odd number of hex digits in tr-out");
  std::vector<uint8_t> out(hex.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned v = 0;
    if (std::sscanf(hex.c_str() + 2 * i, "%2x", &v) != 1) {
      throw RunnerError("bad hex digit in tr-out at byte " + std::to_string(i));
    }
    out[i] = static_cast<uint8_t>(v);
  }
  return out;
}

asio::awaitable<RunnerIdentity> identify(RunnerClient& runner, Ms timeout) {
  RunnerIdentity id;
  RunnerReply name = co_await runner.command("name", timeout);
  for (const std::string& line : name.lines) {
    if (line.rfind("m-name-dut-[", 0) == 0 && line.back() == ']') {
      id.dut_name = line.substr(12, line.size() - 13);
    }
  }
  if (id.dut_name.empty()) throw RunnerError("no m-name-dut-[...] line in reply to name%");
  RunnerReply profile = co_await runner.command("profile", timeout);
  for (const std::string& line : profile.lines) {
    if (line.rfind("m-profile-[", 0) == 0 && line.back() == ']') {
      id.profile = line.substr(11, line.size() - 12);
    }
    if (line.rfind("m-model-[", 0) == 0 && line.back() == ']') {
      id.model_id = line.substr(9, line.size() - 10);
    }
  }
  RunnerReply tr = co_await runner.command("tr-id", timeout, /*allow_error=*/true);
  if (auto error = tr.error()) {
    if (error->rfind("Unknown command", 0) == 0) {
      id.standard_only = true;
      co_return id;
    }
    throw RunnerError("runner answered tr-id% with e-[" + *error + "]");
  }
  id.version = require(tr, "version", "tr-id");
  id.target = require(tr, "target", "tr-id");
  id.engine = require(tr, "engine", "tr-id");
  id.build_hash = require(tr, "build", "tr-id");
  id.timer_hz = static_cast<uint32_t>(parse_number(require(tr, "timer_hz", "tr-id"), "timer_hz"));
  co_return id;
}

asio::awaitable<RunnerSlots> query_slots(RunnerClient& runner, Ms timeout) {
  RunnerReply reply = co_await runner.command("tr-slots", timeout);
  RunnerSlots slots;
  auto parse_slot = [&](const std::string& key, uint32_t& addr, uint32_t& cap) {
    auto fields = split_fields(require(reply, key, "tr-slots"));
    if (fields.size() != 2) throw RunnerError("m-tr-" + key + " is not [address,capacity]");
    addr = static_cast<uint32_t>(parse_number(fields[0], key + " address"));
    cap = static_cast<uint32_t>(parse_number(fields[1], key + " capacity"));
  };
  parse_slot("model_slot", slots.model_address, slots.model_capacity);
  parse_slot("input_slot", slots.input_address, slots.input_capacity);
  co_return slots;
}

asio::awaitable<LoadedModel> use_model(RunnerClient& runner, uint32_t bytes, uint32_t crc32,
                                       const std::string& id, Ms timeout) {
  std::string cmd = "tr-model " + std::to_string(bytes) + " " + hex32(crc32);
  if (!id.empty()) cmd += " " + id;
  RunnerReply reply = co_await runner.command(cmd, timeout);
  if (require(reply, "model", "tr-model") != "ok") {
    throw RunnerError("tr-model did not answer m-tr-model-[ok]");
  }
  LoadedModel model;
  model.input = parse_tensor_description(require(reply, "model_input", "tr-model"));
  model.output = parse_tensor_description(require(reply, "model_output", "tr-model"));
  co_return model;
}

asio::awaitable<void> use_input(RunnerClient& runner, uint32_t bytes, uint32_t crc32, Ms timeout) {
  RunnerReply reply =
      co_await runner.command("tr-input " + std::to_string(bytes) + " " + hex32(crc32), timeout);
  if (require(reply, "input", "tr-input") != "ok") {
    throw RunnerError("tr-input did not answer m-tr-input-[ok]");
  }
}

asio::awaitable<uint64_t> use_input_frontend(RunnerClient& runner, uint32_t bytes, uint32_t crc32,
                                             const std::string& frontend, Ms timeout) {
  RunnerReply reply = co_await runner.command(
      "tr-input " + std::to_string(bytes) + " " + hex32(crc32) + " " + frontend, timeout);
  if (require(reply, "input", "tr-input") != "ok") {
    throw RunnerError("tr-input did not answer m-tr-input-[ok]");
  }
  co_return parse_number(require(reply, "frontend_ticks", "tr-input"), "frontend_ticks");
}

asio::awaitable<void> load_input_db(RunnerClient& runner, std::span<const uint8_t> bytes,
                                    Ms timeout) {
  constexpr size_t kBytesPerLine = 31;  // what the MLCommons runner sends; <= 38 fits 80 chars
  co_await runner.command("db load " + std::to_string(bytes.size()), timeout);
  bool done = false;
  for (size_t at = 0; at < bytes.size(); at += kBytesPerLine) {
    std::string cmd = "db ";
    for (size_t i = at; i < bytes.size() && i < at + kBytesPerLine; ++i) {
      char h[3];
      std::snprintf(h, sizeof h, "%02x", bytes[i]);
      cmd += h;
    }
    RunnerReply reply = co_await runner.command(cmd, timeout);
    done = reply.has_line("m-load-done");
  }
  if (!done) throw RunnerError("runner never said m-load-done after the last db line");
}

asio::awaitable<InferOutcome> infer(RunnerClient& runner, uint32_t iterations, uint32_t warmup,
                                    Ms timeout, bool laps) {
  RunnerReply reply = co_await runner.command(
      "infer " + std::to_string(iterations) + " " + std::to_string(warmup), timeout);
  InferOutcome outcome;
  if (!laps) {
    if (!reply.has_line("m-infer-done")) throw RunnerError("reply to infer% lacks m-infer-done");
    if (auto r = reply.results()) outcome.results = *r;
    co_return outcome;
  }
  auto lap_lines = reply.laps_us();
  if (lap_lines.size() != 2 || !reply.has_line("m-infer-done")) {
    throw RunnerError("reply to infer% lacks two m-lap-us lines and m-infer-done");
  }
  outcome.lap_a_us = lap_lines[0];
  outcome.lap_b_us = lap_lines[1];
  if (auto r = reply.results()) outcome.results = *r;
  co_return outcome;
}

asio::awaitable<void> set_timestamp_mode(RunnerClient& runner, bool energy, Ms timeout) {
  const std::string mode = energy ? "energy" : "performance";
  RunnerReply reply = co_await runner.command("tr-timestamp-mode " + mode, timeout);
  if (!reply.has_line("m-timestamp-mode-" + mode)) {
    throw RunnerError("tr-timestamp-mode " + mode + " did not answer m-timestamp-mode-" + mode);
  }
}

asio::awaitable<std::vector<uint8_t>> read_output(RunnerClient& runner, Ms timeout) {
  RunnerReply reply = co_await runner.command("tr-out", timeout);
  co_return parse_hex_bytes(require(reply, "out", "tr-out"));
}

asio::awaitable<Laps> read_laps(RunnerClient& runner, Ms timeout) {
  RunnerReply reply = co_await runner.command("tr-laps", timeout);
  auto fields = split_fields(require(reply, "laps", "tr-laps"));
  if (fields.size() != 3) throw RunnerError("m-tr-laps is not [A,B,N]");
  Laps laps;
  laps.a_ticks = parse_number(fields[0], "lap A ticks");
  laps.b_ticks = parse_number(fields[1], "lap B ticks");
  laps.iterations = static_cast<uint32_t>(parse_number(fields[2], "iterations"));
  co_return laps;
}

asio::awaitable<std::map<std::string, uint64_t>> read_memory_stats(RunnerClient& runner,
                                                                   Ms timeout) {
  RunnerReply reply = co_await runner.command("tr-mem", timeout);
  std::map<std::string, uint64_t> stats;
  for (const std::string& line : reply.lines) {
    if (auto kv = parse_tr_line(line)) stats[kv->first] = parse_number(kv->second, kv->first);
  }
  co_return stats;
}

}  // namespace tr::harness
