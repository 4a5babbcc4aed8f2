// ModelledMonitor: the power monitor of an emulated board. QEMU under -icount counts
// instructions, not current, so this monitor plays the board's timeline through a PowerModel
// taken from a real part's datasheet: the runner's timed windows (timestamp ticks -> emulated
// instructions -> cycles x CPI -> seconds at the part's clock) draw the active current, and the
// runner idling in WFI between commands draws the sleep current. Marker edges sit at each timed
// window's start and end, as the runner's timestamp pin would put them. Every trace it returns
// has provenance `modelled` and notes naming the part, source, CPI and k.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "power/energy/energy.h"
#include "power/modelled/load_timeline.h"
#include "power/modelled/power_model.h"
#include "power/power_monitor.h"

namespace tr::power {

// One timed window as an emulated board reports it: `infer N W` and the runner's two laps.
struct EmulatedWindow {
  std::string label;             // e.g. the input's name
  std::uint64_t ticks = 0;       // lap B - lap A of the runner's timestamp clock
  std::uint64_t timer_hz = 0;    // that clock's rate (m-lap-us: 1 MHz)
  int icount_shift = 0;          // QEMU -icount shift=N: each instruction advances 2^N ns
  std::uint32_t inferences = 0;  // N
  std::uint32_t warmup = 0;      // W, run before lap A; assumed to cost what a timed one does

  // Instructions between the laps: ticks x 1e9 / (timer_hz x 2^shift).
  double instructions() const;
};

struct ModelledMonitorOptions {
  std::string board;                     // named in the description and errors
  double rate_hz = 10'000.0;             // used when start() is given 0
  double idle_gap_s = 0.010;             // modelled WFI before and after each window
  std::size_t max_samples = 50'000'000;  // per capture
};

class ModelledMonitor final : public PowerMonitor {
 public:
  // Throws PowerError(config) when the model is incomplete (PowerModel::validate).
  explicit ModelledMonitor(PowerModel model, ModelledMonitorOptions options = {});

  boost::asio::awaitable<void> open() override;
  boost::asio::awaitable<void> close() override;
  boost::asio::awaitable<void> start(double rate_hz = 0.0) override;
  boost::asio::awaitable<PowerTrace> stop() override;
  boost::asio::awaitable<void> set_supply(bool on, std::optional<double> volts) override;
  MonitorCapabilities capabilities() const override;
  std::string description() const override;

  // The emulated timeline, fed between start() and stop(). PowerError(config) otherwise.
  void idle(double seconds);      // the runner waits in WFI
  void run(double instructions);  // untimed work (warm-up inferences)
  // One `infer N W` window: idle gap, W warm-ups, marker, N timed inferences, marker, idle
  // gap. Returns the window as energy integration wants it (its range covers the warm-ups and
  // the timed inferences, the busy part for idle power). PowerError(config) for N = 0 or a
  // clock of 0 Hz.
  WindowSpec add_window(const EmulatedWindow& window);

  const PowerModel& model() const noexcept { return model_; }

 private:
  void require_capture(const char* what) const;

  PowerModel model_;
  ModelledMonitorOptions options_;
  LoadTimeline timeline_;
  double rate_hz_ = 0.0;
  bool open_ = false;
  bool capturing_ = false;
};

}  // namespace tr::power
