// One raw input through one board: the `tinyrack infer --rack --board` path. A full board
// session (flash, identify, load the model through the probe) with a single window.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "config/rack_spec.h"

namespace tr::harness {

// Throws std::runtime_error naming the board and step when the board fails.
std::vector<uint8_t> infer_on_board(const config::BoardSpec& board, const std::string& qemu,
                                    const std::filesystem::path& firmware_dir,
                                    const std::vector<uint8_t>& model,
                                    const std::vector<uint8_t>& input,
                                    const std::filesystem::path& out_dir);

}  // namespace tr::harness
