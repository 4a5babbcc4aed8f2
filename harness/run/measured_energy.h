// Energy of a board's run from the power monitor the rack bound to it: each timed window's
// capture, integrated between its last two falling timestamp markers and divided by its
// inferences (session/window_monitor.h), median over the windows, provenance `measured`.
#pragma once

#include "run/modelled_energy.h"
#include "session/board_session.h"

namespace tr::harness {

// Never throws. A monitor that failed part-way gives the figures of the windows measured
// before the failure, and the basis says how many of how many and why; one that measured
// nothing, or that cannot resolve one inference (hwmon), gives a reason instead of energy.
EnergyFigures measured_energy(const BoardOutcome& outcome);

}  // namespace tr::harness
