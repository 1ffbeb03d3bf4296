#!/usr/bin/env node
import { processOutput } from './io';
import { main } from './main';

process.exitCode = await main(process.argv.slice(2), processOutput);
