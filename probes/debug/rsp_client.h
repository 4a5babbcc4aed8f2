// RspClient: a GDB Remote Serial Protocol client over TCP (gdb-rsp.md), enough to load,
// verify, reset, run and halt a target through QEMU's gdbstub, OpenOCD or pyOCD.
//
// All-stop, one packet at a time. Ack mode unless the stub offers QStartNoAckMode (QEMU 7.2
// does not). Every wait has a deadline. While the target runs, the only byte ever sent is 0x03
// (QEMU halts on any byte and drops the packet): packet calls then throw until interrupt().
// Coroutine parameters are taken by value; spans must stay valid until the call completes.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "debug/debug_probe.h"
#include "debug/rsp_decoder.h"
#include "debug/rsp_memory_map.h"
#include "debug/stop_reply.h"

namespace tr::probe {

struct RspTimeouts {
  std::chrono::milliseconds packet{2000};    // one request and its reply
  std::chrono::milliseconds monitor{10000};  // a monitor command including all its output
};

struct RspOptions {
  RspTimeouts timeouts;
  int max_retransmits = 3;  // '-' answers (either direction) tolerated per packet
};

// Deadlines of the slow flash-loader packets (gdb-rsp.md §6: erases and vFlashDone take long).
struct RspFlashTimeouts {
  std::chrono::milliseconds erase{30000};  // one vFlashErase
  std::chrono::milliseconds write{10000};  // one vFlashWrite
  std::chrono::milliseconds done{60000};   // vFlashDone: the stub commits buffered writes
};

// Z2/Z3/Z4 (gdb-rsp.md): stop after a write, a read, or either, of the watched bytes.
enum class WatchpointKind { write = 2, read = 3, access = 4 };

class RspClient {
 public:
  using duration = std::chrono::steady_clock::duration;
  // Until qSupported says otherwise (GDB's own default).
  static constexpr std::size_t kDefaultPacketSize = 400;

  explicit RspClient(boost::asio::any_io_executor executor, RspOptions options = {});

  // TCP connect with TCP_NODELAY. Refused / unreachable -> ProbeError(connection).
  boost::asio::awaitable<void> connect(boost::asio::ip::tcp::endpoint endpoint, duration timeout);
  // qSupported (PacketSize is hex), then QStartNoAckMode if the stub offers it.
  boost::asio::awaitable<void> handshake();

  // Sends one packet (retransmitting on '-'), waits for its reply, acks it; returns the reply
  // payload with run-length encoding expanded. The whole exchange must finish within `timeout`.
  boost::asio::awaitable<std::string> transact(std::string payload, duration timeout);

  // m packets; loops because a stub may return fewer bytes than asked.
  boost::asio::awaitable<std::vector<std::uint8_t>> read_memory(std::uint32_t address,
                                                                std::size_t length);
  // M packets sized so each whole packet fits PacketSize.
  boost::asio::awaitable<void> write_memory(std::uint32_t address,
                                            std::span<const std::uint8_t> bytes);
  // qRcmd (GDB's "monitor"): returns the console output the stub sent before OK.
  boost::asio::awaitable<std::string> monitor(std::string command);
  // g: the registers as 32-bit words in the stub's order; r0-r15 come first. (QEMU 7.2 sends
  // 17 words after target.xml was read, else the legacy 42-word FPA layout.)
  boost::asio::awaitable<std::vector<std::uint32_t>> read_registers();
  // p n: one 32-bit register (Cortex-M: r0-r12 = 0-c, sp = d, lr = e, pc = f). QEMU answers p
  // only after the client has read target.xml; for r0-r15 this falls back to g.
  boost::asio::awaitable<std::uint32_t> read_register(unsigned number);

