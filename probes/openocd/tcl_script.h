// Tcl text for OpenOCD's RPC server: the status wrapper every command goes through, its reply
// parsing, and brace quoting of arguments (openocd-pyocd.md §2). Pure functions, no I/O.
//
// OpenOCD's replies carry no success flag, so every script is sent as
//   if {[catch {SCRIPT} r]} {set r "ERR:$r"} else {set r "OK:$r"}
// and the reply's prefix tells success from failure. `set`, not the fact sheet's `return`:
// with OpenOCD 0.12, once an error raised inside a proc (a failing `program`) was caught, a
// top-level `return` is reported as an error, "embedded:startup.tcl:1516: Error: ERR:..." plus
// a stack trace, and the next command's reply is mangled the same way (seen with the dummy
// adapter; openocd_process_test covers it). The value of `if` is that of its last command.
#pragma once

#include <string>
#include <string_view>

namespace tr::probe::tcl {

// Checks that `script` can sit inside the wrapper's braces: no 0x1A (the frame terminator), no
// NUL, braces balanced (a backslash escapes the next character, as in Tcl), no trailing lone
// backslash, at most kMaxFrame bytes once wrapped. Violations throw ProbeError(protocol)
// naming the script and the offset.
void check_script(std::string_view script);

// The wrapper above around `script` (checked first).
std::string wrap(std::string_view script);

struct WrappedReply {
  bool ok = false;
  std::string result;  // OpenOCD's result, or its error message when !ok
};

// Splits "OK:<result>" / "ERR:<message>". Anything else (a reply that did not come from the
// wrapper) throws ProbeError(protocol) quoting its start and naming `script`.
WrappedReply parse_reply(std::string_view reply, std::string_view script);

// `{text}`: a word Tcl passes through unchanged. Rejects (ProbeError(protocol), naming `what`
// and the offending character and offset) what could end or alter a brace-quoted word or the
// frame: '{', '}', '\', control characters (0x1A included) and DEL. Paths and target names
// never need them.
std::string brace(std::string_view text, std::string_view what);

// A script shortened for error messages: first line, at most `max` characters, control
// characters shown as '?'.
std::string describe(std::string_view script, std::size_t max = 60);

}  // namespace tr::probe::tcl
