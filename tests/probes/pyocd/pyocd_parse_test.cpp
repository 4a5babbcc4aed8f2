// pyOCD output parsers and the gdbserver command line, without running pyOCD.
#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "debug/probe_error.h"
#include "probes/debug/run_coro.h"
#include "pyocd/pyocd_install.h"
#include "pyocd/pyocd_server.h"

using namespace tr::probe;
using Catch::Matchers::Contains;

TEST_CASE("pyOCD versions are found in --version output", "[pyocd]") {
  CHECK(parse_pyocd_version("0.13.1\n") == "0.13.1");
  CHECK(parse_pyocd_version("pyocd 0.36.1.dev3\n") == "0.36.1.dev3");
  CHECK(parse_pyocd_version("v0.45.0") == "0.45.0");
  CHECK(parse_pyocd_version("usage: pyocd [-h]\n").empty());
  CHECK(parse_pyocd_version("").empty());
  CHECK(parse_pyocd_version("42\n").empty());  // a number without a dot is no version
}

TEST_CASE("the split target list is one name per line", "[pyocd]") {
  // The head of pyocd-gdbserver 0.13.1's --list-targets, out of order, with a stray warning.
  const auto names = parse_target_lines(
      "nrf52840\ncc3220sf\r\ncortex_m\nWARNING: something odd happened\n\nlpc11xx_32\n");
  CHECK(names == std::vector<std::string>{"cc3220sf", "cortex_m", "lpc11xx_32", "nrf52840"});
}

TEST_CASE("the unified target table yields its first column", "[pyocd]") {
  // The layout of `pyocd list --targets` (prettytable: header, dashed rule, left-aligned
  // columns, no vertical rules).
  const std::string table =
      "  Name          Vendor                 Part Number   Families           Source   \n"
      "-------------------------------------------------------------------------------\n"
      "  cortex_m      Generic                CoreSightTarget                  builtin  \n"
      "  nrf52840      Nordic Semiconductor   nRF52840      nRF52 Series       builtin  \n"
      "  stm32l475xg   STMicroelectronics     STM32L475xG   STM32L4 Series     pack     \n";
  CHECK(parse_target_table(table) ==
        std::vector<std::string>{"cortex_m", "nrf52840", "stm32l475xg"});
  CHECK(parse_target_table("  nrf51   Nordic Semiconductor   nRF51   builtin\n") ==
        std::vector<std::string>{"nrf51"});  // -H: no header
  CHECK(parse_target_table("").empty());
}

TEST_CASE("the gdbserver command line differs by flavour", "[pyocd]") {
  PyOcdServerSpec spec;
  spec.target = "nrf52840";
  spec.probe_uid = "E660B440072C1A2A";
  PyOcdInstall split{PyOcdFlavour::split, "0.13.1", "/usr/bin/pyocd-gdbserver"};
  CHECK(pyocd_server_arguments(split, spec, 40001, 40002) ==
        std::vector<std::string>{"-p", "40001", "-T", "40002", "-t", "nrf52840", "--persist", "-b",
                                 "E660B440072C1A2A"});
  PyOcdInstall unified{PyOcdFlavour::unified, "0.36.0", "/usr/local/bin/pyocd"};
  spec.extra_args = {"-f", "4000000"};
  CHECK(pyocd_server_arguments(unified, spec, 40001, 40002) ==
        std::vector<std::string>{"gdbserver", "-p", "40001", "-T", "40002", "-t", "nrf52840",
                                 "--persist", "--no-wait", "-u", "E660B440072C1A2A", "-f",
                                 "4000000"});
  spec.probe_uid.clear();
  const auto no_uid = pyocd_server_arguments(split, spec, 1, 2);
  CHECK(std::find(no_uid.begin(), no_uid.end(), "-b") == no_uid.end());
}

TEST_CASE("a bad server spec is refused before anything starts", "[pyocd]") {
  boost::asio::io_context ctx;
  const PyOcdInstall install{PyOcdFlavour::split, "0.13.1", "/bin/false"};
  auto start_error = [&](PyOcdServerSpec spec) -> std::string {
    try {
      test::run_coro(ctx, PyOcdServer::start(install, spec, std::chrono::seconds(5)));
    } catch (const ProbeError& e) {
      return e.what();
    }
    FAIL("expected a ProbeError");
    return {};
  };
  PyOcdServerSpec spec;
  spec.target = "nrf52840";
  spec.log_path = "/tmp/unused.log";
  auto bad = spec;
  bad.target = "nrf52840; rm -rf /";
  CHECK_THAT(start_error(bad), Contains("target 'nrf52840; rm -rf /' is not a target type name"));
  bad = spec;
  bad.target.clear();
  CHECK_THAT(start_error(bad), Contains("is not a target type name"));
  bad = spec;
  bad.probe_uid = "two words";
  CHECK_THAT(start_error(bad), Contains("unique ID 'two words'"));
  bad = spec;
  bad.extra_args = {"--allow-remote"};
  CHECK_THAT(start_error(bad), Contains("loopback only"));
  bad = spec;
  bad.log_path.clear();
  CHECK_THAT(start_error(bad), Contains("no log path"));
}
