#include "power/discovery/monitor_discovery.h"

#include <sys/stat.h>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "support/test_paths.h"

using namespace tr::power;
namespace fs = std::filesystem;

namespace {

void put(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text << "\n";
}

// A USB device as the real sysfs has it: the device directory under /sys/devices, a symlink
// to it in /sys/bus/usb/devices, interface directories inside it (also linked from
// bus/usb/devices) and each CDC ACM tty under its interface.
struct FakeSysfs {
  fs::path root;

  explicit FakeSysfs(const char* name) : root(tr::test::scratch_dir(name) / "sys") {
    fs::create_directories(root / "bus" / "usb" / "devices");
    fs::create_directories(root / "class" / "hwmon");
  }

  fs::path usb(const std::string& name, const std::string& vid, const std::string& pid,
               const std::string& serial, const std::string& product) {
    const auto dir = root / "devices" / "pci0000:00" / "0000:00:14.0" / "usb1" / name;
    put(dir / "idVendor", vid);
    put(dir / "idProduct", pid);
    if (!serial.empty()) put(dir / "serial", serial);
    put(dir / "product", product);
    put(dir / "manufacturer", "Maker");
    put(dir / "busnum", "1");
    put(dir / "devpath", name.substr(name.find('-') + 1));
    fs::create_directory_symlink(dir, root / "bus" / "usb" / "devices" / name);
    return dir;
  }

  void tty(const fs::path& device, int interface, const std::string& tty_name) {
    const std::string intf = device.filename().string() + ":1." + std::to_string(interface);
    const auto dir = device / intf;
    char hex[8];
    std::snprintf(hex, sizeof hex, "%02x", interface);
    put(dir / "bInterfaceNumber", hex);
    fs::create_directories(dir / "tty" / tty_name);
    put(dir / "tty" / tty_name / "dev", "166:0");
    fs::create_directory_symlink(dir, root / "bus" / "usb" / "devices" / intf);
  }

