#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step between a checkout and a
// running wallet.
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../src/cli.ts')
process.exitCode = await runCli(process.argv.slice(2))
