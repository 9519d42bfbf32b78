# cmake -P script: installs the symshape build into a private prefix, then
# configures, builds and runs tests/package/consumer against it, and, when
# -DEXAMPLE_SOURCE_DIR is given, the README's C++ example (examples/cpp, which
# links symshape::tracer and runs the capture -> aot pipeline and its cache).
# Fails (with the failing step's output) if find_package(symshape), linking or
# a run breaks.
foreach(var SYMSHAPE_BUILD_DIR CONSUMER_SOURCE_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_consumer_test.cmake: -D${var}=... is required")
  endif()
endforeach()
set(work ${SYMSHAPE_BUILD_DIR}/package-test)
file(REMOVE_RECURSE ${work})

function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

run_step("install" ${CMAKE_COMMAND} --install ${SYMSHAPE_BUILD_DIR} --prefix ${work}/prefix)
run_step("consumer configure" ${CMAKE_COMMAND} -S ${CONSUMER_SOURCE_DIR} -B ${work}/build
  -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_PREFIX_PATH=${work}/prefix)
run_step("consumer build" ${CMAKE_COMMAND} --build ${work}/build)
run_step("consumer run" ${work}/build/consumer)
string(STRIP "${step_output}" printed)
if(NOT printed STREQUAL "s0 >= 2")
  message(FATAL_ERROR "consumer printed '${printed}', expected 's0 >= 2'")
endif()
message(STATUS "find_package(symshape) consumer works: ${printed}")

if(DEFINED EXAMPLE_SOURCE_DIR)
  run_step("example configure" ${CMAKE_COMMAND} -S ${EXAMPLE_SOURCE_DIR} -B ${work}/example
    -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_PREFIX_PATH=${work}/prefix)
  run_step("example build" ${CMAKE_COMMAND} --build ${work}/example)
  run_step("example run" ${work}/example/pipeline_example)
  # What the example must show: the first call compiles, the same sizes hit,
  # and a call that breaks a guard misses with that guard as the reason.
  foreach(expected "x=[8, 20]: miss" "compiled entry 1" "x=[64, 20]: hit" " failed: " "compiled entry 2"
                   "entry 1 checks ")
    string(FIND "${step_output}" "${expected}" found)
    if(found EQUAL -1)
      message(FATAL_ERROR "the C++ example's output lacks '${expected}':\n${step_output}")
    endif()
  endforeach()
  message(STATUS "examples/cpp builds against the installed package and runs:\n${step_output}")
  # The README shows the example's code; it must be this file, verbatim.
  file(READ ${EXAMPLE_SOURCE_DIR}/pipeline_example.cpp example_code)
  file(READ ${EXAMPLE_SOURCE_DIR}/../../README.md readme)
  string(FIND "${readme}" "${example_code}" in_readme)
  if(in_readme EQUAL -1)
    message(FATAL_ERROR "README.md does not show examples/cpp/pipeline_example.cpp verbatim")
  endif()
endif()
