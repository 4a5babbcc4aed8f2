// The unified-CLI branch (current pyOCD from PyPI, not installable here) against a fake `pyocd`
// script on PATH that prints a modern version and target table and plays a gdbserver: a Python
// listener on the GDB port it is given, or pyOCD's no-probe message for one unique ID.
#include <signal.h>
#include <sys/wait.h>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "debug/loopback_ports.h"
#include "debug/probe_error.h"
#include "probes/debug/run_coro.h"
#include "pyocd/pyocd_install.h"
#include "pyocd/pyocd_server.h"
#include "support/test_paths.h"

using namespace tr::probe;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

constexpr const char* kFakePyocd = R"(#!/bin/sh
here=$(dirname "$0")
echo "$*" >> "$here/calls.txt"
case "$1" in
  --version) echo "0.36.0" ;;
  list)
    echo "  Name          Vendor                 Part Number   Families         Source   "
    echo "-------------------------------------------------------------------------------"
    echo "  max32630      Maxim                  MAX32630                       builtin  "
    echo "  nrf52840      Nordic Semiconductor   nRF52840      nRF52 Series     builtin  "
    echo "  stm32h743zi   STMicroelectronics     STM32H743ZITx STM32H7 Series   pack     "
    ;;
  gdbserver)
    port=""; uid=""
    while [ $# -gt 0 ]; do
      case "$1" in -p) port="$2"; shift ;; -u) uid="$2"; shift ;; esac
      shift
    done
    if [ "$uid" = "MISSING" ]; then
      echo "A debug probe matching unique ID 'MISSING' is not connected, or no connected probe matches"
      exit 1
    fi
    exec /usr/bin/python3 -c 'import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(1)
time.sleep(300)' "$port" ;;
  *) echo "pyocd: unknown subcommand $1" >&2; exit 2 ;;
esac
)";

// A directory holding the fake `pyocd`, put first on PATH for the test's scope.
class FakePyocdOnPath {
 public:
  FakePyocdOnPath() : dir_(tr::test::scratch_dir("pyocd-unified") / "bin") {
    fs::create_directories(dir_);
    std::ofstream(dir_ / "pyocd") << kFakePyocd;
    fs::permissions(dir_ / "pyocd",
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
    const char* path = std::getenv("PATH");
    if (path) old_ = path;
    ::setenv("PATH", (dir_.string() + ":" + old_.value_or("/usr/bin:/bin")).c_str(), 1);
  }
  ~FakePyocdOnPath() {
    if (old_) {
      ::setenv("PATH", old_->c_str(), 1);
    } else {
      ::unsetenv("PATH");
    }
  }
  FakePyocdOnPath(const FakePyocdOnPath&) = delete;
  FakePyocdOnPath& operator=(const FakePyocdOnPath&) = delete;

  const fs::path& dir() const { return dir_; }
  std::string calls() const {
    std::ifstream in(dir_ / "calls.txt");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  fs::path dir_;
  std::optional<std::string> old_;
};

bool python_available() {
  if (fs::exists("/usr/bin/python3")) return true;
  WARN("skipped: /usr/bin/python3 (the fake gdbserver) is not installed");
  return false;
}

}  // namespace

TEST_CASE("a unified pyocd on PATH is preferred and its targets are read from the table",
          "[pyocd][integration]") {
  FakePyocdOnPath fake;
  boost::asio::io_context ctx;
  const auto install = test::run_coro(ctx, detect_pyocd());
  CHECK(install.flavour == PyOcdFlavour::unified);
  CHECK(install.version == "0.36.0");
  CHECK(install.program.string() == (fake.dir() / "pyocd").string());
  const auto targets = test::run_coro(ctx, pyocd_targets(install));
  CHECK(targets == std::vector<std::string>{"max32630", "nrf52840", "stm32h743zi"});
  CHECK_THAT(fake.calls(), Contains("--version\nlist --targets\n"));
}

TEST_CASE("no pyOCD at all is a clear error", "[pyocd][integration]") {
  boost::asio::io_context ctx;
  PyOcdPrograms programs{"tinyrack-no-such-pyocd", "tinyrack-no-such-pyocd-gdbserver"};
  try {
    test::run_coro(ctx, detect_pyocd(programs));
    FAIL("expected detect_pyocd to fail");
  } catch (const ProbeError& e) {
    CHECK_THAT(e.what(), Contains("pyOCD is not installed"));
    CHECK_THAT(e.what(), Contains("python3-pyocd"));
  }
}

TEST_CASE("the unified gdbserver starts on loopback and stops without a trace",
          "[pyocd][integration]") {
  if (!python_available()) return;
  FakePyocdOnPath fake;
  boost::asio::io_context ctx;
  const auto install = test::run_coro(ctx, detect_pyocd());
  PyOcdServerSpec spec;
  spec.target = "nrf52840";
  spec.probe_uid = "E660B440072C1A2A";
  spec.log_path = fake.dir() / "server.log";
  auto server = test::run_coro(ctx, PyOcdServer::start(install, spec, std::chrono::seconds(60)));
  REQUIRE(server);
  CHECK(server->running());
  CHECK(process_listens_on(server->pid(), server->gdb_port()).value_or(true));
  CHECK_THAT(fake.calls(), Contains("gdbserver -p " + std::to_string(server->gdb_port()) + " -T " +
                                    std::to_string(server->telnet_port()) +
                                    " -t nrf52840 --persist --no-wait -u E660B440072C1A2A"));
  const int pid = server->pid();
  server->stop();
  CHECK_FALSE(server->running());
  CHECK(::kill(pid, 0) == -1);  // gone and reaped
  server.reset();
  CHECK((::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD));
}

TEST_CASE("the unified gdbserver's no-probe exit names the unique ID", "[pyocd][integration]") {
  FakePyocdOnPath fake;
  boost::asio::io_context ctx;
  const auto install = test::run_coro(ctx, detect_pyocd());
  PyOcdServerSpec spec;
  spec.target = "nrf52840";
  spec.probe_uid = "MISSING";
  spec.log_path = fake.dir() / "server.log";
  try {
    test::run_coro(ctx, PyOcdServer::start(install, spec, std::chrono::seconds(60)));
    FAIL("expected the fake gdbserver to report no probe");
  } catch (const ProbeError& e) {
    CHECK_THAT(e.what(), Contains("found no debug probe with unique ID 'MISSING'"));
    CHECK_THAT(e.what(), Contains("is not connected, or no connected probe matches"));
  }
  CHECK((::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD));
}
