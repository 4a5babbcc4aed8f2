#include "debug/qemu_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/readable_pipe.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>

#include "debug/probe_error.h"
#include "debug/process_v2.h"
#include "debug/with_timeout.h"

namespace tr::probe {
namespace asio = boost::asio;
namespace bp = boost::process::v2;

namespace {

// Child-side setup between fork and exec; must come after process_stdio in the initializer
// list (it relies on stdio already being dup2'ed onto 0-2).
//  - Boost 1.81's close_all() compares each whitelisted descriptor with itself instead of the
//    next one, so every descriptor below its exec-error pipe leaked into the child (listening
//    sockets included: QEMU then "owned" a port it never bound). Close those here; Boost still
//    closes the range above the pipe.
//  - Die with the spawning thread, so a crashed harness leaves no QEMU behind.
struct ChildSetup {
  pid_t parent;
  bp::error_code on_exec_setup(bp::posix::default_launcher& launcher, const std::filesystem::path&,
                               const char* const*) const {
    const auto& keep = launcher.fd_whitelist;
    const int highest = *std::max_element(keep.begin(), keep.end());
    for (int fd = 3; fd < highest; ++fd) {
      if (std::find(keep.begin(), keep.end(), fd) == keep.end()) ::close(fd);
    }
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent) {
      return bp::error_code(ESRCH, bp::system_category());
    }
    return {};
  }
};

std::string join(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) out += (out.empty() ? "" : " ") + a;
  return out;
}

}  // namespace

struct QemuProcess::Impl {
  bp::process child;
  std::vector<std::string> argv;
  std::filesystem::path stderr_path;
  std::uintmax_t stderr_offset = 0;
  std::uint16_t gdb_port = 0;
  std::uint16_t console_port = 0;
  int pid = 0;
  std::optional<int> wait_status;  // set once reaped
  bool reaped_elsewhere = false;

  void reap(int options) {
    if (wait_status) return;
    int status = 0;
    pid_t r;
    do {
      r = ::waitpid(pid, &status, options);
    } while (r < 0 && errno == EINTR);
    if (r == pid) wait_status = status;
    if (r < 0) {  // not our child any more: nothing left to wait for
      wait_status = 0;
      reaped_elsewhere = true;
    }
  }
};

QemuProcess::QemuProcess(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

QemuProcess::~QemuProcess() {
  kill();
}

std::unique_ptr<QemuProcess> QemuProcess::spawn(asio::any_io_executor executor,
                                                std::vector<std::string> argv,
                                                const std::filesystem::path& stderr_path,
                                                std::uint16_t gdb_port,
                                                std::uint16_t console_port) {
  if (argv.empty()) throw ProbeError(ProbeErrc::process, "QEMU launch: empty command line");
  const int err_fd = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (err_fd < 0) {
    throw ProbeError(ProbeErrc::process, "cannot open QEMU's stderr log " + stderr_path.string() +
                                             ": " + std::strerror(errno));
  }
  const std::string banner = "--- tinyrack: " + join(argv) + "\n";
  [[maybe_unused]] auto written = ::write(err_fd, banner.data(), banner.size());
  const auto offset = static_cast<std::uintmax_t>(::lseek(err_fd, 0, SEEK_END));
  const std::vector<std::string> args(argv.begin() + 1, argv.end());
  try {
    bp::process child(executor, argv.front(), args, bp::process_stdio{nullptr, nullptr, err_fd},
                      ChildSetup{::getpid()});
    ::close(err_fd);
    auto impl = std::make_unique<Impl>(Impl{std::move(child), std::move(argv), stderr_path, offset,
                                            gdb_port, console_port, 0, std::nullopt, false});
    impl->pid = impl->child.id();
    return std::unique_ptr<QemuProcess>(new QemuProcess(std::move(impl)));
  } catch (const bp::system_error& e) {
    ::close(err_fd);
    throw ProbeError(ProbeErrc::process,
                     "could not start '" + join(argv) + "': " + e.code().message());
  }
}

std::uint16_t QemuProcess::gdb_port() const {
  return impl_->gdb_port;
}
std::uint16_t QemuProcess::console_port() const {
  return impl_->console_port;
}
const std::vector<std::string>& QemuProcess::argv() const {
  return impl_->argv;
}
std::string QemuProcess::command_line() const {
  return join(impl_->argv);
}
int QemuProcess::pid() const {
  return impl_->pid;
}
const std::filesystem::path& QemuProcess::stderr_path() const {
  return impl_->stderr_path;
}

bool QemuProcess::running() {
  impl_->reap(WNOHANG);
  return !impl_->wait_status;
}

asio::awaitable<bool> QemuProcess::wait_for_exit(std::chrono::steady_clock::duration grace) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (running() && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(2));
    co_await timer.async_wait(asio::use_awaitable);
  }
  co_return !running();
}

