# tr_host_engine: the engine run on the host (the reference the boards are compared with), on
# its own so model tools and the sanitizer build need not build the whole harness.
add_library(tr_host_engine STATIC run/host_engine.cpp)
target_include_directories(tr_host_engine PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(tr_host_engine PUBLIC tr_engine)
tinyrack_warnings(tr_host_engine)

# tr_harness: runner protocol client, board sessions, rack runs, report assembly.
# tinyrack: the CLI on top of it.
add_library(tr_harness STATIC
  runner/runner_reply.cpp
  runner/runner_client.cpp
  runner/runner_commands.cpp
  session/emulated_board.cpp
  session/chip_check.cpp
  session/board_session.cpp
  session/window_monitor.cpp
  mlperf/reference_firmware.cpp
  mlperf/submission_lines.cpp
  mlperf/board_throughput.cpp
  run/prepared_workload.cpp
  run/suite_spec.cpp
  run/prepared_suite.cpp
  run/rack_run.cpp
  run/infer_on_board.cpp
  run/report_builder.cpp
  run/modelled_energy.cpp
  run/measured_energy.cpp
  run/runner_profile.cpp
  run/operator_profile.cpp
  run/profile_table.cpp)
target_include_directories(tr_harness PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_definitions(tr_harness PRIVATE TINYRACK_VERSION="${PROJECT_VERSION}")
target_link_libraries(tr_harness PUBLIC tr_config tr_dataset tr_report tr_probe_debug tr_host_engine
                                        tr_tflite_writer tr_power_modelled tr_power_factory
                                        tr_power_energy
                                        nlohmann_json::nlohmann_json)
tinyrack_warnings(tr_harness)
# GCC 12 misreads Asio's awaitable frame allocator (custom operator new/delete on the frame)
# as a mismatched new/delete pair in some coroutines; the frames are Asio's, not ours.
target_compile_options(tr_harness PRIVATE -Wno-mismatched-new-delete)

add_executable(tinyrack
  cli/main.cpp
  cli/run_command.cpp
  cli/infer_command.cpp
  cli/profile_command.cpp
  cli/evaluate_command.cpp
  cli/accuracy_table.cpp
  cli/workload_selection.cpp
  cli/run_table.cpp
  cli/submission_lines_printer.cpp
  cli/tool_paths.cpp
  cli/simulate_command.cpp
  cli/monitors_command.cpp
  cli/text_table.cpp
  cli/probes_command.cpp
  cli/measure_command.cpp
  cli/measure_summary.cpp)
target_link_libraries(tinyrack PRIVATE tr_harness tr_power_ppk2 tr_power_lpm01a tr_power_otii
                                       tr_power_factory tr_power_discovery tr_probe_discovery
                                       tr_power_tracefile
                                       tr_power_energy CLI11::CLI11)
target_include_directories(tinyrack PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_definitions(tinyrack PRIVATE
  TINYRACK_SOURCE_DIR="${TINYRACK_SOURCE_DIR}"
  TINYRACK_FIRMWARE_DIR="${TINYRACK_FIRMWARE_DIR}")
tinyrack_warnings(tinyrack)
if(TINYRACK_BUILD_FIRMWARE)
  foreach(target IN LISTS TINYRACK_TARGETS)
    add_dependencies(tinyrack firmware-${target})
  endforeach()
endif()
