#!/usr/bin/env node
// The `pedigree` command: runs src/main.ts through tsx in this same process, so no build step is
// needed and pipeline.ts files load through the same loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
