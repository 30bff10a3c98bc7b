# Builds tests/package/all_components against an installation and runs its programs:
# find_package(lockstep) without COMPONENTS, every installed header, one call into each
# component, every public function (on seed 001's bureau, from SOURCE_DIR).
#
# cmake -DPREFIX=<installation> -DWORK_DIR=<scratch> -DVERSION=<x.y.z> -DSOURCE_DIR=<lockstep>
#       [-DGENERATOR=Ninja] [-DSANITIZE=ON] -P check_all_components.cmake
cmake_minimum_required(VERSION 3.20)
foreach(var PREFIX WORK_DIR VERSION SOURCE_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "${var} is not set")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK_DIR})

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(configure ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR}/all_components -B ${WORK_DIR}
    -DCMAKE_PREFIX_PATH=${PREFIX} -DLOCKSTEP_INCLUDE_DIR=${PREFIX}/include)
if(GENERATOR)
  list(APPEND configure -G ${GENERATOR})
endif()
if(SANITIZE)
  # The installed library was built with the sanitizers: its consumer links their runtimes.
  list(APPEND configure "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined"
       "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined")
endif()
run(${configure})
run(${CMAKE_COMMAND} --build ${WORK_DIR})
run(${WORK_DIR}/all_components)
set(expected "version ${VERSION}\nthe page has ECharts\nthe journal says why it cannot open\n")
if(NOT run_output STREQUAL expected)
  message(FATAL_ERROR "all_components printed\n${run_output}--- expected ---\n${expected}")
endif()
foreach(program calls_every_function calls_every_engine_function)
  execute_process(COMMAND ${WORK_DIR}/${program} run rules/baoxian_2005_bureau.lock
                          samples/rosters/bureau_001.csv
                  WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "^calls made")
    message(FATAL_ERROR "${program} exited ${rc}:\n${out}${err}")
  endif()
endforeach()
message(STATUS "every component of the installed package linked and ran")
