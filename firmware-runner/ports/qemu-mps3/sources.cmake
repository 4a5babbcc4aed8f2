# Port qemu-mps3: the MPS3 FPGA image AN547 (Corstone SSE-300) as QEMU models it. The core
# boots Secure, so the image is linked at the Secure aliases (ITCM 0x10000000, DTCM
# 0x30000000, SRAM 0x31000000, from the target file); QEMU's MPCs leave them Secure-accessible.
include(${CMAKE_CURRENT_LIST_DIR}/../cmsdk/board_sources.cmake)
set(TR_PORT_LINKER_TEMPLATE ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/runner.ld.in)
