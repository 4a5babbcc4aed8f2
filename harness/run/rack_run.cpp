#include "run/rack_run.h"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/this_coro.hpp>
#include <csignal>
#include <list>
#include <optional>

namespace tr::harness {
namespace asio = boost::asio;
namespace {

std::vector<const config::BoardSpec*> select_boards(const config::RackSpec& rack,
                                                    const std::vector<std::string>& names) {
  std::vector<const config::BoardSpec*> selected;
  for (const config::BoardSpec& board : rack.boards) {
    bool wanted = names.empty();
    for (const std::string& name : names) wanted = wanted || name == board.name;
    if (wanted) selected.push_back(&board);
  }
  return selected;
}

BoardOutcome failed_outcome(const config::BoardSpec& board, const std::string& step,
                            const std::string& error) {
  BoardOutcome o;
  o.board = board.name;
  o.target = board.target.name;
  o.passed = false;
  o.failed_step = step;
  o.error = board.name + ": " + error;
  return o;
}

struct BoardPlan {
  const config::BoardSpec* board = nullptr;
  std::vector<BoardJob> jobs;  // one per workload, in suite order
};

// One board's workloads in order. A cancelled run stops before the next workload; run_board
// itself turns a cancellation inside a session into a failed outcome.
asio::awaitable<std::vector<BoardOutcome>> run_board_plan(BoardPlan plan, EventSink events) {
  std::vector<BoardOutcome> outcomes;
  for (BoardJob& job : plan.jobs) {
    auto state = co_await asio::this_coro::cancellation_state;
    if (state.cancelled() != asio::cancellation_type::none) {
      outcomes.push_back(
          failed_outcome(*plan.board, "session", "not run: the run was interrupted"));
      continue;
    }
    outcomes.push_back(co_await run_board(std::move(job), events));
  }
  co_return outcomes;
}

}  // namespace

SuiteRunResult run_suite(const config::RackSpec& rack,
                         const std::vector<const PreparedWorkload*>& workloads,
                         const RackRunOptions& options, const EventSink& events) {
  const auto selected = select_boards(rack, options.boards);
  std::filesystem::create_directories(options.out_dir);
  asio::io_context io;
  SuiteRunResult result;
  std::vector<std::optional<std::vector<BoardOutcome>>> per_board(selected.size());
  std::list<asio::cancellation_signal> cancels;  // stable addresses for the slots
  size_t remaining = selected.size();

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    result.interrupted = true;
    for (auto& c : cancels) c.emit(asio::cancellation_type::terminal);
  });

  for (size_t i = 0; i < selected.size(); ++i) {
    BoardPlan plan;
    plan.board = selected[i];
    for (const PreparedWorkload* workload : workloads) {
      BoardJob job;
      job.board = *selected[i];
      job.workload = workload;
      job.firmware_elf = options.firmware_dir / job.board.target.name / "runner.elf";
      job.out_dir = workloads.size() > 1 ? options.out_dir / workload->spec.name : options.out_dir;
      std::filesystem::create_directories(job.out_dir);
      job.qemu_program = rack.programs.qemu;
      job.input_path = options.input_path;
      job.profile = options.profile;
      plan.jobs.push_back(std::move(job));
    }
    auto& cancel = cancels.emplace_back();
    asio::co_spawn(
        io, run_board_plan(std::move(plan), events),
        asio::bind_cancellation_slot(cancel.slot(), [&, i](const std::exception_ptr& ep,
                                                           std::vector<BoardOutcome> outcomes) {
          if (ep) {
            // run_board reports failures in the outcome; an escaped exception is a bug,
            // still recorded against the board, never lost.
            std::string what = "unexpected error";
            try {
              std::rethrow_exception(ep);
            } catch (const std::exception& e) {
              what = e.what();
            }
            while (outcomes.size() < workloads.size()) {
              outcomes.push_back(failed_outcome(*selected[i], "session", what));
            }
          }
          per_board[i] = std::move(outcomes);
          if (--remaining == 0) signals.cancel();
        }));
  }
  if (selected.empty()) signals.cancel();
  io.run();

  result.workloads.resize(workloads.size());
  for (auto& board : per_board) {
    if (!board) continue;
    for (size_t w = 0; w < board->size() && w < workloads.size(); ++w) {
      result.workloads[w].outcomes.push_back(std::move((*board)[w]));
    }
  }
  for (auto& r : result.workloads) r.interrupted = result.interrupted;
  return result;
}

RackRunResult run_rack(const config::RackSpec& rack, const PreparedWorkload& workload,
                       const RackRunOptions& options, const EventSink& events) {
  SuiteRunResult suite = run_suite(rack, {&workload}, options, events);
  RackRunResult result = std::move(suite.workloads.at(0));
  result.interrupted = suite.interrupted;
  return result;
}

}  // namespace tr::harness
