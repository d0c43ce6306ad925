/**
 * Creating a PGlite database. A new one — in memory, or in a directory that holds no cluster yet — runs initdb,
 * about 3 s of CPU and most of what a new store costs to open. PGlite can instead start from a tarball of a data
 * directory (its own `clone()` does so), in about a third of that.
 *
 * A process that makes a second new database is likely to make more — a test suite, a tool importing into fresh
 * stores — so that second one dumps its pristine cluster, before anything is written to it, and every later new
 * database in the process starts from that copy. A process that makes one database, the usual service, pays nothing:
 * no dump, and no 40 MB tarball kept in memory.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'

let newDatabases = 0
let pristine: Promise<Blob> | undefined

/** Whether PGlite would run initdb for this data directory (it looks for the same file). */
const isNew = (dataDir: string | undefined): boolean => dataDir === undefined || !existsSync(join(dataDir, 'PG_VERSION'))

const withDir = (dataDir: string | undefined) => (dataDir === undefined ? {} : { dataDir })

/** Runs initdb, and keeps a tarball of the result for the new databases after it. */
const initdbAndKeep = async (dataDir: string | undefined): Promise<PGlite> => {
  const db = await PGlite.create(withDir(dataDir))
  // CHECKPOINT first: the tarball then needs no WAL replay when it is loaded. Uncompressed: it is only kept in
  // memory, and loading it then skips a gunzip.
  pristine = db.exec('CHECKPOINT').then(() => db.dumpDataDir('none'))
  try {
    await pristine
  } catch (error) {
    pristine = undefined // the next new database runs initdb again, and tries once more
    await db.close()
    throw error
  }
  return db
}

/** `PGlite.create` for kezek's stores: an existing cluster is opened; a new one is made as the module comment says. */
export const createPglite = async (dataDir?: string): Promise<PGlite> => {
  if (!isNew(dataDir)) return PGlite.create(withDir(dataDir))
  newDatabases += 1
  const tarball = await pristine?.catch(() => undefined)
  if (tarball !== undefined) return PGlite.create({ ...withDir(dataDir), loadDataDir: tarball })
  return newDatabases === 1 ? PGlite.create(withDir(dataDir)) : initdbAndKeep(dataDir)
}
