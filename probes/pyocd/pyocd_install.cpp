#include "pyocd/pyocd_install.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "debug/command_output.h"
#include "debug/probe_error.h"
#include "debug/qemu_process.h"

namespace tr::probe {
namespace asio = boost::asio;

namespace {

// Target type names are lower-case identifiers ("nrf52840", "lpc11xx_32", "stm32f412xe");
// anything else on a line (a warning, a header) is not one.
bool is_target_name(const std::string& word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

std::string first_line(const std::string& text) {
  const auto begin = text.find_first_not_of("\r\n");
  if (begin == std::string::npos) return "(nothing)";
  return text.substr(begin, text.find_first_of("\r\n", begin) - begin);
}

std::string last_lines(const std::string& text, std::size_t max_lines) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  if (lines.empty()) return "(empty)";
  std::string out;
  for (auto i = lines.size() > max_lines ? lines.size() - max_lines : 0; i < lines.size(); ++i) {
    out += (out.empty() ? "" : " | ") + lines[i];
  }
  return out;
}

// Resolves `program`, or nullopt when it is not installed.
std::optional<std::filesystem::path> find_program(const std::string& program) {
  try {
    return QemuProcess::resolve_program(program);
  } catch (const ProbeError&) {
    return std::nullopt;
  }
}

asio::awaitable<std::string> version_of(const std::filesystem::path& program,
                                        std::chrono::steady_clock::duration timeout) {
  // (The command line is built before co_await: GCC 12 rejects a braced list of a temporary
  // and a literal inside a coroutine's co_await expression.)
  std::vector<std::string> argv = {program.string()};
  argv.push_back("--version");
  const auto result = co_await run_command(std::move(argv), timeout);
  // argparse prints the version to stdout since Python 3.4, to stderr before.
  std::string version = parse_pyocd_version(result.out);
  if (version.empty()) version = parse_pyocd_version(result.err);
  if (result.exit_status != 0 || version.empty()) {
    throw ProbeError(ProbeErrc::process,
                     "'" + program.string() + " --version' printed no version (exit status " +
                         std::to_string(result.exit_status) +
                         ", output: " + first_line(result.out + result.err) + "); is it pyOCD?");
  }
  co_return version;
}

}  // namespace

std::string_view to_string(PyOcdFlavour flavour) {
  return flavour == PyOcdFlavour::unified ? "unified" : "split";
}

std::string parse_pyocd_version(const std::string& text) {
  std::istringstream in(text);
  for (std::string word; in >> word;) {
    if (word.front() == 'v') word.erase(0, 1);
    if (word.empty() || !std::isdigit(static_cast<unsigned char>(word.front()))) continue;
    if (word.find('.') == std::string::npos) continue;
    const bool ok = std::all_of(word.begin(), word.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '+' || c == '-';
    });
    if (ok) return word;
  }
  return {};
}

std::vector<std::string> parse_target_lines(const std::string& text) {
  std::vector<std::string> names;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string word, extra;
    if (words >> word && !(words >> extra) && is_target_name(word)) names.push_back(word);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> parse_target_table(const std::string& text) {
  std::vector<std::string> names;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string word;
    if (!(words >> word)) continue;
    // The header's first column is "Name"; the rule under it is dashes (or '+'/'|' borders).
    if (word == "Name" || word.find_first_not_of("-+|=") == std::string::npos) continue;
    if (is_target_name(word)) names.push_back(word);
  }
  std::sort(names.begin(), names.end());
  return names;
}

asio::awaitable<PyOcdInstall> detect_pyocd(PyOcdPrograms programs,
                                           std::chrono::steady_clock::duration timeout) {
  // One statement per co_await: GCC 12 miscompiles a co_await inside a braced initializer.
  PyOcdInstall install;
  if (auto unified = find_program(programs.pyocd)) {
    install.flavour = PyOcdFlavour::unified;
    install.program = *unified;
  } else if (auto split = find_program(programs.gdbserver)) {
    install.flavour = PyOcdFlavour::split;
    install.program = *split;
  }
  if (!install.program.empty()) {
    install.version = co_await version_of(install.program, timeout);
    co_return install;
  }
  throw ProbeError(ProbeErrc::process,
                   "pyOCD is not installed: neither '" + programs.pyocd + "' nor '" +
                       programs.gdbserver +
                       "' was found on PATH; install Debian's python3-pyocd (scripts/bootstrap) "
                       "or pip's pyocd, or set the rack's programs.pyocd_gdbserver");
}

asio::awaitable<std::vector<std::string>> pyocd_targets(
    const PyOcdInstall& install, std::chrono::steady_clock::duration timeout) {
  const bool unified = install.flavour == PyOcdFlavour::unified;
  std::vector<std::string> argv = {install.program.string()};
  if (unified) {
    argv.insert(argv.end(), {"list", "--targets"});
  } else {
    argv.push_back("--list-targets");
  }
  const auto result = co_await run_command(argv, timeout);
  std::string command;
  for (const auto& a : argv) command += (command.empty() ? "" : " ") + a;
  if (result.exit_status != 0) {
    throw ProbeError(ProbeErrc::process, "'" + command + "' failed (exit status " +
                                             std::to_string(result.exit_status) +
                                             "): " + last_lines(result.err + result.out, 6));
  }
  auto names = unified ? parse_target_table(result.out) : parse_target_lines(result.out);
  if (names.empty()) {
    throw ProbeError(ProbeErrc::process,
                     "'" + command + "' listed no targets: " + last_lines(result.out, 4));
  }
  co_return names;
}

}  // namespace tr::probe
