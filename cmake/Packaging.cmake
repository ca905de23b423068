# Desktop integration (menu entry, icons, AppStream metadata, manual pages, Debian copyright)
# and the Debian package: `cpack` in the build directory writes greenroom_<version>_amd64.deb.
# Everything installed here is listed in packaging/README.md.
include(GNUInstallDirs)

set(GREENROOM_APP_ID org.greenroom.Greenroom) # desktop file, metainfo id and icon name
set(_pkg ${PROJECT_SOURCE_DIR}/packaging)
set(_out ${CMAKE_BINARY_DIR}/packaging)
set(_app_svg ${PROJECT_SOURCE_DIR}/resources/icons/app/${GREENROOM_APP_ID}.svg)

# The version is said in three places a user reads; a release that forgets one fails here.
file(STRINGS ${_pkg}/debian/changelog _changelog_head LIMIT_COUNT 1)
if(NOT _changelog_head MATCHES "^greenroom \\(${PROJECT_VERSION}\\) ")
    message(FATAL_ERROR "packaging/debian/changelog starts with '${_changelog_head}', "
        "but the project version is ${PROJECT_VERSION}: add an entry for it")
endif()
file(READ ${_pkg}/${GREENROOM_APP_ID}.metainfo.xml _metainfo)
string(FIND "${_metainfo}" "<release version=\"${PROJECT_VERSION}\"" _release_at)
if(_release_at EQUAL -1)
    message(FATAL_ERROR "packaging/${GREENROOM_APP_ID}.metainfo.xml has no <release> for "
        "version ${PROJECT_VERSION}: add its release notes")
endif()

# PNG sizes of the application icon, rendered from the SVG at build time.
find_package(Qt6 REQUIRED COMPONENTS Svg)
qt_add_executable(greenroom_iconrender ${_pkg}/iconrender/iconrender.cpp)
target_link_libraries(greenroom_iconrender PRIVATE Qt6::Gui Qt6::Svg greenroom_warnings)
set(GREENROOM_ICON_SIZES 16 22 24 32 48 64 128 256)
set(_pngs)
foreach(size IN LISTS GREENROOM_ICON_SIZES)
    list(APPEND _pngs ${_out}/hicolor/${size}x${size}/apps/${GREENROOM_APP_ID}.png)
endforeach()
add_custom_command(OUTPUT ${_pngs}
    COMMAND greenroom_iconrender ${_app_svg} ${_out}/hicolor ${GREENROOM_ICON_SIZES}
    DEPENDS greenroom_iconrender ${_app_svg}
    COMMENT "Rendering the application icon's PNG sizes" VERBATIM)

# Manual pages (their header carries @PROJECT_VERSION@) and the changelog, compressed without
# a timestamp (reproducible; lintian).
set(_gzipped)
foreach(source IN ITEMS man/greenroom.1 man/greenroom-local.1 debian/changelog)
    get_filename_component(name ${source} NAME)
    configure_file(${_pkg}/${source} ${_out}/plain/${name} @ONLY)
    add_custom_command(OUTPUT ${_out}/${name}.gz
        COMMAND gzip -9nc ${_out}/plain/${name} > ${_out}/${name}.gz
        DEPENDS ${_out}/plain/${name})
    list(APPEND _gzipped ${_out}/${name}.gz)
endforeach()
add_custom_target(greenroom_desktop_files ALL DEPENDS ${_pngs} ${_gzipped})

install(FILES ${_pkg}/${GREENROOM_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${_pkg}/${GREENROOM_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${_app_svg} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size IN LISTS GREENROOM_ICON_SIZES)
    install(FILES ${_out}/hicolor/${size}x${size}/apps/${GREENROOM_APP_ID}.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
install(FILES ${_out}/greenroom.1.gz ${_out}/greenroom-local.1.gz
    DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${_pkg}/debian/copyright ${_out}/changelog.gz
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/greenroom)

# Bind all symbols at load time so that the relocation table can be made read-only (Debian's
# hardening default; lintian's hardening-no-bindnow).
foreach(program IN ITEMS greenroom greenroom-local)
    target_link_options(${program} PRIVATE LINKER:-z,relro,-z,now)
endforeach()

# The Debian package.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME greenroom)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Greenroom authors")
set(CPACK_PACKAGE_CONTACT "Greenroom maintainers <maintainers@greenroom.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop console for Amazon IVS Real-Time")
set(CPACK_PACKAGE_DESCRIPTION
    "Greenroom administers the resources of Amazon IVS Real-Time (stages,
compositions, encoder and storage configurations, public keys, ingest
configurations), shows who is on which stage right now and reads each
participant's events, with the errors explained. It signs its requests with
the user's AWS profiles.
.
The package also contains greenroom-local, a local IVS Real-Time service that
the official AWS SDKs cannot tell from the real one; the console runs on it,
with demo data, when no AWS account is configured.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # greenroom_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # Depends computed by dpkg-shlibdeps from the binaries
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
include(CPack)
