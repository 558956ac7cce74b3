#!/usr/bin/env node
/**
 * The `crm-mining` executable: runs {@link runCli} on the process's arguments and streams and sets the
 * exit code. All logic is in `run.ts`.
 *
 * @module
 */
import { runCli } from './run.js';

// A reader that stops early (`crm-mining rules … | head`) closes the pipe: end quietly, as Unix tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`crm-mining: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
