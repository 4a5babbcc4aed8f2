#include "run/modelled_energy.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <cstdio>
#include <vector>

#include "power/modelled/modelled_monitor.h"

namespace tr::harness {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

struct WindowFigures {
  power::WindowEnergy energy;
  std::optional<power::IdlePower> idle;
};

// One capture per window, as the EEMBC runner takes one per input file.
boost::asio::awaitable<WindowFigures> capture(power::ModelledMonitor& monitor,
                                              const power::EmulatedWindow& window,
                                              double idle_gap_s) {
  co_await monitor.start(0.0);
  const power::WindowSpec spec = monitor.add_window(window);
  const power::PowerTrace trace = co_await monitor.stop();
  WindowFigures f{power::window_energy(trace, spec), std::nullopt};
  const power::TimeSpan busy[] = {{spec.begin_s, spec.end_s}};
  f.idle = power::idle_power(trace, busy, idle_gap_s);
  co_return f;
}

boost::asio::awaitable<std::vector<WindowFigures>> capture_all(
    power::ModelledMonitor& monitor, std::vector<power::EmulatedWindow> windows,
    double idle_gap_s) {
  co_await monitor.open();
  std::vector<WindowFigures> out;
  for (const auto& w : windows) out.push_back(co_await capture(monitor, w, idle_gap_s));
  co_await monitor.close();
  co_return out;
}

std::string energy_basis(const power::PowerModel& m) {
  return "modelled: " + number(m.supply_v) + " V x " + number(m.run_current_a * 1e3) + " mA (" +
         m.part + " running at " + number(m.clock_hz / 1e6) + " MHz) x k " +
         number(m.calibration_k) +
         " over the timed window, whose length is the instructions "
         "between the runner's laps x " +
         number(m.cycles_per_instruction) + " cycles/instruction / " + number(m.clock_hz / 1e6) +
         " MHz; integrated between the window's two markers and divided by its inferences, "
         "median over windows (cycles/instruction: " +
         m.cpi_basis + ")";
}

report::Statistic to_statistic(const power::Spread& s, double scale, std::string unit,
                               std::string basis) {
  return report::Statistic{
      s.median * scale, s.min * scale, s.max * scale,   static_cast<std::uint32_t>(s.n),
      std::move(unit),  "modelled",    std::move(basis)};
}

}  // namespace

power::PowerModel power_model(const config::TargetSpec& target) {
  const config::PowerProfile& p = *target.power.profile;
  power::PowerModel m;
  m.part = p.part;
  m.source = p.citation();
  m.clock_hz = static_cast<double>(p.clock_hz);
  m.supply_v = p.supply_v;
  m.run_current_a = p.run_current_a();
  m.sleep_current_a = p.sleep_current_a();
  m.cycles_per_instruction = target.cycles_per_instruction.value;
  m.cpi_basis = target.cycles_per_instruction.basis;
  m.calibration_k = p.calibration_k;
  m.band_pct = p.band_pct;
  return m;
}

EnergyFigures modelled_energy(const config::BoardSpec& board, const BoardOutcome& outcome,
                               std::uint32_t warmup) {
  EnergyFigures result;
  const config::TargetSpec& target = board.target;
  if (!target.power.profile) {
    result.unavailable_reason = target.power.unavailable_reason;
    return result;
  }
  if (!target.emulation) {
    result.unavailable_reason = board.name +
                                ": not an emulated board, and the rack gives it no power "
                                "monitor; energy is not measured";
    return result;
  }
  if (outcome.windows.empty()) {
    result.unavailable_reason = board.name + ": no timed windows to model energy from";
    return result;
  }
  try {
    const power::PowerModel model = power_model(target);
    power::ModelledMonitorOptions options;
    options.board = board.name;
    std::vector<power::EmulatedWindow> windows;
    for (const WindowResult& w : outcome.windows) {
      windows.push_back({w.input, w.ticks, outcome.identity.timer_hz,
                         target.emulation->icount_shift, w.iterations, warmup});
    }
    power::ModelledMonitor monitor(model, options);
    boost::asio::io_context io;
    auto future = boost::asio::co_spawn(
        io, capture_all(monitor, std::move(windows), options.idle_gap_s), boost::asio::use_future);
    io.run();
    const std::vector<WindowFigures> figures = future.get();

    std::vector<power::WindowEnergy> energies;
    std::vector<double> idle;
    for (const WindowFigures& f : figures) {
      energies.push_back(f.energy);
      if (f.idle) idle.push_back(f.idle->mean_power_w);
    }
    const power::EnergySummary summary = power::summarize(energies);
    report::EnergyStatistic e;
    e.stat = to_statistic(summary.energy_per_inference_j, 1e6, "uJ", energy_basis(model));
    e.source = model.source;
    e.band_pct = model.band_pct;
    e.cycles_per_instruction = model.cycles_per_instruction;
    e.calibration_k = model.calibration_k;
    result.energy_uj = std::move(e);
    result.active_power_mw = to_statistic(
        summary.mean_power_w, 1e3, "mW",
        "modelled: mean power between each timed window's markers (" + model.source + ")");
    if (!idle.empty()) {
      result.idle_power_mw = to_statistic(
          power::spread_of(idle), 1e3, "mW",
          "modelled: mean power outside the timed windows, the runner waiting in WFI at " +
              number(model.sleep_current_a * 1e6) + " uA (" + model.source + ")");
    }
  } catch (const std::exception& e) {
    result = EnergyFigures{};
    result.unavailable_reason = board.name + ": modelled energy: " + e.what();
  }
  return result;
}

std::optional<report::Statistic> modelled_latency(const config::TargetSpec& target,
                                                  const BoardOutcome& outcome) {
  if (!target.power.profile || outcome.windows.empty()) return std::nullopt;
  const config::PowerProfile& p = *target.power.profile;
  const double cpi = target.cycles_per_instruction.value;
  std::vector<double> us;
  for (const WindowResult& w : outcome.windows) {
    us.push_back(w.instructions * cpi / static_cast<double>(p.clock_hz) * 1e6);
  }
  report::Statistic s = report::summarize(std::move(us), "us", "modelled");
  s.basis = "emulated instructions x " + number(cpi) + " cycles/instruction / " +
            number(static_cast<double>(p.clock_hz) / 1e6) + " MHz, the clock of the " + p.part +
            " power profile (cycles/instruction: " + target.cycles_per_instruction.basis + ")";
  return s;
}

report::PowerProfileInfo power_profile_info(const config::PowerProfile& p) {
  report::PowerProfileInfo info;
  info.part = p.part;
  info.document = p.document;
  info.tables = p.tables;
  info.tag = std::string(config::to_string(p.tag));
  info.conditions = p.conditions;
  info.supply_v = p.supply_v;
  info.clock_hz = p.clock_hz;
  info.run_current_a = p.run_current_a();
  info.sleep_current_a = p.sleep_current_a();
  info.calibration_k = p.calibration_k;
  info.band_pct = p.band_pct;
  return info;
}

}  // namespace tr::harness
