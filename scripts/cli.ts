import './env';
import { GovernanceError } from '@shepherd/governance';

/** Runs a command-line entry point: known errors print one clear message and exit 1, never a stack. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const known = error instanceof GovernanceError || ['DatabaseConfigError', 'DataDirLockedError'].includes((error as Error).name);
    console.error(known ? (error as Error).message : (error as Error).stack ?? String(error));
    process.exitCode = 1;
  }
}
