// DebugProbe: the small surface the harness needs from any debug probe (QEMU's gdbstub,
// OpenOCD, pyOCD): open/close, halt/resume/reset, memory access and flashing with verify.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "debug/elf_image.h"

namespace tr::probe {

struct FlashReport {
  std::size_t segments = 0;
  std::size_t bytes = 0;  // bytes written and verified
  std::string sha256;     // ElfImage::sha256() of what was written
};

class DebugProbe {
 public:
  virtual ~DebugProbe() = default;

  // Starts or attaches to the probe server and leaves the target halted.
  virtual boost::asio::awaitable<void> open() = 0;
  // Disconnects; a probe that started its server also stops it. Safe to call twice.
  virtual boost::asio::awaitable<void> close() = 0;

  virtual boost::asio::awaitable<void> halt() = 0;    // no-op when halted
  virtual boost::asio::awaitable<void> resume() = 0;  // no-op when running
  // Resets the core; the target stays halted at the reset vector.
  virtual boost::asio::awaitable<void> reset() = 0;

  // Memory access needs a halted target; a running one is halted first and stays halted.
  virtual boost::asio::awaitable<std::vector<std::uint8_t>> read_memory(std::uint32_t address,
                                                                        std::size_t length) = 0;
  virtual boost::asio::awaitable<void> write_memory(std::uint32_t address,
                                                    std::span<const std::uint8_t> bytes) = 0;

  // Writes every loadable segment, reads it back (a mismatch is ProbeError(target) naming the
  // first differing address), then resets. The target is left halted: the caller resumes.
  virtual boost::asio::awaitable<FlashReport> flash(const ElfImage& image) = 0;

  virtual bool is_open() const = 0;
  virtual bool running() const = 0;
  virtual std::string description() const = 0;  // e.g. "qemu mps2-an386 (gdb 127.0.0.1:40211)"
};

}  // namespace tr::probe
