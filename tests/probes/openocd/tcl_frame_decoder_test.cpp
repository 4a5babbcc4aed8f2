// TclFrameDecoder: 0x1A framing with split, coalesced, notification and oversize frames.
#include "openocd/tcl_frame_decoder.h"

#include <catch2/catch.hpp>

using namespace tr::probe::tcl;
using Kind = TclFrame::Kind;

namespace {

std::vector<TclFrame> drain(TclFrameDecoder& d) {
  std::vector<TclFrame> out;
  while (auto f = d.next()) out.push_back(std::move(*f));
  return out;
}

}  // namespace

TEST_CASE("a frame split across feeds comes out once it is complete", "[openocd][tcl]") {
  TclFrameDecoder d;
  d.feed("OK:Open On-");
  CHECK_FALSE(d.has_frame());
  CHECK(d.partial_bytes() == 11);
  d.feed("Chip Debugger");
  CHECK_FALSE(d.has_frame());
  d.feed(" 0.12.0\x1a");
  const auto frames = drain(d);
  REQUIRE(frames.size() == 1);
  CHECK(frames[0].kind == Kind::reply);
  CHECK(frames[0].text == "OK:Open On-Chip Debugger 0.12.0");
  CHECK(d.partial_bytes() == 0);
}

TEST_CASE("coalesced frames, empty frames and a trailing partial frame", "[openocd][tcl]") {
  TclFrameDecoder d;
  d.feed(std::string("OK:\x1aOK:6\x1a\x1a") + "ERR:inv");
  auto frames = drain(d);
  REQUIRE(frames.size() == 3);
  CHECK(frames[0].text == "OK:");
  CHECK(frames[1].text == "OK:6");
  CHECK(frames[2].text.empty());  // the bare 0x1A after shutdown
  d.feed("alid\x1a");
  frames = drain(d);
  REQUIRE(frames.size() == 1);
  CHECK(frames[0].text == "ERR:invalid");
}

TEST_CASE("notification frames are told apart from replies and lose their CRLF", "[openocd][tcl]") {
  TclFrameDecoder d;
  d.feed("type target_event event halted\r\n\x1aOK:1\x1atype target_state state run");
  d.feed("ning\r\n\x1a");
  const auto frames = drain(d);
  REQUIRE(frames.size() == 3);
  CHECK(frames[0].kind == Kind::notification);
  CHECK(frames[0].text == "type target_event event halted");
  CHECK(frames[1].kind == Kind::reply);
  CHECK(frames[1].text == "OK:1");
  CHECK(frames[2].kind == Kind::notification);
  CHECK(frames[2].text == "type target_state state running");
  CHECK_FALSE(is_notification("OK:type x"));
  CHECK(is_notification("type target_reset mode halt"));
}

TEST_CASE("an oversize frame is reported and the stream stays in step", "[openocd][tcl]") {
  TclFrameDecoder d(16);
  d.feed("OK:0123456789");  // 13 bytes: still fits
  d.feed("abcdef");         // 19: over the limit
  d.feed(std::string(100, 'x') + "\x1aOK:next\x1a");
  const auto frames = drain(d);
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].kind == Kind::oversize);
  CHECK(frames[0].text.starts_with("OK:0123456789"));
  CHECK(frames[0].text.size() <= 200);
  CHECK(frames[1].kind == Kind::reply);
  CHECK(frames[1].text == "OK:next");
}

TEST_CASE("a frame of exactly the limit is not oversize", "[openocd][tcl]") {
  TclFrameDecoder d(8);
  d.feed("OK:12345\x1a");
  const auto frames = drain(d);
  REQUIRE(frames.size() == 1);
  CHECK(frames[0].kind == Kind::reply);
  CHECK(kMaxFrame == 4u * 1024 * 1024);
}
