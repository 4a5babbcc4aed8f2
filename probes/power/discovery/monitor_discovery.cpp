#include "power/discovery/monitor_discovery.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "power/hwmon/ina2xx_chip.h"

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

// The attribute's first line, trimmed; empty when it cannot be read.
std::string attribute(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line)) return {};
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
  return line;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<fs::path> sorted_entries(const fs::path& dir) {
  std::vector<fs::path> entries;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(it->path());
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

// `<device>:<config>.<interface>` directories under the device hold each interface's tty.
std::vector<DiscoveredPort> tty_ports(const fs::path& device_dir) {
  std::vector<DiscoveredPort> ports;
  const std::string prefix = device_dir.filename().string() + ":";
  for (const auto& intf : sorted_entries(device_dir)) {
    const std::string name = intf.filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    int number = -1;
    const std::string given = attribute(intf / "bInterfaceNumber");
    auto dot = name.rfind('.');
    try {
      if (!given.empty()) {
        number = std::stoi(given, nullptr, 16);  // sysfs prints it as two hex digits
      } else if (dot != std::string::npos) {
        number = std::stoi(name.substr(dot + 1));
      }
    } catch (const std::exception&) {
      number = -1;
    }
    for (const auto& tty : sorted_entries(intf / "tty")) {
      ports.push_back({name, number, "/dev/" + tty.filename().string()});
    }
  }
  std::stable_sort(ports.begin(), ports.end(),
                   [](const auto& a, const auto& b) { return a.number < b.number; });
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

std::optional<DiscoveredMonitor> usb_monitor(const fs::path& dir) {
  const std::string vid = lower(attribute(dir / "idVendor"));
  const std::string pid = lower(attribute(dir / "idProduct"));
  if (vid.empty() || pid.empty()) return std::nullopt;  // an interface, or unreadable
  const std::string vid_pid = vid + ":" + pid;
  const auto* known = std::find_if(kUsbKinds.begin(), kUsbKinds.end(),
                                   [&](const UsbKind& k) { return k.vid_pid == vid_pid; });
  if (known == kUsbKinds.end()) return std::nullopt;

  DiscoveredMonitor m;
  m.kind = std::string(known->kind);
  m.vid_pid = vid_pid;
  m.serial = attribute(dir / "serial");
  m.product = attribute(dir / "product");
  m.manufacturer = attribute(dir / "manufacturer");
  const std::string name = dir.filename().string();
  const std::string bus = attribute(dir / "busnum");
  const std::string devpath = attribute(dir / "devpath");
  m.location = "usb " + name;
  if (!bus.empty() && !devpath.empty()) {
    m.location += " (bus " + bus + ", port " + devpath + ")";
  }
  m.ports = tty_ports(dir);
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
  const std::string name = attribute(dir / "name");
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
  for (const auto& dir : sorted_entries(sysfs_root / "bus" / "usb" / "devices")) {
    if (auto m = usb_monitor(dir)) found.push_back(std::move(*m));
  }
  const bool default_root = sysfs_root == fs::path("/sys");
  for (const auto& dir : sorted_entries(sysfs_root / "class" / "hwmon")) {
    if (dir.filename().string().rfind("hwmon", 0) != 0) continue;
    if (auto m = hwmon_monitor(dir, default_root)) found.push_back(std::move(*m));
  }
  return found;
}

}  // namespace tr::power
