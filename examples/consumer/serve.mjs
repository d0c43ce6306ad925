// Plain Node: the reference service from the installed @kezek/http, on an in-memory store, on a free port.
// Prints the URL, answers until it gets SIGTERM.
import { randomUUID } from 'node:crypto'
import { housingQueueAlmaty2012, kazakhstanNational } from '@kezek/domain'
import { openMemoryStore } from '@kezek/adapters'
import { createTestPki } from '@kezek/adapters/testing'
import * as http from '@kezek/http'

const pki = await createTestPki()
const store = openMemoryStore()
const app = http.createApp({
  store,
  verifier: http.xmlDsigVerifier({ current: () => ({ trust: pki.trust, crls: pki.crls }) }),
  resultSigner: http.keyResultSigner(() => ({ privateKey: pki.head.keys.privateKey, certificate: pki.head.certificate })),
  registries: http.tableRegistries({ persons: [], powersOfAttorney: [] }),
  providers: [{ id: 'almaty-housing', name: 'Almaty housing department', definition: housingQueueAlmaty2012, calendar: kazakhstanNational() }],
  auth: http.hmacAuthenticator('consumer-secret-0123456789abcdef', () => new Date()),
  clock: () => new Date(),
  ids: { next: randomUUID },
  logger: http.silentLogger,
})
const server = app.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`))
process.on('SIGTERM', async () => { server.close(); await app.close(); await store.close(); process.exit(0) })
