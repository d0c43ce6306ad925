import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openPgliteStore } from '../../src/store/pglite.js'
import { storeContract } from './contract.js'
import { sqlHarness } from './sql-harness.js'

const dataDir = mkdtempSync(join(tmpdir(), 'kezek-pglite-contract-'))

const contract = storeContract('PGlite (durable data directory)', async () =>
  sqlHarness(await openPgliteStore({ dataDir })),
)
contract.after(() => rmSync(dataDir, { recursive: true, force: true }))
contract.run()
