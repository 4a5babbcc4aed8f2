// Trace files: a PowerTrace as CSV any plotting tool reads, with the facts a reader needs in a
// header of `# key: value` lines:
//
//   # format: tinyrack-power-trace 1
//   # monitor: ppk2 on /dev/ttyACM0
//   # provenance: measured
//   # rate_hz: 1000
//   # supply_v: 3
//   # sampling: uniform              (or irregular: time_s is each sample's own start)
//   # ended_by_error: ...            (only when the capture ended early)
//   # note: key=value                (one per note)
//   # marker: 0.0200001,2000,falling (t_s, sample index, falling|rising)
//   time_s,current_a[,voltage_v]
//   0,0.00200000009
//
// time_s is written for uniform traces too (i / rate_hz) so the rows plot as they are.
// Numbers use %.9g (exact for the float samples). In text values `\`, newlines and, in note
// keys, `=` are escaped with a backslash.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

#include "power/power_trace.h"

namespace tr::power {

inline constexpr const char* kTraceFormat = "tinyrack-power-trace 1";

void write_trace(std::ostream& out, const PowerTrace& trace);
// Writes `file` (via a temporary beside it, so a reader never sees half a file).
// PowerError(config) naming the file when it cannot be written.
void write_trace_file(const std::filesystem::path& file, const PowerTrace& trace);

// Reads and validates a trace; every error is PowerError(config) "SOURCE:LINE: what".
PowerTrace read_trace(std::istream& in, const std::string& source);
PowerTrace read_trace_file(const std::filesystem::path& file);

}  // namespace tr::power
