# The components an application links (docs/packaging.md), the same whether it finds the installed
# package or adds this tree:
#
#   lockstep::engine    load and check rules, a roster and event logs; run a campaign and build its
#                       report (layers util, core, dsl, io, engine, run). Needs fmt.
#   lockstep::journal   a campaign tracked in one SQLite file (db). Needs SQLite3 and libcrypto.
#   lockstep::report    the report's renderers, the HTML page with ECharts inside (report).
#   lockstep::lockstep  every component built.
#
# Each is the static libraries of its layers, or with LOCKSTEP_SHARED the one shared library
# liblockstep that holds every component built.

# The layers of each component, each before the layers it uses: the order of a static link line
# (the pkg-config files list them so).
set(LOCKSTEP_LAYERS_engine run engine dsl io core util)
set(LOCKSTEP_LAYERS_journal db)
set(LOCKSTEP_LAYERS_report report)
# What each component needs of the others.
set(LOCKSTEP_NEEDS_journal engine)
set(LOCKSTEP_NEEDS_report engine)

set(LOCKSTEP_COMPONENTS engine)
if(LOCKSTEP_WITH_JOURNAL)
  list(APPEND LOCKSTEP_COMPONENTS journal)
endif()
if(LOCKSTEP_WITH_REPORT)
  list(APPEND LOCKSTEP_COMPONENTS report)
endif()

# Every layer built into a component, in link order (dependents first), and, for Lockstep's own
# tests, programs and benchmarks, the same as one target. They link the static layers even with
# LOCKSTEP_SHARED: one copy of each definition in a program.
set(LOCKSTEP_INSTALLED_LAYERS "")
foreach(component IN LISTS LOCKSTEP_COMPONENTS)
  list(PREPEND LOCKSTEP_INSTALLED_LAYERS ${LOCKSTEP_LAYERS_${component}})
endforeach()
list(TRANSFORM LOCKSTEP_INSTALLED_LAYERS PREPEND lockstep_)
add_library(lockstep_layers INTERFACE)
target_link_libraries(lockstep_layers INTERFACE ${LOCKSTEP_INSTALLED_LAYERS})

if(LOCKSTEP_SHARED)
  if(CMAKE_VERSION VERSION_LESS 3.24)
    message(FATAL_ERROR "LOCKSTEP_SHARED needs CMake 3.24 or newer ($<LINK_LIBRARY:WHOLE_ARCHIVE>)")
  endif()
  # The layers' archives whole, so that the library exports every definition of the public
  # headers, not just those some other layer happens to use. Its ABI is not yet stable: while the
  # version is 0.x each minor version is a new soname (liblockstep.so.0.1). CMake wants a source
  # of the target's own: an empty one.
  set(stub ${PROJECT_BINARY_DIR}/lockstep_shared.cpp)
  file(CONFIGURE OUTPUT ${stub} CONTENT "// liblockstep is its layers' archives, linked whole.\n")
  add_library(lockstep_shared SHARED ${stub})
  if(PROJECT_VERSION_MAJOR EQUAL 0)
    set(soversion ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
  else()
    set(soversion ${PROJECT_VERSION_MAJOR})
  endif()
  set_target_properties(lockstep_shared PROPERTIES OUTPUT_NAME lockstep EXPORT_NAME shared_library
                        VERSION ${PROJECT_VERSION} SOVERSION ${soversion})
  target_link_libraries(lockstep_shared PRIVATE
                        "$<LINK_LIBRARY:WHOLE_ARCHIVE,${LOCKSTEP_INSTALLED_LAYERS}>")
  # A layer that comes again as another's dependency (lockstep_run of lockstep_db) comes without
  # the feature, which CMake refuses: it is linked whole wherever it comes.
  foreach(layer IN LISTS LOCKSTEP_INSTALLED_LAYERS)
    set_property(TARGET lockstep_shared PROPERTY LINK_LIBRARY_OVERRIDE_${layer} WHOLE_ARCHIVE)
  endforeach()
  target_include_directories(lockstep_shared PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${LOCKSTEP_GENERATED_INCLUDE}> $<INSTALL_INTERFACE:include>)
  target_compile_features(lockstep_shared PUBLIC cxx_std_20)
endif()

# lockstep::COMPONENT: an interface target over the component's layers (or the shared library).
foreach(component IN LISTS LOCKSTEP_COMPONENTS)
  add_library(lockstep_component_${component} INTERFACE)
  add_library(lockstep::${component} ALIAS lockstep_component_${component})
  set_target_properties(lockstep_component_${component} PROPERTIES EXPORT_NAME ${component})
  if(LOCKSTEP_SHARED)
    target_link_libraries(lockstep_component_${component} INTERFACE lockstep_shared)
  else()
    list(TRANSFORM LOCKSTEP_LAYERS_${component} PREPEND lockstep_ OUTPUT_VARIABLE layers)
    target_link_libraries(lockstep_component_${component} INTERFACE ${layers})
  endif()
endforeach()

# lockstep::lockstep, as it always was: everything built.
add_library(lockstep_library INTERFACE)
add_library(lockstep::lockstep ALIAS lockstep_library)
set_target_properties(lockstep_library PROPERTIES EXPORT_NAME lockstep)
list(TRANSFORM LOCKSTEP_COMPONENTS PREPEND lockstep_component_ OUTPUT_VARIABLE components)
target_link_libraries(lockstep_library INTERFACE ${components})
