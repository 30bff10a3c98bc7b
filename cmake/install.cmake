# Installs what was built for applications (docs/packaging.md): for each component of
# cmake/components.cmake its libraries (the static layers, or LOCKSTEP_SHARED's one shared
# library), its public headers, its CMake export set (lockstep<Component>Targets.cmake) and its
# pkg-config file (lockstep-<component>.pc); lockstep::lockstep and lockstep.pc for all of them; the
# CMake package that finds them (find_package(lockstep [COMPONENTS ...])); and the program.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(LOCKSTEP_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/lockstep)

# Public headers left out although their layer is installed: a ShardedSummary is filled by the
# simulator (sim/), which is not.
set(LOCKSTEP_HEADERS_NOT_INSTALLED sharded_summary)

# lockstep_component_headers(OUT COMPONENT): the public headers of COMPONENT's layers, as the table
# of cmake/check_layers.cmake assigns them (so a new header is installed with its layer).
function(lockstep_component_headers out component)
  set(LOCKSTEP_LAYER_TABLES_ONLY ON)
  include(${CMAKE_CURRENT_FUNCTION_LIST_DIR}/check_layers.cmake)
  set(headers "")
  foreach(layer IN LISTS LOCKSTEP_LAYERS_${component})
    foreach(header IN LISTS public_${layer})
      if(header IN_LIST LOCKSTEP_HEADERS_NOT_INSTALLED)
        continue()
      elseif(EXISTS ${PROJECT_SOURCE_DIR}/include/lockstep/${header}.h)
        list(APPEND headers ${PROJECT_SOURCE_DIR}/include/lockstep/${header}.h)
      else()
        list(APPEND headers ${LOCKSTEP_GENERATED_INCLUDE}/lockstep/${header}.h)
      endif()
    endforeach()
  endforeach()
  set(${out} ${headers} PARENT_SCOPE)
endfunction()

# lockstep_link_flag(OUT TARGET): how a pkg-config Libs line links the imported library TARGET:
# -lNAME, after -LDIR when the compiler would not look in its folder.
function(lockstep_link_flag out target)
  get_target_property(file ${target} LOCATION)
  get_filename_component(dir ${file} DIRECTORY)
  get_filename_component(name ${file} NAME)
  string(REGEX REPLACE "^lib|\\.(so|a|dylib)(\\.[0-9.]+)?$" "" name ${name})
  set(flag -l${name})
  if(NOT dir IN_LIST CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES)
    set(flag "-L${dir} ${flag}")
  endif()
  set(${out} ${flag} PARENT_SCOPE)
endfunction()

