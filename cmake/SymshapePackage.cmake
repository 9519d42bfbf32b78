# `cmake --install` and the CMake package: after installing, another project
# uses the libraries with
#   find_package(symshape 0.1 REQUIRED)
#   target_link_libraries(app PRIVATE symshape::guards)   # or ::symbolic, ::engine, ::tracer
# The layer targets keep their build-tree names (symshape_symbolic, ...); only
# their exported names and install include paths are set here, so the layer
# CMakeLists.txt files stay about building.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(SYMSHAPE_PACKAGE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/symshape)
set(_symshape_layers symbolic engine guards tracer)
set(_symshape_targets)
foreach(layer IN LISTS _symshape_layers)
  target_include_directories(symshape_${layer} PUBLIC $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  set_target_properties(symshape_${layer} PROPERTIES EXPORT_NAME ${layer} OUTPUT_NAME symshape_${layer})
  # A layer may have no public headers yet (tracer/ grows later).
  if(EXISTS ${PROJECT_SOURCE_DIR}/${layer}/include)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/${layer}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  endif()
  list(APPEND _symshape_targets symshape_${layer})
endforeach()
# The static libraries name symshape_warnings as a link-only dependency; it has
# no link effect, but the export must know it.
set_target_properties(symshape_warnings PROPERTIES EXPORT_NAME internal_warnings)

install(TARGETS ${_symshape_targets} symshape_warnings EXPORT symshapeTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT symshapeTargets NAMESPACE symshape:: DESTINATION ${SYMSHAPE_PACKAGE_DIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/symshape-config.cmake.in
  ${PROJECT_BINARY_DIR}/symshape-config.cmake
  INSTALL_DESTINATION ${SYMSHAPE_PACKAGE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/symshape-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/symshape-config.cmake
  ${PROJECT_BINARY_DIR}/symshape-config-version.cmake
  ${PROJECT_SOURCE_DIR}/cmake/FindZ3.cmake
  DESTINATION ${SYMSHAPE_PACKAGE_DIR})
