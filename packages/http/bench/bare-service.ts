/**
 * The bare service: the least any express service does for a signed submission, as a baseline for kezek's.
 *
 * The target of issue 19 compares submissions with the verifier alone, which is not a service: it reads no socket,
 * writes nothing and answers nobody. On two cores shared with PostgreSQL and the load client, a service also pays
 * for HTTP, its database and its commit. This measures that floor in the same run, on the same cores: express
 * reads the XML, the same verify worker pool checks it, one prepared INSERT stores the verified request durably
 * (one commit per submission, as the server's own group flush allows), and a small JSON answers 201.
 *
 * What it leaves out is what kezek is for: no token, no idempotency, no request number, no events, no hash
 * chain, no encryption, no read models. So kezek's rate over this one says what all of that costs, and this one's
 * share of the verifier alone says what the target asks of any service on this machine.
 *
 * It is a baseline, so it is built to be fast: a named statement prepared once per connection, a pool with a
 * connection per request in flight, and nothing between the route and the database.
 */
import { randomUUID } from 'node:crypto'
import express from 'express'
import pg from 'pg'
import type { SignatureVerifier } from '../src/index.js'
import { serveOnLoopback, type Served } from './loopback.js'

const INSERT = 'bare_submission_insert'

export const openBareService = async (connectionString: string, verifier: SignatureVerifier, connections: number): Promise<Served> => {
  const table = `bare_submissions_${randomUUID().replaceAll('-', '')}`
  const db = new pg.Pool({ connectionString, max: connections })
  await db.query(`CREATE TABLE ${table} (id uuid PRIMARY KEY, request jsonb NOT NULL)`)
  const app = express()
  app.post('/v1/portal/applications', express.text({ type: 'application/xml', limit: '1mb' }), async (req, res) => {
    try {
      const v = await verifier.verifyRequest(String(req.body), new Date())
      if (v.kind !== 'read') {
        res.status(400).json({ code: v.code })
        return
      }
      const id = randomUUID()
      await db.query({ name: INSERT, text: `INSERT INTO ${table} (id, request) VALUES ($1, $2)`, values: [id, JSON.stringify({ document: v.document, verdict: v.verdict })] })
      res.status(201).json({ applicationId: id, status: 'registered' })
    } catch {
      res.status(500).end()
    }
  })
  const served = await serveOnLoopback(app)
  return {
    base: served.base,
    close: async () => {
      await served.close()
      try { await db.query(`DROP TABLE IF EXISTS ${table}`) } finally { await db.end() }
    },
  }
}
