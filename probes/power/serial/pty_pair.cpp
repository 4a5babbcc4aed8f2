#include "power/serial/pty_pair.h"

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "power/power_error.h"

namespace tr::power::serial {
namespace {

[[noreturn]] void fail(const std::string& call, int err) {
  throw PowerError(PowerErrc::config, "cannot create a pseudo-terminal for the simulator: " + call +
                                          ": " + std::strerror(err) +
                                          "; is /dev/pts mounted and the pty limit not reached?");
}

}  // namespace

PtyPair::PtyPair() {
  master_ = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master_ < 0) fail("posix_openpt", errno);
  if (::grantpt(master_) != 0 || ::unlockpt(master_) != 0) {
    const int err = errno;
    close();
    fail("grantpt/unlockpt", err);
  }
  char name[128] = {};
  if (::ptsname_r(master_, name, sizeof name) != 0) {
    const int err = errno;
    close();
    fail("ptsname_r", err);
  }
  slave_path_ = name;
  // Raw mode is a property of the tty, not of an fd: set it once through a short-lived fd.
  const int slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave < 0) {
    const int err = errno;
    close();
    fail("open " + slave_path_, err);
  }
  termios tio{};
  if (::tcgetattr(slave, &tio) != 0) {
    const int err = errno;
    ::close(slave);
    close();
    fail("tcgetattr", err);
  }
  ::cfmakeraw(&tio);
  ::tcsetattr(slave, TCSANOW, &tio);
  ::close(slave);
  ::fcntl(master_, F_SETFL, ::fcntl(master_, F_GETFL) | O_NONBLOCK);
}

PtyPair::~PtyPair() {
  close();
}

PtyPair::PtyPair(PtyPair&& other) noexcept
    : master_(std::exchange(other.master_, -1)), slave_path_(std::move(other.slave_path_)) {}

PtyPair& PtyPair::operator=(PtyPair&& other) noexcept {
  if (this != &other) {
    close();
    master_ = std::exchange(other.master_, -1);
    slave_path_ = std::move(other.slave_path_);
  }
  return *this;
}

void PtyPair::close() {
  if (master_ >= 0) ::close(std::exchange(master_, -1));
}

std::size_t PtyPair::write_master(std::span<const std::uint8_t> bytes) {
  if (master_ < 0 || bytes.empty()) return 0;
  const ssize_t n = ::write(master_, bytes.data(), bytes.size());
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

std::size_t PtyPair::read_master(std::span<std::uint8_t> into) {
  if (master_ < 0 || into.empty()) return 0;
  const ssize_t n = ::read(master_, into.data(), into.size());
  return n > 0 ? static_cast<std::size_t>(n) : 0;  // EAGAIN: nothing; EIO: no host
}

bool PtyPair::host_attached() const {
  if (master_ < 0) return false;
  pollfd p{master_, POLLIN, 0};
  if (::poll(&p, 1, 0) < 0) return false;
  return (p.revents & POLLHUP) == 0;
}

}  // namespace tr::power::serial
