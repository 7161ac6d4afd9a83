"""A small stand-in for wasi-testsuite's runner, to check an adapter without the official
checkout: loads ADAPTER.py as the runner does, runs every *.wasm in each SUITE_DIR with the
adapter's command line and checks exit code and stdout/stderr as doc/specification.md says.
Besides the suite's keys it reads "stdin" (a payload written to the test's stdin) and "root" (a
directory mounted at "/", as the newest runner mounts a test's directory).

    python3 run-suite.py ADAPTER.py SUITE_DIR...

Prints one line per test and "<name> <version>: P/T passed"; exits 1 if any failed.
"""

import glob
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path


def load(adapter):
    spec = importlib.util.spec_from_file_location(Path(adapter).stem, adapter)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cleanup(dirs):
    for host, _guest in dirs:
        for f in Path(host).glob("**/*.cleanup"):
            shutil.rmtree(f) if f.is_dir() and not f.is_symlink() else f.unlink()


def main():
    adapter = load(sys.argv[1])
    passed = total = 0
    for suite in sys.argv[2:]:
        for test in sorted(glob.glob(os.path.join(suite, "*.wasm"))):
            config_file = test[: -len(".wasm")] + ".json"
            config = json.load(open(config_file)) if os.path.exists(config_file) else {}
            dirs = [(Path(suite) / d, d) for d in config.get("dirs", [])]
            if config.get("root"):
                dirs.append((Path(suite) / config["root"], "/"))
            # A test that writes to stdin (this harness's "stdin" key) asks the adapter to pass it on.
            os.environ["RUNTIME_CORE_STDIN"] = "1" if "stdin" in config else "0"
            argv = adapter.compute_argv(test, (config.get("args", []), config.get("env", {}), dirs), [], "wasi:cli/command", "wasm32-wasip1")
            cleanup(dirs)
            r = subprocess.run(argv, input=config.get("stdin", ""), capture_output=True, text=True, timeout=60)
            cleanup(dirs)
            failures = []
            if r.returncode != config.get("exit_code", 0):
                failures.append(f"exit code {r.returncode}, want {config.get('exit_code', 0)}")
            for stream in ("stdout", "stderr"):
                if stream in config and getattr(r, stream) != config[stream]:
                    failures.append(f"{stream} {getattr(r, stream)!r}, want {config[stream]!r}")
            total += 1
            passed += not failures
            print(f"{'ok  ' if not failures else 'FAIL'} {Path(test).stem}{': ' + '; '.join(failures) if failures else ''}")
    print(f"{adapter.get_name()} {adapter.get_version()}: {passed}/{total} passed")
    sys.exit(0 if passed == total else 1)


if __name__ == "__main__":
    main()
