// Which USB devices are debug probes: a table of known VID:PIDs per probe family, and the
// CMSIS-DAP rule every CMSIS-DAP tool uses (the product or an interface string names it).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "usb/usb_sysfs.h"

namespace tr::probe {

enum class ProbeKind { cmsis_dap, stlink, jlink };

// "cmsis-dap", "stlink", "jlink".
std::string_view to_string(ProbeKind kind);

struct ProbeIdentity {
  ProbeKind kind;
  std::string model;  // "ST-LINK/V2-1", "DAPLink", ... (empty when only the family is known)
};

// The probe family of `device`, or nullopt when it is not a debug probe tinyrack knows.
std::optional<ProbeIdentity> identify_probe(const usb::UsbDevice& device);

}  // namespace tr::probe
