#include "power/discovery/monitor_discovery.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "power/hwmon/ina2xx_chip.h"
#include "usb/usb_sysfs.h"

namespace tr::power {
namespace fs = std::filesystem;
namespace {

struct UsbKind {
  std::string_view vid_pid;
  std::string_view kind;
  std::string_view note;
};

constexpr std::array<UsbKind, 5> kUsbKinds = {{
    {"1915:c00a", "ppk2", ""},
    {"0483:5740", "lpm01a", ""},
    {"16d0:10ba", "joulescope-unsupported", "Joulescope JS220: no tinyrack driver yet"},
    {"16d0:10b9", "joulescope-unsupported", "Joulescope JS220 updater: no tinyrack driver"},
    {"16d0:0e88", "joulescope-unsupported", "Joulescope JS110: no tinyrack driver yet"},
}};

// Drivers of INA chips whose hwmon files differ from the ina2xx driver's (several channels,
// other scaling); tinyrack's hwmon monitor does not read them.
constexpr std::array<std::string_view, 3> kOtherInaDrivers = {"ina209", "ina238", "ina3221"};

// Each tty of each interface, in interface order.
std::vector<DiscoveredPort> tty_ports(const usb::UsbDevice& device) {
  std::vector<DiscoveredPort> ports;
  for (const auto& intf : device.interfaces) {
    for (const auto& tty : intf.ttys) ports.push_back({intf.name, intf.number, tty});
  }
  return ports;
}

// The PPK2's measurement port: IRNAS' client keeps the port whose interface location ends in
// 1; the fact sheet (§1.1) has the measurement interface as the lower-numbered one. Use the
// first rule when it picks exactly one port, else the lowest interface number.
const DiscoveredPort* ppk2_measurement_port(const std::vector<DiscoveredPort>& ports) {
  const DiscoveredPort* ends_in_1 = nullptr;
  int count = 0;
  for (const auto& p : ports) {
    if (p.number >= 0 && p.number % 10 == 1) {
      ends_in_1 = &p;
      ++count;
    }
  }
  if (count == 1) return ends_in_1;
  return ports.empty() ? nullptr : &ports.front();
}

std::optional<DiscoveredMonitor> usb_monitor(const usb::UsbDevice& device) {
  const std::string vid_pid = device.vid_pid();
  const auto* known = std::find_if(kUsbKinds.begin(), kUsbKinds.end(),
                                   [&](const UsbKind& k) { return k.vid_pid == vid_pid; });
  if (known == kUsbKinds.end()) return std::nullopt;

  DiscoveredMonitor m;
  m.kind = std::string(known->kind);
  m.vid_pid = vid_pid;
  m.serial = device.serial;
  m.product = device.product;
  m.manufacturer = device.manufacturer;
  m.location = "usb " + device.path;
  if (!device.busnum.empty() && !device.devpath.empty()) {
    m.location += " (bus " + device.busnum + ", port " + device.devpath + ")";
  }
  m.ports = tty_ports(device);
  m.note = std::string(known->note);

  if (m.kind == "ppk2") {
    if (const auto* port = ppk2_measurement_port(m.ports)) {
      m.spec = "ppk2:" + port->device;
      if (m.ports.size() > 1) {
        m.note = "measurement port " + port->device + " (interface " +
                 std::to_string(port->number) +
                 ": the one whose number ends in 1, else the lowest); if it stays silent, try "
                 "the other port";
      }
    } else {
      m.note = "no tty port found (is the cdc_acm driver loaded?)";
    }
  } else if (m.kind == "lpm01a") {
    if (!m.ports.empty()) {
      m.spec = "lpm01a:" + m.ports.front().device;
    } else {
      m.note = "no tty port found (is the cdc_acm driver loaded?)";
    }
  }
  return m;
}

std::optional<DiscoveredMonitor> hwmon_monitor(const fs::path& dir, bool default_root) {
  const std::string name = usb::read_attribute(dir / "name");
  if (name.empty()) return std::nullopt;
  const bool ina2xx = hwmon::Ina2xxChip::from_name(name).has_value();
  const bool other =
      std::find(kOtherInaDrivers.begin(), kOtherInaDrivers.end(), name) != kOtherInaDrivers.end();
  if (!ina2xx && !other) return std::nullopt;

  DiscoveredMonitor m;
  m.product = name;
  m.location = dir.string();
  if (ina2xx) {
    m.kind = "hwmon";
    // The short form resolves under /sys/class/hwmon only.
    m.spec = "hwmon:" + (default_root ? dir.filename().string() : dir.string());
    m.note = "mean power over long windows only (whole mA, ~35 ms updates, no markers)";
  } else {
    m.kind = "hwmon-unsupported";
    m.note = "the " + name +
             " driver's files differ from the ina2xx driver's; tinyrack's hwmon monitor reads "
             "only ina2xx chips";
  }
  return m;
}

}  // namespace

std::vector<DiscoveredMonitor> discover_monitors(const fs::path& sysfs_root) {
  std::vector<DiscoveredMonitor> found;
  for (const auto& device : usb::scan_usb_devices(sysfs_root).devices) {
    if (auto m = usb_monitor(device)) found.push_back(std::move(*m));
  }
  const bool default_root = sysfs_root == fs::path("/sys");
  for (const auto& dir : usb::sorted_entries(sysfs_root / "class" / "hwmon")) {
    if (dir.filename().string().rfind("hwmon", 0) != 0) continue;
    if (auto m = hwmon_monitor(dir, default_root)) found.push_back(std::move(*m));
  }
  return found;
}

}  // namespace tr::power
