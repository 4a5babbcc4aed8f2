// Runs one workload on every board of a rack at once: one coroutine per board on a single
// io_context. SIGINT/SIGTERM cancel every session; the outcomes gathered so far are kept.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "config/rack_spec.h"
#include "run/prepared_workload.h"
#include "session/board_session.h"

namespace tr::harness {

struct RackRunOptions {
  std::filesystem::path out_dir;
  std::filesystem::path firmware_dir;  // <firmware_dir>/<target>/runner.elf
  std::vector<std::string> boards;     // empty = every board of the rack
  InputPath input_path = InputPath::probe;
  bool profile = false;  // one tr-prof per board after its measurement
};

struct RackRunResult {
  std::vector<BoardOutcome> outcomes;  // in rack order
  bool interrupted = false;            // a signal stopped the run
};

RackRunResult run_rack(const config::RackSpec& rack, const PreparedWorkload& workload,
                       const RackRunOptions& options, const EventSink& events);

}  // namespace tr::harness
