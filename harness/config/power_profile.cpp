#include "config/power_profile.h"

#include <array>
#include <cstdio>
#include <utility>

namespace tr::config {
namespace {

constexpr std::array<std::pair<std::string_view, SourceTag>, 2> kTags{{
    {"DS", SourceTag::datasheet},
    {"2nd", SourceTag::second_hand},
}};
constexpr std::uint64_t kMaxHz = 10'000'000'000ULL;
constexpr double kMaxAmps = 10.0;
constexpr double kMaxVolts = 10.0;

std::string hz_text(std::uint64_t hz) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g MHz", static_cast<double>(hz) / 1e6);
  return buf;
}

CurrentCurve parse_curve(const JsonNode& node) {
  node.expect_object({"points", "offset_amps", "per_mhz_amps"});
  CurrentCurve c;
  const auto points = node.find("points");
  const bool fit = node.find("offset_amps") || node.find("per_mhz_amps");
  if (points.has_value() == fit) {
    node.fail(
        "give either \"points\" (datasheet table points) or \"offset_amps\" and "
        "\"per_mhz_amps\" (a linear fit), not both or neither");
  }
  if (fit) {
    c.offset_amps = node["offset_amps"].number(-1.0, kMaxAmps);
    if (c.offset_amps < 0.0) node["offset_amps"].fail("a current offset cannot be negative");
    c.per_mhz_amps = node["per_mhz_amps"].number(-1.0, kMaxAmps);
    if (c.per_mhz_amps < 0.0) node["per_mhz_amps"].fail("a current per MHz cannot be negative");
    return c;
  }
  const std::size_t n = points->array_size();
  if (n == 0) (*points).fail("needs at least one {\"hz\", \"amps\"} point");
  for (std::size_t i = 0; i < n; ++i) {
    const JsonNode p = (*points)[i];
    p.expect_object({"hz", "amps"});
    CurrentCurve::Point point{p["hz"].unsigned_integer(1, kMaxHz), p["amps"].number(0.0, kMaxAmps)};
    if (!c.points.empty() && point.hz <= c.points.back().hz) {
      p["hz"].fail("points must be in ascending clock order without repeats");
    }
    c.points.push_back(point);
  }
  return c;
}

// The profile's clock must lie within each table: a datasheet figure is never extrapolated.
void check_clock(const JsonNode& root, const char* key, const CurrentCurve& c,
                 std::uint64_t clock_hz) {
  if (c.points.empty()) return;
  if (clock_hz < c.points.front().hz || clock_hz > c.points.back().hz) {
    root["clock_hz"].fail("clock " + hz_text(clock_hz) + " is outside the " + key + " points (" +
                          hz_text(c.points.front().hz) + " to " + hz_text(c.points.back().hz) +
                          "); table figures are interpolated, never extrapolated");
  }
}

PowerProfile parse_profile(const JsonNode& node) {
  node.expect_object({"part", "document", "tables", "tag", "conditions", "supply_v", "clock_hz",
                      "run_current", "sleep_current", "calibration_k", "band_pct"});
  PowerProfile p;
  p.part = node["part"].nonempty_string();
  p.document = node["document"].nonempty_string();
  const JsonNode tables = node["tables"];
  p.tables = tables.strings();
  if (p.tables.empty()) tables.fail("name at least one table the figures come from");
  for (std::size_t i = 0; i < p.tables.size(); ++i) {
    if (p.tables[i].empty()) tables[i].fail("must not be empty");
  }
  p.tag = node["tag"].one_of(kTags, "source tag");
  p.conditions = node["conditions"].nonempty_string();
  p.supply_v = node["supply_v"].number(0.0, kMaxVolts);
  p.clock_hz = node["clock_hz"].unsigned_integer(1, kMaxHz);
  p.run_current = parse_curve(node["run_current"]);
  p.sleep_current = parse_curve(node["sleep_current"]);
  check_clock(node, "run_current", p.run_current, p.clock_hz);
  check_clock(node, "sleep_current", p.sleep_current, p.clock_hz);
  if (!(p.run_current_a() > 0.0)) node["run_current"].fail("is zero at the profile's clock");
  if (auto k = node.find("calibration_k")) p.calibration_k = k->number(0.0, 10.0);
  if (auto band = node.find("band_pct")) p.band_pct = band->number(0.0, 100.0);
  if (p.tag == SourceTag::second_hand && !p.band_pct) {
    node.fail(
        "missing required key 'band_pct': second-hand (2nd) figures carry a +- band "
        "(power-profiles.md suggests 30)");
  }
  return p;
}

}  // namespace

std::string_view to_string(SourceTag tag) {
  return tag == SourceTag::datasheet ? "DS" : "2nd";
}

double CurrentCurve::at(std::uint64_t hz) const {
  const double mhz = static_cast<double>(hz) / 1e6;
  if (points.empty()) return offset_amps + per_mhz_amps * mhz;
  if (hz <= points.front().hz) return points.front().amps;
  for (std::size_t i = 1; i < points.size(); ++i) {
    if (hz <= points[i].hz) {
      const Point& a = points[i - 1];
      const Point& b = points[i];
      const double f = static_cast<double>(hz - a.hz) / static_cast<double>(b.hz - a.hz);
      return a.amps + f * (b.amps - a.amps);
    }
  }
  return points.back().amps;
}

std::string PowerProfile::citation() const {
  std::string text = part + ", " + document + ", ";
  for (std::size_t i = 0; i < tables.size(); ++i) text += (i ? "; " : "") + tables[i];
  text += " [" + std::string(to_string(tag));
  if (band_pct) {
    char buf[32];
    std::snprintf(buf, sizeof buf, ", +-%.3g %%", *band_pct);
    text += buf;
  }
  return text + "]";
}

PowerSpec parse_power(const std::optional<JsonNode>& node, const std::string& file) {
  PowerSpec spec;
  if (!node) {
    spec.unavailable_reason = file +
                              " has no \"power\" profile (a real part's datasheet figures); "
                              "energy is not modelled for this target";
    return spec;
  }
  if (node->find("unavailable")) {
    node->expect_object({"unavailable"});
    spec.unavailable_reason = (*node)["unavailable"].nonempty_string();
    return spec;
  }
  spec.profile = parse_profile(*node);
  return spec;
}

}  // namespace tr::config
