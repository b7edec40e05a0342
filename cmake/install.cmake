# What `cmake --install` (and so `make install` and the .deb) puts where.
# Components: `ssmlink` (the program, its man pages, completions and README), `license`
# (LICENSE beside the README) and `deb` (Debian's copyright, changelog and lintian
# overrides; EXCLUDE_FROM_ALL: only the package installs it, see cmake/package.cmake).
# Debian wants the licence in `copyright` and nowhere else, so the package leaves out
# `license` and a source install leaves out `deb`.
include(GNUInstallDirs)

# Directories the install creates: 0755. cmake still applies the umask when it creates them,
# so `make install` and `make deb` run it under umask 022 (lintian checks the package's).
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(ssmlink_file_permissions OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

install(TARGETS ssmlink ssmlink-emulator RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        COMPONENT ssmlink)
# A stripped install (CPack's, `cmake --install --strip`) also drops the compiler's .comment
# and the .note section, as Debian's dh_strip does: nothing reads them (lintian notes them).
install(CODE "set(ssmlink_bindir \"${CMAKE_INSTALL_BINDIR}\")
set(ssmlink_strip \"${CMAKE_STRIP}\")" COMPONENT ssmlink)
install(CODE [[
  if(CMAKE_INSTALL_DO_STRIP AND ssmlink_strip)
    foreach(program ssmlink ssmlink-emulator)
      execute_process(COMMAND "${ssmlink_strip}" --remove-section=.comment --remove-section=.note
                              "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/${ssmlink_bindir}/${program}"
                      RESULT_VARIABLE failed)
      if(failed)
        message(FATAL_ERROR "strip --remove-section on ${program} failed")
      endif()
    endforeach()
  endif()
]] COMPONENT ssmlink)

# Called by this name, ssmlink is AWS's session-manager-plugin (cli/plugin_mode.cpp), which
# the AWS CLI looks for on PATH. The link is made in a folder of its own: nothing in the
# build tree should shadow AWS's real plugin, which the tests run.
set(plugin_link ${CMAKE_BINARY_DIR}/install-links/session-manager-plugin)
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/install-links)
file(CREATE_LINK ssmlink ${plugin_link} SYMBOLIC)
install(FILES ${plugin_link} DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT ssmlink)

# Man pages: every *.1 the generator wrote (their number follows the commands), gzip -9n
# (no name or time stamp in the header: the same bytes each time, as Debian wants).
# Globbed at install time, so a new command's page needs no change here.
install(CODE "set(ssmlink_man_source \"${CMAKE_BINARY_DIR}/man\")
set(ssmlink_man_gz \"${CMAKE_BINARY_DIR}/man-gz\")
set(ssmlink_mandir \"${CMAKE_INSTALL_MANDIR}\")" COMPONENT ssmlink)
install(CODE [[
  file(GLOB pages "${ssmlink_man_source}/*.1")
  if(NOT pages)
    message(FATAL_ERROR "no man pages in ${ssmlink_man_source}: build first")
  endif()
  file(REMOVE_RECURSE "${ssmlink_man_gz}")
  file(MAKE_DIRECTORY "${ssmlink_man_gz}")
  foreach(page IN LISTS pages)
    get_filename_component(name "${page}" NAME)
    execute_process(COMMAND gzip -9n -c "${page}" OUTPUT_FILE "${ssmlink_man_gz}/${name}.gz"
                    RESULT_VARIABLE failed)
    if(failed)
      message(FATAL_ERROR "gzip ${page} failed")
    endif()
  endforeach()
  # session-manager-plugin is ssmlink under another name: its page is ssmlink's.
  file(CREATE_LINK ssmlink.1.gz "${ssmlink_man_gz}/session-manager-plugin.1.gz" SYMBOLIC)
  file(GLOB compressed "${ssmlink_man_gz}/*.1.gz")
  file(INSTALL ${compressed} DESTINATION "${CMAKE_INSTALL_PREFIX}/${ssmlink_mandir}/man1"
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
]] COMPONENT ssmlink)

# Completions, where each shell looks. zsh: Debian's zsh reads vendor-completions under
# /usr and site-functions under /usr/local; decided at install time because the prefix can
# change then (`cmake --install --prefix`, and CPack installs to /usr).
set(completions ${CMAKE_BINARY_DIR}/completions)
install(FILES ${completions}/ssmlink.bash RENAME ssmlink
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        PERMISSIONS ${ssmlink_file_permissions} COMPONENT ssmlink)
install(FILES ${completions}/ssmlink.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d
        PERMISSIONS ${ssmlink_file_permissions} COMPONENT ssmlink)
install(CODE "set(ssmlink_zsh_source \"${completions}/_ssmlink\")
set(ssmlink_datadir \"${CMAKE_INSTALL_DATADIR}\")" COMPONENT ssmlink)
install(CODE [[
  if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    set(zsh_dir "${CMAKE_INSTALL_PREFIX}/${ssmlink_datadir}/zsh/vendor-completions")
  else()
    set(zsh_dir "${CMAKE_INSTALL_PREFIX}/${ssmlink_datadir}/zsh/site-functions")
  endif()
  file(INSTALL "${ssmlink_zsh_source}" DESTINATION "${zsh_dir}"
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
]] COMPONENT ssmlink)

install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
        PERMISSIONS ${ssmlink_file_permissions} COMPONENT ssmlink)
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR}
        PERMISSIONS ${ssmlink_file_permissions} COMPONENT license)

# The package's own: the licence as Debian wants it (DEP-5 copyright), the changelog
# (gzip -9n, like the man pages) and lintian overrides, each with its reason.
set(changelog_gz ${CMAKE_BINARY_DIR}/packaging/changelog.Debian.gz)
add_custom_command(OUTPUT ${changelog_gz}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/packaging
  COMMAND gzip -9n -c ${CMAKE_SOURCE_DIR}/packaging/changelog > ${changelog_gz}
  DEPENDS ${CMAKE_SOURCE_DIR}/packaging/changelog VERBATIM)
add_custom_target(ssmlink_changelog ALL DEPENDS ${changelog_gz})
install(FILES packaging/copyright ${changelog_gz} DESTINATION ${CMAKE_INSTALL_DOCDIR}
        PERMISSIONS ${ssmlink_file_permissions} COMPONENT deb EXCLUDE_FROM_ALL)
install(FILES packaging/lintian-overrides RENAME ssmlink
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        PERMISSIONS ${ssmlink_file_permissions} COMPONENT deb EXCLUDE_FROM_ALL)
