/**
 * The benchmark's load client, run in a worker thread (plain CommonJS: a worker needs no loader for it).
 *
 * Closed loop: `connections` keep-alive sockets, one request in flight on each. Each request is serialised to bytes
 * once, before the clock starts, and a response is read only as far as its status line and its length. The client
 * shares the machine's two cores with the service and PostgreSQL, so whatever it spends is taken from what it
 * measures: `node:http`'s client (request objects, header parsing, streams) cost 0.15–0.23 ms of CPU per signed
 * submission, about a tenth of all the machine did for one; this costs 0.07–0.13 ms (issue 19, stop 19).
 *
 * workerData: { base, seconds, connections, requests: [{ method, path, headers, body? }], expect, once }
 * Posts { ready: true } when the requests are serialised and waits for a message to start; then posts { latencies (ms, of the requests answered with `expect`), errors, elapsed (s), cpuMs (this thread's CPU while it ran; Linux only) }.
 */
'use strict'
const { parentPort, workerData } = require('node:worker_threads')
const net = require('node:net')

const { base, seconds, connections, requests, expect, once } = workerData
const url = new URL(base)
const HEAD_END = Buffer.from('\r\n\r\n')
const LAST_CHUNK = Buffer.from('0\r\n\r\n')

const wire = requests.map((r) => {
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body)
  let head = `${r.method} ${r.path} HTTP/1.1\r\nhost: ${url.host}\r\n`
  for (const [k, v] of Object.entries(r.headers)) head += `${k}: ${v}\r\n`
  head += `content-length: ${body.length}\r\n\r\n`
  return Buffer.concat([Buffer.from(head, 'latin1'), body])
})

/**
 * Where the response in `buf` ends, or -1 while it is incomplete. A body is delimited by Content-Length (express's
 * `send`) or by chunked encoding; the answer's status and whether the server will close the socket come with it.
 */
const parse = (buf) => {
  const headEnd = buf.indexOf(HEAD_END)
  if (headEnd < 0) return undefined
  const head = buf.toString('latin1', 0, headEnd)
  const status = Number(head.slice(9, 12))
  const closes = /\r\nconnection: *close/i.test(head)
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)
  if (length !== null) {
    const end = headEnd + 4 + Number(length[1])
    return buf.length < end ? undefined : { status, closes }
  }
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    // One response in flight and no trailers: the message ends with the last, empty chunk.
    return buf.subarray(-LAST_CHUNK.length).equals(LAST_CHUNK) ? { status, closes } : undefined
  }
  return { status, closes: true }
}

/** One socket, reopened when the server closes it; `send` resolves with the status (0: no answer). */
const connection = () => {
  let socket
  let buf = null
  let waiting = null
  const answer = (status) => {
    const w = waiting
    waiting = null
    buf = null
    if (w !== null) w(status)
  }
  const open = () => new Promise((resolve) => {
    const own = net.connect(Number(url.port), url.hostname, () => resolve(true))
    socket = own
    own.setNoDelay(true)
    own.on('data', (chunk) => {
      buf = buf === null ? chunk : Buffer.concat([buf, chunk])
      const r = parse(buf)
      if (r === undefined) return
      if (r.closes) drop(own)
      answer(r.status)
    })
    own.on('error', () => resolve(false))
    own.on('close', () => { if (socket === own) { socket = undefined; answer(0) } })
  })
  /** The next request opens a socket of its own; this one's late events are ignored. */
  const drop = (own) => {
    if (socket === own) socket = undefined
    own.destroy()
  }
  return {
    send: async (bytes) => {
      if (socket === undefined && !(await open())) return 0
      const s = socket
      if (s === undefined) return 0
      return new Promise((resolve) => {
        waiting = resolve
        s.write(bytes)
      })
    },
    close: () => { if (socket !== undefined) drop(socket) },
  }
}

/**
 * This thread's CPU time in ms (user + system), on Linux; undefined elsewhere. As `threadCpuMs` in http.bench.ts:
 * this file is plain CommonJS so that the worker needs no loader, and cannot import it.
 */
const threadCpuMs = () => {
  if (process.platform !== 'linux') return undefined
  try {
    const stat = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return undefined
  }
}

const run = async () => {
  const cpu0 = threadCpuMs()
  const latencies = []
  let errors = 0
  let next = 0
  const started = performance.now()
  const end = started + seconds * 1000
  const conns = Array.from({ length: connections }, connection)
  await Promise.all(conns.map(async (c) => {
    while (performance.now() < end && !(once && next >= wire.length)) {
      const bytes = wire[next++ % wire.length]
      const sent = performance.now()
      const status = await c.send(bytes)
      if (status === expect) latencies.push(performance.now() - sent)
      else errors++
    }
  }))
  for (const c of conns) c.close()
  const cpu1 = threadCpuMs()
  const cpuMs = cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0
  parentPort.postMessage({ latencies, errors, elapsed: (performance.now() - started) / 1000, cpuMs })
}

// Ready once the requests are bytes; the clock (and the CPU the parent counts) starts at its go.
parentPort.once('message', () => { run() })
parentPort.postMessage({ ready: true })
