# Portable sources of the kernel check (random cases and the comparison), used by the
# kernel-check firmware image and the host tests.
set(TR_KERNEL_CHECK_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/random_cases.cpp
  ${CMAKE_CURRENT_LIST_DIR}/kernel_check.cpp)
