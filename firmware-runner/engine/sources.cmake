# Portable engine sources (host libraries and firmware images).
set(TR_ENGINE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/arena_planner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/builtin_names.cpp
  ${CMAKE_CURRENT_LIST_DIR}/flatbuffer_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/graph.cpp
  ${CMAKE_CURRENT_LIST_DIR}/interpreter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model_loader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/op_registry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/operator_loader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/persistent_allocator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/quantization.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tensor_allocator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tensor_loader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/kernels/reference/fully_connected_s8.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ops/fully_connected.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ops/op_checks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ops/reshape.cpp)
