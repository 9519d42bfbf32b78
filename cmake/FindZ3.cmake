# Debian's libz3-dev ships no CMake package; find the header and library ourselves
# and expose them as the imported target z3::libz3 (the name Z3's own config uses).
find_path(Z3_INCLUDE_DIR NAMES z3++.h)
find_library(Z3_LIBRARY NAMES z3)
if(Z3_INCLUDE_DIR AND EXISTS "${Z3_INCLUDE_DIR}/z3_version.h")
  file(STRINGS "${Z3_INCLUDE_DIR}/z3_version.h" _z3_ver REGEX "#define Z3_(MAJOR|MINOR|BUILD)_(VERSION|NUMBER)")
  string(REGEX REPLACE ".*MAJOR_VERSION +([0-9]+).*" "\\1" _maj "${_z3_ver}")
  string(REGEX REPLACE ".*MINOR_VERSION +([0-9]+).*" "\\1" _min "${_z3_ver}")
  string(REGEX REPLACE ".*BUILD_NUMBER +([0-9]+).*" "\\1" _bld "${_z3_ver}")
  set(Z3_VERSION "${_maj}.${_min}.${_bld}")
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Z3 REQUIRED_VARS Z3_LIBRARY Z3_INCLUDE_DIR VERSION_VAR Z3_VERSION)
if(Z3_FOUND AND NOT TARGET z3::libz3)
  add_library(z3::libz3 UNKNOWN IMPORTED)
  set_target_properties(z3::libz3 PROPERTIES
    IMPORTED_LOCATION "${Z3_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Z3_INCLUDE_DIR}")
endif()
mark_as_advanced(Z3_INCLUDE_DIR Z3_LIBRARY)
