# Runs a fuzzer for SECONDS on a scratch copy of its seed corpus, so the
# checked-in seeds never change, and prints how many inputs it ran.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(GLOB seeds ${SEEDS}/*)
file(COPY ${seeds} DESTINATION ${WORK})
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -max_len=4096
          -rss_limit_mb=2048 -dict=${DICT}
          -artifact_prefix=${WORK}/ -print_final_stats=1 ${WORK}
  RESULT_VARIABLE result
  ERROR_VARIABLE log)
string(REGEX MATCH "stat::number_of_executed_units: *[0-9]+" runs "${log}")
message(STATUS "${runs}")
if(NOT result EQUAL 0)
  message("${log}")
  message(FATAL_ERROR "the fuzzer found a failing input (exit ${result})")
endif()
