# Builds samples/embed as an application outside this tree would, runs it on events.txt and
# compares what it prints with expected.txt (and its exit code with 1: some events are refused).
#
# cmake -DSOURCE_DIR=<lockstep source> -DWORK_DIR=<scratch> [-DHOW=<how>] [-DPREFIX=<installation>]
#       [-DBUILD_DIR=<lockstep build>] [-DENGINE_ONLY=ON] [-DGENERATOR=Ninja] [-DSANITIZE=ON]
#       [-DCXX=<compiler>] -P check_installed.cmake
#
# HOW is how the application gets Lockstep:
#   find_package      (the default) the CMake package installed in PREFIX; without PREFIX, BUILD_DIR
#                     is installed into WORK_DIR/prefix first
#   pkg-config        CXX main.cpp $(pkg-config --cflags --libs lockstep-engine), from PREFIX
#   add_subdirectory  a copy of SOURCE_DIR's tracked files (so without report/web/node_modules)
#                     added to tests/package/subproject, which must build the engine's layers only
# ENGINE_ONLY: the application has neither SQLite's nor OpenSSL's development files
# (CMAKE_DISABLE_FIND_PACKAGE_...), and its program must not load libsqlite3 or libcrypto.
cmake_minimum_required(VERSION 3.20)
foreach(var SOURCE_DIR WORK_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "${var} is not set")
  endif()
endforeach()
if(NOT HOW)
  set(HOW find_package)
endif()

file(REMOVE_RECURSE ${WORK_DIR})

# run(COMMAND...): runs it, and fails with its output if it fails; its output in `run_output`.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

if(NOT PREFIX AND NOT HOW STREQUAL "add_subdirectory")
  if(NOT BUILD_DIR)
    message(FATAL_ERROR "set PREFIX (an installation) or BUILD_DIR (a build to install)")
  endif()
  set(PREFIX ${WORK_DIR}/prefix)
  run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX})
endif()

# The installed library was built with the sanitizers: its consumer links their runtimes.
set(sanitize_flags "")
if(SANITIZE)
  set(sanitize_flags -fsanitize=address,undefined)
endif()

# configure_and_build(PROJECT_DIR ARGS...): the application's project, in WORK_DIR/build.
function(configure_and_build project_dir)
  set(configure ${CMAKE_COMMAND} -S ${project_dir} -B ${WORK_DIR}/build ${ARGN})
  if(GENERATOR)
    list(APPEND configure -G ${GENERATOR})
  endif()
  if(SANITIZE)
    list(APPEND configure "-DCMAKE_CXX_FLAGS=${sanitize_flags}"
         "-DCMAKE_EXE_LINKER_FLAGS=${sanitize_flags}")
  endif()
  if(ENGINE_ONLY)
    list(APPEND configure -DCMAKE_DISABLE_FIND_PACKAGE_SQLite3=ON
         -DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=ON)
  endif()
  run(${configure})
  set(configure_output "${run_output}" PARENT_SCOPE)
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
endfunction()

if(HOW STREQUAL "find_package")
  configure_and_build(${SOURCE_DIR}/samples/embed -DCMAKE_PREFIX_PATH=${PREFIX}
                      -DCMAKE_BUILD_TYPE=Release)
  set(embed ${WORK_DIR}/build/embed)

