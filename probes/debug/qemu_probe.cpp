#include "debug/qemu_probe.h"

#include <boost/asio/ip/address_v4.hpp>

#include "debug/probe_error.h"
#include "debug/rsp_packet.h"

namespace tr::probe {
namespace asio = boost::asio;
using asio::awaitable;
using namespace std::chrono_literals;

namespace {

constexpr auto kExitGrace = 500ms;  // a killed QEMU closes its sockets just before it exits

std::string hex_byte(std::uint8_t b) {
  static constexpr char kDigits[] = "0123456789abcdef";
  return std::string("0x") + kDigits[b >> 4] + kDigits[b & 0xf];
}

}  // namespace

QemuProbe::QemuProbe(asio::any_io_executor executor, QemuProbeConfig config)
    : executor_(executor), config_(std::move(config)), rsp_(executor, config_.rsp) {}

QemuProbe::~QemuProbe() {
  rsp_.close();
  qemu_.reset();  // kills and reaps
}

std::string QemuProbe::description() const {
  std::string text = "qemu " + config_.launch.machine;
  if (qemu_) {
    text += " (gdb 127.0.0.1:" + std::to_string(qemu_->gdb_port()) + ", pid " +
            std::to_string(qemu_->pid()) + ")";
  }
  return text;
}

template <class T>
awaitable<T> QemuProbe::with_qemu_context(awaitable<T> op) {
  std::string message;
  try {
    co_return co_await std::move(op);
  } catch (const ProbeError& e) {
    if (e.code() != ProbeErrc::connection || !qemu_) throw;
    message = e.what();
  }
  co_await qemu_->wait_for_exit(kExitGrace);
  throw ProbeError(ProbeErrc::connection,
                   message + "; QEMU pid " + std::to_string(qemu_->pid()) + " " +
                       (qemu_->running() ? "is still running" : qemu_->exit_description()) +
                       ", its stderr: " + qemu_->stderr_tail());
}

awaitable<void> QemuProbe::open() {
  if (qemu_) co_return;
  qemu_ = co_await launch_qemu(config_.launch, config_.launch_timeout);
  co_await with_qemu_context(connect_and_check());
}

awaitable<void> QemuProbe::connect_and_check() {
  co_await rsp_.connect({asio::ip::address_v4::loopback(), qemu_->gdb_port()},
                        config_.connect_timeout);
  co_await rsp_.handshake();
  const auto stop = co_await rsp_.stop_reason();  // -S: halted at reset
  if (!stop.halted()) {
    throw ProbeError(ProbeErrc::protocol,
                     "QEMU's gdbstub reports '" + stop.raw + "' right after start, not a halt");
  }
}

awaitable<void> QemuProbe::close() {
  rsp_.close();
  qemu_.reset();
  co_return;
}

awaitable<void> QemuProbe::halt() {
  require_open("halt");
  if (rsp_.running()) co_await with_qemu_context(rsp_.interrupt(config_.halt_timeout));
}

awaitable<void> QemuProbe::resume() {
  require_open("resume");
  co_await with_qemu_context(rsp_.resume());
}

awaitable<void> QemuProbe::reset() {
  co_await halt();
  co_await with_qemu_context(rsp_.monitor("system_reset"));
}

awaitable<std::vector<std::uint8_t>> QemuProbe::read_memory(std::uint32_t address,
                                                            std::size_t length) {
  co_await halt();
  co_return co_await with_qemu_context(rsp_.read_memory(address, length));
}

awaitable<void> QemuProbe::write_memory(std::uint32_t address,
                                        std::span<const std::uint8_t> bytes) {
  co_await halt();
  co_await with_qemu_context(rsp_.write_memory(address, bytes));
}

awaitable<FlashReport> QemuProbe::flash(const ElfImage& image) {
  co_await halt();
  co_await with_qemu_context(write_and_verify(image));
  co_await with_qemu_context(rsp_.monitor("system_reset"));
  co_return FlashReport{image.segments().size(), image.loadable_bytes(), image.sha256()};
}

awaitable<void> QemuProbe::write_and_verify(const ElfImage& image) {
  for (const auto& segment : image.segments()) {
    co_await rsp_.write_memory(segment.address, segment.bytes);
  }
  for (const auto& segment : image.segments()) {
    const auto back = co_await rsp_.read_memory(segment.address, segment.bytes.size());
    for (std::size_t i = 0; i < back.size(); ++i) {
      if (back[i] == segment.bytes[i]) continue;
      throw ProbeError(ProbeErrc::target,
                       "verify of " + image.source() + " failed at 0x" +
                           rsp::hex_number(segment.address + i) + ": wrote " +
                           hex_byte(segment.bytes[i]) + ", read back " + hex_byte(back[i]) +
                           "; is that address RAM or flash on -M " + config_.launch.machine +
                           "? Check the target's memory map and linker script");
    }
  }
}

void QemuProbe::require_open(const char* step) const {
  if (!qemu_) {
    throw ProbeError(ProbeErrc::connection,
                     std::string("QEMU probe: cannot ") + step + " before open()");
  }
}

}  // namespace tr::probe
