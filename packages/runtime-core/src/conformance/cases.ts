// WASI preview1 conformance cases written in WAT, after the behaviours the official suite
// (WebAssembly/wasi-testsuite) checks: args, environ, clocks, random, fd_* on stdio and on a
// preopened directory, path_open edge cases, poll_oneoff on stdin, proc_exit codes. Each case
// is written out as <name>.wasm + <name>.json in the suite's own format (args, env, dirs,
// exit_code, stdout), so the same runner runs these and a checkout of the official suite.
const WASI = 'wasi_snapshot_preview1';

// Imports and helpers every case may use. Memory: scratch below 1024, a case's data from 1024,
// a 4 KiB buffer at 8192.
const PRELUDE = `
  (import "${WASI}" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "${WASI}" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "${WASI}" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "${WASI}" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "${WASI}" "clock_res_get" (func $clock_res_get (param i32 i32) (result i32)))
  (import "${WASI}" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "${WASI}" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "${WASI}" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "${WASI}" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "${WASI}" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "${WASI}" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "${WASI}" "fd_tell" (func $fd_tell (param i32 i32) (result i32)))
  (import "${WASI}" "fd_pread" (func $fd_pread (param i32 i32 i32 i64 i32) (result i32)))
  (import "${WASI}" "fd_pwrite" (func $fd_pwrite (param i32 i32 i32 i64 i32) (result i32)))
  (import "${WASI}" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
  (import "${WASI}" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
  (import "${WASI}" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "${WASI}" "fd_prestat_dir_name" (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "${WASI}" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "${WASI}" "fd_renumber" (func $fd_renumber (param i32 i32) (result i32)))
  (import "${WASI}" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "${WASI}" "path_create_directory" (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "${WASI}" "path_remove_directory" (func $path_remove_directory (param i32 i32 i32) (result i32)))
  (import "${WASI}" "path_unlink_file" (func $path_unlink_file (param i32 i32 i32) (result i32)))
  (import "${WASI}" "path_rename" (func $path_rename (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "${WASI}" "path_symlink" (func $path_symlink (param i32 i32 i32 i32 i32) (result i32)))
  (import "${WASI}" "path_filestat_get" (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "${WASI}" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "${WASI}" "sched_yield" (func $sched_yield (result i32)))
  (import "${WASI}" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  ;; fd_write of [ptr, ptr+len) through the iovec at 16
  (func $write (param $fd i32) (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (call $fd_write (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 24)))
  (func $print (param $ptr i32) (param $len i32) (drop (call $write (i32.const 1) (local.get $ptr) (local.get $len))))
  ;; fd_read into the 4 KiB buffer at 8192; returns the bytes read, -1 on error
  (func $read (param $fd i32) (result i32)
    (i32.store (i32.const 32) (i32.const 8192))
    (i32.store (i32.const 36) (i32.const 4096))
    (if (call $fd_read (local.get $fd) (i32.const 32) (i32.const 1) (i32.const 40)) (then (return (i32.const -1))))
    (i32.load (i32.const 40)))
  ;; exits 1 unless the condition holds
  (func $check (param $ok i32) (if (i32.eqz (local.get $ok)) (then (call $proc_exit (i32.const 1)))))
  ;; path_open relative to the first preopen (fd 3); the new fd at 64; returns errno
  (func $open (param $ptr i32) (param $len i32) (param $dirflags i32) (param $oflags i32) (result i32)
    (call $path_open (i32.const 3) (local.get $dirflags) (local.get $ptr) (local.get $len) (local.get $oflags)
      (i64.const 0x0fffffff) (i64.const 0x0fffffff) (i32.const 0) (i32.const 64)))
  ;; prints the NUL-separated strings in [4096, 4096+len) from the second on, joined by spaces
  (func $printFrom2nd (param $len i32) (local $i i32) (local $start i32)
    (block $first (loop $l
      (br_if $first (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $first (i32.eqz (i32.load8_u (i32.add (i32.const 4095) (local.get $i)))))
      (br $l)))
    (local.set $start (local.get $i))
    (block $done (loop $m
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (if (i32.eqz (i32.load8_u (i32.add (i32.const 4096) (local.get $i)))) (then (i32.store8 (i32.add (i32.const 4096) (local.get $i)) (i32.const 32))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $m)))
    (if (i32.gt_u (local.get $len) (local.get $start)) (then
      (i32.store8 (i32.add (i32.const 4095) (local.get $len)) (i32.const 10))
      (call $print (i32.add (i32.const 4096) (local.get $start)) (i32.sub (local.get $len) (local.get $start))))))
`;

