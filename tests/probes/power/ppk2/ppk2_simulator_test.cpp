// Ppk2Simulator on the wire, read with plain fds: what a driver other than ours would see.
#include "power/ppk2/ppk2_simulator.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <sstream>
#include <string>
#include <thread>

#include "power/power_error.h"
#include "power/ppk2/ppk2_stream_decoder.h"

namespace {
using namespace tr::power;
using namespace tr::power::ppk2;
using Clock = std::chrono::steady_clock;

struct Host {
  explicit Host(const std::string& path) : fd(::open(path.c_str(), O_RDWR | O_NOCTTY)) {
    REQUIRE(fd >= 0);
  }
  ~Host() {
    if (fd >= 0) ::close(fd);
  }
  void send(std::initializer_list<std::uint8_t> bytes) {
    const std::vector<std::uint8_t> v(bytes);
    REQUIRE(::write(fd, v.data(), v.size()) == static_cast<ssize_t>(v.size()));
  }
  // Reads for `seconds`, or until `until` appears; returns the bytes and the number of reads.
  std::string read_for(double seconds, const std::string& until = "", int* reads = nullptr) {
    std::string out;
    const auto end = Clock::now() + std::chrono::duration<double>(seconds);
    while (Clock::now() < end) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 10) <= 0) continue;
      char buf[65536];
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
      if (reads != nullptr) ++*reads;
      if (!until.empty() && out.find(until) != std::string::npos) break;
    }
    return out;
  }
  int fd;
};

}  // namespace

TEST_CASE("PPK2 simulator: metadata in chunks, no acks, stream paced at 100 kS/s",
          "[power][ppk2][sim]") {
  Ppk2SimulatorOptions o;
  Ppk2Simulator sim(o);
  sim.start();
  Host host(sim.port());
  host.send({0x0D, 0x0C, 0xE4, 0x0C, 0x01, 0x11, 0x02});
  CHECK(host.read_for(0.1).empty());  // commands are never acknowledged

  int reads = 0;
  const std::string meta = host.read_for(0.2, "END\n", &reads);
  CHECK(meta.empty());  // nothing asked yet
  host.send({0x19});
  const std::string reply = host.read_for(2.0, "END\n", &reads);
  CHECK(reads > 3);  // arbitrary chunks
  const Ppk2Metadata m = Ppk2Metadata::parse(reply, sim.port());
  CHECK(m.vdd_mv == 3300);  // VDD reports the regulator
  CHECK(m.r == Ppk2Metadata::example().r);

  host.send({0x06});
  const std::string stream = host.read_for(0.5);
  host.send({0x07});
  const std::string tail = host.read_for(0.2);
  CHECK(host.read_for(0.1).empty());  // stopped for good
  const std::size_t words = (stream.size() + tail.size()) / 4;
  CHECK(words > 40000);  // 0.5 s at 100 kS/s, give or take scheduling
  CHECK(words < 60000);

  Ppk2StreamDecoder d(m, 3300, false);
  std::vector<Ppk2Sample> out;
  const std::string all = stream + tail;
  d.feed({reinterpret_cast<const std::uint8_t*>(all.data()), all.size()}, out);
  CHECK(d.stats().lost_samples == 0);
  CHECK(out.size() == words);
  // The default waveform idles at 2 mA, with the marker line (D0) idle high.
  CHECK(out[100].amps == Approx(0.002).epsilon(0.003));
  CHECK((out[100].logic & 1) == 1);
  const auto s = sim.stats();
  CHECK(s.start_commands == 1);
  CHECK(s.stop_commands == 1);
  CHECK(s.dut_on);
  CHECK(s.vdd_mv == 3300);
}

TEST_CASE("PPK2 simulator: keeps streaming after the host vanishes, unplug is EOF",
          "[power][ppk2][sim]") {
  Ppk2Simulator sim(Ppk2SimulatorOptions{});
  sim.start();
  {
    Host host(sim.port());
    host.send({0x0C, 0x01, 0x06});
    host.read_for(0.05);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  CHECK(sim.stats().streaming);
  CHECK_FALSE(sim.stats().dut_on);  // the port has been closed for > 500 ms
  Host again(sim.port());
  const std::string stale = again.read_for(0.1);
  CHECK(stale.size() > 4000);
  sim.unplug();
  CHECK(sim.stats().unplugged);
  char c;
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ssize_t n = 0;
  do {
    n = ::read(again.fd, &c, 1);
  } while (n > 0);
  CHECK(n <= 0);
}

TEST_CASE("PPK2 simulator: fault specs parse or fail naming the item", "[power][ppk2][sim]") {
  const Ppk2Faults f = Ppk2Faults::parse("lose=20000:37,dropbyte=50000,unplug=1.5,stale,nometa=2");
  REQUIRE(f.lose.size() == 1);
  CHECK(f.lose[0].first == 20000);
  CHECK(f.lose[0].second == 37);
  CHECK(f.drop_byte == std::vector<std::uint64_t>{50000});
  CHECK(f.unplug_after_s == 1.5);
  CHECK(f.streaming_at_start);
  CHECK(f.ignore_metadata == 2);
  CHECK_THROWS_WITH(Ppk2Faults::parse("lose=12"), Catch::Contains("lose=<sample>:<count>"));
  CHECK_THROWS_WITH(Ppk2Faults::parse("unplug=soon"), Catch::Contains("unplug=soon"));
  CHECK_THROWS_WITH(Ppk2Faults::parse("melt"), Catch::Contains("unknown item 'melt'"));
}

TEST_CASE("PPK2 simulator: the standalone runner prints the PTY path first", "[power][ppk2][sim]") {
  Ppk2SimulatorOptions o;
  o.duration_s = 0.3;
  std::ostringstream out;
  CHECK(run_ppk2_simulator(o, out) == 0);
  std::istringstream lines(out.str());
  std::string first;
  std::string second;
  std::getline(lines, first);
  std::getline(lines, second);
  CHECK(first.rfind("/dev/pts/", 0) == 0);
  CHECK_THAT(second, Catch::Contains("HW 9173") && Catch::Contains("idle="));
}
