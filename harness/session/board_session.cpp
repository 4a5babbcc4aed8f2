#include "session/board_session.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cmath>
#include <fstream>

#include "common/crc32.h"
#include "debug/elf_image.h"
#include "debug/qemu_probe.h"
#include "debug/qemu_process.h"
#include "debug/with_timeout.h"

namespace tr::harness {
namespace asio = boost::asio;
using config::TimeoutKind;

double instructions_per_inference(uint64_t ticks, uint32_t timer_hz, int icount_shift,
                                  uint32_t iterations) {
  if (timer_hz == 0 || iterations == 0) return 0;
  double ns = static_cast<double>(ticks) * 1e9 / static_cast<double>(timer_hz);
  return ns / std::ldexp(1.0, icount_shift) / static_cast<double>(iterations);
}

namespace {

// QEMU's console chardev listens from start-up; retry until it accepts or the deadline passes.
asio::awaitable<asio::ip::tcp::socket> connect_console(uint16_t port) {
  auto ex = co_await asio::this_coro::executor;
  asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  for (;;) {
    asio::ip::tcp::socket socket(ex);
    boost::system::error_code ec;
    co_await socket.async_connect(ep, asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) co_return socket;
    asio::steady_timer pause(ex, std::chrono::milliseconds(20));
    co_await pause.async_wait(asio::use_awaitable);
  }
}

class Session {
 public:
  Session(BoardJob job, EventSink events) : job_(std::move(job)), events_(std::move(events)) {
    outcome_.board = job_.board.name;
    outcome_.target = job_.board.target.name;
    outcome_.transcript = job_.out_dir / (job_.board.name + ".console.txt");
    outcome_.qemu_stderr = job_.out_dir / (job_.board.name + ".qemu-stderr.txt");
  }

  asio::awaitable<BoardOutcome> run() {
    try {
      co_await start_board();
      co_await load_model();
      for (const PreparedInput& input : job_.workload->inputs) co_await run_input(input);
      step("check", "outputs against the host engine");
      check_outputs();
      outcome_.passed = true;
      step("done", "");
    } catch (const std::exception& e) {
      fail(e.what());
    }
    co_await shutdown();
    co_return std::move(outcome_);
  }

 private:
  std::chrono::milliseconds timeout(TimeoutKind kind) const {
    return job_.board.target.timeout(kind);
  }

  void step(std::string name, std::string detail) {
    step_ = std::move(name);
    if (events_) events_(SessionEvent{job_.board.name, step_, std::move(detail)});
  }

  void fail(std::string message) {
    outcome_.passed = false;
    outcome_.failed_step = step_;
    std::string why = std::move(message);
    if (probe::QemuProcess* qemu = qemu_process(); qemu != nullptr && !qemu->running()) {
      why += "; QEMU is no longer running (" + qemu->exit_description() +
             "), its last stderr lines: " + qemu->stderr_tail(4);
    }
    if (runner_) why += "; last console lines: " + runner_->recent_lines();
    outcome_.error = job_.board.name + ": " + step_ + ": " + why;
    step("failed", outcome_.error);
  }

  probe::QemuProcess* qemu_process() { return probe_ ? probe_->process() : nullptr; }

  // Closing kills and reaps QEMU; QemuProcess's destructor does the same if closing fails.
  asio::awaitable<void> shutdown() {
    if (runner_) runner_->close();
    if (!probe_) co_return;
    try {
      co_await probe_->close();
    } catch (const std::exception&) {
      if (probe::QemuProcess* qemu = qemu_process()) qemu->kill();
    }
  }

  asio::awaitable<void> start_board() {
    const config::TargetSpec& target = job_.board.target;
    if (!target.emulation) {
      throw std::runtime_error("target " + target.name +
                               " has no emulation block; only emulated boards run today");
    }
    step("flash", job_.firmware_elf.string());
    probe::ElfImage image = probe::ElfImage::load(job_.firmware_elf);
    outcome_.elf_sha256 = image.sha256();

    step("start-qemu", target.emulation->machine);
    probe::QemuProbeConfig config;
    config.launch.program = job_.qemu_program;
    config.launch.machine = target.emulation->machine;
    config.launch.icount_shift = target.emulation->icount_shift;
    config.launch.stderr_path = outcome_.qemu_stderr;
    config.launch_timeout = timeout(TimeoutKind::boot);
    config.connect_timeout = timeout(TimeoutKind::command);
    config.halt_timeout = timeout(TimeoutKind::command);
    config.rsp.timeouts.packet = timeout(TimeoutKind::command);
    config.rsp.timeouts.monitor = timeout(TimeoutKind::flash);
    probe_ = std::make_unique<probe::QemuProbe>(co_await asio::this_coro::executor, config);
    co_await probe_->open();
    probe::QemuProcess& qemu = *probe_->process();
    outcome_.qemu_command = qemu.argv();
    outcome_.qemu_version = co_await probe::QemuProcess::version(job_.qemu_program);
    write_command_line();
    step("qemu-started", "pid " + std::to_string(qemu.pid()));

    // The console must be connected before the first continue: output sent earlier is lost.
    step("connect-console", std::to_string(qemu.console_port()));
    asio::ip::tcp::socket console = co_await probe::with_timeout(
        connect_console(qemu.console_port()), timeout(TimeoutKind::boot),
        "connecting to QEMU's console socket");
    runner_.emplace(std::move(console), outcome_.transcript);

    step("flash", "write, verify, reset");
    co_await probe::with_timeout(probe_->flash(image), timeout(TimeoutKind::flash),
                                 "flashing " + job_.firmware_elf.string());
    co_await probe_->resume();

    step("boot", "waiting for the banner");
    RunnerReply banner = co_await runner_->read_banner(timeout(TimeoutKind::boot));
    if (!banner.has_line("m-init-done")) {
      throw RunnerError("boot banner lacks m-init-done");
    }
    step("identify", "");
    outcome_.identity = co_await identify(*runner_, timeout(TimeoutKind::command));
    if (outcome_.identity.target != target.name) {
      throw RunnerError("runner says it was built for target '" + outcome_.identity.target +
                        "', the rack says '" + target.name + "'");
    }
    slots_ = co_await query_slots(*runner_, timeout(TimeoutKind::command));
  }

