#include "power/otii/otii_simulator.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <csignal>
#include <nlohmann/json.hpp>

#include "power/otii/otii_message.h"
#include "power/power_error.h"

namespace tr::power::otii {
namespace asio = boost::asio;
using asio::awaitable;
using asio::ip::tcp;

namespace {

constexpr std::size_t kMaxRequest = 1u << 20;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

}  // namespace

OtiiSimulator::OtiiSimulator(OtiiSimulatorOptions options)
    : options_(std::move(options)),
      backend_(options_, std::chrono::steady_clock::now()),
      acceptor_(ctx_),
      drop_timer_(ctx_) {}

OtiiSimulator::~OtiiSimulator() {
  stop();
}

tcp::endpoint OtiiSimulator::start() {
  const tcp::endpoint want(asio::ip::address_v4::loopback(), options_.port);
  boost::system::error_code ec;
  acceptor_.open(want.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(want, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw PowerError(PowerErrc::config,
                     "otii simulator: cannot listen on 127.0.0.1:" + std::to_string(options_.port) +
                         ": " + ec.message() + "; choose another port (0 = any free one)");
  }
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(ctx_, accept_loop(), asio::detached);
  thread_ = std::thread([this] { ctx_.run(); });
  return {asio::ip::address_v4::loopback(), port_};
}

void OtiiSimulator::stop() {
  if (!thread_.joinable()) return;
  ctx_.stop();
  thread_.join();
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  for (auto& weak : clients_) {
    if (auto socket = weak.lock()) socket->close(ignored);
  }
}

void OtiiSimulator::drop_clients() {
  asio::post(ctx_, [this] { drop_now(); });
}

std::size_t OtiiSimulator::connections_accepted() const {
  return accepted_.load();
}

awaitable<void> OtiiSimulator::accept_loop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(kTuple);
    if (ec) co_return;
    ++accepted_;
    auto shared = std::make_shared<tcp::socket>(std::move(socket));
    clients_.remove_if([](const auto& weak) { return weak.expired(); });
    clients_.push_back(shared);
    asio::co_spawn(ctx_, serve(shared), asio::detached);
  }
}

awaitable<void> OtiiSimulator::serve(std::shared_ptr<tcp::socket> socket) {
  std::string buffer;
  std::string greeting = backend_.greeting();
  if (auto [ec, n] = co_await asio::async_write(*socket, asio::buffer(greeting), kTuple); ec) {
    co_return;
  }
  for (;;) {
    auto [ec, n] = co_await asio::async_read_until(
        *socket, asio::dynamic_buffer(buffer, kMaxRequest), std::string(kLineEnd), kTuple);
    if (ec == asio::error::not_found) {
      const nlohmann::json error = {
          {"type", "error"},
          {"errorcode", "Request too large"},
          {"data", {{"read_size", buffer.size()}, {"max_size", kMaxRequest}}}};
      std::string line = error.dump() + std::string(kLineEnd);
      co_await asio::async_write(*socket, asio::buffer(line), kTuple);
      co_return;
    }
    if (ec) co_return;  // the client left, or drop_now() closed the socket
    const std::string line = buffer.substr(0, n - kLineEnd.size());
    buffer.erase(0, n);
    for (const std::string& out : backend_.handle(line, std::chrono::steady_clock::now())) {
      if (auto [werr, w] = co_await asio::async_write(*socket, asio::buffer(out), kTuple); werr) {
        co_return;
      }
    }
    if (backend_.take_recording_started()) arm_drop();
  }
}

void OtiiSimulator::arm_drop() {
  if (options_.drop_after_s <= 0.0) return;
  drop_timer_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(options_.drop_after_s)));
  drop_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) drop_now();
  });
}

void OtiiSimulator::drop_now() {
  backend_.unplug(std::chrono::steady_clock::now());
  boost::system::error_code ignored;
  for (auto& weak : clients_) {
    if (auto socket = weak.lock()) {
      socket->shutdown(tcp::socket::shutdown_both, ignored);
      socket->close(ignored);
    }
  }
}

int run_otii_simulator(const OtiiSimulatorOptions& options, std::ostream& out) {
  OtiiSimulator simulator(options);
  const tcp::endpoint endpoint = simulator.start();
  out << endpoint.address().to_string() << ":" << endpoint.port() << std::endl;

  asio::io_context waiter;
  asio::signal_set signals(waiter, SIGINT, SIGTERM);
  asio::steady_timer deadline(waiter);
  signals.async_wait([&](boost::system::error_code, int) { deadline.cancel(); });
  if (options.duration_s > 0.0) {
    deadline.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(options.duration_s)));
    deadline.async_wait([&](boost::system::error_code ec) {
      if (!ec) signals.cancel();
    });
  }
  waiter.run();
  simulator.stop();
  return 0;
}

}  // namespace tr::power::otii
