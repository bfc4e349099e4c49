# Thin wrapper around CMake. The README's two commands: `make demo` and `make test`.
BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
MAKEFLAGS += --no-print-directory

.PHONY: all deps build demo test test-asan fuzz clean golden install uninstall

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The main job on a built-in model (no download): summary, terminal diagram, SVG, PNG and
# Mermaid into out/ (git-ignored). Builds only the llmxray binary, not the tests.
demo: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target llmxray
	@mkdir -p out
	@$(BUILD)/llmxray info llama-3.1-8b
	@echo
	@$(BUILD)/llmxray draw llama-3.1-8b -f txt -o -
	@$(BUILD)/llmxray draw llama-3.1-8b -o out/llama-3.1-8b.svg
	@$(BUILD)/llmxray draw llama-3.1-8b -o out/llama-3.1-8b.png
	@$(BUILD)/llmxray draw llama-3.1-8b -o out/llama-3.1-8b.mmd
	@$(BUILD)/llmxray draw llama-3.1-8b -o out/llama-3.1-8b.html
	@echo
	@echo "The pictures are in $(CURDIR)/out:"
	@for f in out/llama-3.1-8b.svg out/llama-3.1-8b.png out/llama-3.1-8b.mmd out/llama-3.1-8b.html; do echo "  $(CURDIR)/$$f"; done

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DLLMXRAY_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ctest --output-on-failure -j $(JOBS)

# Fuzzing (issue 5): builds fuzz/ with clang (-fsanitize=fuzzer,address,undefined) in
# build-fuzz and runs each libFuzzer target SECONDS seconds, one at a time (scripts/fuzz.sh).
SECONDS ?= 60
fuzz: deps
	@scripts/fuzz.sh $(SECONDS)

# Installs the binary, libllmxray (static and shared), include/llmxray.h, llmxray.pc, the man
# page and the bash/zsh completions under PREFIX; uninstall removes exactly those files.
PREFIX ?= /usr/local
install: build
	@cmake --install $(BUILD) --prefix "$(PREFIX)"

uninstall:
	@cmake -DMANIFEST=$(BUILD)/install_manifest.txt -P cmake/uninstall.cmake

clean:
	rm -rf $(BUILD) build-asan

# Regenerates the golden SVG/text files of the draw tests (review the diff before committing).
golden: build
	@scripts/regen-golden.sh $(BUILD)
