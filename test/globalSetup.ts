import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Tests that start the real process (restart after SIGKILL, the triage command) run the compiled build. */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, '..');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  // ts-jest transpiles each file alone for speed; the type check of the tests happens here, once.
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
}
