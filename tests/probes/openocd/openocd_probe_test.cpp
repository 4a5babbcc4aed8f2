// OpenOcdProbe against the real openocd with the dummy adapter: everything up to the target
// is real; target operations fail (there is none) and must do so cleanly.
#include "openocd/openocd_probe.h"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <filesystem>

#include "debug/probe_error.h"
#include "openocd_test_support.h"
#include "probes/debug/elf_builder.h"
#include "probes/debug/run_coro.h"
#include "support/test_paths.h"

using namespace tr::probe;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using tr::probe::test::child_openocd_count;
using tr::probe::test::dummy_openocd_spec;
using tr::probe::test::have_openocd;
using tr::probe::test::process_exists;
using tr::probe::test::run_coro;

namespace {

OpenOcdProbeConfig dummy_config(const char* name) {
  OpenOcdProbeConfig config;
  config.launch = dummy_openocd_spec(name);
  config.halt_on_open = false;
  config.scratch_dir = tr::test::scratch_dir(name);
  config.launch_timeout = 20s;
  return config;
}

std::size_t hex_files_in(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    n += e.path().extension() == ".hex";
  return n;
}

}  // namespace

TEST_CASE("real openocd probe: open, commands, target errors, close", "[openocd][integration]") {
  if (!have_openocd()) {
    WARN("openocd is not installed: skipped");
    return;
  }
  asio::io_context ctx;
  const auto config = dummy_config("openocd_probe_real");
  OpenOcdProbe probe(ctx.get_executor(), config);
  run_coro(ctx, probe.open());
  REQUIRE(probe.is_open());
  REQUIRE(probe.process() != nullptr);
  const int pid = probe.process()->pid();
  CHECK_THAT(probe.description(), Catch::Contains("pid " + std::to_string(pid)));
  CHECK_THAT(run_coro(ctx, probe.version()), Catch::StartsWith("Open On-Chip Debugger 0."));
  CHECK(run_coro(ctx, probe.command("expr 2*3")) == "6");

  try {
    run_coro(ctx, probe.halt());
    FAIL("halt worked without a target");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::target);
    CHECK_THAT(e.what(), Catch::Contains("OpenOCD command 'halt' failed") &&
                             Catch::Contains("OpenOCD log: "));
  }
  CHECK_THROWS_WITH(run_coro(ctx, probe.read_memory(0x20000000, 16)),
                    Catch::Contains("'read_memory 0x20000000 8 16' failed"));
  CHECK_THROWS_WITH(run_coro(ctx, probe.reset()), Catch::Contains("'reset halt' failed"));

  tr::probe::test::ElfBuilder b;
  b.entry = 0x101;
  b.segments = {{0x0, {1, 2, 3, 4}}};
  const auto elf = b.build();
  try {
    run_coro(ctx, probe.flash(ElfImage::parse(elf, "dummy.elf")));
    FAIL("flash worked without a target");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::target);
    CHECK_THAT(e.what(), Catch::Contains("flashing dummy.elf through OpenOCD failed") &&
                             Catch::Contains("'program {"));
  }
  CHECK(hex_files_in(config.scratch_dir) == 0);  // the temporary HEX file is gone
  CHECK(probe.is_open());                        // failures left the link usable

  run_coro(ctx, probe.close());
  CHECK_FALSE(probe.is_open());
  CHECK(probe.process() == nullptr);
  CHECK_FALSE(process_exists(pid));
  run_coro(ctx, probe.close());  // twice is fine
}

TEST_CASE("real openocd probe: open that must halt fails cleanly and leaves no process",
          "[openocd][integration]") {
  if (!have_openocd()) {
    WARN("openocd is not installed: skipped");
    return;
  }
  asio::io_context ctx;
  auto config = dummy_config("openocd_probe_halt");
  config.halt_on_open = true;
  OpenOcdProbe probe(ctx.get_executor(), config);
  CHECK_THROWS_WITH(run_coro(ctx, probe.open()), Catch::Contains("OpenOCD command 'halt' failed"));
  CHECK_FALSE(probe.is_open());
  CHECK(probe.process() == nullptr);
  CHECK(child_openocd_count() == 0);
}

TEST_CASE("real openocd probe: attaches to a running OpenOCD and leaves it running",
          "[openocd][integration]") {
  if (!have_openocd()) {
    WARN("openocd is not installed: skipped");
    return;
  }
  asio::io_context ctx;
  auto server =
      run_coro(ctx, OpenOcdProcess::launch(dummy_openocd_spec("openocd_probe_attach"), 20s));
  OpenOcdProbeConfig config;
  config.attach = OpenOcdAttach{"localhost", server->tcl_port()};
  config.halt_on_open = false;
  OpenOcdProbe probe(ctx.get_executor(), config);
  run_coro(ctx, probe.open());
  CHECK(probe.process() == nullptr);
  CHECK(run_coro(ctx, probe.command("expr 7*6")) == "42");
  CHECK_THAT(probe.description(), Catch::Contains(std::to_string(server->tcl_port())));
  run_coro(ctx, probe.close());
  CHECK(server->server().running());  // not ours to stop
  server.reset();
  CHECK(child_openocd_count() == 0);
}

TEST_CASE("real openocd probe: OpenOCD failing to start is reported by open",
          "[openocd][integration]") {
  if (!have_openocd()) {
    WARN("openocd is not installed: skipped");
    return;
  }
  asio::io_context ctx;
  auto config = dummy_config("openocd_probe_badcfg");
  config.launch.config_args = {"-f", "/nonexistent/tinyrack-board.cfg"};
  OpenOcdProbe probe(ctx.get_executor(), config);
  try {
    run_coro(ctx, probe.open());
    FAIL("opened with a missing config file");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::process);
    CHECK_THAT(e.what(), Catch::Contains("tinyrack-board.cfg"));
  }
  CHECK(child_openocd_count() == 0);
}
