// Runs every uvu suite (test/**/*.test.ts) under tsx, then prints the closing
// `N passed, N failed` line CI reads (uvu prints only Total/Passed/Skipped).
// Usage: node test/run.mjs [pattern]   e.g. node test/run.mjs requirements
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const pattern = process.argv[2] ?? '.*';
const dirs = ['test/schema', 'test/seeds', 'test/server', 'test/resilience', 'test/client', 'test/e2e'];
let passed = 0;
let failed = 0;
let skipped = 0;
let crashed = false;

for (const dir of dirs) {
  const matcher = new RegExp(`${pattern}.*\\.test\\.ts$`);
  if (!existsSync(dir) || !readdirSync(dir, { recursive: true }).some((f) => matcher.test(String(f)))) continue;
  const args = ['--import', 'tsx', 'node_modules/uvu/bin.js', dir, `${pattern}.*\\.test\\.ts$`, '--no-color'];
  const out = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      process.stdout.write(d);
    });
    child.on('close', (code) => resolve({ text, code }));
  });
  const total = Number(/Total:\s+(\d+)/.exec(out.text)?.[1] ?? 0);
  const ok = Number(/Passed:\s+(\d+)/.exec(out.text)?.[1] ?? 0);
  const skip = Number(/Skipped:\s+(\d+)/.exec(out.text)?.[1] ?? 0);
  passed += ok;
  skipped += skip;
  failed += total - ok - skip;
  if (out.code !== 0 && total === ok + skip) crashed = true;
}

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || crashed ? 1 : 0);
