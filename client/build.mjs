// Bundles the client with esbuild into client/dist (index.html + assets/). `--watch` rebuilds on change.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const here = new URL('.', import.meta.url).pathname;
const out = `${here}dist`;
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/assets`, { recursive: true });

// @vaadin/router reports usage to Vaadin; this tool sends nothing anywhere.
const noUsageStatistics = {
  name: 'no-usage-statistics',
  setup(build) {
    build.onResolve({ filter: /^@vaadin\/vaadin-usage-statistics/ }, () => ({ path: 'noop', namespace: 'noop' }));
    build.onLoad({ filter: /.*/, namespace: 'noop' }, () => ({ contents: 'export const usageStatistics = () => {};' }));
  },
};

const options = {
  entryPoints: [`${here}main.ts`],
  bundle: true,
  format: 'esm',
  splitting: true,
  outdir: `${out}/assets`,
  minify: true,
  sourcemap: true,
  target: 'es2022',
  legalComments: 'none',
  metafile: true,
  plugins: [noUsageStatistics],
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
};

copyFileSync(`${here}index.html`, `${out}/index.html`);
copyFileSync(`${here}styles/global.css`, `${out}/assets/global.css`);
if (process.argv.includes('--watch')) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('watching client/');
} else {
  const result = await esbuild.build(options);
  writeFileSync(`${out}/meta.json`, JSON.stringify(result.metafile));
  const main = readFileSync(`${out}/assets/main.js`);
  console.log(
    `client built: main.js ${(main.length / 1024).toFixed(1)} KB, ${(gzipSync(main).length / 1024).toFixed(1)} KB gzipped`,
  );
}
