// Intel HEX text of an ElfImage's loadable segments, for OpenOCD's `program` command: a HEX
// file carries every segment's address (a .bin would need one offset per segment), and an
// ElfImage may come from memory with no file behind it (ElfImage::parse).
#pragma once

#include <filesystem>
#include <string>

#include "debug/elf_image.h"

namespace tr::probe {

// Records of 16 data bytes, an extended linear address record (type 04) whenever the upper
// 16 address bits change, the entry point as a start linear address (type 05), then EOF.
std::string intel_hex(const ElfImage& image);

// Writes intel_hex(image) to `path` (replacing it). Failure -> ProbeError(image) naming it.
void write_intel_hex(const ElfImage& image, const std::filesystem::path& path);

}  // namespace tr::probe
