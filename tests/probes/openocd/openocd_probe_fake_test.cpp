// OpenOcdProbe attached to a fake OpenOCD Tcl server that keeps a small memory: chunked
// memory commands, result parsing, flashing through a temporary HEX file, verify failures.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "debug/probe_error.h"
#include "debug/rsp_packet.h"
#include "fake_tcl_server.h"
#include "openocd/openocd_probe.h"
#include "probes/debug/elf_builder.h"
#include "probes/debug/run_coro.h"
#include "support/test_paths.h"

using namespace tr::probe;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using asio::awaitable;
using tr::probe::test::FakeTclLink;
using tr::probe::test::run_coro;

namespace {

// What the fake OpenOCD saw and holds.
struct FakeTarget {
  std::map<std::uint32_t, std::uint8_t> memory;
  std::vector<std::string> commands;
  std::string banner = "Open On-Chip Debugger 0.12.0";
  std::optional<std::uint32_t> stuck_byte;  // flash at this address keeps 0xff
  std::size_t short_reads = 0;              // answer read_memory with one value too few
  bool hex_existed = false;
};

std::uint32_t number(const std::string& text) {
  return static_cast<std::uint32_t>(std::stoul(text, nullptr, 0));
}

void load_hex(FakeTarget& t, const std::string& path) {
  std::ifstream in(path);
  t.hex_existed = static_cast<bool>(in);
  std::uint32_t upper = 0;
  for (std::string line; std::getline(in, line);) {
    const auto bytes = rsp::hex_decode(line.substr(1));
    const auto offset = static_cast<std::uint32_t>(bytes[1] << 8 | bytes[2]);
    if (bytes[3] == 4) upper = static_cast<std::uint32_t>(bytes[4] << 8 | bytes[5]);
    if (bytes[3] != 0) continue;
    for (std::size_t i = 0; i < bytes[0]; ++i) {
      const std::uint32_t at = (upper << 16) + offset + static_cast<std::uint32_t>(i);
      t.memory[at] = t.stuck_byte == at ? 0xff : bytes[4 + i];
    }
  }
}

// One command of the fake OpenOCD: the reply frame for `script`.
std::string answer(FakeTarget& t, const std::string& script) {
  static const std::regex read(R"(read_memory (0x[0-9a-f]+) 8 (\d+))");
  static const std::regex write(R"(write_memory (0x[0-9a-f]+) 8 \{([0-9a-fx ]*)\})");
  static const std::regex program(R"(program \{([^{}]+)\} verify)");
  std::smatch m;
  if (script == "version") return "OK:" + t.banner;
  if (script == "halt" || script == "reset halt") return "OK:";
  if (std::regex_match(script, m, read)) {
    const std::uint32_t at = number(m[1]);
    std::size_t n = std::stoul(m[2]);
    if (t.short_reads > 0) {
      --t.short_reads;
      --n;
    }
    std::string out = "OK:";
    for (std::size_t i = 0; i < n; ++i) {
      const auto it = t.memory.find(at + static_cast<std::uint32_t>(i));
      out += (i ? " 0x" : "0x") + rsp::hex_number(it == t.memory.end() ? 0 : it->second);
    }
    return out;
  }
  if (std::regex_match(script, m, write)) {
    std::uint32_t at = number(m[1]);
    std::istringstream values(m[2]);
    for (std::string v; values >> v;) t.memory[at++] = static_cast<std::uint8_t>(number(v));
    return "OK:";
  }
  if (std::regex_match(script, m, program)) {
    load_hex(t, m[1]);
    if (!t.hex_existed) return "ERR:couldn't open " + std::string(m[1]);
    return t.stuck_byte ? "ERR:** Verify Failed **" : "OK:";
  }
  return "ERR:invalid command name \"" + script.substr(0, script.find(' ')) + "\"";
}

struct Fixture {
  asio::io_context ctx;
  std::shared_ptr<tr::probe::test::FakeTclResult> server =
      std::make_shared<tr::probe::test::FakeTclResult>();
  FakeTarget target;
  std::unique_ptr<OpenOcdProbe> probe;

