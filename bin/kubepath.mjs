#!/usr/bin/env node
// kubepath CLI entry: loads the TypeScript CLI through tsx (a runtime dependency) so that the
// CLI, the server and the tests share the same lib/ sources without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./cli.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
