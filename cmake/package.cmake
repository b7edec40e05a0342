# `make deb`: a Debian package of the build that is already there (cpack in build/), not a
# second compile as dpkg-buildpackage would do (CONTRIBUTING.md, Packaging).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ssmlink)
set(CPACK_PACKAGE_VENDOR "ssmlink maintainers")
set(CPACK_PACKAGE_CONTACT "ssmlink maintainers <maintainers@users.noreply.r-seed-2e3d7c51.example>")
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The program and the package's own files (copyright, changelog, lintian overrides), not
# LICENSE: Debian has the licence in copyright only (cmake/install.cmake).
set(CPACK_INSTALL_CMAKE_PROJECTS
    "${CMAKE_BINARY_DIR};ssmlink;ssmlink;/" "${CMAKE_BINARY_DIR};ssmlink;deb;/")
# Installed binaries are stripped (CPack runs strip on them); the debug symbols are left out.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # ssmlink_<version>-<revision>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_VERSION ${PROJECT_VERSION})
# Debian revision 1: the packaging's first version of upstream 0.1.0. It makes the package
# non-native, whose changelog Debian names changelog.Debian.gz. Keep in step with the top
# entry of packaging/changelog.
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${CPACK_PACKAGE_CONTACT})
# admin, like Debian's own awscli: it builds and checks AWS infrastructure.
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends: from the libraries the binaries link (dpkg-shlibdeps), not a hand-kept list.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The control files (md5sums, control) 0644 and directories 0755, whatever the umask.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# The synopsis, then the extended description: CPack joins them and indents the second as
# Debian's control file wants. No double quotes: CPack writes the text unescaped.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Session Manager paths into private AWS VPCs")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"ssmlink opens and closes an AWS Systems Manager Session Manager path into a
private VPC: the three interface endpoints (ssm, ssmmessages, ec2messages)
and a security group, as a CloudFormation stack it writes for any region
and partition. It checks every prerequisite of a connection and says what
to fix, creates the stack and waits until the instance is online, lists
and deletes it again, and compares its cost with a NAT gateway.
.
It is also a Session Manager client: an interactive shell, one command,
or port forwarding; called as session-manager-plugin, it stands in for
AWS's plugin when the AWS CLI starts a session. The package includes
ssmlink-emulator, a loopback AWS emulator that the built-in demo runs.")

include(CPack)
