#include "discovery/probe_discovery.h"

#include <catch2/catch.hpp>

#include "probes/usb/fake_usb_sysfs.h"

using namespace tr::probe;
using tr::test::FakeUsbSysfs;

namespace {

const DiscoveredProbe* at(const ProbeDiscovery& found, const std::string& usb_path) {
  for (const auto& p : found.probes) {
    if (p.usb_path == usb_path) return &p;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("CMSIS-DAP, ST-Link and J-Link probes are found with serial, path and tty",
          "[probe][discovery]") {
  FakeUsbSysfs sys("probe-discovery");
  // As raspberrypi/debugprobe#185 shows it: CMSIS-DAP on interface 0, the UART on 1.
  auto pico = sys.device("1-5.2", "2e8a", "000c", "E660B440072C1A2A",
                         "Debugprobe on Pico (CMSIS-DAP)", "Raspberry Pi");
  sys.interface(pico, 0, "CMSIS-DAP v2 Interface");
  sys.interface(pico, 1, "CDC-ACM UART Interface", "ttyACM0");
  auto nucleo = sys.device("1-2", "0483", "374b", "066DFF485550755187121723", "STM32 STLink",
                           "STMicroelectronics");
  sys.interface(nucleo, 0, "ST-Link Debug");
  sys.interface(nucleo, 2, "ST-Link VCP Ctrl", "ttyACM1");
  auto v3 = sys.device("3-1.4", "0483", "3753", "002B00343232511339353236", "STLINK-V3");
  sys.interface(v3, 0, "ST-Link Debug");
  sys.interface(v3, 1, "ST-Link VCP Ctrl", "ttyACM3");
  sys.interface(v3, 3, "ST-Link VCP2 Ctrl", "ttyACM4");
  auto jlink = sys.device("1-3", "1366", "1015", "000683512345", "J-Link", "SEGGER");
  sys.interface(jlink, 0, "CDC", "ttyACM2");
  sys.device("1-4", "1366", "1080", "000821009099", "J-Link");    // a PID no table lists yet
  sys.device("1-6", "c0de", "cafe", "X1", "Any maker", "Maker");  // named only by an interface
  sys.interface(sys.root() / "devices" / "pci0000:00" / "0000:00:14.0" / "usb1" / "1-6", 0,
                "MyProbe CMSIS-DAP");
  // Not probes: a PPK2, ST's own LPM01A (same vendor as ST-Link), a keyboard.
  sys.device("1-7", "1915", "c00a", "C7E1A4B3D2F0", "PPK2");
  sys.device("1-8", "0483", "5740", "PS1", "PowerShield (Virtual ComPort in FS Mode)");
  sys.device("1-9", "046d", "c52b", "K", "USB Receiver");

  const auto found = find_debug_probes(sys.root());
  CHECK(found.notes.empty());
  REQUIRE(found.probes.size() == 6);
  CHECK(found.probes[0].usb_path == "1-2");  // in USB path order

  const auto* p = at(found, "1-5.2");
  REQUIRE(p != nullptr);
  CHECK(p->kind == ProbeKind::cmsis_dap);
  CHECK(p->model == "Raspberry Pi Debugprobe");
  CHECK(p->vid_pid == "2e8a:000c");
  CHECK(p->serial == "E660B440072C1A2A");
  CHECK(p->manufacturer == "Raspberry Pi");
  CHECK(p->tty() == "/dev/ttyACM0");
  CHECK(p->note.empty());

  const auto* st = at(found, "1-2");
  REQUIRE(st != nullptr);
  CHECK(st->kind == ProbeKind::stlink);
  CHECK(st->model == "ST-LINK/V2-1");
  CHECK(st->tty() == "/dev/ttyACM1");
  CHECK(st->describe() ==
        "stlink ST-LINK/V2-1 0483:374b serial 066DFF485550755187121723 at usb 1-2");

  const auto* three = at(found, "3-1.4");
  REQUIRE(three != nullptr);
  CHECK(three->model == "STLINK-V3");
  CHECK(three->ttys == std::vector<std::string>{"/dev/ttyACM3", "/dev/ttyACM4"});

  REQUIRE(at(found, "1-3") != nullptr);
  CHECK(at(found, "1-3")->kind == ProbeKind::jlink);
  CHECK(at(found, "1-3")->tty() == "/dev/ttyACM2");
  REQUIRE(at(found, "1-4") != nullptr);
  CHECK(at(found, "1-4")->kind == ProbeKind::jlink);  // SEGGER's vendor ID
  CHECK(at(found, "1-4")->tty().empty());

  const auto* generic = at(found, "1-6");
  REQUIRE(generic != nullptr);
  CHECK(generic->kind == ProbeKind::cmsis_dap);
  CHECK(generic->model.empty());
  CHECK(to_string(generic->kind) == "cmsis-dap");
}

TEST_CASE("a probe without a serial says to bind it by USB path", "[probe][discovery]") {
  FakeUsbSysfs sys("probe-discovery-noserial");
  sys.device("2-1", "0d28", "0204", "", "DAPLink CMSIS-DAP", "ARM");
  const auto found = find_debug_probes(sys.root());
  REQUIRE(found.probes.size() == 1);
  CHECK(found.probes[0].model == "DAPLink");
  CHECK(found.probes[0].serial.empty());
  CHECK(found.probes[0].note.find("\"usb_path\": \"2-1\"") != std::string::npos);
  CHECK(found.probes[0].describe() == "cmsis-dap DAPLink 0d28:0204 (no serial) at usb 2-1");
}

TEST_CASE("malformed sysfs entries are skipped with a note", "[probe][discovery]") {
  FakeUsbSysfs sys("probe-discovery-malformed");
  sys.device("1-1", "0483", "37 4b", "S", "STM32 STLink");
  sys.device("1-2", "0483", "374b", "GOOD", "STM32 STLink");
  // A device whose interface directory is a dangling link and whose tty folder is a file.
  const auto dev = sys.device("1-3", "0483", "3748", "V2", "ST-LINK/V2");
  std::filesystem::create_directory_symlink(sys.root() / "gone", dev / "1-3:1.0");
  FakeUsbSysfs::put(dev / "1-3:1.1" / "tty", "not a directory");
  const auto found = find_debug_probes(sys.root());
  REQUIRE(found.probes.size() == 2);
  CHECK(found.probes[0].serial == "GOOD");
  CHECK(found.probes[1].serial == "V2");
  CHECK(found.probes[1].ttys.empty());
  REQUIRE(found.notes.size() == 1);
  CHECK(found.notes[0].find("skipped USB device 1-1") != std::string::npos);
  CHECK(find_debug_probes(sys.root() / "missing").probes.empty());
}
