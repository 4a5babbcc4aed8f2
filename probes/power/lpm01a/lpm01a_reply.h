// Lpm01aReply and ReplyMatcher: which line answers a command. The board interleaves data and
// other output with its answers, so (as the mlcommons runner does) the answer is the first
// `ack` or `error` line naming the command; lines before it are the command's output
// (`powershield`, `help`). An error is followed by an `Error detail:` line. Fact sheet §2.2.
#pragma once

#include <string>
#include <vector>

#include "power/lpm01a/lpm01a_item.h"

namespace tr::power::lpm01a {

struct Lpm01aReply {
  bool ok = false;
  std::string result;               // the ack's text after the command: "3292-03" for `volt get`
  std::string error;                // the error line, as sent
  std::string detail;               // the `Error detail:` text, when it came
  std::vector<std::string> output;  // other text lines that arrived before the answer
};

class ReplyMatcher {
 public:
  explicit ReplyMatcher(std::string command);

  // Offers one item. Returns true once the answer is complete: after an ack, or after an
  // error and its detail. offer() after that changes nothing.
  bool offer(const Lpm01aItem& item);
  // answered(): the ack or error line has come. complete(): and, for an error, its detail too
  // (the caller waits a little for the detail, then takes the reply without it).
  bool answered() const { return answered_; }
  bool complete() const { return complete_; }
  const Lpm01aReply& reply() const { return reply_; }
  const std::string& command() const { return command_; }

 private:
  std::string command_;
  std::string verb_;  // the command's first word, which every answer repeats
  Lpm01aReply reply_;
  bool answered_ = false;
  bool complete_ = false;
};

// "PowerShield > error ... (Error detail: ...)" as one phrase for error messages.
std::string describe_error(const Lpm01aReply& reply);

}  // namespace tr::power::lpm01a
