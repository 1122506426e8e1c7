// Copies the interviewer app's third-party browser modules out of node_modules.
// Run `npm ci && node build.mjs` here; `node build.mjs OUTDIR` writes to OUTDIR instead
// (.ci/field-vendor uses that to check the committed copies are exactly what the lock file gives).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = process.argv[2] || here;
mkdirSync(out, { recursive: true });
const FILES = [
  ['node_modules/idb/build/index.js', 'idb.js'],
  ['node_modules/idb/LICENSE', 'idb.LICENSE'],
];
for (const [from, to] of FILES) copyFileSync(join(here, from), join(out, to));
