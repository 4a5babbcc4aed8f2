#include "power/lpm01a/lpm01a_device.h"

#include <cmath>
#include <optional>

#include "power/lpm01a/lpm01a_line.h"
#include "power/lpm01a/lpm01a_number.h"

namespace tr::power::lpm01a {
namespace {

constexpr std::string_view kPromptSpace = "PowerShield > ";

std::pair<std::string_view, std::string_view> split_first(std::string_view s) {
  std::size_t space = s.find(' ');
  if (space == std::string_view::npos) return {s, {}};
  std::string_view rest = s.substr(space + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return {s.substr(0, space), rest};
}

bool one_of(std::string_view v, std::initializer_list<std::string_view> options) {
  for (auto o : options) {
    if (v == o) return true;
  }
  return false;
}

// A number argument inside [lo, hi] (with a little slack for "1800m"-style rounding).
std::optional<double> number_in(std::string_view text, double lo, double hi) {
  auto v = parse_number(text);
  if (!v || *v < lo * (1 - 1e-9) || *v > hi * (1 + 1e-9)) return std::nullopt;
  return v;
}

const char* kHelp[] = {
    "help, echo <s>, powershield, version, range, status, htc, hrc, psrst",
    "lcd <1|2> \"<text>\", volt <v>|get, freq <f>, acqtime <t>, acqmode dyn|stat",
    "funcmode optim|high, output current|energy, format ascii_dec|bin_hexa",
    "trigsrc sw|d7, trigdelay <t>, currthres <i>, pwr auto|on|off|get, pwrend on|off",
    "start, stop, targrst <t>, temp degc|degf, autotest, calib"};

}  // namespace

Lpm01aDevice::Lpm01aDevice(Lpm01aDeviceConfig config) : config_(std::move(config)) {}

bool Lpm01aDevice::supply_on() const {
  return power_ == Power::on || (power_ == Power::automatic && acquiring_);
}

std::string Lpm01aDevice::ack(std::string_view line, std::string_view result) const {
  std::string out = std::string(kPromptSpace) + "ack " + std::string(line);
  if (!result.empty()) out += " " + std::string(result);
  return out + "\r\n";
}

std::string Lpm01aDevice::error(std::string_view line, std::string_view detail) const {
  return std::string(kPromptSpace) + "error " + std::string(line) + "\r\n" +
         std::string(kPromptSpace) + "Error detail: " + std::string(detail) + "\r\n";
}

std::string Lpm01aDevice::handle(std::string_view line, double now_s) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  if (line.empty()) return {};
  auto [verb, args] = split_first(line);

  if (verb == "stop") {
    if (!acquiring_) return error(line, "no acquisition running");  // (simulator's rule)
    std::string out = stream(now_s);
    return out + finish();
  }
  if (acquiring_) return error(line, "acquisition running, send stop first");  // (simulator's)

