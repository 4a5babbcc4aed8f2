// QemuProbe: DebugProbe over a QEMU it launches itself (QemuProcess) and that QEMU's gdbstub
// (RspClient).
//
// Flash sequence (gdb-rsp.md §4.2; QEMU has no memory map, vFlash, X or NoAck):
//   qSupported -> PacketSize=1000 (hex: 4096 B), stay in ack mode
//   ?          -> T05 (QEMU was started with -S, so the core is halted)
//   M addr,len:hex ...  every PT_LOAD segment, packets <= PacketSize
//   m addr,len ...      read back and compare
//   qRcmd "system_reset" -> OK: the core re-reads SP and PC from the vector table
//   (caller) c
// A reset rather than setting PC: after a load GDB would leave PC at the ELF entry, which
// without ENTRY(Reset_Handler) is the vector table itself. QEMU is started without -kernel, so
// the reset keeps what was written (with -kernel, mps2 would restore the old image).
// Halting a running target sends 0x03 and waits for the T02 stop reply.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <memory>

#include "debug/debug_probe.h"
#include "debug/probe_error.h"
#include "debug/qemu_launcher.h"
#include "debug/rsp_client.h"

namespace tr::probe {

struct QemuProbeConfig {
  QemuLaunchSpec launch;
  std::chrono::milliseconds launch_timeout{10000};  // spawn until the GDB port answers
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds halt_timeout{2000};
  RspOptions rsp;
};

class QemuProbe : public DebugProbe {
 public:
  QemuProbe(boost::asio::any_io_executor executor, QemuProbeConfig config);
  ~QemuProbe() override;

  boost::asio::awaitable<void> open() override;
  boost::asio::awaitable<void> close() override;
  boost::asio::awaitable<void> halt() override;
  boost::asio::awaitable<void> resume() override;
  boost::asio::awaitable<void> reset() override;
  boost::asio::awaitable<std::vector<std::uint8_t>> read_memory(std::uint32_t address,
                                                                std::size_t length) override;
  boost::asio::awaitable<void> write_memory(std::uint32_t address,
                                            std::span<const std::uint8_t> bytes) override;
  boost::asio::awaitable<FlashReport> flash(const ElfImage& image) override;

  bool is_open() const override { return qemu_ != nullptr && rsp_.connected(); }
  bool running() const override { return rsp_.running(); }
  std::string description() const override;

  // The QEMU this probe started (null before open / after close) and the raw RSP link.
  QemuProcess* process() { return qemu_.get(); }
  RspClient& rsp() { return rsp_; }

 private:
  boost::asio::awaitable<void> connect_and_check();
  boost::asio::awaitable<void> write_and_verify(const ElfImage& image);
  void require_open(const char* step) const;
  // Runs `op`; a connection error gets QEMU's state and last stderr lines added (QEMU most
  // likely died), after giving a dying QEMU a moment to be reaped.
  template <class T>
  boost::asio::awaitable<T> with_qemu_context(boost::asio::awaitable<T> op);

  boost::asio::any_io_executor executor_;
  QemuProbeConfig config_;
  std::unique_ptr<QemuProcess> qemu_;
  RspClient rsp_;
};

}  // namespace tr::probe
