// OtiiSimulator: a loopback TCP server speaking the Otii TCP protocol (power-monitors.md §4)
// for one simulated device of type "Simulator" that records a known Waveform, so the Otii
// driver can be developed and tested without an Arc. It greets each connection, answers
// strictly request -> response (echoing cmd and trans_id), and injects the faults of
// OtiiSimulatorOptions. Runs on its own thread; tests start and stop it in-process, users run
// it through `tinyrack simulate otii` (run_otii_simulator).
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <list>
#include <memory>
#include <ostream>
#include <thread>

#include "power/otii/otii_sim_backend.h"
#include "power/otii/otii_simulator_options.h"

namespace tr::power::otii {

class OtiiSimulator {
 public:
  explicit OtiiSimulator(OtiiSimulatorOptions options);
  ~OtiiSimulator();  // stop()
  OtiiSimulator(const OtiiSimulator&) = delete;
  OtiiSimulator& operator=(const OtiiSimulator&) = delete;

  // Listens on 127.0.0.1:<options.port> (0 = a free port) and serves on a thread of its own.
  // A port in use -> PowerError(config) naming it.
  boost::asio::ip::tcp::endpoint start();
  void stop();  // closes every connection and joins the thread; safe to call twice
  std::uint16_t port() const { return port_; }

  // Fault on demand: drops every client now and ends the running recording (unplug).
  void drop_clients();
  std::size_t connections_accepted() const;

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> serve(std::shared_ptr<boost::asio::ip::tcp::socket> socket);
  void arm_drop();
  void drop_now();

  OtiiSimulatorOptions options_;
  OtiiSimBackend backend_;  // used on the server thread only
  boost::asio::io_context ctx_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer drop_timer_;
  std::list<std::weak_ptr<boost::asio::ip::tcp::socket>> clients_;
  std::atomic<std::size_t> accepted_{0};
  std::uint16_t port_ = 0;
  std::thread thread_;
};

// For `tinyrack simulate otii`: starts the simulator, prints "127.0.0.1:<port>" as the first
// line of `out`, then serves until SIGINT/SIGTERM or options.duration_s. Returns 0.
int run_otii_simulator(const OtiiSimulatorOptions& options, std::ostream& out);

}  // namespace tr::power::otii
