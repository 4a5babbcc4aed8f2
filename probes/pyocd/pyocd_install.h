// Which pyOCD is installed, and which targets it knows. Two flavours exist in the wild
// (openocd-pyocd.md §4): current pyOCD's one `pyocd` command with subcommands (PyPI), and
// Debian 12's 0.13.1, which has no `pyocd` command but split executables (`pyocd-gdbserver`,
// `pyocd-flashtool`, `pyocd-tool`). The gdbserver command line differs between them
// (pyocd_server.h).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tr::probe {

enum class PyOcdFlavour {
  unified,  // `pyocd --version`, `pyocd list --targets`, `pyocd gdbserver ...`
  split,    // `pyocd-gdbserver --version`, `pyocd-gdbserver --list-targets`, ...
};

std::string_view to_string(PyOcdFlavour flavour);  // "unified" / "split"

// Names (or paths) to look for; the rack's programs.pyocd_gdbserver overrides the second.
struct PyOcdPrograms {
  std::string pyocd = "pyocd";
  std::string gdbserver = "pyocd-gdbserver";
};

struct PyOcdInstall {
  PyOcdFlavour flavour = PyOcdFlavour::split;
  std::string version;            // "0.13.1"
  std::filesystem::path program;  // `pyocd` (unified) or `pyocd-gdbserver` (split), resolved
};

// Prefers the unified `pyocd` when both exist (pip installs of older releases still ship the
// split names as deprecated aliases). Neither found, or no version printed -> ProbeError(process)
// saying how to install pyOCD.
boost::asio::awaitable<PyOcdInstall> detect_pyocd(
    PyOcdPrograms programs = {},
    std::chrono::steady_clock::duration timeout = std::chrono::seconds(30));

// The target type names the installed pyOCD accepts for -t/--target, sorted. A failing list
// command -> ProbeError(process) quoting its stderr.
boost::asio::awaitable<std::vector<std::string>> pyocd_targets(
    const PyOcdInstall& install,
    std::chrono::steady_clock::duration timeout = std::chrono::seconds(60));

// Parsers of the commands' output (pure; exposed for tests).
// The first word that looks like a version ("0.13.1", "0.36.1.dev3"); empty when none does.
std::string parse_pyocd_version(const std::string& text);
// `pyocd-gdbserver --list-targets`: one name per line.
std::vector<std::string> parse_target_lines(const std::string& text);
// `pyocd list --targets`: a table with a "Name Vendor Part Number ..." header and a dashed rule
// (either may be missing with -H); the name is each row's first column.
std::vector<std::string> parse_target_table(const std::string& text);

}  // namespace tr::probe