  // c: waits only for the stub's '+'; the target then runs until interrupt().
  boost::asio::awaitable<void> resume();
  // 0x03, then the stop reply (a stop that already arrived is returned without sending 0x03).
  // On a halted target this is stop_reason().
  boost::asio::awaitable<rsp::StopReply> interrupt(duration timeout);
  // Z<kind>,addr,len / z<kind>,addr,len on a halted target (rsp_client_watchpoints.cpp). OK
  // or throws: empty reply -> ProbeError(protocol) "does not support"; E NN -> ProbeError(target).
  boost::asio::awaitable<void> insert_watchpoint(WatchpointKind kind, std::uint32_t address,
                                                 std::uint32_t length);
  boost::asio::awaitable<void> remove_watchpoint(WatchpointKind kind, std::uint32_t address,
                                                 std::uint32_t length);
  // Resumes (unless already running) and waits up to `timeout` for the target to stop on its
  // own (watchpoint, breakpoint, exit); if it has not, halts it with 0x03. Returns the stop
  // reply either way: StopReply::watchpoint() tells a watchpoint stop from the interrupt.
  // QEMU (Arm) stops *before* the watched access, as Arm hardware does, so resuming from a
  // watchpoint stop first steps over the access with the watchpoints removed (as GDB does);
  // use this, not resume(), to continue from one.
  boost::asio::awaitable<rsp::StopReply> run_until_stop(duration timeout);
  // qXfer:memory-map:read in chunks while the reply starts with 'm' (rsp_client_flash.cpp).
  // A stub that does not offer one (QEMU; OpenOCD without flash banks) -> ProbeError(protocol).
  boost::asio::awaitable<std::vector<rsp::MemoryRegion>> read_memory_map();
  // Flashes through the stub's flash loader (OpenOCD, pyOCD; gdb-rsp.md §4.1) on a halted
  // target: fetches the memory map, erases every flash block a segment touches (merged,
  // block-aligned vFlashErase), writes the flash parts with binary-escaped vFlashWrite packets
  // that fit PacketSize, commits with vFlashDone, writes RAM parts with M, then reads every
  // segment back (a mismatch is ProbeError(target) naming the first differing address). Bytes
  // outside the map or in ROM -> ProbeError(image). The caller resets afterwards.
  boost::asio::awaitable<FlashReport> flash_via_gdb(const ElfImage& image,
                                                    RspFlashTimeouts timeouts = {});
  // ?: why the target is halted.
  boost::asio::awaitable<rsp::StopReply> stop_reason();
  // D, then closes the connection; the target keeps running (stub-dependent).
  boost::asio::awaitable<void> detach();
  void close();

  bool connected() const { return socket_.is_open() && !broken_; }
  bool running() const { return running_; }
  bool no_ack() const { return no_ack_; }
  std::size_t packet_size() const { return packet_size_; }
  const std::string& features() const { return features_; }  // the raw qSupported reply
  const std::string& peer() const { return peer_; }          // "127.0.0.1:1234"
  const RspOptions& options() const { return options_; }

 private:
  boost::asio::awaitable<rsp::RspEvent> next_event();
  boost::asio::awaitable<void> write_raw(std::string bytes);
  boost::asio::awaitable<void> send_packet(std::string payload);
  boost::asio::awaitable<std::string> receive_packet();
  boost::asio::awaitable<std::string> exchange(std::string payload);
  boost::asio::awaitable<std::string> monitor_unbounded(std::string command);
  boost::asio::awaitable<rsp::StopReply> interrupt_unbounded();
  boost::asio::awaitable<rsp::StopReply> wait_for_stop();
  void read_available();
  void require_usable(std::string_view payload) const;
  [[noreturn]] void connection_lost(const std::string& why);
  std::string target_error(std::string_view reply, std::string_view packet,
                           const std::string& what) const;

  boost::asio::ip::tcp::socket socket_;
  RspOptions options_;
  rsp::RspDecoder decoder_;
  std::string doing_;  // the packet or step in progress, for error messages
  std::string peer_;
  std::string features_;
  std::string pending_reply_;  // a reply that arrived before the stub's '+'
  bool has_pending_reply_ = false;
  std::size_t packet_size_ = kDefaultPacketSize;
  bool no_ack_ = false;
  bool running_ = false;
  bool broken_ = false;
  struct Watchpoint {
    WatchpointKind kind;
    std::uint32_t address;
    std::uint32_t length;
  };
  std::vector<Watchpoint> watchpoints_;  // inserted and not removed
  bool on_watchpoint_ = false;           // the last stop was a watchpoint's, before its access
  boost::asio::awaitable<void> step_over_watchpoints();
  boost::asio::awaitable<void> flash_packet(std::string payload, duration timeout,
                                            const std::string& what);
  boost::asio::awaitable<void> verify_image(const ElfImage& image);
  boost::asio::awaitable<void> send_watchpoint(char verb, Watchpoint w);
};

}  // namespace tr::probe
