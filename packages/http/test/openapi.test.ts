/**
 * The OpenAPI document describes exactly the routes express registered: same paths, same methods, no more, no
 * less; and it is an OpenAPI 3.1 document whose operations all declare responses.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { openMemoryStore } from '@kezek/adapters'
import { openApiDocument } from '../src/index.js'
import { call, startServer } from './harness.js'

interface Layer {
  readonly route?: { readonly path: string; readonly methods: Readonly<Record<string, boolean>> }
  readonly handle?: { readonly stack?: readonly Layer[] }
}

const registered = (stack: readonly Layer[]): string[] =>
  stack.flatMap((layer) => {
    if (layer.route !== undefined)
      return Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m]).map((m) => `${m.toUpperCase()} ${layer.route?.path}`)
    return layer.handle?.stack === undefined ? [] : registered(layer.handle.stack)
  })

const toExpress = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1')

test('every registered route is documented and every documented route is registered', async () => {
  const store = openMemoryStore()
  // The HTML pages are not part of the JSON API (docs/pages.md describes them): the API's routes alone.
  const r = await startServer(store, { pages: false })
  try {
    const routes = registered((r.app as unknown as { router: { stack: Layer[] } }).router.stack).sort()
    const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { responses?: object }>> }
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${toExpress(path)}`))
      .sort()
    assert.ok(routes.length >= 20, `found ${routes.length} routes`)
    assert.equal(documented, routes)
    assert.is(doc.openapi, '3.1.0')
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops)) assert.ok(op.responses !== undefined && Object.keys(op.responses).length > 0, `${m} ${path}`)
    const served = await call(r.url, 'GET', '/openapi.json')
    assert.is(served.status, 200)
    assert.equal(served.body, JSON.parse(JSON.stringify(doc)))
  } finally {
    await r.stop()
    await store.close()
  }
})

test.run()
