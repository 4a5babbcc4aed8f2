# Portable protocol sources (host libraries and firmware images).
set(TR_PROTOCOL_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/command_context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/db_commands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/frontend_input.cpp
  ${CMAKE_CURRENT_LIST_DIR}/infer_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/line_assembler.cpp
  ${CMAKE_CURRENT_LIST_DIR}/mlperf_commands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model_commands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/output_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/prof_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/standard_dut.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tensor_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/timestamp_mode.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tinyrack_commands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tokens.cpp)
