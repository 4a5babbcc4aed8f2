// One ASCII line from the PowerShield -> items. Lines may carry the prompt `PowerShield > `,
// values may be glued together or cut short (lost USB bytes), and a TimeStamp or event line
// may have a value glued in front of it. Fact sheet §2.1-§2.4.
#pragma once

#include <string_view>
#include <vector>

#include "power/lpm01a/lpm01a_item.h"

namespace tr::power::lpm01a {

inline constexpr std::string_view kPrompt = "PowerShield >";

// Appends what `line` (no terminator, no NULs) holds to `out`. Empty lines add nothing.
void classify_line(std::string_view line, std::vector<Lpm01aItem>& out);

// Appends the samples in a run of `DDDD±EE` values. Read from the right, since the board ends
// every line cleanly while lost bytes cut values on the left; each unreadable stretch counts
// as one lost sample.
void scan_values(std::string_view run, std::vector<Lpm01aItem>& out);

}  // namespace tr::power::lpm01a
