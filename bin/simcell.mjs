#!/usr/bin/env node
// The `simcell` command: runs the TypeScript CLI through tsx, so a checkout works after `npm install`.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
