#include "power/lpm01a/lpm01a_monitor.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cmath>

#include "power/lpm01a/lpm01a_number.h"
#include "power/power_error.h"

namespace tr::power {
namespace asio = boost::asio;
using asio::awaitable;
using lpm01a::Lpm01aItem;
using lpm01a::Lpm01aReply;

namespace {

long ms(std::chrono::steady_clock::duration d) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
}

serial::SerialOptions serial_options(const Lpm01aOptions& o) {
  serial::SerialOptions s;
  s.baud = o.baud;
  s.read_chunk = 16384;  // 9 bytes per sample at <= 5 kHz
  return s;
}

}  // namespace

Lpm01aMonitor::Lpm01aMonitor(asio::any_io_executor executor, Lpm01aOptions options)
    : options_(std::move(options)), port_(executor, options_.path, serial_options(options_)) {
  port_.set_on_data([this] { on_data(); });
}

Lpm01aMonitor::~Lpm01aMonitor() {
  port_.set_on_data({});
  port_.close();
}

std::string Lpm01aMonitor::who() const {
  return "LPM01A on " + options_.path;
}

std::string Lpm01aMonitor::description() const {
  std::string d = "lpm01a on " + options_.path;
  if (!board_id_.empty()) d += " (board " + board_id_ + ", firmware " + firmware_ + ")";
  return d;
}

MonitorCapabilities Lpm01aMonitor::capabilities() const {
  MonitorCapabilities c;
  c.markers = options_.markers && options_.format == lpm01a::Format::ascii_dec;
  c.supply_control = true;
  c.voltage = false;  // one `volt get` per session, not per sample
  c.max_rate_hz = options_.format == lpm01a::Format::ascii_dec ? 5e3 : 100e3;
  c.per_inference_energy = c.markers;
  if (!c.markers) {
    c.unfit_reason = options_.markers ? "bin_hexa carries no D7 event markers"
                                      : "D7 event markers are switched off (markers = false)";
  }
  return c;
}

// The reader calls this with every chunk: parse, route answers and capture data, wake waiters.
void Lpm01aMonitor::on_data() {
  const std::string_view bytes = port_.text();
  items_.clear();
  parser_.feed(bytes, items_);
  port_.consume(bytes.size());
  const std::size_t first_new = capture_ ? capture_->samples() : 0;
  const std::size_t markers_before = capture_ ? capture_->trace().markers.size() : 0;
  for (const Lpm01aItem& item : items_) {
    if (item.kind == Lpm01aItem::Kind::sample || item.kind == Lpm01aItem::Kind::lost_sample) {
      ++data_lines_;
    }
    if (item.kind == Lpm01aItem::Kind::completed) completed_ = true;
    if (pending_) pending_->offer(item);
    if (capture_ && state_ == State::capturing) capture_->add(item);
  }
  if (auto failure = port_.failure(); failure && capture_) capture_->fail(failure->what());
  if (capture_ && listener_.on_samples && capture_->samples() > first_new) {
    listener_.on_samples(capture_->trace(), first_new);
  }
  if (capture_ && listener_.on_marker) {
    const auto& markers = capture_->trace().markers;
    for (std::size_t i = markers_before; i < markers.size(); ++i) listener_.on_marker(markers[i]);
  }
  wake();
}

void Lpm01aMonitor::wake() {
  for (auto* t : waiters_) t->cancel();
}

