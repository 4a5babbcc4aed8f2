#include "power/lpm01a/lpm01a_reply.h"

namespace tr::power::lpm01a {
namespace {

std::string first_word(const std::string& s) {
  return s.substr(0, s.find(' '));
}

bool names(const std::string& text, const std::string& verb) {
  // The verb as a whole word: "volt" must not match an answer about "voltage".
  for (std::size_t at = text.find(verb); at != std::string::npos; at = text.find(verb, at + 1)) {
    bool start = at == 0 || text[at - 1] == ' ' || text[at - 1] == '\'' || text[at - 1] == '"';
    std::size_t end = at + verb.size();
    bool stop = end == text.size() || text[end] == ' ' || text[end] == '\'' || text[end] == '"' ||
                text[end] == ':';
    if (start && stop) return true;
  }
  return false;
}

std::string trim_front(std::string s) {
  std::size_t i = s.find_first_not_of(' ');
  return i == std::string::npos ? std::string() : s.substr(i);
}

}  // namespace

ReplyMatcher::ReplyMatcher(std::string command)
    : command_(std::move(command)), verb_(first_word(command_)) {}

bool ReplyMatcher::offer(const Lpm01aItem& item) {
  using Kind = Lpm01aItem::Kind;
  if (complete_) return true;
  if (answered_) {
    // Waiting for the detail of an error; data and other output may come first.
    if (item.kind == Kind::error_detail) {
      reply_.detail = item.text;
      complete_ = true;
    }
    return complete_;
  }
  switch (item.kind) {
    case Kind::ack:
      if (first_word(item.text) != verb_) break;
      reply_.ok = true;
      // The ack repeats the command as sent, then the result.
      reply_.result = item.text.rfind(command_, 0) == 0
                          ? trim_front(item.text.substr(command_.size()))
                          : trim_front(item.text.substr(verb_.size()));
      answered_ = complete_ = true;
      return true;
    case Kind::error:
      if (!names(item.text, verb_)) {
        reply_.output.push_back(item.text);  // e.g. `status` printing "error: <desc>"
        break;
      }
      reply_.error = item.text;
      answered_ = true;
      return false;
    case Kind::text:
      reply_.output.push_back(item.text);
      break;
    default:
      break;
  }
  return false;
}

std::string describe_error(const Lpm01aReply& reply) {
  std::string out = "'" + reply.error + "'";
  if (!reply.detail.empty()) out += " (Error detail: " + reply.detail + ")";
  return out;
}

}  // namespace tr::power::lpm01a
