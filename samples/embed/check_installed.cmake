# Builds and runs samples/embed as a consumer of the installed package, the way an application
# outside this tree would: install Lockstep into a fresh prefix, configure the sample with
# CMAKE_PREFIX_PATH pointing there, build it, run it on events.txt and compare with expected.txt.
#
# cmake -DBUILD_DIR=<lockstep build> -DSOURCE_DIR=<lockstep source> -DWORK_DIR=<scratch>
#       [-DGENERATOR=Ninja] [-DSANITIZE=ON] -P check_installed.cmake
foreach(var BUILD_DIR SOURCE_DIR WORK_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

set(configure ${CMAKE_COMMAND} -S ${SOURCE_DIR}/samples/embed -B ${WORK_DIR}/build
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=Release)
if(GENERATOR)
  list(APPEND configure -G ${GENERATOR})
endif()
if(SANITIZE)
  # The installed library was built with the sanitizers: its consumer links their runtimes.
  list(APPEND configure "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined"
       "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined")
endif()
run(${configure})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)

find_program(embed NAMES embed PATHS ${WORK_DIR}/build NO_DEFAULT_PATH REQUIRED)
# Run from the source tree so that rule locations read "rules/...", as in expected.txt.
execute_process(
  COMMAND ${embed} rules/baoxian_2005_bureau.lock samples/rosters/bureau_001.csv 2005-01-10
  WORKING_DIRECTORY ${SOURCE_DIR}
  INPUT_FILE ${SOURCE_DIR}/samples/embed/events.txt
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(READ ${SOURCE_DIR}/samples/embed/expected.txt expected)
if(NOT rc EQUAL 1 OR NOT out STREQUAL expected)
  message(FATAL_ERROR "embed exited ${rc} (expected 1: some events refused)\n"
                      "--- output ---\n${out}${err}--- expected ---\n${expected}")
endif()
message(STATUS "samples/embed built against the installed package and ran as expected")
