// WAT sources of the smoke and test modules. They ship in the package (as this compiled
// file) and are assembled with wabt when the smoke suite runs.
const WASI = 'wasi_snapshot_preview1';

const fdWrite = `(import "${WASI}" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))`;

// Writes memory[ptr..ptr+len) to fd, using the iovec at 16.
const writeFn = `(func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 24))))`;

// Joins a NUL-separated block at 4096 of $len bytes with spaces, ends it with a newline, prints it.
const printBlock = `(func $printBlock (param $len i32) (local $i i32)
    (if (i32.eqz (local.get $len)) (then (i32.store8 (i32.const 4096) (i32.const 10)) (call $write (i32.const 1) (i32.const 4096) (i32.const 1)) (return)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (if (i32.eqz (i32.load8_u (i32.add (i32.const 4096) (local.get $i))))
        (then (i32.store8 (i32.add (i32.const 4096) (local.get $i)) (i32.const 32))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (i32.store8 (i32.add (i32.const 4095) (local.get $len)) (i32.const 10))
    (call $write (i32.const 1) (i32.const 4096) (local.get $len)))`;

export const MODULES = {
  hello: `(module
  ${fdWrite}
  (memory (export "memory") 1)
  (data (i32.const 256) "hello from wasi\\n")
  ${writeFn}
  (func (export "_start") (call $write (i32.const 1) (i32.const 256) (i32.const 16))))`,

  // Prints argv joined by spaces.
  args: `(module
  ${fdWrite}
  (import "${WASI}" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "${WASI}" "args_get" (func $get (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  ${writeFn}
  ${printBlock}
  (func (export "_start")
    (drop (call $sizes (i32.const 0) (i32.const 4)))
    (drop (call $get (i32.const 1024) (i32.const 4096)))
    (call $printBlock (i32.load (i32.const 4)))))`,

  // Prints the environment as KEY=VALUE pairs joined by spaces.
  env: `(module
  ${fdWrite}
  (import "${WASI}" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "${WASI}" "environ_get" (func $get (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  ${writeFn}
  ${printBlock}
  (func (export "_start")
    (drop (call $sizes (i32.const 0) (i32.const 4)))
    (drop (call $get (i32.const 1024) (i32.const 4096)))
    (call $printBlock (i32.load (i32.const 4)))))`,

  exitCode: `(module
  (import "${WASI}" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (call $exit (i32.const 42))))`,

  // "out" on stdout, "err" on stderr.
  stdio: `(module
  ${fdWrite}
  (memory (export "memory") 1)
  (data (i32.const 256) "out\\n")
  (data (i32.const 264) "err\\n")
  ${writeFn}
  (func (export "_start")
    (call $write (i32.const 1) (i32.const 256) (i32.const 4))
    (call $write (i32.const 2) (i32.const 264) (i32.const 4))))`,

  // Opens argv[1] relative to the preopened "/" (fd 3), prints its first KiB; exits
  // 100 + errno when it cannot be opened.
  cat: `(module
  ${fdWrite}
  (import "${WASI}" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "${WASI}" "args_get" (func $get (param i32 i32) (result i32)))
  (import "${WASI}" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "${WASI}" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "${WASI}" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  ${writeFn}
  (func (export "_start") (local $p i32) (local $n i32) (local $err i32)
    (drop (call $sizes (i32.const 0) (i32.const 4)))
    (if (i32.lt_u (i32.load (i32.const 0)) (i32.const 2)) (then (call $exit (i32.const 2))))
    (drop (call $get (i32.const 1024) (i32.const 4096)))
    (local.set $p (i32.load (i32.const 1028)))
    (block $done (loop $l
      (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $l)))
    (local.set $err (call $open (i32.const 3) (i32.const 0) (local.get $p) (local.get $n) (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 64)))
    (if (local.get $err) (then (call $exit (i32.add (i32.const 100) (local.get $err)))))
    (i32.store (i32.const 32) (i32.const 8192))
    (i32.store (i32.const 36) (i32.const 1024))
    (drop (call $read (i32.load (i32.const 64)) (i32.const 32) (i32.const 1) (i32.const 40)))
    (call $write (i32.const 1) (i32.const 8192) (i32.load (i32.const 40)))))`,

  // Makes a symlink out of its preopened "/" (fd 3), then opens it without and with following
  // links, and opens argv[1] (a link somebody else made) without following. Exits with
  // 1 when the first open failed with ELOOP, + 2 when the second failed, + 4 when the third did:
  // 7 means nothing outside could be opened.
  escape: `(module
  (import "${WASI}" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "${WASI}" "args_get" (func $get (param i32 i32) (result i32)))
  (import "${WASI}" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "${WASI}" "path_symlink" (func $symlink (param i32 i32 i32 i32 i32) (result i32)))
  (import "${WASI}" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 512) "esc")
  (data (i32.const 600) "../../../../../../../../../../etc/hostname")
  (func $openAt (param $ptr i32) (param $len i32) (param $follow i32) (result i32)
    (call $open (i32.const 3) (local.get $follow) (local.get $ptr) (local.get $len) (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 64)))
  (func (export "_start") (local $a i32) (local $b i32) (local $c i32) (local $p i32) (local $n i32)
    (drop (call $symlink (i32.const 600) (i32.const 42) (i32.const 3) (i32.const 512) (i32.const 3)))
    (local.set $a (call $openAt (i32.const 512) (i32.const 3) (i32.const 0)))
    (local.set $b (call $openAt (i32.const 512) (i32.const 3) (i32.const 1)))
    (drop (call $sizes (i32.const 0) (i32.const 4)))
    (if (i32.ge_u (i32.load (i32.const 0)) (i32.const 2)) (then
      (drop (call $get (i32.const 1024) (i32.const 4096)))
      (local.set $p (i32.load (i32.const 1028)))
      (block $done (loop $l
        (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $l)))
      (local.set $c (call $openAt (local.get $p) (local.get $n) (i32.const 0)))))
    (if (i32.lt_u (i32.load (i32.const 0)) (i32.const 2)) (then (local.set $c (i32.const 1))))
    (call $exit (i32.add (i32.add (i32.eq (local.get $a) (i32.const 32)) (i32.mul (i32.ne (local.get $b) (i32.const 0)) (i32.const 2)))
      (i32.mul (i32.ne (local.get $c) (i32.const 0)) (i32.const 4))))))`,

  // Polls stdin (fd 0) for reading with a 5 s timeout, then copies what it reads (up to 4 KiB)
  // to stdout. Exits 0 when stdin was ready, 1 on the timeout, 100 + errno when poll failed.
  stdin: `(module
  ${fdWrite}
  (import "${WASI}" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "${WASI}" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "${WASI}" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  ${writeFn}
  (func (export "_start") (local $err i32)
    ;; subscription 0 at 256: userdata 1, tag clock (0), monotonic, 5 s, relative
    (i64.store (i32.const 256) (i64.const 1))
    (i32.store8 (i32.const 264) (i32.const 0))
    (i32.store (i32.const 272) (i32.const 1))
    (i64.store (i32.const 280) (i64.const 5000000000))
    (i64.store (i32.const 288) (i64.const 0))
    (i32.store16 (i32.const 296) (i32.const 0))
    ;; subscription 1 at 304: userdata 2, tag fd_read (1), fd 0
    (i64.store (i32.const 304) (i64.const 2))
    (i32.store8 (i32.const 312) (i32.const 1))
    (i32.store (i32.const 320) (i32.const 0))
    (local.set $err (call $poll (i32.const 256) (i32.const 512) (i32.const 2) (i32.const 600)))
    (if (local.get $err) (then (call $exit (i32.add (i32.const 100) (local.get $err)))))
    ;; first event: userdata at 512, error at 520, type at 522
    (if (i32.ne (i32.load8_u (i32.const 522)) (i32.const 1)) (then (call $exit (i32.const 1))))
    (i32.store (i32.const 32) (i32.const 8192))
    (i32.store (i32.const 36) (i32.const 4096))
    (drop (call $read (i32.const 0) (i32.const 32) (i32.const 1) (i32.const 40)))
    (call $write (i32.const 1) (i32.const 8192) (i32.load (i32.const 40)))))`,

  // Grows its memory by 63 pages (to 4 MiB); exits 0 when that worked, 1 when memory.grow refused.
  grow: `(module
  (import "${WASI}" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (call $exit (i32.eq (memory.grow (i32.const 63)) (i32.const -1)))))`,

  // Exits 0 when its memory is as a new instance's: initial size, zero where it writes, its data
  // segment in place; then dirties all of it, so a task handed a used memory would exit 1.
  fresh: `(module
  (import "${WASI}" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "*")
  (func (export "_start") (local $fresh i32)
    (local.set $fresh (i32.and
      (i32.and (i32.eq (memory.size) (i32.const 1)) (i32.eqz (i32.load (i32.const 1024))))
      (i32.eq (i32.load8_u (i32.const 64)) (i32.const 42))))
    (i32.store (i32.const 1024) (i32.const 7))
    (i32.store8 (i32.const 64) (i32.const 0))
    (call $exit (i32.eqz (local.get $fresh)))))`,

  // Writes argv[1] MiB (decimal, default 1) to stdout in 64 KiB writes: a noisy guest.
  noisy: `(module
  ${fdWrite}
  (import "${WASI}" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "${WASI}" "args_get" (func $get (param i32 i32) (result i32)))
  (memory (export "memory") 2)
  ${writeFn}
  (func (export "_start") (local $p i32) (local $c i32) (local $mib i32) (local $n i32)
    (local.set $mib (i32.const 1))
    (drop (call $sizes (i32.const 0) (i32.const 4)))
    (if (i32.ge_u (i32.load (i32.const 0)) (i32.const 2)) (then
      (drop (call $get (i32.const 1024) (i32.const 4096)))
      (local.set $p (i32.load (i32.const 1028)))
      (local.set $mib (i32.const 0))
      (block $done (loop $l
        (local.set $c (i32.load8_u (local.get $p)))
        (br_if $done (i32.or (i32.lt_u (local.get $c) (i32.const 48)) (i32.gt_u (local.get $c) (i32.const 57))))
        (local.set $mib (i32.add (i32.mul (local.get $mib) (i32.const 10)) (i32.sub (local.get $c) (i32.const 48))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $l)))))
    (local.set $n (i32.mul (local.get $mib) (i32.const 16)))
    (block $end (loop $w
      (br_if $end (i32.eqz (local.get $n)))
      (call $write (i32.const 1) (i32.const 65536) (i32.const 65536))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $w)))))`,

  trap: `(module
  (memory (export "memory") 1)
  (func (export "_start") unreachable))`,

  // Recurses without end: the call stack runs out.
  recurse: `(module
  (memory (export "memory") 1)
  (func $down (param i32) (call $down (i32.add (local.get 0) (i32.const 1))))
  (func (export "_start") (call $down (i32.const 0))))`,

  // Built for WASI preview 0 (wasi_unstable), which node:wasi does not provide.
  unstable: `(module
  (import "wasi_unstable" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (call $exit (i32.const 0))))`,

  spin: `(module
  (memory (export "memory") 1)
  (func (export "_start") (loop $forever (br $forever))))`,
} as const;

export type ModuleName = keyof typeof MODULES;
