// Plain-text tables for the listing commands (`monitors`, `probes`): a heading row and rows of
// cells, each column as wide as its widest cell, two spaces between columns.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace tr::cli {

void print_text_table(const std::vector<std::string>& head,
                      const std::vector<std::vector<std::string>>& rows, std::ostream& out);

}  // namespace tr::cli
