#include "debug/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/readable_pipe.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>

#include "debug/child_setup.h"
#include "debug/loopback_ports.h"
#include "debug/probe_error.h"
#include "debug/process_v2.h"
#include "debug/with_timeout.h"

namespace tr::probe {
namespace asio = boost::asio;
namespace bp = boost::process::v2;
using namespace std::chrono_literals;

namespace {

constexpr auto kFirstPoll = 5ms, kMaxPoll = 50ms;

std::string join(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) out += (out.empty() ? "" : " ") + a;
  return out;
}

}  // namespace

struct ServerProcess::Impl {
  bp::process child;
  ServerSpawn spec;
  std::uintmax_t stderr_offset = 0;
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

ServerProcess::ServerProcess(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ServerProcess::~ServerProcess() {
  kill();
}

std::unique_ptr<ServerProcess> ServerProcess::spawn(asio::any_io_executor executor,
                                                    ServerSpawn spec) {
  if (spec.argv.empty())
    throw ProbeError(ProbeErrc::process, spec.name + " launch: empty command line");
  const int err_fd =
      ::open(spec.stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (err_fd < 0) {
    throw ProbeError(ProbeErrc::process, "cannot open " + spec.name + "'s stderr log " +
                                             spec.stderr_path.string() + ": " +
                                             std::strerror(errno));
  }
  const std::string banner = "--- tinyrack: " + join(spec.argv) + "\n";
  [[maybe_unused]] auto written = ::write(err_fd, banner.data(), banner.size());
  const auto offset = static_cast<std::uintmax_t>(::lseek(err_fd, 0, SEEK_END));
  const std::vector<std::string> args(spec.argv.begin() + 1, spec.argv.end());
  try {
    auto stdio = spec.stdout_to_log ? bp::process_stdio{nullptr, err_fd, err_fd}
                                    : bp::process_stdio{nullptr, nullptr, err_fd};
    bp::process child(executor, spec.argv.front(), args, stdio, ChildSetup{::getpid()});
    ::close(err_fd);
    const int pid = child.id();
    auto impl = std::make_unique<Impl>(
        Impl{std::move(child), std::move(spec), offset, pid, std::nullopt, false});
    return std::unique_ptr<ServerProcess>(new ServerProcess(std::move(impl)));
  } catch (const bp::system_error& e) {
    ::close(err_fd);
    throw ProbeError(ProbeErrc::process,
                     "could not start '" + join(spec.argv) + "': " + e.code().message());
  }
}

const std::string& ServerProcess::name() const {
  return impl_->spec.name;
}
const std::vector<std::string>& ServerProcess::argv() const {
  return impl_->spec.argv;
}
std::string ServerProcess::command_line() const {
  return join(impl_->spec.argv);
}
int ServerProcess::pid() const {
  return impl_->pid;
}
const std::filesystem::path& ServerProcess::stderr_path() const {
  return impl_->spec.stderr_path;
}

bool ServerProcess::running() {
  impl_->reap(WNOHANG);
  return !impl_->wait_status;
}

asio::awaitable<bool> ServerProcess::wait_for_exit(std::chrono::steady_clock::duration grace) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (running() && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(2));
    co_await timer.async_wait(asio::use_awaitable);
  }
  co_return !running();
}

void ServerProcess::kill() {
  if (!impl_ || impl_->wait_status) return;
  ::kill(impl_->pid, SIGKILL);
  impl_->reap(0);
}

std::optional<int> ServerProcess::exit_status() const {
  if (!impl_->wait_status || impl_->reaped_elsewhere || !WIFEXITED(*impl_->wait_status)) {
    return std::nullopt;
  }
  return WEXITSTATUS(*impl_->wait_status);
}

std::string ServerProcess::exit_description() const {
  if (!impl_->wait_status) return "running";
  if (impl_->reaped_elsewhere) return "ended (exit status unknown)";
  const int s = *impl_->wait_status;
  if (WIFEXITED(s)) return "exited with status " + std::to_string(WEXITSTATUS(s));
  if (WIFSIGNALED(s)) return "killed by signal " + std::to_string(WTERMSIG(s));
  return "ended (wait status " + std::to_string(s) + ")";
}

std::string ServerProcess::stderr_tail(std::size_t max_lines) const {
  std::ifstream in(impl_->spec.stderr_path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(impl_->stderr_offset));
  std::deque<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty()) continue;
    lines.push_back(line);
    if (lines.size() > max_lines) lines.pop_front();
  }
  if (lines.empty()) return "(empty)";
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : " | ") + l;
  return out;
}

asio::awaitable<bool> ServerProcess::wait_until_listening(std::uint16_t port) {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor);
  const asio::ip::tcp::endpoint endpoint(asio::ip::address_v4::loopback(), port);
  for (auto interval = std::chrono::steady_clock::duration(kFirstPoll);;
       interval = std::min<std::chrono::steady_clock::duration>(interval * 2, kMaxPoll)) {
    if (!running()) co_return false;
    if (process_listens_on(pid(), port).value_or(true)) {
      asio::ip::tcp::socket probe(executor);
      auto [ec] = co_await probe.async_connect(endpoint, asio::as_tuple(asio::use_awaitable));
      if (ec == asio::error::operation_aborted) throw boost::system::system_error(ec);
      if (!ec) co_return true;
    }
    timer.expires_after(interval);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

std::filesystem::path ServerProcess::resolve_program(const std::string& program) {
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

asio::awaitable<std::string> read_all_and_wait(asio::readable_pipe& out, bp::process& child) {
  std::string text;
  auto [ec, n] = co_await asio::async_read(out, asio::dynamic_buffer(text),
                                           asio::as_tuple(asio::use_awaitable));
  if (ec && ec != asio::error::eof) throw bp::system_error(ec, "reading stdout");
  co_await child.async_wait(asio::use_awaitable);
  co_return text;
}

}  // namespace

asio::awaitable<std::string> ServerProcess::capture_output(
    std::string program, std::vector<std::string> args,
    std::chrono::steady_clock::duration timeout) {
  const auto exe = resolve_program(program);
  auto executor = co_await asio::this_coro::executor;
  asio::readable_pipe out(executor);
  const std::string what = "'" + program + (args.empty() ? "" : " " + join(args)) + "'";
  bp::process child(executor, exe, args, bp::process_stdio{nullptr, out, nullptr},
                    ChildSetup{::getpid()});
  co_return co_await with_timeout(read_all_and_wait(out, child), timeout, what);
}

}  // namespace tr::probe
