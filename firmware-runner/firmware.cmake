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
# Kernel set for the MAC ops: "reference" (portable), "dsp" (Armv7E-M) or "helium" (MVE).
string(JSON kernel_set ERROR_VARIABLE json_error GET "${target_json}" firmware kernels)
if(json_error)
  set(kernel_set reference)
endif()
if(TINYRACK_KERNELS_OVERRIDE)
  set(kernel_set ${TINYRACK_KERNELS_OVERRIDE})
endif()
# Energy-mode timestamp pin: optional; without it `tr-timestamp-mode energy` is refused.
string(JSON timestamp_pin_register ERROR_VARIABLE json_error GET "${target_json}"
       timestamp_pin register)
if(json_error)
  set(timestamp_pin_present 0)
  set(timestamp_pin_register 0)
  set(timestamp_pin_mask 0)
  set(timestamp_pin_hold_us 0)
else()
  set(timestamp_pin_present 1)
  target_field(timestamp_pin_mask timestamp_pin mask)
  target_field(timestamp_pin_hold_us timestamp_pin hold_us)
endif()
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
include(kernel_check/sources.cmake)
set(TR_KERNEL_SET_SOURCES "")
set(kernel_definitions "")
if(NOT kernel_set STREQUAL "reference")
  set(kernel_set_dir ${CMAKE_CURRENT_SOURCE_DIR}/engine/kernels/${kernel_set})
  if(NOT EXISTS ${kernel_set_dir}/sources.cmake)
    message(FATAL_ERROR "${TINYRACK_TARGET_FILE}: unknown kernel set '${kernel_set}' (no ${kernel_set_dir})")
  endif()
  include(${kernel_set_dir}/sources.cmake)  # sets TR_KERNEL_SET_SOURCES
  string(TOUPPER ${kernel_set} kernel_set_upper)
  set(kernel_definitions TINYRACK_KERNELS_${kernel_set_upper}=1)
endif()

set(STACK_BYTES 16384)
configure_file(${TR_PORT_LINKER_TEMPLATE} ${CMAKE_CURRENT_BINARY_DIR}/runner.ld @ONLY)
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/target_config.h.in
               ${CMAKE_CURRENT_BINARY_DIR}/generated/target_config.h @ONLY)

set(all_sources ${TR_COMMON_SOURCES} ${TR_ENGINE_SOURCES} ${TR_KERNEL_SET_SOURCES}
                ${TR_PROTOCOL_SOURCES} ${TR_PORT_SOURCES} ${CMAKE_CURRENT_SOURCE_DIR}/runner_main.cpp)

# A standard-only DUT (docs/protocol.md): the model file and its MLPerf id are baked in.
set(standard_model_inputs "")
if(TINYRACK_STANDARD_MODEL_FILE)
  if(NOT TINYRACK_STANDARD_MODEL_ID)
    message(FATAL_ERROR "TINYRACK_STANDARD_MODEL_FILE needs TINYRACK_STANDARD_MODEL_ID")
  endif()
  set(standard_asm ${CMAKE_CURRENT_SOURCE_DIR}/standard_model.S)
  list(APPEND all_sources ${standard_asm})
  set_source_files_properties(${standard_asm} PROPERTIES
    COMPILE_DEFINITIONS "TINYRACK_STANDARD_MODEL_FILE=\"${TINYRACK_STANDARD_MODEL_FILE}\""
    OBJECT_DEPENDS ${TINYRACK_STANDARD_MODEL_FILE})
  set(standard_model_inputs ${TINYRACK_STANDARD_MODEL_FILE})
endif()

