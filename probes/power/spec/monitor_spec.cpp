#include "power/spec/monitor_spec.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string>

#include "power/power_error.h"

namespace tr::power {
namespace {

// What an option's value must be.
enum class ValueKind { number, integer, choice, text };

struct OptionRule {
  std::string_view key;
  ValueKind type;
  double min = 0.0;
  double max = 0.0;
  std::string_view choices;  // "a|b|c" for ValueKind::choice
};

struct KindRule {
  MonitorKind kind;
  std::string_view name;
  bool needs_address;
  std::vector<OptionRule> options;
};

const std::vector<KindRule>& kind_rules() {
  static const std::vector<KindRule> rules = {
      {MonitorKind::ppk2,
       "ppk2",
       true,
       {{"mode", ValueKind::choice, 0, 0, "source|ampere"},
        {"volts", ValueKind::number, 0.8, 5.0, ""},
        {"pin", ValueKind::integer, 0, 7, ""}}},
      {MonitorKind::lpm01a,
       "lpm01a",
       true,
       {{"volts", ValueKind::number, 1.8, 3.3, ""}, {"rate", ValueKind::number, 1, 100e3, ""}}},
      {MonitorKind::otii,
       "otii",
       true,
       {{"device", ValueKind::text, 0, 0, ""}, {"gpi", ValueKind::choice, 0, 0, "i1|i2|none"}}},
      {MonitorKind::hwmon, "hwmon", true, {{"interval", ValueKind::integer, 1, 32000, ""}}},
      {MonitorKind::modelled, "modelled", false, {}},
  };
  return rules;
}

const KindRule& rule_of(MonitorKind kind) {
  for (const auto& r : kind_rules()) {
    if (r.kind == kind) return r;
  }
  return kind_rules().back();
}

[[noreturn]] void fail(std::string_view spec, const std::string& what) {
  throw PowerError(PowerErrc::config, "monitor spec '" + std::string(spec) + "': " + what +
                                          " (expected KIND:ADDRESS[,key=value...]; " +
                                          "see `tinyrack measure --help`)");
}

std::optional<double> to_number(std::string_view s) {
  double v = 0.0;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (s.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string number_text(double v) {
  char buf[32];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, ptr) : std::to_string(v);
}

void check_value(std::string_view spec, const OptionRule& rule, const std::string& value) {
  const std::string key(rule.key);
  if (rule.type == ValueKind::text) {
    if (value.empty()) fail(spec, "option '" + key + "' needs a value");
    return;
  }
  if (rule.type == ValueKind::choice) {
    std::string_view rest = rule.choices;
    while (!rest.empty()) {
      auto bar = rest.find('|');
      if (rest.substr(0, bar) == value) return;
      rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
    }
    fail(spec,
         "option '" + key + "' is '" + value + "', expected one of " + std::string(rule.choices));
  }
  auto v = to_number(value);
  if (!v) fail(spec, "option '" + key + "': '" + value + "' is not a number");
  if (rule.type == ValueKind::integer && *v != std::floor(*v)) {
    fail(spec, "option '" + key + "': '" + value + "' is not a whole number");
  }
  if (*v < rule.min || *v > rule.max) {
    fail(spec, "option '" + key + "' is " + value + ", outside " + number_text(rule.min) + ".." +
                   number_text(rule.max));
  }
}

void check_address(std::string_view spec, MonitorKind kind, const std::string& address) {
  if (kind != MonitorKind::otii) return;
  // HOST[:PORT]; the port must be a TCP port number when given.
  auto colon = address.rfind(':');
  if (colon == 0) fail(spec, "otii address '" + address + "' has no host");
  if (colon == std::string::npos) return;
  auto port = to_number(std::string_view(address).substr(colon + 1));
  if (!port || *port != std::floor(*port) || *port < 1 || *port > 65535) {
    fail(spec, "otii port '" + address.substr(colon + 1) + "' is not a TCP port (1..65535)");
  }
}

std::string known_kinds() {
  std::string s;
  for (const auto& r : kind_rules()) s += (s.empty() ? "" : ", ") + std::string(r.name);
  return s;
}

std::string known_keys(const KindRule& rule) {
  if (rule.options.empty()) return "none";
  std::string s;
  for (const auto& o : rule.options) s += (s.empty() ? "" : ", ") + std::string(o.key);
  return s;
}

}  // namespace

const char* to_string(MonitorKind kind) noexcept {
  return rule_of(kind).name.data();
}

std::optional<std::string> MonitorSpec::option(std::string_view key) const {
  for (const auto& [k, v] : options) {
    if (k == key) return v;
  }
  return std::nullopt;
}

double MonitorSpec::number(std::string_view key, double fallback) const {
  auto v = option(key);
  if (!v) return fallback;
  return to_number(*v).value_or(fallback);
}

MonitorSpec parse_monitor_spec(std::string_view text) {
  if (text.empty()) fail(text, "empty");
  // Split the options off first: addresses never contain commas, they may contain colons.
  auto comma = text.find(',');
  std::string_view head = text.substr(0, comma);
  auto colon = head.find(':');
  std::string_view kind_name = head.substr(0, colon);

  const KindRule* rule = nullptr;
  for (const auto& r : kind_rules()) {
    if (r.name == kind_name) rule = &r;
  }
  if (!rule) {
    fail(text,
         "unknown monitor kind '" + std::string(kind_name) + "' (known: " + known_kinds() + ")");
  }
  MonitorSpec spec;
  spec.kind = rule->kind;
  if (colon != std::string_view::npos) spec.address = std::string(head.substr(colon + 1));
  if (rule->needs_address && spec.address.empty()) {
    fail(text, "missing address after '" + std::string(rule->name) + ":'");
  }
  if (!rule->needs_address && colon != std::string_view::npos) {
    fail(text, "'" + std::string(rule->name) + "' takes no address");
  }
  check_address(text, spec.kind, spec.address);

  std::string_view rest =
      comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
  if (comma != std::string_view::npos && rest.empty()) fail(text, "empty option after ','");
  while (comma != std::string_view::npos) {
    comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    auto eq = item.find('=');
    if (item.empty()) fail(text, "empty option between commas");
    if (eq == std::string_view::npos) {
      fail(text, "option '" + std::string(item) + "' has no '=value'");
    }
    std::string key(item.substr(0, eq));
    std::string value(item.substr(eq + 1));
    const OptionRule* option = nullptr;
    for (const auto& o : rule->options) {
      if (o.key == key) option = &o;
    }
    if (!option) {
      fail(text, "unknown option '" + key + "' for " + std::string(rule->name) +
                     " (known: " + known_keys(*rule) + ")");
    }
    if (spec.option(key)) fail(text, "option '" + key + "' given twice");
    check_value(text, *option, value);
    spec.options.emplace_back(std::move(key), std::move(value));
  }
  return spec;
}

std::string to_string(const MonitorSpec& spec) {
  std::string s = to_string(spec.kind);
  if (!spec.address.empty()) s += ":" + spec.address;
  for (const auto& [k, v] : spec.options) s += "," + k + "=" + v;
  return s;
}

const char* monitor_spec_help() noexcept {
  return "ppk2:PORT[,mode=source|ampere,volts=0.8..5,pin=0..7]\n"
         "lpm01a:PORT[,volts=1.8..3.3,rate=HZ]\n"
         "otii:HOST[:PORT][,device=ID,gpi=i1|i2|none]\n"
         "hwmon:hwmonN|CHIP|/sys/class/hwmon/hwmonN[,interval=MS]\n"
         "modelled (emulated boards only)";
}

}  // namespace tr::power
