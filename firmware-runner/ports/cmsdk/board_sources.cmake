# Sources of a Cortex-M board whose console is a CMSDK APB UART and whose timestamp clock is
# SysTick (every QEMU MPS2/MPS3 image). Ports include this and name their linker template.
set(TR_PORT_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/startup.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/systick_clock.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/mmio_timestamp_pin.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/fault_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/cxx_runtime.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cmsdk_uart.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cmsdk_board.cpp)
