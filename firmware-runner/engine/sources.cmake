# Portable engine sources (host libraries and firmware images).
set(TR_ENGINE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/interpreter.cpp)
