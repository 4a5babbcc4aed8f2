# The Armv7E-M DSP kernel set (targets with "kernels": "dsp"); firmware.cmake includes this.
set(TR_KERNEL_SET_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/add_dsp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/conv_2d_dsp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/depthwise_conv_2d_dsp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fully_connected_dsp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/im2col_dsp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/mat_mult_dsp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pointwise_conv_dsp.cpp)
