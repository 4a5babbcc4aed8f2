// A rack file (racks/<name>.json): which boards exist, which board kind each one is, and the
// external programs the probes start. Board targets are resolved to TargetSpecs at load time.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/target_spec.h"
#include "discovery/probe_binding.h"
#include "power/spec/monitor_spec.h"

namespace tr::config {

struct BoardSpec {
  std::string name;  // unique in the rack, [a-z0-9-]+
  TargetSpec target;
  std::vector<std::string> tags;
  // "monitor": "KIND:ADDRESS[,key=value...]" (docs/power-monitors.md); `modelled` only on
  // boards whose target is emulated. Runs measure energy with it
  // (harness/session/window_monitor.h).
  std::optional<power::MonitorSpec> monitor;
  // "probe": {"serial": "...", "usb_path": "1-2.3"} (either or both): which physical debug
  // probe drives this board (docs/probes.md). Absent on emulated boards.
  std::optional<probe::ProbeSelector> probe;
  // "unique_id": the chip's factory unique ID in hex, read before every flash from the address
  // its target's identity gives; a board reporting another is refused.
  std::optional<std::string> unique_id;
};

// Programs the probe launchers run; names are looked up on PATH unless absolute.
struct ProgramPaths {
  std::string qemu = "qemu-system-arm";
  std::string openocd = "openocd";
  std::string pyocd_gdbserver = "pyocd-gdbserver";
};

struct RackSpec {
  std::string name;
  std::string description;
  std::filesystem::path file;
  std::vector<BoardSpec> boards;
  ProgramPaths programs;

  const BoardSpec* find_board(const std::string& board_name) const;
};

// Loads a rack and each board's target from `targets_dir`/<target>.json. Throws ConfigError
// (an unknown target lists the targets that exist).
RackSpec load_rack(const std::filesystem::path& file, const std::filesystem::path& targets_dir);

// The one connected probe (from probe::find_debug_probes) that `board`'s "probe" selects.
// Throws probe::ProbeError(binding) when the board has no "probe", when none matches (listing
// what is connected) or when several do (asking for the USB path).
probe::DiscoveredProbe bind_probe(const BoardSpec& board,
                                  const std::vector<probe::DiscoveredProbe>& connected);

}  // namespace tr::config
