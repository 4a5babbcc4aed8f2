// `tinyrack simulate ppk2|lpm01a|otii`: runs a power monitor's wire-exact simulator on its own,
// so drivers and racks can be developed without the device. Each prints where to connect (a
// PTY path or a loopback port) on its first line, then serves a known waveform with markers
// until interrupted or --seconds have passed.
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "power/lpm01a/lpm01a_simulator.h"
#include "power/otii/otii_simulator.h"
#include "power/power_error.h"
#include "power/ppk2/ppk2_simulator.h"
#include "power/sim/waveform.h"

namespace tr::cli {
namespace {

constexpr const char* kWaveformHelp =
    "known load: idle=2m,active=25m,period=100m,burst=40m,volts=3,first=20m,ripple=0 "
    "(amperes, seconds, volts; any subset; SI suffixes u, m)";

struct SimulateArgs {
  std::string waveform;
  double seconds = 0.0;
  std::string faults;
  std::uint16_t port = 0;
};

void add_common(CLI::App* cmd, SimulateArgs& args) {
  cmd->add_option("--waveform", args.waveform, kWaveformHelp);
  cmd->add_option("--seconds", args.seconds, "stop after this long (default: until Ctrl-C)")
      ->check(CLI::NonNegativeNumber);
}

int simulate_ppk2(const SimulateArgs& args) {
  power::ppk2::Ppk2SimulatorOptions options;
  options.waveform = power::sim::Waveform::parse(args.waveform);
  options.duration_s = args.seconds;
  options.faults = power::ppk2::Ppk2Faults::parse(args.faults);
  return power::ppk2::run_ppk2_simulator(options, std::cout);
}

int simulate_lpm01a(const SimulateArgs& args) {
  power::Lpm01aSimulatorOptions options;
  options.device.waveform = power::sim::Waveform::parse(args.waveform);
  if (args.seconds > 0.0) options.duration_s = args.seconds;
  return power::run_lpm01a_simulator(options, std::cout);
}

int simulate_otii(const SimulateArgs& args) {
  power::otii::OtiiSimulatorOptions options;
  options.waveform = power::sim::Waveform::parse(args.waveform);
  options.duration_s = args.seconds;
  options.port = args.port;
  return power::otii::run_otii_simulator(options, std::cout);
}

}  // namespace

std::function<int()> add_simulate_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "simulate", "Run a power monitor's simulator on its own (prints where to connect)");
  cmd->require_subcommand(1);
  auto args = std::make_shared<SimulateArgs>();

  CLI::App* ppk2 = cmd->add_subcommand("ppk2", "Nordic PPK2 on a pseudo-terminal");
  add_common(ppk2, *args);
  ppk2->add_option("--faults", args->faults,
                   "lose=SAMPLE:COUNT,dropbyte=SAMPLE,unplug=SECONDS,stale,nometa=N");

  CLI::App* lpm01a = cmd->add_subcommand("lpm01a", "ST X-NUCLEO-LPM01A on a pseudo-terminal");
  add_common(lpm01a, *args);

  CLI::App* otii = cmd->add_subcommand("otii", "Qoitech Otii TCP server on loopback");
  add_common(otii, *args);
  otii->add_option("--port", args->port, "loopback port (default: any free one)");

  return [cmd, ppk2, lpm01a, otii, args]() -> int {
    try {
      if (ppk2->parsed()) return simulate_ppk2(*args);
      if (lpm01a->parsed()) return simulate_lpm01a(*args);
      if (otii->parsed()) return simulate_otii(*args);
    } catch (const power::PowerError& e) {
      std::cerr << "tinyrack simulate " << cmd->get_subcommands().front()->get_name() << ": "
                << e.what() << "\n";
      return e.code() == power::PowerErrc::config ? kExitBadInput : kExitFailed;
    }
    return kExitBadInput;
  };
}

}  // namespace tr::cli
