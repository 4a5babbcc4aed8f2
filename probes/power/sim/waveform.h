// Waveform: the known load every power-monitor simulator plays, so a driver test can compare
// what the driver recovered with the exact answer. A board that idles at idle_a and runs
// bursts of active_a (inferences), repeating every period_s, with the runner's timestamp edge
// at the start and at the end of each burst (MLPerf Tiny energy mode: falling edges).
#pragma once

#include <string>
#include <vector>

namespace tr::power::sim {

struct Waveform {
  double volts = 3.0;            // supply the simulated DUT runs at
  double idle_a = 0.002;         // between bursts
  double active_a = 0.025;       // during a burst
  double period_s = 0.100;       // burst to burst
  double active_s = 0.040;       // burst length (< period_s)
  double first_burst_s = 0.020;  // start of the first burst after the capture starts
  double ripple_a = 0.0;         // peak of a triangle ripple added during bursts (exercises ranges)

  // Current at time t (seconds since capture start), amperes.
  double current_at(double t) const;
  // Exact integral of volts * current over [t0, t1], joules.
  double energy_between(double t0, double t1) const;
  // Marker edges in [t0, t1): the start and the end of every burst, in order.
  std::vector<double> marker_times(double t0, double t1) const;
  // Mean current over [t0, t1) (what an averaging monitor reports for that interval).
  double mean_current(double t0, double t1) const;

  // Parses "idle=2m,active=25m,period=100m,burst=40m,volts=3,first=20m,ripple=0" (any subset;
  // SI suffixes u, m). Throws PowerError(config) naming the bad key or value.
  static Waveform parse(const std::string& spec);
  std::string describe() const;  // the same key=value form
};

}  // namespace tr::power::sim
