# The layering of docs/architecture.md, checked on every include of the library and the program:
#
#   util <- core <- dsl, io <- engine <- run <- report, db, ruletest <- sim <- cli
#
# A file may include a public header (include/lockstep/) of its own layer or a lower one, and a
# header of its own folder. Of another folder's headers it may include only that folder's interface
# (listed below), and only from a higher layer. The links of the layers' libraries catch a
# definition in the wrong folder; this catches the include that would let it compile.
#
#   cmake -DSOURCE_DIR=<the source tree> -P cmake/check_layers.cmake
# Prints every include that breaks a rule, with its file, and fails when there is one.
#
# cmake/install.cmake includes this file with LOCKSTEP_LAYER_TABLES_ONLY set, for the tables alone:
# each public header is installed with the component of its layer.
if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.20)
endif()

# The rank of each layer: a layer may use those of lower rank.
set(rank_util 0)
set(rank_core 1)
set(rank_dsl 2)
set(rank_io 2)
set(rank_engine 3)
set(rank_run 4)
set(rank_report 5)
set(rank_db 5)
set(rank_ruletest 5)
set(rank_sim 6)
set(rank_cli 7)
set(layers util core dsl io engine run report db ruletest sim cli)

# The layer that implements each public header: what including it makes a file depend on.
# lockstep/version.h is generated (cmake/version.h.in) and depends on nothing.
set(public_util version)
set(public_core civil_date diagnostic event lifecycle model names organization status violation
                campaign_report)
set(public_dsl rules)
set(public_io event_log roster)
set(public_engine engine)
set(public_run run name_index messages campaign)
set(public_report report sharded_summary)
set(public_db journal)
set(public_ruletest ruletest)

# A folder's headers that higher layers may include; every other header of a folder is its own.
# The floor's are all its interface (its one public header is the generated lockstep/version.h).
set(interface_io synthetic_org.h)
set(interface_report output.h terminal.h)
set(interface_sim scenario.h sharded.h simulation.h)

if(LOCKSTEP_LAYER_TABLES_ONLY)
  return()
endif()
if(NOT SOURCE_DIR)
  message(FATAL_ERROR "SOURCE_DIR is not set")
endif()

foreach(layer IN LISTS layers)
  foreach(header IN LISTS public_${layer})
    set(owner_${header} ${layer})
  endforeach()
endforeach()

set(problems "")
# check(FILE LAYER): appends to `problems` every include of FILE (in LAYER) that breaks a rule.
function(check file layer)
  file(STRINGS ${file} lines REGEX "^#include \"")
  foreach(line IN LISTS lines)
    string(REGEX MATCH "^#include \"([a-z_]+)/([a-z_0-9]+)\\.h\"" _ "${line}")
    set(folder ${CMAKE_MATCH_1})
    set(name ${CMAKE_MATCH_2})
    if(NOT folder)
      continue()
    endif()
    file(RELATIVE_PATH where ${SOURCE_DIR} ${file})
    if(folder STREQUAL "lockstep")
      set(owner ${owner_${name}})
      if(NOT owner)
        list(APPEND problems "${where}: lockstep/${name}.h is in no layer (cmake/check_layers.cmake)")
      elseif(rank_${owner} GREATER rank_${layer})
        list(APPEND problems "${where}: ${layer} includes lockstep/${name}.h of ${owner}, a higher layer")
      endif()
    elseif(NOT folder STREQUAL layer)
      if(NOT DEFINED rank_${folder})
        list(APPEND problems "${where}: ${layer} includes ${folder}/${name}.h outside the library")
      elseif(rank_${folder} GREATER_EQUAL rank_${layer})
        list(APPEND problems "${where}: ${layer} includes ${folder}/${name}.h of a layer not below it")
      elseif(NOT folder MATCHES "^(util|core)$" AND NOT "${name}.h" IN_LIST interface_${folder})
        list(APPEND problems "${where}: ${layer} includes ${folder}/${name}.h, private to ${folder}/")
      endif()
    endif()
  endforeach()
  set(problems "${problems}" PARENT_SCOPE)
endfunction()

foreach(layer IN LISTS layers)
  file(GLOB files ${SOURCE_DIR}/${layer}/*.cpp ${SOURCE_DIR}/${layer}/*.h)
  foreach(file IN LISTS files)
    check(${file} ${layer})
  endforeach()
endforeach()
foreach(layer IN LISTS layers)
  foreach(header IN LISTS public_${layer})
    if(EXISTS ${SOURCE_DIR}/include/lockstep/${header}.h)  # not the generated ones
      check(${SOURCE_DIR}/include/lockstep/${header}.h ${layer})
    endif()
  endforeach()
endforeach()
file(GLOB all_public RELATIVE ${SOURCE_DIR}/include/lockstep ${SOURCE_DIR}/include/lockstep/*.h)
foreach(header IN LISTS all_public)
  string(REGEX REPLACE "\\.h$" "" header ${header})
  if(NOT owner_${header})
    list(APPEND problems "include/lockstep/${header}.h is in no layer (cmake/check_layers.cmake)")
  endif()
endforeach()

if(problems)
  list(JOIN problems "\n" text)
  message(FATAL_ERROR "includes that break the layering:\n${text}")
endif()
message(STATUS "every include keeps to the layering")
