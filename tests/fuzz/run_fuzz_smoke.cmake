# Runs the fuzzer for SECONDS on a scratch copy of the seed corpus, so the
# checked-in seeds never change.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(GLOB seeds ${SEEDS}/*)
file(COPY ${seeds} DESTINATION ${WORK})
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -max_len=4096
          -rss_limit_mb=2048 -dict=${DICT}
          -artifact_prefix=${WORK}/ -print_final_stats=1 ${WORK}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the fuzzer found a failing input (exit ${result})")
endif()
