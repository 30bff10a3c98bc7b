# Installs a build into a fresh prefix (the installation the package tests share) and checks what
# is there: each component built with its libraries, headers, CMake export set and pkg-config
# file, and no header whose code is not installed.
#
# cmake -DBUILD_DIR=<build> -DPREFIX=<scratch> -DCOMPONENTS=engine,journal,report -DSHARED=OFF
#       -DCLI=ON -P install.cmake
cmake_minimum_required(VERSION 3.20)
foreach(var BUILD_DIR PREFIX COMPONENTS)
  if(NOT ${var})
    message(FATAL_ERROR "${var} is not set")
  endif()
endforeach()
string(REPLACE "," ";" COMPONENTS "${COMPONENTS}")

file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}${err}")
endif()

set(problems "")
# expect(PATH PRESENT): PATH (a glob under PREFIX) must exist when PRESENT, must not otherwise.
function(expect path present)
  file(GLOB found ${PREFIX}/${path})
  if(present AND NOT found)
    list(APPEND problems "missing: ${path}")
  elseif(NOT present AND found)
    list(APPEND problems "installed but should not be: ${found}")
  endif()
  set(problems "${problems}" PARENT_SCOPE)
endfunction()

expect(include/lockstep/version.h ON)
expect(include/lockstep/run.h ON)
# Their code is in layers that are not installed (the rules tests' runner, the simulator).
expect(include/lockstep/ruletest.h OFF)
expect(include/lockstep/sharded_summary.h OFF)
# Only with their component.
foreach(component engine journal report)
  set(${component} OFF)
  if(component IN_LIST COMPONENTS)
    set(${component} ON)
  endif()
endforeach()
expect(include/lockstep/journal.h ${journal})
expect(include/lockstep/report.h ${report})

expect(lib*/pkgconfig/lockstep.pc ON)
expect(lib*/cmake/lockstep/lockstepConfig.cmake ON)
expect(lib*/cmake/lockstep/lockstepTargets.cmake ON)
foreach(component engine journal report)
  string(SUBSTRING ${component} 0 1 first)
  string(SUBSTRING ${component} 1 -1 rest)
  string(TOUPPER ${first} first)
  expect(lib*/pkgconfig/lockstep-${component}.pc ${${component}})
  expect(lib*/cmake/lockstep/lockstep${first}${rest}Targets.cmake ${${component}})
endforeach()

# One shared library, or the static layers.
if(SHARED)
  expect(lib*/liblockstep.so.* ON)
  expect(lib*/liblockstep_*.a OFF)
else()
  expect(lib*/liblockstep.so* OFF)
  expect(lib*/liblockstep_run.a ON)
  expect(lib*/liblockstep_db.a ${journal})
  expect(lib*/liblockstep_report.a ${report})
  expect(lib*/liblockstep_ruletest.a OFF)
  expect(lib*/liblockstep_sim.a OFF)
endif()
expect(bin/lockstep ${CLI})

if(problems)
  list(JOIN problems "\n" text)
  message(FATAL_ERROR "the installation in ${PREFIX}:\n${text}")
endif()
message(STATUS "installed into ${PREFIX}: ${COMPONENTS}")
