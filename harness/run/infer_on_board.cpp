#include "run/infer_on_board.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <stdexcept>

#include "run/host_engine.h"

namespace tr::harness {

BoardOutcome run_single_input(const config::BoardSpec& board, const std::string& qemu,
                              const std::filesystem::path& firmware_dir,
                              const std::vector<uint8_t>& model, const std::vector<uint8_t>& input,
                              const std::filesystem::path& out_dir, bool profile) {
  HostEngine host(model);
  PreparedWorkload workload;
  workload.spec.name = "infer";
  workload.spec.infer.iterations = 1;
  workload.spec.infer.warmup = 0;
  workload.model_source = "file";
  workload.model = model;
  workload.input_bytes = host.input().bytes;
  workload.output_bytes = host.output().bytes;
  workload.inputs.push_back(PreparedInput{"input", input, host.run(input), {}});

  std::filesystem::create_directories(out_dir);
  BoardJob job;
  job.board = board;
  job.workload = &workload;
  job.firmware_elf = firmware_dir / board.target.name / "runner.elf";
  job.out_dir = out_dir;
  job.qemu_program = qemu;
  job.profile = profile;

  boost::asio::io_context io;
  auto future =
      boost::asio::co_spawn(io, run_board(std::move(job), nullptr), boost::asio::use_future);
  io.run();
  return future.get();
}

std::vector<uint8_t> infer_on_board(const config::BoardSpec& board, const std::string& qemu,
                                    const std::filesystem::path& firmware_dir,
                                    const std::vector<uint8_t>& model,
                                    const std::vector<uint8_t>& input,
                                    const std::filesystem::path& out_dir) {
  BoardOutcome outcome =
      run_single_input(board, qemu, firmware_dir, model, input, out_dir, /*profile=*/false);
  if (!outcome.passed) throw std::runtime_error(outcome.error);
  return outcome.windows.at(0).output;
}

}  // namespace tr::harness
