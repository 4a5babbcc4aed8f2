// A firmware image that boots and never says a word: a vector table whose reset handler is a
// branch to itself. Stands in for a hung board.
#pragma once

#include <filesystem>

namespace tr::test {

// Writes the image for a board whose code memory starts at `code_origin`.
void write_silent_elf(const std::filesystem::path& file, uint32_t code_origin, uint32_t initial_sp);

}  // namespace tr::test
