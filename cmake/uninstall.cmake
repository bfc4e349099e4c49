# Removes what `make install` installed, as listed in BUILD/install_manifest.txt.
# Usage: cmake -DMANIFEST=build/install_manifest.txt -P cmake/uninstall.cmake
if(NOT EXISTS "${MANIFEST}")
  message(FATAL_ERROR "uninstall: ${MANIFEST} not found (nothing was installed from this build)")
endif()
file(STRINGS "${MANIFEST}" files)
foreach(f ${files})
  if(EXISTS "${f}" OR IS_SYMLINK "${f}")
    file(REMOVE "${f}")
    message(STATUS "removed ${f}")
  endif()
endforeach()
