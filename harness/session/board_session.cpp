#include "session/board_session.h"

#include <boost/asio/this_coro.hpp>
#include <cmath>
#include <optional>

#include "common/crc32.h"
#include "debug/elf_image.h"
#include "mlperf/reference_firmware.h"
#include "power/spec/monitor_spec.h"
#include "run/host_engine.h"
#include "session/emulated_board.h"

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

// I/O errors from the console or probe links, in words (Boost's what() adds source lines).
std::string describe_io_error(const boost::system::error_code& ec) {
  if (ec == asio::error::operation_aborted) return "interrupted (the run was cancelled)";
  if (ec == asio::error::eof || ec == asio::error::connection_reset) {
    return "the board's link closed (" + ec.message() + ")";
  }
  return ec.message();
}

// m-lap-us lines count microseconds.
constexpr uint32_t kLapUsHz = 1000000;

class Session {
 public:
  Session(BoardJob job, EventSink events)
      : job_(std::move(job)),
        events_(std::move(events)),
        board_(job_.board, job_.qemu_program, board_files_in(job_.out_dir, job_.board.name)) {
    const EmulatedBoardFiles files = board_files_in(job_.out_dir, job_.board.name);
    outcome_.board = job_.board.name;
    outcome_.target = job_.board.target.name;
    outcome_.transcript = files.transcript;
    outcome_.qemu_stderr = files.qemu_stderr;
    outcome_.qemu_command_file = files.command_line;
  }

  asio::awaitable<BoardOutcome> run() {
    std::optional<std::string> error;
    try {
      co_await open_monitor();
      co_await start_board();
      co_await enter_energy_mode();
      if (outcome_.identity.standard_only) {
        co_await run_standard();
      } else {
        co_await load_model();
        for (const PreparedInput& input : job_.workload->inputs) co_await run_input(input);
        step("check", "outputs against the host engine");
        check_outputs();
        if (job_.profile) co_await run_profile();
      }
      outcome_.passed = true;
      step("done", "");
    } catch (const boost::system::system_error& e) {
      error = describe_io_error(e.code());
    } catch (const std::exception& e) {
      error = e.what();
    }
    if (error) {
      std::string context = co_await board_.failure_context();
      fail(*error + context);
    }
    if (monitor_) {
      co_await monitor_->close();
      outcome_.monitor = monitor_->outcome();
    }
    co_await board_.shutdown();
    co_return std::move(outcome_);
  }

 private:
  std::chrono::milliseconds timeout(TimeoutKind kind) const {
    return job_.board.target.timeout(kind);
  }
  RunnerClient& runner() { return board_.runner(); }

  void step(std::string name, std::string detail) {
    step_ = std::move(name);
    if (events_) events_(SessionEvent{job_.board.name, step_, std::move(detail)});
  }

  void fail(const std::string& message) {
    outcome_.passed = false;
    outcome_.failed_step = step_;
    outcome_.error = job_.board.name + ": " + step_ + ": " + message;
    step("failed", outcome_.error);
  }

  asio::awaitable<void> start_board() {
    step("load-firmware", job_.firmware_elf.string());
    probe::ElfImage image = probe::ElfImage::load(job_.firmware_elf);
    outcome_.elf_sha256 = image.sha256();
    RunnerReply banner = co_await board_.start(
        image, [this](const std::string& s, const std::string& d) { step(s, d); });
    outcome_.qemu_command = board_.qemu_command();
    outcome_.qemu_version = board_.qemu_version();
    if (!banner.has_line("m-init-done")) throw RunnerError("boot banner lacks m-init-done");

    step("identify", "");
    outcome_.identity = co_await identify(runner(), timeout(TimeoutKind::command));
    if (outcome_.identity.standard_only) {
      // Nothing but name% and profile% to go by: the rack's target is taken on trust.
      outcome_.dut_kind = "mlperf-standard";
      outcome_.identity.timer_hz = kLapUsHz;
      step("identify", "standard-only MLPerf Tiny DUT '" + outcome_.identity.dut_name +
                           "', model '" + outcome_.identity.model_id + "'");
      co_return;
    }
    const std::string& target = job_.board.target.name;
    if (outcome_.identity.target != target) {
      throw RunnerError("runner says it was built for target '" + outcome_.identity.target +
                        "', the rack says '" + target + "'");
    }
    slots_ = co_await query_slots(runner(), timeout(TimeoutKind::command));
  }

  // The rack's monitor for this board, opened before the board starts: a monitor that powers
  // the board (PPK2 source mode, Otii, LPM01A) must switch it on first. Monitor trouble is kept
  // in the outcome and never fails the board.
  asio::awaitable<void> open_monitor() {
    const std::optional<power::MonitorSpec>& spec = job_.board.monitor;
    if (!spec || spec->kind == power::MonitorKind::modelled) co_return;
    step("open-monitor", power::to_string(*spec));
    monitor_.emplace(co_await asio::this_coro::executor, *spec, job_.board.name);
    co_await monitor_->open();
    if (!monitor_->usable()) step("open-monitor", monitor_->outcome().error);
  }

