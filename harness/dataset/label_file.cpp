#include "dataset/label_file.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "config/config_error.h"

namespace tr::dataset {
namespace {

constexpr std::uint64_t kMaxClasses = 1000;
constexpr std::uint64_t kMaxWindowBytes = 64u << 20;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

class RowParser {
 public:
  RowParser(const std::string& source, std::size_t line) : source_(source), line_(line) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw config::ConfigError(source_, "line " + std::to_string(line_), what);
  }

  std::uint32_t number(std::string_view field, const char* what, std::uint64_t min,
                       std::uint64_t max) const {
    std::uint64_t v = 0;
    const auto* end = field.data() + field.size();
    auto [ptr, ec] = std::from_chars(field.data(), end, v);
    if (field.empty() || ec != std::errc() || ptr != end) {
      fail(std::string(what) + " '" + std::string(field) + "' is not a whole number");
    }
    if (v < min || v > max) {
      fail(std::string(what) + " " + std::to_string(v) + " is out of range (allowed " +
           std::to_string(min) + ".." + std::to_string(max) + ")");
    }
    return static_cast<std::uint32_t>(v);
  }

  LabelRow parse(std::string_view text) const {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
      const auto comma = text.find(',', start);
      fields.push_back(trim(text.substr(start, comma - start)));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (fields.size() != 3 && fields.size() != 5) {
      fail(
          "expected 3 fields (file,classes,class) or 5 (file,classes,class,bytes_to_send,"
          "stride), got " +
          std::to_string(fields.size()));
    }
    LabelRow row;
    row.line = line_;
    row.file = std::string(fields[0]);
    if (row.file.empty()) fail("the file name is empty");
    const std::filesystem::path p(row.file);
    for (const auto& part : p) {
      if (part == "..") fail("file '" + row.file + "' leaves the dataset folder");
    }
    if (p.is_absolute()) fail("file '" + row.file + "' must be relative to the dataset folder");
    row.classes = number(fields[1], "class count", 1, kMaxClasses);
    row.label = number(fields[2], "class", 0, kMaxClasses);
    if (row.label >= row.classes) {
      fail("class " + std::to_string(row.label) + " is out of range for " +
           std::to_string(row.classes) + " classes");
    }
    if (fields.size() == 5) {
      row.window = WindowColumns{number(fields[3], "bytes_to_send", 1, kMaxWindowBytes),
                                 number(fields[4], "stride", 1, kMaxWindowBytes)};
    }
    return row;
  }

 private:
  const std::string& source_;
  std::size_t line_;
};

}  // namespace

std::vector<LabelRow> parse_label_rows(std::string_view text, const std::string& source) {
  std::vector<LabelRow> rows;
  std::size_t line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    ++line;
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto content = text.substr(start, end - start);
    if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
    start = end + 1;
    if (trim(content).empty()) continue;
    rows.push_back(RowParser(source, line).parse(content));
  }
  return rows;
}

std::vector<LabelRow> read_label_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw config::ConfigError(file.string(), "(file)", "cannot open the labels file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_label_rows(text.str(), file.string());
}

std::uint32_t window_count(std::uint64_t file_bytes, const WindowColumns& w) {
  if (w.stride == 0 || file_bytes < w.bytes_to_send) return 0;
  return static_cast<std::uint32_t>((file_bytes - w.bytes_to_send) / w.stride + 1);
}

}  // namespace tr::dataset
