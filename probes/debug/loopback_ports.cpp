#include "debug/loopback_ports.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace tr::probe {
namespace asio = boost::asio;

namespace {

constexpr const char* kListenState = "0A";  // TCP_LISTEN in /proc/net/tcp

// Inodes of the sockets among the open file descriptors of `pid` ("socket:[12345]").
std::optional<std::set<std::string>> socket_inodes(int pid) {
  std::error_code ec;
  const std::filesystem::path fds = "/proc/" + std::to_string(pid) + "/fd";
  std::filesystem::directory_iterator it(fds, ec);
  if (ec) return std::nullopt;
  std::set<std::string> inodes;
  for (const auto& entry : it) {
    const auto target = std::filesystem::read_symlink(entry.path(), ec).string();
    if (!ec && target.starts_with("socket:[") && target.ends_with("]")) {
      inodes.insert(target.substr(8, target.size() - 9));
    }
  }
  return inodes;
}

}  // namespace

std::array<std::uint16_t, 2> pick_free_loopback_ports() {
  asio::io_context ctx;
  const asio::ip::tcp::endpoint any_port(asio::ip::address_v4::loopback(), 0);
  asio::ip::tcp::acceptor first(ctx, any_port), second(ctx, any_port);
  return {first.local_endpoint().port(), second.local_endpoint().port()};
}

std::optional<bool> process_listens_on(int pid, std::uint16_t port) {
  const auto inodes = socket_inodes(pid);
  std::ifstream tcp("/proc/net/tcp");
  if (!inodes || !tcp) return std::nullopt;
  std::string line;
  std::getline(tcp, line);  // header
  while (std::getline(tcp, line)) {
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
    std::istringstream fields(line);
    std::string sl, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
    if (!(fields >> sl >> local >> remote >> state >> queues >> timer >> retransmits >> uid >>
          timeout >> inode)) {
      continue;
    }
    const auto colon = local.find(':');
    if (colon == std::string::npos || state != kListenState) continue;
    if (std::stoul(local.substr(colon + 1), nullptr, 16) == port && inodes->count(inode) != 0) {
      return true;
    }
  }
  return false;
}

}  // namespace tr::probe
