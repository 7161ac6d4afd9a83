"""WebAssembly/wasi-testsuite runtime adapter for plain node:wasi (the baseline runtime-core is
compared with): `new WASI()` with the process's own stdio, through this package's
dist/conformance/node-wasi.js. Same use as runtime-core.py.

Environment:
  NODE_WASI   the command to run (default: node on this package's dist/conformance/node-wasi.js)
"""

import os
import shlex
from pathlib import Path
from typing import Any, Dict, List, Tuple

_PACKAGE = Path(__file__).resolve().parent.parent
_DEFAULT = ["node", "--disable-warning=ExperimentalWarning", str(_PACKAGE / "dist" / "conformance" / "node-wasi.js")]
NODE_WASI = shlex.split(os.environ["NODE_WASI"]) if os.environ.get("NODE_WASI") else _DEFAULT


def get_name() -> str:
    return "node-wasi"


def get_version() -> str:
    import subprocess

    return subprocess.run(["node", "--version"], encoding="UTF-8", capture_output=True, check=True).stdout.strip().lstrip("v")


def get_wasi_versions() -> List[str]:
    return ["wasm32-wasip1"]


def get_wasi_worlds() -> List[str]:
    return ["wasi:cli/command"]


def compute_argv(test_path: str, args_env_dirs: Tuple[List[str], Dict[str, str], Any], *_rest: Any) -> List[str]:
    args, env, where = args_env_dirs
    if where is None:
        mounts = []
    elif isinstance(where, (str, Path)):
        mounts = [(str(where), "/")]
    else:
        mounts = [(str(host), str(guest)) for host, guest in where]
    argv = list(NODE_WASI)
    for k, v in env.items():
        argv += ["--env", f"{k}={v}"]
    for host, guest in mounts:
        argv += ["--dir", f"{host}::{guest}"]
    return argv + [test_path] + args
