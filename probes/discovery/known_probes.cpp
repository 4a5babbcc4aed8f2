#include "discovery/known_probes.h"

#include <algorithm>
#include <array>

namespace tr::probe {
namespace {

struct KnownId {
  std::string_view vid_pid;
  ProbeKind kind;
  std::string_view model;
};

// Sources of the IDs (checked 2026):
//  - ST-Link and J-Link: OpenOCD 0.12.0's udev rules (Debian `openocd`,
//    /lib/udev/rules.d/60-openocd.rules) and its interface/stlink.cfg `hla_vid_pid` list;
//    0483:374a (V2-1 audio) from pyOCD 0.13.1's stlink/usb.py PID table; 0483:3754 "V3 without
//    MSD" from OpenOCD commit 564e757 (seen on a Nucleo-G431RB).
//  - J-Link 1366:1024 (WinUSB driver + CDC) from the PID table in Nordic's nrf-udev rules;
//    1366:1051 seen on nRF DKs (ferrous-systems/rust-exercises#112). Other SEGGER PIDs (e.g.
//    1366:1050) are caught by the vendor-ID rule below.
//  - DAPLink 0d28:0204 and Keil c251:f001/f002/2722: the known-ID comment of OpenOCD's
//    cmsis_dap_usb.c.
//  - Raspberry Pi Debug Probe / Debugprobe on Pico 2e8a:000c: dmesg in
//    raspberrypi/debugprobe#185 and lsusb in pyocd/pyOCD#1886 (product "... (CMSIS-DAP)").
constexpr std::array<KnownId, 36> kKnownIds = {{
    {"0483:3744", ProbeKind::stlink, "ST-LINK/V1"},
    {"0483:3748", ProbeKind::stlink, "ST-LINK/V2"},
    {"0483:374a", ProbeKind::stlink, "ST-LINK/V2-1"},
    {"0483:374b", ProbeKind::stlink, "ST-LINK/V2-1"},
    {"0483:3752", ProbeKind::stlink, "ST-LINK/V2-1"},
    {"0483:374d", ProbeKind::stlink, "STLINK-V3"},
    {"0483:374e", ProbeKind::stlink, "STLINK-V3"},
    {"0483:374f", ProbeKind::stlink, "STLINK-V3"},
    {"0483:3753", ProbeKind::stlink, "STLINK-V3"},
    {"0483:3754", ProbeKind::stlink, "STLINK-V3"},
    {"1366:0101", ProbeKind::jlink, "J-Link"},
    {"1366:0102", ProbeKind::jlink, "J-Link"},
    {"1366:0103", ProbeKind::jlink, "J-Link"},
    {"1366:0104", ProbeKind::jlink, "J-Link"},
    {"1366:0105", ProbeKind::jlink, "J-Link"},
    {"1366:0107", ProbeKind::jlink, "J-Link"},
    {"1366:0108", ProbeKind::jlink, "J-Link"},
    {"1366:1010", ProbeKind::jlink, "J-Link"},
    {"1366:1011", ProbeKind::jlink, "J-Link"},
    {"1366:1012", ProbeKind::jlink, "J-Link"},
    {"1366:1013", ProbeKind::jlink, "J-Link"},
    {"1366:1014", ProbeKind::jlink, "J-Link"},
    {"1366:1015", ProbeKind::jlink, "J-Link"},
    {"1366:1016", ProbeKind::jlink, "J-Link"},
    {"1366:1017", ProbeKind::jlink, "J-Link"},
    {"1366:1018", ProbeKind::jlink, "J-Link"},
    {"1366:1020", ProbeKind::jlink, "J-Link"},
    {"1366:1024", ProbeKind::jlink, "J-Link"},
    {"1366:1051", ProbeKind::jlink, "J-Link"},
    {"1366:1055", ProbeKind::jlink, "J-Link"},
    {"1366:1061", ProbeKind::jlink, "J-Link"},
    {"0d28:0204", ProbeKind::cmsis_dap, "DAPLink"},
    {"2e8a:000c", ProbeKind::cmsis_dap, "Raspberry Pi Debugprobe"},
    {"c251:f001", ProbeKind::cmsis_dap, "LPC-Link-II"},
    {"c251:f002", ProbeKind::cmsis_dap, "OpenSDA"},
    {"c251:2722", ProbeKind::cmsis_dap, "Keil ULINK2"},
}};

// SEGGER's USB vendor ID: every product under it is a J-Link (or J-Link-compatible Flasher),
// and SEGGER encodes driver and feature combinations in the PID, so new PIDs keep appearing.
constexpr std::string_view kSeggerVid = "1366";

// pyOCD's and OpenOCD's CMSIS-DAP rule: the device's product string, or one interface's string,
// contains "CMSIS-DAP" (pyOCD 0.13.1 pyusb_backend.py / hidapi_backend.py).
bool names_cmsis_dap(const usb::UsbDevice& device) {
  if (device.product.find("CMSIS-DAP") != std::string::npos) return true;
  return std::any_of(device.interfaces.begin(), device.interfaces.end(),
                     [](const auto& i) { return i.label.find("CMSIS-DAP") != std::string::npos; });
}

}  // namespace

std::string_view to_string(ProbeKind kind) {
  switch (kind) {
    case ProbeKind::cmsis_dap:
      return "cmsis-dap";
    case ProbeKind::stlink:
      return "stlink";
    case ProbeKind::jlink:
      return "jlink";
  }
  return "unknown";
}

std::optional<ProbeIdentity> identify_probe(const usb::UsbDevice& device) {
  const std::string vid_pid = device.vid_pid();
  const auto* known = std::find_if(kKnownIds.begin(), kKnownIds.end(),
                                   [&](const KnownId& k) { return k.vid_pid == vid_pid; });
  if (known != kKnownIds.end()) return ProbeIdentity{known->kind, std::string(known->model)};
  // Before the SEGGER rule: a J-Link running CMSIS-DAP firmware says so in its strings.
  if (names_cmsis_dap(device)) return ProbeIdentity{ProbeKind::cmsis_dap, ""};
  if (device.vid == kSeggerVid) return ProbeIdentity{ProbeKind::jlink, "J-Link"};
  return std::nullopt;
}

}  // namespace tr::probe
