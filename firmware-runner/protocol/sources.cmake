# Portable protocol sources (host libraries and firmware images).
set(TR_PROTOCOL_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/runner.cpp)
