#include "power/serial/serial_line.h"

#include <sys/ioctl.h>
#include <termios.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "power/power_error.h"

namespace tr::power::serial {
namespace {

speed_t standard_speed(unsigned baud) {
  static constexpr std::pair<unsigned, speed_t> kRates[] = {
      {9600, B9600},       {19200, B19200},     {38400, B38400},     {57600, B57600},
      {115200, B115200},   {230400, B230400},   {460800, B460800},   {500000, B500000},
      {576000, B576000},   {921600, B921600},   {1000000, B1000000}, {1152000, B1152000},
      {1500000, B1500000}, {2000000, B2000000}, {2500000, B2500000}, {3000000, B3000000},
      {3500000, B3500000}, {4000000, B4000000}};
  for (const auto& [rate, code] : kRates) {
    if (rate == baud) return code;
  }
  return B0;
}

[[noreturn]] void refuse(const std::string& path, const std::string& what) {
  throw PowerError(PowerErrc::config, path + ": cannot " + what + ": " + std::strerror(errno) +
                                          "; is it a serial device?");
}

}  // namespace

void apply_line_settings(int fd, const std::string& path, unsigned baud, bool dtr) {
  termios tio{};
  if (::tcgetattr(fd, &tio) != 0) refuse(path, "read the line settings");
  ::cfmakeraw(&tio);
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cflag &= ~static_cast<tcflag_t>(CRTSCTS | CSTOPB | PARENB);
  tio.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
  tio.c_cc[VMIN] = 1;
  tio.c_cc[VTIME] = 0;
  const speed_t speed = standard_speed(baud);
  if (speed != B0) {
    ::cfsetispeed(&tio, speed);
    ::cfsetospeed(&tio, speed);
  }
  if (::tcsetattr(fd, TCSANOW, &tio) != 0) refuse(path, "set raw mode");
  if (speed == B0 && !set_custom_baud(fd, baud)) {
    throw PowerError(PowerErrc::config, path + ": the tty refuses " + std::to_string(baud) +
                                            " baud; USB CDC-ACM monitors ignore the rate, so "
                                            "try 115200");
  }
  int bits = TIOCM_DTR;
  // PTYs have no modem lines (ENOTTY/EINVAL): nothing to set there.
  if (::ioctl(fd, dtr ? TIOCMBIS : TIOCMBIC, &bits) != 0 && errno != ENOTTY && errno != EINVAL) {
    refuse(path, "set DTR");
  }
}

}  // namespace tr::power::serial
