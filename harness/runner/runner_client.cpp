#include "runner/runner_client.h"

#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <istream>

#include "debug/with_timeout.h"

namespace tr::harness {
namespace asio = boost::asio;

namespace {
constexpr size_t kMaxLineBytes = 1 << 20;  // tr-out of a 256 KiB tensor still fits
constexpr size_t kRecentLines = 12;
}  // namespace

RunnerClient::RunnerClient(asio::ip::tcp::socket socket, const std::filesystem::path& transcript)
    : socket_(std::move(socket)), buffer_(kMaxLineBytes), transcript_(transcript, std::ios::app) {
  socket_.set_option(asio::ip::tcp::no_delay(true));
}

void RunnerClient::note(std::string_view prefix, std::string_view text) {
  if (transcript_) {
    transcript_ << prefix << text << '\n';
    transcript_.flush();
  }
}

std::string RunnerClient::recent_lines() const {
  std::string out;
  for (const std::string& line : recent_) {
    if (!out.empty()) out += " | ";
    out += line;
  }
  return out.empty() ? "(nothing received)" : out;
}

asio::awaitable<std::string> RunnerClient::read_line() {
  for (;;) {
    co_await asio::async_read_until(socket_, buffer_, '\n', asio::use_awaitable);
    std::istream in(&buffer_);
    std::string raw;
    std::getline(in, raw);
    std::string line;
    line.reserve(raw.size());
    for (char c : raw) {
      if (c != '\r' && c != '\0') line.push_back(c);  // runners end lines with \r\n; drop NULs
    }
    if (line.empty()) continue;
    note("< ", line);
    recent_.push_back(line);
    if (recent_.size() > kRecentLines) recent_.pop_front();
    co_return line;
  }
}

asio::awaitable<RunnerReply> RunnerClient::read_reply() {
  RunnerReply reply;
  for (;;) {
    std::string line = co_await read_line();
    if (line == "m-ready") co_return reply;
    reply.lines.push_back(std::move(line));
  }
}

asio::awaitable<RunnerReply> RunnerClient::read_banner(std::chrono::milliseconds timeout) {
  co_return co_await probe::with_timeout(read_reply(), timeout, "waiting for the boot banner");
}

asio::awaitable<RunnerReply> RunnerClient::command(std::string cmd,
                                                   std::chrono::milliseconds timeout,
                                                   bool allow_error) {
  note("> ", cmd + "%");
  std::string wire = cmd + "%";
  co_await asio::async_write(socket_, asio::buffer(wire), asio::use_awaitable);
  RunnerReply reply =
      co_await probe::with_timeout(read_reply(), timeout, "reply to '" + cmd + "%'");
  if (!allow_error) {
    if (auto err = reply.error()) {
      throw RunnerError("runner rejected '" + cmd + "%': " + *err);
    }
  }
  co_return reply;
}

void RunnerClient::close() {
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

}  // namespace tr::harness
