# Flags shared by every target of this project (not by dependencies).
set(HOT_ARTICLES_WARNINGS
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
if(HOT_ARTICLES_WERROR)
  list(APPEND HOT_ARTICLES_WARNINGS -Werror)
endif()

# Without vptr: CAF 0.17's intrusive mailbox queue casts its sentinel node
# to a mailbox_element (task_queue::promote), which UBSan's vptr check
# reports whenever a real scheduler reads a mailbox's size. The code is
# CAF's, in its headers, and behaves; every other check stays on.
set(HOT_ARTICLES_SANITIZER_FLAGS
  -fsanitize=address,undefined -fno-sanitize=vptr -fno-omit-frame-pointer
  -fno-sanitize-recover=undefined)

# The test suite also builds ASan+UBSan twins of the libraries (suffix
# _asan) so one ctest run covers both; pointless when everything is
# sanitized already. -DHOT_ARTICLES_TWINS=OFF leaves them out of a quick
# local build (half the compile time); the suite and CI keep them.
option(HOT_ARTICLES_TWINS "Also build and test ASan+UBSan twins" ON)
if(HOT_ARTICLES_TESTS AND HOT_ARTICLES_TWINS AND NOT HOT_ARTICLES_SANITIZE)
  set(HOT_ARTICLES_SANITIZER_TWINS ON)
else()
  set(HOT_ARTICLES_SANITIZER_TWINS OFF)
endif()

# Applies the project's warnings, include root and optional sanitizers.
function(hot_articles_defaults target)
  target_compile_options(${target} PRIVATE ${HOT_ARTICLES_WARNINGS})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
  if(HOT_ARTICLES_SANITIZE)
    hot_articles_sanitize(${target})
  endif()
endfunction()

# -O1 and line tables only: what ASan recommends, and it compiles the
# template-heavy actor sources in half the time of -O2 -g while reports
# still name every file and line.
function(hot_articles_sanitize target)
  target_compile_options(${target} PUBLIC ${HOT_ARTICLES_SANITIZER_FLAGS}
                                          -O1 -g1)
  target_link_options(${target} PUBLIC ${HOT_ARTICLES_SANITIZER_FLAGS})
endfunction()

# Maps project libraries (hot_*) in a dependency list to their _asan twins.
function(hot_articles_twin_deps out)
  set(result)
  foreach(dep IN LISTS ARGN)
    if(dep MATCHES "^hot_")
      list(APPEND result ${dep}_asan)
    else()
      list(APPEND result ${dep})
    endif()
  endforeach()
  set(${out} ${result} PARENT_SCOPE)
endfunction()

# hot_articles_library(<name> [NO_TWIN] SOURCES ... [PUBLIC deps...]
#                      [PRIVATE deps...])
# A static library, plus its sanitized twin when twins are on, unless
# NO_TWIN says no sanitized test links it.
function(hot_articles_library name)
  cmake_parse_arguments(ARG "NO_TWIN" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  hot_articles_defaults(${name})
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE})
  if(HOT_ARTICLES_SANITIZER_TWINS AND NOT ARG_NO_TWIN)
    add_library(${name}_asan STATIC ${ARG_SOURCES})
    hot_articles_defaults(${name}_asan)
    hot_articles_sanitize(${name}_asan)
    hot_articles_twin_deps(public_deps ${ARG_PUBLIC})
    hot_articles_twin_deps(private_deps ${ARG_PRIVATE})
    target_link_libraries(${name}_asan PUBLIC ${public_deps}
                                       PRIVATE ${private_deps})
  endif()
endfunction()

# hot_articles_binary_twin(<binary> SOURCES ... LINK deps...)
# The sanitized twin of a binary, built under the same file name into
# bin/asan, so the end-to-end tests can run against it (HOT_TEST_BIN_DIR).
function(hot_articles_binary_twin binary)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINK" ${ARGN})
  if(NOT HOT_ARTICLES_SANITIZER_TWINS)
    return()
  endif()
  add_executable(${binary}_asan ${ARG_SOURCES})
  hot_articles_defaults(${binary}_asan)
  hot_articles_sanitize(${binary}_asan)
  hot_articles_twin_deps(deps ${ARG_LINK})
  target_link_libraries(${binary}_asan PRIVATE ${deps})
  set_target_properties(${binary}_asan PROPERTIES
    OUTPUT_NAME ${binary}
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/asan)
endfunction()
