#include "cli/text_table.h"

#include <algorithm>

namespace tr::cli {

void print_text_table(const std::vector<std::string>& head,
                      const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<std::size_t> width(head.size());
  for (std::size_t c = 0; c < head.size(); ++c) {
    width[c] = head[c].size();
    for (const auto& r : rows) width[c] = std::max(width[c], r.at(c).size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      s += cells[c];
      if (c + 1 < cells.size()) s += std::string(width[c] - cells[c].size() + 2, ' ');
    }
    out << s << "\n";
  };
  line(head);
  for (const auto& r : rows) line(r);
}

}  // namespace tr::cli
