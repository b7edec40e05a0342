# The two quickstart targets: `make demo` and `make test`. Everything else is a helper.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
# One test per core. (Twice as many saved a minute per suite on 2 cores, but under that
# load timing-sensitive tests failed in a fresh-clone CI run: not worth it.)
TEST_JOBS  ?= $(JOBS)
CMAKE_ARGS ?=
PREFIX     ?= /usr/local
# Warnings are errors in the project's own builds (make and CI), not in a plain cmake build.
STRICT     := -DSSMLINK_WERROR=ON

.PHONY: all setup build demo test test-asan ci format tidy bench clean install uninstall deb \
        package-check

all: build

setup:
	@bash scripts/setup.sh

# -g1 (line tables, enough for backtraces) instead of -g: full debug info is a third of
# the compile time of this template-heavy code, and CI builds on 2 cores.
$(BUILD)/build.ninja:
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" $(STRICT) $(CMAKE_ARGS) >/dev/null

build: setup $(BUILD)/build.ninja
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@$(BUILD)/ssmlink demo

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(TEST_JOBS)

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer (CI runs it too),
# but for the soak and the 64 MiB transfers (label slow): `make test` runs them; under ASan
# the soak is a third of the suite's time and each transfer half a minute. Left out too: the
# tests whose time is Debian's aws (Python) or AWS's plugin (Go) talking to the emulator
# (wire conformance, the same in both builds; the emulator's code they reach is reached by
# ssmlink's own tests). -O0: on 2 cores a cold build took 357 s instead of about 570 s at
# -O1, and the tests 304 s instead of 237 s, so CI (which builds cold) is 2.5 min quicker;
# whoever reruns only the tests may prefer CMAKE_ARGS with -O1.
ASAN_SKIP := ^(AwsCliConformance|IamAwsCli[A-Za-z]*|AwsCliAgainstFaults|PluginPortForwarding)\.
test-asan: setup
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g1" \
	  -DSSMLINK_SANITIZE=ON $(STRICT) $(CMAKE_ARGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ctest --output-on-failure -j $(TEST_JOBS) -LE 'soak|slow' -E '$(ASAN_SKIP)'

# The prefix is given at install time (`--prefix`), not baked into the build: one build
# serves `make install`, `make deb` (CPack installs to /usr) and the tests. cmake reads
# DESTDIR from the environment; it writes what it installed to $(BUILD)/install_manifest.txt.
# umask 022: cmake creates directories under the caller's umask; they must be 0755.
install: build
	@umask 022 && DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)" >/dev/null
	@echo "install: $$(grep -c "" $(BUILD)/install_manifest.txt) files under $(DESTDIR)$(PREFIX)"

# What the last `make install` put there, by its manifest (the paths lack DESTDIR: the
# same DESTDIR must be given again). Directories are left but for ssmlink's own doc folder.
uninstall:
	@test -f $(BUILD)/install_manifest.txt || { echo "uninstall: no $(BUILD)/install_manifest.txt (nothing installed from $(BUILD))" >&2; exit 1; }
	@while IFS= read -r f || [ -n "$$f" ]; do rm -f "$(DESTDIR)$$f"; done < $(BUILD)/install_manifest.txt
	@grep '/doc/ssmlink/' $(BUILD)/install_manifest.txt | head -1 | xargs -r dirname | \
	  sed 's|^|$(DESTDIR)|' | xargs -r rmdir --ignore-fail-on-non-empty
	@echo "uninstall: removed $$(grep -c "" $(BUILD)/install_manifest.txt) files from $(DESTDIR)"
	@rm $(BUILD)/install_manifest.txt

# CPack packages the build that is there, the one `make test` just tested, where
# dpkg-buildpackage would compile it all again (~8 min on 2 cores). Lands in $(BUILD)/.
deb: build
	@rm -f $(BUILD)/ssmlink_*.deb
	@cd $(BUILD) && umask 022 && cpack -G DEB > cpack.log 2>&1 || { cat cpack.log >&2; exit 1; }
	@ls $(BUILD)/ssmlink_*.deb

# lintian, then install, use and remove the package for real: needs root and apt.
package-check: deb
	@bash scripts/package-check.sh $(BUILD)/ssmlink_*.deb

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

# clang-tidy 14 does not see libstdc++ 12's std::expected unless told concepts are C++20's;
# it then still trips on some of expected's members ("deleted function"): ignore those.
tidy: build
	@git ls-files '*.cpp' | grep -vE '^(reference|fuzz)/' | xargs clang-tidy -p $(BUILD) --quiet --extra-arg=-std=c++2b --extra-arg=-D__cpp_concepts=202002L --extra-arg=-Wno-macro-redefined

bench: build
	@bash bench/run.sh

clean:
	@rm -rf $(BUILD) $(ASAN_BUILD)
