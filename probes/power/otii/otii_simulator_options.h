// What the Otii simulator plays and which faults it injects (otii_simulator.h).
#pragma once

#include <cstdint>
#include <string>

#include "power/sim/waveform.h"

namespace tr::power::otii {

struct OtiiSimulatorOptions {
  std::uint16_t port = 0;          // 0 = any free loopback port (the run function prints it)
  sim::Waveform waveform;          // the DUT's current while the main output is on
  double sample_rate_hz = 4000.0;  // mc, mv and mp
  double marker_pulse_s = 100e-6;  // low time of each timestamp pulse on i1
  std::string device_id = "SIM-0001";
  std::string device_name = "Otii Simulator";
  std::string otii_version = "3.5.5";
  double duration_s = 0.0;        // run_otii_simulator only: 0 = until SIGINT/SIGTERM
  bool progress_messages = true;  // progress before otii_get_devices / project_stop_recording

  // Licensing: the server starts logged in (with a licence) unless logged_in is false; then
  // otii_login needs these credentials, and the Automation licence it lists is free only if
  // license_available.
  bool logged_in = true;
  std::string username = "tinyrack";
  std::string password = "tinyrack";
  bool license_available = true;

  // Faults.
  bool stale_recording = false;  // a recording left running by a crashed session (project 1)
  double drop_after_s = 0.0;     // > 0: drop every client this long into a recording (unplug)
};

}  // namespace tr::power::otii
