#include "reports/report_file.h"

#include <unistd.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace tr::report {

void write_report(const Report& report, const std::filesystem::path& path) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  // The temp file sits beside the target so the rename stays on one file system.
  auto temp = path;
  temp += ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << to_json(report).dump(2) << '\n';
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      throw std::runtime_error(path.string() + ": cannot write report (via " + temp.string() + ")");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw std::runtime_error(path.string() + ": cannot move report into place: " + ec.message());
  }
}

Report read_report(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ReportError(path.string() + ": (file): cannot open report");
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw ReportError(path.string() + ": invalid JSON: " + e.what());
  }
  return report_from_json(document, path.string());
}

}  // namespace tr::report
