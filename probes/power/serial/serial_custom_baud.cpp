// termios2 lives in the kernel's headers, which clash with glibc's <termios.h>: own file.
#include <asm/termbits.h>
#include <sys/ioctl.h>

#include "power/serial/serial_line.h"

namespace tr::power::serial {

bool set_custom_baud(int fd, unsigned baud) {
  struct termios2 tio {};
  if (::ioctl(fd, TCGETS2, &tio) != 0) return false;
  tio.c_cflag &= ~static_cast<tcflag_t>(CBAUD);
  tio.c_cflag |= BOTHER;
  tio.c_ispeed = baud;
  tio.c_ospeed = baud;
  return ::ioctl(fd, TCSETS2, &tio) == 0;
}

}  // namespace tr::power::serial