void QemuProcess::kill() {
  if (!impl_ || impl_->wait_status) return;
  ::kill(impl_->pid, SIGKILL);
  impl_->reap(0);
}

std::optional<int> QemuProcess::exit_status() const {
  if (!impl_->wait_status || impl_->reaped_elsewhere || !WIFEXITED(*impl_->wait_status)) {
    return std::nullopt;
  }
  return WEXITSTATUS(*impl_->wait_status);
}

std::string QemuProcess::exit_description() const {
  if (!impl_->wait_status) return "running";
  if (impl_->reaped_elsewhere) return "ended (exit status unknown)";
  const int s = *impl_->wait_status;
  if (WIFEXITED(s)) return "exited with status " + std::to_string(WEXITSTATUS(s));
  if (WIFSIGNALED(s)) return "killed by signal " + std::to_string(WTERMSIG(s));
  return "ended (wait status " + std::to_string(s) + ")";
}

std::string QemuProcess::stderr_tail(std::size_t max_lines) const {
  std::ifstream in(impl_->stderr_path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(impl_->stderr_offset));
  std::deque<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    lines.push_back(line);
    if (lines.size() > max_lines) lines.pop_front();
  }
  if (lines.empty()) return "(empty)";
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : " | ") + l;
  return out;
}

std::filesystem::path QemuProcess::resolve_program(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    if (::access(program.c_str(), X_OK) != 0) {
      throw ProbeError(ProbeErrc::process,
                       "'" + program + "' is not an executable file; fix the program path");
    }
    return program;
  }
  auto found = bp::environment::find_executable(program);
  if (found.empty()) {
    throw ProbeError(ProbeErrc::process, "'" + program +
                                             "' was not found on PATH; install it (Debian: "
                                             "scripts/bootstrap) or give its full path");
  }
  return found;
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

asio::awaitable<std::string> read_all_and_wait(asio::readable_pipe& out, bp::process& child) {
  std::string text;
  auto [ec, n] = co_await asio::async_read(out, asio::dynamic_buffer(text),
                                           asio::as_tuple(asio::use_awaitable));
  if (ec && ec != asio::error::eof) throw bp::system_error(ec, "reading stdout");
  co_await child.async_wait(asio::use_awaitable);
  co_return text;
}

}  // namespace

asio::awaitable<std::string> QemuProcess::version(std::string program,
                                                  std::chrono::steady_clock::duration timeout) {
  const auto exe = resolve_program(program);
  auto executor = co_await asio::this_coro::executor;
  asio::readable_pipe out(executor);
  bp::process child(executor, exe, {"--version"}, bp::process_stdio{nullptr, out, nullptr},
                    ChildSetup{::getpid()});
  const std::string text =
      co_await with_timeout(read_all_and_wait(out, child), timeout, "'" + program + " --version'");
  const std::string version = version_number(text);
  if (version.empty()) {
    throw ProbeError(ProbeErrc::process, "'" + program +
                                             " --version' printed no version number: '" +
                                             text.substr(0, text.find('\n')) + "'");
  }
  co_return version;
}

}  // namespace tr::probe
