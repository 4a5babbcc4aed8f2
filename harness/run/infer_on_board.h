// One raw input through one board: the `tinyrack infer --rack --board` and `tinyrack profile`
// paths. A full board session (flash, identify, load the model through the probe) with a single
// window, optionally followed by a tr-prof.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "config/rack_spec.h"
#include "session/board_session.h"

namespace tr::harness {

// The whole outcome (passed or not); throws only for a model or input the host engine rejects
// (ModelError), before QEMU starts.
BoardOutcome run_single_input(const config::BoardSpec& board, const std::string& qemu,
                              const std::filesystem::path& firmware_dir,
                              const std::vector<uint8_t>& model, const std::vector<uint8_t>& input,
                              const std::filesystem::path& out_dir, bool profile);

// Throws std::runtime_error naming the board and step when the board fails.
std::vector<uint8_t> infer_on_board(const config::BoardSpec& board, const std::string& qemu,
                                    const std::filesystem::path& firmware_dir,
                                    const std::vector<uint8_t>& model,
                                    const std::vector<uint8_t>& input,
                                    const std::filesystem::path& out_dir);

}  // namespace tr::harness
