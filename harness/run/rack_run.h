// Runs workloads on every board of a rack at once: one coroutine per board on a single
// io_context, each board taking the workloads one after another (a fresh session per workload).
// SIGINT/SIGTERM cancel every session; the outcomes gathered so far are kept, and workloads a
// board never started come back as failed "not run" outcomes.
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

// One workload; transcripts and QEMU logs go straight into options.out_dir.
RackRunResult run_rack(const config::RackSpec& rack, const PreparedWorkload& workload,
                       const RackRunOptions& options, const EventSink& events);

struct SuiteRunResult {
  std::vector<RackRunResult> workloads;  // one per workload, in suite order
  bool interrupted = false;
};

// Several workloads; with more than one, each workload's board files go into
// options.out_dir/<workload name>/.
SuiteRunResult run_suite(const config::RackSpec& rack,
                         const std::vector<const PreparedWorkload*>& workloads,
                         const RackRunOptions& options, const EventSink& events);

}  // namespace tr::harness
