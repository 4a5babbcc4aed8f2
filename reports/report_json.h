// Report <-> JSON in the shape of reports/report.schema.json. Units and provenances that the
// schema fixes (memory, instruction counts) are written here, not by callers.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "reports/report.h"

namespace tr::report {

// A report file that cannot be read back: message is "<source>: <json pointer>: <problem>".
class ReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

nlohmann::json to_json(const Report& report);
// A profile alone, in the shape of a result's `profile` (`tinyrack profile --json`).
nlohmann::json to_json(const ProfileInfo& profile);
ProfileInfo profile_from_json(const nlohmann::json& document, const std::string& source);

// The inverse of to_json; `source` names the document in errors. Throws ReportError for a
// missing or mistyped field or another schema_version.
Report report_from_json(const nlohmann::json& document, const std::string& source);

// "2024-05-01T12:34:56Z", the form of created_utc.
std::string utc_timestamp(std::chrono::system_clock::time_point when);

}  // namespace tr::report
