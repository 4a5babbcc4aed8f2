// Boost.Process v2 is compiled exactly once, here (BOOST_PROCESS_V2_SEPARATE_COMPILATION is a
// PUBLIC definition of tr_probe_debug; std::filesystem via BOOST_PROCESS_USE_STD_FS).
#include "debug/process_v2.h"

#include <boost/process/v2/src.hpp>
