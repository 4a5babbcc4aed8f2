#include "power/lpm01a/lpm01a_line.h"

#include <cctype>
#include <charconv>
#include <optional>
#include <string>

#include "power/lpm01a/lpm01a_number.h"

namespace tr::power::lpm01a {
namespace {

using Kind = Lpm01aItem::Kind;

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool value_char(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-';
}

std::optional<unsigned> read_digits(std::string_view s, std::size_t pos, std::size_t count) {
  if (pos + count > s.size()) return std::nullopt;
  unsigned v = 0;
  auto [end, ec] = std::from_chars(s.data() + pos, s.data() + pos + count, v);
  if (ec != std::errc() || end != s.data() + pos + count) return std::nullopt;
  return v;
}

// "TimeStamp: 001s 000ms, buff 00%" (the character after the colon may be ' ', '<' or '>').
std::optional<Lpm01aItem> parse_timestamp(std::string_view s) {
  constexpr std::string_view kTag = "TimeStamp:";
  if (!starts_with(s, kTag) || s.size() < kTag.size() + 1) return std::nullopt;
  char mark = s[kTag.size()];
  if (mark != ' ' && mark != '<' && mark != '>') return std::nullopt;
  std::size_t p = kTag.size() + 1;
  std::size_t s_end = s.find('s', p);  // seconds: 3 digits, more after 999 s
  if (s_end == std::string_view::npos || s_end - p < 3) return std::nullopt;
  auto secs = read_digits(s, p, s_end - p);
  if (!secs || s.substr(s_end, 2) != "s ") return std::nullopt;
  p = s_end + 2;
  auto ms = read_digits(s, p, 3);
  if (!ms || s.substr(p + 3, 9) != "ms, buff ") return std::nullopt;
  p += 12;
  auto buff = read_digits(s, p, 2);
  if (!buff || s.substr(p + 2) != "%") return std::nullopt;
  Lpm01aItem item{Kind::timestamp};
  item.number = *secs * 1000u + *ms;
  item.buff = *buff;
  return item;
}

// "event 03 ris" (the board says "ris" for `eventsrc d7 fal`; accept "fal" too).
std::optional<Lpm01aItem> parse_event(std::string_view s) {
  constexpr std::string_view kTag = "event ";
  if (!starts_with(s, kTag)) return std::nullopt;
  std::size_t p = kTag.size();
  std::size_t space = s.find(' ', p);
  if (space == std::string_view::npos || space == p) return std::nullopt;
  auto n = read_digits(s, p, space - p);
  std::string_view edge = s.substr(space + 1);
  if (!n || (edge != "ris" && edge != "fal")) return std::nullopt;
  Lpm01aItem item{Kind::event};
  item.number = *n;
  return item;
}

// Lines a value may be glued in front of when the board's line end was lost.
bool glued_tag(std::string_view rest) {
  for (std::string_view tag :
       {"TimeStamp:", "event ", "PowerShield", "Acquisition", "ack", "err", "Error"}) {
    if (starts_with(rest, tag)) return true;
  }
  return false;
}

Lpm01aItem text_item(Kind kind, std::string_view text) {
  Lpm01aItem item{kind};
  item.text = std::string(text);
  return item;
}

}  // namespace

void scan_values(std::string_view run, std::vector<Lpm01aItem>& out) {
  std::vector<Lpm01aItem> found;  // right to left
  std::size_t end = run.size();   // [.., end) is still to read
  std::size_t fragment_end = end;
  auto flush_fragment = [&](std::size_t begin) {
    if (fragment_end > begin) {
      found.push_back(text_item(Kind::lost_sample, run.substr(begin, fragment_end - begin)));
    }
  };
  while (end > 0) {
    if (end >= kSampleChars) {
      if (auto v = parse_sample_at(run, end - kSampleChars)) {
        flush_fragment(end);
        Lpm01aItem item{Kind::sample};
        item.value = *v;
        found.push_back(item);
        end -= kSampleChars;
        fragment_end = end;
        continue;
      }
    }
    --end;  // this character belongs to an unreadable stretch
  }
  flush_fragment(0);
  out.insert(out.end(), found.rbegin(), found.rend());
}

void classify_line(std::string_view line, std::vector<Lpm01aItem>& out) {
  line = trim(line);
  if (line.empty()) return;
  // Values glued in front of another line ("6409-07TimeStamp: ..."): read them first.
  std::size_t lead = 0;
  while (lead < line.size() && value_char(line[lead])) ++lead;
  if (lead == line.size()) return scan_values(line, out);
  if (lead > 0 && glued_tag(line.substr(lead))) {
    scan_values(line.substr(0, lead), out);
    line = line.substr(lead);
  }
  if (starts_with(line, kPrompt)) line = trim(line.substr(kPrompt.size()));
  if (line.empty()) return;

  if (line == "ack" || starts_with(line, "ack ")) {
    out.push_back(text_item(Kind::ack, trim(line.substr(3))));
  } else if (starts_with(line, "Error detail")) {
    std::size_t colon = line.find(':');
    out.push_back(text_item(Kind::error_detail,
                            colon == std::string_view::npos ? "" : trim(line.substr(colon + 1))));
  } else if (starts_with(line, "error") || starts_with(line, "err ")) {
    out.push_back(text_item(Kind::error, line));
  } else if (line.find("Acquisition completed") != std::string_view::npos) {
    out.push_back(Lpm01aItem{Kind::completed});
  } else if (auto ts = parse_timestamp(line)) {
    out.push_back(*ts);
  } else if (auto ev = parse_event(line)) {
    out.push_back(*ev);
  } else {
    out.push_back(text_item(Kind::text, line));
  }
}

}  // namespace tr::power::lpm01a
