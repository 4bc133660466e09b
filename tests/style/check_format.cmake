# Fails when any C++ source under the project's folders is not formatted.
set(files)
foreach(dir actors app bench common messages sim tests)
  file(GLOB_RECURSE found ${ROOT}/${dir}/*.cpp ${ROOT}/${dir}/*.hpp)
  list(APPEND files ${found})
endforeach()
execute_process(
  COMMAND ${CLANG_FORMAT} --dry-run --Werror ${files}
  RESULT_VARIABLE result
  ERROR_VARIABLE diagnostics)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "not clang-formatted (run clang-format -i):\n${diagnostics}")
endif()
list(LENGTH files count)
message(STATUS "${count} files formatted")