  if (verb == "help") {
    std::string out;
    for (const char* h : kHelp) out += std::string(h) + "\r\n";
    return out + ack(line);
  }
  if (verb == "echo") return std::string(args) + "\r\n" + ack(line);
  if (verb == "powershield") {
    return "PowerShield present " + config_.board_id + "\r\n" + ack(line);
  }
  if (verb == "version") return ack(line, config_.firmware);
  if (verb == "status") return ack(line, "ok");
  if (verb == "range") return ack(line, "dyn 100n 50m");
  if (verb == "htc") {
    host_control_ = true;
    return ack(line);
  }
  if (verb == "hrc") {
    host_control_ = false;
    return ack(line);
  }
  if (verb == "temp") {
    if (args == "degc") return ack(line, "28.0");
    if (args == "degf") return ack(line, "82.4");
    return error(line, "expected degc or degf");
  }
  // Everything else changes the board: the host must hold it (simulator's rule: the board's
  // behaviour without `htc` is not documented; the MLPerf runner always sends htc first).
  if (!host_control_) return error(line, "host control not taken, send htc first");
  if (verb == "start") return start(line, now_s);
  return configure(verb, args, line);
}

std::string Lpm01aDevice::configure(std::string_view verb, std::string_view args,
                                    std::string_view line) {
  auto [first, rest] = split_first(args);
  if (verb == "volt") {
    if (args == "get") return ack(line, format_sample(volts_));
    auto v = number_in(args, kMinVolts, kMaxVolts);
    if (!v) return error(line, "voltage out of range 1800m..3300m");
    volts_ = *v;
    return ack(line);
  }
  if (verb == "freq") {
    auto f = parse_number(args);
    if (!f || !is_board_frequency(*f)) return error(line, "frequency not supported");
    freq_ = *f;
    return ack(line);
  }
  if (verb == "acqtime") {
    auto t = parse_number(args);
    if (t && (*t == 0.0 || std::isinf(*t))) {
      acqtime_s_ = INFINITY;
      return ack(line);
    }
    if (!number_in(args, 100e-6, 100.0)) return error(line, "acquisition time out of range");
    acqtime_s_ = *t;
    return ack(line);
  }
  if (verb == "output") {
    auto o = parse_output(args);
    if (!o) return error(line, "expected current or energy");
    output_ = *o;
    return ack(line);
  }
  if (verb == "format") {
    auto f = parse_format(args);
    if (!f) return error(line, "expected ascii_dec or bin_hexa");
    format_ = *f;
    return ack(line);
  }
  if (verb == "eventsrc") {
    if (!config_.has_eventsrc) return error(line, "command not found");
    if (first != "d7" || !one_of(rest, {"fal", "ris"})) return error(line, "expected d7 fal");
    events_ = true;
    return ack(line);
  }
  if (verb == "pwr") {
    if (first == "get") return ack(line, supply_on() ? "on" : "off");
    if (!rest.empty() && !one_of(rest, {"nostatus", "status"})) return error(line, "bad option");
    if (first == "on")
      power_ = Power::on;
    else if (first == "off")
      power_ = Power::off;
    else if (first == "auto")
      power_ = Power::automatic;
    else
      return error(line, "expected auto, on, off or get");
    return ack(line);
  }
  if (verb == "pwrend") {
    if (!one_of(args, {"on", "off"})) return error(line, "expected on or off");
    power_end_on_ = args == "on";
    return ack(line);
  }
  if (verb == "lcd") {
    // lcd <1|2> "<up to 16 characters>"
    bool quoted = rest.size() >= 2 && rest.front() == '"' && rest.back() == '"';
    if (!one_of(first, {"1", "2"}) || !quoted || rest.size() - 2 > 16) {
      return error(line, "expected lcd <1|2> \"<up to 16 characters>\"");
    }
    return ack(line);
  }
  if (verb == "trigsrc") {  // d7 is accepted and behaves as sw here (simulator's rule)
    return one_of(args, {"sw", "d7"}) ? ack(line) : error(line, "expected sw or d7");
  }
  if (verb == "trigdelay") {
    return number_in(args, 0.0, 30.0) ? ack(line) : error(line, "delay out of range 0..30");
  }
  if (verb == "acqmode") {
    return one_of(args, {"dyn", "stat"}) ? ack(line) : error(line, "expected dyn or stat");
  }
  if (verb == "funcmode") {
    return one_of(args, {"optim", "high"}) ? ack(line) : error(line, "expected optim or high");
  }
  if (verb == "currthres") {
    return number_in(args, 0.0, 50e-3) ? ack(line) : error(line, "threshold out of range");
  }
  if (verb == "targrst") {
    return number_in(args, 0.0, 1.0) ? ack(line) : error(line, "duration out of range");
  }
  if (verb == "psrst") {  // back to power-up defaults (the real board also drops off USB)
    std::string reply = ack(line);
    *this = Lpm01aDevice(config_);
    return reply;
  }
  if (one_of(verb, {"calib", "autotest"})) return ack(line);
  return error(line, "command not found");
}

}  // namespace tr::power::lpm01a
