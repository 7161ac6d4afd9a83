// The package version, printed by `runtime-core --version` (kept equal to package.json's).
export const VERSION = '0.1.0';
