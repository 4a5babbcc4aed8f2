// discover_monitors: the power monitors plugged into this machine, from sysfs alone (no device
// is opened): USB devices by VID:PID (PPK2 1915:C00A, LPM01A 0483:5740, Joulescope
// 16D0:0E88/10BA/10B9 — no driver yet) with their tty ports, and hwmon devices of the INA2xx
// family. Each comes with a spec string ready for `tinyrack measure --monitor` or a rack file.
// Attributes that cannot be read are left empty; nothing here throws for a strange tree.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tr::power {

struct DiscoveredPort {
  std::string interface;  // the USB interface directory, e.g. "1-2:1.0"
  int number = -1;        // bInterfaceNumber (or the digits after the '.')
  std::string device;     // "/dev/ttyACM0"
};

struct DiscoveredMonitor {
  // ppk2, lpm01a, hwmon, joulescope-unsupported, hwmon-unsupported.
  std::string kind;
  std::string vid_pid;  // "1915:c00a" (lower case, as sysfs has it); empty for hwmon
  std::string serial;
  std::string product;
  std::string manufacturer;
  std::string location;               // "usb 1-2 (bus 1, port 2)" or the hwmon directory
  std::vector<DiscoveredPort> ports;  // tty ports in interface order (USB only)
  std::string spec;                   // for --monitor; empty when tinyrack has no driver for it
  std::string note;                   // which port is the measurement port, why unsupported, ...
};

// Scans `sysfs_root`/bus/usb/devices and `sysfs_root`/class/hwmon. USB monitors first (in
// device-name order), then hwmon devices (in hwmonN order).
std::vector<DiscoveredMonitor> discover_monitors(const std::filesystem::path& sysfs_root = "/sys");

}  // namespace tr::power
