// Include Boost.Process v2 through this header. Boost 1.81's v2 with BOOST_PROCESS_USE_STD_FS
// forgets two includes (boost::optional, and the boost type traits it names unqualified), so
// they come first here.
#pragma once

#include <boost/optional.hpp>
#include <boost/type_traits.hpp>

#include <boost/process/v2/environment.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/stdio.hpp>
