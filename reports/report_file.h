// Reading and writing report.json. Writes are atomic (temp file + rename), so a crashed or
// cancelled run never leaves a half-written report where a reader expects a whole one.
#pragma once

#include <filesystem>

#include "reports/report.h"
#include "reports/report_json.h"

namespace tr::report {

// Writes `report` as indented JSON; creates the parent folder. Throws std::runtime_error
// (naming the path) when the file cannot be written.
void write_report(const Report& report, const std::filesystem::path& path);

// Reads a report written by write_report. Throws ReportError naming the file.
Report read_report(const std::filesystem::path& path);

}  // namespace tr::report
