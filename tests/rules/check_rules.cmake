# Runs `lockstep check` on one rules file and fails unless it reports no error and exactly the
# warnings listed for that file in expected_warnings.txt (each one explained there). A new
# warning, or a listed one that disappeared, fails the test, so the list stays true.
#
# Usage: cmake -DLOCKSTEP=path/to/lockstep -DRULES_FILE=path/to/file.lock
#              -DEXPECTED=path/to/expected_warnings.txt -P check_rules.cmake
cmake_minimum_required(VERSION 3.20)
foreach(var LOCKSTEP RULES_FILE EXPECTED)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_rules.cmake: set -D${var}=...")
  endif()
endforeach()

execute_process(COMMAND "${LOCKSTEP}" check "${RULES_FILE}"
                RESULT_VARIABLE exit_code OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(report "${out}${err}")
if(NOT exit_code EQUAL 0)
  message(FATAL_ERROR "lockstep check ${RULES_FILE} exited ${exit_code}:\n${report}")
endif()

get_filename_component(name "${RULES_FILE}" NAME)

# The warnings reported, as "NAME: warning[CODE]: message" (the line and column left out, so
# that editing a file above a warning does not break the list).
set(found "")
string(REPLACE ";" "\\;" report_lines "${report}")
string(REPLACE "\n" ";" report_lines "${report_lines}")
foreach(line IN LISTS report_lines)
  if(line MATCHES ":[0-9]+:[0-9]+: (warning\\[[A-Z0-9]+\\]: .*)$")
    list(APPEND found "${name}: ${CMAKE_MATCH_1}")
  endif()
endforeach()

# The warnings expected for this file; lines starting with '#' explain them.
set(expected "")
file(STRINGS "${EXPECTED}" expected_lines ENCODING UTF-8)
foreach(line IN LISTS expected_lines)
  if(line MATCHES "^${name}: ")
    list(APPEND expected "${line}")
  endif()
endforeach()

list(SORT found)
list(SORT expected)
if(NOT found STREQUAL expected)
  string(REPLACE ";" "\n  " found_text "${found}")
  string(REPLACE ";" "\n  " expected_text "${expected}")
  message(FATAL_ERROR "warnings differ for ${name}\nreported:\n  ${found_text}\n"
                      "expected (${EXPECTED}):\n  ${expected_text}\n\nfull report:\n${report}")
endif()
