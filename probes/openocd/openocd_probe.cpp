#include "openocd/openocd_probe.h"

#include <unistd.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include "debug/probe_error.h"
#include "debug/rsp_packet.h"
#include "debug/with_timeout.h"
#include "openocd/intel_hex.h"
#include "openocd/tcl_memory.h"
#include "openocd/tcl_script.h"

namespace tr::probe {
namespace asio = boost::asio;
using asio::awaitable;
using namespace std::chrono_literals;

namespace {

constexpr const char* kBanner = "Open On-Chip Debugger";
constexpr std::size_t kLogLines = 4;
constexpr auto kExitGrace = 2s;  // after `shutdown`, before SIGKILL

std::string hex_address(std::uint64_t address) {
  return "0x" + rsp::hex_number(address);
}

std::string hex_byte(std::uint8_t b) {
  static constexpr char kDigits[] = "0123456789abcdef";
  return std::string("0x") + kDigits[b >> 4] + kDigits[b & 0xf];
}

// Removes the temporary HEX file on every path out of flash().
struct TempFile {
  std::filesystem::path path;
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

std::filesystem::path temp_hex_path(const std::filesystem::path& dir) {
  static std::atomic<unsigned> counter{0};
  const auto base = dir.empty() ? std::filesystem::temp_directory_path() : dir;
  return base / ("tinyrack-openocd-" + std::to_string(::getpid()) + "-" +
                 std::to_string(counter++) + ".hex");
}

}  // namespace

OpenOcdProbe::OpenOcdProbe(asio::any_io_executor executor, OpenOcdProbeConfig config)
    : executor_(executor), config_(std::move(config)), tcl_(executor) {}

OpenOcdProbe::~OpenOcdProbe() {
  tcl_.close();
  openocd_.reset();  // kills and reaps
}

std::string OpenOcdProbe::description() const {
  if (openocd_) {
    return "openocd (tcl " + endpoint_ + ", gdb port " + std::to_string(openocd_->gdb_port()) +
           ", pid " + std::to_string(openocd_->pid()) + ")";
  }
  if (config_.attach) {
    return "openocd at " + config_.attach->host + ":" + std::to_string(config_.attach->tcl_port);
  }
  return "openocd (not started)";
}

template <class T>
awaitable<T> OpenOcdProbe::with_log(awaitable<T> op) {
  std::string message;
  ProbeErrc code = ProbeErrc::target;
  try {
    co_return co_await std::move(op);
  } catch (const TimeoutError&) {
    throw;
  } catch (const ProbeError& e) {
    if (!openocd_ || (e.code() != ProbeErrc::target && e.code() != ProbeErrc::connection)) throw;
    message = e.what();
    code = e.code();
  }
  ServerProcess& server = openocd_->server();
  if (code == ProbeErrc::connection) co_await server.wait_for_exit(500ms);
  const std::string state = server.running() ? "" : "OpenOCD " + server.exit_description() + "; ";
  throw ProbeError(code,
                   message + " (" + state + "OpenOCD log: " + server.stderr_tail(kLogLines) + ")");
}

awaitable<void> OpenOcdProbe::open() {
  if (open_) co_return;
  try {
    if (!config_.attach) {
      openocd_ = co_await OpenOcdProcess::launch(config_.launch, config_.launch_timeout);
    }
    co_await connect();
    open_ = true;
    if (config_.halt_on_open) co_await halt();
  } catch (...) {
    // A half-open probe leaves nothing behind: the OpenOCD it started is killed and reaped.
    tcl_.close();
    openocd_.reset();
    open_ = false;
    throw;
  }
}

awaitable<void> OpenOcdProbe::connect() {
  asio::ip::tcp::endpoint endpoint(asio::ip::address_v4::loopback(), 0);
  if (openocd_) {
    endpoint.port(openocd_->tcl_port());
  } else {
    const auto& where = *config_.attach;
    asio::ip::tcp::resolver resolver(executor_);
    try {
      auto results = co_await with_timeout(
          resolver.async_resolve(where.host, std::to_string(where.tcl_port), asio::use_awaitable),
          config_.connect_timeout, "resolving OpenOCD host '" + where.host + "'");
      endpoint = results.begin()->endpoint();
    } catch (const boost::system::system_error& e) {
      throw ProbeError(ProbeErrc::connection, "cannot resolve OpenOCD host '" + where.host +
                                                  "': " + e.code().message() +
                                                  "; fix the probe's attach host");
    }
  }
  endpoint_ = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  co_await tcl_.connect(endpoint, config_.connect_timeout);
  const std::string banner = co_await with_log(tcl_.command("version", config_.command_timeout));
  if (!banner.starts_with(kBanner)) {
    throw ProbeError(ProbeErrc::protocol, "the Tcl server at " + endpoint_ +
                                              " answered 'version' with '" + tcl::describe(banner) +
                                              "', not OpenOCD's banner");
  }
}

awaitable<void> OpenOcdProbe::close() {
  const bool owned = openocd_ != nullptr;
  if (owned && tcl_.connected()) {
    try {
      co_await tcl_.shutdown(config_.shutdown_timeout);
    } catch (const ProbeError&) {
      // OpenOCD is killed below either way.
    }
    co_await openocd_->server().wait_for_exit(kExitGrace);
  }
  tcl_.close();
  openocd_.reset();  // SIGKILL if it is still there, then reap
  open_ = running_ = false;
}

awaitable<std::string> OpenOcdProbe::version() {
  require_open("read the version");
  co_return co_await with_log(tcl_.command("version", config_.command_timeout));
}

awaitable<std::string> OpenOcdProbe::command(std::string script) {
  require_open("run a command");
  co_return co_await with_log(tcl_.command(std::move(script), config_.command_timeout));
}

awaitable<void> OpenOcdProbe::halt() {
  co_await command("halt");
  running_ = false;
}

awaitable<void> OpenOcdProbe::resume() {
  // OpenOCD refuses to resume a running target; the interface makes that a no-op.
  co_await command("if {[[target current] curstate] ne \"running\"} {resume}");
  running_ = true;
}

awaitable<void> OpenOcdProbe::reset() {
  co_await command("reset halt");
  running_ = false;
}

awaitable<std::vector<std::uint8_t>> OpenOcdProbe::read_memory(std::uint32_t address,
                                                               std::size_t length) {
  if (address + static_cast<std::uint64_t>(length) > (1ull << 32)) {
    throw ProbeError(ProbeErrc::target, "cannot read " + std::to_string(length) + " bytes at " +
                                            hex_address(address) +
                                            ": the range passes the end of the address space");
  }
  if (running_) co_await halt();
  std::vector<std::uint8_t> out;
  out.reserve(length);
  while (out.size() < length) {
    const auto at = static_cast<std::uint32_t>(address + out.size());
    const std::size_t n = std::min(tcl::kMemoryChunk, length - out.size());
    const std::string result = co_await command(tcl::read_memory_command(at, n));
    const auto bytes = tcl::parse_read_memory(result, at, n);
    out.insert(out.end(), bytes.begin(), bytes.end());
  }
  co_return out;
}

awaitable<void> OpenOcdProbe::write_memory(std::uint32_t address,
                                           std::span<const std::uint8_t> bytes) {
  if (address + static_cast<std::uint64_t>(bytes.size()) > (1ull << 32)) {
    throw ProbeError(ProbeErrc::target, "cannot write " + std::to_string(bytes.size()) +
                                            " bytes at " + hex_address(address) +
                                            ": the range passes the end of the address space");
  }
  if (running_) co_await halt();
  for (std::size_t done = 0; done < bytes.size();) {
    const auto chunk = bytes.subspan(done, std::min(tcl::kMemoryChunk, bytes.size() - done));
    co_await command(tcl::write_memory_command(static_cast<std::uint32_t>(address + done), chunk));
    done += chunk.size();
  }
}

awaitable<FlashReport> OpenOcdProbe::flash(const ElfImage& image) {
  require_open("flash");
  const TempFile hex{temp_hex_path(config_.scratch_dir)};
  const std::string script =
      "program " + tcl::brace(hex.path.string(), "HEX file path") + " verify";
  write_intel_hex(image, hex.path);
  std::string failure;
  try {
    co_await with_log(tcl_.command(script, config_.flash_timeout));
  } catch (const ProbeError& e) {
    if (e.code() != ProbeErrc::target) throw;
    failure = e.what();
  }
  if (!failure.empty()) {
    // `program` says only "** Verify Failed **": find the address ourselves.
    std::string where;  // (no co_await inside ?: : GCC 12 miscompiles it)
    if (failure.find("Verify Failed") != std::string::npos)
      where = co_await first_difference(image);
    throw ProbeError(ProbeErrc::target,
                     "flashing " + image.source() + " through OpenOCD failed: " + failure + where);
  }
  co_await reset();
  co_return FlashReport{image.segments().size(), image.loadable_bytes(), image.sha256()};
}

awaitable<std::string> OpenOcdProbe::first_difference(const ElfImage& image) {
  for (const auto& segment : image.segments()) {
    const auto back = co_await read_memory(segment.address, segment.bytes.size());
    for (std::size_t i = 0; i < back.size(); ++i) {
      if (back[i] == segment.bytes[i]) continue;
      co_return "; first difference at " + hex_address(segment.address + i) + ": wrote " +
          hex_byte(segment.bytes[i]) + ", read back " + hex_byte(back[i]);
    }
  }
  co_return "";
}

void OpenOcdProbe::require_open(const char* step) const {
  if (!open_) {
    throw ProbeError(ProbeErrc::connection,
                     std::string("OpenOCD probe: cannot ") + step + " before open()");
  }
}

}  // namespace tr::probe