# The pkg-config files' directories, relative to the prefix as it is at install time: cmake
# --install --prefix may put the package elsewhere than CMAKE_INSTALL_PREFIX said at configure time.
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE ${CMAKE_INSTALL_${dir}})
    set(LOCKSTEP_PC_${dir} ${CMAKE_INSTALL_${dir}})
  else()
    set(LOCKSTEP_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
lockstep_link_flag(LOCKSTEP_PC_FMT fmt::fmt)
if(LOCKSTEP_WITH_JOURNAL)
  lockstep_link_flag(LOCKSTEP_PC_SQLITE SQLite::SQLite3)
  lockstep_link_flag(LOCKSTEP_PC_CRYPTO OpenSSL::Crypto)
endif()

# lockstep_pkg_config(NAME DESCRIPTION COMPONENTS...): NAME.pc, for what the COMPONENTS hold.
# Static layers are archives: the Libs line names them (dependents first) and every library they
# use. The shared library carries its own dependencies: Libs names it alone, Libs.private the
# rest, for a static link.
function(lockstep_pkg_config name description)
  set(components ${ARGN})
  foreach(component IN LISTS ARGN)
    list(APPEND components ${LOCKSTEP_NEEDS_${component}})
  endforeach()
  # In link order: a component before those it needs (the engine last).
  set(layers "")
  foreach(component IN ITEMS journal report engine)
    if(component IN_LIST components)
      list(APPEND layers ${LOCKSTEP_LAYERS_${component}})
    endif()
  endforeach()
  set(needed ${LOCKSTEP_PC_FMT})
  if("journal" IN_LIST components)
    list(APPEND needed ${LOCKSTEP_PC_SQLITE} ${LOCKSTEP_PC_CRYPTO})
  endif()
  if(LOCKSTEP_SHARED)
    set(LOCKSTEP_PC_LIBS -llockstep)
    list(JOIN needed " " needed)
    set(LOCKSTEP_PC_LIBS_PRIVATE "Libs.private: ${needed}")
  else()
    list(TRANSFORM layers PREPEND -llockstep_)
    list(JOIN layers " " LOCKSTEP_PC_LIBS)
    list(JOIN needed " " needed)
    string(APPEND LOCKSTEP_PC_LIBS " ${needed}")
    set(LOCKSTEP_PC_LIBS_PRIVATE "")
  endif()
  set(LOCKSTEP_PC_NAME ${name})
  set(LOCKSTEP_PC_DESCRIPTION ${description})
  # The prefix is filled in at install time (see above).
  set(LOCKSTEP_PC_PREFIX "@CMAKE_INSTALL_PREFIX@")
  set(stage ${PROJECT_BINARY_DIR}/pkgconfig/${name}.pc.in)
  set(final ${PROJECT_BINARY_DIR}/pkgconfig/${name}.pc)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/lockstep.pc.in ${stage} @ONLY)
  install(CODE "configure_file(\"${stage}\" \"${final}\" @ONLY)")
  install(FILES ${final} DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endfunction()

set(LOCKSTEP_DESCRIPTION_engine "Lockstep's engine: rules, rosters, event logs, runs of a campaign")
set(LOCKSTEP_DESCRIPTION_journal "Lockstep's journal: a campaign tracked in one SQLite file")
set(LOCKSTEP_DESCRIPTION_report "Lockstep's report renderers: terminal, JSON, CSV, HTML")

foreach(component IN LISTS LOCKSTEP_COMPONENTS)
  string(SUBSTRING ${component} 0 1 first)
  string(SUBSTRING ${component} 1 -1 rest)
  string(TOUPPER ${first} first)
  set(export lockstep${first}${rest}Targets)
  set(targets lockstep_component_${component})
  if(NOT LOCKSTEP_SHARED)
    list(TRANSFORM LOCKSTEP_LAYERS_${component} PREPEND lockstep_ OUTPUT_VARIABLE layers)
    list(APPEND targets ${layers})
  elseif(component STREQUAL "engine")
    list(APPEND targets lockstep_shared)  # with the engine, which every component needs
  endif()
  install(TARGETS ${targets} EXPORT ${export}
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT ${export} NAMESPACE lockstep:: DESTINATION ${LOCKSTEP_CMAKE_DIR})
  lockstep_component_headers(headers ${component})
  install(FILES ${headers} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/lockstep)
  lockstep_pkg_config(lockstep-${component} "${LOCKSTEP_DESCRIPTION_${component}}" ${component})
endforeach()
install(TARGETS lockstep_library EXPORT lockstepTargets)
install(EXPORT lockstepTargets NAMESPACE lockstep:: DESTINATION ${LOCKSTEP_CMAKE_DIR})
lockstep_pkg_config(lockstep "Lockstep: a workflow and state-machine engine for campaigns"
                    ${LOCKSTEP_COMPONENTS})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/lockstepConfig.cmake.in
  ${PROJECT_BINARY_DIR}/lockstepConfig.cmake INSTALL_DESTINATION ${LOCKSTEP_CMAKE_DIR})
# 0.x: a new minor version may break what the one before it offered.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/lockstepConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/lockstepConfig.cmake
              ${PROJECT_BINARY_DIR}/lockstepConfigVersion.cmake
        DESTINATION ${LOCKSTEP_CMAKE_DIR})

if(LOCKSTEP_WITH_CLI)
  install(TARGETS lockstep RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
