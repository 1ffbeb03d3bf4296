#!/usr/bin/env node
import { main } from './cli';
import { processOutput } from './io';

process.exitCode = await main(process.argv.slice(2), processOutput);
