"""WebAssembly/wasi-testsuite runtime adapter for runtime-core.

Runs each test through the runtime-core CLI as a user would:
`runtime-core run --rm [--env K=V]... [--dir HOST:GUEST]... TEST.wasm ID -- ARGS...`,
a plain module file run as a task (no image), its exit status the task's.

    npm run build -w runtime-core
    cd wasi-testsuite   # a checkout of https://github.com/WebAssembly/wasi-testsuite
    python3 test-runner/wasi_test_runner.py \\
        -t tests/assemblyscript/testsuite/wasm32-wasip1 tests/c/testsuite/wasm32-wasip1 \\
           tests/rust/testsuite/wasm32-wasip1 \\
        -r <shepherd>/packages/runtime-core/wasi-testsuite/runtime-core.py

Environment:
  RUNTIME_CORE        the command to run (default: node on this package's dist/cmd/runtime-core.js)
  RUNTIME_CORE_ROOT   the runtime's root directory (default: a temporary one, with its state
                      directory, removed when the runner exits)
  RUNTIME_CORE_STDIN  "1" passes the runner's stdin to the task (`--stdin -`: read to its end
                      before the task starts); otherwise the task's stdin is /dev/null
"""

import atexit
import os
import shlex
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Any, Dict, List, Tuple

_PACKAGE = Path(__file__).resolve().parent.parent
_DEFAULT = ["node", "--no-turbo-fast-api-calls", str(_PACKAGE / "dist" / "cmd" / "runtime-core.js")]
RUNTIME_CORE = shlex.split(os.environ["RUNTIME_CORE"]) if os.environ.get("RUNTIME_CORE") else _DEFAULT
ROOT = os.environ.get("RUNTIME_CORE_ROOT")
if not ROOT:
    # A root and a state directory (on tmpfs when there is one) for this run, removed at its end.
    ROOT = tempfile.mkdtemp(prefix="runtime-core-wasi-testsuite-")
    STATE = tempfile.mkdtemp(prefix="runtime-core-wasi-testsuite-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    atexit.register(shutil.rmtree, ROOT, True)
    atexit.register(shutil.rmtree, STATE, True)
else:
    STATE = None


def get_name() -> str:
    return "runtime-core"


def get_version() -> str:
    # `runtime-core --version` prints "runtime-core 0.1.0 (node v20..., node:wasi preview1)".
    result = subprocess.run(RUNTIME_CORE + ["--version"], encoding="UTF-8", capture_output=True, check=True)
    return result.stdout.split()[1]


def get_wasi_versions() -> List[str]:
    return ["wasm32-wasip1"]


def get_wasi_worlds() -> List[str]:
    return ["wasi:cli/command"]


def _mounts(where: Any) -> List[Tuple[str, str]]:
    # Older runners pass [(host, guest), ...]; newer ones one root directory, mounted at "/".
    if where is None:
        return []
    if isinstance(where, (str, Path)):
        return [(str(where), "/")]
    return [(str(host), str(guest)) for host, guest in where]


def compute_argv(test_path: str, args_env_dirs: Tuple[List[str], Dict[str, str], Any], *_rest: Any) -> List[str]:
    args, env, where = args_env_dirs
    argv = RUNTIME_CORE + ["--root", ROOT] + (["--state", STATE] if STATE else []) + ["run", "--rm"]
    for k, v in env.items():
        argv += ["--env", f"{k}={v}"]
    for host, guest in _mounts(where):
        argv += ["--dir", f"{host}:{guest}"]
    if os.environ.get("RUNTIME_CORE_STDIN") == "1":
        argv += ["--stdin", "-"]
    argv += [test_path, f"wasi-{uuid.uuid4().hex[:12]}", "--"]
    argv += args
    return argv
