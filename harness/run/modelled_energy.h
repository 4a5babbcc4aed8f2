// Energy of an emulated board's run through the modelled power monitor: each timed window the
// session recorded (the runner's two laps under -icount, its N and W) is played as one capture,
// MLPerf Tiny style, and integrated with the same code as a real monitor's trace. Also the
// latency at the power profile's clock and the report's view of the profile.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "config/rack_spec.h"
#include "power/modelled/power_model.h"
#include "reports/report.h"
#include "session/board_session.h"

namespace tr::harness {

// A board x workload's energy figures for the report, modelled or measured.
struct EnergyFigures {
  std::optional<report::EnergyStatistic> energy_uj;  // per inference, median over windows
  std::optional<report::Statistic> active_power_mw;
  std::optional<report::Statistic> idle_power_mw;
  std::string unavailable_reason;  // set when energy_uj is empty
};

// The modelled monitor's inputs from a target with a profile (its CPI included).
power::PowerModel power_model(const config::TargetSpec& target);

// `warmup` is the workload's W. Never throws: a board without a profile or emulation, or a
// window that cannot be modelled, comes back with unavailable_reason naming the board.
EnergyFigures modelled_energy(const config::BoardSpec& board, const BoardOutcome& outcome,
                               std::uint32_t warmup);

// Per inference: instructions x CPI / the profile's clock; nullopt without a profile or windows.
std::optional<report::Statistic> modelled_latency(const config::TargetSpec& target,
                                                  const BoardOutcome& outcome);

report::PowerProfileInfo power_profile_info(const config::PowerProfile& profile);

}  // namespace tr::harness