  // The runner marks its timed windows with pulses on the timestamp pin, for the monitor.
  asio::awaitable<void> enter_energy_mode() {
    if (!monitor_ || !monitor_->usable()) co_return;
    if (outcome_.identity.standard_only) {
      // Its energy mode is the vendor's build option, and its infer% then prints no laps.
      monitor_->fail("energy mode", "a standard-only MLPerf Tiny DUT cannot be switched to it");
      co_return;
    }
    step("energy-mode", "tr-timestamp-mode energy");
    try {
      co_await set_timestamp_mode(runner(), true, timeout(TimeoutKind::command));
      energy_mode_ = true;
    } catch (const RunnerError& e) {
      monitor_->fail("energy mode", e.what());
    }
  }

  asio::awaitable<void> load_model() {
    const PreparedWorkload& w = *job_.workload;
    step("load-model", std::to_string(w.model.size()) + " bytes");
    if (w.model.size() > slots_.model_capacity) {
      throw RunnerError("model of " + std::to_string(w.model.size()) +
                        " bytes exceeds the runner's model slot of " +
                        std::to_string(slots_.model_capacity) + " bytes");
    }
    co_await board_.write_memory(slots_.model_address, w.model);
    uint32_t crc = tr::crc32(w.model.data(), w.model.size());
    LoadedModel model = co_await use_model(runner(), static_cast<uint32_t>(w.model.size()), crc,
                                           w.model_id, timeout(TimeoutKind::command));
    if (model.input.bytes != w.input_bytes || model.output.bytes != w.output_bytes) {
      throw RunnerError("runner's model tensors (" + std::to_string(model.input.bytes) + " in, " +
                        std::to_string(model.output.bytes) + " out) differ from the host's");
    }
    outcome_.memory = co_await read_memory_stats(runner(), timeout(TimeoutKind::command));
  }

  asio::awaitable<void> run_input(const PreparedInput& input) {
    const PreparedWorkload& w = *job_.workload;
    if (w.spec.frontend != config::InputFrontend::none) {
      co_await run_frontend_input(input);
      co_return;
    }
    step("load-input", input.name);
    if (job_.input_path == InputPath::db) {
      co_await load_input_db(runner(), input.bytes, timeout(TimeoutKind::command));
    } else {
      co_await board_.write_memory(slots_.input_address, input.bytes);
      co_await use_input(runner(), static_cast<uint32_t>(input.bytes.size()),
                         tr::crc32(input.bytes.data(), input.bytes.size()),
                         timeout(TimeoutKind::command));
    }
    WindowResult window;
    co_await infer_input(input, window);
  }

  // The board's own front end makes the input tensor from the file bytes (raw audio), so they
  // go through the probe with `tr-input ... <frontend>`; `db` lines carry tensors only.
  asio::awaitable<void> run_frontend_input(const PreparedInput& input) {
    const PreparedWorkload& w = *job_.workload;
    const std::string frontend = config::to_string(w.spec.frontend);
    step("load-input", input.name + " through the board's " + frontend + " front end");
    if (job_.input_path == InputPath::db) {
      throw RunnerError("workload '" + w.spec.name + "' feeds " +
                        config::to_string(w.spec.from_file) + " through the board's " + frontend +
                        " front end (tr-input ... " + frontend +
                        "), which needs the probe input path, not --input-path db");
    }
    const std::vector<uint8_t>& raw = input.frontend_input;
    if (raw.size() > slots_.input_capacity) {
      throw RunnerError("input " + input.name + " of " + std::to_string(raw.size()) +
                        " bytes for the " + frontend +
                        " front end exceeds the runner's input slot of " +
                        std::to_string(slots_.input_capacity) + " bytes");
    }
    co_await board_.write_memory(slots_.input_address, raw);
    WindowResult window;
    window.frontend_ticks = co_await use_input_frontend(runner(), static_cast<uint32_t>(raw.size()),
                                                        tr::crc32(raw.data(), raw.size()), frontend,
                                                        timeout(TimeoutKind::command));
    if (job_.board.target.emulation) {
      window.frontend_instructions =
          instructions_per_inference(window.frontend_ticks, outcome_.identity.timer_hz,
                                     job_.board.target.emulation->icount_shift, 1);
    }
    co_await infer_input(input, window);
  }

  // infer N W on the loaded input, then its laps and output into `window`, which joins the
  // outcome. (By reference: GCC 12 destroys a by-value coroutine argument made from a
  // temporary twice.)
  asio::awaitable<void> infer_input(const PreparedInput& input, WindowResult& window) {
    const PreparedWorkload& w = *job_.workload;
    step("infer", input.name);
    const bool measure = monitor_ && monitor_->usable();
    if (measure) co_await monitor_->begin(input.name);
    co_await infer(runner(), w.spec.infer.iterations, w.spec.infer.warmup,
                   timeout(TimeoutKind::infer), !energy_mode_);
    if (measure) window.measured = co_await monitor_->end(w.spec.infer.iterations);
    Laps laps = co_await read_laps(runner(), timeout(TimeoutKind::command));
    window.input = input.name;
    window.iterations = laps.iterations;
    window.ticks = laps.b_ticks - laps.a_ticks;
    window.instructions =
        instructions_per_inference(window.ticks, outcome_.identity.timer_hz,
                                   job_.board.target.emulation->icount_shift, laps.iterations);
    window.output = co_await read_output(runner(), timeout(TimeoutKind::command));
    window.matches_host = window.output == input.host_output;
    outcome_.windows.push_back(std::move(window));
  }

