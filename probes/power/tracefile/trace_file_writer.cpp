// Writing trace files (format in trace_file.h).
#include <cstdio>
#include <fstream>
#include <ostream>
#include <system_error>

#include "power/power_error.h"
#include "power/tracefile/trace_file.h"
#include "power/tracefile/trace_text.h"

namespace tr::power {

void write_trace(std::ostream& out, const PowerTrace& trace) {
  out << "# format: " << kTraceFormat << "\n";
  out << "# monitor: " << trace_text::escape(trace.monitor, false) << "\n";
  out << "# provenance: " << to_string(trace.provenance) << "\n";
  out << "# rate_hz: " << trace_text::number(trace.rate_hz) << "\n";
  out << "# supply_v: " << trace_text::number(trace.supply_v) << "\n";
  out << "# sampling: " << (trace.uniform() ? "uniform" : "irregular") << "\n";
  if (trace.ended_by_error) {
    out << "# ended_by_error: " << trace_text::escape(*trace.ended_by_error, false) << "\n";
  }
  for (const auto& [key, value] : trace.notes) {
    out << "# note: " << trace_text::escape(key, true) << "=" << trace_text::escape(value, false)
        << "\n";
  }
  for (const auto& m : trace.markers) {
    out << "# marker: " << trace_text::number(m.t_s) << "," << m.sample << ","
        << (m.falling ? "falling" : "rising") << "\n";
  }
  const bool volts = !trace.voltage_v.empty();
  out << (volts ? "time_s,current_a,voltage_v\n" : "time_s,current_a\n");
  for (std::size_t i = 0; i < trace.size(); ++i) {
    out << trace_text::number(trace.start_of(i)) << ","
        << trace_text::number(static_cast<double>(trace.current_a[i]));
    if (volts) out << "," << trace_text::number(static_cast<double>(trace.voltage_v[i]));
    out << "\n";
  }
}

void write_trace_file(const std::filesystem::path& file, const PowerTrace& trace) {
  auto temp = file;
  temp += ".partial";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (out) write_trace(out, trace);
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      throw PowerError(PowerErrc::config, "cannot write trace file " + file.string() +
                                              " (check the folder exists and is writable)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, file, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    throw PowerError(PowerErrc::config,
                     "cannot write trace file " + file.string() + ": " + ec.message());
  }
}

}  // namespace tr::power
