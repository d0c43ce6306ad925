/**
 * The shared store contract against a real EventStoreDB / KurrentDB server, when one is configured:
 *
 *   EVENTSTORE_CONNECTION_STRING='esdb://127.0.0.1:2113?tls=false' pnpm test
 *
 * No server can run on the machines this project is developed and tested on, so without the variable the suite
 * prints a NOT RUN line (never a silent pass). The port ↔ client mapping is tested without a server in
 * `mapping.test.ts`; the test below checks, over a real socket, that an unreachable server is an exception
 * (nothing written, nothing decided), never a typed domain outcome.
 */
import { randomUUID } from 'node:crypto'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { connectEventStoreDb } from '../../src/store/eventstoredb/index.js'
import { storeContract } from '../store/contract.js'

const connection = process.env.EVENTSTORE_CONNECTION_STRING

if (connection === undefined || connection === '') {
  console.log('  ⚠ EventStoreDB contract suite: NOT RUN (EVENTSTORE_CONNECTION_STRING not set; no server on this machine)')
} else {
  // One namespace per run: the server is shared and never reset, and the restart test reopens the same streams.
  const namespace = `kezek-contract-${randomUUID()}/`
  console.log(`  EventStoreDB contract suite: running against ${connection.replace(/\/\/[^@]*@/, '//***@')} in ${namespace}`)
  storeContract('eventstoredb', async () => {
    const store = connectEventStoreDb(connection, { namespace })
    return { store, close: () => store.close() }
  }).run()
}

test('an unreachable server is an exception, not a conflict or a missing stream', async () => {
  // Port 1 on loopback: the connection is refused at once, over a real socket.
  const store = connectEventStoreDb('esdb://127.0.0.1:1?tls=false', {})
  let append: unknown
  try {
    await store.append('s', [{ id: randomUUID(), type: 'T', data: {}, metadata: null }], { expected: 'any' })
  } catch (e) {
    append = e
  }
  assert.instance(append, Error)
  assert.match((append as Error).message, /UNAVAILABLE|ECONNREFUSED/)
  let read: unknown
  try {
    await store.readStream('s')
  } catch (e) {
    read = e
  }
  assert.instance(read, Error, 'a failed read is not stream_not_found')
  await store.close()
})

test.run()