// True once done(); false at the deadline. Throws when the port dies or closes meanwhile.
awaitable<bool> Lpm01aMonitor::wait_until(const std::function<bool()>& done,
                                          Clock::time_point deadline) {
  for (;;) {
    if (done()) co_return true;
    if (auto failure = port_.failure()) throw PowerError(PowerErrc::disconnected, failure->what());
    if (!port_.is_open()) {
      throw PowerError(PowerErrc::disconnected, who() + ": the monitor was closed meanwhile");
    }
    if (Clock::now() >= deadline) co_return false;
    asio::steady_timer timer(co_await asio::this_coro::executor, deadline);
    waiters_.push_back(&timer);
    struct Unregister {  // also when the frame is destroyed mid-wait
      std::vector<asio::steady_timer*>& list;
      asio::steady_timer* t;
      ~Unregister() { std::erase(list, t); }
    } unregister{waiters_, &timer};
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

void Lpm01aMonitor::require_open(const char* what) const {
  if (state_ == State::closed) {
    throw PowerError(PowerErrc::config, who() + ": " + what + " before open()");
  }
  if (auto failure = port_.failure()) throw PowerError(PowerErrc::disconnected, failure->what());
}

awaitable<Lpm01aReply> Lpm01aMonitor::command(std::string line) {
  require_open("command");
  co_return co_await exchange(std::move(line), options_.timing.command);
}

awaitable<Lpm01aReply> Lpm01aMonitor::exchange(std::string line, Clock::duration timeout) {
  pending_.emplace(line);
  const std::size_t data_before = data_lines_;
  co_await port_.write(line + "\r\n", timeout);
  const auto deadline = Clock::now() + timeout;
  bool answered = co_await wait_until([&] { return pending_->answered(); }, deadline);
  if (!answered) {
    const std::size_t data = data_lines_ - data_before;
    pending_.reset();
    throw PowerError(PowerErrc::timeout,
                     who() + ": no answer to '" + line + "' within " + std::to_string(ms(timeout)) +
                         " ms" +
                         (data > 0 ? " (" + std::to_string(data) +
                                         " data values arrived meanwhile: output of an earlier "
                                         "session still queued?)"
                                   : "; is this a PowerShield, powered, on the right port?"));
  }
  if (!pending_->complete()) {
    co_await wait_until([&] { return pending_->complete(); },
                        Clock::now() + options_.timing.error_detail);
  }
  Lpm01aReply reply = pending_->reply();
  pending_.reset();
  if (!reply.ok) {
    throw PowerError(PowerErrc::refused, who() + ": the board refused '" + line +
                                             "': " + lpm01a::describe_error(reply) +
                                             "; check the value against the board's `help`, "
                                             "or update its firmware (>= 1.0.6)");
  }
  co_return reply;
}

// A crashed session may have left a capture streaming and half a command in the board's
// input: end that line, stop, and throw away what is queued until the line is quiet. Stale
// data can still hide the `htc` answer ("did not acknowledge"): then purge and retry.
awaitable<void> Lpm01aMonitor::resync() {
  const auto& t = options_.timing;
  std::string last_problem;
  for (int attempt = 1; attempt <= t.open_attempts; ++attempt) {
    co_await port_.write("\r\nstop\r\n", t.command);
    try {
      co_await port_.drain(t.drain_quiet, t.drain_max);
    } catch (const PowerError& e) {
      if (e.code() != PowerErrc::timeout) throw;
      last_problem = e.what();
      continue;  // still streaming: `stop` was lost in the stale output
    }
    parser_.reset();
    parser_.set_binary_capture(false);
    try {
      co_await exchange("htc", t.command);
      resync_needed_ = false;
      co_return;
    } catch (const PowerError& e) {
      if (e.code() != PowerErrc::timeout) throw;
      last_problem = e.what();
    }
  }
  throw PowerError(PowerErrc::timeout,
                   who() + ": no clean start after " + std::to_string(t.open_attempts) +
                       " rounds of stop, drain and htc (" + last_problem +
                       "). Unplug and replug the PowerShield, or press its reset button");
}

awaitable<double> Lpm01aMonitor::read_volts() {
  Lpm01aReply reply = co_await exchange("volt get", options_.timing.command);
  std::string text = reply.result.substr(0, reply.result.find(' '));
  auto v = lpm01a::parse_number(text);
  if (!v || !(*v > 0.5 && *v < 5.0)) {
    throw PowerError(PowerErrc::protocol,
                     who() + ": 'volt get' answered '" + reply.result +
                         "', not a voltage like 3292-03; is the firmware supported (>= 1.0.6)?");
  }
  co_return *v;
}

// The MLPerf Tiny energy runner's set-up (fact sheet §2.3), minus what tinyrack does per
// capture (freq, start) and with `pwrend on` so the DUT keeps running between captures.
awaitable<void> Lpm01aMonitor::configure() {
  const auto& o = options_;
  const auto& t = o.timing;
  if (!(o.volts >= lpm01a::kMinVolts - 1e-9 && o.volts <= lpm01a::kMaxVolts + 1e-9)) {
    throw PowerError(PowerErrc::config, who() + ": supply " + std::to_string(o.volts) +
                                            " V is outside the board's 1.8..3.3 V");
  }
  if (auto why = lpm01a::capture_refusal(o.rate_hz, o.output, o.format, INFINITY)) {
    throw PowerError(PowerErrc::config, who() + ": cannot capture as configured: " + *why);
  }
  Lpm01aReply id = co_await exchange("powershield", t.command);
  for (const auto& line : id.output) {
    if (line.rfind("PowerShield present", 0) == 0) board_id_ = line.substr(20);
  }
  Lpm01aReply version = co_await exchange("version", t.command);
  firmware_ = !version.result.empty()  ? version.result
              : version.output.empty() ? std::string("?")
                                       : version.output.back();
  if (o.lcd) {
    co_await exchange("lcd 1 \"tinyrack\"", t.command);
    co_await exchange("lcd 2 \" power monitor  \"", t.command);
  }
  co_await exchange("pwr off", t.command);  // change the voltage with the DUT unpowered
  co_await exchange("acqtime inf", t.command);
  co_await exchange("trigdelay 0", t.command);
  co_await exchange("trigsrc sw", t.command);
  if (o.markers) co_await exchange("eventsrc d7 fal", t.command);
  co_await exchange(std::string("output ") + to_string(o.output), t.command);
  co_await exchange(std::string("format ") + to_string(o.format), t.command);
  co_await exchange("freq " + lpm01a::format_freq(o.rate_hz), t.command);
  rate_hz_ = o.rate_hz;
  co_await exchange("volt " + lpm01a::format_millivolts(o.volts), t.volt);
  volts_ = co_await read_volts();
  co_await exchange("pwrend on", t.command);
  if (o.supply_on_after_open) co_await exchange("pwr on", t.command);
}

awaitable<void> Lpm01aMonitor::open() {
  if (state_ != State::closed) co_return;
  port_.open();
  parser_.reset();
  state_ = State::idle;
  try {
    co_await resync();
    co_await configure();
  } catch (...) {
    port_.close();
    state_ = State::closed;
    throw;
  }
}

}  // namespace tr::power
