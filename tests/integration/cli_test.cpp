// The tinyrack command as a user runs it: exit statuses, error messages that name the file and
// place, `infer` on the host and on a board, and a run stopped by SIGINT keeping its report.
#include <catch2/catch.hpp>
#include <fstream>

#include "builder/fc_stack_model.h"
#include "builder/input_patterns.h"
#include "reports/report_file.h"
#include "support/child_process.h"
#include "support/test_paths.h"

using namespace tr;

namespace {

std::string cli() {
  return TINYRACK_CLI;
}
std::string src(const char* rel) {
  return (test::source_dir() / rel).string();
}

void write_bytes(const std::filesystem::path& p, const std::vector<uint8_t>& bytes) {
  std::ofstream(p, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

std::vector<uint8_t> read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("a malformed rack file exits 2 naming the file and the place", "[integration][cli]") {
  auto dir = test::scratch_dir("cli-bad-rack");
  auto rack = dir / "racks" / "bad.json";
  std::filesystem::create_directories(rack.parent_path());
  std::ofstream(rack) << R"({"name":"bad","boards":[{"name":"x","target":"qemu-m9"}]})";
  std::filesystem::create_directory_symlink(test::source_dir() / "targets", dir / "targets");
  auto r =
      test::run_child({cli(), "run", "--rack", rack.string(), "--workload",
                       src("workloads/ad01-smoke/workload.json"), "--out", (dir / "out").string()});
  CHECK(r.exit_status == 2);
  CHECK(r.err.find("bad.json") != std::string::npos);
  CHECK(r.err.find("/boards/0/target") != std::string::npos);
  CHECK(r.err.find("qemu-m9") != std::string::npos);
}

TEST_CASE("a workload with a broken model exits 2 with the engine's reason", "[integration][cli]") {
  auto dir = test::scratch_dir("cli-bad-model");
  std::ofstream(dir / "m.tflite") << "this is not a flatbuffer at all";
  std::ofstream(dir / "workload.json")
      << R"({"name":"bad-model","model":{"file":"m.tflite"},"inputs":[{"pattern":"P0"}],)"
      << R"("infer":{"iterations":1,"warmup":0}})";
  auto r = test::run_child({cli(), "run", "--rack", src("racks/emulated.json"), "--workload",
                            (dir / "workload.json").string(), "--out", (dir / "out").string()});
  CHECK(r.exit_status == 2);
  CHECK(r.err.find("model rejected") != std::string::npos);
}

TEST_CASE("infer on the host and on a board give the same bytes", "[integration][cli]") {
  auto dir = test::scratch_dir("cli-infer");
  auto model = workloads::make_fc_stack_model(11, {32, 16, 32});
  write_bytes(dir / "m.tflite", model);
  auto in = workloads::make_random_input(4, 32);
  write_bytes(dir / "in.bin", std::vector<uint8_t>(in.begin(), in.end()));
  auto host = test::run_child({cli(), "infer", "--model", (dir / "m.tflite").string(), "--input",
                               (dir / "in.bin").string(), "--output", (dir / "host.bin").string()});
  REQUIRE(host.exit_status == 0);
  auto board = test::run_child({cli(), "infer", "--model", (dir / "m.tflite").string(), "--input",
                                (dir / "in.bin").string(), "--output", (dir / "board.bin").string(),
                                "--rack", src("racks/emulated.json"), "--board", "m55-0", "--out",
                                (dir / "logs").string()});
  INFO(board.err);
  REQUIRE(board.exit_status == 0);
  auto host_out = read_bytes(dir / "host.bin");
  CHECK(host_out.size() == 32);
  CHECK(read_bytes(dir / "board.bin") == host_out);

  write_bytes(dir / "short.bin", {1, 2, 3});
  auto wrong =
      test::run_child({cli(), "infer", "--model", (dir / "m.tflite").string(), "--input",
                       (dir / "short.bin").string(), "--output", (dir / "x.bin").string()});
  CHECK(wrong.exit_status == 2);
  CHECK(wrong.err.find("needs exactly 32") != std::string::npos);
}

TEST_CASE("SIGINT stops a run cleanly and keeps a partial report", "[integration][cli]") {
  auto dir = test::scratch_dir("cli-sigint");
  test::ChildOptions options;
  options.signal_when_stderr_has = "] infer:";
  auto r =
      test::run_child({cli(), "run", "--rack", src("racks/emulated.json"), "--workload",
                       src("workloads/ad01-smoke/workload.json"), "--out", (dir / "out").string()},
                      options);
  CHECK(r.exit_status == 1);
  CHECK(r.out.find("interrupted") != std::string::npos);
  auto rep = report::read_report(dir / "out" / "report.json");
  CHECK(rep.results.size() == 3);
  bool any_interrupted = false;
  for (const auto& res : rep.results) {
    any_interrupted = any_interrupted || res.status == report::ResultStatus::failed;
  }
  CHECK(any_interrupted);
  // No QEMU outlives the run.
  auto ps = test::run_child({"/usr/bin/pgrep", "-f", (dir / "out").string()});
  CHECK(ps.out.empty());
}

TEST_CASE("simulate runs a power monitor's simulator on its own and names bad input",
          "[integration][cli]") {
  for (const char* device : {"ppk2", "lpm01a"}) {
    auto r = test::run_child(
        {cli(), "simulate", device, "--seconds", "0.5", "--waveform", "idle=1m,active=20m"});
    INFO(device << ": " << r.err);
    CHECK(r.exit_status == 0);
    CHECK(r.out.rfind("/dev/pts/", 0) == 0);  // where to connect comes first
    CHECK(r.out.find("active=0.02") != std::string::npos);
  }
  auto otii = test::run_child({cli(), "simulate", "otii", "--seconds", "0.5"});
  CHECK(otii.exit_status == 0);
  CHECK(otii.out.rfind("127.0.0.1:", 0) == 0);
  auto bad = test::run_child({cli(), "simulate", "ppk2", "--waveform", "idle=2x"});
  CHECK(bad.exit_status == 2);
  CHECK(bad.err.find("'idle'") != std::string::npos);
}