  void hwmon(const std::string& n, const std::string& chip) {
    const auto dir = root / "devices" / "platform" / "i2c" / ("hwmon" + n);
    put(dir / "name", chip);
    fs::create_directory_symlink(dir, root / "class" / "hwmon" / ("hwmon" + n));
  }
};

const DiscoveredMonitor* find(const std::vector<DiscoveredMonitor>& list, const std::string& kind) {
  for (const auto& m : list) {
    if (m.kind == kind) return &m;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("discovery finds a PPK2 and an LPM01A with their tty ports", "[power][discovery]") {
  FakeSysfs sys("discovery-usb");
  auto ppk2 = sys.usb("1-2", "1915", "c00a", "C7E1A4B3D2F0", "PPK2");
  sys.tty(ppk2, 0, "ttyACM0");
  sys.tty(ppk2, 2, "ttyACM1");
  auto lpm = sys.usb("1-3.1", "0483", "5740", "", "PowerShield (Virtual ComPort in FS Mode)");
  sys.tty(lpm, 0, "ttyACM2");
  sys.usb("1-4", "046d", "c52b", "X", "a mouse");  // not a monitor

  const auto found = discover_monitors(sys.root);
  REQUIRE(found.size() == 2);
  const auto* p = find(found, "ppk2");
  REQUIRE(p != nullptr);
  CHECK(p->vid_pid == "1915:c00a");
  CHECK(p->serial == "C7E1A4B3D2F0");
  CHECK(p->product == "PPK2");
  CHECK(p->manufacturer == "Maker");
  CHECK(p->location == "usb 1-2 (bus 1, port 2)");
  REQUIRE(p->ports.size() == 2);
  CHECK(p->ports[0].device == "/dev/ttyACM0");
  CHECK(p->ports[0].interface == "1-2:1.0");
  CHECK(p->ports[1].number == 2);
  // No interface number ends in 1: the lower-numbered port is the measurement port.
  CHECK(p->spec == "ppk2:/dev/ttyACM0");
  CHECK(p->note.find("measurement port /dev/ttyACM0") != std::string::npos);

  const auto* l = find(found, "lpm01a");
  REQUIRE(l != nullptr);
  CHECK(l->serial.empty());  // unreadable/missing attributes are skipped
  CHECK(l->spec == "lpm01a:/dev/ttyACM2");
  CHECK(l->location == "usb 1-3.1 (bus 1, port 3.1)");
}

TEST_CASE("the PPK2 port whose interface number ends in 1 is the measurement port",
          "[power][discovery]") {
  FakeSysfs sys("discovery-ppk2-if1");
  auto ppk2 = sys.usb("2-1", "1915", "C00A", "S", "PPK2");
  sys.tty(ppk2, 3, "ttyACM5");
  sys.tty(ppk2, 1, "ttyACM4");
  const auto found = discover_monitors(sys.root);
  REQUIRE(found.size() == 1);
  CHECK(found[0].vid_pid == "1915:c00a");
  CHECK(found[0].ports[0].device == "/dev/ttyACM4");  // in interface order
  CHECK(found[0].spec == "ppk2:/dev/ttyACM4");
}

TEST_CASE("Joulescopes and devices without ttys are listed without a spec", "[power][discovery]") {
  FakeSysfs sys("discovery-js");
  sys.usb("1-5", "16d0", "10ba", "JS1", "Joulescope JS220");
  sys.usb("1-6", "16d0", "0e88", "JS2", "Joulescope JS110");
  sys.usb("1-7", "1915", "c00a", "P", "PPK2");  // no tty: cdc_acm not bound
  const auto found = discover_monitors(sys.root);
  REQUIRE(found.size() == 3);
  CHECK(found[0].kind == "joulescope-unsupported");
  CHECK(found[1].kind == "joulescope-unsupported");
  CHECK(found[0].spec.empty());
  CHECK(found[0].note.find("no tinyrack driver") != std::string::npos);
  CHECK(found[2].kind == "ppk2");
  CHECK(found[2].spec.empty());
  CHECK(found[2].note.find("no tty port") != std::string::npos);
}

TEST_CASE("discovery finds INA2xx hwmon devices and flags other INA drivers",
          "[power][discovery]") {
  FakeSysfs sys("discovery-hwmon");
  sys.hwmon("0", "coretemp");
  sys.hwmon("1", "ina226");
  sys.hwmon("2", "ina3221");
  sys.hwmon("3", "ina219");
  sys.hwmon("4", "ina238");
  const auto found = discover_monitors(sys.root);
  REQUIRE(found.size() == 4);
  CHECK(found[0].kind == "hwmon");
  CHECK(found[0].product == "ina226");
  // Not under /sys: the spec names the full path so it resolves.
  CHECK(found[0].spec == "hwmon:" + (sys.root / "class" / "hwmon" / "hwmon1").string());
  CHECK(found[1].kind == "hwmon-unsupported");
  CHECK(found[1].spec.empty());
  CHECK(found[1].note.find("ina3221") != std::string::npos);
  CHECK(found[2].kind == "hwmon");
  CHECK(found[3].kind == "hwmon-unsupported");
}

TEST_CASE("unreadable attributes and missing trees are not fatal", "[power][discovery]") {
  FakeSysfs sys("discovery-unreadable");
  auto ppk2 = sys.usb("1-2", "1915", "c00a", "SERIAL", "PPK2");
  sys.tty(ppk2, 0, "ttyACM0");
  ::chmod((ppk2 / "serial").c_str(), 0);  // as root this stays readable; either is fine
  const auto found = discover_monitors(sys.root);
  REQUIRE(found.size() == 1);
  CHECK(found[0].spec == "ppk2:/dev/ttyACM0");
  CHECK(discover_monitors(sys.root / "nothing-here").empty());
}
