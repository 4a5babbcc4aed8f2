// PtyPair: the stand-in for a USB serial device that power-monitor simulators serve. The host
// side (a driver's SerialPort) opens slave_path() exactly like /dev/ttyACM0; the simulator
// reads commands from and writes its stream to the master fd. close() is "unplug": the host's
// reads then return EOF and its writes EIO.
//
// Kernel behaviour simulators can rely on (Linux, checked in tests): bytes written to the
// master while no host has the slave open are kept (up to ~20 kB, then writes return 0) and
// delivered to the next opener, exactly the stale stream a crashed session leaves in a real
// device; the slave's raw mode survives closes, so no process needs to hold the slave open.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace tr::power::serial {

class PtyPair {
 public:
  // posix_openpt + grantpt + unlockpt, a non-blocking master, and raw mode (no echo, no CR/LF
  // translation) on the slave. Throws PowerError(config) with the failing call and errno.
  PtyPair();
  ~PtyPair();  // close()
  PtyPair(PtyPair&& other) noexcept;
  PtyPair& operator=(PtyPair&& other) noexcept;
  PtyPair(const PtyPair&) = delete;
  PtyPair& operator=(const PtyPair&) = delete;

  // The path a host opens, e.g. /dev/pts/7. Still set after close(), which is when opening it
  // fails with ENOENT / EIO like a vanished device.
  const std::string& slave_path() const { return slave_path_; }
  int master_fd() const { return master_; }  // -1 after close()
  bool is_open() const { return master_ >= 0; }

  // Unplug: closes the master.
  void close();

  // Non-blocking master I/O for simulator loops. write_master returns how many bytes the tty
  // took (0 when its buffer is full: the device-side FIFO overflows); read_master returns what
  // the host wrote, 0 when nothing is pending or no host has the slave open.
  std::size_t write_master(std::span<const std::uint8_t> bytes);
  std::size_t read_master(std::span<std::uint8_t> into);
  // True while some process has the slave open (the master does not report a hang-up).
  bool host_attached() const;

 private:
  int master_ = -1;
  std::string slave_path_;
};

}  // namespace tr::power::serial
