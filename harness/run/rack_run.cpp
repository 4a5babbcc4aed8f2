#include "run/rack_run.h"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <list>
#include <optional>

namespace tr::harness {
namespace asio = boost::asio;

RackRunResult run_rack(const config::RackSpec& rack, const PreparedWorkload& workload,
                       const RackRunOptions& options, const EventSink& events) {
  std::vector<const config::BoardSpec*> selected;
  for (const config::BoardSpec& board : rack.boards) {
    bool wanted = options.boards.empty();
    for (const std::string& name : options.boards) wanted = wanted || name == board.name;
    if (wanted) selected.push_back(&board);
  }

  std::filesystem::create_directories(options.out_dir);
  asio::io_context io;
  RackRunResult result;
  std::vector<std::optional<BoardOutcome>> outcomes(selected.size());
  std::list<asio::cancellation_signal> cancels;  // stable addresses for the slots
  size_t remaining = selected.size();

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    result.interrupted = true;
    for (auto& c : cancels) c.emit(asio::cancellation_type::terminal);
  });

  for (size_t i = 0; i < selected.size(); ++i) {
    BoardJob job;
    job.board = *selected[i];
    job.workload = &workload;
    job.firmware_elf = options.firmware_dir / job.board.target.name / "runner.elf";
    job.out_dir = options.out_dir;
    job.qemu_program = rack.programs.qemu;
    job.input_path = options.input_path;
    job.profile = options.profile;
    auto& cancel = cancels.emplace_back();
    asio::co_spawn(io, run_board(std::move(job), events),
                   asio::bind_cancellation_slot(
                       cancel.slot(), [&, i](const std::exception_ptr& ep, BoardOutcome outcome) {
                         if (ep) {
                           // run_board reports failures in the outcome; an escaped exception
                           // is a bug, still recorded against the board, never lost.
                           outcome.board = selected[i]->name;
                           outcome.target = selected[i]->target.name;
                           outcome.passed = false;
                           outcome.failed_step = "session";
                           try {
                             std::rethrow_exception(ep);
                           } catch (const std::exception& e) {
                             outcome.error = e.what();
                           }
                         }
                         outcomes[i] = std::move(outcome);
                         if (--remaining == 0) signals.cancel();
                       }));
  }
  if (selected.empty()) signals.cancel();
  io.run();

  for (auto& o : outcomes) {
    if (o) result.outcomes.push_back(std::move(*o));
  }
  return result;
}

}  // namespace tr::harness
