// Where the CLI finds what it did not get on the command line: the source tree (target files,
// MLPerf model lookup) and the firmware images of the build it belongs to.
#pragma once

#include <filesystem>

namespace tr::cli {

std::filesystem::path source_root();           // compiled in; TINYRACK_ROOT overrides
std::filesystem::path default_firmware_dir();  // <build>/firmware; TINYRACK_FIRMWARE_DIR overrides
// <rack folder>/../targets, the layout of this repository.
std::filesystem::path default_targets_dir(const std::filesystem::path& rack_file);

}  // namespace tr::cli
