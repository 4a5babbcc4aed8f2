// Typed steps over RunnerClient: each sends one protocol command and parses its answer into
// plain data (docs/protocol.md). A reply that lacks an expected field is a RunnerError naming
// the command and the field.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "runner/runner_client.h"

namespace tr::harness {

struct RunnerIdentity {
  std::string dut_name;  // from name%
  std::string profile;   // from profile%
  std::string model_id;  // profile%'s m-model-[...]
  // tr-id% was an unknown command: a DUT with only the MLPerf Tiny commands (a vendor's
  // firmware). The tr-id fields below are then empty and timer_hz is 0.
  bool standard_only = false;
  std::string version;  // tr-id
  std::string target;
  std::string engine;
  std::string build_hash;
  uint32_t timer_hz = 0;
};

struct RunnerSlots {
  uint32_t model_address = 0;
  uint32_t model_capacity = 0;
  uint32_t input_address = 0;
  uint32_t input_capacity = 0;
};

struct TensorDescription {
  std::string type;
  std::vector<int32_t> shape;
  uint32_t bytes = 0;
  double scale = 0;
  int32_t zero_point = 0;
};

struct LoadedModel {
  TensorDescription input;
  TensorDescription output;
};

struct InferOutcome {
  uint64_t lap_a_us = 0;
  uint64_t lap_b_us = 0;
  std::vector<double> results;
};

struct Laps {
  uint64_t a_ticks = 0;
  uint64_t b_ticks = 0;
  uint32_t iterations = 0;
};

using Ms = std::chrono::milliseconds;

// name%, profile%, tr-id%. A reply `e-[Unknown command: tr-id]` marks a standard-only DUT;
// any other error is a RunnerError.
boost::asio::awaitable<RunnerIdentity> identify(RunnerClient& runner, Ms timeout);
boost::asio::awaitable<RunnerSlots> query_slots(RunnerClient& runner, Ms timeout);
boost::asio::awaitable<LoadedModel> use_model(RunnerClient& runner, uint32_t bytes, uint32_t crc32,
                                              const std::string& id, Ms timeout);
boost::asio::awaitable<void> use_input(RunnerClient& runner, uint32_t bytes, uint32_t crc32,
                                       Ms timeout);
// `tr-input LEN CRC <frontend>`: the slot holds the front end's input (raw audio for "mfcc");
// returns the front end's timer ticks (m-tr-frontend_ticks).
boost::asio::awaitable<uint64_t> use_input_frontend(RunnerClient& runner, uint32_t bytes,
                                                    uint32_t crc32, const std::string& frontend,
                                                    Ms timeout);
// The MLPerf Tiny path: `db load N%` then `db <hex>%` lines of at most 31 bytes.
boost::asio::awaitable<void> load_input_db(RunnerClient& runner, std::span<const uint8_t> bytes,
                                           Ms timeout);
// `infer N W`. In energy mode (laps = false) the runner pulses its timestamp pin instead of
// printing the two m-lap-us lines, so none are expected; tr-laps still gives the ticks.
boost::asio::awaitable<InferOutcome> infer(RunnerClient& runner, uint32_t iterations,
                                           uint32_t warmup, Ms timeout, bool laps = true);
// `tr-timestamp-mode energy|performance`: the runner marks timed windows with pulses on its
// timestamp pin (for a power monitor's marker input) or with m-lap-us lines.
boost::asio::awaitable<void> set_timestamp_mode(RunnerClient& runner, bool energy, Ms timeout);
boost::asio::awaitable<std::vector<uint8_t>> read_output(RunnerClient& runner, Ms timeout);
boost::asio::awaitable<Laps> read_laps(RunnerClient& runner, Ms timeout);
boost::asio::awaitable<std::map<std::string, uint64_t>> read_memory_stats(RunnerClient& runner,
                                                                          Ms timeout);

// Parsers, exposed for tests.
TensorDescription parse_tensor_description(const std::string& value);
std::vector<uint8_t> parse_hex_bytes(const std::string& hex);
uint64_t parse_number(const std::string& text, const std::string& what);

}  // namespace tr::harness
