#include "cli/measure_summary.h"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "power/energy/energy.h"

namespace tr::cli {

std::string si_text(double value, const char* unit) {
  const double a = std::abs(value);
  double scale = 1.0;
  const char* prefix = "";
  if (a >= 1e6) {
    scale = 1e-6;
    prefix = "M";
  } else if (a >= 1e3) {
    scale = 1e-3;
    prefix = "k";
  } else if (a != 0.0 && a < 1e-6) {
    scale = 1e9;
    prefix = "n";
  } else if (a != 0.0 && a < 1e-3) {
    scale = 1e6;
    prefix = "u";
  } else if (a != 0.0 && a < 1.0) {
    scale = 1e3;
    prefix = "m";
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g %s%s", value * scale, prefix, unit);
  return buf;
}

void print_measure_summary(std::ostream& out, const power::PowerTrace& trace,
                           const std::string& description, const std::string& file) {
  const double duration = trace.duration_s();
  out << "monitor:        " << description << "\n";
  out << "samples:        " << trace.size() << " ("
      << (trace.uniform() ? "uniform" : "irregular, nominal") << " " << si_text(trace.rate_hz, "Hz")
      << ")\n";
  out << "duration:       " << si_text(duration, "s") << "\n";
  if (duration > 0.0) {
    double charge = 0.0;  // A*s, piecewise constant like the energy functions
    for (std::size_t i = 0; i < trace.size(); ++i) {
      charge += static_cast<double>(trace.current_a[i]) * (trace.end_of(i) - trace.start_of(i));
    }
    out << "mean current:   " << si_text(charge / duration, "A") << "\n";
    out << "mean power:     " << si_text(power::mean_power_between(trace, 0.0, duration), "W")
        << "\n";
    out << "energy:         " << si_text(power::energy_between(trace, 0.0, duration), "J") << "\n";
  }
  out << "markers:        " << trace.markers.size() << "\n";
  if (trace.markers.size() >= 2) {
    try {
      // The MLPerf Tiny rule the runs use: the last two falling edges bracket the window.
      const auto w = power::window_energy(trace, power::WindowSpec{});
      out << "last window:    " << si_text(w.energy_j, "J") << " between the markers at "
          << si_text(w.start_s, "s") << " and " << si_text(w.stop_s, "s") << "\n";
    } catch (const power::EnergyError& e) {
      out << "last window:    none (" << e.what() << ")\n";
    }
  }
  if (trace.ended_by_error) out << "ended by error: " << *trace.ended_by_error << "\n";
  out << "trace file:     " << file << "\n";
}

}  // namespace tr::cli
