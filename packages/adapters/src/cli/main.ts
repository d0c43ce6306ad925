#!/usr/bin/env node
/**
 * Entry point of the `kezek` command (`pnpm kezek …`, or the `kezek` bin of @kezek/adapters).
 */
import { processIo } from './io.js'
import { runCli } from './run.js'

const code = await runCli(process.argv.slice(2), processIo())
// Let stdout drain before exiting: a piped `kezek export` must not lose its last lines.
process.exitCode = code
