import { test } from 'uvu'
import { pgliteBackend, proveErasure } from './personal-data.js'

test('PGlite: after erasing a citizen, no IIN, name or address of theirs is in the files, WAL, export, logs or answers', async () => {
  const backend = pgliteBackend()
  try { await proveErasure(backend) } finally { await backend.dispose() }
})

test.run()