# The build hash covers every source, header and flag that goes into the image, so the host
# can tell two builds apart (`tr-id`).
file(GLOB_RECURSE hashed_files CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/common/* ${CMAKE_CURRENT_SOURCE_DIR}/engine/*
     ${CMAKE_CURRENT_SOURCE_DIR}/protocol/* ${CMAKE_CURRENT_SOURCE_DIR}/ports/*
     ${CMAKE_CURRENT_SOURCE_DIR}/runner_main.cpp)
list(SORT hashed_files)
set(hash_inputs ${hashed_files} ${TINYRACK_TARGET_FILE} ${standard_model_inputs})
add_custom_command(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/generated/build_hash.h
  COMMAND ${CMAKE_COMMAND} "-DOUT=${CMAKE_CURRENT_BINARY_DIR}/generated/build_hash.h"
          "-DFILES=${hash_inputs}" "-DFLAGS=${target_cflags};${CMAKE_CXX_COMPILER_VERSION}"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/build_hash.cmake
  DEPENDS ${hash_inputs} ${CMAKE_CURRENT_SOURCE_DIR}/build_hash.cmake
  VERBATIM)

# -ffp-contract=off: GCC fuses a*b+c into one FMA (one rounding) on FPUs that have it, so float
# code (the MFCC front end) would differ from the host build in the last bit; boards must
# compute what the host computes.
set(common_flags ${target_cflags} -O2 -g -ffreestanding -ffunction-sections -fdata-sections
    -ffp-contract=off -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion)
if(TINYRACK_WERROR)
  list(APPEND common_flags -Werror)
endif()

# One firmware image: the shared flags, memory map and libraries.
function(tr_firmware_image name)
  add_executable(${name} ${ARGN})
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}
    ${CMAKE_CURRENT_SOURCE_DIR}/ports ${PORT_DIR} ${CMAKE_CURRENT_BINARY_DIR}/generated)
  target_compile_options(${name} PRIVATE ${common_flags}
    $<$<COMPILE_LANGUAGE:CXX>:-std=c++20 -fno-exceptions -fno-rtti -fno-threadsafe-statics
                              -fno-use-cxa-atexit>)
  target_compile_definitions(${name} PRIVATE TINYRACK_FIRMWARE=1 ${kernel_definitions})
  get_filename_component(stem ${name} NAME_WE)
  target_link_options(${name} PRIVATE ${target_cflags} -nostartfiles --specs=nano.specs
    -Wl,--gc-sections -Wl,-T,${CMAKE_CURRENT_BINARY_DIR}/runner.ld
    -Wl,-Map,${CMAKE_CURRENT_BINARY_DIR}/${stem}.map -Wl,--print-memory-usage)
  target_link_libraries(${name} PRIVATE m)
  set_target_properties(${name} PROPERTIES LINK_DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/runner.ld)
  if(TINYRACK_FIRMWARE_OUT)
    add_custom_command(TARGET ${name} POST_BUILD
      COMMAND ${CMAKE_COMMAND} -E make_directory ${TINYRACK_FIRMWARE_OUT}
      COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_FILE:${name}> ${TINYRACK_FIRMWARE_OUT}/${name}
      COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_BINARY_DIR}/${stem}.map
              ${TINYRACK_FIRMWARE_OUT}/${stem}.map
      COMMAND ${CMAKE_SIZE} $<TARGET_FILE:${name}>)
  endif()
endfunction()

tr_firmware_image(runner.elf ${all_sources} ${CMAKE_CURRENT_BINARY_DIR}/generated/build_hash.h)
if(TINYRACK_STANDARD_MODEL_FILE)
  target_compile_definitions(runner.elf PRIVATE
    TINYRACK_STANDARD_MODEL_ID="${TINYRACK_STANDARD_MODEL_ID}")
  return()  # the standard-only variant is the runner image alone
endif()

# The kernel check: random cases through this image's kernel set and the reference kernels,
# on the target's own instruction set (tests/integration/kernel_check_test.cpp runs it).
set(reference_kernels
  ${CMAKE_CURRENT_SOURCE_DIR}/engine/kernels/reference/conv_2d_s8.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/engine/kernels/reference/depthwise_conv_2d_s8.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/engine/kernels/reference/fully_connected_s8.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/engine/kernels/reference/add_s8.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/engine/ops/add_params.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/engine/kernels/portable/portable_kernels.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/engine/quantization.cpp)
tr_firmware_image(kernel_check.elf ${TR_COMMON_SOURCES} ${reference_kernels}
  ${TR_KERNEL_SET_SOURCES} ${TR_KERNEL_CHECK_SOURCES} ${TR_PORT_SOURCES}
  ${CMAKE_CURRENT_SOURCE_DIR}/kernel_check/check_main.cpp)
