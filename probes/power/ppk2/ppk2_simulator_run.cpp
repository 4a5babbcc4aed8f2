// The standalone side of the PPK2 simulator: fault specs from the command line, and the
// serve-until-signal loop behind `tinyrack simulate ppk2`.
#include <signal.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <ostream>
#include <sstream>

#include "power/power_error.h"
#include "power/ppk2/ppk2_simulator.h"

namespace tr::power::ppk2 {
namespace {

double number(const std::string& item, const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end == nullptr || *end != '\0' || !(v >= 0.0)) {
    throw PowerError(PowerErrc::config, "ppk2 simulator faults: '" + item +
                                            "' needs a non-negative number, got '" + text + "'");
  }
  return v;
}

}  // namespace

Ppk2Faults Ppk2Faults::parse(const std::string& spec) {
  Ppk2Faults f;
  std::stringstream ss(spec);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    const auto eq = item.find('=');
    const std::string key = item.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
    if (key == "stale" && eq == std::string::npos) {
      f.streaming_at_start = true;
    } else if (key == "lose") {
      const auto colon = value.find(':');
      if (colon == std::string::npos) {
        throw PowerError(PowerErrc::config,
                         "ppk2 simulator faults: '" + item + "' must be lose=<sample>:<count>");
      }
      f.lose.emplace_back(static_cast<std::uint64_t>(number(item, value.substr(0, colon))),
                          static_cast<std::uint32_t>(number(item, value.substr(colon + 1))));
    } else if (key == "dropbyte") {
      f.drop_byte.push_back(static_cast<std::uint64_t>(number(item, value)));
    } else if (key == "unplug") {
      f.unplug_after_s = number(item, value);
    } else if (key == "nometa") {
      f.ignore_metadata = static_cast<int>(number(item, value));
    } else {
      throw PowerError(PowerErrc::config,
                       "ppk2 simulator faults: unknown item '" + item +
                           "' (known: lose=<sample>:<count>, dropbyte=<sample>, unplug=<s>, "
                           "stale, nometa=<n>)");
    }
  }
  return f;
}

int run_ppk2_simulator(const Ppk2SimulatorOptions& options, std::ostream& out) {
  // Block the stop signals before the serving thread starts, so only sigtimedwait sees them.
  sigset_t stop_signals;
  sigset_t previous;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
  int rc = 0;
  try {
    Ppk2Simulator sim(options);
    sim.start();
    out << sim.port() << std::endl;
    out << "ppk2 simulator: HW " << options.metadata.hw << ", waveform "
        << options.waveform.describe() << ", marker pin D" << options.marker_pin
        << "; Ctrl-C to stop" << std::endl;
    const double total = options.duration_s;
    double waited = 0.0;
    for (;;) {
      const double step = total > 0.0 ? std::min(1.0, total - waited) : 1.0;
      if (total > 0.0 && step <= 0.0) break;
      timespec ts{static_cast<time_t>(step), static_cast<long>((step - std::floor(step)) * 1e9)};
      const int sig = sigtimedwait(&stop_signals, nullptr, &ts);
      if (sig == SIGINT || sig == SIGTERM) break;
      waited += step;
    }
    sim.stop();
  } catch (const PowerError& e) {
    out << "error: " << e.what() << std::endl;
    rc = 1;
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return rc;
}

}  // namespace tr::power::ppk2