  void open(bool halt = true) {
    const auto endpoint = tr::probe::test::start_fake_tcl_server(
        ctx,
        [this](FakeTclLink& link) -> awaitable<void> {
          for (;;) {
            std::string script;
            try {
              script = co_await link.command();
            } catch (const boost::system::system_error&) {
              co_return;  // the probe disconnected
            }
            target.commands.push_back(script);
            co_await link.send(answer(target, script) + "\x1a");
          }
        },
        server);
    OpenOcdProbeConfig config;
    config.attach = OpenOcdAttach{"127.0.0.1", endpoint.port()};
    config.halt_on_open = halt;
    config.scratch_dir = tr::test::scratch_dir("openocd_probe_fake");
    probe = std::make_unique<OpenOcdProbe>(ctx.get_executor(), config);
    run_coro(ctx, probe->open());
  }
  std::size_t count(const std::string& prefix) const {
    return static_cast<std::size_t>(
        std::count_if(target.commands.begin(), target.commands.end(),
                      [&](const std::string& c) { return c.starts_with(prefix); }));
  }
};

ElfImage two_segment_image() {
  tr::probe::test::ElfBuilder b;
  b.entry = 0x08000101;
  std::vector<std::uint8_t> code(5000);
  for (std::size_t i = 0; i < code.size(); ++i) code[i] = static_cast<std::uint8_t>(i * 13 + 1);
  b.segments = {{0x08000000, code}, {0x08010000, {0x23, 0x24, 0x7d, 0x2a}}};
  const auto bytes = b.build();
  return ElfImage::parse(bytes, "fake.elf");
}

}  // namespace

TEST_CASE("open checks the banner and halts, description names the server", "[openocd][probe]") {
  Fixture f;
  f.open();
  CHECK(f.target.commands == std::vector<std::string>{"version", "halt"});
  CHECK(f.probe->is_open());
  CHECK_FALSE(f.probe->running());
  CHECK_THAT(f.probe->description(), Catch::StartsWith("openocd at 127.0.0.1:"));
  CHECK(run_coro(f.ctx, f.probe->version()) == "Open On-Chip Debugger 0.12.0");
  run_coro(f.ctx, f.probe->close());
  CHECK_FALSE(f.probe->is_open());
}

TEST_CASE("a server that is not OpenOCD is refused at open", "[openocd][probe]") {
  Fixture f;
  f.target.banner = "tinyrack fake 1.0";
  CHECK_THROWS_WITH(
      f.open(), Catch::Contains("not OpenOCD's banner") && Catch::Contains("tinyrack fake 1.0"));
  CHECK_FALSE(f.probe->is_open());
}

TEST_CASE("memory goes in byte-wide chunks and reads back", "[openocd][probe]") {
  Fixture f;
  f.open();
  std::vector<std::uint8_t> data(10000);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i ^ (i >> 8));
  run_coro(f.ctx, f.probe->write_memory(0x20000000, data));
  CHECK(f.count("write_memory ") == 3);  // 4096 + 4096 + 1808
  CHECK(run_coro(f.ctx, f.probe->read_memory(0x20000000, data.size())) == data);
  CHECK(f.count("read_memory 0x20000000 8 4096") == 1);
  CHECK(f.count("read_memory 0x20002000 8 1808") == 1);
  CHECK_THROWS_WITH(run_coro(f.ctx, f.probe->read_memory(0xffffff00, 0x200)),
                    Catch::Contains("passes the end of the address space"));
}

TEST_CASE("a read_memory result with a missing value is a clear error", "[openocd][probe]") {
  Fixture f;
  f.open();
  f.target.short_reads = 1;
  CHECK_THROWS_WITH(
      run_coro(f.ctx, f.probe->read_memory(0x20000000, 8)),
      Catch::Contains("read_memory 0x20000000 8 8") && Catch::Contains("has 7 values, not 8"));
}

TEST_CASE("flash programs a temporary HEX file, then resets halted", "[openocd][probe]") {
  Fixture f;
  f.open();
  const auto image = two_segment_image();
  const auto report = run_coro(f.ctx, f.probe->flash(image));
  CHECK(f.target.hex_existed);
  CHECK(report.segments == 2);
  CHECK(report.bytes == 5004);
  CHECK(report.sha256 == image.sha256());
  for (const auto& segment : image.segments()) {
    for (std::size_t i = 0; i < segment.bytes.size(); ++i) {
      REQUIRE(f.target.memory[segment.address + static_cast<std::uint32_t>(i)] == segment.bytes[i]);
    }
  }
  REQUIRE(f.target.commands.size() >= 2);
  CHECK(f.target.commands.back() == "reset halt");
  const std::string program = f.target.commands[f.target.commands.size() - 2];
  CHECK_THAT(program, Catch::StartsWith("program {") && Catch::EndsWith(".hex} verify"));
  const std::string path = program.substr(9, program.size() - 9 - 8);
  CHECK_FALSE(std::filesystem::exists(path));  // removed after use
}

TEST_CASE("a verify failure names the first differing address", "[openocd][probe]") {
  Fixture f;
  f.open();
  f.target.stuck_byte = 0x08000010;
  const auto image = two_segment_image();
  try {
    run_coro(f.ctx, f.probe->flash(image));
    FAIL("flash succeeded");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::target);
    CHECK_THAT(e.what(), Catch::Contains("fake.elf") && Catch::Contains("Verify Failed") &&
                             Catch::Contains("first difference at 0x8000010") &&
                             Catch::Contains("read back 0xff"));
  }
  CHECK(f.count("reset halt") == 0);
}
