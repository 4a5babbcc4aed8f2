# Port qemu-mps2: the MPS2 FPGA images AN385/AN386/AN500 as QEMU models them (code in SSRAM1
# at 0, data in SSRAM2/3 at 0x20000000; non-secure, no TrustZone set-up needed).
include(${CMAKE_CURRENT_LIST_DIR}/../cmsdk/board_sources.cmake)
set(TR_PORT_LINKER_TEMPLATE ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/runner.ld.in)
