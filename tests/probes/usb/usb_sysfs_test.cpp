#include "usb/usb_sysfs.h"

#include <catch2/catch.hpp>

#include "fake_usb_sysfs.h"

using tr::test::FakeUsbSysfs;
using namespace tr::usb;

TEST_CASE("USB paths are bus-port with dotted hub ports", "[usb]") {
  for (const char* good : {"1-2", "3-1.4.2", "10-12"}) {
    INFO(good);
    CHECK(is_usb_path(good));
  }
  for (const char* bad : {"", "1", "1-", "-2", "1-2.", "1-.2", "a-1", "1-2:1.0", "usb1", "1-2 "}) {
    INFO("'" << bad << "'");
    CHECK_FALSE(is_usb_path(bad));
  }
}

TEST_CASE("a scan reads IDs, strings and interfaces in interface order", "[usb]") {
  FakeUsbSysfs sys("usb-scan");
  const auto dev = sys.device("1-2.3", "2E8A", "000C", "E660B440072C1A2A",
                              "Debugprobe on Pico (CMSIS-DAP)", "Raspberry Pi");
  sys.interface(dev, 1, "CDC-ACM UART Interface", "ttyACM0");
  sys.interface(dev, 0, "CMSIS-DAP v2 Interface");
  const auto scan = scan_usb_devices(sys.root());
  CHECK(scan.notes.empty());
  REQUIRE(scan.devices.size() == 1);
  const auto& d = scan.devices[0];
  CHECK(d.vid_pid() == "2e8a:000c");  // lower case, as the tables use
  CHECK(d.path == "1-2.3");
  CHECK(d.serial == "E660B440072C1A2A");
  CHECK(d.manufacturer == "Raspberry Pi");
  CHECK(d.devpath == "2.3");
  REQUIRE(d.interfaces.size() == 2);
  CHECK(d.interfaces[0].number == 0);
  CHECK(d.interfaces[0].label == "CMSIS-DAP v2 Interface");
  CHECK(d.interfaces[0].ttys.empty());
  CHECK(d.interfaces[1].name == "1-2.3:1.1");
  CHECK(d.interfaces[1].ttys == std::vector<std::string>{"/dev/ttyACM0"});
}

TEST_CASE("malformed devices are skipped with a note, missing trees give nothing", "[usb]") {
  FakeUsbSysfs sys("usb-malformed");
  sys.device("1-1", "zz83", "3748", "S1", "bad vid");
  sys.device("1-4", "0483", "37", "S2", "short pid");
  sys.device("1-5", "0483", "374b", "S3", "STM32 STLink");
  // A directory with no IDs at all (a root hub's interface, say) is not a device: no note.
  std::filesystem::create_directories(sys.root() / "bus" / "usb" / "devices" / "usb9");
  const auto scan = scan_usb_devices(sys.root());
  REQUIRE(scan.devices.size() == 1);
  CHECK(scan.devices[0].path == "1-5");
  REQUIRE(scan.notes.size() == 2);
  CHECK(scan.notes[0].find("1-1") != std::string::npos);
  CHECK(scan.notes[0].find("'zz83'") != std::string::npos);
  CHECK(scan.notes[1].find("1-4") != std::string::npos);
  CHECK(scan_usb_devices(sys.root() / "nothing-here").devices.empty());
}
