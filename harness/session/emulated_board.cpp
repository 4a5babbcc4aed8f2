#include "session/emulated_board.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fstream>
#include <stdexcept>

#include "debug/qemu_process.h"
#include "debug/with_timeout.h"
#include "session/chip_check.h"

namespace tr::harness {
namespace asio = boost::asio;
using config::TimeoutKind;

namespace {

// QEMU's console chardev listens from start-up; retry until it accepts (the caller bounds the
// wait with a deadline).
asio::awaitable<void> connect_console(asio::ip::tcp::socket& socket, uint16_t port) {
  asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  for (;;) {
    boost::system::error_code ec;
    co_await socket.async_connect(ep, asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) co_return;
    socket.close();
    asio::steady_timer pause(socket.get_executor(), std::chrono::milliseconds(20));
    co_await pause.async_wait(asio::use_awaitable);
  }
}

}  // namespace

EmulatedBoardFiles board_files_in(const std::filesystem::path& dir, const std::string& board_name) {
  return {dir / (board_name + ".console.txt"), dir / (board_name + ".qemu-stderr.txt"),
          dir / (board_name + ".qemu-command.txt")};
}

EmulatedBoard::EmulatedBoard(const config::BoardSpec& board, std::string qemu_program,
                             EmulatedBoardFiles files)
    : board_(board), qemu_program_(std::move(qemu_program)), files_(std::move(files)) {}

EmulatedBoard::~EmulatedBoard() {
  if (probe::QemuProcess* q = qemu()) q->kill();
}

std::chrono::milliseconds EmulatedBoard::timeout(TimeoutKind kind) const {
  return board_.target.timeout(kind);
}

RunnerClient& EmulatedBoard::runner() {
  if (!runner_) throw std::logic_error("EmulatedBoard::runner() before start()");
  return *runner_;
}

probe::QemuProcess* EmulatedBoard::qemu() {
  return probe_ ? probe_->process() : nullptr;
}

asio::awaitable<RunnerReply> EmulatedBoard::start(const probe::ElfImage& image,
                                                  const StepFn& on_step) {
  auto step = [&](const std::string& name, const std::string& detail) {
    if (on_step) on_step(name, detail);
  };
  const config::TargetSpec& target = board_.target;
  if (!target.emulation) {
    throw std::runtime_error("target " + target.name +
                             " has no emulation block; only emulated boards run today");
  }
  step("start-qemu", target.emulation->machine);
  probe::QemuProbeConfig config;
  config.launch.program = qemu_program_;
  config.launch.machine = target.emulation->machine;
  config.launch.icount_shift = target.emulation->icount_shift;
  config.launch.stderr_path = files_.qemu_stderr;
  config.launch_timeout = timeout(TimeoutKind::boot);
  config.connect_timeout = timeout(TimeoutKind::command);
  config.halt_timeout = timeout(TimeoutKind::command);
  config.rsp.timeouts.packet = timeout(TimeoutKind::command);
  config.rsp.timeouts.monitor = timeout(TimeoutKind::flash);
  probe_ = std::make_unique<probe::QemuProbe>(co_await asio::this_coro::executor, config);
  co_await probe_->open();
  probe::QemuProcess& q = *probe_->process();
  qemu_command_ = q.argv();
  {
    std::ofstream out(files_.command_line);
    out << q.command_line() << '\n';
  }
  qemu_version_ = co_await probe::QemuProcess::version(qemu_program_, timeout(TimeoutKind::boot));
  step("qemu-started", "pid " + std::to_string(q.pid()));

  if (target.identity) {
    step("check-identity", "CPUID at 0xe000ed00");
    chip_ = co_await check_identity();
    step("check-identity", chip_);
  }

  // The console must be connected before the first continue: output sent earlier is lost.
  step("connect-console", "127.0.0.1:" + std::to_string(q.console_port()));
  asio::ip::tcp::socket console(co_await asio::this_coro::executor);
  co_await probe::with_timeout(connect_console(console, q.console_port()),
                               timeout(TimeoutKind::boot), "connecting to QEMU's console socket");
  runner_.emplace(std::move(console), files_.transcript);

  step("flash", image.source() + ": write, verify, reset");
  co_await probe::with_timeout(probe_->flash(image), timeout(TimeoutKind::flash),
                               "flashing " + image.source());
  co_await probe_->resume();

  step("boot", "waiting for the banner");
  co_return co_await runner_->read_banner(timeout(TimeoutKind::boot));
}

// Reads what identifies the chip through the probe (it is halted: QemuProbe::open leaves it
// so) and checks it against the rack before anything is written.
asio::awaitable<std::string> EmulatedBoard::check_identity() {
  const config::ChipIdentity& id = *board_.target.identity;
  ChipReport chip;
  const std::vector<uint8_t> word =
      co_await probe::with_timeout(probe_->read_memory(config::kCpuidAddress, 4),
                                   timeout(TimeoutKind::command), "reading the CPUID register");
  for (int i = 3; i >= 0; --i) chip.cpuid = (chip.cpuid << 8) | word.at(static_cast<size_t>(i));
  if (id.unique_id) {
    chip.unique_id = co_await probe::with_timeout(
        probe_->read_memory(id.unique_id->address, id.unique_id->bytes),
        timeout(TimeoutKind::command), "reading the unique ID");
  }
  co_return check_chip_identity(board_, chip);
}

asio::awaitable<void> EmulatedBoard::write_memory(uint32_t address,
                                                  std::span<const uint8_t> bytes) {
  co_await probe_->halt();
  co_await probe::with_timeout(probe_->write_memory(address, bytes), timeout(TimeoutKind::flash),
                               "writing " + std::to_string(bytes.size()) + " bytes of RAM");
  co_await probe_->resume();
}

asio::awaitable<void> EmulatedBoard::shutdown() {
  if (runner_) runner_->close();
  if (!probe_) co_return;
  try {
    co_await probe_->close();
  } catch (const std::exception&) {
    if (probe::QemuProcess* q = qemu()) q->kill();
  }
}

asio::awaitable<std::string> EmulatedBoard::failure_context() {
  std::string context;
  probe::QemuProcess* q = qemu();
  try {
    // A killed QEMU closes its sockets before its parent can reap it: give it 500 ms.
    for (int i = 0; i < 25 && q != nullptr && q->running(); ++i) {
      asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(20));
      co_await pause.async_wait(asio::use_awaitable);
    }
  } catch (const std::exception&) {
    // Cancelled (SIGINT): describe what is known now.
  }
  if (q != nullptr && !q->running()) {
    context += "; QEMU is no longer running (" + q->exit_description() +
               "), its last stderr lines: " + q->stderr_tail(4);
  }
  if (runner_) context += "; last console lines: " + runner_->recent_lines();
  co_return context;
}

}  // namespace tr::harness
