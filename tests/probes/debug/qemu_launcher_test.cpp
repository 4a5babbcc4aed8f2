// launch_qemu() input checks and the exact command line; no QEMU needed.
#include "debug/qemu_launcher.h"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "debug/probe_error.h"
#include "run_coro.h"

using namespace tr::probe;
using namespace std::chrono_literals;

TEST_CASE("qemu_arguments builds the documented command line", "[qemu][launcher]") {
  QemuLaunchSpec spec;
  spec.machine = "mps2-an386";
  spec.icount_shift = 3;
  spec.extra_args = {"-d", "unimp"};
  const std::vector<std::string> expected = {
      "-M",
      "mps2-an386",
      "-display",
      "none",
      "-monitor",
      "none",
      "-icount",
      "shift=3,sleep=off",
      "-S",
      "-gdb",
      "tcp:127.0.0.1:40001",
      "-chardev",
      "socket,id=con,host=127.0.0.1,port=40002,server=on,wait=off",
      "-serial",
      "chardev:con",
      "-d",
      "unimp"};
  CHECK(qemu_arguments(spec, 40001, 40002) == expected);
}

TEST_CASE("launch_qemu rejects incomplete specs before starting anything", "[qemu][launcher]") {
  boost::asio::io_context ctx;
  QemuLaunchSpec spec;
  spec.stderr_path = "/tmp/unused.log";
  auto launch = [&] { return tr::probe::test::run_coro(ctx, launch_qemu(spec, 1s)); };
  CHECK_THROWS_WITH(launch(), Catch::Contains("no machine given"));
  spec.machine = "mps2-an386";
  spec.icount_shift = 11;
  CHECK_THROWS_WITH(launch(), Catch::Contains("icount shift 11"));
  spec.icount_shift = 0;
  spec.stderr_path.clear();
  CHECK_THROWS_WITH(launch(), Catch::Contains("no stderr log path"));
  spec.stderr_path = "/tmp/unused.log";
  spec.program = "tinyrack-no-such-qemu";
  try {
    launch();
    FAIL("launched a missing program");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::process);
    CHECK_THAT(e.what(), Catch::Contains("'tinyrack-no-such-qemu' was not found on PATH"));
  }
}
