#include "power/serial/pty_pair.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace {
using tr::power::serial::PtyPair;

std::span<const std::uint8_t> bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// Reads from fd until `want` bytes or nothing more arrives for 200 ms.
std::string read_fd(int fd, std::size_t want) {
  std::string out;
  char buf[4096];
  while (out.size() < want) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0 || (p.revents & POLLIN) == 0) break;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

std::string read_master(PtyPair& pty, std::size_t want) {
  std::string out;
  std::uint8_t buf[256];
  for (int i = 0; i < 40 && out.size() < want; ++i) {
    const std::size_t n = pty.read_master(buf);
    out.append(reinterpret_cast<char*>(buf), n);
    if (n == 0) ::usleep(5000);
  }
  return out;
}

}  // namespace

TEST_CASE("PtyPair: raw bytes both ways, no echo, no newline translation", "[power][pty]") {
  PtyPair pty;
  REQUIRE(pty.is_open());
  REQUIRE(pty.slave_path().rfind("/dev/pts/", 0) == 0);
  const int host = ::open(pty.slave_path().c_str(), O_RDWR | O_NOCTTY);
  REQUIRE(host >= 0);

  const std::string device_out("\x00\x50\x14\xA5\r\n\x03\x11", 8);
  REQUIRE(pty.write_master(bytes(device_out)) == device_out.size());
  CHECK(read_fd(host, device_out.size()) == device_out);

  const std::string host_out("\x19\n\r\x0D\x0B\xB8", 6);
  REQUIRE(::write(host, host_out.data(), host_out.size()) == 6);
  CHECK(read_master(pty, host_out.size()) == host_out);
  // Echo would send the device's own bytes back to it.
  CHECK(read_master(pty, 1).empty());
  ::close(host);
}

TEST_CASE("PtyPair: bytes written with no host attached reach the next opener", "[power][pty]") {
  PtyPair pty;
  CHECK_FALSE(pty.host_attached());
  std::string stale(3000, '\0');
  for (std::size_t i = 0; i < stale.size(); ++i) stale[i] = static_cast<char>(i * 7);
  REQUIRE(pty.write_master(bytes(stale)) == stale.size());

  const int host = ::open(pty.slave_path().c_str(), O_RDWR | O_NOCTTY);
  REQUIRE(host >= 0);
  CHECK(pty.host_attached());
  CHECK(read_fd(host, stale.size()) == stale);
  ::close(host);
  CHECK_FALSE(pty.host_attached());
}

TEST_CASE("PtyPair: a full tty makes write_master return 0 instead of blocking", "[power][pty]") {
  PtyPair pty;
  std::vector<std::uint8_t> block(4096, 0x55);
  std::size_t total = 0;
  std::size_t last = 1;
  for (int i = 0; i < 1000 && last != 0; ++i) {
    last = pty.write_master(block);
    total += last;
  }
  CHECK(last == 0);
  CHECK(total > 4096);
}

TEST_CASE("PtyPair: close() is an unplug: the host reads EOF and cannot write", "[power][pty]") {
  PtyPair pty;
  const int host = ::open(pty.slave_path().c_str(), O_RDWR | O_NOCTTY);
  REQUIRE(host >= 0);
  pty.close();
  CHECK_FALSE(pty.is_open());
  CHECK(pty.master_fd() == -1);
  char c = 0;
  CHECK(::read(host, &c, 1) <= 0);
  CHECK(::write(host, "x", 1) < 0);
  ::close(host);
  pty.close();  // twice is fine
  CHECK(pty.write_master(bytes("x")) == 0);
}

TEST_CASE("PtyPair: moves keep one owner of the master", "[power][pty]") {
  PtyPair a;
  const std::string path = a.slave_path();
  PtyPair b(std::move(a));
  CHECK(b.slave_path() == path);
  CHECK(b.is_open());
  CHECK_FALSE(a.is_open());  // NOLINT(bugprone-use-after-move): moved-from state is defined
}
