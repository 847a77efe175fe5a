/** The `drift-monitor` executable (dist/cli.js): the CLI bound to this process, its exit code the process's. */
import { main } from './main';

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  bundleFolder: __dirname,
}).then((code) => {
  process.exitCode = code;
});
