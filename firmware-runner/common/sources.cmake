# Portable sources shared by the host build and every firmware image.
set(TR_COMMON_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/crc32.cpp
  ${CMAKE_CURRENT_LIST_DIR}/status.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text_format.cpp)
