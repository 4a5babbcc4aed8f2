// y_labels.csv of a dataset in MLPerf Tiny's layout (facts/dut-protocol.md §11): no header, one
// row per .bin file, `file,classes,class[,bytes_to_send,stride]`, fields separated by "," or
// ", ". Parsed into plain rows; every problem names the file and the line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tr::dataset {

// Anomaly-detection style windows over one file, in bytes of the file.
struct WindowColumns {
  std::uint32_t bytes_to_send = 0;
  std::uint32_t stride = 0;
  bool operator==(const WindowColumns&) const = default;
};

struct LabelRow {
  std::string file;  // relative to the dataset folder
  std::uint32_t classes = 0;
  std::uint32_t label = 0;
  std::optional<WindowColumns> window;
  std::size_t line = 0;  // 1-based line in the labels file
};

// Parses the text of a labels file; `source` names it in errors. Blank lines are skipped; a CR
// before the LF is ignored. Throws config::ConfigError(source, "line N", problem).
std::vector<LabelRow> parse_label_rows(std::string_view text, const std::string& source);

// Reads and parses `file`. Throws config::ConfigError, also when it cannot be read.
std::vector<LabelRow> read_label_file(const std::filesystem::path& file);

// How many windows a file of `file_bytes` bytes gives: (size - bytes_to_send) / stride + 1, or 0
// when the file is shorter than one window.
std::uint32_t window_count(std::uint64_t file_bytes, const WindowColumns& w);

}  // namespace tr::dataset
