// Bundles the extension client, the language server, the CLI and the timeline webview into dist/.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/logs/worker.ts'], outfile: 'dist/logWorker.js' }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  // the timeline webview: runs in the browser; its CSS import comes out as dist/media/timeline.css
  esbuild.build({
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: ['media/timeline/main.ts'],
    outfile: 'dist/media/timeline.js',
  }),
]);

// the built-in log rule pack is data, read at run time next to the bundles: as JSON,
// which every scanning thread parses far faster than the YAML it is written in
mkdirSync('dist/rules', { recursive: true });
writeFileSync('dist/rules/builtin.json', JSON.stringify(parseYaml(readFileSync('server/src/logs/rules/builtin.yaml', 'utf8'))));
