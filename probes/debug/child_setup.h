// ChildSetup: what every child process tinyrack spawns through Boost.Process v2 does between
// fork and exec. Pass it after process_stdio in the initializer list (it relies on stdio
// already being dup2'ed onto 0-2).
//  - Boost 1.81's close_all() compares each whitelisted descriptor with itself instead of the
//    next one, so every descriptor below its exec-error pipe leaked into the child (listening
//    sockets included). Close those here; Boost still closes the range above the pipe.
//  - Die with the spawning thread, so a crashed harness leaves no child behind.
// Used by ServerProcess (probe servers, QEMU) and run_command (short tool runs).
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "debug/process_v2.h"

namespace tr::probe {

struct ChildSetup {
  pid_t parent;
  boost::process::v2::error_code on_exec_setup(
      boost::process::v2::posix::default_launcher& launcher, const std::filesystem::path&,
      const char* const*) const {
    const auto& keep = launcher.fd_whitelist;
    const int highest = *std::max_element(keep.begin(), keep.end());
    for (int fd = 3; fd < highest; ++fd) {
      if (std::find(keep.begin(), keep.end(), fd) == keep.end()) ::close(fd);
    }
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent) {
      return boost::process::v2::error_code(ESRCH, boost::process::v2::system_category());
    }
    return {};
  }
};

}  // namespace tr::probe
