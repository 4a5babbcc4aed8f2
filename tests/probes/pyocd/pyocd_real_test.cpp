// Debian's pyOCD 0.13.1 (python3-pyocd) as far as it runs without hardware: version, target
// list, argument errors and a gdbserver with no probe. Skipped when it is not installed.
#include <sys/wait.h>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <cerrno>
#include <fstream>
#include <sstream>

#include "debug/probe_error.h"
#include "probes/debug/run_coro.h"
#include "pyocd/pyocd_install.h"
#include "pyocd/pyocd_server.h"
#include "support/test_paths.h"

using namespace tr::probe;
using Catch::Matchers::Contains;

namespace {

constexpr const char* kGdbserver = "/usr/bin/pyocd-gdbserver";

bool installed() {
  if (std::filesystem::exists(kGdbserver)) return true;
  WARN("skipped: " << kGdbserver << " is not installed (Debian package python3-pyocd)");
  return false;
}

// The split flavour even where a unified `pyocd` is also on PATH.
PyOcdInstall detect_split(boost::asio::io_context& ctx) {
  PyOcdPrograms programs;
  programs.pyocd = (tr::test::scratch_dir("pyocd-none") / "pyocd").string();  // does not exist
  programs.gdbserver = kGdbserver;
  return test::run_coro(ctx, detect_pyocd(programs));
}

// True when this process has no child left, running or unreaped.
bool no_children() {
  return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

std::string start_error(boost::asio::io_context& ctx, const PyOcdInstall& install,
                        PyOcdServerSpec spec) {
  try {
    test::run_coro(ctx, PyOcdServer::start(install, spec, std::chrono::seconds(60)));
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::process);
    return e.what();
  }
  FAIL("expected pyocd-gdbserver to fail without hardware");
  return {};
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("Debian's pyOCD is detected as the split flavour with its version",
          "[pyocd][integration]") {
  if (!installed()) return;
  boost::asio::io_context ctx;
  const auto install = detect_split(ctx);
  CHECK(install.flavour == PyOcdFlavour::split);
  CHECK_THAT(install.version, Catch::Matchers::StartsWith("0.13"));
  CHECK(install.program.string() == kGdbserver);
  CHECK(to_string(install.flavour) == "split");
}

TEST_CASE("pyocd-gdbserver --list-targets is parsed", "[pyocd][integration]") {
  if (!installed()) return;
  boost::asio::io_context ctx;
  const auto targets = test::run_coro(ctx, pyocd_targets(detect_split(ctx)));
  CHECK(targets.size() >= 40);  // 0.13.1 ships ~56 built-in targets
  for (const char* name : {"nrf52840", "stm32f103rc", "cortex_m", "k64f"}) {
    INFO(name);
    CHECK(std::find(targets.begin(), targets.end(), name) != targets.end());
  }
  CHECK(std::is_sorted(targets.begin(), targets.end()));
}

TEST_CASE("an unknown target is a clear error and leaves no process", "[pyocd][integration]") {
  if (!installed()) return;
  boost::asio::io_context ctx;
  const auto install = detect_split(ctx);
  PyOcdServerSpec spec;
  spec.target = "nosuch_chip";
  spec.log_path = tr::test::scratch_dir("pyocd-bad-target") / "pyocd.log";
  const auto message = start_error(ctx, install, spec);
  CHECK_THAT(message, Contains("invalid target option 'nosuch_chip'"));
  CHECK_THAT(message, Contains("check the target name"));
  CHECK_THAT(message, Contains("exited with status 2, rejecting its arguments: "));
  CHECK_THAT(message, !Contains("usage:"));  // the complaint, not the usage text
  CHECK(no_children());
}

TEST_CASE("a gdbserver with no probe connected fails cleanly", "[pyocd][integration]") {
  if (!installed()) return;
  boost::asio::io_context ctx;
  const auto install = detect_split(ctx);
  PyOcdServerSpec spec;
  spec.target = "nrf52840";
  spec.log_path = tr::test::scratch_dir("pyocd-no-probe") / "pyocd.log";
  SECTION("any probe") {
    const auto message = start_error(ctx, install, spec);
    CHECK_THAT(message, Contains("found no debug probe"));
    CHECK_THAT(message, Contains("Waiting for a debug probe"));
  }
  SECTION("a probe by unique ID") {
    spec.probe_uid = "0240000032044e4500257009997b00386781000097969900";
    const auto message = start_error(ctx, install, spec);
    CHECK_THAT(message, Contains("no debug probe with unique ID '" + spec.probe_uid + "'"));
  }
  CHECK(no_children());  // killed and reaped, not left waiting for a probe
  const auto log = read_file(spec.log_path);
  CHECK_THAT(log, Contains("--- tinyrack: "));  // the command line heads the log
  CHECK_THAT(log, Contains("pyocd-gdbserver -p "));
}
