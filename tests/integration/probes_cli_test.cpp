// `tinyrack probes` as a user runs it, on fake sysfs trees: the empty message, the table, the
// JSON for scripts, and a malformed entry noted on stderr without failing.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "probes/usb/fake_usb_sysfs.h"
#include "support/child_process.h"
#include "support/test_paths.h"

using namespace tr;

namespace {

std::string cli() {
  return TINYRACK_CLI;
}

}  // namespace

TEST_CASE("probes says so when none are connected", "[integration][cli][probe]") {
  test::FakeUsbSysfs sys("probes-cli-none");
  sys.device("1-1", "1915", "c00a", "P", "PPK2");  // a power monitor, not a probe
  auto none = test::run_child({cli(), "probes", "--sysfs", sys.root().string()});
  CHECK(none.exit_status == 0);
  CHECK(none.out.find("no debug probes found") != std::string::npos);
  auto json = test::run_child({cli(), "probes", "--sysfs", sys.root().string(), "--json"});
  CHECK(json.exit_status == 0);
  CHECK(nlohmann::json::parse(json.out) == nlohmann::json::array());
}

TEST_CASE("probes lists each probe with serial, USB path and tty", "[integration][cli][probe]") {
  test::FakeUsbSysfs sys("probes-cli");
  const auto nucleo = sys.device("1-2", "0483", "374b", "066DFF485550755187121723", "STM32 STLink",
                                 "STMicroelectronics");
  sys.interface(nucleo, 2, "ST-Link VCP Ctrl", "ttyACM3");
  sys.device("1-4.1", "0d28", "0204", "", "DAPLink CMSIS-DAP", "ARM");
  sys.device("1-9", "0483", "xyz", "S", "broken");

  auto table = test::run_child({cli(), "probes", "--sysfs", sys.root().string()});
  CHECK(table.exit_status == 0);
  CHECK(table.out.find("KIND") != std::string::npos);
  CHECK(table.out.find("066DFF485550755187121723") != std::string::npos);
  CHECK(table.out.find("/dev/ttyACM3") != std::string::npos);
  CHECK(table.out.find("1-4.1") != std::string::npos);
  CHECK(table.out.find("bind it by \"usb_path\": \"1-4.1\"") != std::string::npos);
  CHECK(table.err.find("skipped USB device 1-9") != std::string::npos);

  auto json = test::run_child({cli(), "probes", "--sysfs", sys.root().string(), "--json"});
  REQUIRE(json.exit_status == 0);
  const auto list = nlohmann::json::parse(json.out);
  REQUIRE(list.size() == 2);
  CHECK(list[0]["kind"] == "stlink");
  CHECK(list[0]["model"] == "ST-LINK/V2-1");
  CHECK(list[0]["vid_pid"] == "0483:374b");
  CHECK(list[0]["serial"] == "066DFF485550755187121723");
  CHECK(list[0]["usb_path"] == "1-2");
  CHECK(list[0]["tty"] == "/dev/ttyACM3");
  CHECK(list[1]["kind"] == "cmsis-dap");
  CHECK(list[1]["serial"] == "");
  CHECK(list[1]["tty"] == "");
}