  // Runs after every timed window, so profiling never touches the latency figures.
  asio::awaitable<void> run_profile() {
    const auto& inputs = job_.workload->inputs;
    step("profile", inputs.empty() ? "" : "tr-prof on input " + inputs.back().name);
    outcome_.profile = co_await read_profile(runner(), timeout(TimeoutKind::infer));
  }

  // A standard-only DUT: the model is the firmware's own, inputs go over `db`, results are the
  // m-results-[...] values and latency comes from the m-lap-us lines.
  asio::awaitable<void> run_standard() {
    const PreparedWorkload& w = *job_.workload;
    const std::string& dut_model = outcome_.identity.model_id;
    step("check-model", "board's built-in model '" + dut_model + "'");
    const std::string board_says =
        "the board is a standard-only MLPerf Tiny DUT (tr-id% is an "
        "unknown command) with the model '" +
        dut_model + "' built in (profile%)";
    if (job_.profile) {
      throw RunnerError(board_says +
                        "; it has no per-operator profile (tr-prof): run without "
                        "profiling");
    }
    const std::optional<std::string> wanted = mlperf::mlperf_model_id(w.spec);
    if (!wanted) {
      throw RunnerError(board_says + ", and workload '" + w.spec.name +
                        "' names no MLPerf Tiny model (model.mlperf) to check it against");
    }
    if (*wanted != dut_model) {
      throw RunnerError(board_says + ", but workload '" + w.spec.name + "' needs '" + *wanted +
                        "'");
    }
    const mlperf::ReferenceFirmware ref = mlperf::reference_firmware(dut_model);
    HostEngine host(w.model);  // the quantization of the host model's input and output
    const dataset::Quantization in{host.input().scale, host.input().zero_point};
    const dataset::Quantization out{host.output().scale, host.output().zero_point};
    for (size_t i = 0; i < w.inputs.size(); ++i) co_await run_standard_input(i, ref, in, out);

    std::string differing;
    for (const WindowResult& win : outcome_.windows) {
      if (!win.matches_host) differing += (differing.empty() ? "" : ", ") + win.input;
    }
    step("check", differing.empty() ? "results match the host engine at 3 decimals"
                                    : "results differ from the host engine on " + differing);
  }

  asio::awaitable<void> run_standard_input(size_t index, const mlperf::ReferenceFirmware& ref,
                                           dataset::Quantization in, dataset::Quantization out) {
    const PreparedWorkload& w = *job_.workload;
    const PreparedInput& input = w.inputs[index];
    step("load-input", input.name + " over db");
    const std::vector<float> real = mlperf::input_real_values(w, index, in);
    co_await load_input_db(runner(), mlperf::db_payload(input.bytes, ref.input, real),
                           timeout(TimeoutKind::command));
    step("infer", input.name);
    const uint32_t n = w.spec.infer.iterations;
    InferOutcome result =
        co_await infer(runner(), n, w.spec.infer.warmup, timeout(TimeoutKind::infer));
    if (result.results.empty()) {
      throw RunnerError("reply to infer% has no m-results-[...] line of numbers");
    }
    if (result.lap_b_us < result.lap_a_us) {
      throw RunnerError("m-lap-us went backwards (" + std::to_string(result.lap_a_us) + " then " +
                        std::to_string(result.lap_b_us) + "): did a 32-bit µs counter wrap?");
    }
    WindowResult window;
    window.input = input.name;
    window.iterations = n;
    window.standard_only = true;
    window.ticks = result.lap_b_us - result.lap_a_us;
    if (job_.board.target.emulation) {
      window.instructions = instructions_per_inference(
          window.ticks, kLapUsHz, job_.board.target.emulation->icount_shift, n);
    }
    window.scores.assign(result.results.begin(), result.results.end());
    window.host_scores = mlperf::expected_scores(input.host_output, out, ref.results, real);
    window.matches_host = mlperf::scores_match(window.scores, window.host_scores);
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

  BoardJob job_;
  EventSink events_;
  EmulatedBoard board_;
  BoardOutcome outcome_;
  std::string step_ = "start";
  RunnerSlots slots_;
  std::optional<WindowMonitor> monitor_;
  bool energy_mode_ = false;  // the runner pulses its timestamp pin instead of printing laps
};

}  // namespace

asio::awaitable<BoardOutcome> run_board(BoardJob job, EventSink events) {
  Session session(std::move(job), std::move(events));
  co_return co_await session.run();
}

}  // namespace tr::harness
