// Reading trace files (format in trace_file.h): every line is checked, and every error names
// the file and the line.
#include <cmath>
#include <fstream>
#include <istream>
#include <map>
#include <vector>

#include "power/power_error.h"
#include "power/tracefile/trace_file.h"
#include "power/tracefile/trace_text.h"

namespace tr::power {
namespace {

class TraceReader {
 public:
  TraceReader(std::istream& in, const std::string& source) : in_(in), source_(source) {}

  PowerTrace read() {
    std::string line;
    if (!next(line) || line != std::string("# format: ") + kTraceFormat) {
      fail("not a tinyrack power trace (the first line must be '# format: " +
           std::string(kTraceFormat) + "')");
    }
    header();
    columns();
    rows();
    finish();
    return std::move(trace_);
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw PowerError(PowerErrc::config, source_ + ":" + std::to_string(line_no_) + ": " + what);
  }

  bool next(std::string& line) {
    if (!std::getline(in_, line)) return false;
    ++line_no_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

  std::string text(std::string_view s) const {
    auto v = trace_text::unescape(s);
    if (!v) fail("bad backslash escape in '" + std::string(s) + "'");
    return *v;
  }

  double number(std::string_view s, const char* what) const {
    auto v = trace_text::parse_number(s);
    if (!v) fail(std::string(what) + " '" + std::string(s) + "' is not a finite number");
    return *v;
  }

  void header() {
    std::map<std::string, bool> seen;
    while (true) {
      if (!next(pending_)) fail("the file ends before its column line (time_s,current_a)");
      if (pending_.rfind("# ", 0) != 0) return;
      auto colon = pending_.find(':', 2);
      if (colon == std::string::npos) fail("header line without 'key: value'");
      const std::string key = pending_.substr(2, colon - 2);
      // One space after the colon; an editor may have trimmed it from an empty value.
      std::string value = pending_.substr(colon + 1);
      if (!value.empty() && value.front() == ' ') value.erase(0, 1);
      if (key != "note" && key != "marker" && seen[key]) fail("'" + key + "' given twice");
      seen[key] = true;
      field(key, value);
    }
  }

  void field(const std::string& key, const std::string& value) {
    if (key == "monitor") {
      trace_.monitor = text(value);
    } else if (key == "provenance") {
      if (value != "measured" && value != "modelled") {
        fail("provenance '" + value + "' is neither measured nor modelled");
      }
      trace_.provenance = value == "measured" ? Provenance::measured : Provenance::modelled;
    } else if (key == "rate_hz") {
      trace_.rate_hz = number(value, "rate_hz");
      if (trace_.rate_hz < 0) fail("rate_hz is negative");
      have_rate_ = true;
    } else if (key == "supply_v") {
      trace_.supply_v = number(value, "supply_v");
      have_supply_ = true;
    } else if (key == "sampling") {
      if (value != "uniform" && value != "irregular") {
        fail("sampling '" + value + "' is neither uniform nor irregular");
      }
      uniform_ = value == "uniform";
      have_sampling_ = true;
    } else if (key == "ended_by_error") {
      trace_.ended_by_error = text(value);
    } else if (key == "note") {
      note(value);
    } else if (key == "marker") {
      marker(value);
    } else {
      fail("unknown header key '" + key +
           "' (known: monitor, provenance, rate_hz, supply_v, sampling, ended_by_error, note, "
           "marker)");
    }
  }

  void note(const std::string& value) {
    // The key ends at the first '=' that is not escaped.
    std::size_t eq = 0;
    for (; eq < value.size(); ++eq) {
      if (value[eq] == '\\') {
        ++eq;
      } else if (value[eq] == '=') {
        break;
      }
    }
    if (eq >= value.size()) fail("note '" + value + "' has no '='");
    trace_.notes.emplace_back(text(value.substr(0, eq)), text(value.substr(eq + 1)));
  }

  void marker(const std::string& value) {
    auto fields = split(value);
    if (fields.size() != 3) fail("marker '" + value + "' is not t_s,sample,falling|rising");
    Marker m;
    m.t_s = number(fields[0], "marker time");
    double sample = number(fields[1], "marker sample");
    if (sample < 0 || sample != std::floor(sample)) fail("marker sample '" + fields[1] + "'");
    m.sample = static_cast<std::size_t>(sample);
    if (fields[2] != "falling" && fields[2] != "rising") {
      fail("marker edge '" + fields[2] + "' is neither falling nor rising");
    }
    m.falling = fields[2] == "falling";
    if (!trace_.markers.empty() && m.t_s < trace_.markers.back().t_s) {
      fail("marker at " + fields[0] + " s is before the one above it");
    }
    trace_.markers.push_back(m);
    marker_lines_.push_back(line_no_);
  }

  void columns() {
    if (!have_rate_ || !have_supply_ || !have_sampling_) {
      fail("the header needs rate_hz, supply_v and sampling before the column line");
    }
    if (uniform_ && trace_.rate_hz <= 0) fail("a uniform trace needs rate_hz > 0");
    if (pending_ == "time_s,current_a,voltage_v") {
      volts_ = true;
    } else if (pending_ != "time_s,current_a") {
      fail("expected the column line 'time_s,current_a[,voltage_v]', found '" + pending_ + "'");
    }
  }

  void rows() {
    std::string line;
    const std::size_t want = volts_ ? 3 : 2;
    while (next(line)) {
      if (line.empty()) continue;
      auto fields = split(line);
      if (fields.size() != want) {
        fail("expected " + std::to_string(want) + " columns, found " +
             std::to_string(fields.size()));
      }
      const double t = number(fields[0], "time_s");
      const auto i = trace_.current_a.size();
      if (uniform_) {
        // Only a check: sample times of a uniform trace come from the rate.
        if (std::abs(t - static_cast<double>(i) / trace_.rate_hz) > 0.5 / trace_.rate_hz) {
          fail("time_s " + fields[0] + " is not sample " + std::to_string(i) + " at " +
               trace_text::number(trace_.rate_hz) + " Hz");
        }
      } else {
        if (!trace_.time_s.empty() && t <= trace_.time_s.back()) {
          fail("time_s " + fields[0] + " does not advance");
        }
        trace_.time_s.push_back(t);
      }
      trace_.current_a.push_back(static_cast<float>(number(fields[1], "current_a")));
      if (volts_) trace_.voltage_v.push_back(static_cast<float>(number(fields[2], "voltage_v")));
    }
  }

  void finish() {
    for (std::size_t k = 0; k < trace_.markers.size(); ++k) {
      if (trace_.markers[k].sample > trace_.size()) {
        line_no_ = marker_lines_[k];
        fail("marker sample " + std::to_string(trace_.markers[k].sample) + " is past the " +
             std::to_string(trace_.size()) + " samples of the file");
      }
    }
  }

  static std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
      auto comma = s.find(',', start);
      out.push_back(s.substr(start, comma - start));
      if (comma == std::string::npos) return out;
      start = comma + 1;
    }
  }

  std::istream& in_;
  std::string source_;
  std::size_t line_no_ = 0;
  std::string pending_;  // the first line after the header
  PowerTrace trace_;
  bool have_rate_ = false, have_supply_ = false, have_sampling_ = false;
  bool uniform_ = true;
  bool volts_ = false;
  std::vector<std::size_t> marker_lines_;
};

}  // namespace

PowerTrace read_trace(std::istream& in, const std::string& source) {
  return TraceReader(in, source).read();
}

PowerTrace read_trace_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw PowerError(PowerErrc::config, "cannot read trace file " + file.string() +
                                            " (does it exist and is it readable?)");
  }
  return read_trace(in, file.string());
}

}  // namespace tr::power