  // Writing memory needs a halted core: interrupt, write, resume.
  asio::awaitable<void> write_slot(uint32_t address, const std::vector<uint8_t>& bytes) {
    co_await probe_->halt();
    co_await probe::with_timeout(probe_->write_memory(address, bytes),
                                 timeout(TimeoutKind::flash), "writing a RAM slot");
    co_await probe_->resume();
  }

  asio::awaitable<void> load_model() {
    const PreparedWorkload& w = *job_.workload;
    step("load-model", std::to_string(w.model.size()) + " bytes");
    if (w.model.size() > slots_.model_capacity) {
      throw RunnerError("model of " + std::to_string(w.model.size()) +
                        " bytes exceeds the runner's model slot of " +
                        std::to_string(slots_.model_capacity) + " bytes");
    }
    co_await write_slot(slots_.model_address, w.model);
    uint32_t crc = tr::crc32(w.model.data(), w.model.size());
    model_ = co_await use_model(*runner_, static_cast<uint32_t>(w.model.size()), crc, w.model_id,
                                timeout(TimeoutKind::command));
    if (model_.input.bytes != w.input_bytes || model_.output.bytes != w.output_bytes) {
      throw RunnerError("runner's model tensors (" + std::to_string(model_.input.bytes) + " in, " +
                        std::to_string(model_.output.bytes) + " out) differ from the host's");
    }
    outcome_.memory = co_await read_memory_stats(*runner_, timeout(TimeoutKind::command));
  }

  asio::awaitable<void> run_input(const PreparedInput& input) {
    const PreparedWorkload& w = *job_.workload;
    step("load-input", input.name);
    if (job_.input_path == InputPath::db) {
      co_await load_input_db(*runner_, input.bytes, timeout(TimeoutKind::command));
    } else {
      co_await write_slot(slots_.input_address, input.bytes);
      co_await use_input(*runner_, static_cast<uint32_t>(input.bytes.size()),
                         tr::crc32(input.bytes.data(), input.bytes.size()),
                         timeout(TimeoutKind::command));
    }
    step("infer", input.name);
    co_await infer(*runner_, w.spec.infer.iterations, w.spec.infer.warmup,
                   timeout(TimeoutKind::infer));
    Laps laps = co_await read_laps(*runner_, timeout(TimeoutKind::command));
    WindowResult window;
    window.input = input.name;
    window.iterations = laps.iterations;
    window.ticks = laps.b_ticks - laps.a_ticks;
    window.instructions =
        instructions_per_inference(window.ticks, outcome_.identity.timer_hz,
                                   job_.board.target.emulation->icount_shift, laps.iterations);
    window.output = co_await read_output(*runner_, timeout(TimeoutKind::command));
    window.matches_host = window.output == input.host_output;
    outcome_.windows.push_back(std::move(window));
  }

  // The engine is bit-exact by contract: a board that disagrees with the host build failed.
  void check_outputs() const {
    std::string differing;
    for (const WindowResult& w : outcome_.windows) {
      if (!w.matches_host) differing += (differing.empty() ? "" : ", ") + w.input;
    }
    if (!differing.empty()) {
      throw std::runtime_error("outputs differ from the host engine's on input(s) " + differing);
    }
  }

  void write_command_line() {
    std::ofstream out(job_.out_dir / (job_.board.name + ".qemu-command.txt"));
    for (size_t i = 0; i < outcome_.qemu_command.size(); ++i) {
      out << (i ? " " : "") << outcome_.qemu_command[i];
    }
    out << '\n';
  }

  BoardJob job_;
  EventSink events_;
  BoardOutcome outcome_;
  std::string step_ = "start";
  std::unique_ptr<probe::QemuProbe> probe_;
  std::optional<RunnerClient> runner_;
  RunnerSlots slots_;
  LoadedModel model_;
};

}  // namespace

asio::awaitable<BoardOutcome> run_board(BoardJob job, EventSink events) {
  Session session(std::move(job), std::move(events));
  co_return co_await session.run();
}

}  // namespace tr::harness
