#include "debug/qemu_process.h"

#include <cctype>

#include "debug/probe_error.h"

namespace tr::probe {
namespace asio = boost::asio;

QemuProcess::QemuProcess(std::unique_ptr<ServerProcess> server, std::uint16_t gdb_port,
                         std::uint16_t console_port)
    : server_(std::move(server)), gdb_port_(gdb_port), console_port_(console_port) {}

QemuProcess::~QemuProcess() = default;  // ServerProcess kills and reaps

std::unique_ptr<QemuProcess> QemuProcess::spawn(asio::any_io_executor executor,
                                                std::vector<std::string> argv,
                                                const std::filesystem::path& stderr_path,
                                                std::uint16_t gdb_port,
                                                std::uint16_t console_port) {
  auto server = ServerProcess::spawn(std::move(executor),
                                     ServerSpawn{"QEMU", std::move(argv), stderr_path, false});
  return std::unique_ptr<QemuProcess>(new QemuProcess(std::move(server), gdb_port, console_port));
}

std::uint16_t QemuProcess::gdb_port() const {
  return gdb_port_;
}
std::uint16_t QemuProcess::console_port() const {
  return console_port_;
}
const std::vector<std::string>& QemuProcess::argv() const {
  return server_->argv();
}
std::string QemuProcess::command_line() const {
  return server_->command_line();
}
int QemuProcess::pid() const {
  return server_->pid();
}
const std::filesystem::path& QemuProcess::stderr_path() const {
  return server_->stderr_path();
}
bool QemuProcess::running() {
  return server_->running();
}
asio::awaitable<bool> QemuProcess::wait_for_exit(std::chrono::steady_clock::duration grace) {
  return server_->wait_for_exit(grace);
}
void QemuProcess::kill() {
  server_->kill();
}
std::string QemuProcess::exit_description() const {
  return server_->exit_description();
}
std::optional<int> QemuProcess::exit_status() const {
  return server_->exit_status();
}
std::string QemuProcess::stderr_tail(std::size_t max_lines) const {
  return server_->stderr_tail(max_lines);
}
std::filesystem::path QemuProcess::resolve_program(const std::string& program) {
  return ServerProcess::resolve_program(program);
}

namespace {

// "QEMU emulator version 7.2.22 (Debian ...)" -> "7.2.22"; empty if there is none.
std::string version_number(const std::string& text) {
  const auto at = text.find("version ");
  if (at == std::string::npos) return {};
  const auto begin = at + 8;
  if (begin >= text.size() || !std::isdigit(static_cast<unsigned char>(text[begin]))) return {};
  return text.substr(begin, text.find_first_not_of("0123456789.", begin) - begin);
}

}  // namespace

asio::awaitable<std::string> QemuProcess::version(std::string program,
                                                  std::chrono::steady_clock::duration timeout) {
  std::vector<std::string> args;
  args.emplace_back("--version");
  const std::string text =
      co_await ServerProcess::capture_output(program, std::move(args), timeout);
  const std::string version = version_number(text);
  if (version.empty()) {
    throw ProbeError(ProbeErrc::process, "'" + program +
                                             " --version' printed no version number: '" +
                                             text.substr(0, text.find('\n')) + "'");
  }
  co_return version;
}

}  // namespace tr::probe
