# Port qemu-mps3: Cortex-M start-up, SysTick timestamp clock, CMSDK APB UART console.
set(TR_PORT_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/startup.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/systick_clock.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/fault_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/cxx_runtime.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../cmsdk/cmsdk_uart.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../cmsdk/cmsdk_board.cpp)
set(TR_PORT_LINKER_TEMPLATE ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/runner.ld.in)
