#include "run/profile_table.h"

#include <algorithm>
#include <cstdio>

namespace tr::harness {
namespace {

// Whole instructions, or µs with one decimal.
std::string amount(const report::Figure& f) {
  char buf[48];
  if (f.unit == "us") {
    std::snprintf(buf, sizeof buf, "%.1f", f.value);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", f.value);
  }
  return buf;
}

std::string unit_name(const report::Figure& f) {
  return f.unit == "us" ? "µs" : f.unit;
}

std::string percent(double part, double whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
  return buf;
}

}  // namespace

std::string format_shape(const std::vector<int32_t>& shape) {
  if (shape.empty()) return "-";
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "x" : "") + std::to_string(shape[i]);
  return s;
}

std::string format_profile_table(const report::ProfileInfo& p) {
  const report::Figure& unit = p.unhooked_total;
  size_t op_width = 2;
  size_t shape_width = 15;
  for (const auto& op : p.operators) {
    op_width = std::max(op_width, op.op.size());
    shape_width = std::max(shape_width, format_shape(op.input_shape).size() + 4 +
                                            format_shape(op.output_shape).size());
  }
  const int ow = static_cast<int>(op_width);
  const int sw = static_cast<int>(shape_width);
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%4s  %-*s  %-*s  %12s  %14s  %6s  %10s\n", "#", ow, "op", sw,
                "input -> output", "MACs", unit_name(unit).c_str(), "share", "arena B");
  out += line;
  double macs = 0;
  for (const auto& op : p.operators) {
    const std::string shapes =
        format_shape(op.input_shape) + " -> " + format_shape(op.output_shape);
    char share[16];
    std::snprintf(share, sizeof share, "%.1f%%", op.share.value);
    std::snprintf(line, sizeof line, "%4u  %-*s  %-*s  %12.0f  %14s  %6s  %10.0f\n", op.index, ow,
                  op.op.c_str(), sw, shapes.c_str(), op.macs.value, amount(op.time).c_str(), share,
                  op.arena_bytes.value);
    out += line;
    macs += op.macs.value;
  }
  const std::string u = unit_name(unit);
  const double overhead = p.hooked_total.value - p.unhooked_total.value;
  std::snprintf(line, sizeof line,
                "operators (sum)      %14s %s  (%s of the un-hooked inference)\n",
                amount(p.operator_sum).c_str(), u.c_str(),
                percent(p.operator_sum.value, p.unhooked_total.value).c_str());
  out += line;
  std::snprintf(line, sizeof line, "hooked inference     %14s %s  (profiling overhead %s %s, %s)\n",
                amount(p.hooked_total).c_str(), u.c_str(),
                amount(report::Figure{overhead < 0 ? 0 : overhead, unit.unit, "", ""}).c_str(),
                u.c_str(), percent(overhead < 0 ? 0 : overhead, p.unhooked_total.value).c_str());
  out += line;
  std::snprintf(line, sizeof line, "un-hooked inference  %14s %s  (%s, %s)\n",
                amount(p.unhooked_total).c_str(), u.c_str(), unit.provenance.c_str(),
                unit.unit == "instructions" ? "QEMU -icount" : "the board's timer");
  out += line;
  std::snprintf(line, sizeof line, "MACs                 %14.0f\n", macs);
  out += line;
  return out;
}

}  // namespace tr::harness
