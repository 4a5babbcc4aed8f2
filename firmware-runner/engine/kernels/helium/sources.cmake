# Helium (MVE) kernel set: Cortex-M55 firmware only (needs <arm_mve.h>).
set(TR_KERNEL_SET_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/add_helium.cpp
  ${CMAKE_CURRENT_LIST_DIR}/conv_2d_helium.cpp
  ${CMAKE_CURRENT_LIST_DIR}/conv_columns.cpp
  ${CMAKE_CURRENT_LIST_DIR}/conv_runs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/depthwise_conv_2d_helium.cpp
  ${CMAKE_CURRENT_LIST_DIR}/folded_bias.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fully_connected_helium.cpp
  ${CMAKE_CURRENT_LIST_DIR}/im2col.cpp)
# With only eight vector registers, GCC's pre-allocation scheduler hoists the loads of the MAC
# loops so far that accumulators spill to the stack; without it the loops keep everything in
# registers (the emulator counts instructions, so the lost latency hiding costs nothing there).
set_source_files_properties(${TR_KERNEL_SET_SOURCES} PROPERTIES COMPILE_OPTIONS -fno-schedule-insns)
