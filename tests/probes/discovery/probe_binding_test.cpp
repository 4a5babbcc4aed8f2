#include "discovery/probe_binding.h"

#include <catch2/catch.hpp>

#include "debug/probe_error.h"
#include "probes/usb/fake_usb_sysfs.h"

using namespace tr::probe;
using Catch::Matchers::Contains;
using tr::test::FakeUsbSysfs;

namespace {

// Two Nucleo boards whose ST-Links report the same serial (old V2 firmware does), one
// Raspberry Pi Debug Probe, one probe with no serial at all.
std::vector<DiscoveredProbe> bench() {
  static const auto found = [] {
    FakeUsbSysfs sys("probe-binding");
    sys.device("1-2", "0483", "374b", "SAME", "STM32 STLink");
    sys.device("1-3.1", "0483", "374b", "SAME", "STM32 STLink");
    sys.device("1-4", "2e8a", "000c", "E660B440072C1A2A", "Debug Probe (CMSIS-DAP)");
    sys.device("2-1", "0d28", "0204", "", "DAPLink CMSIS-DAP");
    return find_debug_probes(sys.root()).probes;
  }();
  return found;
}

std::string binding_error(const ProbeSelector& selector,
                          const std::vector<DiscoveredProbe>& connected) {
  try {
    bind_probe("nrf-0", selector, connected);
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::binding);
    return e.what();
  }
  FAIL("expected a binding error");
  return {};
}

}  // namespace

TEST_CASE("a selector binds by serial, USB path or both", "[probe][binding]") {
  const auto probes = bench();
  REQUIRE(probes.size() == 4);
  CHECK(bind_probe("b", {"E660B440072C1A2A", ""}, probes).usb_path == "1-4");
  CHECK(bind_probe("b", {"", "1-3.1"}, probes).serial == "SAME");
  CHECK(bind_probe("b", {"SAME", "1-2"}, probes).usb_path == "1-2");
  CHECK(bind_probe("b", {"", "2-1"}, probes).model == "DAPLink");  // no serial: by path
}

TEST_CASE("binding failures say what is connected or which probes collide", "[probe][binding]") {
  const auto probes = bench();
  SECTION("no match lists the connected probes") {
    const auto message = binding_error({"NOPE", ""}, probes);
    CHECK_THAT(message, Contains("board 'nrf-0' (probe serial NOPE)"));
    CHECK_THAT(message, Contains("no connected debug probe matches"));
    CHECK_THAT(message, Contains("cmsis-dap Raspberry Pi Debugprobe 2e8a:000c serial "
                                 "E660B440072C1A2A at usb 1-4"));
    CHECK_THAT(message, Contains("at usb 2-1"));
  }
  SECTION("serial and path must both match") {
    const auto message = binding_error({"E660B440072C1A2A", "1-2"}, probes);
    CHECK_THAT(message, Contains("serial E660B440072C1A2A, usb_path 1-2"));
    CHECK_THAT(message, Contains("no connected debug probe matches"));
  }
  SECTION("a shared serial asks for the USB path") {
    const auto message = binding_error({"SAME", ""}, probes);
    CHECK_THAT(message, Contains("2 connected probes match"));
    CHECK_THAT(message, Contains("add \"usb_path\""));
    CHECK_THAT(message, Contains("at usb 1-2"));
    CHECK_THAT(message, Contains("at usb 1-3.1"));
    CHECK_THAT(message, !Contains("at usb 1-4"));
  }
  SECTION("nothing connected") {
    CHECK_THAT(binding_error({"SAME", ""}, {}), Contains("no debug probe is connected"));
  }
  SECTION("an empty selector matches nothing") {
    CHECK_THAT(binding_error({}, probes), Contains("names neither a serial nor a usb_path"));
    CHECK_FALSE(ProbeSelector{}.matches(probes[0]));
  }
}
