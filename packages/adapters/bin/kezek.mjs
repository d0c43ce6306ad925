#!/usr/bin/env node
// The `kezek` bin: registers tsx (the workspace runs TypeScript sources directly, without a build step), with the
// repository's tsconfig so the @kezek/* paths resolve from any working directory, then runs the CLI.
import { register } from 'tsx/esm/api'
import { fileURLToPath } from 'node:url'

register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) })
await import('../src/cli/main.ts')
