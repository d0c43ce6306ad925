/**
 * Node answers some requests before express sees them: a request line or header it cannot parse (400), headers past
 * its limit (431), a request that did not arrive in time (408). By default those answers are bare status lines; here
 * they are RFC 9457 problems like every other refusal. Attached to every server the app's `listen` creates.
 */
import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { problemBody, statusOfProblem } from '../problem/problem.js'
import { problem } from '../problem/problem.js'
import { problemKinds } from '../problem/catalogue.js'

const kindOf = (code: string | undefined) =>
  code === 'HPE_HEADER_OVERFLOW' ? 'headers-too-large' as const
    : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request-timeout' as const
      : 'bad-request' as const

export const answerClientErrors = (server: Server): Server => {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) { socket.destroy(); return }
    const p = problem(kindOf(err.code))
    const status = statusOfProblem(p)
    const body = JSON.stringify(problemBody(p, 'en'))
    socket.end(
      `HTTP/1.1 ${status} ${problemKinds[p.kind].title.en}\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Content-Language: en\r\nConnection: close\r\n\r\n' + body,
    )
  })
  return server
}
