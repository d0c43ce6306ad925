import { randomBytes } from 'node:crypto'
import { test } from 'uvu'
import { PG_URL } from './pg.js'
import { postgresBackend, proveErasure } from './personal-data.js'

test('PostgreSQL: after erasing a citizen, no IIN, name or address of theirs is in pg_dump, export, logs or answers', async () => {
  const backend = postgresBackend(PG_URL, `t_http_erasure_${randomBytes(6).toString('hex')}`)
  try { await proveErasure(backend) } finally { await backend.dispose() }
})

test.run()
