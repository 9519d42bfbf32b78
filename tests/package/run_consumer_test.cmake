# cmake -P script: installs the symshape build into a private prefix, then
# configures, builds and runs tests/package/consumer against it. Fails (with
# the failing step's output) if find_package(symshape) or linking breaks.
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
