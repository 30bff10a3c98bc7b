# Checks that every phase, gate and step of a rules file is explained by a comment naming the
# seed document it comes from ("# seed 000: ..."), as rules/NOTES.md promises.
#
# Usage: cmake -DRULES_FILE=path/to/file.lock -P seed_comments.cmake
#
# The comment that explains a declaration is the nearest block of comment lines above it, looked
# for by walking up over the lines of neighbouring declarations (a step's continuation lines, the
# steps of a group that share one comment) but never across a blank line. The block must mention
# "seed 0".
cmake_minimum_required(VERSION 3.20)  # keeps empty list elements (policy CMP0007): blank lines
if(NOT DEFINED RULES_FILE)
  message(FATAL_ERROR "seed_comments.cmake: set -DRULES_FILE=...")
endif()

file(READ "${RULES_FILE}" text)
string(REPLACE ";" "\\;" text "${text}")
string(REPLACE "\n" ";" lines "${text}")
list(LENGTH lines count)

set(failures "")
math(EXPR last "${count} - 1")
foreach(i RANGE 0 ${last})
  list(GET lines ${i} line)
  if(NOT line MATCHES "^[ ]*(phase|gate|step)[ ]")
    continue()
  endif()
  # Walk up to the nearest comment block.
  set(j ${i})
  set(found_comment FALSE)
  set(names_seed FALSE)
  while(j GREATER 0)
    math(EXPR j "${j} - 1")
    list(GET lines ${j} above)
    if(above MATCHES "^[ ]*$")
      break()
    elseif(above MATCHES "^[ ]*#")
      set(found_comment TRUE)
      if(above MATCHES "seed 0")
        set(names_seed TRUE)
      endif()
    elseif(found_comment)
      break()
    endif()
  endwhile()
  if(NOT names_seed)
    math(EXPR line_number "${i} + 1")
    string(STRIP "${line}" shown)
    string(APPEND failures "${RULES_FILE}:${line_number}: no comment naming its seed above: ${shown}\n")
  endif()
endforeach()

if(failures)
  message(FATAL_ERROR "${failures}")
endif()
