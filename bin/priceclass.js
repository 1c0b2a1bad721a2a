#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx priceclass ...` works without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../sim/cli.ts');
process.exitCode = await main(process.argv.slice(2));
