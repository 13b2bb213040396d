# SPDX-License-Identifier: MIT
# Write version.h from lint/base/version.h.in: the project version plus `git describe` when the
# source is a git checkout. Run at every build; the file is rewritten only when its content
# changes, so a build without a new commit or edit recompiles nothing.
# Usage: cmake -DSRC=<source dir> -DOUT=<version.h> -DVERSION=<x.y.z> [-DGIT=<git>] -P version.cmake
set(CMALINT_GIT_REV "")
if(GIT AND EXISTS "${SRC}/.git")
  execute_process(COMMAND "${GIT}" -C "${SRC}" describe --always --dirty
                  OUTPUT_VARIABLE CMALINT_GIT_REV OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE rc ERROR_QUIET)
  if(NOT rc EQUAL 0)
    set(CMALINT_GIT_REV "")
  endif()
endif()
set(PROJECT_VERSION "${VERSION}")
configure_file("${SRC}/lint/base/version.h.in" "${OUT}.tmp" @ONLY)
execute_process(COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${OUT}.tmp" "${OUT}")
file(REMOVE "${OUT}.tmp")
