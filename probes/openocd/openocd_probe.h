// OpenOcdProbe: DebugProbe through OpenOCD's Tcl RPC server (TclRpcClient). open() either
// launches its own OpenOCD (OpenOcdProcess, on loopback ports it picks) or attaches to one
// already running at a given host and Tcl port.
//
//   open       connect, `version` (must start "Open On-Chip Debugger"), then `halt`
//   halt       `halt`          resume  `resume` (skipped when already running)
//   reset      `reset halt`
//   memory     `read_memory addr 8 n` / `write_memory addr 8 {...}` in tcl::kMemoryChunk pieces
//   flash      the ElfImage's segments as a temporary Intel HEX file (intel_hex.h), then
//              `program {file} verify` and `reset halt`; on a verify failure the image is read
//              back to name the first differing address
//   close      `shutdown` and reap (own OpenOCD), or just disconnect (attached)
// Flashing needs OpenOCD's flash banks for the target (from its config); the HEX file lives in
// `scratch_dir` only for the duration of the call.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "debug/debug_probe.h"
#include "openocd/openocd_process.h"
#include "openocd/tcl_rpc_client.h"

namespace tr::probe {

// An OpenOCD started by someone else (a rack service); loopback in tests.
struct OpenOcdAttach {
  std::string host = "127.0.0.1";  // an IP address or a host name
  std::uint16_t tcl_port = 6666;
};

struct OpenOcdProbeConfig {
  OpenOcdLaunchSpec launch;             // used unless `attach` is set
  std::optional<OpenOcdAttach> attach;  // set: connect to this OpenOCD instead of launching
  bool halt_on_open = true;             // false: open() only connects (no target needed)
  std::filesystem::path scratch_dir;    // for the temporary HEX file; empty = system temp dir
  std::chrono::milliseconds launch_timeout{10000};
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds command_timeout{10000};  // halt, reset, memory chunks
  std::chrono::milliseconds flash_timeout{300000};   // `program` (erase + write + verify)
  std::chrono::milliseconds shutdown_timeout{3000};
};

class OpenOcdProbe : public DebugProbe {
 public:
  OpenOcdProbe(boost::asio::any_io_executor executor, OpenOcdProbeConfig config);
  ~OpenOcdProbe() override;

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

  // OpenOCD's `version` ("Open On-Chip Debugger 0.12.0").
  boost::asio::awaitable<std::string> version();
  // Any OpenOCD command (wrapped; errors as TclRpcClient::command).
  boost::asio::awaitable<std::string> command(std::string script);

  bool is_open() const override { return open_ && tcl_.connected(); }
  bool running() const override { return running_; }
  std::string description() const override;

  // The OpenOCD this probe started (null when attached, before open and after close).
  OpenOcdProcess* process() { return openocd_.get(); }
  TclRpcClient& tcl() { return tcl_; }

 private:
  boost::asio::awaitable<void> connect();
  boost::asio::awaitable<FlashReport> program(const ElfImage& image);
  boost::asio::awaitable<std::string> first_difference(const ElfImage& image);
  void require_open(const char* step) const;
  // Adds OpenOCD's last log lines to a failure when this probe owns the process.
  template <class T>
  boost::asio::awaitable<T> with_log(boost::asio::awaitable<T> op);

  boost::asio::any_io_executor executor_;
  OpenOcdProbeConfig config_;
  std::unique_ptr<OpenOcdProcess> openocd_;
  TclRpcClient tcl_;
  std::string endpoint_;  // "127.0.0.1:6666"
  bool open_ = false;
  bool running_ = false;
};

}  // namespace tr::probe
