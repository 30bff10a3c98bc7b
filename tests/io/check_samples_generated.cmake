# Regenerates the sample rosters into a scratch folder and checks that the committed files are
# exactly what the generator writes. Run with -DPYTHON=... -DSOURCE_DIR=... -DOUT=...
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
execute_process(COMMAND "${PYTHON}" "${SOURCE_DIR}/samples/rosters/generate.py" "${OUT}"
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "generate.py failed: ${status}")
endif()
foreach(name township_000.csv bureau_001.csv bureau_001.json district_002.csv xuhui_003.csv)
  file(READ "${OUT}/${name}" generated)
  file(READ "${SOURCE_DIR}/samples/rosters/${name}" committed)
  if(NOT generated STREQUAL committed)
    message(FATAL_ERROR "samples/rosters/${name} differs from what generate.py writes")
  endif()
endforeach()
