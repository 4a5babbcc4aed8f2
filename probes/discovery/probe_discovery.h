// find_debug_probes: the debug probes plugged into this machine, from sysfs alone (nothing is
// opened): CMSIS-DAP, ST-Link and J-Link probes with their serial number, strings, USB bus path
// and the ttys of their virtual COM ports. What a rack's board "probe" selector is matched
// against (probe_binding.h) and what `tinyrack probes` prints.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "discovery/known_probes.h"

namespace tr::probe {

struct DiscoveredProbe {
  ProbeKind kind = ProbeKind::cmsis_dap;
  std::string model;    // "ST-LINK/V2-1"; empty when only the family is known
  std::string vid_pid;  // "0483:374b", lower case as sysfs has it
  std::string serial;   // empty when the probe reports none
  std::string manufacturer;
  std::string product;
  std::string usb_path;           // bus/port path, e.g. "1-2.3" (OpenOCD `adapter usb location`)
  std::vector<std::string> ttys;  // virtual COM ports in interface order, e.g. "/dev/ttyACM0"
  std::string note;               // e.g. why it cannot be bound by serial

  // The first virtual COM port ("" when it has none): the board's console on most probes.
  std::string tty() const { return ttys.empty() ? std::string() : ttys.front(); }
  // "stlink ST-LINK/V2-1 0483:374b serial 066DFF... at usb 1-2.3": for messages.
  std::string describe() const;
};

struct ProbeDiscovery {
  std::vector<DiscoveredProbe> probes;  // in USB path order
  std::vector<std::string> notes;       // malformed sysfs entries that were skipped
};

// Scans `sysfs_root`/bus/usb/devices. Never throws for a strange tree.
ProbeDiscovery find_debug_probes(const std::filesystem::path& sysfs_root = "/sys");

}  // namespace tr::probe
