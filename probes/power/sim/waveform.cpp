#include "power/sim/waveform.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "power/power_error.h"

namespace tr::power::sim {
namespace {

// Position inside the current period, and the period's start.
double phase(const Waveform& w, double t, double* period_start) {
  double k = std::floor((t - w.first_burst_s) / w.period_s);
  *period_start = w.first_burst_s + k * w.period_s;
  return t - *period_start;
}

// Integral of the ripple triangle (0 at the burst edges, ripple_a at the middle) over [0, x].
double ripple_integral(const Waveform& w, double x) {
  double half = w.active_s / 2.0;
  double slope = w.ripple_a / half;
  if (x <= half) return 0.5 * slope * x * x;
  double rest = x - half;
  return 0.5 * w.ripple_a * half + w.ripple_a * rest - 0.5 * slope * rest * rest;
}

// Integral of current over [first_burst_s - period_s (any aligned origin), t]: cumulative charge.
double charge_to(const Waveform& w, double t) {
  double start = 0.0;
  double p = phase(w, t, &start);
  double k = (start - w.first_burst_s) / w.period_s;
  double per_period = w.active_a * w.active_s + w.idle_a * (w.period_s - w.active_s) +
                      ripple_integral(w, w.active_s);
  double q = k * per_period;
  if (p < w.active_s) {
    q += w.active_a * p + ripple_integral(w, p);
  } else {
    q += w.active_a * w.active_s + ripple_integral(w, w.active_s) + w.idle_a * (p - w.active_s);
  }
  return q;
}

double parse_si(const std::string& key, const std::string& text) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  double scale = 1.0;
  if (end != nullptr && *end != '\0') {
    std::string suffix(end);
    if (suffix == "u")
      scale = 1e-6;
    else if (suffix == "m")
      scale = 1e-3;
    else if (suffix == "n")
      scale = 1e-9;
    else
      end = nullptr;
  }
  if (end == nullptr || text.empty() || !std::isfinite(v)) {
    throw PowerError(PowerErrc::config, "waveform: value '" + text + "' of '" + key +
                                            "' is not a number (optionally with u, m or n)");
  }
  return v * scale;
}

}  // namespace

double Waveform::current_at(double t) const {
  double start = 0.0;
  double p = phase(*this, t, &start);
  if (p >= active_s) return idle_a;
  double half = active_s / 2.0;
  double r = ripple_a * (p <= half ? p / half : (active_s - p) / half);
  return active_a + r;
}

double Waveform::energy_between(double t0, double t1) const {
  return volts * (charge_to(*this, t1) - charge_to(*this, t0));
}

double Waveform::mean_current(double t0, double t1) const {
  return t1 > t0 ? (charge_to(*this, t1) - charge_to(*this, t0)) / (t1 - t0) : current_at(t0);
}

std::vector<double> Waveform::marker_times(double t0, double t1) const {
  std::vector<double> out;
  double k = std::ceil((t0 - first_burst_s - active_s) / period_s) - 1.0;
  for (;; k += 1.0) {
    double start = first_burst_s + k * period_s;
    if (start >= t1) break;
    if (start >= t0) out.push_back(start);
    double end = start + active_s;
    if (end >= t0 && end < t1) out.push_back(end);
  }
  return out;
}

Waveform Waveform::parse(const std::string& spec) {
  Waveform w;
  std::stringstream ss(spec);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    auto eq = item.find('=');
    if (eq == std::string::npos) {
      throw PowerError(PowerErrc::config, "waveform: '" + item +
                                              "' is not key=value (keys: idle, active, period, "
                                              "burst, volts, first, ripple)");
    }
    std::string key = item.substr(0, eq);
    double v = parse_si(key, item.substr(eq + 1));
    if (key == "idle")
      w.idle_a = v;
    else if (key == "active")
      w.active_a = v;
    else if (key == "period")
      w.period_s = v;
    else if (key == "burst")
      w.active_s = v;
    else if (key == "volts")
      w.volts = v;
    else if (key == "first")
      w.first_burst_s = v;
    else if (key == "ripple")
      w.ripple_a = v;
    else {
      throw PowerError(PowerErrc::config, "waveform: unknown key '" + key +
                                              "' (keys: idle, active, period, burst, volts, "
                                              "first, ripple)");
    }
  }
  if (w.period_s <= 0.0 || w.active_s <= 0.0 || w.active_s >= w.period_s) {
    throw PowerError(PowerErrc::config, "waveform: need 0 < burst < period (got burst " +
                                            std::to_string(w.active_s) + " s, period " +
                                            std::to_string(w.period_s) + " s)");
  }
  if (w.idle_a < 0.0 || w.active_a < 0.0 || w.volts <= 0.0 || w.first_burst_s < 0.0) {
    throw PowerError(PowerErrc::config,
                     "waveform: currents and 'first' must be >= 0 and volts > 0");
  }
  return w;
}

std::string Waveform::describe() const {
  std::ostringstream os;
  os << "idle=" << idle_a << ",active=" << active_a << ",period=" << period_s
     << ",burst=" << active_s << ",volts=" << volts << ",first=" << first_burst_s
     << ",ripple=" << ripple_a;
  return os.str();
}

}  // namespace tr::power::sim
