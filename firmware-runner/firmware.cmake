# Cross build of one runner image (included by CMakeLists.txt in standalone mode).
# Everything board-specific comes from the target file; code comes from ports/<port>.
if(NOT TINYRACK_TARGET_FILE OR NOT EXISTS "${TINYRACK_TARGET_FILE}")
  message(FATAL_ERROR "TINYRACK_TARGET_FILE must name a targets/<target>.json file")
endif()
file(READ "${TINYRACK_TARGET_FILE}" target_json)

macro(target_field var)
  string(JSON ${var} ERROR_VARIABLE json_error GET "${target_json}" ${ARGN})
  if(json_error)
    message(FATAL_ERROR "${TINYRACK_TARGET_FILE}: ${json_error}")
  endif()
endmacro()

target_field(target_name name)
target_field(port firmware port)
target_field(arena_bytes firmware arena_bytes)
target_field(model_slot_bytes firmware model_slot_bytes)
target_field(input_slot_bytes firmware input_slot_bytes)
target_field(console_address console address)
target_field(timer_hz timestamp hz)
foreach(region code ram slots)
  string(TOUPPER ${region} REGION)
  target_field(${REGION}_ORIGIN memory ${region} origin)
  target_field(${REGION}_LENGTH memory ${region} length)
endforeach()
string(JSON ncflags LENGTH "${target_json}" firmware cflags)
set(target_cflags "")
math(EXPR last "${ncflags} - 1")
foreach(i RANGE ${last})
  string(JSON flag GET "${target_json}" firmware cflags ${i})
  list(APPEND target_cflags ${flag})
endforeach()

set(PORT_DIR ${CMAKE_CURRENT_SOURCE_DIR}/ports/${port})
if(NOT EXISTS ${PORT_DIR}/sources.cmake)
  message(FATAL_ERROR "${TINYRACK_TARGET_FILE}: unknown port '${port}' (no ${PORT_DIR})")
endif()

include(common/sources.cmake)
include(engine/sources.cmake)
include(protocol/sources.cmake)
include(${PORT_DIR}/sources.cmake)  # sets TR_PORT_SOURCES and TR_PORT_LINKER_TEMPLATE

set(STACK_BYTES 16384)
configure_file(${TR_PORT_LINKER_TEMPLATE} ${CMAKE_CURRENT_BINARY_DIR}/runner.ld @ONLY)
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/target_config.h.in
               ${CMAKE_CURRENT_BINARY_DIR}/generated/target_config.h @ONLY)

set(all_sources ${TR_COMMON_SOURCES} ${TR_ENGINE_SOURCES} ${TR_PROTOCOL_SOURCES}
                ${TR_PORT_SOURCES} ${CMAKE_CURRENT_SOURCE_DIR}/runner_main.cpp)

# The build hash covers every source, header and flag that goes into the image, so the host
# can tell two builds apart (`tr-id`).
file(GLOB_RECURSE hashed_files CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/common/* ${CMAKE_CURRENT_SOURCE_DIR}/engine/*
     ${CMAKE_CURRENT_SOURCE_DIR}/protocol/* ${CMAKE_CURRENT_SOURCE_DIR}/ports/*
     ${CMAKE_CURRENT_SOURCE_DIR}/runner_main.cpp)
list(SORT hashed_files)
set(hash_inputs ${hashed_files} ${TINYRACK_TARGET_FILE})
add_custom_command(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/generated/build_hash.h
  COMMAND ${CMAKE_COMMAND} "-DOUT=${CMAKE_CURRENT_BINARY_DIR}/generated/build_hash.h"
          "-DFILES=${hash_inputs}" "-DFLAGS=${target_cflags};${CMAKE_CXX_COMPILER_VERSION}"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/build_hash.cmake
  DEPENDS ${hash_inputs} ${CMAKE_CURRENT_SOURCE_DIR}/build_hash.cmake
  VERBATIM)

add_executable(runner.elf ${all_sources} ${CMAKE_CURRENT_BINARY_DIR}/generated/build_hash.h)
target_include_directories(runner.elf PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/ports ${PORT_DIR}
                                              ${CMAKE_CURRENT_BINARY_DIR}/generated)
set(common_flags ${target_cflags} -O2 -g -ffreestanding -ffunction-sections -fdata-sections
    -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion)
if(TINYRACK_WERROR)
  list(APPEND common_flags -Werror)
endif()
target_compile_options(runner.elf PRIVATE ${common_flags}
  $<$<COMPILE_LANGUAGE:CXX>:-std=c++20 -fno-exceptions -fno-rtti -fno-threadsafe-statics
                            -fno-use-cxa-atexit>)
target_compile_definitions(runner.elf PRIVATE TINYRACK_FIRMWARE=1)
target_link_options(runner.elf PRIVATE ${target_cflags} -nostartfiles --specs=nano.specs
  -Wl,--gc-sections -Wl,-T,${CMAKE_CURRENT_BINARY_DIR}/runner.ld
  -Wl,-Map,${CMAKE_CURRENT_BINARY_DIR}/runner.map -Wl,--print-memory-usage)
target_link_libraries(runner.elf PRIVATE m)
set_target_properties(runner.elf PROPERTIES LINK_DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/runner.ld)

if(TINYRACK_FIRMWARE_OUT)
  add_custom_command(TARGET runner.elf POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E make_directory ${TINYRACK_FIRMWARE_OUT}
    COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_FILE:runner.elf> ${TINYRACK_FIRMWARE_OUT}/runner.elf
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_BINARY_DIR}/runner.map
            ${TINYRACK_FIRMWARE_OUT}/runner.map
    COMMAND ${CMAKE_SIZE} $<TARGET_FILE:runner.elf>)
endif()
