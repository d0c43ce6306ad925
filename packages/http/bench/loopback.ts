/** An app served on a free loopback port for a benchmark: its base URL, and a close that drops kept-alive sockets. */
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'

export interface Served {
  readonly base: string
  readonly close: () => Promise<void>
}

export const serveOnLoopback = async (app: { readonly listen: (port: number, host: string, ready: () => void) => Server }): Promise<Served> => {
  const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)) })
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      // The load client's keep-alive sockets would hold `close` open until they time out.
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    },
  }
}
