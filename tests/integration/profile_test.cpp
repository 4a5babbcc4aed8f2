// `tinyrack profile` and `tinyrack run --profile` on the emulated rack: the table and its JSON
// describe every operator of the model, the figures hang together (never timed: structure
// only), and profiling leaves the normal latency figures untouched.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "builder/fc_stack_model.h"
#include "builder/input_patterns.h"
#include "engine/builtin_names.h"
#include "reports/report_file.h"
#include "reports/report_json.h"
#include "run/host_engine.h"
#include "run/prepared_workload.h"
#include "support/child_process.h"
#include "support/test_paths.h"

using namespace tr;

namespace {

std::string cli() {
  return TINYRACK_CLI;
}

void write_bytes(const std::filesystem::path& p, const std::vector<uint8_t>& bytes) {
  std::ofstream(p, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

report::ProfileInfo read_profile(const std::filesystem::path& file) {
  std::ifstream in(file);
  REQUIRE(in);
  return report::profile_from_json(nlohmann::json::parse(in), file.string());
}

// What must hold for any profile of `model` on an emulated board.
void check_profile(const report::ProfileInfo& p, const std::vector<uint8_t>& model) {
  harness::HostEngine host(model);
  REQUIRE(p.operators.size() == host.operator_count());
  double macs = 0;
  double share = 0;
  for (const auto& op : p.operators) {
    INFO("operator " << op.index << " " << op.op);
    const engine::OperatorInfo info = host.operator_info(op.index);
    CHECK(op.op == engine::builtin_operator_name(info.code));
    CHECK(op.time.unit == "instructions");
    CHECK(op.time.provenance == "emulated");
    if (op.macs.value > 0) CHECK(op.time.value > 0);
    CHECK(op.arena_bytes.value == info.arena_live_bytes);
    macs += op.macs.value;
    share += op.share.value;
  }
  CHECK(macs == static_cast<double>(host.mac_count()));
  CHECK(share == Approx(100).margin(0.01));
  CHECK(p.operator_sum.value <= p.hooked_total.value);
  CHECK(p.operator_sum.value > 0);
  CHECK(p.unhooked_total.value > 0);
}

}  // namespace

TEST_CASE("profile prints a table and JSON for a builder model on qemu-m4",
          "[integration][profile]") {
  auto dir = test::scratch_dir("profile-builder");
  const auto model = workloads::make_fc_stack_model(5, {64, 32, 16, 32, 64});
  write_bytes(dir / "m.tflite", model);
  auto r = test::run_child({cli(), "profile", "--model", (dir / "m.tflite").string(), "--board",
                            "m4-0", "--json", (dir / "p.json").string()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_status == 0);
  CHECK(r.out.find("on m4-0 (qemu-m4), 4 operators, pattern P0 input") != std::string::npos);
  CHECK(r.out.find("FULLY_CONNECTED") != std::string::npos);
  CHECK(r.out.find("1x64 -> 1x32") != std::string::npos);
  CHECK(r.out.find("profiling overhead") != std::string::npos);
  CHECK(r.out.find("un-hooked inference") != std::string::npos);
  check_profile(read_profile(dir / "p.json"), model);
}

TEST_CASE("profile takes an input file and refuses bad arguments", "[integration][profile]") {
  auto dir = test::scratch_dir("profile-args");
  const auto model = workloads::make_fc_stack_model(6, {16, 8, 16});
  write_bytes(dir / "m.tflite", model);
  auto in = workloads::make_random_input(3, 16);
  write_bytes(dir / "in.bin", std::vector<uint8_t>(in.begin(), in.end()));
  write_bytes(dir / "short.bin", {1, 2, 3});

  auto ok = test::run_child({cli(), "profile", "--model", (dir / "m.tflite").string(), "--input",
                             (dir / "in.bin").string(), "--rack",
                             (test::source_dir() / "racks/emulated.json").string(), "--board",
                             "m55-0", "--json", (dir / "p.json").string()});
  INFO(ok.out << ok.err);
  REQUIRE(ok.exit_status == 0);
  CHECK(ok.out.find("on m55-0 (qemu-m55)") != std::string::npos);
  check_profile(read_profile(dir / "p.json"), model);

  auto no_board = test::run_child(
      {cli(), "profile", "--model", (dir / "m.tflite").string(), "--board", "m9-0"});
  CHECK(no_board.exit_status == 2);
  CHECK(no_board.err.find("no board 'm9-0'") != std::string::npos);

  auto short_input = test::run_child({cli(), "profile", "--model", (dir / "m.tflite").string(),
                                      "--input", (dir / "short.bin").string()});
  CHECK(short_input.exit_status == 2);
  CHECK(short_input.err.find("input has 3 bytes") != std::string::npos);
}

TEST_CASE("profile of MLPerf KWS on qemu-m4", "[integration][profile]") {
  const auto models = test::mlperf_models_dir();
  if (!models || !std::filesystem::exists(*models / "kws_ref_model.tflite")) {
    WARN("skipped: kws_ref_model.tflite not found (set TINYRACK_MLPERF_MODELS)");
    return;
  }
  auto dir = test::scratch_dir("profile-kws");
  const auto model_file = *models / "kws_ref_model.tflite";
  auto r = test::run_child({cli(), "profile", "--model", model_file.string(), "--board", "m4-0",
                            "--json", (dir / "p.json").string()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_status == 0);
  CHECK(r.out.find("DEPTHWISE_CONV_2D") != std::string::npos);
  const auto profile = read_profile(dir / "p.json");
  check_profile(profile, harness::read_file_bytes(model_file));
}

TEST_CASE("run --profile adds a profile and leaves the latency figures alone",
          "[integration][profile]") {
  auto dir = test::scratch_dir("profile-run");
  std::ofstream(dir / "workload.json")
      << R"({"name":"prof","model":{"fallback":{"builder":"fc-stack","seed":2,)"
      << R"("layers":[32,16,32]}},"inputs":[{"pattern":"P0"},{"random":{"seed":4}}],)"
      << R"("infer":{"iterations":2,"warmup":1}})";
  auto run = [&](const char* out, bool profile) {
    std::vector<std::string> argv = {
        cli(),        "run",
        "--rack",     (test::source_dir() / "racks/emulated.json").string(),
        "--workload", (dir / "workload.json").string(),
        "--out",      (dir / out).string(),
        "--board",    "m4-0",
        "--quiet"};
    if (profile) argv.push_back("--profile");
    auto r = test::run_child(argv);
    INFO(r.out << r.err);
    REQUIRE(r.exit_status == 0);
    return report::read_report(dir / out / "report.json");
  };
  const auto plain = run("plain", false);
  const auto profiled = run("profiled", true);
  REQUIRE(plain.results.size() == 1);
  REQUIRE(profiled.results.size() == 1);
  CHECK_FALSE(plain.results[0].profile);
  REQUIRE(profiled.results[0].profile);
  // Both runs measured the same windows; tr-prof came only after the last of them was read
  // back (instruction counts themselves may differ by a timer tick between any two runs, so
  // they are not compared).
  REQUIRE(profiled.results[0].windows.size() == plain.results[0].windows.size());
  for (size_t i = 0; i < plain.results[0].windows.size(); ++i) {
    CHECK(profiled.results[0].windows[i].outputs_crc32 ==
          plain.results[0].windows[i].outputs_crc32);
    CHECK(profiled.results[0].windows[i].instructions);
  }
  CHECK(profiled.results[0].instructions);
  std::ifstream console(dir / "profiled" / "m4-0.console.txt");
  const std::string transcript((std::istreambuf_iterator<char>(console)), {});
  const auto prof_at = transcript.find("> tr-prof%");
  REQUIRE(prof_at != std::string::npos);
  CHECK(transcript.rfind("> infer ") < prof_at);
  CHECK(transcript.rfind("> tr-laps%") < prof_at);
  CHECK(transcript.rfind("> tr-out%") < prof_at);
  CHECK(transcript.find("> infer ", prof_at) == std::string::npos);
  const auto& p = *profiled.results[0].profile;
  REQUIRE(p.operators.size() == 2);
  CHECK(p.operators[0].op == "FULLY_CONNECTED");
  // The un-hooked inference of tr-prof is the same work as one timed inference of the run.
  CHECK(p.unhooked_total.value > 0);
  CHECK(p.operator_sum.value <= p.hooked_total.value);
}