elseif(HOW STREQUAL "pkg-config")
  find_program(pkg_config NAMES pkg-config pkgconf REQUIRED)
  if(NOT CXX)
    set(CXX c++)
  endif()
  file(GLOB_RECURSE pc_files ${PREFIX}/*.pc)
  list(GET pc_files 0 pc_file)
  get_filename_component(pc_dir ${pc_file} DIRECTORY)
  set(ENV{PKG_CONFIG_PATH} ${pc_dir})
  # Every file installed must read well, not only the engine's.
  foreach(pc IN LISTS pc_files)
    get_filename_component(name ${pc} NAME_WE)
    run(${pkg_config} --exists --print-errors ${name})
  endforeach()
  run(${pkg_config} --cflags --libs lockstep-engine)
  separate_arguments(flags UNIX_COMMAND "${run_output}")
  # Where the shared library is, when it is one.
  run(${pkg_config} --variable=libdir lockstep-engine)
  string(STRIP "${run_output}" libdir)
  set(embed ${WORK_DIR}/embed)
  file(MAKE_DIRECTORY ${WORK_DIR})
  run(${CXX} -std=c++20 ${sanitize_flags} ${SOURCE_DIR}/samples/embed/main.cpp -o ${embed}
      ${flags} -Wl,-rpath,${libdir})

elseif(HOW STREQUAL "add_subdirectory")
  # The files git would commit, as they are in the working tree (tracked, and new ones not
  # ignored): a fresh clone of this work, without what .gitignore keeps out of one, such as
  # report/web/node_modules and the build folders.
  set(copy ${WORK_DIR}/source)
  file(MAKE_DIRECTORY ${copy})
  execute_process(COMMAND git -C ${SOURCE_DIR} rev-parse --is-inside-work-tree
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${SOURCE_DIR} is not a git checkout: skipped")
  endif()
  execute_process(COMMAND git ls-files -z --cached --others --exclude-standard
                  COMMAND tar --null --files-from=- --ignore-failed-read -cf -
                  COMMAND tar -xf - -C ${copy}
                  WORKING_DIRECTORY ${SOURCE_DIR} RESULTS_VARIABLE rcs ERROR_VARIABLE err)
  if(NOT rcs MATCHES "^0;0;0$")
    message(FATAL_ERROR "copying the tracked files failed (${rcs}): ${err}")
  endif()
  # No optimization, sources in batches: the quickest build of the layers, for one short run.
  configure_and_build(${copy}/tests/package/subproject -DLOCKSTEP_TREE=${copy}
                      -DCMAKE_BUILD_TYPE= -DCMAKE_UNITY_BUILD=ON)
  foreach(part "the report renderers" "the journal")
    if(ENGINE_ONLY AND NOT configure_output MATCHES "Lockstep: not building ${part}")
      message(FATAL_ERROR "configuring did not say it leaves out ${part}:\n${configure_output}")
    endif()
  endforeach()
  # Nothing but what the application links: the engine's layers, and no test or program.
  file(GLOB_RECURSE archives RELATIVE ${WORK_DIR}/build ${WORK_DIR}/build/*.a)
  list(SORT archives)
  set(layers lockstep/core/liblockstep_core.a lockstep/dsl/liblockstep_dsl.a
      lockstep/engine/liblockstep_engine.a lockstep/io/liblockstep_io.a
      lockstep/run/liblockstep_run.a lockstep/util/liblockstep_util.a)
  if(ENGINE_ONLY AND NOT archives STREQUAL layers)
    message(FATAL_ERROR "built ${archives}; expected the engine's layers only: ${layers}")
  endif()
  foreach(folder tests bench fuzz cli sim ruletest)
    if(EXISTS ${WORK_DIR}/build/lockstep/${folder})
      message(FATAL_ERROR "${folder}/ was added to the application's build")
    endif()
  endforeach()
  set(embed ${WORK_DIR}/build/embed/embed)

else()
  message(FATAL_ERROR "HOW is find_package, pkg-config or add_subdirectory, not '${HOW}'")
endif()

if(ENGINE_ONLY)
  find_program(readelf readelf REQUIRED)
  run(${readelf} -d ${embed})
  string(REGEX MATCHALL "\\(NEEDED\\)[^\n]*" needed "${run_output}")
  if(needed MATCHES "sqlite|crypto")
    message(FATAL_ERROR "embed uses only the engine but loads:\n${needed}")
  endif()
endif()

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
message(STATUS "samples/embed built (${HOW}) and ran as expected")