export interface ConformanceCase {
  name: string;
  // The body of _start (and any data / extra funcs), after PRELUDE.
  wat: string;
  args?: string[];
  env?: Record<string, string>;
  dirs?: string[];
  // A directory preopened at "/" (the newest suite runner's "root").
  root?: string;
  stdin?: string;
  exit_code?: number;
  stdout?: string;
}

// The preopened directory the filesystem cases get, as the official suite's fs-tests.dir.
export const FIXTURE_DIR = 'fs-tests.dir';
export const FIXTURE_FILES: Record<string, string> = { 'file.txt': 'hello from a preopened directory\n', 'sub/inner.txt': 'inner\n' };

const str = (at: number, s: string) => `(data (i32.const ${at}) "${s}")`;
const fs = { dirs: [FIXTURE_DIR] };

export const CASES: ConformanceCase[] = [
  { name: 'args_sizes_get-no-arguments', wat: `(func (export "_start") (drop (call $args_sizes_get (i32.const 0) (i32.const 4))) (call $check (i32.eq (i32.load (i32.const 0)) (i32.const 1))))` },
  {
    name: 'args_get-multiple-arguments',
    args: ['first', 'second', 'third arg'],
    stdout: 'first second third arg\n',
    wat: `(func (export "_start") (drop (call $args_sizes_get (i32.const 0) (i32.const 4))) (drop (call $args_get (i32.const 1024) (i32.const 4096))) (call $printFrom2nd (i32.load (i32.const 4))))`,
  },
  {
    name: 'args_sizes_get-multiple-arguments',
    args: ['a', 'bb'],
    // argc 3; the argv bytes hold the program name too, so only check the two arguments' share.
    wat: `(func (export "_start") (drop (call $args_sizes_get (i32.const 0) (i32.const 4))) (call $check (i32.eq (i32.load (i32.const 0)) (i32.const 3))) (call $check (i32.ge_u (i32.load (i32.const 4)) (i32.const 6))))`,
  },
  {
    name: 'environ_get-multiple-variables',
    env: { FIRST: '1', SECOND: 'two words' },
    stdout: 'FIRST=1 SECOND=two words\n',
    // environ has no program name: print all entries by pretending a leading empty string.
    wat: `(func (export "_start") (drop (call $environ_sizes_get (i32.const 0) (i32.const 4))) (drop (call $environ_get (i32.const 1024) (i32.const 4097))) (i32.store8 (i32.const 4096) (i32.const 0)) (call $printFrom2nd (i32.add (i32.load (i32.const 4)) (i32.const 1))))`,
  },
  { name: 'environ_sizes_get-no-variables', wat: `(func (export "_start") (drop (call $environ_sizes_get (i32.const 0) (i32.const 4))) (call $check (i32.eqz (i32.load (i32.const 0)))))` },
  {
    name: 'clock_time_get-monotonic',
    wat: `(func (export "_start")
      (call $check (i32.eqz (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 0))))
      (drop (call $sched_yield))
      (call $check (i32.eqz (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 8))))
      (call $check (i64.ge_u (i64.load (i32.const 8)) (i64.load (i32.const 0)))))`,
  },
  {
    name: 'clock_time_get-realtime',
    // After 2020-01-01 in nanoseconds.
    wat: `(func (export "_start") (call $check (i32.eqz (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 0)))) (call $check (i64.gt_u (i64.load (i32.const 0)) (i64.const 1577836800000000000))))`,
  },
  {
    name: 'clock_res_get-monotonic',
    wat: `(func (export "_start") (call $check (i32.eqz (call $clock_res_get (i32.const 1) (i32.const 0)))) (call $check (i64.gt_u (i64.load (i32.const 0)) (i64.const 0))))`,
  },
  { name: 'clock_time_get-invalid-clock', wat: `(func (export "_start") (call $check (i32.eq (call $clock_time_get (i32.const 99) (i64.const 1) (i32.const 0)) (i32.const 28))))` },
  {
    name: 'random_get-non-zero-length',
    wat: `(func (export "_start") (call $check (i32.eqz (call $random_get (i32.const 1024) (i32.const 64)))) (call $check (i64.ne (i64.or (i64.load (i32.const 1024)) (i64.load (i32.const 1032))) (i64.const 0))))`,
  },
  { name: 'random_get-zero-length', wat: `(func (export "_start") (call $check (i32.eqz (call $random_get (i32.const 1024) (i32.const 0)))))` },
  { name: 'fd_write-to-stdout', stdout: 'hello, stdout\n', wat: `${str(1024, 'hello, stdout\\n')} (func (export "_start") (call $check (i32.eqz (call $write (i32.const 1) (i32.const 1024) (i32.const 14)))) (call $check (i32.eq (i32.load (i32.const 24)) (i32.const 14))))` },
  { name: 'fd_write-to-invalid-fd', wat: `(func (export "_start") (call $check (i32.eq (call $write (i32.const 77) (i32.const 1024) (i32.const 1)) (i32.const 8))))` },
  { name: 'fd_write-gather', stdout: 'ab\n', wat: `${str(1024, 'a')} ${str(1030, 'b\\n')} (func (export "_start") (i32.store (i32.const 200) (i32.const 1024)) (i32.store (i32.const 204) (i32.const 1)) (i32.store (i32.const 208) (i32.const 1030)) (i32.store (i32.const 212) (i32.const 2)) (call $check (i32.eqz (call $fd_write (i32.const 1) (i32.const 200) (i32.const 2) (i32.const 24)))))` },
  { name: 'proc_exit-success', wat: `(func (export "_start") (call $proc_exit (i32.const 0)))` },
  { name: 'proc_exit-failure', exit_code: 1, wat: `(func (export "_start") (call $proc_exit (i32.const 1)))` },
  { name: 'proc_exit-13', exit_code: 13, wat: `(func (export "_start") (call $proc_exit (i32.const 13)))` },
  { name: 'sched_yield', wat: `(func (export "_start") (call $check (i32.eqz (call $sched_yield))))` },
  {
    name: 'fd_fdstat_get-stdio',
    // Open stdio fds answer; a closed one is EBADF.
    wat: `(func (export "_start") (call $check (i32.eqz (call $fd_fdstat_get (i32.const 1) (i32.const 256)))) (call $check (i32.eqz (call $fd_fdstat_get (i32.const 2) (i32.const 256)))) (call $check (i32.eq (call $fd_fdstat_get (i32.const 90) (i32.const 256)) (i32.const 8))))`,
  },
  {
    name: 'poll_oneoff-stdin',
    // stdin is ready (or the clock fires first: both are valid); fd_write subscriptions on stdout are ready.
    wat: `(func (export "_start")
      (i64.store (i32.const 256) (i64.const 1)) (i32.store8 (i32.const 264) (i32.const 0)) (i32.store (i32.const 272) (i32.const 1)) (i64.store (i32.const 280) (i64.const 200000000))
      (i64.store (i32.const 304) (i64.const 2)) (i32.store8 (i32.const 312) (i32.const 1)) (i32.store (i32.const 320) (i32.const 0))
      (call $check (i32.eqz (call $poll_oneoff (i32.const 256) (i32.const 512) (i32.const 2) (i32.const 600))))
      (call $check (i32.ge_u (i32.load (i32.const 600)) (i32.const 1)))
      (call $check (i32.eqz (i32.load16_u (i32.const 520))))
      (i64.store (i32.const 304) (i64.const 3)) (i32.store8 (i32.const 312) (i32.const 2)) (i32.store (i32.const 320) (i32.const 1))
      (call $check (i32.eqz (call $poll_oneoff (i32.const 304) (i32.const 512) (i32.const 1) (i32.const 600))))
      (call $check (i64.eq (i64.load (i32.const 512)) (i64.const 3)))
      (call $check (i32.eqz (i32.load16_u (i32.const 520)))))`,
  },
  { name: 'poll_oneoff-clock', wat: `(func (export "_start") (i64.store (i32.const 256) (i64.const 9)) (i32.store8 (i32.const 264) (i32.const 0)) (i32.store (i32.const 272) (i32.const 1)) (i64.store (i32.const 280) (i64.const 1000000)) (call $check (i32.eqz (call $poll_oneoff (i32.const 256) (i32.const 512) (i32.const 1) (i32.const 600)))) (call $check (i64.eq (i64.load (i32.const 512)) (i64.const 9))))` },
  {
    name: 'fd_read-stdin',
    stdin: 'some input\n',
    stdout: 'some input\n',
    wat: `(func (export "_start") (local $n i32) (local.set $n (call $read (i32.const 0))) (call $check (i32.gt_s (local.get $n) (i32.const 0))) (call $print (i32.const 8192) (local.get $n)))`,
  },
  {
    name: 'fd_prestat-dir-name',
    ...fs,
    stdout: `${FIXTURE_DIR}\n`,
    wat: `(func (export "_start") (local $len i32)
      (call $check (i32.eqz (call $fd_prestat_get (i32.const 3) (i32.const 256))))
      (local.set $len (i32.load (i32.const 260)))
      (call $check (i32.eqz (call $fd_prestat_dir_name (i32.const 3) (i32.const 1024) (local.get $len))))
      (i32.store8 (i32.add (i32.const 1024) (local.get $len)) (i32.const 10))
      (call $print (i32.const 1024) (i32.add (local.get $len) (i32.const 1)))
      (call $check (i32.eq (call $fd_prestat_get (i32.const 4) (i32.const 256)) (i32.const 8))))`,
  },
  {
    name: 'path_open-read',
    ...fs,
    stdout: FIXTURE_FILES['file.txt'],
    wat: `${str(1024, 'file.txt')} (func (export "_start") (local $n i32) (call $check (i32.eqz (call $open (i32.const 1024) (i32.const 8) (i32.const 0) (i32.const 0)))) (local.set $n (call $read (i32.load (i32.const 64)))) (call $print (i32.const 8192) (local.get $n)))`,
  },
  {
    name: 'path_open-nested',
    ...fs,
    stdout: FIXTURE_FILES['sub/inner.txt'],
    wat: `${str(1024, 'sub/./inner.txt')} (func (export "_start") (local $n i32) (call $check (i32.eqz (call $open (i32.const 1024) (i32.const 15) (i32.const 0) (i32.const 0)))) (local.set $n (call $read (i32.load (i32.const 64)))) (call $print (i32.const 8192) (local.get $n)))`,
  },
  { name: 'path_open-missing', ...fs, wat: `${str(1024, 'no-such-file')} (func (export "_start") (call $check (i32.eq (call $open (i32.const 1024) (i32.const 12) (i32.const 0) (i32.const 0)) (i32.const 44))))` },
  {
    name: 'path_open-create-existing',
    ...fs,
    // O_CREAT | O_EXCL on an existing file: EEXIST (20).
    wat: `${str(1024, 'file.txt')} (func (export "_start") (call $check (i32.eq (call $open (i32.const 1024) (i32.const 8) (i32.const 0) (i32.const 5)) (i32.const 20))))`,
  },
  {
    name: 'path_open-directory-flag-on-file',
    ...fs,
    // O_DIRECTORY on a regular file: ENOTDIR (54).
    wat: `${str(1024, 'file.txt')} (func (export "_start") (call $check (i32.eq (call $open (i32.const 1024) (i32.const 8) (i32.const 0) (i32.const 2)) (i32.const 54))))`,
  },
  {
    name: 'path_open-dotdot-escape',
    ...fs,
    wat: `${str(1024, '../outside')} (func (export "_start") (call $check (i32.ne (call $open (i32.const 1024) (i32.const 10) (i32.const 0) (i32.const 0)) (i32.const 0))))`,
  },
  {
    name: 'path_open-absolute',
    ...fs,
    wat: `${str(1024, '/etc/passwd')} (func (export "_start") (call $check (i32.ne (call $open (i32.const 1024) (i32.const 11) (i32.const 0) (i32.const 0)) (i32.const 0))))`,
  },
  {
    name: 'path_symlink-escape-nofollow',
    // Mounted at "/", as the newest suite runner mounts a test's directory.
    root: FIXTURE_DIR,
    // A link the guest makes that leads out of the directory must not be opened, followed or not.
    wat: `${str(1024, 'esc.cleanup')} ${str(1100, '../../../../../../../../../../etc/hostname')}
      (func (export "_start")
        (drop (call $path_symlink (i32.const 1100) (i32.const 42) (i32.const 3) (i32.const 1024) (i32.const 11)))
        (call $check (i32.ne (call $open (i32.const 1024) (i32.const 11) (i32.const 0) (i32.const 0)) (i32.const 0)))
        (call $check (i32.ne (call $open (i32.const 1024) (i32.const 11) (i32.const 1) (i32.const 0)) (i32.const 0))))`,
  },
  {
    name: 'path_symlink-inside-follow',
    ...fs,
    stdout: FIXTURE_FILES['file.txt'],
    wat: `${str(1024, 'link.cleanup')} ${str(1100, 'file.txt')}
      (func (export "_start") (local $n i32)
        (call $check (i32.eqz (call $path_symlink (i32.const 1100) (i32.const 8) (i32.const 3) (i32.const 1024) (i32.const 12))))
        (call $check (i32.eqz (call $open (i32.const 1024) (i32.const 12) (i32.const 1) (i32.const 0))))
        (local.set $n (call $read (i32.load (i32.const 64))))
        (drop (call $path_unlink_file (i32.const 3) (i32.const 1024) (i32.const 12)))
        (call $print (i32.const 8192) (local.get $n)))`,
  },
  {
    name: 'file-write-seek-read',
    ...fs,
    stdout: 'written\n',
    wat: `${str(1024, 'rw.cleanup')} ${str(1100, 'written\\n')}
      (func (export "_start") (local $fd i32) (local $n i32)
        (call $check (i32.eqz (call $open (i32.const 1024) (i32.const 10) (i32.const 0) (i32.const 9))))
        (local.set $fd (i32.load (i32.const 64)))
        (call $check (i32.eqz (call $write (local.get $fd) (i32.const 1100) (i32.const 8))))
        (call $check (i32.eqz (call $fd_tell (local.get $fd) (i32.const 256))))
        (call $check (i64.eq (i64.load (i32.const 256)) (i64.const 8)))
        (call $check (i32.eqz (call $fd_seek (local.get $fd) (i64.const 0) (i32.const 0) (i32.const 256))))
        (local.set $n (call $read (local.get $fd)))
        (call $check (i32.eqz (call $fd_close (local.get $fd))))
        (call $check (i32.eqz (call $path_unlink_file (i32.const 3) (i32.const 1024) (i32.const 10))))
        (call $print (i32.const 8192) (local.get $n)))`,
  },
  {
    name: 'fd_pwrite-pread',
    ...fs,
    wat: `${str(1024, 'pw.cleanup')} ${str(1100, 'xyz')}
      (func (export "_start") (local $fd i32)
        (call $check (i32.eqz (call $open (i32.const 1024) (i32.const 10) (i32.const 0) (i32.const 9))))
        (local.set $fd (i32.load (i32.const 64)))
        (i32.store (i32.const 200) (i32.const 1100)) (i32.store (i32.const 204) (i32.const 3))
        (call $check (i32.eqz (call $fd_pwrite (local.get $fd) (i32.const 200) (i32.const 1) (i64.const 5) (i32.const 208))))
        (call $check (i32.eqz (call $fd_filestat_get (local.get $fd) (i32.const 256))))
        (call $check (i64.eq (i64.load (i32.const 288)) (i64.const 8)))
        (i32.store (i32.const 200) (i32.const 2000)) (i32.store (i32.const 204) (i32.const 3))
        (call $check (i32.eqz (call $fd_pread (local.get $fd) (i32.const 200) (i32.const 1) (i64.const 5) (i32.const 208))))
        (call $check (i32.eq (i32.load8_u (i32.const 2002)) (i32.const 122)))
        (drop (call $fd_close (local.get $fd)))
        (call $check (i32.eqz (call $path_unlink_file (i32.const 3) (i32.const 1024) (i32.const 10)))))`,
  },
  {
    name: 'path_create-remove-directory',
    ...fs,
    wat: `${str(1024, 'dir.cleanup')}
      (func (export "_start")
        (call $check (i32.eqz (call $path_create_directory (i32.const 3) (i32.const 1024) (i32.const 11))))
        (call $check (i32.eq (call $path_create_directory (i32.const 3) (i32.const 1024) (i32.const 11)) (i32.const 20)))
        (call $check (i32.eqz (call $path_remove_directory (i32.const 3) (i32.const 1024) (i32.const 11)))))`,
  },
  {
    name: 'path_rename-file',
    ...fs,
    wat: `${str(1024, 'a.cleanup')} ${str(1100, 'b.cleanup')}
      (func (export "_start")
        (call $check (i32.eqz (call $open (i32.const 1024) (i32.const 9) (i32.const 0) (i32.const 1))))
        (drop (call $fd_close (i32.load (i32.const 64))))
        (call $check (i32.eqz (call $path_rename (i32.const 3) (i32.const 1024) (i32.const 9) (i32.const 3) (i32.const 1100) (i32.const 9))))
        (call $check (i32.eq (call $open (i32.const 1024) (i32.const 9) (i32.const 0) (i32.const 0)) (i32.const 44)))
        (call $check (i32.eqz (call $path_unlink_file (i32.const 3) (i32.const 1100) (i32.const 9)))))`,
  },
  {
    name: 'path_filestat_get-size',
    ...fs,
    wat: `${str(1024, 'file.txt')} (func (export "_start") (call $check (i32.eqz (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 1024) (i32.const 8) (i32.const 256)))) (call $check (i64.eq (i64.load (i32.const 288)) (i64.const ${Buffer.byteLength(FIXTURE_FILES['file.txt']!)}))) (call $check (i32.eq (i32.load8_u (i32.const 272)) (i32.const 4))))`,
  },
  {
    name: 'fd_readdir-lists-entries',
    ...fs,
    // The 4 KiB buffer holds the dirents; find "file.txt" after one of the 24-byte headers.
    wat: `(func (export "_start") (local $at i32) (local $end i32) (local $found i32)
      (call $check (i32.eqz (call $fd_readdir (i32.const 3) (i32.const 8192) (i32.const 4096) (i64.const 0) (i32.const 40))))
      (local.set $end (i32.add (i32.const 8192) (i32.load (i32.const 40))))
      (local.set $at (i32.const 8192))
      (block $done (loop $l
        (br_if $done (i32.gt_u (i32.add (local.get $at) (i32.const 24)) (local.get $end)))
        (if (i32.and (i32.eq (i32.load (i32.add (local.get $at) (i32.const 16))) (i32.const 8))
                     (i64.eq (i64.load (i32.add (local.get $at) (i32.const 24))) (i64.const 0x7478742e656c6966)))
          (then (local.set $found (i32.const 1))))
        (local.set $at (i32.add (i32.add (local.get $at) (i32.const 24)) (i32.load (i32.add (local.get $at) (i32.const 16)))))
        (br $l)))
      (call $check (local.get $found)))`,
  },
  {
    name: 'close_preopen',
    ...fs,
    wat: `(func (export "_start") (call $check (i32.eqz (call $fd_close (i32.const 3)))) (call $check (i32.eq (call $fd_fdstat_get (i32.const 3) (i32.const 256)) (i32.const 8))))`,
  },
  {
    name: 'fd_renumber-stdout',
    ...fs,
    // stdout moved onto a file's fd: the file's number now writes where stdout went, 1 is closed.
    stdout: 'moved\n',
    wat: `${str(1024, 'renum.cleanup')} ${str(1100, 'moved\\n')}
      (func (export "_start") (local $fd i32)
        (call $check (i32.eqz (call $open (i32.const 1024) (i32.const 13) (i32.const 0) (i32.const 1))))
        (local.set $fd (i32.load (i32.const 64)))
        (call $check (i32.eqz (call $fd_renumber (i32.const 1) (local.get $fd))))
        (call $check (i32.eq (call $fd_fdstat_get (i32.const 1) (i32.const 256)) (i32.const 8)))
        (call $check (i32.eqz (call $write (local.get $fd) (i32.const 1100) (i32.const 6))))
        (drop (call $path_unlink_file (i32.const 3) (i32.const 1024) (i32.const 13))))`,
  },
];

export function caseModule(c: ConformanceCase): string {
  return `(module ${PRELUDE} ${c.wat})`;
}
