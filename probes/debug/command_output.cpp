#include "debug/command_output.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/readable_pipe.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>

#include "debug/child_setup.h"
#include "debug/probe_error.h"
#include "debug/process_v2.h"
#include "debug/qemu_process.h"
#include "debug/with_timeout.h"

namespace tr::probe {
namespace asio = boost::asio;
namespace bp = boost::process::v2;
using namespace boost::asio::experimental::awaitable_operators;

namespace {

asio::awaitable<std::string> read_all(asio::readable_pipe& pipe) {
  std::string text;
  auto [ec, n] = co_await asio::async_read(pipe, asio::dynamic_buffer(text),
                                           asio::as_tuple(asio::use_awaitable));
  if (ec && ec != asio::error::eof) throw bp::system_error(ec, "reading a child's output");
  co_return text;
}

// Both pipes to their end (the child closing them), then the exit status.
asio::awaitable<CommandOutput> collect(asio::readable_pipe& out, asio::readable_pipe& err,
                                       bp::process& child) {
  auto [out_text, err_text] = co_await (read_all(out) && read_all(err));
  const int status = co_await child.async_wait(asio::use_awaitable);
  co_return CommandOutput{status, std::move(out_text), std::move(err_text)};
}

std::string join(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) s += (s.empty() ? "" : " ") + a;
  return s;
}

}  // namespace

asio::awaitable<CommandOutput> run_command(std::vector<std::string> argv,
                                           std::chrono::steady_clock::duration timeout) {
  if (argv.empty()) throw ProbeError(ProbeErrc::process, "run_command: empty command line");
  const auto exe = QemuProcess::resolve_program(argv.front());
  auto executor = co_await asio::this_coro::executor;
  asio::readable_pipe out(executor), err(executor);
  const std::vector<std::string> args(argv.begin() + 1, argv.end());
  std::optional<bp::process> child;
  try {
    child.emplace(executor, exe, args, bp::process_stdio{nullptr, out, err},
                  ChildSetup{::getpid()});
  } catch (const bp::system_error& e) {
    throw ProbeError(ProbeErrc::process,
                     "could not start '" + join(argv) + "': " + e.code().message());
  }
  try {
    co_return co_await with_timeout(collect(out, err, *child), timeout, "'" + join(argv) + "'");
  } catch (const TimeoutError&) {
    // Kill and reap before the error leaves, so no child outlives the call.
    bp::error_code ignored;
    child->terminate(ignored);
    child->wait(ignored);
    throw;
  }
}

}  // namespace tr::probe
